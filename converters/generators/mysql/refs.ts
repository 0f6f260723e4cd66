import type { CatalogObject, ObjectKind, ObjectRef, QualifiedName } from '../../model/index.js';
import { objectRef, refKey } from '../../model/index.js';

/** The `type` of an object's ObjectRef, shared by the rules (source refs) and the generator (target refs). */
const REF_TYPE: Record<ObjectKind, (o: never) => string> = {
  Schema: () => 'schema',
  Table: () => 'table',
  View: (o: { materialized?: boolean }) => (o.materialized ? 'materialized view' : 'view'),
  Index: () => 'index',
  Sequence: () => 'sequence',
  Trigger: () => 'trigger',
  Routine: (o: { routineKind: string }) => o.routineKind,
  Package: () => 'package',
  Domain: () => 'domain',
  EnumType: () => 'type',
  CompositeType: () => 'type',
  CollectionType: () => 'type',
  Synonym: () => 'synonym',
  Event: () => 'event',
  Comment: () => 'comment',
  DataScript: () => 'data',
  UnparsedObject: (o: { objectType?: string }) => o.objectType ?? 'statement',
};

export function refTypeOf(o: CatalogObject): string {
  return (REF_TYPE[o.kind] as (x: CatalogObject) => string)(o);
}

/** Name used in an object's ref; indexes are per table in MySQL, so the table is part of it. */
export function refNameOf(o: CatalogObject): QualifiedName {
  switch (o.kind) {
    case 'Index': return { schema: o.table.schema, name: `${o.table.name}.${o.name}` };
    case 'Comment': return { schema: o.target.name.schema, name: `${o.target.name.name}${o.target.column ? `.${o.target.column}` : ''}` };
    case 'DataScript': return o.table;
    case 'UnparsedObject': return o.name ?? { name: `line ${o.span.line}` };
    default: return o.name;
  }
}

export function refOf(o: CatalogObject): ObjectRef {
  return objectRef(refTypeOf(o), refNameOf(o));
}

/** The ref a rule diagnostic about `o` carries: its origin when a rule renamed it. */
export function sourceRefOf(o: CatalogObject): ObjectRef {
  return o.origin ?? refOf(o);
}

export const tableKey = (q: QualifiedName): string => refKey(objectRef('table', q));

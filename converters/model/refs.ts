import type { CatalogObject, ObjectKind } from './catalog.js';
import type { ObjectRef } from './diagnostics.js';
import { objectRef } from './diagnostics.js';

const REF_TYPE: Record<ObjectKind, string> = {
  Schema: 'Schema', Table: 'Table', View: 'View', Index: 'Index', Sequence: 'Sequence', Trigger: 'Trigger', Routine: 'Routine',
  Package: 'Package', Domain: 'Type', EnumType: 'Type', CompositeType: 'Type', CollectionType: 'Type', Synonym: 'Synonym', Event: 'Event',
  Comment: 'Comment', DataScript: 'Data', UnparsedObject: 'Statement',
};

/**
 * The ref a catalog object is known by when nothing renamed it: rules file findings under it and
 * generators report it as `ConvertedObject.source`, so both sides must compute it the same way.
 */
export function catalogObjectRef(o: CatalogObject): ObjectRef {
  switch (o.kind) {
    case 'Index': return objectRef('Index', { schema: o.table.schema, name: o.name });
    case 'Comment': return objectRef('Comment', o.target.name);
    case 'DataScript': return objectRef('Data', o.table);
    case 'UnparsedObject': return { type: o.objectType ?? 'Statement', name: o.name?.name ?? `line ${o.span.line}` };
    case 'Routine': return objectRef(o.routineKind === 'procedure' ? 'Procedure' : 'Function', o.name);
    default: return objectRef(REF_TYPE[o.kind], o.name);
  }
}

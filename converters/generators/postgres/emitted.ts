import type { Catalog, ConvertOptions, ConvertedObject, ObjectRef, QualifiedName, Table, DataType } from '../../model/index.js';
import { qnameKey, refKey } from '../../model/index.js';
import { lowerCase } from '../../rules/common/identifiers.js';

/** What an emitter returns; index.ts adds source, span, diagnostics and status. */
export interface Emitted {
  ref: ObjectRef;
  statements: string[];
  dependsOn: string[];
  category: ConvertedObject['category'];
  /** Emitted after all data (foreign keys), so load order and cycles never matter. */
  late?: boolean;
  notConverted?: boolean;
}

/** Read-only facts about the whole catalog that emitters need. */
export class GenEnv {
  private byKey: Map<string, Table> | undefined;
  /** Tables the catalog loads data into. */
  readonly loaded = new Set<string>();
  constructor(readonly catalog: Catalog, readonly options: ConvertOptions) {
    const objects = catalog.objects;
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i]!;
      if (o.kind === 'DataScript') this.loaded.add(qnameKey(o.table));
    }
  }

  /** Tables by qnameKey; built on first use (only data scripts look tables up). */
  get tables(): Map<string, Table> {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const o of this.catalog.objects) if (o.kind === 'Table') this.byKey.set(qnameKey(o.name), o);
    }
    return this.byKey;
  }

  isLoaded(table: QualifiedName): boolean {
    return this.loaded.size > 0 && this.loaded.has(qnameKey(table));
  }
}

export const ref = (type: string, q: QualifiedName): ObjectRef => (q.schema ? { type, schema: q.schema, name: q.name } : { type, name: q.name });
/** `Type:.` starts of keys without a schema, one per type word (the words are the generator's own). */
const NO_SCHEMA = new Map<string, string>();

/** refKey(ref(type, q)), without the ref or copies of lower-case names. */
export function keyOf(type: string, q: QualifiedName): string {
  if (q.schema) return `${type}:${lowerCase(q.schema)}.${lowerCase(q.name)}`;
  let start = NO_SCHEMA.get(type);
  if (start === undefined) NO_SCHEMA.set(type, (start = `${type}:.`));
  return start + lowerCase(q.name);
}
export const schemaKey = (q: QualifiedName): string[] => (q.schema ? [refKey({ type: 'Schema', name: q.schema })] : []);

/** User types (enum/domain/composite) a data type needs first. */
export const typeDeps = (t: DataType | undefined): string[] => (t?.name === 'user' && t.userType ? [keyOf('Type', t.userType)] : []);

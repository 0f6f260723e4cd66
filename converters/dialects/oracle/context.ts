import type {
  CatalogObject, Diagnostic, DiagnosticDef, Index, ObjectKind, ObjectRef, QualifiedName, SourceSpan,
} from '../../model/index.js';
import { diagnostic, objectRef, withSchema } from '../../model/index.js';

/** Report type names per catalog object kind. */
export const OBJECT_TYPE: Record<ObjectKind, string> = {
  Schema: 'schema', Table: 'table', View: 'view', Index: 'index', Sequence: 'sequence', Trigger: 'trigger',
  Routine: 'routine', Package: 'package', Domain: 'domain', EnumType: 'type', CompositeType: 'type', CollectionType: 'type',
  Synonym: 'synonym', Event: 'event', Comment: 'comment', DataScript: 'data', UnparsedObject: 'unparsed',
};

/** Oracle namespaces: tables, views, sequences, synonyms, packages, routines and types share one per schema; indexes, triggers their own. */
function namespaceOf(kind: ObjectKind): string {
  switch (kind) {
    case 'Index': return 'index';
    case 'Trigger': return 'trigger';
    case 'Schema': return 'schema';
    case 'Comment': case 'DataScript': case 'UnparsedObject': return '';
    default: return 'obj';
  }
}

/**
 * State shared while parsing the files of one run (one per parse). Names are as Oracle sees
 * them: unquoted names upper case. `defaultSchema` follows CONNECT and ALTER SESSION SET CURRENT_SCHEMA.
 */
export class OraContext {
  readonly objects: CatalogObject[] = [];
  readonly diagnostics: Diagnostic[] = [];
  file = '';
  defaultSchema: string | undefined;
  /** Per-run counts of statements ignored on purpose, reported once at the end. */
  ignoredPrivileges = 0;
  firstIgnoredSpan: SourceSpan | undefined;
  dropsOfUnknown = 0;
  firstDropSpan: SourceSpan | undefined;
  topLevelQueries = 0;
  firstQuerySpan: SourceSpan | undefined;
  private readonly byKey = new Map<string, CatalogObject>();
  private readonly live = new Set<CatalogObject>();
  /** Live indexes by their table's name, in the order they were added (an index's table never changes after add). */
  private readonly indexesByTable = new Map<string, Set<Index>>();

  constructor(defaultSchema?: string) {
    this.defaultSchema = defaultSchema;
  }

  diag(def: DiagnosticDef, span: SourceSpan, message: string, object?: ObjectRef): void {
    this.diagnostics.push(diagnostic(def, span, message, object));
  }

  ref(type: string, name: QualifiedName): ObjectRef {
    return objectRef(type, name);
  }

  /** Fills the current schema into an unqualified name (when one is known). */
  qualify(name: QualifiedName): QualifiedName {
    if (name.schema || !this.defaultSchema) return name;
    return withSchema(name, this.defaultSchema);
  }

  private key(ns: string, name: QualifiedName): string {
    return `${ns}|${name.schema ?? this.defaultSchema ?? ''}|${name.name}`;
  }

  private objectKey(o: CatalogObject): string | undefined {
    const ns = namespaceOf(o.kind);
    if (!ns) return undefined;
    if (o.kind === 'Index') return this.key(ns, { ...(o.table.schema ? { schema: o.table.schema } : {}), name: o.name });
    if (o.kind === 'Routine' && o.packageName) return undefined;
    if (o.kind === 'Comment' || o.kind === 'DataScript' || o.kind === 'UnparsedObject') return undefined;
    return this.key(ns, o.name);
  }

  /** Adds an object; a later definition of the same name (CREATE OR REPLACE) replaces the earlier one. */
  add(o: CatalogObject): void {
    const k = this.objectKey(o);
    const prev = k ? this.byKey.get(k) : undefined;
    if (prev && prev !== o && this.live.has(prev)) this.remove(prev);
    this.objects.push(o);
    this.live.add(o);
    if (k) this.byKey.set(k, o);
    if (o.kind === 'Index') {
      let set = this.indexesByTable.get(o.table.name);
      if (!set) this.indexesByTable.set(o.table.name, (set = new Set()));
      set.add(o);
    }
  }

  remove(o: CatalogObject): void {
    const i = this.objects.lastIndexOf(o);
    if (i >= 0) this.objects.splice(i, 1);
    this.live.delete(o);
    const k = this.objectKey(o);
    if (k && this.byKey.get(k) === o) this.byKey.delete(k);
    if (o.kind === 'Index') this.indexesByTable.get(o.table.name)?.delete(o);
  }

  /** Live indexes on tables of this name (any schema: callers compare it), oldest first. */
  indexesOn(tableName: string): Iterable<Index> {
    return this.indexesByTable.get(tableName) ?? [];
  }

  /** A table, view, sequence, synonym, package, routine or type by name (schema defaults to the current one). */
  find(name: QualifiedName): CatalogObject | undefined {
    const o = this.byKey.get(this.key('obj', name));
    return o && this.live.has(o) ? o : undefined;
  }

  findIndex(name: QualifiedName): CatalogObject | undefined {
    const o = this.byKey.get(this.key('index', name));
    return o && this.live.has(o) ? o : undefined;
  }

  findTrigger(name: QualifiedName): CatalogObject | undefined {
    const o = this.byKey.get(this.key('trigger', name));
    return o && this.live.has(o) ? o : undefined;
  }
}

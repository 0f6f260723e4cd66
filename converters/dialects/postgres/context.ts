import type {
  CatalogObject, Diagnostic, DiagnosticDef, ObjectKind, QualifiedName, SourceSpan,
} from '../../model/index.js';
import { diagnostic, objectRef, withSchema } from '../../model/index.js';
import { PG } from './codes.js';

/** Report type names per catalog object kind (what diagnostics and the report call them). */
export const OBJECT_TYPE: Record<ObjectKind, string> = {
  Schema: 'schema', Table: 'table', View: 'view', Index: 'index', Sequence: 'sequence', Trigger: 'trigger',
  Routine: 'routine', Package: 'package', Domain: 'domain', EnumType: 'type', CompositeType: 'type', CollectionType: 'type',
  Synonym: 'synonym', Event: 'event', Comment: 'comment', DataScript: 'data', UnparsedObject: 'unparsed',
};

type Named = Extract<CatalogObject, { name: QualifiedName }>;

function hasName(o: CatalogObject): o is Named {
  return o.kind !== 'Index' && o.kind !== 'DataScript' && o.kind !== 'Comment' && o.kind !== 'UnparsedObject' && 'name' in o && !!o.name && typeof o.name === 'object';
}

/** Lookup namespace: PostgreSQL tables, views, sequences, indexes share one (pg_class); types another. */
function namespaceOf(kind: ObjectKind): string {
  switch (kind) {
    case 'Table': case 'View': case 'Sequence': case 'Index': return 'rel';
    case 'Domain': case 'EnumType': case 'CompositeType': return 'type';
    case 'Routine': return 'routine';
    case 'Trigger': return 'trigger';
    case 'Schema': return 'schema';
    default: return kind;
  }
}

/** State shared while parsing the files of one run: the catalog in source order and lookups. */
export class PgContext {
  readonly objects: CatalogObject[] = [];
  readonly diagnostics: Diagnostic[] = [];
  defaultSchema: string | undefined;
  file = '';
  private readonly byKey = new Map<string, CatalogObject>();
  /** Unqualified lookups when the script never set a schema: namespace|name → last object. */
  private readonly byBareName = new Map<string, CatalogObject>();
  /** Membership of `objects`, so lookups and replacements stay O(1) on large scripts. */
  private readonly live = new Set<CatalogObject>();
  /** GRANT/REVOKE/OWNER counts per file, reported once per file. */
  ignoredPrivileges = 0;
  firstIgnoredSpan: SourceSpan | undefined;

  constructor(defaultSchema?: string) {
    this.defaultSchema = defaultSchema;
  }

  diag(def: DiagnosticDef, span: SourceSpan, message?: string, object?: { type: string; name: QualifiedName }): void {
    this.diagnostics.push(diagnostic(def, span, message, object ? objectRef(object.type, object.name) : undefined));
  }

  /** Fills the default schema into an unqualified name (search_path head, when one is known). */
  qualify(name: QualifiedName): QualifiedName {
    if (name.schema || !this.defaultSchema) return name;
    return withSchema(name, this.defaultSchema);
  }

  private key(ns: string, name: QualifiedName, extra = ''): string {
    const schema = name.schema ?? this.defaultSchema ?? '';
    return `${ns}|${schema}|${name.name}|${extra}`;
  }

  private objectKey(o: CatalogObject): string | undefined {
    if (o.kind === 'Index') return this.key('rel', { ...(o.table.schema ? { schema: o.table.schema } : {}), name: o.name });
    if (o.kind === 'Trigger') return this.key('trigger', o.name, `${o.table.schema ?? ''}.${o.table.name}`);
    if (o.kind === 'Routine') return this.key('routine', o.name, o.params.filter((p) => p.mode !== 'out').map((p) => p.dataType.sourceText.toLowerCase()).join(','));
    if (o.kind === 'Schema') return this.key('schema', { name: o.name.name, schema: '' });
    if (!hasName(o)) return undefined;
    return this.key(namespaceOf(o.kind), o.name);
  }

  add(o: CatalogObject): void {
    const k = this.objectKey(o);
    const prev = k ? this.byKey.get(k) : undefined;
    if (prev && prev !== o && this.live.has(prev)) {
      // CREATE OR REPLACE (or a repeated CREATE): PostgreSQL keeps the last definition
      const i = this.objects.lastIndexOf(prev);
      this.objects.splice(i, 1);
      this.live.delete(prev);
      if (o.kind !== 'DataScript' && o.kind !== 'UnparsedObject' && o.kind !== 'Comment' && !('orReplace' in o && o.orReplace)) {
        this.diagnostics.push(diagnostic(PG.replaced, o.span, `${OBJECT_TYPE[o.kind]} ${k!.split('|')[2]} is defined again; the earlier definition (line ${prev.span.line}) is replaced`));
      }
    }
    this.objects.push(o);
    this.live.add(o);
    if (k) this.byKey.set(k, o);
    if (hasName(o) || o.kind === 'Index') this.byBareName.set(`${namespaceOf(o.kind)}|${o.name && typeof o.name === 'object' ? o.name.name : o.name}`, o);
  }

  /** Finds a relation (table/view/sequence/index) by name. */
  findRelation(name: QualifiedName): CatalogObject | undefined {
    return this.byKey.get(this.key('rel', name)) ?? (name.schema ? undefined : this.findUnqualified('rel', name.name));
  }

  findType(name: QualifiedName): CatalogObject | undefined {
    return this.byKey.get(this.key('type', name)) ?? (name.schema ? undefined : this.findUnqualified('type', name.name));
  }

  /** Routines by name (any signature); the last one defined wins. */
  findRoutines(name: QualifiedName): CatalogObject[] {
    const out: CatalogObject[] = [];
    for (const o of this.objects) {
      if (o.kind === 'Routine' && o.name.name === name.name && (!name.schema || (o.name.schema ?? this.defaultSchema) === name.schema)) out.push(o);
    }
    return out;
  }

  findTrigger(name: string, table: QualifiedName): CatalogObject | undefined {
    return this.byKey.get(this.key('trigger', { name }, `${table.schema ?? ''}.${table.name}`));
  }

  findSchema(name: string): CatalogObject | undefined {
    return this.byKey.get(this.key('schema', { name, schema: '' }));
  }

  private findUnqualified(ns: string, name: string): CatalogObject | undefined {
    const o = this.byBareName.get(`${ns}|${name}`);
    return o && this.live.has(o) ? o : undefined;
  }

  remove(o: CatalogObject): void {
    const i = this.objects.lastIndexOf(o);
    if (i >= 0) this.objects.splice(i, 1);
    this.live.delete(o);
    const k = this.objectKey(o);
    if (k && this.byKey.get(k) === o) this.byKey.delete(k);
  }

  /** Re-keys an object after its name changed (ALTER … RENAME TO). */
  rekey(o: CatalogObject, oldKey: string | undefined): void {
    if (oldKey && this.byKey.get(oldKey) === o) this.byKey.delete(oldKey);
    const k = this.objectKey(o);
    if (k) this.byKey.set(k, o);
  }

  keyOf(o: CatalogObject): string | undefined {
    return this.objectKey(o);
  }
}

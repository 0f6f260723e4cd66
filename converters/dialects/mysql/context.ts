import type {
  CatalogObject, DataScript, Delete, Diagnostic, DiagnosticDef, Insert, ObjectRef, QualifiedName, SourceSpan, Update,
} from '../../model/index.js';
import { diagnostic, qnameKey, withSchema } from '../../model/index.js';
import type { Dialect, MysqlDialectOptions } from '../common/dialect.js';
import { TokenArena } from '../common/token-arena.js';
import { MYSQL } from './tokenizer.js';

/** Report types of catalog objects, as diagnostics name them. */
export const OBJECT_TYPE: Record<CatalogObject['kind'], string> = {
  Schema: 'schema', Table: 'table', View: 'view', Index: 'index', Sequence: 'sequence', Trigger: 'trigger',
  Routine: 'routine', Package: 'package', Domain: 'domain', EnumType: 'type', CompositeType: 'type', CollectionType: 'type', Synonym: 'synonym',
  Event: 'event', Comment: 'comment', DataScript: 'data', UnparsedObject: 'statement',
};

function nameOf(o: CatalogObject): QualifiedName | undefined {
  switch (o.kind) {
    case 'Comment': return o.target.name;
    case 'DataScript': return o.table;
    case 'UnparsedObject': return o.name;
    case 'Index': return o.table.schema ? { schema: o.table.schema, name: o.name } : { name: o.name };
    default: return o.name;
  }
}

export function refOf(o: CatalogObject): ObjectRef | undefined {
  const n = nameOf(o);
  if (!n) return undefined;
  const type = o.kind === 'Routine' ? o.routineKind : o.kind === 'UnparsedObject' ? (o.objectType ?? 'statement') : OBJECT_TYPE[o.kind];
  return n.schema ? { schema: n.schema, name: n.name, type } : { name: n.name, type };
}

/** State of one front-end run: the catalog being built, the USE'd schema, findings. */
export class MyContext {
  readonly objects: CatalogObject[] = [];
  readonly diagnostics: Diagnostic[] = [];
  file = '';
  /** Schema set by USE (or the caller's default) for unqualified names. */
  schema: string | undefined;
  dialect: Dialect = MYSQL;
  /** The source server's version rules (version comments), from options or a dump header. */
  server: MysqlDialectOptions = {};
  /** sql_mode as set by the script so far ('' = the server default, which reads like MYSQL). */
  sqlMode = '';
  readonly savedSqlModes = new Map<string, string>();
  ignoredPrivileges = 0;
  /** Invalid characters are reported once per file. */
  notTextReported = false;
  firstIgnoredSpan: SourceSpan | undefined;
  /** The object whose body is being parsed, for diagnostics inside it. */
  current: ObjectRef | undefined;
  /** Token objects, token list and interned words the statements' tokenizer reuses (see parseScriptStatement); undefined while in use. */
  tokenPool: TokenArena | undefined = new TokenArena();

  constructor(defaultSchema?: string) {
    this.schema = defaultSchema;
  }

  diag(def: DiagnosticDef, span: SourceSpan, message?: string, object?: ObjectRef): void {
    this.diagnostics.push(diagnostic(def, span, message, object ?? this.current));
  }

  /** Unqualified names take the current schema. */
  qualify(name: QualifiedName): QualifiedName {
    if (name.schema || !this.schema) return name;
    return withSchema(name, this.schema);
  }

  /**
   * Objects by kind + qualified name (kind → lower-case schema → lower-case name, as qnameKey
   * compares them; no key string per lookup), so lookups stay O(1) on scripts with thousands of objects.
   */
  private readonly byKey = new Map<string, Map<string, Map<string, CatalogObject[]>>>();

  /** The list for kind + name (the name qualified by the current schema); with `add`, `add` is appended (to a new list if none). */
  private listFor(kind: string, name: QualifiedName, add?: CatalogObject): CatalogObject[] | undefined {
    const create = add !== undefined;
    let bySchema = this.byKey.get(kind);
    if (!bySchema) { if (!create) return undefined; bySchema = new Map(); this.byKey.set(kind, bySchema); }
    let schema = (name.schema || this.schema || '').toLowerCase();
    let n = name.name.toLowerCase();
    // qnameKey joins schema and name with '.': a.b + c and a + b.c are the same key.
    const dot = schema.indexOf('.');
    if (dot >= 0) { n = `${schema.slice(dot + 1)}.${n}`; schema = schema.slice(0, dot); }
    let byName = bySchema.get(schema);
    if (!byName) { if (!create) return undefined; byName = new Map(); bySchema.set(schema, byName); }
    const list = byName.get(n);
    if (add !== undefined) { if (list) list.push(add); else byName.set(n, [add]); }
    return list;
  }

  private listOf(o: CatalogObject, add: boolean): CatalogObject[] | undefined {
    const n = nameOf(o);
    return n ? this.listFor(o.kind, n, add ? o : undefined) : undefined;
  }

  add(o: CatalogObject): void {
    this.objects.push(o);
    this.listOf(o, true);
  }

  find<K extends CatalogObject['kind']>(kind: K, name: QualifiedName, routineKind?: 'procedure' | 'function'): Extract<CatalogObject, { kind: K }> | undefined {
    const list = this.listFor(kind, name);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const o = list[i]!;
      if (routineKind && o.kind === 'Routine' && o.routineKind !== routineKind) continue;
      return o as Extract<CatalogObject, { kind: K }>;
    }
    return undefined;
  }

  /** Removes objects parsed earlier (DROP … in drop-then-create scripts); returns how many. */
  remove(kind: CatalogObject['kind'], name: QualifiedName, filter: (o: CatalogObject) => boolean = () => true): number {
    const list = this.listFor(kind, name);
    if (!list || list.length === 0) return 0;
    let removed = 0;
    for (const o of [...list]) {
      if (!filter(o)) continue;
      this.removeObject(o);
      removed++;
    }
    return removed;
  }

  /** Removes one object (from the catalog and the lookup index). */
  removeObject(o: CatalogObject): void {
    const i = this.objects.lastIndexOf(o);
    if (i >= 0) this.objects.splice(i, 1);
    const list = this.listOf(o, false);
    if (!list) return;
    const j = list.indexOf(o);
    if (j >= 0) list.splice(j, 1);
  }

  /** Renames an object in place, keeping the lookup index right. */
  rename(o: CatalogObject, apply: () => void): void {
    const list = this.listOf(o, false);
    if (list) { const j = list.indexOf(o); if (j >= 0) list.splice(j, 1); }
    apply();
    this.listOf(o, true);
  }

  /** Appends a data statement, merged into the previous DataScript when it targets the same table. */
  addData(stmt: Insert | Update | Delete, table: QualifiedName, rows: number, span: SourceSpan): void {
    const last = this.objects[this.objects.length - 1];
    const q = this.qualify(table);
    if (last && last.kind === 'DataScript' && qnameKey(last.table) === qnameKey(q)) {
      last.statements.push(stmt);
      last.rowCount += rows;
      last.span = { ...last.span, endLine: span.endLine, endColumn: span.endColumn, ...(span.endOffset !== undefined ? { endOffset: span.endOffset } : {}) };
      return;
    }
    const ds: DataScript = { kind: 'DataScript', table: q, statements: [stmt], rowCount: rows, span };
    this.add(ds);
  }
}

import type {
  CatalogObject, DataScript, Delete, Diagnostic, DiagnosticDef, Insert, ObjectRef, QualifiedName, SourceSpan, Update,
} from '../../model/index.js';
import { diagnostic, qnameKey } from '../../model/index.js';
import type { Dialect, MysqlDialectOptions } from '../common/index.js';
import { MYSQL } from './tokenizer.js';

/** Report types of catalog objects, as diagnostics name them. */
export const OBJECT_TYPE: Record<CatalogObject['kind'], string> = {
  Schema: 'schema', Table: 'table', View: 'view', Index: 'index', Sequence: 'sequence', Trigger: 'trigger',
  Routine: 'routine', Package: 'package', Domain: 'domain', EnumType: 'type', CompositeType: 'type', Synonym: 'synonym',
  Event: 'event', Comment: 'comment', DataScript: 'data', UnparsedObject: 'statement',
};

function nameOf(o: CatalogObject): QualifiedName | undefined {
  switch (o.kind) {
    case 'Comment': return o.target.name;
    case 'DataScript': return o.table;
    case 'UnparsedObject': return o.name;
    case 'Index': return { ...(o.table.schema ? { schema: o.table.schema } : {}), name: o.name };
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

  constructor(defaultSchema?: string) {
    this.schema = defaultSchema;
  }

  diag(def: DiagnosticDef, span: SourceSpan, message?: string, object?: ObjectRef): void {
    this.diagnostics.push(diagnostic(def, span, message, object ?? this.current));
  }

  /** Unqualified names take the current schema. */
  qualify(name: QualifiedName): QualifiedName {
    if (name.schema || !this.schema) return name;
    return { ...name, schema: this.schema };
  }

  add(o: CatalogObject): void {
    this.objects.push(o);
  }

  private key(kind: string, name: QualifiedName): string { return `${kind}:${qnameKey(this.qualify(name))}`; }

  find<K extends CatalogObject['kind']>(kind: K, name: QualifiedName, routineKind?: 'procedure' | 'function'): Extract<CatalogObject, { kind: K }> | undefined {
    const k = this.key(kind, name);
    for (let i = this.objects.length - 1; i >= 0; i--) {
      const o = this.objects[i]!;
      if (o.kind !== kind) continue;
      if (routineKind && o.kind === 'Routine' && o.routineKind !== routineKind) continue;
      const n = nameOf(o);
      if (n && this.key(kind, n) === k) return o as Extract<CatalogObject, { kind: K }>;
    }
    return undefined;
  }

  /** Removes objects parsed earlier (DROP … in drop-then-create scripts); returns how many. */
  remove(kind: CatalogObject['kind'], name: QualifiedName, filter: (o: CatalogObject) => boolean = () => true): number {
    const k = this.key(kind, name);
    let removed = 0;
    for (let i = this.objects.length - 1; i >= 0; i--) {
      const o = this.objects[i]!;
      if (o.kind !== kind || !filter(o)) continue;
      const n = nameOf(o);
      if (n && this.key(kind, n) === k) { this.objects.splice(i, 1); removed++; }
    }
    return removed;
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
    this.objects.push(ds);
  }
}

import type {
  CatalogObject, DataScript, Diagnostic, DiagnosticDef, Insert, ObjectRef, QualifiedName, SourceSpan,
} from '../../model/index.js';
import { diagnostic, qnameKey, withSchema } from '../../model/index.js';
import type { Dialect } from '../common/dialect.js';
import { tsqlDialect } from './tokenizer.js';

function nameOf(o: CatalogObject): QualifiedName | undefined {
  switch (o.kind) {
    case 'Comment': return o.target.name;
    case 'DataScript': return o.table;
    case 'UnparsedObject': return o.name;
    case 'Index': return { ...(o.table.schema ? { schema: o.table.schema } : {}), name: o.name };
    default: return o.name;
  }
}

/**
 * State of one T-SQL front-end run: catalog being built, the USE'd database, session settings
 * that change how later batches read (QUOTED_IDENTIFIER, IDENTITY_INSERT), SQLCMD variables.
 * SQL Server compares names case-insensitively (default collation), so lookups ignore case.
 */
export class TsContext {
  readonly objects: CatalogObject[] = [];
  readonly diagnostics: Diagnostic[] = [];
  file = '';
  /** Database from USE (QualifiedName.catalog of later objects is not set from it: it names the source database only). */
  database: string | undefined;
  /** Schema of unqualified names: dbo unless the caller says otherwise. */
  schema: string;
  quotedIdentifier = true;
  ansiNulls = true;
  /** Tables with IDENTITY_INSERT ON (lower-cased keys). */
  readonly identityInsert = new Set<string>();
  readonly variables = new Map<string, string>();
  /** Variables given by the caller (ParseOptions.variables): :setvar does not override them. */
  readonly callerVariables = new Set<string>();
  /** Files read through :r (not read again on their own). */
  readonly included = new Set<string>();
  current: ObjectRef | undefined;
  private readonly byKey = new Map<string, CatalogObject[]>();

  constructor(defaultSchema?: string, variables?: Record<string, string>) {
    this.schema = defaultSchema ?? 'dbo';
    for (const [k, v] of Object.entries(variables ?? {})) { this.variables.set(k.toLowerCase(), v); this.callerVariables.add(k.toLowerCase()); }
  }

  get dialect(): Dialect { return tsqlDialect(this.quotedIdentifier); }

  diag(def: DiagnosticDef, span: SourceSpan, message?: string, object?: ObjectRef): void {
    this.diagnostics.push(diagnostic(def, span, message, object ?? this.current));
  }

  qualify(name: QualifiedName): QualifiedName {
    if (name.schema) return name;
    return withSchema(name, this.schema);
  }

  private key(kind: string, name: QualifiedName): string { return `${kind}:${qnameKey(this.qualify(name))}`; }

  add(o: CatalogObject): void {
    this.objects.push(o);
    const n = nameOf(o);
    if (!n) return;
    const k = this.key(o.kind, n);
    const list = this.byKey.get(k);
    if (list) list.push(o); else this.byKey.set(k, [o]);
  }

  find<K extends CatalogObject['kind']>(kind: K, name: QualifiedName): Extract<CatalogObject, { kind: K }> | undefined {
    const list = this.byKey.get(this.key(kind, name));
    return list?.[list.length - 1] as Extract<CatalogObject, { kind: K }> | undefined;
  }

  /** Removes objects of this kind and name parsed earlier (DROP in drop-then-create scripts). */
  remove(kind: CatalogObject['kind'], name: QualifiedName): number {
    const k = this.key(kind, name);
    const list = this.byKey.get(k);
    if (!list) return 0;
    for (const o of list) { const i = this.objects.lastIndexOf(o); if (i >= 0) this.objects.splice(i, 1); }
    this.byKey.delete(k);
    return list.length;
  }

  /** Appends an INSERT, merged into the previous DataScript when it targets the same table. */
  addData(stmt: Insert, table: QualifiedName, rows: number, span: SourceSpan): void {
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

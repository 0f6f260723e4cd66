import type { Block, DataType, Expr, NodeLike, Parameter, Routine, Select, SourceSpan, Statement } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { cast, literalValue, num, raw, str } from '../common/nodes.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';
import { boolLiteral } from './expressions.js';
import { annotate, kindOf, resolvedQualifier, resolvedType } from './typeof.js';
import { mapType } from './types.js';
import { convertTable } from './tables.js';
import { checkPragmas, lowerTempTable, registerTempTables } from './temp-tables.js';
import { hoistDeclarations, withoutRepeatedDrops } from '../common/tsql-statements.js';
import { waitforDelay } from './waitfor.js';
import { executeWithParameters } from './dynamic-sql.js';
import { outputIntoCte } from './output-into.js';
import { execResultSet, insertExec } from './insert-exec.js';
import { INSERT_EXEC_REASON } from '../../dialects/tsql/index.js';

/** SQL Server isolation levels as PostgreSQL names them (its REPEATABLE READ is snapshot isolation). */
const PG_ISOLATION: Record<string, string> = { 'READ UNCOMMITTED': 'READ COMMITTED', 'READ COMMITTED': 'READ COMMITTED', 'REPEATABLE READ': 'REPEATABLE READ', SNAPSHOT: 'REPEATABLE READ', SERIALIZABLE: 'SERIALIZABLE' };
const ISOLATION_NOTE: Record<string, string> = {
  'READ UNCOMMITTED': '; PostgreSQL has no dirty reads: READ UNCOMMITTED behaves as READ COMMITTED',
  SNAPSHOT: '; PostgreSQL REPEATABLE READ is snapshot isolation (a concurrent update of the same row fails with 40001 as SNAPSHOT does with 3960)',
  SERIALIZABLE: '; PostgreSQL SERIALIZABLE does not take range locks: conflicting transactions fail with 40001 and must be retried',
};
const ROWCOUNT = 'dbshift_rowcount';
const FETCH_STATUS = 'dbshift_fetch_status';

const v = (name: string, span: SourceSpan): Expr => ({ kind: 'Variable', name, scope: 'local', span });
const intType = (span: SourceSpan): DataType => ({ kind: 'DataType', name: 'int', sourceText: 'int', span });

/** Lower-case names of every column of every table: variables named like one are renamed. */
const columnCache = new WeakMap<MsRuleContext, { size: number; names: Set<string> }>();

/** Also the columns of every routine's #temp tables and table variables (read before the routines convert). */
function columnNames(ctx: MsRuleContext): Set<string> {
  // Rebuilt only when a table was added (the '.inserted'/'.deleted' entries triggers set copy existing columns).
  const size = ctx.tables.size + ctx.tempDefinitions.size;
  const hit = columnCache.get(ctx);
  if (hit && hit.size === size) return hit.names;
  const names = new Set<string>();
  for (const t of ctx.tables.values()) for (const c of t.columns) names.add(c.name.toLowerCase());
  for (const t of ctx.tempDefinitions.values()) for (const c of t.columns) names.add(c.name.toLowerCase());
  columnCache.set(ctx, { size, names });
  return names;
}

/**
 * T-SQL tells @variables from columns by the @; PL/pgSQL does not. Parameters and variables
 * whose names are also column names get a p_ / v_ prefix.
 */
/** Parameters of `r` that are renamed (lower-case name → new name). */
export function paramRenames(r: Routine, ctx: MsRuleContext): Map<string, string> {
  const cols = columnNames(ctx);
  const map = new Map<string, string>();
  for (const p of r.params) if (cols.has(p.name.toLowerCase())) map.set(p.name.toLowerCase(), `p_${p.name}`);
  return map;
}

function renameVariables(r: Routine, ctx: MsRuleContext): Routine {
  const cols = columnNames(ctx);
  const map = paramRenames(r, ctx);
  walk(r.body, (n) => {
    if (n.kind !== 'VarDecl') return;
    for (const name of (n as unknown as { names: string[] }).names) if (cols.has(name.toLowerCase()) && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), `v_${name}`);
  });
  const calls = (root: Block | Routine['body']) => rewrite(root, (n: NodeLike) => {
    if (n.kind !== 'Call') return undefined;
    const c = n as unknown as Statement & { kind: 'Call' };
    const m = ctx.paramRenames.get(c.name.name.toLowerCase());
    if (!m) return undefined;
    return { ...c, args: c.args.map((a) => (a.kind === 'NamedArg' && m.has(a.name.toLowerCase()) ? { ...a, name: m.get(a.name.toLowerCase())! } : a)) } as NodeLike;
  });
  if (!map.size) return { ...r, body: calls(r.body) };
  ctx.reportOnce(TG.variableRenamed, r.span, `Renamed: ${[...map].map(([a, b]) => `@${a} → ${b}`).join(', ')}`);
  const body = renameLocalVariables(r.body, map);
  return { ...r, params: r.params.map((p) => ({ ...p, name: map.get(p.name.toLowerCase()) ?? p.name })), body: calls(body) };
}

/** Declared types of parameters and variables, for expression typing. */
export function collectVariables(r: Routine, ctx: MsRuleContext): void {
  ctx.variables = new Map();
  for (const p of r.params) ctx.variables.set(p.name.toLowerCase(), mapType(p.dataType, ctx, 'other'));
  walk(r.body, (n) => {
    if (n.kind !== 'VarDecl' || (n as unknown as { table?: unknown }).table) return;
    const d = n as unknown as { names: string[]; dataType: DataType };
    for (const name of d.names) ctx.variables.set(name.toLowerCase(), mapType(d.dataType, ctx, 'other'));
  });
}

const isBareSelect = (s: Statement): s is Statement & { kind: 'SqlStatement'; statement: Select } =>
  s.kind === 'SqlStatement' && s.statement.kind === 'Select' && !s.statement.into?.length && !s.statement.intoTable;

/** Output columns of a result-set query: names and types (T-SQL infers them; PostgreSQL must declare them). */
export function resultColumns(q: Select, ctx: MsRuleContext, report = true): { name: string; dataType: DataType }[] {
  const used = new Set<string>();
  return q.items.map((i, n) => {
    let name = i.alias ?? (i.expr.kind === 'ColumnRef' ? i.expr.parts[i.expr.parts.length - 1]! : `column${n + 1}`);
    while (used.has(name.toLowerCase())) name = `${name}_${n + 1}`;
    used.add(name.toLowerCase());
    const s = i.expr.span;
    const col = i.expr.kind === 'ColumnRef' ? resolvedType(i.expr) : i.expr.kind === 'Cast' ? i.expr.type : undefined;
    if (col) return { name, dataType: col.name === 'tinyint' || col.name === 'money' || col.name === 'bit' ? mapType(col, ctx, 'other') : col };
    const k = kindOf(i.expr, ctx);
    const t = (nm: DataType['name'], extra: Partial<DataType> = {}): DataType => ({ kind: 'DataType', name: nm, sourceText: nm, span: s, ...extra });
    if (k === 'number') return { name, dataType: t('decimal') };
    if (k === 'datetime') return { name, dataType: t('timestamp', { fractionalSeconds: 3 }) };
    if (k === 'bool') return { name, dataType: t('bool') };
    if (k !== 'text' && report) ctx.reportOnce(TG.resultSet, s, `Type of result column ${name} could not be inferred; text was used`);
    return { name, dataType: t('text') };
  });
}

/** Every item cast to its declared result type, so RETURN QUERY / SQL functions match the declaration. */
function castItems(q: Select, cols: { dataType: DataType }[]): Select {
  return { ...q, items: q.items.map((i, n) => ({ ...i, expr: cast(i.expr, cols[n]!.dataType, i.expr.span) })) };
}

function usesSystem(root: unknown, name: string): boolean {
  let found = false;
  walk(root, (n) => { if (n.kind === 'Variable' && (n as unknown as { scope: string }).scope === 'system' && (n as unknown as { name: string }).name.toLowerCase().replace(/^@@/, '') === name) found = true; });
  return found;
}

/** One statement list: T-SQL-only statements lowered; after DML, @@ROWCOUNT captured. */
function statements(list: Statement[], ctx: MsRuleContext, o: { rowcount: boolean; fetchStatus: boolean; resultSet: boolean; cols?: { dataType: DataType }[]; procedure: boolean; trigger: boolean }): Statement[] {
  const out: Statement[] = [];
  for (const s of list) {
    const sp = s.span;
    switch (s.kind) {
      case 'Null': continue;
      case 'VarDecl': case 'DdlStatement': {
        const temp = lowerTempTable(s, ctx);
        if (temp) { out.push(...temp); continue; }
        if (s.kind === 'DdlStatement' && s.action === 'create' && s.object?.kind === 'Table') {
          if (s.object.temporary) ctx.reportOnce(TG.globalTemp, sp, `Global temporary table ${s.object.name.name} became a session temporary table`);
          out.push({ ...s, object: convertTable(s.object, ctx) });
          continue;
        }
        out.push(s);
        continue;
      }
      case 'Unparsed': {
        const lowered = s.reason === 'WAITFOR DELAY' ? waitforDelay(s, ctx) : s.reason === INSERT_EXEC_REASON ? insertExec(s, ctx) : undefined;
        out.push(lowered ?? s);
        continue;
      }
      // Session options with no effect on PostgreSQL's behaviour here (XACT_ABORT ON: PostgreSQL always aborts on error).
      case 'SessionSet':
        if (/^(NOCOUNT|ANSI_NULLS|QUOTED_IDENTIFIER|ANSI_PADDING|ANSI_WARNINGS|ARITHABORT|CONCAT_NULL_YIELDS_NULL|NUMERIC_ROUNDABORT|XACT_ABORT)$/i.test(s.name)) continue;
        if (s.name === 'TRANSACTION ISOLATION LEVEL' && typeof s.value === 'string') {
          ctx.report(TG.isolationLevel, sp, `SET TRANSACTION ISOLATION LEVEL ${s.value} dropped: set ${PG_ISOLATION[s.value] ?? s.value} at the caller (BEGIN ISOLATION LEVEL …) before calling this routine${ISOLATION_NOTE[s.value] ?? ''}`);
          continue;
        }
        out.push(s);
        continue;
      case 'Raise': {
        if (s.level === 'info') {
          ctx.reportOnce(TG.print, sp);
          out.push({ kind: 'Raise', level: 'notice', message: str('%', sp), formatArgs: [s.message ?? str('', sp)], span: sp });
          continue;
        }
        if (s.reraise) { out.push(s); continue; }
        const number = s.items?.find((i) => i.name === 'number')?.value;
        const msg = s.message ?? str('', sp);
        // RAISERROR formats with %s/%d; RAISE uses %.
        const fmt = s.formatArgs?.length && msg.kind === 'Literal' ? str(msg.value.replace(/%[-+ 0#]*\d*(?:\.\d+)?[sdiuxXo]/g, '%'), sp) : msg;
        const level = s.level === 'notice' ? 'notice' : 'exception';
        const items = number ? [{ name: 'detail', value: cast(number, { kind: 'DataType', name: 'text', sourceText: 'text', span: sp }, sp) }] : [];
        out.push({ kind: 'Raise', level, ...(level === 'exception' ? { sqlstate: 'P0001' } : {}), message: fmt, ...(s.formatArgs?.length && fmt.kind === 'Literal' ? { formatArgs: s.formatArgs } : {}), ...(items.length ? { items } : {}), span: sp });
        continue;
      }
      case 'Transaction': {
        // ROLLBACK in a trigger ends the transaction and aborts the batch (error 3609): an error does the same in PostgreSQL.
        if (o.trigger && s.action === 'rollback') {
          ctx.reportOnce(TG.triggerRollback, sp);
          out.push({ kind: 'Raise', level: 'exception', sqlstate: 'P0001', message: str('The transaction ended in the trigger. The batch has been aborted.', sp), span: sp });
          continue;
        }
        if (s.action === 'begin') { ctx.reportOnce(TG.transaction, sp, 'BEGIN TRAN dropped: a PostgreSQL routine runs inside the caller\'s transaction'); continue; }
        ctx.reportOnce(TG.transaction, sp);
        if (!o.procedure || s.action === 'savepoint' || s.action === 'rollback to') { out.push({ kind: 'Unparsed', text: `${s.action.toUpperCase()} TRANSACTION${s.savepoint ? ` ${s.savepoint}` : ''}`, reason: 'transaction control not allowed here in PostgreSQL', span: sp }); continue; }
        out.push(s);
        continue;
      }
      case 'Return':
        if (o.procedure && s.value) {
          ctx.reportOnce(TG.returnStatus, sp);
          out.push({ kind: 'Return', span: sp });
          continue;
        }
        out.push(s);
        continue;
      case 'Call': {
        out.push(execResultSet(s, ctx, o.resultSet) ?? s);
        continue;
      }
      case 'Goto': case 'Label':
        ctx.reportOnce(TG.gotoLabel, sp);
        out.push(s);
        continue;
      case 'DynamicSql':
        ctx.reportOnce(TG.dynamicSql, sp);
        out.push(executeWithParameters(s, ctx));
        continue;
      case 'SqlStatement':
        if ((s.statement.kind === 'Insert' || s.statement.kind === 'Update' || s.statement.kind === 'Delete') && s.statement.outputInto) {
          out.push({ ...s, statement: outputIntoCte(s.statement, ctx) });
          if (o.rowcount) out.push({ kind: 'GetDiagnostics', items: [{ target: v(ROWCOUNT, sp), item: 'ROW_COUNT' }], span: sp });
          continue;
        }
        if (s.statement.kind !== 'Select' && 'returning' in s.statement && s.statement.returning?.length && !s.into?.length) {
          ctx.report(TG.unsupported, sp, 'OUTPUT inside a routine sends rows to the client in SQL Server; PL/pgSQL needs RETURNING … INTO variables or RETURN QUERY: rewrite by hand');
        }
        if (o.resultSet && isBareSelect(s)) { out.push({ kind: 'Return', query: o.cols ? castItems(s.statement, o.cols) : s.statement, span: sp }); }
        else out.push(s);
        if (o.rowcount) out.push({ kind: 'GetDiagnostics', items: [{ target: v(ROWCOUNT, sp), item: 'ROW_COUNT' }], span: sp });
        continue;
      case 'Fetch':
        out.push(s);
        if (o.fetchStatus) out.push({ kind: 'Assign', target: v(FETCH_STATUS, sp), value: raw('CASE WHEN FOUND THEN 0 ELSE -1 END', sp), span: sp });
        continue;
      case 'Block': out.push({ ...s, body: statements(s.body, ctx, o), exceptionHandlers: s.exceptionHandlers.map((h) => ({ ...h, body: statements(h.body, ctx, o) })) }); continue;
      case 'If': out.push({ ...s, branches: s.branches.map((b) => ({ ...b, body: statements(b.body, ctx, o) })), ...(s.else ? { else: statements(s.else, ctx, o) } : {}) }); continue;
      case 'While': out.push({ ...s, body: statements(s.body, ctx, o) }); continue;
      default: out.push(s);
    }
  }
  return withoutRepeatedDrops(out);
}

function systemVariables<T>(root: T, ctx: MsRuleContext): T {
  return rewrite(root, (n: NodeLike) => {
    if (n.kind !== 'Variable') return undefined;
    const x = n as unknown as { scope: string; name: string; span: SourceSpan };
    if (x.scope !== 'system') return undefined;
    const name = x.name.toLowerCase().replace(/^@@/, '');
    if (name === 'rowcount') return v(ROWCOUNT, x.span) as NodeLike;
    if (name === 'fetch_status') return v(FETCH_STATUS, x.span) as NodeLike;
    if (name === 'error') {
      ctx.reportOnce(TG.atError, x.span);
      return num(0, x.span) as NodeLike;
    }
    return undefined;
  });
}

/** Unqualified column references get the alias of the table they resolve to. */
function qualifyColumns<T>(root: T): T {
  return rewrite(root, (n: NodeLike) => {
    if (n.kind !== 'ColumnRef') return undefined;
    const c = n as unknown as Expr & { kind: 'ColumnRef' };
    const q = c.parts.length === 1 ? resolvedQualifier(c) : undefined;
    return q ? { ...c, parts: [q, c.parts[0]!] } as NodeLike : undefined;
  });
}

/**
 * SET ROWCOUNT n (kept as text by the front end) limits the rows of the statements after it:
 * the following SELECTs get LIMIT n, until SET ROWCOUNT 0.
 */
function setRowcount(list: Statement[], ctx: MsRuleContext): Statement[] {
  let limit: number | undefined;
  const out: Statement[] = [];
  for (const s of list) {
    const m = s.kind === 'Unparsed' ? /^\s*SET\s+ROWCOUNT\s+(\d+)\s*;?\s*$/i.exec(s.text)?.[1]
      : s.kind === 'SessionSet' && s.name.toUpperCase() === 'ROWCOUNT' ? (typeof s.value === 'string' ? s.value : literalValue(s.value, 'number')) : undefined;
    if (m !== undefined && /^\d+$/.test(m)) { limit = Number(m) || undefined; ctx.reportOnce(TG.setRowcount, s.span); continue; }
    if (limit !== undefined && s.kind === 'SqlStatement' && s.statement.kind === 'Select' && !s.statement.limit) {
      out.push({ ...s, statement: { ...s.statement, limit: num(limit, s.span) } });
      continue;
    }
    if (limit !== undefined && s.kind === 'SqlStatement') ctx.reportOnce(TG.unsupported, s.span, 'SET ROWCOUNT also limits INSERT/UPDATE/DELETE in SQL Server; not applied to this statement');
    out.push(s);
  }
  return out;
}

/** T-SQL procedure/function → PL/pgSQL (or SQL for a procedure that is one SELECT). */
export function convertRoutine(r0: Routine, ctx: MsRuleContext): Routine {
  const r = renameVariables(r0, ctx);
  collectVariables(r, ctx);
  const params: Parameter[] = r.params.map((p) => {
    const dataType = mapType(p.dataType, ctx, 'other');
    // OUTPUT parameters also pass a value in (T-SQL): INOUT.
    const mode = p.mode === 'out' && r.routineKind === 'procedure' ? 'inout' : p.mode;
    return { ...p, mode, dataType, ...(p.default ? { default: boolLiteral(p.default, dataType) } : {}) };
  });
  if (r.body.kind !== 'Block') return { ...r, params, language: 'plpgsql' };
  const decls: Statement[] = [];
  const hoisted = hoistDeclarations(setRowcount([...r.body.declarations, ...r.body.body], ctx), decls, (n, value, d) => ({ kind: 'Assign', target: v(n, d.span), value: boolLiteral(value, d.dataType)!, span: d.span }));
  registerTempTables(hoisted, ctx);
  annotate(hoisted, ctx);
  let top = hoisted.filter((s) => s.kind !== 'Null');
  // Procedures whose body yields rows (bare SELECTs) become set-returning functions.
  const selects: Select[] = [];
  walk(top, (n) => { if (n.kind === 'SqlStatement' && isBareSelect(n as unknown as Statement)) selects.push((n as unknown as { statement: Select }).statement); });
  const resultSet = r.routineKind === 'procedure' && selects.length > 0;
  let cols: { name: string; dataType: DataType }[] | undefined;
  if (resultSet) {
    cols = resultColumns(selects[0]!, ctx);
    if (selects.some((q) => q.items.length !== cols!.length)) ctx.report(TG.multipleResultSets, r.span, `Procedure ${r.name.name} returns result sets of different shapes; only the first shape is declared`);
    ctx.report(TG.resultSet, r.span, `Procedure ${r.name.name} became a function RETURNS TABLE (${cols.map((c) => c.name).join(', ')}); call it with SELECT * FROM ${r.name.name}(…)`);
    // Result columns are OUT parameters in PL/pgSQL: unqualified table columns of the same name would be ambiguous.
    top = qualifyColumns(top);
    if (params.some((p) => p.mode !== 'in')) ctx.report(TG.unsupported, r.span, `Procedure ${r.name.name} has OUTPUT parameters and returns rows: PostgreSQL functions cannot do both; the OUTPUT parameters were not converted`);
  }
  const o = { rowcount: usesSystem(r.body, 'rowcount'), fetchStatus: usesSystem(r.body, 'fetch_status'), resultSet, ...(cols ? { cols } : {}), procedure: r.routineKind === 'procedure' && !resultSet, trigger: r.returns?.kind === 'trigger' };
  if (o.rowcount) decls.push({ kind: 'VarDecl', names: [ROWCOUNT], dataType: intType(r.span), default: num(0, r.span), span: r.span });
  if (o.fetchStatus) decls.push({ kind: 'VarDecl', names: [FETCH_STATUS], dataType: intType(r.span), default: num(-1, r.span), span: r.span });
  const decls2 = decls.map((d) => (d.kind === 'VarDecl' ? { ...d, dataType: mapType(d.dataType, ctx, 'other') } : d));
  const pragmas = checkPragmas(top, ctx.tempDefinitions, r.span);
  const body: Block = { ...r.body, declarations: decls2, body: [...pragmas, ...systemVariables(statements(top, ctx, o), ctx)] };
  if (resultSet) {
    return { ...r, routineKind: 'function', params, returns: { kind: 'table', columns: cols! }, language: 'plpgsql', body };
  }
  return { ...r, params, language: 'plpgsql', body };
}

/** Renames local @variables (uses and declarations) by `map` (lower-case source name → new name). */
export function renameLocalVariables<T>(body: T, map: Map<string, string>): T {
  return rewrite(body, (n: NodeLike) => {
    if (n.kind === 'Variable') {
      const x = n as unknown as { scope: string; name: string };
      const to = x.scope === 'local' ? map.get(x.name.toLowerCase()) : undefined;
      return to ? { ...n, name: to } as NodeLike : undefined;
    }
    if (n.kind === 'VarDecl') {
      const d = n as unknown as { names: string[] };
      return d.names.some((x) => map.has(x.toLowerCase())) ? { ...n, names: d.names.map((x) => map.get(x.toLowerCase()) ?? x) } as NodeLike : undefined;
    }
    return undefined;
  });
}

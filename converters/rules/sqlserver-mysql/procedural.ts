import type { Block, CatalogObject, Expr, Parameter, Routine, Statement, Table, VarDecl, View } from '../../model/index.js';
import { walk } from '../../model/index.js';
import { dataType, literalValue, num } from '../common/nodes.js';
import { hoistDeclarations } from '../common/tsql-statements.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';
import { collectVariables, columnNames, localVar, renameTempTables, renameVariables } from './names.js';
import { Lowering, needsOf, neededDeclarations, RETURN_STATUS, systemValues } from './statements.js';
import { mapType } from './types.js';
import { structureGotos } from './goto.js';

type Sql = <T>(x: T) => T;

/** SET ROWCOUNT n … SET ROWCOUNT 0 around SELECTs → LIMIT n on them (the Northwind "Ten Most Expensive Products" pattern). */
function setRowcount(list: Statement[], ctx: TmContext): Statement[] {
  let limit: number | undefined;
  const out: Statement[] = [];
  for (const s of list) {
    const m = s.kind === 'SessionSet' && s.name.toUpperCase() === 'ROWCOUNT' ? (typeof s.value === 'string' ? s.value : literalValue(s.value, 'number')) : undefined;
    if (m !== undefined && /^\d+$/.test(m)) { limit = Number(m) || undefined; continue; }
    if (s.kind === 'SessionSet' && s.name.toUpperCase() === 'ROWCOUNT') {
      ctx.report(TM.unsupportedStatement, s.span, 'SET ROWCOUNT with a variable: not converted (use LIMIT on the statements)');
      out.push(s);
      continue;
    }
    if (limit !== undefined && s.kind === 'SqlStatement' && s.statement.kind === 'Select' && !s.statement.limit) {
      out.push({ ...s, statement: { ...s.statement, limit: num(limit, s.span) } });
      continue;
    }
    if (limit !== undefined && s.kind === 'SqlStatement') ctx.report(TM.unsupportedStatement, s.span, 'SET ROWCOUNT also limits INSERT/UPDATE/DELETE in SQL Server; not applied to this statement');
    if (limit !== undefined && s.kind !== 'SqlStatement' && s.kind !== 'Null') ctx.reportOnce(TM.unsupportedStatement, s.span, 'SET ROWCOUNT before control-flow statements: only the SELECTs directly after it got LIMIT');
    out.push(s);
  }
  return out;
}

const NONDETERMINISTIC = /^(getdate|getutcdate|sysdatetime|sysutcdatetime|sysdatetimeoffset|current_timestamp|newid|rand|now|uuid|crypt_gen_random)$/i;

/** MySQL routine characteristics from what the body does. */
function characteristics(body: unknown): Pick<Routine, 'deterministic' | 'dataAccess'> {
  let reads = false;
  let modifies = false;
  let nondet = false;
  walk(body, (n) => {
    const x = n as unknown as { kind: string; from?: unknown[]; name?: { name?: string } };
    if (x.kind === 'Select' && x.from?.length) reads = true;
    if (x.kind === 'Insert' || x.kind === 'Update' || x.kind === 'Delete' || x.kind === 'DdlStatement' || x.kind === 'Call' || x.kind === 'DynamicSql') modifies = true;
    if (x.kind === 'FunctionCall' && NONDETERMINISTIC.test(x.name?.name ?? '')) nondet = true;
  });
  return { deterministic: !reads && !modifies && !nondet, dataAccess: modifies ? 'modifies sql data' : reads ? 'reads sql data' : 'contains sql' };
}

/** A division whose divisor is not a non-zero number literal: T-SQL raises an error there, MySQL gives NULL. */
function reportDivisions(body: unknown, ctx: TmContext): void {
  walk(body, (n) => {
    const b = n as unknown as { kind: string; op?: string; right?: { kind: string; type?: string; value?: string }; span: Routine['span'] };
    if (b.kind !== 'Binary' || (b.op !== '/' && b.op !== '%')) return;
    const r = b.right!;
    if (r.kind === 'Literal' && r.type === 'number' && Number(r.value) !== 0) return;
    ctx.reportOnce(TM.divisionByZero, b.span);
  });
}

/** Source parameters (after renaming) of every procedure of the script, with their defaults: CALLs use them. */
export function procedureParams(objects: CatalogObject[], ctx: TmContext, sql: Sql): Map<string, Parameter[]> {
  const out = new Map<string, Parameter[]>();
  const cols = columnNames(ctx);
  // Procedures whose return status a caller in the script reads (EXEC @rc = p) get an OUT parameter for it.
  const statusRead = new Set<string>();
  walk(objects.filter((o) => o.kind === 'Routine' || o.kind === 'Trigger'), (n) => {
    const c = n as unknown as { kind: string; returnStatus?: unknown; name?: { name: string } };
    if (c.kind === 'Call' && c.returnStatus && c.name) statusRead.add(c.name.name.toLowerCase());
  });
  for (const o of objects) {
    if (o.kind !== 'Routine' || o.routineKind !== 'procedure') continue;
    const r = renameVariables({ ...o, body: { kind: 'Block', declarations: [], body: [], exceptionHandlers: [], span: o.span } }, ctx, cols);
    const params = r.params.map((p) => ({ ...p, ...(p.default ? { default: sql(p.default) } : {}) }));
    if (statusRead.has(o.name.name.toLowerCase())) params.push({ name: RETURN_STATUS, mode: 'out', dataType: dataType('int', o.span), span: o.span });
    out.set(o.name.name.toLowerCase(), params);
  }
  return out;
}

/** Inline table-valued function: a view when it has no parameters; otherwise an action item. */
function tableFunction(r: Routine, ctx: TmContext, sql: Sql): CatalogObject[] {
  const only = r.body.kind === 'Block' && r.body.body.length === 1 ? r.body.body[0] : undefined;
  const q = only?.kind === 'Return' ? only.query : undefined;
  if (q && !r.params.length) {
    ctx.report(TM.tableFunction, r.span, `Inline table-valued function ${r.name.name} without parameters became a view: query it as SELECT … FROM ${r.name.name} (no parentheses)`);
    const v: View = { kind: 'View', name: r.name, query: q, span: r.span, ...(r.origin ? { origin: r.origin } : {}) };
    return [sql(v)];
  }
  ctx.report(TM.tableFunction, r.span, `Table-valued function ${r.name.name}${r.params.length ? ' has parameters' : ' has several statements'}: MySQL functions return one scalar; not converted`);
  return [];
}

/** T-SQL procedure or scalar function → MySQL stored program. */
export function convertRoutine(r0: Routine, ctx: TmContext, sql: Sql, procs: Map<string, Parameter[]>, as?: 'trigger'): CatalogObject[] {
  if (r0.routineKind === 'function' && r0.returns?.kind === 'table') return tableFunction(r0, ctx, sql);
  if (r0.body.kind !== 'Block') {
    ctx.report(TM.unsupportedStatement, r0.span, `${r0.name.name}: the body could not be read; not converted`);
    return [];
  }
  const kind = as ?? r0.routineKind;
  const decls: Statement[] = [];
  const assign = (n: string, value: Expr, d: VarDecl): Statement => ({ kind: 'Assign', target: localVar(n, d.span), value, span: d.span });
  const hoisted = structureGotos(hoistDeclarations(setRowcount([...r0.body.declarations, ...r0.body.body], ctx), decls, assign), ctx);
  reportDivisions(hoisted, ctx);
  const needs = needsOf(hoisted);
  collectVariables(r0.params, [...decls, ...hoisted], ctx);
  const status = kind === 'procedure' && !!procs.get(r0.name.name.toLowerCase())?.some((p) => p.name === RETURN_STATUS);
  const lower = new Lowering(ctx, kind, needs, procs, r0.name.name, status);
  const lowered = lower.list(hoisted);
  const cols = columnNames(ctx, lower.tempTables);
  const r = renameVariables({ ...r0, body: { ...r0.body, declarations: [...decls, ...neededDeclarations(needs, r0.span)], body: lowered } }, ctx, cols);
  const params: Parameter[] = [...r.params, ...(status ? [{ name: RETURN_STATUS, mode: 'out' as const, dataType: dataType('int', r.span), span: r.span }] : [])].map((p) => {
    const mode = r0.routineKind === 'function' ? 'in' : p.mode === 'out' && p.name !== RETURN_STATUS ? 'inout' : p.mode;
    const { default: _d, ...rest } = p;
    return { ...rest, mode, dataType: mapType(p.dataType, ctx, 'other') };
  });
  const defaults = r.params.filter((p) => p.default).map((p) => p.name);
  if (defaults.length) ctx.report(TM.parameterDefault, r.span, `${r.name.name}: parameter(s) ${defaults.join(', ')} had defaults; MySQL callers must pass every argument (calls in the script were completed)`);
  let body = r.body as Block;
  if (status) {
    // A procedure that ends without RETURN n returns 0.
    body = { ...body, body: [{ kind: 'Assign', target: localVar(RETURN_STATUS, r.span), value: num(0, r.span), span: r.span }, ...body.body] };
    ctx.report(TM.returnStatus, r.span, `${r.name.name}: callers read its return status (EXEC @rc = …): it became the last parameter, OUT ${RETURN_STATUS}; callers outside the script must pass a variable for it`);
  }
  collectVariables(params, body, ctx);
  body = { ...body, declarations: body.declarations.map((d) => (d.kind === 'VarDecl' && !d.table && !d.names[0]!.startsWith('dbshift_') ? { ...d, dataType: mapType(d.dataType, ctx, 'other') } : d)) };
  if (kind === 'procedure' && lower.created.length) {
    body = { ...body, body: [...body.body, ...lower.created.map((n): Statement => ({ kind: 'DdlStatement', action: 'drop', ifExists: true, target: { objectType: 'temporary table', name: { name: n } }, text: `DROP TEMPORARY TABLE IF EXISTS ${n}`, span: r.span }))] };
  }
  const temp = new Map<string, Table>(lower.tempTables.map((t) => [`.${t.name.name.toLowerCase()}`, t]));
  for (const [k, t] of temp) ctx.tables.set(k, t);
  try {
    body = sql(systemValues(renameTempTables(body), ctx, r.name.name));
  } finally {
    for (const k of temp.keys()) ctx.tables.delete(k);
  }
  const out: Routine = { ...r, params, body, language: 'mysql', ...(kind === 'function' ? characteristics(body) : { deterministic: false, dataAccess: characteristics(body).dataAccess }) };
  if (kind === 'function' && r.returns?.kind === 'type') out.returns = { ...r.returns, dataType: mapType(r.returns.dataType, ctx, 'other') };
  return [out];
}

/** A trigger body (inserted/deleted already rewritten to NEW/OLD rows) lowered like a procedure body. */
export function convertTriggerBody(name: string, b: Block, ctx: TmContext, sql: Sql, procs: Map<string, Parameter[]>): Block {
  const r = convertRoutine({ kind: 'Routine', routineKind: 'procedure', name: { name }, params: [], language: 'tsql', body: b, span: b.span }, ctx, sql, procs, 'trigger');
  return (r[0] as Routine).body as Block;
}

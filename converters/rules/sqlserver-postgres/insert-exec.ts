import type { Call, CatalogObject, Expr, QualifiedName, Select, Statement, Unparsed } from '../../model/index.js';
import { walk } from '../../model/index.js';
import { readInsertExec } from '../../dialects/tsql/index.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';

/** Procedures that become set-returning functions (a SELECT that returns rows somewhere in the body), by lower-case name → target name. */
export function resultSetProcedures(objects: CatalogObject[], into: Map<string, QualifiedName>): void {
  for (const o of objects) {
    if (o.kind !== 'Routine' || o.routineKind !== 'procedure') continue;
    let rows = false;
    walk(o.body, (n) => {
      const s = n as unknown as Statement;
      if (s.kind === 'SqlStatement' && s.statement.kind === 'Select' && !s.statement.into?.length && !s.statement.intoTable) rows = true;
    });
    if (rows) into.set(o.name.name.toLowerCase(), o.name);
  }
}

/** Arguments of EXEC p … for a call of the function p became (named ones renamed like its parameters); a string says why not. */
export function functionArgs(call: Call, ctx: MsRuleContext): Expr[] | string {
  if (call.outputArgs?.length || call.returnStatus) return 'OUTPUT arguments or a return status cannot be read from a set-returning function';
  const renames = ctx.paramRenames.get(call.name.name.toLowerCase());
  const args: Expr[] = [];
  for (const a of call.args) {
    if (a.kind === 'Default') return 'DEFAULT as an argument has no PostgreSQL form in a function call';
    if (a.kind === 'NamedArg') {
      const bare = a.name.replace(/^@/, '');
      args.push({ ...a, name: renames?.get(bare.toLowerCase()) ?? bare.toLowerCase() });
    } else args.push(a);
  }
  return args;
}

/**
 * EXEC p … where p became a RETURNS TABLE function: in a routine that returns rows itself,
 * RETURN QUERY SELECT * FROM p(…) (SQL Server sends p's rows to the client before the caller's);
 * elsewhere PERFORM (the rows are discarded, reported). Undefined when p is not such a procedure.
 */
export function execResultSet(call: Call, ctx: MsRuleContext, callerReturnsRows: boolean): Statement | undefined {
  const fn = ctx.resultSetFunctions.get(call.name.name.toLowerCase());
  if (!fn) return undefined;
  const sp = call.span;
  const args = functionArgs(call, ctx);
  if (typeof args === 'string') { ctx.report(TG.unsupported, sp, `EXEC ${call.name.name}: it became a set-returning function; ${args}`); return undefined; }
  const query: Select = { kind: 'Select', items: [{ expr: { kind: 'Star', span: sp } }], from: [{ kind: 'TableFunction', call: { kind: 'FunctionCall', name: fn, args, span: sp }, span: sp }], groupBy: [], orderBy: [], span: sp };
  if (callerReturnsRows) {
    ctx.report(TG.execResultSet, sp, `EXEC ${call.name.name} → RETURN QUERY SELECT * FROM ${fn.name}(…): its rows come first in this function's result, as SQL Server sends them first; the column types of both must match`);
    return { kind: 'Return', query, span: sp };
  }
  ctx.report(TG.unsupported, sp, `EXEC ${call.name.name}: it became a set-returning function and its rows (sent to the client by SQL Server) are discarded here (PERFORM); return them from a set-returning caller if the client reads them`);
  return { kind: 'SqlStatement', perform: true, statement: query, span: sp };
}

/**
 * INSERT INTO t [(cols)] EXEC p args (kept as text by the front end) → INSERT INTO t [(cols)]
 * SELECT * FROM p(args) when p became a RETURNS TABLE function; otherwise reported and kept.
 */
export function insertExec(u: Unparsed, ctx: MsRuleContext): Statement | undefined {
  const x = readInsertExec(u);
  const sp = u.span;
  if (!x) return undefined;
  const fail = (why: string): undefined => { ctx.report(TG.unsupported, sp, `INSERT … EXEC: ${why}; rewrite as INSERT … SELECT by hand`); return undefined; };
  if (x.exec.kind !== 'Call') return fail('the rows come from dynamic SQL (EXEC(…)/sp_executesql)');
  const call = x.exec;
  const fn = ctx.resultSetFunctions.get(call.name.name.toLowerCase());
  if (!fn) return fail(`${call.name.name} is not a procedure of these scripts that returns rows (only those become set-returning functions)`);
  const args = functionArgs(call, ctx);
  if (typeof args === 'string') return fail(args);
  let table = x.table;
  let columns = x.columns;
  if (!/^[#@]/.test(table.name)) {
    const t = ctx.table(table);
    if (!t) return fail(`table ${table.name} is not defined in these scripts`);
    table = t.name;
    if (columns) columns = columns.map((c) => t.columns.find((k) => k.name.toLowerCase() === c.toLowerCase())?.name ?? c);
  }
  ctx.reportOnce(TG.insertExec, sp);
  return {
    kind: 'SqlStatement',
    statement: {
      kind: 'Insert', table, ...(columns ? { columns } : {}),
      source: { kind: 'Select', items: [{ expr: { kind: 'Star', span: sp } }], from: [{ kind: 'TableFunction', call: { kind: 'FunctionCall', name: fn, args, span: sp }, span: sp }], groupBy: [], orderBy: [], span: sp },
      span: sp,
    },
    span: sp,
  };
}


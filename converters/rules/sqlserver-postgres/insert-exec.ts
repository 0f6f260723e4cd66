import type { CatalogObject, Expr, QualifiedName, Statement, Unparsed } from '../../model/index.js';
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
  if (call.outputArgs?.length || call.returnStatus) return fail('OUTPUT arguments or a return status cannot be read from a set-returning function');
  const renames = ctx.paramRenames.get(call.name.name.toLowerCase());
  const args: Expr[] = [];
  for (const a of call.args) {
    if (a.kind === 'Default') return fail('DEFAULT as an argument has no PostgreSQL form in a function call');
    if (a.kind === 'NamedArg') {
      const bare = a.name.replace(/^@/, '');
      args.push({ ...a, name: renames?.get(bare.toLowerCase()) ?? bare.toLowerCase() });
    } else args.push(a);
  }
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


import type { Delete, Insert, Update } from '../../model/index.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';

const CTE = 'dbshift_output';

/**
 * `DML … OUTPUT list INTO t [(cols)]` → `WITH dbshift_output AS (DML … RETURNING list) INSERT INTO t
 * [(cols)] SELECT * FROM dbshift_output`: the rows the statement wrote (or removed) go to t, in the
 * OUTPUT list's column order, in the same statement.
 */
export function outputIntoCte(s: Insert | Update | Delete, ctx: MsRuleContext): Insert {
  const into = s.outputInto!;
  const sp = s.span;
  ctx.reportOnce(TG.outputInto, sp);
  const { outputInto: _done, ...dml } = s;
  return {
    kind: 'Insert', table: into.table, ...(into.columns?.length ? { columns: into.columns } : {}),
    source: { kind: 'Select', items: [{ expr: { kind: 'Star', span: sp } }], from: [{ kind: 'TableRef', name: { name: CTE }, span: sp }], groupBy: [], orderBy: [], span: sp },
    dataCte: { name: CTE, statement: dml as Insert | Update | Delete },
    span: sp,
  };
}

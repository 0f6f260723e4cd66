import type { DynamicSql, Expr } from '../../../model/index.js';
import { parseExpression, parseExpressionList } from '../../common/expr.js';
import type { Token } from '../../common/tokens.js';
import type { PlParser } from './block.js';
import { OP } from './codes.js';
import { usingList } from './control.js';

/**
 * EXECUTE IMMEDIATE sql [[BULK COLLECT] INTO targets] [USING [IN|OUT|IN OUT] args]
 * [RETURNING|RETURN [BULK COLLECT] INTO targets]; — RETURNING INTO targets go to `into` as well.
 */
export function parseExecuteImmediate(pl: PlParser, start: Token): DynamicSql {
  const p = pl.p;
  p.expectKws('EXECUTE', 'IMMEDIATE');
  const sql = parseExpression(p);
  const out: DynamicSql = { kind: 'DynamicSql', sql, phase: 'immediate', span: p.spanFrom(start) };
  const intoClause = (): Expr[] | undefined => {
    const bulk = p.acceptKws('BULK', 'COLLECT');
    if (!p.acceptKw('INTO')) { if (bulk) p.expectKw('INTO'); return undefined; }
    if (bulk) out.bulk = true;
    return parseExpressionList(p);
  };
  const into = intoClause();
  if (into) out.into = into;
  const outs: Token[] = [];
  if (p.acceptKw('USING')) out.using = usingList(pl, outs);
  if (p.acceptAnyKw('RETURNING', 'RETURN')) {
    const r = intoClause();
    if (!r) p.expectKw('INTO');
    else out.into = [...(out.into ?? []), ...r];
  }
  p.expectOp(';');
  out.span = p.spanFrom(start);
  for (const t of outs) pl.diag(OP.outBind, p.tokenSpan(t), `${pl.unit}: EXECUTE IMMEDIATE passes an OUT bind argument; the dynamic statement writes into it`);
  return out;
}

import type { Expr, GroupingSpec } from '../../model/index.js';
import type { Parser } from './parser.js';
import { parseExpression } from './expr.js';

/** GROUP BY list with ROLLUP (…), CUBE (…), GROUPING SETS (…) among plain expressions (Oracle). */
export function parseGroupByElements(p: Parser): { plain: Expr[]; specs: GroupingSpec[] } {
  const plain: Expr[] = [];
  const specs: GroupingSpec[] = [];
  do {
    const spec = groupingSpec(p);
    if (spec) specs.push(spec);
    else plain.push(parseExpression(p));
  } while (p.acceptOp(','));
  return { plain, specs };
}

function groupingSpec(p: Parser): GroupingSpec | undefined {
  if (p.isKws('GROUPING', 'SETS') && p.isOp('(', 2)) {
    p.pos += 3;
    const groups: Expr[][] = [];
    do {
      if (groupingSpecAhead(p)) throw p.error('ROLLUP / CUBE / GROUPING SETS nested in GROUPING SETS is not modelled');
      groups.push(group(p, true));
    } while (p.acceptOp(','));
    p.expectOp(')');
    return { type: 'sets', groups };
  }
  if ((p.isKw('ROLLUP') || p.isKw('CUBE')) && p.isOp('(', 1)) {
    const type = p.next().upper === 'ROLLUP' ? 'rollup' : 'cube';
    p.expectOp('(');
    const groups: Expr[][] = [];
    do groups.push(group(p, false)); while (p.acceptOp(','));
    p.expectOp(')');
    return { type, groups };
  }
  return undefined;
}

function groupingSpecAhead(p: Parser): boolean {
  return (p.isKws('GROUPING', 'SETS') && p.isOp('(', 2)) || ((p.isKw('ROLLUP') || p.isKw('CUBE')) && p.isOp('(', 1));
}

/** `a` or `(a, b)` or (GROUPING SETS only) `()`. A parenthesised single expression `(a + b)` is one group of one. */
function group(p: Parser, allowEmpty: boolean): Expr[] {
  if (p.isOp('(')) {
    const save = p.pos;
    p.next();
    if (p.acceptOp(')')) {
      if (!allowEmpty) throw p.error('() is only allowed in GROUPING SETS');
      return [];
    }
    const items: Expr[] = [parseExpression(p)];
    while (p.acceptOp(',')) items.push(parseExpression(p));
    if (p.acceptOp(')') && (p.isOp(',') || p.isOp(')'))) return items;
    // (a) + b: the parenthesis opened an expression, not a group.
    p.pos = save;
  }
  return [parseExpression(p)];
}

// ROWNUM analysis shared by the Oracle → PostgreSQL and Oracle → MySQL rules.
import type { Expr } from '../../model/index.js';
import { walk } from '../../model/index.js';
import { bin, num } from '../common/nodes.js';

export const isRownum = (e: Expr): boolean => e.kind === 'ColumnRef' && e.parts.length === 1 && e.parts[0]!.toLowerCase() === 'rownum';

export function mentionsRownum(e: Expr): boolean {
  let found = false;
  walk(e, (n) => { if (isRownum(n as Expr)) found = true; });
  return found;
}

/** `ROWNUM <= n` (and its mirror forms) → the row count n; undefined for other uses of ROWNUM. */
export function rownumLimit(c: Expr): Expr | undefined {
  if (c.kind !== 'Binary') return undefined;
  const flip: Record<string, string> = { '<=': '>=', '<': '>', '=': '=', '>=': '<=', '>': '<' };
  let op: string = c.op;
  let other: Expr;
  if (isRownum(c.left)) other = c.right;
  else if (isRownum(c.right)) { other = c.left; op = flip[op] ?? op; } else return undefined;
  if (mentionsRownum(other)) return undefined;
  if (op === '<=') return other;
  if (op === '<') return other.kind === 'Literal' && /^\d+$/.test(other.value) ? num(Number(other.value) - 1, other.span) : bin('-', other, num(1, other.span), other.span);
  if (op === '=' && other.kind === 'Literal' && other.value === '1') return other;
  return undefined;
}

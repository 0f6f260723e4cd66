import type { Assignment, Expr, Merge, MergeClause, TableRef } from '../../../model/index.js';
import type { Parser } from '../../common/parser.js';
import { describeToken } from '../../common/parser.js';
import { parseExpression, parseExpressionList } from '../../common/expr.js';
import { parseAlias, parseJoinedTable } from '../../common/query.js';
import { qualifiedName } from '../../common/names.js';

/**
 * T-SQL MERGE [INTO] t [WITH (hints)] [[AS] a] USING src ON cond
 * WHEN MATCHED [AND c] THEN UPDATE SET … | DELETE
 * WHEN NOT MATCHED [BY TARGET] [AND c] THEN INSERT [(cols)] VALUES (…) | DEFAULT VALUES
 * WHEN NOT MATCHED BY SOURCE [AND c] THEN UPDATE SET … | DELETE — the cursor is at MERGE.
 * MERGE TOP (n) and OUTPUT are not modelled: they raise a parse error (the caller keeps the text with a finding).
 */
export function parseTsqlMerge(p: Parser): Merge {
  const start = p.expectKw('MERGE');
  if (p.isKw('TOP')) throw p.error('MERGE TOP (n) is not converted');
  p.acceptKw('INTO');
  const ts = p.cur;
  const q = p.qualifiedParts('a table name');
  const target: TableRef = { kind: 'TableRef', name: qualifiedName(q.parts, q.quoted), span: p.spanFrom(ts) };
  if (p.isKw('WITH') && p.isOp('(', 1)) {
    p.next();
    const hints = p.skipParens().slice(1, -1).split(',').map((h) => h.trim()).filter((h) => h !== '');
    if (hints.length) target.hints = hints;
  }
  const alias = p.isKw('USING') ? undefined : parseAlias(p, false);
  if (alias !== undefined) target.alias = alias;
  p.expectKw('USING');
  const source = parseJoinedTable(p);
  p.expectKw('ON');
  const on = parseExpression(p);
  const clauses: MergeClause[] = [];
  while (p.isKw('WHEN')) {
    const cs = p.next();
    let match: MergeClause['match'] = 'matched';
    if (p.acceptKw('NOT')) {
      p.expectKw('MATCHED');
      match = 'not matched';
      if (p.acceptKw('BY')) match = p.expectAnyKw('TARGET', 'SOURCE') === 'SOURCE' ? 'not matched by source' : 'not matched';
    } else p.expectKw('MATCHED');
    const condition = p.acceptKw('AND') ? parseExpression(p) : undefined;
    p.expectKw('THEN');
    let action: MergeClause['action'];
    if (match === 'not matched') action = insertAction(p);
    else if (p.acceptKw('DELETE')) action = { kind: 'delete' };
    else {
      p.expectKws('UPDATE', 'SET');
      const set: Assignment[] = [];
      do {
        const col = p.qualifiedParts('a column name').parts;
        if (!p.acceptOp('=')) throw p.error(`expected '=' but found ${describeToken(p.cur)}`);
        set.push({ column: col, value: parseExpression(p) });
      } while (p.acceptOp(','));
      action = { kind: 'update', set };
    }
    const clause: MergeClause = { match, action, span: p.spanFrom(cs) };
    if (condition) clause.condition = condition;
    clauses.push(clause);
  }
  if (!clauses.length) throw p.error(`expected WHEN MATCHED or WHEN NOT MATCHED but found ${describeToken(p.cur)}`);
  if (p.isKw('OUTPUT')) throw p.error('MERGE … OUTPUT is not converted');
  return { kind: 'Merge', target, source, on, clauses, span: p.spanFrom(start) };
}

function insertAction(p: Parser): MergeClause['action'] {
  p.expectKw('INSERT');
  let columns: string[] | undefined;
  if (p.acceptOp('(')) {
    columns = [];
    do { const parts = p.qualifiedParts('a column name').parts; columns.push(parts[parts.length - 1]!); } while (p.acceptOp(','));
    p.expectOp(')');
  }
  if (p.acceptKws('DEFAULT', 'VALUES')) return { kind: 'insert', values: 'default', ...(columns ? { columns } : {}) };
  p.expectKw('VALUES');
  p.expectOp('(');
  const values: Expr[] = parseExpressionList(p);
  p.expectOp(')');
  return { kind: 'insert', values, ...(columns ? { columns } : {}) };
}

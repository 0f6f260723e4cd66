import type { Assignment, Expr, Merge, MergeClause, TableRef } from '../../model/index.js';
import type { Parser } from '../common/parser.js';
import { describeToken } from '../common/parser.js';
import { parseExpression, parseExpressionList } from '../common/expr.js';
import { parseAlias, parseJoinedTable } from '../common/query.js';
import { qualifiedName } from '../common/names.js';

/**
 * MERGE INTO t [a] USING src [b] ON (cond) WHEN MATCHED THEN UPDATE SET … [WHERE …] [DELETE WHERE …]
 * WHEN NOT MATCHED THEN INSERT [(cols)] VALUES (…) [WHERE …] — the cursor is at MERGE. Also used
 * by the PL/SQL parser (setPlsqlMergeParser).
 */
export function parseMerge(p: Parser): Merge {
  const start = p.expectKw('MERGE');
  p.expectKw('INTO');
  const ts = p.cur;
  const q = p.qualifiedParts('a table name');
  const target: TableRef = { kind: 'TableRef', name: qualifiedName(q.parts, q.quoted), span: p.spanFrom(ts) };
  const alias = parseAlias(p, false);
  if (alias !== undefined) target.alias = alias;
  p.expectKw('USING');
  const source = parseJoinedTable(p);
  p.expectKw('ON');
  const on = parseExpression(p);
  const clauses: MergeClause[] = [];
  while (p.isKw('WHEN')) {
    const cs = p.next();
    const not = p.acceptKw('NOT');
    p.expectKw('MATCHED');
    p.expectKw('THEN');
    if (!not) {
      if (p.acceptKw('DELETE')) { clauses.push({ match: 'matched', action: { kind: 'delete' }, span: p.spanFrom(cs) }); continue; }
      p.expectKws('UPDATE', 'SET');
      const set: Assignment[] = [];
      do {
        const col = p.qualifiedParts('a column name').parts;
        p.expectOp('=');
        set.push({ column: col, value: parseExpression(p) });
      } while (p.acceptOp(','));
      const action: Extract<MergeClause['action'], { kind: 'update' }> = { kind: 'update', set };
      if (p.acceptKw('WHERE')) action.where = parseExpression(p);
      if (p.acceptKws('DELETE', 'WHERE')) action.deleteWhere = parseExpression(p);
      clauses.push({ match: 'matched', action, span: p.spanFrom(cs) });
    } else {
      p.expectKw('INSERT');
      let columns: string[] | undefined;
      if (p.acceptOp('(')) {
        columns = [];
        do { const parts = p.qualifiedParts('a column name').parts; columns.push(parts[parts.length - 1]!); } while (p.acceptOp(','));
        p.expectOp(')');
      }
      p.expectKw('VALUES');
      p.expectOp('(');
      const values: Expr[] = parseExpressionList(p);
      p.expectOp(')');
      const action: Extract<MergeClause['action'], { kind: 'insert' }> = { kind: 'insert', values, ...(columns ? { columns } : {}) };
      if (p.acceptKw('WHERE')) action.where = parseExpression(p);
      clauses.push({ match: 'not matched', action, span: p.spanFrom(cs) });
    }
  }
  if (!clauses.length) throw p.error(`expected WHEN MATCHED or WHEN NOT MATCHED but found ${describeToken(p.cur)}`);
  return { kind: 'Merge', target, source, on, clauses, span: p.spanFrom(start) };
}

import type { Expr, Query, Select, SourceSpan, TableExpr } from '../../../model/index.js';
import type { Parser } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import { parseAlias } from '../../common/query.js';
import type { Token } from '../../common/tokens.js';

/**
 * T-SQL PIVOT / UNPIVOT, read into the standard SQL both targets run (no IR node of their own):
 *   src PIVOT (agg(v) FOR c IN ([x], [y])) AS p
 *     → (SELECT <other columns>, agg(CASE WHEN c = 'x' THEN v END) AS x, … FROM src GROUP BY <other columns>) AS p
 *   src UNPIVOT (v FOR c IN (x, y)) AS u
 *     → (SELECT <other columns>, 'x' AS c, x AS v FROM src WHERE x IS NOT NULL UNION ALL …) AS u
 * The grouping columns are the source's other columns, so the source must list them: a derived
 * table (SELECT a, b, c FROM …) AS s — the form SQL Server's documentation uses.
 */
export function tsqlTableOperator(p: Parser, source: TableExpr, start: Token): TableExpr | undefined {
  if (p.isKw('PIVOT') && p.isOp('(', 1)) return pivot(p, source, start);
  if (p.isKw('UNPIVOT') && p.isOp('(', 1)) return unpivot(p, source, start);
  return undefined;
}

const col = (parts: string[], span: SourceSpan): Expr => ({ kind: 'ColumnRef', parts, span });
const valueLiteral = (v: string, span: SourceSpan): Expr =>
  (/^-?\d+(\.\d+)?$/.test(v) ? { kind: 'Literal', type: 'number', value: v, span } : { kind: 'Literal', type: 'string', value: v, span });

/** Column names of a derived table with an explicit select list (or column aliases). */
function sourceColumns(p: Parser, source: TableExpr, what: string, at: Token): { alias: string; columns: string[] } {
  if (source.kind === 'DerivedTable' && source.alias) {
    if (source.columnAliases?.length) return { alias: source.alias, columns: source.columnAliases };
    const q = source.query;
    if (q.kind === 'Select' && q.items.every((i) => i.alias || i.expr.kind === 'ColumnRef')) {
      return { alias: source.alias, columns: q.items.map((i) => i.alias ?? (i.expr.kind === 'ColumnRef' ? i.expr.parts[i.expr.parts.length - 1]! : '')) };
    }
  }
  throw p.error(`${what} over a table or a query whose columns are not all named is not read: write the source as (SELECT col, … FROM …) AS s`, at);
}

/** ( name, name … ) with [bracketed] names. */
function nameList(p: Parser): string[] {
  p.expectOp('(');
  const out: string[] = [];
  do out.push(p.ident('a column name').name); while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

function expectAlias(p: Parser, what: string): string {
  const alias = parseAlias(p, false);
  if (alias === undefined) throw p.error(`${what} needs an alias (… ) AS name`);
  return alias;
}

function pivot(p: Parser, source: TableExpr, start: Token): TableExpr {
  const kw = p.next();
  const src = sourceColumns(p, source, 'PIVOT', kw);
  p.expectOp('(');
  const agg = parseExpression(p);
  if (agg.kind !== 'FunctionCall' || agg.args.length !== 1 || agg.star || agg.over || agg.args[0]!.kind !== 'ColumnRef') {
    throw p.error('PIVOT needs an aggregate of one column: SUM(col), COUNT(col), MAX(col) …', kw);
  }
  const value = agg.args[0] as Expr & { kind: 'ColumnRef' };
  const valueCol = value.parts[value.parts.length - 1]!;
  p.expectKw('FOR');
  const forCol = p.ident('the pivot column').name;
  p.expectKw('IN');
  const values = nameList(p);
  p.expectOp(')');
  const alias = expectAlias(p, 'PIVOT');
  const span = p.spanFrom(start);
  const lower = new Set([forCol.toLowerCase(), valueCol.toLowerCase()]);
  const groups = src.columns.filter((c) => !lower.has(c.toLowerCase()));
  const query: Select = {
    kind: 'Select',
    items: [
      ...groups.map((c) => ({ expr: col([src.alias, c], span), alias: c })),
      ...values.map((v) => ({
        expr: { ...agg, args: [{ kind: 'Case', whens: [{ when: { kind: 'Binary', op: '=', left: col([src.alias, forCol], span), right: valueLiteral(v, span), span }, then: col([src.alias, valueCol], span) }], span } as Expr], span } as Expr,
        alias: v,
      })),
    ],
    from: [source], groupBy: groups.map((c) => col([src.alias, c], span)), orderBy: [], span,
  };
  return { kind: 'DerivedTable', query, alias, span };
}

function unpivot(p: Parser, source: TableExpr, start: Token): TableExpr {
  const kw = p.next();
  const src = sourceColumns(p, source, 'UNPIVOT', kw);
  p.expectOp('(');
  const valueCol = p.ident('the value column').name;
  p.expectKw('FOR');
  const nameCol = p.ident('the name column').name;
  p.expectKw('IN');
  const columns = nameList(p);
  p.expectOp(')');
  const alias = expectAlias(p, 'UNPIVOT');
  const span = p.spanFrom(start);
  const listed = new Set(columns.map((c) => c.toLowerCase()));
  const others = src.columns.filter((c) => !listed.has(c.toLowerCase()));
  // SQL Server leaves out the rows whose value is NULL.
  const branches: Select[] = columns.map((c) => ({
    kind: 'Select',
    items: [...others.map((o) => ({ expr: col([src.alias, o], span), alias: o })), { expr: { kind: 'Literal', type: 'string', value: c, span }, alias: nameCol }, { expr: col([src.alias, c], span), alias: valueCol }],
    from: [source], where: { kind: 'IsTest', expr: col([src.alias, c], span), test: 'null', not: true, span }, groupBy: [], orderBy: [], span,
  }));
  let query: Query = branches[0]!;
  for (const b of branches.slice(1)) query = { kind: 'SetOperation', op: 'union', all: true, left: query, right: b, orderBy: [], span };
  return { kind: 'DerivedTable', query, alias, span };
}

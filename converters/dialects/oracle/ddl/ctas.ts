import type { Query, Table } from '../../../model/index.js';
import type { Parser } from '../../common/parser.js';
import { parseNameList, parseQuery } from '../../common/query.js';
import type { Token } from '../../common/tokens.js';

/** After the table name: `AS …`, `(a, b) … AS …` or table options then `AS` — not column definitions. */
export function isCtas(p: Parser): boolean {
  if (p.isOp('(')) {
    // A name list: `(name,` or `(name)`; column definitions have a type after the name.
    return p.isIdent(1) && (p.isOp(',', 2) || p.isOp(')', 2));
  }
  return !p.atEnd();
}

/**
 * CREATE TABLE t [(names)] [options] AS query. The table is created from the query without rows
 * (`withNoData`); the rows come from an INSERT … SELECT data statement at this point of the script,
 * so tables filled by earlier statements are read as Oracle read them when the CTAS ran.
 */
export function parseCtas(p: Parser, table: Table, start: Token, options: (t: Table) => void): Table {
  const names = p.isOp('(') ? parseNameList(p) : undefined;
  options(table);
  p.expectKw('AS');
  const query = parseQuery(p);
  p.expectEnd();
  table.asQuery = names ? renamed(query, names, p) : query;
  table.withNoData = true;
  table.span = p.spanFrom(start);
  return table;
}

/** `CREATE TABLE t (a, b) AS SELECT x, y`: the names become the select list's aliases (first branch of a set operation). */
function renamed(q: Query, names: string[], p: Parser): Query {
  if (q.kind === 'SetOperation') return { ...q, left: renamed(q.left, names, p) };
  if (q.kind !== 'Select') return q;
  if (q.items.length !== names.length || q.items.some((i) => i.expr.kind === 'Star')) throw p.error(`CREATE TABLE … (${names.join(', ')}) AS SELECT: the column list must name each selected column`);
  return { ...q, items: q.items.map((it, i) => ({ ...it, alias: names[i]! })) };
}

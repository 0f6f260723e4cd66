import type { Column, Query, Table } from '../../model/index.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';

/**
 * Oracle CREATE TABLE … AS query (front end: structure from the query WITH NO DATA, rows from an
 * INSERT … SELECT data script at the statement's place). Oracle copies the NOT NULL constraints of
 * columns selected directly from a table; PostgreSQL's CREATE TABLE AS copies none: such columns
 * (not those Oracle made for a primary key) are listed NOT NULL (the generator adds SET NOT NULL). Column types come from the converted query
 * (PostgreSQL types of the expressions: e.g. a string literal is text where Oracle makes CHAR(n)).
 */
export function convertCtas(t: Table, sql: <T>(x: T) => T, ctx: OraRuleContext): Table {
  if (!t.asQuery) return t;
  const asQuery = sql(t.asQuery);
  const notNull = notNullColumns(t.asQuery, ctx);
  ctx.report(OG.ctas, t.span, `CREATE TABLE ${t.name.name} AS SELECT: created from the query WITH NO DATA, rows inserted by INSERT … SELECT at the statement's place in the data${notNull.length ? `; NOT NULL kept on ${notNull.map((c) => c.name).join(', ')}` : ''}`);
  return { ...t, asQuery, columns: notNull };
}

/** Output columns that are a plain reference to a NOT NULL column of the only table read (no joins, no set operation, no grouping). */
function notNullColumns(q: Query, ctx: OraRuleContext): Column[] {
  if (q.kind !== 'Select' || q.from.length !== 1 || q.from[0]!.kind !== 'TableRef' || q.groupBy.length || q.hierarchical) return [];
  const from = q.from[0]!;
  const table = ctx.table(from.name) ?? ctx.table({ ...from.name, name: from.name.name.toLowerCase(), ...(from.name.schema ? { schema: from.name.schema.toLowerCase() } : {}) });
  if (!table) return [];
  // NOT NULL that Oracle created for a primary key is not carried over (only explicit ones are).
  const pk = new Set(table.constraints.flatMap((c) => (c.kind === 'PrimaryKey' ? c.columns.map((k) => (k.column ?? '').toLowerCase()) : [])));
  const copied = (c: Column): boolean => !c.nullable && !pk.has(c.name.toLowerCase());
  const plain = (c: Column, name = c.name): Column => ({ kind: 'Column', name, dataType: c.dataType, nullable: false, span: c.span });
  const out: Column[] = [];
  const qualifiers = new Set([from.alias, from.name.name].filter((x): x is string => !!x).map((x) => x.toLowerCase()));
  for (const it of q.items) {
    const e = it.expr;
    if (e.kind === 'Star') {
      if (!e.qualifier || qualifiers.has(e.qualifier[e.qualifier.length - 1]!.toLowerCase())) out.push(...table.columns.filter(copied).map((c) => plain(c)));
      continue;
    }
    if (e.kind !== 'ColumnRef' || e.parts.length > 2 || (e.parts.length === 2 && !qualifiers.has(e.parts[0]!.toLowerCase()))) continue;
    const c = table.columns.find((x) => x.name.toLowerCase() === e.parts[e.parts.length - 1]!.toLowerCase());
    if (c && copied(c)) out.push(plain(c, it.alias ?? c.name));
  }
  return out;
}

import type { Table } from '../../model/index.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';

/**
 * Oracle CREATE TABLE … AS query: the front end creates the table from the query without rows and
 * inserts them by INSERT … SELECT where the statement stood. MySQL/MariaDB CREATE TABLE … SELECT
 * also copies DEFAULTs and every NOT NULL (primary key columns', and expressions over NOT NULL
 * columns) where Oracle copies only explicit NOT NULL constraints: reported.
 */
export function convertCtas(t: Table, sql: <T>(x: T) => T, ctx: OmContext): Partial<Table> {
  if (!t.asQuery) return {};
  ctx.report(OM.ctas, t.span, `CREATE TABLE ${t.name.name} AS SELECT: created by CREATE TABLE … SELECT … LIMIT 0, rows inserted by INSERT … SELECT at the statement's place in the data`);
  return { asQuery: sql(t.asQuery) };
}

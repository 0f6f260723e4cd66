// PostgreSQL DDL as logical decoding shows it: a Relation message with the table's new column list
// precedes the first change after an ALTER TABLE. A column the target lacks is added there (its
// definition — type, default, NOT NULL — read from the source catalog and converted by dbshift's
// PostgreSQL → MySQL conversion), so rows the source filled with the default match. MariaDB DDL
// commits implicitly, so it runs outside the apply transaction; ADD COLUMN IF NOT EXISTS makes a
// replay after a crash harmless, and only a column really added is counted.
import type mysql from 'mysql2';
import type pg from 'pg';
import { convert, parseScripts } from '../../../../converters/index.js';
import { mysqlQuery, qi } from '../endpoints.js';
import type { RuntimeTable } from '../runtime.js';
import { describeMyTable, myQualified } from '../target/mysql.js';
import type { PgEvent } from './pgoutput.js';

/** The MariaDB column definition for a PostgreSQL one, through the converter. */
export function convertPgColumnDefinition(column: string, pgDefinition: string): string {
  const ddl = `CREATE TABLE dbshift_probe (${qi(column)} ${pgDefinition});`;
  const parsed = parseScripts('postgres', [{ path: 'relation.sql', text: ddl }]);
  const result = convert(parsed.catalog, { target: 'mysql' });
  const table = result.objects.find((o) => o.ref.type.toLowerCase() === 'table');
  const stmt = table?.statements.find((s) => s.startsWith('CREATE TABLE'));
  const line = stmt?.split('\n').map((l) => l.trim().replace(/,$/, '')).find((l) => l.startsWith('`'));
  if (!line) throw new Error(`cannot convert the column definition: ${pgDefinition}`);
  return line;
}

export interface RelationContext {
  target: mysql.Connection;
  source: pg.Client;
  tables: Map<string, RuntimeTable>;
  /** Source type per target column, per table key (the value converters read it). */
  sourceTypes: Map<string, Map<string, string>>;
  log: (msg: string) => void;
  alterAllowed: boolean;
}

export async function applyRelation(ctx: RelationContext, ev: Extract<PgEvent, { kind: 'relation' }>): Promise<void> {
  const t = ctx.tables.get(`${ev.schema}.${ev.table}`);
  if (!t || t.stats.state === 'dropped') return;
  // New: not removed by a rule and not on the target (the plan may already know the column when the
  // source was altered while the task was down).
  const removed = (n: string): boolean => t.plan.columnMap.has(n) && t.plan.columnMap.get(n) === undefined;
  const fresh = ev.columns.filter((c) => !removed(c.name) && !t.targetColumnFor(c.name));
  if (fresh.length === 0) return;
  const r = await ctx.source.query(`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS nn, pg_get_expr(d.adbin, d.adrelid) AS def
    FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attrelid = $1::regclass AND a.attname = ANY($2) AND NOT a.attisdropped`, [`${qi(ev.schema)}.${qi(ev.table)}`, fresh.map((c) => c.name)]);
  const defs = new Map((r.rows as { name: string; type: string; nn: string; def: string | null }[]).map((x) => [x.name, x]));
  let changed = false;
  for (const c of fresh) {
    const d = defs.get(c.name);
    const type = d?.type ?? 'text';
    if (!ctx.alterAllowed) {
      ctx.log(`ddl: ${t.label}: column ${c.name} added on the source not applied (HandleSourceTableAltered is false); its values are not replicated`);
      t.plan.columnMap.set(c.name, undefined);
      continue;
    }
    const name = t.plan.columnMap.get(c.name) ?? c.name;
    const def = `${type}${d?.def ? ` DEFAULT ${d.def}` : ''}${d?.nn === 't' ? ' NOT NULL' : ''}`;
    let converted: string;
    try { converted = convertPgColumnDefinition(name, def); } catch { converted = convertPgColumnDefinition(name, type); }
    const before = t.target.columns.some((x) => x.name === name);
    await mysqlQuery(ctx.target, `ALTER TABLE ${myQualified(t.target.schema, t.target.table)} ADD COLUMN IF NOT EXISTS ${converted}`);
    t.plan.columnMap.set(c.name, name);
    ctx.sourceTypes.get(t.key)?.set(name, type);
    if (!before) {
      t.stats.ddls++;
      ctx.log(`ddl: ${t.label}: added column ${converted}`);
    }
    changed = true;
  }
  if (changed) t.refresh(await describeMyTable(ctx.target, t.target.schema, t.target.table));
}

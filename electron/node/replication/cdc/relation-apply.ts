// PostgreSQL DDL as logical decoding shows it: a Relation message with the table's new column list
// precedes the first change after an ALTER TABLE. Columns dropped or retyped on the source are
// dropped or retyped on the target (or reported, by the DDL handling policy). A column the target lacks is added there (its
// definition — type, default, NOT NULL — read from the source catalog and converted by dbshift's
// PostgreSQL → MySQL conversion), so rows the source filled with the default match. MariaDB DDL
// commits implicitly, so it runs outside the apply transaction; ADD COLUMN IF NOT EXISTS makes a
// replay after a crash harmless, and only a column really added is counted.
import type mysql from 'mysql2';
import type pg from 'pg';
import { convert, parseScripts } from '../../../../converters/index.js';
import { mysqlQuery, qi, qmy } from '../endpoints.js';
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

interface SourceColumn { name: string; type: string; nn: string; def: string | null }

/**
 * A Relation message: the table's column list as the source has it now. Against what the task knows
 * (the source type of each target column): columns added, dropped or retyped are applied to the
 * target when HandleSourceTableAltered is true, reported otherwise — never passed over.
 */
export async function applyRelation(ctx: RelationContext, ev: Extract<PgEvent, { kind: 'relation' }>): Promise<void> {
  const t = ctx.tables.get(`${ev.schema}.${ev.table}`);
  if (!t || t.stats.state === 'dropped') return;
  const r = await ctx.source.query(`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS nn, pg_get_expr(d.adbin, d.adrelid) AS def
    FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`, [`${qi(ev.schema)}.${qi(ev.table)}`]);
  const defs = new Map((r.rows as SourceColumn[]).map((x) => [x.name, x]));
  const types = ctx.sourceTypes.get(t.key) ?? new Map<string, string>();
  ctx.sourceTypes.set(t.key, types);
  // New: not removed by a rule and not on the target (the plan may already know the column when the
  // source was altered while the task was down).
  const removed = (n: string): boolean => t.plan.columnMap.has(n) && t.plan.columnMap.get(n) === undefined;
  const fresh = ev.columns.filter((c) => !removed(c.name) && !t.targetColumnFor(c.name));
  const present = new Set(ev.columns.map((c) => t.targetColumnFor(c.name)).filter((n): n is string => !!n));
  const gone = [...types.keys()].filter((n) => !present.has(n) && t.target.columns.some((c) => c.name === n));
  const changed = [
    await addColumns(ctx, t, fresh.map((c) => c.name), defs, types),
    await dropColumns(ctx, t, gone, fresh.length > 0, types),
    await retypeColumns(ctx, t, ev.columns.filter((c) => !fresh.includes(c)).map((c) => c.name), defs, types),
  ].some(Boolean);
  if (changed) t.refresh(await describeMyTable(ctx.target, t.target.schema, t.target.table));
}

function notApplied(ctx: RelationContext, t: RuntimeTable, what: string): void {
  t.stats.ddls++;
  t.stats.lastError = `DDL not applied: ${what}`;
  ctx.log(`action item REPL0002 (high): ${t.label}: source DDL not applied to the target: ${what} — apply the equivalent change on the target by hand`);
}

async function addColumns(ctx: RelationContext, t: RuntimeTable, names: string[], defs: Map<string, SourceColumn>, types: Map<string, string>): Promise<boolean> {
  let changed = false;
  for (const source of names) {
    const d = defs.get(source);
    const type = d?.type ?? 'text';
    if (!ctx.alterAllowed) {
      ctx.log(`ddl: ${t.label}: column ${source} added on the source not applied (HandleSourceTableAltered is false); its values are not replicated`);
      t.plan.columnMap.set(source, undefined);
      continue;
    }
    const name = t.plan.columnMap.get(source) ?? source;
    const def = `${type}${d?.def ? ` DEFAULT ${d.def}` : ''}${d?.nn === 't' ? ' NOT NULL' : ''}`;
    let converted: string;
    try { converted = convertPgColumnDefinition(name, def); } catch { converted = convertPgColumnDefinition(name, type); }
    const before = t.target.columns.some((x) => x.name === name);
    await mysqlQuery(ctx.target, `ALTER TABLE ${myQualified(t.target.schema, t.target.table)} ADD COLUMN IF NOT EXISTS ${converted}`);
    t.plan.columnMap.set(source, name);
    types.set(name, type);
    if (!before) {
      t.stats.ddls++;
      ctx.log(`ddl: ${t.label}: added column ${converted}`);
    }
    changed = true;
  }
  return changed;
}

/** Columns gone from the source. Alongside a new column it may be a rename: then nothing is dropped (the data would go). */
async function dropColumns(ctx: RelationContext, t: RuntimeTable, names: string[], withNew: boolean, types: Map<string, string>): Promise<boolean> {
  let changed = false;
  for (const name of names) {
    types.delete(name); // reported or applied once
    if (!ctx.alterAllowed) { notApplied(ctx, t, `column ${name} dropped on the source (HandleSourceTableAltered is false); the target keeps it`); continue; }
    if (withNew) { notApplied(ctx, t, `column ${name} is gone from the source while a column was added (a rename?); the target keeps ${name} and its values — rename or drop it on the target`); continue; }
    const col = t.target.columns.find((c) => c.name === name);
    if (col && t.target.key.includes(name)) { notApplied(ctx, t, `key column ${name} dropped on the source`); continue; }
    await mysqlQuery(ctx.target, `ALTER TABLE ${myQualified(t.target.schema, t.target.table)} DROP COLUMN IF EXISTS ${qmy(name)}`);
    t.stats.ddls++;
    ctx.log(`ddl: ${t.label}: dropped column ${qmy(name)} (dropped on the source)`);
    changed = true;
  }
  return changed;
}

/** Columns whose source type changed (ALTER COLUMN … TYPE): the target column takes the converted new type. */
async function retypeColumns(ctx: RelationContext, t: RuntimeTable, sourceNames: string[], defs: Map<string, SourceColumn>, types: Map<string, string>): Promise<boolean> {
  let changed = false;
  for (const source of sourceNames) {
    const name = t.targetColumnFor(source);
    const now = defs.get(source);
    const was = name ? types.get(name) : undefined;
    if (!name || !now || !was || now.type === was) continue;
    types.set(name, now.type);
    if (!ctx.alterAllowed) { notApplied(ctx, t, `column ${source} changed type on the source from ${was} to ${now.type} (HandleSourceTableAltered is false)`); continue; }
    const def = `${now.type}${now.def ? ` DEFAULT ${now.def}` : ''}${now.nn === 't' ? ' NOT NULL' : ''}`;
    let converted: string;
    try { converted = convertPgColumnDefinition(name, def); } catch { converted = convertPgColumnDefinition(name, now.type); }
    await mysqlQuery(ctx.target, `ALTER TABLE ${myQualified(t.target.schema, t.target.table)} MODIFY COLUMN ${converted}`);
    t.stats.ddls++;
    ctx.log(`ddl: ${t.label}: column ${qmy(name)} changed type on the source (${was} → ${now.type}): now ${converted}`);
    changed = true;
  }
  return changed;
}

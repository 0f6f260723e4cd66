// The PostgreSQL side: control table, table preparation, introspection of the created columns and
// keys, and the statements change apply uses (upsert and delete by key).
import type pg from 'pg';
import { qi } from '../endpoints.js';

export const CONTROL_SCHEMA = 'dbshift_replication';

export interface TargetColumn { name: string; type: string; identity: boolean }
export interface TargetTableInfo { schema: string; table: string; columns: TargetColumn[]; key: string[] }

export function qualified(schema: string, table: string): string { return `${qi(schema)}.${qi(table)}`; }

export async function ensureControlTables(c: pg.Client): Promise<void> {
  await c.query(`CREATE SCHEMA IF NOT EXISTS ${qi(CONTROL_SCHEMA)}`);
  await c.query(`CREATE TABLE IF NOT EXISTS ${qi(CONTROL_SCHEMA)}.positions (
    task text PRIMARY KEY,
    phase text NOT NULL,
    position jsonb,
    load_start jsonb,
    updated_at timestamptz NOT NULL DEFAULT now())`);
}

export interface ControlRow { phase: string; position: unknown; loadStart: unknown }

export async function readControl(c: pg.Client, task: string): Promise<ControlRow | undefined> {
  const r = await c.query(`SELECT phase, position::text AS position, load_start::text AS load_start FROM ${qi(CONTROL_SCHEMA)}.positions WHERE task = $1`, [task]);
  const row = r.rows[0] as { phase: string; position: string | null; load_start: string | null } | undefined;
  if (!row) return undefined;
  return { phase: row.phase, position: row.position ? JSON.parse(row.position) : null, loadStart: row.load_start ? JSON.parse(row.load_start) : null };
}

/** Upserts the task's control row; run inside the transaction whose changes the position covers. */
export async function writeControl(c: pg.Client, task: string, phase: string, position: unknown, loadStart?: unknown): Promise<void> {
  await c.query(`INSERT INTO ${qi(CONTROL_SCHEMA)}.positions (task, phase, position, load_start, updated_at) VALUES ($1, $2, $3, $4, now())
    ON CONFLICT (task) DO UPDATE SET phase = EXCLUDED.phase, position = EXCLUDED.position,
      load_start = COALESCE(EXCLUDED.load_start, ${qi(CONTROL_SCHEMA)}.positions.load_start), updated_at = now()`,
  [task, phase, JSON.stringify(position ?? null), loadStart === undefined ? null : JSON.stringify(loadStart)]);
}

export async function deleteControl(c: pg.Client, task: string): Promise<void> {
  await c.query(`DELETE FROM ${qi(CONTROL_SCHEMA)}.positions WHERE task = $1`, [task]).catch(() => undefined);
}

export async function tableExists(c: pg.Client, schema: string, table: string): Promise<boolean> {
  const r = await c.query('SELECT 1 FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace WHERE n.nspname = $1 AND k.relname = $2', [schema, table]);
  return r.rows.length > 0;
}

export async function describeTable(c: pg.Client, schema: string, table: string): Promise<TargetTableInfo> {
  const cols = await c.query(`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, (a.attidentity <> '') AS ident
    FROM pg_attribute a JOIN pg_class k ON k.oid = a.attrelid JOIN pg_namespace n ON n.oid = k.relnamespace
    WHERE n.nspname = $1 AND k.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`, [schema, table]);
  // Primary key, else the first unique constraint/index over NOT NULL columns.
  const keys = await c.query(`SELECT i.indisprimary AS pk, array_to_string(array_agg(a.attname ORDER BY x.ord), ',') AS cols,
      bool_and(a.attnotnull) AS notnull
    FROM pg_index i JOIN pg_class k ON k.oid = i.indrelid JOIN pg_namespace n ON n.oid = k.relnamespace
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS x(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = k.oid AND a.attnum = x.attnum
    WHERE n.nspname = $1 AND k.relname = $2 AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
    GROUP BY i.indexrelid, i.indisprimary ORDER BY i.indisprimary DESC, i.indexrelid`, [schema, table]);
  const rows = keys.rows as { pk: string; cols: string; notnull: string }[];
  const best = rows.find((r) => r.pk === 't') ?? rows.find((r) => r.notnull === 't');
  return {
    schema, table,
    columns: (cols.rows as { name: string; type: string; ident: string }[]).map((r) => ({ name: r.name, type: r.type, identity: r.ident === 't' })),
    key: best ? best.cols.split(',') : [],
  };
}

/** Identity sequences moved past the loaded keys, so inserts on the target do not collide. */
export async function syncIdentities(c: pg.Client, t: TargetTableInfo): Promise<void> {
  for (const col of t.columns.filter((x) => x.identity)) {
    const tbl = qualified(t.schema, t.table);
    await c.query(`SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${qi(col.name)}) FROM ${tbl}), 1), (SELECT max(${qi(col.name)}) FROM ${tbl}) IS NOT NULL)`,
      [tbl, col.name]);
  }
}

/** INSERT … ON CONFLICT (key) DO UPDATE for the given columns (all must be in `cols`). */
export function upsertSql(t: TargetTableInfo, cols: string[]): string {
  const list = cols.map(qi).join(', ');
  const params = cols.map((_, i) => `$${i + 1}`).join(', ');
  const sets = cols.filter((c) => !t.key.includes(c)).map((c) => `${qi(c)} = EXCLUDED.${qi(c)}`);
  const conflict = t.key.length ? ` ON CONFLICT (${t.key.map(qi).join(', ')}) DO ${sets.length ? `UPDATE SET ${sets.join(', ')}` : 'NOTHING'}` : '';
  const overriding = t.columns.some((c) => c.identity && cols.includes(c.name)) ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO ${qualified(t.schema, t.table)} (${list})${overriding} VALUES (${params})${conflict}`;
}

export function deleteSql(t: TargetTableInfo): string {
  return `DELETE FROM ${qualified(t.schema, t.table)} WHERE ${t.key.map((k, i) => `${qi(k)} = $${i + 1}`).join(' AND ')}`;
}

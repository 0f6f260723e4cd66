// The PostgreSQL side of a PostgreSQL → MariaDB/MySQL task: what logical decoding needs (checked up
// front, with what to change), the task's publication and replication slot (named from the task
// id), the WAL a slot holds back, the selected tables and their columns, and the exported snapshot
// the full load reads so that the slot's changes start exactly where the loaded rows end.
import pg from 'pg';
import { qi, type Endpoint } from '../endpoints.js';
import { SourceSettingsError } from './mysql.js';

export interface LsnPosition { lsn: string }
export interface PgSourceColumn { name: string; type: string; typeOid: number }
export interface PgSourceTable { schema: string; table: string; columns: PgSourceColumn[]; key: string[]; replicaIdentity: string }

const SYSTEM = ['pg_catalog', 'information_schema', 'pg_toast'];

/** Slot and publication names: lower-case letters, digits and _ (the slot's rule), ≤ 63 bytes. */
export function replicationNames(task: string): { slot: string; publication: string } {
  const base = `dbshift_${task.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}`.slice(0, 63);
  return { slot: base, publication: base };
}

export function pgClientConfig(e: Endpoint, applicationName: string): pg.ClientConfig {
  const t = e.target;
  const mode = t.params.sslmode;
  return {
    host: t.host, port: t.port, user: t.user, database: t.database ?? t.user ?? 'postgres',
    ...(e.password !== undefined ? { password: e.password } : {}),
    ...(mode && !['disable', 'allow', 'prefer'].includes(mode) ? { ssl: { rejectUnauthorized: mode === 'verify-full' || mode === 'verify-ca' } } : {}),
    application_name: applicationName,
    // Values come back as the server's text; timestamptz in UTC, so it maps onto DATETIME as is.
    options: '-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=3',
    types: { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig,
  };
}

export async function openSourcePg(e: Endpoint, applicationName = 'dbshift-source'): Promise<pg.Client> {
  const c = new pg.Client(pgClientConfig(e, applicationName));
  c.on('error', () => { /* surfaces on the next query */ });
  await c.connect();
  return c;
}

/** What logical decoding from this server needs, each problem with the exact change to make. */
export async function checkLogicalSettings(c: pg.Client): Promise<string[]> {
  const r = await c.query(`SELECT current_setting('wal_level') AS wal, current_setting('max_replication_slots')::int AS slots,
      current_setting('max_wal_senders')::int AS senders, (SELECT count(*) FROM pg_replication_slots)::int AS used,
      r.rolname AS role, r.rolreplication AS repl, r.rolsuper AS super
    FROM pg_roles r WHERE r.rolname = current_user`);
  const v = r.rows[0] as { wal: string; slots: string; senders: string; used: string; role: string; repl: string; super: string };
  const problems: string[] = [];
  if (v.wal !== 'logical') problems.push(`wal_level is ${v.wal}: run ALTER SYSTEM SET wal_level = logical; and restart the server (on RDS/Aurora: rds.logical_replication = 1 in the parameter group)`);
  if (Number(v.slots) <= Number(v.used)) problems.push(`no free replication slot (max_replication_slots = ${v.slots}, ${v.used} in use): raise max_replication_slots and restart, or drop an unused slot`);
  if (Number(v.senders) < 1) problems.push('max_wal_senders is 0: set max_wal_senders = 10 and restart the server');
  if (v.repl !== 't' && v.super !== 't') problems.push(`the role ${v.role} lacks REPLICATION: ALTER ROLE ${qi(v.role)} REPLICATION; (and allow "replication" connections for it in pg_hba.conf if they are restricted)`);
  return problems;
}

export async function listPgTables(c: pg.Client): Promise<{ schema: string; table: string }[]> {
  const r = await c.query(`SELECT table_schema AS s, table_name AS t FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema <> ALL($1) AND table_schema NOT LIKE 'pg_temp%' ORDER BY 1, 2`, [SYSTEM]);
  return (r.rows as { s: string; t: string }[]).map((x) => ({ schema: x.s, table: x.t }));
}

export async function describePgSource(c: pg.Client, schema: string, table: string): Promise<PgSourceTable> {
  const cols = await c.query(`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.atttypid AS oid
    FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`, [`${qi(schema)}.${qi(table)}`]);
  const key = await c.query(`SELECT array_to_string(array_agg(a.attname ORDER BY x.ord), ',') AS cols, k.relreplident AS ident
    FROM pg_class k LEFT JOIN pg_index i ON i.indrelid = k.oid AND i.indisprimary
    LEFT JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS x(attnum, ord) ON true
    LEFT JOIN pg_attribute a ON a.attrelid = k.oid AND a.attnum = x.attnum
    WHERE k.oid = $1::regclass GROUP BY k.relreplident`, [`${qi(schema)}.${qi(table)}`]);
  const row = key.rows[0] as { cols: string | null; ident: string } | undefined;
  return {
    schema, table,
    columns: (cols.rows as { name: string; type: string; oid: string }[]).map((x) => ({ name: x.name, type: x.type, typeOid: Number(x.oid) })),
    key: row?.cols ? row.cols.split(',') : [],
    replicaIdentity: ({ d: 'default', f: 'full', n: 'nothing', i: 'index' } as Record<string, string>)[row?.ident ?? 'd'] ?? 'default',
  };
}

/** The publication holds exactly the task's tables (created, or re-pointed when the selection changed). */
export async function ensurePublication(c: pg.Client, name: string, tables: { schema: string; table: string }[]): Promise<void> {
  const list = tables.map((t) => `${qi(t.schema)}.${qi(t.table)}`).join(', ');
  const exists = (await c.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [name])).rows.length > 0;
  await c.query(exists ? `ALTER PUBLICATION ${qi(name)} SET TABLE ${list}` : `CREATE PUBLICATION ${qi(name)} FOR TABLE ${list}`);
}

export async function dropSlot(c: pg.Client, slot: string): Promise<boolean> {
  const r = await c.query('SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  if (r.rows.length === 0) return false;
  const pid = (r.rows[0] as { active_pid: string | null }).active_pid;
  // A slot still held by a killed run's walsender frees up once the server notices; end it now.
  if (pid) { await c.query('SELECT pg_terminate_backend($1)', [pid]); await new Promise((res) => setTimeout(res, 300)); }
  await c.query('SELECT pg_drop_replication_slot($1)', [slot]);
  return true;
}

/**
 * A killed run's walsender can still hold the slot for a moment (until the server notices the
 * closed socket): wait for it, then end it — the slot belongs to this task alone (a second live
 * run is refused earlier by the task's pid check).
 */
export async function releaseSlot(c: pg.Client, slot: string, log: (m: string) => void): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await c.query('SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1', [slot]);
    const pid = (r.rows[0] as { active_pid: string | null } | undefined)?.active_pid;
    if (!pid) return;
    if (i === 49) { log(`source: slot ${slot} still held by backend ${pid} (a previous run): ending it`); await c.query('SELECT pg_terminate_backend($1)', [pid]); }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new SourceSettingsError(`the replication slot ${slot} is in use by another process; stop it (or the task's other run) first`);
}

/** Drops the task's slot and publication (task delete). */
export async function dropReplicationObjects(source: Endpoint, task: string): Promise<string[]> {
  const { slot, publication } = replicationNames(task);
  const c = await openSourcePg(source);
  const done: string[] = [];
  try {
    if (await dropSlot(c, slot)) done.push(`replication slot ${slot}`);
    const r = await c.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [publication]);
    if (r.rows.length) { await c.query(`DROP PUBLICATION ${qi(publication)}`); done.push(`publication ${publication}`); }
  } finally { await c.end().catch(() => undefined); }
  return done;
}

export interface SlotLag { retainedBytes: number; lagBytes: number; active: boolean }

/** How much WAL the slot keeps on the source's disk and how far its confirmed position trails. */
export async function slotLag(c: pg.Client, slot: string): Promise<SlotLag | undefined> {
  const r = await c.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint AS retained,
      pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint AS lag, active FROM pg_replication_slots WHERE slot_name = $1`, [slot]);
  const row = r.rows[0] as { retained: string | null; lag: string | null; active: string } | undefined;
  return row ? { retainedBytes: Number(row.retained ?? 0), lagBytes: Number(row.lag ?? 0), active: row.active === 't' } : undefined;
}

export async function currentLsn(c: pg.Client): Promise<string> {
  return ((await c.query('SELECT pg_current_wal_lsn()::text AS l')).rows[0] as { l: string }).l;
}

export function compareLsn(a: string, b: string): number {
  const v = (l: string): bigint => { const [hi, lo] = l.split('/'); return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`); };
  const x = v(a); const y = v(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Creates the slot on a replication connection and exports its snapshot. The connection must stay
 * open (and idle) while the full load imports the snapshot; close it afterwards.
 */
export async function createSlotWithSnapshot(source: Endpoint, slot: string): Promise<{ lsn: string; snapshot: string; close: () => Promise<void> }> {
  const c = new pg.Client({ ...pgClientConfig(source, 'dbshift-slot'), replication: 'database' } as pg.ClientConfig);
  c.on('error', () => { /* surfaces on the next query */ });
  await c.connect();
  try {
    const r = await c.query(`CREATE_REPLICATION_SLOT ${qi(slot)} LOGICAL pgoutput EXPORT_SNAPSHOT`);
    const row = r.rows[0] as { consistent_point: string; snapshot_name: string };
    return { lsn: row.consistent_point, snapshot: row.snapshot_name, close: () => c.end().catch(() => undefined) };
  } catch (e) {
    await c.end().catch(() => undefined);
    throw e;
  }
}

export { SourceSettingsError };

// SQL Server CDC reader: polls the change tables of the selected tables' capture instances from the
// saved commit LSN (exclusive) to sys.fn_cdc_get_max_lsn(), and checks up front that CDC is on for
// the database and the tables (saying what to run when it is not) and that the Agent runs the
// capture job. Over any `Connection` from connectors/ (tedious; @p1 @p2 parameters). Not verified
// against a live server: tested on change rows authored from Microsoft's documentation.
import type { Connection } from '../../connectors/types.js';
import { SourceSettingsError } from './mysql.js';
import { pollingReader, type ChangeReader } from './polling-reader.js';
import {
  changesSql, compareLsn, enableInstructions, normalizeLsn, transactionsFromRows,
  type CaptureInstance, type CdcRow, type SqlServerPosition, type SqlServerTxn,
} from './sqlserver-changes.js';

export * from './sqlserver-changes.js';

export interface TableName { schema: string; table: string }

/** Problems that keep CDC from these tables, each with what to run. */
export async function checkCdcSettings(c: Connection, tables: TableName[]): Promise<string[]> {
  const [db] = await c.query<{ name: string; is_cdc_enabled: boolean | number }>('SELECT name, is_cdc_enabled FROM sys.databases WHERE name = DB_NAME()');
  const dbEnabled = !!db && (db.is_cdc_enabled === true || db.is_cdc_enabled === 1);
  const tracked = await c.query<{ s: string; t: string; on: boolean | number }>(
    'SELECT s.name AS s, t.name AS t, t.is_tracked_by_cdc AS [on] FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id');
  const on = new Set(tracked.filter((r) => r.on === true || r.on === 1).map((r) => `${r.s}.${r.t}`));
  const problems = enableInstructions(db?.name ?? '(current database)', dbEnabled, tables.filter((t) => !on.has(`${t.schema}.${t.table}`)));
  try {
    const agent = await c.query<{ status_desc: string }>("SELECT status_desc FROM sys.dm_server_services WHERE servicename LIKE 'SQL Server Agent%'");
    if (agent[0] && agent[0].status_desc !== 'Running') {
      problems.push(`SQL Server Agent is ${agent[0].status_desc}: start it (the CDC capture job it runs fills the change tables; EXEC sys.sp_cdc_start_job @job_type = N'capture' once it runs)`);
    }
  } catch { /* VIEW SERVER STATE missing: the Agent cannot be checked from here */ }
  return problems;
}

/** The capture instance of each table (the newest when a table has two, as after a schema change). */
export async function captureInstances(c: Connection, tables: TableName[]): Promise<CaptureInstance[]> {
  const rows = await c.query<{ s: string; t: string; ci: string; created: Date | string; col: string; type?: string }>(
    `SELECT s.name AS s, t.name AS t, ct.capture_instance AS ci, ct.create_date AS created, cc.column_name AS col, cc.column_type AS type
       FROM cdc.change_tables ct
       JOIN sys.tables t ON t.object_id = ct.source_object_id
       JOIN sys.schemas s ON s.schema_id = t.schema_id
       JOIN cdc.captured_columns cc ON cc.object_id = ct.object_id
      ORDER BY s.name, t.name, ct.create_date DESC, cc.column_ordinal`);
  const out: CaptureInstance[] = [];
  for (const want of tables) {
    const mine = rows.filter((r) => r.s === want.schema && r.t === want.table);
    if (mine.length === 0) throw new SourceSettingsError(`table ${want.schema}.${want.table} has no capture instance: ${enableInstructions('', true, [want])[0]}`);
    const instance = mine[0]!.ci;
    const cols = mine.filter((r) => r.ci === instance);
    out.push({ schema: want.schema, table: want.table, instance, columns: cols.map((r) => r.col), types: Object.fromEntries(cols.map((r) => [r.col, r.type ?? ''])) });
  }
  return out;
}

/** Where CDC stands now (the position a cdc-only task or a full load starts from). */
export async function currentLsn(c: Connection): Promise<SqlServerPosition> {
  const [r] = await c.query<{ lsn: string | null }>('SELECT CONVERT(varchar(22), sys.fn_cdc_get_max_lsn(), 1) AS lsn');
  if (!r?.lsn) throw new SourceSettingsError('sys.fn_cdc_get_max_lsn() is NULL: change data capture is not enabled for this database (EXEC sys.sp_cdc_enable_db) or its capture job has not run yet');
  return { lsn: normalizeLsn(r.lsn) };
}

export interface SqlServerReaderOptions {
  idleMs?: number;
  /** Rows per capture instance per poll (a larger transaction is read whole, alone). */
  batchRows?: number;
}

/**
 * Reads the transactions committed after `from` (exclusive), in commit order across all instances.
 * A poll reads a window of at most `batchRows` rows per instance; when an instance fills it, the
 * window ends before that instance's last LSN, so no transaction is ever split between polls.
 */
export function startSqlServerReader(c: Connection, instances: CaptureInstance[], from: SqlServerPosition, o: SqlServerReaderOptions = {}): ChangeReader<SqlServerPosition> {
  const limit = o.batchRows ?? 10_000;
  let last = normalizeLsn(from.lsn);
  const poll = async (): Promise<SqlServerTxn[]> => {
    const [r] = await c.query<{ lo: string; hi: string | null }>('SELECT CONVERT(varchar(22), sys.fn_cdc_increment_lsn(CONVERT(binary(10), @p1, 1)), 1) AS lo, CONVERT(varchar(22), sys.fn_cdc_get_max_lsn(), 1) AS hi', [last]);
    if (!r?.hi) return [];
    const lo = normalizeLsn(r.lo);
    let hi = normalizeLsn(r.hi);
    if (compareLsn(lo, hi) > 0) return [];
    for (const ci of instances) {
      const [m] = await c.query<{ min: string | null }>('SELECT CONVERT(varchar(22), sys.fn_cdc_get_min_lsn(@p1), 1) AS min', [ci.instance]);
      if (!m?.min || /^0x0+$/i.test(m.min)) throw new SourceSettingsError(`capture instance ${ci.instance} is gone (CDC disabled on ${ci.schema}.${ci.table}?): enable it again and reload the task`);
      if (compareLsn(m.min, lo) > 0) {
        throw new SourceSettingsError(`the changes of ${ci.schema}.${ci.table} from ${lo} on are no longer in its change table (kept from ${normalizeLsn(m.min)}: the CDC cleanup job removed them, see its retention in msdb.dbo.cdc_jobs): reload the task with dbshift replicate start`);
      }
    }
    const batches: { ci: CaptureInstance; rows: CdcRow[] }[] = [];
    for (const ci of instances) {
      const rows = await c.query<CdcRow>(changesSql(ci, limit), [lo, hi]);
      if (rows.length >= limit) {
        const end = normalizeLsn(rows[rows.length - 1]!.__$start_lsn);
        if (end === normalizeLsn(rows[0]!.__$start_lsn)) {
          // One transaction larger than the window: read it alone, whole.
          hi = end;
          batches.length = 0;
          for (const cj of instances) batches.push({ ci: cj, rows: await c.query<CdcRow>(changesSql(cj), [end, end]) });
          break;
        }
        hi = decrement(end, hi);
      }
      batches.push({ ci, rows });
    }
    const inWindow = batches.map((b) => ({ ci: b.ci, rows: b.rows.filter((x) => compareLsn(x.__$start_lsn, hi) <= 0) }));
    const txns = transactionsFromRows(inWindow);
    if (txns.length) last = txns[txns.length - 1]!.position.lsn;
    return txns;
  };
  return pollingReader(poll, { idleMs: o.idleMs ?? 1000 });
}

/** The window's end just before `end` (`end`'s transaction may be cut): the smaller of that and `hi`. */
function decrement(end: string, hi: string): string {
  const n = BigInt(end) - 1n;
  const prev = `0x${n.toString(16).toUpperCase().padStart(20, '0')}`;
  return compareLsn(prev, hi) < 0 ? prev : hi;
}

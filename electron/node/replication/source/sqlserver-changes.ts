// SQL Server change-table rows (cdc.fn_cdc_get_all_changes_<capture_instance> with N'all update old')
// as our transactions. Documented semantics this relies on: __$start_lsn is the commit LSN, shared
// by every change of one transaction (commit order = __$start_lsn order); __$seqval orders the
// changes inside it; __$operation 1 = delete, 2 = insert, 3 = update before image, 4 = update after
// image (3 comes only with 'all update old', next to its 4). Not verified against a live server.
import type { RowChange } from '../cdc/binlog.js';

/** A change-table row as the reader selects it: LSNs as '0x' + 20 hex digits (CONVERT(varchar, lsn, 1)). */
export interface CdcRow {
  __$start_lsn: string;
  __$seqval: string;
  __$operation: number;
  /** sys.fn_cdc_map_lsn_to_time(__$start_lsn): the commit time (server local time). */
  __$commit_time?: Date | string | null;
  [column: string]: unknown;
}

export interface CaptureInstance {
  /** Source table. */
  schema: string;
  table: string;
  /** cdc.change_tables.capture_instance, e.g. dbo_Orders. */
  instance: string;
  /** Captured columns in column_ordinal order (cdc.captured_columns). */
  columns: string[];
  /** cdc.captured_columns.column_type per column (decimal, datetime2, …), to read them exactly. */
  types?: Record<string, string>;
}

/** Resume point: the commit LSN of the last transaction applied. */
export interface SqlServerPosition { lsn: string }

export type SqlServerTxn = { kind: 'txn'; changes: RowChange[]; position: SqlServerPosition; timestamp: number };

export class CdcRowError extends Error { override name = 'CdcRowError'; }

const LSN = /^0x[0-9A-F]{20}$/;

/** LSNs as fixed-width upper-case hex compare as text. */
export function normalizeLsn(lsn: string): string {
  const u = lsn.trim().toUpperCase().replace(/^0X/, '0x');
  if (!LSN.test(u)) throw new CdcRowError(`not an LSN: ${lsn} (expected 0x followed by 20 hex digits)`);
  return u;
}

export function compareLsn(a: string, b: string): number {
  const x = normalizeLsn(a); const y = normalizeLsn(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function image(row: CdcRow, columns: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[c] = row[c] === undefined ? null : row[c];
  return out;
}

function time(v: CdcRow['__$commit_time']): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') { const t = Date.parse(v); return Number.isNaN(t) ? 0 : t; }
  return 0;
}

interface Tagged { row: CdcRow; ci: CaptureInstance; lsn: string; seq: string }

/**
 * Rows of several capture instances (each as returned for one LSN range) → transactions in commit
 * order. A transaction that touched several tables has rows in several instances with one LSN.
 */
export function transactionsFromRows(batches: { ci: CaptureInstance; rows: CdcRow[] }[]): SqlServerTxn[] {
  const all: Tagged[] = [];
  for (const { ci, rows } of batches) {
    for (const row of rows) all.push({ row, ci, lsn: normalizeLsn(row.__$start_lsn), seq: normalizeLsn(row.__$seqval) });
  }
  // Stable: rows of one instance with equal (lsn, seqval) keep the order the server gave (3 before 4).
  all.sort((a, b) => (a.lsn < b.lsn ? -1 : a.lsn > b.lsn ? 1 : a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : a.row.__$operation === 3 && b.row.__$operation === 4 ? -1 : a.row.__$operation === 4 && b.row.__$operation === 3 ? 1 : 0));
  const out: SqlServerTxn[] = [];
  let cur: SqlServerTxn | undefined;
  const before = new Map<string, Record<string, unknown>>();
  for (const t of all) {
    if (!cur || cur.position.lsn !== t.lsn) {
      checkPaired(before, cur);
      cur = { kind: 'txn', changes: [], position: { lsn: t.lsn }, timestamp: time(t.row.__$commit_time) };
      out.push(cur);
    }
    const base = { schema: t.ci.schema, table: t.ci.table };
    const op = Number(t.row.__$operation);
    switch (op) {
      case 1: cur.changes.push({ op: 'delete', ...base, before: image(t.row, t.ci.columns) }); break;
      case 2: cur.changes.push({ op: 'insert', ...base, after: image(t.row, t.ci.columns) }); break;
      case 3: before.set(t.ci.instance, image(t.row, t.ci.columns)); break;
      case 4: {
        const b = before.get(t.ci.instance);
        if (!b) throw new CdcRowError(`${t.ci.instance} at ${t.lsn}: an update's new values (__$operation 4) without its old values (3): read the change table with N'all update old'`);
        before.delete(t.ci.instance);
        cur.changes.push({ op: 'update', ...base, before: b, after: image(t.row, t.ci.columns) });
        break;
      }
      default: throw new CdcRowError(`${t.ci.instance} at ${t.lsn}: unknown __$operation ${String(t.row.__$operation)}`);
    }
  }
  checkPaired(before, cur);
  return out;
}

function checkPaired(before: Map<string, unknown>, cur: SqlServerTxn | undefined): void {
  if (before.size === 0) return;
  const [instance] = before.keys();
  throw new CdcRowError(`${instance} at ${cur?.position.lsn ?? '?'}: an update's old values (__$operation 3) without its new values (4)`);
}

const qb = (n: string): string => `[${n.replace(/]/g, ']]')}]`;

/**
 * tedious hands DECIMAL/NUMERIC/MONEY over as JavaScript numbers (15-16 digits) and DATETIME2/TIME/
 * DATETIMEOFFSET as Dates (milliseconds): those columns are read as text so no digit is lost.
 */
export function selectColumn(name: string, type: string | undefined): string {
  const t = (type ?? '').toLowerCase();
  if (['decimal', 'numeric', 'money', 'smallmoney'].includes(t)) return `CONVERT(varchar(64), ${qb(name)}) AS ${qb(name)}`;
  if (t === 'datetime2' || t === 'time') return `CONVERT(varchar(40), ${qb(name)}, 121) AS ${qb(name)}`;
  if (t === 'datetimeoffset') return `CONVERT(varchar(40), ${qb(name)}, 127) AS ${qb(name)}`;
  return qb(name);
}

/** The change query for one capture instance: rows with from ≤ __$start_lsn ≤ to, in apply order. */
export function changesSql(ci: CaptureInstance, top?: number): string {
  if (!/^[A-Za-z0-9_]+$/.test(ci.instance)) throw new CdcRowError(`capture instance name ${ci.instance} cannot be used in a function name`);
  return `SELECT ${top ? `TOP (${top}) ` : ''}CONVERT(varchar(22), __$start_lsn, 1) AS [__$start_lsn], CONVERT(varchar(22), __$seqval, 1) AS [__$seqval], __$operation AS [__$operation], `
    + `sys.fn_cdc_map_lsn_to_time(__$start_lsn) AS [__$commit_time], ${ci.columns.map((c) => selectColumn(c, ci.types?.[c])).join(', ')} `
    + `FROM cdc.fn_cdc_get_all_changes_${ci.instance}(CONVERT(binary(10), @p1, 1), CONVERT(binary(10), @p2, 1), N'all update old') `
    + 'ORDER BY __$start_lsn, __$seqval, __$operation';
}

/** What to run on the source so CDC can read these tables (each needs sysadmin / db_owner). */
export function enableInstructions(database: string, dbEnabled: boolean, untracked: { schema: string; table: string }[]): string[] {
  const q = (s: string): string => s.replace(/'/g, "''");
  const out: string[] = [];
  if (!dbEnabled) out.push(`change data capture is off for database ${database}: run USE ${qb(database)}; EXEC sys.sp_cdc_enable_db; (as sysadmin)`);
  for (const t of untracked) {
    out.push(`table ${t.schema}.${t.table} is not tracked by change data capture: run EXEC sys.sp_cdc_enable_table @source_schema = N'${q(t.schema)}', @source_name = N'${q(t.table)}', @role_name = NULL; (as db_owner)`);
  }
  return out;
}

// Oracle LogMiner reader: each poll mines the redo (archived + online logs) from a restart SCN to
// the current SCN with DICT_FROM_ONLINE_CATALOG + COMMITTED_DATA_ONLY, so V$LOGMNR_CONTENTS gives
// whole committed transactions in commit order, each ending with its COMMIT row. The position is
// the last applied COMMIT_SCN (+ the XIDs committed at that SCN) and a restart SCN no older than the
// start of any transaction still open when the window was taken (V$TRANSACTION), so a restart
// re-mines from there and skips what was applied. Checks ARCHIVELOG mode and supplemental logging
// up front, with the statements to run. Over any `Connection` (oracledb, :1 binds). Not verified
// against a live server: tested on V$LOGMNR_CONTENTS rows authored from Oracle's documentation.
import type { RowChange } from '../cdc/binlog.js';
import type { Connection } from '../../connectors/types.js';
import { SourceSettingsError } from './mysql.js';
import { parseRedo, RedoParseError } from './oracle-redo.js';
import { pollingReader, type ChangeReader, type PolledEvent } from './polling-reader.js';

export * from './oracle-redo.js';

export interface OraclePosition {
  /** COMMIT_SCN of the last transaction applied, and the XIDs applied with that same SCN. */
  commitScn: string;
  xids: string[];
  /** Where mining starts again: at or before the first change of every transaction not yet applied. */
  restartScn: string;
}

/** V$LOGMNR_CONTENTS as the reader selects it (SCNs as text: TO_CHAR, exact beyond 2^53). */
export interface LogMinerRow {
  SCN: string;
  COMMIT_SCN: string | null;
  XID: string;
  OPERATION: string;
  SEG_OWNER: string | null;
  TABLE_NAME: string | null;
  SQL_REDO: string | null;
  /** 1: SQL_REDO continues in the next row (long statements are split). */
  CSF: number;
  COMMIT_TIMESTAMP?: Date | string | null;
}

export interface TableName { schema: string; table: string }

const big = (s: string): bigint => BigInt(s);
const minScn = (a: string, b: string): string => (big(a) <= big(b) ? a : b);

export function alreadyApplied(p: OraclePosition | undefined, commitScn: string, xid: string): boolean {
  if (!p) return false;
  const c = big(commitScn); const applied = big(p.commitScn);
  return c < applied || (c === applied && p.xids.includes(xid));
}

function ms(v: LogMinerRow['COMMIT_TIMESTAMP']): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') { const t = Date.parse(v); return Number.isNaN(t) ? 0 : t; }
  return 0;
}

function toChange(sql: string, wanted: (s: string, t: string) => boolean): RowChange | undefined {
  const st = parseRedo(sql);
  if (!wanted(st.schema, st.table)) return undefined;
  const base = { schema: st.schema, table: st.table };
  if (st.op === 'insert') return { op: 'insert', ...base, after: st.after };
  // The where clause holds the key (primary-key supplemental logging) and the old values of the
  // columns that changed; the new image is that plus the SET list.
  if (st.op === 'update') return { op: 'update', ...base, before: st.where, after: { ...st.where, ...st.set } };
  return { op: 'delete', ...base, before: st.where };
}

/**
 * Contents rows of one mining window → transactions (and DDL) in commit order, those at or before
 * `after` left out. `restartScn` is what every event's position carries as its restart point.
 */
export function eventsFromContents(rows: LogMinerRow[], o: { after?: OraclePosition; restartScn: string; wanted: (schema: string, table: string) => boolean }): PolledEvent<OraclePosition>[] {
  const out: PolledEvent<OraclePosition>[] = [];
  const open = new Map<string, RowChange[]>();
  let last = o.after;
  const position = (commitScn: string, xid: string): OraclePosition => {
    const xids = last && last.commitScn === commitScn ? [...last.xids, xid] : [xid];
    last = { commitScn, xids, restartScn: o.restartScn };
    return last;
  };
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const commitScn = r.COMMIT_SCN ?? r.SCN;
    let sql = r.SQL_REDO ?? '';
    while (Number(rows[k]!.CSF) === 1 && k + 1 < rows.length) { k++; sql += rows[k]!.SQL_REDO ?? ''; }
    const op = r.OPERATION.toUpperCase();
    if (op === 'COMMIT') {
      const changes = open.get(r.XID);
      open.delete(r.XID);
      if (!changes || alreadyApplied(o.after, commitScn, r.XID)) continue;
      out.push({ kind: 'txn', changes, position: position(commitScn, r.XID), timestamp: ms(r.COMMIT_TIMESTAMP) });
      continue;
    }
    if (op === 'ROLLBACK') { open.delete(r.XID); continue; }
    if (alreadyApplied(o.after, commitScn, r.XID)) continue;
    if (op === 'DDL') {
      if (r.SEG_OWNER && o.wanted(r.SEG_OWNER, r.TABLE_NAME ?? '')) {
        out.push({ kind: 'ddl', schema: r.SEG_OWNER, sql: sql.replace(/;\s*$/, ''), position: position(commitScn, r.XID), timestamp: ms(r.COMMIT_TIMESTAMP) });
      }
      continue;
    }
    if (op === 'UNSUPPORTED') {
      if (r.SEG_OWNER && r.TABLE_NAME && o.wanted(r.SEG_OWNER, r.TABLE_NAME)) {
        throw new SourceSettingsError(`LogMiner cannot reconstruct a change to ${r.SEG_OWNER}.${r.TABLE_NAME} at SCN ${r.SCN} (OPERATION UNSUPPORTED: a column type or storage LogMiner does not support); leave the table out of the task or load it with full-load only`);
      }
      continue;
    }
    if (op !== 'INSERT' && op !== 'UPDATE' && op !== 'DELETE') continue;
    let change: RowChange | undefined;
    try { change = toChange(sql, o.wanted); } catch (e) {
      if (e instanceof RedoParseError) throw new RedoParseError(`SCN ${r.SCN}, transaction ${r.XID}: ${e.message}`);
      throw e;
    }
    if (!change) continue;
    const list = open.get(r.XID) ?? [];
    list.push(change);
    open.set(r.XID, list);
  }
  return out;
}

/** What LogMiner needs on this database and these tables, each problem with the statements to run. */
export async function checkLogMinerSettings(c: Connection, tables: TableName[]): Promise<string[]> {
  const [d] = await c.query<{ LOG_MODE: string; MIN: string; PK: string; ALL_COLS: string }>(
    'SELECT LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN AS "MIN", SUPPLEMENTAL_LOG_DATA_PK AS PK, SUPPLEMENTAL_LOG_DATA_ALL AS ALL_COLS FROM V$DATABASE');
  const problems: string[] = [];
  if (!d) return ['V$DATABASE is not readable: GRANT SELECT ON V_$DATABASE TO the user (as SYSDBA)'];
  if (d.LOG_MODE !== 'ARCHIVELOG') problems.push(`the database is in ${d.LOG_MODE} mode: LogMiner needs the redo kept: as SYSDBA run SHUTDOWN IMMEDIATE; STARTUP MOUNT; ALTER DATABASE ARCHIVELOG; ALTER DATABASE OPEN;`);
  if (d.MIN === 'NO') problems.push('minimal supplemental logging is off: run ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;');
  if (d.PK !== 'YES' && d.ALL_COLS !== 'YES') {
    const groups = await c.query<{ OWNER: string; TABLE_NAME: string }>(
      "SELECT OWNER, TABLE_NAME FROM ALL_LOG_GROUPS WHERE LOG_GROUP_TYPE IN ('PRIMARY KEY LOGGING', 'ALL COLUMN LOGGING')");
    const logged = new Set(groups.map((g) => `${g.OWNER}.${g.TABLE_NAME}`));
    const missing = tables.filter((t) => !logged.has(`${t.schema}.${t.table}`));
    if (missing.length) {
      const q = (n: string): string => `"${n.replace(/"/g, '""')}"`;
      problems.push(`the redo does not carry the keys of ${missing.map((t) => `${t.schema}.${t.table}`).join(', ')}: run ALTER DATABASE ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS; or per table ${missing.map((t) => `ALTER TABLE ${q(t.schema)}.${q(t.table)} ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS;`).join(' ')}`);
    }
  }
  const privs = new Set((await c.query<{ PRIVILEGE: string }>('SELECT PRIVILEGE FROM SESSION_PRIVS')).map((p) => p.PRIVILEGE));
  if (!privs.has('LOGMINING') && !privs.has('SELECT ANY TRANSACTION')) problems.push('the user may not read V$LOGMNR_CONTENTS: GRANT LOGMINING TO the user (11g: GRANT SELECT ANY TRANSACTION), and GRANT EXECUTE ON DBMS_LOGMNR');
  return problems;
}

/** The current SCN as a starting position (nothing applied yet). */
export async function currentScn(c: Connection): Promise<OraclePosition> {
  const [r] = await c.query<{ NOW_SCN: string; OLDEST: string | null }>(WINDOW_SQL);
  if (!r) throw new SourceSettingsError('V$DATABASE returned no row');
  return { commitScn: r.NOW_SCN, xids: [], restartScn: r.OLDEST ? minScn(r.OLDEST, r.NOW_SCN) : r.NOW_SCN };
}

const WINDOW_SQL = 'SELECT TO_CHAR(d.CURRENT_SCN) AS NOW_SCN, TO_CHAR((SELECT MIN(t.START_SCN) FROM V$TRANSACTION t)) AS OLDEST FROM V$DATABASE d';

const LOGS_SQL = `SELECT NAME, TO_CHAR(FIRST_CHANGE#) AS FIRST_SCN FROM (
    SELECT a.NAME, a.FIRST_CHANGE#, a.SEQUENCE#, a.THREAD# FROM V$ARCHIVED_LOG a
     WHERE a.NAME IS NOT NULL AND a.STANDBY_DEST = 'NO' AND a.DELETED = 'NO' AND a.NEXT_CHANGE# > :1 AND a.FIRST_CHANGE# <= :2
       AND a.DEST_ID = (SELECT MIN(x.DEST_ID) FROM V$ARCHIVED_LOG x WHERE x.NAME IS NOT NULL AND x.STANDBY_DEST = 'NO')
    UNION ALL
    SELECT MIN(f.MEMBER), l.FIRST_CHANGE#, l.SEQUENCE#, l.THREAD# FROM V$LOG l JOIN V$LOGFILE f ON f.GROUP# = l.GROUP#
     WHERE l.ARCHIVED = 'NO' AND l.NEXT_CHANGE# > :1 GROUP BY l.FIRST_CHANGE#, l.SEQUENCE#, l.THREAD#)
  ORDER BY THREAD#, SEQUENCE#`;

export function contentsSql(schemas: string[]): string {
  const owners = schemas.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ');
  return `SELECT TO_CHAR(SCN) AS SCN, TO_CHAR(COMMIT_SCN) AS COMMIT_SCN, RAWTOHEX(XID) AS XID, OPERATION, SEG_OWNER, TABLE_NAME, SQL_REDO, CSF, COMMIT_TIMESTAMP
  FROM V$LOGMNR_CONTENTS
 WHERE OPERATION IN ('COMMIT', 'ROLLBACK') OR (SEG_OWNER IN (${owners || "''"}) AND OPERATION IN ('INSERT', 'UPDATE', 'DELETE', 'DDL', 'UNSUPPORTED'))`;
}

export const START_LOGMNR = 'BEGIN DBMS_LOGMNR.START_LOGMNR(STARTSCN => :1, ENDSCN => :2, OPTIONS => DBMS_LOGMNR.DICT_FROM_ONLINE_CATALOG + DBMS_LOGMNR.COMMITTED_DATA_ONLY); END;';

export function startLogMinerReader(c: Connection, tables: TableName[], from: OraclePosition, o: { idleMs?: number } = {}): ChangeReader<OraclePosition> {
  const wantedSet = new Set(tables.map((t) => `${t.schema}.${t.table}`));
  const wanted = (s: string, t: string): boolean => wantedSet.has(`${s}.${t}`);
  let pos = from;
  let prepared = false;
  let savedAt = 0;
  const poll = async (): Promise<PolledEvent<OraclePosition>[]> => {
    if (!prepared) {
      await c.exec("ALTER SESSION SET NLS_DATE_FORMAT = 'YYYY-MM-DD HH24:MI:SS'");
      await c.exec("ALTER SESSION SET NLS_TIMESTAMP_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF'");
      await c.exec("ALTER SESSION SET NLS_TIMESTAMP_TZ_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM'");
      await c.exec("ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,'");
      prepared = true;
    }
    const [w] = await c.query<{ NOW_SCN: string; OLDEST: string | null }>(WINDOW_SQL);
    if (!w) return [];
    const start = pos.restartScn;
    const end = w.NOW_SCN;
    if (big(end) <= big(start)) return [];
    const logs = await c.query<{ NAME: string; FIRST_SCN: string }>(LOGS_SQL, [start, end]);
    if (logs.length === 0 || logs.every((l) => big(l.FIRST_SCN) > big(start))) {
      throw new SourceSettingsError(`the redo from SCN ${start} on is no longer available (archived logs deleted?): the saved position cannot be resumed; keep archived logs longer (RMAN retention) and reload the task with dbshift replicate start`);
    }
    let events: PolledEvent<OraclePosition>[];
    await c.query('BEGIN DBMS_LOGMNR.ADD_LOGFILE(LOGFILENAME => :1, OPTIONS => DBMS_LOGMNR.NEW); END;', [logs[0]!.NAME]);
    try {
      for (const l of logs.slice(1)) await c.query('BEGIN DBMS_LOGMNR.ADD_LOGFILE(LOGFILENAME => :1, OPTIONS => DBMS_LOGMNR.ADDFILE); END;', [l.NAME]);
      await c.query(START_LOGMNR, [start, end]);
      const rows = await c.query<LogMinerRow>(contentsSql([...new Set(tables.map((t) => t.schema))]));
      events = eventsFromContents(rows, { after: pos, restartScn: start, wanted });
    } finally {
      await c.query('BEGIN DBMS_LOGMNR.END_LOGMNR; END;').catch(() => undefined);
    }
    const last = events.length ? events[events.length - 1]!.position : pos;
    // Everything committed up to `end` has been seen: the next window may start at the oldest
    // transaction still open when `end` was taken (or at `end` when none was).
    const restart = w.OLDEST ? minScn(w.OLDEST, end) : end;
    const next: OraclePosition = { ...last, restartScn: restart };
    // A position-only transaction so the target keeps the newer restart point: after changes, and
    // every half minute when idle (an older saved restart point only means more redo mined again).
    if (next.restartScn !== last.restartScn && (events.length > 0 || Date.now() - savedAt > 30_000)) {
      events.push({ kind: 'txn', changes: [], position: next, timestamp: Date.now() });
      savedAt = Date.now();
    }
    pos = next;
    return events;
  };
  return pollingReader(poll, { idleMs: o.idleMs ?? 1000 });
}

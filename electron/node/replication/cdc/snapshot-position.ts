// The binlog position a full load's cached changes start from. SHOW MASTER STATUS is not enough:
// a transaction is written to the binlog before the storage engine commits it (two-phase commit),
// so the position it reports can already be past a transaction that a snapshot taken right after
// does not see yet — that change is then neither in the loaded rows nor in the replayed binlog
// (a lost change, seen under load). MariaDB reports the binlog position that matches an InnoDB
// consistent snapshot exactly (binlog_snapshot_file/position); MySQL gets it under a global read
// lock, which waits for in-flight commits. Every snapshot taken later sees at least what this one
// sees, so replaying from here never misses a change.
import type mysql from 'mysql2';
import { mysqlQuery } from '../endpoints.js';
import { currentPosition, type BinlogPosition } from '../source/mysql.js';

export async function snapshotPosition(c: mysql.Connection, log?: (m: string) => void): Promise<BinlogPosition> {
  await mysqlQuery(c, 'START TRANSACTION WITH CONSISTENT SNAPSHOT');
  let rows: { Variable_name: string; Value: string }[] = [];
  try {
    rows = await mysqlQuery(c, "SHOW SESSION STATUS WHERE Variable_name IN ('binlog_snapshot_file', 'binlog_snapshot_position')");
  } finally {
    await mysqlQuery(c, 'COMMIT');
  }
  const v = Object.fromEntries(rows.map((r) => [r.Variable_name.toLowerCase(), r.Value])); // MariaDB: Binlog_snapshot_file
  if (v.binlog_snapshot_file && v.binlog_snapshot_position) return { file: v.binlog_snapshot_file, pos: Number(v.binlog_snapshot_position) };
  // MySQL: no snapshot status; a global read lock lets in-flight commits finish first.
  try {
    await mysqlQuery(c, 'FLUSH TABLES WITH READ LOCK');
    try { return await currentPosition(c); } finally { await mysqlQuery(c, 'UNLOCK TABLES'); }
  } catch (e) {
    log?.(`capture: no consistent binlog position (${e instanceof Error ? e.message : String(e)}; grant RELOAD to the source user): using SHOW MASTER STATUS, a change committing at this instant could be missed`);
    return currentPosition(c);
  }
}

/**
 * Opens a consistent snapshot on a full-load connection (its SELECT then reads it) and returns the
 * binlog position it matches: changes at or before it are in the loaded rows. MariaDB only (MySQL
 * reports no such position: undefined, and the cached changes are replayed from the load's start).
 */
export async function segmentSnapshot(c: mysql.Connection): Promise<BinlogPosition | undefined> {
  await mysqlQuery(c, 'START TRANSACTION WITH CONSISTENT SNAPSHOT');
  const rows = await mysqlQuery<{ Variable_name: string; Value: string }>(c, "SHOW SESSION STATUS WHERE Variable_name IN ('binlog_snapshot_file', 'binlog_snapshot_position')");
  const v = Object.fromEntries(rows.map((r) => [r.Variable_name.toLowerCase(), r.Value])); // MariaDB: Binlog_snapshot_file
  return v.binlog_snapshot_file && v.binlog_snapshot_position ? { file: v.binlog_snapshot_file, pos: Number(v.binlog_snapshot_position) } : undefined;
}

// The MariaDB/MySQL side: which tables exist, their columns and keys, the binlog settings CDC
// needs (checked up front, with what to change), the current binlog position, and row streams.
import type mysql from 'mysql2';
import { mysqlQuery, qmy } from '../endpoints.js';

export interface BinlogPosition { file: string; pos: number }

export interface SourceColumn { name: string; dataType: string; columnType: string }
export interface SourceTableInfo { schema: string; table: string; columns: SourceColumn[]; key: string[] }

const SYSTEM = ['mysql', 'information_schema', 'performance_schema', 'sys'];

export async function listTables(c: mysql.Connection): Promise<{ schema: string; table: string }[]> {
  const rows = await mysqlQuery<{ s: string; t: string }>(c, `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t FROM information_schema.TABLES
    WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN (${SYSTEM.map(() => '?').join(',')}) ORDER BY 1, 2`, SYSTEM);
  return rows.map((r) => ({ schema: r.s, table: r.t }));
}

/** A table's row key: the primary key, else the first unique key over NOT NULL columns, else []. */
export async function mysqlRowKey(c: mysql.Connection, schema: string, table: string): Promise<string[]> {
  const idx = await mysqlQuery<{ i: string; c: string; nn: string }>(c, `SELECT s.INDEX_NAME AS i, s.COLUMN_NAME AS c, c.IS_NULLABLE AS nn FROM information_schema.STATISTICS s
    JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME
    WHERE s.TABLE_SCHEMA = ? AND s.TABLE_NAME = ? AND s.NON_UNIQUE = 0 AND s.SUB_PART IS NULL ORDER BY s.INDEX_NAME = 'PRIMARY' DESC, s.INDEX_NAME, s.SEQ_IN_INDEX`, [schema, table]);
  const byIndex = new Map<string, { cols: string[]; nullable: boolean }>();
  for (const r of idx) {
    const e = byIndex.get(r.i) ?? { cols: [], nullable: false };
    e.cols.push(r.c);
    e.nullable ||= r.nn === 'YES';
    byIndex.set(r.i, e);
  }
  return byIndex.get('PRIMARY')?.cols ?? [...byIndex.values()].find((e) => !e.nullable)?.cols ?? [];
}

export async function describeSource(c: mysql.Connection, schema: string, table: string): Promise<SourceTableInfo> {
  const cols = await mysqlQuery<{ n: string; d: string; ct: string }>(c, `SELECT COLUMN_NAME AS n, DATA_TYPE AS d, COLUMN_TYPE AS ct FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`, [schema, table]);
  const key = await mysqlRowKey(c, schema, table);
  return { schema, table, columns: cols.map((r) => ({ name: r.n, dataType: r.d, columnType: r.ct })), key };
}

export class SourceSettingsError extends Error { override name = 'SourceSettingsError'; }

/** What CDC from this server needs, each problem with the exact change to make. */
export async function checkBinlogSettings(c: mysql.Connection): Promise<string[]> {
  const vars = await mysqlQuery<{ Variable_name: string; Value: string }>(c,
    "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin', 'binlog_format', 'binlog_row_image', 'binlog_row_metadata')");
  const v = Object.fromEntries(vars.map((r) => [r.Variable_name, r.Value]));
  const problems: string[] = [];
  if (v.log_bin !== 'ON') problems.push('log_bin is OFF: start the server with log_bin (e.g. [mysqld] log_bin=mysql-bin and server_id=1 in my.cnf) and restart it');
  if (v.binlog_format !== 'ROW') problems.push(`binlog_format is ${v.binlog_format ?? 'unknown'}: set binlog_format=ROW ([mysqld] binlog_format=ROW, or SET GLOBAL binlog_format='ROW' and reconnect the writers)`);
  if (v.binlog_row_image !== undefined && v.binlog_row_image !== 'FULL') problems.push(`binlog_row_image is ${v.binlog_row_image}: set binlog_row_image=FULL (SET GLOBAL binlog_row_image='FULL')`);
  const grants = (await mysqlQuery<Record<string, string>>(c, 'SHOW GRANTS')).map((r) => Object.values(r)[0] ?? '').join('\n');
  const global = grants.split('\n').filter((g) => /ON \*\.\*/.test(g)).join('\n');
  if (!/ALL PRIVILEGES/.test(global)) {
    if (!/REPLICATION SLAVE|REPLICATION REPLICA/.test(global)) problems.push("the user lacks REPLICATION SLAVE: GRANT REPLICATION SLAVE ON *.* TO 'user'@'host'");
    if (!/REPLICATION CLIENT|BINLOG MONITOR|SUPER/.test(global)) problems.push("the user lacks REPLICATION CLIENT (MariaDB: BINLOG MONITOR): GRANT REPLICATION CLIENT ON *.* TO 'user'@'host'");
  }
  return problems;
}

export async function currentPosition(c: mysql.Connection): Promise<BinlogPosition> {
  let rows: { File: string; Position: number | string }[];
  try { rows = await mysqlQuery(c, 'SHOW MASTER STATUS'); } catch { rows = await mysqlQuery(c, 'SHOW BINARY LOG STATUS'); }
  const r = rows[0];
  if (!r) throw new SourceSettingsError('SHOW MASTER STATUS returned nothing: binary logging is off on the source');
  return { file: r.File, pos: Number(r.Position) };
}

export async function binlogExists(c: mysql.Connection, file: string): Promise<boolean> {
  const rows = await mysqlQuery<{ Log_name: string }>(c, 'SHOW BINARY LOGS');
  return rows.some((r) => r.Log_name === file);
}

/** SELECT for a full-load segment; `where` uses ? placeholders bound to `params`. */
export function selectSql(t: { schema: string; table: string }, columns: string[], where?: string): string {
  return `SELECT ${columns.map(qmy).join(', ')} FROM ${qmy(t.schema)}.${qmy(t.table)}${where ? ` WHERE ${where}` : ''}`;
}

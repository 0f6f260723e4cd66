// The MariaDB/MySQL side of a PostgreSQL → MariaDB task: the control table (the task's source LSN,
// written in the same transaction as the changes it covers), introspection of the created tables,
// and the statements load and apply use — multi-row INSERT, upsert and delete by key, or by the
// full row (LIMIT 1) for a table without a key. Sessions run with foreign_key_checks=0: the source
// already enforced its keys, and PostgreSQL's logical decoding carries cascaded changes itself.
import type mysql from 'mysql2';
import { mysqlQuery, openMysql, qmy, type Endpoint } from '../endpoints.js';
import type { TargetTableInfo } from './postgres.js';
import { mysqlKind } from './mysql-values.js';
import { mysqlRowKey } from '../source/mysql.js';

export const MY_CONTROL_DB = 'dbshift_replication';

export function myQualified(schema: string, table: string): string { return `${qmy(schema)}.${qmy(table)}`; }

export async function openTargetMysql(e: Endpoint): Promise<mysql.Connection> {
  const c = openMysql(e);
  await mysqlQuery(c, "SET SESSION foreign_key_checks = 0, SESSION unique_checks = 1, SESSION sql_mode = TRIM(BOTH ',' FROM CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO'))");
  return c;
}

export async function ensureMyControl(c: mysql.Connection): Promise<void> {
  await mysqlQuery(c, `CREATE DATABASE IF NOT EXISTS ${qmy(MY_CONTROL_DB)}`);
  await mysqlQuery(c, `CREATE TABLE IF NOT EXISTS ${qmy(MY_CONTROL_DB)}.positions (
    task varchar(200) NOT NULL PRIMARY KEY,
    phase varchar(40) NOT NULL,
    position longtext,
    load_start longtext,
    updated_at timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)) ENGINE=InnoDB`);
}

export interface MyControlRow { phase: string; position: unknown; loadStart: unknown }

export async function readMyControl(c: mysql.Connection, task: string): Promise<MyControlRow | undefined> {
  const rows = await mysqlQuery<{ phase: string; position: string | null; load_start: string | null }>(c,
    `SELECT phase, position, load_start FROM ${qmy(MY_CONTROL_DB)}.positions WHERE task = ?`, [task]).catch(() => []);
  const r = rows[0];
  if (!r) return undefined;
  return { phase: r.phase, position: r.position ? JSON.parse(r.position) : null, loadStart: r.load_start ? JSON.parse(r.load_start) : null };
}

/** Upserts the task's control row; run inside the transaction whose changes the position covers. */
export async function writeMyControl(c: mysql.Connection, task: string, phase: string, position: unknown, loadStart?: unknown): Promise<void> {
  await mysqlQuery(c, `INSERT INTO ${qmy(MY_CONTROL_DB)}.positions (task, phase, position, load_start, updated_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP(3))
    ON DUPLICATE KEY UPDATE phase = VALUES(phase), position = VALUES(position), load_start = COALESCE(VALUES(load_start), load_start), updated_at = CURRENT_TIMESTAMP(3)`,
  [task, phase, JSON.stringify(position ?? null), loadStart === undefined ? null : JSON.stringify(loadStart)]);
}

export async function deleteMyControl(c: mysql.Connection, task: string): Promise<void> {
  await mysqlQuery(c, `DELETE FROM ${qmy(MY_CONTROL_DB)}.positions WHERE task = ?`, [task]).catch(() => undefined);
}

export async function myTableExists(c: mysql.Connection, schema: string, table: string): Promise<boolean> {
  return (await mysqlQuery(c, 'SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [schema, table])).length > 0;
}

/** Columns (COLUMN_TYPE as type) and the primary key, else the first unique key over NOT NULL columns. */
export async function describeMyTable(c: mysql.Connection, schema: string, table: string): Promise<TargetTableInfo> {
  const cols = await mysqlQuery<{ n: string; t: string; x: string }>(c, `SELECT COLUMN_NAME AS n, COLUMN_TYPE AS t, EXTRA AS x FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`, [schema, table]);
  const key = await mysqlRowKey(c, schema, table);
  return { schema, table, columns: cols.map((r) => ({ name: r.n, type: r.t, identity: /auto_increment/i.test(r.x) })), key };
}

/** A value as MariaDB SQL text: binary columns take hex (X'…'), everything else a quoted string. */
export function sqlValue(c: mysql.Connection, v: string | null, binary: boolean): string {
  if (v === null) return 'NULL';
  if (binary) {
    if (!/^[0-9a-fA-F]*$/.test(v)) throw new Error('internal: binary value is not hex');
    return v.length ? `X'${v}'` : "''";
  }
  return c.escape(v);
}

export function binaryColumns(t: TargetTableInfo, cols: string[]): boolean[] {
  return cols.map((n) => mysqlKind(t.columns.find((c) => c.name === n)?.type ?? '') === 'binary');
}

/** INSERT … VALUES (…), (…) for rows already rendered as SQL tuples. */
export function insertPrefix(t: TargetTableInfo, cols: string[]): string {
  return `INSERT INTO ${myQualified(t.schema, t.table)} (${cols.map(qmy).join(', ')}) VALUES `;
}

export function tupleSql(c: mysql.Connection, vals: (string | null)[], binary: boolean[]): string {
  return `(${vals.map((v, i) => sqlValue(c, v, binary[i]!)).join(', ')})`;
}

/** Idempotent by key: a replayed insert or update lands on the same row. */
export function upsertSqlMy(c: mysql.Connection, t: TargetTableInfo, cols: string[], vals: (string | null)[]): string {
  const b = binaryColumns(t, cols);
  const sets = cols.filter((x) => !t.key.includes(x)).map((x) => `${qmy(x)} = VALUES(${qmy(x)})`);
  const onDup = sets.length ? sets.join(', ') : `${qmy(t.key[0]!)} = ${qmy(t.key[0]!)}`;
  return `${insertPrefix(t, cols)}${tupleSql(c, vals, b)} ON DUPLICATE KEY UPDATE ${onDup}`;
}

export function deleteByKeySql(c: mysql.Connection, t: TargetTableInfo, key: (string | null)[]): string {
  const b = binaryColumns(t, t.key);
  return `DELETE FROM ${myQualified(t.schema, t.table)} WHERE ${t.key.map((k, i) => `${qmy(k)} = ${sqlValue(c, key[i]!, b[i]!)}`).join(' AND ')}`;
}

/** Without a key: the first row equal in every column (NULL-safe); duplicates are indistinguishable anyway. */
export function rowMatchSql(c: mysql.Connection, t: TargetTableInfo, cols: string[], vals: (string | null)[]): string {
  const b = binaryColumns(t, cols);
  return cols.map((k, i) => `${qmy(k)} <=> ${sqlValue(c, vals[i]!, b[i]!)}`).join(' AND ');
}

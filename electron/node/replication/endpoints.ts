// Connections for replication: mysql2 (callback API: row streams; binlog through zongji) and pg
// clients that hand every value back as the server's text, so values compare exactly.
// Every session runs in UTC, whatever the servers' default zones and the TZ of this process: a
// TIMESTAMP read as text in the server's zone (or formatted by zongji in the process's zone) and
// then taken as UTC would move every instant by that zone's offset. DATETIME / timestamp without
// time zone carry no zone and pass as written.
import mysql from 'mysql2';
import pg from 'pg';
import { parseConnectionUrl, passwordFromEnvironment, type ConnectionTarget, type PasswordRole } from '../connectors/url.js';

export interface Endpoint { url: string; target: ConnectionTarget; password: string | undefined }

export function endpoint(url: string, role: PasswordRole): Endpoint {
  const target = parseConnectionUrl(url);
  return { url, target, password: passwordFromEnvironment(target, { role }) };
}

export function mysqlOptions(e: Endpoint): mysql.ConnectionOptions {
  const t = e.target;
  return {
    host: t.host, port: t.port, user: t.user ?? 'root',
    ...(e.password !== undefined ? { password: e.password } : {}),
    ...(t.database ? { database: t.database } : {}),
    supportBigNumbers: true, bigNumberStrings: true, decimalNumbers: false, dateStrings: true,
    // zongji formats binlog TIMESTAMP values (UTC epoch seconds) in this zone; 'local' is the process's.
    timezone: 'Z',
    charset: 'utf8mb4', connectTimeout: 10_000,
    ...(t.params.ssl === 'true' || t.params.ssl === 'required' ? { ssl: {} } : {}),
  };
}

export const MYSQL_UTC_SESSION = "SET SESSION time_zone = '+00:00'";

export function openMysql(e: Endpoint): mysql.Connection {
  const c = mysql.createConnection(mysqlOptions(e));
  c.on('error', () => { /* surfaces on the next query */ });
  // Queued first, so it runs before any command a caller adds. Should it fail (the connection did
  // not fail with it), no later command may run in the server's zone: the connection is failed.
  c.query(MYSQL_UTC_SESSION, (err) => {
    if (err && !err.fatal) {
      (c as unknown as { stream: { destroy(e: Error): void } }).stream.destroy(new Error(`could not set the session time zone to UTC: ${err.message}`));
    }
  });
  return c;
}

export function mysqlQuery<T = Record<string, unknown>>(c: mysql.Connection, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    c.query(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[])));
  });
}

export function closeMysql(c: mysql.Connection): Promise<void> {
  return new Promise((resolve) => { c.end(() => resolve()); });
}

const rawText = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

export async function openPg(e: Endpoint, applicationName = 'dbshift-replication'): Promise<pg.Client> {
  const t = e.target;
  const mode = t.params.sslmode;
  const c = new pg.Client({
    host: t.host, port: t.port, user: t.user, database: t.database ?? t.user ?? 'postgres',
    ...(e.password !== undefined ? { password: e.password } : {}),
    ...(mode && !['disable', 'allow', 'prefer'].includes(mode) ? { ssl: { rejectUnauthorized: mode === 'verify-full' || mode === 'verify-ca' } } : {}),
    application_name: applicationName, types: rawText,
  });
  c.on('error', () => { /* surfaces on the next query */ });
  await c.connect();
  // Values read back as text (validation, whole-row matches) then print timestamptz in UTC and ISO.
  await c.query("SET TimeZone = 'UTC'; SET DateStyle = ISO");
  return c;
}

export function qi(name: string): string { return `"${name.replace(/"/g, '""')}"`; }
export function qmy(name: string): string { return `\`${name.replace(/`/g, '``')}\``; }

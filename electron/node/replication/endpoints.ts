// Connections for replication: mysql2 (callback API: row streams; binlog through zongji) and pg
// clients that hand every value back as the server's text, so values compare exactly.
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
    charset: 'utf8mb4', connectTimeout: 10_000,
    ...(t.params.ssl === 'true' || t.params.ssl === 'required' ? { ssl: {} } : {}),
  };
}

export function openMysql(e: Endpoint): mysql.Connection {
  const c = mysql.createConnection(mysqlOptions(e));
  c.on('error', () => { /* surfaces on the next query */ });
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
  return c;
}

export function qi(name: string): string { return `"${name.replace(/"/g, '""')}"`; }
export function qmy(name: string): string { return `\`${name.replace(/`/g, '``')}\``; }

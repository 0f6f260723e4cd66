// MySQL / MariaDB connections through mysql2/promise: one statement per call, exact numbers as
// strings, dates as text.
import mysql from 'mysql2/promise';
import { describeTarget, type ConnectionTarget } from './url.js';
import { DatabaseError, type Connection } from './types.js';

export function toMysqlError(e: unknown): DatabaseError {
  if (e instanceof DatabaseError) return e;
  const err = e as { message?: string; sqlMessage?: string; sqlState?: string; errno?: number; code?: string };
  return new DatabaseError(err.sqlMessage ?? err.message ?? String(e), err.sqlState, err.errno ?? err.code);
}

export async function connectMysql(t: ConnectionTarget, password: string | undefined): Promise<Connection> {
  const conn = await mysql.createConnection({
    host: t.host, port: t.port, user: t.user ?? 'root',
    ...(password !== undefined ? { password } : {}),
    ...(t.database ? { database: t.database } : {}),
    multipleStatements: false,
    supportBigNumbers: true, bigNumberStrings: true, decimalNumbers: false,
    dateStrings: true,
    charset: 'utf8mb4',
    connectTimeout: Number(t.params.connectTimeout ?? 10_000),
    ...(t.params.ssl === 'true' || t.params.ssl === 'required' ? { ssl: {} } : {}),
  });
  conn.on('error', () => { /* surfaces on the next query */ });
  const [[v]] = await conn.query('SELECT VERSION() AS v') as unknown as [{ v: string }[]];
  return {
    engine: 'mysql', dialect: 'mysql', serverVersion: v?.v ?? 'unknown', display: describeTarget(t),
    async query<T>(sql: string, params?: unknown[]) {
      try {
        const [rows] = await conn.query(sql, params);
        return (Array.isArray(rows) ? rows : [rows]) as T[];
      } catch (e) { throw toMysqlError(e); }
    },
    async exec(sql: string) {
      try { await conn.query(sql); } catch (e) { throw toMysqlError(e); }
    },
    async close() { await conn.end().catch(() => undefined); },
  };
}

export function isMysqlAuthError(e: unknown): boolean {
  const err = e as { errno?: number; code?: string };
  return err.errno === 1045 || err.code === 'ER_ACCESS_DENIED_ERROR';
}

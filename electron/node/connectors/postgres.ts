// PostgreSQL connections through `pg`.
import pg from 'pg';
import { describeTarget, type ConnectionTarget } from './url.js';
import { DatabaseError, type Connection } from './types.js';

// int8 and numeric stay strings (exact); dates/timestamps come back as the server's text.
const TEXT_TYPES = [20, 1700, 1082, 1083, 1114, 1184, 1266];
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (TEXT_TYPES.includes(oid)) return (v: string) => v;
    return (pg.types.getTypeParser as (o: number, f?: string) => (v: string) => unknown)(oid, format);
  },
};

export function toDatabaseError(e: unknown): DatabaseError {
  if (e instanceof DatabaseError) return e;
  const err = e as { message?: string; code?: string; position?: string; detail?: string };
  return new DatabaseError(err.message ?? String(e), err.code, err.code, err.position ? Number(err.position) : undefined, err.detail);
}

function sslOption(params: Record<string, string>): pg.ClientConfig['ssl'] {
  const mode = params.sslmode;
  if (!mode || mode === 'disable' || mode === 'allow' || mode === 'prefer') return undefined;
  return mode === 'verify-full' || mode === 'verify-ca' ? { rejectUnauthorized: true } : { rejectUnauthorized: false };
}

export async function connectPostgres(t: ConnectionTarget, password: string | undefined): Promise<Connection> {
  const client = new pg.Client({
    host: t.host, port: t.port, user: t.user, database: t.database ?? t.user ?? 'postgres',
    ...(password !== undefined ? { password } : {}),
    ssl: sslOption(t.params),
    connectionTimeoutMillis: Number(t.params.connect_timeout ?? 10) * 1000,
    application_name: 'dbshift',
    types,
  });
  client.on('error', () => { /* connection loss surfaces on the next query */ });
  await client.connect();
  const [v] = (await client.query<{ server_version: string }>('SHOW server_version')).rows;
  return {
    engine: 'postgres', dialect: 'postgres', serverVersion: v?.server_version ?? 'unknown', display: describeTarget(t),
    async query<T>(sql: string, params?: unknown[]) {
      try { return (await client.query(sql, params)).rows as T[]; } catch (e) { throw toDatabaseError(e); }
    },
    async exec(sql: string) {
      try { await client.query(sql); } catch (e) { throw toDatabaseError(e); }
    },
    async close() { await client.end().catch(() => undefined); },
  };
}

export function isPostgresAuthError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err.code === '28P01' || err.code === '28000' || /password must be a string|no password supplied/i.test(err.message ?? '');
}

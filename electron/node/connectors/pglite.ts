// PGlite (PostgreSQL in WASM) as an apply target: in memory or persisted to a directory.
import { PGlite } from '@electric-sql/pglite';
import { describeTarget, type ConnectionTarget } from './url.js';
import { DatabaseError, type Connection } from './types.js';

function toError(e: unknown): DatabaseError {
  const err = e as { message?: string; code?: string; position?: string | number; detail?: string };
  return new DatabaseError(err.message ?? String(e), err.code, err.code, err.position !== undefined ? Number(err.position) : undefined, err.detail);
}

export async function connectPglite(t: ConnectionTarget): Promise<Connection> {
  const db = t.path ? await PGlite.create(t.path) : await PGlite.create();
  const [v] = (await db.query<{ server_version: string }>('SHOW server_version')).rows;
  return {
    engine: 'pglite', dialect: 'postgres', serverVersion: `${v?.server_version ?? 'unknown'} (PGlite)`, display: describeTarget(t),
    async query<T>(sql: string, params?: unknown[]) {
      try { return (await db.query<T>(sql, params)).rows; } catch (e) { throw toError(e); }
    },
    async exec(sql: string) {
      try { await db.exec(sql); } catch (e) { throw toError(e); }
    },
    async close() { await db.close(); },
  };
}

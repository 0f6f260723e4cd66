// PGlite (PostgreSQL in WASM) as an apply target: in memory or persisted to a directory.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
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

function pgliteVersion(): string {
  try {
    const req = createRequire(import.meta.url);
    const pkg = JSON.parse(readFileSync(join(dirname(req.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')) as { version?: string };
    return `PGlite ${pkg.version ?? ''}`.trim();
  } catch { return 'PGlite'; }
}

/**
 * Without starting PGlite: in memory is always possible; a directory must be an existing PGlite
 * (PostgreSQL) data directory, an empty directory, or a new path under a writable directory.
 */
export async function checkPgliteTarget(path: string | undefined): Promise<string> {
  const version = pgliteVersion();
  if (!path) return `${version} (in memory)`;
  const dir = resolve(path);
  const where = `could not connect to pglite:${path}`;
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`${where}: it is a file, not a directory`);
    try { accessSync(dir, constants.W_OK); } catch { throw new Error(`${where}: the directory is not writable`); }
    const pgVersion = join(dir, 'PG_VERSION');
    if (existsSync(pgVersion)) return `${version} (data directory of PostgreSQL ${readFileSync(pgVersion, 'utf8').trim()})`;
    return `${version} (new database)`;
  }
  let parent = dirname(dir);
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  try { accessSync(parent, constants.W_OK); } catch { throw new Error(`${where}: ${parent} is not writable`); }
  return `${version} (new database)`;
}

// Opening connections from URLs, with password resolution and messages that never show secrets.
import { connectMysql, isMysqlAuthError } from './mysql.js';
import { connectPostgres, isPostgresAuthError } from './postgres.js';
import { ConnectError, type Connection } from './types.js';
import {
  describeTarget, parseConnectionUrl, passwordFromEnvironment, scrubSecret,
  type ConnectionTarget, type Engine, type EngineDialect, type PasswordOptions,
} from './url.js';

export * from './types.js';
export * from './url.js';

export type ConnectOptions = PasswordOptions;

// The Oracle, SQL Server and PGlite drivers load on first use: together they are ~80 MB of a
// process's memory (tedious and PGlite's WASM), which a MySQL → PostgreSQL replication never needs.
const oracle = (): Promise<typeof import('./oracle.js')> => import('./oracle.js');
const sqlserver = (): Promise<typeof import('./sqlserver.js')> => import('./sqlserver.js');
const pglite = (): Promise<typeof import('./pglite.js')> => import('./pglite.js');

async function open(t: ConnectionTarget, password: string | undefined): Promise<Connection> {
  switch (t.engine) {
    case 'postgres': return connectPostgres(t, password);
    case 'mysql': return connectMysql(t, password);
    case 'pglite': return (await pglite()).connectPglite(t);
    case 'oracle': return (await oracle()).connectOracle(t, password);
    case 'sqlserver': return (await sqlserver()).connectSqlServer(t, password);
  }
}

async function isAuthError(engine: Engine, e: unknown): Promise<boolean> {
  switch (engine) {
    case 'postgres': return isPostgresAuthError(e);
    case 'mysql': return isMysqlAuthError(e);
    case 'oracle': return (await oracle()).isOracleAuthError(e);
    case 'sqlserver': return (await sqlserver()).isSqlServerAuthError(e);
    case 'pglite': return false;
  }
}

function reason(e: unknown): string {
  const err = e as { message?: string; code?: string; errors?: { message?: string }[] };
  // Node's AggregateError (IPv4+IPv6 attempts) has an empty message; show the first inner one.
  const msg = err.message || err.errors?.[0]?.message || err.code || String(e);
  return msg.trim();
}

/**
 * Connects; asks `prompt` for a password only when none was given and the server refused.
 * Errors read `could not connect to mysql://app@127.0.0.1:3307/sakila: Access denied …`.
 */
export async function connect(url: string, opts: ConnectOptions = {}): Promise<Connection> {
  const t = parseConnectionUrl(url);
  let password = passwordFromEnvironment(t, opts);
  const where = describeTarget(t);
  for (let attempt = 0; ; attempt++) {
    try {
      return await open(t, password);
    } catch (e) {
      const auth = await isAuthError(t.engine, e);
      if (auth && password === undefined && opts.prompt && attempt === 0) {
        password = await opts.prompt(`Password for ${where}: `);
        continue;
      }
      throw new ConnectError(`could not connect to ${where}: ${scrubSecret(reason(e), password)}`, auth);
    }
  }
}

export async function testConnection(url: string, opts: ConnectOptions = {}): Promise<{ engine: Engine; serverVersion: string }> {
  const t = parseConnectionUrl(url);
  // Starting PGlite takes seconds (WASM) and a second instance must not open a directory another
  // one is using: check that the directory can hold a database instead of opening it.
  if (t.engine === 'pglite') return { engine: 'pglite', serverVersion: await (await pglite()).checkPgliteTarget(t.path) };
  const c = await connect(url, opts);
  try { return { engine: c.engine, serverVersion: c.serverVersion }; } finally { await c.close(); }
}

const SYSTEM_SCHEMAS: Record<EngineDialect, string> = {
  postgres: `SELECT nspname AS name FROM pg_namespace
             WHERE nspname NOT IN ('information_schema', 'pg_catalog', 'pg_toast') AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
             ORDER BY 1`,
  mysql: `SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA
          WHERE SCHEMA_NAME NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1`,
  // Users that own objects, without the ones Oracle maintains (ORACLE_MAINTAINED: 12c and later).
  oracle: `SELECT u.USERNAME AS "name" FROM ALL_USERS u WHERE u.ORACLE_MAINTAINED = 'N'
           AND EXISTS (SELECT 1 FROM ALL_OBJECTS o WHERE o.OWNER = u.USERNAME) ORDER BY 1`,
  sqlserver: `SELECT s.name AS name FROM sys.schemas s
              WHERE s.schema_id < 16384 AND s.name NOT IN ('sys', 'INFORMATION_SCHEMA', 'guest') ORDER BY 1`,
};

/** User schemas (PostgreSQL) or databases (MySQL) on the server, without system ones. */
export async function listSchemas(url: string, opts: ConnectOptions = {}): Promise<string[]> {
  const c = await connect(url, opts);
  try {
    const rows = await c.query<{ name: string }>(SYSTEM_SCHEMAS[c.dialect]);
    return rows.map((r) => r.name);
  } finally { await c.close(); }
}


// SQL Server connections through tedious (TDS in JavaScript). Parameters are @p1, @p2 … in the
// order given. Named instances go to options.instanceName. Not verified against a live server.
import { Connection as TdsConnection, Request, TYPES, type ConnectionConfiguration } from 'tedious';
import { describeTarget, type ConnectionTarget } from './url.js';
import { DatabaseError, type Connection } from './types.js';

const HINTS: Record<number, string> = {
  18456: 'login failed: wrong user name or password, or SQL Server authentication is not enabled',
  4060: 'the database in the URL does not exist or the login may not open it',
  18452: 'the login is from an untrusted domain (Windows authentication is not supported; use a SQL Server login)',
};

export function toSqlServerError(e: unknown): DatabaseError {
  if (e instanceof DatabaseError) return e;
  const err = e as { message?: string; number?: number; code?: string; state?: number; cause?: { message?: string } };
  const msg = (err.message ?? String(e)).trim();
  const hint = err.number !== undefined ? HINTS[err.number] : undefined;
  const tls = /self[- ]signed|certificate/i.test(msg) ? ' (for a self-signed server certificate add ?trustServerCertificate=true to the URL)' : '';
  return new DatabaseError(hint ? `${hint} (${msg})` : `${msg}${tls}`, err.state !== undefined ? String(err.state) : undefined, err.number ?? err.code);
}

export function isSqlServerAuthError(e: unknown): boolean {
  const err = e as { number?: number; code?: string; message?: string };
  return err.number === 18456 || (err.code === 'ELOGIN' && /login failed/i.test(err.message ?? ''));
}

const bool = (v: string | undefined, dflt: boolean): boolean => (v === undefined ? dflt : /^(1|true|yes|on)$/i.test(v));

/**
 * tedious's configuration. A named instance (?instanceName=, or host\\INSTANCE) goes to
 * options.instanceName and the port is left out: tedious takes one or the other, and the
 * instance's port comes from the SQL Server Browser (UDP 1434).
 */
export function tediousConfig(t: ConnectionTarget, password: string | undefined): ConnectionConfiguration {
  const [host, hostInstance] = (t.host ?? 'localhost').split('\\') as [string, string | undefined];
  const instanceName = t.params.instanceName?.trim() || hostInstance?.trim() || undefined;
  return {
    server: host || 'localhost',
    authentication: { type: 'default', options: { userName: t.user ?? 'sa', password: password ?? '' } },
    options: {
      ...(instanceName ? { instanceName } : { port: t.port ?? 1433 }),
      ...(t.database ? { database: t.database } : {}),
      encrypt: bool(t.params.encrypt, true),
      trustServerCertificate: bool(t.params.trustServerCertificate, false),
      connectTimeout: Number(t.params.connectTimeout ?? 10) * 1000,
      useColumnNames: true,
      rowCollectionOnRequestCompletion: false,
      appName: 'dbshift',
    },
  };
}

export async function connectSqlServer(t: ConnectionTarget, password: string | undefined): Promise<Connection> {
  const tds = new TdsConnection(tediousConfig(t, password));
  await new Promise<void>((resolve, reject) => {
    tds.connect((err) => (err ? reject(toSqlServerError(err)) : resolve()));
  });
  tds.on('error', () => { /* surfaces on the next request */ });
  // One request at a time per TDS connection: calls queue here.
  let queue: Promise<unknown> = Promise.resolve();
  const run = <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const next = queue.then(() => new Promise<T[]>((resolve, reject) => {
      const rows: T[] = [];
      const req = new Request(sql, (err) => (err ? reject(toSqlServerError(err)) : resolve(rows)));
      params.forEach((p, i) => {
        const type = typeof p === 'number' ? (Number.isInteger(p) ? TYPES.BigInt : TYPES.Float) : TYPES.NVarChar;
        req.addParameter(`p${i + 1}`, type, p === undefined ? null : p);
      });
      req.on('row', (cols: Record<string, { value: unknown }>) => {
        const r: Record<string, unknown> = {};
        for (const [k, c] of Object.entries(cols)) r[k] = c.value;
        rows.push(r as T);
      });
      tds.execSql(req);
    }));
    queue = next.catch(() => undefined);
    return next;
  };
  let version = 'unknown';
  try {
    const [v] = await run<{ v: string }>("SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) + ' ' + CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS v");
    version = v?.v ?? version;
  } catch (e) { tds.close(); throw e; }
  return {
    engine: 'sqlserver', dialect: 'sqlserver', serverVersion: version, display: describeTarget(t),
    query: run,
    async exec(sql: string) { await run(sql); },
    async close() { tds.close(); },
  };
}

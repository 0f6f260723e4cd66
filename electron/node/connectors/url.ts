// Connection URLs: postgres://, postgresql://, mysql://, mariadb://, pglite:PATH, pglite:memory,
// oracle://user@host:1521/SERVICE (or ?sid=SID), sqlserver://user@host:1433/db (also mssql://);
// a SQL Server named instance as sqlserver://user@host\\INSTANCE/db or ?instanceName=INSTANCE.
// Passwords come from the URL, else the environment, else a prompt the caller supplies; every
// message that shows a URL shows it through redactUrl(), and errors never contain the password.

export type Engine = 'postgres' | 'mysql' | 'pglite' | 'oracle' | 'sqlserver';
/** SQL dialect spoken by an engine (PGlite is PostgreSQL). */
export type EngineDialect = 'postgres' | 'mysql' | 'oracle' | 'sqlserver';

export const ENGINE_DIALECT: Record<Engine, EngineDialect> = { postgres: 'postgres', mysql: 'mysql', pglite: 'postgres', oracle: 'oracle', sqlserver: 'sqlserver' };

export interface ConnectionTarget {
  engine: Engine;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** pglite: data directory, or undefined for in-memory. */
  path?: string;
  /** Query-string options (sslmode, ssl, connectTimeout …). */
  params: Record<string, string>;
}

export type PasswordRole = 'source' | 'target';

export interface PasswordOptions {
  role?: PasswordRole;
  /** Asked when neither the URL nor the environment has a password and the server wants one. */
  prompt?: (question: string) => Promise<string>;
  env?: Record<string, string | undefined>;
}

export class ConnectionUrlError extends Error {
  override name = 'ConnectionUrlError';
}

const SCHEMES: Record<string, Engine> = {
  'postgres:': 'postgres', 'postgresql:': 'postgres', 'mysql:': 'mysql', 'mariadb:': 'mysql',
  'oracle:': 'oracle', 'sqlserver:': 'sqlserver', 'mssql:': 'sqlserver',
};
const DEFAULT_PORT: Record<EngineDialect, number> = { postgres: 5432, mysql: 3306, oracle: 1521, sqlserver: 1433 };

/** The URL with any password replaced by ***; safe for logs and messages, also on garbage input. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@')
    .replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, '$1***');
}

/**
 * `sqlserver://u@host\\SQLEXPRESS/db` (as SQL Server tools write it; also with %5C): the WHATWG URL
 * parser refuses a backslash in the host, so the instance moves to ?instanceName= first.
 */
function namedInstance(text: string): string {
  const m = /^((?:sqlserver|mssql):\/\/(?:[^@/?#]*@)?)([^/?#\\%]*)(?:\\|%5c)([^/?#:]+)(?::\d+)?(.*)$/i.exec(text);
  if (!m) return text;
  const [, head, host, instance, rest] = m as unknown as [string, string, string, string, string];
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  const query = q < 0 ? '' : rest.slice(q + 1);
  return `${head}${host}${path || '/'}?${query ? `${query}&` : ''}instanceName=${encodeURIComponent(safeDecode(instance))}`;
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

export function parseConnectionUrl(url: string): ConnectionTarget {
  const text = namedInstance(url.trim());
  if (/^pglite:/i.test(text)) {
    const rest = text.slice('pglite:'.length).replace(/^\/\//, '');
    if (rest === '') throw new ConnectionUrlError('pglite URL needs a directory or "memory": pglite:./data or pglite:memory');
    return rest === 'memory' || rest === ':memory:' ? { engine: 'pglite', params: {} } : { engine: 'pglite', path: rest, params: {} };
  }
  let u: URL;
  try { u = new URL(text); } catch {
    throw new ConnectionUrlError(`not a connection URL: ${redactUrl(text)} (expected postgres://user@host:port/db, mysql://user@host:port/db, oracle://user@host:port/SERVICE, sqlserver://user@host:port/db or pglite:PATH)`);
  }
  const engine = SCHEMES[u.protocol.toLowerCase()];
  if (!engine) {
    throw new ConnectionUrlError(`unsupported scheme "${u.protocol}" in ${redactUrl(text)}: use postgres://, postgresql://, mysql://, mariadb://, oracle://, sqlserver:// or pglite:`);
  }
  if (!u.hostname) throw new ConnectionUrlError(`no host in ${redactUrl(text)}`);
  const params: Record<string, string> = {};
  for (const [k, v] of u.searchParams) params[k] = v;
  const password = u.password ? decodeURIComponent(u.password) : params.password;
  delete params.password;
  const port = u.port ? Number(u.port) : DEFAULT_PORT[ENGINE_DIALECT[engine]];
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined;
  return {
    engine,
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    ...(u.username ? { user: decodeURIComponent(u.username) } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(database ? { database } : {}),
    params,
  };
}

/** Password from the URL, else DBSHIFT_SOURCE_PASSWORD / DBSHIFT_TARGET_PASSWORD by role, else DBSHIFT_PASSWORD. */
export function passwordFromEnvironment(target: ConnectionTarget, opts: PasswordOptions = {}): string | undefined {
  if (target.password !== undefined) return target.password;
  const env = opts.env ?? process.env;
  const roleVar = opts.role === 'source' ? env.DBSHIFT_SOURCE_PASSWORD : opts.role === 'target' ? env.DBSHIFT_TARGET_PASSWORD : undefined;
  return roleVar ?? env.DBSHIFT_PASSWORD ?? undefined;
}

/** Removes the password (and its URL-encoded form) from any text before it is shown. */
export function scrubSecret(text: string, password: string | undefined): string {
  let out = text;
  if (password && password.length > 0) {
    for (const form of new Set([password, encodeURIComponent(password)])) out = out.split(form).join('***');
  }
  return out;
}

/** A display form of a target without password: mysql://app@127.0.0.1:3307/sakila */
export function describeTarget(t: ConnectionTarget): string {
  if (t.engine === 'pglite') return t.path ? `pglite:${t.path}` : 'pglite:memory';
  const host = t.host?.includes(':') ? `[${t.host}]` : t.host;
  // A named instance has no fixed port (SQL Server Browser gives it): shown as host\INSTANCE.
  if (t.engine === 'sqlserver' && t.params.instanceName) {
    return `sqlserver://${t.user ? `${encodeURIComponent(t.user)}@` : ''}${host}\\${t.params.instanceName}/${t.database ? encodeURIComponent(t.database) : ''}`;
  }
  const sid = t.engine === 'oracle' && t.params.sid ? `?sid=${encodeURIComponent(t.params.sid)}` : '';
  return `${t.engine}://${t.user ? `${encodeURIComponent(t.user)}@` : ''}${host}:${t.port}/${t.database ? encodeURIComponent(t.database) : ''}${sid}`;
}

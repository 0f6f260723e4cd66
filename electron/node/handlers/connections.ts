// Connection specs (what a project stores) ↔ URLs (what the connectors take). Passwords travel
// only inside the URL handed to a connector and the session's secret store.
import { mkdir } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ConnectionSpec } from '../../../converters/contract/index.js';
import { ContractError } from '../../../converters/contract/index.js';
import { ConnectionUrlError, describeTarget, parseConnectionUrl } from '../connectors/url.js';
import type { SecretStore } from './host.js';

type Server = Exclude<ConnectionSpec['engine'], 'pglite'>;
const SCHEME: Record<Server, string> = { postgres: 'postgres', mysql: 'mysql', oracle: 'oracle', sqlserver: 'sqlserver' };
const DEFAULT_PORT: Record<Server, number> = { postgres: 5432, mysql: 3306, oracle: 1521, sqlserver: 1433 };

/** The engines the workbench connects to (Oracle and SQL Server as sources only). */
export function workbenchEngine(engine: string): ConnectionSpec['engine'] {
  if (engine === 'postgres' || engine === 'mysql' || engine === 'pglite' || engine === 'oracle' || engine === 'sqlserver') return engine;
  throw new ContractError('INVALID_PARAMS', `the workbench cannot connect to ${engine} databases`, 'use a PostgreSQL, MySQL/MariaDB, Oracle, SQL Server or PGlite URL');
}

const bool = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : /^(1|true|yes|on)$/i.test(v));

export function specToUrl(spec: ConnectionSpec, password: string | undefined, projectFolder: string | undefined): string {
  if (spec.engine === 'pglite') {
    if (!spec.path) return 'pglite:memory';
    const p = isAbsolute(spec.path) ? spec.path : resolve(projectFolder ?? '.', spec.path);
    return `pglite:${p}`;
  }
  if (!spec.host) throw new ContractError('INVALID_PARAMS', 'connection.host: a host is needed');
  const auth = spec.user ? `${encodeURIComponent(spec.user)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
  const instance = spec.engine === 'sqlserver' ? sqlServerInstance(spec) : undefined;
  const bare = instance ? spec.host.split('\\')[0]! : spec.host;
  const host = bare.includes(':') ? `[${bare}]` : bare;
  // A named instance's port comes from the SQL Server Browser; the connector leaves it out.
  const port = instance ? '' : `:${spec.port ?? DEFAULT_PORT[spec.engine]}`;
  const q = new URLSearchParams();
  if (spec.engine === 'oracle') {
    if (spec.sid) q.set('sid', spec.sid);
  } else if (spec.engine === 'sqlserver') {
    if (instance) q.set('instanceName', instance);
    if (spec.encrypt !== undefined) q.set('encrypt', String(spec.encrypt));
    if (spec.trustServerCertificate !== undefined) q.set('trustServerCertificate', String(spec.trustServerCertificate));
  } else if (spec.sslMode && spec.sslMode !== 'prefer') {
    if (spec.engine === 'postgres') q.set('sslmode', spec.sslMode);
    else if (spec.sslMode !== 'disable') q.set('ssl', 'required');
  }
  const qs = q.toString();
  return `${SCHEME[spec.engine]}://${auth}${host}${port}/${encodeURIComponent(spec.database ?? '')}${qs ? `?${qs}` : ''}`;
}

/** SQL Server: the named instance, from the Instance field or typed into the host as host\\INSTANCE. */
export function sqlServerInstance(spec: ConnectionSpec): string | undefined {
  return spec.instance?.trim() || spec.host?.split('\\')[1]?.trim() || undefined;
}

/** Splits a pasted URL into a spec and the password it carried (the password is never stored in the spec). */
export function urlToSpec(url: string): { connection: ConnectionSpec; password?: string } {
  let t;
  try { t = parseConnectionUrl(url); } catch (e) {
    if (e instanceof ConnectionUrlError) throw new ContractError('INVALID_PARAMS', e.message);
    throw e;
  }
  const sslmode = t.params.sslmode;
  const engine = workbenchEngine(t.engine);
  const connection: ConnectionSpec = {
    engine,
    ...(t.host ? { host: t.host } : {}),
    ...(t.port ? { port: t.port } : {}),
    ...(t.database ? { database: t.database } : {}),
    ...(t.user ? { user: t.user } : {}),
    ...(t.path ? { path: t.path } : {}),
    ...(engine === 'oracle' && t.params.sid ? { sid: t.params.sid } : {}),
    ...(engine === 'sqlserver' && t.params.instanceName ? { instance: t.params.instanceName } : {}),
    ...(engine === 'sqlserver' && bool(t.params.encrypt) !== undefined ? { encrypt: bool(t.params.encrypt)! } : {}),
    ...(engine === 'sqlserver' && bool(t.params.trustServerCertificate) !== undefined ? { trustServerCertificate: bool(t.params.trustServerCertificate)! } : {}),
    ...(sslmode === 'disable' || sslmode === 'prefer' || sslmode === 'require' || sslmode === 'verify-full' ? { sslMode: sslmode } : {}),
  };
  return { connection, ...(t.password !== undefined ? { password: t.password } : {}) };
}

/** The id under which a password is kept: role + where (never the password itself). */
export function secretId(role: 'source' | 'target', spec: ConnectionSpec): string {
  const instance = spec.engine === 'sqlserver' ? sqlServerInstance(spec) : undefined;
  const host = instance ? spec.host?.split('\\')[0] : spec.host;
  return `${role}|${describeTarget({ ...spec, ...(host !== undefined ? { host } : {}), params: { ...(spec.sid ? { sid: spec.sid } : {}), ...(instance ? { instanceName: instance } : {}) } })}`;
}

/** The password for a request: given now, else remembered, else none (the connector then tries the environment). */
export async function passwordFor(secrets: SecretStore, role: 'source' | 'target', spec: ConnectionSpec, given: string | undefined): Promise<string | undefined> {
  if (spec.engine === 'pglite') return undefined;
  return given || secrets.get(secretId(role, spec));
}

/** Remembers a password once it has worked (a wrong one is never kept). */
export async function rememberPassword(secrets: SecretStore, role: 'source' | 'target', spec: ConnectionSpec, given: string | undefined): Promise<void> {
  if (spec.engine !== 'pglite' && given) await secrets.set(secretId(role, spec), given);
}

/** The URL for a request; an embedded PGlite's data folder is created on first use. */
export async function urlFor(spec: ConnectionSpec, password: string | undefined, projectFolder: string | undefined): Promise<string> {
  const url = specToUrl(spec, password, projectFolder);
  if (spec.engine === 'pglite' && spec.path) await mkdir(url.slice('pglite:'.length), { recursive: true });
  return url;
}

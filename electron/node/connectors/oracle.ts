// Oracle connections through node-oracledb in thin mode (pure JavaScript: no Instant Client;
// initOracleClient is never called). Numbers come back as strings (exact), LONG and CLOB as text.
// Not verified against a live server.
import oracledb from 'oracledb';
import { describeTarget, type ConnectionTarget } from './url.js';
import { DatabaseError, type Connection } from './types.js';

/** EZConnect for a service name; a full descriptor for ?sid= (EZConnect has no SID form). */
export function oracleConnectString(t: ConnectionTarget): string {
  const host = t.host?.includes(':') ? `[${t.host}]` : t.host ?? 'localhost';
  if (t.params.sid) {
    return `(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=${t.host ?? 'localhost'})(PORT=${t.port ?? 1521}))(CONNECT_DATA=(SID=${t.params.sid})))`;
  }
  return `${host}:${t.port ?? 1521}/${t.database ?? ''}`;
}

/** What a DBA reads first, then the server's own words. */
const HINTS: Record<string, string> = {
  'ORA-01017': 'wrong user name or password',
  'ORA-28000': 'the account is locked',
  'ORA-28001': 'the password has expired (change it with SQL*Plus or SQL Developer first)',
  'ORA-12514': 'the listener does not know this service name (check the name after the port in the URL; for a SID use ?sid=NAME)',
  'ORA-12505': 'the listener does not know this SID (check ?sid=; for a service name put it after the port instead)',
  'ORA-12541': 'no listener at this host and port',
  'ORA-01045': 'the user lacks the CREATE SESSION privilege',
  'ORA-00942': 'table or view does not exist (or the user may not see it)',
  'NJS-101': 'no password given (put it in the URL, or set DBSHIFT_SOURCE_PASSWORD / DBSHIFT_PASSWORD)',
  'NJS-503': 'nothing answers at this host and port (is the listener running?)',
};

export function oracleErrorCode(e: unknown): string | undefined {
  const err = e as { errorNum?: number; code?: string; message?: string };
  if (typeof err.errorNum === 'number' && err.errorNum > 0) return `ORA-${String(err.errorNum).padStart(5, '0')}`;
  return /\b((?:ORA|NJS)-\d{3,5})\b/.exec(err.message ?? '')?.[1] ?? err.code;
}

export function toOracleError(e: unknown): DatabaseError {
  if (e instanceof DatabaseError) return e;
  const err = e as { message?: string; offset?: number };
  const code = oracleErrorCode(e);
  const hint = code ? HINTS[code] : undefined;
  const msg = (err.message ?? String(e)).trim();
  return new DatabaseError(hint ? `${hint} (${msg})` : msg, undefined, code, typeof err.offset === 'number' && err.offset > 0 ? err.offset + 1 : undefined);
}

/** Wrong password, or none given (the driver refuses before asking the server): worth a prompt. */
export function isOracleAuthError(e: unknown): boolean {
  const code = oracleErrorCode(e);
  return code === 'ORA-01017' || code === 'NJS-101';
}

const fetchTypeHandler = (m: oracledb.Metadata<unknown>): oracledb.FetchTypeResponse | undefined => {
  if (m.dbType === oracledb.DB_TYPE_NUMBER || m.dbType === oracledb.DB_TYPE_CLOB || m.dbType === oracledb.DB_TYPE_NCLOB) return { type: oracledb.STRING };
  return undefined;
};

export async function connectOracle(t: ConnectionTarget, password: string | undefined): Promise<Connection> {
  if (!t.database && !t.params.sid) throw new DatabaseError('the Oracle URL needs a service name (oracle://user@host:1521/SERVICE) or a SID (?sid=XE)');
  let conn: oracledb.Connection;
  try {
    conn = await oracledb.getConnection({
      ...(t.user ? { user: t.user } : {}),
      ...(password !== undefined ? { password } : {}),
      connectString: oracleConnectString(t),
      connectTimeout: Number(t.params.connectTimeout ?? 10),
    });
  } catch (e) { throw toOracleError(e); }
  const opts: oracledb.ExecuteOptions = { outFormat: oracledb.OUT_FORMAT_OBJECT, fetchTypeHandler };
  return {
    engine: 'oracle', dialect: 'oracle', serverVersion: conn.oracleServerVersionString, display: describeTarget(t),
    async query<T>(sql: string, params?: unknown[]) {
      try { return ((await conn.execute(sql, (params ?? []) as oracledb.BindParameters, opts)).rows ?? []) as T[]; } catch (e) { throw toOracleError(e); }
    },
    async exec(sql: string) {
      try { await conn.execute(sql, [], { autoCommit: false }); } catch (e) { throw toOracleError(e); }
    },
    async close() { await conn.close().catch(() => undefined); },
  };
}

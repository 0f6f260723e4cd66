import type { Engine, EngineDialect } from './url.js';

export type Row = Record<string, unknown>;

/** The one small interface every engine's connection offers. */
export interface Connection {
  engine: Engine;
  dialect: EngineDialect;
  serverVersion: string;
  /** Where it is connected, without password (for messages). */
  display: string;
  /** One statement, optional positional parameters ($1 for PostgreSQL, ? for MySQL). */
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** One statement (or, for PostgreSQL, several) run for effect, no parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A server error normalised across drivers. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
  constructor(
    message: string,
    /** SQLSTATE (PostgreSQL code, MySQL sqlState). */
    readonly sqlState?: string,
    /** MySQL error number or driver code. */
    readonly errno?: number | string,
    /** 1-based character position in the statement, when the server gave one. */
    readonly position?: number,
    readonly detail?: string,
  ) { super(message); }
}

export class ConnectError extends Error {
  override name = 'ConnectError';
  constructor(message: string, readonly authFailed: boolean) { super(message); }
}

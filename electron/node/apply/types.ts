export type StatementStatus = 'applied' | 'failed' | 'not-run' | 'rolled-back' | 'skipped';

export interface StatementRecord {
  index: number;
  /** `<type>:<schema>.<name>` from the apply.sql object marker. */
  object?: string;
  /** Line of the statement in apply.sql. */
  line: number;
  status: StatementStatus;
  /** First line of the statement, for listings. */
  summary: string;
  error?: string;
  ms: number;
}

export interface ApplyFailure {
  index: number;
  object?: string;
  /** Line in apply.sql: of the server's error position when it gave one, else of the statement. */
  line: number;
  message: string;
  sqlState?: string;
  statement: string;
}

export interface ApplyReport {
  /** Target without password. */
  target: string;
  engine: 'postgres' | 'mysql' | 'pglite';
  serverVersion?: string;
  ok: boolean;
  /**
   * 'transaction': all statements in one transaction, all or nothing (PostgreSQL, PGlite).
   * 'statement-by-statement': MySQL/MariaDB, which cannot roll back DDL.
   * 'dry-run': split and listed, nothing executed. 'dry-run-validated': executed inside a
   * transaction that was rolled back (PostgreSQL only), nothing kept.
   */
  mode: 'transaction' | 'statement-by-statement' | 'dry-run' | 'dry-run-validated';
  statements: StatementRecord[];
  failure?: ApplyFailure;
  /** MySQL after a failure: drops what this run created, in reverse order (run with the mariadb/mysql client). */
  undoScript?: string;
  /** What the undo script cannot restore, said plainly. */
  undoLimitations?: string[];
  notes: string[];
  ms: number;
}

export interface ApplyOptions {
  dryRun?: boolean;
  /** With dryRun on PostgreSQL/PGlite: run everything in a transaction and roll it back. */
  validate?: boolean;
  onProgress?: (done: number, total: number, item: { index: number; object?: string; line: number }) => void;
  signal?: AbortSignal;
  prompt?: (question: string) => Promise<string>;
  /** Name used for the script in messages (default apply.sql). */
  file?: string;
}

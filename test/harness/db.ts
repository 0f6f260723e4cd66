// Helpers for integration tests: fresh uniquely named databases on the test servers, and the
// real command-line clients (psql, mariadb) to load scripts the way a user would.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import mysql from 'mysql2/promise';

export function pgUrlFromEnv(): string | undefined { return process.env.DBSHIFT_TEST_PG_URL || undefined; }
export function mysqlUrlFromEnv(): string | undefined { return process.env.DBSHIFT_TEST_MYSQL_URL || undefined; }

export type Row = Record<string, unknown>;

export interface FreshDatabase {
  url: string;
  name: string;
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
  /** Closes this handle and drops the database. */
  drop(): Promise<void>;
}

let counter = 0;
function uniqueName(prefix: string): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30) || 'db';
  return `${clean}_${process.pid}_${++counter}`;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(db)}`;
  return u.toString();
}

function requireUrl(url: string | undefined, name: string): string {
  if (!url) throw new Error(`${name} is not set (run through scripts/with-test-servers.mjs or scripts/run-tests.mjs)`);
  return url;
}

export async function freshPgDatabase(prefix: string): Promise<FreshDatabase> {
  const server = requireUrl(pgUrlFromEnv(), 'DBSHIFT_TEST_PG_URL');
  const name = uniqueName(prefix);
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try { await admin.query(`CREATE DATABASE "${name}"`); } finally { await admin.end(); }
  const url = withDatabase(server, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let closed = false;
  const close = async (): Promise<void> => { if (!closed) { closed = true; await client.end(); } };
  return {
    url, name,
    async query(sql, params) { return (await client.query(sql, params as unknown[] | undefined)).rows as Row[]; },
    close,
    async drop() {
      await close();
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      try { await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); } finally { await a.end(); }
    },
  };
}

export function mysqlConnectionOptions(url: string): mysql.ConnectionOptions {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return {
    host: u.hostname, port: Number(u.port || 3306),
    user: decodeURIComponent(u.username), password: decodeURIComponent(u.password),
    ...(database ? { database } : {}),
    supportBigNumbers: true, bigNumberStrings: true, dateStrings: true,
  };
}

export async function freshMysqlDatabase(prefix: string): Promise<FreshDatabase> {
  const server = requireUrl(mysqlUrlFromEnv(), 'DBSHIFT_TEST_MYSQL_URL');
  const name = uniqueName(prefix);
  const conn = await mysql.createConnection(mysqlConnectionOptions(server));
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await conn.query(`USE \`${name}\``);
  let closed = false;
  const close = async (): Promise<void> => { if (!closed) { closed = true; await conn.end(); } };
  return {
    url: withDatabase(server, name), name,
    async query(sql, params) {
      const [rows] = await conn.query(sql, params);
      return Array.isArray(rows) ? (rows as Row[]) : [rows as unknown as Row];
    },
    close,
    async drop() {
      if (closed) {
        const c = await mysql.createConnection(mysqlConnectionOptions(server));
        try { await c.query(`DROP DATABASE IF EXISTS \`${name}\``); } finally { await c.end(); }
      } else {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await close();
      }
    },
  };
}

export interface ClientResult { stdout: string; stderr: string; code: number }
export interface ClientOptions { allowFailure?: boolean; args?: string[] }

/** A single-line string naming an existing file is read as a file; anything else is SQL text. */
function isFile(fileOrSqlText: string): boolean {
  return !fileOrSqlText.includes('\n') && fileOrSqlText.length < 4096 && existsSync(fileOrSqlText);
}
function sqlInput(fileOrSqlText: string): string {
  return isFile(fileOrSqlText) ? readFileSync(fileOrSqlText, 'utf8') : fileOrSqlText;
}

/** The mariadb client echoes the whole failing statement (megabytes for bulk INSERTs): keep its ends. */
function shortError(text: string): string {
  if (text.length <= 3000) return text;
  return `${text.slice(0, 1000)}\n[… ${text.length - 2000} characters …]\n${text.slice(-1000)}`;
}

function runClient(cmd: string, args: string[], input: string, env: Record<string, string>, opts: ClientOptions): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', (e) => reject(new Error(`could not run ${cmd}: ${e.message}`)));
    child.stdin.on('error', () => { /* client exited early: its stderr says why */ });
    child.on('close', (code) => {
      const r = { stdout, stderr, code: code ?? 1 };
      if (r.code !== 0 && !opts.allowFailure) reject(new Error(`${cmd} exited with ${r.code}: ${shortError(stderr.trim() || stdout.trim())}`));
      else resolve(r);
    });
    child.stdin.end(input);
  });
}

export function runMysqlClient(url: string, fileOrSqlText: string, opts: ClientOptions = {}): Promise<ClientResult> {
  const u = new URL(url);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const cmd = existsSync('/usr/bin/mariadb') ? 'mariadb' : 'mysql';
  const args = [
    '--protocol=TCP', `--host=${u.hostname}`, `--port=${u.port || '3306'}`, `--user=${decodeURIComponent(u.username)}`,
    '--local-infile=1', '--default-character-set=utf8mb4', '--batch', ...(opts.args ?? []), ...(db ? [db] : []),
  ];
  // The password goes through the environment, never the command line (visible in ps).
  const env: Record<string, string> = u.password ? { MYSQL_PWD: decodeURIComponent(u.password) } : {};
  return runClient(cmd, args, sqlInput(fileOrSqlText), env, opts);
}

export function runPsql(url: string, fileOrSqlText: string, opts: ClientOptions = {}): Promise<ClientResult> {
  const u = new URL(url);
  const env: Record<string, string> = u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {};
  u.password = '';
  const args = ['-v', 'ON_ERROR_STOP=1', '-X', '-q', ...(opts.args ?? []), '-d', u.toString()];
  // Files go through -f so psql's error messages name the file and line.
  if (isFile(fileOrSqlText)) return runClient('psql', [...args, '-f', fileOrSqlText], '', env, opts);
  return runClient('psql', args, fileOrSqlText, env, opts);
}

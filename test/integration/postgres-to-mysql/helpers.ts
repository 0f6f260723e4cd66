import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convert, parseScripts, type ConvertOptions, type ConvertResult } from '../../../converters/index.js';
import { renderApplyScript } from '../../../electron/node/export/index.js';
import { runMysqlClient, type FreshDatabase } from '../../harness/db.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpus = (rel: string): string => path.resolve(repoRoot, '../shared/corpus', rel);

/** PostgreSQL script text → MySQL objects for MariaDB. */
export function pgToMysql(text: string, file = 'input.sql', options: Partial<ConvertOptions> = {}): ConvertResult {
  const parsed = parseScripts('postgres', [{ path: file, text }]);
  return convert(parsed.catalog, { target: 'mysql', mysqlFlavor: 'mariadb', ...options });
}

export function applySql(result: ConvertResult): string {
  return renderApplyScript(result, { sourceLabel: 'test', generatedAt: '2026-01-01T00:00:00Z' });
}

/** Converts and loads with the real mariadb client; fails with the client's error. */
export async function convertAndLoad(text: string, db: FreshDatabase, file?: string): Promise<ConvertResult> {
  const result = pgToMysql(text, file);
  await runMysqlClient(db.url, applySql(result));
  return result;
}

/** A corpus MySQL script without its DROP/CREATE DATABASE and USE lines, loaded into `db`. */
export async function loadMysqlReference(file: string, db: FreshDatabase): Promise<void> {
  const text = readFileSync(file, 'utf8').replace(/^\s*(DROP DATABASE|CREATE DATABASE|USE)\b[^;]*;/gim, '');
  await runMysqlClient(db.url, text);
}

export const norm = (name: unknown): string => String(name).toLowerCase().replace(/_/g, '');

export interface ColumnShape { table: string; column: string; type: string; length: string; precision: string; nullable: string; extra: string }

export async function columnShapes(db: FreshDatabase): Promise<ColumnShape[]> {
  const rows = await db.query(
    `SELECT table_name AS t, column_name AS c, data_type AS dt, character_maximum_length AS len, numeric_precision AS p, numeric_scale AS s, is_nullable AS n, extra AS x
       FROM information_schema.columns WHERE table_schema = DATABASE()`);
  return rows.map((r) => ({
    table: norm(r.t), column: norm(r.c), type: String(r.dt), length: String(r.len ?? ''),
    precision: r.p === null || r.p === undefined ? '' : `${r.p},${r.s}`, nullable: String(r.n), extra: String(r.x ?? '').toLowerCase().includes('auto_increment') ? 'auto_increment' : '',
  })).sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}

export async function keyShapes(db: FreshDatabase): Promise<string[]> {
  const rows = await db.query(
    `SELECT k.table_name AS t, k.column_name AS c, k.referenced_table_name AS rt, k.referenced_column_name AS rc, tc.constraint_type AS ct
       FROM information_schema.key_column_usage k
       JOIN information_schema.table_constraints tc ON tc.constraint_schema = k.constraint_schema AND tc.table_name = k.table_name AND tc.constraint_name = k.constraint_name
      WHERE k.table_schema = DATABASE()`);
  return rows.map((r) => `${norm(r.t)}.${norm(r.c)} ${r.ct}${r.rt ? ` -> ${norm(r.rt)}.${norm(r.rc)}` : ''}`).sort();
}

export async function rowCounts(db: FreshDatabase): Promise<Record<string, number>> {
  const tables = await db.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'`);
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [r] = await db.query(`SELECT COUNT(*) AS n FROM \`${String(t.t)}\``);
    out[norm(t.t)] = Number(r!.n);
  }
  return out;
}

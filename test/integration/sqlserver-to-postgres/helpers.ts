// Shared helpers for the SQL Server → PostgreSQL behaviour and acceptance tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { convert, parseScripts, type ConvertOptions, type ConvertResult, type Diagnostic } from '../../../converters/index.js';
import type { FreshDatabase } from '../../harness/db.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const readCorpus = (rel: string): string => readFileSync(path.join(corpusDir, rel), 'utf8');

export const diagnosticsOf = (result: ConvertResult): Diagnostic[] => [...result.diagnostics, ...result.objects.flatMap((o) => o.diagnostics)];

/** T-SQL script text → PostgreSQL conversion result. */
export function convertTsql(text: string, file = 'snippet.sql', options: Partial<ConvertOptions> = {}): { result: ConvertResult; parse: Diagnostic[] } {
  const parsed = parseScripts('sqlserver', [{ path: file, text }]);
  return { result: convert(parsed.catalog, { target: 'postgres', ...options }), parse: parsed.diagnostics };
}

export function notConverted(result: ConvertResult): string[] {
  return result.objects.filter((o) => o.status === 'not-converted').map((o) => `${o.ref.type} ${o.ref.name}: ${o.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
}

/** Runs every statement of the conversion in order on `db`; throws with the statement on error. */
export async function applyOn(db: FreshDatabase, result: ConvertResult): Promise<void> {
  for (const o of result.objects) {
    for (const s of o.statements) {
      try { await db.query(s); } catch (e) { throw new Error(`${o.ref.type} ${o.ref.name}: ${(e as Error).message}\n${s.slice(0, 3000)}`); }
    }
  }
}

/** plpgsql_check over every PL/pgSQL routine in `schemas`; returns the errors found. */
export async function plpgsqlCheck(db: FreshDatabase, schemas: string[]): Promise<string[]> {
  await db.query('CREATE EXTENSION IF NOT EXISTS plpgsql_check SCHEMA public');
  const fns = await db.query(`SELECT p.oid::regprocedure::text AS sig, p.prorettype = 'trigger'::regtype AS trig,
      (SELECT tgrelid::regclass::text FROM pg_trigger t WHERE t.tgfoid = p.oid LIMIT 1) AS rel,
      (SELECT tgoldtable FROM pg_trigger t WHERE t.tgfoid = p.oid LIMIT 1) AS oldt,
      (SELECT tgnewtable FROM pg_trigger t WHERE t.tgfoid = p.oid LIMIT 1) AS newt
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
    WHERE l.lanname = 'plpgsql' AND n.nspname = ANY($1::text[])`, [schemas]);
  const errors: string[] = [];
  for (const f of fns) {
    if (f.trig && !f.rel) continue;
    // Statement triggers read transition tables: plpgsql_check must be told their names.
    const rows = await db.query(`SELECT * FROM public.plpgsql_check_function_tb($1::regprocedure${f.trig ? ', $2::regclass, oldtable => $3, newtable => $4' : ''})`,
      f.trig ? [f.sig, f.rel, f.oldt, f.newt] : [f.sig]);
    for (const r of rows) if (r.level === 'error') errors.push(`${String(f.sig)}: ${String(r.message)} (line ${String(r.lineno)})`);
  }
  return errors;
}

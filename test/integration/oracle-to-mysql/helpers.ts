// Shared helpers for the Oracle → MySQL/MariaDB behaviour and acceptance tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { convert, parseScripts, type ConvertOptions, type ConvertResult, type Diagnostic } from '../../../converters/index.js';
import type { FreshDatabase } from '../../harness/db.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const readCorpus = (rel: string): string => readFileSync(path.join(corpusDir, rel), 'utf8');

export const diagnosticsOf = (result: ConvertResult): Diagnostic[] => [...result.diagnostics, ...result.objects.flatMap((o) => o.diagnostics)];

/** Oracle scripts → MySQL conversion result for MariaDB (parse findings in `parse`). */
export function convertOracle(files: { path: string; text: string }[] | string, options: Partial<ConvertOptions> = {}): { result: ConvertResult; parse: Diagnostic[] } {
  const list = typeof files === 'string' ? [{ path: 'snippet.sql', text: files }] : files;
  const parsed = parseScripts('oracle', list);
  return { result: convert(parsed.catalog, { target: 'mysql', mysqlFlavor: 'mariadb', ...options }), parse: parsed.diagnostics };
}

/** Objects that were not converted, with why: tests print them when they fail. */
export function notConverted(result: ConvertResult): string[] {
  return result.objects.filter((o) => o.status === 'not-converted').map((o) => `${o.ref.type} ${o.ref.name}: ${o.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
}

/** Runs every statement of the conversion in order on `db`; throws with the statement on error. */
export async function applyOn(db: FreshDatabase, result: ConvertResult, skip: (ref: { type: string; name: string }) => boolean = () => false): Promise<void> {
  for (const o of result.objects) {
    if (skip(o.ref)) continue;
    for (const s of o.statements) {
      try { await db.query(s); } catch (e) { throw new Error(`${o.ref.type} ${o.ref.name}: ${(e as Error).message}\n${s.slice(0, 2000)}`); }
    }
  }
}

// Shared helpers for the MySQL → PostgreSQL acceptance tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { ConvertResult } from '../../../converters/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const corpusFile = (rel: string): string => path.join(corpusDir, rel);
export const readCorpus = (rel: string): string => readFileSync(corpusFile(rel), 'utf8');

/** apply.sql as the exporter writes it: statements terminated with ';'. */
export function applySql(result: ConvertResult): string {
  return result.objects.flatMap((o) => o.statements).map((s) => `${s};`).join('\n\n') + '\n';
}

export const diagnosticsOf = (result: ConvertResult) => [...result.diagnostics, ...result.objects.flatMap((o) => o.diagnostics)];

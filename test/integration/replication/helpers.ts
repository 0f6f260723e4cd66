// Shared pieces of the replication integration tests: a task folder written from the DMS fixtures
// and row fingerprints read from both sides through the same value conversion the tool uses.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = new URL('../../fixtures/dms/', import.meta.url);

export function taskFolder(opts: { id: string; type: string; sourceUrl: string; targetUrl: string; settings?: string; mappings?: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'dbshift-repl-'));
  writeFileSync(join(dir, 'task.json'), JSON.stringify({ ReplicationTaskIdentifier: opts.id, MigrationType: opts.type, SourceUrl: opts.sourceUrl, TargetUrl: opts.targetUrl }, null, 2));
  writeFileSync(join(dir, 'task_settings.json'), opts.settings ?? readFileSync(new URL('task_settings.json', FIXTURES), 'utf8'));
  writeFileSync(join(dir, 'table_mappings.json'), opts.mappings ?? readFileSync(new URL('table_mappings.json', FIXTURES), 'utf8'));
  return dir;
}

export function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export function sleep(ms: number): Promise<void> { return new Promise((r) => setTimeout(r, ms)); }

/** Rows keyed by their first column on each side: the keys missing, extra or different on the target. */
export function keyDifferences(source: unknown[][], target: unknown[][], max = 20): string {
  const text = (r: unknown[]): string => r.map((v) => (v === null ? '<null>' : String(v))).join('\t');
  const src = new Map(source.map((r) => [String(r[0]), text(r)]));
  const tgt = new Map(target.map((r) => [String(r[0]), text(r)]));
  const missing = [...src.keys()].filter((k) => !tgt.has(k));
  const extra = [...tgt.keys()].filter((k) => !src.has(k));
  const different = [...src.keys()].filter((k) => tgt.has(k) && tgt.get(k) !== src.get(k));
  const show = (ks: string[]): string => `${ks.length}${ks.length ? ` (${ks.slice(0, max).join(', ')}${ks.length > max ? ', …' : ''})` : ''}`;
  const sample = different.slice(0, 3).map((k) => `\n  key ${k}: source ${src.get(k)}\n  key ${k}: target ${tgt.get(k)}`).join('');
  return `keys missing on the target: ${show(missing)}; extra on the target: ${show(extra)}; different: ${show(different)}${sample}`;
}

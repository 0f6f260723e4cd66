// Shared pieces of the replication integration tests: a task folder written from the DMS fixtures
// and row fingerprints read from both sides through the same value conversion the tool uses.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

// Process hygiene: a live child or an open connection keeps the test file's process alive forever,
// so every spawn goes through these (deadline on every wait, kill in `finally`).
const CLI_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_MAIN = join(CLI_ROOT, 'electron/node/cli/main.ts');

/** `dbshift replicate …` as a child; its output is drained (a full pipe would stall it) and its tail kept. */
export function replicateCli(args: string[]): ChildProcess & { output: () => string } {
  const c = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, 'replicate', ...args], { cwd: CLI_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let tail = '';
  const keep = (d: Buffer): void => { tail = (tail + d.toString()).slice(-8000); };
  c.stdout!.on('data', keep);
  c.stderr!.on('data', keep);
  return Object.assign(c, { output: () => tail });
}

/** Runs `dbshift replicate …` to its end; killed (code 124) when it outlives the deadline. */
export async function replicateResult(args: string[], timeoutMs = 120_000): Promise<{ code: number; out: string; err: string }> {
  const c = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, 'replicate', ...args], { cwd: CLI_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let out = ''; let err = '';
  c.stdout.on('data', (d) => { out += d; });
  c.stderr.on('data', (d) => { err += d; });
  const finished = await exited(c, timeoutMs);
  if (!finished) {
    c.kill('SIGKILL');
    await exited(c, 10_000);
    return { code: 124, out, err: `${err}\nreplicate ${args[0]} did not finish within ${timeoutMs / 1000} s (killed)` };
  }
  return { code: c.exitCode ?? 1, out, err };
}

/** Resolves true once the child has exited, false when the deadline passes first. */
export function exited(c: ChildProcess, timeoutMs = 30_000): Promise<boolean> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve(true);
  return new Promise((r) => {
    const timer = setTimeout(() => { c.off('exit', done); r(false); }, timeoutMs);
    function done(): void { clearTimeout(timer); r(true); }
    c.once('exit', done);
  });
}

/** SIGKILL (after `signal` and a grace period when given) and wait, bounded; for `finally` blocks. */
export async function stopChild(c: ChildProcess | undefined, signal?: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (!c || c.exitCode !== null || c.signalCode !== null) return;
  if (signal && signal !== 'SIGKILL') {
    c.kill(signal);
    if (await exited(c, graceMs)) return;
  }
  c.kill('SIGKILL');
  await exited(c, 10_000);
}

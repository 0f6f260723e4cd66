// Runs the CLI as a user would: a child process, stdin not a terminal, output captured.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const CORPUS = join(REPO, '..', 'shared', 'corpus');
export const MAIN = join(REPO, 'electron', 'node', 'cli', 'main.ts');

export interface CliResult { code: number | null; stdout: string; stderr: string; ms: number }

export function runCli(args: string[], opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: opts.cwd ?? REPO,
      env: { ...process.env, DBSHIFT_PASSWORD: '', DBSHIFT_TARGET_PASSWORD: '', DBSHIFT_SOURCE_PASSWORD: '', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`dbshift ${args.join(' ')} did not finish in ${opts.timeoutMs ?? 120_000} ms\nstderr: ${stderr.slice(-2000)}`)); }, opts.timeoutMs ?? 120_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, ms: Date.now() - t0 }); });
  });
}

/** Every file below dir, as text (binary files included, read as latin1 so a grep still works). */
export function allFileTexts(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: p, text: readFileSync(p, 'latin1') });
    }
  };
  walk(dir);
  return out;
}

/** Replaces the database of a server URL. */
export function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(db)}`;
  return u.toString();
}

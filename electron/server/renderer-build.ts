// Finds the built renderer, building it with Vite when it is missing (web mode, tests).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIST = resolve(REPO_ROOT, 'dist/renderer');

/** Newest modification time of the files the renderer is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = resolve(dir, e.name);
      if (e.isDirectory()) walk(p); else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['renderer', 'converters/contract']) walk(resolve(REPO_ROOT, d));
  newest = Math.max(newest, statSync(resolve(REPO_ROOT, 'build/vite.config.ts')).mtimeMs);
  return newest;
}

const fresh = (): boolean => {
  const index = resolve(RENDERER_DIST, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestSource();
};

/** Builds dist/renderer when it is missing or older than its sources; parallel test files build it once. */
export async function ensureRendererBuilt(log: (s: string) => void = () => {}): Promise<string> {
  if (fresh()) return RENDERER_DIST;
  const lock = resolve(REPO_ROOT, 'dist/.renderer-build.lock');
  mkdirSync(resolve(REPO_ROOT, 'dist'), { recursive: true });
  for (;;) {
    try { mkdirSync(lock); break; } catch {
      // Another process is building; a lock older than 5 minutes is left over from a crash.
      try { if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true }); } catch { /* gone */ }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (fresh()) return RENDERER_DIST;
    await build(log);
  } finally { rmSync(lock, { recursive: true, force: true }); }
  return RENDERER_DIST;
}

async function build(log: (s: string) => void): Promise<void> {
  log('building the renderer…');
  const vite = resolve(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const code = await new Promise<number>((done) => {
    const child = spawn(process.execPath, [vite, 'build', '-c', 'build/vite.config.ts', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (c) => done(c ?? 1));
    child.on('error', () => done(1));
  });
  if (code !== 0 || !existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('building the renderer failed (npm run build:renderer shows why)');
}

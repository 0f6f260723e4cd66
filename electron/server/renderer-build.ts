// Finds the built renderer, building it with Vite when it is missing (web mode, tests).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** Builds dist/renderer when it is missing or older than its sources. */
export async function ensureRendererBuilt(log: (s: string) => void = () => {}): Promise<string> {
  const index = resolve(RENDERER_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return RENDERER_DIST;
  log('building the renderer…');
  const vite = resolve(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const code = await new Promise<number>((done) => {
    const child = spawn(process.execPath, [vite, 'build', '-c', 'build/vite.config.ts', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (c) => done(c ?? 1));
    child.on('error', () => done(1));
  });
  if (code !== 0 || !existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('building the renderer failed (npm run build:renderer shows why)');
  return RENDERER_DIST;
}

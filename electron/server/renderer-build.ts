// Finds the built renderer, building it with Vite when it is missing (web mode, tests).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIST = resolve(REPO_ROOT, 'dist/renderer');

export async function ensureRendererBuilt(log: (s: string) => void = () => {}): Promise<string> {
  if (existsSync(resolve(RENDERER_DIST, 'index.html'))) return RENDERER_DIST;
  log('building the renderer (first run)…');
  const vite = resolve(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const code = await new Promise<number>((done) => {
    const child = spawn(process.execPath, [vite, 'build', '-c', 'build/vite.config.ts', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (c) => done(c ?? 1));
    child.on('error', () => done(1));
  });
  if (code !== 0 || !existsSync(resolve(RENDERER_DIST, 'index.html'))) throw new Error('building the renderer failed (npm run build:renderer shows why)');
  return RENDERER_DIST;
}

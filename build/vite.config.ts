// Builds the renderer (React + Monaco) into dist/renderer, served by the web server and loaded by
// Electron. Monaco is bundled (never loaded from a CDN) and its worker is built by Vite.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    alias: { 'monaco-esm': resolve(root, 'node_modules/monaco-editor/esm/vs') },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(root, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
    // The Monaco worker build is slow by nature; no timing report in test logs.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  worker: { format: 'es' },
});

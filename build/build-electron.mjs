// Bundles the Electron main process, its back-end utility process and the sandboxed preload to
// CommonJS under out/electron/.
// Node packages (drivers, PGlite) stay external and load from node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The version is built in (cli/help.ts): a bundle's path relative to package.json differs by layout (out/electron, app.asar).
const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
// offthread.ts reads import.meta only when it runs from source (tsx); in the bundle it is empty on purpose.
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: false, logLevel: 'warning', absWorkingDir: root, logOverride: { 'empty-import-meta': 'silent' }, define: { __DBSHIFT_VERSION__: JSON.stringify(version) } };

/** The command-line bundle's options (test/unit/contract/cli-command.test.ts builds it the same way). */
export function cliBundleOptions(outfile = 'out/electron/cli.mjs') {
  return { ...common, format: 'esm', entryPoints: ['electron/node/cli/main.ts'], outfile, packages: 'external', external: ['electron'] };
}

async function buildAll() {
  await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'out/electron/main.cjs', packages: 'external', external: ['electron'] });
  // The utility process that runs the handlers (database work off the UI and main processes).
  await build({ ...common, entryPoints: ['electron/main/backend.ts'], outfile: 'out/electron/backend.cjs', packages: 'external', external: ['electron'] });
  // The worker thread that parses and converts (cancellable: the back end terminates it); offthread.ts finds it beside backend.cjs.
  await build({ ...common, entryPoints: ['electron/node/handlers/convert-worker.ts'], outfile: 'out/electron/convert-worker.cjs', packages: 'external', external: ['electron'] });
  // The command line, for the workbench's replication tasks (`dbshift replicate …` child processes run by
  // the same executable; handlers/cli-command.ts finds it beside backend.cjs). ESM: the CLI's entry awaits at top level.
  await build(cliBundleOptions());
  // A sandboxed preload can only require 'electron': everything else is bundled in.
  await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'out/electron/preload.cjs', external: ['electron'] });
  console.log('built out/electron/main.cjs, backend.cjs, convert-worker.cjs, cli.mjs and preload.cjs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildAll();

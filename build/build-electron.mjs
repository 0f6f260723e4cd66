// Bundles the Electron main process, its back-end utility process and the sandboxed preload to
// CommonJS under out/electron/.
// Node packages (drivers, PGlite) stay external and load from node_modules at run time.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: false, logLevel: 'warning', absWorkingDir: root };

await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'out/electron/main.cjs', packages: 'external', external: ['electron'] });
// The utility process that runs the handlers (database work off the UI and main processes).
await build({ ...common, entryPoints: ['electron/main/backend.ts'], outfile: 'out/electron/backend.cjs', packages: 'external', external: ['electron'] });
// A sandboxed preload can only require 'electron': everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'out/electron/preload.cjs', external: ['electron'] });
console.log('built out/electron/main.cjs, backend.cjs and preload.cjs');

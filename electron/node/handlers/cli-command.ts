// How the workbench runs its own command line (replication tasks are `dbshift replicate …` child
// processes), in each layout the back end runs in:
// - from the TypeScript sources (npm run web, dbshift ui, tests): cli/main.ts through tsx;
// - bundled (npm start, the packaged app: out/electron/backend.cjs, in app.asar once packaged):
//   the CLI bundle build/build-electron.mjs writes beside it, out/electron/cli.mjs, run by the same
//   executable (Electron runs it as plain Node: ELECTRON_RUN_AS_NODE);
// - bundled without cli.mjs, in a checkout: the sources through tsx.
// DBSHIFT_CLI (a built JS entry) still overrides all of them.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { ContractError } from '../../../converters/contract/index.js';

export interface CliCommand { command: string; args: string[]; cwd?: string }

export interface CliLayout {
  /** This module's URL when it runs as ESM (from the sources); undefined in the CommonJS bundle. */
  moduleUrl: string | undefined;
  /** The folder of the running bundle (CommonJS __dirname); undefined from the sources. */
  bundleDir: string | undefined;
  execPath: string;
  override: string | undefined;
  exists: (path: string) => boolean;
}

export const CLI_BUNDLE = 'cli.mjs';

/** The command that runs the CLI in `layout`; UNAVAILABLE with a hint when none is there. */
export function resolveCli(layout: CliLayout): CliCommand {
  const { execPath, exists } = layout;
  if (layout.override) return { command: execPath, args: [layout.override] };
  const fromSources = (repo: string): CliCommand | undefined => {
    const main = join(repo, 'electron/node/cli/main.ts');
    return exists(main) ? { command: execPath, args: ['--import', 'tsx', main], cwd: repo } : undefined;
  };
  if (layout.moduleUrl?.startsWith('file:') && layout.moduleUrl.endsWith('.ts')) {
    const found = fromSources(resolve(dirname(fileURLToPath(layout.moduleUrl)), '../../..'));
    if (found) return found;
  }
  const dir = layout.bundleDir ?? (layout.moduleUrl?.startsWith('file:') ? dirname(fileURLToPath(layout.moduleUrl)) : undefined);
  if (dir) {
    const bundle = join(dir, CLI_BUNDLE);
    if (exists(bundle)) return { command: execPath, args: [bundle] };
    // out/electron/backend.cjs in a checkout whose CLI bundle was not built.
    const found = fromSources(resolve(dir, '../..'));
    if (found) return found;
  }
  throw new ContractError('UNAVAILABLE', 'replication tasks need the dbshift command line, which is not next to the back end',
    `build it with npm run build:desktop (writes out/electron/${CLI_BUNDLE}) or set DBSHIFT_CLI to a built CLI entry`);
}

/** The layout this process runs in. */
export function currentLayout(): CliLayout {
  const moduleUrl = (import.meta as { url?: string }).url;
  return {
    moduleUrl,
    bundleDir: moduleUrl ? undefined : typeof __dirname === 'string' ? __dirname : undefined,
    execPath: process.execPath,
    override: process.env.DBSHIFT_CLI || undefined,
    exists: existsSync,
  };
}

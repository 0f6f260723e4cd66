// How the workbench finds its own command line for replication tasks, without DBSHIFT_CLI: from the
// sources through tsx (web mode, tests), the cli.mjs bundle beside backend.cjs (npm start, the
// packaged app.asar), the sources again when a checkout's bundle lacks it; DBSHIFT_CLI overrides.
// The bundle is also built the way build/build-electron.mjs builds it and run for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CLI_BUNDLE, currentLayout, resolveCli, type CliLayout } from '../../../electron/node/handlers/cli-command.js';
import { ContractError } from '../../../converters/contract/index.js';

const REPO = resolve(import.meta.dirname, '../../..');
const EXEC = '/opt/app/dbshift';

function layout(files: string[], over: Partial<CliLayout>): CliLayout {
  const set = new Set(files);
  return { moduleUrl: undefined, bundleDir: undefined, execPath: EXEC, override: undefined, exists: (p) => set.has(p), ...over };
}

test('from the TypeScript sources (npm run web, dbshift ui, tests): cli/main.ts through tsx, in the checkout', () => {
  const url = pathToFileURL('/src/dbshift/electron/node/handlers/cli-command.ts').href;
  const got = resolveCli(layout(['/src/dbshift/electron/node/cli/main.ts'], { moduleUrl: url }));
  assert.deepEqual(got, { command: EXEC, args: ['--import', 'tsx', '/src/dbshift/electron/node/cli/main.ts'], cwd: '/src/dbshift' });
  // This very process runs from the sources: the entry it finds exists.
  const here = resolveCli(currentLayout());
  assert.equal(here.command, process.execPath);
  assert.equal(here.args.at(-1), join(REPO, 'electron/node/cli/main.ts'));
  assert.ok(existsSync(here.args.at(-1)!));
});

test('bundled (npm start; the packaged app.asar): out/electron/cli.mjs beside backend.cjs, run by the same executable', () => {
  const dir = '/opt/dbshift/resources/app.asar/out/electron';
  assert.deepEqual(resolveCli(layout([`${dir}/${CLI_BUNDLE}`], { bundleDir: dir })), { command: EXEC, args: [`${dir}/${CLI_BUNDLE}`] });
  // A checkout's out/electron without the CLI bundle: the sources two levels up.
  const out = '/src/dbshift/out/electron';
  assert.deepEqual(resolveCli(layout(['/src/dbshift/electron/node/cli/main.ts'], { bundleDir: out })),
    { command: EXEC, args: ['--import', 'tsx', '/src/dbshift/electron/node/cli/main.ts'], cwd: '/src/dbshift' });
});

test('DBSHIFT_CLI overrides; nothing found is a clear UNAVAILABLE naming the fix', () => {
  assert.deepEqual(resolveCli(layout([], { override: '/x/cli.js', bundleDir: '/y' })), { command: EXEC, args: ['/x/cli.js'] });
  assert.throws(() => resolveCli(layout([], { bundleDir: '/opt/dbshift/resources/app.asar/out/electron' })), (e: unknown) => {
    assert.ok(e instanceof ContractError);
    assert.equal(e.code, 'UNAVAILABLE');
    assert.match(e.hint ?? '', /npm run build:desktop .*cli\.mjs|DBSHIFT_CLI/);
    return true;
  });
});

test('the CLI bundle build-electron.mjs makes runs: dbshift replicate --help and --version from out/electron/cli.mjs', { timeout: 120_000 }, async () => {
  // Built under out/ (so its external packages resolve from the checkout's node_modules, as in the app).
  await mkdir(join(REPO, 'out'), { recursive: true });
  const dir = await mkdtemp(join(REPO, 'out', 'cli-test-'));
  try {
    const outfile = join(dir, 'out/electron', CLI_BUNDLE);
    const script: string = pathToFileURL(join(REPO, 'build/build-electron.mjs')).href;
    const { cliBundleOptions } = await import(script) as { cliBundleOptions: (outfile: string) => Parameters<typeof build>[0] };
    await build({ ...cliBundleOptions(outfile), logLevel: 'error' });
    const cli = resolveCli(layout([outfile], { bundleDir: join(dir, 'out/electron'), execPath: process.execPath, exists: existsSync }));
    assert.deepEqual(cli.args, [outfile]);
    const run = (args: string[]): Promise<{ code: number | null; stdout: string }> => new Promise((done) => {
      const child = execFile(cli.command, [...cli.args, ...args], { timeout: 60_000 },
        (err, stdout) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout }));
      child.stdin?.end();
    });
    const out = await run(['replicate', '--help']);
    assert.equal(out.code, 0);
    assert.match(out.stdout, /dbshift replicate create DIR/);
    // The bundle sits two folders below the temporary root, where no package.json is: the version is built in.
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.notEqual(version, '0.0.0');
    const v = await run(['--version']);
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), `dbshift ${version}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

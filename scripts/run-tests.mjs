// Runs the test suites with Node's test runner. Integration suites get private PostgreSQL and
// MariaDB servers started once for the run (test/harness/servers.ts) and always torn down.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const which = process.argv[2] ?? 'all';
const RUN_LIMIT_MIN = 45;

function findTests(dir) {
  const out = [];
  let entries = [];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (/\.test\.tsx?$/.test(e)) out.push(relative(root, p));
  }
  return out.sort();
}

function runNodeTest(files, env) {
  return new Promise((resolve) => {
    if (files.length === 0) return resolve(0);
    const child = spawn(process.execPath,
      // A test without its own timeout gets 10 minutes; --test-force-exit ends a file's process once its
      // tests are done even if a handle (a child process, a socket) was left open — a hang fails, never stalls CI.
      ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', '--test-force-exit', ...files],
      { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    const watchdog = setTimeout(() => {
      console.error(`test harness: the test run exceeded ${RUN_LIMIT_MIN} minutes; stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, RUN_LIMIT_MIN * 60_000);
    child.on('exit', (code, signal) => { clearTimeout(watchdog); resolve(code ?? (signal ? 1 : 0)); });
  });
}

const unit = which === 'unit' || which === 'all' ? findTests(join(root, 'test/unit')) : [];
const integration = which === 'integration' || which === 'all'
  ? [...findTests(join(root, 'test/integration')), ...findTests(join(root, 'test/e2e'))] : [];

let servers;
let code = 0;
const stopAll = async () => { if (servers) { const s = servers; servers = undefined; await s.stop(); } };
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stopAll().finally(() => process.exit(130)); });
try {
  let env = {};
  if (integration.length > 0) {
    const { startServers } = await import('../test/harness/servers.ts');
    servers = await startServers();
    env = servers.env;
  }
  code = await runNodeTest([...unit, ...integration], env);
} catch (e) {
  console.error(`test harness: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  await stopAll();
}
process.exit(code);

// Usage: node scripts/with-test-servers.mjs -- <cmd> [args…]
// Starts private PostgreSQL + MariaDB (test/harness/servers.ts), runs the command with
// DBSHIFT_TEST_PG_URL / DBSHIFT_TEST_MYSQL_URL set, tears the servers down and exits with the
// command's exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { register } from 'tsx/esm/api';

const sep = process.argv.indexOf('--');
const cmd = sep >= 0 ? process.argv.slice(sep + 1) : process.argv.slice(2);
if (cmd.length === 0) {
  console.error('usage: node scripts/with-test-servers.mjs -- <command> [args…]');
  process.exit(2);
}

register();
const { startServers } = await import('../test/harness/servers.ts');

let servers;
try {
  servers = await startServers();
} catch (e) {
  console.error(`with-test-servers: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

const child = spawn(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...servers.env } });
// Forward Ctrl-C / termination to the command; servers.ts tears the servers down on these too.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { try { child.kill(sig); } catch { /* gone */ } });
const code = await new Promise((resolve) => {
  child.on('error', (e) => { console.error(`with-test-servers: could not run ${cmd[0]}: ${e.message}`); resolve(127); });
  child.on('exit', (c, signal) => resolve(c ?? 128 + (constants.signals[signal] ?? 1)));
});
await servers.stop();
process.exit(code);

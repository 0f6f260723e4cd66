// Starts private PostgreSQL and MariaDB servers for the integration tests and always tears them
// down: on stop(), on SIGINT/SIGTERM, on normal exit, and (through a watchdog shell plus the
// servers' parent-death signal) when this process is killed outright.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findMariadbBins, startMariadb } from './mysql-server.js';
import { findPgBin, startPostgres, type RunningServer } from './pg-server.js';
import { isAlive, isRoot, startWatchdog } from './proc.js';

export interface TestServers { env: Record<string, string>; stop(): Promise<void> }

const PACKAGES = 'postgresql postgresql-contrib mariadb-server mariadb-client';

function ensureBinaries(): { pgBin: string; my: { installDb: string; server: string } } {
  let pgBin = findPgBin();
  let my = findMariadbBins();
  if (pgBin && my) return { pgBin, my };
  if (!isRoot()) {
    throw new Error(`PostgreSQL/MariaDB server binaries not found; install the Debian packages: sudo apt-get install -y ${PACKAGES}`);
  }
  const script = fileURLToPath(new URL('../../scripts/setup-system.sh', import.meta.url));
  const r = spawnSync('bash', [script], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  pgBin = findPgBin();
  my = findMariadbBins();
  if (r.status !== 0 || !pgBin || !my) {
    throw new Error(`scripts/setup-system.sh could not install the server binaries; install: apt-get install -y ${PACKAGES}`);
  }
  return { pgBin, my };
}

/**
 * Where the throwaway data directories go: DBSHIFT_TEST_TMPDIR, else /dev/shm (memory: DDL-heavy
 * tests run several times faster than on disk) when it has room, else the system temp dir.
 */
function serverTmpRoot(): string {
  if (process.env.DBSHIFT_TEST_TMPDIR) return process.env.DBSHIFT_TEST_TMPDIR;
  try {
    const st = statfsSync('/dev/shm');
    if (st.bavail * st.bsize > 2 * 1024 ** 3) return '/dev/shm';
  } catch { /* no /dev/shm */ }
  return tmpdir();
}

export async function startServers(): Promise<TestServers> {
  const { pgBin, my } = ensureBinaries();
  const dir = mkdtempSync(join(serverTmpRoot(), 'dbshift-servers-'));
  chmodSync(dir, 0o755);
  const pidFile = join(dir, '.server-pids');
  // Started before any server so that even a crash during startup leaves nothing behind.
  const watchdog = startWatchdog(dir, pidFile);
  const running: RunningServer[] = [];
  const spawned: number[] = [];
  let stopping: Promise<void> | undefined;

  const track = (pid: number): void => {
    if (stopping) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
      throw new Error('test servers: stopped while starting');
    }
    spawned.push(pid);
    appendFileSync(pidFile, `${pid}\n`);
  };
  const killNow = (): void => {
    // Synchronous last resort for process 'exit': no awaiting possible here.
    for (const pid of spawned) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }
    try { rmSync(dir, { recursive: true, force: true }); } catch { /* watchdog will retry */ }
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    void stop().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.off('exit', killNow);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await Promise.all(running.map((s) => s.stop().catch(() => undefined)));
      // Servers still starting up have no stop() yet.
      for (const pid of spawned) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      if (watchdog.pid && isAlive(watchdog.pid)) { try { process.kill(watchdog.pid, 'SIGKILL'); } catch { /* gone */ } }
    })();
    return stopping;
  };
  process.on('exit', killNow);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const started = await Promise.allSettled([
      startPostgres(dir, pgBin, track).then((s) => { running.push(s); return s; }),
      startMariadb(dir, my, track).then((s) => { running.push(s); return s; }),
    ]);
    const failed = started.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw new Error(failed.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('\n'));
    const [pgS, myS] = started.map((r) => (r as PromiseFulfilledResult<RunningServer>).value) as [RunningServer, RunningServer];
    return { env: { DBSHIFT_TEST_PG_URL: pgS.url, DBSHIFT_TEST_MYSQL_URL: myS.url }, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

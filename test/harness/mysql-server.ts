// A private MariaDB instance: mariadb-install-db into a temp dir, mariadbd with its own port,
// socket and pid file, row-based binlog for replication tests (log_bin_trust_function_creators on so routines need no
// DETERMINISTIC clause), local_infile on, and a
// password-less test user 'dbshift' with all privileges reachable over TCP.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort, isRoot, killServer, logTail, runTool, spawnServer, waitFor, type TrackPid } from './proc.js';
import type { RunningServer } from './pg-server.js';

export const MYSQL_TEST_USER = 'dbshift';

function which(names: string[]): string | undefined {
  for (const n of names) {
    for (const d of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']) {
      const p = join(d, n);
      try { accessSync(p, constants.X_OK); return p; } catch { /* next */ }
    }
  }
  return undefined;
}

export function findMariadbBins(): { installDb: string; server: string } | undefined {
  const installDb = which(['mariadb-install-db', 'mysql_install_db']);
  const server = which(['mariadbd', 'mysqld']);
  return installDb && server ? { installDb, server } : undefined;
}

/** `extraArgs` go to mariadbd after the defaults (e.g. `--default-time-zone=+05:30` for a private server). */
export async function startMariadb(dir: string, bins: { installDb: string; server: string }, track: TrackPid, extraArgs: string[] = []): Promise<RunningServer> {
  const base = join(dir, 'my');
  const data = join(base, 'data');
  const tmp = join(base, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const userArgs = isRoot() ? ['--user=root'] : [];
  runTool(bins.installDb, [
    '--no-defaults', `--datadir=${data}`, ...userArgs, '--auth-root-authentication-method=normal',
    '--skip-test-db', '--skip-name-resolve', '--innodb-buffer-pool-size=64M',
  ], { cwd: base, timeoutMs: 180_000 });
  // The port is free when picked but another process may take it first: retry on a bind error.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const logFile = join(base, `server-${attempt}.log`);
    const socket = join(base, 'mysqld.sock');
    const child = spawnServer(bins.server, [
      '--no-defaults', `--datadir=${data}`, `--tmpdir=${tmp}`, ...userArgs,
      `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${socket}`, `--pid-file=${join(base, 'mysqld.pid')}`,
      `--log-error=${logFile}`, `--log-bin=${join(base, 'binlog')}`, '--binlog-format=ROW', '--binlog-row-image=FULL', '--binlog-row-metadata=FULL', '--server-id=1',
      '--local-infile=1', '--lower-case-table-names=0', '--skip-name-resolve',
      '--character-set-server=utf8mb4', '--collation-server=utf8mb4_general_ci',
      '--innodb-buffer-pool-size=128M', '--innodb-flush-log-at-trx-commit=0', '--innodb-doublewrite=0',
      // Throwaway test data: never wait for the disk.
      '--innodb-flush-method=nosync', '--innodb-log-file-size=48M',
      '--sync-binlog=0', '--max-connections=300', '--log-bin-trust-function-creators=1',
      ...extraArgs,
    ], { deathSignal: 'SIGKILL', logFile });
    track(child.pid ?? 0);
    try {
      await waitFor(`MariaDB (port ${port})`, async () => {
        const c = await mysql.createConnection({ socketPath: socket, user: 'root', connectTimeout: 2000 });
        try {
          await c.query(`CREATE USER IF NOT EXISTS '${MYSQL_TEST_USER}'@'%'`);
          await c.query(`CREATE USER IF NOT EXISTS '${MYSQL_TEST_USER}'@'localhost'`);
          await c.query(`GRANT ALL PRIVILEGES ON *.* TO '${MYSQL_TEST_USER}'@'%' WITH GRANT OPTION`);
          await c.query(`GRANT ALL PRIVILEGES ON *.* TO '${MYSQL_TEST_USER}'@'localhost' WITH GRANT OPTION`);
          return true;
        } finally { await c.end().catch(() => undefined); }
      }, { timeoutMs: 90_000, child, logFile });
    } catch (e) {
      await killServer(child.pid, 'SIGKILL', 0);
      if (attempt < 3 && /Address already in use/.test(logTail(logFile))) continue;
      throw e;
    }
    const pid = child.pid ?? 0;
    return { url: `mysql://${MYSQL_TEST_USER}@127.0.0.1:${port}/`, pid, stop: () => killServer(pid, 'SIGTERM', 10_000) };
  }
}

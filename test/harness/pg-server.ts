// A private PostgreSQL instance from the system binaries: initdb into a temp dir, own port and
// unix socket, logical WAL for replication tests, fsync off, trust auth for the test superuser.
import { chownSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, isRoot, killServer, logTail, lookupUser, runTool, spawnServer, waitFor, type RunAs, type TrackPid } from './proc.js';

export const PG_SUPERUSER = 'postgres';

export function findPgBin(): string | undefined {
  const override = process.env.DBSHIFT_PG_BIN;
  if (override) return override;
  let versions: string[] = [];
  try { versions = readdirSync('/usr/lib/postgresql'); } catch { return undefined; }
  const sorted = versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  const pick = sorted.includes('15') ? '15' : sorted[0];
  return pick ? `/usr/lib/postgresql/${pick}/bin` : undefined;
}

export interface RunningServer { url: string; pid: number; stop(): Promise<void> }

/** `dir` must already exist; the data dir and socket go below it. */
export async function startPostgres(dir: string, bin: string, track: TrackPid): Promise<RunningServer> {
  // initdb and postgres refuse to run as root: run them as the packaged 'postgres' user.
  let runAs: RunAs | undefined;
  if (isRoot()) {
    runAs = lookupUser('postgres') ?? lookupUser('nobody');
    if (!runAs) throw new Error('running as root and there is no "postgres" or "nobody" user to run PostgreSQL as');
  }
  const base = join(dir, 'pg');
  const data = join(base, 'data');
  mkdirSync(base, { recursive: true });
  if (runAs) { chownSync(dir, runAs.uid, runAs.gid); chownSync(base, runAs.uid, runAs.gid); }
  runTool(join(bin, 'initdb'), ['-D', data, '-U', PG_SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'], { runAs, cwd: base });
  // The port is free when picked but another process may take it first: retry on a bind error.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const logFile = join(base, `server-${attempt}.log`);
    const settings: Record<string, string> = {
      port: String(port),
      listen_addresses: '127.0.0.1',
      unix_socket_directories: base,
      wal_level: 'logical',
      max_wal_senders: '10',
      max_replication_slots: '10',
      max_connections: '200',
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      shared_buffers: '64MB',
      dynamic_shared_memory_type: 'mmap',
      logging_collector: 'off',
      log_min_messages: 'warning',
    };
    const args = ['-D', data, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
    // Server log goes to a file via -r (postgres' own option), so no pipe keeps us alive.
    const child = spawnServer(join(bin, 'postgres'), [...args, '-r', logFile], { runAs, deathSignal: 'SIGQUIT', logFile });
    track(child.pid ?? 0);
    const url = `postgres://${PG_SUPERUSER}@127.0.0.1:${port}/postgres`;
    try {
      // Probed through our own unix socket: a TCP probe could reach another server that took the port.
      await waitFor(`PostgreSQL (port ${port})`, async () => {
        const c = new pg.Client({ host: base, port, user: PG_SUPERUSER, database: 'postgres', connectionTimeoutMillis: 2000 });
        try { await c.connect(); await c.query('select 1'); return true; } finally { await c.end().catch(() => undefined); }
      }, { timeoutMs: 60_000, child, logFile });
    } catch (e) {
      await killServer(child.pid, 'SIGQUIT', 2000);
      if (attempt < 3 && /Address already in use/.test(logTail(logFile))) continue;
      throw e;
    }
    const pid = child.pid ?? 0;
    return { url, pid, stop: () => killServer(pid, 'SIGQUIT', 5000) };
  }
}

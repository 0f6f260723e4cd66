// Process helpers for the private test servers: free ports, spawning server binaries as the right
// user with a parent-death signal, waiting for readiness, and a watchdog that cleans up when the
// parent process dies without running its own cleanup (SIGKILL, crash).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

export interface RunAs { uid: number; gid: number; name: string }

export function lookupUser(name: string): RunAs | undefined {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return undefined;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()), name };
}

const hasSetpriv = existsSync('/usr/bin/setpriv');

/** Spawns a long-running server in its own process group; it gets `deathSignal` if we die. */
export function spawnServer(cmd: string, args: string[], opts: { runAs?: RunAs; deathSignal: string; logFile: string; env?: Record<string, string> }): ChildProcess {
  let file = cmd;
  let argv = args;
  if (hasSetpriv) {
    const pre = ['--pdeathsig', opts.deathSignal];
    if (opts.runAs) pre.push(`--reuid=${opts.runAs.uid}`, `--regid=${opts.runAs.gid}`, '--clear-groups');
    file = 'setpriv';
    argv = [...pre, '--', cmd, ...args];
  }
  const child = spawn(file, argv, {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, ...opts.env },
    ...(!hasSetpriv && opts.runAs ? { uid: opts.runAs.uid, gid: opts.runAs.gid } : {}),
  });
  child.unref();
  return child;
}

/** Runs a short command to completion; throws with its output on failure. */
export function runTool(cmd: string, args: string[], opts: { runAs?: RunAs; env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): string {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    timeout: opts.timeoutMs ?? 120_000,
    ...(opts.runAs ? { uid: opts.runAs.uid, gid: opts.runAs.gid } : {}),
  });
  if (r.error) throw new Error(`${cmd} failed to run: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}:\n${tail(`${r.stdout}\n${r.stderr}`, 30)}`);
  }
  return r.stdout;
}

export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function logTail(file: string, lines = 25): string {
  try { return tail(readFileSync(file, 'utf8'), lines); } catch { return '(no log written)'; }
}

export async function waitFor(what: string, probe: () => Promise<boolean>, opts: { timeoutMs: number; child: ChildProcess; logFile: string }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let exited: string | undefined;
  opts.child.once('exit', (code, signal) => { exited = `exited with ${signal ?? code}`; });
  for (;;) {
    if (exited) throw new Error(`${what} ${exited} before accepting connections; log tail:\n${logTail(opts.logFile)}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(`${what} did not accept connections within ${opts.timeoutMs / 1000}s; log tail:\n${logTail(opts.logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

export function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Sends `signal`, waits up to `graceMs` for the process to go, then SIGKILLs its whole group. */
export async function killServer(pid: number | undefined, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (!pid || !isAlive(pid)) return;
  try { process.kill(pid, signal); } catch { /* already gone */ }
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  try { process.kill(-pid, 'SIGKILL'); } catch { /* group gone */ }
}

/** Called with each server's pid as soon as it is spawned, so teardown never misses one. */
export type TrackPid = (pid: number) => void;

/**
 * A detached shell that outlives us only to clean up: once our pid is gone it kills the process
 * groups listed in `pidFile` (servers are added as they spawn) and removes the temp dir.
 * Stopped normally by stop().
 */
export function startWatchdog(dir: string, pidFile: string): ChildProcess {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; sleep 2; `
    + `if [ -f ${q(pidFile)} ]; then for p in $(cat ${q(pidFile)}); do kill -KILL -- -$p 2>/dev/null; done; fi; rm -rf ${q(dir)}`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

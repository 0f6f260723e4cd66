// What the replication benches measure besides time: CPU seconds per process kind (this process,
// and the database servers it started, read from /proc: the servers are its descendants) and the
// resident set size of the replication process, sampled while the load runs.
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const TICKS = 100; // USER_HZ on Linux

interface Proc { pid: number; ppid: number; comm: string; ticks: number }

function readProc(pid: number): Proc | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const comm = s.slice(s.indexOf('(') + 1, close);
    const f = s.slice(close + 2).split(' ');
    // fields from state (3rd): ppid is 4th, utime 14th, stime 15th, cutime 16th, cstime 17th
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    return { pid, ppid: Number(f[1]), comm, ticks };
  } catch { return undefined; }
}

/** CPU seconds so far of this process's descendants (with their reaped children), by command name. */
export function cpuByProcess(): Map<string, number> {
  const all = new Map<number, Proc>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const p = readProc(Number(d));
    if (p) all.set(p.pid, p);
  }
  const out = new Map<string, number>();
  const me = process.pid;
  for (const p of all.values()) {
    let q: Proc | undefined = p;
    let mine = false;
    for (let hops = 0; q && hops < 20; hops++) {
      if (q.ppid === me) { mine = true; break; }
      q = all.get(q.ppid);
    }
    if (!mine) continue;
    const name = p.comm.startsWith('postgres') ? 'postgres' : p.comm.startsWith('mariadb') || p.comm.startsWith('mysqld') ? 'mariadbd' : p.comm;
    out.set(name, (out.get(name) ?? 0) + p.ticks / TICKS);
  }
  const u = process.cpuUsage();
  out.set('node (bench)', (u.user + u.system) / 1e6);
  return out;
}

export function cpuDelta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of after) out.set(k, v - (before.get(k) ?? 0));
  return out;
}

export function formatCpu(d: Map<string, number>, wallSeconds: number): string {
  return [...d].filter(([, v]) => v > 0.05).sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(1)} s (${Math.round((v / wallSeconds) * 100)}% of a core)`).join(', ');
}

/** Current RSS of process `pid` in MB (0 once it has exited). */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch { return 0; }
}

/** Samples the RSS of process `pid` every 50 ms until stopped; the peak in MB. */
export function rssSampler(pid: number): { stop(): number } {
  let peak = rssOf(pid);
  const timer = setInterval(() => { peak = Math.max(peak, rssOf(pid)); }, 50);
  timer.unref();
  return { stop: () => { clearInterval(timer); return peak; } };
}

export function loadText(): string {
  return `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
}

/** Extra node options for the replication process (DBSHIFT_BENCH_NODE_ARGS, e.g. "--cpu-prof"). */
export function childArgs(): string[] {
  return (process.env.DBSHIFT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

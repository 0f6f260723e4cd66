// A full load must never stall silently: every running segment records what it is doing and when it
// last moved (a chunk handed to COPY, a stage reached). A segment still for `stallMs` is logged with
// its stage, which side it waits on and what the servers say about its sessions (PostgreSQL:
// state, wait event, blocking sessions; MariaDB/MySQL: command and state), then again every
// `stallMs` while it stays still.
import type pg from 'pg';
import type mysql from 'mysql2';
import { closeMysql, mysqlQuery, openMysql, openPg, type Endpoint } from './endpoints.js';

export interface SegmentActivity {
  label: string;
  /** What the segment waits for now, in words ("waiting for rows from the source", …). */
  stage: string;
  /** performance.now() of the last progress. */
  last: number;
  rows: number;
  /** COPY pushed back: the source is paused until the target takes more. */
  waitingForTarget: boolean;
  pgPid?: number;
  myThread?: number;
  reported?: number;
}

/** DBSHIFT_STALL_SECONDS: seconds without progress before a segment is logged (default 120). */
export function stallMsFromEnv(): number {
  const s = Number(process.env.DBSHIFT_STALL_SECONDS);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 120_000;
}

export function touch(a: SegmentActivity | undefined, stage?: string): void {
  if (!a) return;
  a.last = performance.now();
  if (stage) a.stage = stage;
}

/** What the servers report about a stalled segment's sessions; each probe has its own deadline. */
export type StallProbe = (a: SegmentActivity) => Promise<string>;

const PROBE_MS = 15_000;

function withDeadline<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_MS / 1000} s`)), PROBE_MS); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

async function pgSession(target: Endpoint, pid: number): Promise<string> {
  let c: pg.Client | undefined;
  try {
    c = await withDeadline(openPg(target, 'dbshift-stall-probe'), 'the target');
    const r = await withDeadline(c.query(`SELECT a.state, a.wait_event_type, a.wait_event, now() - a.query_start AS running, left(a.query, 120) AS query,
        (SELECT string_agg(format('pid %s (%s, %s: %s)', b.pid, b.application_name, b.state, left(b.query, 120)), '; ')
           FROM pg_stat_activity b WHERE b.pid = ANY (pg_blocking_pids(a.pid))) AS blockers
      FROM pg_stat_activity a WHERE a.pid = $1`, [pid]), 'the target');
    const s = r.rows[0] as { state: string | null; wait_event_type: string | null; wait_event: string | null; running: unknown; query: string | null; blockers: string | null } | undefined;
    if (!s) return `target session ${pid}: gone`;
    const wait = s.wait_event ? `waiting on ${s.wait_event_type}/${s.wait_event}` : 'not waiting';
    return `target session ${pid}: ${s.state ?? '?'}, ${wait}, query "${s.query ?? ''}"${s.blockers ? `, blocked by ${s.blockers}` : ''}`;
  } catch (e) {
    return `target session ${pid}: ${e instanceof Error ? e.message : String(e)}`;
  } finally { await c?.end().catch(() => undefined); }
}

async function mySession(source: Endpoint, id: number): Promise<string> {
  let c: mysql.Connection | undefined;
  try {
    c = openMysql(source);
    const rows = await withDeadline(mysqlQuery<{ c: string; s: string | null; t: number; i: string | null }>(c,
      'SELECT COMMAND AS c, STATE AS s, TIME AS t, LEFT(INFO, 120) AS i FROM information_schema.PROCESSLIST WHERE ID = ?', [id]), 'the source');
    const r = rows[0];
    if (!r) return `source session ${id}: gone`;
    return `source session ${id}: ${r.c}${r.s ? `, state "${r.s}"` : ''} for ${r.t} s${r.i ? `, query "${r.i}"` : ''}`;
  } catch (e) {
    return `source session ${id}: ${e instanceof Error ? e.message : String(e)}`;
  } finally { if (c) await closeMysql(c).catch(() => c!.destroy()); }
}

/** The probe of a MySQL/MariaDB → PostgreSQL full load. */
export function serverProbe(source: Endpoint, target: Endpoint): StallProbe {
  return async (a) => {
    const parts = await Promise.all([
      a.pgPid !== undefined ? pgSession(target, a.pgPid) : Promise.resolve(''),
      a.myThread !== undefined ? mySession(source, a.myThread) : Promise.resolve(''),
    ]);
    return parts.filter(Boolean).join('; ');
  };
}

export class LoadWatch {
  private readonly active = new Set<SegmentActivity>();
  private timer: NodeJS.Timeout | undefined;

  /** `timerMs`: how often check() runs on its own; 0 = never (the caller calls check(), as tests do). */
  constructor(private readonly log: (m: string) => void, private readonly stallMs: number, private readonly probe?: StallProbe,
    private readonly timerMs = Math.max(50, Math.min(10_000, stallMs / 4))) {}

  begin(label: string, stage: string): SegmentActivity {
    const a: SegmentActivity = { label, stage, last: performance.now(), rows: 0, waitingForTarget: false };
    this.active.add(a);
    if (!this.timer && this.timerMs > 0) {
      this.timer = setInterval(() => this.check(), this.timerMs);
      this.timer.unref();
    }
    return a;
  }

  end(a: SegmentActivity): void {
    this.active.delete(a);
    if (this.active.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Logs every segment still for stallMs (again every stallMs while it stays still). */
  check(now = performance.now()): void {
    for (const a of this.active) {
      const since = Math.max(a.last, a.reported ?? 0);
      if (now - since < this.stallMs) continue;
      a.reported = now;
      const secs = Math.round((now - a.last) / 1000);
      const stage = a.waitingForTarget ? 'waiting for the target to take COPY data (the source is paused)' : a.stage;
      const head = `full load: ${a.label} made no progress for ${secs} s (${a.rows} rows so far): ${stage}`;
      if (!this.probe) { this.log(head); continue; }
      void this.probe(a).then((detail) => this.log(detail ? `${head}: ${detail}` : head), () => this.log(head));
    }
  }
}

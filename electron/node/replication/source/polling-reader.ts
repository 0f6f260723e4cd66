// The binlog reader's interface (next / take / stop / error, transactions in commit order each
// with the position a restart resumes from) for sources read by polling: SQL Server change tables
// and Oracle LogMiner. `poll` returns the next transactions, or none when the source is idle.
import type { RowChange } from '../cdc/binlog.js';

export type PolledEvent<P> =
  | { kind: 'txn'; changes: RowChange[]; position: P; timestamp: number }
  | { kind: 'ddl'; schema: string; sql: string; position: P; timestamp: number };

export interface ChangeReader<P> {
  next(): Promise<PolledEvent<P> | undefined>;
  take(): PolledEvent<P> | undefined;
  stop(): Promise<void>;
  readonly error: Error | undefined;
}

export interface PollingOptions {
  /** Wait between polls that found nothing. */
  idleMs: number;
  /** Polls stop while this many events wait to be taken. */
  maxQueued?: number;
}

export function pollingReader<P>(poll: () => Promise<PolledEvent<P>[]>, o: PollingOptions): ChangeReader<P> {
  const queue: PolledEvent<P>[] = [];
  const maxQueued = o.maxQueued ?? 20_000;
  let waiter: ((e: PolledEvent<P> | undefined) => void) | undefined;
  let stopped = false;
  let error: Error | undefined;
  let wake: (() => void) | undefined;
  const sleep = (ms: number): Promise<void> => new Promise((r) => { const t = setTimeout(r, ms); wake = () => { clearTimeout(t); r(); }; });
  const release = (e: PolledEvent<P> | undefined): void => { if (waiter) { const w = waiter; waiter = undefined; w(e); } };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      if (queue.length >= maxQueued) { await sleep(50); continue; }
      let events: PolledEvent<P>[];
      try { events = await poll(); } catch (e) {
        error = e instanceof Error ? e : new Error(String(e));
        stopped = true;
        release(undefined);
        return;
      }
      if (stopped) return;
      for (const e of events) { if (waiter) release(e); else queue.push(e); }
      if (events.length === 0) await sleep(o.idleMs);
    }
  };
  const running = loop();

  return {
    get error() { return error; },
    take: () => queue.shift(),
    next() {
      const e = queue.shift();
      if (e || stopped) return Promise.resolve(e);
      return new Promise((resolve) => { waiter = resolve; });
    },
    async stop() {
      stopped = true;
      wake?.();
      release(undefined);
      // A poll in flight ends with its query; a connection that hangs must not hold the stop up.
      let t: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([running, new Promise((r) => { t = setTimeout(r, 5000); })]);
      clearTimeout(t);
    },
  };
}

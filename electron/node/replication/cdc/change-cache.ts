// Changes during the full load, as DMS handles them: the binlog is read from the load's start
// position while tables load; a change to a table not loaded yet is cached, a change to a loaded
// table is applied at once, and when a table's load completes its cached changes are applied right
// then (before the table counts as loaded). Every apply goes through one FIFO queue, so a table's
// changes reach the target in binlog order whichever path they take. A crash in this phase reloads
// (the control row still says full-load), so no position is written here; once every table is in,
// the transactional apply continues from `position` with the same reader.
import type mysql from 'mysql2';
import type pg from 'pg';
import type { RuntimeTable } from '../runtime.js';
import type { BinlogPosition } from '../source/mysql.js';
import { applyChanges, type ApplyContext } from './apply.js';
import { applyDdl, type DdlContext } from './ddl-apply.js';
import { parseDdl } from './ddl.js';
import { segmentSnapshot } from './snapshot-position.js';
import { comparePositions } from './binlog.js';
import { changeKey, inLoadedSnapshot, type LoadedSnapshots } from './loaded-snapshots.js';
import type { BinlogReader, RowChange, SourceEvent } from './binlog.js';

type Ddl = Extract<SourceEvent, { kind: 'ddl' }>;
type Cached = { change: RowChange; at: BinlogPosition } | { ddl: Ddl };

/** Cached changes beyond this wait for a table to finish loading before more of the binlog is read. */
const MAX_CACHED = 500_000;

export class ChangeCache {
  private readonly loaded = new Set<string>();
  private readonly cached = new Map<string, Cached[]>();
  private readonly snapshots = new Map<string, BinlogPosition | 'unknown'>();
  private total = 0;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private pumping: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private failure: unknown;
  /** The position after the last event fully handed over (applied or cached). */
  position: BinlogPosition;

  constructor(private readonly reader: BinlogReader, private readonly client: pg.Client, private readonly task: string,
    private readonly tables: Map<string, RuntimeTable>, private readonly log: (m: string) => void,
    private readonly policy: DdlContext['policy'], start: BinlogPosition, private readonly noKeyChanges: 'row-match' | 'skip' = 'row-match') {
    this.position = start;
  }

  start(): void { this.pumping = this.pump(); }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const p = this.queue.then(work);
    this.queue = p.catch((e: unknown) => { this.failure ??= e; });
    return p;
  }

  private async pump(): Promise<void> {
    while (!this.stopped) {
      if (this.total > MAX_CACHED) { await new Promise<void>((r) => { this.wake = r; }); continue; }
      // take(), not next(): a pending next() could swallow an event after finish().
      const ev = this.reader.take();
      if (!ev) {
        if (this.reader.error) throw this.reader.error;
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      if (ev.kind === 'ddl') {
        const keys = [...new Set(parseDdl(ev.sql, ev.schema).map((a) => `${a.schema}.${a.table}`))].filter((k) => this.tables.has(k));
        const pendingKeys = keys.filter((k) => !this.loaded.has(k));
        if (pendingKeys.length) for (const k of pendingKeys) this.push(k, { ddl: ev });
        else await this.enqueue(() => applyDdl(this.ddlContext(), ev, 'full-load'));
      } else {
        const live: RowChange[] = [];
        for (const c of ev.changes) {
          const k = changeKey(c);
          if (!this.loaded.has(k)) this.push(k, { change: c, at: ev.position });
          // Loaded while the reader was still behind its snapshot: the change is in its rows already.
          else if (!inLoadedSnapshot(this.loadedSnapshots(), k, ev.position)) live.push(c);
        }
        if (live.length) await this.enqueue(async () => { await applyChanges(this.applyContext(), live, 'full-load'); });
      }
      this.position = ev.position;
      if (this.failure) throw this.failure;
    }
  }

  private push(key: string, c: Cached): void {
    let list = this.cached.get(key);
    if (!list) { list = []; this.cached.set(key, list); }
    list.push(c);
    this.total++;
  }

  private applyContext(): ApplyContext {
    return { client: this.client, task: this.task, tables: this.tables, log: this.log, noKeyChanges: this.noKeyChanges };
  }

  private ddlContext(): DdlContext { return { ...this.applyContext(), policy: this.policy }; }

  /**
   * A segment of `t` reads a consistent snapshot at `my`: changes at or before the earliest such
   * position of the table are in its loaded rows and are not applied again — which makes the
   * cached changes exact even for a table without a key (replaying them would duplicate its rows).
   */
  async segmentSnapshot(t: RuntimeTable, my: mysql.Connection): Promise<void> {
    const pos = await segmentSnapshot(my);
    const seen = this.snapshots.get(t.key);
    this.snapshotsCache = undefined;
    if (!pos || (seen && seen !== 'unknown' && comparePositions(seen, pos) <= 0)) { if (!pos) this.snapshots.set(t.key, 'unknown'); return; }
    if (seen !== 'unknown') this.snapshots.set(t.key, pos);
  }

  private snapshotsCache: LoadedSnapshots | undefined;

  /** The snapshot position each table's load read (tables whose source reported one). */
  loadedSnapshots(): LoadedSnapshots {
    if (!this.snapshotsCache) {
      const out: LoadedSnapshots = {};
      for (const [k, v] of this.snapshots) if (v !== 'unknown') out[k] = v;
      this.snapshotsCache = out;
    }
    return this.snapshotsCache;
  }

  /** The table's load is complete: its cached changes go in now, then its changes apply as they come. */
  async tableLoaded(t: RuntimeTable): Promise<void> {
    const list = this.cached.get(t.key) ?? [];
    this.cached.delete(t.key);
    this.loaded.add(t.key);
    this.total -= list.length;
    this.wake?.(); this.wake = undefined;
    const snap = this.snapshots.get(t.key);
    const inSnapshot = (c: Cached): boolean => 'at' in c && snap !== undefined && snap !== 'unknown' && comparePositions(c.at, snap) <= 0;
    const skipped = list.filter(inSnapshot).length;
    if (t.target.key.length === 0 && snap === 'unknown' && list.length) {
      this.log(`action item REPL0004 (high): ${t.label} has no key and the source reports no snapshot position (not MariaDB): ${list.length} change(s) made during its load are replayed over rows that may already contain them — compare the table after the load (replicate validate counts rows) or reload it while it is not written to`);
    }
    await this.enqueue(async () => {
      let n = 0;
      for (let i = 0; i < list.length;) {
        const item = list[i]!;
        if (inSnapshot(item)) { i++; continue; }
        if ('ddl' in item) { await applyDdl(this.ddlContext(), item.ddl, 'cached-changes'); i++; continue; }
        const run: RowChange[] = [];
        while (i < list.length && 'change' in list[i]! && !inSnapshot(list[i]!) && run.length < 5000) run.push((list[i++] as { change: RowChange }).change);
        n += await applyChanges(this.applyContext(), run, 'cached-changes');
      }
      this.log(`cached changes: ${t.label}: ${n} change(s) applied after its load${skipped ? ` (${skipped} already in its snapshot)` : ''}`);
    });
  }

  /** Stops reading (the reader stays open for the transactional apply) once the current event is handed over. */
  async finish(): Promise<BinlogPosition> {
    this.stopped = true;
    this.wake?.();
    await this.pumping;
    await this.queue;
    if (this.failure) throw this.failure;
    return this.position;
  }
}

// MariaDB/MySQL binlog reader (zongji): row events grouped into source transactions, each with
// the position right after its commit — the point a restart resumes from.
import ZongJi from '@vlasky/zongji';
import { mysqlOptions, type Endpoint } from '../endpoints.js';
import type { BinlogPosition } from '../source/mysql.js';

export type RowChange =
  | { op: 'insert'; schema: string; table: string; after: Record<string, unknown> }
  | { op: 'update'; schema: string; table: string; before: Record<string, unknown>; after: Record<string, unknown> }
  | { op: 'delete'; schema: string; table: string; before: Record<string, unknown> };

export type SourceEvent =
  | { kind: 'txn'; changes: RowChange[]; position: BinlogPosition; timestamp: number }
  | { kind: 'ddl'; schema: string; sql: string; position: BinlogPosition; timestamp: number };

export interface BinlogReader {
  /** Waits for the next event (undefined once stopped). */
  next(): Promise<SourceEvent | undefined>;
  /** Events waiting, for batching without waiting. */
  take(): SourceEvent | undefined;
  stop(): Promise<void>;
  readonly error: Error | undefined;
}

const MAX_QUEUED = 20_000;

interface ZEvent {
  getTypeName(): string;
  timestamp: number;
  tableId?: number;
  tableMap?: Record<number, { parentSchema: string; tableName: string }>;
  rows?: unknown[];
  query?: string;
  schema?: string;
}

export function startBinlogReader(source: Endpoint, from: BinlogPosition, wanted: (schema: string, table: string) => boolean, serverId: number): BinlogReader {
  const z = new ZongJi(mysqlOptions(source)) as unknown as {
    on(ev: string, f: (x: never) => void): void; start(o: object): void; stop(): void;
    get(n: string): unknown; connection?: { pause(): void; resume(): void };
  };
  const queue: SourceEvent[] = [];
  let waiter: ((e: SourceEvent | undefined) => void) | undefined;
  let stopped = false;
  let paused = false;
  let error: Error | undefined;
  let current: RowChange[] = [];
  const pos = (): BinlogPosition => ({ file: String(z.get('filename')), pos: Number(z.get('position')) });
  const push = (e: SourceEvent): void => {
    if (waiter) { const w = waiter; waiter = undefined; w(e); return; }
    queue.push(e);
    if (queue.length > MAX_QUEUED && !paused && z.connection) { paused = true; z.connection.pause(); }
  };
  z.on('binlog', ((e: ZEvent) => {
    // After an error (a table's metadata could not be read, say) zongji goes on and skips that
    // table's rows: nothing after it may be applied, or a later position would be committed over
    // the lost rows.
    if (error) return;
    const type = e.getTypeName();
    if (type === 'WriteRows' || type === 'UpdateRows' || type === 'DeleteRows') {
      const tm = e.tableMap?.[e.tableId ?? -1];
      if (!tm || !wanted(tm.parentSchema, tm.tableName)) return;
      const base = { schema: tm.parentSchema, table: tm.tableName };
      for (const r of e.rows ?? []) {
        if (type === 'WriteRows') current.push({ op: 'insert', ...base, after: r as Record<string, unknown> });
        else if (type === 'DeleteRows') current.push({ op: 'delete', ...base, before: r as Record<string, unknown> });
        else { const u = r as { before: Record<string, unknown>; after: Record<string, unknown> }; current.push({ op: 'update', ...base, before: u.before, after: u.after }); }
      }
    } else if (type === 'Xid') {
      push({ kind: 'txn', changes: current, position: pos(), timestamp: e.timestamp });
      current = [];
    } else if (type === 'Query') {
      const q = (e.query ?? '').trim();
      if (/^BEGIN\b/i.test(q)) { current = []; return; }
      if (/^COMMIT\b/i.test(q)) { push({ kind: 'txn', changes: current, position: pos(), timestamp: e.timestamp }); current = []; return; }
      if (/^(ROLLBACK|SAVEPOINT|XA )/i.test(q)) return;
      push({ kind: 'ddl', schema: e.schema ?? '', sql: q, position: pos(), timestamp: e.timestamp });
    }
  }) as never);
  z.on('error', ((e: Error) => {
    error ??= e;
    stopped = true;
    current = [];
    try { z.stop(); } catch { /* already closed */ }
    if (waiter) { const w = waiter; waiter = undefined; w(undefined); }
  }) as never);
  z.start({
    serverId, filename: from.file, position: from.pos,
    includeEvents: ['rotate', 'tablemap', 'writerows', 'updaterows', 'deleterows', 'query', 'xid', 'mariadbgtid'],
  });
  return {
    get error() { return error; },
    take() {
      const e = queue.shift();
      if (paused && queue.length < MAX_QUEUED / 2 && z.connection) { paused = false; z.connection.resume(); }
      return e;
    },
    next() {
      const e = this.take();
      if (e || stopped) return Promise.resolve(e);
      return new Promise((resolve) => { waiter = resolve; });
    },
    async stop() {
      stopped = true;
      try { z.stop(); } catch { /* already closed */ }
      if (waiter) { const w = waiter; waiter = undefined; w(undefined); }
    },
  };
}

export function comparePositions(a: BinlogPosition, b: BinlogPosition): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.pos - b.pos;
}

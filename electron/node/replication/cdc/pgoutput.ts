// PostgreSQL logical decoding reader (pgoutput through pg-logical-replication): changes grouped
// into source transactions, each with its commit's end LSN — the point a restart resumes from.
// The slot's confirmed position moves only when `confirm` is called, i.e. after the target
// committed the changes and that LSN; the library's own automatic acknowledgement is off.
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import type { Endpoint } from '../endpoints.js';
import { pgClientConfig, type LsnPosition } from '../source/postgres.js';

type Row = Record<string, unknown>;

export type PgChange =
  | { op: 'insert'; schema: string; table: string; after: Row }
  | { op: 'update'; schema: string; table: string; before?: Row; after: Row }
  | { op: 'delete'; schema: string; table: string; before: Row }
  | { op: 'truncate'; schema: string; table: string };

export interface RelationColumn { name: string; typeOid: number; typeMod: number }

export type PgEvent =
  | { kind: 'txn'; changes: PgChange[]; position: LsnPosition; timestamp: number }
  /** A table's columns as a Relation message describes them (sent before its first change after a DDL). */
  | { kind: 'relation'; schema: string; table: string; columns: RelationColumn[] };

export interface PgReader {
  next(): Promise<PgEvent | undefined>;
  take(): PgEvent | undefined;
  /** The target has committed everything up to `lsn`: the slot may let go of it. */
  confirm(lsn: string): void;
  /** Asks the server for a keepalive; its WAL end shows up in `walEnd`. */
  ping(): void;
  /** The server's WAL end as of its last keepalive. */
  readonly walEnd: string | undefined;
  /** Between a transaction's BEGIN and COMMIT. */
  readonly inTransaction: boolean;
  stop(): Promise<void>;
  readonly error: Error | undefined;
}

const MAX_QUEUED = 20_000;

export function startPgReader(source: Endpoint, slot: string, publication: string, from: string): PgReader {
  const service = new LogicalReplicationService(pgClientConfig(source, 'dbshift-cdc'), {
    acknowledge: { auto: false, timeoutSeconds: 0 },
    flowControl: { enabled: true },
  });
  const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [publication] });
  // Values stay the server's text (the relation's columns would otherwise parse them into JS types).
  const parse = plugin.parse.bind(plugin);
  plugin.parse = (buf: Buffer): Pgoutput.Message => {
    const m = parse(buf);
    if (m.tag === 'relation') for (const c of m.columns) c.parser = (x: unknown) => x;
    return m;
  };
  const queue: PgEvent[] = [];
  const drained: (() => void)[] = [];
  let waiter: ((e: PgEvent | undefined) => void) | undefined;
  let stopped = false;
  let error: Error | undefined;
  let current: PgChange[] = [];
  let confirmed = from;
  let walEnd: string | undefined;
  let inTxn = false;
  const push = (e: PgEvent): void => {
    if (waiter) { const w = waiter; waiter = undefined; w(e); return; }
    queue.push(e);
  };
  const fail = (e: unknown): void => {
    error ??= e instanceof Error ? e : new Error(String(e));
    stopped = true;
    if (waiter) { const w = waiter; waiter = undefined; w(undefined); }
    for (const d of drained.splice(0)) d();
  };
  service.on('data', async (_lsn: string, m: Pgoutput.Message) => {
    if (stopped) return;
    switch (m.tag) {
      case 'begin': current = []; inTxn = true; break;
      case 'relation':
        push({ kind: 'relation', schema: m.schema, table: m.name, columns: m.columns.map((c) => ({ name: c.name, typeOid: c.typeOid, typeMod: c.typeMod })) });
        break;
      case 'insert': current.push({ op: 'insert', schema: m.relation.schema, table: m.relation.name, after: m.new }); break;
      case 'update': {
        const before = m.old ?? m.key ?? undefined;
        current.push({ op: 'update', schema: m.relation.schema, table: m.relation.name, ...(before ? { before } : {}), after: m.new });
        break;
      }
      case 'delete': current.push({ op: 'delete', schema: m.relation.schema, table: m.relation.name, before: (m.old ?? m.key ?? {}) as Row }); break;
      case 'truncate': for (const r of m.relations) current.push({ op: 'truncate', schema: r.schema, table: r.name }); break;
      case 'commit':
        push({ kind: 'txn', changes: current, position: { lsn: m.commitEndLsn ?? _lsn }, timestamp: Number(BigInt(m.commitTime as bigint) / 1000n) });
        current = [];
        inTxn = false;
        break;
      default: break;
    }
    // Backpressure: the stream stays paused (flow control) while this handler waits.
    if (queue.length > MAX_QUEUED) await new Promise<void>((r) => drained.push(r));
  });
  service.on('heartbeat', (lsn: string, _ts: number, shouldRespond: boolean) => {
    walEnd = lsn;
    if (shouldRespond) void service.acknowledge(confirmed).catch(() => undefined);
  });
  service.on('error', (e: Error) => fail(e));
  service.subscribe(plugin, slot, from).catch((e: unknown) => { if (!stopped) fail(e); });
  return {
    get error() { return error; },
    get walEnd() { return walEnd; },
    get inTransaction() { return inTxn; },
    ping() { void service.acknowledge(confirmed, true).catch(() => undefined); },
    take() {
      const e = queue.shift();
      if (queue.length < MAX_QUEUED / 2 && drained.length) for (const d of drained.splice(0)) d();
      return e;
    },
    next() {
      const e = this.take();
      if (e || stopped) return Promise.resolve(e);
      return new Promise((resolve) => { waiter = resolve; });
    },
    confirm(lsn: string) {
      confirmed = lsn;
      void service.acknowledge(lsn).catch(() => undefined);
    },
    async stop() {
      stopped = true;
      if (waiter) { const w = waiter; waiter = undefined; w(undefined); }
      for (const d of drained.splice(0)) d();
      await service.stop().catch(() => undefined);
    },
  };
}

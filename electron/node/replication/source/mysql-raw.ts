// Row packets of a text-protocol query handed over undecoded: the full load turns the bytes into
// COPY text itself, without one JS string per cell and one array per row (most of the time mysql2
// spends on a big SELECT). A Query subclass keeps mysql2's handshake, framing, error packets and
// pause/resume; only its row state is replaced.
import mysql from 'mysql2';

/** Column metadata as the server sent it (mysql2's ColumnDefinition fields we use). */
export interface RawField { name: string; columnType: number; characterSet: number; flags: number; extendedFormat?: string }

export interface RawRowSink {
  fields(f: RawField[]): void;
  /** One row: the payload is buf[start, end), valid only during the call. */
  row(buf: Buffer, start: number, end: number): void;
}

interface PacketLike { buffer: Buffer; offset: number; end: number; isEOF(): boolean }
interface QueryLike { row(p: PacketLike, c: unknown): unknown; done(): unknown; on(ev: string, f: (...a: never[]) => void): void }
type QueryCtor = new (options: { sql: string }, cb: (err: Error | null) => void) => QueryLike;

let rawQueryClass: QueryCtor | undefined;

function rawQuery(): QueryCtor {
  if (rawQueryClass) return rawQueryClass;
  const probe = (mysql as unknown as { createQuery(sql: string, values: undefined, cb: () => void, config: object): object }).createQuery('', undefined, () => undefined, {});
  const Query = probe.constructor as QueryCtor;
  class RawQuery extends Query {
    sink: RawRowSink | undefined;
    failure: unknown;
    onFailure: ((e: unknown) => void) | undefined;
    // Called by mysql2's fieldsEOF state through `this.row`, then by itself for every packet.
    override row(p: PacketLike): unknown {
      if (p.isEOF()) return this.done();
      if (this.failure === undefined) {
        try { this.sink!.row(p.buffer, p.offset, p.end); } catch (e) { this.failure = e; this.onFailure?.(e); }
      }
      return this.row;
    }
  }
  rawQueryClass = RawQuery as unknown as QueryCtor;
  return rawQueryClass;
}

export interface RawStream {
  /** Resolves when the last row was handed over; rejects with a server or sink error. */
  done: Promise<void>;
  pause(): void;
  resume(): void;
}

/**
 * Runs `sql` (? placeholders bound to `values` by mysql2's escaping) and feeds each row to `sink`.
 * A sink that throws stops the handover and `done` rejects with that error at once; the rest of
 * the result is read and dropped (destroy the connection to cut it short).
 */
export function streamRawRows(c: mysql.Connection, sql: string, values: unknown[], sink: RawRowSink): RawStream {
  const Q = rawQuery();
  let settled = false;
  let settle!: (e: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    settle = (e) => { if (settled) return; settled = true; if (e === undefined || e === null) resolve(); else reject(e); };
  });
  const q = new Q({ sql: c.format(sql, values) }, (err) => settle((q as unknown as { failure: unknown }).failure ?? err));
  const state = q as unknown as { sink: RawRowSink; failure: unknown; onFailure: (e: unknown) => void };
  state.sink = sink;
  state.onFailure = settle;
  q.on('fields', ((f: RawField[]) => {
    try { sink.fields(f); } catch (e) { state.failure = e; settle(e); }
  }) as never);
  const conn = c as unknown as { addCommand(cmd: unknown): void; pause(): void; resume(): void };
  conn.addCommand(q);
  return { done, pause: () => conn.pause(), resume: () => conn.resume() };
}

/** The column metadata `sql` would return, without its rows (the SELECT with LIMIT 0). */
export function resultFields(c: mysql.Connection, sql: string, values: unknown[]): Promise<RawField[]> {
  return new Promise((resolve, reject) => {
    c.query(`${sql} LIMIT 0`, values, (err, _rows, fields) => (err ? reject(err) : resolve((fields ?? []) as unknown as RawField[])));
  });
}

// Full load: tables (or key-range segments: from a table-settings rule, or automatic for big tables
// with an integer key) stream from the source into COPY FROM STDIN on the target,
// MaxFullLoadSubTasks at a time. Rows are never held: the source connection pauses whenever the
// COPY stream pushes back. Row packets are encoded for COPY BINARY (copy-binary.ts) when every
// column has an exact binary encoding, else for COPY text byte to byte (copy-text.ts); tables whose
// values need mysql2's own decoding (geometry, add-column expressions) take the generic path.
import type mysql from 'mysql2';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { closeMysql, mysqlQuery, openMysql, openPg, qi, qmy, type Endpoint } from './endpoints.js';
import type { RuntimeTable } from './runtime.js';
import { describeSource, selectSql, type SourceTableInfo } from './source/mysql.js';
import { resultFields, streamRawRows } from './source/mysql-raw.js';
import { qualified } from './target/postgres.js';
import { tableSettingsFor, type TableMappings } from './task/index.js';
import { copyEscape, ValueError, type ConvertStats } from './values.js';
import { CopyTextEncoder, planCopy, rowTexts, type CopyPlan } from './copy-text.js';
import { CopyBinaryEncoder, planBinary, type BinaryPlan } from './copy-binary.js';
import { LoadWatch, serverProbe, stallMsFromEnv, touch, type SegmentActivity } from './fullload-watch.js';

export interface Segment { table: RuntimeTable; where?: string; params: unknown[]; label: string }

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint']);
const DECIMAL_TYPES = new Set(['decimal', 'numeric']);

/**
 * One boundary value as SQL: integer and decimal key columns get a checked literal (a quoted
 * parameter would make MySQL compare the column with a string as doubles, which cannot tell keys
 * above 2^53 apart: a range could miss or repeat rows); other types a ? parameter.
 */
function boundarySql(v: unknown, column: string, dataType: string | undefined, where: string, params: unknown[]): string {
  const t = dataType?.toLowerCase() ?? '';
  const integer = INTEGER_TYPES.has(t);
  if (!integer && !DECIMAL_TYPES.has(t)) { params.push(v); return '?'; }
  const pattern = integer ? /^[+-]?\d+$/ : /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
  if (typeof v === 'number' && !(integer ? Number.isSafeInteger(v) : Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER)) {
    throw new Error(`${where}: ${v} for ${column} (${t}) is a JSON number beyond 2^53, which JSON readers round: write it as a string ("…")`);
  }
  const text = String(v).trim();
  if (!pattern.test(text) || (typeof v === 'number' && /e/i.test(String(v)))) throw new Error(`${where}: ${JSON.stringify(v)} is not ${integer ? 'an integer' : 'a decimal number'}, as ${column} (${t}) needs`);
  return text;
}

function rangeSegments(table: RuntimeTable, columns: string[], boundaries: unknown[][], info?: SourceTableInfo): Segment[] {
  const cols = `(${columns.map(qmy).join(', ')})`;
  const typeOf = (c: string): string | undefined => info?.columns.find((x) => x.name === c)?.dataType;
  // Each boundary's tuple SQL and its parameters, typed by the key columns.
  const tuples = boundaries.map((b, i) => {
    const params: unknown[] = [];
    const sql = `(${b.map((v, k) => boundarySql(v, columns[k]!, typeOf(columns[k]!), `${table.key}: table-settings parallel-load boundary ${i + 1}`, params)).join(', ')})`;
    return { sql, params };
  });
  const out: Segment[] = [];
  tuples.forEach((b, i) => {
    const prev = tuples[i - 1];
    out.push(prev
      ? { table, where: `${cols} > ${prev.sql} AND ${cols} <= ${b.sql}`, params: [...prev.params, ...b.params], label: `${table.key} segment ${i + 1}` }
      : { table, where: `${cols} <= ${b.sql}`, params: [...b.params], label: `${table.key} segment 1` });
  });
  const last = tuples[tuples.length - 1]!;
  out.push({ table, where: `${cols} > ${last.sql}`, params: [...last.params], label: `${table.key} segment ${tuples.length + 1}` });
  return out;
}

/** DMS ranges: boundaries b1..bk give (cols) <= b1, b1 < (cols) <= b2, …, (cols) > bk. `info` types the bounds. */
export function segmentsFor(table: RuntimeTable, m: TableMappings, info?: SourceTableInfo): Segment[] {
  const rule = tableSettingsFor(m, table.plan.source);
  const pl = rule?.['parallel-load'];
  if (!pl || pl.type !== 'ranges' || !pl.columns || !pl.boundaries) return [{ table, params: [], label: table.key }];
  return rangeSegments(table, pl.columns, pl.boundaries, info);
}

/** Rows per automatic segment, and at most this many segments per table. */
export const AUTO_SEGMENT_ROWS = 250_000;
const AUTO_MAX_SEGMENTS = 4;

/**
 * Key ranges for a table without a parallel-load rule: with a one-column integer key and more
 * than AUTO_SEGMENT_ROWS rows (the server's estimate), min..max of the key cut into equal ranges
 * (ranges are cut by value, so a sparse key gives uneven but still correct segments).
 */
export async function autoSegments(table: RuntimeTable, info: SourceTableInfo, my: mysql.Connection, maxSegments: number): Promise<Segment[] | undefined> {
  if (info.key.length !== 1 || maxSegments < 2) return undefined;
  const key = info.key[0]!;
  const keyCol = info.columns.find((c) => c.name === key);
  if (!keyCol || !INTEGER_TYPES.has(keyCol.dataType.toLowerCase())) return undefined;
  const [est] = await mysqlQuery<{ n: string | number | null }>(my, 'SELECT TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [info.schema, info.table]);
  const rows = Number(est?.n ?? 0);
  const n = Math.min(maxSegments, AUTO_MAX_SEGMENTS, Math.ceil(rows / AUTO_SEGMENT_ROWS));
  if (n < 2) return undefined;
  const [mm] = await mysqlQuery<{ lo: string | null; hi: string | null }>(my, `SELECT CAST(MIN(${qmy(key)}) AS CHAR) AS lo, CAST(MAX(${qmy(key)}) AS CHAR) AS hi FROM ${qmy(info.schema)}.${qmy(info.table)}`);
  if (mm?.lo === null || mm?.lo === undefined || mm.hi === null) return undefined;
  const lo = BigInt(mm.lo); const hi = BigInt(mm.hi);
  const span = hi - lo;
  if (span < BigInt(n)) return undefined;
  // Integer literals in the SQL, not ? parameters: mysql2 would quote them, and MySQL compares an
  // integer column with a string as doubles, which cannot tell keys above 2^53 apart.
  const bounds: string[] = [];
  for (let i = 1; i < n; i++) bounds.push(String(lo + (span * BigInt(i)) / BigInt(n)));
  const col = qmy(key);
  return [...bounds, undefined].map((b, i) => {
    const prev = bounds[i - 1];
    const where = [prev !== undefined ? `${col} > ${prev}` : '', b !== undefined ? `${col} <= ${b}` : ''].filter(Boolean).join(' AND ');
    return { table, where, params: [], label: `${table.key} segment ${i + 1}` };
  });
}

const FLUSH_BYTES = 256 * 1024;

interface SegmentIo {
  info: SourceTableInfo;
  copy: ReturnType<typeof copyFrom>;
  signal?: AbortSignal;
  onProgress?: (rows: number) => void;
  stats: ConvertStats;
  activity?: SegmentActivity;
}

function keyText(t: RuntimeTable, info: SourceTableInfo, cols: string[], vals: readonly unknown[], rowNo: number): string {
  const text = info.key.map((k) => `${k}=${String(vals[cols.indexOf(k)] ?? null)}`).join(', ');
  return `${t.key} row ${text || rowNo}`;
}

/** How a segment's rows are copied: row packets → COPY BINARY, → COPY text, or through mysql2 (generic). */
type RawPlan = { format: 'binary'; plan: BinaryPlan; targetColumns: string[] } | { format: 'text'; plan: CopyPlan; targetColumns: string[] };

/** DBSHIFT_COPY_TEXT=1: COPY text even where COPY BINARY would do (for a target without binary COPY). */
const binaryAllowed = (): boolean => !process.env.DBSHIFT_COPY_TEXT;

async function rawPlan(t: RuntimeTable, my: mysql.Connection, used: string[], sql: string, params: unknown[], stats: ConvertStats): Promise<RawPlan | undefined> {
  if (t.plan.added.length) return undefined;
  const seen = new Set<string>();
  const targets = used.map((s) => {
    const name = t.targetColumnFor(s);
    if (!name || seen.has(name)) return undefined;
    seen.add(name);
    return t.target.columns.find((c) => c.name === name);
  });
  const fields = await resultFields(my, sql, params);
  const binary = binaryAllowed() ? planBinary(fields, targets) : 'COPY text requested';
  if (typeof binary !== 'string') return { format: 'binary', plan: binary, targetColumns: binary.targetColumns };
  const text = planCopy(fields, targets, stats);
  return typeof text === 'string' ? undefined : { format: 'text', plan: text, targetColumns: text.targetColumns };
}

/** Byte path: row packets → COPY BINARY or text. */
async function copyRaw(seg: Segment, my: mysql.Connection, io: SegmentIo, used: string[], sql: string, raw: RawPlan): Promise<number> {
  const t = seg.table;
  const copy = io.copy;
  let paused = false;
  let done = false;
  let stream: ReturnType<typeof streamRawRows> | undefined;
  const act = io.activity;
  const resume = (): void => { paused = false; if (act) { act.waitingForTarget = false; touch(act); } stream?.resume(); };
  const emit = (chunk: Buffer): void => {
    if (act) { act.rows = encoder.rows; touch(act); }
    if (!copy.write(chunk) && !paused && !done) { paused = true; if (act) act.waitingForTarget = true; stream?.pause(); copy.once('drain', resume); }
  };
  const encoder = raw.format === 'binary' ? new CopyBinaryEncoder(raw.plan, io.stats, emit, FLUSH_BYTES) : new CopyTextEncoder(raw.plan, io.stats, emit, FLUSH_BYTES);
  let nextProgress = 50_000;
  stream = streamRawRows(my, sql, seg.params, {
    fields: () => undefined,
    row: (buf, start, end) => {
      try { encoder.row(buf, start, end); } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        throw new ValueError(`${keyText(t, io.info, used, rowTexts(buf, start, end), encoder.rows + 1)}: ${e.message}`);
      }
      if (encoder.rows >= nextProgress) { nextProgress += 50_000; io.onProgress?.(encoder.rows); }
    },
  });
  const aborted = new Promise<never>((_, reject) => {
    const stop = (): void => reject(new Error('stopped'));
    if (io.signal?.aborted) stop(); else io.signal?.addEventListener('abort', stop, { once: true });
    copy.on('error', reject);
  });
  aborted.catch(() => undefined);
  await Promise.race([stream.done, aborted]);
  // Every row is read: the last chunks must not pause the source connection. A write returning
  // false here would wait for a 'drain' that copy.end() suppresses, and a paused mysql2
  // connection never runs its next command — closing it would hang for ever.
  done = true;
  if (encoder instanceof CopyBinaryEncoder) encoder.end(); else encoder.flush();
  if (paused) { copy.off('drain', resume); resume(); }
  return encoder.rows;
}

/**
 * JSON documents as the source's text: mysql2 would parse them into objects, and serialising
 * those again changes the text (2.50 → 2.5, spacing, key order) that a json column keeps.
 */
const jsonAsText: mysql.TypeCast = (field, next) => (field.type === 'JSON' || (field as { extendedFormat?: string }).extendedFormat === 'json' ? field.string('utf8') : next());

/** Generic path: mysql2 decodes each row, the table's mapping builds the target values. */
async function copyGeneric(seg: Segment, my: mysql.Connection, io: SegmentIo, used: string[], sql: string): Promise<number> {
  const t = seg.table;
  const mapping = t.mapping(used);
  const copy = io.copy;
  const query = my.query({ sql, values: seg.params, rowsAsArray: true, typeCast: jsonAsText });
  const stream = query.stream({ highWaterMark: 2000 });
  let rows = 0;
  let buf = '';
  let failed: unknown;
  const fail = (e: unknown): void => { failed ??= e; stream.destroy(); };
  const onAbort = (): void => fail(new Error('stopped'));
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const nameIndex = new Map(used.map((c, i) => [c, i]));
  try {
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (row: unknown[]) => {
        let vals: (string | null)[];
        try {
          vals = mapping.build((i) => row[i], (name) => { const i = nameIndex.get(name); return i === undefined ? null : row[i]; });
        } catch (e) {
          fail(e instanceof ValueError ? new ValueError(`${keyText(t, io.info, used, row, rows + 1)}: ${e.message}`) : e);
          return;
        }
        let line = copyEscape(vals[0] ?? null);
        for (let i = 1; i < vals.length; i++) line += `\t${copyEscape(vals[i]!)}`;
        buf += `${line}\n`;
        rows++;
        if (buf.length >= FLUSH_BYTES) {
          const ok = copy.write(buf);
          buf = '';
          if (rows % 50_000 < 2000) io.onProgress?.(rows);
          const act = io.activity;
          if (act) { act.rows = rows; touch(act); }
          if (!ok) {
            stream.pause();
            if (act) act.waitingForTarget = true;
            copy.once('drain', () => { if (act) { act.waitingForTarget = false; touch(act); } stream.resume(); });
          }
        }
      });
      stream.on('error', (e) => { failed ??= e; });
      stream.on('close', () => (failed ? reject(failed) : resolve()));
      stream.on('end', () => resolve());
      copy.on('error', (e) => fail(e));
    });
  } finally { io.signal?.removeEventListener('abort', onAbort); }
  if (failed) throw failed;
  if (buf) copy.write(buf);
  return rows;
}

/** Streams one segment; returns the number of rows copied. */
export async function loadSegment(seg: Segment, source: Endpoint, client: pg.Client, onProgress?: (rows: number) => void, signal?: AbortSignal, stats: ConvertStats = { zeroDates: 0 },
  beforeSelect?: (my: mysql.Connection) => Promise<void>, activity?: SegmentActivity): Promise<number> {
  const t = seg.table;
  const my = openMysql(source);
  let ok = false;
  if (activity) activity.pgPid = (client as unknown as { processID?: number }).processID;
  try {
    touch(activity, 'waiting for the source: connecting and reading the table definition');
    const info = await describeSource(my, t.plan.source.schema, t.plan.source.table);
    if (activity) activity.myThread = my.threadId ?? undefined;
    touch(activity, 'waiting for the source: opening the snapshot');
    await beforeSelect?.(my);
    const used = info.columns.map((c) => c.name);
    const sql = selectSql(t.plan.source, used, seg.where);
    touch(activity, 'waiting for the source: reading the column types (SELECT … LIMIT 0)');
    const raw = await rawPlan(t, my, used, sql, seg.params, stats);
    stats.copyFormat = raw ? `COPY ${raw.format}` : 'COPY text from mysql2 values';
    const targetColumns = raw?.targetColumns ?? t.mapping(used).targetColumns;
    const format = raw?.format === 'binary' ? ' (FORMAT binary)' : '';
    const copy = client.query(copyFrom(`COPY ${qualified(t.target.schema, t.target.table)} (${targetColumns.map(qi).join(', ')}) FROM STDIN${format}`));
    const copyDone = new Promise<void>((resolve, reject) => { copy.on('finish', resolve); copy.on('error', reject); });
    copyDone.catch(() => undefined);
    const io: SegmentIo = { info, copy, stats, ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}), ...(activity ? { activity } : {}) };
    touch(activity, `waiting for rows from the source (${stats.copyFormat})`);
    let rows: number;
    try {
      rows = raw ? await copyRaw(seg, my, io, used, sql, raw) : await copyGeneric(seg, my, io, used, sql);
    } catch (e) {
      copy.destroy(e instanceof Error ? e : new Error(String(e)));
      await copyDone.catch(() => undefined);
      throw e;
    }
    touch(activity, 'waiting for the target to finish the COPY');
    copy.end();
    await copyDone;
    onProgress?.(rows);
    ok = true;
    return rows;
  } finally {
    // A failed segment may leave rows in flight: cut the connection instead of reading them all.
    // A clean close is bounded too: nothing here may wait for ever.
    if (ok) {
      touch(activity, 'closing the source connection');
      let timer: NodeJS.Timeout | undefined;
      const closed = await Promise.race([closeMysql(my).then(() => true), new Promise<false>((r) => { timer = setTimeout(() => r(false), 10_000); })]);
      clearTimeout(timer);
      if (!closed) my.destroy();
    } else my.destroy();
  }
}

export interface FullLoadOptions {
  source: Endpoint;
  target: Endpoint;
  subTasks: number;
  mappings: TableMappings;
  log: (msg: string) => void;
  /** Called when every segment of a table is in. */
  onTableLoaded: (t: RuntimeTable, client: pg.Client) => Promise<void>;
  /** Runs on a segment's source connection just before its SELECT (CDC: a consistent snapshot and its binlog position). */
  beforeSelect?: (seg: Segment, my: mysql.Connection) => Promise<void>;
  signal?: AbortSignal;
}

/** Segments of every table: parallel-load rules first, else automatic ranges for big tables. */
async function planSegments(tables: RuntimeTable[], o: FullLoadOptions): Promise<Segment[]> {
  const out: Segment[] = [];
  const my = openMysql(o.source);
  try {
    for (const t of tables) {
      const info = await describeSource(my, t.plan.source.schema, t.plan.source.table);
      const ruled = segmentsFor(t, o.mappings, info);
      if (ruled.length > 1 || tableSettingsFor(o.mappings, t.plan.source)?.['parallel-load']) { out.push(...ruled); continue; }
      const auto = await autoSegments(t, info, my, o.subTasks);
      if (auto) o.log(`full load: ${t.key} split into ${auto.length} key ranges of ${info.key[0]} loaded in parallel`);
      out.push(...(auto ?? ruled));
    }
  } finally { await closeMysql(my); }
  return out;
}

/** Loads every table; a table failing marks it 'error' and the load goes on with the others. */
export async function fullLoad(tables: RuntimeTable[], o: FullLoadOptions): Promise<void> {
  const queue = await planSegments(tables, o);
  const remaining = new Map<RuntimeTable, number>();
  for (const s of queue) remaining.set(s.table, (remaining.get(s.table) ?? 0) + 1);
  const started = new Map<RuntimeTable, number>();
  const zeroDates = new Map<RuntimeTable, ConvertStats>();
  const watch = new LoadWatch(o.log, stallMsFromEnv(), serverProbe(o.source, o.target));
  const worker = async (): Promise<void> => {
    const client = await openPg(o.target, 'dbshift-full-load');
    try {
      // COPY text is built as UTF-8 bytes whatever the target database's encoding.
      await client.query("SET client_encoding TO 'UTF8'");
      for (let seg = queue.shift(); seg; seg = queue.shift()) {
        if (o.signal?.aborted) return;
        const t = seg.table;
        if (t.stats.state === 'error') continue;
        if (!started.has(t)) { started.set(t, performance.now()); t.stats.state = 'loading'; o.log(`full load: ${t.label} started`); }
        let stats = zeroDates.get(t);
        if (!stats) { stats = { zeroDates: 0 }; zeroDates.set(t, stats); }
        // Segments of one table run at once: each adds its own progress.
        let mine = 0;
        const activity = watch.begin(seg.label, 'starting');
        try {
          const before = o.beforeSelect;
          const n = await loadSegment(seg, o.source, client, (r) => { t.stats.fullLoadRows += r - mine; mine = r; }, o.signal, stats, before ? (my) => before(seg!, my) : undefined, activity);
          t.stats.fullLoadRows += n - mine;
        } catch (e) {
          watch.end(activity);
          t.stats.fullLoadRows -= mine;
          if (o.signal?.aborted) return;
          t.stats.state = 'error';
          t.stats.lastError = e instanceof Error ? e.message : String(e);
          o.log(`full load: ${seg.label} failed: ${t.stats.lastError}`);
          continue;
        }
        const left = (remaining.get(t) ?? 1) - 1;
        if (left !== 0) watch.end(activity);
        remaining.set(t, left);
        if (left === 0) {
          const zd = t.zeroDates + stats.zeroDates;
          t.stats.zeroDatesAsNull = zd;
          t.stats.loadSeconds = (performance.now() - (started.get(t) ?? 0)) / 1000;
          touch(activity, 'waiting for the target: after its load (deferred primary key, identities, cached changes)');
          activity.myThread = undefined;
          try { await o.onTableLoaded(t, client); } finally { watch.end(activity); }
          t.stats.state = 'loaded';
          o.log(`full load: ${t.label} loaded, ${t.stats.fullLoadRows} rows in ${t.stats.loadSeconds.toFixed(1)} s${zd ? ` (${zd} zero dates became NULL)` : ''}${stats.copyFormat ? ` by ${stats.copyFormat}` : ''}`);
        }
      }
    } finally { await client.end().catch(() => undefined); }
  };
  const n = Math.max(1, Math.min(o.subTasks, queue.length));
  try { await Promise.all(Array.from({ length: n }, () => worker())); } finally { watch.stop(); }
}

// Full load: tables (or the key-range segments a table-settings rule defines) stream from the
// source into COPY FROM STDIN on the target, MaxFullLoadSubTasks at a time. Rows are never held:
// the source stream pauses whenever the COPY stream pushes back.
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { closeMysql, openMysql, openPg, qi, qmy, type Endpoint } from './endpoints.js';
import type { RuntimeTable } from './runtime.js';
import { describeSource, selectSql } from './source/mysql.js';
import { qualified } from './target/postgres.js';
import { tableSettingsFor, type TableMappings } from './task/index.js';
import { copyEscape, ValueError } from './values.js';

export interface Segment { table: RuntimeTable; where?: string; params: unknown[]; label: string }

/** DMS ranges: boundaries b1..bk give (cols) <= b1, b1 < (cols) <= b2, …, (cols) > bk. */
export function segmentsFor(table: RuntimeTable, m: TableMappings): Segment[] {
  const rule = tableSettingsFor(m, table.plan.source);
  const pl = rule?.['parallel-load'];
  if (!pl || pl.type !== 'ranges' || !pl.columns || !pl.boundaries) return [{ table, params: [], label: table.key }];
  const cols = `(${pl.columns.map(qmy).join(', ')})`;
  const tuple = `(${pl.columns.map(() => '?').join(', ')})`;
  const out: Segment[] = [];
  pl.boundaries.forEach((b, i) => {
    const prev = pl.boundaries![i - 1];
    out.push(prev
      ? { table, where: `${cols} > ${tuple} AND ${cols} <= ${tuple}`, params: [...prev, ...b], label: `${table.key} segment ${i + 1}` }
      : { table, where: `${cols} <= ${tuple}`, params: [...b], label: `${table.key} segment 1` });
  });
  out.push({ table, where: `${cols} > ${tuple}`, params: [...pl.boundaries[pl.boundaries.length - 1]!], label: `${table.key} segment ${pl.boundaries.length + 1}` });
  return out;
}

const FLUSH_BYTES = 256 * 1024;

/** Streams one segment; returns the number of rows copied. */
export async function loadSegment(seg: Segment, source: Endpoint, client: pg.Client, onProgress?: (rows: number) => void, signal?: AbortSignal): Promise<number> {
  const t = seg.table;
  const my = openMysql(source);
  try {
    const info = await describeSource(my, t.plan.source.schema, t.plan.source.table);
    const srcCols = info.columns.map((c) => c.name);
    const mapping = t.mapping(srcCols);
    const used = srcCols;
    const copy = client.query(copyFrom(`COPY ${qualified(t.target.schema, t.target.table)} (${mapping.targetColumns.map(qi).join(', ')}) FROM STDIN`));
    const copyDone = new Promise<void>((resolve, reject) => { copy.on('finish', resolve); copy.on('error', reject); });
    copyDone.catch(() => undefined);
    const query = my.query({ sql: selectSql(t.plan.source, used, seg.where), values: seg.params, rowsAsArray: true });
    const stream = query.stream({ highWaterMark: 2000 });
    let rows = 0;
    let buf = '';
    let failed: unknown;
    const fail = (e: unknown): void => { failed ??= e; stream.destroy(); };
    const onAbort = (): void => fail(new Error('stopped'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const nameIndex = new Map(used.map((c, i) => [c, i]));
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (row: unknown[]) => {
        let vals: (string | null)[];
        try {
          vals = mapping.build((i) => row[i], (name) => { const i = nameIndex.get(name); return i === undefined ? null : row[i]; });
        } catch (e) {
          const keyText = info.key.map((k) => `${k}=${String(row[nameIndex.get(k) ?? -1])}`).join(', ');
          fail(e instanceof ValueError ? new ValueError(`${t.key} row ${keyText || rows + 1}: ${e.message}`) : e);
          return;
        }
        let line = copyEscape(vals[0] ?? null);
        for (let i = 1; i < vals.length; i++) line += `\t${copyEscape(vals[i]!)}`;
        buf += `${line}\n`;
        rows++;
        if (buf.length >= FLUSH_BYTES) {
          const ok = copy.write(buf);
          buf = '';
          if (rows % 50_000 < 2000) onProgress?.(rows);
          if (!ok) { stream.pause(); copy.once('drain', () => stream.resume()); }
        }
      });
      stream.on('error', (e) => { failed ??= e; });
      stream.on('close', () => (failed ? reject(failed) : resolve()));
      stream.on('end', () => resolve());
      copy.on('error', (e) => fail(e));
    }).catch(async (e) => {
      copy.destroy(e instanceof Error ? e : new Error(String(e)));
      await copyDone.catch(() => undefined);
      throw e;
    });
    signal?.removeEventListener('abort', onAbort);
    if (failed) { copy.destroy(failed as Error); await copyDone.catch(() => undefined); throw failed; }
    if (buf) copy.write(buf);
    copy.end();
    await copyDone;
    onProgress?.(rows);
    return rows;
  } finally {
    await closeMysql(my);
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
  signal?: AbortSignal;
}

/** Loads every table; a table failing marks it 'error' and the load goes on with the others. */
export async function fullLoad(tables: RuntimeTable[], o: FullLoadOptions): Promise<void> {
  const queue: Segment[] = tables.flatMap((t) => segmentsFor(t, o.mappings));
  const remaining = new Map<RuntimeTable, number>();
  for (const s of queue) remaining.set(s.table, (remaining.get(s.table) ?? 0) + 1);
  const started = new Map<RuntimeTable, number>();
  const worker = async (): Promise<void> => {
    const client = await openPg(o.target, 'dbshift-full-load');
    try {
      for (let seg = queue.shift(); seg; seg = queue.shift()) {
        if (o.signal?.aborted) return;
        const t = seg.table;
        if (t.stats.state === 'error') continue;
        if (!started.has(t)) { started.set(t, performance.now()); t.stats.state = 'loading'; o.log(`full load: ${t.label} started`); }
        const before = t.stats.fullLoadRows;
        try {
          const n = await loadSegment(seg, o.source, client, (r) => { t.stats.fullLoadRows = before + r; }, o.signal);
          t.stats.fullLoadRows = before + n;
        } catch (e) {
          if (o.signal?.aborted) return;
          t.stats.state = 'error';
          t.stats.lastError = e instanceof Error ? e.message : String(e);
          o.log(`full load: ${seg.label} failed: ${t.stats.lastError}`);
          continue;
        }
        const left = (remaining.get(t) ?? 1) - 1;
        remaining.set(t, left);
        if (left === 0) {
          t.stats.zeroDatesAsNull = t.zeroDates;
          t.stats.loadSeconds = (performance.now() - (started.get(t) ?? 0)) / 1000;
          await o.onTableLoaded(t, client);
          t.stats.state = 'loaded';
          o.log(`full load: ${t.label} loaded, ${t.stats.fullLoadRows} rows in ${t.stats.loadSeconds.toFixed(1)} s${t.zeroDates ? ` (${t.zeroDates} zero dates became NULL)` : ''}`);
        }
      }
    } finally { await client.end().catch(() => undefined); }
  };
  const n = Math.max(1, Math.min(o.subTasks, queue.length));
  await Promise.all(Array.from({ length: n }, () => worker()));
}

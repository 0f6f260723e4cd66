// Validation: source and target compared per key range. Each range of PartitionSize source keys is
// fetched from both sides, rendered in the target's text form (the source through the same
// conversion as the load), and hashed; ranges whose hashes differ are narrowed to the keys that are
// missing, extra or different. Keys found different are read again once after a pause, so a change
// still in flight is not reported as a difference.
import { createHash } from 'node:crypto';
import type mysql from 'mysql2';
import { closeMysql, mysqlQuery, openMysql, openPg, qi, qmy, type Endpoint } from './endpoints.js';
import type { RuntimeTable } from './runtime.js';
import { describeSource } from './source/mysql.js';
import { qualified } from './target/postgres.js';
import { targetKind } from './values.js';

export interface RangeMismatch { from: string; to: string; missing: string[]; extra: string[]; different: string[] }
export interface TableValidation {
  table: string;
  sourceRows: number;
  targetRows: number;
  ranges: number;
  mismatches: RangeMismatch[];
  ok: boolean;
  note?: string;
}

export type Norm = (v: string | null) => string;

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function normalizer(type: string): Norm {
  const kind = targetKind(type);
  return (v) => {
    if (v === null) return '\u0000N';
    if (kind === 'json') { try { return canonicalJson(JSON.parse(v)); } catch { return v; } }
    if (kind === 'float') return String(Number(v));
    if (kind === 'timestamptz') return v.replace(/\+00(:00)?$/, '+00');
    return v;
  };
}

export const rowText = (vals: (string | null)[], norms: Norm[]): string => vals.map((v, i) => norms[i]!(v)).join('\u0001');

type Row = (string | null)[];

/**
 * One key range of source rows against the target rows found by their keys: both sides hashed in
 * the source's order; when the hashes differ, the range with its keys missing on the target and
 * its keys whose rows differ (rows extra on the target are the caller's to count).
 */
export function compareRange(rows: Row[], tgt: Map<string, Row>, norms: Norm[], keyOf: (r: Row) => string, show: (k: string) => string): RangeMismatch | undefined {
  const h1 = createHash('sha1'); const h2 = createHash('sha1');
  for (const r of rows) {
    const other = tgt.get(keyOf(r));
    h1.update(`${rowText(r, norms)}\n`);
    h2.update(`${other ? rowText(other, norms) : '\u0000missing'}\n`);
  }
  if (h1.digest('hex') === h2.digest('hex')) return undefined;
  const mm: RangeMismatch = { from: show(keyOf(rows[0]!)), to: show(keyOf(rows[rows.length - 1]!)), missing: [], extra: [], different: [] };
  for (const r of rows) {
    const other = tgt.get(keyOf(r));
    if (!other) mm.missing.push(show(keyOf(r)));
    else if (rowText(other, norms) !== rowText(r, norms)) mm.different.push(show(keyOf(r)));
  }
  return mm;
}

export async function validateTable(source: Endpoint, target: Endpoint, t: RuntimeTable, opts: { partitionSize: number; maxListed: number; recheckMs?: number }): Promise<TableValidation> {
  const my = openMysql(source);
  const pgc = await openPg(target, 'dbshift-validate');
  try {
    const info = await describeSource(my, t.plan.source.schema, t.plan.source.table);
    const srcCols = info.columns.map((c) => c.name);
    const mapping = t.mapping(srcCols);
    const tcols = mapping.targetColumns;
    const types = tcols.map((c) => t.target.columns.find((x) => x.name === c)!.type);
    const norms = types.map(normalizer);
    const keyT = info.key.map((k) => t.targetColumnFor(k));
    const name = `${t.plan.source.schema}.${t.plan.source.table}`;
    const tgtTable = qualified(t.target.schema, t.target.table);
    const countSrc = Number((await mysqlQuery<{ n: string }>(my, `SELECT COUNT(*) AS n FROM ${qmy(t.plan.source.schema)}.${qmy(t.plan.source.table)}`))[0]!.n);
    const countTgt = Number((await pgc.query(`SELECT count(*) AS n FROM ${tgtTable}`)).rows[0].n);
    if (info.key.length === 0 || keyT.includes(undefined)) {
      return { table: name, sourceRows: countSrc, targetRows: countTgt, ranges: 0, mismatches: [], ok: countSrc === countTgt, note: 'no key: only row counts compared' };
    }
    const keyIdxSrc = info.key.map((k) => srcCols.indexOf(k));
    const keyIdxTgt = keyT.map((k) => tcols.indexOf(k!));
    const keyTypes = keyIdxTgt.map((i) => types[i]!);
    const srcTable = `${qmy(t.plan.source.schema)}.${qmy(t.plan.source.table)}`;
    const order = info.key.map(qmy).join(', ');
    const keyTuple = `(${info.key.map(qmy).join(', ')})`;
    const fetchSource = async (after: unknown[] | undefined): Promise<{ raw: unknown[][]; rows: (string | null)[][] }> => {
      const where = after ? ` WHERE ${keyTuple} > (${after.map(() => '?').join(', ')})` : '';
      const raw = await new Promise<unknown[][]>((resolve, reject) => {
        (my as mysql.Connection).query({ sql: `SELECT ${srcCols.map(qmy).join(', ')} FROM ${srcTable}${where} ORDER BY ${order} LIMIT ${opts.partitionSize}`, values: after ?? [], rowsAsArray: true },
          (err, rows) => (err ? reject(err) : resolve(rows as unknown[][])));
      });
      return { raw, rows: raw.map((r) => mapping.build((i) => r[i], (n) => r[srcCols.indexOf(n)] ?? null)) };
    };
    const fetchTarget = async (keys: (string | null)[][]): Promise<Map<string, (string | null)[]>> => {
      const arrays = keyIdxTgt.map((_, j) => keys.map((k) => k[j]!));
      const cond = `(${keyT.map((k) => qi(k!)).join(', ')}) IN (SELECT * FROM unnest(${keyTypes.map((ty, j) => `$${j + 1}::${ty}[]`).join(', ')}))`;
      const r = await pgc.query({ text: `SELECT ${tcols.map(qi).join(', ')} FROM ${tgtTable} WHERE ${cond}`, values: arrays, rowMode: 'array' });
      const out = new Map<string, (string | null)[]>();
      for (const row of r.rows as (string | null)[][]) out.set(keyIdxTgt.map((i) => norms[i]!(row[i]!)).join('\u0001'), row);
      return out;
    };
    const keyOf = (vals: (string | null)[]): string => keyIdxTgt.map((i) => norms[i]!(vals[i]!)).join('\u0001');
    const show = (k: string): string => k.split('\u0001').join(',');
    const mismatches: RangeMismatch[] = [];
    let ranges = 0; let matched = 0; let listed = 0;
    let after: unknown[] | undefined;
    for (;;) {
      const { raw, rows } = await fetchSource(after);
      if (rows.length === 0) break;
      ranges++;
      const tgt = await fetchTarget(rows.map((r) => keyIdxTgt.map((i) => r[i]!)));
      matched += tgt.size;
      const mm = compareRange(rows, tgt, norms, keyOf, show);
      if (mm) mismatches.push(mm);
      after = keyIdxSrc.map((i) => raw[raw.length - 1]![i]);
      if (rows.length < opts.partitionSize) break;
    }
    if (countTgt > matched) {
      // Extra target rows: keys not on the source (only looked for when the counts say so).
      const srcKeys = new Set<string>();
      let a: unknown[] | undefined;
      for (;;) {
        const { raw, rows } = await fetchSource(a);
        for (const r of rows) srcKeys.add(keyOf(r));
        if (rows.length < opts.partitionSize) break;
        a = keyIdxSrc.map((i) => raw[raw.length - 1]![i]);
      }
      const r = await pgc.query({ text: `SELECT ${tcols.map(qi).join(', ')} FROM ${tgtTable}`, rowMode: 'array' });
      const extra = (r.rows as (string | null)[][]).map(keyOf).filter((k) => !srcKeys.has(k));
      if (extra.length) mismatches.push({ from: '', to: '', missing: [], different: [], extra: extra.map(show) });
    }
    for (const m of mismatches) {
      const cap = Math.max(0, opts.maxListed - listed);
      m.missing = m.missing.slice(0, cap); m.different = m.different.slice(0, cap); m.extra = m.extra.slice(0, cap);
      listed += m.missing.length + m.different.length + m.extra.length;
    }
    return { table: name, sourceRows: countSrc, targetRows: countTgt, ranges, mismatches, ok: mismatches.length === 0 && countSrc === countTgt };
  } finally {
    await closeMysql(my);
    await pgc.end().catch(() => undefined);
  }
}

/** Compares each table (by `one`, MariaDB/MySQL → PostgreSQL by default). */
export async function validateTables(source: Endpoint, target: Endpoint, tables: RuntimeTable[], opts: { partitionSize: number; maxListed: number; retries?: number },
  one: (t: RuntimeTable) => Promise<TableValidation> = (t) => validateTable(source, target, t, opts)): Promise<TableValidation[]> {
  const out: TableValidation[] = [];
  for (const t of tables) {
    let v = await one(t);
    // A change still on its way shows as a difference once; compare again before reporting it.
    for (let i = 0; !v.ok && i < (opts.retries ?? 2); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      v = await one(t);
    }
    out.push(v);
  }
  return out;
}

/** A selected table the target does not have: a mismatch, not a table left out. */
export function missingTable(name: string): TableValidation {
  return { table: name, sourceRows: 0, targetRows: 0, ranges: 0, mismatches: [], ok: false, note: 'the table is missing on the target' };
}

export function validationLines(vs: TableValidation[]): string[] {
  const lines: string[] = [];
  for (const v of vs) {
    lines.push(`${v.ok ? 'OK      ' : 'MISMATCH'} ${v.table}: source ${v.sourceRows} rows, target ${v.targetRows} rows, ${v.ranges} key range(s) compared${v.note ? ` (${v.note})` : ''}`);
    for (const m of v.mismatches) {
      const where = m.from || m.to ? `keys ${m.from} … ${m.to}` : 'outside the source key ranges';
      if (m.missing.length) lines.push(`  ${where}: missing on target: ${m.missing.join('; ')}`);
      if (m.different.length) lines.push(`  ${where}: different: ${m.different.join('; ')}`);
      if (m.extra.length) lines.push(`  ${where}: extra on target: ${m.extra.join('; ')}`);
    }
  }
  return lines;
}

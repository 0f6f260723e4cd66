// Set-wise change apply for PostgreSQL. A batch of source transactions (applied in one target
// transaction with the control row) touches many rows of a few tables; one statement per row
// change costs a round trip and a plan execution each. For a table whose rows do not depend on one
// another (no foreign key from or to it, no unique index besides its key, no user trigger), only
// the last state of each key in the batch matters: that is written with one DELETE … USING unnest
// and one INSERT … SELECT FROM unnest … ON CONFLICT per column list. Other tables keep the
// row-by-row apply in source order (`each`). Results are the same as applying every change in
// order: keys are independent, and each upsert carries the full row image.
import type pg from 'pg';
import type { RowChange } from './cdc/binlog.js';
import { qi } from './endpoints.js';
import type { RuntimeTable } from './runtime.js';
import { qualified, type TargetTableInfo } from './target/postgres.js';

export type ChangeCounts = Map<RuntimeTable, { i: number; u: number; d: number }>;

// Looked up again after a phase change (foreign keys are created when the cached changes are in)
// and every few seconds (someone may add a trigger or a unique index on the target).
const RECHECK_MS = 5000;
const orderSensitive = new WeakMap<TargetTableInfo, { phase: string; at: number; p: Promise<boolean> }>();

/** Whether changes to `t` must keep their order (constraints, triggers or rules that see other rows). */
export function isOrderSensitive(c: pg.Client, t: TargetTableInfo, phase = ''): Promise<boolean> {
  const hit = orderSensitive.get(t);
  const now = Date.now();
  if (hit && hit.phase === phase && now - hit.at < RECHECK_MS) return hit.p;
  const p = c.query(`SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype IN ('f', 'x') AND (conrelid = $1::regclass OR confrelid = $1::regclass))
      OR (SELECT count(*) FROM pg_index WHERE indrelid = $1::regclass AND indisunique) > 1
      OR EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal)
      OR EXISTS (SELECT 1 FROM pg_rules WHERE schemaname = $2 AND tablename = $3) AS sensitive`, [qualified(t.schema, t.table), t.schema, t.table])
    .then((r) => { const v = (r.rows[0] as { sensitive: unknown }).sensitive; return v === true || v === 't'; });
  orderSensitive.set(t, { phase, at: now, p });
  p.catch(() => orderSensitive.delete(t));
  return p;
}

interface Upsert { cols: string[]; vals: (string | null)[] }
interface PendingTable { t: RuntimeTable; last: Map<string, Upsert | { key: (string | null)[] }> }

function rowOf(t: RuntimeTable, row: Record<string, unknown>): Upsert {
  const srcCols = Object.keys(row);
  const m = t.mapping(srcCols);
  return { cols: m.targetColumns, vals: m.build((i) => row[srcCols[i]!], (name) => row[name] ?? null) };
}

function keyOf(t: RuntimeTable, r: Upsert): (string | null)[] | undefined {
  const out: (string | null)[] = [];
  for (const k of t.target.key) {
    const i = r.cols.indexOf(k);
    if (i < 0) return undefined;
    out.push(r.vals[i]!);
  }
  return out;
}

/**
 * An update's image laid over the key's earlier state in the batch: an image may carry only some
 * columns (Oracle's redo: the key and the changed columns), and the columns it leaves out keep the
 * values the earlier change gave them — as applying both in order would.
 */
function layered(base: Upsert, top: Upsert): Upsert {
  if (base.cols.every((c) => top.cols.includes(c))) return top;
  const cols = [...base.cols]; const vals = [...base.vals];
  top.cols.forEach((c, i) => {
    const j = cols.indexOf(c);
    if (j < 0) { cols.push(c); vals.push(top.vals[i]!); } else vals[j] = top.vals[i]!;
  });
  return { cols, vals };
}

// Key values are target text (never holding NUL: text refuses it, bytea is hex), so NUL separates.
function keyString(k: (string | null)[]): string {
  return k.length === 1 ? (k[0] ?? '\u0000N') : k.map((v) => v ?? '\u0000N').join('\u0000');
}

const names = new Map<string, string>();
function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (!name) { name = `dbshift_set_${names.size + 1}`; names.set(text, name); }
  return { name, text, values };
}

function typeOf(t: TargetTableInfo, col: string): string {
  const c = t.columns.find((x) => x.name === col);
  if (!c) throw new Error(`${t.schema}.${t.table} has no column ${col}`);
  return c.type;
}

export function setUpsertSql(t: TargetTableInfo, cols: string[]): string {
  const arrays = cols.map((c, i) => `$${i + 1}::${typeOf(t, c)}[]`).join(', ');
  const sets = cols.filter((c) => !t.key.includes(c)).map((c) => `${qi(c)} = EXCLUDED.${qi(c)}`);
  const overriding = t.columns.some((c) => c.identity && cols.includes(c.name)) ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO ${qualified(t.schema, t.table)} (${cols.map(qi).join(', ')})${overriding} SELECT * FROM unnest(${arrays})
    ON CONFLICT (${t.key.map(qi).join(', ')}) DO ${sets.length ? `UPDATE SET ${sets.join(', ')}` : 'NOTHING'}`;
}

export function setDeleteSql(t: TargetTableInfo): string {
  const arrays = t.key.map((k, i) => `$${i + 1}::${typeOf(t, k)}[]`).join(', ');
  const alias = t.key.map((_, i) => `k${i + 1}`).join(', ');
  return `DELETE FROM ${qualified(t.schema, t.table)} AS x USING unnest(${arrays}) AS d(${alias}) WHERE ${t.key.map((k, i) => `x.${qi(k)} = d.k${i + 1}`).join(' AND ')}`;
}

async function flushTable(c: pg.Client, p: PendingTable): Promise<void> {
  const t = p.t.target;
  const deletes: (string | null)[][] = t.key.map(() => []);
  const upserts = new Map<string, { cols: string[]; columns: (string | null)[][] }>();
  for (const v of p.last.values()) {
    if ('key' in v) { v.key.forEach((x, i) => deletes[i]!.push(x)); continue; }
    const sig = v.cols.join('\u0001');
    let u = upserts.get(sig);
    if (!u) { u = { cols: v.cols, columns: v.cols.map(() => []) }; upserts.set(sig, u); }
    v.vals.forEach((x, i) => u.columns[i]!.push(x));
  }
  if (deletes[0]!.length) await c.query(prepared(setDeleteSql(t), deletes));
  for (const u of upserts.values()) await c.query(prepared(setUpsertSql(t, u.cols), u.columns));
}

/**
 * Applies `changes` in source order for order-sensitive tables (through `each`) and set-wise for
 * the others (at the end; nothing orders them against the rest). Counts inserts, updates and
 * deletes of the set-wise tables into `counts`; returns the number of changes seen.
 */
export async function applySetwise(c: pg.Client, tables: Map<string, RuntimeTable>, changes: Iterable<RowChange>, counts: ChangeCounts, each: (ch: RowChange) => Promise<void>, phase = ''): Promise<number> {
  const pending = new Map<RuntimeTable, PendingTable>();
  let n = 0;
  for (const ch of changes) {
    n++;
    const t = tables.get(`${ch.schema}.${ch.table}`);
    if (!t || t.stats.state === 'dropped' || t.stats.state === 'error' || t.target.key.length === 0 || await isOrderSensitive(c, t.target, phase)) { await each(ch); continue; }
    let p = pending.get(t);
    if (!p) { p = { t, last: new Map() }; pending.set(t, p); }
    let cnt = counts.get(t);
    if (!cnt) { cnt = { i: 0, u: 0, d: 0 }; counts.set(t, cnt); }
    const before = ch.op === 'insert' ? undefined : rowOf(t, ch.before);
    const after = ch.op === 'delete' ? undefined : rowOf(t, ch.after);
    const oldKey = before && keyOf(t, before);
    const newKey = after && keyOf(t, after);
    if ((before && !oldKey) || (after && !newKey)) { await each(ch); continue; }
    if (oldKey && (!newKey || oldKey.some((v, i) => v !== newKey[i]))) {
      const k = keyString(oldKey);
      p.last.delete(k);
      p.last.set(k, { key: oldKey });
    }
    if (after && newKey) {
      const k = keyString(newKey);
      const prev = p.last.get(k);
      p.last.delete(k);
      p.last.set(k, ch.op === 'update' && prev && !('key' in prev) ? layered(prev, after) : after);
    }
    if (ch.op === 'insert') cnt.i++; else if (ch.op === 'update') cnt.u++; else cnt.d++;
  }
  for (const p of pending.values()) await flushTable(c, p);
  return n;
}

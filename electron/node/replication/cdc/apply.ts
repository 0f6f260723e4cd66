// Transactional apply on PostgreSQL: source transactions in commit order, several per target
// transaction, with the source position written to the control table in that same transaction —
// a crash either keeps the changes and the position or neither. Statements are idempotent by key
// (upsert / delete by key), so replaying from an older position converges to the source's rows.
import type pg from 'pg';
import type { RuntimeTable } from '../runtime.js';
import { qi } from '../endpoints.js';
import { deleteSql, qualified, upsertSql, writeControl } from '../target/postgres.js';
import type { RowChange, SourceEvent } from './binlog.js';
import { applySetwise } from '../apply-sets.js';

type Txn = Extract<SourceEvent, { kind: 'txn' }>;

export interface ApplyContext {
  client: pg.Client;
  task: string;
  tables: Map<string, RuntimeTable>;
  log: (msg: string) => void;
  /** Tables without a key: 'row-match' (default) applies by whole-row match, 'skip' keeps REPL0001. */
  noKeyChanges?: 'row-match' | 'skip';
}

/** One row equal in every column (NULL-safe; json compared as jsonb, which has equality). */
function rowMatch(t: RuntimeTable, cols: string[], first: number): string {
  return cols.map((c, i) => {
    const json = /^json/.test(t.target.columns.find((x) => x.name === c)?.type ?? '');
    return json ? `${qi(c)}::jsonb IS NOT DISTINCT FROM $${first + i}::jsonb` : `${qi(c)} IS NOT DISTINCT FROM $${first + i}`;
  }).join(' AND ');
}

/**
 * Without a key: insert, and update/delete of one row equal to the before image, by its ctid.
 * Exact as long as each change is applied once (the position in the control table; during the load
 * the table's snapshot position); rows identical in every column cannot be told apart (REPL0003).
 */
async function applyByRowMatch(ctx: ApplyContext, t: RuntimeTable, c: RowChange, counts: Counts): Promise<void> {
  if (!warnedNoKey.has(t.key)) {
    warnedNoKey.add(t.key);
    ctx.log(`action item REPL0003 (medium): ${t.label} has no primary key or NOT NULL unique key: its changes are applied by matching whole rows (one row, by ctid); rows identical in every column cannot be told apart, so which of them changes is arbitrary (the table's contents stay equal) — add a key for a row-exact replica, or set NoKeyChanges to skip in task.json`);
  }
  const n = counts.get(t) ?? { i: 0, u: 0, d: 0 };
  counts.set(t, n);
  const build = (row: Record<string, unknown>): { cols: string[]; vals: (string | null)[] } => {
    const srcCols = Object.keys(row);
    const m = t.mapping(srcCols);
    return { cols: m.targetColumns, vals: m.build((i) => row[srcCols[i]!], (name) => row[name] ?? null) };
  };
  const table = qualified(t.target.schema, t.target.table);
  if (c.op === 'insert') {
    const a = build(c.after);
    await ctx.client.query(prepared(upsertSql(t.target, a.cols), a.vals));
    n.i++;
    return;
  }
  const b = build(c.before);
  const pick = `SELECT ctid FROM ${table} WHERE ${rowMatch(t, b.cols, c.op === 'update' ? build(c.after).cols.length + 1 : 1)} LIMIT 1`;
  if (c.op === 'delete') {
    await ctx.client.query(prepared(`DELETE FROM ${table} WHERE ctid = (${pick})`, b.vals));
    n.d++;
    return;
  }
  const a = build(c.after);
  const sets = a.cols.map((col, i) => `${qi(col)} = $${i + 1}`).join(', ');
  await ctx.client.query(prepared(`UPDATE ${table} SET ${sets} WHERE ctid = (${pick})`, [...a.vals, ...b.vals]));
  n.u++;
}

const names = new Map<string, string>();
function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (!name) { name = `dbshift_${names.size + 1}`; names.set(text, name); }
  return { name, text, values };
}

const warnedNoKey = new Set<string>();

function keyValues(t: RuntimeTable, cols: string[], vals: (string | null)[]): (string | null)[] | undefined {
  const out: (string | null)[] = [];
  for (const k of t.target.key) {
    const i = cols.indexOf(k);
    if (i < 0) return undefined;
    out.push(vals[i]!);
  }
  return out;
}

type Counts = Map<RuntimeTable, { i: number; u: number; d: number }>;

async function applyChange(ctx: ApplyContext, c: RowChange, counts: Counts): Promise<void> {
  const t = ctx.tables.get(`${c.schema}.${c.table}`);
  if (!t || t.stats.state === 'dropped' || t.stats.state === 'error') return;
  if (t.target.key.length === 0) {
    if (ctx.noKeyChanges === 'skip') {
      if (!warnedNoKey.has(t.key)) {
        warnedNoKey.add(t.key);
        ctx.log(`action item REPL0001 (high): ${t.label} has no primary key or NOT NULL unique key: its changes are not replicated (only the full load; NoKeyChanges is skip); add a key on the source and reload the table`);
      }
      return;
    }
    await applyByRowMatch(ctx, t, c, counts);
    return;
  }
  const n = counts.get(t) ?? { i: 0, u: 0, d: 0 };
  counts.set(t, n);
  const build = (row: Record<string, unknown>): { cols: string[]; vals: (string | null)[] } => {
    const srcCols = Object.keys(row);
    const m = t.mapping(srcCols);
    return { cols: m.targetColumns, vals: m.build((i) => row[srcCols[i]!], (name) => row[name] ?? null) };
  };
  if (c.op === 'delete') {
    const b = build(c.before);
    const key = keyValues(t, b.cols, b.vals);
    if (key) await ctx.client.query(prepared(deleteSql(t.target), key));
    n.d++;
    return;
  }
  const a = build(c.after);
  if (c.op === 'update') {
    const b = build(c.before);
    const oldKey = keyValues(t, b.cols, b.vals);
    const newKey = keyValues(t, a.cols, a.vals);
    if (oldKey && newKey && oldKey.some((v, i) => v !== newKey[i])) await ctx.client.query(prepared(deleteSql(t.target), oldKey));
    n.u++;
  } else n.i++;
  await ctx.client.query(prepared(upsertSql(t.target, a.cols), a.vals));
}

/** Applies source transactions and records `phase` + the last one's position, atomically. */
export async function applyTransactions(ctx: ApplyContext, txns: Txn[], phase: string): Promise<number> {
  return applyChanges(ctx, txns.flatMap((t) => t.changes), phase, { position: txns[txns.length - 1]!.position, timestamp: txns[txns.length - 1]!.timestamp });
}

/**
 * Applies changes in one target transaction; with `at`, the control row gets that position in the
 * same transaction (without: the full-load phase, where a crash reloads anyway).
 */
export async function applyChanges(ctx: ApplyContext, changes: RowChange[], phase: string, at?: { position: unknown; timestamp: number }): Promise<number> {
  const counts: Counts = new Map();
  await ctx.client.query('BEGIN');
  try {
    await applySetwise(ctx.client, ctx.tables, changes, counts, (c) => applyChange(ctx, c, counts), phase);
    if (at) await writeControl(ctx.client, ctx.task, phase, at.position);
    await ctx.client.query('COMMIT');
  } catch (e) {
    await ctx.client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  for (const [t, n] of counts) {
    t.stats.inserts += n.i; t.stats.updates += n.u; t.stats.deletes += n.d;
    if (phase === 'cached-changes') t.stats.cachedChangesApplied += n.i + n.u + n.d;
    if (at) t.stats.lagMs = Date.now() - at.timestamp;
  }
  return changes.length;
}

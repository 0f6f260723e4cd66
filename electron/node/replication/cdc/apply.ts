// Transactional apply on PostgreSQL: source transactions in commit order, several per target
// transaction, with the source position written to the control table in that same transaction —
// a crash either keeps the changes and the position or neither. Statements are idempotent by key
// (upsert / delete by key), so replaying from an older position converges to the source's rows.
import type pg from 'pg';
import type { RuntimeTable } from '../runtime.js';
import { deleteSql, upsertSql, writeControl } from '../target/postgres.js';
import type { RowChange, SourceEvent } from './binlog.js';
import { applySetwise } from '../apply-sets.js';

type Txn = Extract<SourceEvent, { kind: 'txn' }>;

export interface ApplyContext {
  client: pg.Client;
  task: string;
  tables: Map<string, RuntimeTable>;
  log: (msg: string) => void;
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
    if (!warnedNoKey.has(t.key)) {
      warnedNoKey.add(t.key);
      ctx.log(`action item REPL0001 (high): ${t.label} has no primary key or NOT NULL unique key: its changes are not replicated (only the full load); add a key on the source and reload the table`);
    }
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
  const counts: Counts = new Map();
  let changes = 0;
  await ctx.client.query('BEGIN');
  try {
    changes = await applySetwise(ctx.client, ctx.tables, txns.flatMap((x) => x.changes), counts, (c) => applyChange(ctx, c, counts), phase);
    await writeControl(ctx.client, ctx.task, phase, txns[txns.length - 1]!.position);
    await ctx.client.query('COMMIT');
  } catch (e) {
    await ctx.client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  const lag = Date.now() - txns[txns.length - 1]!.timestamp;
  for (const [t, n] of counts) {
    t.stats.inserts += n.i; t.stats.updates += n.u; t.stats.deletes += n.d;
    if (phase === 'cached-changes') t.stats.cachedChangesApplied += n.i + n.u + n.d;
    t.stats.lagMs = lag;
  }
  return changes;
}

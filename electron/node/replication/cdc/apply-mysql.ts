// Transactional apply on MariaDB/MySQL for a PostgreSQL source: source transactions in commit
// order, several per target transaction, the source LSN written to the control table in that same
// transaction. Tables with a key: upsert / delete by key (idempotent). Tables without one (their
// source has REPLICA IDENTITY FULL): insert, and update/delete of one row equal in every column
// (LIMIT 1) — exact as long as each change is applied once, which the LSN in the control table
// guarantees; REPL0003 tells the user that identical rows cannot be told apart.
import type mysql from 'mysql2';
import { mysqlQuery } from '../endpoints.js';
import type { RuntimeTable } from '../runtime.js';
import { deleteByKeySql, myQualified, rowMatchSql, upsertSqlMy, insertPrefix, tupleSql, binaryColumns, writeMyControl, sqlValue } from '../target/mysql.js';
import { qmy } from '../endpoints.js';
import type { PgChange, PgEvent } from './pgoutput.js';

type Txn = Extract<PgEvent, { kind: 'txn' }>;

export interface MyApplyContext {
  client: mysql.Connection;
  task: string;
  tables: Map<string, RuntimeTable>;
  log: (msg: string) => void;
  /** ChangeProcessingDdlHandlingPolicy.HandleSourceTableTruncated (default true). */
  truncateAllowed?: boolean;
}

type Counts = Map<RuntimeTable, { i: number; u: number; d: number; ddl: number }>;

const warned = new Set<string>();
function warnOnce(ctx: MyApplyContext, key: string, msg: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  ctx.log(msg);
}

function build(t: RuntimeTable, row: Record<string, unknown>): { cols: string[]; vals: (string | null)[] } {
  // Unchanged TOAST values (and the non-key columns of a key tuple) are undefined: left out.
  const srcCols = Object.keys(row).filter((k) => row[k] !== undefined);
  const m = t.mapping(srcCols);
  return { cols: m.targetColumns, vals: m.build((i) => row[srcCols[i]!], (name) => row[name] ?? null) };
}

function keyOf(t: RuntimeTable, b: { cols: string[]; vals: (string | null)[] }): (string | null)[] | undefined {
  const out: (string | null)[] = [];
  for (const k of t.target.key) {
    const i = b.cols.indexOf(k);
    if (i < 0) return undefined;
    out.push(b.vals[i]!);
  }
  return out;
}

async function applyChange(ctx: MyApplyContext, c: PgChange, counts: Counts): Promise<void> {
  const t = ctx.tables.get(`${c.schema}.${c.table}`);
  if (!t || t.stats.state === 'dropped' || t.stats.state === 'error') return;
  const n = counts.get(t) ?? { i: 0, u: 0, d: 0, ddl: 0 };
  counts.set(t, n);
  const my = ctx.client;
  const target = myQualified(t.target.schema, t.target.table);
  const keyed = t.target.key.length > 0;
  if (!keyed) {
    warnOnce(ctx, `REPL0003:${t.key}`, `action item REPL0003 (medium): ${t.label} has no primary key or NOT NULL unique key: its changes are applied by matching whole rows (UPDATE/DELETE … LIMIT 1); rows that are identical in every column cannot be told apart, so which of them changes is arbitrary (the table's contents stay equal) — add a key for a row-exact replica`);
  }
  switch (c.op) {
    case 'truncate':
      // DELETE, not TRUNCATE: MariaDB's TRUNCATE commits implicitly, and it must commit with the position.
      if (ctx.truncateAllowed === false) {
        ctx.log(`ddl: ${t.label}: TRUNCATE on the source not applied (HandleSourceTableTruncated is false): the target keeps its rows`);
        return;
      }
      await mysqlQuery(my, `DELETE FROM ${target}`);
      ctx.log(`ddl: ${t.label}: TRUNCATE on the source applied as DELETE FROM ${target} (in the apply transaction, with the source position)`);
      n.ddl++;
      return;
    case 'insert': {
      const a = build(t, c.after);
      if (keyed) await mysqlQuery(my, upsertSqlMy(my, t.target, a.cols, a.vals));
      else await mysqlQuery(my, `${insertPrefix(t.target, a.cols)}${tupleSql(my, a.vals, binaryColumns(t.target, a.cols))}`);
      n.i++;
      return;
    }
    case 'delete': {
      const b = build(t, c.before);
      if (keyed) {
        const key = keyOf(t, b);
        if (key) await mysqlQuery(my, deleteByKeySql(my, t.target, key));
      } else await mysqlQuery(my, `DELETE FROM ${target} WHERE ${rowMatchSql(my, t.target, b.cols, b.vals)} LIMIT 1`);
      n.d++;
      return;
    }
    case 'update': {
      const a = build(t, c.after);
      n.u++;
      if (keyed) {
        if (c.before) {
          const oldKey = keyOf(t, build(t, c.before));
          const newKey = keyOf(t, a);
          if (oldKey && newKey && oldKey.some((v, i) => v !== newKey[i])) await mysqlQuery(my, deleteByKeySql(my, t.target, oldKey));
        }
        await mysqlQuery(my, upsertSqlMy(my, t.target, a.cols, a.vals));
        return;
      }
      if (!c.before) {
        warnOnce(ctx, `REPL0001:${t.key}`, `action item REPL0001 (high): ${t.label}: an update came without the old row (the source table has no key and REPLICA IDENTITY is not FULL): not applied — ALTER TABLE … REPLICA IDENTITY FULL on the source and reload the table`);
        return;
      }
      const b = build(t, c.before);
      const bin = binaryColumns(t.target, a.cols);
      const sets = a.cols.map((col, i) => `${qmy(col)} = ${sqlValue(my, a.vals[i]!, bin[i]!)}`).join(', ');
      await mysqlQuery(my, `UPDATE ${target} SET ${sets} WHERE ${rowMatchSql(my, t.target, b.cols, b.vals)} LIMIT 1`);
    }
  }
}

/** Applies source transactions and records `phase` + the last one's LSN, atomically. */
export async function applyPgTransactions(ctx: MyApplyContext, txns: Txn[], phase: string): Promise<number> {
  const counts: Counts = new Map();
  let changes = 0;
  await mysqlQuery(ctx.client, 'START TRANSACTION');
  try {
    for (const txn of txns) for (const c of txn.changes) { await applyChange(ctx, c, counts); changes++; }
    await writeMyControl(ctx.client, ctx.task, phase, txns[txns.length - 1]!.position);
    await mysqlQuery(ctx.client, 'COMMIT');
  } catch (e) {
    await mysqlQuery(ctx.client, 'ROLLBACK').catch(() => undefined);
    throw e;
  }
  const lag = Date.now() - txns[txns.length - 1]!.timestamp;
  for (const [t, n] of counts) {
    t.stats.inserts += n.i; t.stats.updates += n.u; t.stats.deletes += n.d; t.stats.ddls += n.ddl;
    if (phase === 'cached-changes') t.stats.cachedChangesApplied += n.i + n.u + n.d;
    t.stats.lagMs = lag;
  }
  return changes;
}

// Set-wise change apply on a real PostgreSQL: a random stream of inserts, updates (some moving the
// key), deletes and re-inserts of the same keys, split into batches, must leave exactly the rows an
// in-memory replay of the stream leaves; tables with a foreign key or a second unique index are
// applied row by row in source order instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { applySetwise, isOrderSensitive, type ChangeCounts } from '../../../electron/node/replication/apply-sets.js';
import type { RowChange } from '../../../electron/node/replication/cdc/binlog.js';
import { RuntimeTable } from '../../../electron/node/replication/runtime.js';
import { describeTable } from '../../../electron/node/replication/target/postgres.js';
import { withDb } from './helpers.js';

const PG = process.env.DBSHIFT_TEST_PG_URL;
const raw = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

function plan(table: string): ConstructorParameters<typeof RuntimeTable>[0] {
  return { source: { schema: 's', table }, target: { schema: 'app', table }, columnMap: new Map(), added: [], create: [], after: [], typeNames: [] };
}

// Deterministic pseudo-random numbers, so a failure can be replayed.
function rng(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

test('set-wise apply leaves the rows a replay in order leaves; order-sensitive tables go row by row', { skip: !PG ? 'DBSHIFT_TEST_PG_URL not set' : false, timeout: 120_000 }, async () => {
  const admin = new pg.Client({ connectionString: PG! });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS apply_sets');
  await admin.query('CREATE DATABASE apply_sets');
  const c = new pg.Client({ connectionString: withDb(PG!, 'apply_sets'), types: raw });
  await c.connect();
  try {
    await c.query(`CREATE SCHEMA app;
      CREATE TABLE app.items (id bigint, sub int, label text, amount numeric(12,2), at timestamp(6), data bytea, PRIMARY KEY (id, sub));
      CREATE TABLE app.parents (id int PRIMARY KEY);
      CREATE TABLE app.kids (id int PRIMARY KEY, parent int REFERENCES app.parents (id), code text UNIQUE)`);
    const items = new RuntimeTable(plan('items'), await describeTable(c, 'app', 'items'));
    const parents = new RuntimeTable(plan('parents'), await describeTable(c, 'app', 'parents'));
    const kids = new RuntimeTable(plan('kids'), await describeTable(c, 'app', 'kids'));
    for (const t of [items, parents, kids]) t.stats.state = 'cdc';
    assert.equal(await isOrderSensitive(c, items.target), false);
    assert.equal(await isOrderSensitive(c, parents.target), true);
    assert.equal(await isOrderSensitive(c, kids.target), true);
    const tables = new Map([['s.items', items], ['s.parents', parents], ['s.kids', kids]]);

    const next = rng(42);
    const model = new Map<string, Record<string, unknown>>();
    const changes: RowChange[] = [];
    const row = (id: number, sub: number, i: number): Record<string, unknown> => ({
      id: String(id), sub, label: i % 7 === 0 ? null : `l'${i}\t"x"\\ {a,b}`, amount: `${i}.${i % 100 < 10 ? '0' : ''}${i % 100}`,
      at: `2024-01-01 00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(6, '0').slice(-6)}`, data: Buffer.from([i % 256, 0, 92]),
    });
    const keyOf = (r: Record<string, unknown>): string => `${String(r.id)}/${String(r.sub)}`;
    for (let i = 0; i < 3000; i++) {
      const keys = [...model.keys()];
      const pick = (): Record<string, unknown> => model.get(keys[Math.floor(next() * keys.length)]!)!;
      const x = next();
      if (keys.length < 5 || x < 0.4) {
        const r = row(Math.floor(next() * 400), Math.floor(next() * 3), i);
        const old = model.get(keyOf(r));
        if (old) { changes.push({ op: 'update', schema: 's', table: 'items', before: old, after: r }); } else changes.push({ op: 'insert', schema: 's', table: 'items', after: r });
        model.set(keyOf(r), r);
      } else if (x < 0.75) {
        const b = pick();
        // A fifth of the updates move the row to another key (when that key is free).
        const moved = next() < 0.2 ? { id: String(Math.floor(next() * 400)), sub: Math.floor(next() * 3) } : {};
        const a = { ...row(Number(b.id), Number(b.sub), i), ...moved };
        if (keyOf(a) !== keyOf(b) && model.has(keyOf(a))) continue;
        changes.push({ op: 'update', schema: 's', table: 'items', before: b, after: a });
        model.delete(keyOf(b)); model.set(keyOf(a), a);
      } else {
        const b = pick();
        changes.push({ op: 'delete', schema: 's', table: 'items', before: b });
        model.delete(keyOf(b));
      }
    }
    // Order-sensitive tables: the parent must exist before the kid, the unique code moves between kids.
    const ordered: RowChange[] = [
      { op: 'insert', schema: 's', table: 'parents', after: { id: 1 } },
      { op: 'insert', schema: 's', table: 'kids', after: { id: 1, parent: 1, code: 'a' } },
      { op: 'update', schema: 's', table: 'kids', before: { id: 1, parent: 1, code: 'a' }, after: { id: 1, parent: 1, code: 'b' } },
      { op: 'insert', schema: 's', table: 'kids', after: { id: 2, parent: 1, code: 'a' } },
      { op: 'delete', schema: 's', table: 'kids', before: { id: 1, parent: 1, code: 'b' } },
    ];
    const rowByRow: RowChange[] = [];
    const counts: ChangeCounts = new Map();
    let seen = 0;
    for (let i = 0; i < changes.length; i += 700) {
      const batch = i === 0 ? [...ordered, ...changes.slice(i, i + 700)] : changes.slice(i, i + 700);
      await c.query('BEGIN');
      seen += await applySetwise(c, tables, batch, counts, async (ch) => {
        rowByRow.push(ch);
        const t = tables.get(`${ch.schema}.${ch.table}`)!;
        if (ch.op === 'delete') await c.query(`DELETE FROM app.${t.target.table} WHERE id = $1`, [ch.before.id]);
        else await c.query(`INSERT INTO app.${t.target.table} SELECT * FROM json_populate_record(NULL::app.${t.target.table}, $1) ON CONFLICT (id) DO ${t === kids ? 'UPDATE SET code = EXCLUDED.code' : 'NOTHING'}`, [JSON.stringify(ch.after)]);
      }, 'cdc');
      await c.query('COMMIT');
    }
    assert.equal(seen, changes.length + ordered.length);
    assert.deepEqual(rowByRow, ordered, 'the order-sensitive changes went through the row-by-row apply, in order');
    const n = counts.get(items)!;
    assert.equal(n.i + n.u + n.d, changes.length);

    const got = (await c.query("SELECT id, sub, label, amount, at, encode(data, 'hex') AS data FROM app.items ORDER BY id, sub")).rows as Record<string, string | null>[];
    const want = [...model.values()].sort((a, b) => Number(a.id) - Number(b.id) || Number(a.sub) - Number(b.sub)).map((r) => ({
      id: String(r.id), sub: String(r.sub), label: r.label as string | null, amount: String(r.amount),
      at: String(r.at).replace(/\.?0+$/, ''), data: (r.data as Buffer).toString('hex'),
    }));
    assert.equal(got.length, want.length);
    assert.deepEqual(got, want);
    assert.deepEqual((await c.query('SELECT id, parent, code FROM app.kids')).rows, [{ id: '2', parent: '1', code: 'a' }]);
  } finally {
    await c.end();
    await admin.query('DROP DATABASE IF EXISTS apply_sets').catch(() => undefined);
    await admin.end();
  }
});

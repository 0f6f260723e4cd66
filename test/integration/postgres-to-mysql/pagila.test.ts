import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ConvertResult } from '../../../converters/index.js';
import { freshMysqlDatabase, freshPgDatabase, mysqlUrlFromEnv, pgUrlFromEnv, runPsql } from '../../harness/db.js';
import { applySql, corpus, pgToMysql } from './helpers.js';
import { runMysqlClient } from '../../harness/db.js';

const skip = mysqlUrlFromEnv() && pgUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL / DBSHIFT_TEST_PG_URL are not set (run through scripts/with-test-servers.mjs)';
const PAGILA = corpus('pagila-postgres/pagila-schema.sql');

/** Codes reported for a source object (by source ref name), from objects and loose findings. */
function codesFor(r: ConvertResult, name: string): Set<string> {
  const out = new Set<string>();
  for (const o of r.objects) for (const d of o.diagnostics) if (d.object?.name === name || o.source.name === name) out.add(d.code);
  for (const d of r.diagnostics) if (d.object?.name === name) out.add(d.code);
  return out;
}

test('Pagila PostgreSQL → MariaDB applies, with action items for what MySQL lacks', { skip, timeout: 600_000 }, async () => {
  const result = pgToMysql(readFileSync(PAGILA, 'utf8'), 'pagila-schema.sql');
  const db = await freshMysqlDatabase('pagila_conv');
  try {
    await runMysqlClient(db.url, applySql(result));
    const tables = (await db.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'`)).map((r) => String(r.t));
    for (const t of ['actor', 'film', 'payment', 'rental', 'customer', 'inventory', 'store', 'staff']) assert.ok(tables.includes(t), `table ${t} created`);
    assert.ok(!tables.includes('payment_p2022_01'), 'partitions are not separate tables');
    assert.ok(tables.includes('rental_by_category'), 'materialized view became a table');
    const parts = await db.query(`SELECT COUNT(*) AS n FROM information_schema.partitions WHERE table_schema = DATABASE() AND table_name = 'payment' AND partition_name IS NOT NULL`);
    assert.ok(Number(parts[0]!.n) > 10, 'payment is partitioned');

    const expect: [string, string, string][] = [
      ['film', 'PM0013', 'domain year inlined into film.release_year'],
      ['film', 'PM0012', 'mpaa_rating enum inlined'],
      ['film', 'PM0007', 'special_features text[] → JSON'],
      ['film', 'PM0010', 'fulltext tsvector'],
      ['film.film_fulltext_idx', 'PM0021', 'GIN index'],
      ['film_fulltext_trigger', 'PM0010', 'tsvector_update_trigger'],
      ['payment', 'PM0020', 'partitions merged'],
      ['payment', 'PM0053', 'foreign keys of the partitions dropped'],
      ['group_concat', 'PM0048', 'custom aggregate'],
      ['film_embedding', 'PM0015', 'vector extension type'],
      ['rewards_report', 'PM0040', 'SETOF function → procedure'],
      ['film_in_stock', 'PM0040', 'SETOF function → procedure'],
      ['last_updated', 'PM0041', 'trigger function inlined'],
      ['rental_by_category', 'PM0026', 'materialized view → table'],
    ];
    const missing = expect.filter(([name, code]) => !codesFor(result, name).has(code)).map(([n, c, why]) => `${c} on ${n} (${why})`);
    assert.deepEqual(missing, []);
  } finally {
    await db.drop();
  }
});

/** Small data set inserted on both sides, in the PostgreSQL and MySQL spellings. */
const SEED = [
  `INSERT INTO language (language_id, name) VALUES (1, 'English')`,
  `INSERT INTO film (film_id, title, language_id, rental_duration, rental_rate, replacement_cost, fulltext) VALUES (1, 'A', 1, 3, 4.99, 19.99, ''), (2, 'B', 1, 5, 0.99, 9.99, '')`,
  `INSERT INTO inventory (inventory_id, film_id, store_id) VALUES (1, 1, 1), (2, 1, 1), (3, 2, 1)`,
  `INSERT INTO rental (rental_id, rental_date, inventory_id, customer_id, return_date, staff_id) VALUES
     (1, '2022-02-01 10:00:00', 1, 1, NULL, 1), (2, '2022-02-01 10:00:00', 2, 1, '2022-02-03 10:00:00', 1)`,
];

test('Pagila routines and last_updated triggers behave the same on MariaDB as on PostgreSQL', { skip, timeout: 600_000 }, async () => {
  const text = readFileSync(PAGILA, 'utf8');
  const pg = await freshPgDatabase('pagila_pg');
  const my = await freshMysqlDatabase('pagila_my');
  try {
    // PostgreSQL 15 here: Pagila's PG 18 features (uuidv7(), VIRTUAL generated columns) get their
    // PG 15 equivalents, and the vector extension (not installed) and its table are left out.
    const pgText = text.replace(/uuidv7\(\)/g, 'gen_random_uuid()').replace(/\)\s*VIRTUAL/g, ') STORED')
      .replace(/CREATE TABLE public\.film_embedding \([\s\S]*?\);/, '').replace(/^.*(\bvector\b|film_embedding).*$/gim, '');
    const loaded = await runPsql(pg.url, `SET client_min_messages = warning;\n${pgText}`, { args: ['-v', 'ON_ERROR_STOP=0', '-q'], allowFailure: true });
    assert.deepEqual(loaded.stderr.split('\n').filter((l) => l.startsWith('ERROR:')), [], 'PostgreSQL loaded the reference schema');
    await runMysqlClient(my.url, applySql(pgToMysql(text, 'pagila-schema.sql')));
    // The seed rows skip foreign keys (no stores/customers/staff) on both sides.
    await pg.query(`SET search_path = public; SET session_replication_role = replica`);
    await my.query(`SET FOREIGN_KEY_CHECKS = 0`);
    for (const s of SEED) { await pg.query(s); await my.query(s.replace(", fulltext)", ", `fulltext`)")); }
    await pg.query(`SET session_replication_role = origin`);

    const pgStock = await pg.query(`SELECT i, public.inventory_in_stock(i) AS s FROM generate_series(1, 3) AS i ORDER BY i`);
    const myStock = await my.query(`SELECT i, inventory_in_stock(i) AS s FROM (SELECT 1 AS i UNION ALL SELECT 2 UNION ALL SELECT 3) x ORDER BY i`);
    assert.deepEqual(myStock.map((r) => Number(r.s) === 1), pgStock.map((r) => r.s === true));
    assert.deepEqual(myStock.map((r) => Number(r.s) === 1), [false, true, true]);

    const pgHeld = await pg.query(`SELECT public.inventory_held_by_customer(1) AS a, public.inventory_held_by_customer(2) AS b`);
    const myHeld = await my.query(`SELECT inventory_held_by_customer(1) AS a, inventory_held_by_customer(2) AS b`);
    assert.deepEqual([myHeld[0]!.a, myHeld[0]!.b].map((v) => (v === null ? null : Number(v))), [pgHeld[0]!.a, pgHeld[0]!.b]);

    for (const d of ['2022-02-15 10:00:00', '2022-12-03 00:00:00', '2024-02-10 12:00:00']) {
      const [p] = await pg.query(`SELECT to_char(public.last_day($1::timestamptz), 'YYYY-MM-DD') AS d`, [d]);
      const [m] = await my.query(`SELECT DATE_FORMAT(\`${my.name}\`.last_day(?), '%Y-%m-%d') AS d`, [d]);
      assert.equal(m!.d, p!.d, `last_day(${d})`);
    }

    // last_updated: an UPDATE moves last_update forward on both.
    await pg.query(`UPDATE language SET last_update = '2000-01-01' WHERE language_id = 1`);
    await my.query(`UPDATE language SET last_update = '2000-01-01' WHERE language_id = 1`);
    const [pl] = await pg.query(`SELECT last_update > now() - interval '1 hour' AS fresh FROM language WHERE language_id = 1`);
    const [ml] = await my.query(`SELECT last_update > NOW() - INTERVAL 1 HOUR AS fresh FROM language WHERE language_id = 1`);
    assert.equal(pl!.fresh, true);
    assert.equal(Number(ml!.fresh), 1);
  } finally {
    await pg.drop();
    await my.drop();
  }
});

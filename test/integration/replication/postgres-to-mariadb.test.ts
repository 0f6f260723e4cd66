// PostgreSQL (pgoutput logical decoding) → MariaDB, full-load-and-cdc through the CLI: a writer
// inserts, updates (one changing a key), deletes (one cascading) and touches a table without a key
// during and after the load; an ADD COLUMN during CDC; the replication process killed with SIGKILL
// 10 times at random points and resumed. At the end each table is rendered by each side's own SQL
// and hashed (nothing of the tool involved; the differing keys are printed when they differ), then
// compared by `replicate validate` too.
// Task delete drops the slot and the publication.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { exited, keyDifferences, replicateCli as cli, replicateResult as cliResult, sleep, stopChild, withDb } from './helpers.js';

const MY = process.env.DBSHIFT_TEST_MYSQL_URL;
const PG = process.env.DBSHIFT_TEST_PG_URL;
const trace = (m: string): void => { if (process.env.DBSHIFT_TEST_VERBOSE) process.stderr.write(`[${new Date().toISOString()}] ${m}\n`); };


// Each side by its own SQL into one text form. timestamptz is compared as its UTC wall time. (PostgreSQL
// orders by the table's column only when qualified: a bare name is the text output column.)
const CHECKS: Record<string, { pg: string; my: string }> = {
  customers: {
    pg: `SELECT id::text, name, CASE WHEN vip THEN '1' ELSE '0' END, balance::text, to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'),
      COALESCE(array_to_json(tags)::text, '<null>'), COALESCE(data::text, '<null>'), COALESCE(encode(photo, 'hex'), '<null>'), COALESCE(note, '<null>'), COALESCE(email, '<null>')
      FROM pgshop.customers c ORDER BY c.id`,
    my: `SELECT id, name, CAST(vip AS CHAR), CAST(balance AS CHAR), DATE_FORMAT(created, '%Y-%m-%d %H:%i:%s.%f'),
      IFNULL(tags, '<null>'), IFNULL(data, '<null>'), IFNULL(LOWER(HEX(photo)), '<null>'), IFNULL(note, '<null>'), IFNULL(email, '<null>')
      FROM pgshop.customers ORDER BY id`,
  },
  orders: {
    pg: 'SELECT id::text, customer_id::text, amount::text, status FROM pgshop.orders o ORDER BY o.id',
    my: 'SELECT id, customer_id, CAST(amount AS CHAR), status FROM pgshop.orders ORDER BY id',
  },
  // No key: compared as a sorted multiset.
  readings: {
    pg: 'SELECT sensor::text, value::text FROM pgshop.readings r ORDER BY r.sensor, r.value',
    my: 'SELECT sensor, CAST(value AS CHAR) FROM pgshop.readings ORDER BY sensor, value',
  },
};

function digest(rows: unknown[][]): { n: number; h: string } {
  const h = createHash('sha1');
  for (const r of rows) h.update(`${r.map((v) => (v === null ? '<null>' : String(v))).join('\t')}\n`);
  return { n: rows.length, h: h.digest('hex') };
}

test('PostgreSQL → MariaDB full-load-and-cdc: writer during and after the load, ADD COLUMN, no-key table, 10× kill -9, identical rows', { skip: !MY || !PG ? 'DBSHIFT_TEST_MYSQL_URL / DBSHIFT_TEST_PG_URL not set' : false, timeout: 600_000 }, async () => {
  const admin = new pg.Client({ connectionString: PG! });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS repl_pg_src WITH (FORCE)');
  await admin.query('CREATE DATABASE repl_pg_src');
  await admin.end();
  const sourceUrl = withDb(PG!, 'repl_pg_src');
  const s = new pg.Client({ connectionString: sourceUrl });
  await s.connect();
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), `.task-pg-${process.pid}`);
  let child: ChildProcess | undefined;
  let writing = true;
  let ops = 0;
  let writer: Promise<void> | undefined;
  let my: mysql.Connection | undefined;
  try {
    await s.query(`CREATE SCHEMA pgshop;
      CREATE TABLE pgshop.customers (id int PRIMARY KEY, name text NOT NULL, vip boolean NOT NULL DEFAULT false, balance numeric(12,2) NOT NULL,
        created timestamptz NOT NULL, tags text[], data jsonb, photo bytea, note text);
      CREATE TABLE pgshop.orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES pgshop.customers (id) ON DELETE CASCADE,
        amount numeric(12,2) NOT NULL, status text NOT NULL DEFAULT 'new');
      CREATE TABLE pgshop.readings (sensor int NOT NULL, value numeric(8,2));
      ALTER TABLE pgshop.readings REPLICA IDENTITY FULL;
      INSERT INTO pgshop.customers SELECT g, 'cust ' || g || E'\\t"q"', g % 7 = 0, g * 3.17, timestamptz '2024-03-10 01:30:00+05' + g * interval '17 minutes 0.123457 seconds',
        CASE WHEN g % 4 = 0 THEN NULL ELSE ARRAY['a' || g, 'b "x"', NULL] END, jsonb_build_object('g', g, 'l', jsonb_build_array(1, 'two')),
        CASE WHEN g % 3 = 0 THEN NULL ELSE decode(lpad(to_hex(g), 6, '0') || '00ff', 'hex') END, CASE WHEN g % 5 = 0 THEN NULL ELSE E'note\\n' || g || E'\\\\x' END
        FROM generate_series(1, 15000) g;
      INSERT INTO pgshop.orders SELECT g, g, (g % 1000) + 0.5, (ARRAY['new', 'paid', 'shipped'])[1 + g % 3] FROM generate_series(1, 15000) g;
      INSERT INTO pgshop.readings SELECT g % 50, (g % 7) * 1.5 FROM generate_series(1, 2000) g;`);
    my = await mysql.createConnection({ uri: MY!, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
    await my.query('DROP DATABASE IF EXISTS pgshop');
    rmSync(dir, { recursive: true, force: true });
    const created = await cliResult(['create', dir, '--id', 'pg-shop', '--source-url', sourceUrl, '--target-url', withDb(MY!, 'mysql')]);
    assert.equal(created.code, 0, created.err);

    writer = (async () => {
      const w = new pg.Client({ connectionString: sourceUrl });
      await w.connect();
      let next = 100_000;
      try {
        while (writing) {
          const id = 1 + Math.floor(Math.random() * 15_000);
          try {
            switch (ops % 7) {
              case 0: await w.query(`BEGIN; INSERT INTO pgshop.customers (id, name, balance, created, tags, photo) VALUES (${next}, 'new ${next}', 1.25, now(), ARRAY['n'], '\\x0001');
                INSERT INTO pgshop.orders (id, customer_id, amount) VALUES (${next}, ${next}, 9.99); COMMIT`); next++; break;
              case 1: await w.query(`UPDATE pgshop.customers SET balance = balance + 1, vip = NOT vip, note = COALESCE(note, '') || '+', tags = tags || ARRAY['u'] WHERE id = ${id}`); break;
              case 2: await w.query(`DELETE FROM pgshop.customers WHERE id = ${id}`); break;
              case 3: await w.query(`BEGIN; UPDATE pgshop.orders SET status = 'paid' WHERE id = ${id}; UPDATE pgshop.orders SET amount = amount * 2 WHERE id = ${id + 1}; COMMIT`); break;
              case 4: await w.query(`UPDATE pgshop.orders SET id = id + 1000000 WHERE id = ${id} AND id < 1000000`); break;
              case 5: await w.query(`DELETE FROM pgshop.orders WHERE id = ${id + 2}`); break;
              case 6: await w.query(`INSERT INTO pgshop.readings VALUES (${id % 50}, ${id % 9});
                UPDATE pgshop.readings SET value = value + 1 WHERE ctid = (SELECT ctid FROM pgshop.readings WHERE sensor = ${(id + 1) % 50} LIMIT 1);
                DELETE FROM pgshop.readings WHERE ctid = (SELECT ctid FROM pgshop.readings WHERE sensor = ${(id + 2) % 50} LIMIT 1)`); break;
            }
          } catch (e) {
            if (!['23505', '23503'].includes((e as { code?: string }).code ?? '')) throw e;
            await w.query('ROLLBACK').catch(() => undefined);
          }
          ops++;
          await sleep(3);
        }
      } finally { await w.end(); }
    })();

    child = cli(['start', dir]);
    const working = async (c: ChildProcess, capturing: boolean): Promise<void> => {
      const end = Date.now() + 60_000;
      while (Date.now() < end) {
        try {
          const st = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { pid?: number; status?: string; phase?: string };
          if (st.pid === c.pid && st.status === 'running' && (!capturing || st.phase === 'cdc' || st.phase === 'cached-changes')) return;
          if (c.exitCode !== null) assert.fail(`the replication process exited with ${c.exitCode}`);
        } catch (e) { if (e instanceof assert.AssertionError) throw e; }
        await sleep(100);
      }
      assert.fail('the replication process did not start working within 60 s');
    };
    for (let k = 0; k < 10; k++) {
      await working(child, k >= 3);
      const c = child;
      await sleep(100 + Math.floor(Math.random() * 1200));
      c.kill('SIGKILL');
      await exited(c);
      trace(`kill ${k + 1} done`);
      if (k === 5) await s.query("ALTER TABLE pgshop.customers ADD COLUMN email varchar(80) DEFAULT 'none@example.com'");
      if (k >= 6) await s.query(`UPDATE pgshop.customers SET email = 'c' || id || '@x' WHERE id % 97 = ${k}`);
      child = cli(['resume', dir]);
    }
    await sleep(1500);
    writing = false;
    await writer;
    assert.ok(ops > 300, `the writer did ${ops} operations`);

    // A last source transaction: once it is on the target, everything before it is.
    await s.query("INSERT INTO pgshop.customers (id, name, balance, created) VALUES (999999, 'marker', 0, now())");
    const deadline = Date.now() + 180_000;
    for (;;) {
      const [rows] = await my.query('SELECT 1 FROM pgshop.customers WHERE id = 999999') as unknown as [unknown[]];
      if (rows.length) break;
      if (Date.now() > deadline) {
        const [plist] = await my.query('SELECT ID, USER, COMMAND, TIME, STATE, LEFT(INFO, 120) AS INFO FROM information_schema.PROCESSLIST');
        const [trx] = await my.query('SELECT trx_id, trx_state, trx_started, trx_mysql_thread_id, trx_rows_locked FROM information_schema.INNODB_TRX');
        const slots = (await s.query('SELECT slot_name, active, active_pid, confirmed_flush_lsn::text, pg_current_wal_lsn()::text AS now FROM pg_replication_slots')).rows;
        const act = (await s.query("SELECT pid, application_name, state, wait_event, left(query, 80) AS q FROM pg_stat_activity WHERE backend_type IN ('walsender', 'client backend')")).rows;
        process.stderr.write(`diagnostics:\n${JSON.stringify({ plist, trx, slots, act, state: readFileSync(join(dir, 'state.json'), 'utf8') }, null, 1)}\n`);
        assert.fail('replication did not catch up with the marker row');
      }
      await sleep(300);
    }

    for (const [name, q] of Object.entries(CHECKS)) {
      const prow = (await s.query({ text: q.pg, rowMode: 'array' })).rows as unknown[][];
      const [mrows] = await my.query({ sql: q.my, rowsAsArray: true }) as unknown as [unknown[][]];
      const a = digest(prow); const b = digest(mrows);
      if (a.h !== b.h || a.n !== b.n) process.stderr.write(`${name}: ${keyDifferences(prow, mrows)}\n`);
      assert.equal(b.n, a.n, `${name}: row count`);
      assert.equal(b.h, a.h, `${name}: checksum`);
    }
    // The tool's validation as well: per key range, every table (the keyless one by its checksum).
    const v = await cliResult(['validate', dir]);
    assert.equal(v.code, 0, `${v.out}\n${v.err}`);
    assert.match(v.out, /^OK +pgshop\.customers: source (\d+) rows, target \1 rows, \d+ key range/m);
    assert.match(v.out, /^OK +pgshop\.orders: source (\d+) rows, target \1 rows, \d+ key range/m);
    assert.match(v.out, /^OK +pgshop\.readings: source (\d+) rows, target \1 rows, .*no key/m);
    const status = await cliResult(['status', dir, '--json']);
    assert.equal(status.code, 0, status.err);
    const st = JSON.parse(status.out) as { status: string; tables: Record<string, { ddls: number; updates: number; deletes: number }> };
    assert.equal(st.status, 'running');
    assert.ok(st.tables['pgshop.customers']!.ddls >= 1, 'the ADD COLUMN is counted');
    assert.ok(st.tables['pgshop.readings']!.deletes > 0, 'changes of the table without a key are applied');
    const logs = readFileSync(join(dir, 'task.log'), 'utf8');
    assert.match(logs, /added column `email`/);
    assert.match(logs, /REPL0003/);
    assert.match(logs, /slot dbshift_pg_shop holds [\d.]+ MB of WAL/);

    const del = await cliResult(['delete', dir]);
    assert.equal(del.code, 0, del.err);
    assert.equal((await s.query("SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name = 'dbshift_pg_shop'")).rows[0].n, 0, 'slot dropped');
    assert.equal((await s.query("SELECT count(*)::int AS n FROM pg_publication WHERE pubname = 'dbshift_pg_shop'")).rows[0].n, 0, 'publication dropped');
  } catch (e) {
    try { process.stderr.write(`task.log:\n${readFileSync(join(dir, 'task.log'), 'utf8').slice(-12000)}\n`); } catch { /* no log */ }
    throw e;
  } finally {
    writing = false;
    await stopChild(child);
    await writer?.catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    await s.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'dbshift_pg_shop' AND NOT active").catch(() => undefined);
    await s.end();
    await my?.end();
  }
});

// MariaDB (binlog) → PostgreSQL with the DMS fixture files unchanged: full load of 8 tables in
// parallel while a writer inserts, updates and deletes; an ADD COLUMN during CDC; the replication
// process killed with SIGKILL 10 times at random points and resumed. At the end the rows on both
// sides are compared by the test's own checksums (not the tool's) and by `replicate validate`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { exited, keyDifferences, replicateCli as cli, replicateResult as cliResult, sleep, stopChild, withDb, FIXTURES } from './helpers.js';

const MY = process.env.DBSHIFT_TEST_MYSQL_URL;
const PG = process.env.DBSHIFT_TEST_PG_URL;




const trace = (m: string): void => { if (process.env.DBSHIFT_TEST_VERBOSE) process.stderr.write(`[${new Date().toISOString()}] ${m}\n`); };

const raw = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

// Each side rendered by its own SQL into one text form; nothing of the tool is involved. (PostgreSQL
// orders by the table's integer column, not the text output column of the same name.)
const CHECKS: Record<string, { my: string; pg: string }> = {
  customers: {
    my: "SELECT id, name, IF(vip, 't', 'f'), CAST(balance AS CHAR), DATE_FORMAT(created, '%Y-%m-%d %H:%i:%s'), IFNULL(note, '<null>'), IFNULL(email, '<null>') FROM shop.customers ORDER BY id",
    pg: "SELECT id::text, name, CASE WHEN vip THEN 't' ELSE 'f' END, balance::text, to_char(created, 'YYYY-MM-DD HH24:MI:SS'), COALESCE(note, '<null>'), COALESCE(email, '<null>') FROM shop.customers c ORDER BY c.id",
  },
  orders: {
    my: 'SELECT id, customer_id, CAST(amount AS CHAR), status FROM shop.orders ORDER BY id',
    pg: 'SELECT id::text, customer_id::text, amount::text, status::text FROM shop.orders o ORDER BY o.id',
  },
};
for (let i = 1; i <= 6; i++) CHECKS[`static${i}`] = { my: `SELECT id, label, HEX(payload) FROM shop.static${i} ORDER BY id`, pg: `SELECT id::text, label, upper(encode(payload, 'hex')) FROM shop.static${i} s ORDER BY s.id` };

async function digest(rows: unknown[][]): Promise<{ n: number; h: string }> {
  const h = createHash('sha1');
  for (const r of rows) h.update(`${r.map((v) => (v === null ? '<null>' : String(v))).join('\t')}\n`);
  return { n: rows.length, h: h.digest('hex') };
}

test('MariaDB → PostgreSQL full-load-and-cdc: writer during and after the load, ADD COLUMN, 10× kill -9, identical rows', { skip: !MY || !PG ? 'DBSHIFT_TEST_MYSQL_URL / DBSHIFT_TEST_PG_URL not set' : false, timeout: 600_000 }, async () => {
  const my = await mysql.createConnection({ uri: MY!, multipleStatements: true, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
  // A connection left open keeps the test process alive: closed when the setup fails.
  try {
    await my.query(`DROP DATABASE IF EXISTS shop; CREATE DATABASE shop; USE shop;
      CREATE TABLE customers (id int unsigned PRIMARY KEY AUTO_INCREMENT, name varchar(60) NOT NULL, vip tinyint(1) NOT NULL DEFAULT 0,
        balance decimal(12,2) NOT NULL, created datetime NOT NULL, note text, KEY (name));
      CREATE TABLE orders (id bigint PRIMARY KEY AUTO_INCREMENT, customer_id int unsigned NOT NULL, amount decimal(12,2) NOT NULL,
        status enum('new','paid','shipped') NOT NULL DEFAULT 'new', FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE);`);
    for (let i = 1; i <= 6; i++) await my.query(`CREATE TABLE static${i} (id int PRIMARY KEY, label varchar(30), payload varbinary(16))`);
    // Seed: 30,000 customers, 30,000 orders, 6 small static tables.
    for (let b = 0; b < 30; b++) {
      const vals: string[] = []; const ords: string[] = [];
      for (let i = 1; i <= 1000; i++) {
        const id = b * 1000 + i;
        vals.push(`(${id}, 'cust ${id}\\t"q"', ${id % 7 === 0 ? 1 : 0}, ${(id * 3.17).toFixed(2)}, '2024-01-0${1 + (id % 9)} 1${id % 10}:00:0${id % 10}', ${id % 5 === 0 ? 'NULL' : `'note\\n${id}\\\\x'`})`);
        ords.push(`(${id}, ${id}, ${(id % 1000) + 0.5}, '${['new', 'paid', 'shipped'][id % 3]}')`);
      }
      await my.query(`INSERT INTO customers VALUES ${vals.join(',')}; INSERT INTO orders VALUES ${ords.join(',')}`);
    }
    for (let i = 1; i <= 6; i++) await my.query(`INSERT INTO static${i} VALUES (1, 'a', x'00'), (2, NULL, x'ff00ff'), (3, 'c\\\\d', NULL)`);

    const pgAdmin = new pg.Client({ connectionString: PG! });
    await pgAdmin.connect();
    await pgAdmin.query('DROP DATABASE IF EXISTS repl_shop WITH (FORCE)');
    await pgAdmin.query('CREATE DATABASE repl_shop');
    await pgAdmin.end();
  } catch (e) { await my.end(); throw e; }
  const targetUrl = withDb(PG!, 'repl_shop');
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), `.task-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  let child: ChildProcess | undefined;
  let writing = true;
  let ops = 0;
  let writer: Promise<void> | undefined;
  let t: pg.Client | undefined;
  try {
    const created = await cliResult(['create', dir, '--id', 'shop-task', '--source-url', withDb(MY!, 'shop'), '--target-url', targetUrl,
      '--task-settings', fileURLToPath(new URL('task_settings.json', FIXTURES)), '--table-mappings', fileURLToPath(new URL('table_mappings.json', FIXTURES))]);
    assert.equal(created.code, 0, created.err);

    // The writer: inserts, updates (one changing a key), deletes, some in multi-statement transactions.
    writer = (async () => {
      const w = await mysql.createConnection({ uri: withDb(MY!, 'shop'), multipleStatements: true });
      let next = 100_000;
      try {
        while (writing) {
          const id = 1 + Math.floor(Math.random() * 30_000);
          try {
          switch (ops % 6) {
            case 0: await w.query(`INSERT INTO customers (id, name, balance, created, note) VALUES (${next}, 'new ${next}', 1.25, NOW(), 'x\\ty')`); await w.query(`INSERT INTO orders (customer_id, amount) VALUES (${next++}, 9.99)`); break;
            case 1: await w.query(`UPDATE customers SET balance = balance + 1, vip = 1 - vip, note = CONCAT(IFNULL(note, ''), '+') WHERE id = ${id}`); break;
            case 2: await w.query(`DELETE FROM customers WHERE id = ${id}`); break;
            case 3: await w.query(`START TRANSACTION; UPDATE orders SET status = 'paid' WHERE id = ${id}; UPDATE orders SET amount = amount * 2 WHERE id = ${id + 1}; COMMIT`); break;
            case 4: await w.query(`UPDATE orders SET id = id + 1000000 WHERE id = ${id} AND id < 1000000`); break;
            case 5: await w.query(`DELETE FROM orders WHERE id = ${id + 2}`); break;
          }
          } catch (e) {
            // A key collision or a missing parent is the writer's own business; anything else is not.
            if (!['ER_DUP_ENTRY', 'ER_NO_REFERENCED_ROW_2'].includes((e as { code?: string }).code ?? '')) throw e;
            await w.query('ROLLBACK').catch(() => undefined);
          }
          ops++;
          await sleep(2);
        }
      } finally { await w.end(); }
    })();

    // Start, then kill -9 at random points (during the load, the cached changes and CDC) and resume.
    child = cli(['start', dir]);
    let addedColumn = false;
    // Each kill lands at a random moment after the process has started working (connected, phase set).
    // The first kills land anywhere (often in the full load); later ones once changes are being applied.
    const working = async (c: ChildProcess, capturing: boolean): Promise<void> => {
      const end = Date.now() + 60_000;
      while (Date.now() < end) {
        try {
          const s = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { pid?: number; status?: string; phase?: string };
          if (s.pid === c.pid && s.status === 'running' && (!capturing || s.phase === 'cdc' || s.phase === 'cached-changes')) return;
          if (c.exitCode !== null) assert.fail(`the replication process exited with ${c.exitCode}`);
        } catch { /* being written */ }
        await sleep(100);
      }
      assert.fail('the replication process did not start working within 60 s');
    };
    for (let k = 0; k < 10; k++) {
      await working(child, k >= 3);
      const c = child;
      await sleep(100 + Math.floor(Math.random() * 1500));
      c.kill('SIGKILL');
      await exited(c);
      trace(`kill ${k + 1} done`);
      if (k === 5) { await my.query("ALTER TABLE shop.customers ADD COLUMN email varchar(80) DEFAULT 'none@example.com'"); addedColumn = true; }
      if (k >= 6) await my.query(`UPDATE shop.customers SET email = CONCAT('c', id, '@x') WHERE id % 97 = ${k}`);
      child = cli(['resume', dir]);
    }
    assert.ok(addedColumn);
    await sleep(2000);
    writing = false;
    await writer;
    assert.ok(ops > 500, `the writer did ${ops} operations`);

    // Wait until the applied position reaches the source's end of binlog.
    t = new pg.Client({ connectionString: targetUrl, types: raw });
    await t.connect();
    const [[master]] = await my.query('SHOW MASTER STATUS') as unknown as [{ File: string; Position: string }[]];
    // Fails when the applied position stops moving for 60 s (a stall), not when a loaded machine is slow.
    const hardDeadline = Date.now() + 300_000;
    let stallDeadline = Date.now() + 60_000;
    let lastSeen = '';
    for (;;) {
      const r = await t.query("SELECT phase, position->>'file' AS file, (position->>'pos')::bigint AS pos FROM dbshift_replication.positions WHERE task = 'shop-task'");
      const row = r.rows[0] as { phase: string; file: string; pos: string } | undefined;
      if (row && row.phase === 'cdc' && row.file === master!.File && Number(row.pos) >= Number(master!.Position)) break;
      const seen = JSON.stringify(row);
      if (seen !== lastSeen) { lastSeen = seen; stallDeadline = Date.now() + 60_000; }
      assert.ok(Date.now() < stallDeadline && Date.now() < hardDeadline, `replication did not catch up: ${seen} vs ${master!.File}:${master!.Position}`);
      await sleep(300);
    }

    const status = await cliResult(['status', dir, '--json']);
    assert.equal(status.code, 0, status.err);
    const st = JSON.parse(status.out) as { status: string; tables: Record<string, { ddls: number; fullLoadRows: number; inserts: number; updates: number; deletes: number }> };
    assert.equal(st.status, 'running');
    assert.ok(st.tables['shop.customers']!.ddls >= 1, 'the ADD COLUMN is counted');

    // The tool's validation, per key range (printed when it finds differences).
    const v = await cliResult(['validate', dir]);
    if (v.code !== 0) process.stderr.write(`validate:\n${v.out}\n${v.err}\n`);
    // Our own comparison: every table rendered on each side by its own SQL, hashed.
    for (const [name, q] of Object.entries(CHECKS)) {
      const [mrows] = await my.query({ sql: q.my, rowsAsArray: true }) as unknown as [unknown[][]];
      const prow = (await t.query({ text: q.pg, rowMode: 'array' })).rows as unknown[][];
      const a = await digest(mrows); const b = await digest(prow);
      if (b.h !== a.h || b.n !== a.n) process.stderr.write(`${name}: ${keyDifferences(mrows, prow)}\n`);
      assert.equal(b.n, a.n, `${name}: row count`);
      assert.equal(b.h, a.h, `${name}: checksum`);
    }
    assert.equal(v.code, 0, `${v.out}\n${v.err}`);
    assert.match(v.out, /^OK +shop\.customers: source (\d+) rows, target \1 rows/m);
    // Foreign keys and the secondary index were created after the load, from the converted schema.
    const fks = await t.query("SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND conrelid = 'shop.orders'::regclass");
    assert.equal(fks.rows[0].n, '1');
    const stop = await cliResult(['stop', dir]);
    assert.equal(stop.code, 0, stop.err);
    const logs = readFileSync(join(dir, 'task.log'), 'utf8');
    assert.match(logs, /added column "email"/);
  } catch (e) {
    try { process.stderr.write(`task.log:\n${readFileSync(join(dir, 'task.log'), 'utf8').slice(-4000)}\n`); } catch { /* no log */ }
    throw e;
  } finally {
    writing = false;
    await stopChild(child);
    await writer?.catch(() => undefined);
    await t?.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    await my.end();
  }
});

// `dbshift replicate validate` for a PostgreSQL → MariaDB task on the real servers: after a full load
// of values that print differently on the two engines (numeric scale, floats, booleans → tinyint,
// timestamptz → UTC DATETIME(6), bytea, jsonb key order, arrays → JSON, CHAR padding, non-ASCII
// text, NULLs) validation passes over several key ranges; then a changed value, a missing row, an
// extra row (single and composite keys) and a changed row of a table without a key are planted on
// the target, and validation lists exactly those keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { replicateResult, withDb } from './helpers.js';

const MY = process.env.DBSHIFT_TEST_MYSQL_URL;
const PG = process.env.DBSHIFT_TEST_PG_URL;

test('validate (PostgreSQL → MariaDB): passes on identical data, lists a changed value, a missing and an extra row down to the keys', { skip: !MY || !PG ? 'DBSHIFT_TEST_MYSQL_URL / DBSHIFT_TEST_PG_URL not set' : false, timeout: 240_000 }, async () => {
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), `.task-validate-pg-${process.pid}`);
  const settings = `${dir}-settings.json`;
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: PG! });
  await admin.connect();
  try {
    await admin.query('DROP DATABASE IF EXISTS repl_validate_src WITH (FORCE)');
    await admin.query('CREATE DATABASE repl_validate_src');
  } finally { await admin.end(); }
  const sourceUrl = withDb(PG!, 'repl_validate_src');
  const s = new pg.Client({ connectionString: sourceUrl });
  await s.connect();
  let my: mysql.Connection | undefined;
  try {
    await s.query(`CREATE SCHEMA pgval;
      CREATE TABLE pgval.items (id int PRIMARY KEY, price numeric(12,2), ratio double precision, active boolean NOT NULL,
        seen timestamptz, day date, label text, code char(5), raw bytea, doc jsonb, tags text[], nums int[]);
      INSERT INTO pgval.items SELECT g, CASE WHEN g % 11 = 0 THEN NULL WHEN g % 2 = 0 THEN g * 1.10 ELSE -(g % 3) * 0.10 END,
        CASE WHEN g % 13 = 0 THEN NULL ELSE g / 7.0 END, g % 3 = 0,
        timestamptz '2024-03-31 01:59:59.5+02' + g * interval '1 hour 0.000017 seconds', date '2024-02-28' + g,
        CASE WHEN g % 17 = 0 THEN NULL ELSE 'été ' || g || E' ☃ 😀\\t"\\\\' END, CASE WHEN g % 4 = 0 THEN 'ab' ELSE 'abcde' END,
        CASE WHEN g % 5 = 0 THEN NULL ELSE decode(lpad(to_hex(g), 8, '0') || 'ff00', 'hex') END,
        jsonb_build_object('z', g, 'a', jsonb_build_array(1.50, 'x', null), 'm', jsonb_build_object('k', true)),
        CASE WHEN g % 6 = 0 THEN NULL ELSE ARRAY['a' || g, 'b "q"', NULL] END, ARRAY[g, -g, 0]
        FROM generate_series(1, 2500) g;
      CREATE TABLE pgval.lines (order_id int, line int, qty numeric(8,3) NOT NULL, PRIMARY KEY (order_id, line));
      INSERT INTO pgval.lines SELECT g / 4, g % 4, g * 0.125 FROM generate_series(4, 1203) g;
      CREATE TABLE pgval.readings (sensor int NOT NULL, value numeric(8,2));
      INSERT INTO pgval.readings SELECT g % 10, (g % 7) * 1.5 FROM generate_series(1, 300) g;`);
    my = await mysql.createConnection({ uri: MY! });
    await my.query('DROP DATABASE IF EXISTS pgval');
    writeFileSync(settings, JSON.stringify({ ValidationSettings: { EnableValidation: true, PartitionSize: 400 } }));

    const created = await replicateResult(['create', dir, '--id', 'pg-validate', '--type', 'full-load', '--source-url', sourceUrl, '--target-url', withDb(MY!, 'mysql'), '--task-settings', settings]);
    assert.equal(created.code, 0, created.err);
    const run = await replicateResult(['start', dir], 180_000);
    assert.equal(run.code, 0, `${run.out}\n${run.err}`);
    // After the full load (EnableValidation): every table validated, in the task log.
    const log = readFileSync(join(dir, 'task.log'), 'utf8');
    for (const t of ['items', 'lines', 'readings']) assert.match(log, new RegExp(`validation: OK pgval\\.${t} \\(\\d+/\\d+ rows\\)`), log);

    // On demand, identical data: every table OK, the keyed ones over several ranges.
    const same = await replicateResult(['validate', dir]);
    assert.equal(same.code, 0, `${same.out}\n${same.err}`);
    assert.match(same.out, /^OK +pgval\.items: source 2500 rows, target 2500 rows, 7 key range\(s\) compared$/m);
    assert.match(same.out, /^OK +pgval\.lines: source 1200 rows, target 1200 rows, 3 key range\(s\) compared$/m);
    assert.match(same.out, /^OK +pgval\.readings: source 300 rows, target 300 rows, 1 key range\(s\) compared \(no key/m);
    // The test's own check that the data really is equal: MariaDB's view of a few converted values.
    const [probe] = await my.query("SELECT CAST(active AS CHAR) AS a, CAST(price AS CHAR) AS p, DATE_FORMAT(seen, '%Y-%m-%d %H:%i:%s.%f') AS s, HEX(raw) AS r FROM pgval.items WHERE id = 3") as unknown as [{ a: string; p: string; s: string; r: string }[]];
    assert.deepEqual(probe[0], { a: '1', p: '0.00', s: '2024-03-31 02:59:59.500051', r: '00000003FF00' });

    // Planted: a changed value in range 1, a bool flipped in range 4, a microsecond off in range 7,
    // a missing row in range 2, an extra row; a composite-key row changed and one extra; the no-key table changed.
    await my.query('UPDATE pgval.items SET price = price + 0.01 WHERE id = 7');
    await my.query('UPDATE pgval.items SET active = NOT active WHERE id = 1500');
    await my.query('UPDATE pgval.items SET seen = seen + INTERVAL 1 MICROSECOND WHERE id = 2499');
    await my.query('DELETE FROM pgval.items WHERE id = 555');
    await my.query("INSERT INTO pgval.items (id, active, label) VALUES (900000, 0, 'planted')");
    await my.query('UPDATE pgval.lines SET qty = qty * 2 WHERE order_id = 150 AND line = 2');
    await my.query('INSERT INTO pgval.lines VALUES (9999, 1, 1.000)');
    await my.query('UPDATE pgval.readings SET value = value + 1 LIMIT 1');
    const diff = await replicateResult(['validate', dir]);
    assert.equal(diff.code, 4, `${diff.out}\n${diff.err}`);
    const lines = diff.out.split('\n');
    assert.ok(lines.includes('MISMATCH pgval.items: source 2500 rows, target 2500 rows, 7 key range(s) compared'), diff.out);
    assert.ok(lines.includes('  keys 1 … 400: different: 7'), diff.out);
    assert.ok(lines.includes('  keys 401 … 800: missing on target: 555'), diff.out);
    assert.ok(lines.includes('  keys 1201 … 1600: different: 1500'), diff.out);
    assert.ok(lines.includes('  keys 2401 … 2500: different: 2499'), diff.out);
    assert.ok(lines.includes('  outside the source key ranges: extra on target: 900000'), diff.out);
    assert.ok(lines.includes('MISMATCH pgval.lines: source 1200 rows, target 1201 rows, 3 key range(s) compared'), diff.out);
    assert.ok(lines.includes('  keys 101,0 … 200,3: different: 150,2'), diff.out);
    assert.ok(lines.includes('  outside the source key ranges: extra on target: 9999,1'), diff.out);
    assert.match(diff.out, /^MISMATCH pgval\.readings: source 300 rows, target 300 rows, 1 key range\(s\) compared \(no key: .* the checksums differ\)$/m);
    // Nothing else is listed: the ranges without a planted difference compare equal.
    assert.equal(lines.filter((l) => l.startsWith('  ')).length, 7, diff.out);
    const json = await replicateResult(['validate', dir, '--json']);
    const vs = JSON.parse(json.out) as { table: string; ok: boolean; mismatches: { missing: string[]; extra: string[]; different: string[] }[] }[];
    assert.deepEqual(vs.find((v) => v.table === 'pgval.items')!.mismatches.flatMap((m) => [...m.missing, ...m.extra, ...m.different]).sort(), ['1500', '2499', '555', '7', '900000']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(settings, { force: true });
    await my?.end().catch(() => undefined);
    await s.end().catch(() => undefined);
  }
});

// Full load value fidelity on real servers: the byte path (row packets → COPY text) and the generic
// path (mysql2 values → converters; taken for a table with a JSON column) load the same awkward
// values — NULLs, \ TAB LF CR in text, zero dates, decimals, fractional seconds, binary, unsigned
// bigint, booleans, enums — and PostgreSQL's own text output of each column must be what the
// source holds. A NUL in text fails that table with the row's key; the other tables still load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { loadTaskDefinition } from '../../../electron/node/replication/task/index.js';
import { runTask } from '../../../electron/node/replication/runner.js';
import { withDb } from './helpers.js';

const MY = process.env.DBSHIFT_TEST_MYSQL_URL;
const PG = process.env.DBSHIFT_TEST_PG_URL;

const COLUMNS = `id int PRIMARY KEY, t text, vc varchar(20), d decimal(12,2), dt datetime(6), dt0 datetime, dd date,
  b varbinary(16), flag tinyint(1), big bigint unsigned, f double, e enum('red','green'), tm time(3)`;
// Each row: the source literal values, then what PostgreSQL must print for each column.
const ROWS: { src: string; want: (string | null)[] }[] = [
  { src: `1, 'tab\\there', 'a\\\\b', -1234567890.12, '2024-02-29 23:59:59.123456', '2024-01-01 10:00:00', '2024-01-31', X'005C09FF0A', 1, 9223372036854775807, 0.1, 'green', '12:34:56.700'`,
    want: ['1', 'tab\there', 'a\\b', '-1234567890.12', '2024-02-29 23:59:59.123456', '2024-01-01 10:00:00', '2024-01-31', '\\x005c09ff0a', 't', '9223372036854775807', '0.1', 'green', '12:34:56.7'] },
  { src: `2, 'line1\\nline2\\r\\nend\\\\', '', 0.00, '2024-01-01 00:00:00.500000', '0000-00-00 00:00:00', '2020-00-10', X'', 0, 0, -2.5e-10, 'red', '00:00:00'`,
    want: ['2', 'line1\nline2\r\nend\\', '', '0.00', '2024-01-01 00:00:00.5', null, null, '\\x', 'f', '0', '-2.5e-10', 'red', '00:00:00'] },
  { src: `3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL`,
    want: ['3', null, null, null, null, null, null, null, null, null, null, null, null] },
  { src: `4, 'ünïcødé ✓ 𝄞 "quoted" \\\\N', 'x\\ty', 9999999999.99, '1999-12-31 23:59:59.000001', '2024-05-00 00:00:00', '0000-00-00', X'5C4E', 1, 4294967296, 1e300, 'green', '23:59:59.999'`,
    want: ['4', 'ünïcødé ✓ 𝄞 "quoted" \\N', 'x\ty', '9999999999.99', '1999-12-31 23:59:59.000001', null, null, '\\x5c4e', 't', '4294967296', '1e+300', 'green', '23:59:59.999'] },
];

// COPY BINARY path: every column has a binary encoding (copy-binary.ts). Limits of each type,
// awkward text, zero dates, and what PostgreSQL prints for each (jsonb: j is checked separately).
const BIN_COLUMNS = `id int PRIMARY KEY, bi bigint, si smallint, mi mediumint, ti tinyint, yr year, t text, vc varchar(20), ch char(5),
  d decimal(12,2), d65 decimal(65,30), dz decimal(5,0), dt datetime(6), dt0 datetime, dd date, b varbinary(16), bl blob, flag tinyint(1), bt bit(1),
  f double, tm time(6), j json`;
const NINES = `${'9'.repeat(35)}.${'9'.repeat(30)}`;
const LONG_DIGITS = '12345678901234567890123456789012345.123456789012345678901234567890';
const JSON_DOCS = ['{"b": 1, "a": [1, 2.50, 1e2, -0.0]}', '[]', null, '{"k": "v\\u00e9 \\t", "n": 123456789012345678901234567890.5}'];
const BIN_ROWS: { src: string; want: (string | null)[] }[] = [
  { src: `1, -9223372036854775808, -32768, -8388608, -128, 1901, 'tab\\there', 'a\\\\b', 'ab', -1234567890.12, '-${NINES}', 0, '2024-02-29 23:59:59.123456', '1000-01-01 00:00:00', '1000-01-01', X'005C09FF0A', X'00', 1, b'1', 0.1, '00:00:00'`,
    want: ['1', '-9223372036854775808', '-32768', '-8388608', '-128', '1901', 'tab\there', 'a\\b', 'ab   ', '-1234567890.12', `-${NINES}`, '0', '2024-02-29 23:59:59.123456', '1000-01-01 00:00:00', '1000-01-01', '\\x005c09ff0a', '\\x00', 't', 't', '0.1', '00:00:00'] },
  { src: `2, 9223372036854775807, 32767, 8388607, 127, 2155, 'line1\\nline2\\r\\nend\\\\', '', '', 0.00, 0.000000000000000000000000000001, 99999, '2024-01-01 00:00:00.500000', '0000-00-00 00:00:00', '2020-00-10', X'', X'', 0, b'0', -2.5e-10, '23:59:59.999999'`,
    want: ['2', '9223372036854775807', '32767', '8388607', '127', '2155', 'line1\nline2\r\nend\\', '', '     ', '0.00', '0.000000000000000000000000000001', '99999', '2024-01-01 00:00:00.5', null, null, '\\x', '\\x', 'f', 'f', '-2.5e-10', '23:59:59.999999'] },
  { src: '3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL',
    want: ['3', ...Array<null>(20).fill(null)] },
  { src: `4, 0, 0, 0, 0, 0, 'ünïcødé ✓ 𝄞 "quoted" \\\\N', 'x\\ty', 'é', 9999999999.99, '${LONG_DIGITS}', -99999, '9999-12-31 23:59:59.999999', '1999-12-31 23:59:59', '9999-12-31', X'5C4E', REPEAT('x', 300), 5, NULL, 1e300, '24:00:00'`,
    want: ['4', '0', '0', '0', '0', '0', 'ünïcødé ✓ 𝄞 "quoted" \\N', 'x\ty', 'é    ', '9999999999.99', LONG_DIGITS, '-99999', '9999-12-31 23:59:59.999999', '1999-12-31 23:59:59', '9999-12-31', '\\x5c4e', `\\x${'78'.repeat(300)}`, 't', null, '1e+300', '24:00:00'] },
];

test('full load: byte path and generic path give PostgreSQL the source values exactly', { skip: !MY || !PG ? 'DBSHIFT_TEST_MYSQL_URL / DBSHIFT_TEST_PG_URL not set' : false, timeout: 180_000 }, async () => {
  const my = await mysql.createConnection({ uri: MY!, multipleStatements: true });
  const admin = new pg.Client({ connectionString: PG! });
  await admin.connect();
  const dir = mkdtempSync(join(tmpdir(), 'dbshift-fl-values-'));
  try {
    await my.query(`SET SESSION sql_mode = ''; DROP DATABASE IF EXISTS flvals; CREATE DATABASE flvals; USE flvals;
      CREATE TABLE bytes (${COLUMNS});
      CREATE TABLE generic (${COLUMNS}, j json);
      CREATE TABLE nul (id int PRIMARY KEY, t text);
      CREATE TABLE bin (${BIN_COLUMNS});
      INSERT INTO bin VALUES ${BIN_ROWS.map((r, i) => `(${r.src}, ${JSON_DOCS[i] === null ? 'NULL' : `'${JSON_DOCS[i]!.replace(/\\/g, '\\\\')}'`})`).join(', ')};
      CREATE TABLE ubig (id bigint unsigned PRIMARY KEY, n int);
      INSERT INTO ubig VALUES (1, 1), (18446744073709551615, 2);
      INSERT INTO bytes VALUES ${ROWS.map((r) => `(${r.src})`).join(', ')};
      INSERT INTO generic VALUES ${ROWS.map((r, i) => `(${r.src}, ${JSON_DOCS[i] === null ? 'NULL' : `'${JSON_DOCS[i]!.replace(/\\/g, '\\\\')}'`})`).join(', ')};
      INSERT INTO nul VALUES (1, 'fine'), (7, CONCAT('a', CHAR(0), 'b'));`);
    await admin.query('DROP DATABASE IF EXISTS flvals_target');
    await admin.query('CREATE DATABASE flvals_target');
    const target = withDb(PG!, 'flvals_target');
    writeFileSync(join(dir, 'task.json'), JSON.stringify({ ReplicationTaskIdentifier: 'flvals', MigrationType: 'full-load', SourceUrl: withDb(MY!, 'flvals'), TargetUrl: target }));
    writeFileSync(join(dir, 'task_settings.json'), JSON.stringify({ FullLoadSettings: { TargetTablePrepMode: 'DROP_AND_CREATE' } }));
    writeFileSync(join(dir, 'table_mappings.json'), JSON.stringify({ rules: [
      { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'flvals', 'table-name': '%' }, 'rule-action': 'include' },
    ] }));
    const logs: string[] = [];
    await assert.rejects(runTask(await loadTaskDefinition(dir), { reload: true, signal: new AbortController().signal, onState: () => undefined, log: (m) => logs.push(m) }),
      (e: unknown) => {
        const m = e instanceof Error ? e.message : '';
        assert.match(m, /full load failed for .*flvals\.nul \(flvals\.nul row id=7: column t contains a NUL character/);
        // BIGINT UNSIGNED above 2^63 - 1 fails loudly, naming the row and what to do.
        assert.match(m, /flvals\.ubig \(flvals\.ubig row id=18446744073709551615: column id: 18446744073709551615 is out of range for bigint \(a BIGINT UNSIGNED value above 9223372036854775807: convert the column to numeric\(20\)\)\)/);
        return true;
      });
    assert.ok(logs.some((l) => /flvals\.bytes → .* loaded, 4 rows.*\(4 zero dates became NULL\) by COPY text$/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /flvals\.generic → .* loaded, 4 rows.*\(4 zero dates became NULL\) by COPY text from mysql2 values$/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /flvals\.bin → .* loaded, 4 rows.*\(2 zero dates became NULL\) by COPY binary$/.test(l)), logs.join('\n'));

    const c = new pg.Client({ connectionString: target, types: { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig });
    await c.connect();
    try {
      const types = (await c.query("SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'flvals.bytes'::regclass AND attnum > 0 ORDER BY attnum")).rows as { attname: string; t: string }[];
      assert.deepEqual([types[7]!.t, types[8]!.t, types[10]!.t], ['bytea', 'boolean', 'double precision'], JSON.stringify(types));
      for (const table of ['bytes', 'generic']) {
        const rows = (await c.query(`SELECT * FROM flvals.${table} ORDER BY id`)).rows as Record<string, string | null>[];
        assert.equal(rows.length, ROWS.length);
        rows.forEach((r, i) => {
          const got = types.map((col) => r[col.attname] ?? null);
          assert.deepEqual(got, ROWS[i]!.want, `${table} row ${i + 1}`);
        });
      }
      const binCols = (await c.query("SELECT attname FROM pg_attribute WHERE attrelid = 'flvals.bin'::regclass AND attnum > 0 AND attname <> 'j' ORDER BY attnum")).rows as { attname: string }[];
      const binRows = (await c.query('SELECT * FROM flvals.bin ORDER BY id')).rows as Record<string, string | null>[];
      assert.equal(binRows.length, BIN_ROWS.length);
      binRows.forEach((r, i) => assert.deepEqual(binCols.map((col) => r[col.attname] ?? null), BIN_ROWS[i]!.want, `bin row ${i + 1}`));
      // JSON: the source's text reaches PostgreSQL unchanged (2.50 stays 2.50, 1e2 is not 100 before
      // jsonb sees it): each column equals PostgreSQL's own jsonb of the source text.
      for (const table of ['bin', 'generic']) {
        const docs = (await c.query(`SELECT id, j::text AS j, pg_typeof(j)::text AS t FROM flvals.${table} ORDER BY id`)).rows as { id: string; j: string | null; t: string }[];
        for (const [i, d] of docs.entries()) {
          const want = JSON_DOCS[i] === null ? null : ((await c.query('SELECT $1::jsonb::text AS j', [JSON_DOCS[i]])).rows[0] as { j: string }).j;
          assert.equal(d.j, want, `${table} j of row ${d.id} (${d.t})`);
        }
      }
      assert.match(((await c.query("SELECT j::text AS j FROM flvals.bin WHERE id = 1")).rows[0] as { j: string }).j, /2\.50/);
    } finally { await c.end(); }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await my.query('DROP DATABASE IF EXISTS flvals').catch(() => undefined);
    await my.end();
    await admin.end();
  }
});

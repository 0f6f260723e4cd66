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
      INSERT INTO bytes VALUES ${ROWS.map((r) => `(${r.src})`).join(', ')};
      INSERT INTO generic VALUES ${ROWS.map((r) => `(${r.src}, '{"a": [1, 2.50]}')`).join(', ')};
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
      /full load failed for flvals\.nul \(flvals\.nul row id=7: column t contains a NUL character/);
    assert.ok(logs.some((l) => /flvals\.bytes → .* loaded, 4 rows.*\(4 zero dates became NULL\)/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /flvals\.generic → .* loaded, 4 rows.*\(4 zero dates became NULL\)/.test(l)), logs.join('\n'));

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
      const j = (await c.query('SELECT j::text AS j FROM flvals.generic WHERE id = 1')).rows[0] as { j: string };
      assert.deepEqual(JSON.parse(j.j), { a: [1, 2.5] });
    } finally { await c.end(); }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await my.query('DROP DATABASE IF EXISTS flvals').catch(() => undefined);
    await my.end();
    await admin.end();
  }
});

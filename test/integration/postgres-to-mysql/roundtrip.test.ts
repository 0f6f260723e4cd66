// Sakila MySQL → PostgreSQL → (PostgreSQL front end) → MySQL, applied on MariaDB: every column
// keeps its type family compared with the original Sakila schema loaded as is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { convert, parseScripts } from '../../../converters/index.js';
import { renderApplyScript } from '../../../electron/node/export/index.js';
import { freshMysqlDatabase, mysqlUrlFromEnv, runMysqlClient } from '../../harness/db.js';
import { applySql, corpus, pgToMysql } from './helpers.js';

const skip = mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL is not set (run through scripts/with-test-servers.mjs)';

const FAMILY: Record<string, string> = {
  tinyint: 'integer', smallint: 'integer', mediumint: 'integer', int: 'integer', bigint: 'integer', year: 'integer',
  decimal: 'decimal', float: 'float', double: 'float',
  char: 'string', varchar: 'string', enum: 'enum', set: 'set',
  tinytext: 'text', text: 'text', mediumtext: 'text', longtext: 'text',
  binary: 'binary', varbinary: 'binary', tinyblob: 'binary', blob: 'binary', mediumblob: 'binary', longblob: 'binary',
  date: 'date', time: 'time', datetime: 'timestamp', timestamp: 'timestamp',
  geometry: 'geometry', point: 'geometry', polygon: 'geometry', json: 'json', bit: 'bit',
};

async function columnFamilies(db: Awaited<ReturnType<typeof freshMysqlDatabase>>): Promise<Map<string, string>> {
  const rows = await db.query(`SELECT c.table_name AS t, c.column_name AS c, c.data_type AS dt FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'`);
  return new Map(rows.map((r) => [`${String(r.t).toLowerCase()}.${String(r.c).toLowerCase()}`, FAMILY[String(r.dt)] ?? String(r.dt)]));
}

test('Sakila MySQL → PostgreSQL → MySQL keeps every column type family on MariaDB', { skip, timeout: 600_000 }, async () => {
  const schema = readFileSync(corpus('sakila-mysql/sakila-schema.sql'), 'utf8');
  const toPg = convert(parseScripts('mysql', [{ path: 'sakila-schema.sql', text: schema }]).catalog, { target: 'postgres' });
  const pgText = renderApplyScript(toPg, { sourceLabel: 'sakila', generatedAt: '2026-01-01T00:00:00Z' });
  // Every PostgreSQL schema goes into the one test database.
  const schemas = [...new Set([...pgText.matchAll(/CREATE SCHEMA IF NOT EXISTS "([^"]+)"|\b"?(\w+)"?\."\w+"/g)].map((m) => m[1] ?? m[2]!))];
  const back = pgToMysql(pgText, 'sakila-postgres.sql', { schemaMap: Object.fromEntries(schemas.map((s) => [s, ''])) });

  const original = await freshMysqlDatabase('sakila_orig');
  const round = await freshMysqlDatabase('sakila_round');
  try {
    await runMysqlClient(original.url, schema.replace(/^\s*(DROP SCHEMA|CREATE SCHEMA|USE)\b[^;]*;/gim, '').replace(/\bsakila\./g, ''));
    await runMysqlClient(round.url, applySql(back));
    const want = await columnFamilies(original);
    const got = await columnFamilies(round);
    const diffs: string[] = [];
    for (const [col, fam] of want) if (got.get(col) !== fam) diffs.push(`${col}: ${fam} → ${got.get(col) ?? 'missing'}`);
    assert.deepEqual(diffs, []);
  } finally {
    await original.drop();
    await round.drop();
  }
});

/** Order-independent checksum of a table's values (spatial and binary columns left out). */
async function tableChecksums(db: Awaited<ReturnType<typeof freshMysqlDatabase>>): Promise<Record<string, string>> {
  const cols = await db.query(`SELECT c.table_name AS t, c.column_name AS c FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' AND c.data_type NOT IN ('geometry', 'point', 'polygon', 'blob', 'longblob', 'mediumblob')
    ORDER BY c.table_name, c.ordinal_position`);
  const byTable = new Map<string, string[]>();
  for (const r of cols) byTable.set(String(r.t), [...(byTable.get(String(r.t)) ?? []), String(r.c)]);
  const out: Record<string, string> = {};
  for (const [t, cs] of byTable) {
    const [r] = await db.query(`SELECT COUNT(*) AS n, COALESCE(SUM(CRC32(CONCAT_WS('|', ${cs.map((c) => `COALESCE(\`${c}\`, '~')`).join(', ')}))), 0) AS s FROM \`${t}\``);
    out[t.toLowerCase()] = `${r!.n}:${r!.s}`;
  }
  return out;
}

test('Sakila schema + data MySQL → PostgreSQL → MySQL keeps every row and value on MariaDB', { skip, timeout: 900_000 }, async (t) => {
  const schema = readFileSync(corpus('sakila-mysql/sakila-schema.sql'), 'utf8');
  // The corpus data has one corrupted value (rental 15970's rental_date) that strict MySQL rejects;
  // it is set back to the time of the payment for that rental so both sides load the same rows.
  const data = readFileSync(corpus('sakila-mysql/sakila-data.sql'), 'utf8')
    .replace(/'20actoractoraddresscustomer_listcustomer_listcustomer_listcustomer_list05-08-23 19:54:24'/, "'2005-08-23 19:54:24'");
  assert.ok(!data.includes('actoractor'), 'corrupted value repaired');
  const toPg = convert(parseScripts('mysql', [{ path: 'sakila-schema.sql', text: schema }, { path: 'sakila-data.sql', text: data }]).catalog, { target: 'postgres' });
  const pgText = renderApplyScript(toPg, { sourceLabel: 'sakila', generatedAt: '2026-01-01T00:00:00Z' });
  const schemas = [...new Set([...pgText.matchAll(/CREATE SCHEMA IF NOT EXISTS "([^"]+)"|\b"?(\w+)"?\."\w+"/g)].map((m) => m[1] ?? m[2]!))];
  const back = pgToMysql(pgText, 'sakila-postgres.sql', { schemaMap: Object.fromEntries(schemas.map((s) => [s, ''])) });

  const original = await freshMysqlDatabase('sakila_data_orig');
  const round = await freshMysqlDatabase('sakila_data_round');
  try {
    const strip = (s: string): string => s.replace(/^\s*(DROP SCHEMA|CREATE SCHEMA|USE)\b[^;]*;/gim, '').replace(/\bsakila\./g, '');
    await runMysqlClient(original.url, strip(schema));
    await runMysqlClient(original.url, strip(data));
    await runMysqlClient(round.url, applySql(back));
    const want = await tableChecksums(original);
    const got = await tableChecksums(round);
    assert.ok(Number(want.rental!.split(':')[0]) > 16000, 'reference data loaded');
    // film_text is filled by the film triggers. When the PostgreSQL front end cannot read their
    // trigger functions, the loss must be an action item on each of them, not silent.
    const lost = [...back.diagnostics, ...back.objects.flatMap((o) => o.diagnostics)].filter((d) => d.code === 'PM0049' && /ins_film/.test(d.message));
    if (lost.length) {
      t.diagnostic(`film_text not compared: ${lost[0]!.message}`);
      assert.equal(got.film_text, '0:0');
      delete got.film_text;
      delete want.film_text;
    }
    assert.deepEqual(got, want);
  } finally {
    await original.drop();
    await round.drop();
  }
});

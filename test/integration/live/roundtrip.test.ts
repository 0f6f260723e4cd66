// Live database → extract → convert → apply.sql (as the exporter writes it) → apply on the other
// engine: the objects really exist there afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert } from '../../../converters/convert.js';
import { applyScript } from '../../../electron/node/apply/index.js';
import { renderApplyScript } from '../../../electron/node/export/index.js';
import { extractCatalog } from '../../../electron/node/extract/index.js';
import { freshMysqlDatabase, freshPgDatabase, mysqlUrlFromEnv, pgUrlFromEnv, runMysqlClient, runPsql } from '../../harness/db.js';
import { PG18_SHIMS, pagilaForPg15, sakila } from './corpus.js';

const skip = pgUrlFromEnv() && mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_PG_URL / DBSHIFT_TEST_MYSQL_URL not set';
const header = { sourceLabel: 'live test database', generatedAt: '2026-01-01T00:00:00Z' };

test('Sakila in MariaDB → extracted → PostgreSQL: apply succeeds and the tables and views are there', { skip, timeout: 300_000 }, async () => {
  const src = await freshMysqlDatabase('rt_sakila');
  const tgt = await freshPgDatabase('rt_sakila');
  try {
    await src.query(`DROP DATABASE \`${src.name}\``);
    await runMysqlClient(src.url.replace(/\/[^/]*$/, '/'), sakila('schema', src.name));
    const ex = await extractCatalog(src.url);
    const sql = renderApplyScript(convert(ex.catalog, { target: 'postgres' }), header);
    const r = await applyScript(sql, tgt.url);
    assert.equal(r.ok, true, JSON.stringify(r.failure));
    const count = async (kind: string) => Number((await tgt.query(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_type = $2`, [src.name, kind]))[0]?.n);
    assert.equal(await count('BASE TABLE'), 16);
    assert.equal(await count('VIEW'), 7);
  } finally { await src.drop(); await tgt.drop(); }
});

test('Pagila in PostgreSQL → extracted → MariaDB: apply succeeds and the tables and views are there', { skip, timeout: 300_000 }, async () => {
  const src = await freshPgDatabase('rt_pagila');
  const tgt = await freshMysqlDatabase('rt_pagila');
  try {
    await runPsql(src.url, PG18_SHIMS);
    await runPsql(src.url, pagilaForPg15());
    const ex = await extractCatalog(src.url, { schemas: ['public'] });
    const result = convert(ex.catalog, { target: 'mysql' });
    const r = await applyScript(renderApplyScript(result, header), tgt.url);
    assert.equal(r.ok, true, JSON.stringify(r.failure));
    const tables = await tgt.query(`SELECT TABLE_NAME AS t, TABLE_TYPE AS k FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`);
    const expected = result.objects.filter((o) => o.ref.type.toLowerCase() === 'table' && o.status !== 'not-converted').length;
    // 15 tables (the payment_p* partitions become partitions of payment) + the materialized view
    // rental_by_category, which MySQL can only hold as a table.
    assert.equal(expected, 16);
    assert.equal(tables.filter((t) => t.k === 'BASE TABLE').length, expected);
    // Every view the conversion says it converted exists; the others carry their action items.
    const views = result.objects.filter((o) => o.ref.type.toLowerCase() === 'view');
    assert.ok(views.some((v) => v.status !== 'not-converted'), 'some views convert');
    for (const v of views) {
      const there = tables.some((t) => t.t === v.ref.name && t.k === 'VIEW');
      assert.equal(there, v.status !== 'not-converted', `view ${v.ref.name} (${v.status})`);
      if (v.status === 'not-converted') assert.ok(v.diagnostics.length > 0, `view ${v.ref.name} says why it was not converted`);
    }
  } finally { await src.drop(); await tgt.drop(); }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { convert } from '../../../converters/convert.js';
import { postgresFrontEnd } from '../../../converters/dialects/postgres/index.js';
import type { CatalogObject } from '../../../converters/model/index.js';
import { extractCatalog } from '../../../electron/node/extract/index.js';
import { freshPgDatabase, pgUrlFromEnv, runPsql } from '../../harness/db.js';
import { catalogFacts, convertedFacts, corpusFile, PG18_SHIMS, pagilaForPg15 } from './corpus.js';

const skip = pgUrlFromEnv() ? false : 'DBSHIFT_TEST_PG_URL not set';

// Pagila is loaded with its CREATE EXTENSION vector (and the film_embedding table that needs it)
// filtered out, because the test server has no pgvector; see pagilaForPg15().
test('Pagila extracted live gives the same objects as parsing the script, and converts to the same MySQL objects', { skip }, async () => {
  assert.match(readFileSync(corpusFile('pagila-postgres/pagila-schema.sql'), 'utf8'), /CREATE EXTENSION IF NOT EXISTS vector/);
  const text = pagilaForPg15();
  const db = await freshPgDatabase('pagila');
  try {
    await runPsql(db.url, PG18_SHIMS);
    await runPsql(db.url, text);
    await db.query(`SELECT setval('public.actor_actor_id_seq', 4242)`);
    const live = await extractCatalog(db.url, { schemas: ['public'] });
    const file = postgresFrontEnd.parse([{ path: 'pagila-schema.sql', text }]);

    const liveFacts = catalogFacts(live.catalog);
    assert.deepEqual(liveFacts, catalogFacts(file.catalog));
    assert.ok(liveFacts.filter((f) => f.startsWith('table ')).length >= 20, 'tables were extracted');
    assert.ok(liveFacts.some((f) => f.startsWith('trigger last_updated on actor')));
    assert.ok(liveFacts.some((f) => f.startsWith('partition payment_p2022_01 of payment')));
    assert.ok(liveFacts.some((f) => /^function rewards_report\(/.test(f)));
    assert.equal(live.catalog.serverVersion?.startsWith('15'), true);

    const seq = live.catalog.objects.find((o): o is Extract<CatalogObject, { kind: 'Sequence' }> => o.kind === 'Sequence' && o.name.name === 'actor_actor_id_seq');
    assert.equal(seq?.currentValue, 4242);

    // Every live object's span points into the rebuilt DDL returned with it.
    const files = new Set(live.sources.map((s) => s.path));
    for (const o of live.catalog.objects) assert.ok(files.has(o.span.file), `${o.kind} span ${o.span.file}`);

    const toMysqlLive = convert(live.catalog, { target: 'mysql' });
    const toMysqlFile = convert(file.catalog, { target: 'mysql' });
    assert.deepEqual(convertedFacts(toMysqlLive), convertedFacts(toMysqlFile));
  } finally { await db.drop(); }
});

async function makeTables(url: string, n: number): Promise<void> {
  const parts = ['CREATE TABLE t0 (id int PRIMARY KEY, name text);'];
  for (let i = 1; i < n; i++) {
    parts.push(`CREATE TABLE t${i} (id int PRIMARY KEY, ref int REFERENCES t${i - 1}, label varchar(20) CHECK (label <> ''));`, `CREATE INDEX ix_t${i} ON t${i} (label);`);
  }
  await runPsql(url, parts.join('\n'));
}

test('PostgreSQL extraction sends the same number of catalog queries for 10 and for 200 tables', { skip }, async () => {
  const small = await freshPgDatabase('qc_small');
  const big = await freshPgDatabase('qc_big');
  try {
    await makeTables(small.url, 10);
    await makeTables(big.url, 200);
    const a = await extractCatalog(small.url);
    const b = await extractCatalog(big.url);
    assert.equal(a.catalog.objects.filter((o) => o.kind === 'Table').length, 10);
    assert.equal(b.catalog.objects.filter((o) => o.kind === 'Table').length, 200);
    assert.equal(b.catalog.objects.filter((o) => o.kind === 'Index').length, 199);
    assert.equal(a.queryCount, b.queryCount);
    assert.ok(a.queryCount < 20, `queryCount ${a.queryCount}`);
  } finally { await small.drop(); await big.drop(); }
});

test('PostgreSQL extraction: identity, enum, domain, composite, materialized view, comments, schemas filter', { skip }, async () => {
  const db = await freshPgDatabase('pg_kinds');
  try {
    await runPsql(db.url, `
      CREATE SCHEMA inv;
      CREATE TYPE inv.mood AS ENUM ('sad', 'ok', 'happy');
      CREATE DOMAIN inv.posint AS integer NOT NULL CHECK (VALUE > 0);
      CREATE TYPE inv.pair AS (a integer, b text);
      CREATE TABLE inv.item (
        id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100) PRIMARY KEY,
        qty inv.posint,
        mood inv.mood DEFAULT 'ok',
        tags text[],
        total numeric(12,2) GENERATED ALWAYS AS (qty * 2) STORED
      );
      COMMENT ON TABLE inv.item IS 'stock items';
      COMMENT ON COLUMN inv.item.qty IS 'how many';
      CREATE MATERIALIZED VIEW inv.mv_moods AS SELECT mood, count(*) AS n FROM inv.item GROUP BY mood;
      CREATE TABLE public.other (id int);
    `);
    const r = await extractCatalog(db.url, { schemas: ['inv'] });
    const byName = new Map(r.catalog.objects.filter((o) => 'name' in o && o.name && typeof o.name === 'object').map((o) => [(o as { name: { name: string } }).name.name, o]));
    assert.equal(byName.has('other'), false, 'schemas filter keeps public out');
    const item = byName.get('item');
    assert.equal(item?.kind, 'Table');
    if (item?.kind !== 'Table') return;
    const id = item.columns.find((c) => c.name === 'id');
    assert.equal(id?.identity?.style, 'always');
    assert.equal(id?.identity?.start, 100);
    assert.equal(item.columns.find((c) => c.name === 'qty')?.dataType.userType?.name, 'posint');
    assert.equal(item.columns.find((c) => c.name === 'tags')?.dataType.arrayDims, 1);
    assert.equal(item.columns.find((c) => c.name === 'total')?.generated?.stored, true);
    assert.equal(item.comment, 'stock items');
    assert.equal(item.columns.find((c) => c.name === 'qty')?.comment, 'how many');
    const mood = byName.get('mood');
    assert.deepEqual(mood?.kind === 'EnumType' ? mood.values : undefined, ['sad', 'ok', 'happy']);
    const posint = byName.get('posint');
    assert.equal(posint?.kind === 'Domain' ? posint.checks.length : -1, 1);
    const pair = byName.get('pair');
    assert.deepEqual(pair?.kind === 'CompositeType' ? pair.attributes.map((a) => a.name) : undefined, ['a', 'b']);
    const mv = byName.get('mv_moods');
    assert.equal(mv?.kind === 'View' ? mv.materialized : undefined, true);
  } finally { await db.drop(); }
});

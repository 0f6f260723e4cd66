// Chinook: the MySQL script converted with naming `snake` must give the same tables, columns,
// keys and rows as the hand-written PostgreSQL script of the same database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { convert } from '../../../converters/index.js';
import { mysqlFrontEnd } from '../../../converters/dialects/mysql/index.js';
import { freshPgDatabase, pgUrlFromEnv, runPsql, type FreshDatabase } from '../../harness/db.js';
import { applySql, readCorpus } from './helpers.js';

const skip = pgUrlFromEnv() ? false : 'DBSHIFT_TEST_PG_URL is not set';

async function columns(db: FreshDatabase, schema: string) {
  return db.query(`SELECT table_name AS t, column_name AS c, data_type AS type, character_maximum_length AS len,
      numeric_precision AS prec, numeric_scale AS scale, is_nullable AS nullable, is_identity AS ident
    FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, column_name`, [schema]);
}

async function keys(db: FreshDatabase, schema: string) {
  return db.query(`SELECT c.conrelid::regclass::text AS dummy, t.relname AS t, c.contype AS kind,
      (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
      rt.relname AS ref_t,
      (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS ref_cols,
      c.confdeltype AS on_delete, c.confupdtype AS on_update
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    LEFT JOIN pg_class rt ON rt.oid = c.confrelid
    WHERE n.nspname = $1 AND c.contype IN ('p', 'f', 'u') ORDER BY 2, 3, 4`, [schema]).then((rows) => rows.map(({ dummy: _d, ...r }) => r));
}

async function rowCounts(db: FreshDatabase, schema: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { t } of await db.query("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1", [schema])) {
    const [r] = await db.query(`SELECT count(*)::int AS n FROM "${schema}"."${String(t)}"`);
    out[String(t)] = Number(r!.n);
  }
  return out;
}

const VARIANTS: [string, string][] = [
  ['chinook/Chinook_MySql.sql', 'chinook/Chinook_PostgreSql.sql'],
  ['chinook/Chinook_MySql_AutoIncrementPKs.sql', 'chinook/Chinook_PostgreSql_AutoIncrementPKs.sql'],
];

for (const [mysqlFile, pgFile] of VARIANTS) {
  test(`${mysqlFile} converted with naming snake matches ${pgFile}`, { skip, timeout: 600_000 }, async () => {
    const converted = await freshPgDatabase('mp_chinook_conv');
    const reference = await freshPgDatabase('mp_chinook_ref');
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'mp-chinook-'));
      // The reference script creates and \c's into a fixed database name shared by all tests on
      // the server; those three lines are dropped, the rest is loaded as is.
      writeFileSync(path.join(dir, 'reference.sql'), readCorpus(pgFile).replace(/^(DROP DATABASE|CREATE DATABASE|\\c ).*$/gm, ''));
      await runPsql(reference.url, path.join(dir, 'reference.sql'));

      const parsed = mysqlFrontEnd.parse([{ path: path.basename(mysqlFile), text: readCorpus(mysqlFile) }]);
      const result = convert(parsed.catalog, { target: 'postgres', naming: 'snake' });
      assert.deepEqual(result.objects.filter((o) => o.status === 'not-converted').map((o) => o.ref.name), []);
      writeFileSync(path.join(dir, 'apply.sql'), applySql(result));
      await runPsql(converted.url, path.join(dir, 'apply.sql'));
      const schema = parsed.catalog.objects.find((o) => o.kind === 'Schema');
      const target = schema?.kind === 'Schema' ? schema.name.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() : 'public';

      const [got, want] = [await columns(converted, target), await columns(reference, 'public')];
      assert.ok(want.length > 50, 'reference loaded');
      // MySQL AUTO_INCREMENT accepts explicit values, so it becomes BY DEFAULT identity where the
      // hand-written script says ALWAYS: is_identity is compared, identity_generation is not.
      assert.deepEqual(got, want);
      const wantKeys = await keys(reference, 'public');
      assert.ok(wantKeys.filter((k) => k.kind === 'p').length === 11 && wantKeys.filter((k) => k.kind === 'f').length === 11, 'reference keys loaded');
      assert.deepEqual(await keys(converted, target), wantKeys);
      if (mysqlFile.includes('AutoIncrement')) assert.ok(got.some((c) => c.ident === 'YES'), 'identity columns compared');
      const counts = await rowCounts(converted, target);
      assert.deepEqual(counts, await rowCounts(reference, 'public'));
      assert.ok(counts.track! > 3000, 'data was loaded');
      if (mysqlFile.includes('AutoIncrement')) {
        // New rows get keys after the loaded ones.
        const [r] = await converted.query(`INSERT INTO "${target}".genre (name) VALUES ('Test') RETURNING genre_id`);
        assert.equal(Number(r!.genre_id), counts.genre! + 1);
      }
    } finally {
      await converted.drop();
      await reference.drop();
    }
  });
}

test('naming preserve keeps MySQL spellings (quoted); with timestampWithTimeZone DATETIME stays timestamp (only TIMESTAMP changes); rows load', { skip, timeout: 600_000 }, async () => {
  const db = await freshPgDatabase('mp_chinook_preserve');
  try {
    const parsed = mysqlFrontEnd.parse([{ path: 'Chinook_MySql.sql', text: readCorpus('chinook/Chinook_MySql.sql') }]);
    const result = convert(parsed.catalog, { target: 'postgres', naming: 'preserve', timestampWithTimeZone: true });
    const dir = mkdtempSync(path.join(tmpdir(), 'mp-chinook-'));
    writeFileSync(path.join(dir, 'apply.sql'), applySql(result));
    await runPsql(db.url, path.join(dir, 'apply.sql'));
    const cols = await db.query("SELECT table_name AS t, column_name AS c, data_type AS type FROM information_schema.columns WHERE table_schema = 'Chinook' AND column_name IN ('AlbumId', 'InvoiceDate') ORDER BY 1, 2");
    assert.deepEqual(cols.map((c) => `${c.t}.${c.c}:${c.type}`), ['Album.AlbumId:integer', 'Invoice.InvoiceDate:timestamp without time zone', 'Track.AlbumId:integer']);
    const [n] = await db.query('SELECT count(*)::int AS n FROM "Chinook"."Track"');
    assert.ok(Number(n!.n) > 3000);
  } finally {
    await db.drop();
  }
});

// apply.sql must run as is in the engines' own clients: psql -v ON_ERROR_STOP=1 -f and the
// mariadb client (DELIMITER blocks). The objects here are written by hand, so this checks the
// export format independently of the generators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConvertedObject } from '../../../converters/index.js';
import { renderApplyScript } from '../../../electron/node/export/index.js';
import { freshMysqlDatabase, freshPgDatabase, mysqlUrlFromEnv, pgUrlFromEnv, runMysqlClient, runPsql } from '../../harness/db.js';

const span = { file: 'in.sql', line: 1, column: 1, endLine: 1, endColumn: 1 };
function obj(type: string, name: string, statements: string[], status: ConvertedObject['status'] = 'converted'): ConvertedObject {
  const ref = { name, type };
  return {
    ref, source: ref, statements, dependsOn: [], status, span, category: 'code',
    diagnostics: status === 'converted' ? [] : [{ code: 'T0001', severity: 'high', effort: 'simple', message: 'needs work; see */ and -- inside', recommendation: '', span }],
  };
}

test('PostgreSQL apply.sql runs under psql -v ON_ERROR_STOP=1 -f', { skip: pgUrlFromEnv() ? false : 'DBSHIFT_TEST_PG_URL is not set' }, async () => {
  const db = await freshPgDatabase('export_pg');
  const dir = mkdtempSync(join(tmpdir(), 'dbshift-pgx-'));
  try {
    const text = renderApplyScript({
      target: 'postgres',
      objects: [
        obj('table', 't', ['CREATE TABLE "t" ("a" integer -- a column comment\n)', 'INSERT INTO "t" VALUES (1), (2)']),
        obj('function', 'f', ['CREATE FUNCTION "f"() RETURNS integer LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN (SELECT sum("a") FROM "t");\nEND;\n$$']),
        obj('procedure', 'p', ['CREATE PROCEDURE p() BEGIN SELECT 1; END'], 'not-converted'),
      ],
      diagnostics: [],
    }, { sourceLabel: 'test', generatedAt: 'now' });
    const file = join(dir, 'apply.sql');
    writeFileSync(file, text);
    await runPsql(db.url, file);
    const [r] = await db.query('SELECT "f"() AS s');
    assert.equal(Number(r!.s), 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
});

test('PostgreSQL apply.sql is all-or-nothing: a failing statement leaves nothing behind', { skip: pgUrlFromEnv() ? false : 'DBSHIFT_TEST_PG_URL is not set' }, async () => {
  const db = await freshPgDatabase('export_pg_fail');
  try {
    const text = renderApplyScript({ target: 'postgres', objects: [obj('table', 'ok', ['CREATE TABLE "ok" (a int)']), obj('table', 'bad', ['CREATE TABLE "bad" (a no_such_type)'])], diagnostics: [] }, { sourceLabel: 'test', generatedAt: 'now' });
    const r = await runPsql(db.url, text, { allowFailure: true });
    assert.notEqual(r.code, 0);
    const rows = await db.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'ok'");
    assert.equal(rows[0]!.n, 0);
  } finally {
    await db.drop();
  }
});

test('MySQL apply.sql runs in the mariadb client, DELIMITER blocks included', { skip: mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL is not set' }, async () => {
  const db = await freshMysqlDatabase('export_my');
  try {
    const text = renderApplyScript({
      target: 'mysql',
      objects: [
        obj('table', 't', ['CREATE TABLE `t` (`a` INT) -- trailing comment', 'INSERT INTO `t` VALUES (1), (2)']),
        obj('function', 'f', ['CREATE FUNCTION `f`() RETURNS INT READS SQL DATA\nBEGIN\n  DECLARE s INT;\n  SELECT SUM(`a`) INTO s FROM `t`;\n  RETURN s;\nEND']),
        obj('procedure', 'p2', ["CREATE PROCEDURE `p2`() BEGIN SELECT '$$'; SELECT '//'; END"]),
        obj('procedure', 'p', ['CREATE PROCEDURE p() BEGIN SELECT 1; END'], 'not-converted'),
      ],
      diagnostics: [],
    }, { sourceLabel: 'test', generatedAt: 'now' });
    await runMysqlClient(db.url, text);
    const [r] = await db.query('SELECT `f`() AS s');
    assert.equal(Number(r!.s), 3);
    const procs = await db.query('SELECT routine_name AS n FROM information_schema.routines WHERE routine_schema = DATABASE() ORDER BY 1');
    assert.deepEqual(procs.map((x) => x.n), ['f', 'p2']);
  } finally {
    await db.drop();
  }
});

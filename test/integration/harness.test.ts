import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freshMysqlDatabase, freshPgDatabase, mysqlUrlFromEnv, pgUrlFromEnv, runMysqlClient, runPsql,
} from '../harness/db.js';

const pgUrl = pgUrlFromEnv();
const myUrl = mysqlUrlFromEnv();

test('PostgreSQL test server: logical WAL, fresh databases are isolated, psql runs files and text', { skip: pgUrl ? false : 'DBSHIFT_TEST_PG_URL not set' }, async () => {
  const a = await freshPgDatabase('harness');
  const b = await freshPgDatabase('harness');
  try {
    assert.notEqual(a.name, b.name);
    const [wal] = await a.query('SHOW wal_level');
    assert.equal(wal?.wal_level, 'logical');
    await a.query('CREATE TABLE t (id int PRIMARY KEY, s text)');
    await a.query('INSERT INTO t VALUES ($1, $2)', [1, 'one']);
    assert.deepEqual(await b.query(`SELECT to_regclass('public.t') AS r`), [{ r: null }]);

    const dir = mkdtempSync(join(tmpdir(), 'harness-'));
    try {
      const file = join(dir, 'load.sql');
      writeFileSync(file, `INSERT INTO t VALUES (2, 'two');\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 42; END $$;\n`);
      await runPsql(a.url, file);
      const out = await runPsql(a.url, 'SELECT f(); SELECT count(*) FROM t;', { args: ['-At'] });
      assert.deepEqual(out.stdout.trim().split('\n'), ['42', '2']);
      const bad = await runPsql(a.url, file, { allowFailure: true });
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /load\.sql:1: ERROR: +duplicate key/);
      await assert.rejects(runPsql(a.url, 'SELECT nosuchcolumn FROM t;'), /nosuchcolumn/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  } finally {
    await a.drop();
    await b.drop();
  }
  const admin = await freshPgDatabase('harness_check');
  try {
    assert.deepEqual(await admin.query('SELECT datname FROM pg_database WHERE datname = $1', [a.name]), []);
  } finally { await admin.drop(); }
});

test('MariaDB test server: row binlog, fresh databases, the mariadb client runs DELIMITER scripts', { skip: myUrl ? false : 'DBSHIFT_TEST_MYSQL_URL not set' }, async () => {
  const a = await freshMysqlDatabase('harness');
  const b = await freshMysqlDatabase('harness');
  try {
    assert.notEqual(a.name, b.name);
    const [vars] = await a.query('SELECT @@log_bin AS log_bin, @@binlog_format AS fmt, @@lower_case_table_names AS lctn, @@local_infile AS li');
    assert.deepEqual(vars, { log_bin: '1', fmt: 'ROW', lctn: '0', li: '1' }); // BIGINTs come back as strings (bigNumberStrings)
    await a.query('CREATE TABLE T1 (id int PRIMARY KEY, s varchar(10))');
    await a.query('INSERT INTO T1 VALUES (?, ?)', [1, 'one']);
    assert.deepEqual(await b.query('SHOW TABLES'), []);

    const script = 'DELIMITER //\nCREATE FUNCTION f() RETURNS int BEGIN RETURN 42; END//\nDELIMITER ;\nINSERT INTO T1 VALUES (2, \'two\');\n';
    await runMysqlClient(a.url, script);
    const out = await runMysqlClient(a.url, 'SELECT f(); SELECT count(*) FROM T1;', { args: ['--skip-column-names'] });
    assert.deepEqual(out.stdout.trim().split('\n'), ['42', '2']);
    // Case-sensitive table names (lower_case_table_names=0).
    await assert.rejects(runMysqlClient(a.url, 'SELECT * FROM t1;'), /doesn't exist/);
    const bad = await runMysqlClient(a.url, 'INSERT INTO T1 VALUES (1, \'dup\');', { allowFailure: true });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /Duplicate entry/);
  } finally {
    await a.drop();
    await b.drop();
  }
});

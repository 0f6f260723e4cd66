import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyScript } from '../../../electron/node/apply/index.js';
import { connect } from '../../../electron/node/connectors/index.js';
import { freshPgDatabase, pgUrlFromEnv } from '../../harness/db.js';

const pgUrl = pgUrlFromEnv();
const skip = pgUrl ? false : 'DBSHIFT_TEST_PG_URL not set';

const GOOD = `-- header comment
-- @dbshift object=table:app.customer
CREATE SCHEMA IF NOT EXISTS app;
CREATE TABLE app.customer (
  id integer PRIMARY KEY,
  name text NOT NULL
);
-- @dbshift object=function:app.greet
CREATE FUNCTION app.greet(n text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN 'hello ' || n; -- a ; inside the body
END
$$;
-- @dbshift object=view:app.v_customer
CREATE VIEW app.v_customer AS SELECT id, app.greet(name) AS greeting FROM app.customer;
-- @dbshift object=data:app.customer
INSERT INTO app.customer VALUES (1, 'ann'), (2, 'bob');
`;

// The third object fails on its second line (no such column), after two objects were created.
const BAD = `-- @dbshift object=table:app.a
CREATE SCHEMA app;
CREATE TABLE app.a (id int PRIMARY KEY);
-- @dbshift object=table:app.b
CREATE TABLE app.b (id int REFERENCES app.a);
-- @dbshift object=view:app.v
CREATE VIEW app.v AS
  SELECT nosuchcolumn FROM app.a;
-- @dbshift object=table:app.c
CREATE TABLE app.c (id int);
`;

async function userObjects(url: string): Promise<string[]> {
  const c = await connect(url);
  try {
    const rows = await c.query<{ o: string }>(`SELECT n.nspname || '.' || c.relname AS o FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') UNION ALL SELECT nspname FROM pg_namespace WHERE nspname = 'app' ORDER BY 1`);
    return rows.map((r) => r.o);
  } finally { await c.close(); }
}

test('PostgreSQL apply: the whole script in one transaction, objects named from the markers', { skip }, async () => {
  const db = await freshPgDatabase('apply_ok');
  try {
    const progress: number[] = [];
    const r = await applyScript(GOOD, db.url, { onProgress: (done) => progress.push(done) });
    assert.equal(r.ok, true, JSON.stringify(r.failure));
    assert.equal(r.mode, 'transaction');
    assert.deepEqual(r.statements.map((s) => [s.status, s.object, s.line]), [
      ['applied', 'table:app.customer', 3], ['applied', 'table:app.customer', 4], ['applied', 'function:app.greet', 9],
      ['applied', 'view:app.v_customer', 15], ['applied', 'data:app.customer', 17],
    ]);
    assert.deepEqual(progress, [1, 2, 3, 4, 5]);
    assert.deepEqual(await db.query('SELECT greeting FROM app.v_customer ORDER BY id'), [{ greeting: 'hello ann' }, { greeting: 'hello bob' }]);
  } finally { await db.drop(); }
});

test('PostgreSQL apply: a failure in the middle leaves nothing behind and is located in apply.sql', { skip }, async () => {
  const db = await freshPgDatabase('apply_fail');
  try {
    const before = await userObjects(db.url);
    const r = await applyScript(BAD, db.url);
    assert.equal(r.ok, false);
    assert.deepEqual(r.statements.map((s) => s.status), ['rolled-back', 'rolled-back', 'rolled-back', 'failed', 'not-run']);
    assert.equal(r.failure?.index, 3);
    assert.equal(r.failure?.object, 'view:app.v');
    assert.equal(r.failure?.line, 8, 'the server position maps to the line of the bad column');
    assert.match(r.failure?.message ?? '', /nosuchcolumn/);
    assert.equal(r.failure?.sqlState, '42703');
    assert.deepEqual(await userObjects(db.url), before);
  } finally { await db.drop(); }
});

test('PostgreSQL dry run lists without executing; validate runs it in a rolled-back transaction', { skip }, async () => {
  const db = await freshPgDatabase('apply_dry');
  try {
    const listed = await applyScript(BAD, db.url, { dryRun: true });
    assert.equal(listed.mode, 'dry-run');
    assert.equal(listed.ok, true, 'listing cannot know about the bad column');
    assert.equal(listed.statements.length, 5);
    assert.ok(listed.statements.every((s) => s.status === 'not-run'));
    const validated = await applyScript(BAD, db.url, { dryRun: true, validate: true });
    assert.equal(validated.mode, 'dry-run-validated');
    assert.equal(validated.ok, false);
    assert.equal(validated.failure?.index, 3);
    const good = await applyScript(GOOD, db.url, { dryRun: true, validate: true });
    assert.equal(good.ok, true);
    assert.deepEqual(await userObjects(db.url), []);
  } finally { await db.drop(); }
});

test('PGlite target: in memory and persisted to a directory', async () => {
  const mem = await applyScript(GOOD, 'pglite:memory');
  assert.equal(mem.ok, true, JSON.stringify(mem.failure));
  assert.equal(mem.engine, 'pglite');
  const dir = mkdtempSync(join(tmpdir(), 'dbshift-pglite-'));
  try {
    const url = `pglite:${join(dir, 'data')}`;
    const r = await applyScript(GOOD, url);
    assert.equal(r.ok, true, JSON.stringify(r.failure));
    const bad = await applyScript(BAD.replace('CREATE SCHEMA app;', ''), url);
    assert.equal(bad.ok, false);
    assert.equal(bad.failure?.object, 'view:app.v');
    const c = await connect(url);
    try {
      assert.deepEqual(await c.query('SELECT app.greet(name) AS g FROM app.customer ORDER BY id'), [{ g: 'hello ann' }, { g: 'hello bob' }]);
      assert.deepEqual(await c.query(`SELECT to_regclass('app.a') AS a`), [{ a: null }], 'failed run left nothing');
    } finally { await c.close(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('PostgreSQL apply cancelled half-way keeps nothing', { skip }, async () => {
  const db = await freshPgDatabase('apply_cancel');
  try {
    const ac = new AbortController();
    const r = await applyScript(GOOD, db.url, { signal: ac.signal, onProgress: (done) => { if (done === 2) ac.abort(); } });
    assert.equal(r.ok, false);
    assert.equal(r.failure?.index, 2);
    assert.match(r.failure?.message ?? '', /cancelled/);
    assert.deepEqual(r.statements.map((s) => s.status), ['rolled-back', 'rolled-back', 'failed', 'not-run', 'not-run']);
    assert.deepEqual(await userObjects(db.url), []);
  } finally { await db.drop(); }
});

// extract and convert --source-url against a live MariaDB holding the bookshop sample.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshMysqlDatabase, mysqlUrlFromEnv, runMysqlClient, type FreshDatabase } from '../../harness/db.js';
import { SAMPLE_DIR } from '../../../electron/node/cli/commands/demo.js';
import { runCli } from './run-cli.js';

const skip = mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL is not set (run through scripts/with-test-servers.mjs)';
let tmp: string;
let db: FreshDatabase | undefined;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'dbshift-live-'));
  if (skip) return;
  db = await freshMysqlDatabase('live_bookshop');
  for (const f of readdirSync(SAMPLE_DIR).filter((n) => n.endsWith('.sql')).sort()) {
    await runMysqlClient(db.url, readFileSync(join(SAMPLE_DIR, f), 'utf8').replace(/\bbookshop\b/g, db.name));
  }
});
after(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await db?.drop();
});

test('extract writes the live catalog as JSON', { skip }, async () => {
  const out = join(tmp, 'catalog.json');
  const r = await runCli(['extract', '--source-url', db!.url, '--schemas', db!.name, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const catalog = JSON.parse(readFileSync(out, 'utf8')) as { dialect: string; objects: { kind: string; name?: { name: string } }[] };
  assert.equal(catalog.dialect, 'mysql');
  const tables = catalog.objects.filter((o) => o.kind === 'Table').map((o) => o.name!.name).sort();
  assert.deepEqual(tables, ['author', 'book', 'book_author', 'customer', 'customer_order', 'order_line', 'publisher', 'review', 'stock']);
  for (const k of ['View', 'Trigger', 'Routine']) assert.ok(catalog.objects.some((o) => o.kind === k), k);
});

test('convert --source-url converts the live database', { skip }, async () => {
  const out = join(tmp, 'live-pg');
  const r = await runCli(['convert', '--source-url', db!.url, '--schemas', db!.name, '--to', 'postgres', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const apply = readFileSync(join(out, 'apply.sql'), 'utf8');
  assert.match(apply, new RegExp(`^-- @dbshift object=table:${db!.name}\\.book$`, 'm'));
  assert.match(apply, /^-- Source: live database mysql:\/\//m);
  const a = JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8'));
  assert.equal(a.options.sourceKind, 'live database');
  assert.ok(a.objects.some((o: { type: string; name: string }) => o.type === 'table' && o.name === 'order_line'));
});

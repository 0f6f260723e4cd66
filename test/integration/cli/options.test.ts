// Conversion options from the command line (--option NAME=VALUE): the converted schema follows
// them on a real PostgreSQL, assessment.json records them, and a bad one is a one-line usage error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPgDatabase, pgUrlFromEnv } from '../../harness/db.js';
import { runCli } from './run-cli.js';

const needPg = pgUrlFromEnv() ? false : 'DBSHIFT_TEST_PG_URL is not set (run through scripts/with-test-servers.mjs)';
let tmp: string;
let script: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dbshift-options-'));
  script = join(tmp, 'events.sql');
  writeFileSync(script, "CREATE DATABASE IF NOT EXISTS evdb;\nUSE evdb;\nCREATE TABLE ev (id int PRIMARY KEY, at TIMESTAMP NULL, flag TINYINT(1) NOT NULL DEFAULT 0);\nINSERT INTO ev VALUES (1, '2024-03-01 10:00:00', 1);\n");
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test('--option timestampWithTimeZone=true --option tinyint1AsBoolean=false: timestamptz and smallint on PostgreSQL, recorded in assessment.json', { skip: needPg, timeout: 120_000 }, async () => {
  const out = join(tmp, 'with-options');
  const conv = await runCli(['convert', script, '--from', 'mysql', '--to', 'postgres', '--out', out, '--quiet', '--option', 'timestampWithTimeZone=true', '--option', 'tinyint1AsBoolean=false']);
  assert.equal(conv.code, 0, conv.stderr);
  const a = JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8')) as { options: { conversion?: Record<string, unknown> }; actionItems: { code: string }[] };
  assert.deepEqual(a.options.conversion, { timestampWithTimeZone: true, tinyint1AsBoolean: false });
  assert.ok(!a.actionItems.some((i) => i.code === 'MP0050'), 'timestamptz keeps the instants: no MP0050');
  const db = await freshPgDatabase('cli_options');
  try {
    const r = await runCli(['apply', out, '--target-url', db.url]);
    assert.equal(r.code, 0, r.stderr.slice(-2000));
    const cols = await db.query("SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_schema = 'evdb' AND table_name = 'ev' ORDER BY ordinal_position");
    assert.deepEqual(cols.map((x) => [x.c, x.t]), [['id', 'integer'], ['at', 'timestamp with time zone'], ['flag', 'smallint']]);
    const [row] = await db.query("SELECT flag, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS at FROM evdb.ev");
    assert.deepEqual([row!.flag, row!.at], [1, '2024-03-01 10:00:00']);
  } finally {
    await db.drop();
  }
});

test('without options: timestamp and boolean, and MP0050 says what TIMESTAMP loses', { timeout: 60_000 }, async () => {
  const out = join(tmp, 'defaults');
  const conv = await runCli(['convert', script, '--from', 'mysql', '--to', 'postgres', '--out', out, '--quiet']);
  assert.equal(conv.code, 0, conv.stderr);
  const sql = readFileSync(join(out, 'apply.sql'), 'utf8');
  assert.match(sql, /"at" timestamp\(0\),/);
  assert.match(sql, /"flag" boolean DEFAULT FALSE NOT NULL/);
  const a = JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8')) as { options: { conversion?: unknown }; actionItems: { code: string; line: number; recommendation: string }[] };
  assert.equal(a.options.conversion, undefined);
  const item = a.actionItems.find((i) => i.code === 'MP0050');
  assert.ok(item, 'MP0050 reported');
  assert.equal(item.line, 3);
  assert.match(item.recommendation, /--option timestampWithTimeZone=true/);
});

test('an unknown option or a bad value: exit 2, one line naming the valid ones, no output written', { timeout: 60_000 }, async () => {
  for (const [arg, want] of [['timestampTz=true', /unknown conversion option "timestampTz" — options: tinyint1AsBoolean, timestampWithTimeZone, postgis/], ['mysqlFlavor=percona', /option mysqlFlavor takes "mysql", "mariadb", not "percona"/]] as const) {
    const out = join(tmp, `bad-${arg.split('=')[0]}`);
    const r = await runCli(['convert', script, '--from', 'mysql', '--to', 'postgres', '--out', out, '--option', arg]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, want);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(!existsSync(out), 'nothing written');
  }
});

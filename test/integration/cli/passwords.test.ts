// Passwords never appear in anything dbshift prints or writes: given in the URL, in the
// environment, accepted or refused by the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freshMysqlDatabase, freshPgDatabase, mysqlConnectionOptions, mysqlUrlFromEnv, pgUrlFromEnv } from '../../harness/db.js';
import { allFileTexts, REPO, runCli, type CliResult } from './run-cli.js';

const SECRET = 'Sw0rdf1sh-Qx7!zz';
const ENCODED = encodeURIComponent(SECRET);

let tmp: string;
before(() => { tmp = mkdtempSync(join(tmpdir(), 'dbshift-pw-')); });
after(() => rmSync(tmp, { recursive: true, force: true }));

function withPassword(url: string, user?: string): string {
  const u = new URL(url);
  if (user) u.username = user;
  u.password = ENCODED;
  return u.toString();
}

function assertClean(what: string, r: CliResult, dirs: string[] = []): void {
  for (const [name, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    assert.ok(!text.includes(SECRET) && !text.includes(ENCODED), `${what}: password in ${name}: ${text.slice(0, 500)}`);
  }
  for (const d of dirs) {
    for (const f of allFileTexts(d)) assert.ok(!f.text.includes(SECRET) && !f.text.includes(ENCODED), `${what}: password in ${f.path}`);
  }
}

test('convert and apply with a password in the URL (PostgreSQL): nothing printed or written holds it', { skip: pgUrlFromEnv() ? false : 'DBSHIFT_TEST_PG_URL is not set' }, async () => {
  const out = join(tmp, 'pg-out');
  const conv = await runCli(['convert', join(REPO, 'samples', 'bookshop-mysql'), '--from', 'mysql', '--to', 'postgres', '--out', out]);
  assert.equal(conv.code, 0, conv.stderr);
  const db = await freshPgDatabase('cli_pw');
  try {
    // The test server trusts local connections, so the password is accepted (and must still not leak).
    const r = await runCli(['apply', out, '--target-url', withPassword(db.url)]);
    assertClean('apply pg', r, [out]);
    assert.equal(r.code, 0, r.stderr);
    const j = await runCli(['apply', out, '--target-url', withPassword(db.url), '--dry-run', '--json']);
    assertClean('apply pg --json', j, [out]);
    // Unreachable server: the error names the target without the password.
    const down = await runCli(['apply', out, '--target-url', `postgres://someone:${ENCODED}@127.0.0.1:1/nowhere`]);
    assertClean('apply pg unreachable', down, [out]);
    assert.equal(down.code, 3, down.stderr);
    assert.match(down.stderr, /someone(:\*\*\*)?@127\.0\.0\.1/);
  } finally {
    await db.drop();
  }
});

test('MariaDB user with a password: URL, environment, wrong password and no terminal to prompt on', { skip: mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL is not set' }, async () => {
  const db = await freshMysqlDatabase('cli_pw_my');
  const user = `pw_${process.pid}`;
  const admin = await mysql.createConnection(mysqlConnectionOptions(mysqlUrlFromEnv()!));
  try {
    await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${SECRET}'`);
    await admin.query(`GRANT ALL ON \`${db.name}\`.* TO '${user}'@'%'`);
    const dir = join(tmp, 'my-apply');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'apply.sql'), '-- @dbshift object=table:.pw_table\nCREATE TABLE pw_table (a INT);\n');
    const noPw = new URL(db.url);
    noPw.username = user;

    const inUrl = await runCli(['apply', dir, '--target-url', withPassword(db.url, user)]);
    assertClean('mysql url', inUrl, [dir]);
    assert.equal(inUrl.code, 0, inUrl.stderr);

    writeFileSync(join(dir, 'apply.sql'), '-- @dbshift object=table:.pw_table2\nCREATE TABLE pw_table2 (a INT);\n');
    const fromEnv = await runCli(['apply', dir, '--target-url', noPw.toString()], { env: { DBSHIFT_TARGET_PASSWORD: SECRET } });
    assertClean('mysql env', fromEnv, [dir]);
    assert.equal(fromEnv.code, 0, fromEnv.stderr);

    const wrong = await runCli(['apply', dir, '--target-url', noPw.toString()], { env: { DBSHIFT_PASSWORD: `${SECRET}-wrong` } });
    assertClean('mysql wrong', wrong, [dir]);
    assert.ok(!wrong.stderr.includes(`${SECRET}-wrong`));
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /denied|password/i);

    const none = await runCli(['apply', dir, '--target-url', noPw.toString()]);
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /DBSHIFT_PASSWORD|password/);
    assert.equal(none.stderr.trim().split('\n').filter((l) => l.startsWith('dbshift:')).length, 1);

    const rows = await db.query("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1");
    assert.deepEqual(rows.map((x) => x.t), ['pw_table', 'pw_table2']);
  } finally {
    await admin.query(`DROP USER IF EXISTS '${user}'@'%'`).catch(() => undefined);
    await admin.end();
    await db.drop();
  }
});

test('convert --source-url with a password that cannot be used: redacted message, exit 2', async () => {
  const out = join(tmp, 'src-out');
  const r = await runCli(['convert', '--source-url', `mysql://root:${ENCODED}@127.0.0.1:1/shop`, '--to', 'postgres', '--out', out]);
  assertClean('source url', r);
  assert.notEqual(r.code, 0);
  assert.equal(r.stderr.trim().split('\n').filter((l) => l.startsWith('dbshift:')).length, 1, r.stderr);
});

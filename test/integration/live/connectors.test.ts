import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyScript } from '../../../electron/node/apply/index.js';
import { connect, listSchemas, testConnection } from '../../../electron/node/connectors/index.js';
import { extractCatalog } from '../../../electron/node/extract/index.js';
import { freePort } from '../../harness/proc.js';
import { freshMysqlDatabase, freshPgDatabase, mysqlUrlFromEnv, pgUrlFromEnv } from '../../harness/db.js';

const pgUrl = pgUrlFromEnv();
const myUrl = mysqlUrlFromEnv();

test('testConnection and listSchemas on PostgreSQL', { skip: pgUrl ? false : 'DBSHIFT_TEST_PG_URL not set' }, async () => {
  const db = await freshPgDatabase('conn');
  try {
    await db.query('CREATE SCHEMA sales');
    assert.deepEqual(await testConnection(db.url).then((r) => [r.engine, /^15\./.test(r.serverVersion)]), ['postgres', true]);
    assert.deepEqual(await listSchemas(db.url), ['public', 'sales']);
    const c = await connect(db.url);
    try {
      // Exact numerics and timestamps come back as text, never rounded through JS numbers.
      assert.deepEqual(await c.query(`SELECT 9007199254740993::bigint AS b, 1.10::numeric(5,2) AS n, timestamp '2024-01-02 03:04:05' AS t`),
        [{ b: '9007199254740993', n: '1.10', t: '2024-01-02 03:04:05' }]);
      await assert.rejects(c.query('SELECT nosuch'), (e: unknown) => (e as { sqlState?: string }).sqlState === '42703');
    } finally { await c.close(); }
  } finally { await db.drop(); }
});

test('a server that is not there gives one clear line', async () => {
  const port = await freePort();
  await assert.rejects(testConnection(`postgres://someone:hunter2@127.0.0.1:${port}/x`), (e: unknown) => {
    const m = (e as Error).message;
    return m.startsWith(`could not connect to postgres://someone@127.0.0.1:${port}/x: `) && /ECONNREFUSED/.test(m) && !m.includes('hunter2');
  });
});

test('MySQL: wrong password, password from the environment, password prompt; secrets never in messages', { skip: myUrl ? false : 'DBSHIFT_TEST_MYSQL_URL not set' }, async () => {
  const db = await freshMysqlDatabase('conn');
  const user = `pw_${process.pid}`;
  const secret = 'S3cret!pw@x';
  try {
    await db.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${secret}'`);
    await db.query(`GRANT ALL ON \`${db.name}\`.* TO '${user}'@'%'`);
    const u = new URL(db.url);
    const base = `mysql://${user}@${u.host}/${db.name}`;
    const withPw = (pw: string): string => `mysql://${user}:${encodeURIComponent(pw)}@${u.host}/${db.name}`;

    assert.equal((await testConnection(withPw(secret))).engine, 'mysql');
    await assert.rejects(testConnection(withPw('wrong-one')), (e: unknown) => {
      const m = (e as Error).message;
      return m.startsWith(`could not connect to ${base}: Access denied`) && !m.includes('wrong-one');
    });

    const c = await connect(base, { role: 'source', env: { DBSHIFT_SOURCE_PASSWORD: secret, DBSHIFT_PASSWORD: 'not-this' } });
    await c.close();

    const asked: string[] = [];
    const viaPrompt = await connect(base, { env: {}, prompt: async (q) => { asked.push(q); return secret; } });
    await viaPrompt.close();
    assert.deepEqual(asked, [`Password for ${base}: `]);

    await assert.rejects(connect(base, { env: {}, prompt: async () => 'bad' }), (e: unknown) => (e as { authFailed?: boolean }).authFailed === true && !(e as Error).message.includes('bad@'));
    assert.ok((await listSchemas(withPw(secret))).includes(db.name));

    // Extraction opens two connections; the password is asked for once.
    await db.query('CREATE TABLE t (id int PRIMARY KEY)');
    const askedByExtract: string[] = [];
    const ex = await extractCatalog(base, { prompt: async (q) => { askedByExtract.push(q); return secret; } });
    assert.equal(askedByExtract.length, 1);
    assert.deepEqual(ex.catalog.objects.filter((o) => o.kind === 'Table').map((o) => (o as { name: { name: string } }).name.name), ['t']);
  } finally {
    await db.query(`DROP USER IF EXISTS '${user}'@'%'`);
    await db.drop();
  }
});

test('PGlite targets are checked without starting PGlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbshift-pglite-check-'));
  try {
    const t0 = Date.now();
    assert.match((await testConnection('pglite:memory')).serverVersion, /^PGlite \d+\.\d+\.\d+ \(in memory\)$/);
    assert.match((await testConnection(`pglite:${join(dir, 'new', 'db')}`)).serverVersion, /\(new database\)$/);
    assert.ok(Date.now() - t0 < 1000, 'no WASM start');
    writeFileSync(join(dir, 'file'), 'x');
    await assert.rejects(testConnection(`pglite:${join(dir, 'file')}`), /could not connect to pglite:.*: it is a file, not a directory/);
    const r = await applyScript('CREATE TABLE t (id int);', `pglite:${join(dir, 'db')}`);
    assert.equal(r.ok, true);
    assert.match((await testConnection(`pglite:${join(dir, 'db')}`)).serverVersion, /data directory of PostgreSQL \d+/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

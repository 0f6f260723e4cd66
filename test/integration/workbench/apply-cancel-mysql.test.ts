// The workbench's apply to MySQL/MariaDB (statement by statement, DDL cannot be rolled back),
// cancelled through the contract part way: it stops after the current statement, reports which
// statements stay applied, and hands back an undo script (also saved in the project) that, run
// with the mariadb client, leaves the target database empty again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, dispatch, memorySecrets, type Host } from '../../../electron/node/handlers/index.js';
import type { Result } from '../../../converters/contract/index.js';
import { freshMysqlDatabase, mysqlUrlFromEnv, runMysqlClient } from '../../harness/db.js';

const skip = mysqlUrlFromEnv() ? undefined : 'DBSHIFT_TEST_MYSQL_URL not set (run through scripts/with-test-servers.mjs or npm test)';

test('apply to MariaDB cancelled part way: applied statements listed, undo script reverts them', { skip, timeout: 180_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-wb-cancel-'));
  const db = await freshMysqlDatabase('wb_cancel');
  let cancelAt: ((n: number) => void) | undefined;
  const host: Host = {
    mode: 'web', version: 'test', configDir: join(dir, 'config'), defaultFolder: dir, secrets: memorySecrets(), now: () => '2026-01-01T00:00:00.000Z',
    emit: (name, payload) => { if (name === 'task.progress') cancelAt?.((payload as { done: number }).done); },
  };
  const h = createHandlers(host);
  const call = async <T>(name: string, params: unknown): Promise<T> => {
    const r = await dispatch(h, name, params);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.result as T;
  };
  try {
    // A PostgreSQL source with 300 tables, converted to MySQL into the fresh database's name.
    const sql = [`CREATE SCHEMA ${db.name};`];
    for (let i = 0; i < 300; i++) sql.push(`CREATE TABLE ${db.name}.t${i} (id integer PRIMARY KEY, name varchar(20));`);
    await writeFile(join(dir, 'src.sql'), sql.join('\n'));
    await call('project.create', { name: 'c', folder: join(dir, 'p'), source: 'postgres', targets: ['mysql'] });
    await call('source.loadScripts', { paths: [join(dir, 'src.sql')] });
    await call('convert.run', { target: 'mysql' });

    const u = new URL(db.url);
    const connection = { engine: 'mysql', host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), database: db.name, sslMode: 'disable' };
    cancelAt = (done) => { if (done === 20) void dispatch(h, 'task.cancel', { taskId: 'apply-1' }); };
    const r = await call<Result<'apply.run'>>('apply.run', { target: 'mysql', connection, taskId: 'apply-1', password: decodeURIComponent(u.password) || undefined });
    assert.equal(r.ok, false);
    assert.equal(r.cancelled, true);
    assert.equal(r.mode, 'statement-by-statement');
    const applied = r.statements.filter((s) => s.status === 'applied');
    assert.ok(applied.length >= 20 && applied.length < 100, `stopped soon after the cancel: ${applied.length} applied`);
    assert.ok(r.notes.some((n) => /stay applied until the undo script is run/.test(n)), r.notes.join('\n'));
    const tables = async (): Promise<number> => Number((await db.query('SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ?', [db.name]))[0]!.n);
    assert.equal(await tables(), applied.filter((s) => /^CREATE TABLE/i.test(s.summary)).length, 'what the report says was applied is what the database has');
    assert.ok(r.undoScript && r.undoFile, 'an undo script comes back and is saved');
    assert.equal(await readFile(r.undoFile, 'utf8'), r.undoScript);
    assert.ok(r.undoFile.startsWith(join(dir, 'p', 'export', 'mysql')), r.undoFile);

    await runMysqlClient(db.url, r.undoScript);
    assert.equal(await tables(), 0, 'the undo script removed everything the cancelled run created');
  } finally {
    await h.close();
    await db.drop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

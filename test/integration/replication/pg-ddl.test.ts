// PostgreSQL → MariaDB CDC and source DDL other than ADD COLUMN, on the real servers: DROP COLUMN
// and ALTER COLUMN … TYPE (seen in pgoutput Relation messages) and TRUNCATE are applied to the
// target when the ChangeProcessingDdlHandlingPolicy allows, reported as action items (and the
// target left alone) when it does not — never passed over. Also: once capture is idle the tables'
// lag reads 0, not the last batch's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { replicateCli, replicateResult, sleep, stopChild, withDb } from './helpers.js';

const MY = process.env.DBSHIFT_TEST_MYSQL_URL;
const PG = process.env.DBSHIFT_TEST_PG_URL;
const skip = !MY || !PG ? 'DBSHIFT_TEST_MYSQL_URL / DBSHIFT_TEST_PG_URL not set' : false;

interface Outcome { columns: Record<string, string>; t2: unknown[]; log: string; state: { tables: Record<string, { ddls: number; lagMs?: number; lastError?: string }> } }

async function scenario(name: string, policy: { HandleSourceTableAltered: boolean; HandleSourceTableTruncated: boolean }): Promise<Outcome> {
  const db = `repl_ddl_${name}`;
  const schema = `pgddl_${name}`;
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), `.task-ddl-${name}-${process.pid}`);
  const settings = `${dir}-settings.json`;
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: PG! });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'dbshift_ddl_${name}' AND NOT active`);
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${db}`);
  } finally { await admin.end(); }
  const sourceUrl = withDb(PG!, db);
  const s = new pg.Client({ connectionString: sourceUrl });
  await s.connect();
  let my: mysql.Connection | undefined;
  let run: ReturnType<typeof replicateCli> | undefined;
  try {
    await s.query(`CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}.t1 (id int PRIMARY KEY, a text, b int NOT NULL, c varchar(10));
      INSERT INTO ${schema}.t1 SELECT g, 'a' || g, g, 'c' || g FROM generate_series(1, 50) g;
      CREATE TABLE ${schema}.t2 (id int PRIMARY KEY, v text);
      INSERT INTO ${schema}.t2 SELECT g, 'v' || g FROM generate_series(1, 20) g;`);
    my = await mysql.createConnection({ uri: MY! });
    await my.query(`DROP DATABASE IF EXISTS ${schema}`);
    writeFileSync(settings, JSON.stringify({ ChangeProcessingDdlHandlingPolicy: { HandleSourceTableDropped: true, ...policy }, ValidationSettings: { EnableValidation: true } }));
    const created = await replicateResult(['create', dir, '--id', `ddl-${name}`, '--source-url', sourceUrl, '--target-url', withDb(MY!, 'mysql'), '--task-settings', settings]);
    assert.equal(created.code, 0, created.err);
    run = replicateCli(['start', dir]);
    const readState = (): Outcome['state'] & { phase?: string } => { try { return JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')); } catch { return { tables: {} }; } };
    const until = async (what: string, ok: () => Promise<boolean> | boolean, ms = 90_000): Promise<void> => {
      const end = Date.now() + ms;
      while (!(await ok())) {
        assert.ok(Date.now() < end && run!.exitCode === null, `${what}: ${run!.output()}`);
        await sleep(250);
      }
    };
    await until('transactional apply', () => readState().phase === 'cdc');
    // EnableValidation: the tables are compared once the load and its cached changes are in.
    const logText = (): string => { try { return readFileSync(join(dir, 'task.log'), 'utf8'); } catch { return ''; } };
    await until('validation after the load', () => /validation: \w+ \S+\.t1 /.test(logText()) && /validation: \w+ \S+\.t2 /.test(logText()));
    await s.query(`ALTER TABLE ${schema}.t1 DROP COLUMN a;
      ALTER TABLE ${schema}.t1 ALTER COLUMN b TYPE bigint;
      ALTER TABLE ${schema}.t1 ALTER COLUMN c TYPE varchar(40)`);
    await s.query(`INSERT INTO ${schema}.t1 (id, b, c) VALUES (100, ${policy.HandleSourceTableAltered ? 9000000000 : 7}, 'c100')`);
    await s.query(`TRUNCATE ${schema}.t2`);
    await s.query(`INSERT INTO ${schema}.t2 VALUES (500, 'after the truncate'); INSERT INTO ${schema}.t1 (id, b) VALUES (101, 1)`);
    await until('the last change applied', async () => ((await my!.query(`SELECT 1 FROM ${schema}.t1 WHERE id = 101`)) as unknown as [unknown[]])[0].length > 0);
    // Idle: lag reads 0 within a few seconds of the last change.
    await until('lag 0 when idle', () => readState().tables[`${schema}.t1`]?.lagMs === 0, 20_000);
    const [cols] = await my.query('SELECT COLUMN_NAME AS n, COLUMN_TYPE AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [schema, 't1']) as unknown as [{ n: string; t: string }[]];
    const [t2] = await my.query({ sql: `SELECT id, v FROM ${schema}.t2 ORDER BY id`, rowsAsArray: true }) as unknown as [unknown[][]];
    await stopChild(run, 'SIGTERM');
    return { columns: Object.fromEntries(cols.map((c) => [c.n, c.t])), t2, log: readFileSync(join(dir, 'task.log'), 'utf8'), state: readState() };
  } finally {
    await stopChild(run);
    await replicateResult(['delete', dir], 60_000).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    rmSync(settings, { force: true });
    await my?.end().catch(() => undefined);
    await s.end().catch(() => undefined);
  }
}

test('PostgreSQL source: DROP COLUMN, ALTER COLUMN TYPE and TRUNCATE are applied on MariaDB; idle lag reads 0', { skip, timeout: 240_000 }, async () => {
  const o = await scenario('on', { HandleSourceTableAltered: true, HandleSourceTableTruncated: true });
  assert.equal(o.columns.a, undefined, 'the dropped column is gone on the target');
  assert.match(o.columns.b!, /^bigint/);
  assert.match(o.columns.c!, /^varchar\(40\)/);
  assert.deepEqual(o.t2.map((r) => (r as unknown[])[0]), [500], 'TRUNCATE removed the loaded rows, the later insert is there');
  assert.match(o.log, /ddl: pgddl_on\.t1 → \S+: dropped column `a`/);
  assert.match(o.log, /ddl: pgddl_on\.t1 → \S+: column `b` changed type on the source \(integer → bigint\)/);
  assert.match(o.log, /ddl: pgddl_on\.t1 → \S+: column `c` changed type on the source \(character varying\(10\) → character varying\(40\)\)/);
  assert.match(o.log, /ddl: pgddl_on\.t2 → \S+: TRUNCATE on the source applied as DELETE FROM/);
  assert.ok(o.state.tables['pgddl_on.t1']!.ddls >= 3, JSON.stringify(o.state.tables));
  assert.ok(o.state.tables['pgddl_on.t2']!.ddls >= 1);
  // EnableValidation on a full-load-and-cdc task: validated after the load (before the DDL above).
  assert.match(o.log, /validation: OK pgddl_on\.t1 \(50\/50 rows\)/);
  assert.match(o.log, /validation: OK pgddl_on\.t2 \(20\/20 rows\)/);
});

test('PostgreSQL source: with the DDL handling policy off, the same DDL is reported (REPL0002) and the target left alone', { skip, timeout: 240_000 }, async () => {
  const o = await scenario('off', { HandleSourceTableAltered: false, HandleSourceTableTruncated: false });
  assert.ok('a' in o.columns, 'the dropped column stays on the target');
  assert.match(o.columns.b!, /^int/);
  assert.match(o.columns.c!, /^varchar\(10\)/);
  assert.equal(o.t2.length, 21, 'the target keeps its rows, plus the later insert');
  assert.match(o.log, /action item REPL0002 \(high\): pgddl_off\.t1 → \S+: source DDL not applied to the target: column a dropped on the source \(HandleSourceTableAltered is false\)/);
  assert.match(o.log, /REPL0002 .*column b changed type on the source from integer to bigint/);
  assert.match(o.log, /ddl: pgddl_off\.t2 → \S+: TRUNCATE on the source not applied \(HandleSourceTableTruncated is false\)/);
  assert.match(o.state.tables['pgddl_off.t1']!.lastError ?? '', /DDL not applied/);
});

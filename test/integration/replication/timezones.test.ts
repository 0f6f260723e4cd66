// TIMESTAMP instants move exactly whatever the zones involved: a private MariaDB whose default zone
// is +05:30, PostgreSQL databases whose TimeZone is Asia/Kolkata, and `dbshift replicate` running on
// New York time (TZ of the child). Rows written before the start (full load) and during CDC (insert
// and update, in sessions of yet other zones) are compared with what each server itself says: the
// MariaDB side in a UTC session, the PostgreSQL side as UTC text — plus a few values checked by hand.
// DATETIME / timestamp without time zone must arrive as written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { findMariadbBins, startMariadb } from '../../harness/mysql-server.js';
import type { RunningServer } from '../../harness/pg-server.js';
import { startWatchdog } from '../../harness/proc.js';
import { replicateCli as cli, replicateResult as cliResult, sleep, stopChild, withDb, FIXTURES } from './helpers.js';

const PG = process.env.DBSHIFT_TEST_PG_URL;
const skip = !PG ? 'DBSHIFT_TEST_PG_URL not set' : false;

// The helpers spawn the CLI with process.env: the replication process runs on New York time.
process.env.TZ = 'America/New_York';

const MY_TEXT = (c: string): string => `DATE_FORMAT(${c}, '%Y-%m-%d %H:%i:%s.%f')`;
const PG_TEXT = (c: string): string => `to_char(${c}, 'YYYY-MM-DD HH24:MI:SS.US')`;
const PG_UTC_TEXT = (c: string): string => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;
const rowsText = (rows: unknown[][]): (string | null)[][] => rows.map((r) => r.map((v) => (v === null ? null : String(v))));

let server: RunningServer | undefined;
let serverDir: string | undefined;
let watchdog: ChildProcess | undefined;

before(async () => {
  if (skip) return;
  const bins = findMariadbBins();
  assert.ok(bins, 'MariaDB server binaries not found (scripts/setup-system.sh installs them)');
  serverDir = mkdtempSync(join(tmpdir(), 'dbshift-tz-'));
  const pidFile = join(serverDir, '.server-pids');
  writeFileSync(pidFile, '');
  // Kills the server and removes its directory should this process die without its `after`.
  watchdog = startWatchdog(serverDir, pidFile);
  server = await startMariadb(serverDir, bins, (pid) => writeFileSync(pidFile, `${pid}\n`, { flag: 'a' }), ['--default-time-zone=+05:30']);
});

after(async () => {
  await server?.stop().catch(() => undefined);
  if (watchdog && watchdog.exitCode === null) watchdog.kill('SIGKILL');
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

async function pgDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: PG! });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    // Per database: other test files on the shared server are untouched.
    await admin.query(`ALTER DATABASE ${name} SET timezone = 'Asia/Kolkata'`);
  } finally { await admin.end(); }
  return withDb(PG!, name);
}

async function dropPgDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG! });
  await admin.connect();
  try { await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { await admin.end(); }
}

async function waitForState(dir: string, c: ChildProcess, phase: string): Promise<void> {
  const end = Date.now() + 90_000;
  while (Date.now() < end) {
    try {
      const s = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { pid?: number; status?: string; phase?: string };
      if (s.pid === c.pid && s.status === 'running' && s.phase === phase) return;
    } catch { /* being written */ }
    if (c.exitCode !== null) assert.fail(`the replication process exited with ${c.exitCode}: ${(c as ChildProcess & { output(): string }).output()}`);
    await sleep(150);
  }
  assert.fail(`the replication process did not reach ${phase} within 90 s`);
}

async function until(what: string, probe: () => Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) assert.fail(`${what}: not within ${ms / 1000} s`);
    await sleep(250);
  }
}

function showLog(dir: string): void {
  try { process.stderr.write(`task.log:\n${readFileSync(join(dir, 'task.log'), 'utf8').slice(-6000)}\n`); } catch { /* no log */ }
}

// Written in the server's default zone (+05:30); the UTC instant of each is in the comment.
const MY_ROWS = [
  "(1, '2024-01-15 12:00:00.123456', '2024-01-15 12:00:00.123456', 'a')", // 06:30:00.123456 UTC
  "(2, '2024-03-10 12:30:00.500000', '2024-03-10 12:30:00.500000', 'b')", // 07:00 UTC: 02:00 in New York does not exist
  "(3, '2024-11-03 11:00:00', '2024-11-03 11:00:00', 'c')", // 05:30 UTC = 01:30 EDT
  "(4, '2024-11-03 12:00:00', '2024-11-03 12:00:00', 'd')", // 06:30 UTC = 01:30 EST (the same New York wall time)
  "(5, '1970-01-01 05:30:01', '1970-01-01 05:30:01', 'e')", // 00:00:01 UTC
  '(6, NULL, NULL, NULL)',
];

test('MariaDB (zone +05:30) → PostgreSQL (database zone Asia/Kolkata), dbshift on New York time: TIMESTAMP instants exact, DATETIME as written, full load and CDC', { skip, timeout: 300_000 }, async () => {
  const pgName = `tz_tgt_${process.pid}`;
  const work = mkdtempSync(join(tmpdir(), 'dbshift-tz-task-'));
  const dir = join(work, 'task');
  const my = await mysql.createConnection({ uri: server!.url, multipleStatements: true, dateStrings: true });
  let t: pg.Client | undefined;
  let child: ChildProcess | undefined;
  try {
    const [[zone]] = await my.query('SELECT @@session.time_zone AS z') as unknown as [{ z: string }[]];
    assert.equal(zone!.z, '+05:30', 'the private server runs in +05:30');
    const table = 'id int PRIMARY KEY, ts timestamp(6) NULL DEFAULT NULL, dt datetime(6) NULL, note varchar(20)';
    await my.query(`DROP DATABASE IF EXISTS tzsrc; CREATE DATABASE tzsrc; USE tzsrc;
      CREATE TABLE events (${table}); CREATE TABLE events_tz (${table});
      INSERT INTO events VALUES ${MY_ROWS.join(', ')}; INSERT INTO events_tz VALUES ${MY_ROWS.join(', ')};`);

    const targetUrl = await pgDatabase(pgName);
    t = new pg.Client({ connectionString: targetUrl });
    await t.connect();
    // events is created by dbshift (TIMESTAMP → timestamp) and loads by COPY binary; events_tz exists
    // already with timestamptz, and its added column makes its load take mysql2's values (values.ts).
    await t.query('CREATE SCHEMA tzsrc; CREATE TABLE tzsrc.events_tz (id int PRIMARY KEY, ts timestamptz(6), dt timestamp(6), note varchar(20), label varchar(40))');

    const settings = join(work, 'task_settings.json');
    writeFileSync(settings, readFileSync(new URL('task_settings.json', FIXTURES), 'utf8').replace('"DROP_AND_CREATE"', '"DO_NOTHING"'));
    const mappings = join(work, 'table_mappings.json');
    writeFileSync(mappings, JSON.stringify({ rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'tzsrc', 'table-name': '%' }, 'rule-action': 'include' },
      { 'rule-type': 'transformation', 'rule-id': '2', 'rule-name': '2', 'rule-action': 'add-column', 'rule-target': 'column', 'object-locator': { 'schema-name': 'tzsrc', 'table-name': 'events_tz' },
        value: 'label', expression: 'upper($note)', 'data-type': { type: 'string', length: 40 } }] }));
    const created = await cliResult(['create', dir, '--id', 'tz-my', '--source-url', withDb(server!.url, 'tzsrc'), '--target-url', targetUrl,
      '--task-settings', settings, '--table-mappings', mappings]);
    assert.equal(created.code, 0, created.err);

    child = cli(['start', dir]);
    await waitForState(dir, child, 'cdc');

    // Changes from sessions of two other zones: inserts, an update of the timestamps, an update of another column.
    for (const tbl of ['events', 'events_tz']) {
      await my.query(`SET time_zone = '-03:00'; INSERT INTO tzsrc.${tbl} VALUES (10, '2024-06-01 09:15:00.654321', '2024-06-01 09:15:00.654321', 'cdc'), (11, NOW(6), NOW(6), 'now');
        UPDATE tzsrc.${tbl} SET ts = '2024-12-31 21:00:00', dt = '2024-12-31 21:00:00' WHERE id = 2;
        SET time_zone = '+09:00'; UPDATE tzsrc.${tbl} SET note = 'upd' WHERE id = 3; INSERT INTO tzsrc.${tbl} VALUES (12, '2024-11-03 15:00:00.000001', '2024-11-03 15:00:00.000001', 'jst');`);
    }
    await my.query("INSERT INTO tzsrc.events_tz (id, note) VALUES (999, 'marker')");
    await until('the marker row on PostgreSQL', async () => (await t!.query('SELECT 1 FROM tzsrc.events_tz WHERE id = 999')).rowCount === 1);

    const types = await t.query(`SELECT c.relname, format_type(a.atttypid, a.atttypmod) AS ty FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'tzsrc'::regnamespace AND a.attname = 'ts' ORDER BY 1`);
    assert.deepEqual(types.rows.map((r) => `${r.relname}: ${r.ty}`), ['events: timestamp(6) without time zone', 'events_tz: timestamp(6) with time zone']);

    await my.query("SET time_zone = '+00:00'");
    for (const [tbl, pgTs] of [['events', PG_TEXT('ts')], ['events_tz', PG_UTC_TEXT('ts')]] as const) {
      const [src] = await my.query({ sql: `SELECT id, ${MY_TEXT('ts')}, ${MY_TEXT('dt')}, note FROM tzsrc.${tbl} ORDER BY id`, rowsAsArray: true }) as unknown as [unknown[][]];
      const tgt: pg.QueryResult = await t.query({ text: `SELECT id, ${pgTs}, ${PG_TEXT('dt')}, note FROM tzsrc.${tbl} e ORDER BY e.id`, rowMode: 'array' });
      const want = rowsText(src);
      assert.deepEqual(rowsText(tgt.rows as unknown[][]), want, `${tbl}: rows on PostgreSQL (UTC) = rows on MariaDB in a UTC session`);
      // By hand, independent of both servers' renderings above.
      const byId = new Map(want.map((r) => [r[0], r]));
      assert.deepEqual(byId.get('1')!.slice(1, 3), ['2024-01-15 06:30:00.123456', '2024-01-15 12:00:00.123456'], `${tbl} row 1`);
      assert.deepEqual(byId.get('4')!.slice(1, 3), ['2024-11-03 06:30:00.000000', '2024-11-03 12:00:00.000000'], `${tbl} row 4`);
      assert.deepEqual(byId.get('5')!.slice(1, 3), ['1970-01-01 00:00:01.000000', '1970-01-01 05:30:01.000000'], `${tbl} row 5`);
      assert.deepEqual(byId.get('10')!.slice(1, 3), ['2024-06-01 12:15:00.654321', '2024-06-01 09:15:00.654321'], `${tbl} row 10 (CDC insert in -03:00)`);
      assert.deepEqual(byId.get('2')!.slice(1, 3), ['2025-01-01 00:00:00.000000', '2024-12-31 21:00:00.000000'], `${tbl} row 2 (CDC update in -03:00)`);
      assert.deepEqual(byId.get('12')!.slice(1, 3), ['2024-11-03 06:00:00.000001', '2024-11-03 15:00:00.000001'], `${tbl} row 12 (CDC insert in +09:00)`);
    }

    const log = readFileSync(join(dir, 'task.log'), 'utf8');
    assert.match(log, /tzsrc\.events loaded, 6 rows .* by COPY binary/);
    assert.match(log, /tzsrc\.events_tz loaded, 6 rows .* by COPY text from mysql2 values/);
    assert.equal((await t.query("SELECT label FROM tzsrc.events_tz WHERE id = 3")).rows[0].label, 'UPD', 'the added column follows the update');

    const v = await cliResult(['validate', dir]);
    assert.equal(v.code, 0, `${v.out}\n${v.err}`);
    assert.match(v.out, /^OK +tzsrc\.events_tz: source (\d+) rows, target \1 rows/m);
    const stop = await cliResult(['stop', dir]);
    assert.equal(stop.code, 0, stop.err);
  } catch (e) {
    showLog(dir);
    throw e;
  } finally {
    await stopChild(child, 'SIGTERM');
    await t?.end().catch(() => undefined);
    await my.end().catch(() => undefined);
    await dropPgDatabase(pgName).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
});

test('PostgreSQL (database zone Asia/Kolkata) → MariaDB (zone +05:30), dbshift on New York time: timestamptz instants exact, timestamp as written, full load and CDC', { skip, timeout: 300_000 }, async () => {
  const pgName = `tz_src_${process.pid}`;
  const work = mkdtempSync(join(tmpdir(), 'dbshift-tz-task-'));
  const dir = join(work, 'task');
  let s: pg.Client | undefined;
  let my: mysql.Connection | undefined;
  let child: ChildProcess | undefined;
  try {
    const sourceUrl = await pgDatabase(pgName);
    s = new pg.Client({ connectionString: sourceUrl });
    await s.connect();
    assert.equal((await s.query('SHOW TimeZone')).rows[0].TimeZone, 'Asia/Kolkata');
    // Row 6 has no offset: it is read in the session's zone (Asia/Kolkata) → 2024-05-31 18:30 UTC.
    await s.query(`CREATE SCHEMA pgtz; CREATE TABLE pgtz.ev (id int PRIMARY KEY, tstz timestamptz(6), ts timestamp(6), note text);
      INSERT INTO pgtz.ev VALUES (1, '2024-01-15 12:00:00.123456+05:30', '2024-01-15 12:00:00.123456', 'a'),
        (2, '2024-11-03 01:30:00-04', '2024-11-03 01:30:00', 'b'), (3, '2024-11-03 01:30:00-05', '2024-11-03 01:30:00', 'c'),
        (4, '1969-07-20 20:17:40.5+00', '1969-07-20 20:17:40.5', 'd'), (5, NULL, NULL, NULL), (6, '2024-06-01 00:00:00', '2024-06-01 00:00:00', 'f')`);
    my = await mysql.createConnection({ uri: server!.url, multipleStatements: true, dateStrings: true });
    const created = await cliResult(['create', dir, '--id', 'tz-pg', '--source-url', sourceUrl, '--target-url', withDb(server!.url, 'mysql')]);
    assert.equal(created.code, 0, created.err);
    child = cli(['start', dir]);
    await waitForState(dir, child, 'cdc');

    await s.query(`SET TimeZone = 'America/Sao_Paulo';
      INSERT INTO pgtz.ev VALUES (10, '2024-06-01 09:15:00.654321', '2024-06-01 09:15:00.654321', 'cdc'), (11, now(), localtimestamp, 'now');
      UPDATE pgtz.ev SET tstz = '2024-12-31 21:00:00', ts = '2024-12-31 21:00:00' WHERE id = 2;
      UPDATE pgtz.ev SET note = 'upd' WHERE id = 3;
      INSERT INTO pgtz.ev (id, note) VALUES (999, 'marker')`);
    await until('the marker row on MariaDB', async () => {
      const [rows] = await my!.query('SELECT 1 FROM pgtz.ev WHERE id = 999').catch(() => [[]]) as unknown as [unknown[]];
      return rows.length === 1;
    });

    const src = await s.query({ text: `SELECT id, ${PG_UTC_TEXT('tstz')}, ${PG_TEXT('ts')}, note FROM pgtz.ev e ORDER BY e.id`, rowMode: 'array' });
    await my.query("SET time_zone = '+00:00'");
    const [tgt] = await my.query({ sql: `SELECT id, ${MY_TEXT('tstz')}, ${MY_TEXT('ts')}, note FROM pgtz.ev ORDER BY id`, rowsAsArray: true }) as unknown as [unknown[][]];
    const want = rowsText(src.rows as unknown[][]);
    assert.deepEqual(rowsText(tgt), want, 'rows on MariaDB = rows on PostgreSQL as UTC text');
    const byId = new Map(want.map((r) => [r[0], r]));
    assert.deepEqual(byId.get('1')!.slice(1, 3), ['2024-01-15 06:30:00.123456', '2024-01-15 12:00:00.123456']);
    assert.deepEqual(byId.get('3')!.slice(1, 3), ['2024-11-03 06:30:00.000000', '2024-11-03 01:30:00.000000']);
    assert.deepEqual(byId.get('6')!.slice(1, 3), ['2024-05-31 18:30:00.000000', '2024-06-01 00:00:00.000000']);
    assert.deepEqual(byId.get('10')!.slice(1, 3), ['2024-06-01 12:15:00.654321', '2024-06-01 09:15:00.654321'], 'CDC insert (session in -03)');
    assert.deepEqual(byId.get('2')!.slice(1, 3), ['2025-01-01 00:00:00.000000', '2024-12-31 21:00:00.000000'], 'CDC update (session in -03)');

    const v = await cliResult(['validate', dir]);
    assert.equal(v.code, 0, `${v.out}\n${v.err}`);
    assert.match(v.out, /^OK +pgtz\.ev: source (\d+) rows, target \1 rows/m);
    await stopChild(child, 'SIGTERM');
    const del = await cliResult(['delete', dir]);
    assert.equal(del.code, 0, del.err);
  } catch (e) {
    showLog(dir);
    throw e;
  } finally {
    await stopChild(child, 'SIGTERM');
    await s?.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'dbshift_tz_pg' AND NOT active").catch(() => undefined);
    await s?.end().catch(() => undefined);
    await my?.end().catch(() => undefined);
    await dropPgDatabase(pgName).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
});

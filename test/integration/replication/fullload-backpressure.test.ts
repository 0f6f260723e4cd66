// A full load whose COPY pushes back at its very last chunk must still finish. The target table is
// locked when the load starts, so COPY cannot begin (PostgreSQL answers COPY FROM STDIN only once
// it holds the table) and the whole table (one ~100 kB chunk) is encoded while the COPY stream is
// still corked: its write returns false. The lock is released after the watchdog has reported the
// stall (DBSHIFT_STALL_SECONDS=2: with the blocking session named), and the load must then complete
// — it used to hang for ever: the source connection, paused for a 'drain' that end() suppresses,
// never closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { loadTaskDefinition } from '../../../electron/node/replication/task/index.js';
import { runTask } from '../../../electron/node/replication/runner.js';
import { sleep, withDb } from './helpers.js';

const MY = process.env.DBSHIFT_TEST_MYSQL_URL;
const PG = process.env.DBSHIFT_TEST_PG_URL;
const ROWS = 2000;

async function until(what: string, ms: number, f: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await f())) {
    assert.ok(Date.now() < deadline, `${what} within ${ms / 1000} s`);
    await sleep(100);
  }
}

for (const copyText of [false, true]) {
  test(`full load (COPY ${copyText ? 'text' : 'binary'}) finishes after the target pushed back on its last chunk, and a stall is logged with its blocker`,
    { skip: !MY || !PG ? 'DBSHIFT_TEST_MYSQL_URL / DBSHIFT_TEST_PG_URL not set' : false, timeout: 120_000 }, async () => {
      const my = await mysql.createConnection({ uri: MY!, multipleStatements: true });
      const admin = new pg.Client({ connectionString: PG! });
      await admin.connect();
      const dir = mkdtempSync(join(tmpdir(), 'dbshift-fl-bp-'));
      const env = { stall: process.env.DBSHIFT_STALL_SECONDS, text: process.env.DBSHIFT_COPY_TEXT };
      let locker: pg.Client | undefined;
      let probe: pg.Client | undefined;
      const stop = new AbortController();
      let run: Promise<unknown> | undefined;
      try {
        const vals = Array.from({ length: ROWS }, (_, i) => `(${i + 1}, ${i * 7}, '${'x'.repeat(20 + (i % 20))}')`);
        await my.query(`DROP DATABASE IF EXISTS flbp; CREATE DATABASE flbp; USE flbp;
          CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL, pad varchar(40) NOT NULL);
          INSERT INTO t VALUES ${vals.join(',')};`);
        await admin.query('DROP DATABASE IF EXISTS flbp_target WITH (FORCE)');
        await admin.query('CREATE DATABASE flbp_target');
        const target = withDb(PG!, 'flbp_target');
        locker = new pg.Client({ connectionString: target, application_name: 'flbp-locker' });
        await locker.connect();
        await locker.query('CREATE SCHEMA flbp; CREATE TABLE flbp.t (id integer PRIMARY KEY, n integer NOT NULL, pad character varying(40) NOT NULL)');
        await locker.query('BEGIN; LOCK TABLE flbp.t IN ACCESS EXCLUSIVE MODE');
        writeFileSync(join(dir, 'task.json'), JSON.stringify({ ReplicationTaskIdentifier: 'flbp', MigrationType: 'full-load', SourceUrl: withDb(MY!, 'flbp'), TargetUrl: target }));
        writeFileSync(join(dir, 'task_settings.json'), JSON.stringify({ FullLoadSettings: { TargetTablePrepMode: 'DO_NOTHING' } }));
        writeFileSync(join(dir, 'table_mappings.json'), JSON.stringify({ rules: [
          { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'flbp', 'table-name': '%' }, 'rule-action': 'include' },
        ] }));
        process.env.DBSHIFT_STALL_SECONDS = '2';
        if (copyText) process.env.DBSHIFT_COPY_TEXT = '1'; else delete process.env.DBSHIFT_COPY_TEXT;
        const logs: string[] = [];
        let finished = false;
        run = runTask(await loadTaskDefinition(dir), { reload: true, signal: stop.signal, onState: () => undefined, log: (m) => logs.push(m) })
          .finally(() => { finished = true; });
        run.catch(() => undefined);
        // The COPY waits for the lock; the watchdog names the session holding it.
        probe = new pg.Client({ connectionString: target });
        await probe.connect();
        await until('the COPY waits for the table lock', 60_000, async () => (await probe!.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'COPY %' AND wait_event_type = 'Lock'")).rows.length > 0);
        await until('the stall is logged', 30_000, () => logs.some((l) => /made no progress/.test(l)));
        const stall = logs.find((l) => /made no progress/.test(l))!;
        assert.match(stall, /^full load: flbp\.t made no progress for \d+ s \(\d+ rows so far\): .*target session \d+: active, waiting on Lock\/relation, query "COPY .*blocked by pid \d+ \(flbp-locker, idle in transaction/, logs.join('\n'));
        await locker.query('COMMIT');
        await until(`the load finishes once the lock is gone (log: ${logs.join(' | ')})`, 30_000, () => finished);
        await run;
        assert.ok(logs.some((l) => new RegExp(`flbp\\.t → \\S+ loaded, ${ROWS} rows .* by COPY ${copyText ? 'text' : 'binary'}$`).test(l)), logs.join('\n'));
        const r = await probe.query('SELECT count(*)::int AS n, sum(n)::bigint AS s, sum(length(pad))::int AS l FROM flbp.t');
        const [[src]] = await my.query('SELECT COUNT(*) AS n, SUM(n) AS s, SUM(LENGTH(pad)) AS l FROM flbp.t') as unknown as [{ n: number; s: string; l: string }[]];
        assert.deepEqual(r.rows[0], { n: Number(src!.n), s: String(src!.s), l: Number(src!.l) });
      } finally {
        stop.abort();
        if (env.stall === undefined) delete process.env.DBSHIFT_STALL_SECONDS; else process.env.DBSHIFT_STALL_SECONDS = env.stall;
        if (env.text === undefined) delete process.env.DBSHIFT_COPY_TEXT; else process.env.DBSHIFT_COPY_TEXT = env.text;
        await locker?.end().catch(() => undefined);
        await probe?.end().catch(() => undefined);
        // A hung load holds connections: bounded wait, then go on (the test has failed already).
        if (run) await Promise.race([run.catch(() => undefined), sleep(5000)]);
        rmSync(dir, { recursive: true, force: true });
        await my.query('DROP DATABASE IF EXISTS flbp').catch(() => undefined);
        await admin.query('DROP DATABASE IF EXISTS flbp_target WITH (FORCE)').catch(() => undefined);
        await my.end();
        await admin.end();
      }
    });
}

// Phases as DMS runs them (MariaDB → PostgreSQL): changes made while the tables load are cached per
// table and applied right after that table's load — the small table's cached changes go in (and it
// counts as loaded) while the big one is still loading — then transactional apply. A writer updates
// the tables throughout (one without a key: applied by whole-row match, cached changes cut at its
// load's snapshot position); at the end both sides are hashed by their own SQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { keyDifferences, replicateCli, replicateResult, sleep, stopChild, withDb } from './helpers.js';

const MY = process.env.DBSHIFT_TEST_MYSQL_URL;
const PG = process.env.DBSHIFT_TEST_PG_URL;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Rows as a multiset: which rows one side has more often than the other. */
function multisetDifferences(source: unknown[][], target: unknown[][]): string {
  const count = new Map<string, number>();
  for (const r of source) { const k = r.join(','); count.set(k, (count.get(k) ?? 0) + 1); }
  for (const r of target) { const k = r.join(','); count.set(k, (count.get(k) ?? 0) - 1); }
  return [...count].filter(([, n]) => n !== 0).map(([k, n]) => `(${k}) ${n > 0 ? `${n} more on the source` : `${-n} more on the target`}`).join('; ');
}

function digest(rows: unknown[][]): string {
  const h = createHash('sha1');
  for (const r of rows) h.update(`${r.map((v) => (v === null ? '<null>' : String(v))).join('\t')}\n`);
  return h.digest('hex');
}

test('cached changes are applied per table right after its load, then transactional apply', { skip: !MY || !PG ? 'DBSHIFT_TEST_MYSQL_URL / DBSHIFT_TEST_PG_URL not set' : false, timeout: 300_000 }, async () => {
  const my = await mysql.createConnection({ uri: MY!, multipleStatements: true });
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), `.task-phases-${process.pid}`);
  const mappings = join(ROOT, `test/integration/replication/.phases-mappings-${process.pid}.json`);
  let writing = true;
  let writer: Promise<void> | undefined;
  let run: ReturnType<typeof replicateCli> | undefined;
  let t: pg.Client | undefined;
  try {
    await my.query(`DROP DATABASE IF EXISTS phases; CREATE DATABASE phases; USE phases;
      CREATE TABLE big (id int PRIMARY KEY, n int NOT NULL, pad varchar(200) NOT NULL);
      CREATE TABLE small (id int PRIMARY KEY, n int NOT NULL);
      INSERT INTO small VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0);
      CREATE TABLE nokey (sensor int NOT NULL, v int);
      INSERT INTO nokey SELECT seq % 20, seq % 3 FROM seq_1_to_3000;`);
    for (let b = 0; b < 16; b++) {
      const vals: string[] = [];
      for (let i = 1; i <= 10_000; i++) vals.push(`(${b * 10_000 + i}, 0, '${'p'.repeat(150)}')`);
      await my.query(`INSERT INTO big VALUES ${vals.join(',')}`);
    }
    const admin = new pg.Client({ connectionString: PG! });
    await admin.connect();
    try {
      await admin.query('DROP DATABASE IF EXISTS repl_phases WITH (FORCE)');
      await admin.query('CREATE DATABASE repl_phases');
    } finally { await admin.end(); }
    const targetUrl = withDb(PG!, 'repl_phases');
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(mappings, JSON.stringify({ rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'phases', 'table-name': '%' }, 'rule-action': 'include' }] }));
    writer = (async () => {
      const w = await mysql.createConnection({ uri: withDb(MY!, 'phases') });
      try {
        for (let i = 0; writing; i++) {
          await w.query(`UPDATE small SET n = n + 1 WHERE id = ${1 + (i % 5)}`);
          await w.query(`UPDATE big SET n = n + 1 WHERE id = ${1 + ((i * 7919) % 160_000)}`);
          // No key: duplicates on purpose; replaying a change already in the loaded rows would show.
          if (i % 3 === 0) await w.query(`INSERT INTO nokey VALUES (${i % 20}, ${i % 3})`);
          if (i % 3 === 1) await w.query(`UPDATE nokey SET v = v + 1 WHERE sensor = ${i % 20} LIMIT 1`);
          if (i % 3 === 2) await w.query(`DELETE FROM nokey WHERE sensor = ${i % 20} LIMIT 1`);
          await sleep(2);
        }
      } finally { await w.end(); }
    })();
    await sleep(300);
    const created = await replicateResult(['create', dir, '--id', 'phases', '--source-url', withDb(MY!, 'phases'), '--target-url', targetUrl, '--table-mappings', mappings]);
    assert.equal(created.code, 0, created.err);
    run = replicateCli(['start', dir]);
    const deadline = Date.now() + 120_000;
    for (;;) {
      let st: { phase?: string } = {};
      try { st = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { phase?: string }; } catch { /* being written */ }
      if (st.phase === 'cdc') break;
      assert.ok(Date.now() < deadline && run.exitCode === null, `the task did not reach transactional apply: ${run.output()}`);
      await sleep(200);
    }
    await sleep(1000);
    writing = false;
    await writer;
    // Let the last changes arrive, then compare.
    t = new pg.Client({ connectionString: targetUrl });
    await t.connect();
    // Caught up: the applied position reaches the source's end of binlog.
    const [[master]] = await my.query('SHOW MASTER STATUS') as unknown as [{ File: string; Position: string }[]];
    for (let i = 0; ; i++) {
      const r = await t.query("SELECT position->>'file' AS file, (position->>'pos')::bigint AS pos FROM dbshift_replication.positions WHERE task = 'phases'");
      const row = r.rows[0] as { file: string; pos: string } | undefined;
      if (row && row.file === master!.File && Number(row.pos) >= Number(master!.Position)) break;
      assert.ok(i < 600, `transactional apply did not catch up: ${JSON.stringify(row)} vs ${master!.File}:${master!.Position}`);
      await sleep(100);
    }
    for (const [name, cols] of [['small', 'id, n'], ['big', 'id, n'], ['nokey', 'sensor, v']] as const) {
      const order = cols.split(', ').map((c) => `x.${c}`).join(', ');
      const [mrows] = await my.query({ sql: `SELECT ${cols} FROM phases.${name} x ORDER BY ${order}`, rowsAsArray: true }) as unknown as [unknown[][]];
      const prows = (await t.query({ text: `SELECT ${cols} FROM phases.${name} x ORDER BY ${order}`, rowMode: 'array' })).rows as unknown[][];
      if (digest(mrows) !== digest(prows)) process.stderr.write(`${name}: ${name === 'nokey' ? multisetDifferences(mrows, prows) : keyDifferences(mrows, prows)}\n`);
      assert.equal(prows.length, mrows.length, `${name}: row count`);
      assert.equal(digest(prows), digest(mrows), `${name}: checksum`);
    }
    await stopChild(run, 'SIGTERM');

    const log = readFileSync(join(dir, 'task.log'), 'utf8').split('\n');
    const at = (re: RegExp): number => log.findIndex((l) => re.test(l));
    const smallCached = at(/cached changes: phases\.small → \S+: (\d+) change\(s\) applied after its load/);
    const smallLoaded = at(/full load: phases\.small → \S+ loaded/);
    const bigCached = at(/cached changes: phases\.big → \S+: \d+ change\(s\) applied after its load/);
    const bigLoaded = at(/full load: phases\.big → \S+ loaded/);
    const transactional = at(/transactional apply from now on/);
    assert.ok(smallCached >= 0 && bigCached >= 0, log.join('\n'));
    assert.ok(smallCached < smallLoaded, 'small: its cached changes go in before it counts as loaded');
    assert.ok(smallLoaded < bigLoaded, 'the small table finished first');
    assert.ok(smallCached < bigCached && bigCached < bigLoaded && bigLoaded < transactional, log.join('\n'));
    // Cached = applied after the load + found already in the table's snapshot; how they split
    // depends on how far the binlog reader got when the (fast) small load ended.
    const [, applied, inSnapshot] = /(\d+) change\(s\) applied after its load(?: \((\d+) already in its snapshot\))?/.exec(log[smallCached]!)!;
    assert.ok(Number(applied) + Number(inSnapshot ?? 0) > 0, 'changes made while the tables loaded were cached for the small table');
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { tables: Record<string, { cachedChangesApplied: number; updates: number; deletes: number }> };
    assert.ok(state.tables['phases.small']!.cachedChangesApplied >= Number(applied), JSON.stringify(state.tables['phases.small']));
    assert.ok(log.some((l) => /REPL0003/.test(l)), 'the table without a key gets its action item');
    assert.ok(state.tables['phases.nokey']!.deletes > 0 && state.tables['phases.nokey']!.updates > 0, 'changes of the table without a key are applied');
  } catch (e) {
    try { process.stderr.write(`task.log:\n${readFileSync(join(dir, 'task.log'), 'utf8').slice(-6000)}\n`); } catch { /* no log */ }
    throw e;
  } finally {
    writing = false;
    await stopChild(run);
    await writer?.catch(() => undefined);
    await t?.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    rmSync(mappings, { force: true });
    await my.end();
  }
});

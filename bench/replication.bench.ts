// Replication at scale on the harness's private servers, figures only (no asserts), each with the
// load average beside it (the machine is shared; the lead re-measures on a quiet one).
//  1. Full load: 1,000,000 rows (bigint, int, varchar, decimal(12,2), datetime, text; ~150 MB)
//     MariaDB → PostgreSQL by dbshift (DMS task, full-load, CreatePkAfterFullLoad like pgloader,
//     no table-settings: the big table is split into key ranges automatically) and by pgloader on
//     the same data. dbshift runs as `bin/dbshift.mjs replicate start` (the shipped CLI; set
//     DBSHIFT_COPY_TEXT=1 to compare with COPY text). Rows/s for both, CPU seconds per process
//     (where the ceiling is), dbshift's RSS sampled during the run, and both
//     targets checked against the source (count and column aggregates) after each load.
//  2. CDC (bench/replication-cdc.ts): a writer doing 5,000 changes/s for 60 s while binlog CDC
//     applies them; changes/s applied and commit-to-commit lag p50/p95/max.
//   npm run bench:replication [-- rows [cdc-seconds [changes-per-second]]]   (cdc-seconds 0: skip)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { startServers } from '../test/harness/servers.js';
import { childArgs, cpuByProcess, cpuDelta, formatCpu, loadText, rssOf, rssSampler } from './replication-proc.js';
import { cdcBench } from './replication-cdc.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const CDC_SECONDS = Number(process.argv[3] ?? 60);
const CDC_RATE = Number(process.argv[4] ?? 5000);

function withDb(url: string, db: string): string { const u = new URL(url); u.pathname = `/${db}`; return u.toString(); }

// The same figures computed by each server from its own rows.
const SOURCE_CHECK = `SELECT COUNT(*) AS n, CAST(SUM(id) AS CHAR) AS ids, CAST(SUM(n) AS CHAR) AS ns, CAST(SUM(amount) AS CHAR) AS amounts,
  CAST(SUM(CHAR_LENGTH(name) + CHAR_LENGTH(body)) AS CHAR) AS chars, DATE_FORMAT(MAX(created), '%Y-%m-%d %H:%i:%s') AS latest,
  CAST(SUM(ASCII(body)) AS CHAR) AS firsts FROM bench.big`;
const TARGET_CHECK = (table: string): string => `SELECT COUNT(*)::text AS n, SUM(id)::text AS ids, SUM(n)::text AS ns, SUM(amount)::text AS amounts,
  SUM(char_length(name) + char_length(body))::text AS chars, to_char(MAX(created), 'YYYY-MM-DD HH24:MI:SS') AS latest,
  SUM(ascii(body))::text AS firsts FROM ${table}`;

async function check(url: string, table: string, expected: Record<string, unknown>): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = (await c.query(TARGET_CHECK(table))).rows[0] as Record<string, unknown>;
    const bad = Object.keys(r).filter((k) => String(r[k]) !== String(expected[k]));
    return bad.length ? `MISMATCH (${bad.map((k) => `${k}: ${String(r[k])} vs source ${String(expected[k])}`).join('; ')})` : `verified: ${String(r.n)} rows, sums, text lengths and latest date equal the source's`;
  } finally { await c.end(); }
}

const servers = await startServers();
const myUrl = servers.env.DBSHIFT_TEST_MYSQL_URL!;
const pgUrl = servers.env.DBSHIFT_TEST_PG_URL!;
try {
  const my = await mysql.createConnection({ uri: myUrl, multipleStatements: true });
  const t0 = performance.now();
  await my.query(`CREATE DATABASE bench; USE bench;
    CREATE TABLE big (id bigint PRIMARY KEY, n int NOT NULL, name varchar(64) NOT NULL, amount decimal(12,2) NOT NULL, created datetime NOT NULL, body text);
    INSERT INTO big SELECT seq, seq % 100000, CONCAT('name-', seq), (seq % 100000) / 100, TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND,
      REPEAT(CHAR(97 + seq % 26), 90 + seq % 20) FROM seq_1_to_${ROWS};
    ANALYZE TABLE big;`);
  const [[size]] = await my.query("SELECT ROUND((DATA_LENGTH) / 1048576) AS mb FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'bench' AND TABLE_NAME = 'big'") as unknown as [{ mb: string }[]];
  const [[expected]] = await my.query(SOURCE_CHECK) as unknown as [Record<string, unknown>[]];
  console.log(`source: ${ROWS} rows, ~${size!.mb} MB of table data, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await my.end();

  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE dbshift_target');
  await admin.query('CREATE DATABASE pgloader_target');
  await admin.end();

  const dir = mkdtempSync(join(tmpdir(), 'dbshift-bench-'));
  writeFileSync(join(dir, 'task.json'), JSON.stringify({ ReplicationTaskIdentifier: 'bench', MigrationType: 'full-load', SourceUrl: withDb(myUrl, 'bench'), TargetUrl: withDb(pgUrl, 'dbshift_target') }));
  // Primary key after the load, as pgloader does (DMS CreatePkAfterFullLoad); its build counts in the load time.
  writeFileSync(join(dir, 'task_settings.json'), JSON.stringify({ FullLoadSettings: { TargetTablePrepMode: 'DROP_AND_CREATE', MaxFullLoadSubTasks: 8, CreatePkAfterFullLoad: true } }));
  writeFileSync(join(dir, 'table_mappings.json'), JSON.stringify({ rules: [
    { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'bench', 'table-name': '%' }, 'rule-action': 'include' },
  ] }));
  // dbshift runs as the shipped CLI does: `bin/dbshift.mjs replicate start DIR` (tsx registered in
  // the process, the CLI loading the replication module on demand); its RSS is read from /proc
  // every 50 ms. Progress lines arrive on stderr, timestamped.
  let loadStart = 0; let loadEnd = 0;
  let cpuStart = new Map<string, number>(); let cpuEnd = new Map<string, number>();
  let loadAtStart = '';
  let rssAtStart = 0;
  let log = '';
  const t1 = performance.now();
  const cli = fileURLToPath(new URL('../bin/dbshift.mjs', import.meta.url));
  const child = spawn(process.execPath, [...childArgs(), cli, 'replicate', 'start', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = rssSampler(child.pid!);
  let copyFormat = '?';
  let partial = '';
  const onLines = (d: string): void => {
    const now = performance.now();
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const m of lines) {
      if (process.env.DBSHIFT_BENCH_VERBOSE && m) console.log(`  ${m}`);
      if (m.includes('full load:') && m.includes('started') && !loadStart) { loadStart = now; cpuStart = cpuByProcess(); loadAtStart = loadText(); rssAtStart = rssOf(child.pid!); }
      if (m.includes('full load:') && m.includes('loaded,')) { loadEnd = now; cpuEnd = cpuByProcess(); copyFormat = / by (COPY .*)$/.exec(m)?.[1] ?? copyFormat; }
    }
    log += d;
  };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d: string) => { log += d; });
  child.stderr.on('data', onLines);
  let code: number;
  try {
    code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  } finally { if (child.exitCode === null) child.kill('SIGKILL'); }
  const total = (performance.now() - t1) / 1000;
  const rssMb = rss.stop();
  if (code !== 0 || !loadEnd) throw new Error(`dbshift full load failed: ${log.slice(-2000)}`);
  const loadSecs = (loadEnd - loadStart) / 1000;
  console.log(`dbshift: ${Math.round(ROWS / loadSecs)} rows/s (${loadSecs.toFixed(1)} s load by ${copyFormat}, ${total.toFixed(1)} s for the whole process: start, schema conversion, index creation), RSS peak ${rssMb.toFixed(0)} MB (sampled every 50 ms; ${rssAtStart.toFixed(0)} MB when the load started), ${loadAtStart}`);
  console.log(`  CPU during the load: ${formatCpu(cpuDelta(cpuStart, cpuEnd), loadSecs)} (dbshift is 'node'; 'node (bench)' is this process)`);
  console.log(`  target: ${await check(withDb(pgUrl, 'dbshift_target'), 'bench.big', expected!)}`);
  rmSync(dir, { recursive: true, force: true });

  const have = await new Promise<boolean>((resolve) => { const p = spawn('pgloader', ['--version'], { stdio: 'ignore' }); p.on('error', () => resolve(false)); p.on('exit', (c) => resolve(c === 0)); });
  if (!have) {
    console.log('pgloader: not installed (scripts/setup-system.sh installs it)');
  } else {
    const before = cpuByProcess();
    let last = before;
    const poll = setInterval(() => { last = cpuByProcess(); }, 250);
    const at = loadText();
    const t2 = performance.now();
    const p = spawn('pgloader', ['--no-ssl-cert-verification', withDb(myUrl, 'bench'), withDb(pgUrl, 'pgloader_target')], { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let outText = '';
    p.stdout.on('data', (d) => { outText += d; });
    p.stderr.on('data', (d) => { outText += d; });
    const code = await new Promise<number>((resolve) => p.on('exit', (c) => resolve(c ?? 1)));
    clearInterval(poll);
    const secs = (performance.now() - t2) / 1000;
    const after = cpuByProcess();
    if (last.has('pgloader')) after.set('pgloader', last.get('pgloader')!);
    after.delete('node (bench)'); before.delete('node (bench)');
    if (code !== 0) console.log(`pgloader: failed: ${outText.trim().split('\n').slice(-3).join(' | ')}`);
    else {
      console.log(`pgloader: ${Math.round(ROWS / secs)} rows/s (${secs.toFixed(1)} s including its schema and index work), ${at}`);
      console.log(`  CPU: ${formatCpu(cpuDelta(before, after), secs)}`);
      console.log(`  target: ${await check(withDb(pgUrl, 'pgloader_target'), 'bench.big', expected!)}`);
    }
  }

  if (CDC_SECONDS > 0) await cdcBench({ myUrl, pgUrl, seconds: CDC_SECONDS, rate: CDC_RATE });
} finally {
  await servers.stop();
}

// Replication full load at scale: 1,000,000 rows (bigint, int, varchar, decimal(12,2), datetime,
// text; ~150 MB) MariaDB → PostgreSQL on the harness's private servers, loaded by dbshift (DMS task:
// full-load, 4 parallel key-range segments) and by pgloader on the same data. Prints rows/s for
// both and dbshift's peak RSS. Figures only, no asserts.
//   npm run bench:replication [-- rows]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { startServers } from '../test/harness/servers.js';
import { loadTaskDefinition } from '../electron/node/replication/task/index.js';
import { runTask } from '../electron/node/replication/runner.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);

function withDb(url: string, db: string): string { const u = new URL(url); u.pathname = `/${db}`; return u.toString(); }

const servers = await startServers();
const myUrl = servers.env.DBSHIFT_TEST_MYSQL_URL!;
const pgUrl = servers.env.DBSHIFT_TEST_PG_URL!;
try {
  const my = await mysql.createConnection({ uri: myUrl, multipleStatements: true });
  const t0 = performance.now();
  await my.query(`CREATE DATABASE bench; USE bench;
    CREATE TABLE big (id bigint PRIMARY KEY, n int NOT NULL, name varchar(64) NOT NULL, amount decimal(12,2) NOT NULL, created datetime NOT NULL, body text);
    INSERT INTO big SELECT seq, seq % 100000, CONCAT('name-', seq), (seq % 100000) / 100, TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND,
      REPEAT(CHAR(97 + seq % 26), 90 + seq % 20) FROM seq_1_to_${ROWS};`);
  const [[size]] = await my.query("SELECT ROUND((DATA_LENGTH) / 1048576) AS mb FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'bench' AND TABLE_NAME = 'big'") as unknown as [{ mb: string }[]];
  console.log(`source: ${ROWS} rows, ~${size!.mb} MB of table data, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await my.end();

  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE dbshift_target');
  await admin.query('CREATE DATABASE pgloader_target');
  await admin.end();

  const dir = mkdtempSync(join(tmpdir(), 'dbshift-bench-'));
  const q = Math.floor(ROWS / 4);
  writeFileSync(join(dir, 'task.json'), JSON.stringify({ ReplicationTaskIdentifier: 'bench', MigrationType: 'full-load', SourceUrl: withDb(myUrl, 'bench'), TargetUrl: withDb(pgUrl, 'dbshift_target') }));
  writeFileSync(join(dir, 'task_settings.json'), JSON.stringify({ FullLoadSettings: { TargetTablePrepMode: 'DROP_AND_CREATE', MaxFullLoadSubTasks: 8 } }));
  writeFileSync(join(dir, 'table_mappings.json'), JSON.stringify({ rules: [
    { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'bench', 'table-name': '%' }, 'rule-action': 'include' },
    { 'rule-type': 'table-settings', 'rule-id': '2', 'rule-name': '2', 'object-locator': { 'schema-name': 'bench', 'table-name': 'big' }, 'parallel-load': { type: 'ranges', columns: ['id'], boundaries: [[q], [2 * q], [3 * q]] } },
  ] }));
  const def = await loadTaskDefinition(dir);
  let loadStart = 0; let loadEnd = 0;
  const t1 = performance.now();
  await runTask(def, {
    reload: true, signal: new AbortController().signal, onState: () => undefined,
    log: (m) => {
      if (m.startsWith('full load:') && m.includes('started') && !loadStart) loadStart = performance.now();
      if (m.includes('loaded,')) loadEnd = performance.now();
    },
  });
  const total = (performance.now() - t1) / 1000;
  const loadSecs = (loadEnd - loadStart) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`dbshift: ${Math.round(ROWS / loadSecs)} rows/s (${loadSecs.toFixed(1)} s load, ${total.toFixed(1)} s with schema conversion and index creation), peak RSS ${rssMb.toFixed(0)} MB`);
  rmSync(dir, { recursive: true, force: true });

  const have = spawnSync('pgloader', ['--version'], { encoding: 'utf8' });
  if (have.status !== 0) {
    console.log('pgloader: not installed (scripts/setup-system.sh installs it)');
  } else {
    const t2 = performance.now();
    const r = spawnSync('pgloader', ['--no-ssl-cert-verification', withDb(myUrl, 'bench'), withDb(pgUrl, 'pgloader_target')], { encoding: 'utf8', cwd: tmpdir() });
    const secs = (performance.now() - t2) / 1000;
    if (r.status !== 0) console.log(`pgloader: failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    else console.log(`pgloader: ${Math.round(ROWS / secs)} rows/s (${secs.toFixed(1)} s including its schema and index work)`);
  }
} finally {
  await servers.stop();
}

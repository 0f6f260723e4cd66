// Live extraction at scale: 2,000 tables × 20 columns with indexes and foreign keys, in MariaDB
// and in PostgreSQL (private servers from the test harness). Prints seconds, tables/s and the
// number of catalog queries, next to mysqldump/pg_dump schema-only times. Figures only, no asserts.
//   npx tsx bench/extract.bench.ts [tables]
import { spawnSync } from 'node:child_process';
import { extractCatalog } from '../electron/node/extract/index.js';
import { startServers } from '../test/harness/servers.js';
import { freshMysqlDatabase, freshPgDatabase, runMysqlClient, runPsql } from '../test/harness/db.js';

const TABLES = Number(process.argv[2] ?? 2000);
const COLUMN_TYPES = {
  mysql: ['varchar(50)', 'int', 'decimal(10,2)', 'date', 'text', 'datetime', 'bigint', 'tinyint(1)', 'varchar(200)'],
  postgres: ['varchar(50)', 'integer', 'numeric(10,2)', 'date', 'text', 'timestamp', 'bigint', 'boolean', 'varchar(200)'],
};

/** t<i>: id, ref_id → t<i-1>, 18 more columns; a single and a two-column index. */
function schemaScript(dialect: 'mysql' | 'postgres'): string {
  const types = COLUMN_TYPES[dialect];
  const out: string[] = [];
  for (let i = 0; i < TABLES; i++) {
    const cols = ['id integer NOT NULL PRIMARY KEY', 'ref_id integer'];
    for (let c = 1; c <= 18; c++) cols.push(`c${c} ${types[c % types.length]}${c % 3 === 0 ? ' NOT NULL' : ''}`);
    if (i > 0) cols.push(`CONSTRAINT fk_t${i} FOREIGN KEY (ref_id) REFERENCES t${i - 1} (id)`);
    out.push(`CREATE TABLE t${i} (${cols.join(', ')});`);
    out.push(`CREATE INDEX ix_t${i}_c1 ON t${i} (c1);`, `CREATE INDEX ix_t${i}_c2_c3 ON t${i} (c2, c3);`);
  }
  return out.join('\n');
}

function timeCommand(cmd: string, args: string[], env: Record<string, string> = {}): number | string {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) return `failed: ${(r.stderr || r.error?.message || '').trim().split('\n')[0]}`;
  return (performance.now() - t) / 1000;
}

/** Phase timings from extractCatalog's progress messages. */
function phases(): { onProgress: (m: string) => void; text: () => string } {
  const t0 = performance.now();
  let last = t0;
  const out: string[] = [];
  return {
    onProgress: (m) => { const now = performance.now(); out.push(`${((now - last) / 1000).toFixed(2)}s→ ${m.replace(/ \(.*\)$/, '')}`); last = now; },
    text: () => out.join(' | '),
  };
}

function line(label: string, secs: number | string, extra = ''): void {
  const s = typeof secs === 'number' ? `${secs.toFixed(2)} s` : secs;
  console.log(`  ${label.padEnd(34)} ${s.padStart(10)}  ${extra}`);
}

const servers = await startServers();
Object.assign(process.env, servers.env);
try {
  console.log(`extract bench: ${TABLES} tables × 20 columns, 2 indexes + 1 foreign key each`);

  const pg = await freshPgDatabase('bench_extract');
  let t = performance.now();
  await runPsql(pg.url, `BEGIN;\n${schemaScript('postgres')}\nCOMMIT;`);
  console.log(`PostgreSQL ${(await pg.query('SHOW server_version'))[0]?.server_version as string} (schema created in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  t = performance.now();
  const pp = phases();
  const pr = await extractCatalog(pg.url, { onProgress: pp.onProgress });
  const ps = (performance.now() - t) / 1000;
  const pgTables = pr.catalog.objects.filter((o) => o.kind === 'Table').length;
  line('extractCatalog', ps, `${Math.round(pgTables / ps)} tables/s, ${pr.queryCount} catalog queries, ${pr.catalog.objects.length} objects, ${pr.diagnostics.length} findings`);
  console.log(`    phases: ${pp.text()}`);
  const pgUrl = new URL(pg.url);
  line('pg_dump --schema-only', timeCommand('pg_dump', ['--schema-only', '-f', '/dev/null', '-d', pgUrl.toString()]));
  await pg.drop();

  const my = await freshMysqlDatabase('bench_extract');
  t = performance.now();
  await runMysqlClient(my.url, `SET FOREIGN_KEY_CHECKS = 0;\n${schemaScript('mysql')}`);
  console.log(`MariaDB ${(await my.query('SELECT VERSION() AS v'))[0]?.v as string} (schema created in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  t = performance.now();
  let mr: Awaited<ReturnType<typeof extractCatalog>> | undefined;
  const mp = phases();
  try { mr = await extractCatalog(my.url, { onProgress: mp.onProgress }); } catch (e) { line('extractCatalog', `failed: ${e instanceof Error ? e.message : String(e)}`); }
  if (mr) {
    const ms = (performance.now() - t) / 1000;
    const myTables = mr.catalog.objects.filter((o) => o.kind === 'Table').length;
    line('extractCatalog', ms, `${Math.round(myTables / ms)} tables/s, ${mr.queryCount} catalog queries, ${mr.catalog.objects.length} objects, ${mr.diagnostics.length} findings`);
  }
  console.log(`    phases: ${mp.text()}`);
  const mu = new URL(my.url);
  const dump = spawnSync('sh', ['-c', 'command -v mariadb-dump || command -v mysqldump'], { encoding: 'utf8' }).stdout.trim();
  line(`${dump.split('/').pop() ?? 'mysqldump'} --no-data`, dump
    ? timeCommand(dump, ['--no-data', '--routines', '--triggers', '--protocol=TCP', `--host=${mu.hostname}`, `--port=${mu.port}`, `--user=${decodeURIComponent(mu.username)}`, `--result-file=/dev/null`, my.name])
    : 'not installed');
  await my.drop();
} finally {
  await servers.stop();
}

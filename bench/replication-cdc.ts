// CDC bench: a writer commits mixed insert/update/delete transactions into MariaDB at a fixed rate
// of row changes per second while dbshift's binlog CDC (a separate process, full-load-and-cdc task)
// applies them to PostgreSQL. Every writer transaction also inserts one row into `ticks` with its
// sequence number; the writer notes when its COMMIT returned (the source commit), a poller reads
// max(seq) on the target every POLL_MS and notes when each sequence became visible (the target
// commit). Commit-to-commit lag = visible - committed, per transaction (±POLL_MS).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { childArgs, cpuByProcess, cpuDelta, formatCpu, loadText } from './replication-proc.js';

const POLL_MS = 20;
const PER_TXN = { inserts: 20, updates: 15, deletes: 14 }; // + 1 tick row = 50 row changes
const CHANGES_PER_TXN = PER_TXN.inserts + PER_TXN.updates + PER_TXN.deletes + 1;
const PREFILL = 100_000;

function withDb(url: string, db: string): string { const u = new URL(url); u.pathname = `/${db}`; return u.toString(); }
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function cdcBench(o: { myUrl: string; pgUrl: string; seconds: number; rate: number }): Promise<void> {
  const my = await mysql.createConnection({ uri: o.myUrl, multipleStatements: true });
  await my.query(`CREATE DATABASE cdcbench; USE cdcbench;
    CREATE TABLE events (id bigint PRIMARY KEY, k int NOT NULL, v varchar(64) NOT NULL, amount decimal(12,2) NOT NULL, updated datetime(6) NOT NULL);
    CREATE TABLE ticks (seq bigint PRIMARY KEY, at datetime(6) NOT NULL);
    INSERT INTO events SELECT seq, seq % 1000, CONCAT('v-', seq), seq / 100, NOW(6) FROM seq_1_to_${PREFILL};`);
  const admin = new pg.Client({ connectionString: o.pgUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE cdc_target');
  await admin.end();

  const dir = mkdtempSync(join(tmpdir(), 'dbshift-cdc-bench-'));
  writeFileSync(join(dir, 'task.json'), JSON.stringify({ ReplicationTaskIdentifier: 'cdcbench', MigrationType: 'full-load-and-cdc', SourceUrl: withDb(o.myUrl, 'cdcbench'), TargetUrl: withDb(o.pgUrl, 'cdc_target') }));
  writeFileSync(join(dir, 'task_settings.json'), JSON.stringify({ FullLoadSettings: { TargetTablePrepMode: 'DROP_AND_CREATE' } }));
  writeFileSync(join(dir, 'table_mappings.json'), JSON.stringify({ rules: [
    { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'cdcbench', 'table-name': '%' }, 'rule-action': 'include' },
  ] }));
  const task = fileURLToPath(new URL('./replication-task.ts', import.meta.url));
  const child = spawn(process.execPath, [...childArgs(), '--import', 'tsx', task, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const target = new pg.Client({ connectionString: withDb(o.pgUrl, 'cdc_target') });
  try {
    for (let i = 0; !/transactional apply from now on/.test(log); i++) {
      if (child.exitCode !== null || i > 1200) throw new Error(`the CDC task did not reach CDC: ${log.slice(-1500)}`);
      await sleep(100);
    }
    await target.connect();

    // Writer: due transactions = rate × elapsed / changes per transaction; runs back to back when behind.
    const committedAt: number[] = [];
    const visibleAt: number[] = [];
    let nextId = PREFILL + 1;
    const live: number[] = Array.from({ length: PREFILL }, (_, i) => i + 1);
    const pick = (): number => live[Math.floor(Math.random() * live.length)]!;
    const takeRandom = (): number => { const i = Math.floor(Math.random() * live.length); const x = live[i]!; live[i] = live[live.length - 1]!; live.pop(); return x; };
    const txnsWanted = Math.floor((o.rate * o.seconds) / CHANGES_PER_TXN);
    let polling = true;
    let seen = 0;
    const poller = (async () => {
      while (polling || seen < committedAt.length) {
        const r = await target.query('SELECT COALESCE(max(seq), 0)::int AS s FROM cdcbench.ticks');
        const s = Number((r.rows[0] as { s: number }).s);
        const now = performance.now();
        for (; seen < s; seen++) visibleAt[seen] = now;
        await sleep(POLL_MS);
        if (!polling && now - (committedAt[committedAt.length - 1] ?? now) > 120_000) break;
      }
    })();
    const cpu0 = cpuByProcess();
    const at = loadText();
    const start = performance.now();
    for (let seq = 1; seq <= txnsWanted; seq++) {
      const due = start + ((seq - 1) * CHANGES_PER_TXN * 1000) / o.rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const ins = Array.from({ length: PER_TXN.inserts }, () => nextId++);
      const upd = new Set<number>(); while (upd.size < PER_TXN.updates) upd.add(pick());
      const del: number[] = [];
      while (del.length < PER_TXN.deletes) { const x = takeRandom(); if (upd.has(x)) live.push(x); else del.push(x); }
      await my.query(`BEGIN;
        INSERT INTO events VALUES ${ins.map((id) => `(${id}, ${id % 1000}, 'v-${id}', ${id}/100, NOW(6))`).join(', ')};
        UPDATE events SET k = k + 1, v = CONCAT('u-', id, '-', ${seq}), amount = amount + 1.25, updated = NOW(6) WHERE id IN (${[...upd].join(', ')});
        DELETE FROM events WHERE id IN (${del.join(', ')});
        INSERT INTO ticks VALUES (${seq}, NOW(6));
        COMMIT;`);
      committedAt.push(performance.now());
      live.push(...ins);
    }
    const writeSecs = (performance.now() - start) / 1000;
    polling = false;
    await poller;
    const applySecs = ((visibleAt[committedAt.length - 1] ?? NaN) - start) / 1000;
    const cpu = cpuDelta(cpu0, cpuByProcess());
    const lags = committedAt.map((c, i) => (visibleAt[i] ?? NaN) - c).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    const changes = committedAt.length * CHANGES_PER_TXN;
    console.log(`cdc: writer ${Math.round(changes / writeSecs)} changes/s for ${writeSecs.toFixed(1)} s (${committedAt.length} transactions of ${CHANGES_PER_TXN} row changes: ${PER_TXN.inserts} inserts, ${PER_TXN.updates} updates, ${PER_TXN.deletes} deletes, 1 tick), ${at}`);
    console.log(`cdc: applied ${Math.round(changes / applySecs)} changes/s (all ${lags.length === committedAt.length ? 'transactions' : `${lags.length} of ${committedAt.length} transactions`} visible on the target ${(applySecs - writeSecs).toFixed(2)} s after the writer's last commit)`);
    console.log(`cdc: commit-to-commit lag p50 ${percentile(lags, 50).toFixed(0)} ms, p95 ${percentile(lags, 95).toFixed(0)} ms, max ${(lags[lags.length - 1] ?? NaN).toFixed(0)} ms (target polled every ${POLL_MS} ms)`);
    console.log(`  CPU: ${formatCpu(cpu, applySecs)} (the replication process is 'node', the writer and poller 'node (bench)')`);
    // The end state, compared by each server's own SQL.
    const [[s]] = await my.query('SELECT COUNT(*) AS n, CAST(SUM(id) AS CHAR) AS ids, CAST(SUM(k) AS CHAR) AS ks, CAST(SUM(amount) AS CHAR) AS amounts, CAST(SUM(CHAR_LENGTH(v)) AS CHAR) AS vs FROM cdcbench.events') as unknown as [Record<string, unknown>[]];
    const t = (await target.query('SELECT COUNT(*)::text AS n, SUM(id)::text AS ids, SUM(k)::text AS ks, SUM(amount)::text AS amounts, SUM(char_length(v))::text AS vs FROM cdcbench.events')).rows[0] as Record<string, unknown>;
    const bad = Object.keys(t).filter((k) => String(t[k]) !== String(s![k]));
    console.log(`  target: ${bad.length ? `MISMATCH (${bad.map((k) => `${k}: ${String(t[k])} vs source ${String(s![k])}`).join('; ')})` : `verified: ${String(t.n)} rows, sums equal the source's`}`);
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    if (process.env.DBSHIFT_BENCH_VERBOSE) console.log(log);
    await target.end().catch(() => undefined);
    await my.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

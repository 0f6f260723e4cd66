// Oracle front end + Oracle → PostgreSQL conversion speed and memory on about 100,000 lines of
// PL/SQL-heavy SQL*Plus scripts (bench/oracle-plsql-input.ts: the HR and Customer Orders schemas
// with their own code, then hundreds of varied application packages, procedures and triggers).
// Each measured run is a fresh child process that parses and converts once (rules + PostgreSQL
// generator), as the CLI does: wall and CPU time of parse + convert (best and median of 3) and the
// child's peak RSS. Then ora2pg -i (the open-source converter, offline file mode, one run per
// object type) converts the same text, capped by ORA2PG_BUDGET_MS (default and minimum 10 min).
// Target: parse + convert < 3 s, < 500 MB. Asserts nothing.
//   node --import tsx bench/oracle.bench.ts              (dbshift + ora2pg)
//   node --import tsx bench/oracle.bench.ts --no-ora2pg  (dbshift only; or ORACLE_BENCH_NO_ORA2PG=1)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { convert as sourceConvert } from '../converters/index.js';
import { oracleFrontEnd as sourceFrontEnd } from '../converters/dialects/oracle/index.js';
import { oraclePlsqlBenchFiles, type BenchFile } from './oracle-plsql-input.js';

interface RunFigures { lines: number; files: number; objects: number; parseMs: number; convertMs: number; cpuMs: number; statements: number; findings: number; rssMb: number }

interface Pipeline { convert: typeof sourceConvert; oracleFrontEnd: typeof sourceFrontEnd }

const BUNDLE_ENTRY = `export { convert } from './converters/index.js';
export { oracleFrontEnd } from './converters/dialects/oracle/index.js';
`;

/** The converters bundled with the production build's esbuild settings (as build/build-electron.mjs ships them). */
async function productionBundle(): Promise<{ file: string; dispose: () => void }> {
  const { build } = await import('esbuild');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dir = mkdtempSync(path.join(tmpdir(), 'dbshift-oracle-bench-'));
  const file = path.join(dir, 'pipeline.cjs');
  await build({
    stdin: { contents: BUNDLE_ENTRY, resolveDir: root, sourcefile: 'oracle-bench-pipeline.ts', loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: false, logLevel: 'warning', absWorkingDir: root, outfile: file,
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One parse + convert in this (fresh) process; prints its figures as JSON for the parent. */
function child(bundle?: string): void {
  const { convert, oracleFrontEnd } = bundle ? createRequire(import.meta.url)(bundle) as Pipeline : { convert: sourceConvert, oracleFrontEnd: sourceFrontEnd };
  const files = oraclePlsqlBenchFiles();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const parsed = oracleFrontEnd.parse(files);
  const t1 = performance.now();
  const result = convert(parsed.catalog, { target: 'postgres' });
  const t2 = performance.now();
  const c = process.cpuUsage(cpu0);
  const figures: RunFigures = {
    lines: files.reduce((n, f) => n + f.text.split('\n').length, 0), files: files.length, objects: parsed.catalog.objects.length,
    parseMs: t1 - t0, convertMs: t2 - t1, cpuMs: (c.user + c.system) / 1000,
    statements: result.objects.reduce((n, o) => n + o.statements.length, 0),
    findings: parsed.diagnostics.length + result.diagnostics.length + result.objects.reduce((n, o) => n + o.diagnostics.length, 0),
    rssMb: process.resourceUsage().maxRSS / 1024,
  };
  console.log(JSON.stringify(figures));
}

function measureRuns(self: string, bundle?: string): RunFigures[] | string {
  const runs: RunFigures[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', ...(bundle ? [bundle] : [])], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 600_000 });
    if (r.status !== 0) return `oracle bench child failed: ${(r.stderr || r.stdout).slice(0, 2000)}`;
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as RunFigures);
  }
  return runs;
}

function printRuns(label: string, runs: RunFigures[]): void {
  const sorted = (f: (x: RunFigures) => number): number[] => runs.map(f).sort((a, b) => a - b);
  const total = sorted((x) => x.parseMs + x.convertMs);
  const parse = sorted((x) => x.parseMs);
  const conv = sorted((x) => x.convertMs);
  const cpu = sorted((x) => x.cpuMs);
  console.log(`  ${label} — parse + convert (fresh process each, 3 runs): wall best ${total[0]!.toFixed(0)} ms, median ${total[1]!.toFixed(0)} ms (parse median ${parse[1]!.toFixed(0)} ms, convert median ${conv[1]!.toFixed(0)} ms); CPU median ${cpu[1]!.toFixed(0)} ms; peak RSS ${Math.max(...runs.map((x) => x.rssMb)).toFixed(0)} MB — target < 3000 ms, < 500 MB: ${total[1]! < 3000 && Math.max(...runs.map((x) => x.rssMb)) < 500 ? 'met' : 'NOT met'}`);
}

async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const bundle = await productionBundle();
  let shipped: RunFigures[] | string;
  try { shipped = measureRuns(self, bundle.file); } finally { bundle.dispose(); }
  const dev = measureRuns(self);
  const runs = typeof shipped === 'string' ? (typeof dev === 'string' ? undefined : dev) : shipped;
  if (!runs) { console.log(`  ${String(shipped)}`); return; }
  const r0 = runs[0]!;
  const files = oraclePlsqlBenchFiles();
  const plsql = plsqlShare(files);
  console.log(`  oracle (PL/SQL-heavy): ${r0.lines} lines (${(100 * plsql).toFixed(0)}% inside PL/SQL units), ${r0.files} files → ${r0.objects} objects → ${r0.statements} PostgreSQL statements, ${r0.findings} findings`);
  if (typeof shipped === 'string') console.log(`  production bundle: ${shipped}`); else printRuns('production bundle (esbuild, as build/build-electron.mjs ships the converters)', shipped);
  if (typeof dev === 'string') console.log(`  tsx dev build: ${dev}`); else printRuns('tsx dev build (TypeScript sources under tsx)', dev);
  if (process.argv.includes('--no-ora2pg') || process.env.ORACLE_BENCH_NO_ORA2PG === '1') { console.log('  ora2pg: skipped (--no-ora2pg)'); return; }
  const one = files.filter((f) => f.path === 'schema_0.sql' || f.path === 'app_0_0.sql');
  ora2pg(one, `first schema + one package set, ${one.reduce((n, f) => n + f.text.split('\n').length, 0)} lines`);
  ora2pg(files, `full input, ${r0.lines} lines`);
}

/** Share of lines inside CREATE PACKAGE/PROCEDURE/FUNCTION/TRIGGER units (up to their `/`). */
function plsqlShare(files: BenchFile[]): number {
  let inside = 0;
  let all = 0;
  for (const f of files) {
    let unit = false;
    for (const line of f.text.split('\n')) {
      all++;
      if (/^\s*CREATE\s+(OR\s+REPLACE\s+)?(EDITIONABLE\s+)?(PACKAGE|PROCEDURE|FUNCTION|TRIGGER)\b/i.test(line)) unit = true;
      if (unit) inside++;
      if (/^\s*\/\s*$/.test(line)) unit = false;
    }
  }
  return inside / all;
}

/** ora2pg -i on the same text, one run per object type (offline it converts one type per run). */
function ora2pg(files: BenchFile[], label: string): void {
  if (spawnSync('ora2pg', ['--version'], { encoding: 'utf8' }).status !== 0) { console.log('  ora2pg: not installed (scripts/setup-system.sh installs it)'); return; }
  const dir = mkdtempSync(path.join(tmpdir(), 'dbshift-ora2pg-'));
  try {
    const input = path.join(dir, 'input.sql');
    writeFileSync(input, files.map((f) => f.text).join('\n'));
    // Offline mode reads the file and never connects; the DSN only has to be well-formed.
    writeFileSync(path.join(dir, 'ora2pg.conf'), 'ORACLE_DSN dbi:Oracle:host=localhost;sid=none\nORACLE_USER none\nPG_VERSION 15\n');
    const types = ['TABLE', 'SEQUENCE', 'VIEW', 'TRIGGER', 'PROCEDURE', 'FUNCTION', 'PACKAGE'];
    const budgetMs = Math.max(600_000, Number(process.env.ORA2PG_BUDGET_MS ?? 600_000));
    const t = performance.now();
    const per: string[] = [];
    let stopped = false;
    for (const type of types) {
      const left = budgetMs - (performance.now() - t);
      if (left <= 0) { per.push(`${type} not run`); stopped = true; continue; }
      const s = performance.now();
      const r = spawnSync('ora2pg', ['-q', '-c', path.join(dir, 'ora2pg.conf'), '-i', input, '-t', type, '-b', dir, '-o', `${type}.sql`], { encoding: 'utf8', timeout: Math.floor(left), maxBuffer: 1 << 28 });
      if (r.error) stopped = true;
      per.push(`${type} ${((performance.now() - s) / 1000).toFixed(1)} s${r.error ? ' (stopped)' : r.status === 0 ? '' : ' (failed)'}`);
    }
    const secs = (performance.now() - t) / 1000;
    console.log(stopped
      ? `  ora2pg -i (${label}): > ${secs.toFixed(0)} s, stopped at the ${budgetMs / 1000} s cap — ${per.join(', ')}`
      : `  ora2pg -i (${label}): ${secs.toFixed(1)} s — ${per.join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--child')) { const at = process.argv.indexOf('--child'); child(process.argv[at + 1]); } else await main();
}

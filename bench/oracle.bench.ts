// Oracle front end + Oracle → PostgreSQL conversion speed and memory: about 100,000 lines of SQL*Plus scripts (DDL, PL/SQL, data)
// made by repeating the samples — HR (create, populate, code) and Customer Orders' create script,
// each copy in its own schema (ALTER SESSION SET CURRENT_SCHEMA) so objects do not replace each
// other — plus CO's populate script and Chinook_Oracle.sql once. Parses, converts (rules +
// PostgreSQL generator) and prints wall/CPU time (best and median of 3) and the process's peak RSS;
// then times ora2pg -i (the open-source converter, offline mode: one run per object type) on the
// same text, when ora2pg is installed (ORA2PG_BUDGET_MS caps its total time, default 10 min).
// Target: parse + convert < 3 s, < 500 MB. Asserts nothing.
//   node --import tsx bench/oracle.bench.ts
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { convert } from '../converters/index.js';
import { fileURLToPath } from 'node:url';
import type { ParseResult, SourceFile } from '../converters/index.js';
import { oracleFrontEnd } from '../converters/dialects/oracle/index.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const read = (rel: string): string => readFileSync(`${corpus}${rel}`, 'utf8');

/** The generated script set: one file per copy (as a user converting many schema scripts would give them). */
export function oracleBenchFiles(targetLines = 100_000): SourceFile[] {
  const unit = ['oracle-hr/hr_create.sql', 'oracle-hr/hr_populate.sql', 'oracle-hr/hr_code.sql', 'oracle-customer-orders/co_create.sql'].map(read).join('\n');
  const once = [read('oracle-customer-orders/co_populate.sql'), read('chinook/Chinook_Oracle.sql').replace(/^exit;?\s*$/gim, '')];
  const lines = (s: string): number => s.split('\n').length;
  const files: SourceFile[] = once.map((text, i) => ({ path: `once_${i}.sql`, text: `ALTER SESSION SET CURRENT_SCHEMA = ONCE_${i};\n${text}` }));
  let total = files.reduce((n, f) => n + lines(f.text), 0);
  for (let k = 0; total < targetLines; k++) {
    const text = `ALTER SESSION SET CURRENT_SCHEMA = COPY_${k};\n${unit}`;
    files.push({ path: `copy_${k}.sql`, text });
    total += lines(text);
  }
  return files;
}

function main(): void {
  const files = oracleBenchFiles();
  const lineCount = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  const wall: number[] = [];
  const cpu: number[] = [];
  let last: ParseResult | undefined;
  for (let i = 0; i < 3; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    last = oracleFrontEnd.parse(files);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const sort = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
  const [w, c] = [sort(wall), sort(cpu)];
  const objects = last!.catalog.objects.length;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`  oracle front end: ${lineCount} lines, ${(bytes / 1048576).toFixed(1)} MB, ${files.length} files → ${objects} objects, ${last!.diagnostics.length} findings`);
  console.log(`  parse wall ${w[0]!.toFixed(0)} ms (median ${w[1]!.toFixed(0)}), cpu ${c[0]!.toFixed(0)} ms (median ${c[1]!.toFixed(0)}); peak RSS ${peakMb.toFixed(0)} MB`);

  const conv: number[] = [];
  const convCpu: number[] = [];
  let statements = 0;
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    const r = convert(last!.catalog, { target: 'postgres' });
    conv.push(performance.now() - t);
    const d = process.cpuUsage(c0);
    convCpu.push((d.user + d.system) / 1000);
    statements = r.objects.reduce((n, o) => n + o.statements.length, 0);
  }
  const cv = sort(conv);
  const cc = sort(convCpu);
  console.log(`  convert to PostgreSQL (rules + generator) wall ${cv[0]!.toFixed(0)} ms (median ${cv[1]!.toFixed(0)}), cpu ${cc[0]!.toFixed(0)} ms (median ${cc[1]!.toFixed(0)}) → ${statements} statements; parse + convert median ${(w[1]! + cv[1]!).toFixed(0)} ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  // Side by side on one copy too: ora2pg needs minutes for the full input.
  const one = files.filter((f) => f.path === 'copy_0.sql');
  const t1 = performance.now();
  const r1 = convert(oracleFrontEnd.parse(one).catalog, { target: 'postgres' });
  console.log(`  one copy (${one[0]!.text.split('\n').length} lines): dbshift parse + convert ${(performance.now() - t1).toFixed(0)} ms → ${r1.objects.length} objects`);
  ora2pg(one, 'one copy');
  ora2pg(files, 'full input');
}

/** ora2pg -i on the same text, one run per object type (it converts one type per run offline). */
function ora2pg(files: SourceFile[], label: string): void {
  if (spawnSync('ora2pg', ['--version'], { encoding: 'utf8' }).status !== 0) { console.log('  ora2pg: not installed (scripts/setup-system.sh installs it)'); return; }
  const dir = mkdtempSync(path.join(tmpdir(), 'dbshift-ora2pg-'));
  try {
    const input = path.join(dir, 'input.sql');
    writeFileSync(input, files.map((f) => f.text).join('\n'));
    // Offline mode reads the file and never connects; the DSN only has to be well-formed.
    writeFileSync(path.join(dir, 'ora2pg.conf'), 'ORACLE_DSN dbi:Oracle:host=localhost;sid=none\nORACLE_USER none\nPG_VERSION 15\n');
    const types = ['TABLE', 'SEQUENCE', 'VIEW', 'TRIGGER', 'PROCEDURE', 'FUNCTION', 'PACKAGE'];
    // ora2pg re-reads the whole input per type and takes minutes on it: a time budget keeps the bench usable.
    const budgetMs = Number(process.env.ORA2PG_BUDGET_MS ?? 600_000);
    const t = performance.now();
    const per: string[] = [];
    for (const type of types) {
      const left = budgetMs - (performance.now() - t);
      if (left <= 0) { per.push(`${type} not run (budget of ${budgetMs} ms used)`); continue; }
      const s = performance.now();
      const r = spawnSync('ora2pg', ['-q', '-c', path.join(dir, 'ora2pg.conf'), '-i', input, '-t', type, '-b', dir, '-o', `${type}.sql`], { encoding: 'utf8', timeout: Math.floor(left), maxBuffer: 1 << 28 });
      per.push(`${type} ${(performance.now() - s).toFixed(0)} ms${r.error ? ' (stopped: budget)' : r.status === 0 ? '' : ' (failed)'}`);
    }
    console.log(`  ora2pg -i (${label}, one run per type): ${(performance.now() - t).toFixed(0)} ms — ${per.join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

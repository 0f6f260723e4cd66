// Oracle front end speed and memory: about 100,000 lines of SQL*Plus scripts (DDL, PL/SQL, data)
// made by repeating the samples — HR (create, populate, code) and Customer Orders' create script,
// each copy in its own schema (ALTER SESSION SET CURRENT_SCHEMA) so objects do not replace each
// other — plus CO's populate script and Chinook_Oracle.sql once. Parses (front end only; the
// Oracle → PostgreSQL rules extend this bench to convert) and prints wall/CPU time (best and
// median of 3) and the process's peak RSS. Target: parse + convert < 3 s, < 500 MB. Asserts nothing.
//   node --import tsx bench/oracle.bench.ts
import { readFileSync } from 'node:fs';
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
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

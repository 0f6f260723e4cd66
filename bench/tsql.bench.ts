// T-SQL front end speed and memory: about 100,000 lines of SQL Server scripts (DDL, T-SQL code,
// data) made by repeating Northwind (instnwnd.sql), pubs (instpubs.sql) and Chinook_SqlServer.sql,
// each copy with its dbo schema renamed (copy_k) so objects differ. Prints wall/CPU time (best
// and median of 3) and the process's peak RSS. Conversion is timed too once SQL Server rules
// exist (today no sqlserver → target pair is registered: it says so).
// Target: parse + convert < 3 s, < 500 MB. Asserts nothing.
//   node --import tsx bench/tsql.bench.ts
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseResult, SourceFile } from '../converters/index.js';
import { convert, isSupportedPair } from '../converters/convert.js';
import { tsqlFrontEnd } from '../converters/dialects/tsql/index.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const read = (rel: string): string => readFileSync(`${corpus}${rel}`, 'utf8');

export function tsqlBenchFiles(targetLines = 100_000): SourceFile[] {
  const samples = ['northwind-pubs-tsql/instnwnd.sql', 'northwind-pubs-tsql/instpubs.sql', 'chinook/Chinook_SqlServer.sql'].map((p) => ({ p, text: read(p) }));
  const files: SourceFile[] = [];
  let total = 0;
  for (let k = 0; total < targetLines; k++) {
    const s = samples[k % samples.length]!;
    const text = s.text.replace(/\[dbo\]\.|"dbo"\.|\bdbo\./g, `copy_${k}.`);
    files.push({ path: `copy_${k}_${s.p.split('/').pop()}`, text });
    total += text.split('\n').length;
  }
  return files;
}

function main(): void {
  const files = tsqlBenchFiles();
  const lineCount = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  const wall: number[] = [];
  const cpu: number[] = [];
  let last: ParseResult | undefined;
  for (let i = 0; i < 3; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    last = tsqlFrontEnd.parse(files);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const sort = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
  const [w, c] = [sort(wall), sort(cpu)];
  const unparsed = last!.catalog.objects.filter((o) => o.kind === 'UnparsedObject').length;
  console.log(`  T-SQL front end: ${lineCount} lines, ${(bytes / 1048576).toFixed(1)} MB, ${files.length} files → ${last!.catalog.objects.length} objects (${unparsed} unparsed), ${last!.diagnostics.length} findings`);
  console.log(`  parse wall ${w[0]!.toFixed(0)} ms (median ${w[1]!.toFixed(0)}), cpu ${c[0]!.toFixed(0)} ms (median ${c[1]!.toFixed(0)}); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  for (const target of ['postgres', 'mysql'] as const) {
    if (!isSupportedPair('sqlserver', target)) { console.log(`  convert to ${target}: no SQL Server → ${target} rules yet (parse only)`); continue; }
    const t = performance.now();
    const r = convert(last!.catalog, { target });
    console.log(`  convert to ${target}: ${(performance.now() - t).toFixed(0)} ms → ${r.objects.length} objects; parse + convert ${(w[1]! + performance.now() - t).toFixed(0)} ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  }
}

main();

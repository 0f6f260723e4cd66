// Parse → convert → generate throughput on a generated 5,000-statement MySQL DDL script
// (2,500 CREATE TABLE, 1,500 CREATE INDEX, 1,000 ALTER TABLE … ADD FOREIGN KEY, about 1 MB).
// Prints figures; asserts nothing. Target: under 0.3 s for the whole pipeline on one core, for the
// code as the app ships it (esbuild bundle, as build/build-electron.mjs makes it). The same
// pipeline as run from the TypeScript sources under tsx (the dev build) is measured too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Catalog, ConvertOptions, ConvertedObject, Generator, ParseResult, RuleSet, SourceDialect, SourceFile } from '../converters/index.js';
import { parseScripts } from '../converters/index.js';
import { mysqlToPostgres } from '../converters/rules/mysql-postgres/index.js';
import { postgresGenerator } from '../converters/generators/postgres/index.js';
import { orderByDependencies } from '../converters/order.js';

/** The pipeline pieces the bench times; the same module shape from the sources and from the bundle. */
interface Pipeline {
  parseScripts(dialect: SourceDialect, files: SourceFile[]): ParseResult;
  mysqlToPostgres: RuleSet;
  postgresGenerator: Generator;
  orderByDependencies(objects: ConvertedObject[]): ConvertedObject[];
}

const PIPELINE_ENTRY = `export { parseScripts } from './converters/index.js';
export { mysqlToPostgres } from './converters/rules/mysql-postgres/index.js';
export { postgresGenerator } from './converters/generators/postgres/index.js';
export { orderByDependencies } from './converters/order.js';
`;

/** Bundles the pipeline with the production build's esbuild settings into a temp dir. */
async function productionBundle(): Promise<{ file: string; dispose: () => void }> {
  const { build } = await import('esbuild');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'dbshift-bench-'));
  const file = join(dir, 'pipeline.cjs');
  await build({
    stdin: { contents: PIPELINE_ENTRY, resolveDir: root, sourcefile: 'bench-pipeline.ts', loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: false, logLevel: 'warning', absWorkingDir: root, outfile: file,
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Measures the bundle in a fresh process, as the app runs it: the dev-build runs before it leave
 * garbage and JIT state in this one. The child is this script with --production-bundle FILE.
 */
function measureBundleInChild(file: string, v8Flags: string[] = []): Figures | string {
  const r = spawnSync(process.execPath, [...v8Flags, ...process.execArgv, fileURLToPath(import.meta.url), CHILD_FLAG, file], { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 600_000 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{') || l.startsWith('"'));
  if (r.status !== 0 || !line) return `bundle run failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout).trim().slice(0, 300)}`;
  return JSON.parse(line) as Figures | string;
}

const CHILD_FLAG = '--production-bundle';
const WHAT_IF_SEMI_SPACE_MB = 64;

const TABLES = 2500;
const INDEXES = 1500;
const FOREIGN_KEYS = 1000;

export function generateScript(): { text: string; statements: number } {
  const parts: string[] = [];
  const types = ['INT', 'VARCHAR(120)', 'DECIMAL(12,2)', 'DATETIME', 'TINYINT(1)', 'TEXT', "ENUM('a','b','c')", 'BIGINT UNSIGNED'];
  for (let t = 0; t < TABLES; t++) {
    const cols = [`  id INT UNSIGNED NOT NULL AUTO_INCREMENT`, `  parent_id INT UNSIGNED NULL`];
    for (let c = 0; c < 8; c++) {
      const ty = types[(t + c) % types.length]!;
      const nullable = c % 3 === 0 ? 'NOT NULL' : 'NULL';
      const def = ty.startsWith('INT') ? ' DEFAULT 0' : ty === 'DATETIME' ? ' DEFAULT CURRENT_TIMESTAMP' : '';
      cols.push(`  col_${c} ${ty} ${nullable}${def}`);
    }
    parts.push(`CREATE TABLE t_${t} (\n${cols.join(',\n')},\n  PRIMARY KEY (id)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;`);
  }
  for (let i = 0; i < INDEXES; i++) {
    const t = (i * 7) % TABLES;
    parts.push(`CREATE INDEX ix_${i} ON t_${t} (col_${i % 8}, parent_id);`);
  }
  for (let f = 0; f < FOREIGN_KEYS; f++) {
    const t = (f * 3 + 1) % TABLES;
    parts.push(`ALTER TABLE t_${t} ADD CONSTRAINT fk_${f} FOREIGN KEY (parent_id) REFERENCES t_${(t + 1) % TABLES} (id) ON DELETE SET NULL;`);
  }
  return { text: `${parts.join('\n\n')}\n`, statements: TABLES + INDEXES + FOREIGN_KEYS };
}

function time<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Figures { parse: number; convert: number; generate: number; fastest: number; objects: number; findings: number; runs: number }

/** One warm-up round, then measured rounds; medians. A pipeline far off the target is measured once. */
function measure(p: Pipeline, files: SourceFile[]): Figures | string {
  const options: ConvertOptions = { target: 'postgres' };
  const runs = 5;
  const parse: number[] = [];
  const rules: number[] = [];
  const gen: number[] = [];
  const totals: number[] = [];
  let objects = 0;
  let findings = 0;
  try {
    for (let i = 0; i <= runs; i++) {
      const pr = time(() => p.parseScripts('mysql', files));
      const r = time(() => p.mysqlToPostgres.transform(pr.value.catalog as Catalog, options));
      const g = time(() => {
        const res = p.postgresGenerator.generate(r.value.catalog, options);
        return { ...res, objects: p.orderByDependencies(res.objects) };
      });
      const slow = i === 0 && pr.ms + r.ms + g.ms > 10_000;
      if (i === 0 && !slow) continue;
      parse.push(pr.ms); rules.push(r.ms); gen.push(g.ms); totals.push(pr.ms + r.ms + g.ms);
      objects = g.value.objects.length;
      findings = pr.value.diagnostics.length + r.value.diagnostics.length + g.value.diagnostics.length;
      if (slow) break;
    }
  } catch (e) {
    return `dbshift pipeline not measurable yet: ${e instanceof Error ? e.message : String(e)}`;
  }
  return { parse: median(parse), convert: median(rules), generate: median(gen), fastest: Math.min(...totals), objects, findings, runs: parse.length };
}

function report(label: string, f: Figures | string, mb: number, statements: number): void {
  console.log(`  ${label}:`);
  if (typeof f === 'string') { console.log(`    ${f}`); return; }
  const total = f.parse + f.convert + f.generate;
  const line = (name: string, ms: number): string => `    ${name.padEnd(9)} ${ms.toFixed(1).padStart(8)} ms  ${(mb / (ms / 1000)).toFixed(1).padStart(7)} MB/s  ${Math.round(statements / (ms / 1000)).toLocaleString('en-US').padStart(10)} statements/s`;
  console.log(line('parse', f.parse));
  console.log(line('convert', f.convert));
  console.log(line('generate', f.generate));
  console.log(line('total', total));
  console.log(`    median of ${f.runs} run(s)${f.runs === 1 ? ' (over 10 s: one cold run, no warm-up)' : `, fastest ${f.fastest.toFixed(1)} ms`}; ${f.objects} target objects, ${f.findings} findings`);
}

export async function run(): Promise<void> {
  const { text, statements } = generateScript();
  const mb = new TextEncoder().encode(text).length / 1048576;
  const files: SourceFile[] = [{ path: 'bench.sql', text }];
  console.log(`parse-convert: ${statements} statements, ${mb.toFixed(2)} MB of MySQL DDL`);

  report('tsx dev build (TypeScript sources under tsx)', measure({ parseScripts, mysqlToPostgres, postgresGenerator, orderByDependencies }, files), mb, statements);
  let production: Figures | string;
  let bigYoung: Figures | string | undefined;
  try {
    const bundle = await productionBundle();
    try {
      production = measureBundleInChild(bundle.file);
      bigYoung = measureBundleInChild(bundle.file, [`--max-semi-space-size=${WHAT_IF_SEMI_SPACE_MB}`]);
    } finally { bundle.dispose(); }
  } catch (e) {
    production = `could not bundle the pipeline with esbuild: ${e instanceof Error ? e.message : String(e)}`;
  }
  report('production bundle (esbuild, as build/build-electron.mjs ships it; measured in a fresh process)', production, mb, statements);
  if (typeof production !== 'string') {
    const total = production.parse + production.convert + production.generate;
    console.log(`  target < 300 ms (production bundle): ${total < 300 ? 'met' : 'NOT met'} (${total.toFixed(1)} ms)`);
  }
  // What-if, not what ships: a fifth to a third of the pipeline is scavenging the IR it keeps
  // (~30 MB per run) out of V8's default 16 MB semi-space. The same bundle with a larger young
  // generation (node --max-semi-space-size, or Worker resourceLimits.maxYoungGenerationSizeMb for
  // the conversion worker) shows what that setting would buy.
  if (bigYoung !== undefined) report(`what-if: the same bundle with a ${WHAT_IF_SEMI_SPACE_MB} MB semi-space (node --max-semi-space-size=${WHAT_IF_SEMI_SPACE_MB}; the app does not set it)`, bigYoung, mb, statements);

  // Independent reference: node-sql-parser (devDependency for this comparison only).
  let Parser: (new () => { astify(sql: string, opt?: { database?: string }): unknown }) | undefined;
  try {
    const modName = 'node-sql-parser';
    const mod = (await import(modName)) as { Parser?: typeof Parser; default?: { Parser?: typeof Parser } };
    Parser = mod.Parser ?? mod.default?.Parser;
  } catch {
    console.log('  node-sql-parser not installed: no comparison');
  }
  if (Parser) {
    const parser = new Parser();
    const ms: number[] = [];
    try {
      for (let i = 0; i <= 3; i++) {
        const t = time(() => parser.astify(text, { database: 'MySQL' }));
        if (i > 0) ms.push(t.ms);
      }
      const m = median(ms);
      console.log(`  node-sql-parser parse: ${m.toFixed(1)} ms (${(mb / (m / 1000)).toFixed(1)} MB/s), median of 3 after a warm-up`);
    } catch (e) {
      console.log(`  node-sql-parser failed on the script: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf(CHILD_FLAG);
  if (at > 0) {
    // Child: time the bundle given, print the figures as one JSON line.
    const pipeline = createRequire(import.meta.url)(process.argv[at + 1]!) as Pipeline;
    console.log(JSON.stringify(measure(pipeline, [{ path: 'bench.sql', text: generateScript().text }])));
  } else {
    await run();
  }
}

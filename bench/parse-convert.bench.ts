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
import { Worker } from 'node:worker_threads';
import type { SourceFile } from '../converters/index.js';
import { parseScripts } from '../converters/index.js';
import { mysqlToPostgres } from '../converters/rules/mysql-postgres/index.js';
import { postgresGenerator } from '../converters/generators/postgres/index.js';
import { orderByDependencies } from '../converters/order.js';
import { generateScript, measure, median, time, type Figures, type Pipeline } from './parse-convert-measure.js';

export { generateScript };
import { CONVERT_WORKER_LIMITS } from '../electron/node/handlers/worker-limits.js';

const PIPELINE_ENTRY = `export { parseScripts } from './converters/index.js';
export { mysqlToPostgres } from './converters/rules/mysql-postgres/index.js';
export { postgresGenerator } from './converters/generators/postgres/index.js';
export { orderByDependencies } from './converters/order.js';
export { measure, generateScript } from './bench/parse-convert-measure.js';
import { measure, generateScript } from './bench/parse-convert-measure.js';
import * as pipeline from './converters/index.js';
import { mysqlToPostgres } from './converters/rules/mysql-postgres/index.js';
import { postgresGenerator } from './converters/generators/postgres/index.js';
import { orderByDependencies } from './converters/order.js';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
// Loaded as the conversion worker: time the pipeline in this thread, post the figures.
if (!isMainThread && workerData && workerData.dbshiftBench === true) {
  parentPort.postMessage(measure({ parseScripts: pipeline.parseScripts, mysqlToPostgres, postgresGenerator, orderByDependencies }, [{ path: 'bench.sql', text: generateScript().text }]));
}
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
function measureBundleInChild(file: string, v8Flags: string[] = [], inWorker = false): Figures | string {
  const r = spawnSync(process.execPath, [...v8Flags, ...process.execArgv, fileURLToPath(import.meta.url), inWorker ? WORKER_FLAG : CHILD_FLAG, file], { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 600_000 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{') || l.startsWith('"'));
  if (r.status !== 0 || !line) return `bundle run failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout).trim().slice(0, 300)}`;
  return JSON.parse(line) as Figures | string;
}

const CHILD_FLAG = '--production-bundle';
const WORKER_FLAG = '--production-bundle-in-worker';
const WHAT_IF_SEMI_SPACE_MB = 64;

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
  let mainThread: Figures | string | undefined;
  try {
    const bundle = await productionBundle();
    try {
      production = measureBundleInChild(bundle.file, [], true);
      mainThread = measureBundleInChild(bundle.file);
      bigYoung = measureBundleInChild(bundle.file, [`--max-semi-space-size=${WHAT_IF_SEMI_SPACE_MB}`]);
    } finally { bundle.dispose(); }
  } catch (e) {
    production = `could not bundle the pipeline with esbuild: ${e instanceof Error ? e.message : String(e)}`;
  }
  report(`production bundle in the conversion worker, as the app converts (esbuild bundle; fresh process; Worker resourceLimits ${Object.keys(CONVERT_WORKER_LIMITS).length ? JSON.stringify(CONVERT_WORKER_LIMITS) : 'V8 defaults'} from electron/node/handlers/worker-limits.ts)`, production, mb, statements);
  if (typeof production !== 'string') {
    const total = production.parse + production.convert + production.generate;
    console.log(`  target < 300 ms (production bundle): ${total < 300 ? 'met' : 'NOT met'} (${total.toFixed(1)} ms)`);
  }
  // For comparison: the same bundle on a main thread with V8's default heap limits (the CLI's
  // `convert` runs so), and with a 64 MB semi-space set by flag.
  if (mainThread !== undefined) report('the same bundle on a main thread, V8 defaults (16 MB semi-space; as the CLI converts)', mainThread, mb, statements);
  if (bigYoung !== undefined) report(`the same bundle on a main thread with node --max-semi-space-size=${WHAT_IF_SEMI_SPACE_MB}`, bigYoung, mb, statements);

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
  const atWorker = process.argv.indexOf(WORKER_FLAG);
  if (at > 0) {
    // Child: time the bundle given, print the figures as one JSON line.
    const pipeline = createRequire(import.meta.url)(process.argv[at + 1]!) as Pipeline;
    console.log(JSON.stringify(measure(pipeline, [{ path: 'bench.sql', text: generateScript().text }])));
  } else if (atWorker > 0) {
    // Child: the bundle as the conversion worker, with the app's limits; the worker times itself.
    const figures = await new Promise<Figures | string>((resolve) => {
      const w = new Worker(process.argv[atWorker + 1]!, { workerData: { dbshiftBench: true }, resourceLimits: CONVERT_WORKER_LIMITS });
      w.once('message', (m: Figures | string) => { resolve(m); void w.terminate(); });
      w.once('error', (e) => resolve(`worker failed: ${e.message}`));
    });
    console.log(JSON.stringify(figures));
  } else {
    await run();
  }
}

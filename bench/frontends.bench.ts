// Front-end speed and memory: the parse share of parse-convert.bench (MySQL DDL), a 1 MB
// pg_dump-style script, one-object-per-file parsing as live extraction does it (2,000 tables ×
// 20 columns), and the IR memory of data scripts (Sakila's INSERTs, a PostgreSQL COPY dump).
// Prints figures (CPU time of this process and wall time, best and median of 5); asserts nothing.
//   npx tsx bench/frontends.bench.ts
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseResult, SourceFile } from '../converters/index.js';
import { mysqlFrontEnd } from '../converters/dialects/mysql/index.js';
import { postgresFrontEnd } from '../converters/dialects/postgres/index.js';
import { generateScript } from './parse-convert.bench.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const mb = (s: string): number => new TextEncoder().encode(s).length / 1048576;

function measure(label: string, size: string, fn: () => ParseResult, runs = 5): void {
  const cpu: number[] = [];
  const wall: number[] = [];
  fn();
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const sort = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
  const [c, w] = [sort(cpu), sort(wall)];
  console.log(`  ${label.padEnd(34)} ${size.padEnd(26)} cpu ${c[0]!.toFixed(0).padStart(5)} ms (median ${c[runs >> 1]!.toFixed(0)})  wall ${w[0]!.toFixed(0).padStart(5)} ms (median ${w[runs >> 1]!.toFixed(0)})`);
}

function retainedMb(fn: () => ParseResult): { mb: number; result: ParseResult } | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = fn();
  gc();
  return { mb: (process.memoryUsage().heapUsed - before) / 1048576, result };
}

/** Pagila's schema repeated (schema renamed per copy, so objects do not replace each other). */
function pgDumpScript(): string {
  const pagila = readFileSync(`${corpus}pagila-postgres/pagila-schema.sql`, 'utf8');
  let text = '';
  for (let k = 0; text.length < 1_000_000; k++) text += `${pagila.replace(/public\./g, `s${k}.`)}\n`;
  return text;
}

/** One file per object, the way electron/node/extract hands catalog DDL to the front ends. */
function extractedFiles(dialect: 'mysql' | 'postgres', tables = 2000): SourceFile[] {
  const types = dialect === 'mysql'
    ? ['varchar(50)', 'int(11)', 'decimal(10,2)', 'date', 'text', 'datetime', 'bigint(20)', 'tinyint(1)', 'varchar(200)']
    : ['character varying(50)', 'integer', 'numeric(10,2)', 'date', 'text', 'timestamp without time zone', 'bigint', 'boolean', 'character varying(200)'];
  const files: SourceFile[] = [];
  for (let i = 0; i < tables; i++) {
    const q = (s: string): string => (dialect === 'mysql' ? `\`${s}\`` : s);
    const cols = [`${q('id')} ${dialect === 'mysql' ? 'int(11)' : 'integer'} NOT NULL`, `${q('ref_id')} ${dialect === 'mysql' ? 'int(11) DEFAULT NULL' : 'integer'}`];
    for (let c = 1; c <= 18; c++) cols.push(`${q(`c${c}`)} ${types[c % types.length]}${c % 3 === 0 ? ' NOT NULL' : dialect === 'mysql' ? ' DEFAULT NULL' : ''}`);
    if (dialect === 'mysql') {
      cols.push('PRIMARY KEY (`id`)', `KEY \`ix_t${i}_c1\` (\`c1\`)`, `KEY \`ix_t${i}_c2_c3\` (\`c2\`,\`c3\`)`);
      if (i > 0) cols.push(`CONSTRAINT \`fk_t${i}\` FOREIGN KEY (\`ref_id\`) REFERENCES \`bench\`.\`t${i - 1}\` (\`id\`)`);
      files.push({ path: `live:bench/table/t${i}`, text: `CREATE TABLE \`bench\`.\`t${i}\` (\n  ${cols.join(',\n  ')}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n` });
    } else {
      cols.push(`CONSTRAINT t${i}_pkey PRIMARY KEY (id)`);
      if (i > 0) cols.push(`CONSTRAINT fk_t${i} FOREIGN KEY (ref_id) REFERENCES public.t${i - 1}(id)`);
      files.push({ path: `live:public/table/t${i}`, text: `CREATE TABLE public.t${i} (\n    ${cols.join(',\n    ')}\n);\n` });
      files.push({ path: `live:public/index/ix_t${i}_c1`, text: `CREATE INDEX ix_t${i}_c1 ON public.t${i} USING btree (c1);\n` });
      files.push({ path: `live:public/index/ix_t${i}_c2_c3`, text: `CREATE INDEX ix_t${i}_c2_c3 ON public.t${i} USING btree (c2, c3);\n` });
    }
  }
  return files;
}

function copyDump(rows: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(`${i}\tcustomer name number ${i}\tsome.address.${i}@example.org\t\\N\t2006-02-15 04:34:33\t${i % 2 ? 't' : 'f'}`);
  return `CREATE TABLE public.c (id integer, name text, email text, x text, d timestamp, b boolean);\nCOPY public.c (id, name, email, x, d, b) FROM stdin;\n${lines.join('\n')}\n\\.\n`;
}

export function run(): void {
  console.log('front ends: parse time (script → Catalog)');
  const my = generateScript();
  measure('MySQL DDL (parse-convert script)', `${my.statements} stmts, ${mb(my.text).toFixed(2)} MB`, () => mysqlFrontEnd.parse([{ path: 'bench.sql', text: my.text }]));
  const pg = pgDumpScript();
  measure('PostgreSQL pg_dump-style DDL', `Pagila ×${Math.round(pg.length / 60000)}, ${mb(pg).toFixed(2)} MB`, () => postgresFrontEnd.parse([{ path: 'dump.sql', text: pg }]));
  const myFiles = extractedFiles('mysql');
  measure('MySQL, one file per object', `${myFiles.length} files (2,000 tables)`, () => mysqlFrontEnd.parse(myFiles, { defaultSchema: 'bench' }));
  const pgFiles = extractedFiles('postgres');
  measure('PostgreSQL, one file per object', `${pgFiles.length} files (2,000 tables)`, () => postgresFrontEnd.parse(pgFiles, { defaultSchema: 'public' }));

  console.log('front ends: IR memory of data scripts (heap retained after parse)');
  const sakila = readFileSync(`${corpus}sakila-mysql/sakila-data.sql`, 'utf8');
  const copy = copyDump(150_000);
  const m1 = retainedMb(() => mysqlFrontEnd.parse([{ path: 'sakila-data.sql', text: sakila }]));
  const m2 = retainedMb(() => postgresFrontEnd.parse([{ path: 'copy.sql', text: copy }]));
  if (!m1 || !m2) { console.log('  (run with node --expose-gc --import tsx to measure memory)'); return; }
  console.log(`  Sakila data (INSERT)               ${mb(sakila).toFixed(2)} MB text → ${m1.mb.toFixed(1)} MB IR (${(m1.mb / mb(sakila)).toFixed(1)} MB per MB)`);
  console.log(`  COPY dump, 150,000 rows × 6        ${mb(copy).toFixed(2)} MB text → ${m2.mb.toFixed(1)} MB IR (${(m2.mb / mb(copy)).toFixed(1)} MB per MB)`);
}

if (import.meta.url === `file://${process.argv[1]}`) run();

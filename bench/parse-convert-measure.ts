// The parse-convert bench's input and timing loop, without Node imports: the bench runs it from
// the TypeScript sources, and bundles it with the pipeline to run it in a conversion worker.
import type { Catalog, ConvertOptions, ConvertedObject, Generator, ParseResult, RuleSet, SourceDialect, SourceFile } from '../converters/index.js';

/** The pipeline pieces the bench times; the same module shape from the sources and from the bundle. */
export interface Pipeline {
  parseScripts(dialect: SourceDialect, files: SourceFile[]): ParseResult;
  mysqlToPostgres: RuleSet;
  postgresGenerator: Generator;
  orderByDependencies(objects: ConvertedObject[]): ConvertedObject[];
}

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

export function time<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export interface Figures { parse: number; convert: number; generate: number; fastest: number; objects: number; findings: number; runs: number }

/** One warm-up round, then measured rounds; medians. A pipeline far off the target is measured once. */
export function measure(p: Pipeline, files: SourceFile[]): Figures | string {
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


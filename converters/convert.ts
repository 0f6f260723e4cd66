import type {
  Catalog, ConvertOptions, ConvertResult, FrontEnd, Generator, RuleSet, SourceDialect, SourceFile,
  TargetDialect, ParseOptions, ParseResult, Diagnostic,
} from './model/index.js';
import { refKey } from './model/index.js';
import { orderByDependencies } from './order.js';
import { mysqlFrontEnd } from './dialects/mysql/index.js';
import { postgresFrontEnd } from './dialects/postgres/index.js';
import { oracleFrontEnd } from './dialects/oracle/index.js';
import { tsqlFrontEnd } from './dialects/tsql/index.js';
import { postgresGenerator } from './generators/postgres/index.js';
import { mysqlGenerator } from './generators/mysql/index.js';
import { mysqlToPostgres } from './rules/mysql-postgres/index.js';
import { oracleToPostgres } from './rules/oracle-postgres/index.js';
import { oracleToMysql } from './rules/oracle-mysql/index.js';
import { postgresToMysql } from './rules/postgres-mysql/index.js';
import { sqlServerToPostgres } from './rules/sqlserver-postgres/index.js';
import { sqlServerToMysql } from './rules/sqlserver-mysql/index.js';

const FRONT_ENDS: Partial<Record<SourceDialect, FrontEnd>> = {
  mysql: mysqlFrontEnd,
  postgres: postgresFrontEnd,
  oracle: oracleFrontEnd,
  sqlserver: tsqlFrontEnd,
};

const GENERATORS: Record<TargetDialect, Generator> = {
  postgres: postgresGenerator,
  mysql: mysqlGenerator,
};

const RULES: Partial<Record<`${SourceDialect}-${TargetDialect}`, RuleSet>> = {
  'mysql-postgres': mysqlToPostgres,
  'oracle-postgres': oracleToPostgres,
  'oracle-mysql': oracleToMysql,
  'postgres-mysql': postgresToMysql,
  'sqlserver-postgres': sqlServerToPostgres,
  'sqlserver-mysql': sqlServerToMysql,
};

/** Source → target pairs dbshift converts today (front end and rules both present). */
export function supportedPairs(): { source: SourceDialect; target: TargetDialect }[] {
  return Object.keys(RULES).map((k) => {
    const [source, target] = k.split('-') as [SourceDialect, TargetDialect];
    return { source, target };
  }).filter((p) => !!FRONT_ENDS[p.source]);
}

export function isSupportedPair(source: SourceDialect, target: TargetDialect): boolean {
  return !!FRONT_ENDS[source] && !!RULES[`${source}-${target}`];
}

export function hasFrontEnd(dialect: SourceDialect): boolean {
  return !!FRONT_ENDS[dialect];
}

export function frontEndFor(dialect: SourceDialect): FrontEnd {
  const fe = FRONT_ENDS[dialect];
  if (!fe) throw new Error(`No front end for ${dialect} yet`);
  return fe;
}

export function parseScripts(dialect: SourceDialect, files: SourceFile[], options?: ParseOptions): ParseResult {
  return frontEndFor(dialect).parse(files, options);
}

/**
 * Source catalog → target objects. Rule findings are attached to the converted objects that came
 * from the same source object, so every object's status reflects everything said about it.
 * Objects come back in an order that applies: each after everything it depends on.
 */
export function convert(catalog: Catalog, options: ConvertOptions): ConvertResult {
  const rules = RULES[`${catalog.dialect}-${options.target}`];
  if (!rules) throw new Error(`Converting ${catalog.dialect} to ${options.target} is not supported yet`);
  const transformed = rules.transform(catalog, options);
  const result = GENERATORS[options.target].generate(transformed.catalog, options);
  const bySource = new Map<string, ConvertResult['objects']>();
  for (const o of result.objects) {
    const k = refKey(o.source);
    const list = bySource.get(k) ?? [];
    list.push(o);
    bySource.set(k, list);
  }
  const loose: Diagnostic[] = [];
  for (const d of transformed.diagnostics) {
    const targets = d.object ? bySource.get(refKey(d.object)) : undefined;
    if (!targets || targets.length === 0) { loose.push(d); continue; }
    const first = targets[0]!;
    first.diagnostics.push(d);
    if (first.status === 'converted' && d.severity !== 'info') first.status = 'converted-with-actions';
  }
  // Objects whose findings name an emulation depend on it (the assessment lists them).
  for (const o of result.objects) {
    const emulations = [...new Set(o.diagnostics.flatMap((d) => (d.emulation ? [d.emulation] : [])))];
    if (emulations.length) o.usesEmulation = [...new Set([...(o.usesEmulation ?? []), ...emulations])];
  }
  return { ...result, objects: orderByDependencies(result.objects), diagnostics: [...loose, ...result.diagnostics] };
}

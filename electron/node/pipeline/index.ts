// Node-side orchestration shared by the CLI and (later) the desktop back end:
// read inputs → front end → convert → assessment. Writing files is export/.
import type {
  ConversionSettings,
  Catalog, ConvertOptions, ConvertResult, Diagnostic, DiagnosticDef, NamingStyle, ParseOptions, SourceDialect, SourceFile, TargetDialect,
} from '../../../converters/index.js';
import { convert, diagnostic, hasFrontEnd, isSupportedPair, parseScripts, parseSettings, supportedPairs } from '../../../converters/index.js';
import { buildAssessment, type Assessment, type AssessmentInputFile, type AssessmentOptions } from '../../../converters/assessment/index.js';
import { UserError } from './errors.js';
import { readInputs } from './inputs.js';

export { UserError, ApplyFailed } from './errors.js';
export { readInputs, decodeScript, expandPaths, displayPath, INPUT_CODES } from './inputs.js';

export const SOURCE_DIALECTS: SourceDialect[] = ['mysql', 'postgres', 'oracle', 'sqlserver'];
export const TARGET_DIALECTS: TargetDialect[] = ['postgres', 'mysql'];

const FRONT_END_FAILED: DiagnosticDef = {
  code: 'IN0005', severity: 'critical', effort: 'significant',
  title: 'The parser stopped on this file with an internal error; nothing in it was converted',
  recommendation: 'Report the problem with the file (or the smallest part of it that shows it); convert the other files meanwhile.',
};

export interface LoadedSource {
  source: SourceDialect;
  catalog: Catalog;
  /** Input and front-end findings. */
  parseDiagnostics: Diagnostic[];
  inputs: AssessmentInputFile[];
  /** For headers and reports: never contains a password. */
  sourceLabel: string;
  sourceKind: 'scripts' | 'live database';
  /** The source texts (scripts, or the extracted DDL), for excerpts in reports. */
  files?: SourceFile[];
}

export type Progress = (message: string) => void;

export function checkSourceDialect(from: string | undefined): SourceDialect {
  if (!from) throw new UserError('missing --from', `say which engine the scripts are written for: --from ${SOURCE_DIALECTS.join('|')}`);
  if (!(SOURCE_DIALECTS as string[]).includes(from)) {
    throw new UserError(`unknown source engine "${from}"`, `use --from ${SOURCE_DIALECTS.join('|')}`);
  }
  const d = from as SourceDialect;
  if (!hasFrontEnd(d)) {
    throw new UserError(`${ENGINE_LABEL[d]} sources are not supported yet`, `dbshift converts these today: ${pairList()}`);
  }
  return d;
}

const ENGINE_LABEL: Record<SourceDialect, string> = { mysql: 'MySQL/MariaDB', postgres: 'PostgreSQL', oracle: 'Oracle', sqlserver: 'SQL Server' };

function pairList(): string {
  return supportedPairs().map((p) => `${ENGINE_LABEL[p.source]} → ${ENGINE_LABEL[p.target]}`).join(', ');
}

/** Throws a clear message when dbshift cannot convert this source to this target (yet). */
export function checkPair(source: SourceDialect, target: TargetDialect): void {
  if (source !== target && !isSupportedPair(source, target)) {
    throw new UserError(`converting ${ENGINE_LABEL[source]} to ${ENGINE_LABEL[target]} is not supported yet`, `dbshift converts these today: ${pairList()}`);
  }
}

export function checkTargets(to: string | undefined, allowMany: boolean): TargetDialect[] {
  if (!to) throw new UserError('missing --to', `say which engine to convert to: --to ${TARGET_DIALECTS.join('|')}`);
  const list = to.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const t of list) {
    if (!(TARGET_DIALECTS as string[]).includes(t)) throw new UserError(`unknown target engine "${t}"`, `use --to ${TARGET_DIALECTS.join('|')}`);
  }
  if (list.length === 0) throw new UserError('missing --to', `use --to ${TARGET_DIALECTS.join('|')}`);
  if (!allowMany && list.length > 1) throw new UserError('convert takes one target', 'run convert once per target, or use `dbshift assess` to compare targets');
  return [...new Set(list)] as TargetDialect[];
}

/** --option name=value pairs → conversion settings; a bad name or value is the user's to fix. */
export function checkSettings(pairs: string[]): ConversionSettings | undefined {
  if (pairs.length === 0) return undefined;
  const r = parseSettings(pairs);
  if (!r.ok) throw new UserError(r.error, r.hint);
  return r.settings;
}

export function checkNaming(naming: string | undefined): NamingStyle | undefined {
  if (naming === undefined) return undefined;
  if (naming !== 'lower' && naming !== 'snake' && naming !== 'preserve') throw new UserError(`unknown --naming "${naming}"`, 'use --naming lower|snake|preserve');
  return naming;
}

/**
 * Runs the front end. A front-end crash on the whole set is retried file by file so that one
 * file the parser cannot handle does not stop the others; the failing file gets a finding.
 */
export function parseFiles(source: SourceDialect, files: SourceFile[], options?: ParseOptions): { catalog: Catalog; diagnostics: Diagnostic[] } {
  try {
    return parseScripts(source, files, options);
  } catch (whole) {
    if (files.length <= 1) {
      const f = files[0];
      const msg = whole instanceof Error ? whole.message : String(whole);
      return {
        catalog: { dialect: source, objects: [] },
        diagnostics: [diagnostic(FRONT_END_FAILED, { file: f?.path ?? '', line: 1, column: 1, endLine: 1, endColumn: 1 }, `${FRONT_END_FAILED.title}: ${msg}`)],
      };
    }
    const catalog: Catalog = { dialect: source, objects: [] };
    const diagnostics: Diagnostic[] = [];
    for (const f of files) {
      const one = parseFiles(source, [f], options);
      catalog.objects.push(...one.catalog.objects);
      diagnostics.push(...one.diagnostics);
    }
    return { catalog, diagnostics };
  }
}

/**
 * Script variables given on the command line (`--define NAME=VALUE`, repeatable): SQL*Plus `&NAME`
 * substitution and SQLCMD `$(NAME)`. Values never reach logs or reports.
 */
export function parseDefines(defs: string[] | undefined): Record<string, string> | undefined {
  if (!defs?.length) return undefined;
  const out: Record<string, string> = {};
  for (const d of defs) {
    const eq = d.indexOf('=');
    if (eq <= 0) throw new UserError(`--define ${d.split('=')[0] || d}: expected NAME=VALUE`, 'for example --define tbs=USERS (repeat --define for more variables)');
    out[d.slice(0, eq).trim()] = d.slice(eq + 1);
  }
  return out;
}

export async function loadScripts(source: SourceDialect, paths: string[], progress?: Progress, variables?: Record<string, string>): Promise<LoadedSource> {
  const read = await readInputs(paths);
  if (read.files.length === 0) {
    const why = read.diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column}: ${d.message}`).join('; ');
    throw new UserError(`no readable SQL script among the inputs${why ? ` (${why})` : ''}`, 'pass text .sql files');
  }
  const mb = (read.totalBytes / 1048576).toFixed(2);
  const skipped = read.inputs.length - read.files.length;
  progress?.(`Read ${read.inputs.length} file(s), ${mb} MB${skipped ? `; ${skipped} skipped (not text)` : ''}`);
  const t0 = performance.now();
  const parsed = parseFiles(source, read.files, variables ? { variables } : undefined);
  progress?.(`Parsed ${parsed.catalog.objects.length} object(s), ${parsed.diagnostics.length} finding(s) in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const names = read.inputs.map((i) => i.path);
  const label = `${ENGINE_LABEL[source]} scripts: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`;
  return {
    source, catalog: parsed.catalog, parseDiagnostics: [...read.diagnostics, ...parsed.diagnostics],
    inputs: read.inputs, sourceLabel: label, sourceKind: 'scripts', files: read.files,
  };
}

export interface ConvertRun {
  result: ConvertResult;
  assessment: Assessment;
}

export function convertLoaded(
  loaded: LoadedSource, target: TargetDialect,
  options: { naming?: NamingStyle; schemas?: string[]; generatedAt: string; settings?: ConversionSettings }, progress?: Progress,
): ConvertRun {
  checkPair(loaded.source, target);
  const t0 = performance.now();
  const convertOptions: ConvertOptions = { ...options.settings, target, ...(options.naming ? { naming: options.naming } : {}) };
  let result: ConvertResult;
  try {
    result = convert(loaded.catalog, convertOptions);
  } catch (e) {
    throw new Error(`converting to ${target} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  progress?.(`Converted to ${target === 'postgres' ? 'PostgreSQL' : 'MySQL'}: ${result.objects.length} object(s) in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const assessmentOptions: AssessmentOptions = {
    ...(options.naming ? { naming: options.naming } : {}),
    ...(options.schemas ? { schemas: options.schemas } : {}),
    ...(options.settings && Object.keys(options.settings).length ? { conversion: options.settings } : {}),
    sourceKind: loaded.sourceKind,
  };
  const assessment = buildAssessment({
    source: loaded.source, target, catalog: loaded.catalog, parseDiagnostics: loaded.parseDiagnostics,
    result, inputs: loaded.inputs, options: assessmentOptions, generatedAt: options.generatedAt,
    ...(loaded.files ? { sources: loaded.files } : {}),
  });
  return { result, assessment };
}

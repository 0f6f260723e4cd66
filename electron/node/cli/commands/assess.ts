// dbshift assess: the assessment report for one source (scripts or a live database) and one or
// more targets, or for every database of an inventory file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceDialect, TargetDialect } from '../../../../converters/index.js';
import { isSupportedPair } from '../../../../converters/index.js';
import { effortSettings, parseScope, recommend, type EffortSettings } from '../../../../converters/assessment/index.js';
import { checkNaming, checkSettings, checkSourceDialect, checkTargets, displayPath, loadScripts, parseDefines, UserError, type LoadedSource } from '../../pipeline/index.js';
import { dialectOfUrl, loadLive } from '../../pipeline/live.js';
import { assessLoaded, htmlFilesToPdf, readInventoryFile, REPORT_FORMATS, runInventory, writeReportFiles, type ReportFormat } from '../../report/index.js';
import { optionalString, requireString, schemaList, type ParsedCommand, stringList } from '../args.js';
import { summaryLines } from '../output.js';
import type { CommandContext } from './convert.js';

const ENGINE_NAME: Record<string, string> = { mysql: 'MySQL', postgres: 'PostgreSQL', oracle: 'Oracle', sqlserver: 'SQL Server' };

function formatsOf(p: ParsedCommand): ReportFormat[] {
  const v = optionalString(p, 'format');
  if (!v) return ['html', 'json', 'csv'];
  const list = v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((f) => !(REPORT_FORMATS as string[]).includes(f));
  if (bad.length || list.length === 0) throw new UserError(`assess: unknown --format ${bad.join(', ') || '""'}`, `use --format ${REPORT_FORMATS.join(',')}`);
  return [...new Set(list)] as ReportFormat[];
}

async function effortOf(p: ParsedCommand): Promise<EffortSettings | undefined> {
  const file = optionalString(p, 'effort');
  if (!file) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UserError(`assess: cannot read the effort settings ${file}: ${e instanceof Error ? e.message : String(e)}`, 'give a JSON file; see README "Assessment report" for the keys');
  }
  const { settings, errors } = effortSettings(json);
  if (errors.length) throw new UserError(`assess: effort settings ${file}: ${errors.join('; ')}`, 'see README "Assessment report" for the keys');
  return settings;
}

function parallelOf(p: ParsedCommand): number | undefined {
  const v = optionalString(p, 'parallel');
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UserError(`assess: --parallel must be a whole number from 1 to 64, not "${v}"`, 'e.g. --parallel 4');
  return n;
}

/**
 * The requested targets this source converts to. The source's own engine and pairs dbshift does
 * not convert yet are skipped with a warning; none left is an error.
 */
function chooseTargets(source: SourceDialect, requested: TargetDialect[], ctx: CommandContext): TargetDialect[] {
  const keep = requested.filter((t) => t !== source && isSupportedPair(source, t));
  const why = (t: TargetDialect): string => (t === source ? `the source is already ${ENGINE_NAME[t]}` : `converting ${ENGINE_NAME[source]} to ${ENGINE_NAME[t]} is not supported yet`);
  if (keep.length === 0) {
    const others = (['postgres', 'mysql'] as TargetDialect[]).filter((t) => t !== source && isSupportedPair(source, t));
    throw new UserError(why(requested[0]!), others.length ? `choose another target with --to (${others.join(', ')})` : `dbshift cannot convert ${ENGINE_NAME[source]} sources to any target yet`);
  }
  for (const t of requested) if (!keep.includes(t)) ctx.out.warn(`skipping target ${t}: ${why(t)}`);
  return keep;
}

function sourceOf(p: ParsedCommand): SourceDialect {
  const url = optionalString(p, 'source-url');
  return url ? dialectOfUrl(url) : checkSourceDialect(optionalString(p, 'from'));
}

async function loadSource(p: ParsedCommand, ctx: CommandContext): Promise<LoadedSource> {
  const url = optionalString(p, 'source-url');
  if (url) {
    if (p.positionals.length > 0) throw new UserError('assess: give either script files or --source-url, not both', 'see: dbshift assess --help');
    const from = optionalString(p, 'from');
    const dialect = dialectOfUrl(url);
    if (from && from !== dialect) throw new UserError(`assess: --from ${from} does not match the --source-url engine (${dialect})`, 'leave out --from with --source-url');
    return loadLive(url, schemaList(p), (m) => ctx.out.progress(m), ctx.prompt);
  }
  if (optionalString(p, 'schemas')) throw new UserError('assess: --schemas only applies with --source-url', 'use --scope SCHEMA to report on one schema of the scripts');
  const source = checkSourceDialect(optionalString(p, 'from'));
  if (p.positionals.length === 0) throw new UserError('assess: no input scripts given', 'pass .sql files or folders, --source-url, or --inventory FILE.csv');
  return loadScripts(source, p.positionals, (m) => ctx.out.progress(m), parseDefines(stringList(p, 'define')));
}

async function pdfs(htmlFiles: string[], ctx: CommandContext): Promise<string[]> {
  const r = await htmlFilesToPdf(htmlFiles);
  if ('unavailable' in r) {
    ctx.out.warn(`dbshift: no PDF written: ${r.unavailable}`);
    return [];
  }
  return r.pdfs;
}

async function runInventoryCommand(p: ParsedCommand, file: string, dir: string, ctx: CommandContext): Promise<number> {
  for (const o of ['source-url', 'from', 'to', 'schemas']) {
    if (optionalString(p, o)) throw new UserError(`assess: --${o} does not apply with --inventory`, 'the inventory names each database\'s engine, location, schemas and targets');
  }
  if (p.positionals.length) throw new UserError('assess: give either script files or --inventory, not both', 'see: dbshift assess --help');
  const formats = formatsOf(p);
  const naming = checkNaming(optionalString(p, 'naming'));
  const settings = checkSettings(stringList(p, 'option') ?? []);
  const parallel = parallelOf(p);
  const effort = await effortOf(p);
  const entries = await readInventoryFile(file);
  ctx.out.progress(`Inventory: ${entries.length} database(s)`);
  const run = await runInventory(entries, dir, {
    formats, generatedAt: ctx.now(), progress: (m) => ctx.out.progress(m), clean: (s) => ctx.out.clean(s), prompt: ctx.prompt,
    ...(naming ? { naming } : {}), ...(settings ? { settings } : {}), ...(effort ? { effort } : {}), ...(parallel ? { parallel } : {}),
    ...(optionalString(p, 'scope') ? { scope: parseScope(optionalString(p, 'scope')) } : {}),
  });
  const written = [...run.files, ...(formats.includes('pdf') ? await pdfs(run.htmlFiles, ctx) : [])];
  const failed = run.report.databases.filter((d) => d.status === 'failed');
  if (ctx.out.json) {
    ctx.out.resultJson({ report: dir, files: written, databases: run.report.databases });
    return 0;
  }
  for (const d of run.report.databases) {
    if (d.status === 'failed') ctx.out.result(`${d.name}: NOT ASSESSED — ${d.error}`);
    else ctx.out.result(`${d.name}: ${d.targets.map((t) => `${t.target} ${t.hours} h (storage ${t.storagePct}%, code ${t.codePct}%, complexity ${t.complexity})`).join('; ')}`);
  }
  ctx.out.result(`Report: ${displayPath(join(dir, formats.includes('html') || formats.includes('pdf') ? 'inventory.html' : formats.includes('json') ? 'inventory.json' : 'inventory.csv'))}${failed.length ? ` (${failed.length} database(s) could not be assessed)` : ''}`);
  return 0;
}

export async function runAssess(p: ParsedCommand, ctx: CommandContext): Promise<number> {
  const dir = requireString(p, 'report', 'assess', 'say where to write the report: --report DIR');
  const inventory = optionalString(p, 'inventory');
  if (inventory) return runInventoryCommand(p, inventory, dir, ctx);
  if (optionalString(p, 'parallel')) throw new UserError('assess: --parallel only applies with --inventory', 'one source is assessed target by target');
  const requested = checkTargets(optionalString(p, 'to'), true);
  const formats = formatsOf(p);
  const naming = checkNaming(optionalString(p, 'naming'));
  const settings = checkSettings(stringList(p, 'option') ?? []);
  const effort = await effortOf(p);
  const scope = parseScope(optionalString(p, 'scope'));
  const targets = chooseTargets(sourceOf(p), requested, ctx);
  const loaded = await loadSource(p, ctx);
  const schemas = schemaList(p);
  const { perTarget } = assessLoaded(loaded, {
    targets, generatedAt: ctx.now(), scope,
    ...(naming ? { naming } : {}), ...(schemas ? { schemas } : {}), ...(settings ? { settings } : {}), ...(effort ? { effort } : {}),
  }, (m) => ctx.out.progress(m));
  if (scope.kind !== 'all' && perTarget.every((t) => t.assessment.objects.length === 0)) {
    ctx.out.warn(`dbshift: the scope ${optionalString(p, 'scope')} matches no object; the report is empty`);
  }
  const w = await writeReportFiles(dir, perTarget.map((t) => t.assessment), formats, (s) => ctx.out.clean(s));
  const written = [...w.files, ...(formats.includes('pdf') ? await pdfs(w.htmlFiles, ctx) : [])];
  if (ctx.out.json) {
    ctx.out.resultJson({ report: dir, files: written, targets: perTarget.map((r) => ({ target: r.target, summary: r.assessment.summary, countsBySeverity: r.assessment.countsBySeverity, effort: { totalHours: r.assessment.effort.totalHours, migrationLevel: r.assessment.effort.migrationLevel, complexity: r.assessment.effort.complexity } })) });
    return 0;
  }
  for (const r of perTarget) {
    ctx.out.result(`${loaded.source} → ${r.target}:`);
    for (const l of summaryLines(r.assessment)) ctx.out.result(`  ${l}`);
    ctx.out.result(`  Migration level ${r.assessment.effort.migrationLevel}, complexity ${r.assessment.effort.complexity}/10`);
  }
  if (perTarget.length > 1) {
    const reco = recommend(perTarget.map((t) => t.assessment));
    ctx.out.result(`Recommended target: ${ENGINE_NAME[reco.target]} (${reco.reasons[0] ?? ''})`);
  }
  ctx.out.result(`Report: ${displayPath(w.main)}`);
  return 0;
}

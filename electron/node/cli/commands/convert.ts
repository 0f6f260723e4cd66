import { join } from 'node:path';
import type { TargetDialect } from '../../../../converters/index.js';
import { writeConversion } from '../../export/index.js';
import {
  checkNaming, checkPair, checkSettings, checkSourceDialect, checkTargets, convertLoaded, displayPath, loadScripts, parseDefines, UserError, type LoadedSource,
} from '../../pipeline/index.js';
import { loadLive, dialectOfUrl } from '../../pipeline/live.js';
import { optionalString, requireString, schemaList, type ParsedCommand, stringList } from '../args.js';
import { findingLines, summaryLines, type Output } from '../output.js';
import { toolVersion } from '../help.js';

export interface CommandContext {
  out: Output;
  now: () => string;
  prompt: (q: string) => Promise<string>;
}

async function loadSource(p: ParsedCommand, command: string, ctx: CommandContext): Promise<LoadedSource> {
  const url = optionalString(p, 'source-url');
  if (url) {
    if (p.positionals.length > 0) throw new UserError(`${command}: give either script files or --source-url, not both`, `see: dbshift ${command} --help`);
    const from = optionalString(p, 'from');
    const dialect = dialectOfUrl(url);
    if (from && from !== dialect) throw new UserError(`${command}: --from ${from} does not match the --source-url engine (${dialect})`, 'leave out --from with --source-url');
    return loadLive(url, schemaList(p), (m) => ctx.out.progress(m), ctx.prompt);
  }
  if (optionalString(p, 'schemas')) throw new UserError(`${command}: --schemas only applies with --source-url`, `see: dbshift ${command} --help`);
  const source = checkSourceDialect(optionalString(p, 'from'));
  if (p.positionals.length === 0) throw new UserError(`${command}: no input scripts given`, 'pass .sql files or folders, or --source-url');
  return loadScripts(source, p.positionals, (m) => ctx.out.progress(m), parseDefines(stringList(p, 'define')));
}

export async function runConvert(p: ParsedCommand, ctx: CommandContext): Promise<number> {
  const [target] = checkTargets(optionalString(p, 'to'), false) as [TargetDialect];
  const dir = requireString(p, 'out', 'convert', 'say where to write the result: --out DIR');
  const naming = checkNaming(optionalString(p, 'naming'));
  const settings = checkSettings(stringList(p, 'option') ?? []);
  // Refuse an unsupported pair before reading any input.
  const from = optionalString(p, 'from');
  if (from) checkPair(checkSourceDialect(from), target);
  const loaded = await loadSource(p, 'convert', ctx);
  differentEngines(loaded.source, [target], ctx);
  const generatedAt = ctx.now();
  const schemas = schemaList(p);
  const { result, assessment } = convertLoaded(loaded, target, { ...(naming ? { naming } : {}), ...(schemas ? { schemas } : {}), ...(settings ? { settings } : {}), generatedAt }, (m) => ctx.out.progress(m));
  const written = await writeConversion(dir, result, assessment, { sourceLabel: loaded.sourceLabel, generatedAt, toolVersion: toolVersion() });
  for (const l of findingLines(assessment)) ctx.out.warn(l);
  if (ctx.out.json) {
    ctx.out.resultJson({ out: dir, applySql: written.applySql, assessmentJson: written.assessmentJson, objectFiles: written.objectFiles.length, summary: assessment.summary, countsBySeverity: assessment.countsBySeverity });
  } else {
    ctx.out.result(`Wrote ${displayPath(written.applySql)}, ${written.objectFiles.length} object file(s) under ${displayPath(join(dir, 'objects'))}, ${displayPath(written.assessmentJson)}`);
    for (const l of summaryLines(assessment)) ctx.out.result(l);
  }
  return 0;
}

const ENGINE_NAME: Record<string, string> = { mysql: 'MySQL', postgres: 'PostgreSQL', oracle: 'Oracle', sqlserver: 'SQL Server' };

/** Targets other than the source engine; a conversion to the same engine is not one. */
function differentEngines(source: string, targets: TargetDialect[], ctx: CommandContext): TargetDialect[] {
  const keep = targets.filter((t) => t !== source);
  for (const t of targets) if (t === source && keep.length > 0) ctx.out.warn(`skipping target ${t}: the source is already ${ENGINE_NAME[t]}`);
  if (keep.length === 0) throw new UserError(`the source is already ${ENGINE_NAME[source]}`, `choose another target with --to (${['postgres', 'mysql'].filter((t) => t !== source).join(', ')})`);
  return keep;
}


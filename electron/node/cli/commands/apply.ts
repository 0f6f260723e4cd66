import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConnectionUrlError, parseConnectionUrl, redactUrl } from '../../connectors/url.js';
import { displayPath, UserError } from '../../pipeline/index.js';
import { ApplyFailed } from '../../pipeline/errors.js';
import { progressText } from '../../pipeline/live.js';
import { requireString, type ParsedCommand } from '../args.js';
import type { CommandContext } from './convert.js';

/** The parts of apply/'s report the CLI prints. */
export interface ApplyStatementReport {
  index: number;
  object?: string;
  line: number;
  status: string;
  error?: string;
  ms?: number;
}
export interface ApplyReportLike {
  target: string;
  ok: boolean;
  statements: ApplyStatementReport[];
  failure?: { index?: number; object?: string; line?: number; error?: string; statement?: string; message?: string } | string;
  undoScript?: string;
}
interface ApplyModule {
  applyScript(sql: string, url: string, options: { dryRun?: boolean; onProgress?: (p: unknown) => void; prompt?: (q: string) => Promise<string> }): Promise<ApplyReportLike>;
}
// Loaded on use: convert and assess never load database drivers.
const APPLY_MODULE = '../../apply/index.js';

export async function loadApply(): Promise<ApplyModule> {
  return (await import(APPLY_MODULE)) as ApplyModule;
}

function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function progressLine(p: unknown): string {
  if (p && typeof p === 'object') {
    const o = p as Record<string, unknown>;
    if (typeof o.index === 'number' && typeof o.status === 'string') {
      const total = typeof o.total === 'number' ? `/${o.total}` : '';
      const obj = typeof o.object === 'string' ? ` ${o.object}` : '';
      const line = typeof o.line === 'number' ? ` (line ${o.line})` : '';
      const ms = typeof o.ms === 'number' ? ` ${Math.round(o.ms)} ms` : '';
      return `  [${o.index + 1}${total}] ${o.status}${obj}${line}${ms}`;
    }
  }
  return `  ${progressText(p)}`;
}

export function failureText(r: ApplyReportLike): string {
  const f = r.failure;
  const failed = r.statements.find((s) => s.status === 'failed' || s.error);
  if (typeof f === 'string') return f;
  const index = f?.index ?? failed?.index;
  const object = f?.object ?? failed?.object;
  const line = f?.line ?? failed?.line;
  const error = f?.error ?? f?.message ?? failed?.error ?? 'unknown error';
  return `statement ${index !== undefined ? index + 1 : '?'}${object ? ` (${object})` : ''}${line ? ` at apply.sql line ${line}` : ''} failed: ${error}`;
}

export async function runApply(p: ParsedCommand, ctx: CommandContext): Promise<number> {
  if (p.positionals.length !== 1) throw new UserError('apply: give exactly one folder (the --out of convert) or apply.sql file', 'see: dbshift apply --help');
  const url = requireString(p, 'target-url', 'apply', 'say where to apply: --target-url postgres://…|mysql://…|pglite:PATH');
  try { parseConnectionUrl(url); } catch (e) {
    if (e instanceof ConnectionUrlError) throw new UserError(`apply: ${e.message}`, 'see: dbshift apply --help');
    throw e;
  }
  const given = p.positionals[0]!;
  let file = given;
  try {
    if ((await stat(given)).isDirectory()) file = join(given, 'apply.sql');
  } catch {
    throw new UserError(`apply: cannot read ${displayPath(given)}: no such file or folder`, 'pass the folder written by dbshift convert --out');
  }
  let sql: string;
  try { sql = await readFile(file, 'utf8'); } catch {
    throw new UserError(`apply: cannot read ${displayPath(file)}`, 'pass the folder written by dbshift convert --out (it holds apply.sql)');
  }
  const dryRun = p.values['dry-run'] === true;
  const { applyScript } = await loadApply();
  ctx.out.progress(`${dryRun ? 'Checking' : 'Applying'} ${displayPath(file)} on ${redactUrl(url)}${dryRun ? ' (dry run: nothing is kept)' : ''}`);
  const t0 = performance.now();
  let report: ApplyReportLike;
  try {
    report = await applyScript(sql, url, { dryRun, onProgress: (e) => ctx.out.progress(progressLine(e)), prompt: ctx.prompt });
  } catch (e) {
    if (e instanceof UserError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new ApplyFailed(`cannot apply to ${redactUrl(url)}: ${msg}`);
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(2);
  const done = report.statements.filter((s) => s.status === 'ok' || s.status === 'applied' || s.status === 'done').length;
  let undoFile: string | undefined;
  if (!report.ok && report.undoScript) {
    undoFile = join(dirname(file), `undo-${stamp(ctx.now())}.sql`);
    await mkdir(dirname(undoFile), { recursive: true });
    await writeFile(undoFile, ctx.out.clean(report.undoScript));
  }
  if (ctx.out.json) {
    ctx.out.resultJson({ ...report, undoScript: undefined, ...(undoFile ? { undoFile } : {}), seconds: Number(secs) });
  } else if (report.ok) {
    ctx.out.result(`${dryRun ? 'Dry run OK' : 'Applied'}: ${report.statements.length} statement(s) on ${redactUrl(report.target || url)} in ${secs} s${dryRun ? '; nothing was kept' : ''}`);
  } else {
    ctx.out.result(`Applying failed after ${done} of ${report.statements.length} statement(s): ${failureText(report)}`);
  }
  if (!report.ok) {
    if (!ctx.out.json) ctx.out.warn(`error: ${failureText(report)}`);
    if (undoFile) ctx.out.warn(`The target keeps what was created before the failure (MySQL DDL is not transactional); to remove it run ${displayPath(undoFile)}`);
    else if (!dryRun) ctx.out.warn('Nothing was kept: the script ran in one transaction that was rolled back.');
    return 3;
  }
  return 0;
}

export async function runExtract(p: ParsedCommand, ctx: CommandContext): Promise<number> {
  const url = requireString(p, 'source-url', 'extract', 'say which database to read: --source-url postgres://…|mysql://…');
  const outFile = requireString(p, 'out', 'extract', 'say where to write the catalog: --out FILE.json');
  if (p.positionals.length > 0) throw new UserError(`extract: unexpected argument "${p.positionals[0]}"`, 'see: dbshift extract --help');
  const { extractLive } = await import('../../pipeline/live.js');
  const schemasOpt = typeof p.values.schemas === 'string' ? p.values.schemas.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const ex = await extractLive(url, schemasOpt, (m) => ctx.out.progress(m), ctx.prompt);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, ctx.out.clean(`${JSON.stringify(ex.catalog, null, 2)}\n`));
  for (const d of ex.diagnostics) ctx.out.warn(`${d.span.file ? `${d.span.file}: ` : ''}${d.severity} ${d.code}: ${d.message}`);
  if (ctx.out.json) ctx.out.resultJson({ out: outFile, objects: ex.catalog.objects.length, diagnostics: ex.diagnostics.length, queryCount: ex.queryCount });
  else ctx.out.result(`Wrote ${displayPath(outFile)}: ${ex.catalog.objects.length} object(s), ${ex.diagnostics.length} finding(s), ${ex.queryCount} catalog queries`);
  return 0;
}

import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConnectionUrlError, parseConnectionUrl, redactUrl } from '../../connectors/url.js';
import { displayPath, UserError } from '../../pipeline/index.js';
import { ApplyFailed } from '../../pipeline/errors.js';
import { requireString, type ParsedCommand } from '../args.js';
import type { CommandContext } from './convert.js';

import type { ApplyReport } from '../../apply/index.js';

export type ApplyReportLike = ApplyReport;

// Loaded on use: convert and assess never load database drivers.
export async function loadApply(): Promise<typeof import('../../apply/index.js')> {
  return import('../../apply/index.js');
}

function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function progressLine(done: number, total: number, item: { index: number; object?: string; line: number }): string {
  return `  [${done}/${total}] line ${item.line}${item.object ? ` ${item.object}` : ''}`;
}

export function failureText(r: ApplyReport): string {
  const f = r.failure;
  if (!f) return r.notes.join('; ') || 'unknown error';
  return `statement ${f.index + 1}${f.object ? ` (${f.object})` : ''} at apply.sql line ${f.line} failed: ${f.message}${f.sqlState ? ` [SQLSTATE ${f.sqlState}]` : ''}`;
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
  let report: ApplyReport;
  // Ctrl-C stops after the current statement (PostgreSQL then rolls back; MySQL gets an undo script); a second one quits.
  const abort = new AbortController();
  const onSigint = (): void => {
    if (abort.signal.aborted) process.exit(130);
    ctx.out.warn('Stopping after the current statement (Ctrl-C again to quit at once)…');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    report = await applyScript(sql, url, {
      dryRun, validate: dryRun, file: displayPath(file), signal: abort.signal, prompt: ctx.prompt,
      onProgress: (d, t, i) => ctx.out.progress(progressLine(d, t, i)),
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new ApplyFailed(`cannot apply to ${redactUrl(url)}: ${msg}`);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(2);
  const done = report.statements.filter((s) => s.status === 'applied').length;
  for (const n of report.notes) ctx.out.progress(n);
  let undoFile: string | undefined;
  if (!report.ok && report.undoScript) {
    undoFile = join(dirname(file), `undo-${stamp(ctx.now())}.sql`);
    await mkdir(dirname(undoFile), { recursive: true });
    await writeFile(undoFile, ctx.out.clean(report.undoScript));
  }
  if (ctx.out.json) {
    const { undoScript: _undo, ...rest } = report;
    ctx.out.resultJson({ ...rest, ...(undoFile ? { undoFile } : {}), seconds: Number(secs) });
  } else if (report.ok) {
    ctx.out.result(`${dryRun ? 'Dry run OK' : 'Applied'}: ${report.statements.length} statement(s) on ${redactUrl(report.target || url)} in ${secs} s${dryRun ? '; nothing was kept' : ''}`);
  } else {
    ctx.out.result(`Applying failed after ${done} of ${report.statements.length} statement(s): ${failureText(report)}`);
  }
  if (!report.ok) {
    if (!ctx.out.json) ctx.out.warn(`error: ${failureText(report)}`);
    if (undoFile) {
      ctx.out.warn(`The target keeps what was created before the failure (MySQL DDL is not transactional); to remove it run ${displayPath(undoFile)}`);
      for (const l of report.undoLimitations ?? []) ctx.out.warn(`  note: ${l}`);
    }
    else if (!dryRun) ctx.out.warn('Nothing was kept: the script ran in one transaction that was rolled back.');
    return 3;
  }
  return 0;
}

import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAssessmentHtml, typeLabel } from '../../../../converters/assessment/index.js';
import type { ConvertResult } from '../../../../converters/index.js';
import { writeConversion } from '../../export/index.js';
import { convertLoaded, displayPath, loadScripts } from '../../pipeline/index.js';
import { ApplyFailed } from '../../pipeline/errors.js';
import { optionalString, type ParsedCommand } from '../args.js';
import { summaryLines } from '../output.js';
import { toolVersion } from '../help.js';
import { failureText, loadApply, progressLine, type ApplyReportLike } from './apply.js';
import type { CommandContext } from './convert.js';

export const SAMPLE_DIR = fileURLToPath(new URL('../../../../samples/bookshop-mysql/', import.meta.url));

function pgIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function qualified(schema: string | undefined, name: string): string {
  return schema ? `${pgIdent(schema)}.${pgIdent(name)}` : pgIdent(name);
}

async function applyToPglite(sql: string, dir: string, ctx: CommandContext): Promise<ApplyReportLike> {
  const { applyScript } = await loadApply();
  // Per-statement lines only with DBSHIFT_VERBOSE: the demo's output should fit on a screen.
  const verbose = !!process.env.DBSHIFT_VERBOSE;
  return applyScript(sql, `pglite:${dir}`, { file: 'apply.sql', ...(verbose ? { onProgress: (d: number, t: number, i: { index: number; object?: string; line: number }) => ctx.out.progress(progressLine(d, t, i)) } : {}) });
}

async function verify(dir: string, result: ConvertResult): Promise<string[]> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(dir);
  const lines: string[] = [];
  try {
    const tables = result.objects.filter((o) => typeLabel(o.ref.type) === 'table' && o.status !== 'not-converted');
    for (const t of tables) {
      const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${qualified(t.ref.schema, t.ref.name)}`);
      lines.push(`  ${t.ref.schema ? `${t.ref.schema}.` : ''}${t.ref.name}: ${r.rows[0]?.n ?? 0} rows`);
    }
    const fn = result.objects.find((o) => typeLabel(o.ref.type) === 'function' && /order_total/i.test(o.source.name) && o.status !== 'not-converted');
    if (fn) {
      const sqlText = `SELECT ${qualified(fn.ref.schema, fn.ref.name)}(1) AS total`;
      const r = await db.query<{ total: unknown }>(sqlText);
      lines.push(`  ${sqlText} → ${String(r.rows[0]?.total)}`);
    }
    const view = result.objects.find((o) => typeLabel(o.ref.type) === 'view' && o.status !== 'not-converted');
    if (view) {
      const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${qualified(view.ref.schema, view.ref.name)}`);
      lines.push(`  view ${view.ref.schema ? `${view.ref.schema}.` : ''}${view.ref.name}: ${r.rows[0]?.n ?? 0} rows`);
    }
  } finally {
    await db.close();
  }
  return lines;
}

export async function runDemo(p: ParsedCommand, ctx: CommandContext): Promise<number> {
  const outDir = resolve(optionalString(p, 'out') ?? 'demo-output');
  const pgliteDir = join(outDir, 'pglite');
  ctx.out.progress(`Demo: converting the bundled bookshop sample (MySQL) to PostgreSQL`);
  const loaded = await loadScripts('mysql', [SAMPLE_DIR], (m) => ctx.out.progress(m));
  const generatedAt = ctx.now();
  const { result, assessment } = convertLoaded(loaded, 'postgres', { generatedAt }, (m) => ctx.out.progress(m));
  const reportHtml = join(outDir, 'assessment.html');
  const written = await writeConversion(outDir, result, assessment, {
    sourceLabel: 'bundled sample samples/bookshop-mysql (MySQL)', generatedAt, toolVersion: toolVersion(), html: renderAssessmentHtml(assessment),
  });
  await rm(pgliteDir, { recursive: true, force: true });
  ctx.out.progress(`Applying ${displayPath(written.applySql)} to embedded PostgreSQL (PGlite) in ${displayPath(pgliteDir)}`);
  const report = await applyToPglite(await readFile(written.applySql, 'utf8'), pgliteDir, ctx);
  if (!report.ok) {
    ctx.out.result(`Applying the demo script failed: ${failureText(report)}`);
    throw new ApplyFailed(`demo: applying to PGlite failed: ${failureText(report)}`);
  }
  const checks = await verify(pgliteDir, result);
  if (ctx.out.json) {
    ctx.out.resultJson({ summary: assessment.summary, countsBySeverity: assessment.countsBySeverity, applied: report.statements.length, checks, report: reportHtml, out: outDir });
    return 0;
  }
  ctx.out.result('dbshift demo: bookshop (MySQL) → PostgreSQL');
  for (const l of summaryLines(assessment)) ctx.out.result(l);
  ctx.out.result(`Applied ${report.statements.length} statement(s) to PGlite (${displayPath(pgliteDir)})`);
  ctx.out.result('Verification on PGlite:');
  for (const l of checks) ctx.out.result(l);
  ctx.out.result(`Converted script: ${displayPath(written.applySql)}`);
  ctx.out.result(`Report: ${displayPath(reportHtml)}`);
  return 0;
}

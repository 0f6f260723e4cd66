// Shared checks for report tests: the corpus samples, numbers recomputed from objects[], HTML in
// headless Chromium (no network, numbers equal to the JSON), PDF through poppler, CSVs through csv-parse.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import type { SourceDialect } from '../../../converters/index.js';
import { convert, frontEndFor, refKey } from '../../../converters/index.js';
import type { TargetDialect } from '../../../converters/index.js';
import type { Assessment, CombinedAssessment } from '../../../converters/assessment/index.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const CORPUS = join(REPO, '..', 'shared', 'corpus');
export const OUT = join(REPO, 'test-output', 'report');

export interface Sample { name: string; dialect: SourceDialect; paths: string[] }

function dialectOfName(s: string): SourceDialect | undefined {
  if (/postgres/i.test(s)) return 'postgres';
  if (/mysql/i.test(s)) return 'mysql';
  if (/oracle/i.test(s)) return 'oracle';
  if (/sqlserver|tsql/i.test(s)) return 'sqlserver';
  return undefined;
}

/**
 * Every sample of the corpus: in a folder of one dialect, its top-level scripts are one sample and
 * each subfolder another; in a folder of several (chinook), each file is one. Uninstall scripts
 * (drops only) are left out.
 */
export function corpusSamples(): Sample[] {
  const out: Sample[] = [];
  for (const folder of readdirSync(CORPUS).sort()) {
    const dir = join(CORPUS, folder);
    if (!statSync(dir).isDirectory()) continue;
    const sql = readdirSync(dir).filter((f) => /\.sql$/i.test(f) && !/uninstall/i.test(f)).sort();
    const folderDialect = dialectOfName(folder);
    if (folderDialect) {
      if (sql.length) out.push({ name: folder, dialect: folderDialect, paths: sql.map((f) => join(dir, f)) });
      for (const sub of readdirSync(dir).sort()) {
        const p = join(dir, sub);
        if (statSync(p).isDirectory() && readdirSync(p).some((f) => /\.sql$/i.test(f))) out.push({ name: `${folder}-${sub}`, dialect: folderDialect, paths: [p] });
      }
    } else {
      for (const f of sql) {
        const d = dialectOfName(f);
        if (d) out.push({ name: `${folder}-${f.replace(/\.sql$/i, '')}`, dialect: d, paths: [join(dir, f)] });
      }
    }
  }
  return out;
}

export function hasFrontEnd(d: SourceDialect): boolean {
  try { frontEndFor(d); return true; } catch { return false; }
}

/** Targets the source converts to today (front end and rules present); never the source's own engine. */
export function convertibleTargets(d: SourceDialect): TargetDialect[] {
  if (!hasFrontEnd(d)) return [];
  return (['postgres', 'mysql'] as TargetDialect[]).filter((t) => {
    if (t === d) return false;
    try { convert({ dialect: d, objects: [] }, { target: t }); return true; } catch { return false; }
  });
}

const pct = (part: number, total: number): number => (total === 0 ? 100 : Math.round((part / total) * 1000) / 10);

/** The summary and per-type numbers, recomputed from objects[] and actionItems[]. */
export function checkNumbers(a: Assessment): void {
  const o = a.objects;
  const s = a.summary;
  const count = (f: (x: Assessment['objects'][number]) => boolean): number => o.filter(f).length;
  assert.equal(s.objects.total, o.length);
  assert.equal(s.objects.converted, count((x) => x.status === 'converted'));
  assert.equal(s.objects.withActions, count((x) => x.status === 'converted-with-actions'));
  assert.equal(s.objects.notConverted, count((x) => x.status === 'not-converted'));
  const ok = (x: Assessment['objects'][number]): boolean => x.status !== 'not-converted';
  assert.equal(s.storageObjectsConvertedPct, pct(count((x) => x.category !== 'code' && ok(x)), count((x) => x.category !== 'code')));
  assert.equal(s.codeObjectsConvertedPct, pct(count((x) => x.category === 'code' && ok(x)), count((x) => x.category === 'code')));
  for (const r of a.byObjectType) {
    const of = o.filter((x) => x.type === r.type);
    assert.equal(r.total, of.length, r.type);
    assert.equal(r.converted, of.filter((x) => x.status === 'converted').length, r.type);
    assert.equal(r.notConverted, of.filter((x) => x.status === 'not-converted').length, r.type);
    for (const e of ['simple', 'medium', 'significant'] as const) {
      assert.equal(r[e], of.filter((x) => x.status === 'converted-with-actions' && (x.effortClass === e || (e === 'simple' && x.effortClass === 'none'))).length, `${r.type} ${e}`);
    }
    assert.equal(r.linesOfCode, of.reduce((n, x) => n + x.linesOfCode, 0));
  }
  assert.equal(a.byObjectType.reduce((n, r) => n + r.total, 0), o.length);
  assert.equal(s.actionItems, a.actionItems.filter((i) => i.severity !== 'info').length);
  for (const sev of ['critical', 'high', 'medium', 'low', 'info'] as const) assert.equal(a.countsBySeverity[sev], a.actionItems.filter((i) => i.severity === sev).length, sev);
  assert.equal(a.codes.reduce((n, g) => n + g.occurrences.length, 0), a.actionItems.length);
  for (const g of a.codes) for (const i of g.occurrences) assert.equal(a.actionItems[i]!.code, g.code);
  assert.ok(Math.abs(a.codes.reduce((h, g) => h + g.hours, 0) - a.effort.actionHours) < 0.1);
  assert.ok(Math.abs(a.effort.actionHours + a.effort.reviewHours - a.summary.estimatedHours) < 0.11);
  const objKeys = new Set(o.map((x) => refKey(x.source)));
  for (const e of a.emulations) for (const r of e.objects) assert.ok(objKeys.has(refKey(r)), `${e.emulation}: ${r.name}`);
}

export function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
}

/** The three CSVs agree with the JSON. */
export function checkCsvs(dir: string, sfx: string, a: Assessment): void {
  const items = readCsv(join(dir, `action-items${sfx}.csv`));
  assert.equal(items.length, a.actionItems.length);
  items.forEach((r, i) => {
    const it = a.actionItems[i]!;
    assert.equal(r.code, it.code);
    assert.equal(Number(r.line), it.line);
    assert.equal(Number(r.column), it.column);
  });
  const codes = readCsv(join(dir, `action-items-summary${sfx}.csv`));
  assert.equal(codes.length, a.codes.length);
  assert.equal(codes.reduce((n, r) => n + Number(r.occurrences), 0), a.actionItems.length);
  assert.ok(Math.abs(codes.reduce((n, r) => n + Number(r['total effort (h)']), 0) - a.effort.actionHours) < 0.1);
  const sum = readCsv(join(dir, `summary${sfx}.csv`));
  const total = (k: string): number => sum.reduce((n, r) => n + Number(r[k]), 0);
  assert.equal(total('objects'), a.summary.objects.total);
  assert.equal(total('converted'), a.summary.objects.converted);
  assert.equal(total('simple') + total('medium') + total('complex'), a.summary.objects.withActions);
  assert.equal(total('not converted'), a.summary.objects.notConverted);
}

/** Value in the JSON for a data-k key of the HTML. */
function jsonValue(a: Assessment, key: string): string | number | undefined {
  const [head, ...rest] = key.split('.');
  switch (head) {
    case 'summary': return rest[0] === 'objects' ? a.summary.objects.total : (a.summary as unknown as Record<string, number>)[rest[0]!];
    case 'effort': return (a.effort as unknown as Record<string, number | string>)[rest[0]!];
    case 'severity': return a.countsBySeverity[rest[0] as 'info'];
    case 'actionItems': return a.actionItems.length;
    case 'type': {
      const f = rest.pop()!;
      return (a.byObjectType.find((r) => r.type === rest.join('.')) as unknown as Record<string, number> | undefined)?.[f];
    }
    case 'code': {
      const f = rest.pop()!;
      const g = a.codes.find((c) => c.code === rest.join('.'));
      return f === 'occurrences' ? g?.occurrences.length : g?.hours;
    }
    case 'emulation': return a.emulations.find((e) => e.emulation === rest.join('.'))?.objects.length;
    default: return undefined;
  }
}

function combinedValue(c: CombinedAssessment, key: string): string | number | undefined {
  const [head, target, f] = key.split('.');
  if (head === 'recommendation') return c.recommendation ? ({ postgres: 'PostgreSQL', mysql: 'MySQL / MariaDB' })[c.recommendation.target] : undefined;
  const t = c.targets.find((x) => x.target === target);
  if (!t) return undefined;
  return ({ objects: t.summary.objects.total, storagePct: t.summary.storageObjectsConvertedPct, codePct: t.summary.codeObjectsConvertedPct, notConverted: t.summary.objects.notConverted, hours: t.summary.estimatedHours } as Record<string, number>)[f!];
}

/**
 * Opens the HTML file in Chromium: asserts no request besides the page itself, and that every
 * number marked data-k equals the JSON. Returns the load time in ms.
 */
export async function checkHtmlInBrowser(browser: Browser, htmlFile: string, json: Assessment | CombinedAssessment | ((key: string) => string | number | undefined)): Promise<number> {
  const page = await browser.newPage();
  try {
    const requests: string[] = [];
    const url = pathToFileURL(htmlFile).href;
    page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    const ms = performance.now() - t0;
    assert.deepEqual(requests, [], 'the report made network requests');
    const marks = await page.$$eval('[data-k]', (els) => els.map((e) => [e.getAttribute('data-k')!, e.textContent ?? ''] as [string, string]));
    assert.ok(marks.length > 0, 'no marked numbers in the HTML');
    const resolve = typeof json === 'function' ? json : 'targets' in json ? (k: string) => combinedValue(json, k) : (k: string) => jsonValue(json, k);
    for (const [k, text] of marks) {
      const v = resolve(k);
      assert.notEqual(v, undefined, `HTML number ${k} has no counterpart in the JSON`);
      assert.equal(text, String(v), `HTML ${k}`);
    }
    return ms;
  } finally {
    await page.close();
  }
}

export function pdfToolsMissing(): string | undefined {
  for (const t of ['pdftoppm', 'pdftotext']) {
    try { execFileSync(t, ['-v'], { stdio: 'ignore' }); } catch (e) { if ((e as { code?: string }).code === 'ENOENT') return `${t} is missing (scripts/setup-system.sh installs poppler-utils)`; }
  }
  return undefined;
}

/** The PDF turns into PNG pages and its text holds the given phrases. */
export function checkPdf(pdf: string, phrases: string[]): void {
  assert.ok(existsSync(pdf), `${pdf} missing`);
  const prefix = pdf.replace(/\.pdf$/, '-page');
  execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '2', pdf, prefix]);
  const dir = join(pdf, '..');
  const pngs = readdirSync(dir).filter((f) => f.startsWith(prefix.split(/[\\/]/).pop()!) && f.endsWith('.png'));
  assert.ok(pngs.length >= 1, 'no PNG page');
  for (const p of pngs) assert.ok(statSync(join(dir, p)).size > 1000, `${p} is empty`);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/\s+/g, ' ');
  for (const ph of phrases) assert.ok(text.includes(ph), `PDF text lacks "${ph}"`);
}

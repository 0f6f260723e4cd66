// Assessment report at scale: a synthetic 10,000-object conversion (tables, indexes, views,
// procedures, triggers; a third with action items, a few not converted) → report model, HTML,
// CSVs; then the HTML opened in headless Chromium. Targets: HTML render < 2 s, load < 2 s.
//   npx tsx bench/report.bench.ts [objects]
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { ConvertedObject, ConvertResult, Diagnostic } from '../converters/index.js';
import { buildAssessment, renderAssessmentHtml, renderCsvFiles } from '../converters/assessment/index.js';
import { findChromium } from '../electron/node/report/index.js';

const N = Number(process.argv[2] ?? 10_000);
const KINDS: [string, ConvertedObject['category'], number][] = [['Table', 'storage', 12], ['Index', 'storage', 1], ['View', 'code', 15], ['Procedure', 'code', 60], ['Trigger', 'code', 20]];
const CODES: [string, Diagnostic['severity'], Diagnostic['effort']][] = [
  ['MP0010', 'medium', 'simple'], ['MP0011', 'high', 'medium'], ['MP0017', 'medium', 'simple'], ['MP0024', 'medium', 'medium'],
  ['MP0027', 'medium', 'medium'], ['MP0029', 'high', 'medium'], ['MP0037', 'high', 'medium'], ['MP0003', 'info', 'none'],
];

function synthetic(): { result: ConvertResult; text: string } {
  const objects: ConvertedObject[] = [];
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    const [type, category, len] = KINDS[i % KINDS.length]!;
    const ref = { schema: `s${i % 20}`, name: `${type.toLowerCase()}_${i}`, type };
    const line = lines.length + 1;
    for (let l = 0; l < len; l++) lines.push(`  -- ${type} ${ref.name} line ${l} with some source text, columns and expressions`);
    const diagnostics: Diagnostic[] = [];
    if (i % 3 === 0) {
      const n = 1 + (i % 4);
      for (let k = 0; k < n; k++) {
        const [code, severity, effort] = CODES[(i + k) % CODES.length]!;
        diagnostics.push({ code, severity, effort, message: `${code}: finding ${k} in ${ref.name}`, recommendation: `Fix ${code} by hand.`, span: { file: 'big.sql', line: line + k, column: 3, endLine: line + k, endColumn: 20 }, object: ref });
      }
    }
    const notConverted = i % 97 === 0;
    const status = notConverted ? 'not-converted' : diagnostics.some((d) => d.severity !== 'info') ? 'converted-with-actions' : 'converted';
    objects.push({ ref, source: ref, statements: [], dependsOn: [], status, diagnostics, category, span: { file: 'big.sql', line, column: 1, endLine: line + len - 1, endColumn: 1 } });
  }
  return { result: { target: 'postgres', objects, diagnostics: [] }, text: lines.join('\n') };
}

const { result, text } = synthetic();
const t0 = performance.now();
const a = buildAssessment({ source: 'mysql', target: 'postgres', catalog: { dialect: 'mysql', objects: [] }, parseDiagnostics: [], result, inputs: [{ path: 'big.sql' }], sources: [{ path: 'big.sql', text }] });
const tModel = performance.now() - t0;
const t1 = performance.now();
const html = renderAssessmentHtml(a);
const tHtml = performance.now() - t1;
const t2 = performance.now();
renderCsvFiles(a);
JSON.stringify(a);
const tOther = performance.now() - t2;
const dir = mkdtempSync(join(tmpdir(), 'dbshift-report-bench-'));
const file = join(dir, 'assessment.html');
writeFileSync(file, html);
console.log(`objects ${N}, action items ${a.actionItems.length}, codes ${a.codes.length}, HTML ${(statSync(file).size / 1048576).toFixed(1)} MB`);
console.log(`report model ${(tModel / 1000).toFixed(2)} s; HTML render ${(tHtml / 1000).toFixed(2)} s (target < 2 s); CSV + JSON ${(tOther / 1000).toFixed(2)} s`);
const exe = findChromium();
if (!exe) console.log('Chromium not found: load time not measured');
else {
  const browser = await chromium.launch({ executablePath: exe, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      const t = performance.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      times.push(performance.now() - t);
      await page.close();
    }
    times.sort((x, y) => x - y);
    console.log(`Chromium load ${times.map((t) => (t / 1000).toFixed(2)).join(' / ')} s, median ${(times[1]! / 1000).toFixed(2)} s (target < 2 s)`);
  } finally {
    await browser.close();
  }
}
rmSync(dir, { recursive: true, force: true });

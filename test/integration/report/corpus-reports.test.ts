// Reports for every corpus sample whose dialect has a front end, to every other target engine:
// HTML (opened in Chromium: no network, numbers equal the JSON), JSON (numbers recomputed from
// objects[]), the three CSVs (csv-parse, totals equal the JSON) and PDF (pdftoppm, pdftotext).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Assessment, CombinedAssessment } from '../../../converters/assessment/index.js';
import { loadScripts } from '../../../electron/node/pipeline/index.js';
import { assessLoaded, findChromium, htmlFilesToPdf, writeReportFiles } from '../../../electron/node/report/index.js';
import { checkCsvs, checkHtmlInBrowser, checkNumbers, checkPdf, convertibleTargets, corpusSamples, hasFrontEnd, OUT, pdfToolsMissing } from './report-checks.js';

const chromiumPath = findChromium();
const skipBrowser = chromiumPath ? pdfToolsMissing() : 'no Chromium (scripts/setup-system.sh installs it)';
let browser: Browser | undefined;

before(async () => {
  if (!skipBrowser) browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
});
after(async () => { await browser?.close(); });

const samples = corpusSamples();

test('the corpus is enumerated and every dialect with a front end is covered', () => {
  const dialects = new Set(samples.map((s) => s.dialect));
  for (const d of ['mysql', 'postgres', 'oracle', 'sqlserver'] as const) assert.ok(dialects.has(d), `no ${d} sample found in the corpus`);
  assert.ok(samples.filter((s) => hasFrontEnd(s.dialect)).length >= 4);
});

for (const sample of samples) {
  const targets = convertibleTargets(sample.dialect);
  const skip = targets.length ? false : hasFrontEnd(sample.dialect) ? `no ${sample.dialect} conversion rules yet` : `no ${sample.dialect} front end yet`;
  test(`report: ${sample.name} (${sample.dialect})`, { skip, timeout: 300_000 }, async () => {
    const dir = join(OUT, sample.name);
    await rm(dir, { recursive: true, force: true });
    const loaded = await loadScripts(sample.dialect, sample.paths);
    const { perTarget } = assessLoaded(loaded, { targets, generatedAt: '2026-01-01T00:00:00.000Z' });
    const w = await writeReportFiles(dir, perTarget.map((p) => p.assessment), ['html', 'json', 'csv']);
    const many = targets.length > 1;
    for (const { target, assessment } of perTarget) {
      const sfx = many ? `-${target}` : '';
      const json = JSON.parse(readFileSync(join(dir, `assessment${sfx}.json`), 'utf8')) as Assessment;
      assert.deepEqual(json.summary, assessment.summary);
      checkNumbers(json);
      checkCsvs(dir, sfx, json);
      assert.ok(json.executiveSummary.length >= 3);
      // Chinook in every non-PostgreSQL form converts all its storage objects to PostgreSQL.
      if (/chinook/i.test(sample.name) && target === 'postgres') assert.equal(json.summary.storageObjectsConvertedPct, 100, 'Chinook storage objects → PostgreSQL');
      if (browser) await checkHtmlInBrowser(browser, join(dir, `assessment${sfx}.html`), json);
    }
    if (many && browser) {
      const combined = JSON.parse(readFileSync(join(dir, 'assessment.json'), 'utf8')) as CombinedAssessment;
      assert.ok(combined.recommendation && combined.recommendation.reasons.length > 0);
      await checkHtmlInBrowser(browser, join(dir, 'assessment.html'), combined);
    }
    if (!skipBrowser) {
      const r = await htmlFilesToPdf(w.htmlFiles.slice(many ? 1 : 0, many ? 2 : 1));
      assert.ok('pdfs' in r, 'unavailable' in r ? r.unavailable : '');
      const a = perTarget[0]!.assessment;
      checkPdf(r.pdfs[0]!, ['Executive summary', `${a.summary.objects.total} target objects`, `Effort: ${a.effort.totalHours} h`]);
    }
  });
}

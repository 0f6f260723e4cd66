// dbshift assess --inventory: two live databases (the MariaDB and PostgreSQL test servers), two
// script folders and one unreachable URL → one report per database and the aggregated report,
// the unreachable one marked and no password anywhere.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Assessment, InventoryReport } from '../../../converters/assessment/index.js';
import { freshMysqlDatabase, freshPgDatabase, mysqlUrlFromEnv, pgUrlFromEnv, runMysqlClient, type FreshDatabase } from '../../harness/db.js';
import { findChromium } from '../../../electron/node/report/index.js';
import { runCli, allFileTexts } from '../cli/run-cli.js';
import { checkHtmlInBrowser, checkPdf, CORPUS, pdfToolsMissing, readCsv, REPO } from './report-checks.js';

const skip = !mysqlUrlFromEnv() || !pgUrlFromEnv() ? 'DBSHIFT_TEST_MYSQL_URL / DBSHIFT_TEST_PG_URL are not set (run through scripts/with-test-servers.mjs)' : false;
const SECRET = 'Unreachable-Secret-42';
let tmp: string;
let my: FreshDatabase | undefined;
let pgdb: FreshDatabase | undefined;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'dbshift-inventory-'));
  if (skip) return;
  my = await freshMysqlDatabase('inv_bookshop');
  const sample = join(REPO, 'samples', 'bookshop-mysql');
  for (const f of readdirSync(sample).filter((n) => n.endsWith('.sql')).sort()) {
    await runMysqlClient(my.url, readFileSync(join(sample, f), 'utf8').replace(/\bbookshop\b/g, my.name));
  }
  pgdb = await freshPgDatabase('inv_shop');
  await pgdb.query(`CREATE TABLE customer (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, tags text[], created timestamptz DEFAULT now());
    CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int REFERENCES customer(id), total numeric(10,2), placed interval);
    CREATE VIEW big_orders AS SELECT o.id, c.name FROM orders o JOIN customer c ON c.id = o.customer_id WHERE o.total > 100;
    CREATE FUNCTION order_count(c int) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE customer_id = c $$;`);
});
after(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await my?.drop();
  await pgdb?.drop();
});

test('inventory of live databases, script folders and an unreachable one', { skip, timeout: 600_000 }, async () => {
  const inv = join(tmp, 'inventory.csv');
  const unreachable = `postgres://dbshift:${SECRET}@127.0.0.1:1/nothing`;
  writeFileSync(inv, [
    'name,source engine,location,schemas,targets',
    `live-mariadb,mariadb,${my!.url},${my!.name},postgres`,
    `live-postgres,postgres,${pgdb!.url},public,mysql`,
    `bookshop-scripts,mysql,${join(REPO, 'samples', 'bookshop-mysql')},,postgres`,
    `pagila-scripts,postgres,${join(CORPUS, 'pagila-postgres')},,"mysql"`,
    `gone,postgres,${unreachable},public,mysql`,
  ].join('\n'));
  const out = join(tmp, 'report');
  const formats = pdfToolsMissing() || !findChromium() ? 'html,json,csv' : 'html,json,csv,pdf';
  const r = await runCli(['assess', '--inventory', inv, '--report', out, '--format', formats], { timeoutMs: 540_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /gone: NOT ASSESSED/);
  const report = JSON.parse(readFileSync(join(out, 'inventory.json'), 'utf8')) as InventoryReport;
  assert.deepEqual(report.databases.map((d) => [d.name, d.status]), [
    ['live-mariadb', 'assessed'], ['live-postgres', 'assessed'], ['bookshop-scripts', 'assessed'], ['pagila-scripts', 'assessed'], ['gone', 'failed'],
  ]);
  const gone = report.databases[4]!;
  assert.match(gone.error!, /cannot read|refused|connect/i);
  assert.equal(gone.location, 'postgres://dbshift:***@127.0.0.1:1/nothing');
  assert.deepEqual(report.totals, { ...report.totals, databases: 5, assessed: 4, failed: 1 });

  // Each assessed database has its own report, and the aggregated figures are its figures.
  for (const d of report.databases.filter((x) => x.status === 'assessed')) {
    assert.equal(d.targets.length, 1, d.name);
    const a = JSON.parse(readFileSync(join(out, d.report!.replace(/\.html$/, '.json')), 'utf8')) as Assessment;
    const t = d.targets[0]!;
    assert.equal(t.target, a.target);
    assert.equal(t.hours, a.summary.estimatedHours);
    assert.equal(t.storagePct, a.summary.storageObjectsConvertedPct);
    assert.equal(t.codePct, a.summary.codeObjectsConvertedPct);
    assert.equal(t.complexity, a.effort.complexity);
    assert.ok(t.complexity >= 1 && t.complexity <= 10);
    assert.ok(a.objects.length > 0, `${d.name} has objects`);
  }
  const live = JSON.parse(readFileSync(join(out, 'live-postgres', 'assessment.json'), 'utf8')) as Assessment;
  assert.equal(live.options.sourceKind, 'live database');
  // The PostgreSQL array and interval columns have no MySQL type: action items with excerpts of the extracted DDL.
  const arr = live.actionItems.find((i) => i.code === 'PM0007');
  assert.ok(arr, live.actionItems.map((i) => i.code).join(','));
  assert.match(arr.excerpt ?? '', /tags/);

  const csv = readCsv(join(out, 'inventory.csv'));
  assert.deepEqual(csv.map((x) => x.status), ['assessed', 'assessed', 'assessed', 'assessed', 'failed']);

  // No password anywhere: not in the files, not on the terminal.
  for (const f of allFileTexts(out)) assert.ok(!f.text.includes(SECRET), `${f.path} holds the password`);
  assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), 'the password was printed');

  if (formats.includes('pdf')) {
    const browser = await chromium.launch({ executablePath: findChromium()!, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const html = join(out, 'inventory.html');
      await checkHtmlInBrowser(browser, html, (k) => {
        const [head, name, target, f] = k.split('.');
        if (head === 'totals') return (report.totals as unknown as Record<string, number>)[name!];
        if (head === 'total') return report.totals.hoursByTarget[name as 'mysql'];
        const d = report.databases.find((x) => x.name === name);
        if (target === 'status') return d?.status === 'failed' ? 'not assessed' : undefined;
        return (d?.targets.find((t) => t.target === target) as unknown as Record<string, number> | undefined)?.[f!];
      });
      const page = await browser.newPage();
      await page.goto(`file://${html}`);
      assert.equal(await page.locator('tr[data-status="failed"]').count(), 1);
      assert.match(await page.locator('tr[data-status="failed"]').innerText(), /gone[\s\S]*not assessed/);
    } finally { await browser.close(); }
    checkPdf(join(out, 'inventory.pdf'), ['5 databases', '4 assessed', '1 could not be assessed']);
    assert.ok(existsSync(join(out, 'live-mariadb', 'assessment.pdf')));
  }
});

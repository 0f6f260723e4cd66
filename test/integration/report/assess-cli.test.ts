// dbshift assess on the command line: formats, scope, effort settings, two targets with a
// recommendation, PDF without Chromium, and bad options as one-line errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Assessment } from '../../../converters/assessment/index.js';
import { runCli } from '../cli/run-cli.js';
import { CORPUS, REPO, checkCsvs, checkNumbers } from './report-checks.js';

const BOOKSHOP = join(REPO, 'samples', 'bookshop-mysql');
let tmp: string;
before(() => { tmp = mkdtempSync(join(tmpdir(), 'dbshift-assess-')); });
after(() => { rmSync(tmp, { recursive: true, force: true }); });

test('one target: HTML, JSON and the three CSVs by default', async () => {
  const dir = join(tmp, 'one');
  const r = await runCli(['assess', BOOKSHOP, '--from', 'mysql', '--to', 'postgres', '--report', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(dir).sort(), ['action-items-summary.csv', 'action-items.csv', 'assessment.html', 'assessment.json', 'summary.csv']);
  const a = JSON.parse(readFileSync(join(dir, 'assessment.json'), 'utf8')) as Assessment;
  checkNumbers(a);
  checkCsvs(dir, '', a);
  assert.match(r.stdout, new RegExp(`Estimated manual effort: ${a.summary.estimatedHours} h`));
  assert.match(r.stdout, /Migration level [ABC], complexity \d+\/10/);
});

test('a target that is the source engine is skipped; the other gets the report', async () => {
  const dir = join(tmp, 'two');
  const r = await runCli(['assess', join(CORPUS, 'pagila-postgres'), '--from', 'postgres', '--to', 'mysql,postgres', '--report', dir, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  // The source's own engine is not a target: one report.
  assert.ok(existsSync(join(dir, 'assessment.json')));
  const a = JSON.parse(readFileSync(join(dir, 'assessment.json'), 'utf8')) as Assessment;
  assert.equal(a.target, 'mysql');
});

test('effort settings from a file change the estimate; bad settings are refused with the reason', async () => {
  const base = join(tmp, 'effort-base');
  const tuned = join(tmp, 'effort-tuned');
  const weights = join(tmp, 'weights.json');
  writeFileSync(weights, JSON.stringify({ learningHours: { simple: 0, medium: 0, significant: 0 }, perOccurrenceHours: { simple: 0, medium: 0, significant: 0 }, reviewHours: { storage: 1, code: 0, data: 0 }, reviewHoursPer100Lines: 0 }));
  assert.equal((await runCli(['assess', BOOKSHOP, '--from', 'mysql', '--to', 'postgres', '--report', base, '--format', 'json'])).code, 0);
  const r = await runCli(['assess', BOOKSHOP, '--from', 'mysql', '--to', 'postgres', '--report', tuned, '--format', 'json', '--effort', weights]);
  assert.equal(r.code, 0, r.stderr);
  const a = JSON.parse(readFileSync(join(base, 'assessment.json'), 'utf8')) as Assessment;
  const b = JSON.parse(readFileSync(join(tuned, 'assessment.json'), 'utf8')) as Assessment;
  // Only review time is left: one hour per storage object.
  const storage = b.objects.filter((o) => o.category === 'storage').length;
  assert.equal(b.summary.estimatedHours, storage);
  assert.notEqual(a.summary.estimatedHours, b.summary.estimatedHours);
  writeFileSync(weights, JSON.stringify({ repeatInObject: 3, colour: 'blue' }));
  const bad = await runCli(['assess', BOOKSHOP, '--from', 'mysql', '--to', 'postgres', '--report', join(tmp, 'bad'), '--effort', weights]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown effort setting "colour"/);
  assert.match(bad.stderr, /repeatInObject must be a number from 0 to 1/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
});

test('scope: one schema, one object', async () => {
  const dir = join(tmp, 'scope');
  const r = await runCli(['assess', BOOKSHOP, '--from', 'mysql', '--to', 'postgres', '--report', dir, '--format', 'json', '--scope', 'table:bookshop.customer_order']);
  assert.equal(r.code, 0, r.stderr);
  const a = JSON.parse(readFileSync(join(dir, 'assessment.json'), 'utf8')) as Assessment;
  assert.deepEqual(a.scope, { kind: 'object', schema: 'bookshop', name: 'customer_order', type: 'table' });
  assert.ok(a.objects.length >= 1);
  for (const o of a.objects) assert.equal(o.source.name, 'customer_order');
  for (const i of a.actionItems) assert.equal(i.object?.name, 'customer_order');
  const none = await runCli(['assess', BOOKSHOP, '--from', 'mysql', '--to', 'postgres', '--report', join(tmp, 'scope2'), '--format', 'json', '--scope', 'nosuchschema']);
  assert.equal(none.code, 0);
  assert.match(none.stderr, /matches no object/);
});

test('PDF without Chromium: a clear message, the other files still written', async () => {
  const dir = join(tmp, 'nopdf');
  const r = await runCli(['assess', BOOKSHOP, '--from', 'mysql', '--to', 'postgres', '--report', dir, '--format', 'pdf,json'], { env: { DBSHIFT_CHROMIUM: '/nonexistent/chromium' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /no PDF written: PDF needs Chromium/);
  assert.ok(existsSync(join(dir, 'assessment.json')));
  assert.ok(!existsSync(join(dir, 'assessment.pdf')));
});

test('bad options: one line, exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['assess', BOOKSHOP, '--from', 'mysql', '--to', 'postgres', '--report', join(tmp, 'x'), '--format', 'html,docx'], /unknown --format docx/],
    [['assess', '--inventory', join(tmp, 'missing.csv'), '--report', join(tmp, 'x')], /cannot read the inventory .*no such file/],
    [['assess', '--inventory', join(tmp, 'missing.csv'), '--from', 'mysql', '--report', join(tmp, 'x')], /--from does not apply with --inventory/],
    [['assess', BOOKSHOP, '--from', 'mysql', '--to', 'postgres', '--report', join(tmp, 'x'), '--parallel', '2'], /--parallel only applies with --inventory/],
  ];
  writeFileSync(join(tmp, 'bad-inventory.csv'), 'a,cobol,x\n');
  cases.push([['assess', '--inventory', join(tmp, 'bad-inventory.csv'), '--report', join(tmp, 'x'), '--parallel', 'many'], /--parallel must be a whole number/]);
  cases.push([['assess', '--inventory', join(tmp, 'bad-inventory.csv'), '--report', join(tmp, 'x')], /row 1 \(a\): unknown source engine "cobol"/]);
  for (const [args, re] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { ConvertedObject, ConvertResult, Diagnostic, ObjectRef } from '../../../converters/index.js';
import { convert, diagnostic, parseScripts } from '../../../converters/index.js';
import {
  buildAssessment, codeHours, combineAssessments, csvField, DEFAULT_EFFORT_SETTINGS, effortSettings, parseCsv, parseInventory,
  parseScope, recommend, renderAssessmentHtml, renderCsvFiles, renderInventoryCsv, renderInventoryHtml, buildInventoryReport, complexityScore,
} from '../../../converters/assessment/index.js';

const span = (file: string, line: number, column = 1, endLine = line) => ({ file, line, column, endLine, endColumn: column + 5 });

function diag(code: string, severity: Diagnostic['severity'], effort: Diagnostic['effort'], line: number, object?: ObjectRef, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { code, severity, effort, message: `${code} message`, recommendation: `${code} fix`, span: span('a.sql', line), ...(object ? { object } : {}), ...extra };
}

function obj(type: string, name: string, category: ConvertedObject['category'], status: ConvertedObject['status'], diagnostics: Diagnostic[] = [], lines: [number, number] = [1, 1], schema = 'shop', extra: Partial<ConvertedObject> = {}): ConvertedObject {
  const ref = { schema, name, type };
  return { ref, source: ref, statements: [], dependsOn: [], status, diagnostics, span: span('a.sql', lines[0], 1, lines[1]), category, ...extra };
}

const NO_REVIEW = effortSettings({ reviewHours: { storage: 0, code: 0, data: 0 }, reviewHoursPer100Lines: 0 }).settings;

function assess(result: ConvertResult, extra: Partial<Parameters<typeof buildAssessment>[0]> = {}) {
  return buildAssessment({ source: 'mysql', target: 'postgres', catalog: { dialect: 'mysql', objects: [] }, parseDiagnostics: [], result, inputs: [], ...extra });
}

test('repeated occurrences of one code decay within an object and across objects, learning counted once', () => {
  const s = DEFAULT_EFFORT_SETTINGS;
  // medium: learning 2 h, 2 h per occurrence. One object, three occurrences: 2 + 2 × (1 + .25 + .0625).
  assert.equal(codeHours(s, 2, 2, [3]), 2 + 2 * 1.3125);
  // Three objects with one each: 2 + 2 × (1 + .85 + .7225).
  assert.ok(Math.abs(codeHours(s, 2, 2, [1, 1, 1]) - (2 + 2 * 2.5725)) < 1e-9);
  // Many objects: each costs at least 40% of the full effort, so 100 objects cost between 40 and 100 × 2 h.
  const h100 = codeHours(s, 2, 2, Array.from({ length: 100 }, () => 1));
  assert.ok(h100 > 2 + 100 * 2 * 0.4 - 1e-9 && h100 < 2 + 100 * 2 * 0.5, String(h100));
  assert.equal(codeHours(s, 2, 2, []), 0);
});

test('effort settings: overrides apply, per-code weights win, bad values are reported not used', () => {
  const { settings, errors } = effortSettings({ perOccurrenceHours: { simple: 1 }, repeatInObject: 0, codes: { MP0003: { learningHours: 10 } } });
  assert.deepEqual(errors, []);
  assert.equal(settings.perOccurrenceHours.simple, 1);
  assert.equal(settings.perOccurrenceHours.medium, DEFAULT_EFFORT_SETTINGS.perOccurrenceHours.medium);
  const p = { schema: 'shop', name: 'p', type: 'procedure' };
  const r: ConvertResult = { target: 'postgres', objects: [obj('procedure', 'p', 'code', 'converted-with-actions', [diag('MP0003', 'high', 'medium', 2, p), diag('MP0003', 'high', 'medium', 3, p), diag('MP0004', 'low', 'simple', 4, p)])], diagnostics: [] };
  const a = assess(r, { effort: { ...settings, reviewHours: { storage: 0, code: 0, data: 0 }, reviewHoursPer100Lines: 0 } });
  // MP0003: 10 learning + 2 (second occurrence free with repeatInObject 0); MP0004: 0.5 + 1.
  assert.equal(a.codes.find((g) => g.code === 'MP0003')!.hours, 12);
  assert.equal(a.codes.find((g) => g.code === 'MP0004')!.hours, 1.5);
  assert.equal(a.summary.estimatedHours, 13.5);
  const bad = effortSettings({ repeatInObject: 2, learningHours: { huge: 1, simple: -1 }, colour: 'red' });
  assert.equal(bad.errors.length, 4, bad.errors.join('\n'));
  assert.equal(bad.settings.repeatInObject, DEFAULT_EFFORT_SETTINGS.repeatInObject);
  assert.deepEqual(effortSettings([1]).errors, ['effort settings must be a JSON object']);
});

test('per-type buckets add up to the totals and follow each object\'s largest effort', () => {
  const t = (n: string) => ({ schema: 'shop', name: n, type: 'table' });
  const r: ConvertResult = {
    target: 'postgres',
    objects: [
      obj('table', 'a', 'storage', 'converted'),
      obj('table', 'b', 'storage', 'converted-with-actions', [diag('MP0010', 'medium', 'simple', 5, t('b')), diag('MP0011', 'high', 'medium', 6, t('b'))]),
      obj('table', 'c', 'storage', 'converted-with-actions', [diag('MP0030', 'high', 'significant', 7, t('c'))]),
      obj('table', 'd', 'storage', 'converted-with-actions', [diag('MP0005', 'low', 'simple', 8, t('d'))]),
      obj('view', 'v', 'code', 'not-converted', [diag('MP0037', 'high', 'medium', 20)], [20, 29]),
      obj('procedure', 'p', 'code', 'converted', [], [30, 79]),
    ],
    diagnostics: [],
  };
  const a = assess(r);
  const table = a.byObjectType.find((x) => x.type === 'table')!;
  assert.deepEqual({ ...table }, { type: 'table', category: 'storage', total: 4, converted: 1, simple: 1, medium: 1, significant: 1, notConverted: 0, linesOfCode: 4 });
  assert.equal(a.byObjectType.find((x) => x.type === 'view')!.notConverted, 1);
  // Lines of code: code objects only (10 + 50).
  assert.equal(a.summary.linesOfCode, 60);
  for (const row of a.byObjectType) assert.equal(row.converted + row.simple + row.medium + row.significant + row.notConverted, row.total);
  assert.equal(a.byObjectType.reduce((n, x) => n + x.total, 0), a.summary.objects.total);
  // Features lacking: high conversion findings, and anything on a not-converted object.
  assert.deepEqual(a.featuresLacking.map((f) => f.code).sort(), ['MP0011', 'MP0030', 'MP0037']);
  assert.ok(a.executiveSummary.some((s) => s.includes('100% of storage objects') && s.includes('50% of code objects')));
});

test('documentation links: the code\'s own docUrl wins, known codes have a page, others the family reference', () => {
  const t = { schema: 'shop', name: 'a', type: 'table' };
  const r: ConvertResult = {
    target: 'postgres',
    objects: [obj('table', 'a', 'storage', 'converted-with-actions', [
      diag('MP0015', 'medium', 'medium', 2, t), diag('MP0999', 'low', 'simple', 3, t), diag('OR0001', 'low', 'simple', 4, t, { docUrl: 'https://docs.oracle.com/x.html' }), diag('ZZ0001', 'low', 'simple', 5, t),
    ])],
    diagnostics: [],
  };
  const a = assess(r);
  const url = (c: string) => a.codes.find((g) => g.code === c)!.docUrl;
  assert.equal(url('MP0015'), 'https://www.postgresql.org/docs/current/textsearch-tables.html');
  assert.equal(url('MP0999'), 'https://www.postgresql.org/docs/current/index.html');
  assert.equal(url('OR0001'), 'https://docs.oracle.com/x.html');
  assert.equal(url('ZZ0001'), undefined);
  // diagnostic() copies docUrl and emulation from the definition.
  const d = diagnostic({ code: 'OR0002', severity: 'medium', effort: 'medium', title: 't', recommendation: 'r', docUrl: 'https://x/y', emulation: 'dbshift_instr()' }, span('a.sql', 1));
  assert.equal(d.docUrl, 'https://x/y');
  assert.equal(d.emulation, 'dbshift_instr()');
});

test('objects depending on emulations come from diagnostics and from ConvertedObject.usesEmulation', () => {
  const f = { schema: 's', name: 'f', type: 'function' };
  const r: ConvertResult = {
    target: 'postgres',
    objects: [
      obj('function', 'f', 'code', 'converted-with-actions', [diag('OR0002', 'low', 'simple', 3, f, { emulation: 'dbshift_instr()' })], [1, 1], 's'),
      obj('function', 'g', 'code', 'converted', [], [5, 6], 's', { usesEmulation: ['dbshift_instr()', 'dbshift_decode()'] }),
      obj('table', 't', 'storage', 'converted'),
    ],
    diagnostics: [],
  };
  const a = assess(r);
  assert.deepEqual(a.emulations.map((e) => [e.emulation, e.objects.map((o) => o.name)]), [['dbshift_decode()', ['g']], ['dbshift_instr()', ['f', 'g']]]);
  assert.deepEqual(a.objects.find((o) => o.name === 'g')!.usesEmulation, ['dbshift_decode()', 'dbshift_instr()']);
  assert.match(renderAssessmentHtml(a), /dbshift_instr\(\)/);
});

test('scope: one schema or one object; script-level findings only in the whole report', () => {
  const t = (s: string, n: string) => ({ schema: s, name: n, type: 'table' });
  const r: ConvertResult = {
    target: 'postgres',
    objects: [
      obj('table', 'a', 'storage', 'converted-with-actions', [diag('MP0010', 'medium', 'simple', 2, t('shop', 'a'))], [1, 1], 'shop'),
      obj('table', 'b', 'storage', 'converted', [], [1, 1], 'shop'),
      obj('table', 'a', 'storage', 'converted-with-actions', [diag('MP0011', 'high', 'medium', 9, t('hr', 'a'))], [9, 9], 'hr'),
    ],
    diagnostics: [diag('MP0036', 'high', 'simple', 40)],
  };
  const all = assess(r);
  assert.equal(all.objects.length, 3);
  assert.equal(all.actionItems.length, 3);
  const shop = assess(r, { scope: parseScope('shop') });
  assert.deepEqual(shop.objects.map((o) => `${o.schema}.${o.name}`), ['shop.a', 'shop.b']);
  assert.deepEqual(shop.actionItems.map((i) => i.code), ['MP0010']);
  const one = assess(r, { scope: parseScope('table:HR.a') });
  assert.deepEqual(one.objects.map((o) => `${o.schema}.${o.name}`), ['hr.a']);
  assert.deepEqual(one.actionItems.map((i) => i.code), ['MP0011']);
  assert.match(one.executiveSummary[0]!, /table HR\.a/);
  assert.deepEqual(parseScope(undefined), { kind: 'all' });
  assert.deepEqual(parseScope('a.b'), { kind: 'object', schema: 'a', name: 'b' });
});

test('excerpts: each action item shows its source line', () => {
  const files = [{ path: 'shop.sql', text: 'CREATE TABLE t (\r\n  s SET(\'a\',\'b\')\r\n);\n' }];
  const parsed = parseScripts('mysql', files);
  const result = convert(parsed.catalog, { target: 'postgres' });
  const a = buildAssessment({ source: 'mysql', target: 'postgres', catalog: parsed.catalog, parseDiagnostics: parsed.diagnostics, result, inputs: [{ path: 'shop.sql' }], sources: files });
  const set = a.actionItems.find((i) => i.code === 'MP0010');
  assert.ok(set, JSON.stringify(a.actionItems.map((i) => i.code)));
  assert.equal(set.line, 2);
  assert.equal(set.excerpt, "s SET('a','b')");
  assert.ok(a.emulations.some((e) => e.emulation.includes('SET')));
});

test('CSV files parse with a CSV library and keep every awkward character', () => {
  const evil = 'x,"y"\nz =1+2';
  const t = { schema: 'shop', name: evil, type: 'table' };
  const r: ConvertResult = { target: 'postgres', objects: [obj('table', evil, 'storage', 'converted-with-actions', [{ ...diag('MP0010', 'medium', 'simple', 2, t), message: `=HYPERLINK("http://x") ${evil}` }])], diagnostics: [] };
  const a = assess(r);
  const csv = renderCsvFiles(a);
  const rows = parse(csv.actionItems, { columns: true, bom: true }) as Record<string, string>[];
  assert.equal(rows.length, a.actionItems.length);
  assert.equal(rows[0]!.subject, `table shop.${evil}`);
  // A formula is defused with a leading apostrophe, otherwise the text is unchanged.
  assert.equal(rows[0]!.description, `'=HYPERLINK("http://x") ${evil}`);
  assert.equal(rows[0]!.line, '2');
  const sum = parse(csv.summary, { columns: true, bom: true }) as Record<string, string>[];
  assert.equal(sum.reduce((n, x) => n + Number(x.objects), 0), a.summary.objects.total);
  assert.equal(csvField(-3), '-3');
  assert.equal(csvField('-3'), "'-3");
  assert.equal(csvField(null), '');
  // Our own reader agrees with the library.
  assert.deepEqual(parseCsv(csv.actionItems), parse(csv.actionItems, { bom: true }));
});

test('recommendation: fewer hours wins; close hours are decided by what is lost', () => {
  const t = { schema: 'shop', name: 'a', type: 'table' };
  const heavy = assess({ target: 'postgres', objects: [obj('table', 'a', 'storage', 'converted-with-actions', [diag('MP0030', 'high', 'significant', 2, t)])], diagnostics: [] }, { effort: NO_REVIEW });
  const light = buildAssessment({ source: 'oracle', target: 'mysql', catalog: { dialect: 'oracle', objects: [] }, parseDiagnostics: [], result: { target: 'mysql', objects: [obj('table', 'a', 'storage', 'converted')], diagnostics: [] }, inputs: [], effort: NO_REVIEW });
  const reco = recommend([heavy, light]);
  assert.equal(reco.target, 'mysql');
  assert.ok(reco.reasons.some((x) => x.startsWith('Effort: 0 h against 8 h')), reco.reasons.join('\n'));
  const c = combineAssessments([heavy, light]);
  assert.equal(c.recommendation?.target, 'mysql');
  assert.equal(c.targets[0]!.featuresLacking, 1);
});

test('complexity grows with the log of the hours and migration levels follow ora2pg', () => {
  assert.equal(complexityScore(0, 0), 1);
  assert.equal(complexityScore(4, 0), 1);
  assert.equal(complexityScore(12, 0), 2);
  assert.equal(complexityScore(12, 1), 3);
  assert.equal(complexityScore(1e9, 1), 10);
  const none = assess({ target: 'postgres', objects: [obj('table', 'a', 'storage', 'converted')], diagnostics: [] });
  assert.equal(none.effort.migrationLevel, 'A');
  const t = { schema: 'shop', name: 'a', type: 'table' };
  const some = assess({ target: 'postgres', objects: [obj('table', 'a', 'storage', 'converted-with-actions', [diag('MP0010', 'medium', 'simple', 2, t)])], diagnostics: [] });
  assert.equal(some.effort.migrationLevel, 'B');
});

test('inventory: rows with header, comments, quoting; bad rows named; aggregated report marks failures', () => {
  const text = '\uFEFFname,source,location,schemas,targets\n# a comment\nshop,mariadb,"mysql://u:secret@h/shop",shop;extra,postgres\nhr,postgres,./hr,,"postgres,mysql"\n';
  const { entries, errors } = parseInventory(text);
  assert.deepEqual(errors, []);
  assert.equal(entries.length, 2);
  assert.deepEqual(entries[0], { line: 3, name: 'shop', source: 'mysql', location: 'mysql://u:secret@h/shop', isUrl: true, schemas: ['shop', 'extra'], targets: ['postgres'] });
  // A PostgreSQL source is not converted to PostgreSQL.
  assert.deepEqual(entries[1]!.targets, ['mysql']);
  assert.equal(entries[1]!.isUrl, false);
  const bad = parseInventory('a,cobol,x\nb,mysql,,\nd,mysql,x,,db2\nc,mysql,x\nc,mysql,y\n');
  assert.equal(bad.errors.length, 4, bad.errors.join('\n'));
  assert.match(bad.errors[0]!, /row 1 \(a\): unknown source engine "cobol"/);
  const report = buildInventoryReport([
    { name: 'ok', source: 'mysql', location: 'x', status: 'assessed', targets: [{ target: 'postgres', objects: 3, storagePct: 100, codePct: 50, complexity: 2, hours: 10, migrationLevel: 'B', notConverted: 1 }] },
    { name: 'down', source: 'postgres', location: 'postgres://u:***@nowhere/db', status: 'failed', error: 'connection refused', targets: [] },
  ], null);
  assert.deepEqual(report.totals, { databases: 2, assessed: 1, failed: 1, hoursByTarget: { postgres: 10 } });
  assert.match(renderInventoryHtml(report), /data-status="failed"[^\n]*not assessed[^\n]*connection refused/);
  const rows = parse(renderInventoryCsv(report), { columns: true, bom: true }) as Record<string, string>[];
  assert.deepEqual(rows.map((r) => r.status), ['assessed', 'failed']);
});

test('the workbench report view points each occurrence at the source object key object.get takes', async () => {
  const { reportView } = await import('../../../electron/node/report/view.js');
  const { REQUESTS } = await import('../../../converters/contract/requests.js');
  const { refKey } = await import('../../../converters/index.js');
  const files = [{ path: 'shop.sql', text: "CREATE TABLE Shop_T (\n  s SET('a','b')\n);\n" }];
  const parsed = parseScripts('mysql', files);
  const result = convert(parsed.catalog, { target: 'postgres' });
  const a = buildAssessment({ source: 'mysql', target: 'postgres', catalog: parsed.catalog, parseDiagnostics: parsed.diagnostics, result, inputs: [], sources: files });
  const view = reportView(a, result.objects);
  const occ = view.codes.find((c) => c.code === 'MP0010')!.occurrences[0]!;
  const table = result.objects.find((o) => o.source.name === 'Shop_T')!;
  assert.equal(occ.objectKey, refKey(table.source));
  assert.equal(occ.excerpt, "s SET('a','b')");
  // What the handler returns passes the contract's result schema.
  const res = REQUESTS['assessment.summary'].result.parse({
    target: 'postgres', objects: a.summary.objects, bySeverity: a.countsBySeverity, byCategory: [], topCodes: [], estimatedHours: a.summary.estimatedHours, actionItems: a.summary.actionItems, report: view,
  });
  assert.deepEqual(res.report, view);
});

test('a documentation URL that is not a web link is never a link', () => {
  const t = { schema: 'shop', name: 'a', type: 'table' };
  const r: ConvertResult = { target: 'postgres', objects: [obj('table', 'a', 'storage', 'converted-with-actions', [diag('XX0001', 'low', 'simple', 2, t, { docUrl: 'javascript:alert(1)' })])], diagnostics: [] };
  const html = renderAssessmentHtml(assess(r));
  assert.doesNotMatch(html, /href="javascript:/i);
  assert.match(html, /documentation: javascript:alert\(1\)/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog, ConvertedObject, ConvertResult, Diagnostic, ObjectRef } from '../../../converters/index.js';
import {
  buildAssessment, combineAssessments, escapeHtml, typeLabel, renderAssessmentHtml, renderAssessmentJson, renderCombinedHtml,
} from '../../../converters/assessment/index.js';

const span = (file: string, line: number, column = 1) => ({ file, line, column, endLine: line, endColumn: column + 5 });

function diag(code: string, severity: Diagnostic['severity'], effort: Diagnostic['effort'], file: string, line: number, object?: ObjectRef): Diagnostic {
  return { code, severity, effort, message: `${code} message`, recommendation: `${code} fix`, span: span(file, line), ...(object ? { object } : {}) };
}

function obj(type: string, name: string, category: ConvertedObject['category'], status: ConvertedObject['status'], diagnostics: Diagnostic[] = [], line = 1): ConvertedObject {
  const ref = { schema: 'shop', name, type };
  return { ref, source: ref, statements: [`CREATE ${type} ${name}`], dependsOn: [], status, diagnostics, span: span('a.sql', line), category };
}

const catalog: Catalog = { dialect: 'mysql', objects: [] };

function sampleResult(): ConvertResult {
  const proc = { schema: 'shop', name: 'p1', type: 'procedure' };
  return {
    target: 'postgres',
    objects: [
      obj('table', 't1', 'storage', 'converted'),
      obj('table', 't2', 'storage', 'converted-with-actions', [diag('MP0001', 'medium', 'simple', 'a.sql', 12, { schema: 'shop', name: 't2', type: 'table' })], 10),
      obj('table', 't3', 'storage', 'not-converted', [diag('MP0002', 'critical', 'significant', 'a.sql', 20)], 20),
      obj('index', 'i1', 'storage', 'converted'),
      obj('view', 'v1', 'code', 'converted'),
      // The same code three times in one procedure counts once; a second code adds its own hours.
      obj('procedure', 'p1', 'code', 'converted-with-actions', [
        diag('MP0003', 'high', 'medium', 'b.sql', 5, proc), diag('MP0003', 'high', 'medium', 'b.sql', 7, proc),
        diag('MP0003', 'high', 'medium', 'b.sql', 9, proc), diag('MP0004', 'low', 'simple', 'b.sql', 6, proc),
      ], 4),
      obj('function', 'f1', 'code', 'not-converted', [diag('MP0005', 'high', 'significant', 'b.sql', 30)], 30),
      obj('data', 't1', 'data', 'converted'),
    ],
    diagnostics: [diag('MP0006', 'info', 'none', 'a.sql', 1)],
  };
}

test('summary counts and rates come from the objects', () => {
  const a = buildAssessment({
    source: 'mysql', target: 'postgres', catalog, parseDiagnostics: [diag('MY0001', 'high', 'simple', 'a.sql', 40)],
    result: sampleResult(), inputs: [{ path: 'a.sql' }, { path: 'b.sql' }], options: { naming: 'lower' }, generatedAt: '2026-01-01T00:00:00Z',
  });
  assert.deepEqual(a.summary.objects, { total: 8, converted: 4, withActions: 2, notConverted: 2 });
  // storage: t1,t2,t3,i1 + data row: 4 of 5 generated
  assert.equal(a.summary.storageObjectsConvertedPct, 80);
  // code: v1 converted, p1 with actions, f1 not: 2 of 3
  assert.equal(a.summary.codeObjectsConvertedPct, 66.7);
  assert.equal(a.byCategory.storage.total, 4);
  assert.equal(a.byCategory.storage.notConverted, 1);
  assert.equal(a.summary.convertedWithoutActionsPct, 50);
  // Default model: learning + per occurrence (simple 0.5+0.5, medium 2+2, significant 2+6); MP0003's
  // 2nd and 3rd occurrence in p1 cost 25% and 6.25% of 2 h: MP0001 1 + MP0002 8 + MP0003 4.625 +
  // MP0004 1 + MP0005 8 + MY0001 1 = 23.625 h; review 4 storage × 0.05 + 3 code × (0.25 + 1 line × 0.0025) = 0.9575 h.
  assert.equal(a.effort.actionHours, 23.6);
  assert.equal(a.effort.reviewHours, 1);
  assert.equal(a.summary.estimatedHours, 24.6);
  assert.equal(a.codes.find((g) => g.code === 'MP0003')!.hours, 4.63);
  assert.equal(a.actionItems.length, 9);
  assert.equal(a.summary.actionItems, 8);
  assert.deepEqual(a.countsBySeverity, { critical: 1, high: 5, medium: 1, low: 1, info: 1 });
  const mp3 = a.countsByCode.find((c) => c.code === 'MP0003');
  assert.equal(mp3?.count, 3);
  assert.equal(a.countsByCode[0]?.code, 'MP0002');
});

test('action items are sorted by severity, then file and line, and carry their location', () => {
  const a = buildAssessment({ source: 'mysql', target: 'postgres', catalog, parseDiagnostics: [], result: sampleResult(), inputs: [] });
  const order = a.actionItems.map((i) => `${i.severity}:${i.file}:${i.line}`);
  assert.deepEqual(order, [
    'critical:a.sql:20', 'high:b.sql:5', 'high:b.sql:7', 'high:b.sql:9', 'high:b.sql:30', 'medium:a.sql:12', 'low:b.sql:6', 'info:a.sql:1',
  ]);
  const crit = a.actionItems[0]!;
  // A finding without its own object is attributed to the object that carries it.
  assert.deepEqual(crit.object, { schema: 'shop', name: 't3', type: 'table' });
  assert.equal(crit.column, 1);
  assert.equal(crit.recommendation, 'MP0002 fix');
});

test('a finding reachable twice is reported once', () => {
  const r = sampleResult();
  const d = r.objects[1]!.diagnostics[0]!;
  r.diagnostics.push(d);
  const a = buildAssessment({ source: 'mysql', target: 'postgres', catalog, parseDiagnostics: [], result: r, inputs: [] });
  assert.equal(a.actionItems.filter((i) => i.code === 'MP0001').length, 1);
});

test('JSON has the documented shape and round-trips', () => {
  const a = buildAssessment({ source: 'mysql', target: 'postgres', catalog, parseDiagnostics: [], result: sampleResult(), inputs: [{ path: 'a.sql', encoding: 'utf-8' }], options: { naming: 'snake' } });
  const j = JSON.parse(renderAssessmentJson(a));
  for (const k of ['summary', 'objects', 'actionItems', 'countsBySeverity', 'countsByCode', 'options', 'inputs', 'source', 'target']) assert.ok(k in j, k);
  for (const k of ['objects', 'storageObjectsConvertedPct', 'codeObjectsConvertedPct', 'estimatedHours']) assert.ok(k in j.summary, k);
  assert.deepEqual(Object.keys(j.summary.objects).sort(), ['converted', 'notConverted', 'total', 'withActions']);
  for (const k of ['schema', 'name', 'type', 'status']) assert.ok(k in j.objects[0], k);
  for (const k of ['code', 'severity', 'effort', 'object', 'file', 'line', 'column', 'message', 'recommendation']) assert.ok(k in j.actionItems[0], k);
  assert.equal(j.options.naming, 'snake');
  assert.equal(j.generatedAt, null);
});

test('empty conversion gives 100% rates and zero hours, not NaN', () => {
  const a = buildAssessment({ source: 'postgres', target: 'mysql', catalog: { dialect: 'postgres', objects: [] }, parseDiagnostics: [], result: { target: 'mysql', objects: [], diagnostics: [] }, inputs: [] });
  assert.equal(a.summary.storageObjectsConvertedPct, 100);
  assert.equal(a.summary.codeObjectsConvertedPct, 100);
  assert.equal(a.summary.estimatedHours, 0);
  assert.doesNotMatch(renderAssessmentHtml(a), /NaN|undefined/);
});

test('HTML escapes hostile names, messages and file paths', () => {
  const evil = '<script>alert("x")</script>';
  const r: ConvertResult = {
    target: 'postgres',
    objects: [obj('table', evil, 'storage', 'converted-with-actions', [{ ...diag('MP0001', 'high', 'simple', `dir/${evil}.sql`, 3), message: `bad ${evil}`, recommendation: `"'&<img src=x onerror=alert(1)>` }])],
    diagnostics: [],
  };
  const html = renderAssessmentHtml(buildAssessment({ source: 'mysql', target: 'postgres', catalog, parseDiagnostics: [], result: r, inputs: [{ path: `${evil}.sql` }] }));
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.match(html, /&#60;script&#62;/);
  // Self-contained: nothing loaded from elsewhere (links to vendor documentation are <a> only).
  assert.doesNotMatch(html, /src="(https?:)?\/\//i);
  for (const m of html.matchAll(/<(\w+)[^>]*href="https?:/gi)) assert.equal(m[1], 'a');
  assert.doesNotMatch(html, /<link /i);
  assert.equal(escapeHtml(`a&b<"'>`), 'a&#38;b&#60;&#34;&#39;&#62;');
});

test('HTML shows the summary figures and every action item with file:line', () => {
  const a = buildAssessment({ source: 'mysql', target: 'postgres', catalog, parseDiagnostics: [], result: sampleResult(), inputs: [] });
  const html = renderAssessmentHtml(a);
  assert.match(html, /80%/);
  assert.match(html, /66\.7%/);
  assert.match(html, new RegExp(`>${a.summary.estimatedHours}</span> h`));
  for (const it of a.actionItems) assert.ok(html.includes(`${it.file}:${it.line}:${it.column}`), `${it.code} at ${it.file}:${it.line}`);
});

test('combined assessment lists each target with its own figures', () => {
  const pg = buildAssessment({ source: 'mysql', target: 'postgres', catalog, parseDiagnostics: [], result: sampleResult(), inputs: [] });
  const my = buildAssessment({ source: 'mysql', target: 'mysql', catalog, parseDiagnostics: [], result: { target: 'mysql', objects: [obj('table', 'x', 'storage', 'converted')], diagnostics: [] }, inputs: [] });
  const c = combineAssessments([pg, my], { postgres: 'assessment-postgres.html' });
  assert.deepEqual(c.targets.map((t) => t.target), ['postgres', 'mysql']);
  assert.equal(c.targets[1]!.summary.objects.total, 1);
  const html = renderCombinedHtml(c);
  assert.match(html, /href="assessment-postgres\.html"/);
  assert.throws(() => combineAssessments([]));
});

test('object types are spelled one way whatever the generator said', () => {
  assert.equal(typeLabel('ForeignKey'), 'foreign_key');
  assert.equal(typeLabel('foreign key'), 'foreign_key');
  assert.equal(typeLabel('Table'), 'table');
  assert.equal(typeLabel('table'), 'table');
  const r = sampleResult();
  r.objects[0]!.ref = { ...r.objects[0]!.ref, type: 'ForeignKey' };
  const a = buildAssessment({ source: 'mysql', target: 'postgres', catalog, parseDiagnostics: [], result: r, inputs: [] });
  assert.equal(a.objects[0]!.type, 'foreign_key');
});

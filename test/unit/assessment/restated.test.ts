// A statement the front end could not read is reported by the front end (why, where) and the
// generator (kept as a comment). The report counts it once, under the object, with the front end's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts } from '../../../converters/index.js';
import type { SourceDialect, TargetDialect } from '../../../converters/index.js';
import { buildAssessment } from '../../../converters/assessment/index.js';

function assess(dialect: SourceDialect, target: TargetDialect, text: string) {
  const files = [{ path: 'in.sql', text }];
  const parsed = parseScripts(dialect, files);
  const result = convert(parsed.catalog, { target });
  return buildAssessment({ source: dialect, target, catalog: parsed.catalog, parseDiagnostics: parsed.diagnostics, result, inputs: [], sources: files });
}

const BROKEN_MYSQL = 'CREATE TABLE a (id int primary key);\nCREATE TABLE b (id int,\n  x int QUX);\nCREATE WIDGET w;\n';

{
  test('MySQL → PostgreSQL: an unreadable statement is one finding, under its object, counted once', () => {
    const a = assess('mysql', 'postgres', BROKEN_MYSQL);
    const notInfo = a.actionItems.filter((i) => i.severity !== 'info');
    // Nothing but front-end findings: no generator "kept as a comment" restating them.
    assert.deepEqual(notInfo.map((i) => [i.code, i.stage, i.object?.name, i.line]), [
      ['MY0001', 'parse', 'b', 3],
      ['MY0001', 'parse', 'line 4', 4],
    ]);
    const b = a.objects.find((o) => o.name === 'b')!;
    assert.equal(b.status, 'not-converted');
    assert.equal(b.actionItems, 1);
    assert.equal(a.objects.find((o) => o.name === 'line 4')!.actionItems, 1);
    assert.equal(a.summary.actionItems, 2);
  });
}

test('SQL Server script-level MERGE: the front end\'s TS0007 only, filed under the script-code object', () => {
  for (const target of ['postgres', 'mysql'] as const) {
    const a = assess('sqlserver', target, 'CREATE TABLE dbo.t (id int PRIMARY KEY, v int);\nGO\nMERGE dbo.t AS tgt USING (SELECT 1 AS id, 2 AS v) AS src ON tgt.id = src.id\nWHEN MATCHED THEN UPDATE SET v = src.v;\nGO\n');
    const notInfo = a.actionItems.filter((i) => i.severity !== 'info');
    assert.deepEqual(notInfo.map((i) => [i.code, i.object?.type, i.line]), [['TS0007', 'script_code', 3]], target);
    const o = a.objects.find((x) => x.type === 'script_code')!;
    assert.equal(o.status, 'not-converted');
    assert.equal(o.actionItems, 1);
  }
});

test('PostgreSQL → MySQL: the same, with the PostgreSQL front end\'s finding', () => {
  const a = assess('postgres', 'mysql', 'CREATE TABLE t (id int);\nCREATE WIDGET w;\n');
  const notInfo = a.actionItems.filter((i) => i.severity !== 'info');
  assert.deepEqual(notInfo.map((i) => [i.code, i.stage, i.object?.name, i.line]), [['PG0001', 'parse', 'line 2', 2]]);
  assert.equal(a.objects.find((o) => o.name === 'line 2')!.actionItems, 1);
});

test('a generator finding with no front-end finding inside its text stays', () => {
  const span = (line: number) => ({ file: 'in.sql', line, column: 1, endLine: line, endColumn: 9, offset: line * 100, endOffset: line * 100 + 9 });
  const ref = { name: 'x', type: 'statement' };
  const kept = { code: 'GP0003', severity: 'high' as const, effort: 'medium' as const, message: 'Not converted (rule)', recommendation: 'by hand', span: span(7), object: ref };
  const elsewhere = { code: 'MY0001', severity: 'high' as const, effort: 'medium' as const, message: 'Could not parse', recommendation: 'fix', span: span(3) };
  const a = buildAssessment({ source: 'mysql', target: 'postgres', catalog: { dialect: 'mysql', objects: [] }, parseDiagnostics: [elsewhere], inputs: [],
    result: { target: 'postgres', diagnostics: [], objects: [{ ref, source: ref, statements: [], dependsOn: [], status: 'not-converted', diagnostics: [kept], span: span(7), category: 'code' }] } });
  assert.deepEqual(a.actionItems.map((i) => [i.code, i.object?.name ?? null]), [['MY0001', null], ['GP0003', 'x']]);
  assert.equal(a.objects[0]!.actionItems, 1);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tsqlFrontEnd } from '../../../../converters/dialects/tsql/index.js';
import { at, only, parse } from './helpers.js';

test('CREATE PROCEDURE not first in its batch (GO missing): located message, the procedure and the rest still convert', () => {
  const r = parse('CREATE TABLE t (a int)\n\nCREATE PROCEDURE p AS SELECT a FROM t\nGO\nCREATE TABLE u (b int)\nGO\n');
  assert.deepEqual(at(r.diagnostics, 'TS0009'), ['3:1']);
  assert.match(r.diagnostics.find((d) => d.code === 'TS0009')!.message, /GO is missing/);
  assert.deepEqual(only(r.objects, 'Table').map((t) => t.name.name), ['t', 'u']);
  assert.deepEqual(only(r.objects, 'Routine').map((x) => x.name.name), ['p']);
});

test('unbalanced BEGIN … END: located message naming the BEGIN, body kept as text, next batch converts', () => {
  const r = parse('CREATE PROCEDURE p AS\nBEGIN\n  IF 1 = 1\n  BEGIN\n    SELECT 1\nEND\nGO\nCREATE TABLE u (b int)\nGO\n');
  const d = r.diagnostics.find((x) => x.code === 'TS0017')!;
  assert.ok(d, 'TS0017');
  assert.match(d.message, /BEGIN at line 2 has no matching END/);
  assert.equal(d.span.line, 2);
  const p = only(r.objects, 'Routine')[0]!;
  assert.equal(p.body.kind, 'Unparsed');
  assert.deepEqual(only(r.objects, 'Table').map((t) => t.name.name), ['u']);
});

test('an END without BEGIN is located', () => {
  const r = parse('CREATE PROCEDURE p AS\nSELECT 1\nEND\nGO\n');
  assert.deepEqual(at(r.diagnostics, 'TS0017'), ['3:1']);
  assert.equal(only(r.objects, 'Routine').length, 1);
});

test('unknown SQLCMD command and $(var) without a value: located messages, the script goes on', () => {
  const r = parse('CREATE TABLE a (x int)\nGO\n:frobnicate now\nINSERT INTO a VALUES ($(val))\nGO\n');
  assert.deepEqual(at(r.diagnostics, 'TS0004'), ['3:1']);
  assert.match(r.diagnostics.find((d) => d.code === 'TS0004')!.message, /:frobnicate/);
  assert.deepEqual(at(r.diagnostics, 'TS0005'), ['4:23']);
  assert.equal(only(r.objects, 'Table').length, 1);
});

test('a statement that cannot be parsed is kept as text at its position; the next statement in the batch is read', () => {
  const r = parse('CREATE TABLE a (x int)\nGO\nCREATE TABLE b (x int,, y int)\nCREATE TABLE c (z int)\nGO\n');
  const d = r.diagnostics.find((x) => x.code === 'TS0001')!;
  assert.deepEqual([d.span.line, d.span.column], [3, 23]);
  assert.deepEqual(only(r.objects, 'Table').map((t) => t.name.name), ['a', 'c']);
  assert.equal(only(r.objects, 'UnparsedObject')[0]!.span.line, 3);
});

test('unterminated string or comment: the batch is kept as text with a located message; other batches convert', () => {
  const r = parse("CREATE TABLE a (x int)\nGO\nINSERT INTO a VALUES ('oops)\nGO\n");
  assert.equal(only(r.objects, 'Table').length, 1);
  assert.ok(r.diagnostics.some((d) => d.code === 'TS0002' && d.span.line === 3));
  const r2 = parse('CREATE TABLE a (x int)\nGO\n/* never closed\nCREATE TABLE b (x int)\n');
  assert.equal(only(r2.objects, 'Table').length, 1);
  assert.ok(r2.diagnostics.some((d) => d.code === 'TS0002' && d.span.line === 3));
});

test('binary input, empty input and a script of only GO lines never crash', () => {
  const r = tsqlFrontEnd.parse([{ path: 'bin.sql', text: 'C\0R\0E\0A\0T\0E\0' }, { path: 'empty.sql', text: '' }, { path: 'go.sql', text: 'GO\nGO\n' }]);
  assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${d.span.file}`), ['TS0003 bin.sql']);
  assert.equal(r.catalog.objects.length, 0);
});

test('robustness: every truncation of a sample procedure parses without throwing', () => {
  const text = `CREATE PROCEDURE p @a int = 1 AS
BEGIN TRY
  DECLARE @x int; SELECT @x = a FROM t WHERE b = @a
  IF @x IS NULL BEGIN RAISERROR('none', 16, 1) RETURN END
  WHILE @x > 0 BEGIN SET @x -= 1 END
END TRY
BEGIN CATCH THROW; END CATCH
GO`;
  for (let i = 0; i <= text.length; i += 3) assert.doesNotThrow(() => parse(text.slice(0, i)), `cut at ${i}`);
});

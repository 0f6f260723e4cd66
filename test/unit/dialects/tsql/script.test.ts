import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tsqlFrontEnd } from '../../../../converters/dialects/tsql/index.js';
import { at, codes, only, parse } from './helpers.js';

test('GO [count] ends batches in any case, with a trailing comment; GO n repeats the batch', () => {
  const r = parse('CREATE TABLE t (a int)\ngo -- first\nINSERT INTO t VALUES (1)\nGO 3\ninsert t values (2)\n  Go  \n');
  assert.equal(only(r.objects, 'Table').length, 1);
  const ds = only(r.objects, 'DataScript');
  assert.equal(ds.reduce((a, d) => a + d.rowCount, 0), 4);
  assert.deepEqual(codes(r.diagnostics), []);
});

test('GO inside a block comment or a string is not a separator; a GO-like word is not either', () => {
  const r = parse("CREATE TABLE t (a varchar(20) DEFAULT 'x\nGO\ny')\n/*\nGO\n*/\nGO\nCREATE TABLE goals (go int)\nGO");
  const t = only(r.objects, 'Table');
  assert.deepEqual(t.map((x) => x.name.name), ['t', 'goals']);
  const d = t[0]!.columns[0]!.default;
  assert.equal(d?.kind === 'Literal' ? d.value : '', 'x\nGO\ny');
});

test('SQLCMD :setvar and $(var); caller variables win; a missing one is located', () => {
  const text = ':setvar Tbl Orders\n:setvar Sch sales\nCREATE TABLE $(Sch).$(Tbl) (id int)\nGO\nCREATE TABLE $(Missing) (id int)\nGO\n';
  const r = parse(text);
  assert.deepEqual(only(r.objects, 'Table').map((t) => `${t.name.schema}.${t.name.name}`), ['sales.Orders']);
  assert.deepEqual(at(r.diagnostics, 'TS0005'), ['5:14']);
  const r2 = parse(text, { tbl: 'Invoices', Missing: 'Other' });
  assert.deepEqual(only(r2.objects, 'Table').map((t) => t.name.name), ['Invoices', 'Other']);
  assert.deepEqual(codes(r2.diagnostics), []);
});

test(':r includes a file relative to the script, read in place once; a missing include and unknown commands are located', () => {
  const r = tsqlFrontEnd.parse([
    { path: 'db/inc/tables.sql', text: 'CREATE TABLE b (id int)\nGO\n' },
    { path: 'db/main.sql', text: 'CREATE TABLE a (id int)\nGO\n:r inc/tables.sql\n:r inc/nope.sql\n:connect srv\n:on error exit\nCREATE TABLE c (id int)\n' },
  ]);
  assert.deepEqual(only(r.catalog.objects, 'Table').map((t) => t.name.name), ['a', 'b', 'c']);
  assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${d.span.file}:${d.span.line}`), ['TS0006 db/main.sql:4', 'TS0004 db/main.sql:5']);
});

test('QUOTED_IDENTIFIER OFF makes "…" a string for later batches; [bracketed] names unescape ]]', () => {
  const r = parse('CREATE TABLE [a]]b] ("x y" int, [select] int)\nGO\nSET QUOTED_IDENTIFIER OFF\nGO\nINSERT INTO [a]]b] VALUES ("text", 1)\nGO\n');
  const t = only(r.objects, 'Table')[0]!;
  assert.deepEqual([t.name.name, t.columns.map((c) => c.name)], ['a]b', ['x y', 'select']]);
  const ins = only(r.objects, 'DataScript')[0]!.statements[0]!;
  assert.ok(ins.kind === 'Insert' && ins.source.kind === 'Values');
  const v = ins.source.rows[0]![0]!;
  assert.deepEqual(v.kind === 'Literal' ? [v.type, v.value] : [], ['string', 'text']);
});

test('BOM and CRLF: positions stay right', () => {
  const r = parse('\uFEFFCREATE TABLE t (a int)\r\nGO\r\nCREATE TABLE u (a nosuchtype(1,2,3))\r\nGO\r\n');
  assert.equal(only(r.objects, 'Table')[0]!.span.line, 1);
  assert.equal(only(r.objects, 'Table')[0]!.span.column, 2); // the BOM counts as one column
  const u = only(r.objects, 'Table')[1]!;
  assert.equal(u.span.line, 3);
  assert.equal(u.columns[0]!.dataType.name, 'user');
});

test('USE, three-part names and N strings', () => {
  const r = parse("USE [Sales]\nGO\nINSERT INTO Sales.dbo.T (a) VALUES (N'x')\n");
  const ds = only(r.objects, 'DataScript')[0]!;
  assert.deepEqual([ds.table.schema, ds.table.name], ['dbo', 'T']);
  const ins = ds.statements[0]!;
  assert.ok(ins.kind === 'Insert' && ins.source.kind === 'Values');
  const v = ins.source.rows[0]![0]!;
  assert.deepEqual(v.kind === 'Literal' ? [v.value, v.national] : [], ['x', true]);
  assert.equal(ins.kind === 'Insert' ? ins.table.catalog : '', 'Sales');
});

test('IF OBJECT_ID(…) IS NULL EXEC(\'CREATE …\') then ALTER: one procedure, the ALTERed one; IF EXISTS … DROP removes', () => {
  const r = parse([
    "IF OBJECT_ID('dbo.p') IS NULL EXEC('CREATE PROCEDURE dbo.p AS RETURN 0')",
    'GO',
    'ALTER PROCEDURE dbo.p @x int AS SELECT @x',
    'GO',
    'CREATE TABLE old_t (a int)',
    'GO',
    "if exists (select * from sysobjects where id = object_id('dbo.old_t')) drop table dbo.old_t",
    'GO',
  ].join('\n'));
  const procs = only(r.objects, 'Routine');
  assert.deepEqual(procs.map((p) => [p.name.name, p.params.map((x) => x.name)]), [['p', ['x']]]);
  assert.equal(only(r.objects, 'Table').length, 0);
  assert.deepEqual(only(r.objects, 'UnparsedObject'), []);
});

test('SET IDENTITY_INSERT is tracked and reported as info; script-control statements are counted once', () => {
  const r = parse('CREATE TABLE t (id int IDENTITY(1,1))\nGO\nSET IDENTITY_INSERT t ON\nINSERT t (id) VALUES (5)\nSET IDENTITY_INSERT t OFF\nGO\nSET NOCOUNT ON\nCHECKPOINT\nGRANT SELECT ON t TO public\nGO\n');
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.severity]), [['TS0018', 'info'], ['TS0008', 'info']]);
  assert.match(r.diagnostics[1]!.message, /^3 script-control/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, body, codes, only, parse } from './helpers.js';
import type { Unparsed } from '../../../../converters/model/index.js';
import { INSERT_EXEC_REASON, readInsertExec } from '../../../../converters/dialects/tsql/index.js';

test('SET ROWCOUNT n / 0 and other session options in code become SessionSet statements', () => {
  const r = parse(`create procedure "Ten Most Expensive Products" AS
SET ROWCOUNT 10
SELECT ProductName, UnitPrice FROM Products ORDER BY UnitPrice DESC
SET ROWCOUNT @n
SET DATEFORMAT dmy
SET XACT_ABORT ON
SET ROWCOUNT 0
GO`);
  assert.deepEqual(codes(r.diagnostics), []);
  const s = body(only(r.objects, 'Routine')[0]!);
  assert.deepEqual(s.map((x) => x.kind), ['SessionSet', 'SqlStatement', 'SessionSet', 'SessionSet', 'SessionSet', 'SessionSet']);
  const sets = s.filter((x) => x.kind === 'SessionSet');
  assert.deepEqual(sets.map((x) => [x.name, typeof x.value === 'string' ? x.value : x.value.kind]),
    [['ROWCOUNT', 'Literal'], ['ROWCOUNT', 'Variable'], ['DATEFORMAT', 'DMY'], ['XACT_ABORT', 'ON'], ['ROWCOUNT', 'Literal']]);
  const first = sets[0]!;
  assert.ok(typeof first.value !== 'string' && first.value.kind === 'Literal');
  assert.equal(String((first.value as { value: unknown }).value), '10');
  assert.equal(first.span.line, 2);
});

test('MERGE with all three WHEN forms, AND conditions, hints and DEFAULT VALUES becomes a Merge statement', () => {
  const r = parse(`CREATE PROCEDURE dbo.sync AS
BEGIN
  MERGE INTO dbo.Target WITH (HOLDLOCK) AS t
  USING (SELECT id, name FROM dbo.Source) AS s ON t.id = s.id
  WHEN MATCHED AND t.name <> s.name THEN UPDATE SET t.name = s.name, t.touched = 1
  WHEN NOT MATCHED BY TARGET THEN INSERT (id, name) VALUES (s.id, s.name)
  WHEN NOT MATCHED BY SOURCE AND t.id > 100 THEN DELETE;
  MERGE dbo.Log l USING dbo.Source s ON l.id = s.id
  WHEN NOT MATCHED THEN INSERT DEFAULT VALUES;
  SELECT 1
END
GO`);
  assert.deepEqual(codes(r.diagnostics), []);
  const blk = body(only(r.objects, 'Routine')[0]!)[0]!;
  assert.ok(blk.kind === 'Block');
  assert.deepEqual(blk.body.map((x) => x.kind), ['SqlStatement', 'SqlStatement', 'SqlStatement']);
  const m = blk.body[0]!;
  assert.ok(m.kind === 'SqlStatement' && m.statement.kind === 'Merge');
  const mg = m.statement;
  assert.equal(mg.target.name.name, 'Target');
  assert.equal(mg.target.alias, 't');
  assert.deepEqual(mg.target.hints, ['HOLDLOCK']);
  assert.equal(mg.source.kind, 'DerivedTable');
  assert.deepEqual(mg.clauses.map((c) => [c.match, c.action.kind, c.condition ? 'and' : '']),
    [['matched', 'update', 'and'], ['not matched', 'insert', ''], ['not matched by source', 'delete', 'and']]);
  const upd = mg.clauses[0]!.action;
  assert.ok(upd.kind === 'update');
  assert.deepEqual(upd.set.map((a) => a.column), [['t', 'name'], ['t', 'touched']]);
  const ins = mg.clauses[1]!.action;
  assert.ok(ins.kind === 'insert' && Array.isArray(ins.values));
  assert.deepEqual(ins.columns, ['id', 'name']);
  const m2 = blk.body[1]!;
  assert.ok(m2.kind === 'SqlStatement' && m2.statement.kind === 'Merge');
  assert.equal(m2.statement.target.alias, 'l');
  const ins2 = m2.statement.clauses[0]!.action;
  assert.ok(ins2.kind === 'insert' && ins2.values === 'default');
});

test('MERGE … OUTPUT is kept as text with a located finding; the next statement is read', () => {
  const r = parse(`CREATE PROCEDURE p AS
MERGE t USING s ON t.id = s.id
WHEN MATCHED THEN DELETE
OUTPUT $action, deleted.id;
SELECT 1
GO`);
  const s = body(only(r.objects, 'Routine')[0]!);
  assert.deepEqual(s.map((x) => x.kind), ['Unparsed', 'SqlStatement']);
  const d = r.diagnostics.filter((x) => x.code === 'TS0010');
  assert.equal(d.length, 1);
  assert.equal(d[0]!.span.line, 4);
  assert.match(d[0]!.message, /OUTPUT/);
});

test('named DEFAULT constraints keep their names; ALTER TABLE … DROP CONSTRAINT DF_x removes the default', () => {
  const r = parse(`CREATE TABLE dbo.t (
  id int NOT NULL,
  qty int CONSTRAINT DF_t_qty DEFAULT ((0)) NOT NULL,
  note nvarchar(10) DEFAULT (N'x'),
  price money NULL
)
GO
ALTER TABLE dbo.t ADD CONSTRAINT DF_t_price DEFAULT (1.5) FOR price
GO
ALTER TABLE dbo.t DROP CONSTRAINT DF_t_qty
GO`);
  assert.deepEqual(codes(r.diagnostics), []);
  const t = only(r.objects, 'Table')[0]!;
  const col = (n: string) => t.columns.find((c) => c.name === n)!;
  assert.equal(col('qty').default, undefined);
  assert.equal(col('qty').defaultName, undefined);
  assert.ok(col('note').default);
  assert.equal(col('note').defaultName, undefined);
  assert.ok(col('price').default);
  assert.equal(col('price').defaultName, 'DF_t_price');
  const r2 = parse(`CREATE TABLE t (qty int CONSTRAINT [DF_q] DEFAULT 0)
GO`);
  assert.equal(only(r2.objects, 'Table')[0]!.columns[0]!.defaultName, 'DF_q');
});

test('OUTPUT … INTO @t / table (cols) is read onto UPDATE, DELETE and INSERT; at script level, and with a second OUTPUT list, it is a located finding', () => {
  const r = parse(`CREATE PROCEDURE p AS
BEGIN
  DECLARE @log TABLE (id int, q int)
  UPDATE items SET qty = qty + 1 OUTPUT inserted.id, deleted.qty INTO @log WHERE id > 0
  DELETE FROM items OUTPUT deleted.id INTO audit (item_id) WHERE qty > 100
  INSERT INTO items (cat) OUTPUT inserted.id AS new_id INTO dbo.audit VALUES ('x')
  UPDATE items SET qty = 0 OUTPUT inserted.id INTO @log (id) OUTPUT inserted.qty
END
GO
INSERT INTO audit (item_id) OUTPUT inserted.item_id INTO @x VALUES (1)
GO`);
  const outer = body(only(r.objects, 'Routine')[0]!);
  const s = outer[0]!.kind === 'Block' ? outer[0]!.body : outer;
  assert.deepEqual(s.map((x) => x.kind), ['VarDecl', 'SqlStatement', 'SqlStatement', 'SqlStatement', 'Unparsed']);
  const into = s.slice(1, 4).map((x) => (x.kind === 'SqlStatement' && x.statement.kind !== 'Select' && 'outputInto' in x.statement ? x.statement.outputInto : undefined));
  assert.deepEqual(into.map((i) => [i?.table.schema, i?.table.name, i?.columns]), [[undefined, '@log', undefined], [undefined, 'audit', ['item_id']], ['dbo', 'audit', undefined]]);
  const upd = s[1]!;
  assert.ok(upd.kind === 'SqlStatement' && upd.statement.kind === 'Update');
  assert.deepEqual(upd.statement.returning?.map((x) => (x.expr.kind === 'ColumnRef' ? x.expr.parts.join('.') : '')), ['inserted.id', 'deleted.qty']);
  assert.deepEqual(at(r.diagnostics, 'TS0010').map((x) => x.split(':')[0]), ['7']);
  assert.deepEqual(r.diagnostics.filter((d) => d.span.line === 10).length, 1, 'script-level INSERT … OUTPUT INTO reported');
  assert.equal(only(r.objects, 'DataScript').length, 0);
});

test('INSERT … EXEC is kept as text (reason INSERT … EXEC, no finding) that readInsertExec reads back; a malformed one is a located finding', () => {
  const r = parse(`CREATE PROCEDURE p AS
INSERT INTO #got (id, qty) EXEC dbo.ItemsOf 'fruit', @MinQty = 2
INSERT @t EXEC ('SELECT 1')
INSERT INTO #got EXEC
GO`);
  const s = body(only(r.objects, 'Routine')[0]!);
  assert.deepEqual(s.slice(0, 2).map((x) => [x.kind, x.kind === 'Unparsed' ? x.reason : '']), [['Unparsed', INSERT_EXEC_REASON], ['Unparsed', INSERT_EXEC_REASON]]);
  assert.ok(s.slice(2).every((x) => x.kind === 'Unparsed' && x.reason !== INSERT_EXEC_REASON && x.span.line === 4));
  const x = readInsertExec(s[0] as Unparsed)!;
  assert.deepEqual([x.table, x.columns, x.exec.kind === 'Call' ? [x.exec.name, x.exec.args.map((a) => a.kind)] : undefined], [{ name: '#got' }, ['id', 'qty'], [{ schema: 'dbo', name: 'ItemsOf' }, ['Literal', 'NamedArg']]]);
  assert.equal(readInsertExec(s[1] as Unparsed)!.exec.kind, 'DynamicSql');
  assert.ok(r.diagnostics.length >= 1 && r.diagnostics.every((d) => d.span.line >= 4), 'only the malformed statement (line 4, reported where its procedure name is missing) is reported');
});

test('PIVOT/UNPIVOT over a derived table become a grouped / UNION ALL derived table; over a plain table they are a located finding', () => {
  const r = parse(`CREATE VIEW pv AS
SELECT yr, [fruit] FROM (SELECT yr, cat, amount FROM sales) AS s PIVOT (SUM(amount) FOR cat IN ([fruit], [2021])) AS p
GO
CREATE VIEW bad AS
SELECT * FROM sales PIVOT (SUM(amount) FOR cat IN ([fruit])) AS p
GO`);
  const v = only(r.objects, 'View')[0]!;
  assert.ok(v.query.kind === 'Select');
  const d = v.query.from[0]!;
  assert.ok(d.kind === 'DerivedTable' && d.alias === 'p' && d.query.kind === 'Select');
  assert.deepEqual(d.query.items.map((i) => i.alias), ['yr', 'fruit', '2021']);
  assert.deepEqual(d.query.groupBy.map((g) => (g.kind === 'ColumnRef' ? g.parts.join('.') : '')), ['s.yr']);
  const lit = (i: number): unknown => { const e = (d.query as { items: { expr: { args: { whens: { when: { right: unknown } }[] }[] } }[] }).items[i]!.expr; return e.args[0]!.whens[0]!.when.right; };
  assert.deepEqual([lit(1), lit(2)].map((x) => (x as { type: string; value: string })).map((x) => [x.type, x.value]), [['string', 'fruit'], ['number', '2021']]);
  assert.deepEqual(at(r.diagnostics, 'TS0010'), ['5:21']);
  assert.match(r.diagnostics.find((x) => x.code === 'TS0010')!.message, /PIVOT over a table/);
});

test('DROP TABLE IF EXISTS #t inside a procedure is a DROP with ifExists (the IF is not read as an IF statement)', () => {
  const r = parse(`CREATE PROCEDURE dbo.p AS
BEGIN
  DROP TABLE IF EXISTS #t;
  DROP TABLE IF EXISTS #a, dbo.b
  CREATE TABLE #t (id int);
  DROP TABLE #t
END
GO`);
  assert.deepEqual(codes(r.diagnostics), []);
  const s = (body(only(r.objects, 'Routine')[0]!)[0] as { body: import('../../../../converters/model/index.js').Statement[] }).body;
  assert.deepEqual(s.map((x) => x.kind === 'DdlStatement' ? [x.action, x.target?.name.name, x.ifExists ?? false] : [x.kind]),
    [['drop', '#t', true], ['drop', '#a', true], ['create', '#t', false], ['drop', '#t', false]]);
  assert.equal(s[0]!.span.line, 3);
});

test('SET TRANSACTION ISOLATION LEVEL inside a routine is a SessionSet with the level; a bad level is a located TS0010', () => {
  const r = parse(`CREATE PROCEDURE dbo.p AS
SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED
SET TRANSACTION ISOLATION LEVEL SNAPSHOT;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ
SELECT 1
GO
CREATE PROCEDURE dbo.q AS
SET TRANSACTION ISOLATION LEVEL CHAOS
GO`);
  const sets = body(only(r.objects, 'Routine')[0]!).filter((x) => x.kind === 'SessionSet');
  assert.deepEqual(sets.map((x) => [x.name, x.value]), [
    ['TRANSACTION ISOLATION LEVEL', 'READ UNCOMMITTED'], ['TRANSACTION ISOLATION LEVEL', 'SNAPSHOT'], ['TRANSACTION ISOLATION LEVEL', 'REPEATABLE READ'],
  ]);
  assert.deepEqual(at(r.diagnostics, 'TS0010'), ['8:33']);
});

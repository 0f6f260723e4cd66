import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, codes, only, parse } from './helpers.js';

test('CREATE TABLE: IDENTITY(seed,step), computed PERSISTED, named DEFAULT and CHECK, ROWGUIDCOL, types, filegroups', () => {
  const r = parse(`CREATE TABLE [dbo].[Items] (
  [Id] bigint IDENTITY(100, 5) NOT NULL CONSTRAINT [PK_Items] PRIMARY KEY CLUSTERED,
  [Guid] uniqueidentifier ROWGUIDCOL NOT NULL CONSTRAINT [DF_Items_Guid] DEFAULT (newid()),
  [Name] nvarchar(max) COLLATE Latin1_General_CI_AS NULL,
  [Qty] int NOT NULL CONSTRAINT [CK_Qty] CHECK ([Qty] >= 0),
  [Price] decimal(9,2) NOT NULL,
  [Total] AS ([Qty] * [Price]) PERSISTED,
  [Flag] bit NOT NULL DEFAULT ((0)),
  [Small] tinyint NULL,
  [At] datetime2(3) NULL,
  [Ver] rowversion,
  [Doc] varbinary(max) NULL,
  CONSTRAINT [UQ_Items_Name] UNIQUE NONCLUSTERED ([Qty] ASC, [Price] DESC) WITH (PAD_INDEX = OFF) ON [PRIMARY]
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO`);
  const t = only(r.objects, 'Table')[0]!;
  const col = (n: string) => t.columns.find((c) => c.name === n)!;
  assert.deepEqual(col('Id').identity, { style: 'byDefault', start: 100, increment: 5 });
  assert.equal(col('Guid').dataType.name, 'uuid');
  assert.equal(col('Guid').default?.kind, 'FunctionCall');
  assert.deepEqual([col('Name').dataType.name, col('Name').dataType.length, col('Name').collation], ['nvarchar', 'max', 'Latin1_General_CI_AS']);
  assert.equal(col('Total').generated?.stored, true);
  assert.equal(col('Total').generated?.expr.kind, 'Binary');
  assert.deepEqual([col('Small').dataType.name, col('Small').dataType.unsigned], ['tinyint', true]);
  assert.deepEqual([col('At').dataType.name, col('At').dataType.fractionalSeconds], ['timestamp', 3]);
  assert.deepEqual([col('Ver').dataType.name, col('Ver').dataType.length], ['binary', 8]);
  assert.deepEqual(t.constraints.map((c) => [c.kind, c.name]), [['PrimaryKey', 'PK_Items'], ['Check', 'CK_Qty'], ['Unique', 'UQ_Items_Name']]);
  const uq = t.constraints[2]!;
  assert.deepEqual(uq.kind === 'Unique' ? uq.columns.map((c) => c.direction) : [], ['asc', 'desc']);
  assert.ok(codes(r.diagnostics).includes('TS0012'), 'rowversion finding');
  assert.ok(codes(r.diagnostics).includes('TS0015'), 'filegroup finding');
});

test('ALTER TABLE: WITH CHECK ADD CONSTRAINT FK, ADD DEFAULT … FOR, NOCHECK CONSTRAINT, ADD column, ALTER COLUMN, DROP', () => {
  const r = parse(`CREATE TABLE p (id int NOT NULL PRIMARY KEY)
CREATE TABLE c (id int NOT NULL, pid int NULL, note varchar(10))
GO
ALTER TABLE [dbo].[c] WITH CHECK ADD CONSTRAINT [FK_c_p] FOREIGN KEY ([pid]) REFERENCES [dbo].[p] ([id]) ON DELETE CASCADE ON UPDATE SET NULL
GO
ALTER TABLE c ADD CONSTRAINT DF_c_pid DEFAULT ((1)) FOR pid
ALTER TABLE c NOCHECK CONSTRAINT FK_c_p
ALTER TABLE c ADD created datetime NOT NULL CONSTRAINT DF_c_created DEFAULT (getdate())
ALTER TABLE c ALTER COLUMN note nvarchar(50) NOT NULL
ALTER TABLE c DROP COLUMN created
GO
ALTER TABLE missing ADD x int
GO`);
  const c = only(r.objects, 'Table')[1]!;
  const fk = c.constraints.find((k) => k.kind === 'ForeignKey')!;
  assert.ok(fk.kind === 'ForeignKey');
  assert.deepEqual([fk.name, fk.onDelete, fk.onUpdate, fk.enforced], ['FK_c_p', 'cascade', 'set null', false]);
  assert.equal(c.columns.find((x) => x.name === 'pid')!.default?.kind, 'Literal');
  const note = c.columns.find((x) => x.name === 'note')!;
  assert.deepEqual([note.dataType.name, note.dataType.length, note.nullable], ['nvarchar', 50, false]);
  assert.deepEqual(c.columns.map((x) => x.name), ['id', 'pid', 'note']);
  assert.deepEqual(at(r.diagnostics, 'TS0016'), ['12:1']);
  assert.equal(only(r.objects, 'UnparsedObject').length, 1);
});

test('CREATE INDEX: UNIQUE NONCLUSTERED, INCLUDE, filtered WHERE, WITH options', () => {
  const r = parse(`CREATE TABLE t (a int, b int, c int)
GO
CREATE UNIQUE NONCLUSTERED INDEX [IX_t] ON [dbo].[t] ([a] ASC, [b] DESC) INCLUDE ([c]) WHERE ([a] IS NOT NULL) WITH (FILLFACTOR = 90, ONLINE = ON) ON [PRIMARY]
GO`);
  const ix = only(r.objects, 'Index')[0]!;
  assert.deepEqual([ix.name, ix.unique, ix.columns.map((c) => `${c.column} ${c.direction}`), ix.include, ix.where?.kind], ['IX_t', true, ['a asc', 'b desc'], ['c'], 'IsTest']);
});

test('types: CREATE TYPE FROM (alias), AS TABLE (table type); sequences, synonyms, schemas; CLR → action item', () => {
  const r = parse(`CREATE SCHEMA sales AUTHORIZATION dbo
GO
CREATE TYPE dbo.Phone FROM varchar(20) NOT NULL
GO
CREATE TYPE dbo.IdList AS TABLE (id int NOT NULL PRIMARY KEY, label nvarchar(10))
GO
CREATE SEQUENCE sales.OrderNo AS bigint START WITH 1000 INCREMENT BY 10 CACHE 50
GO
CREATE SYNONYM dbo.Ord FOR sales.Orders
GO
CREATE FUNCTION dbo.clr_fn(@s nvarchar(100)) RETURNS int AS EXTERNAL NAME Asm.[Ns.Cls].Fn
GO`);
  assert.deepEqual(only(r.objects, 'Schema').map((s) => s.name.name), ['sales']);
  const d = only(r.objects, 'Domain')[0]!;
  assert.deepEqual([d.name.name, d.baseType.name, d.baseType.length, d.notNull], ['Phone', 'varchar', 20, true]);
  assert.deepEqual(only(r.objects, 'CompositeType')[0]!.attributes.map((a) => a.name), ['id', 'label']);
  const s = only(r.objects, 'Sequence')[0]!;
  assert.deepEqual([s.name.schema, s.start, s.increment, s.cache, s.dataType?.name], ['sales', 1000, 10, 50, 'bigint']);
  assert.deepEqual(only(r.objects, 'Synonym').map((x) => [x.name.name, x.target.schema, x.target.name]), [['Ord', 'sales', 'Orders']]);
  assert.deepEqual(at(r.diagnostics, 'TS0013'), ['11:1']);
  assert.equal(only(r.objects, 'UnparsedObject').length, 1);
});

test('views: WITH SCHEMABINDING, TOP … PERCENT, CHECK OPTION, alias = expr, CONVERT style, table hints', () => {
  const r = parse(`CREATE VIEW dbo.v WITH SCHEMABINDING AS
SELECT TOP (10) PERCENT WITH TIES Label = o.name, CONVERT(varchar(10), o.created, 112) AS d, TRY_CONVERT(int, o.code) AS n,
  IIF(o.qty > 0, 'y', 'n') AS has
FROM dbo.orders o WITH (NOLOCK) ORDER BY o.name
WITH CHECK OPTION
GO`);
  const v = only(r.objects, 'View')[0]!;
  assert.equal(v.query.kind, 'Select');
  const q = v.query.kind === 'Select' ? v.query : undefined!;
  assert.deepEqual([q.limit?.kind, q.limitPercent, q.withTies], ['Literal', true, true]);
  assert.deepEqual(q.items.map((i) => i.alias), ['Label', 'd', 'n', 'has']);
  const conv = q.items[1]!.expr;
  assert.ok(conv.kind === 'Cast');
  assert.deepEqual([conv.type.name, conv.type.length, conv.style?.kind === 'Literal' ? conv.style.value : ''], ['varchar', 10, '112']);
  const tc = q.items[2]!.expr;
  assert.ok(tc.kind === 'Cast' && tc.try === true);
  const from = q.from[0]!;
  assert.deepEqual(from.kind === 'TableRef' ? from.hints : [], ['NOLOCK']);
  assert.equal(v.checkOption, 'cascaded');
});

test('SQL additions: CROSS/OUTER APPLY (lateral joins), SELECT … INTO #temp, OUTPUT (returning), FOR XML PATH (modifier), OUTPUT INTO (outputInto)', () => {
  const r = parse(`CREATE PROCEDURE p AS
SELECT o.id, x.total FROM dbo.orders o CROSS APPLY (SELECT SUM(l.qty) AS total FROM dbo.lines l WHERE l.oid = o.id) x
SELECT o.id INTO #ids FROM dbo.orders o OUTER APPLY dbo.fn(o.id) f
INSERT INTO dbo.t (a) OUTPUT inserted.id VALUES (1)
DELETE FROM dbo.t OUTPUT deleted.id WHERE a = 1
SELECT name FROM dbo.t FOR XML PATH('row'), ROOT('rows')
UPDATE dbo.t SET a = 2 OUTPUT inserted.a INTO @log WHERE a = 1
GO`);
  const b = only(r.objects, 'Routine')[0]!;
  const st = b.body.kind === 'Block' ? b.body.body : [];
  const s0 = st[0]!;
  assert.ok(s0.kind === 'SqlStatement' && s0.statement.kind === 'Select');
  const j = s0.statement.from[0]!;
  assert.ok(j.kind === 'Join' && j.type === 'cross' && j.lateral && j.right.kind === 'DerivedTable' && j.right.lateral);
  const s1 = st[1]!;
  assert.ok(s1.kind === 'SqlStatement' && s1.statement.kind === 'Select');
  assert.deepEqual(s1.statement.intoTable, { name: { name: '#ids' }, temporary: true });
  const j1 = s1.statement.from[0]!;
  assert.ok(j1.kind === 'Join' && j1.type === 'left' && j1.right.kind === 'TableFunction' && j1.right.lateral);
  const s2 = st[2]!, s3 = st[3]!;
  assert.ok(s2.kind === 'SqlStatement' && s2.statement.kind === 'Insert' && s2.statement.returning?.length === 1);
  assert.ok(s3.kind === 'SqlStatement' && s3.statement.kind === 'Delete' && s3.statement.returning?.length === 1);
  const s4 = st[4]!;
  assert.ok(s4.kind === 'SqlStatement' && s4.statement.kind === 'Select');
  assert.deepEqual(s4.statement.modifiers, ["FOR XML PATH('row'), ROOT('rows')"]);
  const s5 = st[5]!;
  assert.ok(s5.kind === 'SqlStatement' && s5.statement.kind === 'Update' && s5.statement.returning?.length === 1);
  assert.deepEqual(s5.statement.outputInto, { table: { name: '@log' } });
  assert.deepEqual(r.diagnostics, []);
});

test('varchar without a length is varchar(1) in declarations but varchar(30) in CAST and CONVERT', () => {
  const r = parse("CREATE PROCEDURE p @a varchar AS SELECT CAST(@a AS varchar) AS x, CONVERT(nvarchar, GETDATE(), 113) AS y\nGO");
  const proc = only(r.objects, 'Routine')[0]!;
  assert.equal(proc.params[0]!.dataType.length, 1);
  const st = proc.body.kind === 'Block' ? proc.body.body[0] : undefined;
  assert.ok(st?.kind === 'SqlStatement' && st.statement.kind === 'Select');
  assert.deepEqual(st.statement.items.map((i) => (i.expr.kind === 'Cast' ? i.expr.type.length : 0)), [30, 30]);
});

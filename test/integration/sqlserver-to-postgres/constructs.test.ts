// T-SQL constructs that used to stay action items, converted and run on PostgreSQL: #temp tables and
// table variables (with a callee seeing its caller's #temp table), WAITFOR DELAY, sp_executesql
// with parameters, FOR XML PATH('') string aggregation. Expected values are what SQL Server returns
// for the original text (worked out by hand in the comments).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertTsql, diagnosticsOf, notConverted, plpgsqlCheck } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('ms_constructs'); });
after(async () => { if (!skip) await db.drop(); });

/** Converts a T-SQL script (dbo objects land in `schema`), applies it and checks every routine; returns the finding codes. */
async function run(schema: string, script: string): Promise<string[]> {
  const { result } = convertTsql(script, `${schema}.sql`, { schemaMap: { dbo: schema } });
  assert.deepEqual(notConverted(result), [], 'every object converts');
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema}, public`);
  await applyOn(db, result);
  assert.deepEqual(await plpgsqlCheck(db, [schema]), [], 'plpgsql_check');
  return diagnosticsOf(result).map((d) => d.code);
}
const rows = (sql: string) => db.query(sql);

const ITEMS = `CREATE TABLE items (id int PRIMARY KEY, cat varchar(10), qty int)
GO
INSERT INTO items VALUES (1, 'fruit', 5)
INSERT INTO items VALUES (2, 'veg', 1)
INSERT INTO items VALUES (3, 'fruit', 7)
INSERT INTO items VALUES (4, 'nuts', NULL)
GO
`;

test('#temp table filled by a called procedure and a table variable; a second call starts from empty tables', { skip }, async () => {
  const codes = await run('ms_temp', `${ITEMS}
CREATE PROCEDURE fill_work @min int AS
BEGIN
  -- #work belongs to the caller: SQL Server lets the callee see it.
  INSERT INTO #work (id, qty) SELECT id, qty FROM items WHERE qty >= @min
END
GO
CREATE PROCEDURE summary @min int, @n int OUTPUT, @total int OUTPUT AS
BEGIN
  SET NOCOUNT ON
  CREATE TABLE #work (id int, qty int)
  DECLARE @t TABLE (id int PRIMARY KEY, doubled int)
  EXEC fill_work @min
  INSERT INTO @t (id, doubled) SELECT id, qty * 2 FROM #work
  SELECT @n = COUNT(*), @total = SUM(doubled) FROM @t
  DROP TABLE #work
END
GO`);
  assert.ok(codes.includes('TG0053'));
  // qty >= 2: items 1 (5) and 3 (7) → 2 rows, doubled 10 + 14 = 24.
  assert.deepEqual(await rows('CALL summary(2, NULL, NULL)'), [{ n: 2, total: 24 }]);
  // Same session and transaction again: the tables are created afresh (not "already exists", not holding the first call's rows).
  await db.query('BEGIN');
  try {
    assert.deepEqual(await rows('CALL summary(6, NULL, NULL)'), [{ n: 1, total: 14 }]);
    assert.deepEqual(await rows('CALL summary(1, NULL, NULL)'), [{ n: 3, total: 26 }]);
  } finally { await db.query('COMMIT'); }
  // ON COMMIT DROP: nothing is left in the session after the transaction.
  assert.deepEqual(await rows(`SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('#work', '@t') AND relpersistence = 't'`), [{ n: 0 }]);
});

test("WAITFOR DELAY '00:00:00.300' sleeps 0.3 s", { skip }, async () => {
  const codes = await run('ms_wait', `CREATE PROCEDURE pause AS
BEGIN
  WAITFOR DELAY '00:00:00.300'
END
GO`);
  assert.ok(codes.includes('TG0054'));
  const t = performance.now();
  await db.query('CALL pause()');
  const elapsed = performance.now() - t;
  assert.ok(elapsed >= 290 && elapsed < 3000, `slept ${elapsed} ms`);
});

test('sp_executesql with positional and named parameters (used twice, out of order) binds them like SQL Server', { skip }, async () => {
  await run('ms_dyn', `${ITEMS}
CREATE PROCEDURE set_qty @id int, @q int AS
BEGIN
  -- positional values follow the declaration order: @newq = @q, @key = @id
  EXEC sp_executesql N'UPDATE items SET qty = @newq WHERE id = @key OR (@key = 0 AND qty IS NULL)', N'@newq int, @key int', @q, @id
  -- named values in any order; the text mentions '@key' inside a string, which is not a parameter
  EXEC sp_executesql N'UPDATE items SET cat = CONCAT(@c, ''@key'') WHERE id = @key', N'@key int, @c varchar(10)', @c = 'x', @key = @id
END
GO`);
  await db.query('CALL set_qty(2, 42)');
  await db.query('CALL set_qty(0, 9)');
  assert.deepEqual(await rows('SELECT id, cat, qty FROM items ORDER BY id'), [
    { id: 1, cat: 'fruit', qty: 5 },
    { id: 2, cat: 'x@key', qty: 42 },
    { id: 3, cat: 'fruit', qty: 7 },
    { id: 4, cat: 'nuts', qty: 9 },
  ]);
});

test("STUFF((SELECT ',' + x … ORDER BY … FOR XML PATH('')), 1, 1, '') → string_agg: order kept, NULLs skipped, no rows → NULL, & < > escaped", { skip }, async () => {
  const codes = await run('ms_xml', `${ITEMS}
INSERT INTO items VALUES (5, 'a&b<c>', 2)
GO
CREATE VIEW cat_list AS SELECT STUFF((SELECT ',' + cat FROM items ORDER BY id DESC FOR XML PATH('')), 1, 1, '') AS list
GO
CREATE VIEW qty_by_cat AS
SELECT DISTINCT i.cat, STUFF((SELECT ',' + CAST(i2.qty AS varchar(10)) FROM items i2 WHERE i2.cat = i.cat ORDER BY i2.id FOR XML PATH('')), 1, 1, '') AS qtys
FROM items i
GO`);
  assert.ok(codes.includes('TG0055'));
  // FOR XML PATH('') escapes the text of each row: a&b<c> reads back as a&amp;b&lt;c&gt;.
  assert.deepEqual(await rows('SELECT list FROM cat_list'), [{ list: 'a&amp;b&lt;c&gt;,nuts,fruit,veg,fruit' }]);
  // nuts has only a NULL qty: ',' + NULL is NULL, FOR XML skips it, no text at all → NULL, and STUFF(NULL …) is NULL.
  assert.deepEqual(await rows('SELECT cat, qtys FROM qty_by_cat ORDER BY cat'), [
    { cat: 'a&b<c>', qtys: '2' },
    { cat: 'fruit', qtys: '5,7' },
    { cat: 'nuts', qtys: null },
    { cat: 'veg', qtys: '1' },
  ]);
});

test('OUTPUT … INTO a table variable and a table from UPDATE, DELETE and INSERT (data-modifying CTEs); @@ROWCOUNT after it', { skip }, async () => {
  const codes = await run('ms_outinto', `CREATE TABLE items (id int IDENTITY(1,1) PRIMARY KEY, cat varchar(10), qty int)
GO
CREATE TABLE audit (item_id int, new_qty int, note varchar(20) DEFAULT 'x')
GO
INSERT INTO items (cat, qty) VALUES ('a', 5)
INSERT INTO items (cat, qty) VALUES ('b', NULL)
INSERT INTO items (cat, qty) VALUES ('c', 99)
GO
CREATE PROCEDURE bump @d int AS
BEGIN
  DECLARE @log TABLE (id int, q int)
  UPDATE items SET qty = qty + @d OUTPUT inserted.id, inserted.qty INTO @log WHERE qty IS NOT NULL
  INSERT INTO audit (item_id, new_qty) SELECT id, q FROM @log
  DELETE FROM items OUTPUT deleted.id, deleted.qty INTO audit (item_id, new_qty) WHERE qty > 100
  INSERT INTO items (cat, qty) OUTPUT inserted.id, inserted.qty INTO audit (item_id, new_qty) VALUES ('new', @d)
  SELECT @@ROWCOUNT AS n
END
GO`);
  assert.ok(codes.includes('TG0057'));
  // UPDATE: items 1 (5 → 7) and 3 (99 → 101) into @log, then audit; DELETE: item 3 (101) into audit; INSERT: item 4 (qty 2) into audit.
  const [r] = await rows('SELECT * FROM bump(2)');
  assert.equal(Number(r!.n), 1, '@@ROWCOUNT of the last INSERT … OUTPUT INTO');
  assert.deepEqual(await rows('SELECT item_id, new_qty, note FROM audit ORDER BY item_id, new_qty'), [
    { item_id: 1, new_qty: 7, note: 'x' },
    { item_id: 3, new_qty: 101, note: 'x' },
    { item_id: 3, new_qty: 101, note: 'x' },
    { item_id: 4, new_qty: 2, note: 'x' },
  ]);
  assert.deepEqual(await rows('SELECT id, cat, qty FROM items ORDER BY id'), [
    { id: 1, cat: 'a', qty: 7 }, { id: 2, cat: 'b', qty: null }, { id: 4, cat: 'new', qty: 2 },
  ]);
});

test('INSERT … EXEC of a procedure that returns rows (positional, default and named arguments) → INSERT … SELECT * FROM the function', { skip }, async () => {
  const codes = await run('ms_insexec', `CREATE TABLE Items (Id int PRIMARY KEY, Cat varchar(10), Qty int)
GO
INSERT INTO Items VALUES (1, 'fruit', 5)
INSERT INTO Items VALUES (2, 'veg', 1)
INSERT INTO Items VALUES (3, 'fruit', 7)
INSERT INTO Items VALUES (4, 'veg', 3)
GO
CREATE PROCEDURE dbo.ItemsOf @Cat varchar(10), @MinQty int = 0 AS
  SELECT Id, Qty FROM Items WHERE Cat = @Cat AND Qty >= @MinQty ORDER BY Id
GO
CREATE PROCEDURE Collect @n int OUTPUT, @total int OUTPUT AS
BEGIN
  CREATE TABLE #got (id int, qty int)
  INSERT INTO #got (id, qty) EXEC dbo.ItemsOf 'fruit'
  INSERT #got EXEC ItemsOf @MinQty = 2, @Cat = 'veg'
  SELECT @n = COUNT(*), @total = SUM(qty) FROM #got
END
GO`);
  assert.ok(codes.includes('TG0058'));
  // fruit with qty >= 0: items 1 (5) and 3 (7); veg with qty >= 2: item 4 (3) → 3 rows, 15 in all.
  assert.deepEqual(await rows('CALL collect(NULL, NULL)'), [{ n: 3, total: 15 }]);
});

test('EXEC of a procedure that returns rows, inside one that returns rows: both row sets, the callee\'s first', { skip }, async () => {
  const codes = await run('ms_execrows', `CREATE TABLE Items (Id int PRIMARY KEY, Cat varchar(10), Qty int)
GO
INSERT INTO Items VALUES (1, 'fruit', 5)
INSERT INTO Items VALUES (2, 'veg', 1)
INSERT INTO Items VALUES (3, 'fruit', 700)
GO
CREATE PROCEDURE ItemsOf @Cat varchar(10) AS
  SELECT Id, Qty FROM Items WHERE Cat = @Cat ORDER BY Id
GO
CREATE PROCEDURE Report AS
BEGIN
  EXEC ItemsOf 'veg'
  SELECT Id, Qty FROM Items WHERE Qty > 100
END
GO`);
  assert.ok(codes.includes('TG0059'));
  // SQL Server sends ItemsOf's rows (veg: item 2) and then Report's own (qty > 100: item 3).
  assert.deepEqual(await rows('SELECT * FROM report()'), [{ id: 2, qty: 1 }, { id: 3, qty: 700 }]);
});

test('PIVOT (SUM / COUNT … FOR c IN ([x], [y])) and UNPIVOT (NULLs left out) return SQL Server\'s rows', { skip }, async () => {
  await run('ms_pivot', `CREATE TABLE sales (yr int, cat varchar(10), amount decimal(10,2))
GO
INSERT INTO sales VALUES (2020, 'fruit', 10)
INSERT INTO sales VALUES (2020, 'fruit', 5)
INSERT INTO sales VALUES (2020, 'veg', 3)
INSERT INTO sales VALUES (2021, 'veg', 7)
INSERT INTO sales VALUES (2021, 'nuts', 1)
GO
CREATE VIEW pv AS
SELECT yr, [fruit], [veg] FROM (SELECT yr, cat, amount FROM sales) AS s
PIVOT (SUM(amount) FOR cat IN ([fruit], [veg])) AS p
GO
CREATE VIEW pc AS
SELECT * FROM (SELECT yr, cat, amount FROM sales) s PIVOT (COUNT(amount) FOR cat IN (fruit, nuts)) p
GO
CREATE VIEW uv AS
SELECT yr, cat, amount FROM (SELECT yr, fruit, veg FROM pv) AS w UNPIVOT (amount FOR cat IN (fruit, veg)) AS u
GO`);
  // 2020: fruit 10 + 5, veg 3; 2021: no fruit (NULL), veg 7; nuts is not in the IN list.
  assert.deepEqual(await rows('SELECT yr, fruit::float AS fruit, veg::float AS veg FROM pv ORDER BY yr'), [{ yr: 2020, fruit: 15, veg: 3 }, { yr: 2021, fruit: null, veg: 7 }]);
  // COUNT over no rows is 0, not NULL.
  assert.deepEqual(await rows('SELECT yr, fruit::int AS fruit, nuts::int AS nuts FROM pc ORDER BY yr'), [{ yr: 2020, fruit: 2, nuts: 0 }, { yr: 2021, fruit: 0, nuts: 1 }]);
  // UNPIVOT drops the NULL (2021, fruit).
  assert.deepEqual(await rows('SELECT yr, cat, amount::float AS amount FROM uv ORDER BY yr, cat'), [
    { yr: 2020, cat: 'fruit', amount: 15 }, { yr: 2020, cat: 'veg', amount: 3 }, { yr: 2021, cat: 'veg', amount: 7 },
  ]);
});

test('variables named like a #temp table column are renamed (no ambiguous reference in PL/pgSQL)', { skip }, async () => {
  await run('ms_tempvars', `CREATE PROCEDURE pick @qty int, @n int OUTPUT AS
BEGIN
  DECLARE @id int = 2
  CREATE TABLE #t (id int, qty int)
  INSERT INTO #t VALUES (1, 5)
  INSERT INTO #t VALUES (2, 7)
  SELECT @n = qty + @qty FROM #t WHERE id = @id
END
GO`);
  // Row id 2 has qty 7: 7 + 10.
  assert.deepEqual(await rows('CALL pick(10, NULL)'), [{ n: 17 }]);
});

test('DROP TABLE IF EXISTS #t and SET TRANSACTION ISOLATION LEVEL inside a procedure: the SET is dropped with TG0060, the call works twice', { skip }, async () => {
  const { result } = convertTsql(`CREATE PROCEDURE gp @min int AS
BEGIN
  SET NOCOUNT ON;
  SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;
  DROP TABLE IF EXISTS #t;
  CREATE TABLE #t (id int, qty int);
  INSERT INTO #t SELECT id, qty FROM items WHERE qty >= @min;
  SELECT id, qty FROM #t ORDER BY id;
END
GO`, 'ms_gaps.sql', { schemaMap: { dbo: 'ms_gaps' } });
  const tg = diagnosticsOf(result).filter((d) => d.code === 'TG0060');
  assert.equal(tg.length, 1);
  assert.match(tg[0]!.message, /READ UNCOMMITTED behaves as READ COMMITTED/);
  assert.equal(tg[0]!.span.line, 4);
  const text = result.objects.flatMap((o) => o.statements).join('\n');
  assert.doesNotMatch(text, /ISOLATION/);
  // The source DROP and the one the #temp lowering puts before CREATE are the same statement: printed once.
  assert.equal(text.match(/DROP TABLE IF EXISTS "#t"/g)?.length, 1);
  const codes = await run('ms_gaps', `${ITEMS}
CREATE PROCEDURE gp @min int AS
BEGIN
  SET NOCOUNT ON;
  SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;
  DROP TABLE IF EXISTS #t;
  CREATE TABLE #t (id int, qty int);
  INSERT INTO #t SELECT id, qty FROM items WHERE qty >= @min;
  SELECT id, qty FROM #t ORDER BY id;
END
GO`);
  assert.ok(codes.includes('TG0060'));
  // Items with qty >= 5: 1 (5) and 3 (7); a second call in the same transaction starts from an empty #t.
  await db.query('BEGIN');
  for (let i = 0; i < 2; i++) assert.deepEqual(await rows('SELECT * FROM gp(5)'), [{ id: 1, qty: 5 }, { id: 3, qty: 7 }]);
  await db.query('COMMIT');
});

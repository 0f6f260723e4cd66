// MERGE, CROSS/OUTER APPLY, OUTPUT … INTO and GOTO inside T-SQL stored programs, converted to
// MariaDB and run there. Expected rows are what SQL Server gives for the original text (worked out
// in the comments); the forms with no exact MySQL equivalent must stay located action items.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { ConvertResult } from '../../../converters/index.js';
import { freshMysqlDatabase, mysqlUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyConverted, convertForMariadb, diagnosticsOf, numbers } from './helpers.js';

const skip = !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_MYSQL_URL not set' : false;
let db: FreshDatabase | undefined;
before(async () => { if (!skip) db = await freshMysqlDatabase('tm_merge'); }, { timeout: 60_000 });
after(async () => { await db?.drop(); }, { timeout: 60_000 });

const run = (sql: string): ConvertResult => convertForMariadb(sql, 'm.sql');
const diags = diagnosticsOf;
const text = (r: ConvertResult, name: string) => r.objects.find((o) => o.ref.name === name)!.statements.join('\n');
const apply = (r: ConvertResult) => applyConverted(db!, r);
const num = numbers;
const rows = async (sql: string) => num(await db!.query(sql));
const call = async (sql: string) => num((await db!.query(sql))[0] as unknown as unknown[]);

test('MERGE with WHEN MATCHED / NOT MATCHED / NOT MATCHED BY SOURCE in a procedure: same rows as SQL Server, @@ROWCOUNT counts every row touched', { skip, timeout: 60_000 }, async () => {
  const r = run(`CREATE TABLE mt (id int PRIMARY KEY, qty int, note varchar(20))
GO
CREATE TABLE ms (id int PRIMARY KEY, qty int)
GO
CREATE PROCEDURE msync @n int OUTPUT AS
BEGIN
  MERGE mt AS t USING ms AS s ON t.id = s.id
  WHEN MATCHED AND s.qty = 0 THEN DELETE
  WHEN MATCHED THEN UPDATE SET t.qty = s.qty, note = 'upd'
  WHEN NOT MATCHED BY TARGET THEN INSERT (id, qty, note) VALUES (s.id, s.qty, 'new')
  WHEN NOT MATCHED BY SOURCE AND t.qty > 100 THEN DELETE
  WHEN NOT MATCHED BY SOURCE THEN UPDATE SET note = 'orphan';
  SET @n = @@ROWCOUNT;
END
GO`);
  // MATCHED DELETE with NOT MATCHED INSERT: the rows to insert are picked into a temporary table before the DELETE.
  assert.ok(!diags(r).some((d) => d.code === 'TM0024'), JSON.stringify(diags(r)));
  await apply(r);
  assert.ok(diags(r).some((d) => d.code === 'TM0058' && d.span?.line === 7));
  await db!.query('INSERT INTO mt VALUES (1, 10, NULL), (2, 20, NULL), (3, 300, NULL), (4, 40, NULL)');
  await db!.query('INSERT INTO ms VALUES (1, 11), (2, 0), (5, 50)');
  // 1 matched → qty 11 'upd'; 2 matched with qty 0 → deleted; 5 not in mt → inserted 'new';
  // 3 (qty 300 > 100) not in ms → deleted; 4 not in ms → 'orphan'. Rows affected: 5.
  await db!.query('SET @n = -1');
  await db!.query('CALL msync(@n)');
  assert.deepEqual(await rows('SELECT id, qty, note FROM mt ORDER BY id'), [
    { id: 1, qty: 11, note: 'upd' }, { id: 4, qty: 40, note: 'orphan' }, { id: 5, qty: 50, note: 'new' },
  ]);
  assert.deepEqual(await rows('SELECT @n AS n'), [{ n: 5 }]);
});

test('MERGE into a #temp table without alias and from a table variable: names follow the temporary tables', { skip, timeout: 60_000 }, async () => {
  const r = run(`CREATE PROCEDURE mtemp AS
BEGIN
  DECLARE @src TABLE (id int, qty int);
  INSERT INTO @src VALUES (1, 10), (3, 30);
  CREATE TABLE #t (id int PRIMARY KEY, qty int);
  INSERT INTO #t VALUES (1, 1), (2, 2);
  MERGE #t USING @src AS s ON #t.id = s.id
  WHEN MATCHED THEN UPDATE SET qty = s.qty
  WHEN NOT MATCHED THEN INSERT (id, qty) VALUES (s.id, s.qty)
  WHEN NOT MATCHED BY SOURCE THEN DELETE;
  SELECT id, qty FROM #t ORDER BY id;
END
GO`);
  await apply(r);
  assert.deepEqual(await call('CALL mtemp()'), [{ id: 1, qty: 10 }, { id: 3, qty: 30 }]);
});

test('MERGE upsert on the primary key (one MATCHED UPDATE, one NOT MATCHED INSERT) becomes INSERT … ON DUPLICATE KEY UPDATE with the same rows', { skip, timeout: 60_000 }, async () => {
  const r = run(`CREATE TABLE ut (code varchar(10) PRIMARY KEY, qty int, seen int)
GO
CREATE TABLE us (code varchar(10) PRIMARY KEY, qty int)
GO
CREATE PROCEDURE uload AS
  MERGE INTO ut USING (SELECT code, qty FROM us WHERE qty IS NOT NULL) AS s ON ut.code = s.code
  WHEN MATCHED THEN UPDATE SET qty = ut.qty + s.qty, seen = ut.seen + 1
  WHEN NOT MATCHED THEN INSERT (code, qty, seen) VALUES (s.code, s.qty, 1);
GO`);
  await apply(r);
  assert.match(text(r, 'uload'), /ON DUPLICATE KEY UPDATE/);
  assert.ok(diags(r).some((d) => d.code === 'TM0059'));
  await db!.query("INSERT INTO ut VALUES ('a', 1, 1), ('b', 2, 1)");
  await db!.query("INSERT INTO us VALUES ('a', 10), ('c', 30), ('d', NULL)");
  // a: 1 + 10, seen 2; b untouched; c inserted; d filtered out by the source query.
  await db!.query('CALL uload()');
  assert.deepEqual(await rows('SELECT code, qty, seen FROM ut ORDER BY code'), [
    { code: 'a', qty: 11, seen: 2 }, { code: 'b', qty: 2, seen: 1 }, { code: 'c', qty: 30, seen: 1 },
  ]);
});

test('MERGE forms with no exact statement order stay located TM0024 action items', () => {
  const r = run(`CREATE TABLE xt (id int PRIMARY KEY, qty int)
GO
CREATE TABLE xs (id int PRIMARY KEY, qty int)
GO
CREATE PROCEDURE xa AS
BEGIN
  SET NOCOUNT ON;
  MERGE xt USING (SELECT id, qty FROM xt) AS s ON xt.id = s.id
  WHEN MATCHED THEN DELETE
  WHEN NOT MATCHED THEN INSERT (id, qty) VALUES (s.id, s.qty);
END
GO
CREATE PROCEDURE xb AS
  MERGE xt AS t USING xs AS s ON t.id = s.qty
  WHEN MATCHED THEN UPDATE SET t.id = s.id;
GO`);
  const xa = r.objects.find((o) => o.ref.name === 'xa')!;
  assert.equal(xa.status, 'not-converted');
  const a = xa.diagnostics.find((d) => d.code === 'TM0024')!;
  assert.equal(a.span?.line, 8);
  assert.match(a.message, /the source reads the target table/);
  const b = r.objects.find((o) => o.ref.name === 'xb')!.diagnostics.find((d) => d.code === 'TM0024')!;
  assert.match(b.message, /updates t\.id, which its ON condition reads/);
  assert.equal(b.span?.line, 14);
});

test('CROSS APPLY (TOP 1 … ORDER BY) and OUTER APPLY (aggregate) become correlated subqueries on MariaDB: same rows', { skip, timeout: 60_000 }, async () => {
  const r = run(`CREATE TABLE ac (id int PRIMARY KEY, name varchar(10))
GO
CREATE TABLE ao (id int PRIMARY KEY, cust int, amount int)
GO
CREATE PROCEDURE alast AS
  SELECT c.name, o.id AS last_id, o.amount
  FROM ac c CROSS APPLY (SELECT TOP 1 id, amount FROM ao WHERE ao.cust = c.id ORDER BY id DESC) o
  ORDER BY c.name;
GO
CREATE VIEW atotal AS
  SELECT c.name, t.total, t.n FROM ac c OUTER APPLY (SELECT SUM(amount) AS total, COUNT(*) AS n FROM ao WHERE ao.cust = c.id) t
GO`);
  await apply(r);
  assert.ok(diags(r).some((d) => d.code === 'TM0060'));
  await db!.query("INSERT INTO ac VALUES (1, 'ann'), (2, 'bob'), (3, 'cy')");
  await db!.query('INSERT INTO ao VALUES (10, 1, 5), (11, 1, 7), (12, 2, 9)');
  // CROSS APPLY drops cy (no orders); the last order of ann is 11.
  assert.deepEqual(await call('CALL alast()'), [{ name: 'ann', last_id: 11, amount: 7 }, { name: 'bob', last_id: 12, amount: 9 }]);
  // OUTER APPLY of an aggregate: one row per customer, SUM NULL and COUNT 0 for cy.
  assert.deepEqual(await rows('SELECT name, total, n FROM atotal ORDER BY name'), [
    { name: 'ann', total: 12, n: 2 }, { name: 'bob', total: 9, n: 1 }, { name: 'cy', total: null, n: 0 },
  ]);
});

test('CROSS APPLY of a query giving several rows, or of a table-valued function: a located TM0024 on MariaDB', () => {
  const r = run(`CREATE TABLE bc (id int PRIMARY KEY)
GO
CREATE TABLE bo (id int PRIMARY KEY, cust int)
GO
CREATE PROCEDURE ball AS
BEGIN
  SELECT c.id, o.id FROM bc c
    CROSS APPLY (SELECT TOP 2 id FROM bo WHERE bo.cust = c.id ORDER BY id) o;
END
GO
CREATE PROCEDURE bsplit @s varchar(100) AS
  SELECT c.id, x.value FROM bc c CROSS APPLY STRING_SPLIT(@s, ',') x;
GO`);
  for (const [name, line, why] of [['ball', 8, /several rows/], ['bsplit', 12, /table-valued function/]] as const) {
    const o = r.objects.find((x) => x.ref.name === name)!;
    assert.equal(o.status, 'not-converted');
    const d = o.diagnostics.find((x) => x.code === 'TM0024')!;
    assert.equal(d.span?.line, line);
    assert.match(d.message, why);
  }
});

test('OUTPUT … INTO a table variable / table in procedures: DELETE (deleted), UPDATE (deleted and inserted), INSERT (inserted identity) give the OUTPUT rows', { skip, timeout: 60_000 }, async () => {
  const r = run(`CREATE TABLE oi (id int IDENTITY(1,1) PRIMARY KEY, name varchar(10), qty int)
GO
CREATE TABLE olog (what varchar(10), id int, old_qty int, new_qty int)
GO
CREATE PROCEDURE oadd AS
BEGIN
  DECLARE @ids TABLE (id int, name varchar(10));
  INSERT INTO oi (name, qty) OUTPUT inserted.id, inserted.name INTO @ids (id, name)
  SELECT v.name, v.qty FROM (SELECT 'a' AS name, 1 AS qty UNION ALL SELECT 'b', 2 UNION ALL SELECT 'c', 3) AS v;
  INSERT INTO olog (what, id, new_qty) SELECT 'ins', i.id, NULL FROM @ids i;
  SELECT id, name FROM @ids ORDER BY id;
END
GO
CREATE PROCEDURE obump @min int, @n int OUTPUT AS
BEGIN
  UPDATE oi SET qty = qty * 10 OUTPUT 'upd', inserted.id, deleted.qty, inserted.qty INTO olog (what, id, old_qty, new_qty) WHERE qty >= @min;
  SET @n = @@ROWCOUNT;
  DELETE FROM oi OUTPUT 'del', deleted.id, deleted.qty INTO olog (what, id, old_qty) WHERE qty > 25;
END
GO`);
  await apply(r);
  assert.ok(diags(r).some((d) => d.code === 'TM0062'));
  await db!.query("INSERT INTO oi (name, qty) VALUES ('x', 0)");
  // ids 2, 3, 4 generated for a, b, c.
  assert.deepEqual(await call('CALL oadd()'), [{ id: 2, name: 'a' }, { id: 3, name: 'b' }, { id: 4, name: 'c' }]);
  await db!.query('SET @n = 0');
  await db!.query('CALL obump(2, @n)');
  assert.deepEqual(await rows('SELECT @n AS n'), [{ n: 2 }]);
  // b (2 → 20) and c (3 → 30) updated; then c (30 > 25) deleted.
  assert.deepEqual(await rows('SELECT what, id, old_qty, new_qty FROM olog ORDER BY what, id'), [
    { what: 'del', id: 4, old_qty: 30, new_qty: null },
    { what: 'ins', id: 2, old_qty: null, new_qty: null }, { what: 'ins', id: 3, old_qty: null, new_qty: null }, { what: 'ins', id: 4, old_qty: null, new_qty: null },
    { what: 'upd', id: 3, old_qty: 2, new_qty: 20 }, { what: 'upd', id: 4, old_qty: 3, new_qty: 30 },
  ]);
  assert.deepEqual(await rows('SELECT id, qty FROM oi ORDER BY id'), [{ id: 1, qty: 0 }, { id: 2, qty: 1 }, { id: 3, qty: 20 }]);
});

test('INSERT … OUTPUT inserted.* of the columns it sets INTO a table variable, into a table without IDENTITY: the source runs once, both get its rows', { skip, timeout: 60_000 }, async () => {
  const r = run(`CREATE TABLE pn (code varchar(5) PRIMARY KEY, qty int)
GO
CREATE TABLE pseq (n int)
GO
CREATE PROCEDURE padd @k int AS
BEGIN
  DECLARE @t TABLE (code varchar(5), qty int);
  INSERT INTO pn (code, qty) OUTPUT inserted.code, inserted.qty * 2 INTO @t VALUES ('a' + CAST(@k AS varchar(3)), @k), ('b' + CAST(@k AS varchar(3)), @k + 1);
  INSERT INTO pseq (n) OUTPUT inserted.n INTO @t (qty) SELECT COUNT(*) FROM pn;
  SELECT code, qty FROM @t ORDER BY code, qty;
END
GO`);
  await apply(r);
  // @t: a7/14, b7/16 from the first INSERT, then (NULL, 2): pn holds two rows when the second INSERT reads it.
  assert.deepEqual(await call('CALL padd(7)'), [{ code: null, qty: 2 }, { code: 'a7', qty: 14 }, { code: 'b7', qty: 16 }]);
  assert.deepEqual(await rows('SELECT code, qty FROM pn ORDER BY code'), [{ code: 'a7', qty: 7 }, { code: 'b7', qty: 8 }]);
  assert.deepEqual(await rows('SELECT n FROM pseq'), [{ n: 2 }]);
});

test('OUTPUT without INTO, and OUTPUT with a random condition: located TM0024', () => {
  const r = run(`CREATE TABLE on1 (id int PRIMARY KEY, qty int)
GO
CREATE PROCEDURE onone AS
  DELETE FROM on1 OUTPUT deleted.id WHERE qty = 0;
GO
CREATE PROCEDURE onrand AS
BEGIN
  DECLARE @t TABLE (id int);
  DELETE FROM on1 OUTPUT deleted.id INTO @t WHERE RAND() < 0.5;
END
GO`);
  const a = r.objects.find((o) => o.ref.name === 'onone')!.diagnostics.find((d) => d.code === 'TM0024')!;
  assert.equal(a.span?.line, 4);
  assert.match(a.message, /OUTPUT without INTO/);
  const b = r.objects.find((o) => o.ref.name === 'onrand')!.diagnostics.find((d) => d.code === 'TM0024')!;
  assert.equal(b.span?.line, 9);
  assert.match(b.message, /RAND\(\)/i);
});

test('GOTO forward to a label of the same block → LEAVE of a labelled block, backward → ITERATE of a labelled LOOP; jumps both ways stay a located TM0052', { skip, timeout: 60_000 }, async () => {
  const r = run(`CREATE TABLE gl (step varchar(10))
GO
CREATE PROCEDURE gjump @x int AS
BEGIN
  INSERT INTO gl VALUES ('start');
  IF @x < 0 GOTO fail;
  WHILE @x > 0
  BEGIN
    IF @x = 2 GOTO done;
    SET @x = @x - 1;
  END
  INSERT INTO gl VALUES ('loop end');
done:
  INSERT INTO gl VALUES ('done');
  RETURN;
fail:
  INSERT INTO gl VALUES ('fail');
END
GO
CREATE PROCEDURE gback @n int AS
BEGIN
  DECLARE @i int = 0;
again:
  SET @i = @i + 1;
  INSERT INTO gl VALUES ('try ' + CAST(@i AS varchar(5)));
  IF @i < @n GOTO again;
  INSERT INTO gl VALUES ('after');
END
GO
CREATE PROCEDURE gboth @x int AS
BEGIN
  IF @x = 1 GOTO mid;
  SET @x = 2;
mid:
  SET @x = @x + 1;
  IF @x < 5 GOTO mid;
END
GO`);
  const both = r.objects.find((o) => o.ref.name === 'gboth')!;
  assert.equal(both.status, 'not-converted');
  assert.ok(both.diagnostics.some((d) => d.code === 'TM0052' && d.span?.line === 34), JSON.stringify(both.diagnostics));
  await apply({ ...r, objects: r.objects.filter((o) => o.ref.name !== 'gboth') });
  assert.ok(diags(r).some((d) => d.code === 'TM0063'));
  const steps = async (sql: string) => { await db!.query('DELETE FROM gl'); await db!.query(sql); return (await rows('SELECT step FROM gl')).map((s) => s['step']); };
  // x = 3: the loop reaches 2 and jumps to done; x = 1: the loop ends, then done; x = -1: fail only.
  assert.deepEqual(await steps('CALL gjump(3)'), ['start', 'done']);
  assert.deepEqual(await steps('CALL gjump(1)'), ['start', 'loop end', 'done']);
  assert.deepEqual(await steps('CALL gjump(-1)'), ['start', 'fail']);
  // The statements from again: run until @i reaches @n (at least once), then the rest.
  assert.deepEqual(await steps('CALL gback(3)'), ['try 1', 'try 2', 'try 3', 'after']);
  assert.deepEqual(await steps('CALL gback(0)'), ['try 1', 'after']);
});

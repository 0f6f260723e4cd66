// T-SQL snippets converted and run on PostgreSQL: each expected value is what SQL Server returns
// for the original text (documented SQL Server semantics; worked out by hand in the comments).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertTsql, diagnosticsOf, notConverted, plpgsqlCheck } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('ms_behaviour'); });
after(async () => { if (!skip) await db.drop(); });

/** Converts a T-SQL script (dbo objects land in `schema`) and applies it; returns the finding codes. */
async function run(schema: string, script: string): Promise<string[]> {
  const { result } = convertTsql(script, `${schema}.sql`, { schemaMap: { dbo: schema } });
  assert.deepEqual(notConverted(result), [], 'every object converts');
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema}, public`);
  await applyOn(db, result);
  assert.deepEqual(await plpgsqlCheck(db, [schema]), [], 'plpgsql_check');
  return diagnosticsOf(result).map((d) => d.code);
}
const rows = (sql: string) => db.query(sql);

test("string + concatenates text and yields NULL with a NULL operand; CONCAT treats NULL as ''", { skip }, async () => {
  const codes = await run('ms_plus', `CREATE TABLE s (id int, a varchar(10), b nvarchar(10), n int)
GO
INSERT INTO s VALUES (1, 'x', 'y', 2)
INSERT INTO s VALUES (2, 'x', NULL, 3)
GO
CREATE VIEW v AS SELECT id, a + b AS ab, a + '-' + b AS dash, CONCAT(a, b) AS c, n + 1 AS n1, 'n=' + CAST(n AS varchar) AS txt FROM s
GO`);
  assert.deepEqual(await rows('SELECT id, ab, dash, c, n1, txt FROM v ORDER BY id'), [
    { id: 1, ab: 'xy', dash: 'x-y', c: 'xy', n1: 3, txt: 'n=2' },
    { id: 2, ab: null, dash: null, c: 'x', n1: 4, txt: 'n=3' },
  ]);
  assert.ok(!codes.includes('TG0014'));
});

test('TOP (n) WITH TIES returns the tied rows; TOP n PERCENT rounds the row count up', { skip }, async () => {
  await run('ms_top', `CREATE TABLE t (name varchar(10), score int)
GO
INSERT INTO t VALUES ('a', 90)
INSERT INTO t VALUES ('b', 80)
INSERT INTO t VALUES ('c', 80)
INSERT INTO t VALUES ('d', 70)
INSERT INTO t VALUES ('e', 60)
GO
CREATE VIEW ties AS SELECT TOP (2) WITH TIES name, score FROM t ORDER BY score DESC
GO
CREATE VIEW pct AS SELECT TOP 50 PERCENT name FROM t ORDER BY score DESC, name
GO`);
  // 2 rows with ties: a (90), then b and c tie at 80.
  assert.deepEqual((await rows('SELECT name FROM ties ORDER BY name')).map((r) => r.name), ['a', 'b', 'c']);
  // 50 % of 5 rows = 2.5 → 3 rows.
  assert.deepEqual((await rows('SELECT name FROM pct')).map((r) => r.name), ['a', 'b', 'c']);
});

test('CONVERT date styles 101/103/104/105/110/112/120/121/126 and CONVERT(datetime, text, 103)', { skip }, async () => {
  await run('ms_conv', `CREATE TABLE d (x datetime)
GO
INSERT INTO d VALUES ('2020-03-04T05:06:07.123')
GO
CREATE VIEW v AS SELECT CONVERT(varchar(10), x, 101) AS s101, CONVERT(varchar(10), x, 103) AS s103, CONVERT(varchar(10), x, 104) AS s104,
  CONVERT(varchar(10), x, 105) AS s105, CONVERT(varchar(10), x, 110) AS s110, CONVERT(varchar(8), x, 112) AS s112,
  CONVERT(varchar(19), x, 120) AS s120, CONVERT(varchar(23), x, 121) AS s121, CONVERT(varchar(30), x, 126) AS s126,
  CONVERT(varchar(10), x, 120) AS s120_10, CONVERT(datetime, '25/12/2020', 103) AS back FROM d
GO`);
  const [r] = await rows('SELECT s101, s103, s104, s105, s110, s112, s120, s121, s126, s120_10, back::text AS back FROM v');
  assert.deepEqual(r, {
    s101: '03/04/2020', s103: '04/03/2020', s104: '04.03.2020', s105: '04-03-2020', s110: '03-04-2020', s112: '20200304',
    s120: '2020-03-04 05:06:07', s121: '2020-03-04 05:06:07.123', s126: '2020-03-04T05:06:07.123',
    s120_10: '2020-03-04', // varchar(10) cuts the styled text
    back: '2020-12-25 00:00:00',
  });
});

test('DATEDIFF counts boundaries crossed; DATEADD, DATEPART, EOMONTH, ISNULL, IIF, LEN, CHARINDEX, TRY_CAST', { skip }, async () => {
  await run('ms_dates', `CREATE VIEW v AS SELECT
  DATEDIFF(year, '2020-12-31', '2021-01-01') AS y, DATEDIFF(month, '2020-01-31', '2020-02-01') AS m,
  DATEDIFF(day, '2020-01-01 23:59', '2020-01-02 00:01') AS d, DATEDIFF(hour, '2020-01-01 10:59', '2020-01-01 11:00') AS h,
  DATEDIFF(week, '2021-01-02', '2021-01-03') AS w, DATEDIFF(dd, '2020-01-10', '2020-01-01') AS neg,
  DATEADD(month, 1, CAST('2020-01-31' AS datetime)) AS feb, DATEADD(dd, -1, CAST('2020-03-01' AS date)) AS prev,
  DATEPART(weekday, CAST('2021-01-03' AS date)) AS dw, EOMONTH(CAST('2020-02-10' AS date)) AS eom,
  ISNULL(NULL, 'z') AS isn, IIF(1 > 2, 'yes', 'no') AS iif, LEN('ab  ') AS len, CHARINDEX('b', 'abcb', 3) AS ci,
  TRY_CAST('12' AS int) AS ok, TRY_CAST('x1' AS int) AS bad, TRY_CONVERT(date, '2020-13-45') AS baddate
GO`);
  const [r] = await rows('SELECT y, m, d, h, w, neg, feb::text AS feb, prev::text AS prev, dw, eom::text AS eom, isn, iif, len, ci, ok, bad, baddate FROM v');
  assert.deepEqual(r, {
    y: '1', m: '1', d: '1', h: '1',
    w: '1', // Saturday → Sunday crosses a week boundary (weeks start on Sunday)
    neg: '-9', feb: '2020-02-29 00:00:00', prev: '2020-02-29',
    dw: 1, // Sunday with DATEFIRST 7
    eom: '2020-02-29', isn: 'z', iif: 'no', len: 2, ci: 4, ok: 12, bad: null, baddate: null,
  });
});

test('TRY/CATCH with THROW: ERROR_MESSAGE() in the CATCH block; @@ROWCOUNT after UPDATE into an OUTPUT parameter', { skip }, async () => {
  await run('ms_proc', `CREATE TABLE log (msg nvarchar(200))
GO
CREATE TABLE t (id int, x int)
GO
INSERT INTO t VALUES (1, 0)
INSERT INTO t VALUES (2, 0)
INSERT INTO t VALUES (3, 5)
GO
CREATE PROCEDURE boom AS
BEGIN
  SET NOCOUNT ON
  BEGIN TRY
    THROW 50001, 'boom happened', 1;
  END TRY
  BEGIN CATCH
    INSERT INTO log (msg) VALUES (ERROR_MESSAGE())
  END CATCH
END
GO
CREATE PROCEDURE bump @n int OUTPUT AS
BEGIN
  UPDATE t SET x = 1 WHERE x = 0
  SET @n = @@ROWCOUNT
END
GO`);
  await rows('CALL boom()');
  assert.deepEqual(await rows('SELECT msg FROM log'), [{ msg: 'boom happened' }]);
  assert.deepEqual(await rows('CALL bump(NULL)'), [{ n: 2 }]);
});

test('cursor loop with FETCH NEXT and @@FETCH_STATUS sums the rows', { skip }, async () => {
  await run('ms_cursor', `CREATE TABLE t (v int)
GO
INSERT INTO t VALUES (1)
INSERT INTO t VALUES (2)
INSERT INTO t VALUES (4)
GO
CREATE PROCEDURE total @sum int OUTPUT AS
BEGIN
  DECLARE @v int
  SET @sum = 0
  DECLARE c CURSOR FOR SELECT v FROM t
  OPEN c
  FETCH NEXT FROM c INTO @v
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @sum = @sum + @v
    UPDATE t SET v = v WHERE 1 = 0
    FETCH NEXT FROM c INTO @v
  END
  CLOSE c
  DEALLOCATE c
END
GO`);
  assert.deepEqual(await rows('CALL total(NULL)'), [{ sum: 7 }]);
});

test('trigger reading inserted/deleted sees every row of a multi-row UPDATE; INSERT of the same trigger works too', { skip }, async () => {
  await run('ms_trig', `CREATE TABLE stock (id int PRIMARY KEY, qty int)
GO
CREATE TABLE audit (id int, old_qty int, new_qty int)
GO
INSERT INTO stock VALUES (1, 10)
INSERT INTO stock VALUES (2, 20)
INSERT INTO stock VALUES (3, 30)
GO
CREATE TRIGGER stock_audit ON stock AFTER INSERT, UPDATE AS
BEGIN
  SET NOCOUNT ON
  INSERT INTO audit (id, old_qty, new_qty)
  SELECT i.id, d.qty, i.qty FROM inserted i LEFT JOIN deleted d ON d.id = i.id
END
GO`);
  await rows('UPDATE stock SET qty = qty + 1 WHERE id <= 2');
  await rows('INSERT INTO stock VALUES (4, 40)');
  assert.deepEqual(await rows('SELECT id, old_qty, new_qty FROM audit ORDER BY id'), [
    { id: 1, old_qty: 10, new_qty: 11 }, { id: 2, old_qty: 20, new_qty: 21 }, { id: 4, old_qty: null, new_qty: 40 },
  ]);
});

test('UPDATE … FROM and DELETE … FROM joining the target; EXEC with named and OUTPUT arguments; OUTPUT → RETURNING', { skip }, async () => {
  await run('ms_dml', `CREATE TABLE t (id int IDENTITY(1,1) PRIMARY KEY, name varchar(20), qty int)
GO
CREATE TABLE src (id int, qty int)
GO
INSERT INTO t (name, qty) VALUES ('a', 1)
INSERT INTO t (name, qty) VALUES ('b', 2)
INSERT INTO t (name, qty) VALUES ('c', 3)
INSERT INTO src VALUES (1, 10)
INSERT INTO src VALUES (2, 20)
GO
CREATE PROCEDURE addone @name varchar(20), @newid int OUTPUT AS
BEGIN
  INSERT INTO t (name, qty) VALUES (@name, 0)
  SET @newid = SCOPE_IDENTITY()
END
GO
CREATE PROCEDURE work @made int OUTPUT AS
BEGIN
  DECLARE @x int
  EXEC addone @name = 'd', @newid = @x OUTPUT
  SET @made = @x
  UPDATE t SET qty = t.qty + s.qty FROM t JOIN src s ON s.id = t.id
  DELETE x FROM t x JOIN src s ON s.id = x.id WHERE s.qty > 15
END
GO`);
  // The second INSERT target: the procedure's own identity value (4: rows 1–3 came first).
  assert.deepEqual(await rows('CALL work(NULL)'), [{ made: 4 }]);
  // Row 1 got +10 (row 2 got +20, then was deleted through the join); row 3 untouched; row 4 new.
  assert.deepEqual(await rows('SELECT id, name, qty FROM t ORDER BY id'), [
    { id: 1, name: 'a', qty: 11 }, { id: 3, name: 'c', qty: 3 }, { id: 4, name: 'd', qty: 0 },
  ]);
});

test('CROSS APPLY / OUTER APPLY with a correlated TOP subquery become LATERAL joins', { skip }, async () => {
  await run('ms_apply', `CREATE TABLE c (id int, name varchar(10))
GO
CREATE TABLE o (cid int, amount int)
GO
INSERT INTO c VALUES (1, 'a')
INSERT INTO c VALUES (2, 'b')
INSERT INTO c VALUES (3, 'c')
INSERT INTO o VALUES (1, 5)
INSERT INTO o VALUES (1, 9)
INSERT INTO o VALUES (2, 7)
GO
CREATE VIEW best AS SELECT c.name, x.amount FROM c CROSS APPLY (SELECT TOP (1) amount FROM o WHERE o.cid = c.id ORDER BY amount DESC) AS x
GO
CREATE VIEW best_all AS SELECT c.name, x.amount FROM c OUTER APPLY (SELECT TOP (1) amount FROM o WHERE o.cid = c.id ORDER BY amount DESC) AS x
GO`);
  // CROSS APPLY drops customers without orders; OUTER APPLY keeps them with NULL.
  assert.deepEqual(await rows('SELECT name, amount FROM best ORDER BY name'), [{ name: 'a', amount: 9 }, { name: 'b', amount: 7 }]);
  assert.deepEqual(await rows('SELECT name, amount FROM best_all ORDER BY name'), [{ name: 'a', amount: 9 }, { name: 'b', amount: 7 }, { name: 'c', amount: null }]);
});

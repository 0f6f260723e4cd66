// T-SQL constructs converted to MySQL and run on MariaDB: DROP TABLE IF EXISTS #t and
// SET TRANSACTION ISOLATION LEVEL inside procedures, PIVOT/UNPIVOT (rewritten to standard SQL by the
// front end). Expected rows are what SQL Server returns for the original text (worked out in comments).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { ConvertResult } from '../../../converters/index.js';
import { freshMysqlDatabase, mysqlUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyConverted, convertForMariadb, diagnosticsOf, numbers } from './helpers.js';

const skip = !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_MYSQL_URL not set' : false;
let db: FreshDatabase | undefined;
before(async () => { if (!skip) db = await freshMysqlDatabase('tm_gaps'); }, { timeout: 60_000 });
after(async () => { await db?.drop(); }, { timeout: 60_000 });

const run = (sql: string): ConvertResult => convertForMariadb(sql);
const diags = diagnosticsOf;
const apply = (r: ConvertResult) => applyConverted(db!, r);
const num = numbers;

test('DROP TABLE IF EXISTS #t and SET TRANSACTION ISOLATION LEVEL inside a procedure: converted, callable twice, level kept (SNAPSHOT → REPEATABLE READ)', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE gi (id int PRIMARY KEY, qty int)
GO
INSERT INTO gi VALUES (1, 5)
INSERT INTO gi VALUES (2, 7)
GO
CREATE PROCEDURE gp @min int AS
BEGIN
  SET NOCOUNT ON;
  SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;
  DROP TABLE IF EXISTS #t;
  CREATE TABLE #t (id int, qty int);
  INSERT INTO #t SELECT id, qty FROM gi WHERE qty >= @min;
  SELECT id, qty FROM #t ORDER BY id;
END
GO
CREATE PROCEDURE gs AS
BEGIN
  SET TRANSACTION ISOLATION LEVEL SNAPSHOT
  BEGIN TRAN
  UPDATE gi SET qty = qty + 1 WHERE id = 1
  COMMIT
END
GO`);
  await apply(r);
  const ds = diags(r);
  assert.equal(ds.filter((d) => d.code === 'TM0057').length, 2);
  assert.ok(ds.some((d) => d.code === 'TM0057' && /SNAPSHOT became REPEATABLE READ/.test(d.message)));
  const gp = r.objects.find((o) => o.ref.name === 'gp')!.statements.join('\n');
  assert.match(gp, /SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;/);
  // The source DROP and the one before CREATE are the same statement: printed once, plus the drop at the end.
  assert.equal(gp.match(/DROP TEMPORARY TABLE IF EXISTS `tmp_t`/g)?.length, 2);
  assert.match(r.objects.find((o) => o.ref.name === 'gs')!.statements.join('\n'), /SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;\s*START TRANSACTION/);
  // Rows with qty >= 6: only id 2; the second call finds #t gone (dropped at the end) and works again.
  for (let i = 0; i < 2; i++) assert.deepEqual(num((await db!.query('CALL gp(6)'))[0] as unknown as unknown[]), [{ id: 2, qty: 7 }]);
  await db!.query('CALL gs()');
  assert.deepEqual(num(await db!.query('SELECT qty FROM gi WHERE id = 1')), [{ qty: 6 }]);
});

test('SET TRANSACTION ISOLATION LEVEL in a trigger is dropped (MariaDB refuses it inside the firing statement\'s transaction): INSERT in a transaction works', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE ta (id int PRIMARY KEY)
GO
CREATE TABLE tb (id int)
GO
CREATE TRIGGER tai ON ta AFTER INSERT AS
BEGIN
  SET TRANSACTION ISOLATION LEVEL SERIALIZABLE
  INSERT INTO tb SELECT id FROM inserted
END
GO`);
  await apply(r);
  const d = diags(r).filter((x) => x.code === 'TM0057');
  assert.equal(d.length, 1);
  assert.match(d[0]!.message, /SERIALIZABLE dropped: a trigger/);
  assert.equal(d[0]!.span.line, 7);
  await db!.query('START TRANSACTION');
  await db!.query('INSERT INTO ta VALUES (1), (2)');
  await db!.query('COMMIT');
  assert.deepEqual(num(await db!.query('SELECT id FROM tb ORDER BY id')), [{ id: 1 }, { id: 2 }]);
});

test('PIVOT (SUM / COUNT … FOR c IN ([x], [y])) and UNPIVOT (NULLs left out) return SQL Server\'s rows on MariaDB', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE sales (yr int, cat varchar(10), amount decimal(10,2))
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
  await apply(r);
  // 2020: fruit 10 + 5, veg 3; 2021: no fruit (NULL), veg 7; nuts is not in the IN list.
  assert.deepEqual(num(await db!.query('SELECT yr, fruit, veg FROM pv ORDER BY yr')), [{ yr: 2020, fruit: 15, veg: 3 }, { yr: 2021, fruit: null, veg: 7 }]);
  // COUNT over no rows is 0, not NULL.
  assert.deepEqual(num(await db!.query('SELECT yr, fruit, nuts FROM pc ORDER BY yr')), [{ yr: 2020, fruit: 2, nuts: 0 }, { yr: 2021, fruit: 0, nuts: 1 }]);
  // UNPIVOT drops the NULL (2021, fruit).
  assert.deepEqual(num(await db!.query('SELECT yr, cat, amount FROM uv ORDER BY yr, cat')), [
    { yr: 2020, cat: 'fruit', amount: 15 }, { yr: 2020, cat: 'veg', amount: 3 }, { yr: 2021, cat: 'veg', amount: 7 },
  ]);
});

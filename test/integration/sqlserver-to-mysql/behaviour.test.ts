// T-SQL expressions converted to MySQL and run on MariaDB: each view's result is what SQL Server
// returns for the same expression (values from the T-SQL documentation semantics).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertResult } from '../../../converters/index.js';
import { freshMysqlDatabase, mysqlUrlFromEnv, type FreshDatabase } from '../../harness/db.js';

const skip = !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_MYSQL_URL not set' : false;
let db: FreshDatabase | undefined;
before(async () => { if (!skip) db = await freshMysqlDatabase('tm_beh'); }, { timeout: 60_000 });
after(async () => { await db?.drop(); }, { timeout: 60_000 });

function run(sql: string): ConvertResult {
  const parsed = parseScripts('sqlserver', [{ path: 't.sql', text: sql }]);
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'critical' || d.severity === 'high'), []);
  return convert(parsed.catalog, { target: 'mysql', mysqlFlavor: 'mariadb' });
}
const codes = (r: ConvertResult): string[] => [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)].map((d) => d.code);

async function apply(r: ConvertResult): Promise<void> {
  for (const o of r.objects) for (const s of o.statements) await db!.query(s);
}

test('string + keeps NULL semantics (NULL + x = NULL) and becomes CONCAT', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE s1 (id int PRIMARY KEY, a varchar(10) NULL, b nvarchar(10) NULL);
GO
INSERT INTO s1 VALUES (1, 'x', 'y'), (2, NULL, 'y'), (3, 'x', NULL);
GO
CREATE VIEW v_plus AS SELECT id, a + '-' + b AS ab FROM s1;
GO`);
  await apply(r);
  assert.ok(codes(r).includes('TM0020'));
  const rows = await db!.query('SELECT id, ab FROM v_plus ORDER BY id');
  assert.deepEqual(rows.map((x) => x.ab), ['x-y', null, null]);
});

test('DATEDIFF counts boundaries crossed, as SQL Server does', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE VIEW v_dd AS SELECT
  DATEDIFF(year, '2020-12-31', '2021-01-01') AS y1,
  DATEDIFF(year, '2020-01-01', '2020-12-31') AS y0,
  DATEDIFF(month, '2021-01-31', '2021-02-01') AS m1,
  DATEDIFF(quarter, '2021-03-31', '2021-04-01') AS q1,
  DATEDIFF(day, '2021-01-01 23:59:59', '2021-01-02 00:00:00') AS d1,
  DATEDIFF(hour, '2021-01-01 10:59:59', '2021-01-01 11:00:00') AS h1,
  DATEDIFF(minute, '2021-01-01 10:00:59', '2021-01-01 10:01:00') AS mi1,
  DATEDIFF(week, '2021-01-02', '2021-01-03') AS w1,
  DATEDIFF(week, '2021-01-03', '2021-01-09') AS w0,
  DATEDIFF(day, '2021-03-01', '2021-01-01') AS dneg;
GO`);
  await apply(r);
  const [row] = await db!.query('SELECT * FROM v_dd');
  // 2021-01-02 is a Saturday, 2021-01-03 a Sunday (weeks start on Sunday for DATEDIFF).
  assert.deepEqual(Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])), { y1: 1, y0: 0, m1: 1, q1: 1, d1: 1, h1: 1, mi1: 1, w1: 1, w0: 0, dneg: -59 });
});

test('CONVERT date styles, DATEADD, DATEPART/DATENAME, EOMONTH, ISNULL, IIF, CHARINDEX, LEN, STUFF, REPLICATE', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE d1 (id int PRIMARY KEY, t datetime NOT NULL);
GO
INSERT INTO d1 VALUES (1, '2021-03-04 05:06:07');
GO
CREATE VIEW v_fn AS SELECT
  CONVERT(varchar(10), t, 101) AS s101, CONVERT(varchar(10), t, 103) AS s103, CONVERT(varchar(8), t, 112) AS s112,
  CONVERT(varchar(19), t, 120) AS s120, CONVERT(char(8), t, 108) AS s108,
  CONVERT(datetime, '04/03/2021', 103) AS p103,
  DATEADD(month, 1, '2021-01-31') AS addm, DATEADD(day, -4, t) AS addd,
  DATEPART(weekday, t) AS dw, DATEPART(quarter, t) AS q, DATENAME(month, t) AS mon, EOMONTH(t) AS eom,
  ISNULL(NULL, 'z') AS isn, IIF(1 > 2, 'a', 'b') AS iif1, CHARINDEX('c', 'abcabc', 4) AS ci,
  LEN('ab  ') AS len1, STUFF('abcdef', 2, 3, 'XY') AS stuffed, REPLICATE('ab', 3) AS rep
FROM d1;
GO`);
  await apply(r);
  const [row] = await db!.query('SELECT CAST(p103 AS CHAR) AS p103, CAST(addm AS CHAR) AS addm, CAST(addd AS CHAR) AS addd, CAST(eom AS CHAR) AS eom, v.* FROM v_fn v');
  assert.equal(row!.s101, '03/04/2021');
  assert.equal(row!.s103, '04/03/2021');
  assert.equal(row!.s112, '20210304');
  assert.equal(row!.s120, '2021-03-04 05:06:07');
  assert.equal(row!.s108, '05:06:07');
  assert.match(String(row!.p103), /^2021-03-04 00:00:00/);
  assert.match(String(row!.addm), /^2021-02-28/);
  assert.match(String(row!.addd), /^2021-02-28 05:06:07/);
  assert.equal(Number(row!.dw), 5); // Thursday, DATEFIRST 7
  assert.equal(Number(row!.q), 1);
  assert.equal(row!.mon, 'March');
  assert.match(String(row!.eom), /^2021-03-31/);
  assert.equal(row!.isn, 'z');
  assert.equal(row!.iif1, 'b');
  assert.equal(Number(row!.ci), 6);
  assert.equal(Number(row!.len1), 2); // LEN ignores trailing spaces
  assert.equal(row!.stuffed, 'aXYef');
  assert.equal(row!.rep, 'ababab');
});

test('TOP n → LIMIT; TOP … WITH TIES is reported (TM0021)', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE p1 (id int PRIMARY KEY, price money NOT NULL);
GO
INSERT INTO p1 VALUES (1, 10), (2, 30), (3, 20), (4, 30);
GO
CREATE VIEW v_top AS SELECT TOP (2) id FROM p1 ORDER BY price DESC, id;
GO
CREATE VIEW v_ties AS SELECT TOP (1) WITH TIES id FROM p1 ORDER BY price DESC;
GO`);
  await apply(r);
  assert.deepEqual((await db!.query('SELECT id FROM v_top')).map((x) => Number(x.id)).sort(), [2, 4]);
  assert.ok(codes(r).includes('TM0021'));
});

test('IDENTITY(seed, step): AUTO_INCREMENT starts at the seed; a step other than 1 is reported', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE idt (id int IDENTITY(100, 1) PRIMARY KEY, n varchar(5));
GO
CREATE TABLE idt2 (id int IDENTITY(1, 5) PRIMARY KEY, n varchar(5));
GO`);
  await apply(r);
  await db!.query("INSERT INTO idt (n) VALUES ('a')");
  assert.equal(Number((await db!.query('SELECT id FROM idt'))[0]!.id), 100);
  assert.ok(codes(r).includes('TM0002'));
});

test('stored programs convert (a procedure returns its SELECT as a result set); MERGE inside one converts (merge-apply-output.test.ts has the full cases)', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE PROCEDURE p1 @a int AS SELECT @a + 1 AS b;
GO`);
  await apply(r);
  const [rows] = await db!.query('CALL p1(41)') as unknown as Record<string, unknown>[][];
  assert.deepEqual(rows!.map((x) => Number(x.b)), [42]);
  const m = run(`CREATE TABLE mt (id int PRIMARY KEY, v int);
GO
CREATE PROCEDURE p2 AS MERGE mt AS t USING (SELECT 1 AS id) AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 1;
GO`);
  await apply(m);
  await db!.query('INSERT INTO mt VALUES (1, 0), (2, 0)');
  await db!.query('CALL p2()');
  const after = await db!.query('SELECT id, v FROM mt ORDER BY id') as unknown as Record<string, unknown>[];
  assert.deepEqual(after.map((x) => [Number(x.id), Number(x.v)]), [[1, 1], [2, 0]]);
  assert.ok(!codes(m).includes('TM0024'));
});

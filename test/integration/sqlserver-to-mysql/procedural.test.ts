// T-SQL stored programs converted to MySQL and run on MariaDB: each case asserts what SQL Server
// returns for the same code (semantics from the T-SQL documentation), with the findings expected.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { ConvertResult } from '../../../converters/index.js';
import { freshMysqlDatabase, mysqlUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyConverted, convertForMariadb, diagnosticsOf } from './helpers.js';

const skip = !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_MYSQL_URL not set' : false;
let db: FreshDatabase | undefined;
before(async () => { if (!skip) db = await freshMysqlDatabase('tm_proc'); }, { timeout: 60_000 });
after(async () => { await db?.drop(); }, { timeout: 60_000 });

const run = (sql: string): ConvertResult => convertForMariadb(sql, 't.sql', (d) => d.severity !== 'critical' && d.severity !== 'high');
const codes = (r: ConvertResult): string[] => diagnosticsOf(r).map((d) => d.code);
const apply = (r: ConvertResult) => applyConverted(db!, r);
/** Rows of the first result set of a CALL. */
async function callRows(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return (await db!.query(sql, params))[0] as unknown as Record<string, unknown>[];
}
/** One row; numbers that come back as text (user variables, DECIMAL) as numbers. */
async function one(sql: string): Promise<Record<string, unknown>> {
  const [row] = await db!.query(sql);
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v]));
}

test('TRY/CATCH: THROW jumps to CATCH; ERROR_MESSAGE/ERROR_NUMBER read the thrown error; DML before it stays done', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE tc (id int PRIMARY KEY, n int NOT NULL);
GO
INSERT INTO tc VALUES (1, 0);
GO
CREATE PROCEDURE try_throw @msg nvarchar(200) OUTPUT, @num int OUTPUT, @after int OUTPUT
AS
BEGIN
  SET NOCOUNT ON;
  SET @after = 0;
  BEGIN TRY
    UPDATE tc SET n = n + 1 WHERE id = 1;
    THROW 50010, 'custom failure', 1;
    SET @after = 1;
  END TRY
  BEGIN CATCH
    SELECT @msg = ERROR_MESSAGE(), @num = ERROR_NUMBER();
  END CATCH
  SET @after = @after + 10;
END
GO
CREATE PROCEDURE try_dup @msg nvarchar(200) OUTPUT
AS
BEGIN TRY
  INSERT INTO tc VALUES (1, 5);
  SET @msg = 'no error';
END TRY
BEGIN CATCH
  SET @msg = 'caught: ' + ERROR_MESSAGE();
END CATCH
GO
CREATE PROCEDURE rethrow AS
BEGIN TRY
  THROW 50020, 'inner', 1;
END TRY
BEGIN CATCH
  THROW;
END CATCH
GO`);
  await apply(r);
  await db!.query('SET @m = NULL, @n = NULL, @a = NULL');
  await db!.query('CALL try_throw(@m, @n, @a)');
  assert.deepEqual(await one('SELECT @m AS m, @n AS n, @a AS a'), { m: 'custom failure', n: 50010, a: 10 });
  assert.equal(Number((await one('SELECT n FROM tc WHERE id = 1')).n), 1);
  await db!.query('CALL try_dup(@m)');
  assert.match(String((await one('SELECT @m AS m')).m), /^caught: Duplicate entry '1'/);
  await assert.rejects(db!.query('CALL rethrow()'), (e: Error & { errno?: number }) => e.message === 'inner' && e.errno === 50020);
  assert.ok(codes(r).includes('TM0038'));
});

test('BEGIN TRAN … COMMIT in TRY, IF @@TRANCOUNT > 0 ROLLBACK in CATCH: the failed call leaves nothing behind', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE txt (id int PRIMARY KEY);
GO
CREATE PROCEDURE tx @id int, @fail bit, @state int OUTPUT AS
BEGIN
  SET XACT_ABORT ON;
  BEGIN TRY
    BEGIN TRANSACTION;
    INSERT INTO txt (id) VALUES (@id);
    IF @fail = 1 THROW 50001, 'fail', 1;
    COMMIT TRANSACTION;
    SET @state = @@TRANCOUNT;
  END TRY
  BEGIN CATCH
    SET @state = 10 + @@TRANCOUNT;
    IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
  END CATCH
END
GO`);
  await apply(r);
  await db!.query('CALL tx(1, 0, @st1)');
  await db!.query('CALL tx(2, 1, @st2)');
  assert.deepEqual(await one('SELECT @st1 AS a, @st2 AS b'), { a: 0, b: 11 });
  assert.deepEqual((await db!.query('SELECT id FROM txt ORDER BY id')).map((x) => x.id), [1]);
  assert.ok(codes(r).includes('TM0042'));
});

test('RAISERROR with arguments → SIGNAL with the formatted message (error 50000); severity 10 is only a message', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE PROCEDURE raiser @v int AS
BEGIN
  RAISERROR('just a note %d', 10, 1, @v);
  IF @v > 5
    RAISERROR('value %d is above %s', 16, 1, @v, 'five');
  ELSE
    PRINT 'fine';
END
GO`);
  await apply(r);
  await db!.query('CALL raiser(3)');
  await assert.rejects(db!.query('CALL raiser(7)'), (e: Error & { errno?: number }) => e.message === 'value 7 is above five' && e.errno === 50000);
  assert.ok(codes(r).includes('TM0037'));
});

test('@@ROWCOUNT right after UPDATE/DELETE/SELECT; IF @@ROWCOUNT = 0', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE rc (id int PRIMARY KEY, g int NOT NULL, v int NOT NULL);
GO
INSERT INTO rc VALUES (1, 1, 10), (2, 1, 20), (3, 1, 30), (4, 2, 40);
GO
CREATE PROCEDURE rowcounts @upd int OUTPUT, @sel int OUTPUT, @none varchar(10) OUTPUT, @del int OUTPUT AS
BEGIN
  UPDATE rc SET v = v + 1 WHERE g = 1;
  SET @upd = @@ROWCOUNT;
  SELECT id FROM rc WHERE v > 15;
  SET @sel = @@ROWCOUNT;
  UPDATE rc SET v = 0 WHERE g = 99;
  IF @@ROWCOUNT = 0 SET @none = 'none' ELSE SET @none = 'some';
  DELETE FROM rc WHERE g = 2;
  SELECT @del = @@ROWCOUNT;
END
GO`);
  await apply(r);
  await db!.query('CALL rowcounts(@u, @s, @n, @d)');
  assert.deepEqual(await one('SELECT @u AS u, @s AS s, @n AS n, @d AS d'), { u: 3, s: 3, n: 'none', d: 1 });
  assert.ok(codes(r).includes('TM0045'));
});

test('#temp tables: created by the caller, filled by a nested procedure, SELECT … INTO #t, dropped at the end (the caller runs twice)', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE src (id int PRIMARY KEY, v int NOT NULL);
GO
INSERT INTO src VALUES (1, 5), (2, 7), (3, 9);
GO
CREATE PROCEDURE fill_tmp @min int AS
  INSERT INTO #work (id, v) SELECT id, v FROM src WHERE v >= @min;
GO
CREATE PROCEDURE use_tmp @min int, @total int OUTPUT, @doubled int OUTPUT AS
BEGIN
  CREATE TABLE #work (id int PRIMARY KEY, v int);
  EXEC fill_tmp @min;
  SELECT @total = SUM(v) FROM #work;
  SELECT id, v * 2 AS v2 INTO #dbl FROM #work WHERE v > 5;
  SELECT @doubled = SUM(v2) FROM #dbl;
  SELECT w.id, w.v FROM #work w ORDER BY w.id;
END
GO`);
  await apply(r);
  const rows = await callRows('CALL use_tmp(6, @t, @t2)');
  assert.deepEqual(rows.map((x) => Number(x.id)), [2, 3]);
  assert.equal(Number((await one('SELECT @t AS t')).t), 16);
  assert.equal(Number((await one('SELECT @t2 AS t')).t), 32);
  await callRows('CALL use_tmp(0, @t, @t2)');
  assert.deepEqual(await one('SELECT @t AS t, @t2 AS t2'), { t: 21, t2: 32 });
  // Dropped when the procedure ended, as SQL Server does.
  await assert.rejects(db!.query('SELECT COUNT(*) FROM tmp_work'), /doesn't exist/);
  await assert.rejects(db!.query('SELECT COUNT(*) FROM tmp_dbl'), /doesn't exist/);
  assert.ok(codes(r).includes('TM0040'));
});

test('Cursor loop with FETCH NEXT and @@FETCH_STATUS (a SELECT … INTO with no row inside the loop does not end it)', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE cur_t (id int PRIMARY KEY, v int NOT NULL);
GO
INSERT INTO cur_t VALUES (1, 2), (2, 3), (3, 4);
GO
CREATE PROCEDURE cursum @total int OUTPUT, @n int OUTPUT AS
BEGIN
  DECLARE @id int, @v int, @dummy int;
  SET @total = 0; SET @n = 0;
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT id, v FROM cur_t ORDER BY id;
  OPEN c;
  FETCH NEXT FROM c INTO @id, @v;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SELECT @dummy = v FROM cur_t WHERE id = -1;
    SET @total = @total + @id * @v;
    SET @n = @n + 1;
    FETCH NEXT FROM c INTO @id, @v;
  END
  CLOSE c;
  DEALLOCATE c;
END
GO`);
  await apply(r);
  await db!.query('CALL cursum(@ct, @cn)');
  assert.deepEqual(await one('SELECT @ct AS t, @cn AS n'), { t: 1 * 2 + 2 * 3 + 3 * 4, n: 3 });
});

test('OUTPUT parameters: EXEC p @x OUTPUT writes back, without OUTPUT it does not; defaults fill left-out arguments; named arguments', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE PROCEDURE twice @v int, @res int OUTPUT, @add int = 100 AS
  SET @res = @v * 2 + @add;
GO
CREATE PROCEDURE caller @a int OUTPUT, @b int OUTPUT, @c int OUTPUT AS
BEGIN
  DECLARE @x int = 1, @y int = 7;
  EXEC twice 5, @x OUTPUT;
  EXEC twice 5, @y;
  EXEC twice @add = 1, @res = @c OUTPUT, @v = 2;
  SET @a = @x; SET @b = @y;
END
GO`);
  await apply(r);
  await db!.query('CALL caller(@a, @b, @c)');
  assert.deepEqual(await one('SELECT @a AS a, @b AS b, @c AS c'), { a: 110, b: 7, c: 5 });
  assert.ok(codes(r).includes('TM0034'));
});

test('EXEC @rc = p reads RETURN n (0 when the procedure ends without RETURN)', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE PROCEDURE check_it @v int AS
BEGIN
  IF @v < 0 RETURN -1;
  IF @v = 0 RETURN 1;
END
GO
CREATE PROCEDURE use_status @v int, @rc int OUTPUT AS
  EXEC @rc = check_it @v;
GO`);
  await apply(r);
  for (const [v, want] of [[-5, -1], [0, 1], [7, 0]] as const) {
    await db!.query('CALL use_status(?, @rs)', [v]);
    assert.equal((await one('SELECT @rs AS rs')).rs, want, `status for ${v}`);
  }
});

test('IF/ELSE, WHILE with BREAK and CONTINUE, scalar function, RETURN in a procedure', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE FUNCTION dbo.sq (@x int) RETURNS int AS BEGIN RETURN @x * @x END
GO
CREATE PROCEDURE loops @limit int, @out varchar(100) OUTPUT AS
BEGIN
  DECLARE @i int = 0;
  SET @out = '';
  WHILE 1 = 1
  BEGIN
    SET @i = @i + 1;
    IF @i > @limit BREAK;
    IF @i % 2 = 0 CONTINUE;
    SET @out = @out + CAST(dbo.sq(@i) AS varchar(10)) + ',';
  END
  IF LEN(@out) > 10 BEGIN SET @out = 'long'; RETURN 1; END
  ELSE IF LEN(@out) = 0 SET @out = 'empty';
  SET @out = @out + '!';
END
GO`);
  await apply(r);
  await db!.query('CALL loops(5, @o)');
  assert.equal((await one('SELECT @o AS o')).o, '1,9,25,!');
  await db!.query('CALL loops(0, @o)');
  assert.equal((await one('SELECT @o AS o')).o, 'empty!');
  await db!.query('CALL loops(9, @o)');
  assert.equal((await one('SELECT @o AS o')).o, 'long');
  assert.equal(Number((await one('SELECT sq(12) AS s')).s), 144);
  assert.ok(codes(r).includes('TM0035'));
});

test('Triggers: AFTER UPDATE over inserted/deleted on a multi-row UPDATE; INSERT … SELECT FROM inserted; UPDATE … FROM … JOIN inserted', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE acct (id int PRIMARY KEY, bal int NOT NULL);
CREATE TABLE audit (id int, old_bal int, new_bal int);
CREATE TABLE totals (id int PRIMARY KEY, changes int NOT NULL);
GO
INSERT INTO acct VALUES (1, 10), (2, 20), (3, 30);
INSERT INTO totals VALUES (1, 0), (2, 0), (3, 0);
GO
CREATE TRIGGER acct_upd ON acct AFTER UPDATE AS
BEGIN
  SET NOCOUNT ON;
  IF @@ROWCOUNT = 0 RETURN;
  INSERT INTO audit (id, old_bal, new_bal)
    SELECT i.id, d.bal, i.bal FROM inserted i JOIN deleted d ON d.id = i.id WHERE i.bal <> d.bal;
  UPDATE t SET changes = t.changes + 1 FROM totals t JOIN inserted i ON t.id = i.id;
END
GO
CREATE TRIGGER acct_ins ON acct AFTER INSERT AS
  INSERT INTO totals (id, changes) SELECT id, 0 FROM inserted;
GO`);
  await apply(r);
  await db!.query('UPDATE acct SET bal = bal + 5 WHERE id <= 2');
  await db!.query('UPDATE acct SET bal = bal WHERE id = 3');
  const audit = await db!.query('SELECT id, old_bal, new_bal FROM audit ORDER BY id');
  assert.deepEqual(audit.map((x) => [x.id, x.old_bal, x.new_bal]), [[1, 10, 15], [2, 20, 25]]);
  const totals = await db!.query('SELECT id, changes FROM totals ORDER BY id');
  assert.deepEqual(totals.map((x) => [x.id, x.changes]), [[1, 1], [2, 1], [3, 1]]);
  await db!.query('INSERT INTO acct VALUES (4, 1), (5, 2)');
  assert.equal(Number((await one('SELECT COUNT(*) AS n FROM totals WHERE id IN (4, 5) AND changes = 0')).n), 2);
  assert.ok(codes(r).includes('TM0047'));
  assert.ok(!codes(r).includes('TM0048'));
});

test('Table variable, SCOPE_IDENTITY, sp_executesql with a parameter, inline TVF without parameters → view', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE items (id int IDENTITY(1,1) PRIMARY KEY, name varchar(20) NOT NULL);
GO
CREATE FUNCTION dbo.all_items () RETURNS TABLE AS RETURN (SELECT id, name FROM items)
GO
CREATE PROCEDURE add_items @last int OUTPUT, @cnt int OUTPUT AS
BEGIN
  DECLARE @names TABLE (name varchar(20));
  INSERT INTO @names (name) VALUES ('a'), ('b');
  INSERT INTO items (name) SELECT name FROM @names WHERE name = 'a';
  INSERT INTO items (name) VALUES ('c');
  SET @last = SCOPE_IDENTITY();
  SELECT @cnt = COUNT(*) FROM @names;
  EXEC sp_executesql N'UPDATE items SET name = UPPER(name) WHERE id >= @from', N'@from int', @from = 2;
END
GO`);
  await apply(r);
  await db!.query('CALL add_items(@l, @c)');
  assert.deepEqual(await one('SELECT @l AS l, @c AS c'), { l: 2, c: 2 });
  const view = await db!.query('SELECT id, name FROM all_items ORDER BY id');
  assert.deepEqual(view.map((x) => x.name), ['a', 'C']);
  for (const c of ['TM0041', 'TM0046', 'TM0039', 'TM0050']) assert.ok(codes(r).includes(c), c);
});

test('SELECT @s = @s + x FROM … ORDER BY … builds the string in order; no rows leave @s as it was; a NULL piece gives NULL; numbers still add', { skip, timeout: 120_000 }, async () => {
  const r = run(`CREATE TABLE names (id int PRIMARY KEY, n varchar(10) NULL, k int NOT NULL);
GO
INSERT INTO names VALUES (1, 'b', 1), (2, 'a', 1), (3, 'c', 1), (4, NULL, 2);
GO
CREATE PROCEDURE build @k int, @s varchar(100) OUTPUT, @sum int OUTPUT AS
BEGIN
  SET @s = 'start:';
  SELECT @s = @s + n + ',' FROM names WHERE k = @k ORDER BY n DESC;
  SET @sum = 0;
  SELECT @sum = @sum + id FROM names WHERE k = @k;
END
GO`);
  await apply(r);
  await db!.query('CALL build(1, @bs, @bsum)');
  assert.deepEqual(await one('SELECT @bs AS s, @bsum AS n'), { s: 'start:c,b,a,', n: 6 });
  await db!.query('CALL build(9, @bs, @bsum)');
  assert.deepEqual(await one('SELECT @bs AS s, @bsum AS n'), { s: 'start:', n: 0 });
  await db!.query('CALL build(2, @bs, @bsum)');
  assert.deepEqual(await one('SELECT @bs AS s, @bsum AS n'), { s: null, n: 4 });
  assert.ok(codes(r).includes('TM0056'));
});

test('Not converted with an action item: INSTEAD OF trigger, table-valued function with parameters', { skip, timeout: 120_000 }, () => {
  const r = run(`CREATE TABLE base (id int PRIMARY KEY);
GO
CREATE VIEW vb AS SELECT id FROM base;
GO
CREATE TRIGGER vb_ins ON vb INSTEAD OF INSERT AS INSERT INTO base SELECT id FROM inserted;
GO
CREATE FUNCTION dbo.f_tv (@m int) RETURNS TABLE AS RETURN (SELECT id FROM base WHERE id > @m)
GO`);
  assert.ok(codes(r).includes('TM0049'));
  assert.ok(codes(r).includes('TM0050'));
});

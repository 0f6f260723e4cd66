// SQL Server → MySQL stored programs without a database: the findings each construct must give and
// the shape of what is printed. (Behaviour on MariaDB: test/integration/sqlserver-to-mysql/procedural.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertResult } from '../../../../converters/index.js';

function run(text: string, flavor: 'mysql' | 'mariadb' = 'mariadb'): ConvertResult {
  const parsed = parseScripts('sqlserver', [{ path: 't.sql', text }]);
  return convert(parsed.catalog, { target: 'mysql', mysqlFlavor: flavor });
}
const codes = (r: ConvertResult): string[] => [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)].map((d) => d.code);
const sqlOf = (r: ConvertResult, name: string): string => r.objects.filter((o) => o.ref.name === name || o.ref.name.startsWith(`${name}_`)).flatMap((o) => o.statements).join('\n');

const TABLE = 'CREATE TABLE t (id int PRIMARY KEY, name varchar(20) NOT NULL, qty int NOT NULL);\nGO\n';

test('parameters named like a column get p_ (MySQL variables win over columns); others only lose the @', () => {
  const r = run(`${TABLE}CREATE PROCEDURE p @name varchar(20), @other int AS SELECT id FROM t WHERE name = @name AND qty > @other;\nGO`);
  const sql = sqlOf(r, 'p');
  assert.match(sql, /CREATE PROCEDURE `p`\(IN `p_name` VARCHAR\(20\), IN `other` INT\)/);
  assert.match(sql, /WHERE `name` = `p_name` AND `qty` > `other`/);
  assert.ok(codes(r).includes('TM0033'));
});

test('parameter defaults: dropped with TM0034, calls in the script get the default; EXEC @rc = p → RETURN n through an OUT parameter (TM0035)', () => {
  const r = run(`${TABLE}CREATE PROCEDURE d @a int, @b varchar(10) = 'x', @c int = 7 AS IF @a > 0 RETURN 5; SELECT @b, @c;
GO
CREATE PROCEDURE caller AS
DECLARE @rc int;
EXEC d 1;
EXEC d @a = 2, @c = 9;
EXEC @rc = d 3, 'y';
GO`);
  const sql = sqlOf(r, 'caller');
  assert.match(sql, /CALL `d`\(1, 'x', 7, @`dbshift_call\d+`\)/);
  assert.match(sql, /CALL `d`\(2, 'x', 9, @`dbshift_call\d+`\)/);
  assert.match(sql, /CALL `d`\(3, 'y', 7, `rc`\)/);
  const d = sqlOf(r, 'd');
  assert.match(d, /CREATE PROCEDURE `d`\(IN `a` INT, IN `b` VARCHAR\(10\), IN `c` INT, OUT `dbshift_return_status` INT\)/);
  assert.match(d, /SET `dbshift_return_status` = 5;\n\s*LEAVE `routine_body`;/);
  for (const c of ['TM0034', 'TM0035']) assert.ok(codes(r).includes(c), c);
});

test('RETURN n with no caller reading the status: lost, TM0035; EXEC @rc = p of a procedure not in the script: TM0053', () => {
  const r = run(`CREATE PROCEDURE q AS RETURN 3;
GO
CREATE PROCEDURE c2 AS DECLARE @rc int; EXEC @rc = elsewhere 1;
GO`);
  assert.match(sqlOf(r, 'q'), /CREATE PROCEDURE `q`\(\)/);
  for (const c of ['TM0035', 'TM0053']) assert.ok(codes(r).includes(c), c);
});

test('THROW → SIGNAL with MYSQL_ERRNO; THROW; in CATCH → RESIGNAL; TRY/CATCH → EXIT HANDLER with GET DIAGNOSTICS first', () => {
  const r = run(`CREATE PROCEDURE e AS
BEGIN TRY
  THROW 50001, 'boom', 1;
END TRY
BEGIN CATCH
  DECLARE @m nvarchar(100) = ERROR_MESSAGE();
  THROW;
END CATCH
GO`);
  const sql = sqlOf(r, 'e');
  assert.match(sql, /SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom', MYSQL_ERRNO = 50001/);
  assert.match(sql, /DECLARE EXIT HANDLER FOR SQLEXCEPTION\n\s*`handler\d+`: BEGIN\n\s*GET DIAGNOSTICS CONDITION 1 `dbshift_error_message` = MESSAGE_TEXT, `dbshift_error_number` = MYSQL_ERRNO;/);
  assert.match(sql, /RESIGNAL/);
});

test('GOTOs both ways to one label, and a MERGE whose source reads its target, give findings and are not converted silently', () => {
  const r = run(`${TABLE}CREATE PROCEDURE g AS
  GOTO again;
  again:
  GOTO again;
GO
CREATE PROCEDURE m AS
  MERGE t AS x USING (SELECT id FROM t) AS s ON x.id = s.id WHEN MATCHED THEN UPDATE SET qty = 1;
GO`);
  assert.ok(codes(r).includes('TM0052'));
  assert.ok(codes(r).includes('TM0024'));
  assert.equal(r.objects.find((o) => o.ref.name === 'm')?.status, 'not-converted');
});

test('triggers: INSTEAD OF and triggers changing their own table are not converted; variables from inserted → TM0048', () => {
  const r = run(`${TABLE}CREATE TABLE log (id int, n varchar(20));
GO
CREATE VIEW v AS SELECT id FROM t;
GO
CREATE TRIGGER io ON v INSTEAD OF INSERT AS INSERT INTO t (id, name, qty) SELECT id, 'x', 0 FROM inserted;
GO
CREATE TRIGGER own ON t AFTER INSERT AS UPDATE t SET qty = 0 FROM t JOIN inserted i ON t.id = i.id;
GO
CREATE TRIGGER vars ON t AFTER INSERT, DELETE AS
  DECLARE @n varchar(20);
  SELECT @n = name FROM inserted;
  INSERT INTO log (id, n) SELECT id, @n FROM deleted;
GO`);
  const c = codes(r);
  assert.equal(c.filter((x) => x === 'TM0049').length, 2);
  assert.ok(c.includes('TM0048'));
  const sql = sqlOf(r, 'vars');
  // One trigger per event; on INSERT `deleted` has no rows, on DELETE `inserted` has none.
  assert.match(sql, /CREATE TRIGGER `vars_insert` AFTER INSERT ON `t`\nFOR EACH ROW/);
  assert.match(sql, /CREATE TRIGGER `vars_delete` AFTER DELETE ON `t`/);
  assert.match(sql, /FROM \(SELECT \* FROM `t` WHERE FALSE\) AS `deleted`/);
  assert.match(sql, /FROM \(SELECT NEW\.`id` AS `id`, NEW\.`name` AS `name`, NEW\.`qty` AS `qty`\) AS `inserted`/);
});

test('ROLLBACK in a trigger without an error before it becomes an error (3609); UPDATE(col) → the value changed', () => {
  const r = run(`${TABLE}CREATE TRIGGER rb ON t AFTER UPDATE AS
  IF UPDATE(qty) AND EXISTS (SELECT 1 FROM inserted WHERE qty < 0) ROLLBACK TRANSACTION;
GO`);
  const sql = sqlOf(r, 'rb');
  assert.match(sql, /NOT NEW\.`qty` <=> OLD\.`qty`/);
  assert.match(sql, /SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The transaction ended in the trigger\. The batch has been aborted\.', MYSQL_ERRNO = 3609/);
  assert.ok(codes(r).includes('TM0042'));
});

test('table-valued functions: with parameters or several statements not converted (TM0050); scalar functions get characteristics', () => {
  const r = run(`${TABLE}CREATE FUNCTION dbo.tv (@q int) RETURNS TABLE AS RETURN (SELECT id FROM t WHERE qty > @q)
GO
CREATE FUNCTION dbo.ms () RETURNS @r TABLE (id int) AS BEGIN INSERT INTO @r SELECT id FROM t; RETURN; END
GO
CREATE FUNCTION dbo.pure (@x int) RETURNS int AS BEGIN RETURN @x + 1 END
GO
CREATE FUNCTION dbo.reader (@x int) RETURNS int AS BEGIN RETURN (SELECT qty FROM t WHERE id = @x) END
GO`);
  assert.equal(codes(r).filter((x) => x === 'TM0050').length, 2);
  assert.match(sqlOf(r, 'pure'), /RETURNS INT\nDETERMINISTIC\nCONTAINS SQL/);
  assert.match(sqlOf(r, 'reader'), /RETURNS INT\nNOT DETERMINISTIC\nREADS SQL DATA/);
});

test('ROLLUP with GROUPING(): MySQL keeps it; MariaDB gets a UNION ALL of the grouping levels (TM0051)', () => {
  const src = `${TABLE}CREATE PROCEDURE ru AS
SELECT CASE WHEN GROUPING(name) = 1 THEN 'ALL' ELSE name END AS name, SUM(qty) AS q FROM t GROUP BY name WITH ROLLUP ORDER BY name
GO`;
  assert.match(sqlOf(run(src, 'mysql'), 'ru'), /GROUPING\(`name`\) = 1 .* GROUP BY `name` WITH ROLLUP ORDER BY `name`/);
  const maria = run(src, 'mariadb');
  assert.match(sqlOf(maria, 'ru'), /CASE WHEN 0 = 1 THEN 'ALL' ELSE `name` END AS `name`, SUM\(`qty`\) AS `q` FROM `t` GROUP BY `name` UNION ALL SELECT CASE WHEN 1 = 1 THEN 'ALL' ELSE NULL END AS `name`, SUM\(`qty`\) AS `q` FROM `t` ORDER BY `name`/);
  assert.ok(codes(maria).includes('TM0051'));
});

test('UPDATE … FROM / DELETE … FROM … JOIN become multi-table UPDATE/DELETE with the SET columns qualified', () => {
  const r = run(`${TABLE}CREATE TABLE s (id int PRIMARY KEY, qty int);
GO
CREATE PROCEDURE u AS
  UPDATE t SET qty = s.qty FROM t JOIN s ON s.id = t.id WHERE s.qty > 0;
  UPDATE x SET qty = 0 FROM t x, s WHERE s.id = x.id;
  DELETE t FROM t JOIN s ON s.id = t.id;
GO`);
  const sql = sqlOf(r, 'u');
  assert.match(sql, /UPDATE `t` JOIN `s` ON `s`\.`id` = `t`\.`id` SET `t`\.`qty` = `s`\.`qty` WHERE `s`\.`qty` > 0/);
  assert.match(sql, /UPDATE `t` AS `x` CROSS JOIN `s` SET `x`\.`qty` = 0 WHERE `s`\.`id` = `x`\.`id`/);
  assert.match(sql, /DELETE `t` FROM `t` JOIN `s` ON `s`\.`id` = `t`\.`id`/);
});

test("IF OBJECT_ID('tempdb..#t') IS NOT NULL DROP TABLE #t → DROP TEMPORARY TABLE IF EXISTS (no OBJECT_ID left)", () => {
  const r = run(`CREATE PROCEDURE tg AS
  IF OBJECT_ID('tempdb..#x') IS NOT NULL DROP TABLE #x;
  CREATE TABLE #x (a int);
  SELECT a FROM #x;
GO`);
  const sql = sqlOf(r, 'tg');
  assert.doesNotMatch(sql, /OBJECT_ID/i);
  // The guard's DROP and the one before CREATE are the same statement: printed once.
  assert.match(sql, /BEGIN\n\s*DROP TEMPORARY TABLE IF EXISTS `tmp_x`;\n\s*CREATE TEMPORARY TABLE `tmp_x`/);
  assert.ok(!codes(r).includes('TM0016'));
});

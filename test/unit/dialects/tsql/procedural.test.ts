import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Statement } from '../../../../converters/model/index.js';
import { at, body, codes, only, parse } from './helpers.js';

const kinds = (s: Statement[]): string[] => s.map((x) => x.kind);

test('procedure: parameters with defaults and OUTPUT, options, DECLARE/SET/SELECT @v =, IF/ELSE, WHILE/BREAK/CONTINUE, RETURN', () => {
  const r = parse(`CREATE PROCEDURE dbo.p
  @a int = 5, @b nvarchar(10) OUTPUT, @c decimal(5,2) = NULL
WITH RECOMPILE, EXECUTE AS CALLER
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @i int = 0, @n int
  SET @i += 1
  SELECT @n = COUNT(*) FROM dbo.t WHERE x = @a
  IF @n > 10
    SET @b = N'many'
  ELSE IF @n > 0
    BEGIN SET @b = N'some' END
  ELSE
    SET @b = N'none'
  WHILE @i < 10
  BEGIN
    SET @i = @i + 1
    IF @i = 3 CONTINUE
    IF @i = 8 BREAK
  END
  RETURN @n
END
GO`);
  const p = only(r.objects, 'Routine')[0]!;
  assert.deepEqual(p.params.map((x) => [x.name, x.mode, x.default ? 'd' : '']), [['a', 'in', 'd'], ['b', 'inout', ''], ['c', 'in', 'd']]);
  assert.equal(p.security, 'invoker');
  const outer = body(p);
  assert.equal(outer.length, 1);
  const blk = outer[0]!;
  assert.ok(blk.kind === 'Block');
  assert.deepEqual(kinds(blk.body), ['Null', 'Block', 'Assign', 'SqlStatement', 'If', 'While', 'Return']);
  const inc = blk.body[2]!;
  assert.ok(inc.kind === 'Assign' && inc.value.kind === 'Binary' && inc.value.op === '+');
  const sel = blk.body[3]!;
  assert.ok(sel.kind === 'SqlStatement' && sel.statement.kind === 'Select');
  assert.deepEqual(sel.statement.into?.map((e) => (e.kind === 'Variable' ? `${e.scope}:${e.name}` : '')), ['local:n']);
  const iff = blk.body[4]!;
  assert.ok(iff.kind === 'If' && iff.else?.[0]?.kind === 'If');
  const wh = blk.body[5]!;
  assert.ok(wh.kind === 'While' && wh.body[0]!.kind === 'Block');
  assert.deepEqual(codes(r.diagnostics), []);
});

test('TRY/CATCH, THROW, RAISERROR by severity, PRINT, transactions, GOTO/labels', () => {
  const r = parse(`CREATE PROC p AS
BEGIN TRY
  BEGIN TRAN
  SAVE TRANSACTION sp1
  UPDATE t SET a = 1 FROM t JOIN u ON u.id = t.id WHERE u.x = 2
  DELETE FROM t FROM t INNER JOIN u ON u.id = t.id
  IF @@ROWCOUNT = 0 GOTO done
  COMMIT TRANSACTION
done:
  PRINT 'ok'
  RAISERROR('progress %d', 0, 1, 5) WITH NOWAIT
END TRY
BEGIN CATCH
  ROLLBACK TRAN sp1
  IF @@TRANCOUNT > 0 ROLLBACK
  RAISERROR('failed: %s', 16, 1, 'x');
  THROW 50001, N'bad', 1;
  THROW;
END CATCH
GO`);
  const b = body(only(r.objects, 'Routine')[0]!);
  const tc = b[0]!;
  assert.ok(tc.kind === 'Block');
  assert.deepEqual(kinds(tc.body), ['Transaction', 'Transaction', 'SqlStatement', 'SqlStatement', 'If', 'Transaction', 'Label', 'Raise', 'Raise']);
  const upd = tc.body[2]!;
  assert.ok(upd.kind === 'SqlStatement' && upd.statement.kind === 'Update' && upd.statement.from?.length === 1);
  const del = tc.body[3]!;
  assert.ok(del.kind === 'SqlStatement' && del.statement.kind === 'Delete' && del.statement.using?.length === 1);
  const iff = tc.body[4]!;
  assert.ok(iff.kind === 'If' && iff.branches[0]!.body[0]!.kind === 'Goto');
  const cond = iff.branches[0]!.condition;
  assert.ok(cond.kind === 'Binary' && cond.left.kind === 'Variable' && cond.left.scope === 'system');
  assert.deepEqual(tc.body.slice(7).map((s) => (s.kind === 'Raise' ? s.level : '')), ['info', 'notice']);
  const h = tc.exceptionHandlers[0]!;
  assert.deepEqual(h.conditions, [{ kind: 'others' }]);
  assert.deepEqual(h.body.map((s) => (s.kind === 'Raise' ? `raise ${s.level}${s.reraise ? ' reraise' : ''}` : s.kind === 'Transaction' ? s.action : s.kind)),
    ['rollback to', 'If', 'raise exception', 'raise exception', 'raise exception reraise']);
  assert.deepEqual(codes(r.diagnostics), []);
});

test('cursors, EXEC with named and OUTPUT arguments, return status, EXEC(string), sp_executesql, temp and table variables', () => {
  const r = parse(`CREATE PROCEDURE p AS
DECLARE @id int, @rc int, @sql nvarchar(max)
DECLARE @t TABLE (id int PRIMARY KEY, v varchar(5))
CREATE TABLE #tmp (id int)
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT id FROM dbo.t
OPEN c
FETCH NEXT FROM c INTO @id
WHILE @@FETCH_STATUS = 0
BEGIN
  EXEC @rc = dbo.q @x = @id, @y = @rc OUTPUT
  EXEC dbo.q @id, @rc OUT
  FETCH NEXT FROM c INTO @id
END
CLOSE c
DEALLOCATE c
EXEC ('SELECT 1')
EXEC sp_executesql @sql, N'@p int', @p = 1
DROP TABLE #tmp
GO`);
  const b = body(only(r.objects, 'Routine')[0]!);
  assert.deepEqual(kinds(b), ['Block', 'VarDecl', 'DdlStatement', 'CursorDecl', 'OpenCursor', 'Fetch', 'While', 'CloseCursor', 'Null', 'DynamicSql', 'DynamicSql', 'DdlStatement']);
  const tv = b[1]!;
  assert.ok(tv.kind === 'VarDecl' && tv.table);
  assert.deepEqual(tv.table.columns.map((c) => c.name), ['id', 'v']);
  const ddl = b[2]!;
  assert.ok(ddl.kind === 'DdlStatement' && ddl.target?.name.name === '#tmp');
  const wh = b[6]!;
  assert.ok(wh.kind === 'While' && wh.body[0]!.kind === 'Block');
  const calls = wh.body[0]!.kind === 'Block' ? wh.body[0]!.body : [];
  const c1 = calls[0]!, c2 = calls[1]!;
  assert.ok(c1.kind === 'Call' && c2.kind === 'Call');
  assert.deepEqual([c1.args.map((a) => (a.kind === 'NamedArg' ? a.name : '?')), c1.outputArgs, c1.returnStatus?.kind], [['x', 'y'], [1], 'Variable']);
  assert.deepEqual(c2.outputArgs, [1]);
  const sx = b[10]!;
  assert.ok(sx.kind === 'DynamicSql' && sx.using?.length === 1);
  assert.deepEqual(codes(r.diagnostics), []);
});

test('functions: scalar, inline table-valued, multi-statement table-valued; triggers FOR/AFTER/INSTEAD OF; DDL trigger → action item', () => {
  const r = parse(`CREATE FUNCTION dbo.f(@x int) RETURNS int WITH SCHEMABINDING AS BEGIN RETURN @x * 2 END
GO
CREATE FUNCTION dbo.itv(@x int) RETURNS TABLE AS RETURN (SELECT a FROM dbo.t WHERE a > @x)
GO
CREATE FUNCTION dbo.mtv() RETURNS @r TABLE (a int, b varchar(3)) AS
BEGIN
  INSERT @r (a, b) SELECT a, b FROM dbo.t
  RETURN
END
GO
CREATE TRIGGER dbo.trg ON dbo.t INSTEAD OF DELETE AS
  UPDATE dbo.t SET deleted = 1 WHERE id IN (SELECT id FROM deleted)
GO
CREATE TRIGGER ddl_guard ON DATABASE FOR DROP_TABLE AS ROLLBACK
GO`);
  const fns = only(r.objects, 'Routine');
  assert.deepEqual(fns.map((f) => [f.name.name, f.returns?.kind]), [['f', 'type'], ['itv', 'table'], ['mtv', 'table']]);
  const itv = body(fns[1]!)[0]!;
  assert.ok(itv.kind === 'Return' && itv.query);
  const mtv = fns[2]!;
  assert.deepEqual(mtv.returns?.kind === 'table' ? mtv.returns.columns.map((c) => c.name) : [], ['a', 'b']);
  const mb = body(mtv)[0]!;
  assert.deepEqual(mb.kind === 'Block' ? kinds(mb.body) : [], ['SqlStatement', 'Return']);
  const decl = mtv.body.kind === 'Block' ? mtv.body.declarations[0] : undefined;
  assert.ok(decl?.kind === 'VarDecl' && decl.names[0] === 'r' && decl.table?.columns.length === 2, 'the RETURNS @r TABLE variable is declared');
  const trg = only(r.objects, 'Trigger')[0]!;
  assert.deepEqual([trg.timing, trg.events, trg.forEach, trg.referencing?.oldTable], ['instead of', ['delete'], 'statement', 'deleted']);
  assert.deepEqual(at(r.diagnostics, 'TS0014'), ['14:1']);
});

test("WAITFOR DELAY 'time' is kept as text for the rules (no finding); WAITFOR TIME gets a located finding; the rest of the body is read", () => {
  const r = parse(`CREATE PROCEDURE p AS
WAITFOR DELAY '00:00:05'
WAITFOR TIME '22:00'
SET ROWCOUNT 10
SELECT 1
GO`);
  const b = body(only(r.objects, 'Routine')[0]!);
  assert.deepEqual(kinds(b), ['Unparsed', 'Unparsed', 'SessionSet', 'SqlStatement']);
  assert.equal((b[0] as { reason: string }).reason, 'WAITFOR DELAY');
  assert.deepEqual(at(r.diagnostics, 'TS0010'), ['3:1']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, Routine } from '../../../../converters/model/index.js';
import { parse, parseClean, one, assertShape } from './helpers.js';

const local = (name: string) => ({ kind: 'Variable', name, scope: 'local' });
const col = (...parts: string[]) => ({ kind: 'ColumnRef', parts });

function routine(sql: string): Routine {
  return one(parseClean(`DELIMITER $$\n${sql}$$\nDELIMITER ;\n`), 'Routine');
}
function body(sql: string): Block {
  const r = routine(sql);
  assert.equal(r.body.kind, 'Block');
  return r.body as Block;
}

test('procedure header: params, characteristics', () => {
  const r = routine(`CREATE DEFINER=\`admin\`@\`%\` PROCEDURE p(IN a INT, OUT b VARCHAR(10), INOUT c DECIMAL(5,2))
    COMMENT 'does things' LANGUAGE SQL NOT DETERMINISTIC MODIFIES SQL DATA SQL SECURITY INVOKER
    BEGIN END`);
  assertShape(r, {
    routineKind: 'procedure', name: { name: 'p' }, definer: '`admin`@`%`', comment: 'does things', deterministic: false,
    dataAccess: 'modifies sql data', security: 'invoker', language: 'mysql',
    params: [{ name: 'a', mode: 'in', dataType: { name: 'int' } }, { name: 'b', mode: 'out', dataType: { name: 'varchar', length: 10 } }, { name: 'c', mode: 'inout' }],
    body: { kind: 'Block', declarations: [], body: [] },
  });
  const f = routine('CREATE FUNCTION f(x INT) RETURNS DECIMAL(5,2) DETERMINISTIC NO SQL RETURN x * 2');
  assertShape(f, { routineKind: 'function', deterministic: true, dataAccess: 'no sql', returns: { kind: 'type', dataType: { name: 'decimal', precision: 5, scale: 2 } },
    body: { kind: 'Block', body: [{ kind: 'Return', value: { kind: 'Binary', left: local('x') } }] } });
});

test('declarations: variables, conditions, cursors, handlers', () => {
  const b = body(`CREATE PROCEDURE p() BEGIN
    DECLARE a, b INT DEFAULT 0;
    DECLARE done BOOLEAN DEFAULT FALSE;
    DECLARE no_table CONDITION FOR SQLSTATE '42S02';
    DECLARE dup CONDITION FOR 1062;
    DECLARE cur CURSOR FOR SELECT id FROM t WHERE id > a;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION, SQLWARNING BEGIN ROLLBACK; RESIGNAL; END;
    DECLARE CONTINUE HANDLER FOR SQLSTATE VALUE '23000', 1146, no_table SET @err = 1;
    OPEN cur;
  END`);
  assertShape(b.declarations, [
    { kind: 'VarDecl', names: ['a', 'b'], dataType: { name: 'int' }, default: { kind: 'Literal', value: '0' } },
    { kind: 'VarDecl', names: ['done'], dataType: { name: 'bool' } },
    { kind: 'ConditionDecl', name: 'no_table', sqlstate: '42S02' },
    { kind: 'ConditionDecl', name: 'dup', errorCode: 1062 },
    { kind: 'CursorDecl', name: 'cur', query: { kind: 'Select', where: { kind: 'Binary', left: col('id'), right: local('a') } } },
    { kind: 'HandlerDecl', action: 'continue', conditions: [{ kind: 'notFound' }], body: { kind: 'Assign', target: local('done') } },
    { kind: 'HandlerDecl', action: 'exit', conditions: [{ kind: 'sqlException' }, { kind: 'sqlWarning' }], body: { kind: 'Block', body: [{ kind: 'Transaction', action: 'rollback' }, { kind: 'Raise', reraise: true }] } },
    { kind: 'HandlerDecl', conditions: [{ kind: 'sqlstate', value: '23000' }, { kind: 'errorCode', value: 1146 }, { kind: 'named', name: 'no_table' }], body: { kind: 'Assign', target: { kind: 'Variable', scope: 'user', name: 'err' } } },
  ]);
  assertShape(b.body, [{ kind: 'OpenCursor', name: 'cur' }]);
});

test('control flow with labels', () => {
  const b = body(`CREATE PROCEDURE p(n INT) outer_blk: BEGIN
    DECLARE i INT DEFAULT 0;
    lp: LOOP
      SET i = i + 1;
      IF i > n THEN LEAVE lp; ELSEIF i = 2 THEN ITERATE lp; ELSE SET @x = i; END IF;
    END LOOP lp;
    WHILE i > 0 DO SET i = i - 1; END WHILE;
    rp: REPEAT SET i = i + 1; UNTIL i >= 3 END REPEAT rp;
    CASE i WHEN 1 THEN SELECT 1; WHEN 2 THEN SELECT 2; ELSE BEGIN END; END CASE;
    CASE WHEN i > 1 THEN SET i = 0; END CASE;
    LEAVE outer_blk;
  END outer_blk`);
  assertShape(b, { label: 'outer_blk' });
  assertShape(b.body, [
    { kind: 'Loop', label: 'lp', body: [
      { kind: 'Assign', target: local('i'), value: { kind: 'Binary', op: '+', left: local('i') } },
      { kind: 'If', branches: [{ condition: { kind: 'Binary', right: local('n') }, body: [{ kind: 'Leave', label: 'lp' }] }, { body: [{ kind: 'Iterate', label: 'lp' }] }], else: [{ kind: 'Assign', target: { scope: 'user', name: 'x' } }] },
    ] },
    { kind: 'While', condition: { kind: 'Binary', op: '>' }, body: [{ kind: 'Assign' }] },
    { kind: 'Repeat', label: 'rp', until: { kind: 'Binary', op: '>=' }, body: [{ kind: 'Assign' }] },
    { kind: 'CaseStatement', operand: local('i'), whens: [{ when: { value: '1' }, body: [{ kind: 'SqlStatement' }] }, { body: [{ kind: 'SqlStatement' }] }], else: [{ kind: 'Block' }] },
    { kind: 'CaseStatement', operand: undefined, whens: [{ body: [{ kind: 'Assign' }] }] },
    { kind: 'Leave', label: 'outer_blk' },
  ]);
});

test('SET forms, SELECT … INTO, FETCH, CALL, SIGNAL, dynamic SQL, transactions, GET DIAGNOSTICS', () => {
  const b = body(`CREATE PROCEDURE p(IN id INT) BEGIN
    DECLARE v, total INT;
    DECLARE msg TEXT;
    DECLARE c CURSOR FOR SELECT x FROM t;
    SET v = 1, @u := 2, @@session.sql_mode = 'ANSI', GLOBAL max_connections = 10;
    SELECT count(*), sum(total) INTO v, total FROM t WHERE t.id = id;
    SELECT x FROM t WHERE x = v INTO @out;
    FETCH NEXT FROM c INTO v;
    CALL other(v, @u);
    CALL noargs;
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bad', MYSQL_ERRNO = 1644;
    RESIGNAL SET MESSAGE_TEXT = msg;
    PREPARE s FROM @sql; EXECUTE s USING @a, @b; DEALLOCATE PREPARE s;
    START TRANSACTION; SAVEPOINT sp; ROLLBACK TO SAVEPOINT sp; COMMIT;
    GET DIAGNOSTICS CONDITION 1 msg = MESSAGE_TEXT, v = MYSQL_ERRNO;
    INSERT INTO log (id, v) VALUES (id, v);
    UPDATE t SET x = v WHERE id = id;
    DELETE FROM t WHERE id = v;
  END`);
  const s = b.body;
  assertShape(s.slice(0, 4), [
    { kind: 'Assign', target: local('v'), value: { value: '1' } },
    { kind: 'Assign', target: { kind: 'Variable', scope: 'user', name: 'u' } },
    { kind: 'Assign', target: { kind: 'Variable', scope: 'system', name: 'session.sql_mode' } },
    { kind: 'Assign', target: { kind: 'Variable', scope: 'system', name: 'global.max_connections' } },
  ]);
  // A local variable shadows the column of the same name inside SQL statements: t.id stays a column, id is the parameter.
  assertShape(s[4], { kind: 'SqlStatement', statement: { kind: 'Select', into: [local('v'), local('total')], items: [{}, { expr: { args: [local('total')] } }], where: { kind: 'Binary', left: col('t', 'id'), right: local('id') } } });
  assertShape(s[5], { statement: { into: [{ kind: 'Variable', scope: 'user', name: 'out' }] } });
  assertShape(s.slice(6), [
    { kind: 'Fetch', cursor: 'c', into: [local('v')] },
    { kind: 'Call', name: { name: 'other' }, args: [local('v'), { scope: 'user' }] },
    { kind: 'Call', name: { name: 'noargs' }, args: [] },
    { kind: 'Raise', level: 'exception', sqlstate: '45000', message: { value: 'bad' }, items: [{ name: 'MYSQL_ERRNO', value: { value: '1644' } }] },
    { kind: 'Raise', reraise: true, message: local('msg') },
    { kind: 'DynamicSql', phase: 'prepare', preparedName: 's', sql: { kind: 'Variable', scope: 'user', name: 'sql' } },
    { kind: 'DynamicSql', phase: 'execute', preparedName: 's', using: [{ name: 'a' }, { name: 'b' }] },
    { kind: 'DynamicSql', phase: 'deallocate', preparedName: 's' },
    { kind: 'Transaction', action: 'begin' }, { kind: 'Transaction', action: 'savepoint', savepoint: 'sp' },
    { kind: 'Transaction', action: 'rollback to', savepoint: 'sp' }, { kind: 'Transaction', action: 'commit' },
    { kind: 'GetDiagnostics', conditionNumber: { value: '1' }, items: [{ target: local('msg'), item: 'MESSAGE_TEXT' }, { target: local('v'), item: 'MYSQL_ERRNO' }] },
    { kind: 'SqlStatement', statement: { kind: 'Insert', source: { rows: [[local('id'), local('v')]] } } },
    { kind: 'SqlStatement', statement: { kind: 'Update', set: [{ column: ['x'], value: local('v') }], where: { left: local('id'), right: local('id') } } },
    { kind: 'SqlStatement', statement: { kind: 'Delete' } },
  ]);
});

test('variables are scoped to their block', () => {
  const b = body(`CREATE PROCEDURE p() BEGIN
    BEGIN DECLARE inner_v INT; SET inner_v = 1; END;
    SELECT inner_v FROM t;
  END`);
  assertShape(b.body[1], { kind: 'SqlStatement', statement: { items: [{ expr: col('inner_v') }] } });
  assertShape((b.body[0] as Block).body[0], { kind: 'Assign', target: local('inner_v') });
});

test('DDL inside routines', () => {
  const b = body(`CREATE PROCEDURE p() BEGIN
    CREATE TEMPORARY TABLE tmp (id INT NOT NULL PRIMARY KEY);
    INSERT INTO tmp SELECT 1;
    TRUNCATE TABLE tmp;
    DROP TEMPORARY TABLE IF EXISTS tmp;
    ALTER TABLE t ADD COLUMN z INT;
  END`);
  assertShape(b.body, [
    { kind: 'DdlStatement', action: 'create', object: { kind: 'Table', temporary: true, name: { name: 'tmp' }, columns: [{ name: 'id', nullable: false }] } },
    { kind: 'SqlStatement' },
    { kind: 'DdlStatement', action: 'truncate', target: { objectType: 'table', name: { name: 'tmp' } } },
    { kind: 'DdlStatement', action: 'drop', ifExists: true, target: { name: { name: 'tmp' } } },
    { kind: 'DdlStatement', action: 'alter', text: 'ALTER TABLE t ADD COLUMN z INT' },
  ]);
});

test('triggers: timing, event, order, NEW/OLD, single-statement bodies', () => {
  const objs = parseClean(`CREATE TABLE t (a INT, b INT);
    DELIMITER //
    CREATE DEFINER=CURRENT_USER TRIGGER tb BEFORE INSERT ON t FOR EACH ROW SET NEW.b = NEW.a * 2//
    CREATE TRIGGER tu AFTER UPDATE ON t FOR EACH ROW FOLLOWS tb BEGIN IF OLD.a <> NEW.a THEN INSERT INTO log VALUES (OLD.a, NEW.a); END IF; END//
    DELIMITER ;`);
  const trg = objs.filter((o) => o.kind === 'Trigger');
  assertShape(trg, [
    { name: { name: 'tb' }, table: { name: 't' }, timing: 'before', events: ['insert'], forEach: 'row', definer: 'CURRENT_USER',
      body: { kind: 'Block', body: [{ kind: 'Assign', target: col('NEW', 'b'), value: { left: col('NEW', 'a') } }] } },
    { name: { name: 'tu' }, timing: 'after', events: ['update'], order: { position: 'follows', other: 'tb' },
      body: { kind: 'Block', body: [{ kind: 'If' }] } },
  ]);
});

test('events', () => {
  const objs = parseClean(`DELIMITER $$
    CREATE EVENT IF NOT EXISTS purge ON SCHEDULE EVERY 1 DAY STARTS CURRENT_TIMESTAMP + INTERVAL 1 HOUR ENDS '2030-01-01'
      ON COMPLETION PRESERVE DISABLE COMMENT 'nightly' DO BEGIN DELETE FROM log WHERE ts < NOW() - INTERVAL 30 DAY; END$$
    CREATE EVENT once ON SCHEDULE AT '2030-01-01 00:00:00' DO DELETE FROM log$$
    DELIMITER ;`);
  assertShape(objs, [
    { kind: 'Event', name: { name: 'purge' }, enabled: false, onCompletionPreserve: true, comment: 'nightly',
      schedule: { every: { value: { value: '1' }, unit: 'DAY' }, starts: { kind: 'Binary', op: '+', right: { kind: 'Interval', unit: 'HOUR' } }, ends: { value: '2030-01-01' } },
      body: { kind: 'Block', body: [{ kind: 'SqlStatement', statement: { kind: 'Delete' } }] } },
    { kind: 'Event', name: { name: 'once' }, enabled: true, schedule: { at: { value: '2030-01-01 00:00:00' } }, body: { kind: 'Block', body: [{ kind: 'SqlStatement' }] } },
  ]);
});

test('an unparseable statement in a body becomes Unparsed with a located diagnostic; the rest is kept', () => {
  const r = parse(`DELIMITER $$
CREATE PROCEDURE p() BEGIN
  SET @a = 1;
  SELECT a <-> b FROM t;
  SET @b = 2;
END$$
DELIMITER ;`);
  const p = one(r.objects, 'Routine');
  assertShape((p.body as Block).body, [{ kind: 'Assign' }, { kind: 'Unparsed', text: 'SELECT a <-> b FROM t' }, { kind: 'Assign' }]);
  assertShape(r.diagnostics, [{ code: 'MY0007', severity: 'high', span: { file: 't.sql', line: 4, column: 13 }, object: { type: 'procedure', name: 'p' } }]);
});

test('a body that cannot be parsed at all keeps the routine header and the body text', () => {
  const r = parse(`DELIMITER $$
CREATE FUNCTION f(a INT) RETURNS INT BEGIN RETURN a; END WHILE$$
DELIMITER ;`);
  const f = one(r.objects, 'Routine');
  assertShape(f, { name: { name: 'f' }, params: [{ name: 'a' }], body: { kind: 'Unparsed' } });
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0]!.code, 'MY0007');
});


test('DO expr becomes a discarded query', () => {
  const b = body('CREATE PROCEDURE p() BEGIN DO SLEEP(1), RELEASE_LOCK(\'x\'); END');
  assertShape(b.body, [{ kind: 'SqlStatement', perform: true, statement: { kind: 'Select', items: [{ expr: { kind: 'FunctionCall', name: { name: 'SLEEP' } } }, { expr: { kind: 'FunctionCall' } }] } }]);
});

test('a realistic routine file parses without findings', async () => {
  const { readFileSync } = await import('node:fs');
  const objs = parseClean(readFileSync(new URL('./fixtures/routines.sql', import.meta.url), 'utf8'));
  const [proc, fn, dyn] = objs as Routine[];
  assertShape(proc, { name: { name: 'process_orders' }, definer: '`app`@`%`', body: { label: 'main' } });
  const pb = proc!.body as Block;
  assertShape(pb.declarations.map((d) => d.kind), ['VarDecl', 'VarDecl', 'VarDecl', 'VarDecl', 'VarDecl', 'CursorDecl', 'HandlerDecl', 'HandlerDecl']);
  assertShape(pb.declarations[5], { kind: 'CursorDecl', query: { kind: 'Select', lock: 'update', limit: local('p_batch') } });
  assert.ok(pb.body.some((s) => s.kind === 'Loop' && s.label === 'read_loop'));
  assertShape(fn, { name: { name: 'slugify' }, returns: { dataType: { name: 'varchar', length: 200, charset: 'utf8mb4' } }, deterministic: true });
  assert.equal((dyn!.body as Block).body.filter((s) => s.kind === 'SqlStatement').length, 13);
});

test('recovery skips a whole compound statement that fails, and keeps the statements after it', () => {
  const r = parse(`DELIMITER $$
CREATE PROCEDURE p(n INT) BEGIN
  SET @a = 1;
  IF n <-> 2 THEN
    SET @b = CASE WHEN n > 1 THEN 1 ELSE 2 END;
    WHILE n > 0 DO SET n = n - 1; END WHILE;
    BEGIN SELECT 1; END;
  ELSE
    SET @c = 3;
  END IF;
  lbl: LOOP LEAVE lbl; END LOOP lbl;
  SET @d = 4;
END$$
DELIMITER ;`);
  const p = one(r.objects, 'Routine');
  const stmts = (p.body as Block).body;
  assertShape(stmts.map((s) => s.kind), ['Assign', 'Unparsed', 'Loop', 'Assign']);
  assert.match((stmts[1] as { text: string }).text, /^IF n <-> 2 THEN[\s\S]*END IF$/);
  assert.equal(r.diagnostics.length, 1);
});

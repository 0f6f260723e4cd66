// Procedural rules on real servers: the same routine as MySQL text on MariaDB and as the front
// end's IR converted to PL/pgSQL on PostgreSQL, called with the same arguments.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Statement, Expr } from '../../../converters/index.js';
import { convert } from '../../../converters/index.js';
import { freshPgDatabase, freshMysqlDatabase, pgUrlFromEnv, mysqlUrlFromEnv, runPsql, runMysqlClient, type FreshDatabase } from '../../harness/db.js';
import { catalog, column, table, type, pk, lit, fn, op, ref, v, select, from, span, insert, block, routine, param } from '../../unit/rules/mysql-postgres/ir.js';
import { applySql, diagnosticsOf } from './helpers.js';

const skip = !pgUrlFromEnv() || !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL / DBSHIFT_TEST_MYSQL_URL not set' : false;
let pgdb: FreshDatabase;
let my: FreshDatabase;
before(async () => { if (skip) return; pgdb = await freshPgDatabase('mp_proc'); my = await freshMysqlDatabase('mp_proc'); });
after(async () => { if (skip) return; await pgdb.drop(); await my.drop(); });

const items = table('items', [column('id', type('int'), { nullable: false }), column('price', type('decimal', { precision: 6, scale: 2 }))], [pk('id')]);
const itemRows = [[1, 2.5], [2, 4], [3, 10.25]].map(([i, p]) => [lit(i!), lit(p!)]);

const MYSQL = `
CREATE TABLE items (id INT NOT NULL PRIMARY KEY, price DECIMAL(6,2));
INSERT INTO items VALUES (1, 2.5), (2, 4), (3, 10.25);
DELIMITER $$
CREATE FUNCTION total_over(p_min DECIMAL(6,2)) RETURNS DECIMAL(8,2) READS SQL DATA
BEGIN
  DECLARE done INT DEFAULT 0;
  DECLARE v_price DECIMAL(6,2);
  DECLARE v_total DECIMAL(8,2) DEFAULT 0;
  DECLARE cur CURSOR FOR SELECT price FROM items ORDER BY id;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1;
  OPEN cur;
  read_loop: REPEAT
    FETCH cur INTO v_price;
    IF done = 0 AND v_price >= p_min THEN
      SET v_total = v_total + v_price;
    END IF;
  UNTIL done = 1 END REPEAT read_loop;
  CLOSE cur;
  RETURN v_total;
END $$
CREATE FUNCTION price_of(p_id INT) RETURNS DECIMAL(6,2) READS SQL DATA
BEGIN
  DECLARE v DECIMAL(6,2);
  DECLARE EXIT HANDLER FOR NOT FOUND RETURN -1;
  SELECT price INTO v FROM items WHERE id = p_id;
  RETURN v;
END $$
CREATE PROCEDURE check_price(IN p_id INT, OUT p_price DECIMAL(6,2))
BEGIN
  SELECT price INTO p_price FROM items WHERE id = p_id;
  IF p_price IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no such item';
  END IF;
  SELECT id, price FROM items WHERE price <= p_price ORDER BY id;
END $$
DELIMITER ;
`;

export function routines() {
  const fetch: Statement = { kind: 'Fetch', cursor: 'cur', into: [v('v_price')], span };
  const totalOver = routine('function', 'total_over', [param('p_min', type('decimal', { precision: 6, scale: 2 }))], block([
    { kind: 'OpenCursor', name: 'cur', span },
    { kind: 'Repeat', label: 'read_loop', span, until: op('=', v('done'), lit(1)), body: [
      fetch,
      { kind: 'If', span, branches: [{ condition: op('and', op('=', v('done'), lit(0)), op('>=', v('v_price'), v('p_min'))),
        body: [{ kind: 'Assign', target: v('v_total'), value: op('+', v('v_total'), v('v_price')), span }] }] },
    ] },
    { kind: 'CloseCursor', name: 'cur', span },
    { kind: 'Return', value: v('v_total'), span },
  ], [
    { kind: 'VarDecl', names: ['done'], dataType: type('int'), default: lit(0), span },
    { kind: 'VarDecl', names: ['v_price'], dataType: type('decimal', { precision: 6, scale: 2 }), span },
    { kind: 'VarDecl', names: ['v_total'], dataType: type('decimal', { precision: 8, scale: 2 }), default: lit(0), span },
    { kind: 'CursorDecl', name: 'cur', query: select([ref('price')], { from: [from('items')], orderBy: [{ expr: ref('id') }] }), span },
    { kind: 'HandlerDecl', action: 'continue', conditions: [{ kind: 'notFound' }], body: { kind: 'Assign', target: v('done'), value: lit(1), span }, span },
  ]), { returns: { kind: 'type', dataType: type('decimal', { precision: 8, scale: 2 }) }, dataAccess: 'reads sql data' });
  const priceOf = routine('function', 'price_of', [param('p_id', type('int'))], block([
    { kind: 'SqlStatement', statement: select([ref('price')], { into: [v('v')], from: [from('items')], where: op('=', ref('id'), v('p_id')) }), span },
    { kind: 'Return', value: v('v'), span },
  ], [
    { kind: 'VarDecl', names: ['v'], dataType: type('decimal', { precision: 6, scale: 2 }), span },
    { kind: 'HandlerDecl', action: 'exit', conditions: [{ kind: 'notFound' }], body: { kind: 'Return', value: { kind: 'Unary', op: '-', operand: lit(1), span } as Expr, span }, span },
  ]), { returns: { kind: 'type', dataType: type('decimal', { precision: 6, scale: 2 }) }, dataAccess: 'reads sql data' });
  const checkPrice = routine('procedure', 'check_price', [param('p_id', type('int')), param('p_price', type('decimal', { precision: 6, scale: 2 }), 'out')], block([
    { kind: 'SqlStatement', statement: select([ref('price')], { into: [v('p_price')], from: [from('items')], where: op('=', ref('id'), v('p_id')) }), span },
    { kind: 'If', span, branches: [{ condition: { kind: 'IsTest', expr: v('p_price'), test: 'null', not: false, span },
      body: [{ kind: 'Raise', level: 'exception', sqlstate: '45000', items: [{ name: 'MESSAGE_TEXT', value: lit('no such item') }], span }] }] },
    { kind: 'SqlStatement', statement: select([ref('id'), ref('price')], { from: [from('items')], where: op('<=', ref('price'), v('p_price')), orderBy: [{ expr: ref('id') }] }), span },
  ]));
  return [totalOver, priceOf, checkPrice];
}

test('cursor loop with CONTINUE HANDLER FOR NOT FOUND, EXIT handler, SIGNAL and result sets behave as on MariaDB', { skip }, async () => {
  await runMysqlClient(my.url, MYSQL);
  const result = convert(catalog(items, insert('items', itemRows), ...routines()), { target: 'postgres' });
  await runPsql(pgdb.url, applySql(result));
  for (const min of [0, 3, 100]) {
    const [m] = await my.query(`SELECT total_over(${min}) AS t`);
    const [p] = await pgdb.query(`SELECT app.total_over(${min}) AS t`);
    assert.equal(Number(p!.t), Number(m!.t), `total_over(${min})`);
  }
  for (const id of [2, 99]) {
    const [m] = await my.query(`SELECT price_of(${id}) AS p`);
    const [p] = await pgdb.query(`SELECT app.price_of(${id}) AS p`);
    assert.equal(Number(p!.p), Number(m!.p), `price_of(${id})`);
  }
  // OUT parameter and result set: MariaDB returns the rows and sets @p; PostgreSQL returns the
  // OUT value and a cursor in the CALL's result row.
  const myRows = await my.query('CALL check_price(2, @p)');
  const myResult = (myRows as unknown as Record<string, unknown>[][])[0]!.map((r) => `${r.id}:${Number(r.price)}`);
  const [myOut] = await my.query('SELECT @p AS p');
  await pgdb.query('BEGIN');
  const [call] = await pgdb.query('CALL app.check_price(2, NULL, NULL)');
  const pgRows = (await pgdb.query(`FETCH ALL FROM "${String(call!.result_1)}"`)).map((r) => `${r.id}:${Number(r.price)}`);
  await pgdb.query('COMMIT');
  assert.equal(Number(call!.p_price), Number(myOut!.p));
  assert.deepEqual(pgRows, myResult);
  await assert.rejects(my.query('CALL check_price(99, @p)'), /no such item/);
  await assert.rejects(pgdb.query('CALL app.check_price(99, NULL, NULL)'), (e: Error & { code?: string }) => /no such item/.test(e.message) && e.code === '45000');
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'MP0024'), 'result-set calling convention is an action item');
});

test('CONTINUE handler for errors resumes after the failing statement; EXIT handler for error 1062 leaves the block', { skip }, async () => {
  const log = table('log', [column('id', type('int'), { nullable: false })], [pk('id')]);
  const ins = (id: number): Statement => ({ kind: 'SqlStatement', statement: { kind: 'Insert', table: { name: 'log' }, source: { kind: 'Values', rows: [[lit(id)]], span }, span }, span });
  const inc = (name: string): Statement => ({ kind: 'Assign', target: v(name), value: op('+', v(name), lit(1)), span });
  const keepGoing = routine('procedure', 'keep_going', [param('p_errors', type('int'), 'out')], block([
    { kind: 'Assign', target: v('p_errors'), value: lit(0), span }, ins(1), ins(1), ins(2), ins(2), ins(3),
  ], [
    { kind: 'HandlerDecl', action: 'continue', conditions: [{ kind: 'sqlException' }], body: inc('p_errors'), span },
  ]));
  const stopEarly = routine('procedure', 'stop_early', [param('p_state', type('varchar', { length: 20 }), 'out')], block([
    { kind: 'Assign', target: v('p_state'), value: lit('start'), span },
    block([ins(10), ins(10), { kind: 'Assign', target: v('p_state'), value: lit('not reached'), span }], [
      { kind: 'HandlerDecl', action: 'exit', conditions: [{ kind: 'errorCode', value: 1062 }], body: { kind: 'Assign', target: v('p_state'), value: lit('duplicate'), span }, span },
    ]),
    ins(11),
  ]));
  await runMysqlClient(my.url, `CREATE TABLE log (id INT NOT NULL PRIMARY KEY);
DELIMITER $$
CREATE PROCEDURE keep_going(OUT p_errors INT)
BEGIN
  DECLARE CONTINUE HANDLER FOR SQLEXCEPTION SET p_errors = p_errors + 1;
  SET p_errors = 0;
  INSERT INTO log VALUES (1); INSERT INTO log VALUES (1); INSERT INTO log VALUES (2); INSERT INTO log VALUES (2); INSERT INTO log VALUES (3);
END $$
CREATE PROCEDURE stop_early(OUT p_state VARCHAR(20))
BEGIN
  SET p_state = 'start';
  BEGIN
    DECLARE EXIT HANDLER FOR 1062 SET p_state = 'duplicate';
    INSERT INTO log VALUES (10); INSERT INTO log VALUES (10); SET p_state = 'not reached';
  END;
  INSERT INTO log VALUES (11);
END $$
DELIMITER ;
`);
  const result = convert(catalog(log, keepGoing, stopEarly), { target: 'postgres' });
  await runPsql(pgdb.url, applySql(result));
  await my.query('CALL keep_going(@e)');
  const [me] = await my.query('SELECT @e AS e');
  const [pe] = await pgdb.query('CALL app.keep_going(NULL)');
  assert.equal(Number(pe!.p_errors), Number(me!.e));
  await my.query('CALL stop_early(@s)');
  const [ms] = await my.query('SELECT @s AS s');
  const [ps] = await pgdb.query('CALL app.stop_early(NULL)');
  assert.equal(ps!.p_state, ms!.s);
  const ids = async (db: FreshDatabase, t: string) => (await db.query(`SELECT id FROM ${t} ORDER BY id`)).map((r) => Number(r.id));
  assert.deepEqual(await ids(pgdb, 'app.log'), await ids(my, 'log'));
});

test('SET v = ROW_COUNT() after an UPDATE gives the same count (GET DIAGNOSTICS)', { skip }, async () => {
  const t = table('rc', [column('id', type('int'), { nullable: false }), column('v', type('int'))], [pk('id')]);
  const p = routine('procedure', 'bump', [param('p_min', type('int')), param('p_count', type('int'), 'out')], block([
    { kind: 'SqlStatement', statement: { kind: 'Update', table: from('rc'), set: [{ column: ['v'], value: op('+', ref('v'), lit(1)) }], where: op('>=', ref('id'), v('p_min')), span }, span },
    { kind: 'Assign', target: v('p_count'), value: { kind: 'FunctionCall', name: { name: 'ROW_COUNT' }, args: [], span }, span },
  ]));
  await runMysqlClient(my.url, `CREATE TABLE rc (id INT NOT NULL PRIMARY KEY, v INT);
INSERT INTO rc VALUES (1, 0), (2, 0), (3, 0);
DELIMITER $$
CREATE PROCEDURE bump(IN p_min INT, OUT p_count INT)
BEGIN
  UPDATE rc SET v = v + 1 WHERE id >= p_min;
  SET p_count = ROW_COUNT();
END $$
DELIMITER ;
`);
  const result = convert(catalog(t, insert('rc', [[lit(1), lit(0)], [lit(2), lit(0)], [lit(3), lit(0)]]), p), { target: 'postgres' });
  await runPsql(pgdb.url, applySql(result));
  await my.query('CALL bump(2, @c)');
  const [m] = await my.query('SELECT @c AS c');
  const [g] = await pgdb.query('CALL app.bump(2, NULL)');
  assert.equal(Number(g!.p_count), Number(m!.c));
  assert.equal(Number(m!.c), 2);
});

test('PREPARE … FROM with ? parameters and EXECUTE … USING run the same statement', { skip }, async () => {
  const t = table('dyn', [column('id', type('int'), { nullable: false }), column('v', type('int'))], [pk('id')]);
  const p = routine('procedure', 'dyn_insert', [param('p_id', type('int')), param('p_v', type('int'))], block([
    { kind: 'DynamicSql', phase: 'prepare', preparedName: 'stmt', sql: lit('INSERT INTO dyn (id, v) VALUES (?, ?)'), span },
    { kind: 'DynamicSql', phase: 'execute', preparedName: 'stmt', sql: lit(''), using: [v('p_id'), v('p_v')], span },
    { kind: 'DynamicSql', phase: 'deallocate', preparedName: 'stmt', sql: lit(''), span },
  ]));
  await runMysqlClient(my.url, `CREATE TABLE dyn (id INT NOT NULL PRIMARY KEY, v INT);
DELIMITER $$
CREATE PROCEDURE dyn_insert(IN p_id INT, IN p_v INT)
BEGIN
  SET @a = p_id; SET @b = p_v;
  PREPARE stmt FROM 'INSERT INTO dyn (id, v) VALUES (?, ?)';
  EXECUTE stmt USING @a, @b;
  DEALLOCATE PREPARE stmt;
END $$
DELIMITER ;
`);
  const result = convert(catalog(t, p), { target: 'postgres' });
  await runPsql(pgdb.url, applySql(result));
  await my.query('CALL dyn_insert(5, 50)');
  // The dynamic text is MySQL SQL run as is: unqualified names resolve through search_path.
  await pgdb.query('SET search_path = app');
  await pgdb.query('CALL app.dyn_insert(5, 50)');
  await pgdb.query('RESET search_path');
  const rows = async (db: FreshDatabase, tb: string) => (await db.query(`SELECT id, v FROM ${tb}`)).map((r) => `${r.id}=${r.v}`);
  assert.deepEqual(await rows(pgdb, 'app.dyn'), await rows(my, 'dyn'));
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'MP0027'));
});

test('WHILE with ITERATE/LEAVE labels, CASE statement and user variables compute what MariaDB computes', { skip }, async () => {
  // FUNCTION classify_sum(p_n): sums i = 1..p_n skipping multiples of 3, stops above 40, then classifies.
  const i = v('i');
  const f = routine('function', 'classify_sum', [param('p_n', type('int'))], block([
    { kind: 'Assign', target: { kind: 'Variable', name: 'total', scope: 'user', span }, value: lit(0), span },
    { kind: 'While', label: 'w', condition: op('<', i, v('p_n')), span, body: [
      { kind: 'Assign', target: i, value: op('+', i, lit(1)), span },
      { kind: 'If', span, branches: [{ condition: op('=', op('%', i, lit(3)), lit(0)), body: [{ kind: 'Iterate', label: 'w', span }] }] },
      { kind: 'Assign', target: { kind: 'Variable', name: 'total', scope: 'user', span }, value: op('+', { kind: 'Variable', name: 'total', scope: 'user', span }, i), span },
      { kind: 'If', span, branches: [{ condition: op('>', { kind: 'Variable', name: 'total', scope: 'user', span }, lit(40)), body: [{ kind: 'Leave', label: 'w', span }] }] },
    ] },
    { kind: 'CaseStatement', span, whens: [
      { when: op('<', { kind: 'Variable', name: 'total', scope: 'user', span }, lit(10)), body: [{ kind: 'Return', value: fn('CONCAT', lit('small:'), { kind: 'Variable', name: 'total', scope: 'user', span }), span }] },
      { when: op('<=', { kind: 'Variable', name: 'total', scope: 'user', span }, lit(40)), body: [{ kind: 'Return', value: fn('CONCAT', lit('medium:'), { kind: 'Variable', name: 'total', scope: 'user', span }), span }] },
    ], else: [{ kind: 'Return', value: fn('CONCAT', lit('large:'), { kind: 'Variable', name: 'total', scope: 'user', span }), span }] },
  ], [{ kind: 'VarDecl', names: ['i'], dataType: type('int'), default: lit(0), span }]), { returns: { kind: 'type', dataType: type('varchar', { length: 20 }) }, deterministic: true });
  await runMysqlClient(my.url, `DELIMITER $$
CREATE FUNCTION classify_sum(p_n INT) RETURNS VARCHAR(20) DETERMINISTIC
BEGIN
  DECLARE i INT DEFAULT 0;
  SET @total = 0;
  w: WHILE i < p_n DO
    SET i = i + 1;
    IF i % 3 = 0 THEN ITERATE w; END IF;
    SET @total = @total + i;
    IF @total > 40 THEN LEAVE w; END IF;
  END WHILE w;
  CASE WHEN @total < 10 THEN RETURN CONCAT('small:', @total);
       WHEN @total <= 40 THEN RETURN CONCAT('medium:', @total);
       ELSE RETURN CONCAT('large:', @total);
  END CASE;
END $$
DELIMITER ;
`);
  const result = convert(catalog(f), { target: 'postgres' });
  await runPsql(pgdb.url, applySql(result));
  for (const n of [0, 4, 8, 30]) {
    const [m] = await my.query(`SELECT classify_sum(${n}) AS r`);
    const [p] = await pgdb.query('SELECT app.classify_sum($1) AS r', [n]);
    assert.equal(p!.r, m!.r, `classify_sum(${n})`);
  }
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'MP0023'), 'user variable became local: reported');
});

// Oracle snippets, converted and run on PostgreSQL: each result is what Oracle returns for the
// original text (Oracle semantics as documented; values worked out by hand in the comments).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, diagnosticsOf, notConverted, plpgsqlCheck } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('og_behaviour'); });
after(async () => { if (!skip) await db.drop(); });

/** Converts and applies an Oracle script in its own schema; returns the finding codes. */
async function run(schema: string, script: string, options = {}): Promise<string[]> {
  const { result } = convertOracle(script, `${schema}.sql`, options);
  assert.deepEqual(notConverted(result), [], 'every object converts');
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema}, public`);
  await applyOn(db, result);
  return diagnosticsOf(result).map((d) => d.code);
}
const rows = (sql: string) => db.query(sql);
const str = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

test('NUMBER arithmetic divides exactly (7/2 = 3.5) and NUMBER(p) keeps integers', { skip }, async () => {
  await run('og_num', `CREATE TABLE n (a NUMBER(5), b NUMBER(5), c NUMBER(12,2), d NUMBER);
INSERT INTO n VALUES (7, 2, 10.25, 1.5);
CREATE VIEW v AS SELECT a / b AS q, 7 / 2 AS lit, c * 2 AS c2, MOD(a, b) AS m, TRUNC(a / b) AS t, ROUND(c, 1) AS r, d / 3 AS third FROM n;`);
  const [r] = await rows('SELECT q::text, lit::text, c2::text, m::text, t::text, r::text, round(third, 6)::text AS third FROM v');
  assert.deepEqual(r, { q: '3.5000000000000000', lit: '3.5000000000000000', c2: '20.50', m: '1', t: '3', r: '10.3', third: '0.500000' });
});

test('DATE keeps the time; date ± n days, date − date in days, TRUNC/ADD_MONTHS/LAST_DAY/MONTHS_BETWEEN/NEXT_DAY', { skip }, async () => {
  await run('og_date', `CREATE TABLE d (hd DATE);
INSERT INTO d VALUES (TO_DATE('2020-01-31 13:45:10', 'YYYY-MM-DD HH24:MI:SS'));
CREATE VIEW v AS SELECT hd + 1 AS plus1, hd - 0.5 AS minus_half, hd - TO_DATE('2020-01-01', 'YYYY-MM-DD') AS days,
  TRUNC(hd) AS day0, TRUNC(hd, 'MM') AS month0, TRUNC(hd, 'Q') AS q0, ADD_MONTHS(hd, 1) AS feb, ADD_MONTHS(TO_DATE('2020-02-29', 'YYYY-MM-DD'), 1) AS mar_end,
  LAST_DAY(hd) AS last, MONTHS_BETWEEN(TO_DATE('2020-03-31', 'YYYY-MM-DD'), TO_DATE('2020-02-29', 'YYYY-MM-DD')) AS mb_ends,
  MONTHS_BETWEEN(TO_DATE('2020-03-15', 'YYYY-MM-DD'), TO_DATE('2020-02-01', 'YYYY-MM-DD')) AS mb_days,
  NEXT_DAY(hd, 'MONDAY') AS next_mon, TO_CHAR(hd, 'YYYY-MM-DD HH24:MI:SS') AS txt, TO_CHAR(hd, 'DY') AS dy, ROUND(hd, 'MM') AS rnd FROM d;`);
  const [r] = await rows(`SELECT plus1::text, minus_half::text, round(days, 6)::text AS days, day0::text, month0::text, q0::text, feb::text, mar_end::text, last::text,
    mb_ends::text, round(mb_days, 6)::text AS mb_days, next_mon::text, txt, dy, rnd::text FROM v`);
  assert.deepEqual(r, {
    plus1: '2020-02-01 13:45:10', minus_half: '2020-01-31 01:45:10',
    days: '30.573032', // 30 + 49510/86400
    day0: '2020-01-31 00:00:00', month0: '2020-01-01 00:00:00', q0: '2020-01-01 00:00:00',
    feb: '2020-02-29 13:45:10', // 31 Jan is a month end → the end of February
    mar_end: '2020-03-31 00:00:00', // 29 Feb 2020 is a month end → 31 Mar
    last: '2020-01-31 13:45:10', mb_ends: '1',
    mb_days: '1.451613', // 1 month + 14/31
    next_mon: '2020-02-03 13:45:10', txt: '2020-01-31 13:45:10', dy: 'FRI',
    rnd: '2020-02-01 00:00:00', // day 31 ≥ 16 rounds up
  });
});

test("'' is NULL: stored, compared, concatenated and measured as Oracle does", { skip }, async () => {
  await run('og_empty', `CREATE TABLE s (id NUMBER(2), x VARCHAR2(10));
INSERT INTO s VALUES (1, '');
INSERT INTO s VALUES (2, 'b');
CREATE VIEW v AS SELECT id, 'a' || x || 'c' AS cat, NVL(x, 'z') AS nv, NVL2(x, 'set', 'unset') AS n2, LENGTH(x) AS len FROM s;`);
  assert.deepEqual(await rows('SELECT count(*)::int AS n FROM s WHERE x IS NULL'), [{ n: 1 }]);
  assert.deepEqual(await rows('SELECT id::int, cat, nv, n2, len FROM v ORDER BY id'), [
    { id: 1, cat: 'ac', nv: 'z', n2: 'unset', len: null },
    { id: 2, cat: 'abc', nv: 'b', n2: 'set', len: 1 },
  ]);
});

test('DECODE matches NULL to NULL', { skip }, async () => {
  await run('og_decode', `CREATE TABLE t (id NUMBER(2), x VARCHAR2(5));
INSERT INTO t VALUES (1, NULL);
INSERT INTO t VALUES (2, 'a');
INSERT INTO t VALUES (3, 'q');
CREATE VIEW v AS SELECT id, DECODE(x, NULL, 'was null', 'a', 'was a', 'other') AS d, DECODE(x, 'a', 1) AS d2 FROM t;`);
  assert.deepEqual(await rows('SELECT id::int, d, d2::int FROM v ORDER BY id'), [
    { id: 1, d: 'was null', d2: null }, { id: 2, d: 'was a', d2: 1 }, { id: 3, d: 'other', d2: null },
  ]);
});

const EMP = `CREATE TABLE dept (id NUMBER(3) PRIMARY KEY, name VARCHAR2(20));
CREATE TABLE emp (id NUMBER(3) PRIMARY KEY, name VARCHAR2(20), mgr NUMBER(3), dept NUMBER(3), sal NUMBER(6));
INSERT INTO dept VALUES (10, 'Sales');
INSERT INTO dept VALUES (20, 'IT');
INSERT INTO dept VALUES (30, 'Empty');
INSERT INTO emp VALUES (1, 'King', NULL, 10, 500);
INSERT INTO emp VALUES (2, 'Jones', 1, 20, 300);
INSERT INTO emp VALUES (3, 'Blake', 1, 10, 50);
INSERT INTO emp VALUES (4, 'Scott', 2, 20, 200);
INSERT INTO emp VALUES (5, 'Adams', 4, 20, 100);
INSERT INTO emp VALUES (6, 'Allen', 3, 10, 150);
`;

test('CONNECT BY with LEVEL, SYS_CONNECT_BY_PATH, CONNECT_BY_ROOT, ORDER SIBLINGS BY → WITH RECURSIVE', { skip }, async () => {
  await run('og_tree', `${EMP}
CREATE VIEW tree AS SELECT LEVEL AS lvl, name, SYS_CONNECT_BY_PATH(name, '/') AS path, CONNECT_BY_ROOT name AS root
  FROM emp START WITH mgr IS NULL CONNECT BY PRIOR id = mgr ORDER SIBLINGS BY name;
CREATE VIEW gen AS SELECT LEVEL AS n FROM dual CONNECT BY LEVEL <= 4;`);
  // Depth-first, siblings by name: King; Blake (Allen); Jones (Scott (Adams)).
  assert.deepEqual(await rows('SELECT lvl::int, name, path, root FROM tree'), [
    { lvl: 1, name: 'King', path: '/King', root: 'King' },
    { lvl: 2, name: 'Blake', path: '/King/Blake', root: 'King' },
    { lvl: 3, name: 'Allen', path: '/King/Blake/Allen', root: 'King' },
    { lvl: 2, name: 'Jones', path: '/King/Jones', root: 'King' },
    { lvl: 3, name: 'Scott', path: '/King/Jones/Scott', root: 'King' },
    { lvl: 4, name: 'Adams', path: '/King/Jones/Scott/Adams', root: 'King' },
  ]);
  assert.deepEqual((await rows('SELECT n::int FROM gen')).map((r) => r.n), [1, 2, 3, 4]);
});

test('(+) outer joins: filter on the optional side stays in ON, filters on the result stay in WHERE', { skip }, async () => {
  await run('og_outer', `${EMP}
CREATE VIEW rich AS SELECT d.name AS dname, e.name AS ename FROM dept d, emp e WHERE d.id = e.dept(+) AND e.sal(+) > 180;
CREATE VIEW lonely AS SELECT d.name AS dname FROM dept d, emp e WHERE e.dept(+) = d.id AND e.id IS NULL;`);
  // Sales has King (500); IT has Jones (300) and Scott (200); Empty has nobody → one row with NULL.
  assert.deepEqual(await rows('SELECT dname, ename FROM rich ORDER BY dname, ename'), [
    { dname: 'Empty', ename: null }, { dname: 'IT', ename: 'Jones' }, { dname: 'IT', ename: 'Scott' }, { dname: 'Sales', ename: 'King' },
  ]);
  assert.deepEqual(await rows('SELECT dname FROM lonely'), [{ dname: 'Empty' }]);
});

test('ROWNUM paging (ORDER BY inside, ROWNUM <= n outside) and ROWNUM in the select list', { skip }, async () => {
  await run('og_rownum', `${EMP}
CREATE VIEW page2 AS SELECT * FROM (SELECT a.name, ROWNUM rn FROM (SELECT name FROM emp ORDER BY sal DESC) a WHERE ROWNUM <= 4) WHERE rn > 2;
CREATE VIEW top1 AS SELECT name FROM emp WHERE ROWNUM = 1 AND dept = 30;`);
  // Salaries descending: King 500, Jones 300, Scott 200, Allen 150 → rows 3..4.
  assert.deepEqual(await rows('SELECT name, rn::int FROM page2 ORDER BY rn'), [{ name: 'Scott', rn: 3 }, { name: 'Allen', rn: 4 }]);
  assert.deepEqual(await rows('SELECT * FROM top1'), []);
});

test('MERGE with UPDATE … DELETE WHERE and INSERT', { skip }, async () => {
  await run('og_merge', `CREATE TABLE stock (id NUMBER(3) PRIMARY KEY, qty NUMBER(5), status VARCHAR2(10));
CREATE TABLE moves (id NUMBER(3), delta NUMBER(5));
INSERT INTO stock VALUES (1, 10, 'ok');
INSERT INTO stock VALUES (2, 5, 'gone');
INSERT INTO moves VALUES (1, 3);
INSERT INTO moves VALUES (2, 1);
INSERT INTO moves VALUES (3, 7);
CREATE OR REPLACE PROCEDURE apply_moves IS
BEGIN
  MERGE INTO stock s USING (SELECT id, delta FROM moves) m ON (s.id = m.id)
  WHEN MATCHED THEN UPDATE SET s.qty = s.qty + m.delta DELETE WHERE s.status = 'gone'
  WHEN NOT MATCHED THEN INSERT (id, qty, status) VALUES (m.id, m.delta, 'new');
END;
/`);
  await rows('CALL apply_moves()');
  assert.deepEqual(await rows('SELECT id::int, qty::int, status FROM stock ORDER BY id'), [{ id: 1, qty: 13, status: 'ok' }, { id: 3, qty: 7, status: 'new' }]);
});

test('exceptions: RAISE_APPLICATION_ERROR code seen by SQLCODE, NO_DATA_FOUND from SELECT INTO, user exceptions', { skip }, async () => {
  const codes = await run('og_exc', `${EMP}
CREATE OR REPLACE FUNCTION check_sal(p_sal NUMBER) RETURN NUMBER IS
BEGIN
  IF p_sal < 0 THEN
    RAISE_APPLICATION_ERROR(-20001, 'negative salary');
  END IF;
  RETURN p_sal;
END;
/
CREATE OR REPLACE FUNCTION caught(p_sal NUMBER) RETURN NUMBER IS
  v NUMBER;
BEGIN
  v := check_sal(p_sal);
  RETURN 0;
EXCEPTION
  WHEN OTHERS THEN
    RETURN SQLCODE;
END;
/
CREATE OR REPLACE FUNCTION name_of(p_id NUMBER) RETURN VARCHAR2 IS
  v emp.name%TYPE;
BEGIN
  SELECT name INTO v FROM emp WHERE id = p_id;
  RETURN v;
EXCEPTION
  WHEN NO_DATA_FOUND THEN
    RETURN 'none';
  WHEN TOO_MANY_ROWS THEN
    RETURN 'many';
END;
/
CREATE OR REPLACE FUNCTION own_error RETURN VARCHAR2 IS
  e_mine EXCEPTION;
BEGIN
  RAISE e_mine;
EXCEPTION
  WHEN e_mine THEN
    RETURN 'mine';
END;
/
CREATE OR REPLACE FUNCTION divide(a NUMBER, b NUMBER) RETURN NUMBER IS
BEGIN
  RETURN a / b;
EXCEPTION
  WHEN ZERO_DIVIDE THEN
    RETURN -1;
END;
/`);
  assert.ok(codes.includes('OG0045'), 'RAISE_APPLICATION_ERROR is reported');
  assert.deepEqual(await rows('SELECT caught(-5)::int AS c, caught(5)::int AS ok'), [{ c: -20001, ok: 0 }]);
  await assert.rejects(rows('SELECT check_sal(-1)'), (e: Error & { code?: string; detail?: string }) => e.code === 'P0001' && e.message === 'negative salary' && e.detail === 'ORA-20001');
  assert.deepEqual(await rows('SELECT name_of(1) AS a, name_of(99) AS b'), [{ a: 'King', b: 'none' }]);
  assert.deepEqual(await rows('SELECT own_error() AS e, divide(1, 0)::int AS d, divide(1, 4)::text AS q'), [{ e: 'mine', d: -1, q: '0.25000000000000000000' }]);
  assert.deepEqual(await plpgsqlCheck(db, ['og_exc', 'dbshift_ora']), []);
});

test('cursor FOR loops, explicit cursors with %NOTFOUND, BULK COLLECT and FORALL', { skip }, async () => {
  await run('og_cursor', `${EMP}
CREATE OR REPLACE FUNCTION total_sal(p_dept NUMBER) RETURN NUMBER IS
  v_total NUMBER := 0;
BEGIN
  FOR r IN (SELECT sal FROM emp WHERE dept = p_dept) LOOP
    v_total := v_total + r.sal;
  END LOOP;
  RETURN v_total;
END;
/
CREATE OR REPLACE FUNCTION count_fetch RETURN NUMBER IS
  CURSOR c IS SELECT id FROM emp ORDER BY id;
  v_id emp.id%TYPE;
  n NUMBER := 0;
BEGIN
  OPEN c;
  LOOP
    FETCH c INTO v_id;
    EXIT WHEN c%NOTFOUND;
    n := n + v_id;
  END LOOP;
  CLOSE c;
  RETURN n;
END;
/
CREATE OR REPLACE FUNCTION bulk_names RETURN VARCHAR2 IS
  TYPE t_names IS TABLE OF emp.name%TYPE;
  v_names t_names;
  v_out VARCHAR2(200);
BEGIN
  SELECT name BULK COLLECT INTO v_names FROM emp WHERE dept = 10 ORDER BY name;
  FOR i IN 1 .. v_names.COUNT LOOP
    v_out := v_out || v_names(i) || ';';
  END LOOP;
  RETURN v_out;
END;
/
CREATE OR REPLACE PROCEDURE raise_all(p_pct NUMBER) IS
  TYPE t_ids IS TABLE OF NUMBER;
  v_ids t_ids;
BEGIN
  SELECT id BULK COLLECT INTO v_ids FROM emp WHERE dept = 20;
  FORALL i IN 1 .. v_ids.COUNT
    UPDATE emp SET sal = sal * (1 + p_pct / 100) WHERE id = v_ids(i);
END;
/`);
  assert.deepEqual(await rows('SELECT total_sal(10)::int AS s10, total_sal(99)::int AS none, count_fetch()::int AS n, bulk_names() AS names'),
    [{ s10: 700, none: 0, n: 21, names: 'Allen;Blake;King;' }]);
  await rows('CALL raise_all(10)');
  assert.deepEqual(await rows('SELECT sum(sal)::int AS s FROM emp WHERE dept = 20'), [{ s: 660 }]);
  assert.deepEqual(await plpgsqlCheck(db, ['og_cursor']), []);
});

test('package state survives across calls in a session; package routines live in the package schema', { skip }, async () => {
  const codes = await run('og_pkg', `CREATE OR REPLACE PACKAGE counter AS
  g_count NUMBER := 0;
  PROCEDURE bump(p_by NUMBER DEFAULT 1);
  FUNCTION current_value RETURN NUMBER;
END counter;
/
CREATE OR REPLACE PACKAGE BODY counter AS
  PROCEDURE bump(p_by NUMBER DEFAULT 1) IS
  BEGIN
    g_count := g_count + p_by;
  END bump;
  FUNCTION current_value RETURN NUMBER IS
  BEGIN
    RETURN g_count;
  END current_value;
END counter;
/`);
  assert.ok(codes.includes('OG0042'), 'package variables are reported');
  assert.deepEqual(await rows('SELECT counter.current_value()::int AS v'), [{ v: 0 }]);
  await rows('CALL counter.bump()');
  await rows('CALL counter.bump(5)');
  assert.deepEqual(await rows('SELECT counter.current_value()::int AS v'), [{ v: 6 }]);
  assert.deepEqual(await plpgsqlCheck(db, ['counter']), []);
});

test('sequences NEXTVAL/CURRVAL and the sequence + trigger key pattern → identity column', { skip }, async () => {
  const codes = await run('og_seq', `CREATE TABLE item (id NUMBER(10) PRIMARY KEY, name VARCHAR2(20));
CREATE SEQUENCE item_seq START WITH 100;
CREATE OR REPLACE TRIGGER item_bi BEFORE INSERT ON item FOR EACH ROW
BEGIN
  IF :NEW.id IS NULL THEN
    SELECT item_seq.NEXTVAL INTO :NEW.id FROM dual;
  END IF;
END;
/
CREATE SEQUENCE other_seq START WITH 7;
CREATE VIEW nxt AS SELECT other_seq.NEXTVAL AS n FROM dual;`);
  assert.ok(codes.includes('OG0011'), 'identity conversion is reported');
  await rows("INSERT INTO item (name) VALUES ('a'), ('b')");
  assert.deepEqual(await rows('SELECT id::int, name FROM item ORDER BY id'), [{ id: 100, name: 'a' }, { id: 101, name: 'b' }]);
  assert.deepEqual(await rows('SELECT n::int FROM nxt'), [{ n: 7 }]);
});

test('triggers: :NEW/:OLD, INSERTING/UPDATING(col)/DELETING and WHEN', { skip }, async () => {
  await run('og_trig', `CREATE TABLE acct (id NUMBER(5) PRIMARY KEY, bal NUMBER(10,2), owner VARCHAR2(20));
CREATE TABLE audit_log (what VARCHAR2(40));
CREATE OR REPLACE TRIGGER acct_audit AFTER INSERT OR UPDATE OR DELETE ON acct FOR EACH ROW
BEGIN
  IF INSERTING THEN
    INSERT INTO audit_log VALUES ('ins ' || :NEW.id);
  ELSIF UPDATING('BAL') THEN
    INSERT INTO audit_log VALUES ('bal ' || :OLD.bal || '->' || :NEW.bal);
  ELSIF UPDATING THEN
    INSERT INTO audit_log VALUES ('upd ' || :NEW.owner);
  ELSIF DELETING THEN
    INSERT INTO audit_log VALUES ('del ' || :OLD.id);
  END IF;
END;
/
CREATE OR REPLACE TRIGGER acct_upper BEFORE INSERT ON acct FOR EACH ROW WHEN (NEW.owner IS NOT NULL)
BEGIN
  :NEW.owner := UPPER(:NEW.owner);
END;
/`);
  await rows("INSERT INTO acct VALUES (1, 10, 'ann')");
  await rows('UPDATE acct SET bal = 20 WHERE id = 1');
  await rows("UPDATE acct SET owner = 'bob' WHERE id = 1");
  await rows('DELETE FROM acct WHERE id = 1');
  assert.deepEqual((await rows('SELECT what FROM audit_log')).map((r) => str(r.what)), ['ins 1', 'bal 10->20', 'upd bob', 'del 1']);
  assert.deepEqual(await plpgsqlCheck(db, ['og_trig']), []);
});

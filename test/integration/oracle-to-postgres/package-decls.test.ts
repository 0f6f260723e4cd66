// Package-level types and cursors, and BULK COLLECT into collections of records, run on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, diagnosticsOf, notConverted, plpgsqlCheck } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('og_pkdecl'); }, { timeout: 60_000 });
after(async () => { if (!skip) await db.drop(); }, { timeout: 60_000 });

const SCRIPT = `CREATE TABLE emp (id NUMBER(6) PRIMARY KEY, name VARCHAR2(20), sal NUMBER, dept NUMBER(4));
INSERT INTO emp VALUES (1, 'a', 100, 10);
INSERT INTO emp VALUES (2, 'b', 200.5, 10);
INSERT INTO emp VALUES (3, 'c', 300, 20);
CREATE OR REPLACE PACKAGE pay AS
  FUNCTION total(p_dept NUMBER) RETURN NUMBER;
  FUNCTION names(p_dept NUMBER) RETURN VARCHAR2;
  FUNCTION rich(p_min NUMBER) RETURN VARCHAR2;
  FUNCTION top_name RETURN VARCHAR2;
END pay;
/
CREATE OR REPLACE PACKAGE BODY pay AS
  TYPE emp_rec IS RECORD (id NUMBER, name VARCHAR2(20), sal NUMBER);
  TYPE emp_tab IS TABLE OF emp_rec INDEX BY PLS_INTEGER;
  TYPE num_list IS TABLE OF NUMBER;
  CURSOR c_dept(p NUMBER) IS SELECT id, name, sal FROM emp WHERE dept = p ORDER BY id;
  CURSOR c_all IS SELECT name FROM emp ORDER BY sal DESC;
  FUNCTION total(p_dept NUMBER) RETURN NUMBER IS
    s NUMBER := 0;
    l num_list := num_list();
  BEGIN
    FOR r IN c_dept(p_dept) LOOP
      l.EXTEND;
      l(l.COUNT) := r.sal;
    END LOOP;
    FOR i IN 1 .. l.COUNT LOOP s := s + l(i); END LOOP;
    RETURN s;
  END;
  FUNCTION names(p_dept NUMBER) RETURN VARCHAR2 IS
    t emp_tab;
    v VARCHAR2(200);
  BEGIN
    OPEN c_dept(p_dept);
    FETCH c_dept BULK COLLECT INTO t;
    CLOSE c_dept;
    FOR i IN 1 .. t.COUNT LOOP v := v || t(i).name || '=' || t(i).sal || ';'; END LOOP;
    RETURN v;
  END;
  FUNCTION rich(p_min NUMBER) RETURN VARCHAR2 IS
    t emp_tab;
    v VARCHAR2(200);
  BEGIN
    SELECT id, name, sal BULK COLLECT INTO t FROM emp WHERE sal >= p_min ORDER BY id DESC;
    FOR i IN 1 .. t.COUNT LOOP v := v || t(i).id || t(i).name || ';'; END LOOP;
    RETURN t.COUNT || ':' || v;
  END;
  FUNCTION top_name RETURN VARCHAR2 IS
    n VARCHAR2(20);
    r emp_rec;
  BEGIN
    OPEN c_all;
    FETCH c_all INTO n;
    CLOSE c_all;
    r.name := n;
    RETURN r.name;
  END;
END pay;
/
`;

test('package-level record/collection types and cursors are declared in the routines using them; BULK COLLECT into a table of records', { skip, timeout: 120_000 }, async () => {
  const { result } = convertOracle(SCRIPT, 'pkdecl.sql');
  assert.deepEqual(notConverted(result), []);
  assert.deepEqual(diagnosticsOf(result).filter((d) => d.code === 'OG0055').map((d) => d.message), []);
  await db.query('DROP SCHEMA IF EXISTS og_pk CASCADE; DROP SCHEMA IF EXISTS pay CASCADE; CREATE SCHEMA og_pk; SET search_path = og_pk, public');
  await applyOn(db, result);
  const [row] = await db.query(`SELECT pay.total(10)::text AS t, pay.names(10) AS n, pay.rich(200) AS r, pay.top_name() AS top`);
  // Oracle prints NUMBER 100 as '100' and 200.5 as '200.5'.
  assert.deepEqual(row, { t: '300.5', n: 'a=100;b=200.5;', r: '2:3c;2b;', top: 'c' });
  assert.deepEqual(await plpgsqlCheck(db, ['pay']), []);
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'OG0071'));
});

test('a package cursor opened in one routine and fetched in another, and a package type used by a parameter, stay action items', () => {
  const { result } = convertOracle(`CREATE TABLE emp (id NUMBER);
CREATE OR REPLACE PACKAGE cur AS
  TYPE id_list IS TABLE OF NUMBER;
  PROCEDURE open_it;
  FUNCTION next_id RETURN NUMBER;
  FUNCTION sum_of(l id_list) RETURN NUMBER;
END cur;
/
CREATE OR REPLACE PACKAGE BODY cur AS
  CURSOR c IS SELECT id FROM emp;
  PROCEDURE open_it IS BEGIN OPEN c; END;
  FUNCTION next_id RETURN NUMBER IS v NUMBER; BEGIN FETCH c INTO v; RETURN v; END;
  FUNCTION sum_of(l id_list) RETURN NUMBER IS BEGIN RETURN l.COUNT; END;
END cur;
/`, 'cur.sql');
  const msgs = diagnosticsOf(result).filter((d) => d.code === 'OG0055').map((d) => d.message);
  assert.ok(msgs.some((m) => /cursor C .*open_it, next_id/i.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /type ID_LIST is used by a parameter/i.test(m)), msgs.join('\n'));
});

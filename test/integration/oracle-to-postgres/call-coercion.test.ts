// Calls whose arguments Oracle converts implicitly to the parameter's type (NUMBER → PLS_INTEGER,
// POSITIVE, NATURAL, BINARY_INTEGER): run on PostgreSQL, where routines are resolved by argument type.
// A %TYPE parameter of a NUMBER(p) column is not rounded (Oracle keeps the fraction inside the routine).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, notConverted, plpgsqlCheck } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('og_callargs'); }, { timeout: 60_000 });
after(async () => { if (!skip) await db.drop(); }, { timeout: 60_000 });

const SCRIPT = `CREATE TABLE acct (id NUMBER(6) PRIMARY KEY, qty NUMBER(4));
CREATE OR REPLACE PACKAGE pk AS
  FUNCTION kind(p PLS_INTEGER) RETURN VARCHAR2;
  FUNCTION kind(p VARCHAR2) RETURN VARCHAR2;
  FUNCTION fam(p PLS_INTEGER) RETURN VARCHAR2;
  FUNCTION fam(p NUMBER) RETURN VARCHAR2;
  FUNCTION times(a NUMBER, b POSITIVE := 2) RETURN NUMBER;
  PROCEDURE bump(n NATURAL, o OUT PLS_INTEGER);
  PROCEDURE twice(x IN OUT BINARY_INTEGER);
END pk;
/
CREATE OR REPLACE PACKAGE BODY pk AS
  FUNCTION kind(p PLS_INTEGER) RETURN VARCHAR2 IS BEGIN RETURN 'int ' || p; END;
  FUNCTION kind(p VARCHAR2) RETURN VARCHAR2 IS BEGIN RETURN 'text ' || p; END;
  FUNCTION fam(p PLS_INTEGER) RETURN VARCHAR2 IS BEGIN RETURN 'pls ' || p; END;
  FUNCTION fam(p NUMBER) RETURN VARCHAR2 IS BEGIN RETURN 'number ' || p; END;
  FUNCTION times(a NUMBER, b POSITIVE := 2) RETURN NUMBER IS BEGIN RETURN a * b; END;
  PROCEDURE bump(n NATURAL, o OUT PLS_INTEGER) IS BEGIN o := n + 1; END;
  PROCEDURE twice(x IN OUT BINARY_INTEGER) IS BEGIN x := x * 2; END;
END pk;
/
CREATE OR REPLACE PROCEDURE set_qty(p_id acct.id%TYPE, p_qty PLS_INTEGER) IS
BEGIN
  UPDATE acct SET qty = p_qty WHERE id = p_id;
END;
/
CREATE OR REPLACE FUNCTION run_all(x NUMBER) RETURN VARCHAR2 IS
  v NUMBER := 2.5;
  i PLS_INTEGER := 7;
  o NUMBER;
  w PLS_INTEGER;
  io NUMBER := 4.4;
  s VARCHAR2(200);
BEGIN
  pk.bump(v, o);
  pk.bump(o => w, n => -v + 5);
  pk.twice(io);
  set_qty(x, v * 3);
  SELECT pk.kind(qty) INTO s FROM acct WHERE id = 1;
  RETURN s || '|' || pk.kind(v) || '|' || pk.kind('a') || '|' || pk.fam(v) || '|' || pk.fam(i)
    || '|' || pk.times(b => v, a => 10) || '|' || CASE WHEN pk.times(1.5) = 3 THEN 'default' END || '|' || o || '|' || w || '|' || io;
END;
/
CREATE VIEW calls AS SELECT pk.kind(qty / 2) AS k, pk.times(id, qty / 3) AS t FROM acct;
INSERT INTO acct VALUES (1, 5);
`;

test('NUMBER arguments for PLS_INTEGER/POSITIVE/NATURAL parameters (and %TYPE ones) resolve and round as in Oracle (overloads, named notation, defaults, OUT/IN OUT, SQL)', { skip, timeout: 120_000 }, async () => {
  const { result } = convertOracle(SCRIPT, 'callargs.sql');
  assert.deepEqual(notConverted(result), []);
  await db.query('DROP SCHEMA IF EXISTS og_ca CASCADE; CREATE SCHEMA og_ca; SET search_path = og_ca, public');
  await applyOn(db, result);
  // set_qty(1, 7.5): qty := ROUND(7.5) = 8 (NUMBER → PLS_INTEGER rounds half away from zero).
  // pk.kind(qty) with qty NUMBER(4) → the PLS_INTEGER overload; kind(2.5) → int 3; fam(v NUMBER) → NUMBER overload;
  // times(b => 2.5 → 3, a => 10) = 30; times(1.5) uses default b = 2 → 3; bump(2.5 → 3) → 4; bump(-2.5 + 5 = 2.5 → 3) → 4;
  // twice(4.4 → 4) → 8.
  const [row] = await db.query(`SELECT run_all(1) AS r`);
  assert.equal(row!.r, 'int 8|int 3|text a|number 2.5|pls 7|30|default|4|4|8');
  assert.deepEqual(await db.query('SELECT qty FROM acct'), [{ qty: 8 }]);
  // From SQL: qty / 2 = 4 → int 4; times(1, ROUND(8/3) = 3) = 3.
  assert.deepEqual(await db.query('SELECT k, t::text AS t FROM calls'), [{ k: 'int 4', t: '3' }]);
  assert.deepEqual(await plpgsqlCheck(db, ['og_ca', 'pk']), []);
});

test('no cast where the argument already fits: integer variables, small literals, NULL; OUT variables of the same type pass through', () => {
  const { result } = convertOracle(`CREATE OR REPLACE PROCEDURE p(a PLS_INTEGER, b OUT PLS_INTEGER) IS BEGIN b := a; END;
/
CREATE OR REPLACE PROCEDURE q IS
  i PLS_INTEGER := 1;
  o PLS_INTEGER;
BEGIN
  p(i, o);
  p(5, o);
  p(NULL, o);
  p(i + 1, o);
END;
/`, 'nocast.sql');
  const q = result.objects.find((o) => o.ref.name === 'q')!.statements.join('\n');
  assert.doesNotMatch(q, /CAST|dbshift_out/);
  assert.match(q, /CALL "p"\("i", "o"\)/);
  assert.match(q, /CALL "p"\("i" \+ 1, "o"\)/);
});

// Oracle PL/SQL Language Reference, "Formal Parameters of Constrained Subtypes": a formal parameter (and a
// function's RETURN type) of a constrained numeric type inherits its range but not its precision or scale.
// p_id emp2.id%TYPE (id NUMBER(6)) therefore holds 2.5 inside the routine; storing it into the NUMBER(6)
// column rounds it to 3; a RETURN emp2.id%TYPE of 2.5 returns 2.5.
const ANCHORED = `CREATE TABLE emp2 (id NUMBER(6) PRIMARY KEY, dept NUMBER(4));
CREATE TABLE seen (who VARCHAR2(10), v NUMBER, stored NUMBER(6), dept NUMBER(4));
CREATE OR REPLACE PROCEDURE note(p_who VARCHAR2, p_id emp2.id%TYPE, p_dept emp2.dept%TYPE) IS
BEGIN
  INSERT INTO seen (who, v, stored, dept) VALUES (p_who, p_id, p_id, p_dept);
END;
/
CREATE OR REPLACE FUNCTION half(p_id emp2.id%TYPE) RETURN emp2.id%TYPE IS
BEGIN
  RETURN p_id / 2;
END;
/
CREATE OR REPLACE PROCEDURE run_note(x NUMBER) IS
  v NUMBER := x + 1;
BEGIN
  note('code', x, v);
  note('half', half(x), half(v));
END;
/
`;

test('%TYPE parameters and RETURN of a NUMBER(p) column keep the fraction inside the routine, as Oracle does; the column still rounds on store', { skip, timeout: 120_000 }, async () => {
  const { result } = convertOracle(ANCHORED, 'anchored.sql');
  assert.deepEqual(notConverted(result), []);
  const code = result.objects.filter((o) => o.ref.type !== 'Table').flatMap((o) => o.statements).join('\n');
  assert.match(code, /CALL "note"\('code', "x", "dbshift_main"\."v"\)/, 'no rounding cast on a %TYPE argument');
  assert.match(code, /CALL "note"\('half', half\("x"\), half\("dbshift_main"\."v"\)\)/);
  await db.query('DROP SCHEMA IF EXISTS og_anch CASCADE; CREATE SCHEMA og_anch; SET search_path = og_anch, public');
  await applyOn(db, result);
  await db.query(`CALL note('sql', 2.5, 7.5)`);
  await db.query('CALL run_note(2.5)');
  const rows = await db.query('SELECT who, v::float8 AS v, stored, dept FROM seen ORDER BY who');
  // note('sql', 2.5, 7.5): p_id = 2.5 (v), stored into NUMBER(6) → 3; p_dept 7.5 → NUMBER(4) column → 8.
  // run_note(2.5): note('code', 2.5, 3.5) → v 2.5, stored 3, dept 4; half(2.5) = 1.25 and half(3.5) = 1.75
  // (not rounded on return) → v 1.25, stored 1, dept 2.
  assert.deepEqual(rows, [
    { who: 'code', v: 2.5, stored: 3, dept: 4 },
    { who: 'half', v: 1.25, stored: 1, dept: 2 },
    { who: 'sql', v: 2.5, stored: 3, dept: 8 },
  ]);
  const [h] = await db.query('SELECT half(5)::float8 AS h');
  assert.equal(h!.h, 2.5);
  assert.deepEqual(await plpgsqlCheck(db, ['og_anch']), []);
});

// Calls whose arguments Oracle converts implicitly to the parameter's type (NUMBER → PLS_INTEGER,
// INTEGER, POSITIVE, NATURAL, %TYPE of an integer column): run on PostgreSQL, where routines are
// resolved by argument type.
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

test('NUMBER arguments for PLS_INTEGER/POSITIVE/NATURAL/%TYPE parameters resolve and round as in Oracle (overloads, named notation, defaults, OUT/IN OUT, SQL)', { skip, timeout: 120_000 }, async () => {
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

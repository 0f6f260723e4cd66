// Cursor parameters declared col%TYPE and with DEFAULT, converted and run on PostgreSQL. Expected values
// follow Oracle's documented semantics (worked out by hand in the comments).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, diagnosticsOf, notConverted, plpgsqlCheck } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('og_curparams'); }, { timeout: 60_000 });
after(async () => { if (!skip) await db.drop(); }, { timeout: 60_000 });

const SCRIPT = `CREATE TABLE acct (id NUMBER(6) PRIMARY KEY, owner VARCHAR2(10), amt NUMBER(10,2));
INSERT INTO acct VALUES (1, 'ann', 10);
INSERT INTO acct VALUES (2, 'bob', 20);
INSERT INTO acct VALUES (3, 'ann', 30);
CREATE OR REPLACE FUNCTION sum_range(p_lo NUMBER, p_mode NUMBER) RETURN NUMBER IS
  CURSOR c(lo acct.id%TYPE, hi acct.id%TYPE DEFAULT 2, who acct.owner%TYPE := 'ann') IS
    SELECT amt FROM acct WHERE id BETWEEN lo AND hi AND owner = who;
  s NUMBER := 0;
  v acct.amt%TYPE;
BEGIN
  IF p_mode = 0 THEN
    FOR r IN c(p_lo) LOOP s := s + r.amt; END LOOP;
  ELSIF p_mode = 1 THEN
    FOR r IN c(p_lo, 99) LOOP s := s + r.amt; END LOOP;
  ELSIF p_mode = 2 THEN
    FOR r IN c(p_lo, who => 'bob') LOOP s := s + r.amt; END LOOP;
  ELSE
    OPEN c(p_lo);
    LOOP
      FETCH c INTO v;
      EXIT WHEN c%NOTFOUND;
      s := s + v;
    END LOOP;
    CLOSE c;
  END IF;
  RETURN s;
END;
/
`;

test('cursor parameters: col%TYPE keeps its column type family (id = p compares numbers), DEFAULTs apply when OPEN/FOR omits the argument', { skip, timeout: 120_000 }, async () => {
  const { result } = convertOracle(SCRIPT, 'cursor-params.sql');
  assert.deepEqual(notConverted(result), []);
  const codes = diagnosticsOf(result).map((d) => d.code);
  assert.ok(!codes.includes('OG0010'), `no unknown-type finding for the %TYPE cursor parameters: ${codes.join(' ')}`);
  await db.query('DROP SCHEMA IF EXISTS og_cp CASCADE; CREATE SCHEMA og_cp; SET search_path = og_cp, public');
  await applyOn(db, result);
  const [r] = await db.query(`SELECT sum_range(1, 0)::float8 AS dflt, sum_range(1, 1)::float8 AS wide, sum_range(1, 2)::float8 AS named,
    sum_range(1, 3)::float8 AS opened, sum_range(2.5, 1)::float8 AS frac`);
  // dflt: ids 1..2 (hi DEFAULT 2) of ann → 10; wide: ids 1..99 of ann → 40; named: ids 1..2 of bob → 20;
  // opened: OPEN c(1) → as dflt, 10; frac: lo 2.5 is not rounded (formal parameter) → id 3 of ann → 30.
  assert.deepEqual(r, { dflt: 10, wide: 40, named: 20, opened: 10, frac: 30 });
  assert.deepEqual(await plpgsqlCheck(db, ['og_cp']), []);
});

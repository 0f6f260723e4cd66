// Oracle front-end gaps closed by ORA-FE2, executed on PostgreSQL after conversion: ** exponent, WHERE CURRENT OF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, notConverted } from '../oracle-to-postgres/helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('ofe_gaps'); });
after(async () => { if (!skip) await db.drop(); });

test('** binds tighter than unary minus and runs as power(): -2**2 = -4, 2**10 = 1024, 2**-1 = 0.5', { skip }, async () => {
  const { result } = convertOracle(`CREATE OR REPLACE FUNCTION ex(p_n NUMBER) RETURN NUMBER IS
BEGIN
  RETURN -2**2 * 1000000 + 2**p_n + 2**-1;
END;
/
`, 'power.sql');
  assert.deepEqual(notConverted(result), []);
  await db.query('DROP SCHEMA IF EXISTS ofe_pow CASCADE; CREATE SCHEMA ofe_pow; SET search_path = ofe_pow, public');
  await applyOn(db, result);
  const [r] = await db.query('SELECT ex(10)::numeric AS v');
  assert.equal(Number((r as { v: unknown }).v), -4000000 + 1024 + 0.5);
});

test('UPDATE / DELETE … WHERE CURRENT OF change only the fetched row', { skip }, async () => {
  const { result } = convertOracle(`CREATE TABLE acct (id NUMBER(6) PRIMARY KEY, bal NUMBER(8,2));
INSERT INTO acct VALUES (1, 10);
INSERT INTO acct VALUES (2, 20);
INSERT INTO acct VALUES (3, 30);
CREATE OR REPLACE PROCEDURE fix_accts IS
  CURSOR c IS SELECT id, bal FROM acct ORDER BY id FOR UPDATE;
  r c%ROWTYPE;
BEGIN
  OPEN c;
  LOOP
    FETCH c INTO r;
    EXIT WHEN c%NOTFOUND;
    IF r.id = 2 THEN
      UPDATE acct SET bal = bal * 2 WHERE CURRENT OF c;
    ELSIF r.id = 3 THEN
      DELETE FROM acct WHERE CURRENT OF c;
    END IF;
  END LOOP;
  CLOSE c;
END;
/
`, 'current_of.sql');
  assert.deepEqual(notConverted(result), []);
  await db.query('DROP SCHEMA IF EXISTS ofe_cur CASCADE; CREATE SCHEMA ofe_cur; SET search_path = ofe_cur, public');
  await applyOn(db, result);
  await db.query('CALL fix_accts()');
  const rows = await db.query('SELECT id::int AS id, bal::text AS bal FROM acct ORDER BY id');
  assert.deepEqual(rows.map((x) => [x.id, x.bal]), [[1, '10.00'], [2, '40.00']]);
});

// DML … RETURNING … INTO inside PL/SQL, and a record field of a collection element, run on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, notConverted } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('og_returning'); });
after(async () => { if (!skip) await db.drop(); });

test('UPDATE … RETURNING salary INTO an OUT parameter returns the new value', { skip }, async () => {
  const { result } = convertOracle(`CREATE TABLE emp (id NUMBER(6) PRIMARY KEY, salary NUMBER(8,2));
INSERT INTO emp VALUES (1, 1000);
CREATE OR REPLACE PROCEDURE raise_pay(p_id NUMBER, p_new OUT NUMBER) IS
BEGIN
  UPDATE emp SET salary = salary * 1.1 WHERE id = p_id RETURNING salary INTO p_new;
END;
/
`, 'returning.sql');
  assert.deepEqual(notConverted(result), []);
  await db.query('DROP SCHEMA IF EXISTS og_ret CASCADE; CREATE SCHEMA og_ret; SET search_path = og_ret, public');
  await applyOn(db, result);
  const [r] = await db.query('CALL raise_pay(1, NULL)');
  assert.equal(Number((r as { p_new: unknown }).p_new), 1100);
  const [s] = await db.query('SELECT salary::text AS s FROM emp WHERE id = 1');
  assert.equal((s as { s: string }).s, '1100.00');
});

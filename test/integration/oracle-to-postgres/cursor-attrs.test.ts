// c%ISOPEN on an explicit cursor: FALSE before OPEN, TRUE after, FALSE after CLOSE, TRUE inside a cursor FOR loop.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, notConverted, plpgsqlCheck } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
const dbs: FreshDatabase[] = [];
after(async () => { for (const d of dbs) await d.drop(); });

test('explicit cursor %ISOPEN follows OPEN / CLOSE and cursor FOR loops', { skip }, async () => {
  const { result } = convertOracle(`CREATE TABLE t4 (a NUMBER(5));
INSERT INTO t4 VALUES (1);
CREATE OR REPLACE FUNCTION isopen_trace RETURN VARCHAR2 IS
  CURSOR C1 IS SELECT a FROM t4;
  r VARCHAR2(20);
BEGIN
  IF c1%ISOPEN THEN r := 'Y'; ELSE r := 'N'; END IF;
  OPEN c1;
  IF c1%ISOPEN THEN r := r || 'Y'; ELSE r := r || 'N'; END IF;
  CLOSE c1;
  IF c1%ISOPEN THEN r := r || 'Y'; ELSE r := r || 'N'; END IF;
  FOR x IN c1 LOOP
    IF c1%ISOPEN THEN r := r || 'Y'; ELSE r := r || 'N'; END IF;
  END LOOP;
  IF c1%ISOPEN THEN r := r || 'Y'; ELSE r := r || 'N'; END IF;
  RETURN r;
END;
/
`);
  assert.deepEqual(notConverted(result), []);
  const db = await freshPgDatabase('og_isopen');
  dbs.push(db);
  await applyOn(db, result);
  // Oracle: N (not yet open), Y (open), N (closed), Y (inside the FOR loop), N (closed by the loop).
  assert.deepEqual(await db.query('SELECT isopen_trace() AS r'), [{ r: 'NYNYN' }]);
  assert.deepEqual(await plpgsqlCheck(db), []);
});

test('explicit cursor %ROWCOUNT counts the rows fetched so far and restarts at OPEN', { skip }, async () => {
  const { result } = convertOracle(`CREATE TABLE t5 (a NUMBER(5));
INSERT INTO t5 VALUES (1);
INSERT INTO t5 VALUES (2);
INSERT INTO t5 VALUES (3);
CREATE OR REPLACE FUNCTION rowcount_trace RETURN VARCHAR2 IS
  CURSOR c IS SELECT a FROM t5 ORDER BY a;
  v NUMBER;
  r VARCHAR2(40);
BEGIN
  OPEN c;
  r := TO_CHAR(c%ROWCOUNT);
  LOOP
    FETCH c INTO v;
    EXIT WHEN c%NOTFOUND;
    r := r || ',' || TO_CHAR(c%ROWCOUNT);
  END LOOP;
  r := r || ',' || TO_CHAR(c%ROWCOUNT);
  CLOSE c;
  OPEN c;
  FETCH c INTO v;
  r := r || ';' || TO_CHAR(c%ROWCOUNT);
  CLOSE c;
  RETURN r;
END;
/
`);
  assert.deepEqual(notConverted(result), []);
  const db = await freshPgDatabase('og_rowcount');
  dbs.push(db);
  await applyOn(db, result);
  // Oracle: 0 after OPEN, 1..3 per row, still 3 after the failed fetch; a new OPEN restarts at 0.
  assert.deepEqual(await db.query('SELECT rowcount_trace() AS r'), [{ r: '0,1,2,3,3;1' }]);
  assert.deepEqual(await plpgsqlCheck(db), []);
});

// Oracle compound triggers → one PostgreSQL trigger per timing point, shared state per statement; run on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, diagnosticsOf, notConverted, plpgsqlCheck } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('og_compound'); }, { timeout: 60_000 });
after(async () => { if (!skip) await db.drop(); }, { timeout: 60_000 });

const SCRIPT = `CREATE TABLE t (id NUMBER(6), v NUMBER);
CREATE TABLE log_t (seq NUMBER GENERATED ALWAYS AS IDENTITY, msg VARCHAR2(100));
CREATE OR REPLACE TRIGGER t_ct FOR INSERT OR UPDATE ON t COMPOUND TRIGGER
  c_step CONSTANT PLS_INTEGER := 1;
  n PLS_INTEGER := 0;
  total NUMBER;
  started VARCHAR2(10);
  BEFORE STATEMENT IS
  BEGIN
    started := CASE WHEN INSERTING THEN 'ins' ELSE 'upd' END;
    INSERT INTO log_t (msg) VALUES ('before ' || started);
  END BEFORE STATEMENT;
  BEFORE EACH ROW IS
  BEGIN
    :NEW.v := NVL(:NEW.v, 0) + c_step;
  END BEFORE EACH ROW;
  AFTER EACH ROW IS
  BEGIN
    n := n + c_step;
    total := NVL(total, 0) + :NEW.v;
  END AFTER EACH ROW;
  AFTER STATEMENT IS
  BEGIN
    INSERT INTO log_t (msg) VALUES ('rows ' || n || ' total ' || NVL(TO_CHAR(total), 'none'));
  END AFTER STATEMENT;
END t_ct;
/
`;

test('compound trigger: per-timing triggers; shared counters start again at each statement', { skip, timeout: 120_000 }, async () => {
  const { result } = convertOracle(SCRIPT, 'compound.sql');
  assert.deepEqual(notConverted(result), []);
  await db.query('DROP SCHEMA IF EXISTS og_ct CASCADE; CREATE SCHEMA og_ct; SET search_path = og_ct, public');
  await applyOn(db, result);
  await db.query('INSERT INTO t (id, v) SELECT g, g * 10 FROM generate_series(1, 3) g');
  await db.query('UPDATE t SET v = 0 WHERE id <= 2');
  await db.query('UPDATE t SET v = 5 WHERE id > 100');
  // Insert: v = 11, 21, 31 → total 63 over 3 rows; update of 2 rows: v = 1 each → total 2; no row: n = 0, total NULL.
  assert.deepEqual((await db.query('SELECT msg FROM log_t ORDER BY seq')).map((r) => r.msg),
    ['before ins', 'rows 3 total 63', 'before upd', 'rows 2 total 2', 'before upd', 'rows 0 total none']);
  assert.deepEqual((await db.query('SELECT id, v::int AS v FROM t ORDER BY id')).map((r) => [r.id, r.v]), [[1, 1], [2, 1], [3, 31]]);
  assert.deepEqual(await plpgsqlCheck(db, ['og_ct']), []);
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'OG0072'));
});

test('compound trigger with a shared collection stays an action item naming why', () => {
  const { result } = convertOracle(`CREATE TABLE t (id NUMBER);
CREATE OR REPLACE TRIGGER t_ct FOR INSERT ON t COMPOUND TRIGGER
  TYPE ids_t IS TABLE OF NUMBER;
  ids ids_t := ids_t();
  AFTER EACH ROW IS BEGIN ids.EXTEND; ids(ids.COUNT) := :NEW.id; END AFTER EACH ROW;
  AFTER STATEMENT IS BEGIN NULL; END AFTER STATEMENT;
END t_ct;
/`, 'blocked.sql');
  const found = diagnosticsOf(result).filter((d) => d.code === 'OG0058');
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /shared type IDS_T/i);
});

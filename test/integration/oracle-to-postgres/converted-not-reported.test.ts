// Oracle constructs that used to be action items and now convert, run on PostgreSQL with asserted
// results: ENABLE NOVALIDATE constraints, FETCH … BULK COLLECT INTO [LIMIT n], local subprograms,
// record DML (INSERT … VALUES rec, UPDATE … SET ROW = rec), package-level exceptions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, diagnosticsOf, notConverted, plpgsqlCheck } from './helpers.js';
import type { ConvertResult } from '../../../converters/index.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('og_more'); });
after(async () => { if (!skip) await db.drop(); });

async function run(schema: string, script: string): Promise<ConvertResult> {
  const { result } = convertOracle(script, `${schema}.sql`);
  assert.deepEqual(notConverted(result), [], 'every object converts');
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path = ${schema}, public`);
  await applyOn(db, result);
  assert.deepEqual(await plpgsqlCheck(db, [schema]), [], 'plpgsql_check finds no errors');
  return result;
}

test('ENABLE NOVALIDATE: rows the script loads that break the constraint stay; new ones are rejected', { skip }, async () => {
  await run('og_noval', `CREATE TABLE p (id NUMBER(5) PRIMARY KEY);
CREATE TABLE t (id NUMBER(5), pid NUMBER(5),
  CONSTRAINT t_pos CHECK (id > 0) ENABLE NOVALIDATE,
  CONSTRAINT t_p FOREIGN KEY (pid) REFERENCES p (id) ENABLE NOVALIDATE);
INSERT INTO p VALUES (1);
INSERT INTO t VALUES (-5, 1);
INSERT INTO t VALUES (7, 99);
COMMIT;`);
  assert.deepEqual(await db.query('SELECT id, pid FROM og_noval.t ORDER BY id'), [{ id: -5, pid: 1 }, { id: 7, pid: 99 }]);
  const state = await db.query(`SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'og_noval.t'::regclass ORDER BY conname`);
  assert.deepEqual(state, [{ conname: 't_p', convalidated: false }, { conname: 't_pos', convalidated: false }]);
  await assert.rejects(db.query('INSERT INTO og_noval.t VALUES (-1, 1)'), /t_pos/);
  await assert.rejects(db.query('INSERT INTO og_noval.t VALUES (2, 42)'), /t_p/);
  await db.query('INSERT INTO og_noval.t VALUES (3, 1)');
});

const BULK = `CREATE TABLE t1 (id NUMBER(10) PRIMARY KEY, amount NUMBER(10,2));
INSERT INTO t1 VALUES (1, 1.5);
INSERT INTO t1 VALUES (2, 2.25);
INSERT INTO t1 VALUES (3, 3);
INSERT INTO t1 VALUES (4, 4);
INSERT INTO t1 VALUES (5, 5.5);
COMMIT;
CREATE OR REPLACE PROCEDURE bulk_fetch(p_limit NUMBER, p_total OUT NUMBER, p_batches OUT NUMBER, p_fetched OUT NUMBER) IS
  CURSOR c IS SELECT amount FROM t1 ORDER BY id;
  TYPE t_amounts IS TABLE OF t1.amount%TYPE;
  v_amounts t_amounts;
BEGIN
  p_total := 0;
  p_batches := 0;
  OPEN c;
  LOOP
    FETCH c BULK COLLECT INTO v_amounts LIMIT p_limit;
    EXIT WHEN v_amounts.COUNT = 0;
    p_batches := p_batches + 1;
    FOR i IN 1 .. v_amounts.COUNT LOOP
      p_total := p_total + v_amounts(i);
    END LOOP;
    EXIT WHEN c%NOTFOUND;
  END LOOP;
  p_fetched := c%ROWCOUNT;
  CLOSE c;
END;
/
CREATE OR REPLACE FUNCTION all_ids RETURN VARCHAR2 IS
  CURSOR c IS SELECT id, amount FROM t1 ORDER BY id DESC;
  TYPE t_ids IS TABLE OF NUMBER INDEX BY PLS_INTEGER;
  TYPE t_amounts IS TABLE OF t1.amount%TYPE INDEX BY PLS_INTEGER;
  v_ids t_ids;
  v_amounts t_amounts;
  v_out VARCHAR2(200);
  v_sum NUMBER := 0;
BEGIN
  OPEN c;
  FETCH c BULK COLLECT INTO v_ids, v_amounts;
  IF c%FOUND THEN v_out := 'found '; ELSE v_out := 'notfound '; END IF;
  CLOSE c;
  FOR i IN 1 .. v_ids.COUNT LOOP
    v_out := v_out || v_ids(i) || ',';
    v_sum := v_sum + v_amounts(i);
  END LOOP;
  RETURN v_out || v_sum;
END;
/`;

test('FETCH … BULK COLLECT INTO [LIMIT n]: batches, c%NOTFOUND after a short batch, c%ROWCOUNT, several collections', { skip }, async () => {
  const r = await run('og_bulk', BULK);
  assert.ok(!diagnosticsOf(r).some((d) => d.code === 'OG0055'), 'no action item left for the bulk fetches');
  // Oracle: LIMIT 2 over 5 rows → batches of 2, 2, 1 (the short one sets %NOTFOUND); LIMIT 5 → a
  // full batch (%NOTFOUND still false), then an empty one; LIMIT 10 → one short batch.
  const call = async (limit: number) => (await db.query(`CALL og_bulk.bulk_fetch(${limit}, NULL, NULL, NULL)`))[0];
  assert.deepEqual(await call(2), { p_total: '16.25', p_batches: '3', p_fetched: '5' });
  assert.deepEqual(await call(5), { p_total: '16.25', p_batches: '1', p_fetched: '5' });
  assert.deepEqual(await call(10), { p_total: '16.25', p_batches: '1', p_fetched: '5' });
  // Without LIMIT every row is fetched; %FOUND is false afterwards (the fetch ran past the last row).
  assert.deepEqual(await db.query('SELECT og_bulk.all_ids() AS v'), [{ v: 'notfound 5,4,3,2,1,16.25' }]);
});

test('local subprograms that read nothing of their routine become <routine>__<sub> routines (standalone and in a package)', { skip }, async () => {
  const r = await run('og_local', `CREATE TABLE prices (id NUMBER(5) PRIMARY KEY, price NUMBER(10,2));
INSERT INTO prices VALUES (1, 10);
INSERT INTO prices VALUES (2, 32.5);
COMMIT;
CREATE OR REPLACE FUNCTION gross(p_id NUMBER, p_rate NUMBER DEFAULT 20) RETURN NUMBER IS
  v_net NUMBER;
  FUNCTION pct(x NUMBER, rate NUMBER) RETURN NUMBER IS
  BEGIN
    RETURN x * rate / 100;
  END pct;
  FUNCTION with_tax(x NUMBER, rate NUMBER) RETURN NUMBER IS
  BEGIN
    RETURN ROUND(x + pct(x, rate), 2);
  END with_tax;
  PROCEDURE clamp(x IN OUT NUMBER) IS
  BEGIN
    IF x < 0 THEN x := 0; END IF;
  END clamp;
BEGIN
  SELECT price INTO v_net FROM prices WHERE id = p_id;
  clamp(v_net);
  RETURN with_tax(v_net, p_rate);
END;
/
CREATE OR REPLACE PACKAGE pricing AS
  FUNCTION label(p_id NUMBER) RETURN VARCHAR2;
END pricing;
/
CREATE OR REPLACE PACKAGE BODY pricing AS
  FUNCTION label(p_id NUMBER) RETURN VARCHAR2 IS
    FUNCTION stars(n NUMBER) RETURN VARCHAR2 IS
    BEGIN
      RETURN RPAD('*', n, '*');
    END;
  BEGIN
    RETURN p_id || ':' || stars(p_id + 1);
  END label;
END pricing;
/`);
  const codes = diagnosticsOf(r).map((d) => d.code);
  assert.ok(!codes.includes('OG0055'), 'no local subprogram left as an action item');
  assert.equal(codes.filter((c) => c === 'OG0068').length, 4);
  const names = r.objects.filter((o) => o.ref.type === 'Function' || o.ref.type === 'Procedure').map((o) => `${o.ref.schema ?? ''}.${o.ref.name}`).sort();
  assert.ok(names.includes('.gross__pct') && names.includes('.gross__with_tax') && names.includes('.gross__clamp') && names.includes('pricing.label__stars'), names.join(', '));
  // 32.5 + 20 % = 39; at 7 %: 10.70.
  assert.deepEqual(await db.query('SELECT og_local.gross(2)::text AS a, og_local.gross(1, 7)::text AS b, pricing.label(2) AS c'), [{ a: '39.00', b: '10.70', c: '2:***' }]);
});

test('record DML with a %ROWTYPE record: INSERT … VALUES rec and UPDATE … SET ROW = rec', { skip }, async () => {
  const r = await run('og_rec', `CREATE TABLE acct (id NUMBER(10) PRIMARY KEY, owner VARCHAR2(30), balance NUMBER(10,2));
INSERT INTO acct VALUES (1, 'ann', 10.5);
COMMIT;
CREATE OR REPLACE PROCEDURE copy_acct(p_id NUMBER, p_new NUMBER) IS
  r acct%ROWTYPE;
BEGIN
  SELECT * INTO r FROM acct WHERE id = p_id;
  r.id := p_new;
  r.balance := r.balance * 2;
  INSERT INTO acct VALUES r;
  r.owner := UPPER(r.owner);
  r.balance := NULL;
  UPDATE acct SET ROW = r WHERE id = p_new;
END;
/`);
  assert.ok(!diagnosticsOf(r).some((d) => d.code === 'OG0055'));
  await db.query('CALL og_rec.copy_acct(1, 2)');
  assert.deepEqual(await db.query('SELECT id, owner, balance FROM og_rec.acct ORDER BY id'), [{ id: '1', owner: 'ann', balance: '10.50' }, { id: '2', owner: 'ANN', balance: null }]);
});

test('package-level exceptions: raised in one package routine, caught by name in another', { skip }, async () => {
  const r = await run('og_pkgexc', `CREATE OR REPLACE PACKAGE acct_rules AS
  e_negative EXCEPTION;
  e_limit EXCEPTION;
  PRAGMA EXCEPTION_INIT(e_limit, -20050);
  PROCEDURE check_amount(p NUMBER);
  FUNCTION verdict(p NUMBER) RETURN VARCHAR2;
END acct_rules;
/
CREATE OR REPLACE PACKAGE BODY acct_rules AS
  PROCEDURE check_amount(p NUMBER) IS
  BEGIN
    IF p < 0 THEN RAISE e_negative; END IF;
    IF p > 100 THEN RAISE_APPLICATION_ERROR(-20050, 'over the limit'); END IF;
  END check_amount;
  FUNCTION verdict(p NUMBER) RETURN VARCHAR2 IS
  BEGIN
    check_amount(p);
    RETURN 'ok';
  EXCEPTION
    WHEN e_negative THEN RETURN 'negative';
    WHEN e_limit THEN RETURN 'limit';
  END verdict;
END acct_rules;
/`);
  assert.ok(!diagnosticsOf(r).some((d) => d.code === 'OG0055'), diagnosticsOf(r).filter((d) => d.code === 'OG0055').map((d) => d.message).join('; '));
  assert.deepEqual(await db.query(`SELECT acct_rules.verdict(5) AS a, acct_rules.verdict(-1) AS b, acct_rules.verdict(500) AS c`), [{ a: 'ok', b: 'negative', c: 'limit' }]);
});

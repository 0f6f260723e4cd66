// CREATE TABLE … AS SELECT and INSERT ALL / INSERT FIRST (script level and in PL/SQL), converted and
// run on PostgreSQL; expected rows worked out from Oracle's documented semantics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, diagnosticsOf, notConverted, plpgsqlCheck } from './helpers.js';
import { CTAS, MULTI } from './ctas-multi-insert-scripts.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('og_ctas'); }, { timeout: 60_000 });
after(async () => { if (!skip) await db.drop(); }, { timeout: 60_000 });

test('CREATE TABLE … AS SELECT: structure from the query, rows as of the statement, explicit NOT NULL kept (not the key\'s), no defaults', { skip, timeout: 120_000 }, async () => {
  const { result } = convertOracle(CTAS, 'ctas.sql');
  assert.deepEqual(notConverted(result), []);
  await db.query('DROP SCHEMA IF EXISTS og_ct CASCADE; CREATE SCHEMA og_ct; SET search_path = og_ct, public');
  await applyOn(db, result);
  // Row 3 was inserted after emp10 and by_dept were created: Oracle copied the rows as they stood then.
  assert.deepEqual(await db.query('SELECT id, name, sal::text AS sal, dept FROM emp10 ORDER BY id'), [{ id: 1, name: 'a', sal: '100.50', dept: 10 }]);
  assert.deepEqual(await db.query('SELECT dept, total::text AS total, n::int AS n FROM by_dept ORDER BY dept'), [{ dept: 10, total: '100.50', n: 1 }, { dept: 20, total: '200.00', n: 1 }]);
  assert.deepEqual((await db.query('SELECT id, who, round(third, 2)::text AS third FROM later ORDER BY id')).map((r) => [Number(r.id), r.who, r.third]),
    [[2, 'b', '66.67'], [3, 'c', '100.00'], [9, 'z', '1.00']]);
  // Oracle copies explicit NOT NULL (name), not the primary key's implicit one (id), and no DEFAULT.
  const cols = await db.query(`SELECT table_name, column_name, is_nullable, column_default FROM information_schema.columns
    WHERE table_schema = 'og_ct' AND table_name IN ('emp10', 'later') ORDER BY table_name, ordinal_position`);
  assert.deepEqual(cols.map((c) => `${c.table_name}.${c.column_name}:${c.is_nullable}:${c.column_default ?? ''}`),
    ['emp10.id:YES:', 'emp10.name:NO:', 'emp10.sal:YES:', 'emp10.dept:YES:', 'later.id:YES:', 'later.who:YES:', 'later.third:YES:']);
  await assert.rejects(db.query(`INSERT INTO emp10 (id, name) VALUES (5, NULL)`), /null value/);
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'OG0069'));
});

test('INSERT ALL / INSERT FIRST with WHEN/ELSE, the FROM DUAL multi-row idiom, and in a procedure', { skip, timeout: 120_000 }, async () => {
  const { result } = convertOracle(MULTI, 'multi.sql');
  assert.deepEqual(notConverted(result), []);
  await db.query('DROP SCHEMA IF EXISTS og_mi CASCADE; CREATE SCHEMA og_mi; SET search_path = og_mi, public');
  await applyOn(db, result);
  // FIRST: 1 (5 < 10) → small; 2 (50) → big and other; 3 (NULL: no WHEN true) → ELSE; 4 (500) → ELSE.
  const all = async (t: string) => (await db.query(`SELECT id, ${t === 'other' ? 'kind' : 'amt::text AS amt'} FROM ${t} ORDER BY id`)).map((r) => Object.values(r).map((v) => (v === null ? null : String(v))));
  assert.deepEqual(await all('small'), [['1', '5.00'], ['10', '1.00'], ['11', '2.00']]);
  assert.deepEqual(await all('big'), [['2', '50.00']]);
  assert.deepEqual(await all('other'), [['2', 'b'], ['3', 'else'], ['4', 'else']]);
  // ALL in a procedure: rows 2..4; amt >= 50 → big (2, 4; NULL is not >= 50); kind 'a' → other and small (4): an INTO
  // after a WHEN's INTO belongs to that WHEN.
  await db.query('CALL split(50)');
  assert.deepEqual((await all('big')).filter((r) => Number(r[0]) > 100), [['102', '50.00'], ['104', '500.00']]);
  assert.deepEqual((await all('other')).filter((r) => Number(r[0]) > 100), [['104', 'a']]);
  assert.deepEqual((await all('small')).filter((r) => Number(r[0]) > 100), [['104', null]]);
  assert.deepEqual(await plpgsqlCheck(db, ['og_mi']), []);
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'OG0070'));
});

test('INSERT ALL with NEXTVAL in several INTOs is an action item (Oracle takes one value per source row)', { skip: false }, () => {
  const { result } = convertOracle(`CREATE SEQUENCE s;
CREATE TABLE a (id NUMBER, v NUMBER);
CREATE TABLE b (id NUMBER, v NUMBER);
INSERT ALL INTO a VALUES (s.NEXTVAL, x) INTO b VALUES (s.CURRVAL, x) SELECT 1 AS x FROM dual CONNECT BY LEVEL <= 2;`, 'seq.sql');
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'OG0055' && /NEXTVAL/.test(d.message)));
});

// CREATE TABLE … AS SELECT and INSERT ALL / INSERT FIRST, converted and run on MariaDB; the scripts
// and the expected rows are the PostgreSQL suite's (Oracle semantics worked out there).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshMysqlDatabase, mysqlUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, diagnosticsOf, notConverted } from './helpers.js';
import { CTAS, MULTI } from '../oracle-to-postgres/ctas-multi-insert-scripts.js';

const skip = !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_MYSQL_URL not set' : false;
const dbs: FreshDatabase[] = [];
after(async () => { for (const d of dbs) await d.drop(); }, { timeout: 60_000 });

async function run(script: string): Promise<{ db: FreshDatabase; codes: string[] }> {
  const { result } = convertOracle(script);
  assert.deepEqual(notConverted(result), [], 'every object converts');
  const db = await freshMysqlDatabase('om_ctas');
  dbs.push(db);
  await applyOn(db, result);
  return { db, codes: diagnosticsOf(result).map((d) => d.code) };
}

test('CREATE TABLE … AS SELECT: rows as of the statement; MariaDB copying NOT NULL/DEFAULT is reported', { skip, timeout: 120_000 }, async () => {
  const { db, codes } = await run(CTAS);
  assert.deepEqual((await db.query('SELECT id, name, sal, dept FROM emp10 ORDER BY id')).map((r) => [Number(r.id), r.name, String(r.sal), Number(r.dept)]), [[1, 'a', '100.50', 10]]);
  assert.deepEqual((await db.query('SELECT dept, total, n FROM by_dept ORDER BY dept')).map((r) => [Number(r.dept), Number(r.total), Number(r.n)]), [[10, 100.5, 1], [20, 200, 1]]);
  assert.deepEqual((await db.query('SELECT id, who, ROUND(third, 2) AS third FROM later ORDER BY id')).map((r) => [Number(r.id), r.who, Number(r.third)]),
    [[2, 'b', 66.67], [3, 'c', 100], [9, 'z', 1]]);
  assert.ok(codes.includes('OM0070'));
});

test('INSERT ALL / INSERT FIRST with WHEN/ELSE, the FROM DUAL idiom, and in a procedure: one INSERT … SELECT per INTO', { skip, timeout: 120_000 }, async () => {
  const { db, codes } = await run(MULTI);
  const all = async (t: string) => (await db.query(`SELECT id, ${t === 'other' ? 'kind' : 'amt'} AS v FROM ${t} ORDER BY id`)).map((r) => [String(r.id), r.v === null ? null : String(r.v)]);
  assert.deepEqual(await all('small'), [['1', '5.00'], ['10', '1.00'], ['11', '2.00']]);
  assert.deepEqual(await all('big'), [['2', '50.00']]);
  assert.deepEqual(await all('other'), [['2', 'b'], ['3', 'else'], ['4', 'else']]);
  await db.query('CALL split(50)');
  assert.deepEqual((await all('big')).filter((r) => Number(r[0]) > 100), [['102', '50.00'], ['104', '500.00']]);
  assert.deepEqual((await all('other')).filter((r) => Number(r[0]) > 100), [['104', 'a']]);
  assert.deepEqual((await all('small')).filter((r) => Number(r[0]) > 100), [['104', null]]);
  assert.ok(codes.includes('OM0071') && !codes.includes('OM0072'));
});

test('INSERT ALL whose source reads a table it inserts into is an action item on MySQL', { skip: false }, () => {
  const { result } = convertOracle(`CREATE TABLE a (id NUMBER);
CREATE TABLE b (id NUMBER);
INSERT ALL INTO a VALUES (id + 10) INTO b VALUES (id) SELECT id FROM a;`);
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'OM0072'));
});

// Oracle constructs that used to be action items and now convert, run on PostgreSQL with asserted
// results: ENABLE NOVALIDATE constraints, FETCH … BULK COLLECT INTO [LIMIT n], local subprograms.
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

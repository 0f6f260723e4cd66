// FETCH FIRST n ROWS WITH TIES keeps the ties on PostgreSQL (the generator once printed a plain LIMIT).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, notConverted } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let db: FreshDatabase;
before(async () => { if (!skip) db = await freshPgDatabase('og_ties'); });
after(async () => { if (!skip) await db.drop(); });

test('top 2 scores WITH TIES returns the tied third row; OFFSET … WITH TIES too', { skip }, async () => {
  const { result } = convertOracle(`CREATE TABLE s (id NUMBER(3) PRIMARY KEY, n NUMBER(3));
INSERT INTO s VALUES (1, 90);
INSERT INTO s VALUES (2, 80);
INSERT INTO s VALUES (3, 80);
INSERT INTO s VALUES (4, 70);
CREATE VIEW top2 AS SELECT id FROM s ORDER BY n DESC FETCH FIRST 2 ROWS WITH TIES;
CREATE VIEW next1 AS SELECT id FROM s ORDER BY n DESC OFFSET 1 ROWS FETCH NEXT 1 ROWS WITH TIES;
`, 'ties.sql');
  assert.deepEqual(notConverted(result), []);
  await db.query('DROP SCHEMA IF EXISTS og_ties CASCADE; CREATE SCHEMA og_ties; SET search_path = og_ties, public');
  await applyOn(db, result);
  const ids = async (v: string): Promise<number[]> => (await db.query(`SELECT id::int AS id FROM ${v} ORDER BY id`)).map((r) => (r as { id: number }).id);
  assert.deepEqual(await ids('top2'), [1, 2, 3]);
  assert.deepEqual(await ids('next1'), [2, 3]);
});

// BIGINT UNSIGNED keys: the identity column and the foreign keys referencing it must get the same
// integer type on PostgreSQL, keep rejecting negatives, and keep working as keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts } from '../../../converters/index.js';
import { freshPgDatabase, pgUrlFromEnv, runPsql, type FreshDatabase } from '../../harness/db.js';
import { applySql, diagnosticsOf } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
let pgdb: FreshDatabase;
before(async () => { if (skip) return; pgdb = await freshPgDatabase('mp_ukeys'); });
after(async () => { if (skip) return; await pgdb.drop(); });

const SCRIPT = `CREATE TABLE o (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, note VARCHAR(10));
CREATE TABLE l (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, o_id BIGINT UNSIGNED NOT NULL,
  CONSTRAINT fk_l_o FOREIGN KEY (o_id) REFERENCES o (id) ON DELETE CASCADE);
INSERT INTO o (note) VALUES ('a'), ('b');
INSERT INTO l (o_id) VALUES (1), (2), (2);
`;

test('BIGINT UNSIGNED AUTO_INCREMENT keys and their foreign keys apply and behave on PostgreSQL', { skip }, async () => {
  const result = convert(parseScripts('mysql', [{ path: 'keys.sql', text: SCRIPT }]).catalog, { target: 'postgres' });
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'MP0005'), 'the range change is reported');
  await runPsql(pgdb.url, applySql(result));
  const types = await pgdb.query(`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE column_name IN ('id', 'o_id') ORDER BY 1, 2`);
  assert.deepEqual(types.map((r) => r.data_type), ['bigint', 'bigint', 'bigint']);
  await pgdb.query(`INSERT INTO o (note) VALUES ('c')`);
  assert.equal((await pgdb.query(`SELECT max(id)::int AS m FROM o`))[0]!.m, 3);
  await assert.rejects(pgdb.query(`INSERT INTO o (id, note) VALUES (-1, 'neg')`), /check/i);
  await pgdb.query(`DELETE FROM o WHERE id = 2`);
  assert.equal((await pgdb.query(`SELECT count(*)::int AS n FROM l`))[0]!.n, 1);
});

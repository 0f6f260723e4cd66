// Oracle data dictionary reads, INVISIBLE columns and synonym targets: what is not converted is
// reported with the PostgreSQL place to look, and what is converted runs on real PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, diagnosticsOf } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
const dbs: FreshDatabase[] = [];
after(async () => { for (const d of dbs) await d.drop(); });

test('DBA_/ALL_/V$ views are action items naming the PostgreSQL catalog; a user table called USER_… is not', () => {
  const { result } = convertOracle(`CREATE TABLE user_profiles (id NUMBER(5));
CREATE VIEW who AS SELECT username FROM all_users UNION ALL SELECT tablespace_name FROM dba_tablespaces UNION ALL SELECT TO_CHAR(id) FROM user_profiles;
DECLARE
  n NUMBER;
BEGIN
  SELECT count(*) INTO n FROM v$session;
END;
/
`);
  const found = diagnosticsOf(result).filter((d) => d.code === 'OG0065');
  assert.deepEqual(found.map((d) => [d.severity, /^(\S+)/.exec(d.message)![1]]), [['high', 'ALL_USERS'], ['high', 'DBA_TABLESPACES'], ['high', 'V$SESSION']]);
  assert.match(found[0]!.message, /pg_roles/);
  assert.match(found[1]!.message, /pg_tablespace/);
  assert.match(found[2]!.message, /pg_stat_activity/);
  assert.equal(found[0]!.span.line, 2);
});

test('INVISIBLE column: reported, and on PostgreSQL SELECT * now shows it', { skip }, async () => {
  const { result } = convertOracle(`CREATE TABLE t (a NUMBER(5), b NUMBER(5) INVISIBLE);
INSERT INTO t (a, b) VALUES (1, 2);
`);
  const d = diagnosticsOf(result).find((x) => x.code === 'OG0064');
  assert.ok(d, 'OG0064 reported');
  assert.equal(d.severity, 'medium');
  assert.match(d.message, /t\.b/);
  const db = await freshPgDatabase('og_invisible');
  dbs.push(db);
  await applyOn(db, result);
  assert.deepEqual(await db.query('SELECT * FROM t'), [{ a: 1, b: 2 }]);
});

test('synonyms: names fold to the naming style (public synonym → view in public reading edge.orders)', { skip }, async () => {
  const { result } = convertOracle(`CREATE TABLE edge.orders (id NUMBER(5));
INSERT INTO edge.orders VALUES (7);
CREATE PUBLIC SYNONYM orders FOR edge.orders;
CREATE PUBLIC SYNONYM "MixedSyn" FOR "EDGE"."ORDERS";
CREATE SYNONYM edge.ord2 FOR EDGE.ORDERS;
`);
  const db = await freshPgDatabase('og_synonym');
  dbs.push(db);
  await applyOn(db, result);
  assert.deepEqual(await db.query('SELECT id::int FROM public.orders'), [{ id: 7 }]);
  assert.deepEqual(await db.query('SELECT id::int FROM public.mixedsyn'), [{ id: 7 }]);
  assert.deepEqual(await db.query('SELECT id::int FROM edge.ord2'), [{ id: 7 }]);
});

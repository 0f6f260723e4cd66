// Oracle statement-level triggers on MariaDB: a body that changes no data becomes a row trigger.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshMysqlDatabase, mysqlUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, diagnosticsOf, notConverted } from './helpers.js';

const skip = !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_MYSQL_URL not set' : false;
const dbs: FreshDatabase[] = [];
after(async () => { for (const d of dbs) await d.drop(); }, { timeout: 60_000 });

const SCRIPT = `CREATE TABLE acct (id NUMBER(6), amt NUMBER(8,2));
CREATE TABLE locks (x NUMBER(1));
CREATE TABLE audit_t (msg VARCHAR2(50));
CREATE OR REPLACE PROCEDURE check_open IS
  v NUMBER;
BEGIN
  SELECT COUNT(*) INTO v FROM locks;
  IF v > 0 THEN
    RAISE_APPLICATION_ERROR(-20001, 'accounts are locked');
  END IF;
END check_open;
/
CREATE OR REPLACE TRIGGER acct_guard BEFORE INSERT OR UPDATE ON acct
BEGIN
  check_open;
END;
/
CREATE OR REPLACE TRIGGER acct_log AFTER INSERT ON acct
BEGIN
  INSERT INTO audit_t VALUES ('inserted');
END;
/
`;

test('statement-level trigger whose body only checks → row trigger; one that writes stays an action item', { skip, timeout: 120_000 }, async () => {
  const { result } = convertOracle(SCRIPT);
  const missing = notConverted(result);
  assert.equal(missing.length, 1);
  assert.match(missing[0]!, /^trigger acct_log: OM0057 .*it runs INSERT/);
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'OM0073' && /acct_guard/.test(d.message)));
  const db = await freshMysqlDatabase('om_stmt_trg');
  dbs.push(db);
  await applyOn(db, result, (ref) => ref.name === 'acct_log' && ref.type === 'trigger');
  await db.query('INSERT INTO acct VALUES (1, 10), (2, 20)');
  await db.query('INSERT INTO locks VALUES (1)');
  // As in Oracle: ORA-20001 → SQLSTATE 45001 with the message; the statement changes nothing.
  await assert.rejects(db.query('UPDATE acct SET amt = 0'), (e: Error & { sqlState?: string }) => e.sqlState === '45001' && /accounts are locked/.test(e.message));
  await assert.rejects(db.query('INSERT INTO acct VALUES (3, 30)'), (e: Error & { sqlState?: string }) => e.sqlState === '45001');
  assert.deepEqual((await db.query('SELECT id, amt FROM acct ORDER BY id')).map((r) => [Number(r.id), Number(r.amt)]), [[1, 10], [2, 20]]);
});

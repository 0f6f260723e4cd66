// CAST/CONVERT written in MySQL, parsed by the MySQL front end, converted and run on PostgreSQL:
// the values must equal what MariaDB returns for the original text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts } from '../../../converters/index.js';
import { freshPgDatabase, freshMysqlDatabase, pgUrlFromEnv, mysqlUrlFromEnv, runPsql, runMysqlClient, type FreshDatabase } from '../../harness/db.js';
import { applySql, diagnosticsOf } from './helpers.js';

const skip = !pgUrlFromEnv() || !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL / DBSHIFT_TEST_MYSQL_URL not set' : false;
let pgdb: FreshDatabase;
let my: FreshDatabase;
before(async () => { if (skip) return; pgdb = await freshPgDatabase('mp_casts'); my = await freshMysqlDatabase('mp_casts'); });
after(async () => { if (skip) return; await pgdb.drop(); await my.drop(); });

const SCRIPT = `CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), n INT);
INSERT INTO t VALUES (1, 'abcdef', 12345);
CREATE VIEW v AS SELECT CAST(n AS CHAR) AS a, CONVERT(n, CHAR) AS b, CAST(name AS CHAR(3)) AS c,
  CONVERT(name USING utf8mb4) AS d, CONCAT(CAST(n AS CHAR(2)), '|') AS e, LENGTH(CAST(n AS CHAR)) AS f FROM t;
`;

test('CAST(… AS CHAR[(n)]) and CONVERT(… USING cs) give MariaDB\'s values on PostgreSQL', { skip }, async () => {
  const parsed = parseScripts('mysql', [{ path: 'casts.sql', text: SCRIPT }]);
  const result = convert(parsed.catalog, { target: 'postgres' });
  assert.ok(diagnosticsOf(result).some((d) => d.code === 'MP0049'), 'CONVERT USING is reported');
  await runPsql(pgdb.url, applySql(result));
  await runMysqlClient(my.url, SCRIPT);
  const pg = (await pgdb.query('SELECT * FROM v'))[0]!;
  const ma = (await my.query('SELECT * FROM v'))[0]!;
  const norm = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]));
  assert.deepEqual(norm(pg), norm(ma));
  assert.equal(String(pg.c), 'abc');
});

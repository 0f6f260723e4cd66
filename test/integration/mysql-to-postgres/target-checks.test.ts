// CHECKs the rules write (UNSIGNED ranges, YEAR, SET members) are PostgreSQL expressions already and
// must not go through the MySQL expression rules again: a column that shares its name with a
// TINYINT(1) column elsewhere (which becomes boolean) or with a keyword constant keeps a check that
// PostgreSQL accepts, and the check lets in and keeps out the same values MariaDB does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts } from '../../../converters/index.js';
import { freshPgDatabase, freshMysqlDatabase, pgUrlFromEnv, mysqlUrlFromEnv, runPsql, type FreshDatabase } from '../../harness/db.js';
import { applySql } from './helpers.js';

const skip = !pgUrlFromEnv() || !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL / DBSHIFT_TEST_MYSQL_URL not set' : false;
let pgdb: FreshDatabase;
let my: FreshDatabase;
before(async () => { if (skip) return; pgdb = await freshPgDatabase('mp_target_checks'); my = await freshMysqlDatabase('mp_target_checks'); });
after(async () => { if (skip) return; await pgdb.drop(); await my.drop(); });

const TABLES = [
  'CREATE TABLE flags (id INT NOT NULL PRIMARY KEY, active TINYINT(1) NOT NULL DEFAULT 0)',
  'CREATE TABLE seasons (id INT NOT NULL PRIMARY KEY, active YEAR NULL, `localtime` INT UNSIGNED NULL)',
];

/** Whether each statement succeeds (true) or is rejected (false). */
async function outcomes(run: (sql: string) => Promise<unknown>, statements: string[]): Promise<boolean[]> {
  const out: boolean[] = [];
  for (const s of statements) out.push(await run(s).then(() => true, () => false));
  return out;
}

test('rule-made CHECKs are not converted again: YEAR named like a boolean column, UNSIGNED column named like a keyword constant', { skip }, async () => {
  const parsed = parseScripts('mysql', [{ path: 'checks.sql', text: TABLES.map((t) => `${t};\n`).join('') }]);
  assert.deepEqual(parsed.diagnostics, []);
  const result = convert(parsed.catalog, { target: 'postgres' });
  const seasons = result.objects.find((o) => o.ref.type === 'Table' && o.ref.name === 'seasons')!;
  assert.doesNotMatch(seasons.statements[0]!, /FALSE|LOCALTIME/, 'checks compare the columns with numbers, as written');
  await runPsql(pgdb.url, applySql(result));
  for (const t of TABLES) await my.query(t);

  const rows = ['(1, 0, 0)', '(2, 2000, 5)', '(3, 1800, 1)', '(4, 2020, -1)', '(5, NULL, NULL)'];
  const pg = await outcomes((s) => pgdb.query(s), rows.map((r) => `INSERT INTO seasons (id, active, "localtime") VALUES ${r}`));
  const ma = await outcomes((s) => my.query(s), rows.map((r) => `INSERT INTO seasons (id, active, \`localtime\`) VALUES ${r}`));
  assert.deepEqual(pg, [true, true, false, false, true]);
  assert.deepEqual(pg, ma);
});

// HR as live Oracle extraction would read it (dictionary rows authored from the Database
// Reference, test/fixtures/catalog-rows/oracle-hr.json; no Oracle server can run here), converted
// to PostgreSQL and applied on a real server: the keys, checks, sequences and triggers behave as
// HR's scripts say.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { convert, parseScripts } from '../../../converters/index.js';
import { extractOracle } from '../../../electron/node/extract/oracle/index.js';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { loadRows, rowConnection } from '../../unit/extract/catalog-rows.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
const dbs: FreshDatabase[] = [];
after(async () => { for (const d of dbs) await d.drop(); });
const populate = readFileSync(resolve(fileURLToPath(new URL('../../../', import.meta.url)), '../shared/corpus/oracle-hr/hr_populate.sql'), 'utf8');

test('HR extracted from dictionary rows converts, applies and behaves on PostgreSQL', { skip }, async () => {
  const live = await extractOracle(rowConnection('oracle', loadRows('oracle-hr.json'), /:\d+/g), ['HR'], {});
  // The rows of hr_populate.sql, as a data script for the extracted schema.
  const data = parseScripts('oracle', [{ path: 'hr_populate.sql', text: populate }], { defaultSchema: 'HR' });
  const catalog = { ...live.catalog, objects: [...live.catalog.objects, ...data.catalog.objects.filter((o) => o.kind === 'DataScript')] };
  const result = convert(catalog, { target: 'postgres' });
  assert.deepEqual(result.objects.filter((o) => o.status === 'not-converted').map((o) => `${o.ref.type} ${o.ref.name}`), []);
  const db = await freshPgDatabase('ex_ora_hr');
  dbs.push(db);
  // View and code bodies name HR's tables unqualified, as Oracle resolves them in the owner's
  // schema; the conversion keeps them unqualified, so the owner's schema leads the search path.
  await db.query('CREATE SCHEMA IF NOT EXISTS hr');
  await db.query('SET search_path = hr, public');
  for (const o of result.objects) {
    for (const s of o.statements) {
      try { await db.query(s); } catch (e) { throw new Error(`${o.ref.type} ${o.ref.name}: ${(e as Error).message}\n${s}`); }
    }
  }

  // Every INSERT of the populate script is a row.
  const inserts = new Map<string, number>();
  for (const m of populate.matchAll(/^\s*INSERT\s+INTO\s+(\w+)/gim)) inserts.set(m[1]!.toLowerCase(), (inserts.get(m[1]!.toLowerCase()) ?? 0) + 1);
  assert.equal(inserts.size, 7);
  for (const [t, n] of inserts) assert.equal((await db.query(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n, n, t);

  // Sequences continue from LAST_NUMBER (never used: START WITH): 207, 280 and 3300 come next.
  assert.deepEqual(await db.query("SELECT nextval('employees_seq')::int AS e, nextval('departments_seq')::int AS d, nextval('locations_seq')::int AS l"), [{ e: 207, d: 280, l: 3300 }]);
  // CHECK (salary > 0) from SEARCH_CONDITION; NOT NULL from the "COL" IS NOT NULL checks.
  await assert.rejects(db.query('UPDATE employees SET salary = 0 WHERE employee_id = 100'), (e: { code?: string }) => e.code === '23514');
  await assert.rejects(db.query('UPDATE employees SET email = NULL WHERE employee_id = 100'), (e: { code?: string }) => e.code === '23502');
  // Foreign keys with DELETE_RULE NO ACTION refuse to orphan rows; the unique email key holds.
  await assert.rejects(db.query('DELETE FROM regions WHERE region_id = 10'), (e: { code?: string }) => e.code === '23503');
  await assert.rejects(db.query("UPDATE employees SET email = 'NYANG' WHERE employee_id = 100"), (e: { code?: string }) => e.code === '23505');

  // update_job_history (from ALL_SOURCE) writes the old job on a job change; secure_employees
  // (STATUS DISABLED) does not fire.
  const before = (await db.query('SELECT count(*)::int AS n FROM job_history WHERE employee_id = 104'))[0]!.n as number;
  await db.query("UPDATE employees SET job_id = 'ST_CLERK', department_id = 50 WHERE employee_id = 104");
  const hist = await db.query('SELECT job_id FROM job_history WHERE employee_id = 104 ORDER BY end_date DESC');
  assert.equal(hist.length, before + 1);
  assert.equal(hist[0]!.job_id, 'IT_PROG');

  // The view keeps its column list and reads through the joins.
  const [v] = await db.query('SELECT count(*)::int AS n FROM emp_details_view');
  assert.equal(v!.n, 106);
});

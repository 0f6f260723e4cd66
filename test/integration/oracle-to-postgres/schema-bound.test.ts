// Objects converted into a schema (CONNECT hr) keep working whatever the caller's search_path:
// Oracle resolves names inside code and views in the owner's schema, so the conversion qualifies them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { applyOn, notConverted, plpgsqlCheck, readCorpus } from './helpers.js';
import { parseScripts, convert } from '../../../converters/index.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
const dbs: FreshDatabase[] = [];
after(async () => { for (const d of dbs) await d.drop(); });

test('HR converted under CONNECT hr: with search_path = public, a job change still writes job_history through hr.add_job_history', { skip }, async () => {
  const files = ['oracle-hr/hr_create.sql', 'oracle-hr/hr_populate.sql', 'oracle-hr/hr_code.sql'];
  const parsed = parseScripts('oracle', files.map((f) => ({ path: f, text: `CONNECT hr/hr\n${readCorpus(f)}` })));
  const result = convert(parsed.catalog, { target: 'postgres' });
  assert.deepEqual(notConverted(result), []);
  const db = await freshPgDatabase('og_schema_bound');
  dbs.push(db);
  // Applied with the schema first on the path (as a user connected as hr would), then used from public.
  await db.query('SET search_path = hr, public');
  await applyOn(db, result);
  const [t] = await db.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'hr' AND tablename IN ('employees', 'job_history')");
  assert.equal(t!.n, 2, 'the tables live in schema hr');
  assert.deepEqual(await plpgsqlCheck(db, ['hr']), []);

  await db.query('SET search_path = public');
  await db.query(`UPDATE hr.employees SET job_id = 'ST_CLERK', department_id = 50 WHERE employee_id = 104`);
  const rows = await db.query(`SELECT job_id, department_id::int AS d FROM hr.job_history WHERE employee_id = 104 AND end_date::date = LOCALTIMESTAMP(0)::date`);
  assert.deepEqual(rows, [{ job_id: 'IT_PROG', d: 60 }]);
  // The view reads its base tables from hr too.
  const [v] = await db.query('SELECT count(*)::int AS n FROM hr.emp_details_view');
  assert.ok((v!.n as number) > 100);
});

// Chinook_Oracle.sql converted to PostgreSQL against Chinook_PostgreSql.sql applied on the same
// server: same tables, columns, keys and rows. Oracle folds the unquoted CamelCase names to upper
// case (AlbumId → ALBUMID), so names compare without underscores (album_id ↔ albumid); the type
// differences that follow from Oracle's types are listed below and asserted exactly.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, runPsql, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertOracle, notConverted, readCorpus } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
const dbs: FreshDatabase[] = [];
after(async () => { for (const d of dbs) await d.drop(); });

const norm = (n: string): string => n.replace(/_/g, '').toLowerCase();

/**
 * Oracle type (as converted) → the type the PostgreSQL script uses: NUMBER without precision is
 * numeric (Oracle numbers carry no integer type), DATE is timestamp(0) (Oracle DATE has seconds).
 */
const EXPECTED_DIFFERENCES: Record<string, string> = { numeric: 'integer', 'timestamp(0) without time zone': 'timestamp without time zone' };

async function shape(db: FreshDatabase) {
  const cols = await db.query(`SELECT table_name, column_name, format_type(a.atttypid, a.atttypmod) AS type, is_nullable
    FROM information_schema.columns c JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass AND a.attname = c.column_name
    WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`);
  const keys = await db.query(`SELECT tc.table_name, tc.constraint_type, string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position) AS cols,
      (SELECT ccu.table_name FROM information_schema.constraint_column_usage ccu WHERE ccu.constraint_name = tc.constraint_name AND tc.constraint_type = 'FOREIGN KEY' LIMIT 1) AS ref
    FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
    WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') GROUP BY tc.table_name, tc.constraint_type, tc.constraint_name`);
  return {
    columns: cols.map((c) => `${norm(String(c.table_name))}.${norm(String(c.column_name))} ${String(c.type)} ${String(c.is_nullable)}`),
    keys: keys.map((k) => `${norm(String(k.table_name))} ${String(k.constraint_type)} (${norm(String(k.cols)).replace(/,/g, ', ')})${k.ref ? ` → ${norm(String(k.ref))}` : ''}`).sort(),
    tables: [...new Set(cols.map((c) => String(c.table_name)))],
  };
}

/** Row count and an order-independent checksum of each table's rows, columns in ordinal order, as text. */
async function checksum(db: FreshDatabase, table: string): Promise<string> {
  const [r] = await db.query(`SELECT count(*)::int AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS sum FROM "${table}" AS t`);
  return `${String(r!.n)}:${String(r!.sum)}`;
}

test('Chinook_Oracle.sql on PostgreSQL = Chinook_PostgreSql.sql: tables, columns, keys, rows', { skip }, async () => {
  const pgText = readCorpus('chinook/Chinook_PostgreSql.sql').replace(/^(DROP DATABASE|CREATE DATABASE|\\c ).*$/gm, '');
  const ref = await freshPgDatabase('og_chinook_ref');
  dbs.push(ref);
  await runPsql(ref.url, pgText);

  // The script connects as CHINOOK (its schema); the reference lives in public.
  const { result } = convertOracle(readCorpus('chinook/Chinook_Oracle.sql'), 'Chinook_Oracle.sql', { schemaMap: { CHINOOK: 'public' } });
  // GRANT … TO chinook and CONNECT are Oracle session/administration statements, not schema objects.
  assert.deepEqual(notConverted(result).filter((m) => !/GRANT|CONNECT/i.test(m)), []);
  const conv = await freshPgDatabase('og_chinook_conv');
  dbs.push(conv);
  await applyOn(conv, { ...result, objects: result.objects.filter((o) => o.status !== 'not-converted') });

  const a = await shape(ref);
  const b = await shape(conv);
  const expected = a.columns.map((c) => c);
  const got = b.columns.map((c) => {
    const [name, ...rest] = c.split(' ');
    const nullable = rest.pop();
    const type = rest.join(' ');
    return `${name} ${EXPECTED_DIFFERENCES[type] ?? type} ${nullable}`;
  });
  assert.deepEqual(got, expected);
  assert.deepEqual(b.keys, a.keys);
  const tablesA = new Map(a.tables.map((t) => [norm(t), t]));
  assert.deepEqual(b.tables.map(norm).sort(), [...tablesA.keys()].sort());
  // The two corpus scripts differ in one value: Chinook_Oracle.sql has 'Edinburgh ' (trailing
  // space) for customer 54 and its invoices, Chinook_PostgreSql.sql 'Edinburgh'. The conversion
  // keeps the Oracle value; it is aligned here before the checksums.
  assert.deepEqual(await conv.query('SELECT city FROM customer WHERE customerid = 54'), [{ city: 'Edinburgh ' }]);
  assert.deepEqual(await conv.query("SELECT count(*)::int AS n FROM invoice WHERE billingcity = 'Edinburgh '"), await conv.query('SELECT count(*)::int AS n FROM invoice WHERE customerid = 54'));
  await conv.query("UPDATE customer SET city = 'Edinburgh' WHERE city = 'Edinburgh '");
  await conv.query("UPDATE invoice SET billingcity = 'Edinburgh' WHERE billingcity = 'Edinburgh '");
  for (const t of b.tables) assert.equal(await checksum(conv, t), await checksum(ref, tablesA.get(norm(t))!), `rows of ${t}`);
});

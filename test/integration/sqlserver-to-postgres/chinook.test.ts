// Chinook_SqlServer.sql (and its IDENTITY-key variant) converted to PostgreSQL against the
// corpus's own PostgreSQL scripts applied on the same server: same tables, columns, keys and rows.
// With naming 'snake' the CamelCase names become the PostgreSQL script's (AlbumId → album_id).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, runPsql, type FreshDatabase } from '../../harness/db.js';
import { applyOn, convertTsql, notConverted, readCorpus } from './helpers.js';

const skip = !pgUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL not set' : false;
const dbs: FreshDatabase[] = [];
after(async () => { for (const d of dbs) await d.drop(); });

/** DATETIME keeps its millisecond precision (timestamp(3)); the PostgreSQL script uses plain timestamp. */
const EXPECTED_DIFFERENCES: Record<string, string> = { 'timestamp(3) without time zone': 'timestamp without time zone' };

async function shape(db: FreshDatabase) {
  const cols = await db.query(`SELECT table_name, column_name, format_type(a.atttypid, a.atttypmod) AS type, is_nullable, is_identity
    FROM information_schema.columns c JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass AND a.attname = c.column_name
    WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`);
  const keys = await db.query(`SELECT tc.table_name, tc.constraint_type, string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position) AS cols,
      (SELECT ccu.table_name FROM information_schema.constraint_column_usage ccu WHERE ccu.constraint_name = tc.constraint_name AND tc.constraint_type = 'FOREIGN KEY' LIMIT 1) AS ref
    FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
    WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') GROUP BY tc.table_name, tc.constraint_type, tc.constraint_name`);
  return {
    columns: cols.map((c) => `${String(c.table_name)}.${String(c.column_name)} ${EXPECTED_DIFFERENCES[String(c.type)] ?? String(c.type)} ${String(c.is_nullable)} identity=${String(c.is_identity)}`),
    keys: keys.map((k) => `${String(k.table_name)} ${String(k.constraint_type)} (${String(k.cols)})${k.ref ? ` → ${String(k.ref)}` : ''}`).sort(),
    tables: [...new Set(cols.map((c) => String(c.table_name)))],
  };
}

async function checksum(db: FreshDatabase, table: string): Promise<string> {
  const [r] = await db.query(`SELECT count(*)::int AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS sum FROM "${table}" AS t`);
  return `${String(r!.n)}:${String(r!.sum)}`;
}

for (const [ms, pg] of [['Chinook_SqlServer.sql', 'Chinook_PostgreSql.sql'], ['Chinook_SqlServer_AutoIncrementPKs.sql', 'Chinook_PostgreSql_AutoIncrementPKs.sql']] as const) {
  test(`${ms} on PostgreSQL = ${pg}: tables, columns, keys, rows`, { skip }, async () => {
    const ref = await freshPgDatabase('ms_chinook_ref');
    dbs.push(ref);
    await runPsql(ref.url, readCorpus(`chinook/${pg}`).replace(/^(DROP DATABASE|CREATE DATABASE|\\c ).*$/gm, ''));
    const { result } = convertTsql(readCorpus(`chinook/${ms}`), ms, { naming: 'snake' });
    assert.deepEqual(notConverted(result), []);
    const conv = await freshPgDatabase('ms_chinook_conv');
    dbs.push(conv);
    await applyOn(conv, result);
    const a = await shape(ref);
    const b = await shape(conv);
    // SQL Server IDENTITY accepts explicit values only under IDENTITY_INSERT: BY DEFAULT here, ALWAYS in the PostgreSQL script.
    assert.deepEqual(b.columns, a.columns);
    assert.deepEqual(b.keys, a.keys);
    // Both scripts write N'Edinburgh ' (trailing space). SQL Server keeps the space in NVARCHAR, and so
    // does the conversion; PostgreSQL reads N'…' as char(n), whose cast to varchar drops it, so the
    // reference has 'Edinburgh'. Aligned here before the checksums.
    assert.deepEqual(await conv.query('SELECT city FROM customer WHERE customer_id = 54'), [{ city: 'Edinburgh ' }]);
    await conv.query("UPDATE customer SET city = 'Edinburgh' WHERE city = 'Edinburgh '");
    await conv.query("UPDATE invoice SET billing_city = 'Edinburgh' WHERE billing_city = 'Edinburgh '");
    await ref.query("UPDATE invoice SET billing_city = 'Edinburgh' WHERE billing_city = 'Edinburgh '");
    for (const t of a.tables) {
      const [x, y] = [await checksum(conv, t), await checksum(ref, t)];
      if (x === y) continue;
      const rowsOf = async (d: FreshDatabase) => new Set((await d.query(`SELECT t::text AS r FROM "${t}" AS t`)).map((r) => String(r.r)));
      const [rc, rr] = [await rowsOf(conv), await rowsOf(ref)];
      assert.fail(`rows of ${t} differ: converted only ${[...rc].filter((r) => !rr.has(r)).slice(0, 3).join(' | ')}; reference only ${[...rr].filter((r) => !rc.has(r)).slice(0, 3).join(' | ')}`);
    }
  });
}

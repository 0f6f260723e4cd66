// Chinook_Oracle.sql converted to MySQL against Chinook_MySql.sql applied on the same MariaDB
// server: same tables, columns, keys and rows. Oracle folds the unquoted CamelCase names to upper
// case (AlbumId → ALBUMID → albumid), so names compare case-insensitively; the type differences
// that follow from Oracle's types are listed below and asserted exactly.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { freshMysqlDatabase, mysqlUrlFromEnv, type FreshDatabase } from '../../harness/db.js';
import { loadMysqlReference, corpus } from '../postgres-to-mysql/helpers.js';
import { applyOn, convertOracle, notConverted, readCorpus } from './helpers.js';

const skip = !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_MYSQL_URL not set' : false;
const dbs: FreshDatabase[] = [];
after(async () => { for (const d of dbs) await d.drop(); });

const norm = (n: unknown): string => String(n).replace(/_/g, '').toLowerCase();

/**
 * Converted type → the type Chinook_MySql.sql uses: Oracle NUMBER without precision has no integer
 * type and becomes DECIMAL(65,30) (exact; the MySQL script says INT), Oracle DATE becomes DATETIME
 * (the same here).
 */
const EXPECTED_DIFFERENCES: Record<string, string> = { 'decimal(65,30)': 'int' };

async function shape(db: FreshDatabase) {
  const cols = await db.query(`SELECT table_name AS t, column_name AS c, column_type AS ty, is_nullable AS n FROM information_schema.columns
    WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`);
  const keys = await db.query(`SELECT k.table_name AS t, tc.constraint_type AS ct, GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position) AS cols, MAX(k.referenced_table_name) AS ref
    FROM information_schema.key_column_usage k JOIN information_schema.table_constraints tc
      ON tc.constraint_schema = k.constraint_schema AND tc.table_name = k.table_name AND tc.constraint_name = k.constraint_name
    WHERE k.table_schema = DATABASE() AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') GROUP BY k.table_name, tc.constraint_type, tc.constraint_name`);
  return {
    columns: cols.map((c) => `${norm(c.t)}.${norm(c.c)} ${String(c.ty).replace(/^int\(\d+\)/, 'int')} ${String(c.n)}`).sort(),
    keys: keys.map((k) => `${norm(k.t)} ${String(k.ct)} (${norm(k.cols)})${k.ref ? ` → ${norm(k.ref)}` : ''}`).sort(),
    tables: [...new Set(cols.map((c) => String(c.t)))],
  };
}

/** Row count and an order-independent checksum of the rows; numbers compared by value (1.000… = 1). */
async function checksum(db: FreshDatabase, table: string): Promise<string> {
  const rows = await db.query(`SELECT * FROM \`${table}\``);
  const lines = rows.map((r) => Object.values(r).map((v) => (v === null ? '\\N' : /^-?\d+(\.\d+)?$/.test(String(v)) ? String(Number(v)) : String(v))).join('|')).sort();
  return `${rows.length}:${createHash('md5').update(lines.join('\n')).digest('hex')}`;
}

test('Chinook_Oracle.sql on MariaDB = Chinook_MySql.sql: tables, columns, keys, rows', { skip }, async () => {
  const ref = await freshMysqlDatabase('om_chinook_ref');
  dbs.push(ref);
  await loadMysqlReference(corpus('chinook/Chinook_MySql.sql'), ref);

  const { result } = convertOracle([{ path: 'Chinook_Oracle.sql', text: readCorpus('chinook/Chinook_Oracle.sql') }]);
  // GRANT … TO chinook and CONNECT are Oracle session/administration statements, not schema objects.
  assert.deepEqual(notConverted(result).filter((m) => !/GRANT|CONNECT/i.test(m)), []);
  const conv = await freshMysqlDatabase('om_chinook_conv');
  dbs.push(conv);
  await applyOn(conv, { ...result, objects: result.objects.filter((o) => o.status !== 'not-converted') });

  const a = await shape(ref);
  const b = await shape(conv);
  const got = b.columns.map((c) => {
    const [name, type, nullable] = c.split(' ');
    return `${name} ${EXPECTED_DIFFERENCES[type!] ?? type} ${nullable}`;
  });
  assert.deepEqual(got, a.columns);
  assert.deepEqual(b.keys, a.keys);
  const tablesA = new Map(a.tables.map((t) => [norm(t), t]));
  assert.deepEqual(b.tables.map(norm).sort(), [...tablesA.keys()].sort());
  // Both scripts keep 'Edinburgh ' (trailing space) for customer 54: the value survives as written.
  assert.deepEqual(await conv.query('SELECT CONCAT(city, \'|\') AS c FROM customer WHERE customerid = 54'), [{ c: 'Edinburgh |' }]);
  // Four track names contain ' \ ' in both scripts: Oracle strings have no escapes, so the conversion
  // keeps the backslash; MySQL reads '\ ' in Chinook_MySql.sql as an escaped space and drops it.
  const slashed = await conv.query("SELECT trackid AS id FROM track WHERE INSTR(name, '\\\\') > 0 ORDER BY trackid");
  assert.deepEqual(slashed.map((r) => Number(r.id)), [3435, 3448, 3485, 3499]);
  await conv.query("UPDATE track SET name = REPLACE(name, '\\\\', '') WHERE INSTR(name, '\\\\') > 0");
  for (const t of b.tables) assert.equal(await checksum(conv, t), await checksum(ref, tablesA.get(norm(t))!), `rows of ${t}`);
});

// Northwind and pubs (T-SQL) converted to MySQL and applied on MariaDB with their data: row
// counts equal the INSERT statements counted in the scripts, and converted views return the
// rows a hand-written MariaDB query over the same data returns.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convert, parseScripts, type ConvertResult } from '../../../converters/index.js';
import { freshMysqlDatabase, mysqlUrlFromEnv, type FreshDatabase } from '../../harness/db.js';

const skip = !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_MYSQL_URL not set' : false;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = (rel: string): string => readFileSync(path.resolve(repoRoot, '../shared/corpus', rel), 'utf8');
const dbs: FreshDatabase[] = [];
after(async () => { for (const d of dbs) await d.drop(); });

/** INSERT statements per table (lower case) in a T-SQL script: INSERT [INTO] "T" / T / [T]. */
function insertCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^\s*INSERT\s+(?:INTO\s+)?(?:"([^"]+)"|\[([^\]]+)\]|(\w+))/gim)) {
    const t = (m[1] ?? m[2] ?? m[3]!).toLowerCase();
    out.set(t, (out.get(t) ?? 0) + 1);
  }
  return out;
}

function convertTsql(text: string, file: string): ConvertResult {
  const parsed = parseScripts('sqlserver', [{ path: file, text }]);
  return convert(parsed.catalog, { target: 'mysql', mysqlFlavor: 'mariadb' });
}

/** Applies everything converted; stored programs are reported TM0025 (not converted) and skipped. */
async function apply(db: FreshDatabase, r: ConvertResult): Promise<string[]> {
  const missing: string[] = [];
  for (const o of r.objects) {
    if (o.status === 'not-converted') {
      const codes = o.diagnostics.map((d) => d.code);
      assert.ok(codes.length > 0, `${o.ref.type} ${o.ref.name} not converted without a finding`);
      missing.push(`${o.ref.type} ${o.ref.name}: ${codes.join(',')}`);
      continue;
    }
    for (const s of o.statements) {
      try { await db.query(s); } catch (e) { throw new Error(`${o.ref.type} ${o.ref.name}: ${(e as Error).message}\n${s.slice(0, 1500)}`); }
    }
  }
  return missing;
}

async function assertCounts(db: FreshDatabase, text: string): Promise<void> {
  const expected = insertCounts(text);
  assert.ok(expected.size > 5);
  for (const [table, n] of expected) {
    // Table names are case-sensitive on MariaDB/Linux; the scripts write them in varying case.
    const [named] = await db.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND LOWER(table_name) = ?', [table]);
    assert.ok(named, `table ${table} exists`);
    const [row] = await db.query(`SELECT COUNT(*) AS n FROM \`${String(named.t)}\``);
    assert.equal(Number(row!.n), n, `rows in ${table}`);
  }
}

test('Northwind converts and applies on MariaDB; counts match; views return the hand-written query rows', { skip }, async () => {
  const text = corpus('northwind-pubs-tsql/instnwnd.sql');
  const r = convertTsql(text, 'instnwnd.sql');
  const db = await freshMysqlDatabase('tm_nw');
  dbs.push(db);
  const missing = await apply(db, r);
  for (const m of missing) assert.match(m, /^(procedure|function|trigger|routine) .*TM0025/i);
  await assertCounts(db, text);
  // IDENTITY → AUTO_INCREMENT: a new order gets the next key.
  const [max] = await db.query('SELECT MAX(OrderID) AS m FROM Orders');
  await db.query("INSERT INTO Orders (CustomerID, EmployeeID, OrderDate) VALUES ('ALFKI', 1, '1998-06-01')");
  const [last] = await db.query('SELECT LAST_INSERT_ID() AS id');
  assert.equal(Number(last!.id), Number(max!.m) + 1);
  await db.query('DELETE FROM Orders WHERE OrderID = ?', [Number(last!.id)]);

  // Invoices: Salesperson is FirstName + ' ' + LastName (string + → CONCAT).
  const inv = await db.query('SELECT DISTINCT Salesperson FROM Invoices ORDER BY 1');
  const expect = await db.query("SELECT DISTINCT CONCAT(e.FirstName, ' ', e.LastName) AS Salesperson FROM Employees e JOIN Orders o ON o.EmployeeID = e.EmployeeID ORDER BY 1");
  assert.deepEqual(inv, expect);
  // Order Subtotals: CONVERT(money, …) rounded to 4 decimals before * 100, as in SQL Server.
  const [sub] = await db.query('SELECT CAST(Subtotal AS CHAR) AS s FROM `Order Subtotals` WHERE OrderID = 10248');
  const [hand] = await db.query('SELECT CAST(SUM(ROUND(UnitPrice * Quantity * (1 - Discount) / 100, 4) * 100) AS CHAR) AS s FROM `Order Details` WHERE OrderID = 10248');
  assert.equal(sub!.s, hand!.s);
  const [cat] = await db.query("SELECT COUNT(*) AS n FROM `Products by Category`");
  const [catHand] = await db.query('SELECT COUNT(*) AS n FROM Products WHERE Discontinued <> 1');
  assert.equal(Number(cat!.n), Number(catHand!.n));
});

test('pubs converts and applies on MariaDB (alias types tid/id/empid resolved); counts match', { skip }, async () => {
  const text = corpus('northwind-pubs-tsql/instpubs.sql');
  const r = convertTsql(text, 'instpubs.sql');
  const db = await freshMysqlDatabase('tm_pubs');
  dbs.push(db);
  await apply(db, r);
  await assertCounts(db, text);
  const [t] = await db.query("SELECT title_id FROM titles WHERE title_id = 'BU1032'");
  assert.equal(t!.title_id, 'BU1032');
});

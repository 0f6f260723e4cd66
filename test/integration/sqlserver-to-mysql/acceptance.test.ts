// Northwind and pubs (T-SQL) converted to MySQL and applied on MariaDB with their data: row
// counts equal the INSERT statements counted in the scripts, and converted views and procedures
// (called with fixed arguments) return the rows a hand-written MariaDB query over the same data returns.
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
after(async () => { for (const d of dbs) await d.drop(); }, { timeout: 60_000 });

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

/** Applies everything converted; objects not converted must carry a finding. */
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

/** The first result set of a CALL. */
async function call(db: FreshDatabase, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const res = await db.query(sql, params);
  return res[0] as unknown as Record<string, unknown>[];
}

const byKey = (rows: Record<string, unknown>[]): string[] => rows.map((x) => JSON.stringify(Object.values(x).map((v) => (v instanceof Date ? v.toISOString() : typeof v === 'number' || (typeof v === 'string' && /^-?\d+(?:\.\d+)?$/.test(v)) ? Number(v).toFixed(2) : v)))).sort();

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

test('Northwind converts and applies on MariaDB; counts match; views return the hand-written query rows', { skip, timeout: 300_000 }, async () => {
  const text = corpus('northwind-pubs-tsql/instnwnd.sql');
  const r = convertTsql(text, 'instnwnd.sql');
  const db = await freshMysqlDatabase('tm_nw');
  dbs.push(db);
  const missing = await apply(db, r);
  assert.deepEqual(missing, []);
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
  // Procedures: called with fixed arguments, compared with hand-written queries.
  const hist = await call(db, 'CALL CustOrderHist(?)', ['ALFKI']);
  const histHand = await db.query(`SELECT p.ProductName, SUM(d.Quantity) AS Total FROM Orders o JOIN \`Order Details\` d ON d.OrderID = o.OrderID
    JOIN Products p ON p.ProductID = d.ProductID WHERE o.CustomerID = 'ALFKI' GROUP BY p.ProductName`);
  assert.ok(hist.length > 5);
  assert.deepEqual(byKey(hist), byKey(histHand));
  const ords = await call(db, 'CALL CustOrdersOrders(?)', ['ANATR']);
  const ordsHand = await db.query("SELECT OrderID, OrderDate, RequiredDate, ShippedDate FROM Orders WHERE CustomerID = 'ANATR' ORDER BY OrderID");
  assert.equal(ords.length, 4);
  assert.deepEqual(ords, ordsHand);
  // SET ROWCOUNT 10 → LIMIT 10.
  const ten = await call(db, 'CALL `Ten Most Expensive Products`()');
  const tenHand = await db.query('SELECT ProductName AS TenMostExpensiveProducts, UnitPrice FROM Products ORDER BY UnitPrice DESC LIMIT 10');
  assert.equal(ten.length, 10);
  assert.deepEqual(ten, tenHand);
  const esc = await call(db, 'CALL `Employee Sales by Country`(?, ?)', ['1996-07-01', '1996-07-31']);
  const escHand = await db.query(`SELECT e.Country, e.LastName, e.FirstName, o.ShippedDate, o.OrderID,
      (SELECT SUM(ROUND(d.UnitPrice * d.Quantity * (1 - d.Discount) / 100, 4) * 100) FROM \`Order Details\` d WHERE d.OrderID = o.OrderID) AS SaleAmount
    FROM Orders o JOIN Employees e ON e.EmployeeID = o.EmployeeID WHERE o.ShippedDate BETWEEN '1996-07-01' AND '1996-07-31'`);
  assert.ok(esc.length > 10);
  assert.deepEqual(byKey(esc), byKey(escHand));
  // SalesByCategory: @OrdYear defaults to '1998' in T-SQL (MySQL callers pass it); other years than 1996-1998 mean 1998.
  const salesHand = (year: number) => db.query(`SELECT p.ProductName, ROUND(SUM(ROUND(d.Quantity * (1 - d.Discount) * d.UnitPrice, 2)), 0) AS TotalPurchase
    FROM \`Order Details\` d JOIN Orders o ON o.OrderID = d.OrderID JOIN Products p ON p.ProductID = d.ProductID JOIN Categories c ON c.CategoryID = p.CategoryID
    WHERE c.CategoryName = 'Beverages' AND YEAR(o.OrderDate) = ${year} GROUP BY p.ProductName ORDER BY p.ProductName`);
  const s97 = await call(db, 'CALL SalesByCategory(?, ?)', ['Beverages', '1997']);
  assert.ok(s97.length > 5);
  assert.deepEqual(byKey(s97), byKey(await salesHand(1997)));
  const s98 = await call(db, 'CALL SalesByCategory(?, ?)', ['Beverages', '2005']);
  assert.deepEqual(byKey(s98), byKey(await salesHand(1998)));

  const [cat] = await db.query("SELECT COUNT(*) AS n FROM `Products by Category`");
  const [catHand] = await db.query('SELECT COUNT(*) AS n FROM Products WHERE Discontinued <> 1');
  assert.equal(Number(cat!.n), Number(catHand!.n));
});

test('pubs converts and applies on MariaDB (alias types tid/id/empid resolved); counts match', { skip, timeout: 300_000 }, async () => {
  const text = corpus('northwind-pubs-tsql/instpubs.sql');
  const r = convertTsql(text, 'instpubs.sql');
  const db = await freshMysqlDatabase('tm_pubs');
  dbs.push(db);
  assert.deepEqual(await apply(db, r), []);
  await assertCounts(db, text);
  const [t] = await db.query("SELECT title_id FROM titles WHERE title_id = 'BU1032'");
  assert.equal(t!.title_id, 'BU1032');

  // byroyalty: the authors with that royalty share.
  const roy = (await call(db, 'CALL byroyalty(?)', [40])).map((x) => x.au_id).sort();
  const royHand = (await db.query('SELECT au_id FROM titleauthor WHERE royaltyper = 40')).map((x) => x.au_id).sort();
  assert.ok(roy.length > 0);
  assert.deepEqual(roy, royHand);

  // reptq1: average price per publisher plus the ROLLUP total row 'ALL', ordered by pub_id ('ALL' sorts after the digits).
  const rep = await call(db, 'CALL reptq1()');
  const titles = await db.query('SELECT pub_id, CAST(price AS DOUBLE) AS price FROM titles WHERE price IS NOT NULL');
  const groups = new Map<string, number[]>();
  for (const x of titles) groups.set(String(x.pub_id), [...(groups.get(String(x.pub_id)) ?? []), Number(x.price)]);
  const avg = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const expected = [...[...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, avg(v)] as const), ['ALL', avg(titles.map((x) => Number(x.price)))] as const];
  assert.deepEqual(rep.map((x) => x.pub_id), expected.map((x) => x[0]));
  rep.forEach((x, i) => assert.ok(Math.abs(Number(x.avg_price) - expected[i]![1]) < 1e-4, `avg_price of ${String(x.pub_id)}`));

  // reptq2/reptq3 (ROLLUP over two columns): the same rows as grouping in JS, with 'ALL' for rolled-up levels.
  const rep3 = await call(db, 'CALL reptq3(?, ?, ?)', [0, 20, 'business']);
  const rows3 = await db.query("SELECT pub_id, type, title_id FROM titles WHERE price > 0 AND price < 20 AND type = 'business' OR type LIKE '%cook%'");
  const count = (f: (x: Record<string, unknown>) => boolean): number => rows3.filter(f).length;
  const keys = new Set(rows3.map((x) => `${String(x.pub_id)}|${String(x.type)}`));
  const pubs = new Set(rows3.map((x) => String(x.pub_id)));
  const want = [
    ...[...keys].map((k) => `${k}|${count((x) => `${String(x.pub_id)}|${String(x.type)}` === k)}`),
    ...[...pubs].map((p) => `${p}|ALL|${count((x) => String(x.pub_id) === p)}`),
    `ALL|ALL|${rows3.length}`,
  ].sort();
  assert.deepEqual(rep3.map((x) => `${String(x.pub_id)}|${String(x.type).trim()}|${Number(x.cnt)}`).sort(), want);

  // employee_insupd (now FOR EACH ROW): job 1 requires level 10; levels must lie in the job's range.
  await assert.rejects(db.query("INSERT INTO employee (emp_id, fname, minit, lname, job_id, job_lvl, pub_id, hire_date) VALUES ('PXX12345M', 'Ann', 'B', 'Cee', 1, 20, '0877', '1999-01-01')"), /Job id 1 expects the default level of 10/);
  await assert.rejects(db.query("UPDATE employee SET job_lvl = 250 WHERE emp_id = 'PMA42628M'"), /should be between/);
  await db.query("INSERT INTO employee (emp_id, fname, minit, lname, job_id, job_lvl, pub_id, hire_date) VALUES ('PXX12345M', 'Ann', 'B', 'Cee', 1, 10, '0877', '1999-01-01')");
  const [emp] = await db.query("SELECT job_lvl FROM employee WHERE emp_id = 'PXX12345M'");
  assert.equal(Number(emp!.job_lvl), 10);
});

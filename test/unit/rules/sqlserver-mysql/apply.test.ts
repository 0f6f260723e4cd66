// CROSS/OUTER APPLY for the MySQL flavor (LATERAL, 8.0.14+): no MySQL server runs here, so the
// printed form is checked; the MariaDB form runs in test/integration/sqlserver-to-mysql/merge-apply-output.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertResult } from '../../../../converters/index.js';

function run(text: string, flavor: 'mysql' | 'mariadb'): ConvertResult {
  const parsed = parseScripts('sqlserver', [{ path: 't.sql', text }]);
  assert.deepEqual(parsed.diagnostics, []);
  return convert(parsed.catalog, { target: 'mysql', mysqlFlavor: flavor });
}

const SCRIPT = `CREATE TABLE c (id int PRIMARY KEY)
GO
CREATE TABLE o (id int PRIMARY KEY, cust int)
GO
CREATE VIEW v AS
  SELECT c.id, x.id AS oid, y.n FROM c
  CROSS APPLY (SELECT TOP 2 id FROM o WHERE o.cust = c.id ORDER BY id) x
  OUTER APPLY (SELECT COUNT(*) AS n FROM o WHERE o.cust = c.id) y
GO`;

test('MySQL: CROSS APPLY → CROSS JOIN LATERAL, OUTER APPLY → LEFT JOIN LATERAL … ON TRUE (any number of rows)', () => {
  const r = run(SCRIPT, 'mysql');
  const v = r.objects.find((o) => o.ref.name === 'v')!;
  assert.notEqual(v.status, 'not-converted', JSON.stringify(v.diagnostics));
  const sql = v.statements.join('\n');
  assert.match(sql, /CROSS JOIN LATERAL \(SELECT `id` FROM `o` WHERE `o`\.`cust` = `c`\.`id` ORDER BY `id` LIMIT 2\) AS `x`/);
  assert.match(sql, /LEFT JOIN LATERAL \(SELECT COUNT\(\*\) AS `n` FROM `o` WHERE `o`\.`cust` = `c`\.`id`\) AS `y` ON TRUE/);
  assert.ok(v.diagnostics.some((d) => d.code === 'TM0061'));
});

test('MariaDB: the same view applies a query of two rows: a TM0024 located at that APPLY', () => {
  const r = run(SCRIPT, 'mariadb');
  const v = r.objects.find((o) => o.ref.name === 'v')!;
  assert.equal(v.status, 'not-converted');
  const d = v.diagnostics.find((x) => x.code === 'TM0024')!;
  assert.equal(d.span?.line, 7);
  assert.match(d.message, /several rows per outer row/);
});

test('MariaDB: UPDATE … FROM with an APPLY is a TM0024 at the UPDATE; MySQL prints it with LATERAL', () => {
  const script = `CREATE TABLE c (id int PRIMARY KEY, qty int)
GO
CREATE TABLE o (id int PRIMARY KEY, cust int)
GO
CREATE PROCEDURE up AS
BEGIN
  UPDATE x SET qty = y.id FROM c x CROSS APPLY (SELECT TOP 1 id FROM o WHERE o.cust = x.id ORDER BY id) y;
END
GO`;
  const m = run(script, 'mariadb').objects.find((o) => o.ref.name === 'up')!;
  assert.equal(m.status, 'not-converted');
  assert.equal(m.diagnostics.find((d) => d.code === 'TM0024')?.span?.line, 7);
  const my = run(script, 'mysql').objects.find((o) => o.ref.name === 'up')!;
  assert.match(my.statements.join('\n'), /UPDATE `c` AS `x` CROSS JOIN LATERAL \(SELECT `id` FROM `o` WHERE `o`\.`cust` = `x`\.`id` ORDER BY `id` LIMIT 1\) AS `y` SET `x`\.`qty` = `y`\.`id`/);
});

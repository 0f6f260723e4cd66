// The bundled demo sample must be real MySQL: load it into MariaDB with the mariadb client and
// check that its code does what its comments say. Its figures are the reference the converted
// PostgreSQL version is compared with (cli.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freshMysqlDatabase, mysqlUrlFromEnv, runMysqlClient } from '../../harness/db.js';
import { SAMPLE_DIR } from '../../../electron/node/cli/commands/demo.js';

const skip = mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL is not set (run through scripts/with-test-servers.mjs)';

test('the bookshop sample loads into MariaDB and its function, trigger and procedure work', { skip }, async () => {
  const db = await freshMysqlDatabase('bookshop_src');
  try {
    for (const f of readdirSync(SAMPLE_DIR).filter((n) => n.endsWith('.sql')).sort()) {
      const text = readFileSync(join(SAMPLE_DIR, f), 'utf8').replace(/\bbookshop\b/g, db.name);
      await runMysqlClient(db.url, text);
    }
    const [t] = await db.query('SELECT order_total(1) AS t');
    assert.equal(String(t!.t), '44.48');
    const [v] = await db.query('SELECT authors FROM v_book_catalog WHERE book_id = 4');
    assert.equal(v!.authors, 'Imogen Carrow, Dev Raman');
    const spend = await db.query('SELECT customer_id, orders, spent FROM v_customer_spend ORDER BY customer_id');
    assert.deepEqual(spend.map((r) => [Number(r.customer_id), Number(r.orders), String(r.spent)]), [[1, 1, '44.48'], [2, 1, '18.50'], [3, 0, '0.00']]);
    // The trigger adds to the order total and takes from stock.
    await db.query('INSERT INTO order_line VALUES (2, 2, 5, 2, 15.00)');
    const [o] = await db.query('SELECT total FROM customer_order WHERE order_id = 2');
    assert.equal(String(o!.total), '48.50');
    const [s] = await db.query('SELECT on_hand FROM stock WHERE book_id = 5');
    assert.equal(Number(s!.on_hand), 2);
    // Books 2 (3 < 5), 3 (0 < 2) and 5 (2 < 5) are below their reorder level.
    await db.query('CALL restock_low_items(10, @n)');
    const [n] = await db.query('SELECT @n AS n');
    assert.equal(Number(n!.n), 3);
  } finally {
    await db.drop();
  }
});

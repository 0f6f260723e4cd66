// PostgreSQL → MySQL through the command line: convert Chinook's PostgreSQL script, apply it to
// MariaDB with `dbshift apply`, and compare every table with Chinook's hand-written MySQL version
// loaded by the mariadb client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshMysqlDatabase, mysqlUrlFromEnv, runMysqlClient } from '../../harness/db.js';
import { CORPUS, runCli } from './run-cli.js';

const skip = mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL is not set (run through scripts/with-test-servers.mjs)';

test('Chinook PostgreSQL → MySQL via convert + apply matches the hand-written MySQL Chinook', { skip, timeout: 600_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'dbshift-chinook-'));
  const converted = await freshMysqlDatabase('chinook_conv');
  const reference = await freshMysqlDatabase('chinook_ref');
  try {
    const out = join(tmp, 'out');
    const conv = await runCli(['convert', join(CORPUS, 'chinook', 'Chinook_PostgreSql.sql'), '--from', 'postgres', '--to', 'mysql', '--out', out, '--quiet'], { timeoutMs: 300_000 });
    assert.equal(conv.code, 0, conv.stderr);
    const ap = await runCli(['apply', out, '--target-url', converted.url, '--quiet'], { timeoutMs: 600_000 });
    assert.equal(ap.code, 0, ap.stderr.slice(-3000));

    const ref = readFileSync(join(CORPUS, 'chinook', 'Chinook_MySql.sql'), 'utf8')
      .replace(/^(DROP DATABASE|CREATE DATABASE|USE)\b[^;]*;/gim, '');
    await runMysqlClient(reference.url, ref);

    const tables = async (db: typeof converted): Promise<string[]> =>
      (await db.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1')).map((r) => String(r.t));
    const snake = (s: string): string => s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    const refTables = await tables(reference);
    assert.equal(refTables.length, 11);
    assert.deepEqual((await tables(converted)).sort(), refTables.map(snake).sort());
    // Same rows: counts and a content checksum per table (reference names are CamelCase, converted ones snake_case).
    const pairs: [string, string, string][] = [
      ['Album', 'album', 'SUM(CRC32(CONCAT_WS(\'|\', AlbumId, Title, ArtistId)))'],
      ['Artist', 'artist', 'SUM(CRC32(CONCAT_WS(\'|\', ArtistId, Name)))'],
      // The hand-written MySQL file writes 'a \\ b' unescaped, so MySQL drops those backslashes; compare without them.
      ['Track', 'track', 'SUM(CRC32(CONCAT_WS(\'|\', TrackId, REPLACE(Name, CHAR(92), \'\'), AlbumId, Milliseconds, UnitPrice)))'],
      ['Invoice', 'invoice', 'SUM(CRC32(CONCAT_WS(\'|\', InvoiceId, CustomerId, Total)))'],
      ['InvoiceLine', 'invoice_line', 'SUM(CRC32(CONCAT_WS(\'|\', InvoiceLineId, InvoiceId, TrackId, UnitPrice, Quantity)))'],
      ['Customer', 'customer', 'SUM(CRC32(CONCAT_WS(\'|\', CustomerId, FirstName, LastName, Email)))'],
    ];
    for (const [refName, convName, expr] of pairs) {
      const [r] = await reference.query(`SELECT COUNT(*) AS n, ${expr} AS h FROM \`${refName}\``);
      const convExpr = expr.replace(/\b([A-Z][a-z]+)+\b/g, snake);
      const [c] = await converted.query(`SELECT COUNT(*) AS n, ${convExpr} AS h FROM \`${convName}\``);
      assert.equal(String(c!.n), String(r!.n), `${convName} row count`);
      assert.equal(String(c!.h), String(r!.h), `${convName} content`);
    }
    // …while the conversion keeps them, as the PostgreSQL source has them.
    const [bs] = await converted.query('SELECT name FROM track WHERE track_id = 3435');
    assert.equal(bs!.name, 'Cavalleria Rusticana \\ Act \\ Intermezzo Sinfonico');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await converted.drop();
    await reference.drop();
  }
});

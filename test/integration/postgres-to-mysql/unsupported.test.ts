// PostgreSQL features MySQL lacks: each object either converts and runs on MariaDB, or is marked
// not converted with its action items — never emitted as SQL that fails or silently differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { freshMysqlDatabase, mysqlUrlFromEnv, runMysqlClient } from '../../harness/db.js';
import { applySql, pgToMysql } from './helpers.js';

const skip = mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL is not set (run through scripts/with-test-servers.mjs)';
const INPUT = new URL('./unsupported-features.sql', import.meta.url);

test('unsupported PostgreSQL features are not converted with items; everything else applies on MariaDB', { skip }, async () => {
  const result = pgToMysql(readFileSync(INPUT, 'utf8'), 'unsupported-features.sql');
  const status = (name: string): string | undefined => result.objects.find((o) => o.ref.name === name)?.status;
  const codes = (name: string): string[] => result.objects.filter((o) => o.ref.name === name || o.source.name === name).flatMap((o) => o.diagnostics.map((d) => d.code));
  for (const [name, why] of [['q', 'FULL JOIN + DISTINCT ON'], ['lat', 'LATERAL on MariaDB'], ['ins', 'RETURNING / EXECUTE … INTO'], ['st', 'statement trigger'], ['io', 'INSTEAD OF trigger'], ['tt', 'TRUNCATE trigger'], ['myagg', 'aggregate']] as const) {
    assert.equal(status(name), 'not-converted', `${name}: ${why}`);
    assert.ok(codes(name).length > 0, `${name} has action items`);
  }
  assert.ok(codes('base').includes('PM0056'), 'EXCLUDE constraint reported');
  assert.ok(codes('child').includes('PM0057'), 'inheritance reported');
  assert.ok(codes('base').includes('PM0015'), 'range column type reported');

  const db = await freshMysqlDatabase('unsupported');
  try {
    await runMysqlClient(db.url, applySql(result));
    const parts = await db.query(`SELECT table_name AS t, COUNT(*) AS n FROM information_schema.partitions WHERE table_schema = DATABASE() AND partition_name IS NOT NULL GROUP BY table_name ORDER BY table_name`);
    assert.deepEqual(parts.map((p) => `${p.t}:${p.n}`), ['h:2', 'r:3']);
    const [row] = await db.query('SELECT JSON_UNQUOTE(JSON_EXTRACT(tags, \'$[1]\')) AS t, JSON_UNQUOTE(JSON_EXTRACT(doc, \'$.k\')) AS k, total FROM base WHERE id = 1');
    assert.deepEqual([row!.t, row!.k, row!.total], ['b', 'v', '1.50']);
    const [c] = await db.query(`SELECT table_comment AS c FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'base'`);
    assert.equal(c!.c, 'the base');
  } finally {
    await db.drop();
  }
});

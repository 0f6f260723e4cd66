import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { freshMysqlDatabase, mysqlUrlFromEnv } from '../../harness/db.js';
import { columnShapes, convertAndLoad, corpus, keyShapes, loadMysqlReference, rowCounts } from './helpers.js';

const skip = mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL is not set (run through scripts/with-test-servers.mjs)';

const PAIRS: [string, string][] = [
  ['chinook/Chinook_PostgreSql.sql', 'chinook/Chinook_MySql.sql'],
  ['chinook/Chinook_PostgreSql_AutoIncrementPKs.sql', 'chinook/Chinook_MySql_AutoIncrementPKs.sql'],
  ['chinook/Chinook_PostgreSql_SerialPKs.sql', 'chinook/Chinook_MySql_AutoIncrementPKs.sql'],
];

for (const [pgFile, myFile] of PAIRS) {
  test(`${pgFile} → MariaDB matches ${myFile}: columns, keys, auto-increment, row counts`, { skip, timeout: 600_000 }, async () => {
    const converted = await freshMysqlDatabase('chinook_conv');
    const reference = await freshMysqlDatabase('chinook_ref');
    try {
      const result = await convertAndLoad(readFileSync(corpus(pgFile), 'utf8'), converted, pgFile.split('/').pop());
      assert.deepEqual(result.objects.filter((o) => o.status === 'not-converted').map((o) => o.ref.name), []);
      await loadMysqlReference(corpus(myFile), reference);

      const [got, want] = [await columnShapes(converted), await columnShapes(reference)];
      assert.equal(got.length, want.length, 'same number of columns');
      for (let i = 0; i < want.length; i++) {
        const g = got[i]!;
        const w = want[i]!;
        const where = `${w.table}.${w.column}`;
        assert.equal(`${g.table}.${g.column}`, where);
        assert.equal(g.type, w.type, `${where} type`);
        assert.equal(g.length, w.length, `${where} length`);
        assert.equal(g.precision, w.precision, `${where} precision`);
        assert.equal(g.nullable, w.nullable, `${where} nullability`);
        assert.equal(g.extra, w.extra, `${where} auto_increment`);
      }
      assert.deepEqual(await keyShapes(converted), await keyShapes(reference));
      const counts = await rowCounts(converted);
      assert.deepEqual(counts, await rowCounts(reference));
      assert.ok(counts.track! > 3000, 'data was loaded');
    } finally {
      await converted.drop();
      await reference.drop();
    }
  });
}

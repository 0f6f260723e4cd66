import { test } from 'node:test';
import assert from 'node:assert/strict';
import type mysql from 'mysql2';
import { autoSegments } from '../../../electron/node/replication/fullload.js';
import type { RuntimeTable } from '../../../electron/node/replication/runtime.js';
import type { SourceTableInfo } from '../../../electron/node/replication/source/mysql.js';

// A source answering the two questions autoSegments asks: the row estimate and min/max of the key.
function source(rows: number, lo: string | null, hi: string | null): mysql.Connection {
  return {
    query(sql: string, _params: unknown[], cb: (e: Error | null, rows: unknown[]) => void) {
      cb(null, /TABLE_ROWS/.test(sql) ? [{ n: rows }] : [{ lo, hi }]);
    },
  } as unknown as mysql.Connection;
}
const table = { key: 'shop.big' } as unknown as RuntimeTable;
const info = (type: string, key = ['id']): SourceTableInfo => ({ schema: 'shop', table: 'big', key, columns: [{ name: 'id', dataType: type, columnType: type }, { name: 'x', dataType: 'text', columnType: 'text' }] });

// Which segment(s) a key falls in, by evaluating the generated predicates.
function owners(wheres: string[], k: bigint): number[] {
  return wheres.flatMap((w, i) => (w.split(' AND ').every((p) => {
    const m = /^`id` (<=|>) (\d+)$/.exec(p);
    if (!m) throw new Error(`unexpected predicate ${p}`);
    return m[1] === '<=' ? k <= BigInt(m[2]!) : k > BigInt(m[2]!);
  }) ? [i] : []));
}

test('big integer-keyed tables are cut into key ranges that cover every key exactly once', async () => {
  const segs = (await autoSegments(table, info('bigint'), source(1_000_000, '1', '1000000'), 8))!;
  assert.equal(segs.length, 4);
  assert.deepEqual(segs.map((s) => s.where), ['`id` <= 250000', '`id` > 250000 AND `id` <= 500000', '`id` > 500000 AND `id` <= 750000', '`id` > 750000']);
  assert.ok(segs.every((s) => s.params.length === 0));
  for (const k of [-5n, 1n, 250000n, 250001n, 999999n, 1000000n, 5000000n]) assert.equal(owners(segs.map((s) => s.where!), k).length, 1, String(k));
  // Keys beyond 2^53 stay exact: integer literals, no doubles.
  const huge = (await autoSegments(table, info('bigint'), source(600_000, '9223372036854775000', '9223372036854775807'), 8))!;
  assert.equal(huge.length, 3);
  for (let k = 9223372036854775000n; k <= 9223372036854775807n; k += 1n) assert.equal(owners(huge.map((s) => s.where!), k).length, 1, String(k));
});

test('no automatic ranges for small tables, other key types, composite keys, one subtask or an empty table', async () => {
  assert.equal(await autoSegments(table, info('bigint'), source(200_000, '1', '200000'), 8), undefined);
  assert.equal(await autoSegments(table, info('varchar'), source(1_000_000, 'a', 'z'), 8), undefined);
  assert.equal(await autoSegments(table, info('bigint', ['id', 'x']), source(1_000_000, '1', '9'), 8), undefined);
  assert.equal(await autoSegments(table, info('bigint'), source(1_000_000, '1', '1000000'), 1), undefined);
  assert.equal(await autoSegments(table, info('int'), source(1_000_000, null, null), 8), undefined);
  assert.equal((await autoSegments(table, info('int'), source(1_000_000, '1', '1000000'), 2))!.length, 2);
});

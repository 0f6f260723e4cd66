import { test } from 'node:test';
import assert from 'node:assert/strict';
import type mysql from 'mysql2';
import { autoSegments, segmentsFor } from '../../../electron/node/replication/fullload.js';
import type { TableMappings } from '../../../electron/node/replication/task/index.js';
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

// DMS table-settings ranges: bounds on an integer or decimal key are checked literals, not quoted
// parameters (MySQL compares an integer column with a string as doubles: above 2^53 a range would
// miss or repeat keys).
const ruled = { key: 'shop.big', plan: { source: { schema: 'shop', table: 'big' } } } as unknown as RuntimeTable;
const ranges = (boundaries: unknown[][], columns = ['id']): TableMappings => ({ rules: [{ 'rule-type': 'table-settings', 'rule-id': '2', 'rule-name': '2',
  'object-locator': { 'schema-name': 'shop', 'table-name': 'big' }, 'parallel-load': { type: 'ranges', columns, boundaries } }] } as unknown as TableMappings);

function rangeOwners(wheres: string[], k: bigint): number[] {
  return wheres.flatMap((w, i) => (w.split(' AND ').every((p) => {
    const m = /^\(`id`\) (<=|>) \(([+-]?\d+)\)$/.exec(p);
    if (!m) throw new Error(`unexpected predicate ${p}`);
    return m[1] === '<=' ? k <= BigInt(m[2]!) : k > BigInt(m[2]!);
  }) ? [i] : []));
}

test('parallel-load ranges on an integer key: literal bounds, every key in exactly one segment, also above 2^53', () => {
  const segs = segmentsFor(ruled, ranges([['9007199254740993'], ['9007199254740995'], [9007199254740000]]), info('bigint'));
  assert.equal(segs.length, 4);
  assert.ok(segs.every((s) => s.params.length === 0), JSON.stringify(segs.map((s) => s.params)));
  assert.deepEqual(segs.map((s) => s.where), ['(`id`) <= (9007199254740993)', '(`id`) > (9007199254740993) AND (`id`) <= (9007199254740995)',
    '(`id`) > (9007199254740995) AND (`id`) <= (9007199254740000)', '(`id`) > (9007199254740000)']);
  const first = segs.slice(0, 2).map((s) => s.where!);
  for (let k = 9007199254740990n; k <= 9007199254740996n; k++) assert.equal(rangeOwners([...first, '(`id`) > (9007199254740995)'], k).length, 1, String(k));
});

test('parallel-load bounds: decimal keys literal, other types parameters; a bad or rounded bound is an error naming it', () => {
  const dec = segmentsFor(ruled, ranges([['12345678901234567.25']]), info('decimal'));
  assert.deepEqual(dec.map((s) => [s.where, s.params]), [['(`id`) <= (12345678901234567.25)', []], ['(`id`) > (12345678901234567.25)', []]]);
  const text = segmentsFor(ruled, ranges([['m']]), info('varchar'));
  assert.deepEqual(text.map((s) => [s.where, s.params]), [['(`id`) <= (?)', ['m']], ['(`id`) > (?)', ['m']]]);
  assert.throws(() => segmentsFor(ruled, ranges([['1'], [9007199254740993]]), info('bigint')), /shop\.big: table-settings parallel-load boundary 2: 9007199254740992 for id \(bigint\) is a JSON number beyond 2\^53.*write it as a string/);
  assert.throws(() => segmentsFor(ruled, ranges([['10; DROP TABLE x']]), info('int')), /boundary 1: "10; DROP TABLE x" is not an integer, as id \(int\) needs/);
  assert.throws(() => segmentsFor(ruled, ranges([['1.5']]), info('bigint')), /is not an integer/);
  assert.throws(() => segmentsFor(ruled, ranges([['1e3']]), info('decimal')), /is not a decimal number/);
});

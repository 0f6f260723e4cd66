// Changes a table's load already holds (committed at or before the snapshot its load read) are
// never applied again, whichever phase hands them over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inLoadedSnapshot, withoutLoadedChanges } from '../../../electron/node/replication/cdc/loaded-snapshots.js';

const at = (file: string, pos: number) => ({ file, pos });
const ins = (table: string, id: number) => ({ op: 'insert' as const, schema: 's', table, after: { id } });
const txn = (position: { file: string; pos: number }, ...changes: ReturnType<typeof ins>[]) => ({ kind: 'txn' as const, changes, position, timestamp: 0 });

test('at or before the snapshot: in the loaded rows; after it, or another binlog file later: not', () => {
  const snaps = { 's.nokey': at('binlog.000002', 500) };
  assert.equal(inLoadedSnapshot(snaps, 's.nokey', at('binlog.000002', 500)), true);
  assert.equal(inLoadedSnapshot(snaps, 's.nokey', at('binlog.000002', 499)), true);
  assert.equal(inLoadedSnapshot(snaps, 's.nokey', at('binlog.000001', 90_000)), true);
  assert.equal(inLoadedSnapshot(snaps, 's.nokey', at('binlog.000002', 501)), false);
  assert.equal(inLoadedSnapshot(snaps, 's.nokey', at('binlog.000003', 4)), false);
  assert.equal(inLoadedSnapshot(snaps, 's.other', at('binlog.000001', 4)), false, 'a table without a snapshot position keeps every change');
  assert.equal(inLoadedSnapshot(undefined, 's.nokey', at('binlog.000001', 4)), false);
});

test('transactions lose only the changes of tables whose snapshot holds them; positions stay', () => {
  const snaps = { 's.nokey': at('binlog.000001', 200) };
  const txns = [
    txn(at('binlog.000001', 100), ins('nokey', 1), ins('keyed', 1)),
    txn(at('binlog.000001', 200), ins('nokey', 2)),
    txn(at('binlog.000001', 300), ins('nokey', 3)),
  ];
  const out = withoutLoadedChanges(txns, snaps);
  assert.deepEqual(out.map((t) => [t.position.pos, t.changes.map((c) => `${c.table}:${(c as unknown as { after: { id: number } }).after.id}`)]), [
    [100, ['keyed:1']],
    [200, []],
    [300, ['nokey:3']],
  ]);
  assert.equal(txns[0]!.changes.length, 2, 'the input is not modified');
  assert.equal(withoutLoadedChanges(txns, {}), txns, 'no snapshots: the same array');
  assert.equal(withoutLoadedChanges([txns[2]!], snaps)[0], txns[2], 'nothing dropped: the same transaction');
});

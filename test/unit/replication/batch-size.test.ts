// The apply batch size adapts so a batch commits within about a second or two (a fixed 5,000 made
// no progress between kills on a loaded machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchSize } from '../../../electron/node/replication/cdc/batch-size.js';

test('batch size grows while full batches commit fast, halves when one is slow, stays within bounds', () => {
  const b = new BatchSize(50, 5000);
  assert.equal(b.value, 250);
  b.record(250, 100); assert.equal(b.value, 500);
  b.record(10, 100); assert.equal(b.value, 500, 'a small batch (no backlog) says nothing about speed');
  for (let i = 0; i < 10; i++) b.record(b.value, 100);
  assert.equal(b.value, 5000);
  b.record(5000, 9000); assert.equal(b.value, 2500);
  for (let i = 0; i < 10; i++) b.record(b.value, 30_000);
  assert.equal(b.value, 50);
  b.record(50, 1000); assert.equal(b.value, 50, 'between 0.7 and 2 s it stays');
});

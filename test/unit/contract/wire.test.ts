// The worker → back end transport in pieces (handlers/wire.ts): a value made of large arrays comes
// back equal, shared objects in the skeleton stay shared, no piece is large (an element holding a
// large array of its own is sliced too), and the async decoder yields between pieces — so taking in
// a 5,000-table result never holds the back end's event loop for the whole deserialization.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWire, decodeWireAsync, encodeWire, encodeWireAsync, transferList } from '../../../electron/node/handlers/wire.js';
import { indexFromWire, indexToWire } from '../../../electron/node/handlers/offthread.js';
import { indexSource } from '../../../electron/node/handlers/session.js';
import type { ProjectFile } from '../../../electron/node/projects/store.js';

function sample() {
  const shared = { file: 'a.sql', line: 1 };
  const diags = Array.from({ length: 5000 }, (_, i) => ({ code: 'X1', message: `m${i}`, span: { file: 'a.sql', line: i } }));
  const objects = Array.from({ length: 3000 }, (_, i) => ({ ref: { name: `t${i}`, type: 'Table' }, diagnostics: i === 2 ? diags : [], when: new Date(0), tags: new Set(['a']) }));
  return { loaded: { files: [{ path: 'a.sql', text: 'x'.repeat(1000) }], span: shared, again: shared }, run: { result: { objects, diagnostics: [] as unknown[] } }, n: 7, s: 'x', none: null };
}

test('round trip: equal value, skeleton sharing kept, Dates/Sets intact, small pieces', async () => {
  const v = sample();
  const w = encodeWire(v);
  const pieces = [w.skeleton, ...w.arrays.flat()];
  assert.ok(w.arrays.length >= 2, 'the 3,000 objects and the 5,000 findings inside one of them are sliced');
  assert.ok(Math.max(...pieces.map((p) => p.byteLength)) < 64_000, `largest piece ${Math.max(...pieces.map((p) => p.byteLength))} bytes`);
  for (const got of [decodeWire<typeof v>(w), await decodeWireAsync<typeof v>(encodeWire(v), () => Promise.resolve())]) {
    assert.deepEqual(got, v);
    assert.equal(got.loaded.span, got.loaded.again, 'an object shared in the skeleton stays one object');
    assert.ok(got.run.result.objects[5]!.when instanceof Date && got.run.result.objects[5]!.tags instanceof Set);
  }
  // Encoding on the back end's side (yielding) gives the same pieces.
  const wa = await encodeWireAsync(v, () => Promise.resolve());
  assert.deepEqual(decodeWire(wa), v);
  assert.ok(transferList(w).length > 0);
});

test('the async decoder gives the loop a turn between pieces', async () => {
  const w = encodeWire(sample());
  let pauses = 0;
  let timerRan = false;
  setTimeout(() => { timerRan = true; }, 0);
  await decodeWireAsync(w, () => { pauses++; return new Promise((r) => setImmediate(r)); });
  assert.ok(pauses >= w.arrays.flat().length, `${pauses} pauses for ${w.arrays.flat().length} pieces`);
  assert.ok(timerRan, 'a timer queued before decoding ran during it');
});

test('a loaded source crosses as its parts: the probe shares the loaded source, maps rebuilt', async () => {
  const sql = Array.from({ length: 300 }, (_, i) => `CREATE TABLE t${i} (id INT PRIMARY KEY, name VARCHAR(20));`).join('\n');
  const file = { name: 'p', source: 'mysql', targets: ['postgres'], scripts: [], connections: {}, converted: [], conflicts: {} } as unknown as ProjectFile;
  const index = indexSource(file, [{ path: 'a.sql', text: sql }], 'scripts', 'a.sql');
  const back = await indexFromWire(indexToWire(index));
  assert.deepEqual(back.loaded, index.loaded);
  assert.deepEqual(back.objects, index.objects);
  assert.deepEqual(back.probe.run, index.probe.run);
  assert.equal(back.probe.loaded, back.loaded, 'the first Convert recognizes the load\'s conversion (probe.loaded === loaded)');
  assert.equal(back.probe.target, 'postgres');
  assert.deepEqual([...back.byKey.keys()], [...index.byKey.keys()]);
  assert.equal(back.byKey.get(back.objects[0]!.key), back.objects[0]);
  assert.deepEqual([...back.files.keys()], ['a.sql']);
});

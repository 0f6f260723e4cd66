// The per-object editor models: objects shown long ago give their models back, but never one on
// screen or one holding an unsaved edit. Fake models stand in for Monaco's (the registry only calls
// these five methods); the workbench e2e tests exercise the real ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entries, evictIdle, markSaved, touch, unsavedEdits, type Entry, type Model } from '../../../renderer/editor/object-model-registry.js';

class FakeModel {
  disposed = false; attached = false; version = 1; text: string;
  constructor(text: string) { this.text = text; }
  isDisposed(): boolean { return this.disposed; }
  dispose(): void { this.disposed = true; }
  isAttachedToEditor(): boolean { return this.attached; }
  getAlternativeVersionId(): number { return this.version; }
  getValue(): string { return this.text; }
  edit(text: string): void { this.text = text; this.version++; }
}

function add(key: string): FakeModel {
  const model = new FakeModel(`text of ${key}`);
  const e: Entry = { model: model as unknown as Model, key, target: 'postgres', side: 'target', base: model.text, baseVersion: model.version, used: 0 };
  touch(e);
  entries.set(key, e);
  return model;
}

test('beyond the limit the least recently shown clean models go; on-screen and edited ones stay', () => {
  entries.clear();
  const first = add('a');
  const edited = add('b');
  const onScreen = add('c');
  const clean = [add('d'), add('e'), add('f')];
  edited.edit('unsaved change');
  onScreen.attached = true;
  evictIdle(4);
  assert.equal(entries.size, 4);
  assert.ok(first.disposed && clean[0]!.disposed, 'the two oldest clean models are dropped');
  assert.ok(!edited.disposed && entries.has('b'), 'an unsaved edit is never dropped');
  assert.ok(!onScreen.disposed && entries.has('c'), 'a model on screen is never dropped');
  assert.deepEqual(unsavedEdits(), [{ key: 'b', target: 'postgres', text: 'unsaved change' }]);
  entries.clear();
});

test('a saved edit makes its model clean again, so it may go', () => {
  entries.clear();
  const m = add('a');
  add('b');
  m.edit('changed');
  evictIdle(1);
  assert.ok(!m.disposed, 'edited: kept');
  markSaved(m as unknown as Model, 'changed');
  add('c');
  evictIdle(1);
  assert.ok(m.disposed, 'saved and not on screen: dropped once over the limit');
  entries.clear();
});

test('nothing is dropped under the limit', () => {
  entries.clear();
  const ms = [add('a'), add('b')];
  evictIdle(2);
  assert.ok(ms.every((m) => !m.disposed));
  entries.clear();
});

// Three-way merge of (previous conversion, user edit, new conversion) and the tree's name filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { merge3, CONFLICT_MARKERS, hasConflictMarkers } from '../../../electron/node/projects/merge.js';
import { namePattern } from '../../../electron/node/handlers/tree.js';

const base = ['CREATE FUNCTION f()', 'RETURNS int', 'AS $$', 'BEGIN', '  RETURN 1;', 'END', '$$;'].join('\n');

test('edit and new conversion touching different lines merge cleanly', () => {
  const mine = base.replace('  RETURN 1;', '  -- checked\n  RETURN 1;');
  const theirs = base.replace('RETURNS int', 'RETURNS integer');
  const m = merge3(base, mine, theirs);
  assert.deepEqual(m.conflicts, []);
  assert.equal(m.text, mine.replace('RETURNS int', 'RETURNS integer'));
});

test('unchanged conversion keeps the edit; unchanged edit takes the new conversion', () => {
  const mine = `${base}\n-- mine`;
  assert.equal(merge3(base, mine, base).text, mine);
  const theirs = base.replace('BEGIN', 'BEGIN -- new');
  assert.equal(merge3(base, base, theirs).text, theirs);
});

test('both changing the same line is a conflict with both sides shown', () => {
  const mine = base.replace('  RETURN 1;', '  RETURN 2;');
  const theirs = base.replace('  RETURN 1;', '  RETURN 1::int;');
  const m = merge3(base, mine, theirs);
  assert.equal(m.conflicts.length, 1);
  assert.deepEqual(m.conflicts[0]!.mine, ['  RETURN 2;']);
  assert.deepEqual(m.conflicts[0]!.theirs, ['  RETURN 1::int;']);
  const lines = m.text.split('\n');
  assert.deepEqual(lines.slice(4, 9), [CONFLICT_MARKERS.start, '  RETURN 2;', CONFLICT_MARKERS.mid, '  RETURN 1::int;', CONFLICT_MARKERS.end]);
  assert.equal(lines[3], 'BEGIN');
  assert.equal(lines[9], 'END');
  assert.ok(hasConflictMarkers(m.text));
});

test('the same change on both sides is not a conflict', () => {
  const both = base.replace('END', 'END;');
  assert.deepEqual(merge3(base, both, both), { text: both, conflicts: [] });
  const mine = `${both}\n-- note`;
  const m = merge3(base, mine, both);
  assert.equal(m.text, mine);
});

test('name filter: % and _ wildcards anchored, plain text matches anywhere, case-insensitive', () => {
  const f = namePattern('film%stock')!;
  assert.ok(f('film_in_stock'));
  assert.ok(f('FILM_NOT_IN_STOCK'));
  assert.ok(!f('my_film_in_stock'));
  const g = namePattern('a_c')!;
  assert.ok(g('abc') && !g('abbc'));
  const h = namePattern('rent')!;
  assert.ok(h('rental') && h('payment_rent') && !h('film'));
  assert.equal(namePattern('  '), undefined);
  assert.ok(namePattern('a.b')!('xa.by') && !namePattern('a.b')!('axb'), 'regex characters are literal');
});

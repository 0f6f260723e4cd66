import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConvertedObject } from '../../../converters/model/index.js';
import { refKey } from '../../../converters/model/index.js';
import { orderByDependencies } from '../../../converters/order.js';

const obj = (type: string, name: string, deps: string[] = []): ConvertedObject => ({
  ref: { type, name }, source: { type, name }, statements: [], dependsOn: deps, status: 'converted', diagnostics: [],
  span: { file: 'x.sql', line: 1, column: 1, endLine: 1, endColumn: 1 }, category: 'storage',
});
const key = (type: string, name: string): string => refKey({ type, name });
const names = (os: ConvertedObject[]): string[] => os.map((o) => o.ref.name);

test('objects keep their order unless a dependency comes later', () => {
  const os = [obj('Table', 'a'), obj('Table', 'b', [key('Type', 'e')]), obj('Type', 'e'), obj('Table', 'c')];
  assert.deepEqual(names(orderByDependencies(os)), ['a', 'e', 'b', 'c']);
});

test('chains are followed to the bottom, and keys match case-insensitively', () => {
  const os = [obj('View', 'v', [key('View', 'W')]), obj('View', 'w', [key('Table', 't')]), obj('Table', 'T')];
  assert.deepEqual(names(orderByDependencies(os)), ['T', 'w', 'v']);
});

test('dependencies outside the set and on the object itself are ignored', () => {
  const os = [obj('Table', 'a', [key('Table', 'missing'), key('Table', 'a')]), obj('Table', 'b')];
  assert.deepEqual(names(orderByDependencies(os)), ['a', 'b']);
});

test('a cycle is broken at its first object in generator order; every object comes out once', () => {
  const os = [obj('View', 'x', [key('View', 'y')]), obj('View', 'y', [key('View', 'z')]), obj('View', 'z', [key('View', 'x')]), obj('Table', 't')];
  const out = orderByDependencies(os);
  assert.deepEqual(names(out), ['z', 'y', 'x', 't']);
  assert.equal(new Set(out).size, os.length);
});

test('objects sharing a key: a dependency means the last of them', () => {
  const first = obj('Table', 'dup');
  const last = obj('Table', 'dup');
  const os = [obj('Index', 'i', [key('Table', 'dup')]), first, last];
  const out = orderByDependencies(os);
  assert.equal(out.length, 3);
  assert.equal(out[0], last);
  assert.equal(out[1]!.ref.name, 'i');
  assert.equal(out[2], first);
});

// Constructs the PL/SQL front end used to reject: ** exponent, WHERE CURRENT OF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Delete, Update } from '../../../../../converters/model/index.js';
import { stmts, strip } from './helpers.js';

test('** → FunctionCall POWER, binding tighter than unary minus and left to right', () => {
  const { body, parsed } = stmts('x := -2**3**2 + y * 2**n;', 'x NUMBER; y NUMBER; n NUMBER;');
  assert.deepEqual(parsed.diagnostics, []);
  const a = strip(body[0]) as { value: unknown };
  const num = (v: string): unknown => ({ kind: 'Literal', type: 'number', value: v });
  const pow = (l: unknown, r: unknown): unknown => ({ kind: 'FunctionCall', name: { name: 'POWER' }, args: [l, r] });
  const v = (n: string): unknown => ({ kind: 'Variable', name: n, scope: 'local' });
  const value = a.value as { kind: string; op: string; left: unknown; right: { right: unknown } };
  assert.equal(value.kind, 'Binary');
  assert.equal(value.op, '+');
  assert.deepEqual(value.left, { kind: 'Unary', op: '-', operand: pow(pow(num('2'), num('3')), num('2')) });
  assert.deepEqual(value.right.right, pow(num('2'), v('N')));
});

test('UPDATE / DELETE … WHERE CURRENT OF c keep the cursor name and no WHERE expression', () => {
  const { body, parsed } = stmts(`UPDATE emp SET sal = 1 WHERE CURRENT OF c;
DELETE emp WHERE CURRENT OF "c2";`, 'CURSOR c IS SELECT * FROM emp FOR UPDATE; CURSOR "c2" IS SELECT * FROM emp FOR UPDATE;');
  assert.deepEqual(parsed.diagnostics.map((d) => d.message), []);
  const dml = body.map((s) => (s as { statement?: unknown }).statement ?? s) as [Update, Delete];
  assert.equal(dml[0].kind, 'Update');
  assert.equal(dml[0].currentOf, 'C');
  assert.equal(dml[0].where, undefined);
  assert.equal(dml[1].kind, 'Delete');
  assert.equal(dml[1].currentOf, 'c2');
  assert.equal(dml[1].where, undefined);
});

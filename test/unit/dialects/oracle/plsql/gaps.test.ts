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

test('GROUP BY a, ROLLUP (b, (c, d)), CUBE (e), GROUPING SETS ((a), (a + 1) * 2, ()) → groupBy + groupingSets', async () => {
  const { oracleFrontEnd } = await import('../../../../../converters/dialects/oracle/index.js');
  const r = oracleFrontEnd.parse([{ path: 'g.sql', text: 'CREATE VIEW v AS SELECT a, SUM(x) s FROM t GROUP BY a, ROLLUP (b, (c, d)), CUBE (e), GROUPING SETS ((a), (a + 1) * 2, ());\n' }]);
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const view = r.catalog.objects[0] as { query: { groupBy: unknown[]; groupingSets: unknown } };
  const c = (n: string): unknown => ({ kind: 'ColumnRef', parts: [n] });
  assert.deepEqual(strip(view.query.groupBy), [c('A')]);
  const sets = strip(view.query.groupingSets) as { type: string; groups: unknown[][] }[];
  assert.deepEqual(sets.map((s) => s.type), ['rollup', 'cube', 'sets']);
  assert.deepEqual(sets[0]!.groups, [[c('B')], [c('C'), c('D')]]);
  assert.deepEqual(sets[1]!.groups, [[c('E')]]);
  assert.equal(sets[2]!.groups.length, 3);
  assert.deepEqual(sets[2]!.groups[0], [c('A')]);
  assert.equal((sets[2]!.groups[1]![0] as { kind: string; op: string }).op, '*');
  assert.deepEqual(sets[2]!.groups[2], []);
});

test('ROLLUP nested in GROUPING SETS is kept as text with a located finding', async () => {
  const { oracleFrontEnd } = await import('../../../../../converters/dialects/oracle/index.js');
  const r = oracleFrontEnd.parse([{ path: 'g.sql', text: 'CREATE VIEW v AS SELECT a FROM t\nGROUP BY GROUPING SETS (ROLLUP (a), b);\n' }]);
  const d = r.diagnostics.find((x) => /nested in GROUPING SETS/.test(x.message));
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.equal(d.span.file, 'g.sql');
  assert.equal(d.span.line, 2);
});

test('v(i)(j) on a collection of collections → Subscript of Subscript (assignment target and value); v(i).f(j) too', () => {
  const { body, parsed } = stmts('v(1)(2) := 3;\nx := v(i + 1)(2) + w(1).list(k);',
    'TYPE r IS TABLE OF NUMBER; TYPE m IS TABLE OF r; TYPE rec IS RECORD (list r); TYPE rs IS TABLE OF rec;\nv m; w rs; x NUMBER; i NUMBER; k NUMBER;');
  assert.deepEqual(parsed.diagnostics.map((d) => d.message), []);
  const num = (n: string): unknown => ({ kind: 'Literal', type: 'number', value: n });
  const vr = (n: string): unknown => ({ kind: 'Variable', name: n, scope: 'local' });
  const [a, b] = strip(body) as { target: unknown; value: { left: unknown; right: unknown } }[];
  assert.deepEqual(a!.target, { kind: 'Subscript', expr: { kind: 'Subscript', expr: vr('V'), index: num('1') }, index: num('2') });
  const left = b!.value.left as { kind: string; expr: { kind: string; index: { op: string } }; index: unknown };
  assert.equal(left.kind, 'Subscript');
  assert.equal(left.expr.kind, 'Subscript');
  assert.equal(left.expr.index.op, '+');
  assert.deepEqual(left.index, num('2'));
  assert.deepEqual(b!.value.right, { kind: 'Subscript', expr: { kind: 'Subscript', expr: vr('W'), index: num('1'), field: ['LIST'] }, index: vr('K') });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rewrite, walk, NO_SPAN, type Expr } from '../../converters/index.js';

test('rewrite replaces nodes bottom-up and shares unchanged subtrees', () => {
  const lit = (v: string): Expr => ({ kind: 'Literal', type: 'number', value: v, span: NO_SPAN });
  const tree: Expr = { kind: 'Binary', op: '+', left: lit('1'), right: { kind: 'Binary', op: '*', left: lit('2'), right: lit('3'), span: NO_SPAN }, span: NO_SPAN };
  const out = rewrite(tree, (n) => (n.kind === 'Literal' && (n as unknown as { value: string }).value === '3' ? ({ ...n, value: "4" } as unknown as Expr) : undefined));
  assert.notEqual(out, tree);
  assert.equal((tree as any).right.right.value, '3');
  assert.equal((out as any).right.right.value, '4');
  assert.equal((out as any).left, (tree as any).left);
  const seen: string[] = [];
  walk(out, (n) => seen.push(n.kind));
  assert.deepEqual(seen, ['Binary', 'Literal', 'Binary', 'Literal', 'Literal']);
});

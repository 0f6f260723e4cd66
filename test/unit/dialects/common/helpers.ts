import assert from 'node:assert/strict';

/** Removes spans so trees compare by shape. */
export function strip<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (k, x) => (k === 'span' ? undefined : x))) as T;
}

/** Asserts that `actual` contains every field of `expected` (recursively; arrays must match in length). */
export function assertShape(actual: unknown, expected: unknown, path = '$'): void {
  if (expected === null || typeof expected !== 'object') {
    assert.equal(actual, expected, `${path}: expected ${JSON.stringify(expected)} got ${JSON.stringify(actual)}`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${path}: length ${actual.length} ≠ ${expected.length} in ${JSON.stringify(strip(actual))}`);
    expected.forEach((e, i) => assertShape(actual[i], e, `${path}[${i}]`));
    return;
  }
  assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object, got ${JSON.stringify(actual)}`);
  for (const [k, v] of Object.entries(expected)) {
    if (v === undefined) {
      assert.equal((actual as Record<string, unknown>)[k], undefined, `${path}.${k} should be absent`);
      continue;
    }
    assertShape((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  }
}

export const col = (...parts: string[]) => ({ kind: 'ColumnRef', parts });
export const num = (value: string) => ({ kind: 'Literal', type: 'number', value });
export const str = (value: string) => ({ kind: 'Literal', type: 'string', value });
export const bin = (op: string, left: unknown, right: unknown) => ({ kind: 'Binary', op, left, right });
export const fn = (name: string, ...args: unknown[]) => ({ kind: 'FunctionCall', name: { name }, args });

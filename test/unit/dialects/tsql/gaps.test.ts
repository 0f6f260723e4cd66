import { test } from 'node:test';
import assert from 'node:assert/strict';
import { body, codes, only, parse } from './helpers.js';

test('SET ROWCOUNT n / 0 and other session options in code become SessionSet statements', () => {
  const r = parse(`create procedure "Ten Most Expensive Products" AS
SET ROWCOUNT 10
SELECT ProductName, UnitPrice FROM Products ORDER BY UnitPrice DESC
SET ROWCOUNT @n
SET DATEFORMAT dmy
SET XACT_ABORT ON
SET ROWCOUNT 0
GO`);
  assert.deepEqual(codes(r.diagnostics), []);
  const s = body(only(r.objects, 'Routine')[0]!);
  assert.deepEqual(s.map((x) => x.kind), ['SessionSet', 'SqlStatement', 'SessionSet', 'SessionSet', 'SessionSet', 'SessionSet']);
  const sets = s.filter((x) => x.kind === 'SessionSet');
  assert.deepEqual(sets.map((x) => [x.name, typeof x.value === 'string' ? x.value : x.value.kind]),
    [['ROWCOUNT', 'Literal'], ['ROWCOUNT', 'Variable'], ['DATEFORMAT', 'DMY'], ['XACT_ABORT', 'ON'], ['ROWCOUNT', 'Literal']]);
  const first = sets[0]!;
  assert.ok(typeof first.value !== 'string' && first.value.kind === 'Literal');
  assert.equal(String((first.value as { value: unknown }).value), '10');
  assert.equal(first.span.line, 2);
});

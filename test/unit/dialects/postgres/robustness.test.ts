import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { postgresFrontEnd } from '../../../../converters/dialects/postgres/index.js';

const pagila = readFileSync(fileURLToPath(new URL('../../../../../shared/corpus/pagila-postgres/pagila-schema.sql', import.meta.url)), 'utf8');

test('truncated and mangled scripts never throw, never report an internal error', () => {
  // deterministic pseudo-random cut points and token deletions across the whole file
  let seed = 12345;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let i = 0; i < 15; i++) {
    const cut = rnd(pagila.length);
    const variants = [
      pagila.slice(0, cut),
      pagila.slice(0, cut) + pagila.slice(cut + 1 + rnd(40)),
      pagila.slice(cut, cut + 3000),
    ];
    for (const text of variants) {
      const r = postgresFrontEnd.parse([{ path: 'm.sql', text }]);
      const internal = r.diagnostics.filter((d) => d.message.startsWith('Internal error'));
      assert.deepEqual(internal.map((d) => `${d.span.line}: ${d.message}`), [], `cut at ${cut}`);
      for (const d of r.diagnostics) assert.ok(d.span.file === 'm.sql' && d.span.line >= 1, `located: ${d.message}`);
    }
  }
});

test('absurdly deep nesting is reported as such and parsing continues', () => {
  const deep = 'SELECT ' + '('.repeat(50000) + '1' + ')'.repeat(50000) + ';\nCREATE TABLE ok (a int);';
  const r = postgresFrontEnd.parse([{ path: 'deep.sql', text: deep }]);
  assert.deepEqual(r.catalog.objects.map((o) => o.kind), ['UnparsedObject', 'Table']);
  assert.equal(r.diagnostics.length, 1);
  assert.match(r.diagnostics[0]!.message, /nested too deeply/);
});

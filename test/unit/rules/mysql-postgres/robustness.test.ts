import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { convert } from '../../../../converters/index.js';
import { mysqlFrontEnd } from '../../../../converters/dialects/mysql/index.js';
import { catalog, span, table, column, type } from './ir.js';

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpus');

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
}

test('mangled Sakila: whatever the front end makes of it converts without throwing; unconverted objects are comments only', () => {
  const text = readFileSync(path.join(corpus, 'sakila-mysql/sakila-schema.sql'), 'utf8');
  const rand = rng(42);
  let converted = 0;
  for (let i = 0; i < 25; i++) {
    let t = text;
    for (let k = 0; k < 5; k++) {
      const at = Math.floor(rand() * t.length);
      const len = Math.floor(rand() * 40);
      t = rand() < 0.5 ? t.slice(0, at) + t.slice(at + len) : t.slice(0, at) + ['(', ')', ';', "'", 'END', 'BEGIN', ','][Math.floor(rand() * 7)] + t.slice(at);
    }
    let parsed;
    try { parsed = mysqlFrontEnd.parse([{ path: 'mangled.sql', text: t }]); } catch { continue; /* front-end robustness is tested with the front end */ }
    const result = convert(parsed.catalog, { target: 'postgres' });
    converted++;
    for (const o of result.objects) {
      if (o.status === 'not-converted') assert.ok(o.statements.every((s) => s.split('\n').every((l) => l.startsWith('--'))), `variant ${i}: ${o.ref.name}`);
      for (const d of o.diagnostics) assert.ok(d.code && d.message && d.span, `variant ${i}`);
    }
  }
  assert.ok(converted >= 20, `only ${converted} variants parsed`);
});

test('Unparsed pieces anywhere reach the output as not-converted objects, never as runnable SQL', () => {
  const unparsed = { kind: 'Unparsed' as const, text: 'SELECT weird stuff', reason: 'syntax', span };
  const result = convert(catalog(
    table('t', [column('a', type('int'), { default: unparsed })]),
    { kind: 'View', name: { schema: 'app', name: 'v' }, query: unparsed, span },
    { kind: 'Routine', routineKind: 'procedure', name: { schema: 'app', name: 'p' }, params: [], language: 'mysql', body: unparsed, span },
    { kind: 'Trigger', name: { schema: 'app', name: 'tr' }, table: { schema: 'app', name: 't' }, timing: 'before', events: ['insert'], forEach: 'row', body: unparsed, span },
  ), { target: 'postgres' });
  const byName = new Map(result.objects.map((o) => [o.ref.name, o]));
  for (const n of ['t', 'v', 'p', 'tr']) {
    const o = byName.get(n)!;
    assert.equal(o.status, 'not-converted', n);
    assert.ok(o.statements.join('\n').split('\n').every((l) => l.startsWith('--')), n);
    assert.ok(o.diagnostics.length > 0, n);
  }
});

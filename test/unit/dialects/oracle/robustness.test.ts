import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { oracleFrontEnd } from '../../../../converters/dialects/oracle/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const read = (rel: string) => readFileSync(path.join(repoRoot, '../shared/corpus', rel), 'utf8');

/** Every finding is located in the file it is about, and the front end never reports its own failure. */
function check(label: string, text: string): void {
  const r = oracleFrontEnd.parse([{ path: 'cut.sql', text }]);
  for (const d of r.diagnostics) {
    assert.doesNotMatch(d.message, /Internal error/, `${label}: ${d.message}`);
    assert.equal(d.span.file, 'cut.sql', `${label}: ${d.code} ${d.message}`);
    assert.ok(d.span.line >= 1 && d.span.column >= 1, `${label}: ${d.code} at ${d.span.line}:${d.span.column}`);
  }
}

test('scripts cut at arbitrary points: no crash, no internal error, every finding located', () => {
  for (const file of ['oracle-hr/hr_create.sql', 'oracle-hr/hr_code.sql', 'oracle-customer-orders/co_create.sql']) {
    const text = read(file);
    const step = Math.max(1, Math.floor(text.length / 150));
    for (let cut = step; cut < text.length; cut += step) check(`${file} cut at ${cut}`, text.slice(0, cut));
  }
});

test('lines dropped or duplicated: no crash, no internal error', () => {
  const lines = read('oracle-hr/hr_create.sql').split('\n');
  for (let i = 0; i < lines.length; i += 7) {
    check(`without line ${i + 1}`, [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
    check(`line ${i + 1} twice`, [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n'));
  }
});

test('a script ending inside a comment or a q-quote is reported where it opens', () => {
  const r1 = oracleFrontEnd.parse([{ path: 'a.sql', text: 'CREATE TABLE a (x NUMBER);\n/* never closed\nCREATE TABLE b (x NUMBER);\n' }]);
  assert.deepEqual(r1.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`), ['OS0002 2:1']);
  assert.equal(r1.catalog.objects.length, 1);
  const r2 = oracleFrontEnd.parse([{ path: 'b.sql', text: "CREATE TABLE a (x NUMBER);\nINSERT INTO a VALUES (q'[open);\n" }]);
  assert.deepEqual(r2.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`), ['OS0002 2:23']);
});

test('CRLF line ends give the same model and the same finding lines as LF', () => {
  const strip = (v: unknown) => JSON.stringify(v, (k, x) => (k === 'span' || k === 'sourceText' || k === 'text' ? undefined : x));
  for (const file of ['oracle-hr/hr_create.sql', 'oracle-hr/hr_code.sql', 'oracle-hr/classic/hr_comnt.sql']) {
    const lf = read(file);
    const a = oracleFrontEnd.parse([{ path: 'x.sql', text: lf }]);
    const b = oracleFrontEnd.parse([{ path: 'x.sql', text: lf.replace(/\n/g, '\r\n') }]);
    // string literals spanning lines keep the file's own line ends
    assert.equal(strip(b.catalog.objects).replace(/\\r\\n/g, '\\n'), strip(a.catalog.objects), file);
    assert.deepEqual(b.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`), a.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`), file);
  }
});

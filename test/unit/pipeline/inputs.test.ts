import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeScript, expandPaths, readInputs, UserError } from '../../../electron/node/pipeline/index.js';

const enc = (s: string) => new TextEncoder().encode(s);

test('UTF-8 with and without BOM; the BOM is stripped', () => {
  const plain = decodeScript(enc('SELECT \'é\';'), 'a.sql');
  assert.equal(plain.text, 'SELECT \'é\';');
  assert.equal(plain.diagnostic, undefined);
  const bom = decodeScript(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('SELECT 1;')]), 'a.sql');
  assert.equal(bom.text, 'SELECT 1;');
  assert.equal(bom.encoding, 'utf-8 (BOM)');
});

test('invalid UTF-8 falls back to Latin-1 with an info item pointing at the first bad byte', () => {
  const bytes = new Uint8Array([...enc('SELECT 1;\nSELECT \''), 0xe9, ...enc('\';')]);
  const d = decodeScript(bytes, 'latin.sql');
  assert.equal(d.text, 'SELECT 1;\nSELECT \'é\';');
  assert.equal(d.encoding, 'latin-1');
  assert.equal(d.diagnostic?.code, 'IN0001');
  assert.equal(d.diagnostic?.severity, 'info');
  assert.deepEqual([d.diagnostic?.span.file, d.diagnostic?.span.line, d.diagnostic?.span.column], ['latin.sql', 2, 9]);
});

test('UTF-16 with BOM is decoded; NUL bytes without BOM mean binary, located', () => {
  const s = 'SELECT 1;';
  const u16 = new Uint8Array(2 + s.length * 2);
  u16[0] = 0xff; u16[1] = 0xfe;
  for (let i = 0; i < s.length; i++) u16[2 + i * 2] = s.charCodeAt(i);
  assert.equal(decodeScript(u16, 'w.sql').text, s);
  const bin = decodeScript(new Uint8Array([...enc('ab\ncd'), 0, 1, 2]), 'x.bin');
  assert.equal(bin.text, undefined);
  assert.equal(bin.diagnostic?.code, 'IN0002');
  assert.deepEqual([bin.diagnostic?.span.line, bin.diagnostic?.span.column], [2, 3]);
});

test('folders expand to their .sql files recursively in sorted order; missing paths are usage errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbshift-in-'));
  try {
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', '2.sql'), 'SELECT 2;');
    writeFileSync(join(dir, '1.sql'), 'SELECT 1;');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    writeFileSync(join(dir, 'junk.sql'), new Uint8Array([0, 1, 2, 3]));
    const files = await expandPaths([dir]);
    assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), ['1.sql', join('b', '2.sql'), 'junk.sql']);
    const read = await readInputs([dir]);
    assert.equal(read.files.length, 2);
    assert.equal(read.diagnostics[0]?.code, 'IN0002');
    await assert.rejects(expandPaths([join(dir, 'nope.sql')]), (e: unknown) => e instanceof UserError && /nope\.sql: no such file/.test(e.message));
    await assert.rejects(expandPaths([]), UserError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

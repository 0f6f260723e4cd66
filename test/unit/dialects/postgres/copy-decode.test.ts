import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCopyTextRow } from '../../../../converters/dialects/postgres/index.js';

/** COPY text format decoded one character at a time, straight from the PostgreSQL docs (reference for the sliced decoder). */
function reference(line: string, delimiter: string, nullText: string): (string | null)[] | undefined {
  const out: (string | null)[] = [];
  let field = '', raw = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === delimiter) { out.push(raw === nullText ? null : field); field = ''; raw = ''; continue; }
    if (ch !== '\\') { field += ch; raw += ch; continue; }
    if (i + 1 >= line.length) return undefined;
    const e = line[++i]!;
    raw += '\\' + e;
    const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (e in simple) field += simple[e];
    else if (e === 'x' && /^[0-9a-fA-F]/.test(line.slice(i + 1, i + 2))) {
      const h = /^[0-9a-fA-F]{1,2}/.exec(line.slice(i + 1, i + 3))![0];
      field += String.fromCharCode(parseInt(h, 16)); raw += h; i += h.length;
    } else if (e >= '0' && e <= '7') {
      const o = /^[0-7]{1,3}/.exec(line.slice(i, i + 3))![0];
      field += String.fromCharCode(parseInt(o, 8)); raw += o.slice(1); i += o.length - 1;
    } else field += e;
  }
  out.push(raw === nullText ? null : field);
  return out;
}

test('COPY text rows: fixed cases', () => {
  assert.deepEqual(decodeCopyTextRow('1\tPENELOPE\t\\N\t2006-02-15 04:34:33'), ['1', 'PENELOPE', null, '2006-02-15 04:34:33']);
  assert.deepEqual(decodeCopyTextRow('a\\tb\t\\\\N\t\\x41\\101\\\tc'), ['a\tb', '\\N', 'AA\tc']);
  assert.deepEqual(decodeCopyTextRow('\t'), ['', '']);
  assert.deepEqual(decodeCopyTextRow('x\\'), undefined);
  assert.deepEqual(decodeCopyTextRow('a|NULL|b', '|', 'NULL'), ['a', null, 'b']);
});

test('COPY text rows: the sliced decoder agrees with the character-by-character reference', () => {
  const alphabet = ['a', 'Z', ' ', '\t', '|', '\\', 'N', 'n', 't', 'x', '4', 'f', '7', '0', 'é', '€'];
  let seed = 7;
  const rnd = (k: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
  for (let r = 0; r < 5000; r++) {
    let line = '';
    const len = rnd(24);
    for (let i = 0; i < len; i++) line += alphabet[rnd(alphabet.length)];
    for (const [d, nul] of [['\t', '\\N'], ['|', ''], ['|', 'N']] as const) {
      assert.deepEqual(decodeCopyTextRow(line, d, nul), reference(line, d, nul), JSON.stringify({ line, d, nul }));
    }
  }
});

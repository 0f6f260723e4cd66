import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CopyTextEncoder, planCopy, rowTexts } from '../../../electron/node/replication/copy-text.js';
import type { RawField } from '../../../electron/node/replication/source/mysql-raw.js';
import { isZeroDate, ValueError } from '../../../electron/node/replication/values.js';

// A text-protocol row packet payload: each cell length-encoded, NULL as 0xfb.
function packet(cells: (string | Buffer | null)[]): Buffer {
  const parts: Buffer[] = [];
  for (const c of cells) {
    if (c === null) { parts.push(Buffer.from([0xfb])); continue; }
    const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
    if (b.length < 251) parts.push(Buffer.from([b.length]));
    else if (b.length < 65536) { const h = Buffer.alloc(3); h[0] = 0xfc; h.writeUInt16LE(b.length, 1); parts.push(h); }
    else if (b.length < 16777216) { const h = Buffer.alloc(4); h[0] = 0xfd; h.writeUIntLE(b.length, 1, 3); parts.push(h); }
    else throw new Error('too long for the test');
    parts.push(b);
  }
  return Buffer.concat(parts);
}

const f = (name: string, columnType: number, characterSet = 45): RawField => ({ name, columnType, characterSet, flags: 0 });
const FIELDS = [f('id', 8, 63), f('body', 252), f('at', 12, 63), f('bin', 253, 63), f('flag', 1, 63), f('gone', 253), f('amount', 246, 63)];
const TARGETS = [
  { name: 'id', type: 'bigint' }, { name: 'body', type: 'text' }, { name: 'at', type: 'timestamp(6) without time zone' },
  { name: 'bin', type: 'bytea' }, { name: 'flag', type: 'boolean' }, undefined, { name: 'amount', type: 'numeric(12,2)' },
];

function encodeAll(rows: Buffer[], chunk = 256 * 1024): { text: string; chunks: number; zeroDates: number } {
  const stats = { zeroDates: 0 };
  const plan = planCopy(FIELDS, TARGETS, stats);
  assert.ok(typeof plan !== 'string');
  assert.deepEqual(plan.targetColumns, ['id', 'body', 'at', 'bin', 'flag', 'amount']);
  const out: Buffer[] = [];
  const enc = new CopyTextEncoder(plan, stats, (b) => out.push(Buffer.from(b)), chunk);
  for (const r of rows) enc.row(r, 0, r.length);
  enc.flush();
  return { text: Buffer.concat(out).toString('utf8'), chunks: out.length, zeroDates: stats.zeroDates };
}

test('row packets become COPY text: escapes, NULLs, zero dates, bytea hex, booleans, skipped columns', () => {
  const r = encodeAll([
    packet(['1', 'a\tb\nc\rd\\e', '2024-02-29 23:59:59.123456', Buffer.from([0, 0x5c, 9, 0xff]), '1', 'dropped', '-12.50']),
    packet(['2', null, '0000-00-00 00:00:00', Buffer.alloc(0), '0', null, null]),
    packet(['3', 'ünï ✓ 𝄞', '2020-05-00 10:00:00', null, null, 'x', '0.00']),
  ]);
  assert.equal(r.text, [
    '1\ta\\tb\\nc\\rd\\\\e\t2024-02-29 23:59:59.123456\t\\\\x005c09ff\tt\t-12.50\n',
    '2\t\\N\t\\N\t\\\\x\tf\t\\N\n',
    '3\tünï ✓ 𝄞\t\\N\t\\N\t\\N\t0.00\n',
  ].join(''));
  assert.equal(r.zeroDates, 2);
});

test('long cells (2- and 3-byte lengths) and rows spanning chunks come out whole', () => {
  const long = `${'x'.repeat(300)}\\${'y'.repeat(70_000)}`;
  const rows = Array.from({ length: 50 }, (_, i) => packet([String(i), i % 2 ? long : 'short', '2024-01-01 00:00:00', null, '1', null, '1.00']));
  const small = encodeAll(rows, 1000);
  const big = encodeAll(rows);
  assert.equal(small.text, big.text);
  assert.ok(small.chunks > 10);
  const lines = small.text.split('\n');
  assert.equal(lines.length, 51);
  assert.equal(lines[1], `1\t${long.replace('\\', '\\\\')}\t2024-01-01 00:00:00\t\\N\tt\t1.00`);
});

test('a NUL in text is refused with the column; rowTexts shows the row for the message', () => {
  const stats = { zeroDates: 0 };
  const plan = planCopy(FIELDS, TARGETS, stats);
  assert.ok(typeof plan !== 'string');
  const enc = new CopyTextEncoder(plan, stats, () => undefined);
  const p = packet(['7', 'a\u0000b', '2024-01-01 00:00:00', null, '1', null, '1.00']);
  assert.throws(() => enc.row(p, 0, p.length), (e: unknown) => e instanceof ValueError && /column body contains a NUL/.test(e.message));
  assert.deepEqual(rowTexts(p, 0, p.length), ['7', 'a\u0000b', '2024-01-01 00:00:00', null, '1', null, '1.00']);
});

test('JSON documents and geometries keep the generic path', () => {
  const stats = { zeroDates: 0 };
  // Text that merely goes into a jsonb column is copied as text (PostgreSQL parses it).
  assert.equal(typeof planCopy([f('doc', 252), f('id', 3, 63)], [{ name: 'doc', type: 'jsonb' }, { name: 'id', type: 'integer' }], stats), 'object');
  assert.match(String(planCopy([{ ...f('doc', 252), extendedFormat: 'json' }], [{ name: 'doc', type: 'jsonb' }], stats)), /column doc .*json/);
  assert.equal(typeof planCopy([f('g', 255, 63)], [{ name: 'g', type: 'text' }], stats), 'string');
  assert.equal(typeof planCopy([f('j', 245, 63)], [{ name: 'j', type: 'jsonb' }], stats), 'string');
});

test('zero dates: the forms PostgreSQL has no value for, and nothing else', () => {
  for (const z of ['0000-00-00', '0000-00-00 00:00:00', '2020-00-10', '2020-05-00 10:00:00.5', '1999-00-00']) assert.equal(isZeroDate(z), true, z);
  for (const d of ['2020-05-01', '0000-01-01', '2020-10-10 00:00:00', '10:00:00', '2020-5-00', 'x020-05-00', '2020-05-0', '']) assert.equal(isZeroDate(d), false, d);
});

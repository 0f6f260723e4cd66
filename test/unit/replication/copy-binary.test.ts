// COPY BINARY encoding of MySQL text row packets, decoded here by a reader written from
// PostgreSQL's documented send formats (COPY BINARY file layout; int8/numeric/timestamp/date/time
// send functions) and checked against independent arithmetic (BigInt, Date.UTC). The same values
// reaching a real server are checked in test/integration/replication/fullload-values.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryKind, CopyBinaryEncoder, planBinary, type BinaryPlan } from '../../../electron/node/replication/copy-binary.js';
import type { RawField } from '../../../electron/node/replication/source/mysql-raw.js';
import { ValueError } from '../../../electron/node/replication/values.js';

function packet(cells: (string | Buffer | null)[]): Buffer {
  const parts: Buffer[] = [];
  for (const c of cells) {
    if (c === null) { parts.push(Buffer.from([0xfb])); continue; }
    const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
    if (b.length < 251) parts.push(Buffer.from([b.length]));
    else { const h = Buffer.alloc(4); h[0] = 0xfd; h.writeUIntLE(b.length, 1, 3); parts.push(h); }
    parts.push(b);
  }
  return Buffer.concat(parts);
}

const f = (name: string, columnType: number, characterSet = 45): RawField => ({ name, columnType, characterSet, flags: 0 });

/** The whole COPY stream → rows of cells (Buffer or null); checks signature, flags and trailer. */
function decode(stream: Buffer): (Buffer | null)[][] {
  assert.equal(stream.subarray(0, 11).toString('latin1'), 'PGCOPY\n\xff\r\n\0');
  assert.equal(stream.readInt32BE(11), 0);
  let p = 19 + stream.readInt32BE(15);
  const rows: (Buffer | null)[][] = [];
  for (;;) {
    const n = stream.readInt16BE(p); p += 2;
    if (n === -1) break;
    const row: (Buffer | null)[] = [];
    for (let i = 0; i < n; i++) {
      const len = stream.readInt32BE(p); p += 4;
      if (len < 0) { row.push(null); continue; }
      row.push(stream.subarray(p, p + len)); p += len;
    }
    rows.push(row);
  }
  assert.equal(p, stream.length, 'nothing after the trailer');
  return rows;
}

function encode(fields: RawField[], types: string[], rows: (string | Buffer | null)[][], chunk = 256 * 1024): { rows: (Buffer | null)[][]; zeroDates: number; chunks: number } {
  const plan = planBinary(fields, types.map((type, i) => ({ name: fields[i]!.name, type })));
  assert.ok(typeof plan !== 'string', String(plan));
  const stats = { zeroDates: 0 };
  const out: Buffer[] = [];
  const enc = new CopyBinaryEncoder(plan as BinaryPlan, stats, (b) => out.push(Buffer.from(b)), chunk);
  for (const r of rows) { const p = packet(r); enc.row(p, 0, p.length); }
  enc.end();
  return { rows: decode(Buffer.concat(out)), zeroDates: stats.zeroDates, chunks: out.length };
}

function encodeOne(field: RawField, type: string, value: string | Buffer | null): Buffer | null {
  return encode([field], [type], [[value]]).rows[0]![0]!;
}

/** numeric_send's layout back to a decimal string with dscale fraction digits. */
function numericText(b: Buffer): string {
  const n = b.readInt16BE(0); const weight = b.readInt16BE(2); const sign = b.readUInt16BE(4); const dscale = b.readInt16BE(6);
  let v = 0n;
  for (let i = 0; i < n; i++) v = v * 10000n + BigInt(b.readInt16BE(8 + 2 * i));
  // v * 10000^(weight - n + 1), shown with dscale digits after the point.
  const shift = (weight - n + 1) * 4 + dscale;
  const scaled = shift >= 0 ? v * 10n ** BigInt(shift) : v / 10n ** BigInt(-shift);
  if (shift < 0) assert.equal(v % 10n ** BigInt(-shift), 0n, 'digits beyond dscale');
  const digits = scaled.toString().padStart(dscale + 1, '0');
  const text = dscale ? `${digits.slice(0, digits.length - dscale)}.${digits.slice(digits.length - dscale)}` : digits;
  return sign === 0x4000 ? `-${text}` : (assert.equal(sign, 0), text);
}

/** Microseconds since 2000-01-01 by Date.UTC (proleptic Gregorian, years 1–9999). */
function micros(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, us = 0): bigint {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return BigInt(t.getTime()) * 1000n + BigInt(us) - 946_684_800_000_000n;
}

test('integers: int2/int4/int8 at their limits, 16+ digit values, YEAR; out of range is a located error', () => {
  const ll = f('n', 8, 63);
  for (const v of ['0', '-1', '42', '123456789012345', '-123456789012345', '1234567890123456', '9223372036854775807', '-9223372036854775808', '4294967296', '-4294967297']) {
    const b = encodeOne(ll, 'bigint', v)!;
    assert.equal(b.length, 8);
    assert.equal(b.readBigInt64BE(0), BigInt(v), v);
  }
  assert.equal(encodeOne(f('n', 3, 63), 'integer', '-2147483648')!.readInt32BE(0), -2147483648);
  assert.equal(encodeOne(f('n', 3, 63), 'integer', '2147483647')!.readInt32BE(0), 2147483647);
  assert.equal(encodeOne(f('n', 1, 63), 'smallint', '-128')!.readInt16BE(0), -128);
  assert.equal(encodeOne(f('y', 13, 63), 'smallint', '2155')!.readInt16BE(0), 2155);
  assert.throws(() => encodeOne(ll, 'bigint', '18446744073709551615'), (e: unknown) => e instanceof ValueError && /column n: 18446744073709551615 is out of range for bigint \(a BIGINT UNSIGNED value/.test(e.message));
  assert.throws(() => encodeOne(f('n', 3, 63), 'integer', '4294967295'), /column n: 4294967295 is out of range for integer/);
  assert.throws(() => encodeOne(f('n', 2, 63), 'smallint', '65535'), /out of range for smallint/);
});

test('numeric: base-10000 digits, weight, sign and display scale for every digit alignment', () => {
  const dec = f('d', 246, 63);
  const cases = ['0', '0.00', '-0.01', '0.0001', '0.00001', '1', '10000', '100000000', '12345.678', '-1234567890.12', '9999999999.99', '-9999999999.99', '0.10', '1234.5000',
    `${'9'.repeat(35)}.${'9'.repeat(30)}`, `-${'1'.repeat(35)}.${'0'.repeat(29)}1`];
  for (const v of cases) {
    const b = encodeOne(dec, 'numeric(65,30)', v)!;
    const want = /^-0\.?0*$/.test(v) ? v.slice(1) : v;
    assert.equal(numericText(b), want, v);
    const n = b.readInt16BE(0);
    if (n > 0) { assert.notEqual(b.readInt16BE(8), 0, `${v}: leading zero group`); assert.notEqual(b.readInt16BE(6 + 2 * n), 0, `${v}: trailing zero group`); }
  }
  // Negative zero is zero: sign positive, no digits (as numeric_recv normalises it).
  const z = encodeOne(dec, 'numeric(12,2)', '-0.00')!;
  assert.deepEqual([z.readInt16BE(0), z.readUInt16BE(4), z.readInt16BE(6)], [0, 0, 2]);
  assert.equal(numericText(encodeOne(f('u', 8, 63), 'numeric(20,0)', '18446744073709551615')!), '18446744073709551615');
  assert.throws(() => encodeOne(dec, 'numeric', '1e5'), /column d: 1e5 is not a decimal number/);
  assert.throws(() => encodeOne(dec, 'numeric', '-'), /not a decimal number/);
});

test('timestamp and date: microseconds / days since 2000-01-01; zero dates NULL and counted; invalid dates refused', () => {
  const dt = f('at', 12, 63);
  const cases: [string, bigint][] = [
    ['2000-01-01 00:00:00', 0n], ['1999-12-31 23:59:59.999999', -1n], ['2024-02-29 23:59:59.123456', micros(2024, 2, 29, 23, 59, 59, 123456)],
    ['1000-01-01 00:00:00', micros(1000, 1, 1)], ['9999-12-31 23:59:59.999999', micros(9999, 12, 31, 23, 59, 59, 999999)],
    ['0001-01-01 00:00:00', micros(1, 1, 1)], ['1900-02-28 12:00:00.5', micros(1900, 2, 28, 12, 0, 0, 500000)], ['2024-01-01 10:00:00.120', micros(2024, 1, 1, 10, 0, 0, 120000)],
  ];
  for (const [v, want] of cases) assert.equal(encodeOne(dt, 'timestamp(6) without time zone', v)!.readBigInt64BE(0), want, v);
  assert.equal(encodeOne(f('at', 7, 63), 'timestamp(0) with time zone', '2024-05-01 10:00:00')!.readBigInt64BE(0), micros(2024, 5, 1, 10));
  const d = f('d', 10, 63);
  for (const [v, y, m, day] of [['2000-01-01', 2000, 1, 1], ['1999-12-31', 1999, 12, 31], ['9999-12-31', 9999, 12, 31], ['2000-02-29', 2000, 2, 29], ['1000-01-01', 1000, 1, 1]] as const) {
    assert.equal(BigInt(encodeOne(d, 'date', v)!.readInt32BE(0)) * 86_400_000_000n, micros(y, m, day), v);
  }
  const r = encode([dt, d], ['timestamp without time zone', 'date'], [['0000-00-00 00:00:00', '0000-00-00'], ['2020-05-00 10:00:00', '2020-00-10'], [null, null]]);
  assert.deepEqual(r.rows, [[null, null], [null, null], [null, null]]);
  assert.equal(r.zeroDates, 4);
  assert.throws(() => encodeOne(d, 'date', '2023-02-29'), /column d: 2023-02-29 is not a valid date/);
  assert.throws(() => encodeOne(d, 'date', '1900-02-29'), /not a valid date/);
  assert.throws(() => encodeOne(dt, 'timestamp without time zone', '0000-01-01 00:00:00'), /year 0/);
  assert.throws(() => encodeOne(dt, 'timestamp without time zone', '2020-01-01 24:00:00'), /not a valid time of day/);
});

test('time: microseconds since midnight up to 24:00:00; negative and longer MySQL times refused', () => {
  const tm = f('tm', 11, 63);
  for (const [v, want] of [['00:00:00', 0n], ['12:34:56.700', 45_296_700_000n], ['23:59:59.999999', 86_399_999_999n], ['24:00:00', 86_400_000_000n]] as const) {
    assert.equal(encodeOne(tm, 'time(6) without time zone', v)!.readBigInt64BE(0), want, v);
  }
  assert.throws(() => encodeOne(tm, 'time without time zone', '-01:00:00'), /negative time/);
  assert.throws(() => encodeOne(tm, 'time without time zone', '838:59:59'), /beyond 24:00:00/);
});

test('text, jsonb, bytea, booleans and doubles; NUL in text refused with the column', () => {
  const fields = [f('t', 252), f('j', 252), f('b', 253, 63), f('flag', 1, 63), f('bit', 16, 63), f('x', 5, 63)];
  const types = ['text', 'jsonb', 'bytea', 'boolean', 'boolean', 'double precision'];
  const awkward = 'tab\there\nnew \\ ünï ✓ 𝄞 \\N';
  const r = encode(fields, types, [
    [awkward, '{"a": [1, 2.50]}', Buffer.from([0, 0x5c, 9, 0xff]), '1', Buffer.from([1]), '0.1'],
    ['', '[]', Buffer.alloc(0), '0', Buffer.from([0]), '-2.5e-10'],
    [null, null, null, '2', null, '1.7976931348623157e308'],
  ]);
  const [a, b, c] = r.rows as Buffer[][];
  assert.equal(a![0]!.toString('utf8'), awkward);
  assert.deepEqual([...a![1]!.subarray(0, 1)], [1]);
  assert.equal(a![1]!.subarray(1).toString('utf8'), '{"a": [1, 2.50]}');
  assert.deepEqual([...a![2]!], [0, 0x5c, 9, 0xff]);
  assert.deepEqual([a![3]![0], a![4]![0], b![3]![0], b![4]![0], c![3]![0]], [1, 1, 0, 0, 1]);
  assert.equal(a![5]!.readDoubleBE(0), 0.1);
  assert.equal(b![5]!.readDoubleBE(0), -2.5e-10);
  assert.equal(c![5]!.readDoubleBE(0), Number.MAX_VALUE);
  assert.deepEqual([b![0]!.length, b![2]!.length], [0, 0]);
  assert.deepEqual(c!.slice(0, 3), [null, null, null]);
  assert.throws(() => encodeOne(f('body', 252), 'text', 'a\u0000b'), (e: unknown) => e instanceof ValueError && /column body contains a NUL character/.test(e.message));
});

test('rows spanning chunks and long cells decode the same whatever the chunk size; skipped columns are left out', () => {
  const long = `${'x'.repeat(300)}\\${'y'.repeat(70_000)}`;
  const fields = [f('id', 8, 63), f('gone', 253), f('body', 252), f('amount', 246, 63)];
  const plan = planBinary(fields, [{ name: 'id', type: 'bigint' }, undefined, { name: 'body', type: 'text' }, { name: 'amount', type: 'numeric(12,2)' }]);
  assert.ok(typeof plan !== 'string');
  assert.deepEqual(plan.targetColumns, ['id', 'body', 'amount']);
  const run = (chunk: number): { stream: Buffer; chunks: number } => {
    const out: Buffer[] = [];
    const enc = new CopyBinaryEncoder(plan, { zeroDates: 0 }, (b) => out.push(Buffer.from(b)), chunk);
    for (let i = 0; i < 50; i++) { const p = packet([String(i), 'skip me', i % 2 ? long : 'short', '1.50']); enc.row(p, 0, p.length); }
    enc.end();
    return { stream: Buffer.concat(out), chunks: out.length };
  };
  const small = run(1000); const big = run(256 * 1024);
  assert.ok(small.chunks > 10);
  assert.deepEqual(small.stream, big.stream);
  const rows = decode(big.stream);
  assert.equal(rows.length, 50);
  assert.equal(rows[1]![1]!.toString('utf8'), long);
  assert.equal(rows[7]![0]!.readBigInt64BE(0), 7n);
  assert.equal(numericText(rows[0]![2]!), '1.50');
});

test('planBinary: only types with an exact binary form; anything else keeps COPY text with the reason', () => {
  for (const t of ['smallint', 'integer', 'bigint', 'numeric', 'numeric(12,2)', 'double precision', 'boolean', 'bytea', 'text', 'character varying(20)', 'character(5)', 'json', 'jsonb', 'date',
    'timestamp without time zone', 'timestamp(3) without time zone', 'timestamp(6) with time zone', 'time(3) without time zone']) assert.ok(binaryKind(t), t);
  for (const t of ['real', 'bit(3)', 'shop.color', 'uuid', 'time with time zone', 'interval', 'character varying[]', 'numeric[]']) assert.equal(binaryKind(t), undefined, t);
  assert.match(String(planBinary([f('c', 254)], [{ name: 'c', type: 'shop.color' }])), /column c is shop\.color/);
  // A decimal or a double does not go into an integer column; a double does not go into numeric (its text may have an exponent).
  assert.equal(typeof planBinary([f('d', 246, 63)], [{ name: 'd', type: 'bigint' }]), 'string');
  assert.equal(typeof planBinary([f('x', 5, 63)], [{ name: 'x', type: 'numeric' }]), 'string');
  assert.equal(typeof planBinary([f('g', 255, 63)], [{ name: 'g', type: 'bytea' }]), 'string');
  assert.equal(typeof planBinary([f('b', 253, 63)], [{ name: 'b', type: 'text' }]), 'string');
  assert.equal(typeof planBinary([f('dt', 12, 63)], [{ name: 'dt', type: 'date' }]), 'string');
  assert.equal(typeof planBinary([{ ...f('j', 252), extendedFormat: 'json' }], [{ name: 'j', type: 'jsonb' }]), 'object');
});

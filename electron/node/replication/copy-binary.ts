// MySQL text-protocol row packets → PostgreSQL COPY BINARY. PostgreSQL then reads each value with
// its type's receive function (int8recv, numeric_recv, timestamp_recv, textrecv, …) instead of
// parsing text, and COPY skips its line splitting and de-escaping: the server side of a full load
// is the busiest process, so this is where the time goes. The encodings follow the send/recv
// functions of PostgreSQL's sources (numeric: base-10000 digits; timestamp: microseconds since
// 2000-01-01; date: days since then). A table with a column this file has no exact encoding for
// keeps COPY text (copy-text.ts); planBinary says which column.
import type { RawField } from './source/mysql-raw.js';
import { ValueError, type ConvertStats } from './values.js';
import { PROTOCOL_TYPES as T, BINARY_CHARSET } from './copy-text.js';

type Kind = 'int2' | 'int4' | 'int8' | 'numeric' | 'float8' | 'bool' | 'bytea' | 'text' | 'jsonb' | 'timestamp' | 'date' | 'time';

export type BinaryCell = { how: 'skip' } | { how: Kind; column: string; bits: boolean };
export interface BinaryPlan { cells: BinaryCell[]; targetColumns: string[] }

/** The binary kind of a PostgreSQL column (format_type text); undefined: no encoding here. */
export function binaryKind(formatType: string): Kind | undefined {
  const t = formatType.toLowerCase();
  switch (t) {
    case 'smallint': return 'int2';
    case 'integer': return 'int4';
    case 'bigint': return 'int8';
    case 'double precision': return 'float8';
    case 'boolean': return 'bool';
    case 'bytea': return 'bytea';
    case 'text': case 'json': return 'text';
    case 'jsonb': return 'jsonb';
    case 'date': return 'date';
  }
  if (/^numeric(\(\d+(,\d+)?\))?$/.test(t)) return 'numeric';
  if (/^(character varying|character)(\(\d+\))?$/.test(t)) return 'text';
  // Text without an offset is read as UTC for timestamptz (values.ts does the same for COPY text).
  if (/^timestamp(\(\d\))? with(out)? time zone$/.test(t)) return 'timestamp';
  if (/^time(\(\d\))? without time zone$/.test(t)) return 'time';
  return undefined;
}

const INTEGERS = new Set<number>([T.TINY, T.SHORT, T.LONG, T.INT24, T.LONGLONG, T.YEAR]);
const DECIMALS = new Set<number>([T.DECIMAL, T.NEWDECIMAL]);
const FLOATS = new Set<number>([T.FLOAT, T.DOUBLE]);
const CHARS = new Set<number>([T.VARCHAR, T.VAR_STRING, T.STRING, T.TINY_BLOB, T.MEDIUM_BLOB, T.LONG_BLOB, T.BLOB, T.ENUM, T.SET, T.JSON]);

/** Which source protocol types each kind reads exactly. */
function accepts(kind: Kind, f: RawField): boolean {
  const ct = f.columnType;
  const binary = f.characterSet === BINARY_CHARSET;
  switch (kind) {
    case 'int2': case 'int4': case 'int8': return INTEGERS.has(ct);
    case 'numeric': return INTEGERS.has(ct) || DECIMALS.has(ct);
    case 'float8': return INTEGERS.has(ct) || DECIMALS.has(ct) || FLOATS.has(ct);
    case 'bool': return INTEGERS.has(ct) || ct === T.BIT;
    case 'bytea': return CHARS.has(ct) || ct === T.BIT;
    case 'text': case 'jsonb': return CHARS.has(ct) && (!binary || ct === T.JSON);
    case 'timestamp': return ct === T.DATETIME || ct === T.TIMESTAMP;
    case 'date': return ct === T.DATE || ct === T.NEWDATE;
    case 'time': return ct === T.TIME;
  }
}

/**
 * The binary plan for a result with `fields` going to `targets` (undefined: not loaded), or the
 * reason it has none (that table keeps COPY text).
 */
export function planBinary(fields: RawField[], targets: ({ name: string; type: string } | undefined)[]): BinaryPlan | string {
  const cells: BinaryCell[] = [];
  const targetColumns: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const t = targets[i];
    if (!t) { cells.push({ how: 'skip' }); continue; }
    const kind = binaryKind(t.type);
    if (!kind) return `column ${t.name} is ${t.type}`;
    if (f.columnType === T.GEOMETRY || (f.extendedFormat && f.extendedFormat !== 'json') || !accepts(kind, f)) return `column ${f.name} (protocol type ${f.columnType}) into ${t.type}`;
    cells.push({ how: kind, column: t.name, bits: f.columnType === T.BIT });
    targetColumns.push(t.name);
  }
  return { cells, targetColumns };
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const NUMERIC_NEG = 0x4000;
const TWO32 = 4294967296;
// Days from 1970-01-01 to PostgreSQL's epoch 2000-01-01.
const PG_EPOCH_DAYS = 10957;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Encodes rows into chunks of about `chunkBytes` and hands each to `emit` (a fresh Buffer every
 * time). The COPY header goes first; end() adds the trailer and flushes.
 */
export class CopyBinaryEncoder {
  private out: Buffer;
  private pos = 0;
  rows = 0;
  private readonly live: number;
  private readonly digits = new Uint16Array(40);

  constructor(private readonly plan: BinaryPlan, private readonly stats: ConvertStats, private readonly emit: (chunk: Buffer) => void, private readonly chunkBytes = 256 * 1024) {
    this.out = Buffer.allocUnsafe(chunkBytes + 1024);
    SIGNATURE.copy(this.out, 0);
    this.out.writeInt32BE(0, 11); // flags
    this.out.writeInt32BE(0, 15); // header extension length
    this.pos = 19;
    this.live = plan.cells.filter((c) => c.how !== 'skip').length;
  }

  flush(): void {
    if (this.pos === 0) return;
    const chunk = this.out.subarray(0, this.pos);
    this.out = Buffer.allocUnsafe(this.chunkBytes + 1024);
    this.pos = 0;
    this.emit(chunk);
  }

  /** The trailer (-1 as field count) and what is buffered. */
  end(): void {
    if (this.pos + 2 > this.out.length) this.flush();
    this.out.writeInt16BE(-1, this.pos);
    this.pos += 2;
    this.flush();
  }

  private spill(o: number, need: number): number {
    if (o > 0) this.emit(this.out.subarray(0, o));
    this.out = Buffer.allocUnsafe(Math.max(this.chunkBytes, need) + 1024);
    return 0;
  }

  row(src: Buffer, start: number, _end: number): void {
    const cells = this.plan.cells;
    let out = this.out;
    let o = this.pos;
    if (o + 2 > out.length) { o = this.spill(o, 2); out = this.out; }
    out[o++] = this.live >> 8; out[o++] = this.live & 255;
    let p = start;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      const b = src[p]!;
      let len: number;
      if (b < 251) { len = b; p++; } else if (b === 0xfb) { len = -1; p++; } else if (b === 0xfc) { len = src[p + 1]! | (src[p + 2]! << 8); p += 3; } else if (b === 0xfd) { len = src[p + 1]! | (src[p + 2]! << 8) | (src[p + 3]! << 16); p += 4; } else { len = src.readUInt32LE(p + 1) + src.readUInt32LE(p + 5) * TWO32; p += 9; }
      if (cell.how === 'skip') { if (len > 0) p += len; continue; }
      // Widest encoding of a cell: its bytes + 1 (jsonb version), or a numeric of 65 digits.
      if (o + (len < 0 ? 0 : len) + 96 > out.length) { o = this.spill(o, len + 96); out = this.out; }
      if (len < 0) { i32(out, o, -1); o += 4; continue; }
      const e = p + len;
      o = this.cell(cell, src, p, e, out, o);
      p = e;
    }
    this.pos = o;
    this.rows++;
    if (o >= this.chunkBytes) this.flush();
  }

  /** Writes one non-NULL value (length word + bytes) at `o`; returns the new offset. */
  private cell(cell: Exclude<BinaryCell, { how: 'skip' }>, src: Buffer, p: number, e: number, out: Buffer, o: number): number {
    switch (cell.how) {
      case 'text': case 'jsonb': {
        let n = e - p;
        const at = o;
        o += 4;
        if (cell.how === 'jsonb') { out[o++] = 1; n++; }
        // A plain view: TypedArray indexOf and set are memchr and memcpy, without Buffer.copy's
        // argument checks (a byte loop here cost more than the rest of the encoding).
        if (e - p > 64) {
          const view = new Uint8Array(src.buffer, src.byteOffset + p, e - p);
          if (view.indexOf(0) >= 0) throw nulError(cell.column);
          out.set(view, o);
        } else {
          for (let k = p, x = o; k < e; k++, x++) { const c = src[k]!; if (c === 0) throw nulError(cell.column); out[x] = c; }
        }
        i32(out, at, n);
        return o + e - p;
      }
      case 'bytea':
        i32(out, o, e - p);
        out.set(new Uint8Array(src.buffer, src.byteOffset + p, e - p), o + 4);
        return o + 4 + e - p;
      case 'int2': case 'int4': case 'int8': return this.integer(cell.how, cell.column, src, p, e, out, o);
      case 'numeric': return this.numeric(cell.column, src, p, e, out, o);
      case 'float8': {
        const v = e > p ? Number(src.toString('latin1', p, e)) : NaN;
        if (!Number.isFinite(v)) throw new ValueError(`column ${cell.column}: ${src.toString('latin1', p, e)} is not a number`);
        i32(out, o, 8);
        out.writeDoubleBE(v, o + 4);
        return o + 12;
      }
      case 'bool': {
        let t = false;
        if (cell.bits) { for (let k = p; k < e; k++) if (src[k] !== 0) t = true; } else t = !(e - p === 1 && src[p] === 48);
        i32(out, o, 1);
        out[o + 4] = t ? 1 : 0;
        return o + 5;
      }
      case 'timestamp': case 'date': return this.datetime(cell.how, cell.column, src, p, e, out, o);
      case 'time': return this.time(cell.column, src, p, e, out, o);
    }
  }

  private integer(kind: 'int2' | 'int4' | 'int8', column: string, src: Buffer, p: number, e: number, out: Buffer, o: number): number {
    const neg = src[p] === 45;
    const first = neg ? p + 1 : p;
    if (e - first > 15) {
      const v = BigInt(src.toString('latin1', p, e));
      if (kind !== 'int8' || v < INT8_MIN || v > INT8_MAX) throw this.range(column, src, p, e, kind);
      i32(out, o, 8);
      out.writeBigInt64BE(v, o + 4);
      return o + 12;
    }
    let v = 0;
    for (let k = first; k < e; k++) {
      const c = src[k]! - 48;
      if (c < 0 || c > 9) throw new ValueError(`column ${column}: ${src.toString('latin1', p, e)} is not an integer`);
      v = v * 10 + c;
    }
    if (e === first) throw new ValueError(`column ${column}: an empty integer`);
    if (neg) v = -v;
    if (kind === 'int8') {
      const hi = Math.floor(v / TWO32);
      i32(out, o, 8);
      i32(out, o + 4, hi);
      i32(out, o + 8, v - hi * TWO32);
      return o + 12;
    }
    if (kind === 'int4') {
      if (v < -2147483648 || v > 2147483647) throw this.range(column, src, p, e, kind);
      i32(out, o, 4);
      i32(out, o + 4, v);
      return o + 8;
    }
    if (v < -32768 || v > 32767) throw this.range(column, src, p, e, kind);
    i32(out, o, 2);
    i16(out, o + 4, v);
    return o + 6;
  }

  private range(column: string, src: Buffer, p: number, e: number, kind: string): ValueError {
    const type = kind === 'int2' ? 'smallint' : kind === 'int4' ? 'integer' : 'bigint';
    const note = kind === 'int8' && src[p] !== 45 ? ' (a BIGINT UNSIGNED value above 9223372036854775807: convert the column to numeric(20))' : '';
    return new ValueError(`column ${column}: ${src.toString('latin1', p, e)} is out of range for ${type}${note}`);
  }

  /** [-]digits[.digits] → numeric_send's form: ndigits, weight, sign, dscale, base-10000 digits. */
  private numeric(column: string, src: Buffer, p: number, e: number, out: Buffer, o: number): number {
    const neg = src[p] === 45;
    const signEnd = neg || src[p] === 43 ? p + 1 : p;
    let k = signEnd;
    while (k < e && src[k] === 48) k++; // leading zeros
    const intStart = k;
    while (k < e && src[k]! >= 48 && src[k]! <= 57) k++;
    const intEnd = k;
    let fracStart = k; let fracEnd = k;
    if (k < e && src[k] === 46) {
      fracStart = ++k;
      while (k < e && src[k]! >= 48 && src[k]! <= 57) k++;
      fracEnd = k;
    }
    if (k !== e || (intEnd === signEnd && fracEnd === fracStart)) {
      throw new ValueError(`column ${column}: ${src.toString('latin1', p, e)} is not a decimal number`);
    }
    const d = this.digits;
    const nInt = intEnd - intStart;
    const intGroups = Math.ceil(nInt / 4);
    const fracGroups = Math.ceil((fracEnd - fracStart) / 4);
    if (intGroups + fracGroups > d.length) throw new ValueError(`column ${column}: ${src.toString('latin1', p, e)} has more digits than this encoder takes`);
    // Integer groups align on the decimal point: the first takes the leftover digits.
    let x = intStart;
    for (let g = 0; g < intGroups; g++) {
      const width = g === 0 ? nInt - 4 * (intGroups - 1) : 4;
      let v = 0;
      for (let w = 0; w < width; w++) v = v * 10 + src[x++]! - 48;
      d[g] = v;
    }
    x = fracStart;
    for (let g = 0; g < fracGroups; g++) {
      let v = 0;
      for (let w = 0; w < 4; w++) v = v * 10 + (x < fracEnd ? src[x++]! - 48 : 0);
      d[intGroups + g] = v;
    }
    let first = 0; let last = intGroups + fracGroups;
    while (first < last && d[first] === 0) first++;
    while (last > first && d[last - 1] === 0) last--;
    const n = last - first;
    const weight = n === 0 ? 0 : intGroups - 1 - first;
    i32(out, o, 8 + 2 * n);
    i16(out, o + 4, n);
    i16(out, o + 6, weight);
    i16(out, o + 8, neg && n > 0 ? NUMERIC_NEG : 0);
    i16(out, o + 10, fracEnd - fracStart);
    o += 12;
    for (let g = first; g < last; g++) { i16(out, o, d[g]!); o += 2; }
    return o;
  }

  /** YYYY-MM-DD[ HH:MM:SS[.ffffff]] → days (date) or microseconds (timestamp) since 2000-01-01. */
  private datetime(kind: 'timestamp' | 'date', column: string, src: Buffer, p: number, e: number, out: Buffer, o: number): number {
    const n = e - p;
        if (n < 10 || src[p + 4] !== 45 || src[p + 7] !== 45) throw invalid(column, src, p, e, 'is not a date');
    const y = digitsAt(src, p + 0, 4); const m = digitsAt(src, p + 5, 2); const d = digitsAt(src, p + 8, 2);
    if (y < 0 || m < 0 || d < 0) throw invalid(column, src, p, e, 'is not a date');
    // 0000-00-00, 2020-00-10 and 2020-05-00 have no PostgreSQL form (as values.ts decides).
    if (m === 0 || d === 0) { this.stats.zeroDates++; i32(out, o, -1); return o + 4; }
    if (y === 0) throw invalid(column, src, p, e, 'has year 0, which PostgreSQL has no date for');
    if (m > 12 || d > (m === 2 && leap(y) ? 29 : MONTH_DAYS[m]!)) throw invalid(column, src, p, e, 'is not a valid date');
    const days = daysFromCivil(y, m, d) - PG_EPOCH_DAYS;
    if (kind === 'date') { i32(out, o, 4); i32(out, o + 4, days); return o + 8; }
    let secs = days * 86400;
    let frac = 0;
    if (n > 10) {
      if (n < 19 || src[p + 10] !== 32 || src[p + 13] !== 58 || src[p + 16] !== 58) throw invalid(column, src, p, e, 'is not a date and time');
      const h = digitsAt(src, p + 11, 2); const mi = digitsAt(src, p + 14, 2); const s = digitsAt(src, p + 17, 2);
      if (h < 0 || mi < 0 || s < 0 || h > 23 || mi > 59 || s > 59) throw invalid(column, src, p, e, 'is not a valid time of day');
      secs += h * 3600 + mi * 60 + s;
      frac = fraction(column, src, p, p + 19, e);
    }
    return writeMicros(out, o, secs, frac);
  }

  /** [-]H+:MM:SS[.ffffff] → microseconds since midnight; PostgreSQL's time takes 00:00:00 to 24:00:00. */
  private time(column: string, src: Buffer, p: number, e: number, out: Buffer, o: number): number {
    if (src[p] === 45) throw invalid(column, src, p, e, 'is a negative time, which PostgreSQL time cannot hold');
    let k = p; let h = 0;
    while (k < e && src[k] !== 58) { const c = src[k]! - 48; if (c < 0 || c > 9) throw invalid(column, src, p, e, 'is not a time'); h = h * 10 + c; k++; }
    if (k + 6 > e || k === p || src[k + 3] !== 58) throw invalid(column, src, p, e, 'is not a time');
    const mi = (src[k + 1]! - 48) * 10 + src[k + 2]! - 48;
    const s = (src[k + 4]! - 48) * 10 + src[k + 5]! - 48;
    if (!(mi >= 0 && mi <= 59 && s >= 0 && s <= 59)) throw invalid(column, src, p, e, 'is not a time');
    const frac = fraction(column, src, p, k + 6, e);
    const secs = h * 3600 + mi * 60 + s;
    if (secs > 86400 || (secs === 86400 && frac > 0)) throw invalid(column, src, p, e, 'is beyond 24:00:00, which PostgreSQL time cannot hold');
    return writeMicros(out, o, secs, frac);
  }
}

/** A big-endian int32 (Buffer's writeInt32BE checks its arguments: measurable per cell). */
function i32(out: Buffer, o: number, v: number): void {
  out[o] = v >>> 24; out[o + 1] = (v >>> 16) & 255; out[o + 2] = (v >>> 8) & 255; out[o + 3] = v & 255;
}

function i16(out: Buffer, o: number, v: number): void {
  out[o] = (v >>> 8) & 255; out[o + 1] = v & 255;
}

function nulError(column: string): ValueError {
  return new ValueError(`column ${column} contains a NUL character, which PostgreSQL text cannot store`);
}

function invalid(column: string, src: Buffer, p: number, e: number, why: string): ValueError {
  return new ValueError(`column ${column}: ${src.toString('latin1', p, e)} ${why}`);
}

/** `w` decimal digits at src[at]; -1 if one is not a digit. */
function digitsAt(src: Buffer, at: number, w: number): number {
  let v = 0;
  for (let k = at; k < at + w; k++) {
    const c = src[k]! - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** .f{1,6} at src[at] (or nothing) → microseconds; the value is src[p, e). */
function fraction(column: string, src: Buffer, p: number, at: number, e: number): number {
  if (at === e) return 0;
  if (src[at] !== 46 || e - at < 2 || e - at > 7) throw invalid(column, src, p, e, 'has an unreadable fraction of a second');
  let f = 0;
  for (let k = at + 1; k < at + 7; k++) {
    const c = k < e ? src[k]! - 48 : 0;
    if (c < 0 || c > 9) throw invalid(column, src, p, e, 'has an unreadable fraction of a second');
    f = f * 10 + c;
  }
  return f;
}

/** Length word + secs * 10^6 + frac as a big-endian int64, exact for any |secs| < 2^52 / 10^6 * 2^16. */
export function writeMicros(out: Buffer, o: number, secs: number, frac: number): number {
  // secs = sh * 2^16 + sl; sh * 10^6 and sl * 10^6 + frac are exact doubles, and so are the halves.
  const sh = Math.floor(secs / 65536);
  const sl = secs - sh * 65536;
  const a = sh * 1_000_000;
  const ah = Math.floor(a / 65536);
  let lo = (a - ah * 65536) * 65536 + sl * 1_000_000 + frac;
  const carry = Math.floor(lo / TWO32);
  lo -= carry * TWO32;
  i32(out, o, 8);
  i32(out, o + 4, ah + carry);
  i32(out, o + 8, lo);
  return o + 12;
}

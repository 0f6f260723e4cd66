// MySQL text-protocol row packets → PostgreSQL COPY text, byte to byte. The server already sends
// the text PostgreSQL reads for integers, decimals, dates and character data (utf8mb4 on the
// connection, UTF8 on the COPY client), so most cells are copied, with COPY escaping where text
// can hold \ TAB LF CR. Everything else goes through the same converters as the change apply
// (values.ts), fed the value mysql2 would have produced, so both paths give identical rows.
import type { RawField } from './source/mysql-raw.js';
import { converterFor, copyEscape, targetKind, ValueError, type ConvertStats, type Converter } from './values.js';

/** Protocol column types (include/mysql_com.h: enum_field_types). */
export const PROTOCOL_TYPES = {
  DECIMAL: 0, TINY: 1, SHORT: 2, LONG: 3, FLOAT: 4, DOUBLE: 5, NULL: 6, TIMESTAMP: 7, LONGLONG: 8, INT24: 9,
  DATE: 10, TIME: 11, DATETIME: 12, YEAR: 13, NEWDATE: 14, VARCHAR: 15, BIT: 16, JSON: 245, NEWDECIMAL: 246,
  ENUM: 247, SET: 248, TINY_BLOB: 249, MEDIUM_BLOB: 250, LONG_BLOB: 251, BLOB: 252, VAR_STRING: 253, STRING: 254, GEOMETRY: 255,
} as const;
const T = PROTOCOL_TYPES;
export const BINARY_CHARSET = 63;

const NUMERIC = new Set<number>([T.DECIMAL, T.NEWDECIMAL, T.TINY, T.SHORT, T.LONG, T.INT24, T.LONGLONG, T.YEAR, T.FLOAT, T.DOUBLE]);
const SMALL_INT = new Set<number>([T.TINY, T.SHORT, T.LONG, T.INT24, T.YEAR]);
const DATES = new Set<number>([T.DATE, T.NEWDATE, T.DATETIME, T.TIMESTAMP]);
const STRINGS = new Set<number>([T.VARCHAR, T.VAR_STRING, T.STRING, T.TINY_BLOB, T.MEDIUM_BLOB, T.LONG_BLOB, T.BLOB, T.ENUM, T.SET, T.BIT]);

/** How one source column's bytes become COPY text. */
export type CellEncoding =
  | { how: 'skip' }
  | { how: 'raw' } // digits, sign, point, exponent: nothing to escape
  | { how: 'text'; column: string } // character data: escaped; NUL refused
  | { how: 'datetime' } // zero dates → NULL, counted
  | { how: 'bytea' } // \\x + hex
  | { how: 'convert'; conv: Converter; decode: 'string' | 'buffer' | 'int' | 'float' };

export interface CopyPlan { cells: CellEncoding[]; targetColumns: string[] }

/**
 * The byte plan for a result with `fields`, each going to `targets[i]` (undefined: not loaded).
 * Returns a reason instead when a column's value needs mysql2's own decoding (JSON documents and
 * geometries it parses into objects), so the caller keeps the generic path for that table.
 */
export function planCopy(fields: RawField[], targets: ({ name: string; type: string } | undefined)[], stats: ConvertStats): CopyPlan | string {
  const cells: CellEncoding[] = [];
  const targetColumns: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const t = targets[i];
    if (!t) { cells.push({ how: 'skip' }); continue; }
    if (f.extendedFormat || f.columnType === T.JSON || f.columnType === T.GEOMETRY || !(NUMERIC.has(f.columnType) || DATES.has(f.columnType) || STRINGS.has(f.columnType) || f.columnType === T.TIME)) {
      return `column ${f.name} has protocol type ${f.columnType}${f.extendedFormat ? ` (${f.extendedFormat})` : ''}`;
    }
    targetColumns.push(t.name);
    const kind = targetKind(t.type);
    const binary = f.characterSet === BINARY_CHARSET && STRINGS.has(f.columnType);
    const isString = STRINGS.has(f.columnType) && f.columnType !== T.BIT;
    if ((kind === 'int' || kind === 'numeric' || kind === 'float') && NUMERIC.has(f.columnType)) cells.push({ how: 'raw' });
    else if ((kind === 'timestamp' || kind === 'date') && DATES.has(f.columnType)) cells.push({ how: 'datetime' });
    else if ((kind === 'text' || kind === 'json') && isString && !binary) cells.push({ how: 'text', column: t.name });
    else if (kind === 'bytea') cells.push({ how: 'bytea' });
    else {
      const decode = binary ? 'buffer' : SMALL_INT.has(f.columnType) ? 'int' : f.columnType === T.FLOAT || f.columnType === T.DOUBLE ? 'float' : 'string';
      cells.push({ how: 'convert', conv: converterFor(t.type, stats), decode });
    }
  }
  return { cells, targetColumns };
}

// 1 for the bytes COPY text escapes (and NUL, which it cannot carry).
const SPECIAL = new Uint8Array(256);
SPECIAL[0] = 1; SPECIAL[9] = 1; SPECIAL[10] = 1; SPECIAL[13] = 1; SPECIAL[92] = 1;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

function decodeCell(src: Buffer, p: number, e: number, how: 'string' | 'buffer' | 'int' | 'float'): unknown {
  switch (how) {
    case 'buffer': return Buffer.from(src.subarray(p, e));
    case 'int': return Number(src.toString('latin1', p, e));
    case 'float': return parseFloat(src.toString('latin1', p, e));
    case 'string': return src.toString('utf8', p, e);
  }
}

/** Every cell of a row packet as text (NULL → null): for error messages. */
export function rowTexts(src: Buffer, start: number, end: number): (string | null)[] {
  const out: (string | null)[] = [];
  let p = start;
  while (p < end) {
    const b = src[p]!;
    if (b === 0xfb) { out.push(null); p++; continue; }
    let len: number;
    if (b < 251) { len = b; p++; } else if (b === 0xfc) { len = src.readUInt16LE(p + 1); p += 3; } else if (b === 0xfd) { len = src.readUIntLE(p + 1, 3); p += 4; } else { len = Number(src.readBigUInt64LE(p + 1)); p += 9; }
    out.push(src.toString('utf8', p, p + len));
    p += len;
  }
  return out;
}

/**
 * Encodes rows into chunks of about `chunkBytes` and hands each full chunk to `emit` (a fresh
 * Buffer every time: the receiver may keep it until its socket has written it).
 */
export class CopyTextEncoder {
  private out: Buffer;
  private pos = 0;
  rows = 0;

  constructor(private readonly plan: CopyPlan, private readonly stats: ConvertStats, private readonly emit: (chunk: Buffer) => void, private readonly chunkBytes = 256 * 1024) {
    this.out = Buffer.allocUnsafe(chunkBytes + 1024);
  }

  /** Sends what is buffered (call at the end). */
  flush(): void {
    if (this.pos === 0) return;
    const chunk = this.out.subarray(0, this.pos);
    this.out = Buffer.allocUnsafe(this.chunkBytes + 1024);
    this.pos = 0;
    this.emit(chunk);
  }

  /** Emits the buffer up to `o` and makes room for `need` bytes; returns the new write offset. */
  private spill(o: number, need: number): number {
    if (o > 0) this.emit(this.out.subarray(0, o));
    this.out = Buffer.allocUnsafe(Math.max(this.chunkBytes, need) + 1024);
    return 0;
  }

  row(src: Buffer, start: number, _end: number): void {
    const cells = this.plan.cells;
    let out = this.out;
    let o = this.pos;
    let p = start;
    let first = true;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      const b = src[p]!;
      let len: number;
      if (b < 251) { len = b; p++; } else if (b === 0xfb) { len = -1; p++; } else if (b === 0xfc) { len = src[p + 1]! | (src[p + 2]! << 8); p += 3; } else if (b === 0xfd) { len = src[p + 1]! | (src[p + 2]! << 8) | (src[p + 3]! << 16); p += 4; } else { len = src.readUInt32LE(p + 1) + src.readUInt32LE(p + 5) * 4294967296; p += 9; }
      if (cell.how === 'skip') { if (len > 0) p += len; continue; }
      // Room for the widest form of the cell (hex doubles it, escaping at most doubles it) + separator.
      if (o + 2 * (len < 0 ? 0 : len) + 8 > out.length) { o = this.spill(o, 2 * len + 8); out = this.out; }
      if (!first) out[o++] = 9;
      first = false;
      if (len < 0) { out[o++] = 92; out[o++] = 78; continue; }
      const e = p + len;
      switch (cell.how) {
        case 'raw':
          for (let k = p; k < e; k++) out[o++] = src[k]!;
          break;
        case 'text': {
          let s = p;
          for (let k = p; k < e; k++) {
            const c = src[k]!;
            if (SPECIAL[c] === 0) continue;
            if (c === 0) throw new ValueError(`column ${cell.column} contains a NUL character, which PostgreSQL text cannot store`);
            if (k > s) { if (k - s > 16) src.copy(out, o, s, k); else for (let x = s; x < k; x++) out[o + x - s] = src[x]!; o += k - s; }
            out[o++] = 92;
            out[o++] = c === 9 ? 116 : c === 10 ? 110 : c === 13 ? 114 : 92;
            s = k + 1;
          }
          if (e > s) { if (e - s > 16) src.copy(out, o, s, e); else for (let x = s; x < e; x++) out[o + x - s] = src[x]!; o += e - s; }
          break;
        }
        case 'datetime':
          // 0000-00-00, 2020-00-10 and 2020-05-00 have no PostgreSQL form (as values.ts decides).
          if (len >= 10 && ((src[p + 5] === 48 && src[p + 6] === 48) || (src[p + 8] === 48 && src[p + 9] === 48))) {
            this.stats.zeroDates++;
            out[o++] = 92; out[o++] = 78;
          } else for (let k = p; k < e; k++) out[o++] = src[k]!;
          break;
        case 'bytea':
          out[o++] = 92; out[o++] = 92; out[o++] = 120;
          for (let k = p; k < e; k++) { const c = src[k]!; out[o++] = HEX[c >> 4]!; out[o++] = HEX[c & 15]!; }
          break;
        case 'convert': {
          const v = copyEscape(cell.conv(decodeCell(src, p, e, cell.decode)));
          const n = Buffer.byteLength(v);
          if (o + n + 2 > out.length) { o = this.spill(o, n + 2); out = this.out; }
          o += out.write(v, o, 'utf8');
          break;
        }
      }
      p = e;
    }
    if (o + 1 > out.length) { o = this.spill(o, 1); out = this.out; }
    out[o++] = 10;
    this.pos = o;
    this.rows++;
    if (o >= this.chunkBytes) this.flush();
  }
}

// Source values (as mysql2 and zongji hand them over: strings for exact numbers and dates, numbers,
// Buffers for binary and BIT) → the PostgreSQL text form of the target column's type. The same
// text goes into COPY (escaped) and into parameters of change statements, and validation compares
// it with what the target returns.

export type TargetKind = 'bool' | 'bytea' | 'bit' | 'timestamp' | 'timestamptz' | 'date' | 'time' | 'json' | 'int' | 'numeric' | 'float' | 'text';

/** What kind of conversion a PostgreSQL column (format_type text) needs. */
export function targetKind(formatType: string): TargetKind {
  const t = formatType.toLowerCase();
  if (t === 'boolean') return 'bool';
  if (t === 'bytea') return 'bytea';
  if (/^bit( varying)?\b/.test(t)) return 'bit';
  if (t.startsWith('timestamp') && t.includes('with time zone')) return 'timestamptz';
  if (t.startsWith('timestamp')) return 'timestamp';
  if (t === 'date') return 'date';
  if (t.startsWith('time')) return 'time';
  if (t === 'json' || t === 'jsonb') return 'json';
  if (t === 'smallint' || t === 'integer' || t === 'bigint') return 'int';
  if (t.startsWith('numeric')) return 'numeric';
  if (t === 'real' || t === 'double precision') return 'float';
  return 'text';
}

export class ValueError extends Error { override name = 'ValueError'; }

export interface ConvertStats {
  zeroDates: number;
  /** How the full load copied the table (set by fullload.ts, shown in its log). */
  copyFormat?: string;
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function bitsOf(v: unknown, width: number): string {
  if (Buffer.isBuffer(v)) {
    let s = '';
    for (const b of v) s += b.toString(2).padStart(8, '0');
    return s.slice(Math.max(s.length - width, 0)).padStart(width, '0');
  }
  return BigInt(asText(v)).toString(2).padStart(width, '0');
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** 0000-00-00, 2020-00-10 and 2020-05-00 have no PostgreSQL form. */
export function isZeroDate(s: string): boolean {
  // Character tests: this runs for every date of every change (a regex here showed in profiles).
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 4; i++) if (!isDigit(s.charCodeAt(i))) return false;
  if (s.charCodeAt(5) === 48 && s.charCodeAt(6) === 48) return true;
  return isDigit(s.charCodeAt(5)) && isDigit(s.charCodeAt(6)) && s.charCodeAt(8) === 48 && s.charCodeAt(9) === 48;
}

/** Trailing zeros of fractional seconds dropped (PostgreSQL prints 10:00:00.5, MySQL 10:00:00.500000). */
function trimFraction(s: string): string {
  const dot = s.indexOf('.');
  if (dot < 0) return s;
  let end = s.length;
  while (end > dot + 1 && s.charCodeAt(end - 1) === 48) end--;
  return end === dot + 1 ? s.slice(0, dot) : s.slice(0, end);
}

export type Converter = (v: unknown) => string | null;

export function converterFor(formatType: string, stats: ConvertStats): Converter {
  const kind = targetKind(formatType);
  switch (kind) {
    case 'bool':
      return (v) => {
        if (v === null || v === undefined) return null;
        if (Buffer.isBuffer(v)) return v.some((b) => b !== 0) ? 't' : 'f';
        if (typeof v === 'boolean') return v ? 't' : 'f';
        const s = asText(v);
        return s === '0' || s === 'false' || s === 'f' ? 'f' : 't';
      };
    case 'bytea':
      return (v) => (v === null || v === undefined ? null : `\\x${(Buffer.isBuffer(v) ? v : Buffer.from(asText(v), 'utf8')).toString('hex')}`);
    case 'bit': {
      const m = /\((\d+)\)/.exec(formatType);
      const width = m ? Number(m[1]) : 1;
      return (v) => (v === null || v === undefined ? null : bitsOf(v, width));
    }
    case 'timestamp': case 'date': case 'timestamptz':
      return (v) => {
        if (v === null || v === undefined) return null;
        const s = v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : asText(v);
        if (isZeroDate(s)) { stats.zeroDates++; return null; }
        const t = kind === 'date' ? s : trimFraction(s);
        return kind === 'timestamptz' && !/[+-]\d{2}(:?\d{2})?$|Z$/.test(t) ? `${t}+00` : t;
      };
    case 'time':
      return (v) => (v === null || v === undefined ? null : trimFraction(asText(v)));
    case 'json':
      return (v) => (v === null || v === undefined ? null : asText(v));
    case 'int': case 'numeric': case 'float':
      return (v) => (v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? '1' : '0') : asText(v));
    case 'text':
      return (v) => {
        if (v === null || v === undefined) return null;
        const s = asText(v);
        if (s.includes('\u0000')) throw new ValueError('contains a NUL character, which PostgreSQL text cannot store');
        return s;
      };
  }
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One value in COPY text format. */
export function copyEscape(s: string | null): string {
  if (s === null) return '\\N';
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '\\': out += '\\\\'; break;
      case '\t': out += '\\t'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      default: out += ch;
    }
  }
  return out;
}

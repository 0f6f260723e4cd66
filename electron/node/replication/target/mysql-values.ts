// PostgreSQL values (the server's text output, sessions in UTC) → MariaDB/MySQL values, by the
// source column type and the converted target column type: boolean → 1/0, timestamptz → UTC
// DATETIME, arrays → JSON arrays, bytea → bytes (hex, written as X'…'), and the values MariaDB
// cannot hold (NaN, ±infinity dates) refused with the row's key instead of stored wrong.
import { ValueError, type Converter } from '../values.js';

export type MyKind = 'bool' | 'datetime' | 'date' | 'time' | 'json' | 'binary' | 'number' | 'text';

export function mysqlKind(columnType: string): MyKind {
  const t = columnType.toLowerCase();
  if (/^(tinyint\(1\)|bool|boolean)/.test(t)) return 'bool';
  if (/^(datetime|timestamp)/.test(t)) return 'datetime';
  if (t.startsWith('date')) return 'date';
  if (t.startsWith('time')) return 'time';
  if (t.startsWith('json') || t === 'longtext /* json */') return 'json';
  if (/binary|blob/.test(t)) return 'binary';
  if (/^(tinyint|smallint|mediumint|int|bigint|decimal|numeric|float|double|real)/.test(t)) return 'number';
  return 'text';
}

const NUMERIC_ELEMENT = /^(smallint|integer|bigint|numeric|real|double precision|int2|int4|int8|float4|float8|oid)\b/;

/** A PostgreSQL array literal ({a,"b c",NULL,{1,2}}) as JSON, numbers and booleans typed by the element type. */
export function pgArrayToJson(text: string, elementType: string): string {
  const numeric = NUMERIC_ELEMENT.test(elementType);
  const bool = /^boolean\b/.test(elementType);
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0; // dimension decoration [1:3]={…}
  const scalar = (raw: string, quoted: boolean): string => {
    if (!quoted && raw === 'NULL') return 'null';
    if (numeric && !quoted) {
      if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) throw new ValueError(`array element ${raw} has no JSON number form`);
      return raw;
    }
    if (bool && !quoted) return raw === 't' ? 'true' : 'false';
    return JSON.stringify(raw);
  };
  const parse = (): string => {
    if (text[i] !== '{') throw new ValueError(`not an array literal: ${text.slice(0, 40)}`);
    i++;
    const items: string[] = [];
    while (i < text.length && text[i] !== '}') {
      if (text[i] === '{') items.push(parse());
      else if (text[i] === '"') {
        let s = ''; i++;
        while (i < text.length && text[i] !== '"') { if (text[i] === '\\') i++; s += text[i++]; }
        i++;
        items.push(scalar(s, true));
      } else {
        let s = '';
        while (i < text.length && text[i] !== ',' && text[i] !== '}') s += text[i++];
        items.push(scalar(s.trim(), false));
      }
      if (text[i] === ',') i++;
    }
    i++;
    return `[${items.join(',')}]`;
  };
  return parse();
}

const TS = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/;

/** A timestamptz text (any offset) as a UTC DATETIME text, microseconds kept. */
export function toUtcDatetime(text: string): string {
  const m = TS.exec(text);
  if (!m) {
    if (/infinity|BC$/.test(text)) throw new ValueError(`${text} has no DATETIME form`);
    return text; // no offset: a timestamp without time zone
  }
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os] = m as unknown as string[];
  const offset = (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)) * (sign === '-' ? -1 : 1);
  const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 1000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(t.getUTCFullYear(), 4)}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}${frac ?? ''}`;
}

/** Converter for one column from its PostgreSQL type (format_type text) and its MariaDB column type. */
export function pgToMysqlConverter(sourceType: string | undefined, targetType: string): Converter {
  const kind = mysqlKind(targetType);
  const src = (sourceType ?? '').toLowerCase();
  const isArray = src.endsWith('[]');
  return (v: unknown): string | null => {
    if (v === null || v === undefined) return null;
    const s = typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
    if (isArray && (kind === 'json' || kind === 'text')) return pgArrayToJson(s, src.slice(0, -2));
    switch (kind) {
      case 'bool': return s === 't' || s === 'true' ? '1' : s === 'f' || s === 'false' ? '0' : s;
      case 'datetime': return toUtcDatetime(s);
      case 'date':
        if (/infinity|BC$/.test(s)) throw new ValueError(`${s} has no DATE form`);
        return s;
      case 'binary':
        if (s.startsWith('\\x')) return s.slice(2);
        return Buffer.from(s, 'utf8').toString('hex');
      case 'number':
        if (/^(NaN|-?Infinity)$/.test(s)) throw new ValueError(`${s} has no ${targetType} form`);
        return s;
      default:
        return s;
    }
  };
}

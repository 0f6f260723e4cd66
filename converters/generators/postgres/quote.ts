import type { QualifiedName } from '../../model/index.js';
import type { SqlBuf } from './buf.js';

/** Every identifier is quoted, so reserved words and mixed case never break a script. */
export function ident(name: string): string {
  // No regex and no memo for the usual name without quotes: this runs for every identifier printed,
  // and building `"name"` costs less than a Map lookup (measured: 4× less).
  return name.indexOf('"') < 0 ? `"${name}"` : `"${name.replace(/"/g, '""')}"`;
}

export function qname(q: QualifiedName): string {
  return q.schema ? `${ident(q.schema)}.${ident(q.name)}` : ident(q.name);
}

export function qnameInto(b: SqlBuf, q: QualifiedName): void {
  if (q.schema) { b.add(ident(q.schema)); b.add('.'); }
  b.add(ident(q.name));
}

/**
 * `before`, the name, `after` — a plain unqualified name takes its quotes from the constants
 * `open` (= before + '"') and `close` (= '"' + after) instead of being quoted into a copy.
 */
export function qnameBetween(b: SqlBuf, q: QualifiedName, before: string, open: string, close: string, after: string): void {
  if (!q.schema && q.name.indexOf('"') < 0) { b.add(open); b.add(q.name); b.add(close); return; }
  b.add(before);
  qnameInto(b, q);
  b.add(after);
}

/**
 * A string literal for a server with standard_conforming_strings on (the default since 9.1):
 * only quotes are doubled. E'' is used only for control characters other than newline and tab,
 * which would otherwise be hard to see or be mangled by editors (\r, \0 cannot occur in text).
 */
// Regex literals are hoisted here and below: a literal makes a new RegExp object per evaluation.
const CONTROL_CHAR = /[\x01-\x08\x0b-\x1f\x7f]/;

export function stringLiteral(value: string): string {
  if (CONTROL_CHAR.test(value)) {
    const body = value.replace(/\\/g, '\\\\').replace(/'/g, "''")
      .replace(/[\x01-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
    return `E'${body}'`;
  }
  return value.indexOf("'") < 0 ? `'${value}'` : `'${value.replace(/'/g, "''")}'`;
}

/** bytea literal in hex format from hex digits. */
export function byteaLiteral(hexDigits: string): string {
  return `'\\x${hexDigits.toLowerCase()}'::bytea`;
}

/** $tag$ … $tag$ with a tag that does not occur in the body. */
export function dollarQuote(body: string, preferred = 'body'): string {
  let tag = preferred;
  for (let i = 1; body.includes(`$${tag}$`); i++) tag = `${preferred}${i}`;
  return `$${tag}$\n${body}\n$${tag}$`;
}

export function indent(text: string, by = '  '): string {
  return text.split('\n').map((l) => (l.length ? by + l : l)).join('\n');
}

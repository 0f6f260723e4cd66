import type { NamingStyle, QualifiedName } from '../../model/index.js';

/** PostgreSQL truncates identifiers longer than NAMEDATALEN-1 = 63 bytes; MySQL allows 64 characters. */
export const PG_MAX_IDENTIFIER_BYTES = 63;
export const MYSQL_MAX_IDENTIFIER_CHARS = 64;

/** `AlbumId` → `album_id`, `PK_Album` → `pk_album`, `HTMLParser` → `html_parser`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/_+/g, '_')
    .toLowerCase();
}

/**
 * `text.toLowerCase()`, but `text` itself when it has no upper-case or non-ASCII character:
 * toLowerCase allocates a new string even then, and most names are lower case already.
 */
export function lowerCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return text.toLowerCase();
  }
  return text;
}

/** qnameKey's key (`schema.name`, lower case), without lower-casing copies of lower-case names. */
export function nameKey(q: QualifiedName): string {
  return `${q.schema ? lowerCase(q.schema) : ''}.${lowerCase(q.name)}`;
}

export function applyNamingStyle(name: string, style: NamingStyle): string {
  switch (style) {
    case 'preserve': return name;
    case 'snake': return snakeCase(name);
    case 'lower': return name.toLowerCase();
  }
}

/** FNV-1a 32-bit, as 7 base-36 characters: stable across runs and platforms. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

/** UTF-8 bytes of a string (converters/ runs without DOM or Node globals, so no TextEncoder). */
export function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

export function utf8Length(text: string): number {
  // Counted as utf8Bytes encodes (a lone surrogate as 3 bytes), without building the array.
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = utf8Length(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/**
 * Shortens a name over the limit to `prefix_hash`, where hash is taken over the full name, so the
 * same long name always gives the same short one and two long names sharing a prefix differ.
 */
export function shortenIdentifier(name: string, maxBytes = PG_MAX_IDENTIFIER_BYTES): { name: string; shortened: boolean } {
  const short = shortName(name, maxBytes);
  return { name: short, shortened: short !== name };
}

/** shortenIdentifier's name alone (no result object: names are shortened for every column). */
export function shortName(name: string, maxBytes = PG_MAX_IDENTIFIER_BYTES): string {
  // Each UTF-16 unit is at most 3 UTF-8 bytes: most names fit without counting.
  if (name.length * 3 <= maxBytes || utf8Length(name) <= maxBytes) return name;
  const hash = shortHash(name);
  return `${cutToBytes(name, maxBytes - hash.length - 1)}_${hash}`;
}

/**
 * Hands out names unique within one namespace (e.g. PostgreSQL's per-schema index/constraint
 * names). The first claimant keeps its name; later ones get `_2`, `_3` … (shortened to fit).
 * Claims happen in catalog order, so results are deterministic.
 */
export class UniqueNames {
  private readonly used = new Set<string>();
  constructor(private readonly maxBytes = PG_MAX_IDENTIFIER_BYTES) {}

  reserve(name: string): void { this.used.add(lowerCase(name)); }

  has(name: string): boolean { return this.used.has(lowerCase(name)); }

  claim(wanted: string): string {
    let candidate = shortName(wanted, this.maxBytes);
    for (let i = 2; this.used.has(lowerCase(candidate)); i++) {
      const suffix = `_${i}`;
      candidate = shortName(wanted, this.maxBytes - suffix.length) + suffix;
    }
    this.used.add(lowerCase(candidate));
    return candidate;
  }
}

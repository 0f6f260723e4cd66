import type { QualifiedName } from '../../model/index.js';

/** Backtick-quotes an identifier; a backtick inside the name is doubled. */
export function ident(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

export function qname(q: QualifiedName): string {
  return q.schema ? `${ident(q.schema)}.${ident(q.name)}` : ident(q.name);
}

/**
 * A MySQL string literal that means the same whatever the sql_mode: quotes are doubled (valid with
 * and without NO_BACKSLASH_ESCAPES); text containing a backslash, NUL or Ctrl-Z (which the two
 * modes read differently, or clients mangle) is written as `_utf8mb4 X'…'`, the UTF-8 bytes in hex.
 */
export function str(value: string): string {
  if (/[\\\0\x1a]/.test(value)) {
    let hex = '';
    for (const b of new TextEncoder().encode(value)) hex += b.toString(16).padStart(2, '0');
    return `_utf8mb4 X'${hex}'`;
  }
  return `'${value.replace(/'/g, "''")}'`;
}

export function indent(text: string, by = '  '): string {
  return text.split('\n').map((l) => (l.length ? by + l : l)).join('\n');
}

import type { QualifiedName } from '../../model/index.js';

/** Backtick-quotes an identifier; a backtick inside the name is doubled. */
export function ident(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

export function qname(q: QualifiedName): string {
  return q.schema ? `${ident(q.schema)}.${ident(q.name)}` : ident(q.name);
}

/**
 * A MySQL string literal that means the same under any sql_mode: backslash and quote are
 * escaped with a backslash (NO_BACKSLASH_ESCAPES off, the default) — so apply scripts must run
 * with the default sql_mode; control characters use their escape sequences.
 */
export function str(value: string): string {
  let out = "'";
  for (const ch of value) {
    switch (ch) {
      case '\\': out += '\\\\'; break;
      case "'": out += "\\'"; break;
      case '\0': out += '\\0'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\x1a': out += '\\Z'; break;
      default: out += ch;
    }
  }
  return out + "'";
}

export function indent(text: string, by = '  '): string {
  return text.split('\n').map((l) => (l.length ? by + l : l)).join('\n');
}

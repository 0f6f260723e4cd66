import type { SourceSpan } from '../../model/index.js';
import type { Token, LexStart } from './tokens.js';

/** Span covering tokens `from` … `to` in `file`. */
export function spanOf(file: string, from: Token, to: Token = from): SourceSpan {
  return { file, line: from.line, column: from.column, endLine: to.endLine, endColumn: to.endColumn, offset: from.offset, endOffset: to.end };
}

/**
 * Line/column of `offset` within `text`, counting LF, CRLF and lone CR as one line break and
 * skipping a leading byte-order mark. For repeated lookups in one file, keep a cursor and
 * advance it instead (see the MySQL splitter).
 */
export function locate(text: string, offset: number, from: LexStart = { offset: 0, line: 1, column: 1 }): LexStart {
  let line = from.line;
  let lineStart = from.offset - (from.column - 1);
  if (from.offset === 0 && text.charCodeAt(0) === 0xfeff) lineStart = 1;
  for (let j = from.offset; j < offset; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || (c === 13 && text.charCodeAt(j + 1) !== 10)) { line++; lineStart = j + 1; }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

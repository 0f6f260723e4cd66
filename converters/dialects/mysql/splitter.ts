import type { SourceSpan } from '../../model/index.js';

/** One statement of a MySQL script, as the mysql client would send it to the server. */
export interface ScriptStatement {
  kind: 'sql';
  /** From its first token up to (not including) the delimiter. */
  text: string;
  span: SourceSpan;
  /** The delimiter in force (`;`, `$$`, `//` …). */
  delimiter: string;
  /** Set when the file ended before the statement's delimiter, or inside a string/comment. */
  unterminated?: 'string' | 'identifier' | 'comment' | 'statement';
}

const LF = 10, CR = 13, SPACE = 32, QUOTE = 39, DQUOTE = 34, BACKTICK = 96, BACKSLASH = 92, HASH = 35, DASH = 45,
  SLASH = 47, STAR = 42;

function isBlank(c: number): boolean { return c === SPACE || (c >= 9 && c <= 13); }

/** ASCII characters that never change the splitter's state inside a statement. */
const PLAIN = new Uint8Array(128);
for (let c = 32; c < 127; c++) PLAIN[c] = 1;
for (const ch of ['\'', '"', '`', '-', '#', '/', '\\']) PLAIN[ch.charCodeAt(0)] = 0;
PLAIN[9] = 1;

/**
 * Finds the next character that is not PLAIN (or is the delimiter's first character). Line feeds
 * are not stops: the jump counts the ones it passes (one per line, an indexOf each, instead of a
 * regex call and a loop turn per line).
 */
function stopAt(d0: number): RegExp {
  return new RegExp(`[\\x00-\\x08\\x0b-\\x1f\\x7f'"\`\\-#/\\\\\\u${d0.toString(16).padStart(4, '0')}]`, 'g');
}

/**
 * Splits a script the way the mysql command-line client does: DELIMITER commands (any case, any
 * delimiter, also as the last line without a newline), statements ending in the current delimiter,
 * delimiters inside strings, identifiers and comments ignored. Version comments `/*!… *\/` are code.
 * Linear in the text length.
 */
export interface SplitOptions {
  /** Whether \\ escapes in strings (false under NO_BACKSLASH_ESCAPES); asked at each string. */
  backslashEscapes?: () => boolean;
  /** Called with each statement as soon as it is complete, before splitting goes on (so sql_mode set by it applies). */
  onStatement?: (st: ScriptStatement) => void;
  /** Return no list (onStatement has every statement): the list would keep them all alive to the end. */
  noList?: boolean;
}

export function splitMysqlScript(text: string, file: string, options: SplitOptions = {}): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  if (n > 0 && text.charCodeAt(0) === 0xfeff) { i = 1; lineStart = 1; }
  let delimiter = ';';

  // Start of the current statement (-1: none yet).
  let stStart = -1;
  let stLine = 0;
  let stCol = 0;

  const newline = (j: number): void => { line++; lineStart = j + 1; };
  const emit = (end: number, after: number, unterminated?: ScriptStatement['unterminated']): void => {
    if (stStart < 0) return;
    let e = end;
    while (e > stStart && isBlank(text.charCodeAt(e - 1))) e--;
    const st: ScriptStatement = {
      kind: 'sql',
      text: text.slice(stStart, e),
      span: { file, line: stLine, column: stCol, endLine: line, endColumn: after - lineStart + 1, offset: stStart, endOffset: after },
      delimiter,
    };
    if (unterminated) st.unterminated = unterminated;
    if (!options.noList) out.push(st);
    stStart = -1;
    options.onStatement?.(st);
  };

  let d0 = delimiter.charCodeAt(0);
  let stop = stopAt(d0);
  let nextLf = -2;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (stStart >= 0 && c !== d0 && (c >= 128 || PLAIN[c] === 1)) {
      // Jump over the run of plain characters to the next one that matters (a native regex scan).
      stop.lastIndex = i + 1;
      const to = stop.test(text) ? stop.lastIndex - 1 : n;
      // nextLf: the first line feed at or after i + 1 (-1: none left); each is searched for once.
      if (nextLf !== -1 && nextLf < i + 1) nextLf = text.indexOf('\n', i + 1);
      while (nextLf !== -1 && nextLf < to) { newline(nextLf); nextLf = text.indexOf('\n', nextLf + 1); }
      i = to;
      continue;
    }
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) { newline(i); i++; continue; }
    if (isBlank(c)) { i++; continue; }

    // Comments (not /*! version comments, which are code).
    if ((c === DASH && text.charCodeAt(i + 1) === DASH && (i + 2 >= n || text.charCodeAt(i + 2) <= SPACE)) || c === HASH) {
      while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR && text.charCodeAt(i + 2) !== 33 && !(text.charCodeAt(i + 2) === 77 && text.charCodeAt(i + 3) === 33)) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      if (close < 0 && stStart < 0) { stStart = i; stLine = line; stCol = i - lineStart + 1; }
      for (let j = i; j < end; j++) { const d = text.charCodeAt(j); if (d === LF || (d === CR && text.charCodeAt(j + 1) !== LF)) newline(j); }
      if (close < 0) {
        i = n;
        emit(n, n, 'comment');
        break;
      }
      i = end;
      continue;
    }

    // DELIMITER command, only where a statement would start.
    if (stStart < 0 && (c === 100 || c === 68) && text.length - i >= 9 && text.slice(i, i + 9).toLowerCase() === 'delimiter'
      && (i + 9 >= n || isBlank(text.charCodeAt(i + 9)))) {
      let j = i + 9;
      while (j < n && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === 9)) j++;
      let k = j;
      while (k < n && !isBlank(text.charCodeAt(k))) k++;
      if (k > j) { delimiter = text.slice(j, k); d0 = delimiter.charCodeAt(0); stop = stopAt(d0); }
      // The rest of the line is ignored.
      while (k < n && text.charCodeAt(k) !== LF && text.charCodeAt(k) !== CR) k++;
      i = k;
      continue;
    }

    if (stStart < 0) { stStart = i; stLine = line; stCol = i - lineStart + 1; }

    // Strings and quoted identifiers.
    if (c === QUOTE || c === DQUOTE || c === BACKTICK) {
      let j = i + 1;
      let closed = false;
      const escapes = c !== BACKTICK && (options.backslashEscapes?.() ?? true);
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === BACKSLASH && escapes) { if (text.charCodeAt(j + 1) === LF) newline(j + 1); j += 2; continue; }
        if (d === c) {
          if (text.charCodeAt(j + 1) === c) { j += 2; continue; }
          closed = true;
          j++;
          break;
        }
        if (d === LF || (d === CR && text.charCodeAt(j + 1) !== LF)) newline(j);
        j++;
      }
      i = Math.min(j, n);
      if (!closed) { emit(n, n, c === BACKTICK ? 'identifier' : 'string'); break; }
      continue;
    }

    // The delimiter.
    if (c === delimiter.charCodeAt(0) && (delimiter.length === 1 || text.startsWith(delimiter, i))) {
      const after = i + delimiter.length;
      emit(i, after);
      i = after;
      continue;
    }
    i++;
  }
  if (stStart >= 0) emit(n, n, 'statement');
  return out;
}

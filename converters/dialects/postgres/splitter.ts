import type { SourceSpan } from '../../model/index.js';

/**
 * One item of a PostgreSQL script: a SQL statement (without its `;`), a psql meta-command line
 * (`\connect db`), or a `COPY … FROM stdin` statement together with its data rows.
 */
export interface ScriptStatement {
  kind: 'sql' | 'meta' | 'copy';
  /** Statement text from its first token up to (not including) the terminating `;`. */
  text: string;
  span: SourceSpan;
  /** COPY … FROM stdin: the raw data lines up to (not including) the `\.` line. */
  copyRows?: string[];
  /** Set when the file ended inside a quote, dollar quote, comment or COPY data. */
  unterminated?: 'string' | 'identifier' | 'dollar-quote' | 'comment' | 'copy-data' | 'statement';
}

// character codes (plain constants: `const enum` is not inlined under isolatedModules)
const LF = 10, CR = 13, SPACE = 32, TAB = 9, QUOTE = 39, DQUOTE = 34, DOLLAR = 36, SEMI = 59,
  DASH = 45, SLASH = 47, STAR = 42, BACKSLASH = 92;

/** ASCII character classes: 1 space, 2 identifier character. */
const CLASS = new Uint8Array(128);
for (const c of [SPACE, TAB, LF, CR, 11, 12]) CLASS[c] = 1;
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DOLLAR) CLASS[c] = 2;
}

function isIdentChar(c: number): boolean {
  return c >= 128 || CLASS[c] === 2;
}
function isTagStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
function isSpace(c: number): boolean {
  return c < 128 && CLASS[c] === 1;
}

/** Precomputed line starts so offsets map to line/column in O(log n). */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly bom: boolean;
  constructor(text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + (lo === 0 && this.bom ? 0 : 1) };
  }
  span(file: string, start: number, end: number): SourceSpan {
    const a = this.position(start), b = this.position(Math.max(start, end));
    return { file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, offset: start, endOffset: end };
  }
}

/**
 * Splits a psql script. Offsets in spans are into `text` as given (a leading BOM counts as one
 * character and is skipped); CRLF is kept in statement text and handled like LF.
 */
export function splitPostgresScript(text: string, file: string): ScriptStatement[] {
  const lines = new LineIndex(text);
  const out: ScriptStatement[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let start = -1; // offset of the current statement's first token
  let lastEnd = -1; // end offset of the last token of the current statement
  let wordCount = 0, beginDepth = 0, routine = false, isCreate = false;

  const emit = (kind: ScriptStatement['kind'], end: number, extra?: Partial<ScriptStatement>): void => {
    out.push({ kind, text: text.slice(start, end), span: lines.span(file, start, end), ...extra });
    start = -1;
  };
  const lineEnd = (from: number): number => {
    const k = text.indexOf('\n', from);
    return k < 0 ? n : k;
  };
  const trimCr = (s: string): string => (s.endsWith('\r') ? s.slice(0, -1) : s);

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) { i++; while (i < n && isSpace(text.charCodeAt(i))) i++; continue; }
    // comments
    if (c === DASH && text.charCodeAt(i + 1) === DASH) { i = lineEnd(i); continue; }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      let depth = 1, k = i + 2;
      while (k < n && depth > 0) {
        const d = text.charCodeAt(k);
        if (d === SLASH && text.charCodeAt(k + 1) === STAR) { depth++; k += 2; } else if (d === STAR && text.charCodeAt(k + 1) === SLASH) { depth--; k += 2; } else k++;
      }
      if (depth > 0) {
        if (start < 0) start = i;
        emit('sql', n, { unterminated: 'comment' });
        return out;
      }
      i = k;
      continue;
    }
    // psql meta-command: a backslash that starts a statement runs to the end of its line
    if (c === BACKSLASH && start < 0) {
      start = i;
      const e = lineEnd(i);
      const raw = trimCr(text.slice(i, e));
      if (/^\\copy\b/i.test(raw) && /\bfrom\s+stdin\b/i.test(raw)) {
        // psql's \copy … from stdin: the data follows like COPY's, up to \.
        const { rows, closed, next } = readCopyData(text, e + 1);
        const body = raw.slice(1).replace(/;\s*$/, '');
        out.push({ kind: 'copy', text: body, span: lines.span(file, i + 1, i + 1 + body.length), copyRows: rows, ...(closed ? {} : { unterminated: 'copy-data' as const }) });
        start = -1;
        i = next;
        continue;
      }
      out.push({ kind: 'meta', text: raw, span: lines.span(file, i, i + raw.length) });
      start = -1;
      i = e;
      continue;
    }
    if (start < 0) { start = i; wordCount = 0; beginDepth = 0; routine = false; isCreate = false; }
    if (c === SEMI && beginDepth > 0) { i++; lastEnd = i; continue; }
    if (c === SEMI) {
      const stmtEnd = lastEnd > start ? lastEnd : i;
      const body = text.slice(start, stmtEnd);
      if (start === i) { start = -1; i++; continue; } // empty statement
      if (/^copy\b/i.test(body) && /\bfrom\s+stdin\b/i.test(body)) {
        // data starts on the next line and runs to a line holding only \.
        const { rows, closed, next } = readCopyData(text, lineEnd(i) + 1);
        out.push({ kind: 'copy', text: body, span: lines.span(file, start, stmtEnd), copyRows: rows, ...(closed ? {} : { unterminated: 'copy-data' as const }) });
        start = -1;
        i = next;
        continue;
      }
      emit('sql', stmtEnd);
      i++;
      continue;
    }
    // quoted things
    if (c === QUOTE) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
      const escape = prev === 69 || prev === 101; // E'…' (the E is part of the same token)
      const k = scanString(text, i + 1, escape && (i - 1 === start || !isIdentChar(text.charCodeAt(i - 2))));
      if (k < 0) { emit('sql', n, { unterminated: 'string' }); return out; }
      i = k; lastEnd = i;
      continue;
    }
    if (c === DQUOTE) {
      let k = i + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) { emit('sql', n, { unterminated: 'identifier' }); return out; }
        if (text.charCodeAt(q + 1) === DQUOTE) { k = q + 2; continue; }
        k = q + 1;
        break;
      }
      i = k; lastEnd = i;
      continue;
    }
    if (c === DOLLAR && !(i > 0 && isIdentChar(text.charCodeAt(i - 1)) && i - 1 >= start)) {
      const tagEnd = dollarTagEnd(text, i);
      if (tagEnd > 0) {
        const tag = text.slice(i, tagEnd);
        const close = text.indexOf(tag, tagEnd);
        if (close < 0) { emit('sql', n, { unterminated: 'dollar-quote' }); return out; }
        i = close + tag.length; lastEnd = i;
        continue;
      }
    }
    // any other token character
    if (isIdentChar(c)) {
      let k = i + 1;
      while (k < n && isIdentChar(text.charCodeAt(k))) k++;
      // an identifier directly followed by a quote (E'…', U&'…', B'…') is handled at the quote.
      // Like psql, track BEGIN/CASE … END in CREATE FUNCTION/PROCEDURE so that the `;` inside
      // a SQL-standard body (BEGIN ATOMIC … END) does not end the statement.
      const len = k - i;
      if (wordCount < 5 || (routine && len >= 3 && len <= 5)) {
        const w = text.slice(i, k).toLowerCase();
        if (wordCount === 0) routine = false, isCreate = w === 'create';
        else if (isCreate && wordCount < 5 && (w === 'function' || w === 'procedure')) routine = true;
        if (routine) {
          if (w === 'begin' || w === 'case') beginDepth++;
          else if (w === 'end' && beginDepth > 0) beginDepth--;
        }
      }
      wordCount++;
      i = k; lastEnd = i;
      continue;
    }
    i++; lastEnd = i;
  }
  if (start >= 0) {
    const end = lastEnd > start ? lastEnd : n;
    emit('sql', end, { unterminated: 'statement' });
  }
  return out;
}

/** COPY text data lines from `from` up to a line holding only `\.`. */
function readCopyData(text: string, from: number): { rows: string[]; closed: boolean; next: number } {
  const n = text.length;
  const rows: string[] = [];
  let k = from;
  while (k < n) {
    let e = text.indexOf('\n', k);
    if (e < 0) e = n;
    let row = text.slice(k, e);
    if (row.endsWith('\r')) row = row.slice(0, -1);
    k = e + 1;
    if (row === '\\.') return { rows, closed: true, next: Math.min(k, n) };
    rows.push(row);
  }
  return { rows, closed: false, next: n };
}

/** Returns the offset after the closing quote, or -1 when the string never ends. */
function scanString(text: string, from: number, backslashEscapes: boolean): number {
  let k = from;
  const n = text.length;
  while (k < n) {
    const d = text.charCodeAt(k);
    if (backslashEscapes && d === BACKSLASH) { k += 2; continue; }
    if (d === QUOTE) {
      if (text.charCodeAt(k + 1) === QUOTE) { k += 2; continue; }
      return k + 1;
    }
    k++;
  }
  return -1;
}

/** `$tag$` or `$$` starting at `at`: returns the offset after the second `$`, else -1. */
export function dollarTagEnd(text: string, at: number): number {
  let k = at + 1;
  if (text.charCodeAt(k) === DOLLAR) return k + 1;
  if (!isTagStart(text.charCodeAt(k))) return -1;
  k++;
  while (k < text.length) {
    const d = text.charCodeAt(k);
    if (d === DOLLAR) return k + 1;
    if (!((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d >= 128)) return -1;
    k++;
  }
  return -1;
}

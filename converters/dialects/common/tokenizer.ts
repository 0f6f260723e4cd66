import type { LexError, LexStart, Token, TokenType, TokenizerConfig } from './tokens.js';
import { TokenArena } from './token-arena.js';

/**
 * A single pass over the text by character code. Strings, comments and quoted identifiers are
 * scanned with indexOf-style loops, so the cost is linear in the input whatever it contains.
 */
export interface TokenizeResult {
  tokens: Token[];
  errors: LexError[];
  /** Optimizer hint comments `/*+ … *\/`, kept apart from the token stream. */
  hints: Token[];
}

const CH_TAB = 9, CH_LF = 10, CH_CR = 13, CH_SPACE = 32, CH_BANG = 33, CH_DQUOTE = 34, CH_HASH = 35,
  CH_DOLLAR = 36, CH_AMP = 38, CH_QUOTE = 39, CH_STAR = 42, CH_PLUS = 43, CH_MINUS = 45, CH_DOT = 46,
  CH_SLASH = 47, CH_0 = 48, CH_9 = 57, CH_COLON = 58, CH_QMARK = 63, CH_AT = 64, CH_BACKSLASH = 92,
  CH_UNDERSCORE = 95, CH_BACKTICK = 96, CH_BOM = 0xfeff;

function isDigit(c: number): boolean { return c >= CH_0 && c <= CH_9; }
/** ASCII identifier classes: 1 = may start an identifier, 2 = may continue one. */
const IDENT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === CH_UNDERSCORE) IDENT[c] = 3;
  else if ((c >= CH_0 && c <= CH_9) || c === CH_DOLLAR) IDENT[c] = 2;
}
function isIdentStart(c: number): boolean {
  return c < 128 ? (IDENT[c]! & 1) !== 0 : c !== CH_BOM && c !== 0xa0 && c !== 0xfffd;
}
function isIdentPart(c: number): boolean {
  return c < 128 ? (IDENT[c]! & 2) !== 0 : c !== CH_BOM && c !== 0xa0 && c !== 0xfffd;
}
function isSpace(c: number): boolean { return c === CH_SPACE || (c >= CH_TAB && c <= CH_CR) || c === 0xa0; }
function isHexDigit(c: number): boolean { return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70); }

const SINGLE_OP = new Uint8Array(128);
for (const ch of '()[]{},;.+-*/%=<>!~&|^#@?:') SINGLE_OP[ch.charCodeAt(0)] = 1;
const SINGLE_OPS = { has: (c: number): boolean => c < 128 && SINGLE_OP[c] === 1 };

const MYSQL_ESCAPES: Record<string, string> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '%': '\\%', _: '\\_' };
const PG_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

const OPS_CACHE = new WeakMap<TokenizerConfig, (string[] | undefined)[]>();

/** The multi-character operators by first character code (an array: operators are ASCII), longest first. */
function operatorsByFirstChar(config: TokenizerConfig): (string[] | undefined)[] {
  let m = OPS_CACHE.get(config);
  if (m) return m;
  m = new Array<string[] | undefined>(128).fill(undefined);
  for (const op of [...config.operators].sort((a, b) => b.length - a.length)) {
    const c = op.charCodeAt(0);
    if (c >= 128) throw new Error(`operator ${op} does not start with an ASCII character`);
    (m[c] ??= []).push(op);
  }
  OPS_CACHE.set(config, m);
  return m;
}

/**
 * Tokens of `text`, whose first character is at `start` in the file. With `end`, `text` is the whole
 * file instead and text[start.offset, end) is tokenized in place (no slice of it needed), exactly
 * as that slice would be: nothing before start.offset or from `end` on is read.
 * `reuse`: token objects from an earlier call whose tokens are no longer used, overwritten instead
 * of allocated (the MySQL front end tokenizes statement by statement: a 5,000-statement script
 * otherwise makes 250,000 short-lived 112-byte objects). New ones are added to it. A TokenArena
 * also reuses the token list and interns words and numbers. Pass it only when nothing keeps the
 * earlier tokens; never to a call made while they are still being parsed.
 */
export function tokenize(text: string, config: TokenizerConfig, start: LexStart = { offset: 0, line: 1, column: 1 }, reuse?: Token[] | TokenArena, end?: number): TokenizeResult {
  if (reuse instanceof TokenArena) {
    // The arena's lexer object serves every statement of the run.
    const lexer = reuse.lexer as Lexer | undefined;
    if (lexer !== undefined) { lexer.reset(text, config, start, reuse, end); return lexer.run(); }
    const created = new Lexer(text, config, start, reuse, end);
    reuse.lexer = created;
    return created.run();
  }
  return new Lexer(text, config, start, reuse, end).run();
}

/** No errors / hints (the usual case): shared, frozen; a lexer makes its own array at the first one. */
const NO_ERRORS = Object.freeze([]) as readonly LexError[] as LexError[];
const NO_HINTS = Object.freeze([]) as readonly Token[] as Token[];

/** State of one tokenize() call; methods rather than closures keep per-call setup cheap. */
class Lexer {
  text!: string;
  config!: TokenizerConfig;
  tokens!: Token[];
  /** Tokens made so far (the list of a TokenArena may be longer until the end). */
  count = 0;
  pool: Token[] | undefined;
  arena: TokenArena | undefined;
  errors = NO_ERRORS;
  hints = NO_HINTS;
  /** Index of the first character to read, and the end (exclusive). */
  i0 = 0;
  n = 0;
  /** File offset of text[0]. */
  base = 0;
  line = 0;
  /** Column of index i on the current line is i - lineStart + 1. */
  lineStart = 0;
  tokStart = 0;
  ops!: (string[] | undefined)[];

  constructor(text: string, config: TokenizerConfig, start: LexStart, reuse: Token[] | TokenArena | undefined, end: number | undefined) {
    this.reset(text, config, start, reuse, end);
  }

  reset(text: string, config: TokenizerConfig, start: LexStart, reuse: Token[] | TokenArena | undefined, end: number | undefined): void {
    this.text = text;
    this.config = config;
    if (reuse instanceof TokenArena) { this.arena = reuse; this.pool = reuse.objects; this.tokens = reuse.list; }
    else { this.arena = undefined; this.pool = reuse; this.tokens = []; }
    this.count = 0;
    this.errors = NO_ERRORS;
    this.hints = NO_HINTS;
    if (end === undefined) { this.i0 = 0; this.n = text.length; this.base = start.offset; }
    else { this.i0 = start.offset; this.n = end; this.base = 0; }
    this.line = start.line;
    // (i0 + 1) - column, never -(column - 1): a -0 would make every column a boxed double (≈60 bytes more per span).
    this.lineStart = this.i0 + 1 - start.column;
    this.tokStart = 0;
    this.ops = operatorsByFirstChar(config);
    this.qEnd = 0;
    this.qClosed = false;
  }

  /** The character code at k, NaN outside [i0, n) (as charCodeAt reads outside a slice). */
  at(k: number): number {
    return k >= this.i0 && k < this.n ? this.text.charCodeAt(k) : NaN;
  }

  /** The character code after index i, -1 at the end (read only where a token's first character calls for it). */
  next1(i: number): number {
    return i + 1 < this.n ? this.text.charCodeAt(i + 1) : -1;
  }

  /** text.indexOf(s, from) limited to [.., n). */
  find(s: string, from: number): number {
    const k = this.text.indexOf(s, from);
    return k < 0 || k + s.length > this.n ? -1 : k;
  }

  /** Moves over text[from, to) counting line breaks (LF, CRLF, lone CR). */
  passLines(from: number, to: number): void {
    const text = this.text;
    for (let j = from; j < to; j++) {
      const c = text.charCodeAt(j);
      if (c === CH_LF) { this.line++; this.lineStart = j + 1; }
      else if (c === CH_CR && this.at(j + 1) !== CH_LF) { this.line++; this.lineStart = j + 1; }
    }
  }

  error(message: string, at: number, atLine: number, atCol: number): void {
    if (this.errors === NO_ERRORS) this.errors = [];
    this.errors.push({ message, offset: this.base + at, line: atLine, column: atCol });
  }

  push(type: TokenType, from: number, to: number, value: string, upper: string, startLine: number, startCol: number, prefix?: string, text?: string): Token {
    const pool = this.pool;
    const tokens = this.tokens;
    const k = this.count++;
    if (pool !== undefined && k < pool.length) {
      const tok = pool[k]!;
      tok.type = type; tok.value = value; tok.upper = upper; tok.text = text ?? this.text.slice(from, to);
      tok.offset = this.base + from; tok.end = this.base + to; tok.line = startLine; tok.column = startCol;
      tok.endLine = this.line; tok.endColumn = to - this.lineStart + 1; tok.prefix = prefix;
      if (k < tokens.length) tokens[k] = tok; else tokens.push(tok);
      return tok;
    }
    // Every token gets the same shape (prefix included) so property access stays monomorphic.
    const tok: Token = {
      type, value, upper, text: text ?? this.text.slice(from, to), offset: this.base + from, end: this.base + to,
      line: startLine, column: startCol, endLine: this.line, endColumn: to - this.lineStart + 1, prefix,
    };
    if (k < tokens.length) tokens[k] = tok; else tokens.push(tok);
    if (pool !== undefined) pool.push(tok);
    return tok;
  }

  isExponent(j: number): boolean {
    const c = this.at(j);
    if (c !== 101 && c !== 69) return false;
    const d = this.at(j + 1);
    if (isDigit(d)) return true;
    return (d === CH_PLUS || d === CH_MINUS) && isDigit(this.at(j + 2));
  }

  /** Set by scanQuoted: index after the closing quote, and whether the quote was closed. */
  qEnd = 0;
  qClosed = false;

  /**
   * Scans a quoted run starting after the opening quote; returns the value and sets qEnd/qClosed
   * (no result tuple: this runs once per string and quoted identifier).
   */
  scanQuoted(from: number, q: number, escapes: 'none' | 'mysql' | 'pg'): string {
    const text = this.text;
    const n = this.n;
    let out = '';
    let chunk = from;
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === q) {
        if (this.at(j + 1) === q) { out += text.slice(chunk, j + 1); j += 2; chunk = j; continue; }
        this.qEnd = j + 1;
        this.qClosed = true;
        // A string without doubled quotes or escapes is one slice.
        return chunk === from ? text.slice(from, j) : out + text.slice(chunk, j);
      }
      if (c === CH_BACKSLASH && escapes !== 'none' && j + 1 < n) {
        out += text.slice(chunk, j);
        const e = text[j + 1]!;
        if (escapes === 'mysql') {
          out += MYSQL_ESCAPES[e] ?? e;
          j += 2;
        } else {
          const r = decodePgEscape(text, j, n);
          out += r[0];
          j = r[1];
        }
        chunk = j;
        continue;
      }
      j++;
    }
    this.qEnd = n;
    this.qClosed = false;
    return out + text.slice(chunk, n);
  }

  /** Scans a string or quoted identifier whose body starts at `from`; returns the index after it. */
  scanString(from: number, q: number, escapes: 'none' | 'mysql' | 'pg', type: TokenType, prefix: string | undefined, startLine: number, startCol: number): number {
    const value = this.scanQuoted(from, q, escapes);
    const end = this.qEnd, closed = this.qClosed;
    this.passLines(from, end);
    if (!closed) this.error(`unterminated ${type === 'qident' ? 'quoted identifier' : 'string'} (opened here, never closed)`, from - 1, startLine, startCol);
    this.push(type, this.tokStart, end, value, '', startLine, startCol, prefix);
    return end;
  }

  /** Oracle q'<d>…<d>'' at `from` (the delimiter character); brackets close with their pair. */
  scanQQuote(from: number, prefix: string | undefined, startLine: number, startCol: number): number {
    const text = this.text;
    const open = from < this.n ? text[from]! : '';
    const close = ({ '[': ']', '{': '}', '(': ')', '<': '>' } as Record<string, string>)[open] ?? open;
    const at = open === '' ? -1 : this.find(close + "'", from + 1);
    const end = at < 0 ? this.n : at + 2;
    this.passLines(from, end);
    if (at < 0) this.error(`unterminated q'${open}…${close}' string (opened here, never closed)`, this.tokStart, startLine, startCol);
    this.push('string', this.tokStart, end, text.slice(from + 1, at < 0 ? this.n : at), '', startLine, startCol, prefix);
    return end;
  }

  run(): TokenizeResult {
    const text = this.text;
    const config = this.config;
    const n = this.n;
    let i = this.i0;
    let inVersionComment = false;
    let invalidReported = false;
    if (this.base + i === 0 && n > 0 && text.charCodeAt(0) === CH_BOM) { i = 1; this.lineStart = 1; }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        if (c === CH_LF) { this.line++; this.lineStart = i + 1; }
        else if (c === CH_CR && this.at(i + 1) !== CH_LF) { this.line++; this.lineStart = i + 1; }
        i++;
        continue;
      }
      const startLine = this.line;
      const startCol = i - this.lineStart + 1;
      this.tokStart = i;

      // Comments.
      if ((c === CH_MINUS && this.next1(i) === CH_MINUS && (!config.dashCommentNeedsSpace || i + 2 >= n || text.charCodeAt(i + 2) <= CH_SPACE))
        || (c === CH_HASH && config.hashComments)) {
        let j = i;
        while (j < n && text.charCodeAt(j) !== CH_LF && text.charCodeAt(j) !== CH_CR) j++;
        i = j;
        continue;
      }
      if (c === CH_SLASH && this.next1(i) === CH_STAR) {
        const c2 = this.at(i + 2);
        if (config.versionComments && (c2 === CH_BANG || (c2 === 77 && this.at(i + 3) === CH_BANG))) {
          let j = i + (c2 === CH_BANG ? 3 : 4);
          const vStart = j;
          while (j < n && isDigit(text.charCodeAt(j)) && j - vStart < 6) j++;
          const version = j > vStart ? Number(text.slice(vStart, j)) : 0;
          const mariaOnly = c2 !== CH_BANG;
          const maria = config.mariadbVersionComments === true;
          const included = version <= config.serverVersion
            && (mariaOnly ? maria : !(maria && version >= 50700 && version <= 99999));
          if (!inVersionComment && included) {
            inVersionComment = true;
            i = j;
            continue;
          }
        }
        if (c2 === CH_PLUS) {
          const close = this.find('*/', i + 3);
          const end = close < 0 ? n : close + 2;
          this.passLines(i, end);
          if (this.hints === NO_HINTS) this.hints = [];
          this.hints.push({ type: 'word', value: text.slice(i + 3, close < 0 ? n : close).trim(), upper: '', text: text.slice(i, end), offset: this.base + i, end: this.base + end, line: startLine, column: startCol, endLine: this.line, endColumn: end - this.lineStart + 1 });
          i = end;
          continue;
        }
        let depth = 1;
        let j = i + 2;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === CH_STAR && this.at(j + 1) === CH_SLASH) { depth--; j += 2; if (depth === 0 || !config.nestedComments) { depth = 0; break; } continue; }
          if (config.nestedComments && d === CH_SLASH && this.at(j + 1) === CH_STAR) { depth++; j += 2; continue; }
          j++;
        }
        if (depth > 0) this.error('unterminated comment: /* is never closed by */', i, startLine, startCol);
        this.passLines(i, Math.min(j, n));
        i = Math.min(j, n);
        continue;
      }
      if (inVersionComment && c === CH_STAR && this.next1(i) === CH_SLASH) { inVersionComment = false; i += 2; continue; }

      // Words, and words that prefix a string.
      if (isIdentStart(c) || (c === CH_DOLLAR && !config.dollarQuotes && !config.dollarParams) || (c === CH_HASH && config.hashIdentStart)) {
        let j = i + 1;
        let lower = c >= 97 && c <= 122;
        const arena = this.arena;
        let word: string;
        if (arena !== undefined) {
          // The arena knows the upper case; only the interning hash is needed.
          let h = c;
          for (; j < n; j++) {
            const d = text.charCodeAt(j);
            if (!isIdentPart(d) && !(d === CH_HASH && config.hashInIdents)) break;
            h = (Math.imul(h, 31) + d) | 0;
          }
          word = arena.intern(text, i, j, h);
        } else {
          for (; j < n; j++) {
            const d = text.charCodeAt(j);
            if (!isIdentPart(d) && !(d === CH_HASH && config.hashInIdents)) break;
            if (d >= 97 && d <= 122) lower = true;
          }
          word = text.slice(i, j);
        }
        const next = j < n ? text.charCodeAt(j) : -1;
        if (next === CH_QUOTE && j - i <= 64) {
          const up = word.toUpperCase();
          if (up === 'X' || up === 'B') {
            const close = this.find("'", j + 1);
            const end = close < 0 ? n : close + 1;
            this.passLines(j, end);
            if (close < 0) this.error('unterminated string', i, startLine, startCol);
            this.push(up === 'X' ? 'hex' : 'bit', i, end, text.slice(j + 1, close < 0 ? n : close), '', startLine, startCol, up);
            i = end;
            continue;
          }
          if (config.qQuotes && (up === 'Q' || up === 'NQ')) { i = this.scanQQuote(j + 1, up === 'NQ' ? 'N' : undefined, startLine, startCol); continue; }
          if (up === 'N') { i = this.scanString(j + 1, CH_QUOTE, config.backslashEscapes ? 'mysql' : 'none', 'string', 'N', startLine, startCol); continue; }
          if (up === 'E' && config.postgresStringPrefixes) { i = this.scanString(j + 1, CH_QUOTE, 'pg', 'string', 'E', startLine, startCol); continue; }
          if (config.introducers && c === CH_UNDERSCORE) { i = this.scanString(j + 1, CH_QUOTE, config.backslashEscapes ? 'mysql' : 'none', 'string', word, startLine, startCol); continue; }
        }
        if (config.postgresStringPrefixes && (word === 'U' || word === 'u') && next === CH_AMP) {
          const q = this.at(j + 1);
          if (q === CH_QUOTE || q === CH_DQUOTE) {
            const raw = this.scanQuoted(j + 2, q, 'none');
            const end = this.qEnd, closed = this.qClosed;
            this.passLines(j, end);
            if (!closed) this.error('unterminated string', i, startLine, startCol);
            this.push(q === CH_QUOTE ? 'string' : 'qident', i, end, decodeUnicodeEscapes(raw), '', startLine, startCol, 'U&');
            i = end;
            continue;
          }
        }
        // Upper-case words (most keywords) need no second string; an arena has the upper case of a word it saw before.
        const upper = arena !== undefined ? arena.upper : lower || c >= 0x80 ? word.toUpperCase() : word;
        this.push('word', i, j, word, upper, startLine, startCol, undefined, word);
        i = j;
        continue;
      }

      // Numbers (and MySQL identifiers starting with digits).
      if (isDigit(c) || (c === CH_DOT && isDigit(this.next1(i)))) {
        if (config.zeroXLiterals && c === CH_0 && (this.next1(i) === 120 || this.next1(i) === 98)) {
          let j = i + 2;
          const hex = this.next1(i) === 120;
          while (j < n && (hex ? isHexDigit(text.charCodeAt(j)) : (text.charCodeAt(j) === CH_0 || text.charCodeAt(j) === 49))) j++;
          if (j > i + 2 && !(j < n && isIdentPart(text.charCodeAt(j)))) {
            this.push(hex ? 'hex' : 'bit', i, j, text.slice(i + 2, j), '', startLine, startCol, hex ? '0x' : '0b');
            i = j;
            continue;
          }
        }
        let j = i;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
        if (config.digitLeadingIdents && j < n && isIdentStart(text.charCodeAt(j)) && !this.isExponent(j)) {
          while (j < n && isIdentPart(text.charCodeAt(j))) j++;
          this.push('word', i, j, text.slice(i, j), text.slice(i, j).toUpperCase(), startLine, startCol);
          i = j;
          continue;
        }
        // 1..10 (PL/pgSQL ranges) is 1, '..', 10 — not the number '1.'.
        if (j < n && text.charCodeAt(j) === CH_DOT && this.at(j + 1) !== CH_DOT) {
          j++;
          while (j < n && isDigit(text.charCodeAt(j))) j++;
        }
        if (this.isExponent(j)) {
          j++;
          if (this.at(j) === CH_PLUS || this.at(j) === CH_MINUS) j++;
          while (j < n && isDigit(text.charCodeAt(j))) j++;
        }
        // Short numbers repeat (type parameters, defaults); data values mostly do not.
        const digits = this.arena !== undefined && j - i <= 4 ? this.arena.intern(text, i, j, hashOf(text, i, j)) : text.slice(i, j);
        this.push('number', i, j, digits, '', startLine, startCol, undefined, digits);
        i = j;
        continue;
      }

      // Strings and quoted identifiers.
      if (c === CH_QUOTE) { i = this.scanString(i + 1, CH_QUOTE, config.backslashEscapes ? 'mysql' : 'none', 'string', undefined, startLine, startCol); continue; }
      if (c === CH_DQUOTE) {
        i++;
        if (config.doubleQuoteIdents) i = this.scanString(i, CH_DQUOTE, 'none', 'qident', undefined, startLine, startCol);
        else i = this.scanString(i, CH_DQUOTE, config.backslashEscapes ? 'mysql' : 'none', 'string', undefined, startLine, startCol);
        continue;
      }
      if (c === 91 && config.bracketIdents) { i = this.scanString(i + 1, 93, 'none', 'qident', '[', startLine, startCol); continue; }
      if (c === CH_BACKTICK && config.backtickIdents) { i = this.scanString(i + 1, CH_BACKTICK, 'none', 'qident', undefined, startLine, startCol); continue; }

      // Dollar quotes and $n parameters.
      if (c === CH_DOLLAR) {
        if (config.dollarParams && isDigit(this.next1(i))) {
          let j = i + 1;
          while (j < n && isDigit(text.charCodeAt(j))) j++;
          this.push('variable', i, j, text.slice(i + 1, j), '', startLine, startCol, '$');
          i = j;
          continue;
        }
        if (config.dollarQuotes) {
          let j = i + 1;
          if (j < n && isIdentStart(text.charCodeAt(j))) { while (j < n && isIdentPart(text.charCodeAt(j)) && text.charCodeAt(j) !== CH_DOLLAR) j++; }
          if (this.at(j) === CH_DOLLAR) {
            const tag = text.slice(i, j + 1);
            const close = this.find(tag, j + 1);
            const end = close < 0 ? n : close + tag.length;
            this.passLines(i, end);
            if (close < 0) this.error(`unterminated dollar-quoted string: ${tag} is never closed`, i, startLine, startCol);
            this.push('string', i, end, text.slice(j + 1, close < 0 ? n : close), '', startLine, startCol, tag);
            i = end;
            continue;
          }
        }
      }

      // Variables.
      if (c === CH_AT && config.atVariables) {
        let j = i + 1;
        let prefix = '@';
        if (this.next1(i) === CH_AT) { prefix = '@@'; j++; }
        const q = this.at(j);
        if (prefix === '@' && (q === CH_QUOTE || q === CH_DQUOTE || q === CH_BACKTICK)) {
          const value = this.scanQuoted(j + 1, q, q === CH_BACKTICK ? 'none' : config.backslashEscapes ? 'mysql' : 'none');
          const end = this.qEnd, closed = this.qClosed;
          this.passLines(j, end);
          if (!closed) this.error('unterminated quoted variable name', i, startLine, startCol);
          this.push('variable', i, end, value, '', startLine, startCol, prefix);
          i = end;
          continue;
        }
        const nameStart = j;
        while (j < n && (isIdentPart(text.charCodeAt(j)) || (text.charCodeAt(j) === CH_DOT && isIdentStart(this.at(j + 1))))) j++;
        if (j > nameStart) {
          this.push('variable', i, j, text.slice(nameStart, j), '', startLine, startCol, prefix);
          i = j;
          continue;
        }
      }
      if (c === CH_COLON && config.colonBinds && this.next1(i) !== CH_COLON && isIdentStart(this.next1(i)) && this.at(i - 1) !== CH_COLON) {
        let j = i + 1;
        while (j < n && isIdentPart(text.charCodeAt(j))) j++;
        this.push('variable', i, j, text.slice(i + 1, j), '', startLine, startCol, ':');
        i = j;
        continue;
      }
      if (c === CH_QMARK && config.questionParams) {
        this.push('variable', i, i + 1, '?', '', startLine, startCol, '?');
        i++;
        continue;
      }

      // Operators and punctuation.
      const candidates = c < 128 ? this.ops[c] : undefined;
      if (candidates) {
        let matched = '';
        for (const op of candidates) if (i + op.length <= n && text.startsWith(op, i)) { matched = op; break; }
        if (matched) { this.push('op', i, i + matched.length, matched, matched, startLine, startCol, undefined, matched); i += matched.length; continue; }
      }
      if (SINGLE_OPS.has(c)) { const s = text[i]!; this.push('op', i, i + 1, s, s, startLine, startCol, undefined, s); i++; continue; }

      // Anything else: one invalid token per run of bad characters, one error per call.
      let j = i + 1;
      while (j < n && !isSpace(text.charCodeAt(j)) && !isIdentStart(text.charCodeAt(j)) && !SINGLE_OPS.has(text.charCodeAt(j)) && !isDigit(text.charCodeAt(j))) j++;
      if (!invalidReported) {
        invalidReported = true;
        const code = c.toString(16).padStart(4, '0');
        this.error(`unexpected character U+${code.toUpperCase()}${c === 0 ? ' (NUL byte: is this a binary file?)' : ''}`, i, startLine, startCol);
      }
      this.passLines(i, j);
      this.push('invalid', i, j, text.slice(i, j), '', startLine, startCol);
      i = j;
    }
    if (inVersionComment) {
      // An unclosed /*! … is an unterminated comment for the server too.
      this.error('unterminated version comment: /*! is never closed by */', n, this.line, n - this.lineStart + 1);
    }
    const eofCol = n - this.lineStart + 1;
    this.push('eof', n, n, '', '', this.line, eofCol, undefined, '');
    if (this.tokens.length > this.count) this.tokens.length = this.count;
    return { tokens: this.tokens, errors: this.errors, hints: this.hints };

  }
}

function hashOf(text: string, from: number, to: number): number {
  let h = 0;
  for (let j = from; j < to; j++) h = (Math.imul(h, 31) + text.charCodeAt(j)) | 0;
  return h;
}


/** PostgreSQL E'…' escape at text[j] === '\\' (j + 1 < n); returns [decoded, next index]. */
function decodePgEscape(text: string, j: number, n: number): [string, number] {
  const e = text[j + 1]!;
  const simple = PG_ESCAPES[e];
  if (simple !== undefined) return [simple, j + 2];
  if (e >= '0' && e <= '7') {
    let k = j + 1;
    while (k < j + 4 && k < n && text[k]! >= '0' && text[k]! <= '7') k++;
    return [String.fromCharCode(parseInt(text.slice(j + 1, k), 8)), k];
  }
  const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  if (hexLen > 0) {
    let k = j + 2;
    while (k < j + 2 + hexLen && k < n && isHexDigit(text.charCodeAt(k))) k++;
    if (k > j + 2) return [String.fromCodePoint(parseInt(text.slice(j + 2, k), 16)), k];
  }
  return [e, j + 2];
}

/** U&'d\0061t\+000061' → 'data' (default escape character only). */
function decodeUnicodeEscapes(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  for (let k = 0; k < raw.length; k++) {
    const ch = raw[k]!;
    if (ch !== '\\') { out += ch; continue; }
    if (raw[k + 1] === '\\') { out += '\\'; k++; continue; }
    const six = raw[k + 1] === '+';
    const digits = raw.slice(six ? k + 2 : k + 1, six ? k + 8 : k + 5);
    if (/^[0-9a-fA-F]+$/.test(digits)) { out += String.fromCodePoint(parseInt(digits, 16)); k += six ? 7 : 4; } else out += ch;
  }
  return out;
}

import type { Expr, SourceSpan, TableExpr } from '../../model/index.js';
import type { Token } from './tokens.js';
import type { LexStart } from './tokens.js';
import type { Dialect } from './dialect.js';
import { tokenize, type TokenizeResult } from './tokenizer.js';
import { TokenArena } from './token-arena.js';

/** A located parse failure; `span` points at the offending token. */
export class ParseError extends Error {
  private readonly bare: string;
  constructor(message: string, readonly span: SourceSpan) {
    super(`${span.file ? `${span.file}:` : ''}${span.line}:${span.column}: ${message}`);
    this.name = 'ParseError';
    this.bare = message;
  }
  /** The message without the location prefix (file names may contain spaces). */
  get detail(): string {
    return this.bare;
  }
}

/** Dialect hooks a front end installs on a parser (procedural scopes, extra syntax). */
export interface ParserHooks {
  /**
   * Called for every plain (possibly dotted) identifier used as an expression. Return a node to
   * use instead of a ColumnRef, e.g. a local Variable for a declared routine variable.
   */
  identifier?(parts: string[], quoted: boolean[], span: SourceSpan): Expr | undefined;
  /** Called before the shared primary-expression parser; return undefined to fall through. */
  primary?(p: Parser): Expr | undefined;
  /**
   * Called after each table source of a FROM list (before joins): a dialect's table operator
   * (T-SQL PIVOT/UNPIVOT) returns the table expression replacing `source`, or undefined.
   */
  tableOperator?(p: Parser, source: TableExpr, start: Token): TableExpr | undefined;
}

const NO_HOOKS: Readonly<ParserHooks> = Object.freeze({});

export function describeToken(t: Token): string {
  if (t.type === 'eof') return 'end of statement';
  const s = t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text;
  return `'${s}'`;
}

/**
 * Token cursor shared by every dialect parser. Keyword checks compare upper-cased words;
 * `expect*` throw ParseError with file:line:column.
 */
export class Parser {
  readonly tokens: Token[];
  pos = 0;
  /** Made at the first use: most statements never install a hook (see hooks / installedHooks). */
  private hookSet: ParserHooks | undefined = undefined;
  private noteList: { message: string; span: SourceSpan }[] | undefined = undefined;
  get hooks(): ParserHooks { return this.hookSet ??= {}; }
  set hooks(h: ParserHooks) { this.hookSet = h; }
  /** The hooks for reading only (no object is made when there are none). */
  get installedHooks(): Readonly<ParserHooks> { return this.hookSet ?? NO_HOOKS; }
  /** Source details the parser read but the tree cannot carry (Oracle LISTAGG … ON OVERFLOW …); front ends report them. */
  get notes(): { message: string; span: SourceSpan }[] { return this.noteList ??= []; }
  set notes(list: { message: string; span: SourceSpan }[]) { this.noteList = list; }
  readonly lexErrors: TokenizeResult['errors'];
  readonly hints: Token[];

  constructor(
    readonly text: string,
    readonly file: string,
    readonly dialect: Dialect,
    start: LexStart = { offset: 0, line: 1, column: 1 },
    tokens?: Token[],
    /** Token objects (or a whole TokenArena) to overwrite instead of allocating (see tokenize's `reuse`). */
    reuse?: Token[] | TokenArena,
    /**
     * Parse text[start.offset, end) in place: `text` is then the whole file (tokens are made
     * without a slice of the statement; see tokenize's `end`).
     */
    end?: number,
  ) {
    this.arena = reuse instanceof TokenArena ? reuse : undefined;
    this.base = end === undefined ? start.offset : 0;
    this.end = end === undefined ? start.offset + text.length : end;
    if (tokens) { this.tokens = tokens; this.lexErrors = []; this.hints = []; }
    else {
      const r = tokenize(text, dialect.tokenizer, start, reuse, end);
      this.tokens = r.tokens;
      this.lexErrors = r.errors;
      this.hints = r.hints;
    }
  }
  private readonly arena: TokenArena | undefined;
  /** File offset of text[0], and of the end of the parsed input. */
  private readonly base: number;
  private readonly end: number;

  get cur(): Token { return this.tokens[this.pos]!; }
  peek(k = 0): Token { return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]!; }
  get prev(): Token { return this.tokens[Math.max(0, this.pos - 1)]!; }
  atEnd(): boolean { return this.cur.type === 'eof'; }
  next(): Token { const t = this.cur; if (t.type !== 'eof') this.pos++; return t; }

  /** Is the current token (or the one k ahead) the keyword `word`? `word` must be upper case. */
  isKw(word: string, k = 0): boolean { const t = this.peek(k); return t.type === 'word' && t.upper === word; }
  isAnyKw(...words: string[]): boolean { const t = this.cur; return t.type === 'word' && words.includes(t.upper); }
  /** Matches a keyword sequence such as 'ORDER', 'BY' without consuming. */
  isKws(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) if (!this.isKw(words[k]!, k)) return false;
    return true;
  }
  isAnyKwAt(k: number, ...words: string[]): boolean { const t = this.peek(k); return t.type === 'word' && words.includes(t.upper); }
  acceptKw(word: string): boolean { if (this.isKw(word)) { this.pos++; return true; } return false; }
  acceptKws(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) if (!this.isKw(words[k]!, k)) return false;
    this.pos += words.length;
    return true;
  }
  acceptAnyKw(...words: string[]): string | undefined { const t = this.cur; if (t.type === 'word' && words.includes(t.upper)) { this.pos++; return t.upper; } return undefined; }
  expectKw(word: string): Token {
    if (!this.isKw(word)) throw this.error(`expected ${word} but found ${describeToken(this.cur)}`);
    return this.next();
  }
  expectAnyKw(...words: string[]): string {
    const w = this.acceptAnyKw(...words);
    if (w === undefined) throw this.error(`expected ${words.join(', ').replace(/, ([^,]*)$/, ' or $1')} but found ${describeToken(this.cur)}`);
    return w;
  }
  expectKws(...words: string[]): void { for (const w of words) this.expectKw(w); }

  isOp(op: string, k = 0): boolean { const t = this.peek(k); return t.type === 'op' && t.value === op; }
  acceptOp(op: string): boolean { if (this.isOp(op)) { this.pos++; return true; } return false; }
  expectOp(op: string): Token {
    if (!this.isOp(op)) throw this.error(`expected '${op}' but found ${describeToken(this.cur)}`);
    return this.next();
  }

  /** An identifier: unquoted word (folded per dialect) or quoted identifier. */
  isIdent(k = 0): boolean { const t = this.peek(k); return t.type === 'word' || t.type === 'qident'; }
  ident(what = 'a name'): { name: string; quoted: boolean; token: Token } {
    const t = this.cur;
    if (t.type === 'word') { this.pos++; return { name: this.fold(t.value), quoted: false, token: t }; }
    if (t.type === 'qident') { this.pos++; return { name: t.value, quoted: !this.sameAsUnquoted(t.value), token: t }; }
    throw this.error(`expected ${what} but found ${describeToken(t)}`);
  }
  /** Set by identName(): whether the name it returned counts as quoted (ident().quoted). */
  lastQuoted = false;
  /** ident() without a result object: the name, with `lastQuoted` set. */
  identName(what = 'a name'): string {
    const t = this.cur;
    if (t.type === 'word') { this.pos++; this.lastQuoted = false; return this.fold(t.value); }
    if (t.type === 'qident') { this.pos++; this.lastQuoted = !this.sameAsUnquoted(t.value); return t.value; }
    throw this.error(`expected ${what} but found ${describeToken(t)}`);
  }
  /** Like ident() but also accepts a string literal (MySQL allows 'name' in many places). */
  identOrString(what = 'a name'): { name: string; quoted: boolean; token: Token } {
    const t = this.cur;
    if (t.type === 'string') { this.pos++; return { name: t.value, quoted: true, token: t }; }
    return this.ident(what);
  }
  /** Oracle: "EMPLOYEES" is the same name as EMPLOYEES (quoting an upper-case name changes nothing). */
  private sameAsUnquoted(name: string): boolean {
    return this.dialect.foldUnquoted === 'upper' && /^[A-Z][A-Z0-9_$#]*$/.test(name);
  }
  fold(word: string): string {
    const f = this.dialect.foldUnquoted;
    return f === 'lower' ? word.toLowerCase() : f === 'upper' ? word.toUpperCase() : word;
  }

  /** a, a.b, a.b.c as parts. */
  qualifiedParts(what = 'a name'): { parts: string[]; quoted: boolean[]; first: Token } {
    const first = this.cur;
    const parts: string[] = [];
    const quoted: boolean[] = [];
    do {
      const id = this.ident(what);
      parts.push(id.name);
      quoted.push(id.quoted);
    } while (this.isOp('.') && this.isIdent(1) && this.next());
    return { parts, quoted, first };
  }

  /** Span from `from` (a token) through the last consumed token. */
  spanFrom(from: Token, to: Token = this.prev): SourceSpan {
    const end = to.offset < from.offset ? from : to;
    return { file: this.file, line: from.line, column: from.column, endLine: end.endLine, endColumn: end.endColumn, offset: from.offset, endOffset: end.end };
  }
  tokenSpan(t: Token): SourceSpan { return this.spanFrom(t, t); }

  /** Source text between two tokens inclusive. */
  textBetween(from: Token, to: Token = this.prev): string {
    return this.text.slice(from.offset - this.base, Math.max(from.offset, to.end) - this.base);
  }
  /**
   * textBetween for short texts many nodes repeat (a type's spelling such as VARCHAR(120)): with a
   * TokenArena, equal texts are one string.
   */
  sharedTextBetween(from: Token, to: Token = this.prev): string {
    const a = from.offset - this.base, b = Math.max(from.offset, to.end) - this.base;
    if (this.arena === undefined) return this.text.slice(a, b);
    let h = 0;
    for (let k = a; k < b; k++) h = (Math.imul(h, 31) + this.text.charCodeAt(k)) | 0;
    return this.arena.intern(this.text, a, b, h);
  }
  /** Source text from token `from` to the end of the input. */
  textFrom(from: Token): string { return this.text.slice(from.offset - this.base, this.end - this.base); }

  error(message: string, at: Token = this.cur): ParseError { return new ParseError(message, this.tokenSpan(at)); }
  unexpected(context?: string): ParseError {
    return this.error(`unexpected ${describeToken(this.cur)}${context ? ` ${context}` : ''}`);
  }

  /** Recovery: skip to just after the next top-level ';' (or to the end). */
  skipToStatementEnd(): void {
    let depth = 0;
    while (!this.atEnd()) {
      const t = this.next();
      if (t.type !== 'op') continue;
      if (t.value === '(') depth++;
      else if (t.value === ')') depth = Math.max(0, depth - 1);
      else if (t.value === ';' && depth === 0) return;
    }
  }

  /** Skips a balanced parenthesised group starting at '('; returns the tokens' text. */
  skipParens(): string {
    const open = this.expectOp('(');
    let depth = 1;
    while (!this.atEnd() && depth > 0) {
      const t = this.next();
      if (t.type === 'op' && t.value === '(') depth++;
      else if (t.type === 'op' && t.value === ')') depth--;
    }
    if (depth > 0) throw this.error(`missing ')' for the '(' at line ${open.line}, column ${open.column}`);
    return this.textBetween(open);
  }

  /** Fails unless the statement is finished (optionally after a ';'). */
  expectEnd(): void {
    this.acceptOp(';');
    if (!this.atEnd()) throw this.error(`unexpected ${describeToken(this.cur)} after the end of the statement`);
  }

  /** Parses an unsigned or signed integer literal. */
  integer(what = 'a number'): number {
    const neg = this.acceptOp('-');
    const t = this.cur;
    if (t.type !== 'number' || !/^\d+$/.test(t.value)) throw this.error(`expected ${what} but found ${describeToken(t)}`);
    this.pos++;
    return neg ? -Number(t.value) : Number(t.value);
  }
}

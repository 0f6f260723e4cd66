import type { DataType, Expr, QualifiedName, Query, SourceSpan } from '../../model/index.js';
import { Parser, describeToken } from '../common/parser.js';
import type { Token } from '../common/tokens.js';
import type { LexStart } from '../common/tokens.js';
import { POSTGRES } from './tokenizer.js';
import { commonDataType, commonExpr, commonQuery } from './common-bridge.js';

export type Tok = Token;

/**
 * The PostgreSQL statement parser: the common token cursor plus the small vocabulary the DDL
 * and PL/pgSQL parsers speak. Keyword arguments are upper case (compared with Token.upper).
 */
export class PgParser extends Parser {
  private readonly startOffset: number;
  private readonly lexStart: LexStart;

  constructor(text: string, file: string, start: LexStart = { offset: 0, line: 1, column: 1 }, tokens?: Token[]) {
    super(text, file, POSTGRES, start, tokens);
    this.startOffset = start.offset;
    this.lexStart = start;
    if (!tokens) normalizeOperatorSyntax(this.tokens);
  }

  get tok(): Token { return this.cur; }

  /** A parser over a slice of this one's tokens (same text, positions and hooks). */
  sub(tokens: Token[]): PgParser {
    const last = tokens[tokens.length - 1] ?? this.cur;
    const eof: Token = {
      type: 'eof', value: '', upper: '', text: '', offset: last.end, end: last.end,
      line: last.endLine, column: last.endColumn, endLine: last.endLine, endColumn: last.endColumn,
    };
    const p = new PgParser(this.text, this.file, this.lexStart, [...tokens, eof]);
    p.hooks = this.hooks;
    return p;
  }
  back(): void { if (this.pos > 0) this.pos--; }

  isWord(...words: string[]): boolean { const t = this.cur; return t.type === 'word' && words.includes(t.upper); }
  isWordAt(k: number, ...words: string[]): boolean { const t = this.peek(k); return t.type === 'word' && words.includes(t.upper); }
  acceptWord(word: string): boolean { return this.acceptKw(word); }
  acceptSeq(...words: string[]): boolean { return this.acceptKws(...words); }
  expectWord(word: string): Token { return this.expectKw(word); }
  /** Consumes one of the keywords and returns it in lower case. */
  expectOneOf(...words: string[]): string {
    const w = this.acceptAnyKw(...words);
    if (!w) throw this.error(`expected ${words.join(' or ')} but found ${describeToken(this.cur)}`);
    return w.toLowerCase();
  }

  isPunct(op: string): boolean { return this.isOp(op); }
  isPunctAt(k: number, op: string): boolean { return this.isOp(op, k); }
  acceptPunct(op: string): boolean { return this.acceptOp(op); }
  expectPunct(op: string): Token { return this.expectOp(op); }
  isIdentAt(k: number): boolean { return this.isIdent(k); }
  isNumber(): boolean { return this.cur.type === 'number' || (this.isOp('-') && this.peek(1).type === 'number'); }

  qnameParts(): string[] { return this.qualifiedParts().parts; }

  qname(what = 'a name'): QualifiedName {
    const { parts, quoted } = this.qualifiedParts(what);
    const name = parts[parts.length - 1]!;
    const q = quoted[quoted.length - 1]!;
    const out: QualifiedName = { name };
    if (parts.length >= 2) out.schema = parts[parts.length - 2]!;
    if (parts.length >= 3) out.catalog = parts[parts.length - 3]!;
    if (q) out.quoted = true;
    return out;
  }

  qnameText(): string { return this.qnameParts().join('.'); }

  /** A string literal's value (any quoting form). */
  stringValue(what = 'a string'): string {
    const t = this.cur;
    if (t.type !== 'string') throw this.error(`expected ${what} but found ${describeToken(t)}`);
    this.pos++;
    return t.value;
  }

  /** Value of a storage option / setting: string value, number, word or signed number as text. */
  rawValue(): string {
    const t = this.cur;
    if (t.type === 'string') { this.pos++; return t.value; }
    if (this.isOp('-') || this.isOp('+')) { this.pos++; return t.value + this.next().text; }
    if (t.type === 'eof' || (t.type === 'op' && (t.value === ',' || t.value === ')'))) throw this.error(`expected a value but found ${describeToken(t)}`);
    this.pos++;
    return t.type === 'word' ? t.value.toLowerCase() : t.text;
  }

  parenIdentList(): string[] {
    this.expectOp('(');
    const out: string[] = [];
    if (!this.isOp(')')) do out.push(this.ident().name); while (this.acceptOp(','));
    this.expectOp(')');
    return out;
  }

  parenExprList(): Expr[] {
    this.expectOp('(');
    const out: Expr[] = [];
    if (!this.isOp(')')) do out.push(this.expr()); while (this.acceptOp(','));
    this.expectOp(')');
    return out;
  }

  expr(): Expr { return commonExpr(this); }
  query(): Query { return commonQuery(this); }
  dataType(): DataType { return commonDataType(this); }

  /**
   * A parser over the source text between two absolute offsets, `at` giving the position of
   * `from` (used where PostgreSQL's lexer differs from the common one, e.g. `1..10`).
   */
  parserFor(from: number, to: number, at: LexStart): PgParser {
    const p = new PgParser(this.text.slice(from - this.startOffset, to - this.startOffset), this.file, at);
    p.hooks = this.hooks;
    return p;
  }

  /** The source text a span covers (spans carry file offsets). */
  textOf(span: SourceSpan): string {
    if (span.offset === undefined || span.endOffset === undefined) return '';
    return this.text.slice(span.offset - this.startOffset, span.endOffset - this.startOffset);
  }

  skipToEnd(): void { while (!this.atEnd()) this.next(); }

  /** Skips to the next top-level ',' (ALTER TABLE action separator) or the end. */
  skipToActionEnd(): void {
    let depth = 0;
    while (!this.atEnd()) {
      const t = this.cur;
      if (t.type === 'op') {
        if (t.value === '(') depth++;
        else if (t.value === ')') depth--;
        else if (t.value === ',' && depth === 0) return;
      }
      this.pos++;
    }
  }
}

/**
 * `a OPERATOR(pg_catalog.||) b` (pg_dump's schema-qualified operators) → `a || b`: the common
 * expression parser knows the bare operators only. Rewrites the token array in place.
 */
function normalizeOperatorSyntax(tokens: Token[]): void {
  for (let i = 0; i < tokens.length - 3; i++) {
    const t = tokens[i]!;
    if (t.type !== 'word' || t.upper !== 'OPERATOR') continue;
    const open = tokens[i + 1]!;
    if (open.type !== 'op' || open.value !== '(') continue;
    let close = -1;
    for (let k = i + 2; k < Math.min(tokens.length, i + 8); k++) {
      const u = tokens[k]!;
      if (u.type === 'op' && u.value === ')') { close = k; break; }
    }
    if (close < 0) continue;
    const op = tokens[close - 1]!;
    if (op.type !== 'op' || op.value === '(' || op.value === '.') continue;
    tokens.splice(i, close - i + 1, { ...op, offset: t.offset, line: t.line, column: t.column, end: tokens[close]!.end, endLine: tokens[close]!.endLine, endColumn: tokens[close]!.endColumn });
  }
}

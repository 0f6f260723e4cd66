import type { Block, CatalogObject, Query, SqlStatement, DiagnosticDef, SourceSpan, ExceptionHandler, HandlerCondition, ObjectRef, Routine, Statement, Unparsed } from '../../../model/index.js';
import { Parser, ParseError, describeToken } from '../../common/parser.js';
import type { LexStart, Token } from '../../common/tokens.js';
import type { OraContext } from '../context.js';
import { OP } from './codes.js';
import type { Scope } from './scope.js';
import { sqlFromTokens, type MergeParser } from './sql.js';
import { preferColumns } from './columns.js';
import { parseDeclarations } from './declarations.js';
import { parseStatement } from './statements.js';

/** EOF where an END was expected: not recoverable statement by statement. */
export class Unterminated extends ParseError {
  constructor(message: string, span: ParseError['span'], readonly opener: Token) { super(message, span); }
}

/** Words that end a statement list. */
const LIST_END = new Set(['END', 'ELSE', 'ELSIF', 'WHEN', 'EXCEPTION']);
/** Words after END that close a compound statement (END IF, END LOOP, END CASE). */
const CLOSERS = new Set(['IF', 'LOOP', 'CASE']);

/**
 * Parses PL/SQL blocks and statements over one Parser (the tokens of one unit). `unit` names the
 * unit in messages; `object` is what findings inside it are attached to.
 */
export class PlParser {
  constructor(
    readonly p: Parser,
    readonly ctx: OraContext,
    readonly scope: Scope,
    readonly start: LexStart,
    readonly unit: string,
    public object: ObjectRef | undefined,
    readonly merge: MergeParser | undefined,
  ) {}

  /** Declarations of the package spec when parsing its body (PRAGMA EXCEPTION_INIT may name them). */
  outerDeclarations: Statement[] = [];

  /** Catalog changes of the unit, applied only once the whole unit has parsed. */
  readonly pending: (() => void)[] = [];
  add(o: CatalogObject): void { this.pending.push(() => this.ctx.add(o)); }
  later(f: () => void): void { this.pending.push(f); }

  /** One SQL statement from its tokens, names resolved as Oracle does inside SQL. */
  sql(tokens: Token[]): SqlStatement {
    const s = sqlFromTokens(this.p, this.start, tokens, this.merge);
    s.statement = preferColumns(this, s.statement);
    return s;
  }

  /** A query of a cursor / cursor FOR loop / OPEN FOR, names resolved as Oracle does inside SQL. */
  query(q: Query): Query { return preferColumns(this, q); }

  /** Source text of a span inside this unit. */
  sourceText(span: SourceSpan): string {
    return this.p.text.slice((span.offset ?? 0) - this.start.offset, (span.endOffset ?? 0) - this.start.offset);
  }

  /** A finding attached to the unit being parsed. */
  diag(def: DiagnosticDef, span: SourceSpan, message: string): void {
    this.ctx.diag(def, span, message, this.object);
  }

  /** Throws Unterminated when the unit ends where `END` was expected. */
  expectEnd(opener: Token): void {
    const p = this.p;
    if (p.atEnd()) {
      throw new Unterminated(`${this.unit}: the block opened by ${opener.upper || opener.text} at line ${opener.line} has no END before the end of the unit`, p.tokenSpan(opener), opener);
    }
    p.expectKw('END');
  }

  /** `END [name]` then `;` (the name is checked against `name` when both are present). */
  endName(opener: Token, name?: string): void {
    const p = this.p;
    this.expectEnd(opener);
    if (p.isIdent() && !p.isOp(';')) {
      const t = p.cur;
      const id = p.ident('a name');
      if (name && id.name !== name) throw p.error(`END ${id.name} does not match ${name}`, t);
    }
    if (!p.atEnd()) p.expectOp(';');
  }

  /**
   * `[DECLARE] declarations BEGIN statements [EXCEPTION handlers] END [label];` — the cursor stands
   * on DECLARE or BEGIN (or, for routine bodies, on the first declaration after IS / AS when
   * `routineBody` is set). Declarations and labels open a new scope.
   */
  parseBlock(label?: string, routineBody?: { name: string }): Block {
    const p = this.p;
    const start = p.cur;
    this.scope.push(label);
    try {
      let declarations: Statement[] = [];
      let routines: Routine[] = [];
      if (routineBody || p.acceptKw('DECLARE')) {
        const d = parseDeclarations(this, ['BEGIN'], { inPackage: false });
        declarations = d.declarations;
        routines = d.routines;
      }
      const begin = p.cur;
      if (p.atEnd()) throw new Unterminated(`${this.unit}: the unit ends before BEGIN`, p.tokenSpan(start), start);
      p.expectKw('BEGIN');
      const body = this.parseList();
      const exceptionHandlers = p.isKw('EXCEPTION') ? this.parseHandlers() : [];
      this.endName(begin, label ?? routineBody?.name);
      const b: Block = { kind: 'Block', declarations, body, exceptionHandlers, span: p.spanFrom(start) };
      if (label) b.label = label;
      if (routines.length) b.routines = routines;
      return b;
    } finally {
      this.scope.pop();
    }
  }

  /** EXCEPTION WHEN a OR b THEN … WHEN OTHERS THEN … (cursor on EXCEPTION). */
  parseHandlers(): ExceptionHandler[] {
    const p = this.p;
    p.expectKw('EXCEPTION');
    const out: ExceptionHandler[] = [];
    while (p.isKw('WHEN')) {
      const start = p.next();
      const conditions: HandlerCondition[] = [];
      do {
        if (p.acceptKw('OTHERS')) conditions.push({ kind: 'others' });
        else conditions.push({ kind: 'named', name: p.qualifiedParts('an exception name').parts.join('.') });
      } while (p.acceptKw('OR'));
      p.expectKw('THEN');
      const body = this.parseList();
      out.push({ conditions, body, span: p.spanFrom(start) });
    }
    if (!out.length) throw p.error(`expected WHEN after EXCEPTION but found ${describeToken(p.cur)}`);
    return out;
  }

  /** Statements up to END / ELSE / ELSIF / WHEN / EXCEPTION; each failure becomes an Unparsed node. */
  parseList(): Statement[] {
    const p = this.p;
    const out: Statement[] = [];
    for (;;) {
      while (p.acceptOp(';')) { /* stray semicolons */ }
      if (p.atEnd() || (p.cur.type === 'word' && LIST_END.has(p.cur.upper))) return out;
      const startPos = p.pos;
      const start = p.cur;
      try {
        out.push(parseStatement(this));
      } catch (e) {
        if (!(e instanceof ParseError) || e instanceof Unterminated) throw e;
        p.pos = startPos;
        out.push(this.recover(start, e));
      }
    }
  }

  /**
   * Skips a failed statement and keeps its text: to the next `;` outside nested BEGIN/IF/LOOP/CASE
   * … END constructs. PL/SQL never has a `;` inside parentheses, so unbalanced ones do not matter.
   */
  recover(start: Token, e: ParseError): Unparsed {
    const p = this.p;
    let depth = 0;
    while (!p.atEnd()) {
      const t = p.cur;
      if (t.type === 'op') {
        if (t.value === ';' && depth === 0) break;
        p.next();
        continue;
      }
      if (t.type === 'word') {
        if (t.upper === 'END') {
          p.next();
          if (p.cur.type === 'word' && CLOSERS.has(p.cur.upper)) p.next();
          depth = Math.max(0, depth - 1);
          continue;
        }
        if (t.upper === 'BEGIN' || t.upper === 'IF' || t.upper === 'LOOP' || t.upper === 'CASE') depth++;
      }
      p.next();
    }
    const last = p.prev.offset >= start.offset ? p.prev : start;
    const span = p.spanFrom(start, last);
    const text = p.textBetween(start, last);
    p.acceptOp(';');
    const shown = text.replace(/\s+/g, ' ');
    this.diag(OP.statementUnparsed, e.span, `${this.unit}: could not parse this statement: ${e.detail}. It is kept as text: ${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}`);
    return { kind: 'Unparsed', text, reason: e.detail, span };
  }
}

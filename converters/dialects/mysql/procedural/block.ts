import type { Block, Statement, Unparsed } from '../../../model/index.js';
import { Parser, ParseError, describeToken } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import type { Token } from '../../common/tokens.js';
import type { MyContext } from '../context.js';
import { MY } from '../codes.js';
import { Scope } from './scope.js';
import { parseSimpleStatement } from './statements.js';

/** Words that end a statement list. */
const LIST_END = new Set(['END', 'ELSE', 'ELSEIF', 'WHEN', 'UNTIL']);
/** Words after END that close a compound statement. */
const COMPOUND_CLOSERS = new Set(['IF', 'CASE', 'LOOP', 'WHILE', 'REPEAT']);

/** Parses MySQL compound statements over one Parser (the tokens of a CREATE … body). */
export class Proc {
  readonly scope: Scope;
  constructor(readonly p: Parser, readonly ctx: MyContext, params: string[] = []) {
    this.scope = new Scope(p, ctx, params);
  }

  /** A routine/trigger/event body: one statement, a Block when it is BEGIN … END. */
  parseBody(): Block {
    const start = this.p.cur;
    const stmts = this.parseStatement();
    this.p.acceptOp(';');
    if (stmts.length === 1 && stmts[0]!.kind === 'Block') return stmts[0] as Block;
    return { kind: 'Block', declarations: [], body: stmts, exceptionHandlers: [], span: this.p.spanFrom(start) };
  }

  /** Statements up to END / ELSE / ELSEIF / WHEN / UNTIL; each failure becomes an Unparsed node. */
  parseList(): Statement[] {
    const p = this.p;
    const out: Statement[] = [];
    for (;;) {
      while (p.acceptOp(';')) { /* empty statements */ }
      if (p.atEnd() || (p.cur.type === 'word' && LIST_END.has(p.cur.upper) && !p.isOp(':', 1))) return out;
      const startPos = p.pos;
      const start = p.cur;
      try {
        out.push(...this.parseStatement());
        if (!p.acceptOp(';') && !p.atEnd() && !(p.cur.type === 'word' && LIST_END.has(p.cur.upper))) {
          throw p.error(`expected ';' but found ${describeToken(p.cur)}`);
        }
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        p.pos = startPos;
        out.push(this.recover(start, e));
      }
    }
  }

  /**
   * Skips the failed statement and keeps its text: to the next top-level ';', or for a compound
   * statement (IF, CASE, LOOP, WHILE, REPEAT, BEGIN) to the END that closes it.
   */
  private recover(start: Token, e: ParseError): Unparsed {
    const p = this.p;
    const stack: string[] = [];
    let parens = 0;
    let atStart = true;
    while (!p.atEnd()) {
      const t = p.cur;
      if (t.type === 'op') {
        if (t.value === '(') parens++;
        else if (t.value === ')') parens = Math.max(0, parens - 1);
        else if (t.value === ';' && parens === 0) {
          if (stack.length === 0) break;
          p.next();
          atStart = true;
          continue;
        }
        atStart = t.value === ':' && parens === 0;
        p.next();
        continue;
      }
      if (t.type === 'word' && parens === 0) {
        const w = t.upper;
        if (w === 'END') {
          p.next();
          const closer = p.cur.type === 'word' ? p.cur.upper : '';
          if (COMPOUND_CLOSERS.has(closer) && !(closer === 'IF' && p.isOp('(', 1))) p.next();
          stack.pop();
          if (stack.length === 0) {
            if (p.isIdent() && !p.isOp(':', 1) && !(p.cur.type === 'word' && LIST_END.has(p.cur.upper))) p.next(); // end label
            break;
          }
          atStart = false;
          continue;
        }
        if (w === 'CASE' || w === 'BEGIN' || (atStart && (w === 'IF' || w === 'LOOP' || w === 'WHILE' || w === 'REPEAT'))) stack.push(w);
        atStart = w === 'THEN' || w === 'ELSE' || w === 'DO' || w === 'BEGIN' || w === 'LOOP' || w === 'REPEAT';
      } else {
        atStart = false;
      }
      p.next();
    }
    const last = p.prev.offset >= start.offset ? p.prev : start;
    const span = p.spanFrom(start, last);
    const text = p.textBetween(start, last);
    p.acceptOp(';');
    this.ctx.diag(MY.proceduralUnparsed, e.span, `Could not parse this statement: ${e.detail}. It is kept as text: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`);
    return { kind: 'Unparsed', text, reason: e.detail, span };
  }

  /** One statement; SET with several assignments gives several. */
  parseStatement(): Statement[] {
    const p = this.p;
    const start = p.cur;
    let label: string | undefined;
    if ((p.cur.type === 'word' || p.cur.type === 'qident') && p.isOp(':', 1) && !p.isOp('=', 2)) {
      label = p.ident('a label').name;
      p.next();
    }
    const w = p.cur.type === 'word' ? p.cur.upper : '';
    switch (w) {
      case 'BEGIN': return [this.parseBlock(start, label)];
      case 'LOOP': {
        p.next();
        const body = this.parseList();
        p.expectKws('END', 'LOOP');
        this.endLabel(label);
        return [{ kind: 'Loop', ...(label ? { label } : {}), body, span: p.spanFrom(start) }];
      }
      case 'WHILE': {
        p.next();
        const condition = parseExpression(p);
        p.expectKw('DO');
        const body = this.parseList();
        p.expectKws('END', 'WHILE');
        this.endLabel(label);
        return [{ kind: 'While', ...(label ? { label } : {}), condition, body, span: p.spanFrom(start) }];
      }
      case 'REPEAT': {
        p.next();
        const body = this.parseList();
        p.expectKw('UNTIL');
        const until = parseExpression(p);
        p.expectKws('END', 'REPEAT');
        this.endLabel(label);
        return [{ kind: 'Repeat', ...(label ? { label } : {}), body, until, span: p.spanFrom(start) }];
      }
    }
    if (label) throw p.error(`a label can only precede BEGIN, LOOP, WHILE or REPEAT, not ${describeToken(p.cur)}`);
    if (w === 'IF') return [this.parseIf(start)];
    if (w === 'CASE') return [this.parseCase(start)];
    return parseSimpleStatement(this, start);
  }

  private endLabel(label: string | undefined): void {
    const p = this.p;
    if (p.isIdent() && !p.isOp(':', 1) && !(p.cur.type === 'word' && LIST_END.has(p.cur.upper))) {
      const t = p.cur;
      const id = p.ident('a label');
      if (!label || id.name.toLowerCase() !== label.toLowerCase()) throw p.error(`end label ${id.name} does not match the begin label ${label ?? '(none)'}`, t);
    }
  }

  private parseBlock(start: Token, label: string | undefined): Block {
    const p = this.p;
    p.expectKw('BEGIN');
    const atomic = p.acceptKws('NOT', 'ATOMIC');
    this.scope.push();
    try {
      const declarations: Statement[] = [];
      const body: Statement[] = [];
      for (const s of this.parseList()) {
        const decl = s.kind === 'VarDecl' || s.kind === 'CursorDecl' || s.kind === 'ConditionDecl' || s.kind === 'HandlerDecl';
        (decl && body.length === 0 ? declarations : body).push(s);
      }
      p.expectKw('END');
      this.endLabel(label);
      const b: Block = { kind: 'Block', declarations, body, exceptionHandlers: [], span: p.spanFrom(start) };
      if (label) b.label = label;
      if (atomic) b.atomic = false;
      return b;
    } finally {
      this.scope.pop();
    }
  }

  private parseIf(start: Token): Statement {
    const p = this.p;
    p.expectKw('IF');
    const branches: { condition: ReturnType<typeof parseExpression>; body: Statement[] }[] = [];
    let condition = parseExpression(p);
    p.expectKw('THEN');
    branches.push({ condition, body: this.parseList() });
    let elseBody: Statement[] | undefined;
    for (;;) {
      if (p.acceptKw('ELSEIF')) {
        condition = parseExpression(p);
        p.expectKw('THEN');
        branches.push({ condition, body: this.parseList() });
        continue;
      }
      if (p.acceptKw('ELSE')) { elseBody = this.parseList(); }
      break;
    }
    p.expectKws('END', 'IF');
    return { kind: 'If', branches, ...(elseBody ? { else: elseBody } : {}), span: p.spanFrom(start) };
  }

  private parseCase(start: Token): Statement {
    const p = this.p;
    p.expectKw('CASE');
    const operand = p.isKw('WHEN') ? undefined : parseExpression(p);
    const whens: { when: ReturnType<typeof parseExpression>; body: Statement[] }[] = [];
    while (p.acceptKw('WHEN')) {
      const when = parseExpression(p);
      p.expectKw('THEN');
      whens.push({ when, body: this.parseList() });
    }
    if (!whens.length) throw p.error(`expected WHEN but found ${describeToken(p.cur)}`);
    let elseBody: Statement[] | undefined;
    if (p.acceptKw('ELSE')) elseBody = this.parseList();
    p.expectKws('END', 'CASE');
    return { kind: 'CaseStatement', ...(operand ? { operand } : {}), whens, ...(elseBody ? { else: elseBody } : {}), span: p.spanFrom(start) };
  }
}


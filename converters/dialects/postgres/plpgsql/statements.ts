import type {
  Block, CaseStatement, DynamicSql, ExceptionHandler, Expr, GetDiagnostics, HandlerCondition, If, Raise, Return, Routine,
  Statement, Unparsed,
} from '../../../model/index.js';
import { ParseError } from '../../common/parser.js';
import type { Token } from '../../common/tokens.js';
import { PG } from '../codes.js';
import type { PgContext } from '../context.js';
import type { PgParser } from '../parser.js';
import { parseDeclaration } from './declarations.js';
import { parseForLoop } from './loops.js';
import type { Scope } from './scope.js';
import { collectToSemicolon, ddlFromTokens, isDdlStart, sqlFromTokens, targetExpr } from './sql.js';

const RAISE_LEVELS = new Set(['DEBUG', 'LOG', 'INFO', 'NOTICE', 'WARNING', 'EXCEPTION']);
/** Statements that contain statement lists: a failure inside them is not recoverable at `;`. */
const STRUCTURED = new Set(['IF', 'CASE', 'LOOP', 'WHILE', 'FOR', 'FOREACH', 'BEGIN', 'DECLARE']);
const SQL_START = new Set(['SELECT', 'WITH', 'INSERT', 'UPDATE', 'DELETE', 'VALUES', 'MERGE', 'TABLE']);

/** PL/pgSQL statements into the shared Statement tree. */
export class PlParser {
  constructor(readonly p: PgParser, readonly ctx: PgContext, readonly r: Routine, readonly scope: Scope) {}

  parseTopBlock(): Block {
    const p = this.p;
    const start = p.cur;
    const label = this.label();
    const b = this.block(label, start);
    p.acceptPunct(';');
    if (!p.atEnd()) throw p.error(`unexpected '${p.cur.text}' after the END of the routine body`);
    return b;
  }

  label(): string | undefined {
    const p = this.p;
    if (!p.isPunct('<<')) return undefined;
    p.next();
    const l = p.ident('a label').name;
    p.expectPunct('>>');
    return l;
  }

  /** [DECLARE …] BEGIN … [EXCEPTION …] END [label] — the cursor stands on DECLARE or BEGIN. */
  block(label: string | undefined, start: Token): Block {
    const p = this.p;
    this.scope.push(label);
    const declarations: Statement[] = [];
    while (p.acceptWord('DECLARE')) {
      while (!p.atEnd() && !p.isWord('BEGIN', 'DECLARE')) {
        const d = parseDeclaration(p, this.scope);
        if (d) declarations.push(d);
      }
    }
    p.expectWord('BEGIN');
    const body = this.statements(['EXCEPTION', 'END']);
    const exceptionHandlers: ExceptionHandler[] = [];
    if (p.acceptWord('EXCEPTION')) {
      while (p.isWord('WHEN')) {
        const hs = p.next();
        const conditions: HandlerCondition[] = [];
        do conditions.push(this.condition()); while (p.acceptWord('OR'));
        p.expectWord('THEN');
        this.scope.push();
        this.scope.declare('sqlstate', { kind: 'variable' });
        this.scope.declare('sqlerrm', { kind: 'variable' });
        const hbody = this.statements(['WHEN', 'END']);
        this.scope.pop();
        exceptionHandlers.push({ conditions, body: hbody, span: p.spanFrom(hs) });
      }
    }
    p.expectWord('END');
    this.endLabel(label);
    this.scope.pop();
    return { kind: 'Block', ...(label ? { label } : {}), declarations, body, exceptionHandlers, span: p.spanFrom(start) };
  }

  private endLabel(label: string | undefined): void {
    const p = this.p;
    if (p.isIdent() && !p.isPunctAt(0, ';')) {
      const t = p.cur;
      const l = p.ident().name;
      if (label && l !== label) throw p.error(`END label '${l}' does not match the block label '${label}'`, t);
    }
  }

  private condition(): HandlerCondition {
    const p = this.p;
    if (p.acceptWord('SQLSTATE')) return { kind: 'sqlstate', value: p.stringValue('an SQLSTATE code') };
    const n = p.ident('a condition name').name;
    return n === 'others' ? { kind: 'others' } : { kind: 'named', name: n };
  }

  /** Statements up to one of the stop words (not consumed). */
  statements(stops: string[]): Statement[] {
    const p = this.p;
    const out: Statement[] = [];
    while (!p.atEnd() && !p.isWord(...stops)) out.push(this.statement());
    if (p.atEnd()) throw p.error(`expected ${stops.join(' or ')} but the body ended`);
    return out;
  }

  statement(): Statement {
    const p = this.p;
    const startPos = p.pos;
    const start = p.cur;
    try {
      return this.statementInner();
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      if (start.type === 'word' && STRUCTURED.has(start.upper)) throw e;
      if (p.isPunct('<<')) throw e;
      // keep the statement as text and go on after its ';'
      p.pos = startPos;
      const toks = collectToSemicolon(p);
      const span = toks.length ? p.spanFrom(toks[0]!, toks[toks.length - 1]!) : p.tokenSpan(start);
      this.ctx.diag(PG.plpgsqlUnparsed, e.span, `Routine ${this.r.name.name}: ${e.detail}`, { type: this.r.routineKind, name: this.r.name });
      const u: Unparsed = { kind: 'Unparsed', text: p.textOf(span), reason: e.detail, span };
      return u;
    }
  }

  private statementInner(): Statement {
    const p = this.p;
    const start = p.cur;
    if (p.isPunct('<<')) {
      const label = this.label();
      if (p.isWord('DECLARE', 'BEGIN')) { const b = this.block(label, start); p.expectPunct(';'); return b; }
      return this.loopStatement(label, start);
    }
    if (p.isIdent() && (p.isPunctAt(1, ':=') || p.isPunctAt(1, '=') || p.isPunctAt(1, '[') || (p.isPunctAt(1, '.') && !p.isWordAt(0, 'SELECT')))) {
      return this.assignment();
    }
    if (start.type !== 'word') throw p.error(`unexpected '${start.text}' at the start of a statement`);
    switch (start.upper) {
      case 'DECLARE': case 'BEGIN': { const b = this.block(undefined, start); p.expectPunct(';'); return b; }
      case 'IF': return this.ifStatement();
      case 'CASE': return this.caseStatement();
      case 'LOOP': case 'WHILE': case 'FOR': case 'FOREACH': return this.loopStatement(undefined, start);
      case 'EXIT': case 'CONTINUE': {
        p.next();
        let label: string | undefined;
        if (p.isIdent() && !p.isWord('WHEN')) label = p.ident().name;
        const when = p.acceptWord('WHEN') ? p.expr() : undefined;
        p.expectPunct(';');
        const base = { ...(label ? { label } : {}), ...(when ? { when } : {}), span: p.spanFrom(start) };
        return start.upper === 'EXIT' ? { kind: 'Leave', ...base } : { kind: 'Iterate', ...base };
      }
      case 'RETURN': return this.returnStatement();
      case 'RAISE': return this.raise();
      case 'PERFORM': {
        const toks = collectToSemicolon(p);
        const select: Token = { ...toks[0]!, value: 'SELECT', upper: 'SELECT' };
        return sqlFromTokens(p, [select, ...toks.slice(1)], true);
      }
      case 'EXECUTE': { p.next(); const d = this.dynamic(start); p.expectPunct(';'); return d; }
      case 'OPEN': return this.open();
      case 'FETCH': return this.fetch();
      case 'CLOSE': { p.next(); const name = p.ident().name; p.expectPunct(';'); return { kind: 'CloseCursor', name, span: p.spanFrom(start) }; }
      case 'GET': return this.getDiagnostics();
      case 'NULL': p.next(); p.expectPunct(';'); return { kind: 'Null', span: p.spanFrom(start) };
      case 'COMMIT': case 'ROLLBACK': {
        p.next();
        p.acceptWord('WORK') || p.acceptWord('TRANSACTION');
        if (p.acceptWord('AND')) { p.acceptWord('NO'); p.expectWord('CHAIN'); }
        p.expectPunct(';');
        return { kind: 'Transaction', action: start.upper === 'COMMIT' ? 'commit' : 'rollback', span: p.spanFrom(start) };
      }
      case 'CALL': {
        p.next();
        const name = p.qname();
        const args = p.parenExprList();
        p.expectPunct(';');
        return { kind: 'Call', name, args, span: p.spanFrom(start) };
      }
      case 'MOVE': case 'ASSERT': {
        const toks = collectToSemicolon(p);
        const span = p.spanFrom(start, toks[toks.length - 1] ?? start);
        this.ctx.diag(PG.plpgsqlUnparsed, span, `Routine ${this.r.name.name}: ${start.upper} is kept as text`, { type: this.r.routineKind, name: this.r.name });
        return { kind: 'Unparsed', text: p.textOf(span), reason: `${start.upper} statement`, span };
      }
      default:
        break;
    }
    if (SQL_START.has(start.upper) || p.isPunct('(')) return sqlFromTokens(p, collectToSemicolon(p));
    if (isDdlStart(start)) return ddlFromTokens(p, this.ctx, collectToSemicolon(p));
    throw p.error(`unexpected '${start.text}' at the start of a statement`);
  }

  private assignment(): Statement {
    const p = this.p;
    const start = p.cur;
    const q = p.qualifiedParts('an assignment target');
    const span = p.spanFrom(start);
    let target: Expr = this.scope.resolve(q.parts, q.quoted, span)
      ?? { kind: 'ColumnRef', parts: q.parts, ...(q.quoted.some((x) => x) ? { quoted: q.quoted } : {}), span };
    while (p.acceptPunct('[')) {
      const index = p.expr();
      const upper = p.acceptPunct(':') ? p.expr() : undefined;
      p.expectPunct(']');
      target = { kind: 'Subscript', expr: target, index, ...(upper ? { upper } : {}), span: p.spanFrom(start) };
    }
    if (!p.acceptPunct(':=')) p.expectPunct('=');
    const value = p.expr();
    p.expectPunct(';');
    return { kind: 'Assign', target, value, span: p.spanFrom(start) };
  }

  private ifStatement(): If {
    const p = this.p;
    const start = p.expectWord('IF');
    const branches: If['branches'] = [];
    let condition = p.expr();
    p.expectWord('THEN');
    branches.push({ condition, body: this.statements(['ELSIF', 'ELSEIF', 'ELSE', 'END']) });
    let elseBody: Statement[] | undefined;
    for (;;) {
      if (p.acceptWord('ELSIF') || p.acceptWord('ELSEIF')) {
        condition = p.expr();
        p.expectWord('THEN');
        branches.push({ condition, body: this.statements(['ELSIF', 'ELSEIF', 'ELSE', 'END']) });
      } else if (p.acceptWord('ELSE')) {
        elseBody = this.statements(['END']);
      } else break;
    }
    p.expectWord('END'); p.expectWord('IF'); p.expectPunct(';');
    return { kind: 'If', branches, ...(elseBody ? { else: elseBody } : {}), span: p.spanFrom(start) };
  }

  private caseStatement(): CaseStatement {
    const p = this.p;
    const start = p.expectWord('CASE');
    const operand = p.isWord('WHEN') ? undefined : p.expr();
    const whens: CaseStatement['whens'] = [];
    while (p.acceptWord('WHEN')) {
      const values: Expr[] = [p.expr()];
      while (operand && p.acceptPunct(',')) values.push(p.expr());
      p.expectWord('THEN');
      const body = this.statements(['WHEN', 'ELSE', 'END']);
      for (const when of values) whens.push({ when, body });
    }
    const elseBody = p.acceptWord('ELSE') ? this.statements(['END']) : undefined;
    p.expectWord('END'); p.expectWord('CASE'); p.expectPunct(';');
    return { kind: 'CaseStatement', ...(operand ? { operand } : {}), whens, ...(elseBody ? { else: elseBody } : {}), span: p.spanFrom(start) };
  }

  /** LOOP / WHILE / FOR / FOREACH, with an optional label already read. */
  loopStatement(label: string | undefined, start: Token): Statement {
    const p = this.p;
    const lab = label ? { label } : {};
    if (p.acceptWord('LOOP')) {
      this.scope.push(label);
      const body = this.loopBody(label);
      this.scope.pop();
      return { kind: 'Loop', ...lab, body, span: p.spanFrom(start) };
    }
    if (p.acceptWord('WHILE')) {
      const condition = p.expr();
      p.expectWord('LOOP');
      this.scope.push(label);
      const body = this.loopBody(label);
      this.scope.pop();
      return { kind: 'While', ...lab, condition, body, span: p.spanFrom(start) };
    }
    if (p.isWord('FOR')) return parseForLoop(this, label, start);
    if (p.acceptWord('FOREACH')) {
      // FOREACH x [SLICE n] IN ARRAY expr LOOP … END LOOP: parsed to find its end, kept as text
      while (!p.atEnd() && !p.isWord('LOOP')) p.next();
      p.expectWord('LOOP');
      this.scope.push(label);
      this.loopBody(label);
      this.scope.pop();
      const span = p.spanFrom(start);
      this.ctx.diag(PG.foreach, span, `Routine ${this.r.name.name}: FOREACH … IN ARRAY is kept as text`, { type: this.r.routineKind, name: this.r.name });
      return { kind: 'Unparsed', text: p.textOf(span), reason: 'FOREACH loop', span };
    }
    throw p.error(`expected a loop or block after the label`);
  }

  /** Statements up to END LOOP [label]; */
  loopBody(label: string | undefined): Statement[] {
    const p = this.p;
    const body = this.statements(['END']);
    p.expectWord('END'); p.expectWord('LOOP');
    this.endLabel(label);
    p.expectPunct(';');
    return body;
  }

  private returnStatement(): Return {
    const p = this.p;
    const start = p.expectWord('RETURN');
    if (p.acceptPunct(';')) return { kind: 'Return', span: p.spanFrom(start) };
    if (p.acceptWord('NEXT')) {
      const value = p.isPunct(';') ? undefined : p.expr();
      p.expectPunct(';');
      return { kind: 'Return', next: true, ...(value ? { value } : {}), span: p.spanFrom(start) };
    }
    if (p.acceptWord('QUERY')) {
      if (p.isWord('EXECUTE')) {
        const es = p.next();
        const dynamic = this.dynamic(es);
        p.expectPunct(';');
        return { kind: 'Return', dynamic, span: p.spanFrom(start) };
      }
      const toks = collectToSemicolon(p);
      const sub = p.sub(toks);
      const query = sub.query();
      if (!sub.atEnd()) throw sub.error(`unexpected '${sub.cur.text}' in RETURN QUERY`);
      return { kind: 'Return', query, span: p.spanFrom(start) };
    }
    const value = p.expr();
    p.expectPunct(';');
    return { kind: 'Return', value, span: p.spanFrom(start) };
  }

  /** EXECUTE already read: sql [INTO [STRICT] targets] [USING args] (either order). */
  private dynamic(start: Token): DynamicSql {
    const p = this.p;
    const sql = p.expr();
    const d: DynamicSql = { kind: 'DynamicSql', sql, span: p.spanFrom(start) };
    for (;;) {
      if (p.acceptWord('INTO')) {
        p.acceptWord('STRICT');
        const into: Expr[] = [];
        do into.push(this.targetAtCursor()); while (p.acceptPunct(','));
        d.into = into;
      } else if (p.acceptWord('USING')) {
        const using: Expr[] = [];
        do using.push(p.expr()); while (p.acceptPunct(','));
        d.using = using;
      } else break;
    }
    d.span = p.spanFrom(start);
    return d;
  }

  /** An INTO / FETCH target at the cursor: name, record.field or $n. */
  targetAtCursor(): Expr {
    const p = this.p;
    const toks: Token[] = [p.next()];
    while (p.isPunct('.') && p.isIdentAt(1)) { toks.push(p.next()); toks.push(p.next()); }
    return targetExpr(p, toks);
  }

  private raise(): Statement {
    const p = this.p;
    const start = p.expectWord('RAISE');
    if (p.acceptPunct(';')) return { kind: 'Raise', level: 'exception', reraise: true, span: p.spanFrom(start) };
    let level: Raise['level'] = 'exception';
    if (p.cur.type === 'word' && RAISE_LEVELS.has(p.cur.upper)) level = p.next().upper.toLowerCase() as Raise['level'];
    const r: Raise = { kind: 'Raise', level, span: p.spanFrom(start) };
    if (p.cur.type === 'string') {
      r.message = p.expr();
      if (p.acceptPunct(',')) {
        const args: Expr[] = [];
        do args.push(p.expr()); while (p.acceptPunct(','));
        r.formatArgs = args;
      }
    } else if (p.acceptWord('SQLSTATE')) {
      r.sqlstate = p.stringValue('an SQLSTATE code');
    } else if (p.isIdent() && !p.isWord('USING')) {
      r.conditionName = p.ident().name;
    }
    if (p.acceptWord('USING')) {
      do {
        const opt = p.ident('a RAISE option').name.toLowerCase();
        if (!p.acceptPunct(':=')) p.expectPunct('=');
        const value = p.expr();
        if (opt === 'errcode' && value.kind === 'Literal' && value.type === 'string') {
          if (/^[0-9A-Z]{5}$/.test(value.value)) r.sqlstate = value.value; else r.conditionName = value.value;
        } else if (opt === 'message') r.message = value;
        else (r.items ??= []).push({ name: opt.toUpperCase(), value });
      } while (p.acceptPunct(','));
    }
    p.expectPunct(';');
    if (!r.message && !r.sqlstate && !r.conditionName && !r.items) r.reraise = true;
    r.span = p.spanFrom(start);
    return r;
  }

  private open(): Statement {
    const p = this.p;
    const start = p.expectWord('OPEN');
    const name = p.ident().name;
    if (p.isWord('NO') && p.isWordAt(1, 'SCROLL')) { p.next(); p.next(); } else p.acceptWord('SCROLL');
    if (p.acceptWord('FOR')) {
      if (p.isWord('EXECUTE')) {
        const toks = collectToSemicolon(p);
        const span = p.spanFrom(start, toks[toks.length - 1] ?? start);
        this.ctx.diag(PG.plpgsqlUnparsed, span, `Routine ${this.r.name.name}: OPEN … FOR EXECUTE is kept as text`, { type: this.r.routineKind, name: this.r.name });
        return { kind: 'Unparsed', text: p.textOf(span), reason: 'OPEN FOR EXECUTE', span };
      }
      const sub = p.sub(collectToSemicolon(p));
      const query = sub.query();
      if (!sub.atEnd()) throw sub.error(`unexpected '${sub.cur.text}' in OPEN … FOR`);
      return { kind: 'OpenCursor', name, query, span: p.spanFrom(start) };
    }
    const args = p.isPunct('(') ? p.parenExprList() : undefined;
    p.expectPunct(';');
    return { kind: 'OpenCursor', name, ...(args ? { args } : {}), span: p.spanFrom(start) };
  }

  private fetch(): Statement {
    const p = this.p;
    const start = p.expectWord('FETCH');
    const dirStart = p.cur;
    let direction: string | undefined;
    // FETCH [direction {FROM|IN}] cursor INTO targets
    let k = 0;
    while (!p.isWordAt(k, 'INTO') && !p.isPunctAt(k, ';') && p.peek(k).type !== 'eof') k++;
    let hasFromIn = false;
    for (let j = 0; j < k; j++) if (p.isWordAt(j, 'FROM', 'IN')) hasFromIn = true;
    if (hasFromIn) {
      const from = p.pos;
      while (!p.isWord('FROM', 'IN')) p.next();
      if (p.pos > from) direction = p.textBetween(dirStart, p.prev).trim().toLowerCase();
      p.next();
    } else if (k > 1) {
      while (k-- > 1) p.next();
      direction = p.textBetween(dirStart, p.prev).trim().toLowerCase();
    }
    const cursor = p.ident('a cursor name').name;
    p.expectWord('INTO');
    const into: Expr[] = [];
    do into.push(this.targetAtCursor()); while (p.acceptPunct(','));
    p.expectPunct(';');
    return { kind: 'Fetch', cursor, into, ...(direction ? { direction } : {}), span: p.spanFrom(start) };
  }

  private getDiagnostics(): GetDiagnostics {
    const p = this.p;
    const start = p.expectWord('GET');
    let stacked: boolean | undefined;
    if (p.acceptWord('STACKED')) stacked = true;
    else if (p.acceptWord('CURRENT')) stacked = false;
    p.expectWord('DIAGNOSTICS');
    const items: GetDiagnostics['items'] = [];
    do {
      const target = this.targetAtCursor();
      if (!p.acceptPunct(':=')) p.expectPunct('=');
      items.push({ target, item: p.ident('a diagnostics item').name.toUpperCase() });
    } while (p.acceptPunct(','));
    p.expectPunct(';');
    return { kind: 'GetDiagnostics', ...(stacked !== undefined ? { stacked } : {}), items, span: p.spanFrom(start) };
  }
}

import type {
  Block, Call, Constraint, Column, Expr, Raise, Statement, Table, Transaction, VarDecl,
} from '../../../model/index.js';
import { Parser, ParseError, describeToken } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import { parseDml } from '../../common/dml.js';
import { isQueryStart, parseQuery } from '../../common/query.js';
import type { Token } from '../../common/tokens.js';
import type { TsContext } from '../context.js';
import { TS } from '../codes.js';
import { parseTsqlDataType } from '../datatype.js';
import { parseTsqlMerge } from './merge.js';
import { tsqlTableOperator } from './pivot.js';
import { INSERT_EXEC_REASON, parseInsertExec } from './insert-exec.js';
import { objectName } from '../ddl/parts.js';
import { checkType, parseColumnDef, parseCreateTable, parseTableConstraint } from '../ddl/table.js';

/** Words that start a T-SQL statement: where a failed statement's text ends. */
const STATEMENT_START = new Set([
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'WITH', 'IF', 'ELSE', 'WHILE', 'BEGIN', 'END', 'DECLARE', 'SET', 'EXEC', 'EXECUTE',
  'RETURN', 'PRINT', 'RAISERROR', 'THROW', 'COMMIT', 'ROLLBACK', 'SAVE', 'OPEN', 'FETCH', 'CLOSE', 'DEALLOCATE', 'CREATE',
  'DROP', 'ALTER', 'TRUNCATE', 'GOTO', 'BREAK', 'CONTINUE', 'WAITFOR', 'USE', 'GRANT', 'REVOKE', 'DENY', 'CHECKPOINT', 'DBCC',
]);

/** SET options with no effect on converted code (result-count messages, ANSI settings that match the targets). */
const ISOLATION_LEVELS = new Set(['READ UNCOMMITTED', 'READ COMMITTED', 'REPEATABLE READ', 'SNAPSHOT', 'SERIALIZABLE']);
const HARMLESS_SET = new Set(['NOCOUNT', 'ANSI_NULLS', 'QUOTED_IDENTIFIER', 'ANSI_PADDING', 'ANSI_WARNINGS', 'ARITHABORT', 'CONCAT_NULL_YIELDS_NULL', 'NUMERIC_ROUNDABORT', 'ANSI_NULL_DFLT_ON']);
/** SET options whose value is an expression (a number or a variable), not a word. */
const VALUE_SET = new Set(['ROWCOUNT', 'TEXTSIZE', 'LOCK_TIMEOUT', 'DATEFIRST', 'QUERY_GOVERNOR_COST_LIMIT']);

export function isStatementStart(t: Token): boolean {
  return t.type === 'word' && STATEMENT_START.has(t.upper);
}

/**
 * Parser hooks for T-SQL expressions: money literals ($12.50, written as a word '$12' and a number
 * '.50' by the shared tokenizer) become numbers.
 */
export function installTsqlHooks(p: Parser): void {
  p.hooks.tableOperator = tsqlTableOperator;
  p.hooks.primary = (q) => {
    const t = q.cur;
    if (t.type !== 'word' || t.value.charCodeAt(0) !== 36 || !/^\$\d*$/.test(t.value)) return undefined;
    q.next();
    let digits = t.value.slice(1);
    const n = q.cur;
    if (n.type === 'number' && n.offset === t.end && n.value.startsWith('.')) { q.next(); digits += n.value; }
    if (digits === '' || digits === '.') throw q.error(`'${t.text}' is not a money literal`, t);
    return { kind: 'Literal', type: 'number', value: digits.startsWith('.') ? `0${digits}` : digits, span: q.spanFrom(t) };
  };
}

/** T-SQL code reader: statements until END (inside BEGIN…END) or the end of the batch. */
export class TsqlCode {
  constructor(readonly p: Parser, readonly ctx: TsContext) {}

  /** Statements up to the end of input; a failed one becomes Unparsed with a finding and reading goes on. */
  list(stopAtEnd: boolean): Statement[] {
    const p = this.p;
    const out: Statement[] = [];
    for (;;) {
      while (p.acceptOp(';')) { /* empty */ }
      if (p.atEnd()) return out;
      if (stopAtEnd && (p.isKw('END'))) return out;
      if (!stopAtEnd && p.isKw('END') && !p.isKws('END', 'CONVERSATION')) {
        const t = p.next();
        this.ctx.diag(TS.unbalanced, p.tokenSpan(t), `END at line ${t.line} has no matching BEGIN`);
        continue;
      }
      out.push(this.statementOrUnparsed());
    }
  }

  statementOrUnparsed(): Statement {
    const p = this.p;
    const start = p.cur;
    const pos = p.pos;
    try {
      return this.statement();
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      if (e.detail.startsWith('BEGIN at line')) throw e;
      p.pos = pos;
      this.skipStatement();
      const span = p.spanFrom(start);
      this.ctx.diag(TS.bodyNotParsed, e.span, e.detail);
      return { kind: 'Unparsed', text: p.textBetween(start), reason: e.detail, span };
    }
  }

  /** Skips to the next statement start at parenthesis depth 0 (always consumes at least one token). */
  skipStatement(): void {
    const p = this.p;
    let depth = 0;
    const alter = p.isKw('ALTER') || p.isKw('UPDATE');
    // MERGE must end with ';' in T-SQL: its WHEN … THEN UPDATE/INSERT/DELETE are not new statements.
    if (p.isKw('MERGE')) { while (!p.atEnd() && !p.isOp(';')) { if (p.isOp('(')) p.skipParens(); else p.next(); } return; }
    p.next();
    while (!p.atEnd()) {
      const t = p.cur;
      if (t.type === 'op' && t.value === '(') depth++;
      else if (t.type === 'op' && t.value === ')') depth = Math.max(0, depth - 1);
      else if (depth === 0 && (isStatementStart(t) || (t.type === 'op' && t.value === ';'))) {
        // WITH starts a statement only as a CTE (WITH name AS / WITH name (cols) AS); SET and WITH continue ALTER DATABASE/TABLE.
        if (t.upper === 'WITH' && !(p.isIdent(1) && (p.isKw('AS', 2) || p.isOp('(', 2)))) { p.next(); continue; }
        if (t.upper === 'SET' && alter) { p.next(); continue; }
        // INSERT … SELECT and SELECT … UNION SELECT keep going; only a new statement ends this one.
        if (t.upper === 'SELECT' && (p.prev.upper === 'UNION' || p.prev.upper === 'ALL' || p.prev.type === 'op')) { p.next(); continue; }
        return;
      }
      p.next();
    }
  }

  /** One statement (BEGIN…END counts as one). */
  statement(): Statement {
    const p = this.p;
    const t = p.cur;
    // label:
    if (t.type === 'word' && p.isOp(':', 1) && !isStatementStart(t)) { p.pos += 2; return { kind: 'Label', name: t.value, span: p.spanFrom(t) }; }
    if (t.type !== 'word' && !(t.type === 'op' && t.value === '(')) throw p.error(`expected a statement but found ${describeToken(t)}`);
    switch (t.upper) {
      case 'BEGIN': return this.begin();
      case 'DECLARE': return this.declare();
      case 'SET': return this.set();
      case 'IF': {
        p.next();
        const condition = parseExpression(p);
        const body = [this.statementOrUnparsed()];
        const st: Statement = { kind: 'If', branches: [{ condition, body }], span: p.spanFrom(t) };
        while (p.acceptOp(';')) { /* */ }
        if (p.acceptKw('ELSE')) st.else = [this.statementOrUnparsed()];
        st.span = p.spanFrom(t);
        return st;
      }
      case 'WHILE': {
        p.next();
        const condition = parseExpression(p);
        const body = [this.statementOrUnparsed()];
        return { kind: 'While', condition, body, span: p.spanFrom(t) };
      }
      case 'BREAK': p.next(); return { kind: 'Leave', span: p.spanFrom(t) };
      case 'CONTINUE': p.next(); return { kind: 'Iterate', span: p.spanFrom(t) };
      case 'GOTO': { p.next(); const l = p.ident('a label').name; return { kind: 'Goto', label: l, span: p.spanFrom(t) }; }
      case 'RETURN': {
        p.next();
        const r: Statement = { kind: 'Return', span: p.spanFrom(t) };
        if (!p.atEnd() && !p.isOp(';') && !isStatementStart(p.cur) && !p.isKw('END')) r.value = parseExpression(p);
        r.span = p.spanFrom(t);
        return r;
      }
      case 'PRINT': { p.next(); const message = parseExpression(p); return { kind: 'Raise', level: 'info', message, span: p.spanFrom(t) }; }
      case 'RAISERROR': return this.raiserror();
      case 'THROW': {
        p.next();
        const r: Raise = { kind: 'Raise', level: 'exception', span: p.spanFrom(t) };
        if (p.atEnd() || p.isOp(';') || isStatementStart(p.cur)) { r.reraise = true; return r; }
        const number = parseExpression(p); p.expectOp(',');
        const message = parseExpression(p); p.expectOp(',');
        const state = parseExpression(p);
        r.message = message;
        r.items = [{ name: 'number', value: number }, { name: 'message', value: message }, { name: 'state', value: state }];
        r.span = p.spanFrom(t);
        return r;
      }
      case 'COMMIT': case 'ROLLBACK': {
        p.next();
        const tr = p.acceptAnyKw('TRAN', 'TRANSACTION', 'WORK');
        let savepoint: string | undefined;
        if (tr && tr !== 'WORK' && (p.isIdent() || p.cur.type === 'variable') && !isStatementStart(p.cur) && !p.isOp(':', 1)) savepoint = p.next().value;
        const action = t.upper === 'COMMIT' ? 'commit' : 'rollback';
        const st: Transaction = { kind: 'Transaction', action, span: p.spanFrom(t) };
        // ROLLBACK TRAN name rolls back to a savepoint of that name when one was saved; else the whole transaction.
        if (savepoint && action === 'rollback') { st.action = 'rollback to'; st.savepoint = savepoint; }
        return st;
      }
      case 'SAVE': {
        p.next(); p.expectAnyKw('TRAN', 'TRANSACTION');
        const name = p.next().value;
        return { kind: 'Transaction', action: 'savepoint', savepoint: name, span: p.spanFrom(t) };
      }
      case 'EXEC': case 'EXECUTE': return this.exec();
      case 'OPEN': { p.next(); const name = p.ident('a cursor name').name; return { kind: 'OpenCursor', name, span: p.spanFrom(t) }; }
      case 'CLOSE': { p.next(); const name = p.ident('a cursor name').name; return { kind: 'CloseCursor', name, span: p.spanFrom(t) }; }
      case 'DEALLOCATE': { p.next(); p.ident('a cursor name'); return { kind: 'Null', span: p.spanFrom(t) }; }
      case 'FETCH': {
        p.next();
        let direction = 'NEXT';
        const d = p.acceptAnyKw('NEXT', 'PRIOR', 'FIRST', 'LAST', 'ABSOLUTE', 'RELATIVE');
        if (d) { direction = d; if (d === 'ABSOLUTE' || d === 'RELATIVE') direction += ` ${p.textBetween(p.cur, (parseExpression(p), p.prev))}`; }
        p.acceptKw('FROM');
        p.acceptKw('GLOBAL');
        const cursor = p.ident('a cursor name').name;
        const into: Expr[] = [];
        if (p.acceptKw('INTO')) do into.push(parseExpression(p)); while (p.acceptOp(','));
        return { kind: 'Fetch', cursor, into, direction: direction.toLowerCase(), span: p.spanFrom(t) };
      }
      case 'WAITFOR': {
        // WAITFOR DELAY 'hh:mm[:ss[.fff]]' is kept as text the rules can lower (a sleep); other forms are not converted.
        p.next();
        if (p.isKw('DELAY') && p.peek(1).type === 'string') {
          p.next(); p.next();
          return { kind: 'Unparsed', text: p.textBetween(t), reason: 'WAITFOR DELAY', span: p.spanFrom(t) };
        }
        throw p.error('WAITFOR TIME / WAITFOR DELAY @variable / WAITFOR (RECEIVE …) is not converted', t);
      }
      case 'CREATE': case 'DROP': case 'ALTER': case 'TRUNCATE': return this.ddl();
      case 'INSERT':
        if (this.insertExec()) {
          // Kept as text (rules that can turn the procedure's result set into rows read it back with readInsertExec).
          parseInsertExec(p, this);
          return { kind: 'Unparsed', text: p.textBetween(t), reason: INSERT_EXEC_REASON, span: p.spanFrom(t) };
        }
        return this.dml();
      default:
        if (t.upper === 'WITH' || t.upper === 'SELECT' || t.upper === 'UPDATE' || t.upper === 'DELETE' || t.upper === 'MERGE' || isQueryStart(p)) return this.dml();
        throw p.error(`unexpected ${describeToken(t)}: not a T-SQL statement the converter reads`);
    }
  }

  private insertExec(): boolean {
    const p = this.p;
    let depth = 0;
    for (let k = 1; k < 400; k++) {
      const t = p.peek(k);
      if (t.type === 'eof') return false;
      if (t.type === 'op' && t.value === '(') depth++;
      else if (t.type === 'op' && t.value === ')') depth--;
      else if (depth === 0 && t.type === 'word') {
        if (t.upper === 'EXEC' || t.upper === 'EXECUTE') return true;
        if (t.upper === 'VALUES' || t.upper === 'SELECT' || t.upper === 'DEFAULT') return false;
      }
    }
    return false;
  }

  private dml(): Statement {
    const p = this.p;
    const start = p.cur;
    const stmt = p.isKw('MERGE') ? parseTsqlMerge(p) : parseDml(p);
    if (p.isKw('OUTPUT')) throw p.error('OUTPUT clause is not read by the T-SQL front end yet');
    if (p.isKw('OPTION') && p.isOp('(', 1)) {
      p.next(); const hint = p.skipParens();
      if (stmt.kind === 'Select') stmt.modifiers = [...(stmt.modifiers ?? []), `OPTION ${hint}`];
    }
    if (stmt.kind === 'Select' && stmt.into && p.isKw('INTO')) throw p.error('SELECT … INTO');
    return { kind: 'SqlStatement', statement: stmt, span: p.spanFrom(start) };
  }

  private begin(): Statement {
    const p = this.p;
    const t = p.next();
    if (p.isAnyKw('TRAN', 'TRANSACTION') || p.isKws('DISTRIBUTED', 'TRANSACTION')) {
      p.acceptKw('DISTRIBUTED'); p.next();
      if ((p.isIdent() || p.cur.type === 'variable') && !isStatementStart(p.cur) && !p.isOp(':', 1)) p.next();
      p.acceptKws('WITH', 'MARK'); if (p.cur.type === 'string') p.next();
      return { kind: 'Transaction', action: 'begin', span: p.spanFrom(t) };
    }
    if (p.acceptKw('TRY')) {
      const body = this.list(true);
      this.expectEnd(t, 'TRY');
      p.expectKw('BEGIN');
      p.expectKw('CATCH');
      const catchStart = p.prev;
      const handler = this.list(true);
      this.expectEnd(t, 'CATCH');
      const block: Block = { kind: 'Block', declarations: [], body, exceptionHandlers: [{ conditions: [{ kind: 'others' }], body: handler, span: p.spanFrom(catchStart) }], span: p.spanFrom(t) };
      return block;
    }
    if (p.isKws('DIALOG') || p.isKws('CONVERSATION')) throw p.error('Service Broker conversations are not converted');
    const body = this.list(true);
    this.expectEnd(t);
    return { kind: 'Block', declarations: [], body, exceptionHandlers: [], span: p.spanFrom(t) };
  }

  private expectEnd(begin: Token, what?: string): void {
    const p = this.p;
    if (!p.isKw('END')) throw new ParseError(`BEGIN${what ? ` ${what}` : ''} at line ${begin.line} has no matching END${what ? ` ${what}` : ''}`, p.tokenSpan(begin));
    p.next();
    if (what) p.expectKw(what);
  }

  private declare(): Statement {
    const p = this.p;
    const t = p.next();
    // DECLARE c CURSOR [LOCAL|GLOBAL] [FORWARD_ONLY|SCROLL] [STATIC|KEYSET|DYNAMIC|FAST_FORWARD] [READ_ONLY…] FOR select
    if (p.isIdent() && p.cur.type !== 'variable' && (p.isKw('CURSOR', 1) || p.isKw('INSENSITIVE', 1) || p.isKw('SCROLL', 1))) {
      const name = p.ident('a cursor name').name;
      let scroll = false;
      while (!p.isKw('FOR') && !p.atEnd()) { if (p.next().upper === 'SCROLL') scroll = true; }
      p.expectKw('FOR');
      const query = parseQuery(p);
      if (p.acceptKw('FOR')) { p.acceptKw('UPDATE'); if (p.acceptKw('OF')) { do p.ident(); while (p.acceptOp(',')); } }
      return { kind: 'CursorDecl', name, query, ...(scroll ? { scroll } : {}), span: p.spanFrom(t) };
    }
    const decls: Statement[] = [];
    do {
      const vStart = p.cur;
      if (p.cur.type !== 'variable' || p.cur.prefix !== '@') throw p.error(`expected a @variable but found ${describeToken(p.cur)}`);
      const name = p.next().value;
      p.acceptKw('AS');
      if (p.isKw('TABLE')) { decls.push(this.tableVariable(name, vStart)); continue; }
      if (p.isKw('CURSOR')) { p.next(); decls.push({ kind: 'VarDecl', names: [name], dataType: { kind: 'DataType', name: 'unknown', sourceText: 'CURSOR', span: p.spanFrom(vStart) }, span: p.spanFrom(vStart) }); continue; }
      const dataType = parseTsqlDataType(p);
      checkType(this.ctx, { name: `@${name}`, dataType });
      const d: VarDecl = { kind: 'VarDecl', names: [name], dataType, span: p.spanFrom(vStart) };
      if (p.acceptOp('=')) d.default = parseExpression(p);
      d.span = p.spanFrom(vStart);
      decls.push(d);
    } while (p.acceptOp(','));
    return decls.length === 1 ? decls[0]! : { kind: 'Block', declarations: decls, body: [], exceptionHandlers: [], span: p.spanFrom(t) };
  }

  private tableVariable(name: string, start: Token): VarDecl {
    const p = this.p;
    const tableTok = p.expectKw('TABLE');
    const columns: Column[] = [];
    const constraints: Constraint[] = [];
    p.expectOp('(');
    do {
      if (p.isOp(')')) break;
      const itemStart = p.cur;
      if (p.acceptKw('CONSTRAINT')) {
        const cname = p.ident().name;
        const c = parseTableConstraint(p, this.ctx, itemStart, cname);
        if (c !== 'default') constraints.push(c);
      } else if (p.isAnyKw('PRIMARY', 'UNIQUE', 'CHECK')) {
        const c = parseTableConstraint(p, this.ctx, itemStart, undefined);
        if (c !== 'default') constraints.push(c);
      } else if (p.isKw('INDEX')) {
        p.next(); p.ident(); p.acceptAnyKw('CLUSTERED', 'NONCLUSTERED'); p.skipParens();
      } else columns.push(parseColumnDef(p, this.ctx, constraints, itemStart));
    } while (p.acceptOp(','));
    p.expectOp(')');
    return {
      kind: 'VarDecl', names: [name], table: { columns, constraints },
      dataType: { kind: 'DataType', name: 'unknown', sourceText: 'TABLE', span: p.tokenSpan(tableTok) }, span: p.spanFrom(start),
    };
  }

  private set(): Statement {
    const p = this.p;
    const t = p.next();
    if (p.cur.type === 'variable' && p.cur.prefix === '@') {
      const target = parseExpression(p, 100);
      const opTok = p.cur;
      const op = opTok.type === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^='].includes(opTok.value) ? opTok.value : undefined;
      if (!op) throw p.error(`expected '=' after SET ${target.kind === 'Variable' ? `@${target.name}` : 'variable'} but found ${describeToken(opTok)}`);
      p.next();
      if (p.isKw('CURSOR')) throw p.error('SET @cursor = CURSOR FOR … is not converted');
      let value = parseExpression(p);
      if (op !== '=') value = { kind: 'Binary', op: op.slice(0, 1), left: target, right: value, span: p.spanFrom(opTok) } as Expr;
      return { kind: 'Assign', target, value, span: p.spanFrom(t) };
    }
    const opt = p.cur.upper;
    if (HARMLESS_SET.has(opt)) {
      p.next();
      while (p.acceptOp(',')) p.next();
      p.acceptAnyKw('ON', 'OFF');
      return { kind: 'Null', span: p.spanFrom(t) };
    }
    if (p.isKw('TRANSACTION') && p.isKw('ISOLATION', 1) && p.isKw('LEVEL', 2)) {
      p.pos += 3;
      const words: string[] = [];
      while (words.length < 2 && p.isAnyKw('READ', 'UNCOMMITTED', 'COMMITTED', 'REPEATABLE', 'SNAPSHOT', 'SERIALIZABLE')) words.push(p.next().upper);
      const level = words.join(' ');
      if (!ISOLATION_LEVELS.has(level)) throw p.error(`SET TRANSACTION ISOLATION LEVEL: expected READ UNCOMMITTED, READ COMMITTED, REPEATABLE READ, SNAPSHOT or SERIALIZABLE but found ${describeToken(p.cur)}`);
      return { kind: 'SessionSet', name: 'TRANSACTION ISOLATION LEVEL', value: level, span: p.spanFrom(t) };
    }
    if (p.cur.type === 'word' && !p.isAnyKw('TRANSACTION', 'IDENTITY_INSERT', 'STATISTICS', 'SHOWPLAN_ALL', 'SHOWPLAN_TEXT', 'SHOWPLAN_XML')) {
      p.next();
      let value: Expr | string;
      if (VALUE_SET.has(opt)) value = parseExpression(p);
      else if (p.cur.type === 'word' && !p.atEnd()) value = p.next().upper;
      else value = parseExpression(p);
      return { kind: 'SessionSet', name: opt, value, span: p.spanFrom(t) };
    }
    throw p.error(`SET ${opt} changes session behaviour and is not converted`);
  }

  private raiserror(): Statement {
    const p = this.p;
    const t = p.next();
    const paren = p.acceptOp('(');
    const message = parseExpression(p);
    p.expectOp(',');
    const sevTok = p.cur;
    const severity = parseExpression(p);
    p.expectOp(',');
    parseExpression(p);
    const formatArgs: Expr[] = [];
    while (p.acceptOp(',')) formatArgs.push(parseExpression(p));
    if (paren) p.expectOp(')');
    if (p.acceptKw('WITH')) { do p.expectAnyKw('LOG', 'NOWAIT', 'SETERROR'); while (p.acceptOp(',')); }
    const sev = severity.kind === 'Literal' && severity.type === 'number' ? Number(severity.value) : sevTok.type === 'variable' ? 16 : 16;
    // Severity 0–10 is a message that does not stop the batch; 11 and above is an error.
    const r: Raise = { kind: 'Raise', level: sev <= 10 ? 'notice' : 'exception', message, span: p.spanFrom(t) };
    if (formatArgs.length) r.formatArgs = formatArgs;
    r.items = [{ name: 'severity', value: severity }];
    return r;
  }

  private exec(): Statement {
    const p = this.p;
    const t = p.next();
    if (p.isOp('(')) {
      p.next();
      let sql = parseExpression(p);
      while (p.acceptOp('+')) sql = { kind: 'Binary', op: '+', left: sql, right: parseExpression(p), span: p.spanFrom(t) } as Expr;
      p.expectOp(')');
      if (p.isKw('AT') || p.isKw('AS')) throw p.error('EXEC (…) AT linked server / AS user is not converted');
      return { kind: 'DynamicSql', sql, phase: 'immediate', span: p.spanFrom(t) };
    }
    let returnStatus: Expr | undefined;
    if (p.cur.type === 'variable' && p.isOp('=', 1)) { returnStatus = parseExpression(p, 100); p.expectOp('='); }
    if (p.peek(0).type === 'variable') throw p.error('EXEC @procedure_name_variable is not converted');
    const name = objectName(p, 'a procedure name');
    const args: Expr[] = [];
    const outputArgs: number[] = [];
    if (!p.atEnd() && !p.isOp(';') && !isStatementStart(p.cur)) {
      do {
        const aStart = p.cur;
        let arg: Expr;
        if (p.cur.type === 'variable' && p.isOp('=', 1)) {
          const pname = p.next().value;
          p.next();
          arg = { kind: 'NamedArg', name: pname, value: p.isKw('DEFAULT') ? (p.next(), { kind: 'Default', span: p.spanFrom(aStart) } satisfies Expr) : parseExpression(p), span: p.spanFrom(aStart) };
        } else if (p.isKw('DEFAULT')) { p.next(); arg = { kind: 'Default', span: p.spanFrom(aStart) }; }
        else if (p.cur.type === 'word' && !p.isOp('(', 1) && !p.isOp('.', 1) && !['NULL'].includes(p.cur.upper)) {
          // A bare word argument is a string in T-SQL (EXEC sp_addtype id, 'varchar(11)').
          const w = p.next();
          arg = { kind: 'Literal', type: 'string', value: w.value, span: p.spanFrom(w) };
        } else arg = parseExpression(p);
        if (p.acceptAnyKw('OUTPUT', 'OUT')) outputArgs.push(args.length);
        args.push(arg);
      } while (p.acceptOp(','));
    }
    if (p.isKws('WITH', 'RECOMPILE') || p.isKws('WITH', 'RESULT')) throw p.error('EXEC … WITH RECOMPILE / RESULT SETS is not converted');
    const lname = name.name.toLowerCase();
    if (lname === 'sp_executesql') {
      const [sql, decl, ...rest] = args;
      if (!sql) throw p.error('sp_executesql needs a statement');
      const ds: Statement = { kind: 'DynamicSql', sql: sql.kind === 'NamedArg' ? sql.value : sql, phase: 'immediate', span: p.spanFrom(t) };
      // Positional values bind to the declared parameters in order: name them from the declaration string.
      const declared = decl && decl.kind === 'Literal' && decl.type === 'string' ? [...decl.value.matchAll(/@(\w+)/g)].map((m) => m[1]!) : [];
      if (rest.length) ds.using = rest.map((a, i) => (a.kind !== 'NamedArg' && declared[i] ? { kind: 'NamedArg', name: declared[i], value: a, span: a.span } : a));
      if (outputArgs.length) throw p.error('sp_executesql with OUTPUT parameters is not converted');
      return ds;
    }
    const call: Call = { kind: 'Call', name, args, span: p.spanFrom(t) };
    if (outputArgs.length) call.outputArgs = outputArgs;
    if (returnStatus) call.returnStatus = returnStatus;
    return call;
  }

  /**
   * CREATE TABLE inside code (#temp tables mostly) read like a top-level one; #names carry no
   * schema. Undefined (position restored) when it cannot be read or declares inline indexes: the
   * statement is then kept as text.
   */
  private tableInCode(create: Token): Table | undefined {
    const p = this.p;
    const save = p.pos;
    try {
      p.next();
      const { table, indexes } = parseCreateTable(p, this.ctx, create);
      if (!indexes.length) {
        if (table.name.name.startsWith('#')) table.name = { name: table.name.name };
        return table;
      }
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
    }
    p.pos = save;
    return undefined;
  }

  /** CREATE/DROP/ALTER/TRUNCATE inside code: kept as DdlStatement text (#temp tables, dynamic objects). */
  private ddl(): Statement {
    const p = this.p;
    const t = p.cur;
    const action = t.upper.toLowerCase() as 'create' | 'drop' | 'alter' | 'truncate';
    p.next();
    const objectType = p.cur.type === 'word' ? p.cur.upper.toLowerCase() : 'object';
    if (['procedure', 'proc', 'function', 'trigger', 'view'].includes(objectType) && action !== 'drop') {
      throw p.error(`${t.upper} ${p.cur.upper} inside other code must run as dynamic SQL (EXEC('…'))`);
    }
    if (action === 'create' && objectType === 'table') {
      const table = this.tableInCode(t);
      if (table) return { kind: 'DdlStatement', action, object: table, target: { objectType, name: table.name }, text: p.textBetween(t), span: p.spanFrom(t) };
    }
    // DROP … IF EXISTS: the IF must not be read as the start of an IF statement.
    const ifExists = action === 'drop' && p.isKw('IF', 1) && p.isKw('EXISTS', 2);
    if (ifExists) p.pos += 2;
    else p.pos--;
    this.skipStatement();
    const text = p.textBetween(t);
    const m = /^\s*\w+\s+(?:table|index|view|procedure|proc|function|trigger|type|sequence|synonym)\s+(?:if\s+exists\s+)?([^\s(,;]+)/i.exec(text);
    const st: Statement = { kind: 'DdlStatement', action, text, span: p.spanFrom(t), ...(ifExists ? { ifExists } : {}) };
    if (m) {
      const q = m[1]!.replace(/[[\]"]/g, '').split('.');
      st.target = { objectType, name: q.length > 1 ? { schema: q[q.length - 2]!, name: q[q.length - 1]! } : { name: q[0]! } };
    }
    return st;
  }
}

import type { Expr, Raise, Statement, Transaction } from '../../../model/index.js';
import { describeToken } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import type { Token } from '../../common/tokens.js';
import type { PlParser } from './block.js';
import { OP } from './codes.js';
import { parseCaseStatement, parseFetch, parseFor, parseForAll, parseIf, parseLoop, parseOpen, parseWhile } from './control.js';
import { parseExecuteImmediate } from './dynamic.js';
import { parseCallArgs } from './exprs.js';
import { collectToSemicolon } from './sql.js';

const SQL_START = new Set(['SELECT', 'WITH', 'INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** Statements the tree does not model: kept as Unparsed with a finding (never silently dropped). */
const NOT_MODELLED: Record<string, string> = {
  LOCK: 'LOCK TABLE', SET: 'SET TRANSACTION / SET ROLE', PIPE: 'PIPE', ALTER: 'DDL', CREATE: 'DDL', DROP: 'DDL', TRUNCATE: 'DDL', GRANT: 'DDL',
};

/** `<<label>>` at the cursor (the tokenizer gives `<<` and `>>` operators). */
function parseLabel(pl: PlParser): string | undefined {
  const p = pl.p;
  if (!(p.isOp('<<') && p.isIdent(1) && p.isOp('>>', 2))) return undefined;
  p.next();
  const name = p.ident('a label').name;
  p.next();
  return name;
}

/** One PL/SQL statement, including its terminating ';'. */
export function parseStatement(pl: PlParser): Statement {
  const p = pl.p;
  const start = p.cur;
  const label = parseLabel(pl);
  if (label !== undefined) {
    if (p.isAnyKw('LOOP', 'WHILE', 'FOR', 'BEGIN', 'DECLARE')) return labelled(pl, start, label);
    if (p.isKw('CASE')) return parseCaseStatement(pl, start, label);
    return { kind: 'Label', name: label, span: p.spanFrom(start) };
  }
  const t = p.cur;
  const w = t.type === 'word' ? t.upper : '';
  switch (w) {
    case 'BEGIN': case 'DECLARE': return pl.parseBlock();
    case 'IF': return parseIf(pl, start);
    case 'CASE': return parseCaseStatement(pl, start);
    case 'LOOP': case 'WHILE': case 'FOR': return labelled(pl, start, undefined);
    case 'FORALL': return parseForAll(pl, start);
    case 'NULL':
      if (p.isOp(';', 1)) { p.pos += 2; return { kind: 'Null', span: p.spanFrom(start) }; }
      break;
    case 'EXIT': case 'CONTINUE': {
      p.next();
      let lbl: string | undefined;
      if (p.isIdent() && !p.isKw('WHEN')) lbl = p.ident('a label').name;
      let when: Expr | undefined;
      if (p.acceptKw('WHEN')) when = parseExpression(p);
      p.expectOp(';');
      return { kind: w === 'EXIT' ? 'Leave' : 'Iterate', ...(lbl ? { label: lbl } : {}), ...(when ? { when } : {}), span: p.spanFrom(start) };
    }
    case 'RETURN': {
      p.next();
      const value = p.isOp(';') ? undefined : parseExpression(p);
      p.expectOp(';');
      return { kind: 'Return', ...(value ? { value } : {}), span: p.spanFrom(start) };
    }
    case 'GOTO': {
      p.next();
      const lbl = p.ident('a label').name;
      p.expectOp(';');
      return { kind: 'Goto', label: lbl, span: p.spanFrom(start) };
    }
    case 'RAISE': return parseRaise(pl, start);
    case 'OPEN': return parseOpen(pl, start);
    case 'FETCH': return parseFetch(pl, start);
    case 'CLOSE': {
      p.next();
      const name = p.qualifiedParts('a cursor name').parts.join('.');
      p.expectOp(';');
      return { kind: 'CloseCursor', name, span: p.spanFrom(start) };
    }
    case 'EXECUTE':
      if (p.isKw('IMMEDIATE', 1)) return parseExecuteImmediate(pl, start);
      break;
    case 'COMMIT': case 'ROLLBACK': case 'SAVEPOINT': return parseTransaction(pl, start, w);
    case 'PRAGMA': {
      // PRAGMA INLINE (subprogram, 'YES') may precede a statement
      p.next();
      const name = p.ident('a pragma name').name;
      const args = p.isOp('(') ? parseCallArgs(p) : [];
      p.expectOp(';');
      return { kind: 'Pragma', name, args, span: p.spanFrom(start) };
    }
    case 'PIPE':
      if (p.isKw('ROW', 1)) {
        p.pos += 2;
        p.expectOp('(');
        const value = parseExpression(p);
        p.expectOp(')');
        p.expectOp(';');
        // PIPE ROW (x) is PL/pgSQL RETURN NEXT x: one row of a pipelined (set-returning) function
        return { kind: 'Return', value, next: true, span: p.spanFrom(start) };
      }
      break;
  }
  if ((SQL_START.has(w) && !p.isOp(':=', 1) && !p.isOp('.', 1) && !(w !== 'SELECT' && w !== 'WITH' && p.isOp('(', 1)))
    || (t.type === 'op' && t.value === '(' && p.isAnyKwAt(1, 'SELECT', 'WITH'))) {
    return pl.sql(collectToSemicolon(p));
  }
  if (w in NOT_MODELLED && !p.isOp(':=', 1) && !p.isOp('(', 1) && !p.isOp('.', 1) && !p.isOp(';', 1)) {
    return notModelled(pl, start, NOT_MODELLED[w]!);
  }
  return parseAssignOrCall(pl, start);
}

/** A loop or block with an optional <<label>> before it. */
function labelled(pl: PlParser, start: Token, label: string | undefined): Statement {
  const p = pl.p;
  if (p.isKw('LOOP')) return parseLoop(pl, start, label);
  if (p.isKw('WHILE')) return parseWhile(pl, start, label);
  if (p.isKw('FOR')) return parseFor(pl, start, label);
  const b = pl.parseBlock(label);
  b.span = p.spanFrom(start);
  return b;
}

function notModelled(pl: PlParser, start: Token, what: string): Statement {
  const p = pl.p;
  const tokens = collectToSemicolon(p);
  const last = tokens[tokens.length - 1] ?? start;
  const span = p.spanFrom(start, last);
  const text = p.textBetween(start, last);
  const shown = text.replace(/\s+/g, ' ');
  pl.diag(OP.unsupportedConstruct, span, `${pl.unit}: ${what} statement inside PL/SQL is not converted: ${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}`);
  return { kind: 'Unparsed', text, reason: `${what} inside PL/SQL`, span };
}

/** RAISE; | RAISE e; | (RAISE_APPLICATION_ERROR is a call, see parseAssignOrCall). */
function parseRaise(pl: PlParser, start: Token): Raise {
  const p = pl.p;
  p.expectKw('RAISE');
  if (p.acceptOp(';')) return { kind: 'Raise', level: 'exception', reraise: true, span: p.spanFrom(start) };
  const name = p.qualifiedParts('an exception name').parts.join('.');
  p.expectOp(';');
  return { kind: 'Raise', level: 'exception', conditionName: name, span: p.spanFrom(start) };
}

function parseTransaction(pl: PlParser, start: Token, w: string): Transaction {
  const p = pl.p;
  p.next();
  let out: Transaction;
  if (w === 'SAVEPOINT') {
    out = { kind: 'Transaction', action: 'savepoint', savepoint: p.ident('a savepoint name').name, span: p.tokenSpan(start) };
  } else {
    p.acceptKw('WORK');
    if (w === 'ROLLBACK' && p.acceptKw('TO')) {
      p.acceptKw('SAVEPOINT');
      out = { kind: 'Transaction', action: 'rollback to', savepoint: p.ident('a savepoint name').name, span: p.tokenSpan(start) };
    } else {
      out = { kind: 'Transaction', action: w === 'COMMIT' ? 'commit' : 'rollback', span: p.tokenSpan(start) };
      if (w === 'COMMIT') {
        // COMMIT [WORK] [COMMENT '…'] [WRITE [IMMEDIATE|BATCH] [WAIT|NOWAIT]]: durability options only
        if (p.acceptKw('COMMENT')) p.next();
        if (p.acceptKw('WRITE')) { p.acceptAnyKw('IMMEDIATE', 'BATCH'); p.acceptAnyKw('WAIT', 'NOWAIT'); }
      }
      if (p.isKw('FORCE')) throw p.error('COMMIT/ROLLBACK FORCE (distributed transactions) is not converted');
    }
  }
  p.expectOp(';');
  out.span = p.spanFrom(start);
  return out;
}

/**
 * `target := expr;` or a procedure call: `p;`, `p(args);`, `pkg.p(a => 1);`, `v.EXTEND(2);`.
 * RAISE_APPLICATION_ERROR(n, msg) becomes Raise with ORACLE_ERRNO; DBMS_OUTPUT.PUT_LINE stays a Call.
 */
function parseAssignOrCall(pl: PlParser, start: Token): Statement {
  const p = pl.p;
  if (p.cur.type !== 'word' && p.cur.type !== 'qident' && p.cur.type !== 'variable') {
    throw p.error(`expected a statement but found ${describeToken(p.cur)}`);
  }
  const target = parseExpression(p, 90);
  if (p.acceptOp(':=')) {
    const value = parseExpression(p);
    p.expectOp(';');
    return { kind: 'Assign', target, value, span: p.spanFrom(start) };
  }
  if (!p.isOp(';')) throw p.error(`expected ':=', '(' or ';' after ${p.textBetween(start)} but found ${describeToken(p.cur)}`);
  p.next();
  const span = p.spanFrom(start);
  if (target.kind === 'FunctionCall') {
    const n = target.name;
    if (!n.schema && n.name === 'RAISE_APPLICATION_ERROR') return raiseApplicationError(pl, target.args, span);
    return { kind: 'Call', name: n, args: target.args, span };
  }
  if (target.kind === 'ColumnRef') {
    const parts = target.parts;
    const name = parts.length === 1 ? { name: parts[0]! } : parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : { catalog: parts[0]!, schema: parts[1]!, name: parts.slice(2).join('.') };
    return { kind: 'Call', name, args: [], span };
  }
  throw p.error(`expected a procedure call or an assignment here, not an expression`, start);
}

function raiseApplicationError(pl: PlParser, args: Expr[], span: Raise['span']): Raise {
  const named = (i: number, name: string): Expr | undefined => {
    const byName = args.find((a) => a.kind === 'NamedArg' && a.name === name);
    if (byName && byName.kind === 'NamedArg') return byName.value;
    const a = args[i];
    return a && a.kind !== 'NamedArg' ? a : undefined;
  };
  const num = named(0, 'NUM');
  const msg = named(1, 'MSG');
  if (!num || !msg) throw pl.p.error('RAISE_APPLICATION_ERROR needs an error number and a message');
  const r: Raise = { kind: 'Raise', level: 'exception', items: [{ name: 'ORACLE_ERRNO', value: num }], message: msg, span };
  const keep = named(2, 'KEEPERRORSTACK');
  if (keep) r.items!.push({ name: 'KEEP_ERROR_STACK', value: keep });
  return r;
}


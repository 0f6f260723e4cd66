import type { Expr, HandlerCondition, Raise, Statement, Transaction } from '../../../model/index.js';
import { Parser, describeToken } from '../../common/parser.js';
import { parseDataType } from '../../common/datatype.js';
import { parseExpression, parseExpressionList } from '../../common/expr.js';
import { parseQuery, isQueryStart } from '../../common/query.js';
import { parseDml } from '../../common/dml.js';
import { qualifiedName } from '../../common/names.js';
import type { Token } from '../../common/tokens.js';
import { MY } from '../codes.js';
import type { Proc } from './block.js';
import { parseBodyDdl } from './ddl.js';

type Parsed = Statement[];

/** Everything that is not a compound statement. */
export function parseSimpleStatement(proc: Proc, start: Token): Parsed {
  const p = proc.p;
  const w = p.cur.type === 'word' ? p.cur.upper : '';
  const span = () => p.spanFrom(start);
  switch (w) {
    case 'DECLARE': return [parseDeclare(proc, start)];
    case 'SET': return parseSet(proc, start);
    case 'LEAVE': case 'ITERATE': {
      p.next();
      const label = p.ident('a label').name;
      return [{ kind: w === 'LEAVE' ? 'Leave' : 'Iterate', label, span: span() }];
    }
    case 'RETURN': {
      p.next();
      return [{ kind: 'Return', value: parseExpression(p), span: span() }];
    }
    case 'OPEN': case 'CLOSE': {
      p.next();
      const name = p.ident('a cursor name').name;
      return [w === 'OPEN' ? { kind: 'OpenCursor', name, span: span() } : { kind: 'CloseCursor', name, span: span() }];
    }
    case 'FETCH': {
      p.next();
      if (p.acceptKw('NEXT')) p.expectKw('FROM');
      else p.acceptKw('FROM');
      const cursor = p.ident('a cursor name').name;
      p.expectKw('INTO');
      return [{ kind: 'Fetch', cursor, into: parseExpressionList(p), span: span() }];
    }
    case 'CALL': {
      p.next();
      const q = p.qualifiedParts('a procedure name');
      let args: Expr[] = [];
      if (p.acceptOp('(')) {
        if (!p.isOp(')')) args = parseExpressionList(p);
        p.expectOp(')');
      }
      return [{ kind: 'Call', name: qualifiedName(q.parts, q.quoted), args, span: span() }];
    }
    case 'SIGNAL': case 'RESIGNAL': return [parseSignal(p, start, w === 'RESIGNAL')];
    case 'PREPARE': {
      p.next();
      const name = p.ident('a statement name').name;
      p.expectKw('FROM');
      return [{ kind: 'DynamicSql', sql: parseExpression(p), preparedName: name, phase: 'prepare', span: span() }];
    }
    case 'EXECUTE': {
      p.next();
      const name = p.ident('a statement name').name;
      const using = p.acceptKw('USING') ? parseExpressionList(p) : undefined;
      return [{ kind: 'DynamicSql', sql: { kind: 'Literal', type: 'null', value: 'NULL', span: span() }, preparedName: name, phase: 'execute', ...(using ? { using } : {}), span: span() }];
    }
    case 'DEALLOCATE': case 'DROP':
      if (p.isKw('PREPARE', 1)) {
        p.pos += 2;
        const name = p.ident('a statement name').name;
        return [{ kind: 'DynamicSql', sql: { kind: 'Literal', type: 'null', value: 'NULL', span: span() }, preparedName: name, phase: 'deallocate', span: span() }];
      }
      break;
    case 'START':
      if (p.isKw('TRANSACTION', 1)) {
        p.pos += 2;
        while (p.acceptKws('WITH', 'CONSISTENT', 'SNAPSHOT') || p.acceptKws('READ', 'ONLY') || p.acceptKws('READ', 'WRITE') || p.acceptOp(',')) { /* modes */ }
        return [tx('begin', span())];
      }
      break;
    case 'COMMIT': case 'ROLLBACK': {
      p.next();
      p.acceptKw('WORK');
      if (w === 'ROLLBACK' && p.acceptKw('TO')) {
        p.acceptKw('SAVEPOINT');
        return [{ ...tx('rollback to', span()), savepoint: p.ident('a savepoint name').name, span: span() }];
      }
      p.acceptKws('AND', 'NO', 'CHAIN') || p.acceptKws('AND', 'CHAIN');
      p.acceptKws('NO', 'RELEASE') || p.acceptKw('RELEASE');
      return [tx(w === 'COMMIT' ? 'commit' : 'rollback', span())];
    }
    case 'SAVEPOINT': {
      p.next();
      return [{ ...tx('savepoint', span()), savepoint: p.ident('a savepoint name').name, span: span() }];
    }
    case 'RELEASE': {
      p.next();
      p.expectKw('SAVEPOINT');
      return [{ ...tx('release', span()), savepoint: p.ident('a savepoint name').name, span: span() }];
    }
    case 'GET': return [parseGetDiagnostics(p, start)];
    case 'DO': {
      // DO expr, … evaluates and discards: a query whose result is discarded (like PERFORM).
      p.next();
      const items = parseExpressionList(p).map((expr) => ({ expr }));
      const select = { kind: 'Select' as const, items, from: [], groupBy: [], orderBy: [], span: span() };
      return [{ kind: 'SqlStatement', statement: select, perform: true, span: span() }];
    }
    case 'INSERT': case 'REPLACE': case 'UPDATE': case 'DELETE':
      return [{ kind: 'SqlStatement', statement: parseDml(p), span: span() }];
  }
  if (isQueryStart(p)) return [{ kind: 'SqlStatement', statement: parseQuery(p), span: span() }];
  const ddl = parseBodyDdl(proc, start);
  if (ddl) return [ddl];
  throw p.error(`${describeToken(p.cur)} does not start a statement that routines can contain (or one the converter knows)`);
}

function tx(action: Transaction['action'], span: Transaction['span']): Transaction {
  return { kind: 'Transaction', action, span };
}

function parseDeclare(proc: Proc, start: Token): Statement {
  const p = proc.p;
  p.expectKw('DECLARE');
  const action = p.acceptAnyKw('CONTINUE', 'EXIT', 'UNDO');
  if (action) {
    p.expectKws('HANDLER', 'FOR');
    const conditions: HandlerCondition[] = [];
    do conditions.push(parseHandlerCondition(p)); while (p.acceptOp(','));
    const body = proc.parseStatement();
    const stmt: Statement = body.length === 1 ? body[0]! : { kind: 'Block', declarations: [], body, exceptionHandlers: [], span: p.spanFrom(start) };
    return { kind: 'HandlerDecl', action: action.toLowerCase() as 'continue', conditions, body: stmt, span: p.spanFrom(start) };
  }
  const first = p.ident('a variable name').name;
  if (p.acceptKw('CONDITION')) {
    p.expectKw('FOR');
    if (p.acceptKw('SQLSTATE')) {
      p.acceptKw('VALUE');
      const t = p.cur;
      if (t.type !== 'string') throw p.error(`expected an SQLSTATE string but found ${describeToken(t)}`);
      p.next();
      return { kind: 'ConditionDecl', name: first, sqlstate: t.value, span: p.spanFrom(start) };
    }
    return { kind: 'ConditionDecl', name: first, errorCode: p.integer('a MySQL error number'), span: p.spanFrom(start) };
  }
  if (p.acceptKw('CURSOR')) {
    p.expectKw('FOR');
    const query = parseQuery(p);
    return { kind: 'CursorDecl', name: first, query, span: p.spanFrom(start) };
  }
  const names = [first];
  while (p.acceptOp(',')) names.push(p.ident('a variable name').name);
  const dataType = parseDataType(p);
  if (dataType.name === 'unknown') proc.ctx.diag(MY.unknownType, dataType.span, `Unknown data type ${dataType.sourceText} for variable ${names.join(', ')}`);
  let dflt: Expr | undefined;
  if (p.acceptKw('DEFAULT')) dflt = parseExpression(p);
  for (const n of names) proc.scope.declare(n);
  return { kind: 'VarDecl', names, dataType, ...(dflt ? { default: dflt } : {}), span: p.spanFrom(start) };
}

function parseHandlerCondition(p: Parser): HandlerCondition {
  if (p.acceptKw('SQLSTATE')) {
    p.acceptKw('VALUE');
    const t = p.cur;
    if (t.type !== 'string') throw p.error(`expected an SQLSTATE string but found ${describeToken(t)}`);
    p.next();
    return { kind: 'sqlstate', value: t.value };
  }
  if (p.acceptKw('SQLWARNING')) return { kind: 'sqlWarning' };
  if (p.acceptKw('SQLEXCEPTION')) return { kind: 'sqlException' };
  if (p.acceptKws('NOT', 'FOUND')) return { kind: 'notFound' };
  if (p.cur.type === 'number') return { kind: 'errorCode', value: p.integer() };
  return { kind: 'named', name: p.ident('a condition').name };
}

/** SET a = 1, @b := 2, NEW.c = 3, GLOBAL x = 1, @@session.y = 2 */
function parseSet(proc: Proc, start: Token): Parsed {
  const p = proc.p;
  p.expectKw('SET');
  const out: Statement[] = [];
  do {
    const itemStart = p.cur;
    const level = p.acceptAnyKw('GLOBAL', 'SESSION', 'LOCAL', 'PERSIST', 'PERSIST_ONLY');
    let target: Expr;
    const t = p.cur;
    if (t.type === 'variable') {
      p.next();
      target = { kind: 'Variable', name: t.value, scope: t.prefix === '@@' ? 'system' : 'user', span: p.tokenSpan(t) };
    } else {
      if (t.type === 'word' && ['NAMES', 'CHARACTER', 'TRANSACTION', 'PASSWORD', 'ROLE', 'DEFAULT'].includes(t.upper) && !proc.scope.has(t.value)) {
        throw p.error(`SET ${t.upper} … inside a routine is not converted`);
      }
      const q = p.qualifiedParts('a variable name');
      const tspan = p.spanFrom(t);
      if (level) target = { kind: 'Variable', name: `${level.toLowerCase()}.${q.parts.join('.')}`, scope: 'system', span: tspan };
      else if (q.parts.length === 1 && proc.scope.has(q.parts[0]!)) target = { kind: 'Variable', name: q.parts[0]!, scope: 'local', span: tspan };
      else if (q.parts.length === 1) target = { kind: 'Variable', name: q.parts[0]!, scope: 'system', span: tspan };
      else target = { kind: 'ColumnRef', parts: q.parts, span: tspan };
    }
    if (!p.acceptOp('=') && !p.acceptOp(':=')) throw p.error(`expected '=' but found ${describeToken(p.cur)}`);
    const value = parseExpression(p);
    out.push({ kind: 'Assign', target, value, span: p.spanFrom(out.length ? itemStart : start) });
  } while (p.acceptOp(','));
  return out;
}

const SIGNAL_ITEMS = new Set(['MESSAGE_TEXT', 'MYSQL_ERRNO', 'CLASS_ORIGIN', 'SUBCLASS_ORIGIN', 'CONSTRAINT_CATALOG', 'CONSTRAINT_SCHEMA',
  'CONSTRAINT_NAME', 'CATALOG_NAME', 'SCHEMA_NAME', 'TABLE_NAME', 'COLUMN_NAME', 'CURSOR_NAME']);

function parseSignal(p: Parser, start: Token, reraise: boolean): Raise {
  p.next();
  const r: Raise = { kind: 'Raise', level: 'exception', span: p.tokenSpan(start) };
  if (reraise) r.reraise = true;
  if (p.acceptKw('SQLSTATE')) {
    p.acceptKw('VALUE');
    const t = p.cur;
    if (t.type !== 'string') throw p.error(`expected an SQLSTATE string but found ${describeToken(t)}`);
    p.next();
    r.sqlstate = t.value;
    if (t.value.startsWith('01')) r.level = 'warning';
  } else if (p.isIdent() && !p.isKw('SET')) {
    r.conditionName = p.ident('a condition name').name;
  }
  if (p.acceptKw('SET')) {
    const items: { name: string; value: Expr }[] = [];
    do {
      const t = p.cur;
      const name = p.ident('a condition item').name.toUpperCase();
      if (!SIGNAL_ITEMS.has(name)) throw p.error(`unknown SIGNAL item ${name}`, t);
      p.expectOp('=');
      const value = parseExpression(p);
      if (name === 'MESSAGE_TEXT') r.message = value;
      else items.push({ name, value });
    } while (p.acceptOp(','));
    if (items.length) r.items = items;
  }
  r.span = p.spanFrom(start);
  return r;
}

function parseGetDiagnostics(p: Parser, start: Token): Statement {
  p.expectKw('GET');
  const which = p.acceptAnyKw('CURRENT', 'STACKED');
  p.expectKw('DIAGNOSTICS');
  let conditionNumber: Expr | undefined;
  if (p.acceptKw('CONDITION')) conditionNumber = parseExpression(p, 30);
  const items: { target: Expr; item: string }[] = [];
  do {
    const target = parseExpression(p, 30);
    p.expectOp('=');
    items.push({ target, item: p.ident('a diagnostics item').name.toUpperCase() });
  } while (p.acceptOp(','));
  return { kind: 'GetDiagnostics', ...(which === 'STACKED' ? { stacked: true } : {}), ...(conditionNumber ? { conditionNumber } : {}), items, span: p.spanFrom(start) };
}

import type { CaseStatement, Expr, ForAll, ForQuery, ForRange, If, Statement } from '../../../model/index.js';
import { describeToken } from '../../common/parser.js';
import { parseExpression, parseExpressionList } from '../../common/expr.js';
import { isQueryStart, parseQuery } from '../../common/query.js';
import type { Token } from '../../common/tokens.js';
import type { PlParser } from './block.js';
import { parseCallArgs } from './exprs.js';
import { collectToSemicolon, subParser } from './sql.js';
import { parseExecuteImmediate } from './dynamic.js';

export function parseIf(pl: PlParser, start: Token): If {
  const p = pl.p;
  p.expectKw('IF');
  const branches: If['branches'] = [];
  let condition = parseExpression(p);
  p.expectKw('THEN');
  branches.push({ condition, body: pl.parseList() });
  let elseBody: Statement[] | undefined;
  for (;;) {
    if (p.acceptKw('ELSIF')) {
      condition = parseExpression(p);
      p.expectKw('THEN');
      branches.push({ condition, body: pl.parseList() });
      continue;
    }
    if (p.acceptKw('ELSE')) elseBody = pl.parseList();
    break;
  }
  closeWith(pl, start, 'IF');
  p.expectOp(';');
  return { kind: 'If', branches, ...(elseBody ? { else: elseBody } : {}), span: p.spanFrom(start) };
}

export function parseCaseStatement(pl: PlParser, start: Token, label?: string): CaseStatement {
  const p = pl.p;
  p.expectKw('CASE');
  const operand = p.isKw('WHEN') ? undefined : parseExpression(p);
  const whens: CaseStatement['whens'] = [];
  while (p.acceptKw('WHEN')) {
    const when = parseExpression(p);
    p.expectKw('THEN');
    whens.push({ when, body: pl.parseList() });
  }
  if (!whens.length) throw p.error(`expected WHEN but found ${describeToken(p.cur)}`);
  let elseBody: Statement[] | undefined;
  if (p.acceptKw('ELSE')) elseBody = pl.parseList();
  closeWith(pl, start, 'CASE');
  endLabel(pl, label);
  return { kind: 'CaseStatement', ...(operand ? { operand } : {}), whens, ...(elseBody ? { else: elseBody } : {}), span: p.spanFrom(start) };
}

/** END IF / END LOOP / END CASE closing `opener`, with a message naming the opener otherwise. */
function closeWith(pl: PlParser, opener: Token, word: string): void {
  const p = pl.p;
  pl.expectEnd(opener);
  if (!p.acceptKw(word)) throw p.error(`expected END ${word} to close the ${word} at line ${opener.line}, but found END ${describeToken(p.cur)}`);
}

/** `[label] ;` after END LOOP / END CASE. */
function endLabel(pl: PlParser, label: string | undefined): void {
  const p = pl.p;
  if (p.isIdent() && !p.isOp(';')) {
    const t = p.cur;
    const id = p.ident('a label');
    if (id.name !== label) throw p.error(`END label ${id.name} does not match ${label ? `the loop label ${label}` : 'any label'}`, t);
  }
  p.expectOp(';');
}

/** LOOP statements END LOOP [label]; (cursor on LOOP). */
function loopBody(pl: PlParser, label: string | undefined): Statement[] {
  const p = pl.p;
  const loopTok = p.expectKw('LOOP');
  const body = pl.parseList();
  closeWith(pl, loopTok, 'LOOP');
  endLabel(pl, label);
  return body;
}

export function parseLoop(pl: PlParser, start: Token, label?: string): Statement {
  const body = loopBody(pl, label);
  return { kind: 'Loop', ...(label ? { label } : {}), body, span: pl.p.spanFrom(start) };
}

export function parseWhile(pl: PlParser, start: Token, label?: string): Statement {
  const p = pl.p;
  p.expectKw('WHILE');
  const condition = parseExpression(p);
  const body = loopBody(pl, label);
  return { kind: 'While', ...(label ? { label } : {}), condition, body, span: p.spanFrom(start) };
}

/**
 * FOR i IN [REVERSE] a..b LOOP, FOR r IN cursor[(args)] LOOP, FOR r IN (query) LOOP,
 * FOR r IN EXECUTE IMMEDIATE is not PL/SQL (dynamic cursor FOR loops need OPEN … FOR).
 */
export function parseFor(pl: PlParser, start: Token, label?: string): ForRange | ForQuery {
  const p = pl.p;
  p.expectKw('FOR');
  const variable = p.ident('a loop variable').name;
  p.expectKw('IN');
  const reverse = p.acceptKw('REVERSE');
  const scope = pl.scope;
  // cursor FOR loop over a parenthesised query
  if (!reverse && p.isOp('(') && isQueryStart(p, 1)) {
    p.next();
    const tokens: Token[] = [];
    let depth = 1;
    while (!p.atEnd()) {
      const t = p.cur;
      if (t.type === 'op' && t.value === '(') depth++;
      if (t.type === 'op' && t.value === ')' && --depth === 0) break;
      tokens.push(t);
      p.next();
    }
    p.expectOp(')');
    const sub = subParser(p, pl.start, tokens);
    const query = pl.query(parseQuery(sub));
    if (!sub.atEnd()) throw sub.error(`unexpected ${describeToken(sub.cur)} in the loop query`);
    return withLoopVar(pl, variable, 'record', label, () => {
      const body = loopBody(pl, label);
      return { kind: 'ForQuery', ...(label ? { label } : {}), variable, query, body, span: p.spanFrom(start) };
    });
  }
  // cursor FOR loop over a declared cursor (also pkg.cursor from a package spec): name [(args)] LOOP
  const save = p.pos;
  if (!reverse && p.isIdent() && !p.isOp('..', 1)) {
    const q = p.qualifiedParts('a cursor name');
    const name = q.parts.join('.');
    const known = q.parts.length === 1 && scope.isCursor(name);
    const args = p.isOp('(') && (known || q.parts.length > 1) ? parseCallArgs(p) : undefined;
    if (!p.isKw('LOOP') || !(known || q.parts.length > 1)) { p.pos = save; return rangeLoop(pl, start, variable, reverse, label); }
    return withLoopVar(pl, variable, 'record', label, () => {
      const body = loopBody(pl, label);
      return { kind: 'ForQuery', ...(label ? { label } : {}), variable, cursor: { name, ...(args ? { args } : {}) }, body, span: p.spanFrom(start) };
    });
  }
  return rangeLoop(pl, start, variable, reverse, label);
}

function rangeLoop(pl: PlParser, start: Token, variable: string, reverse: boolean, label: string | undefined): ForRange {
  const p = pl.p;
  const from = parseExpression(p);
  p.expectOp('..');
  const to = parseExpression(p);
  return withLoopVar(pl, variable, 'variable', label, () => {
    const body = loopBody(pl, label);
    return { kind: 'ForRange', ...(label ? { label } : {}), variable, from, to, ...(reverse ? { reverse } : {}), body, span: p.spanFrom(start) };
  });
}

/** The loop variable lives in its own scope; the loop label qualifies it (`outer.i`). */
function withLoopVar<T>(pl: PlParser, name: string, kind: 'record' | 'variable', label: string | undefined, f: () => T): T {
  pl.scope.push(label);
  pl.scope.declare(name, { kind });
  try { return f(); } finally { pl.scope.pop(); }
}

/** FORALL i IN lo..hi | INDICES OF c [BETWEEN a AND b] | VALUES OF c [SAVE EXCEPTIONS] dml; */
export function parseForAll(pl: PlParser, start: Token): ForAll {
  const p = pl.p;
  p.expectKw('FORALL');
  const variable = p.ident('a FORALL index').name;
  p.expectKw('IN');
  const out: Omit<ForAll, 'statement'> = { kind: 'ForAll', variable, span: p.spanFrom(start) };
  if (p.acceptKws('INDICES', 'OF')) {
    out.indicesOf = parseExpression(p, 32);
    if (p.acceptKw('BETWEEN')) { out.from = parseExpression(p, 32); p.expectKw('AND'); out.to = parseExpression(p, 32); }
  } else if (p.acceptKws('VALUES', 'OF')) {
    out.valuesOf = parseExpression(p);
  } else {
    out.from = parseExpression(p);
    p.expectOp('..');
    out.to = parseExpression(p);
  }
  if (p.acceptKws('SAVE', 'EXCEPTIONS')) out.saveExceptions = true;
  pl.scope.push();
  pl.scope.declare(variable, { kind: 'variable' });
  try {
    const stmtStart = p.cur;
    let statement: ForAll['statement'];
    if (p.isKws('EXECUTE', 'IMMEDIATE')) statement = parseExecuteImmediate(pl, stmtStart);
    else if (p.isAnyKw('INSERT', 'UPDATE', 'DELETE', 'MERGE')) statement = pl.sql(collectToSemicolon(p));
    else throw p.error(`expected INSERT, UPDATE, DELETE, MERGE or EXECUTE IMMEDIATE after FORALL but found ${describeToken(p.cur)}`);
    return { ...out, statement, span: p.spanFrom(start) };
  } finally {
    pl.scope.pop();
  }
}

/** OPEN c [(args)] | OPEN c FOR query | OPEN c FOR expr [USING …]; */
export function parseOpen(pl: PlParser, start: Token): Statement {
  const p = pl.p;
  p.expectKw('OPEN');
  const cur = p.qualifiedParts('a cursor name');
  const name = cur.parts.join('.');
  if (p.acceptKw('FOR')) {
    if (isQueryStart(p)) {
      const tokens = collectToSemicolon(p);
      const sub = subParser(p, pl.start, tokens);
      const query = pl.query(parseQuery(sub));
      if (!sub.atEnd()) throw sub.error(`unexpected ${describeToken(sub.cur)} in the cursor query`);
      return { kind: 'OpenCursor', name, query, span: p.spanFrom(start) };
    }
    const dynamic = parseExpression(p);
    let using: Expr[] | undefined;
    if (p.acceptKw('USING')) using = usingList(pl);
    p.expectOp(';');
    return { kind: 'OpenCursor', name, dynamic, ...(using ? { using } : {}), span: p.spanFrom(start) };
  }
  const args = p.isOp('(') ? parseCallArgs(p) : undefined;
  p.expectOp(';');
  return { kind: 'OpenCursor', name, ...(args ? { args } : {}), span: p.spanFrom(start) };
}

/** USING [IN | OUT | IN OUT] e, … — OUT binds are reported by the caller through `outs`. */
export function usingList(pl: PlParser, outs?: Token[]): Expr[] {
  const p = pl.p;
  const out: Expr[] = [];
  do {
    const t = p.cur;
    let isOut = false;
    if (p.acceptKw('IN')) isOut = p.acceptKw('OUT');
    else isOut = p.acceptKw('OUT');
    if (isOut) outs?.push(t);
    out.push(parseExpression(p));
  } while (p.acceptOp(','));
  return out;
}

/** FETCH c [BULK COLLECT] INTO a, b [LIMIT n]; */
export function parseFetch(pl: PlParser, start: Token): Statement {
  const p = pl.p;
  p.expectKw('FETCH');
  const cursor = p.qualifiedParts('a cursor name').parts.join('.');
  const bulk = p.acceptKws('BULK', 'COLLECT');
  p.expectKw('INTO');
  const into = parseExpressionList(p);
  let limit: Expr | undefined;
  if (p.acceptKw('LIMIT')) limit = parseExpression(p);
  p.expectOp(';');
  return { kind: 'Fetch', cursor, into, ...(bulk ? { bulk } : {}), ...(limit ? { limit } : {}), span: p.spanFrom(start) };
}

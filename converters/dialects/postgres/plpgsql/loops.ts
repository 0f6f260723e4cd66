import type { Expr, ForQuery, ForRange, Statement } from '../../../model/index.js';
import type { LexStart, Token } from '../../common/tokens.js';
import type { PgParser } from '../parser.js';
import type { PlParser } from './statements.js';

/** Tokens from the cursor up to the top-level LOOP keyword (not consumed). */
function headerTokens(p: PgParser): Token[] {
  const out: Token[] = [];
  let depth = 0;
  while (!p.atEnd()) {
    const t = p.cur;
    if (t.type === 'op' && t.value === '(') depth++;
    else if (t.type === 'op' && t.value === ')') depth--;
    else if (depth === 0 && t.type === 'word' && t.upper === 'LOOP') return out;
    out.push(t);
    p.next();
  }
  throw p.error('expected LOOP but the body ended');
}

/** Line/column of `offset` given a token on or before it. */
function positionAfter(p: PgParser, from: Token, offset: number): LexStart {
  const text = p.textOf({ file: '', line: 0, column: 0, endLine: 0, endColumn: 0, offset: from.offset, endOffset: offset });
  let line = from.line;
  let column = from.column;
  for (const ch of text) {
    if (ch === '\n') { line++; column = 1; } else column++;
  }
  return { offset, line, column };
}

/** The `..` of an integer range outside parentheses and quotes, as an absolute offset. */
function findDotDot(p: PgParser, toks: Token[]): number {
  const first = toks[0]!, last = toks[toks.length - 1]!;
  const text = p.textOf({ file: '', line: 0, column: 0, endLine: 0, endColumn: 0, offset: first.offset, endOffset: last.end });
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") { const j = text.indexOf("'", i + 1); if (j < 0) return -1; i = j; continue; }
    if (c === '"') { const j = text.indexOf('"', i + 1); if (j < 0) return -1; i = j; continue; }
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '.' && text[i + 1] === '.' && depth === 0) return first.offset + i;
  }
  return -1;
}

/** FOR … IN … LOOP … END LOOP — the cursor stands on FOR. */
export function parseForLoop(pl: PlParser, label: string | undefined, start: Token): Statement {
  const p = pl.p;
  p.expectWord('FOR');
  const vars: string[] = [];
  do vars.push(p.ident('a loop variable').name); while (p.acceptPunct(','));
  p.expectWord('IN');
  const lab = label ? { label } : {};
  const loop = (declare: boolean): Statement[] => {
    pl.scope.push(label);
    if (declare) for (const v of vars) pl.scope.declare(v, { kind: 'variable' });
    const body = pl.loopBody(label);
    pl.scope.pop();
    return body;
  };
  if (p.acceptWord('EXECUTE')) {
    const dynamic = p.expr();
    let using: Expr[] | undefined;
    if (p.acceptWord('USING')) { using = []; do using.push(p.expr()); while (p.acceptPunct(',')); }
    p.expectWord('LOOP');
    const body = loop(false);
    const f: ForQuery = { kind: 'ForQuery', ...lab, variable: vars.join(', '), dynamic, body, span: p.spanFrom(start) };
    if (using) f.using = using;
    return f;
  }
  if (p.isWord('SELECT', 'WITH', 'VALUES') || (p.isPunct('(') && p.isWordAt(1, 'SELECT', 'WITH', 'VALUES'))) {
    const sub = p.sub(headerTokens(p));
    const query = sub.query();
    if (!sub.atEnd()) throw sub.error(`unexpected '${sub.cur.text}' in the FOR query`);
    p.expectWord('LOOP');
    const body = loop(false);
    return { kind: 'ForQuery', ...lab, variable: vars.join(', '), query, body, span: p.spanFrom(start) };
  }
  if (p.isIdent() && pl.scope.lookup(p.cur.type === 'word' ? p.cur.value.toLowerCase() : p.cur.value)?.kind === 'cursor') {
    const name = p.ident().name;
    const args = p.isPunct('(') ? p.parenExprList() : undefined;
    p.expectWord('LOOP');
    const body = loop(true);
    return { kind: 'ForQuery', ...lab, variable: vars.join(', '), cursor: { name, ...(args ? { args } : {}) }, body, span: p.spanFrom(start) };
  }
  // integer range: [REVERSE] a .. b [BY step]; PostgreSQL lexes `1..10` as 1 .. 10, the common
  // tokenizer as the numbers `1.` and `.10`, so the bounds are re-read from the text.
  const reverse = p.acceptWord('REVERSE');
  const header = headerTokens(p);
  if (header.length === 0) throw p.error('expected a query, a cursor or a range after IN');
  const dd = findDotDot(p, header);
  if (dd < 0) throw p.error(`expected '..' in the FOR range (or a query after IN)`, header[0]);
  const last = header[header.length - 1]!;
  const lowP = p.parserFor(header[0]!.offset, dd, { offset: header[0]!.offset, line: header[0]!.line, column: header[0]!.column });
  const from = lowP.expr();
  if (!lowP.atEnd()) throw lowP.error(`unexpected '${lowP.cur.text}' in the FOR range`);
  const highP = p.parserFor(dd + 2, last.end, positionAfter(p, header[0]!, dd + 2));
  const to = highP.expr();
  const step = highP.acceptWord('BY') ? highP.expr() : undefined;
  if (!highP.atEnd()) throw highP.error(`unexpected '${highP.cur.text}' in the FOR range`);
  p.expectWord('LOOP');
  if (vars.length !== 1) throw p.error('an integer FOR loop has exactly one variable');
  const body = loop(true);
  const f: ForRange = { kind: 'ForRange', ...lab, variable: vars[0]!, from, to, body, span: p.spanFrom(start) };
  if (step) f.step = step;
  if (reverse) f.reverse = true;
  return f;
}

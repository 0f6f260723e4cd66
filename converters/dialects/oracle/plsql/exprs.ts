import type { CursorAttr, Expr, FunctionCall, NamedArg, Subscript } from '../../../model/index.js';
import type { Parser } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import { qualifiedName } from '../../common/names.js';
import type { Token } from '../../common/tokens.js';
import type { Scope } from './scope.js';

const CURSOR_ATTRS: Record<string, CursorAttr['attr']> = {
  FOUND: 'found', NOTFOUND: 'notfound', ROWCOUNT: 'rowcount', ISOPEN: 'isopen',
  BULK_ROWCOUNT: 'bulk_rowcount', BULK_EXCEPTIONS: 'bulk_exceptions',
};

/** Collection methods (v.COUNT, v.EXISTS(i) …): FunctionCall { schema: v, name: METHOD }. */
export const COLLECTION_METHODS = new Set(['COUNT', 'FIRST', 'LAST', 'EXISTS', 'NEXT', 'PRIOR', 'LIMIT', 'DELETE', 'EXTEND', 'TRIM']);

const TRIGGER_PREDICATES = new Set(['INSERTING', 'UPDATING', 'DELETING']);

function isName(t: Token): boolean { return t.type === 'word' || t.type === 'qident'; }

/** Position just after `a.b.c` starting at offset k, or -1. */
function chainEnd(p: Parser, k: number): number {
  if (!isName(p.peek(k))) return -1;
  k++;
  while (p.isOp('.', k) && isName(p.peek(k + 1))) k += 2;
  return k;
}

/** Is there a `name =>` argument directly inside the parentheses opening at offset k? */
function hasNamedArg(p: Parser, k: number): boolean {
  let depth = 0;
  for (let i = k; ; i++) {
    const t = p.peek(i);
    if (t.type === 'eof') return false;
    if (t.type !== 'op') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')') { depth--; if (depth === 0) return false; }
    else if (t.value === '=>' && depth === 1) return true;
    else if (t.value === ';') return false;
  }
}

/** Argument list `( a, name => b )` at the cursor; positional arguments may come first. */
export function parseCallArgs(p: Parser): Expr[] {
  p.expectOp('(');
  const args: Expr[] = [];
  if (p.acceptOp(')')) return args;
  do {
    if (isName(p.cur) && p.isOp('=>', 1)) {
      const start = p.cur;
      const name = p.ident('a parameter name').name;
      p.next();
      const value = parseExpression(p);
      const arg: NamedArg = { kind: 'NamedArg', name, value, span: p.spanFrom(start) };
      args.push(arg);
    } else {
      args.push(parseExpression(p));
    }
  } while (p.acceptOp(','));
  p.expectOp(')');
  return args;
}

/**
 * PL/SQL-only primary expressions, tried before the common parser: `:NEW.col` / `:OLD.col`,
 * cursor attributes (`c%FOUND`, `SQL%ROWCOUNT`), INSERTING / UPDATING / DELETING, SQLCODE /
 * SQLERRM, collection elements and methods of declared collections, and calls with named
 * arguments. Returns undefined to let the common parser handle the rest.
 */
export function plsqlPrimary(p: Parser, scope: Scope): Expr | undefined {
  const t = p.cur;
  if (t.type === 'variable') {
    const rows = scope.triggerRows;
    if (t.prefix !== ':' || !rows || !p.isOp('.', 1)) return undefined;
    const up = t.value.toUpperCase();
    const which = up === rows.newRow ? 'NEW' : up === rows.oldRow ? 'OLD' : up === rows.parentRow ? 'PARENT' : undefined;
    if (!which) return undefined;
    p.next(); p.next();
    const col = p.ident('a column name');
    return { kind: 'ColumnRef', parts: [which, col.name], ...(col.quoted ? { quoted: [false, true] } : {}), span: p.spanFrom(t) };
  }
  if (!isName(t)) return undefined;

  // cursor attributes: c%FOUND, SQL%ROWCOUNT, SQL%BULK_ROWCOUNT(i)
  if (p.isOp('%', 1)) {
    const a = p.peek(2);
    const attr = a.type === 'word' ? CURSOR_ATTRS[a.upper] : undefined;
    if (attr) {
      const id = p.ident('a cursor name');
      p.next(); p.next();
      const node: CursorAttr = { kind: 'CursorAttr', attr, span: p.spanFrom(t) };
      if (!(t.type === 'word' && t.upper === 'SQL')) node.cursor = id.name;
      if ((attr === 'bulk_rowcount' || attr === 'bulk_exceptions') && p.acceptOp('(')) {
        node.index = parseExpression(p);
        p.expectOp(')');
        node.span = p.spanFrom(t);
      }
      if (attr === 'bulk_exceptions' && p.isOp('.') && p.peek(1).type === 'word') {
        const f = p.peek(1).upper;
        if (node.index ? f === 'ERROR_INDEX' || f === 'ERROR_CODE' : f === 'COUNT') {
          p.next(); p.next();
          node.field = f;
          node.span = p.spanFrom(t);
        }
      }
      return node;
    }
  }

  if (t.type === 'word') {
    const w = t.upper;
    // unquoted Oracle names fold to upper case: the token's `upper` is the folded name
    const shadowed = scope.lookup(w) !== undefined;
    if (!shadowed && scope.triggerRows && TRIGGER_PREDICATES.has(w) && !p.isOp('.', 1)) {
      p.next();
      const call: FunctionCall = { kind: 'FunctionCall', name: { name: w }, args: [], span: p.spanFrom(t) };
      if (w === 'UPDATING' && p.isOp('(')) { call.args = parseCallArgs(p); call.span = p.spanFrom(t); }
      return call;
    }
    if (!shadowed && (w === 'SQLCODE' || w === 'SQLERRM') && !p.isOp('(', 1) && !p.isOp('.', 1)) {
      p.next();
      return { kind: 'FunctionCall', name: { name: w }, args: [], span: p.spanFrom(t) };
    }
  }

  // declared collections: v(i), v(i).field, v.COUNT, v.EXISTS(i)
  const firstName = t.type === 'qident' ? t.value : t.upper;
  if (scope.isCollection(firstName)) {
    if (p.isOp('(', 1)) {
      p.next();
      const variable: Expr = { kind: 'Variable', name: firstName, scope: 'local', span: p.tokenSpan(t) };
      p.next();
      const index = parseExpression(p);
      p.expectOp(')');
      let node: Subscript = { kind: 'Subscript', expr: variable, index, span: p.spanFrom(t) };
      // v(i)(j) (collection of collections), v(i).field, v(i).list(j)
      for (;;) {
        if (p.isOp('(')) {
          p.next();
          const inner = parseExpression(p);
          p.expectOp(')');
          node = { kind: 'Subscript', expr: node, index: inner, span: p.spanFrom(t) };
        } else if (!node.field && p.isOp('.') && isName(p.peek(1))) {
          const field: string[] = [];
          while (p.isOp('.') && isName(p.peek(1))) { p.next(); field.push(p.ident('a field name').name); }
          node.field = field;
          node.span = p.spanFrom(t);
        } else return node;
      }
    }
    if (p.isOp('.', 1) && p.peek(2).type === 'word' && COLLECTION_METHODS.has(p.peek(2).upper)) {
      p.next(); p.next();
      const m = p.next().upper;
      const call: FunctionCall = { kind: 'FunctionCall', name: { schema: firstName, name: m }, args: [], span: p.spanFrom(t) };
      if (p.isOp('(')) { call.args = parseCallArgs(p); call.span = p.spanFrom(t); }
      return call;
    }
  }

  // calls with named arguments: f(a => 1), pkg.proc(x, b => 2)
  const end = chainEnd(p, 0);
  if (end > 0 && p.isOp('(', end) && hasNamedArg(p, end)) {
    const q = p.qualifiedParts('a routine name');
    const args = parseCallArgs(p);
    return { kind: 'FunctionCall', name: qualifiedName(q.parts, q.quoted), args, span: p.spanFrom(t) };
  }
  return undefined;
}

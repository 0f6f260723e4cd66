import type { BinaryOp, Expr, Literal, SourceSpan } from '../../model/index.js';
import type { Token } from './tokens.js';
import { Parser, describeToken } from './parser.js';
import { parseDataType } from './datatype.js';
import { isQueryStart, parseQuery } from './query.js';
import { parseFunctionCall, parseNiladic, NILADIC } from './expr-functions.js';

/**
 * Precedence climbing over both dialects. Binding powers (higher binds tighter):
 * OR 10 · XOR 15 · AND 20 · NOT 25 · PostgreSQL IS 27 · comparison 30 · PostgreSQL LIKE/IN/BETWEEN 32 ·
 * MySQL | 42, & 44, << >> 46 · PostgreSQL other operators (|| -> @> ~ …) 40 · + - 50 · * / % DIV MOD 60 ·
 * ^ 70 · AT TIME ZONE 75 · unary 80 · Oracle ** 82 · COLLATE 85 · :: [] -> (MySQL JSON) 90.
 */
type Infix = { bp: number; op: BinaryOp };

const CMP: Record<string, BinaryOp> = { '=': '=', '<>': '<>', '!=': '<>', '^=': '<>', '~=': '<>', '<': '<', '>': '>', '<=': '<=', '>=': '>=' };

const MYSQL_INFIX: Record<string, Infix> = {
  OR: { bp: 10, op: 'or' }, '||': { bp: 10, op: 'or' }, XOR: { bp: 15, op: 'xor' }, AND: { bp: 20, op: 'and' }, '&&': { bp: 20, op: 'and' },
  '<=>': { bp: 30, op: '<=>' },
  '|': { bp: 42, op: '|' }, '&': { bp: 44, op: '&' }, '<<': { bp: 46, op: '<<' }, '>>': { bp: 46, op: '>>' },
  '+': { bp: 50, op: '+' }, '-': { bp: 50, op: '-' },
  '*': { bp: 60, op: '*' }, '/': { bp: 60, op: '/' }, '%': { bp: 60, op: '%' }, DIV: { bp: 60, op: 'div' }, MOD: { bp: 60, op: '%' },
  '^': { bp: 70, op: '^' }, '->': { bp: 90, op: '->' }, '->>': { bp: 90, op: '->>' },
};

const PG_INFIX: Record<string, Infix> = {
  OR: { bp: 10, op: 'or' }, AND: { bp: 20, op: 'and' },
  '||': { bp: 40, op: 'concat' }, '->': { bp: 40, op: '->' }, '->>': { bp: 40, op: '->>' }, '#>': { bp: 40, op: '#>' },
  '#>>': { bp: 40, op: '#>>' }, '@>': { bp: 40, op: '@>' }, '<@': { bp: 40, op: '<@' }, '?': { bp: 40, op: '?' },
  '&&': { bp: 40, op: '&&' }, '@@': { bp: 40, op: '@@' }, '&': { bp: 40, op: '&' }, '|': { bp: 40, op: '|' },
  '#': { bp: 40, op: '^' }, '<<': { bp: 40, op: '<<' }, '>>': { bp: 40, op: '>>' },
  '+': { bp: 50, op: '+' }, '-': { bp: 50, op: '-' }, '*': { bp: 60, op: '*' }, '/': { bp: 60, op: '/' }, '%': { bp: 60, op: '%' },
};

/** Oracle: || binds like + and - (left to right); ^= and ~= are <>. */
const ORACLE_INFIX: Record<string, Infix> = {
  OR: { bp: 10, op: 'or' }, AND: { bp: 20, op: 'and' },
  '||': { bp: 50, op: 'concat' }, '+': { bp: 50, op: '+' }, '-': { bp: 50, op: '-' },
  '*': { bp: 60, op: '*' }, '/': { bp: 60, op: '/' },
};

/** Oracle functions written without parentheses (FunctionCall with no arguments). */
const ORACLE_NILADIC = new Set(['SYSDATE', 'SYSTIMESTAMP', 'USER', 'UID', 'CURRENT_DATE', 'CURRENT_TIMESTAMP', 'LOCALTIMESTAMP',
  'SESSIONTIMEZONE', 'DBTIMEZONE', 'SQLCODE', 'SQLERRM']);

/** PostgreSQL pattern operators → Like nodes. */
const PG_PATTERN_OPS: Record<string, { op: 'like' | 'ilike' | 'regexp'; not: boolean; ci?: boolean }> = {
  '~': { op: 'regexp', not: false }, '~*': { op: 'regexp', not: false, ci: true },
  '!~': { op: 'regexp', not: true }, '!~*': { op: 'regexp', not: true, ci: true },
  '~~': { op: 'like', not: false }, '~~*': { op: 'ilike', not: false }, '!~~': { op: 'like', not: true }, '!~~*': { op: 'ilike', not: true },
};

const PG_UNSUPPORTED_OPS = new Set(['<->', '-|-', '?|', '?&', '@?', '<<=', '>>=', '^@', '&<', '&>', '|/', '||/']);

const LIKE_WORDS: Record<string, 'like' | 'ilike' | 'regexp' | 'rlike' | 'similar'> = { LIKE: 'like', ILIKE: 'ilike', REGEXP: 'regexp', RLIKE: 'rlike', SIMILAR: 'similar' };

/** Words that cannot begin an operand; seeing one means the expression is missing. */
const NOT_AN_OPERAND = new Set(['SELECT', 'FROM', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'UNION', 'INTERSECT', 'EXCEPT',
  'JOIN', 'ON', 'USING', 'INTO', 'THEN', 'ELSE', 'END', 'WHEN', 'AND', 'OR', 'AS', 'SET', 'FOR', 'DO']);

export const INTERVAL_UNITS = new Set(['MICROSECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR',
  'SECOND_MICROSECOND', 'MINUTE_MICROSECOND', 'MINUTE_SECOND', 'HOUR_MICROSECOND', 'HOUR_SECOND', 'HOUR_MINUTE',
  'DAY_MICROSECOND', 'DAY_SECOND', 'DAY_MINUTE', 'DAY_HOUR', 'YEAR_MONTH']);

const TYPED_LITERALS: Record<string, Literal['type']> = { DATE: 'date', TIME: 'time', TIMESTAMP: 'timestamp' };

function lit(type: Literal['type'], value: string, span: SourceSpan): Literal {
  return { kind: 'Literal', type, value, span };
}

/** Parses one expression. `minBp` stops at operators that bind no tighter than it. */
export function parseExpression(p: Parser, minBp = 0): Expr {
  const start = p.cur;
  let left = parsePrefix(p);
  for (;;) {
    const next = parseInfix(p, left, start, minBp);
    if (!next) return left;
    left = next;
  }
}

/** a, b, c */
export function parseExpressionList(p: Parser): Expr[] {
  const out: Expr[] = [parseExpression(p)];
  while (p.acceptOp(',')) out.push(parseExpression(p));
  return out;
}

function parseInfix(p: Parser, left: Expr, start: Token, minBp: number): Expr | undefined {
  const t = p.cur;
  // Fast exit for the tokens that end most operands (value lists in big INSERTs).
  if (t.type === 'op' ? t.value === ',' || t.value === ')' || t.value === ';' : t.type !== 'word') return undefined;
  const my = p.dialect.name === 'mysql';
  const key = t.type === 'word' ? t.upper : t.value;
  const cmpBp = 30;
  const isBp = my ? 30 : 27;
  const predBp = my ? 30 : 32;

  // Comparisons, with ANY/SOME/ALL.
  const cmp = CMP[key];
  if (cmp && t.type === 'op') {
    if (cmpBp <= minBp) return undefined;
    p.next();
    if (p.isAnyKw('ANY', 'SOME', 'ALL') && p.isOp('(', 1)) {
      const q = p.next().upper;
      p.expectOp('(');
      const right = isQueryStart(p) ? { kind: 'ScalarSubquery' as const, query: parseQuery(p), span: p.spanFrom(start) } : parseExpression(p);
      p.expectOp(')');
      return { kind: 'Binary', op: q === 'ALL' ? 'all' : 'any', left, right, quantifiedOp: cmp, span: p.spanFrom(start) };
    }
    const right = parseExpression(p, cmpBp);
    return { kind: 'Binary', op: cmp, left, right, span: p.spanFrom(start) };
  }

  // IS …
  if (key === 'IS' && t.type === 'word') {
    if (isBp <= minBp) return undefined;
    p.next();
    const not = p.acceptKw('NOT');
    if (p.acceptKws('DISTINCT', 'FROM')) {
      const right = parseExpression(p, isBp);
      return { kind: 'Binary', op: not ? 'is not distinct from' : 'is distinct from', left, right, span: p.spanFrom(start) };
    }
    if (p.dialect.name === 'oracle' && p.isAnyKw('JSON', 'A', 'OF', 'EMPTY', 'NAN', 'INFINITE', 'PRESENT')) throw p.error(`IS ${not ? 'NOT ' : ''}${p.cur.upper} … is not modelled`);
    const w = p.acceptAnyKw('NULL', 'TRUE', 'FALSE', 'UNKNOWN');
    if (!w) throw p.error(`expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS but found ${describeToken(p.cur)}`);
    return { kind: 'IsTest', expr: left, test: w.toLowerCase() as 'null', not, span: p.spanFrom(start) };
  }
  if (!my && (key === 'ISNULL' || key === 'NOTNULL') && t.type === 'word') {
    if (isBp <= minBp) return undefined;
    p.next();
    return { kind: 'IsTest', expr: left, test: 'null', not: key === 'NOTNULL', span: p.spanFrom(start) };
  }

  // [NOT] BETWEEN / IN / LIKE family.
  let notPred = false;
  let predWord = key;
  if (key === 'NOT' && t.type === 'word') {
    const n1 = p.peek(1);
    if (n1.type !== 'word' || !(n1.upper in LIKE_WORDS || n1.upper === 'BETWEEN' || n1.upper === 'IN')) return undefined;
    notPred = true;
    predWord = n1.upper;
  }
  if (t.type === 'word' && (predWord === 'BETWEEN' || predWord === 'IN' || predWord in LIKE_WORDS)) {
    if (predBp <= minBp) return undefined;
    p.pos += notPred ? 2 : 1;
    if (predWord === 'BETWEEN') {
      p.acceptKw('SYMMETRIC');
      const low = parseExpression(p, predBp);
      p.expectKw('AND');
      const high = parseExpression(p, predBp);
      return { kind: 'Between', expr: left, low, high, not: notPred, span: p.spanFrom(start) };
    }
    if (predWord === 'IN') {
      p.expectOp('(');
      if (isQueryStart(p)) {
        const query = parseQuery(p);
        p.expectOp(')');
        return { kind: 'InQuery', expr: left, query, not: notPred, span: p.spanFrom(start) };
      }
      const list = p.isOp(')') ? [] : parseExpressionList(p);
      p.expectOp(')');
      return { kind: 'InList', expr: left, list, not: notPred, span: p.spanFrom(start) };
    }
    let op = LIKE_WORDS[predWord]!;
    if (op === 'similar') p.expectKw('TO');
    const pattern = parseExpression(p, predBp);
    let escape: Expr | undefined;
    if (p.acceptKw('ESCAPE')) escape = parseExpression(p, predBp);
    if (op === 'rlike') op = 'regexp';
    return { kind: 'Like', op, not: notPred, expr: left, pattern, ...(escape ? { escape } : {}), span: p.spanFrom(start) };
  }

  if (key === 'COLLATE' && t.type === 'word') {
    if (85 <= minBp) return undefined;
    p.next();
    const c = p.identOrString('a collation name');
    return { kind: 'Collate', expr: left, collation: c.name, span: p.spanFrom(start) };
  }

  const ora = p.dialect.name === 'oracle';
  if (!my) {
    if (key === '::' && t.type === 'op') {
      if (90 <= minBp) return undefined;
      p.next();
      const type = parseDataType(p, { noCollate: true });
      return { kind: 'Cast', expr: left, type, syntax: 'coloncolon', span: p.spanFrom(start) };
    }
    if (key === '[' && t.type === 'op') {
      if (90 <= minBp) return undefined;
      p.next();
      let index: Expr | undefined;
      let upper: Expr | undefined;
      let slice = false;
      if (!p.isOp(':')) index = parseExpression(p);
      if (p.acceptOp(':')) { slice = true; if (!p.isOp(']')) upper = parseExpression(p); }
      else if (p.cur.type === 'variable' && p.cur.prefix === ':') {
        // a[1:n] lexes ':n' as a bind variable; here it is the slice's upper bound.
        const v = p.next();
        slice = true;
        upper = { kind: 'ColumnRef', parts: [p.fold(v.value)], span: p.tokenSpan(v) };
      }
      p.expectOp(']');
      const idx = index ?? lit('number', '1', p.spanFrom(start));
      const node: Expr = { kind: 'Subscript', expr: left, index: idx, span: p.spanFrom(start) };
      if (slice && upper) node.upper = upper;
      else if (slice) node.upper = { kind: 'Literal', type: 'null', value: 'NULL', span: p.spanFrom(start) };
      return node;
    }
    if (key === 'AT' && t.type === 'word' && p.isKw('TIME', 1) && p.isKw('ZONE', 2)) {
      if (75 <= minBp) return undefined;
      p.pos += 3;
      const zone = parseExpression(p, 75);
      return { kind: 'FunctionCall', name: { name: 'timezone' }, args: [left, zone], keywordForm: { keyword: 'AT TIME ZONE' }, span: p.spanFrom(start) };
    }
    if (t.type === 'op' && !ora) {
      const pat = PG_PATTERN_OPS[key];
      if (pat) {
        if (40 <= minBp) return undefined;
        p.next();
        const pattern = parseExpression(p, 40);
        return { kind: 'Like', op: pat.op, not: pat.not, expr: left, pattern, ...(pat.ci ? { caseInsensitive: true } : {}), span: p.spanFrom(start) };
      }
      if (key === '^') {
        if (70 <= minBp) return undefined;
        p.next();
        const right = parseExpression(p, 70);
        return { kind: 'FunctionCall', name: { name: 'power' }, args: [left, right], span: p.spanFrom(start) };
      }
      if (PG_UNSUPPORTED_OPS.has(key)) throw p.error(`operator ${key} is not supported by the converter`);
    }
  }

  if (ora && key === '**' && t.type === 'op') {
    // PL/SQL exponent: binds tighter than unary minus (-2**2 = -4); left to right.
    if (82 <= minBp) return undefined;
    p.next();
    const right = parseExpression(p, 82);
    return { kind: 'FunctionCall', name: { name: 'POWER' }, args: [left, right], span: p.spanFrom(start) };
  }
  const table = my ? MYSQL_INFIX : ora ? ORACLE_INFIX : PG_INFIX;
  let infix = (t.type === 'op' || t.type === 'word') ? table[key] : undefined;
  if (my && key === '||' && p.dialect.pipesAsConcat) infix = { bp: 40, op: 'concat' };
  if (!infix) return undefined;
  if (infix.bp <= minBp) return undefined;
  p.next();
  const right = parseExpression(p, infix.bp);
  return { kind: 'Binary', op: infix.op, left, right, span: p.spanFrom(start) };
}

function parsePrefix(p: Parser): Expr {
  const t = p.cur;
  const my = p.dialect.name === 'mysql';
  const hook = p.installedHooks.primary?.(p);
  if (hook) return hook;

  switch (t.type) {
    case 'number': p.next(); return lit('number', t.value, p.spanFrom(t));
    case 'string': return parseStringLiteral(p);
    case 'hex': p.next(); return lit('hex', t.value, p.spanFrom(t));
    case 'bit': p.next(); return lit('bit', t.value, p.spanFrom(t));
    case 'variable': {
      p.next();
      const scope = t.prefix === '@' ? (p.dialect.name === 'sqlserver' ? 'local' : 'user') : t.prefix === '@@' ? 'system' : t.prefix === ':' ? 'bind' : 'positional';
      return { kind: 'Variable', name: t.value, scope, span: p.spanFrom(t) };
    }
    case 'op': return parseOpPrefix(p, t);
    case 'qident': return parseName(p);
    case 'word': break;
    case 'eof': throw p.error('expected an expression but the statement ended');
    default: throw p.error(`unexpected ${describeToken(t)}`);
  }

  const w = t.upper;
  const n1 = p.peek(1);
  const callFollows = n1.type === 'op' && n1.value === '(';
  switch (w) {
    case 'NULL': p.next(); return lit('null', 'NULL', p.spanFrom(t));
    case 'TRUE': case 'FALSE': p.next(); return lit('boolean', w.toLowerCase(), p.spanFrom(t));
    case 'NOT': {
      p.next();
      const operand = parseExpression(p, 25);
      return { kind: 'Unary', op: 'NOT', operand, span: p.spanFrom(t) };
    }
    case 'EXISTS':
      if (callFollows) {
        p.next();
        p.expectOp('(');
        const query = parseQuery(p);
        p.expectOp(')');
        return { kind: 'Exists', query, not: false, span: p.spanFrom(t) };
      }
      break;
    case 'CASE': return parseCase(p);
    case 'PRIOR': case 'CONNECT_BY_ROOT':
      if (p.dialect.name === 'oracle' && !(n1.type === 'op' && (n1.value === ',' || n1.value === ')' || n1.value === '.'))) {
        p.next();
        const operand = parseExpression(p, 80);
        return { kind: 'Unary', op: w === 'PRIOR' ? 'prior' : 'connect_by_root', operand, span: p.spanFrom(t) };
      }
      break;
    case 'DEFAULT':
      if (!callFollows) { p.next(); return { kind: 'Default', span: p.spanFrom(t) }; }
      break;
    case 'INTERVAL': {
      if (my || !(n1.type === 'string')) {
        p.next();
        const value = parseExpression(p, my ? 0 : 80);
        const unitTok = p.cur;
        if (unitTok.type !== 'word' || !INTERVAL_UNITS.has(unitTok.upper)) throw p.error(`expected an interval unit (DAY, MONTH …) but found ${describeToken(unitTok)}`);
        p.next();
        return { kind: 'Interval', value, unit: unitTok.upper, span: p.spanFrom(t) };
      }
      p.next();
      const s = parseStringLiteral(p);
      const fields: string[] = [];
      while (p.cur.type === 'word' && ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'TO'].includes(p.cur.upper)) {
        fields.push(p.next().upper);
        // Oracle INTERVAL '…' DAY(3) TO SECOND(2): precisions only bound the literal.
        if (p.dialect.name === 'oracle' && p.isOp('(')) p.skipParens();
      }
      if (fields.length) return { kind: 'Interval', value: s, unit: fields.join(' '), span: p.spanFrom(t) };
      return lit('interval', (s as Literal).value, p.spanFrom(t));
    }
    case 'ARRAY':
      if (!my && n1.type === 'op' && n1.value === '[') {
        p.next();
        return parseArrayLiteral(p, t);
      }
      if (!my && callFollows) {
        p.next();
        p.expectOp('(');
        const query = parseQuery(p);
        p.expectOp(')');
        return { kind: 'FunctionCall', name: { name: 'ARRAY' }, args: [{ kind: 'ScalarSubquery', query, span: p.spanFrom(t) }], span: p.spanFrom(t) };
      }
      break;
    case 'ROW':
      if (callFollows) {
        p.next();
        p.expectOp('(');
        const items = p.isOp(')') ? [] : parseExpressionList(p);
        p.expectOp(')');
        return { kind: 'Row', items, span: p.spanFrom(t) };
      }
      break;
    case 'BINARY':
      if (my && !callFollows) {
        p.next();
        const operand = parseExpression(p, 85);
        return { kind: 'Cast', expr: operand, type: { kind: 'DataType', name: 'binary', sourceText: 'BINARY', span: p.tokenSpan(t) }, syntax: 'cast', span: p.spanFrom(t) };
      }
      break;
  }
  // DATE '…', TIMESTAMP '…' and PostgreSQL type 'literal'.
  if (n1.type === 'string' && !n1.prefix) {
    const typed = TYPED_LITERALS[w];
    if (typed) { p.next(); const s = parseStringLiteral(p) as Literal; return lit(typed, s.value, p.spanFrom(t)); }
    if (!my && w in p.dialect.types) {
      const save = p.pos;
      const type = parseDataType(p, { noCollate: true });
      if (p.cur.type === 'string') {
        const s = parseStringLiteral(p);
        return { kind: 'Cast', expr: s, type, syntax: 'cast', span: p.spanFrom(t) };
      }
      p.pos = save;
    }
  }
  if (!my && (w === 'TIMESTAMP' || w === 'TIME') && p.isKw('WITH', 1) && p.isKw('TIME', 2)) {
    const type = parseDataType(p, { noCollate: true });
    const s = parseStringLiteral(p);
    return { kind: 'Cast', expr: s, type, syntax: 'cast', span: p.spanFrom(t) };
  }
  if (p.dialect.name === 'oracle') {
    if (ORACLE_NILADIC.has(w) && !callFollows && !p.isOp('.', 1)) { p.next(); return { kind: 'FunctionCall', name: { name: w }, args: [], span: p.spanFrom(t) }; }
  } else if (NILADIC.has(w) && !callFollows && !(p.isOp('.', 1))) return parseNiladic(p);
  if (NOT_AN_OPERAND.has(w) && !callFollows) throw p.error(`expected an expression but found ${describeToken(t)}`);
  return parseName(p);
}

function parseOpPrefix(p: Parser, t: Token): Expr {
  switch (t.value) {
    case '(': {
      p.next();
      if (isQueryStart(p)) {
        const query = parseQuery(p);
        p.expectOp(')');
        return { kind: 'ScalarSubquery', query, span: p.spanFrom(t) };
      }
      const first = parseExpression(p);
      if (p.acceptOp(',')) {
        const items = [first, ...parseExpressionList(p)];
        p.expectOp(')');
        return { kind: 'Row', items, span: p.spanFrom(t) };
      }
      p.expectOp(')');
      // (rec).field — field selection from a parenthesised record reference.
      if (p.isOp('.') && p.isIdent(1)) {
        if (first.kind === 'ColumnRef' || (first.kind === 'Variable' && first.scope === 'local')) {
          const parts = first.kind === 'ColumnRef' ? [...first.parts] : [first.name];
          while (p.isOp('.') && p.isIdent(1)) { p.next(); parts.push(p.ident('a field name').name); }
          return { kind: 'ColumnRef', parts, span: p.spanFrom(t) };
        }
        throw p.error('selecting a field from an expression result ((expr).field) is not supported by the converter');
      }
      return first;
    }
    case '-': case '+': case '~': {
      p.next();
      const operand = parseExpression(p, 80);
      if (t.value === '-' && operand.kind === 'Literal' && operand.type === 'number' && !operand.value.startsWith('-')) {
        return { ...operand, value: `-${operand.value}`, span: p.spanFrom(t) };
      }
      return { kind: 'Unary', op: t.value as '-', operand, span: p.spanFrom(t) };
    }
    case '!':
      if (p.dialect.name === 'mysql') {
        p.next();
        const operand = parseExpression(p, 82);
        return { kind: 'Unary', op: '!', operand, span: p.spanFrom(t) };
      }
      break;
    case '*': p.next(); return { kind: 'Star', span: p.spanFrom(t) };
    case '?': if (p.dialect.name === 'mysql') { p.next(); return { kind: 'Variable', name: '?', scope: 'positional', span: p.spanFrom(t) }; } break;
    case '{': break;
  }
  throw p.error(t.value === ')' || t.value === ',' ? `expected an expression but found ${describeToken(t)}` : `unexpected ${describeToken(t)}`);
}

/** One string literal, with adjacent literals concatenated ('a' 'b' → 'ab'). */
export function parseStringLiteral(p: Parser): Expr {
  const t = p.cur;
  if (t.type !== 'string') throw p.error(`expected a string but found ${describeToken(t)}`);
  p.next();
  let value = t.value;
  while (p.cur.type === 'string' && !p.cur.prefix) value += p.next().value;
  const node: Literal = lit('string', value, p.spanFrom(t));
  const prefix = t.prefix;
  if (prefix === 'N') node.national = true;
  else if (prefix && prefix.startsWith('_')) node.introducer = prefix;
  return node;
}

function parseArrayLiteral(p: Parser, start: Token): Expr {
  p.expectOp('[');
  const items: Expr[] = [];
  if (!p.isOp(']')) {
    do {
      if (p.isOp('[')) items.push(parseArrayLiteral(p, p.cur));
      else items.push(parseExpression(p));
    } while (p.acceptOp(','));
  }
  p.expectOp(']');
  return { kind: 'Array', items, span: p.spanFrom(start) };
}

/** Identifier chain: column ref, t.*, function call, or what a hook resolves it to. */
function parseName(p: Parser): Expr {
  const start = p.cur;
  const parts: string[] = [];
  const quoted: boolean[] = [];
  for (;;) {
    const id = p.ident('a name');
    parts.push(id.name);
    quoted.push(id.quoted);
    if (!p.isOp('.')) break;
    const after = p.peek(1);
    if (after.type === 'op' && after.value === '*') {
      p.pos += 2;
      return { kind: 'Star', qualifier: parts, span: p.spanFrom(start) };
    }
    if (after.type !== 'word' && after.type !== 'qident') break;
    p.next();
  }
  if (p.isOp('(')) {
    if (p.dialect.name === 'oracle' && p.isOp('+', 1) && p.isOp(')', 2)) {
      // Oracle col(+): outer-join marker on the column.
      p.pos += 3;
      return { kind: 'ColumnRef', parts, ...(quoted.some(Boolean) ? { quoted } : {}), outerJoin: true, span: p.spanFrom(start) };
    }
    return parseFunctionCall(p, parts, quoted, start);
  }
  const span = p.spanFrom(start);
  const hooked = p.installedHooks.identifier?.(parts, quoted, span);
  if (hooked) return hooked;
  const ref: Expr = { kind: 'ColumnRef', parts, span };
  if (quoted.some(Boolean)) ref.quoted = quoted;
  return ref;
}

function parseCase(p: Parser): Expr {
  const start = p.expectKw('CASE');
  let operand: Expr | undefined;
  if (!p.isKw('WHEN')) operand = parseExpression(p);
  const whens: { when: Expr; then: Expr }[] = [];
  while (p.acceptKw('WHEN')) {
    const when = parseExpression(p);
    p.expectKw('THEN');
    whens.push({ when, then: parseExpression(p) });
  }
  if (!whens.length) throw p.error(`expected WHEN but found ${describeToken(p.cur)}`);
  let elseExpr: Expr | undefined;
  if (p.acceptKw('ELSE')) elseExpr = parseExpression(p);
  p.expectKw('END');
  return { kind: 'Case', ...(operand ? { operand } : {}), whens, ...(elseExpr ? { else: elseExpr } : {}), span: p.spanFrom(start) };
}


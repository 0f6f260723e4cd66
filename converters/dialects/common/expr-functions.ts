import type { DataType, Expr, FunctionCall, Literal, OrderItem, QualifiedName, WindowSpec } from '../../model/index.js';
import type { Token } from './tokens.js';
import { Parser, describeToken } from './parser.js';
import { parseDataType } from './datatype.js';
import { parseExpression, parseExpressionList, parseStringLiteral } from './expr.js';
import { isQueryStart, parseQuery, parseOrderByList } from './query.js';

/** Functions written without parentheses (SQL standard niladic functions). */
export const NILADIC = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'LOCALTIMESTAMP',
  'CURRENT_USER', 'SESSION_USER', 'CURRENT_ROLE', 'CURRENT_SCHEMA', 'CURRENT_CATALOG', 'UTC_DATE', 'UTC_TIME', 'UTC_TIMESTAMP']);
/** Niladic only in PostgreSQL (in MySQL these need parentheses, or are plain names). */
const PG_ONLY_NILADIC = new Set(['CURRENT_ROLE', 'CURRENT_SCHEMA', 'CURRENT_CATALOG']);
const MYSQL_ONLY_NILADIC = new Set(['UTC_DATE', 'UTC_TIME', 'UTC_TIMESTAMP']);

export function parseNiladic(p: Parser): Expr {
  const t = p.cur;
  const my = p.dialect.name === 'mysql';
  if ((my && PG_ONLY_NILADIC.has(t.upper)) || (!my && MYSQL_ONLY_NILADIC.has(t.upper))) {
    p.next();
    return { kind: 'ColumnRef', parts: [p.fold(t.value)], span: p.tokenSpan(t) };
  }
  p.next();
  return { kind: 'FunctionCall', name: { name: p.fold(t.value) }, args: [], span: p.tokenSpan(t) };
}

function fname(parts: string[], quoted: boolean[]): QualifiedName {
  const q: QualifiedName = { name: parts[parts.length - 1]! };
  if (parts.length > 1) q.schema = parts[parts.length - 2]!;
  if (parts.length > 2) q.catalog = parts[parts.length - 3]!;
  if (quoted[quoted.length - 1]) q.quoted = true;
  return q;
}

function strLit(value: string, t: Token, p: Parser): Literal {
  return { kind: 'Literal', type: 'string', value, span: p.tokenSpan(t) };
}

/**
 * name( … ) with the special argument forms. Keyword forms keep their parts in args:
 * EXTRACT(f FROM x) → [x] with leading 'F' (upper case); POSITION(a IN b) → [a, b]; SUBSTRING(x FROM a [FOR b]) → [x, a, b?]
 * (keyword 'FROM'), SUBSTRING(x FOR b) → [x, b] (keyword 'FOR'); TRIM([LEADING|TRAILING|BOTH] [c] FROM s)
 * → [c?, s] with leading set; CONVERT(x USING cs) → [x, Literal cs] (keyword 'USING');
 * MATCH(cols) AGAINST (s [mode]) → [...cols, s] (keyword 'AGAINST', leading = mode).
 */
/** T-SQL: char/varchar/binary types without a length are 30 long in CAST and CONVERT (1 elsewhere). */
function sqlServerCastLength(t: DataType): void {
  if (!t.sourceText.includes('(') && ['char', 'varchar', 'nchar', 'nvarchar', 'binary', 'varbinary'].includes(t.name)) t.length = 30;
}

export function parseFunctionCall(p: Parser, parts: string[], quoted: boolean[], start: Token): Expr {
  const name = fname(parts, quoted);
  const up = parts.length === 1 && !quoted[0] ? parts[0]!.toUpperCase() : '';
  const my = p.dialect.name === 'mysql';
  p.expectOp('(');
  const call: FunctionCall = { kind: 'FunctionCall', name, args: [], span: p.spanFrom(start) };

  switch (up) {
    case 'CAST': {
      if (p.dialect.name === 'oracle' && p.isKw('MULTISET')) throw p.error('CAST(MULTISET(…) AS …) is not modelled');
      const expr = parseExpression(p);
      p.expectKw('AS');
      const type = parseDataType(p);
      p.expectOp(')');
      if (p.dialect.name === 'sqlserver') sqlServerCastLength(type);
      return { kind: 'Cast', expr, type, syntax: 'cast', span: p.spanFrom(start) };
    }
    case 'TRY_CAST':
    case 'TRY_CONVERT':
    case 'CONVERT':
      if (p.dialect.name === 'sqlserver') {
        // T-SQL: CONVERT(type, x [, style]) / TRY_CONVERT(…) / TRY_CAST(x AS type).
        let expr: Expr, type, style: Expr | undefined;
        if (up === 'TRY_CAST') { expr = parseExpression(p); p.expectKw('AS'); type = parseDataType(p); }
        else { type = parseDataType(p); p.expectOp(','); expr = parseExpression(p); if (p.acceptOp(',')) style = parseExpression(p); }
        p.expectOp(')');
        sqlServerCastLength(type);
        return { kind: 'Cast', expr, type, syntax: up === 'TRY_CAST' ? 'cast' : 'convert', ...(style ? { style } : {}), ...(up !== 'CONVERT' ? { try: true } : {}), span: p.spanFrom(start) };
      }
      if (up !== 'CONVERT') break;
      if (my) {
        const expr = parseExpression(p);
        if (p.acceptKw('USING')) {
          const cs = p.ident('a character set name');
          call.args = [expr, strLit(cs.name, cs.token, p)];
          call.keywordForm = { keyword: 'USING' };
          return closeCall(p, call, start);
        }
        p.expectOp(',');
        const type = parseDataType(p);
        p.expectOp(')');
        return { kind: 'Cast', expr, type, syntax: 'convert', span: p.spanFrom(start) };
      }
      break;
    case 'EXTRACT': {
      const f = p.cur;
      if (f.type !== 'word' && f.type !== 'string') throw p.error(`expected a date part (YEAR, MONTH …) but found ${describeToken(f)}`);
      p.next();
      p.expectKw('FROM');
      call.args = [parseExpression(p)];
      call.keywordForm = { keyword: 'FROM', leading: f.type === 'word' ? f.upper : f.value.toUpperCase() };
      return closeCall(p, call, start);
    }
    case 'POSITION': {
      const a = parseExpression(p, 32);
      if (p.acceptKw('IN')) {
        call.args = [a, parseExpression(p)];
        call.keywordForm = { keyword: 'IN' };
        return closeCall(p, call, start);
      }
      call.args = [a];
      while (p.acceptOp(',')) call.args.push(parseExpression(p));
      return closeCall(p, call, start);
    }
    case 'SUBSTRING': case 'SUBSTR': {
      const x = parseExpression(p);
      if (p.isKw('FROM') || p.isKw('FOR')) {
        const kw = p.next().upper;
        const a = parseExpression(p);
        call.args = [x, a];
        call.keywordForm = { keyword: kw };
        if (kw === 'FROM' && p.acceptKw('FOR')) call.args.push(parseExpression(p));
        return closeCall(p, call, start);
      }
      call.args = [x];
      while (p.acceptOp(',')) call.args.push(parseExpression(p));
      return closeCall(p, call, start);
    }
    case 'TRIM': {
      const leading = p.acceptAnyKw('LEADING', 'TRAILING', 'BOTH');
      if (leading && p.acceptKw('FROM')) {
        call.args = [parseExpression(p)];
        call.keywordForm = { keyword: 'FROM', leading };
        return closeCall(p, call, start);
      }
      const a = parseExpression(p);
      if (p.acceptKw('FROM')) {
        call.args = [a, parseExpression(p)];
        call.keywordForm = { keyword: 'FROM', ...(leading ? { leading } : {}) };
        return closeCall(p, call, start);
      }
      if (leading) throw p.error(`expected FROM after TRIM(${leading} … but found ${describeToken(p.cur)}`);
      call.args = [a];
      while (p.acceptOp(',')) call.args.push(parseExpression(p));
      return closeCall(p, call, start);
    }
    case 'MATCH':
      if (my) {
        call.args = parseExpressionList(p);
        p.expectOp(')');
        p.expectKw('AGAINST');
        p.expectOp('(');
        call.args.push(parseExpression(p, 30));
        const mode: string[] = [];
        while (p.cur.type === 'word') mode.push(p.next().upper);
        call.keywordForm = { keyword: 'AGAINST', ...(mode.length ? { leading: mode.join(' ') } : {}) };
        p.expectOp(')');
        call.span = p.spanFrom(start);
        return call;
      }
      break;
  }

  if (p.acceptOp(')')) return finishCall(p, call, start);
  if (p.isOp('*') && p.isOp(')', 1)) {
    p.next();
    call.star = true;
    return closeCall(p, call, start);
  }
  if (p.acceptKw('DISTINCT') || (my && p.acceptKw('DISTINCTROW'))) call.distinct = true;
  else p.acceptKw('ALL');
  if (!my && p.acceptKw('VARIADIC')) { /* VARIADIC arr: passed as is */ }
  if (isQueryStart(p) && !call.distinct) {
    const query = parseQuery(p);
    call.args = [{ kind: 'ScalarSubquery', query, span: p.spanFrom(start) }];
    // f((SELECT …), 1, 2): a parenthesised subquery can be the first of several arguments.
    if (!p.isOp(',')) return closeCall(p, call, start);
  } else call.args = [parseArg(p)];
  while (p.acceptOp(',')) call.args.push(parseArg(p));
  if (p.dialect.name === 'oracle' && p.isKws('ON', 'OVERFLOW')) {
    const from = p.cur;
    p.pos += 2;
    if (!p.acceptKw('ERROR')) {
      p.expectKw('TRUNCATE');
      if (p.cur.type === 'string') p.next();
      if (p.acceptAnyKw('WITH', 'WITHOUT')) p.expectKw('COUNT');
      p.notes.push({ message: `${call.name.name} … ${p.textBetween(from)}: the truncation of results longer than the VARCHAR2 limit is not kept (the target returns the whole string)`, span: p.spanFrom(from) });
    }
  }
  if (p.isKws('ORDER', 'BY')) { p.pos += 2; call.orderBy = parseOrderByList(p); }
  if (my && p.acceptKw('SEPARATOR')) call.separator = parseStringLiteral(p);
  return closeCall(p, call, start);
}

function closeCall(p: Parser, call: FunctionCall, start: Token): Expr {
  p.expectOp(')');
  return finishCall(p, call, start);
}

function parseArg(p: Parser): Expr {
  if (p.dialect.name === 'oracle' && p.isIdent() && p.isOp('=>', 1)) {
    const start = p.cur;
    const name = p.ident('a parameter name').name;
    p.next();
    const value = parseExpression(p);
    return { kind: 'NamedArg', name, value, span: p.spanFrom(start) };
  }
  if (p.dialect.name === 'postgres' && p.isIdent() && p.isOp('=>', 1)) {
    throw p.error(`named argument ${p.cur.text} => … is not supported by the converter`);
  }
  return parseExpression(p);
}

/** WITHIN GROUP, FILTER and OVER after the argument list. */
function finishCall(p: Parser, call: FunctionCall, start: Token): Expr {
  if (p.dialect.name === 'oracle' && p.isKw('KEEP') && p.isOp('(', 1)) throw p.error(`${call.name.name}(…) KEEP (DENSE_RANK FIRST|LAST …) is not modelled`);
  if (p.isKws('WITHIN', 'GROUP')) {
    p.pos += 2;
    p.expectOp('(');
    p.expectKws('ORDER', 'BY');
    call.orderBy = parseOrderByList(p);
    p.expectOp(')');
  }
  if (p.isKw('FILTER') && p.isOp('(', 1)) {
    p.pos += 2;
    p.expectKw('WHERE');
    call.filter = parseExpression(p);
    p.expectOp(')');
  }
  if (p.acceptKw('OVER')) {
    if (p.isOp('(')) {
      p.next();
      call.over = parseWindowSpecBody(p);
      p.expectOp(')');
    } else {
      call.over = { name: p.ident('a window name').name, partitionBy: [], orderBy: [] };
    }
  }
  call.span = p.spanFrom(start);
  return call;
}

/** The inside of OVER ( … ) or WINDOW w AS ( … ). */
export function parseWindowSpecBody(p: Parser): WindowSpec {
  const spec: WindowSpec = { partitionBy: [], orderBy: [] };
  if (p.isIdent() && !p.isAnyKw('PARTITION', 'ORDER', 'ROWS', 'RANGE', 'GROUPS')) spec.name = p.ident().name;
  if (p.acceptKws('PARTITION', 'BY')) spec.partitionBy = parseExpressionList(p);
  if (p.acceptKws('ORDER', 'BY')) spec.orderBy = parseOrderByList(p);
  if (p.isAnyKw('ROWS', 'RANGE', 'GROUPS')) {
    const from = p.cur;
    let depth = 0;
    while (!p.atEnd()) {
      if (p.isOp('(')) depth++;
      else if (p.isOp(')')) { if (depth === 0) break; depth--; }
      p.next();
    }
    spec.frame = p.textBetween(from).replace(/\s+/g, ' ').trim();
  }
  return spec;
}

export type { OrderItem };

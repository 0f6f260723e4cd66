import type { Cte, Expr, OrderItem, Query, Select, SelectItem, SetOperation, TableExpr, TableRef, Values, WindowSpec } from '../../model/index.js';
import type { Token } from './tokens.js';
import { Parser, describeToken } from './parser.js';
import { parseExpression, parseExpressionList } from './expr.js';
import { parseWindowSpecBody } from './expr-functions.js';
import { qualifiedName } from './names.js';
import { parseValuesRow } from './literal-rows.js';
import { parseGroupByElements } from './grouping.js';

const MYSQL_SELECT_MODIFIERS = new Set(['HIGH_PRIORITY', 'STRAIGHT_JOIN', 'SQL_SMALL_RESULT', 'SQL_BIG_RESULT', 'SQL_BUFFER_RESULT',
  'SQL_NO_CACHE', 'SQL_CACHE', 'SQL_CALC_FOUND_ROWS']);

/** Does a query (SELECT, WITH, VALUES, or a parenthesised one) start here? */
export function isQueryStart(p: Parser, k = 0): boolean {
  const t = p.peek(k);
  if (t.type === 'word') return t.upper === 'SELECT' || t.upper === 'WITH' || (t.upper === 'VALUES' && (p.dialect.name === 'postgres' || p.isKw('ROW', k + 1)));
  if (t.type === 'op' && t.value === '(') return isQueryStart(p, k + 1);
  return false;
}

/**
 * A full query: [WITH …] set-expression [ORDER BY] [LIMIT/OFFSET/FETCH] [FOR UPDATE …].
 * `into` collects SELECT … INTO targets for procedural code (MySQL allows INTO at the end too).
 */
export function parseQuery(p: Parser): Query {
  const start = p.cur;
  let withs: Cte[] | undefined;
  if (p.isKw('WITH')) withs = parseWith(p);
  const body = parseSetExpr(p, 0);
  const tail = parseQueryTail(p);
  if (p.dialect.name === 'sqlserver' && p.isKw('FOR') && p.isAnyKwAt(1, 'XML', 'JSON', 'BROWSE')) {
    // FOR XML PATH('x'), TYPE / FOR JSON AUTO …: kept as text in the select's modifiers.
    const from = p.next();
    p.next();
    do {
      if (p.isIdent() && !p.isOp(',')) p.next();
      if (p.isOp('(')) p.skipParens();
    } while (p.acceptOp(',') && p.isIdent());
    if (body.kind !== 'Select') throw p.error('FOR XML / FOR JSON on a set operation is not modelled', from);
    body.modifiers = [...(body.modifiers ?? []), p.textBetween(from)];
  }
  let q = body;
  if (tail.orderSiblingsBy) {
    if (q.kind !== 'Select' || !q.hierarchical) throw p.error('ORDER SIBLINGS BY needs a CONNECT BY query', start);
    q.hierarchical.orderSiblingsBy = tail.orderSiblingsBy;
  }
  if (withs) {
    if (q.kind === 'Values') q = wrapValues(q);
    (q as Select | SetOperation).with = withs;
  }
  if (tail.orderBy.length || tail.limit || tail.offset || tail.lock || tail.into) {
    if (q.kind === 'Values') q = wrapValues(q);
    const target = q as Select | SetOperation;
    // T-SQL SELECT TOP n … ORDER BY: TOP is this select's own limit (not a parenthesised inner query).
    const ownTop = p.dialect.name === 'sqlserver' && !(start.type === 'op' && start.value === '(') && !target.orderBy.length;
    if (target.kind === 'Select' && !ownTop && (target.orderBy.length || target.limit) && (tail.orderBy.length || tail.limit)) {
      // (SELECT … LIMIT 1) ORDER BY x — the outer clauses apply to the parenthesised query's result.
      const wrapped: Select = emptySelect(target.span);
      wrapped.items = [{ expr: { kind: 'Star', span: target.span } }];
      wrapped.from = [{ kind: 'DerivedTable', query: target, alias: 'q', span: target.span }];
      q = wrapped;
    }
    const t2 = q as Select | SetOperation;
    if (tail.orderBy.length) t2.orderBy = tail.orderBy;
    if (tail.limit) t2.limit = tail.limit;
    if (tail.offset) t2.offset = tail.offset;
    if (t2.kind === 'Select') {
      if (tail.withTies) t2.withTies = true;
      if (tail.lock) t2.lock = tail.lock;
      if (tail.into) t2.into = tail.into;
    }
  }
  q.span = p.spanFrom(start);
  return q;
}

function emptySelect(span: Select['span']): Select {
  return { kind: 'Select', items: [], from: [], groupBy: [], orderBy: [], span };
}

/** VALUES needs a SELECT around it to carry WITH / ORDER BY / LIMIT. */
function wrapValues(v: Values): Select {
  const s = emptySelect(v.span);
  s.items = [{ expr: { kind: 'Star', span: v.span } }];
  s.from = [{ kind: 'DerivedTable', query: v, alias: 'v', span: v.span }];
  return s;
}

function parseWith(p: Parser): Cte[] {
  p.expectKw('WITH');
  const recursive = p.acceptKw('RECURSIVE');
  const ctes: Cte[] = [];
  do {
    const name = p.ident('a CTE name').name;
    let columns: string[] | undefined;
    if (p.isOp('(')) columns = parseNameList(p);
    p.expectKw('AS');
    if (p.acceptKw('MATERIALIZED') || p.acceptKws('NOT', 'MATERIALIZED')) { /* planner hint only */ }
    p.expectOp('(');
    const query = parseQuery(p);
    p.expectOp(')');
    const cte: Cte = { name, query };
    if (columns) cte.columns = columns;
    if (recursive) cte.recursive = true;
    ctes.push(cte);
  } while (p.acceptOp(','));
  return ctes;
}

/** ( a, b, c ) */
export function parseNameList(p: Parser): string[] {
  p.expectOp('(');
  const out: string[] = [];
  do out.push(p.ident('a column name').name); while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

const SET_BP: Record<string, number> = { UNION: 1, EXCEPT: 1, INTERSECT: 2 };
/** Oracle: MINUS is EXCEPT, and all set operators have the same precedence. */
const ORACLE_SET_BP: Record<string, number> = { UNION: 1, EXCEPT: 1, MINUS: 1, INTERSECT: 1 };

function parseSetExpr(p: Parser, minBp: number): Query {
  const start = p.cur;
  let left = parseQueryPrimary(p);
  for (;;) {
    const t = p.cur;
    const bp = t.type === 'word' ? (p.dialect.name === 'oracle' ? ORACLE_SET_BP : SET_BP)[t.upper] : undefined;
    if (bp === undefined || bp <= minBp) return left;
    p.next();
    const op = (t.upper === 'MINUS' ? 'except' : t.upper.toLowerCase()) as SetOperation['op'];
    let all = false;
    if (p.acceptKw('ALL')) all = true;
    else p.acceptKw('DISTINCT');
    const right = parseSetExpr(p, bp);
    left = { kind: 'SetOperation', op, all, left, right, orderBy: [], span: p.spanFrom(start) };
  }
}

function parseQueryPrimary(p: Parser): Query {
  if (p.isOp('(')) {
    p.next();
    const q = parseQuery(p);
    p.expectOp(')');
    return q;
  }
  if (p.isKw('SELECT')) return parseSelectCore(p);
  if (p.isKw('VALUES')) return parseValues(p);
  if (p.isKw('WITH')) return parseQuery(p);
  throw p.error(`expected SELECT but found ${describeToken(p.cur)}`);
}

/** VALUES (…), (…) — MySQL 8 also VALUES ROW(…). */
export function parseValues(p: Parser): Values {
  const start = p.cur;
  if (!p.acceptKw('VALUES')) p.expectKw('VALUE');
  const rows: Expr[][] = [];
  const scratch: Expr[] = [];
  do {
    p.acceptKw('ROW');
    p.expectOp('(');
    rows.push(p.isOp(')') ? [] : parseValuesRow(p, scratch));
    p.expectOp(')');
  } while (p.acceptOp(','));
  return { kind: 'Values', rows, span: p.spanFrom(start) };
}

function parseSelectCore(p: Parser): Select {
  const start = p.expectKw('SELECT');
  const s = emptySelect(p.tokenSpan(start));
  const modifiers: string[] = [];
  for (;;) {
    if (p.acceptKw('DISTINCT') || p.acceptKw('DISTINCTROW')) {
      s.distinct = true;
      if (p.dialect.name === 'postgres' && p.isKw('ON') && p.isOp('(', 1)) {
        p.pos += 2;
        s.distinctOn = parseExpressionList(p);
        p.expectOp(')');
      }
      continue;
    }
    if (p.acceptKw('ALL')) continue;
    if (p.dialect.name === 'mysql' && p.cur.type === 'word' && MYSQL_SELECT_MODIFIERS.has(p.cur.upper)) { modifiers.push(p.next().upper); continue; }
    break;
  }
  if (modifiers.length) s.modifiers = modifiers;
  if (p.dialect.name === 'sqlserver' && p.acceptKw('TOP')) {
    // TOP (n) | TOP n [PERCENT] [WITH TIES]
    if (p.acceptOp('(')) { s.limit = parseExpression(p); p.expectOp(')'); } else s.limit = parseExpression(p, 100);
    if (p.acceptKw('PERCENT')) s.limitPercent = true;
    if (p.acceptKws('WITH', 'TIES')) s.withTies = true;
  }
  s.items = parseSelectItems(p);
  if (p.dialect.name === 'sqlserver') tsqlAssignments(s);
  if (p.dialect.name === 'sqlserver' && p.acceptKw('INTO')) {
    // T-SQL SELECT … INTO new_table (a #temp table when the name starts with #).
    const q = p.qualifiedParts('a table name');
    const name = qualifiedName(q.parts, q.quoted);
    s.intoTable = name.name.startsWith('#') ? { name, temporary: true } : { name };
  } else if (p.isKw('INTO')) s.into = parseInto(p);
  if (p.acceptKw('FROM')) s.from = parseFromList(p);
  if (p.acceptKw('WHERE')) s.where = parseExpression(p);
  if (p.dialect.name === 'oracle' && (p.isKws('START', 'WITH') || p.isKws('CONNECT', 'BY'))) s.hierarchical = parseHierarchical(p);
  if (p.acceptKws('GROUP', 'BY')) {
    if (p.dialect.name === 'oracle') {
      const g = parseGroupByElements(p);
      s.groupBy = g.plain;
      if (g.specs.length) s.groupingSets = g.specs;
    } else s.groupBy = parseExpressionList(p);
    if (p.acceptKws('WITH', 'ROLLUP')) s.rollup = true;
  }
  if (p.acceptKw('HAVING')) s.having = parseExpression(p);
  if (p.isKw('WINDOW')) {
    p.next();
    const windows: { name: string; spec: WindowSpec }[] = [];
    do {
      const name = p.ident('a window name').name;
      p.expectKw('AS');
      p.expectOp('(');
      windows.push({ name, spec: parseWindowSpecBody(p) });
      p.expectOp(')');
    } while (p.acceptOp(','));
    s.windows = windows;
  }
  s.span = p.spanFrom(start);
  return s;
}

/** Oracle [START WITH c] CONNECT BY [NOCYCLE] c [START WITH c] (either order). */
function parseHierarchical(p: Parser): Select['hierarchical'] {
  let startWith: Expr | undefined;
  let connectBy: Expr | undefined;
  let noCycle = false;
  for (;;) {
    if (!startWith && p.acceptKws('START', 'WITH')) { startWith = parseExpression(p); continue; }
    if (!connectBy && p.acceptKws('CONNECT', 'BY')) {
      noCycle = p.acceptKw('NOCYCLE');
      connectBy = parseExpression(p);
      continue;
    }
    break;
  }
  if (!connectBy) throw p.error(`expected CONNECT BY after START WITH but found ${describeToken(p.cur)}`);
  return { connectBy, ...(startWith ? { startWith } : {}), ...(noCycle ? { noCycle } : {}) };
}

/** SELECT … INTO a, b / INTO @x — OUTFILE and DUMPFILE are not modelled. */
function parseInto(p: Parser): Expr[] {
  p.expectKw('INTO');
  if (p.isAnyKw('OUTFILE', 'DUMPFILE')) throw p.error(`SELECT … INTO ${p.cur.upper} writes a server-side file and is not converted`);
  return parseExpressionList(p);
}

/**
 * T-SQL select items `alias = expr` (a column alias) and `@v = expr` (assigns the variable: the
 * items become values and Select.into the variables). A comparison is not a T-SQL select item,
 * so the '=' form is unambiguous.
 */
function tsqlAssignments(s: Select): void {
  const into: Expr[] = [];
  for (const item of s.items) {
    const e = item.expr;
    if (e.kind !== 'Binary' || e.op !== '=' || item.alias !== undefined) continue;
    if (e.left.kind === 'Variable' && e.left.scope === 'local') { into.push(e.left); item.expr = e.right; continue; }
    if (e.left.kind === 'ColumnRef' && e.left.parts.length === 1) { item.alias = e.left.parts[0]!; item.expr = e.right; continue; }
    if (e.left.kind === 'Literal' && e.left.type === 'string') { item.alias = e.left.value; item.expr = e.right; }
  }
  if (into.length) s.into = into;
}

function parseSelectItems(p: Parser): SelectItem[] {
  const items: SelectItem[] = [];
  do {
    const expr = parseExpression(p);
    const item: SelectItem = { expr };
    const alias = parseAlias(p, true);
    if (alias !== undefined) item.alias = alias;
    items.push(item);
  } while (p.acceptOp(','));
  return items;
}

/** [AS] alias — an unreserved word, quoted identifier, or (MySQL select lists) a string. */
export function parseAlias(p: Parser, allowString: boolean): string | undefined {
  const t = p.cur;
  if (p.acceptKw('AS')) {
    if (allowString && p.cur.type === 'string') return p.next().value;
    return p.ident('an alias').name;
  }
  if (t.type === 'qident') { p.next(); return t.value; }
  if (t.type === 'string' && allowString && p.dialect.name === 'mysql') { p.next(); return t.value; }
  if (t.type === 'word' && !p.dialect.reserved.has(t.upper)) { p.next(); return p.fold(t.value); }
  return undefined;
}

interface QueryTail {
  orderBy: OrderItem[];
  limit?: Expr;
  offset?: Expr;
  withTies?: boolean;
  lock?: 'update' | 'share';
  into?: Expr[];
  orderSiblingsBy?: OrderItem[];
}

function parseQueryTail(p: Parser): QueryTail {
  const tail: QueryTail = { orderBy: [] };
  if (p.acceptKws('ORDER', 'BY')) tail.orderBy = parseOrderByList(p);
  else if (p.dialect.name === 'oracle' && p.acceptKws('ORDER', 'SIBLINGS', 'BY')) tail.orderSiblingsBy = parseOrderByList(p);
  for (;;) {
    if (p.acceptKw('LIMIT')) {
      if (p.acceptKw('ALL')) continue;
      const a = parseExpression(p);
      if (p.acceptOp(',')) { tail.offset = a; tail.limit = parseExpression(p); }
      else tail.limit = a;
      continue;
    }
    if (p.acceptKw('OFFSET')) {
      tail.offset = parseExpression(p);
      p.acceptAnyKw('ROWS', 'ROW');
      continue;
    }
    if (p.isKw('FETCH') && p.isAnyKwAt(1, 'FIRST', 'NEXT')) {
      p.pos += 2;
      if (p.isAnyKw('ROWS', 'ROW')) tail.limit = { kind: 'Literal', type: 'number', value: '1', span: p.tokenSpan(p.cur) };
      else tail.limit = parseExpression(p, 80);
      p.acceptAnyKw('ROWS', 'ROW');
      if (p.acceptKws('WITH', 'TIES')) tail.withTies = true;
      else p.expectKw('ONLY');
      continue;
    }
    if (p.isKw('INTO') && !tail.into) { tail.into = parseInto(p); continue; }
    if (p.isKw('FOR') && p.isAnyKwAt(1, 'UPDATE', 'SHARE', 'NO', 'KEY')) {
      p.next();
      if (p.acceptKw('UPDATE') || p.acceptKws('NO', 'KEY', 'UPDATE')) tail.lock = 'update';
      else { p.acceptKw('KEY'); p.expectKw('SHARE'); tail.lock = 'share'; }
      if (p.acceptKw('OF')) { do p.qualifiedParts(); while (p.acceptOp(',')); }
      if (!p.acceptKw('NOWAIT') && !p.acceptKws('SKIP', 'LOCKED') && p.dialect.name === 'oracle' && p.acceptKw('WAIT')) p.integer('seconds');
      continue;
    }
    if (p.acceptKws('LOCK', 'IN', 'SHARE', 'MODE')) { tail.lock = 'share'; continue; }
    break;
  }
  return tail;
}

export function parseOrderByList(p: Parser): OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const item: OrderItem = { expr: parseExpression(p) };
    const dir = p.acceptAnyKw('ASC', 'DESC');
    if (dir) item.direction = dir === 'ASC' ? 'asc' : 'desc';
    if (p.acceptKw('NULLS')) {
      const w = p.acceptAnyKw('FIRST', 'LAST');
      if (!w) throw p.error(`expected FIRST or LAST after NULLS but found ${describeToken(p.cur)}`);
      item.nulls = w === 'FIRST' ? 'first' : 'last';
    }
    items.push(item);
  } while (p.acceptOp(','));
  return items;
}

/** FROM a, b JOIN c ON … — comma-separated table expressions. */
export function parseFromList(p: Parser): TableExpr[] {
  const out: TableExpr[] = [parseJoinedTable(p)];
  while (p.acceptOp(',')) out.push(parseJoinedTable(p));
  return out;
}

const JOIN_START = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'STRAIGHT_JOIN']);

export function parseJoinedTable(p: Parser): TableExpr {
  const start = p.cur;
  let left = parseTablePrimary(p);
  for (;;) {
    const operated = p.installedHooks.tableOperator?.(p, left, start);
    if (operated) { left = operated; continue; }
    if (p.dialect.name === 'sqlserver' && p.isAnyKw('CROSS', 'OUTER') && p.isKw('APPLY', 1)) {
      // T-SQL CROSS/OUTER APPLY: a lateral cross / left join with no condition.
      const type = p.next().upper === 'CROSS' ? 'cross' : 'left';
      p.next();
      const right = parseTablePrimary(p);
      if (right.kind === 'DerivedTable' || right.kind === 'TableFunction') right.lateral = true;
      left = { kind: 'Join', type, lateral: true, left, right, span: p.spanFrom(start) };
      continue;
    }
    if (p.cur.type !== 'word' || !JOIN_START.has(p.cur.upper)) return left;
    const natural = p.acceptKw('NATURAL');
    let type = 'inner' as 'inner' | 'left' | 'right' | 'full' | 'cross' | 'straight';
    if (p.acceptKw('STRAIGHT_JOIN')) type = 'straight';
    else {
      const w = p.acceptAnyKw('INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS');
      if (w && w !== 'INNER') type = w.toLowerCase() as typeof type;
      if (w === 'LEFT' || w === 'RIGHT' || w === 'FULL') p.acceptKw('OUTER');
      p.expectKw('JOIN');
    }
    const lateral = p.isKw('LATERAL');
    const right = parseTablePrimary(p);
    const join: TableExpr = { kind: 'Join', type, left, right, span: p.spanFrom(start) };
    if (natural) join.natural = true;
    if (lateral) join.lateral = true;
    if (!natural && type !== 'cross') {
      if (p.acceptKw('ON')) join.on = parseExpression(p);
      else if (p.acceptKw('USING')) join.using = parseNameList(p);
    }
    join.span = p.spanFrom(start);
    left = join;
  }
}

function parseTablePrimary(p: Parser): TableExpr {
  const start = p.cur;
  const lateral = p.acceptKw('LATERAL');
  if (p.isOp('(')) {
    if (isQueryStart(p, 1)) {
      p.next();
      const query = parseQuery(p);
      p.expectOp(')');
      const alias = parseAlias(p, false);
      const dt: TableExpr = { kind: 'DerivedTable', query, span: p.spanFrom(start) };
      if (alias !== undefined) dt.alias = alias;
      if (p.isOp('(')) dt.columnAliases = parseNameList(p);
      if (lateral) dt.lateral = true;
      dt.span = p.spanFrom(start);
      return dt;
    }
    p.next();
    const inner = parseJoinedTable(p);
    p.expectOp(')');
    return inner;
  }
  const only = p.dialect.name === 'postgres' && p.acceptKw('ONLY');
  if (p.dialect.name === 'sqlserver' && p.cur.type === 'variable' && p.cur.prefix === '@') {
    // T-SQL table variable: FROM @t [AS] x — a TableRef named '@t'.
    const ref: TableRef = { kind: 'TableRef', name: { name: `@${p.next().value}` }, span: p.spanFrom(start) };
    const alias = parseAlias(p, false);
    if (alias !== undefined) ref.alias = alias;
    ref.span = p.spanFrom(start);
    return ref;
  }
  const namePos = p.pos;
  const q = p.qualifiedParts('a table name');
  if (p.dialect.name === 'oracle' && p.isOp('(') && q.parts.length === 1 && ['JSON_TABLE', 'XMLTABLE'].includes(q.parts[0]!)) throw p.error(`${q.parts[0]} is not modelled`, q.first);
  if (p.isOp('(')) {
    p.pos = namePos;
    const call = parseExpression(p, 90);
    const tf: TableExpr = { kind: 'TableFunction', call, span: p.spanFrom(start) };
    if (p.acceptKws('WITH', 'ORDINALITY')) { /* kept in text only */ }
    const alias = parseAlias(p, false);
    if (alias !== undefined) tf.alias = alias;
    if (p.isOp('(')) tf.columnAliases = parseNameList(p);
    tf.span = p.spanFrom(start);
    return tf;
  }
  const ref: TableRef = { kind: 'TableRef', name: qualifiedName(q.parts, q.quoted), span: p.spanFrom(start) };
  if (only) ref.only = true;
  if (p.dialect.name === 'mysql' && p.isKw('PARTITION') && p.isOp('(', 1)) { p.next(); p.skipParens(); }
  const alias = parseAlias(p, false);
  if (alias !== undefined && p.isOp('(') && p.dialect.name === 'postgres') {
    // t AS x(a, b) renames columns: the same as (SELECT * FROM t) AS x(a, b).
    const columnAliases = parseNameList(p);
    ref.span = p.spanFrom(start);
    const inner = emptySelect(ref.span);
    inner.items = [{ expr: { kind: 'Star', span: ref.span } }];
    inner.from = [ref];
    return { kind: 'DerivedTable', query: inner, alias, columnAliases, span: p.spanFrom(start) };
  }
  if (alias !== undefined) ref.alias = alias;
  if (p.dialect.name === 'oracle' && (p.isKw('PIVOT') || p.isKw('UNPIVOT'))) throw p.error(`${p.cur.upper} is not modelled`);
  const hints = p.dialect.name === 'mysql' ? parseIndexHints(p) : p.dialect.name === 'sqlserver' ? parseTableHints(p) : [];
  if (hints.length) ref.hints = hints;
  ref.span = p.spanFrom(start);
  return ref;
}

/** T-SQL WITH (NOLOCK, INDEX(ix) …) table hints, kept as text. */
function parseTableHints(p: Parser): string[] {
  if (!(p.isKw('WITH') && p.isOp('(', 1))) return [];
  p.next();
  const text = p.skipParens();
  return text.slice(1, -1).split(',').map((h) => h.trim()).filter((h) => h !== '');
}

/** USE|FORCE|IGNORE INDEX|KEY [FOR JOIN|ORDER BY|GROUP BY] (…), kept as text. */
function parseIndexHints(p: Parser): string[] {
  const hints: string[] = [];
  while (p.isAnyKw('USE', 'FORCE', 'IGNORE') && p.isAnyKwAt(1, 'INDEX', 'KEY')) {
    const from: Token = p.cur;
    p.pos += 2;
    if (p.acceptKw('FOR')) { if (!p.acceptKw('JOIN')) { p.acceptAnyKw('ORDER', 'GROUP'); p.expectKw('BY'); } }
    p.skipParens();
    hints.push(p.textBetween(from));
  }
  return hints;
}

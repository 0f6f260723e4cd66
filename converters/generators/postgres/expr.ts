import type { Expr, ExprKind, BinaryOp, OrderItem, WindowSpec, FunctionCall, Literal } from '../../model/index.js';
import { GP } from './codes.js';
import type { GenContext } from './context.js';
import { ident, qname, stringLiteral } from './quote.js';
import type { SqlBuf } from './buf.js';
import { printType } from './types.js';
import { printQuery } from './query.js';

type Printer<K extends ExprKind> = (e: Extract<Expr, { kind: K }>, ctx: GenContext) => string;

const BINARY: Record<BinaryOp, string> = {
  '+': '+', '-': '-', '*': '*', '/': '/', div: '/', '%': '%',
  '=': '=', '<>': '<>', '<': '<', '>': '>', '<=': '<=', '>=': '>=', '<=>': 'IS NOT DISTINCT FROM',
  and: 'AND', or: 'OR', xor: '<>',
  concat: '||',
  '&': '&', '|': '|', '^': '#', '<<': '<<', '>>': '>>',
  'is distinct from': 'IS DISTINCT FROM', 'is not distinct from': 'IS NOT DISTINCT FROM',
  '->': '->', '->>': '->>', '#>': '#>', '#>>': '#>>', '@>': '@>', '<@': '<@', '?': '?', '&&': '&&', '@@': '@@',
  any: 'ANY', all: 'ALL',
};

/** ` op ` for a binary operator: one piece for the buffer instead of three. */
const BINARY_SPACED = Object.fromEntries(Object.entries(BINARY).map(([k, v]) => [k, ` ${v} `])) as Record<BinaryOp, string>;

/**
 * Precedence as PostgreSQL parses it (higher binds tighter): OR < AND < NOT < comparisons (incl.
 * LIKE, BETWEEN, IN, IS) < other operators (||, JSON, bit ops) < + - < * / %.
 */
const BINARY_PRECEDENCE: Record<BinaryOp, number> = {
  or: 1, and: 2, xor: 4,
  '=': 4, '<>': 4, '<': 4, '>': 4, '<=': 4, '>=': 4, '<=>': 4, 'is distinct from': 4, 'is not distinct from': 4, any: 4, all: 4,
  concat: 5, '&': 5, '|': 5, '^': 5, '<<': 5, '>>': 5, '->': 5, '->>': 5, '#>': 5, '#>>': 5, '@>': 5, '<@': 5, '?': 5, '&&': 5, '@@': 5,
  '+': 6, '-': 6, '*': 7, '/': 7, div: 9, '%': 7,
};
/** Chains of these need no parentheses: (a AND b) AND c = a AND b AND c. */
const ASSOCIATIVE = new Set<BinaryOp>(['and', 'or', 'concat', '+', '*']);
const ATOMIC = new Set<ExprKind>(['Literal', 'ColumnRef', 'Variable', 'Star', 'FunctionCall', 'Case', 'Cast',
  'ScalarSubquery', 'Array', 'Row', 'Default', 'Subscript', 'Exists']);

// Hoisted: a regex literal makes a new RegExp object each time it is evaluated.
const ATOMIC_RAW = /^[\w."$]+(\(\d*\))?$/;
const TRUE_TEXT = /^(true|1)$/i;
const BARE_NAME = /^[a-z_][a-z0-9_]*$/;
const NEW_OLD = /^(new|old)$/i;

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'Binary': return BINARY_PRECEDENCE[e.op];
    case 'Unary': return e.op === 'NOT' || e.op === '!' ? 3 : 8;
    case 'Like': case 'Between': case 'InList': case 'InQuery': case 'IsTest': return 4;
    case 'Raw': return ATOMIC_RAW.test(e.text.trim()) ? 10 : 0;
    case 'Interval': return e.value.kind === 'Literal' ? 10 : 0;
    case 'Collate': return 8;
    default: return ATOMIC.has(e.kind) ? 10 : 0;
  }
}

/** An operand of a parent with precedence `parent`; parenthesized only when needed. */
function operand(e: Expr, ctx: GenContext, parent: number, parentOp?: BinaryOp, right = false): string {
  const s = printExpr(e, ctx);
  const p = precedence(e);
  if (p > parent) return s;
  if (p === parent && e.kind === 'Binary' && parentOp && (e.op === parentOp ? ASSOCIATIVE.has(parentOp) || !right : !right && parent >= 5)) return s;
  return `(${s})`;
}

function literal(e: Literal): string {
  switch (e.type) {
    case 'string': return stringLiteral(e.value);
    case 'number': return e.value;
    case 'null': return 'NULL';
    case 'boolean': return TRUE_TEXT.test(e.value) ? 'TRUE' : 'FALSE';
    case 'hex': return `'\\x${e.value.toLowerCase()}'::bytea`;
    case 'bit': return `B'${e.value}'`;
    case 'date': return `DATE ${stringLiteral(e.value)}`;
    case 'time': return `TIME ${stringLiteral(e.value)}`;
    case 'timestamp': return `TIMESTAMP ${stringLiteral(e.value)}`;
    case 'interval': return `INTERVAL ${stringLiteral(e.value)}`;
  }
}

/** Built-in (and keyword-like) function names print bare; anything else is a quoted identifier. */
function functionName(f: FunctionCall): string {
  if (f.name.schema) return qname(f.name);
  return BARE_NAME.test(f.name.name) ? f.name.name : ident(f.name.name);
}

export function printOrderBy(items: OrderItem[], ctx: GenContext): string {
  return items.map((o) => `${printExpr(o.expr, ctx)}${o.direction ? ` ${o.direction.toUpperCase()}` : ''}${o.nulls ? ` NULLS ${o.nulls.toUpperCase()}` : ''}`).join(', ');
}

export function printWindow(w: WindowSpec, ctx: GenContext): string {
  const parts: string[] = [];
  if (w.name) parts.push(ident(w.name));
  if (w.partitionBy.length) parts.push(`PARTITION BY ${w.partitionBy.map((p) => printExpr(p, ctx)).join(', ')}`);
  if (w.orderBy.length) parts.push(`ORDER BY ${printOrderBy(w.orderBy, ctx)}`);
  if (w.frame) parts.push(w.frame);
  return parts.join(' ');
}

function functionCall(f: FunctionCall, ctx: GenContext): string {
  const name = functionName(f);
  let inner: string;
  if (f.star) inner = '*';
  else if (f.keywordForm) {
    const args = f.args.map((a) => printExpr(a, ctx));
    const lead = f.keywordForm.leading ? `${f.keywordForm.leading} ` : '';
    // EXTRACT(YEAR FROM x), TRIM(LEADING FROM x): one argument follows the keyword;
    // TRIM(LEADING 'x' FROM y), POSITION(a IN b): the keyword separates two arguments.
    inner = args.length === 1 ? `${lead}${f.keywordForm.keyword} ${args[0]}` : `${lead}${args.join(` ${f.keywordForm.keyword} `)}`;
  } else inner = f.args.map((a) => printExpr(a, ctx)).join(', ');
  if (f.distinct) inner = `DISTINCT ${inner}`;
  if (f.separator) {
    ctx.report(GP.unsupportedExpr, f.span, `SEPARATOR of ${f.name.name} was not converted`);
  }
  if (f.orderBy?.length) inner += ` ORDER BY ${printOrderBy(f.orderBy, ctx)}`;
  let out = `${name}(${inner})`;
  if (f.filter) out += ` FILTER (WHERE ${printExpr(f.filter, ctx)})`;
  if (f.over) out += f.over.name && !f.over.partitionBy.length && !f.over.orderBy.length && !f.over.frame
    ? ` OVER ${ident(f.over.name)}` : ` OVER (${printWindow(f.over, ctx)})`;
  return out;
}

const INTERVAL_UNITS: Record<string, string> = {
  MICROSECOND: 'microseconds', SECOND: 'seconds', MINUTE: 'minutes', HOUR: 'hours', DAY: 'days',
  WEEK: 'weeks', MONTH: 'months', QUARTER: 'months', YEAR: 'years',
};

const PRINTERS: { [K in ExprKind]: Printer<K> } = {
  Literal: (e) => literal(e),
  ColumnRef: (e, ctx) => {
    if (e.outerJoin) ctx.report(GP.sourceOnlySyntax, e.span, 'Oracle (+) outer-join marker reached the generator unconverted; the join became an inner join');
    if (e.parts.length === 1) return ident(e.parts[0]!);
    return e.parts.map((p, i) => (i === 0 && NEW_OLD.test(p) ? p.toUpperCase() : ident(p))).join('.');
  },
  Variable: (e, ctx) => {
    if (e.scope === 'positional') return `$${e.name.replace(/^\$/, '')}`;
    if (e.scope === 'bind') return `:${e.name}`;
    if (e.scope !== 'local') ctx.report(GP.unsupportedExpr, e.span, `${e.scope} variable ${e.name} has no PostgreSQL equivalent here`);
    return ident(e.name);
  },
  Star: (e) => (e.qualifier?.length ? `${e.qualifier.map(ident).join('.')}.*` : '*'),
  Unary: (e, ctx) => {
    if (e.op === 'prior' || e.op === 'connect_by_root') {
      ctx.report(GP.sourceOnlySyntax, e.span, `${e.op.toUpperCase()} outside a converted CONNECT BY query has no PostgreSQL equivalent`);
      return printExpr(e.operand, ctx);
    }
    const op = e.op === '!' ? 'NOT' : e.op;
    return op === 'NOT' ? `NOT ${operand(e.operand, ctx, 3)}` : `${op}${operand(e.operand, ctx, 8)}`;
  },
  Binary: (e, ctx) => {
    if (e.op === 'any' || e.op === 'all') {
      return `${operand(e.left, ctx, 4)} ${e.quantifiedOp ?? '='} ${BINARY[e.op]} (${printExpr(e.right, ctx)})`;
    }
    if (e.op === 'div') return `div(${printExpr(e.left, ctx)}, ${printExpr(e.right, ctx)})`;
    const p = BINARY_PRECEDENCE[e.op];
    return `${operand(e.left, ctx, p, e.op)} ${BINARY[e.op]} ${operand(e.right, ctx, p, e.op, true)}`;
  },
  Like: (e, ctx) => {
    const neg = e.not ? 'NOT ' : '';
    let core: string;
    if (e.op === 'regexp' || e.op === 'rlike') core = `${operand(e.expr, ctx, 4)} ${e.not ? '!' : ''}~${e.caseInsensitive ? '*' : ''} ${operand(e.pattern, ctx, 4)}`;
    else if (e.op === 'similar') core = `${operand(e.expr, ctx, 4)} ${neg}SIMILAR TO ${operand(e.pattern, ctx, 4)}`;
    else core = `${operand(e.expr, ctx, 4)} ${neg}${e.op.toUpperCase()} ${operand(e.pattern, ctx, 4)}`;
    return e.escape ? `${core} ESCAPE ${printExpr(e.escape, ctx)}` : core;
  },
  FunctionCall: (e, ctx) => functionCall(e, ctx),
  Case: (e, ctx) => {
    const parts = ['CASE'];
    if (e.operand) parts.push(printExpr(e.operand, ctx));
    for (const w of e.whens) parts.push(`WHEN ${printExpr(w.when, ctx)} THEN ${printExpr(w.then, ctx)}`);
    if (e.else) parts.push(`ELSE ${printExpr(e.else, ctx)}`);
    parts.push('END');
    return parts.join(' ');
  },
  Cast: (e, ctx) => `CAST(${printExpr(e.expr, ctx)} AS ${printType(e.type, ctx)})`,
  Between: (e, ctx) => `${operand(e.expr, ctx, 4)} ${e.not ? 'NOT ' : ''}BETWEEN ${operand(e.low, ctx, 5)} AND ${operand(e.high, ctx, 5)}`,
  InList: (e, ctx) => `${operand(e.expr, ctx, 4)} ${e.not ? 'NOT ' : ''}IN (${e.list.map((x) => printExpr(x, ctx)).join(', ')})`,
  InQuery: (e, ctx) => `${operand(e.expr, ctx, 4)} ${e.not ? 'NOT ' : ''}IN (${printQuery(e.query, ctx)})`,
  Exists: (e, ctx) => `${e.not ? 'NOT ' : ''}EXISTS (${printQuery(e.query, ctx)})`,
  ScalarSubquery: (e, ctx) => `(${printQuery(e.query, ctx)})`,
  IsTest: (e, ctx) => `${operand(e.expr, ctx, 4)} IS ${e.not ? 'NOT ' : ''}${e.test.toUpperCase()}`,
  Interval: (e, ctx) => {
    const unit = INTERVAL_UNITS[e.unit.toUpperCase()];
    if (!unit) {
      ctx.report(GP.unsupportedExpr, e.span, `INTERVAL unit ${e.unit} was not converted`);
      return `(${printExpr(e.value, ctx)}) * INTERVAL ${stringLiteral(`1 ${e.unit}`)}`;
    }
    const factor = e.unit.toUpperCase() === 'QUARTER' ? 3 : 1;
    if (e.value.kind === 'Literal' && e.value.type === 'number' && factor === 1) return `INTERVAL '${e.value.value} ${unit}'`;
    return `(${printExpr(e.value, ctx)}) * INTERVAL '${factor} ${unit}'`;
  },
  Collate: (e, ctx) => `${operand(e.expr, ctx, 8)} COLLATE ${ident(e.collation)}`,
  Array: (e, ctx) => `ARRAY[${e.items.map((x) => printExpr(x, ctx)).join(', ')}]`,
  Subscript: (e, ctx) => {
    const element = `${operand(e.expr, ctx, 9)}[${printExpr(e.index, ctx)}${e.upper ? `:${printExpr(e.upper, ctx)}` : ''}]`;
    // A field of a composite element needs the parentheses: (coll[i]).field
    return e.field?.length ? `(${element}).${e.field.map(ident).join('.')}` : element;
  },
  Row: (e, ctx) => `ROW(${e.items.map((x) => printExpr(x, ctx)).join(', ')})`,
  Default: () => 'DEFAULT',
  NamedArg: (e, ctx) => `${ident(e.name)} => ${printExpr(e.value, ctx)}`,
  CursorAttr: (e, ctx) => {
    ctx.report(GP.sourceOnlySyntax, e.span, `Cursor attribute ${e.cursor ?? 'SQL'}%${e.attr.toUpperCase()} reached the generator unconverted`);
    return `NULL /* not converted: ${e.cursor ?? 'SQL'}%${e.attr} */`;
  },
  Raw: (e) => e.text,
  Unparsed: (e, ctx) => {
    ctx.markUnparsed(e);
    return `NULL /* not converted: ${e.text.replace(/\*\//g, '* /')} */`;
  },
};

export function printExpr(e: Expr, ctx: GenContext): string {
  return (PRINTERS[e.kind] as Printer<ExprKind>)(e as never, ctx);
}

/**
 * printExpr written into a buffer: operators and plain function calls piece by piece (no string per
 * sub-expression), every other form as printExpr prints it. Same text, same findings in the same order.
 */
export function exprInto(b: SqlBuf, e: Expr, ctx: GenContext): void {
  if (e.kind === 'ColumnRef' && e.parts.length === 1 && !e.outerJoin && e.parts[0]!.indexOf('"') < 0) {
    // ident's quotes as pieces of their own: no quoted copy of the name.
    b.add('"');
    b.add(e.parts[0]!);
    b.add('"');
  } else if (e.kind === 'Binary' && e.op !== 'any' && e.op !== 'all' && e.op !== 'div') {
    const p = BINARY_PRECEDENCE[e.op];
    operandInto(b, e.left, ctx, p, e.op, false);
    b.add(BINARY_SPACED[e.op]);
    operandInto(b, e.right, ctx, p, e.op, true);
  } else if (e.kind === 'FunctionCall' && !e.star && !e.keywordForm && !e.distinct && !e.separator && !e.orderBy?.length && !e.filter && !e.over) {
    b.add(functionName(e));
    b.add('(');
    for (let i = 0; i < e.args.length; i++) {
      if (i) b.add(', ');
      exprInto(b, e.args[i]!, ctx);
    }
    b.add(')');
  } else b.add(printExpr(e, ctx));
}

/** operand() written into a buffer (the parentheses depend on the node only, not on its text). */
function operandInto(b: SqlBuf, e: Expr, ctx: GenContext, parent: number, parentOp: BinaryOp, right: boolean): void {
  const p = precedence(e);
  if (p > parent || (p === parent && e.kind === 'Binary' && (e.op === parentOp ? ASSOCIATIVE.has(parentOp) || !right : !right && parent >= 5))) {
    exprInto(b, e, ctx);
    return;
  }
  b.add('(');
  exprInto(b, e, ctx);
  b.add(')');
}

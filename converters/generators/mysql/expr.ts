import type { Binary, Expr, ExprKind, FunctionCall, Literal, OrderItem, WindowSpec } from '../../model/index.js';
import { GM } from './codes.js';
import type { GenContext } from './context.js';
import { ident, qname, str } from './quote.js';
import { castTypeSql } from './types.js';
import { querySql } from './query.js';

type ExprEmitter<K extends ExprKind> = (e: Extract<Expr, { kind: K }>, ctx: GenContext) => string;

/** MySQL operator precedence, higher binds tighter. */
const PREC: Partial<Record<Binary['op'], number>> = {
  'or': 1, 'xor': 2, 'and': 3,
  '=': 5, '<>': 5, '<': 5, '>': 5, '<=': 5, '>=': 5, '<=>': 5,
  '|': 6, '&': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, 'div': 10, '%': 10, '^': 11,
};
const PREFIX_PREC = 4; // NOT
const PREDICATE_PREC = 5; // LIKE, IN, BETWEEN, IS

function precOf(e: Expr): number {
  switch (e.kind) {
    case 'Binary': return PREC[e.op] ?? 12;
    case 'Unary': return e.op === 'NOT' || e.op === '!' ? PREFIX_PREC : 12;
    case 'Like': case 'Between': case 'InList': case 'InQuery': case 'IsTest': return PREDICATE_PREC;
    case 'Exists': return e.not ? PREFIX_PREC : 13;
    default: return 13;
  }
}

/** Prints `e` as an operand of an operator with precedence `prec`, parenthesised when needed. */
function operand(e: Expr, prec: number, ctx: GenContext, strict = false): string {
  const s = exprSql(e, ctx);
  const p = precOf(e);
  return p < prec || (strict && p === prec) ? `(${s})` : s;
}

function literal(e: Literal, ctx: GenContext): string {
  switch (e.type) {
    case 'string': return str(e.value);
    case 'number': return e.value;
    case 'null': return 'NULL';
    case 'boolean': return /^(t|true|1|y|yes|on)$/i.test(e.value) ? 'TRUE' : 'FALSE';
    case 'hex': return `X'${e.value.replace(/^0x/i, '')}'`;
    case 'bit': return `b'${e.value}'`;
    case 'date': return `DATE ${str(e.value)}`;
    case 'time': return `TIME ${str(e.value)}`;
    case 'timestamp': return `TIMESTAMP ${str(e.value)}`;
    case 'interval': {
      const m = /^\s*(-?\d+(?:\.\d+)?)\s*([a-z]+?)s?\s*$/i.exec(e.value);
      if (m) return `INTERVAL ${m[1]} ${m[2]!.toUpperCase()}`;
      ctx.fail(GM.unsupportedExpr, e.span, `Interval literal '${e.value}' has no MySQL form`);
      return `INTERVAL ${str(e.value)}`;
    }
  }
}

function concatArgs(e: Expr, out: Expr[]): Expr[] {
  if (e.kind === 'Binary' && e.op === 'concat') { concatArgs(e.left, out); concatArgs(e.right, out); } else out.push(e);
  return out;
}

function jsonPath(key: Expr, ctx: GenContext): string {
  if (key.kind === 'Literal' && key.type === 'number') return str(`$[${key.value}]`);
  if (key.kind === 'Literal' && key.type === 'string') return str(`$."${key.value.replace(/(["\\])/g, '\\$1')}"`);
  return `CONCAT('$."', ${exprSql(key, ctx)}, '"')`;
}

function binary(e: Binary, ctx: GenContext): string {
  switch (e.op) {
    case 'concat': return `CONCAT(${concatArgs(e, []).map((a) => exprSql(a, ctx)).join(', ')})`;
    case 'is distinct from': return `NOT (${operand(e.left, 6, ctx)} <=> ${operand(e.right, 6, ctx)})`;
    case 'is not distinct from': return `(${operand(e.left, 6, ctx)} <=> ${operand(e.right, 6, ctx)})`;
    case '->': return `JSON_EXTRACT(${exprSql(e.left, ctx)}, ${jsonPath(e.right, ctx)})`;
    case '->>': return `JSON_UNQUOTE(JSON_EXTRACT(${exprSql(e.left, ctx)}, ${jsonPath(e.right, ctx)}))`;
    case '@>': return `JSON_CONTAINS(${exprSql(e.left, ctx)}, ${exprSql(e.right, ctx)})`;
    case '<@': return `JSON_CONTAINS(${exprSql(e.right, ctx)}, ${exprSql(e.left, ctx)})`;
    case 'any': case 'all': {
      const op = e.quantifiedOp ?? '=';
      if (e.right.kind === 'Array' && op === '=' && e.op === 'any') return `${operand(e.left, PREDICATE_PREC, ctx, true)} IN (${e.right.items.map((i) => exprSql(i, ctx)).join(', ')})`;
      if (e.right.kind === 'Array' && op === '<>' && e.op === 'all') return `${operand(e.left, PREDICATE_PREC, ctx, true)} NOT IN (${e.right.items.map((i) => exprSql(i, ctx)).join(', ')})`;
      if (e.right.kind === 'ScalarSubquery') return `${operand(e.left, PREDICATE_PREC, ctx, true)} ${op} ${e.op.toUpperCase()} (${querySql(e.right.query, ctx)})`;
      ctx.fail(GM.unsupportedExpr, e.span, `${op} ${e.op.toUpperCase()}(array) has no MySQL form`);
      return `${operand(e.left, PREDICATE_PREC, ctx, true)} ${op} ${e.op.toUpperCase()} (${exprSql(e.right, ctx)})`;
    }
    case '#>': case '#>>': case '?': case '&&': case '@@':
      ctx.fail(GM.unsupportedExpr, e.span, `Operator ${e.op} has no MySQL equivalent`);
      return `${operand(e.left, 12, ctx)} ${e.op} ${operand(e.right, 12, ctx, true)}`;
    default: {
      const p = PREC[e.op] ?? 12;
      const op = e.op === 'div' ? 'DIV' : e.op === 'and' ? 'AND' : e.op === 'or' ? 'OR' : e.op === 'xor' ? 'XOR' : e.op;
      return `${operand(e.left, p, ctx)} ${op} ${operand(e.right, p, ctx, true)}`;
    }
  }
}

export function orderItemsSql(items: OrderItem[], ctx: GenContext): string {
  const out: string[] = [];
  for (const o of items) {
    const x = exprSql(o.expr, ctx);
    // MySQL sorts NULLs first ascending and last descending; explicit NULLS FIRST/LAST is emulated.
    if (o.nulls === 'first' && o.direction === 'desc') out.push(`(${x}) IS NULL DESC`);
    if (o.nulls === 'last' && o.direction !== 'desc') out.push(`(${x}) IS NULL`);
    out.push(o.direction === 'desc' ? `${x} DESC` : x);
  }
  return out.join(', ');
}

export function windowSql(w: WindowSpec, ctx: GenContext): string {
  const parts: string[] = [];
  if (w.name) parts.push(ident(w.name));
  if (w.partitionBy.length) parts.push(`PARTITION BY ${w.partitionBy.map((p) => exprSql(p, ctx)).join(', ')}`);
  if (w.orderBy.length) parts.push(`ORDER BY ${orderItemsSql(w.orderBy, ctx)}`);
  if (w.frame) parts.push(w.frame);
  return parts.join(' ');
}

function functionName(e: FunctionCall): string {
  return e.name.schema || e.name.quoted ? qname(e.name) : /^[A-Za-z_][A-Za-z0-9_]*$/.test(e.name.name) ? e.name.name.toUpperCase() : qname(e.name);
}

/**
 * Rules build MySQL-only forms (EXTRACT(YEAR FROM x), CAST(DATE_FORMAT(x, …) AS DATETIME) …) as a
 * call of this reserved name: first argument the MySQL text with `?` holes, then the hole values.
 */
export const TEMPLATE_FUNCTION = '\u0000template';

function fillTemplate(e: FunctionCall, ctx: GenContext): string {
  const [text, ...args] = e.args;
  const t = text?.kind === 'Literal' ? text.value.replace(/^\/\*seconds\*\//, '') : '';
  let i = 0;
  return t.replace(/\?/g, () => {
    const a = args[i++];
    return a ? operand(a, 12, ctx) : '?';
  });
}

function functionCall(e: FunctionCall, ctx: GenContext): string {
  if (e.name.name === TEMPLATE_FUNCTION) return fillTemplate(e, ctx);
  const name = functionName(e);
  let inner: string;
  if (e.star) inner = '*';
  else if (e.keywordForm) {
    const a = e.args.map((x) => exprSql(x, ctx));
    const lead = e.keywordForm.leading ? `${e.keywordForm.leading} ` : '';
    inner = a.length >= 2 ? `${lead}${a[0]} ${e.keywordForm.keyword} ${a.slice(1).join(', ')}` : `${lead}${e.keywordForm.keyword} ${a[0] ?? ''}`;
  } else inner = e.args.map((x) => exprSql(x, ctx)).join(', ');
  if (e.distinct) inner = `DISTINCT ${inner}`;
  if (e.orderBy?.length) inner += ` ORDER BY ${orderItemsSql(e.orderBy, ctx)}`;
  if (e.separator) inner += ` SEPARATOR ${exprSql(e.separator, ctx)}`;
  let out = `${name}(${inner})`;
  if (e.filter) {
    ctx.fail(GM.unsupportedExpr, e.span, `Aggregate FILTER (WHERE …) has no MySQL form`);
    out += ` /* FILTER (WHERE ${exprSql(e.filter, ctx)}) */`;
  }
  if (e.over) out += e.over.name && !e.over.partitionBy.length && !e.over.orderBy.length && !e.over.frame ? ` OVER ${ident(e.over.name)}` : ` OVER (${windowSql(e.over, ctx)})`;
  return out;
}

const EMITTERS: { [K in ExprKind]: ExprEmitter<K> } = {
  NamedArg: (e, ctx) => {
    ctx.fail(GM.unsupportedExpr, e.span, `Named argument ${e.name} => …: MySQL calls take positional arguments only`);
    return exprSql(e.value, ctx);
  },
  CursorAttr: (e, ctx) => {
    ctx.fail(GM.unsupportedExpr, e.span, `Cursor attribute ${e.cursor ?? 'SQL'}%${e.attr.toUpperCase()} reached the generator unconverted`);
    return 'NULL';
  },
  Literal: literal,
  ColumnRef: (e, ctx) => (e.outerJoin ? ctx.fail(GM.unsupportedExpr, e.span, 'Oracle (+) outer-join marker reached the generator unconverted') : undefined, e.parts.map((p, i) => (ctx.routineKind === 'trigger' && i === 0 && e.parts.length === 2 && /^(new|old)$/i.test(p) ? p.toUpperCase() : ident(p))).join('.')),
  Variable: (e, ctx) => {
    switch (e.scope) {
      case 'local': return ident(e.name);
      case 'user': return `@${ident(e.name)}`;
      case 'system': return `@@${e.name}`;
      default:
        ctx.fail(GM.unsupportedExpr, e.span, `Parameter ${e.name} (${e.scope}) has no MySQL form`);
        return e.scope === 'positional' ? `?` : `@${ident(e.name)}`;
    }
  },
  Star: (e) => (e.qualifier?.length ? `${e.qualifier.map(ident).join('.')}.*` : '*'),
  Unary: (e, ctx) => {
    if (e.op === 'prior' || e.op === 'connect_by_root') {
      ctx.fail(GM.unsupportedExpr, e.span, `${e.op.toUpperCase()} outside a converted CONNECT BY query has no MySQL form`);
      return exprSql(e.operand, ctx);
    }
    return e.op === 'NOT' || e.op === '!' ? `NOT ${operand(e.operand, PREFIX_PREC, ctx)}` : `${e.op}${operand(e.operand, 12, ctx, true)}`;
  },
  Binary: binary,
  Like: (e, ctx) => {
    const not = e.not ? 'NOT ' : '';
    const left = operand(e.expr, PREDICATE_PREC, ctx, true);
    if (e.op === 'regexp' || e.op === 'rlike') {
      // (?i)/(?-i) fixes case sensitivity whatever the column collation (PCRE in MariaDB, ICU in MySQL).
      const flag = e.caseInsensitive ? '(?i)' : '(?-i)';
      const pat = e.pattern.kind === 'Literal' && e.pattern.type === 'string' ? str(flag + e.pattern.value) : `CONCAT('${flag}', ${exprSql(e.pattern, ctx)})`;
      return `${left} ${not}REGEXP ${pat}`;
    }
    if (e.op === 'similar') {
      ctx.fail(GM.unsupportedExpr, e.span, 'SIMILAR TO has no MySQL equivalent');
      return `${left} ${not}SIMILAR TO ${operand(e.pattern, PREDICATE_PREC, ctx, true)}`;
    }
    const esc = e.escape ? ` ESCAPE ${exprSql(e.escape, ctx)}` : '';
    return `${left} ${not}LIKE ${operand(e.pattern, PREDICATE_PREC, ctx, true)}${esc}`;
  },
  FunctionCall: functionCall,
  Case: (e, ctx) => {
    const parts = ['CASE'];
    if (e.operand) parts.push(exprSql(e.operand, ctx));
    for (const w of e.whens) parts.push(`WHEN ${exprSql(w.when, ctx)} THEN ${exprSql(w.then, ctx)}`);
    if (e.else) parts.push(`ELSE ${exprSql(e.else, ctx)}`);
    parts.push('END');
    return parts.join(' ');
  },
  Cast: (e, ctx) => {
    const t = castTypeSql(e.type, ctx);
    if (t) return `CAST(${exprSql(e.expr, ctx)} AS ${t})`;
    if (e.type.name === 'json' || e.type.name === 'jsonb') return exprSql(e.expr, ctx);
    ctx.report(GM.unsupportedExpr, e.span, `CAST to ${e.type.sourceText || e.type.name} has no MySQL form; the cast is dropped`);
    return exprSql(e.expr, ctx);
  },
  Between: (e, ctx) => `${operand(e.expr, PREDICATE_PREC, ctx, true)} ${e.not ? 'NOT ' : ''}BETWEEN ${operand(e.low, 6, ctx)} AND ${operand(e.high, 6, ctx)}`,
  InList: (e, ctx) => `${operand(e.expr, PREDICATE_PREC, ctx, true)} ${e.not ? 'NOT ' : ''}IN (${e.list.map((x) => exprSql(x, ctx)).join(', ')})`,
  InQuery: (e, ctx) => `${operand(e.expr, PREDICATE_PREC, ctx, true)} ${e.not ? 'NOT ' : ''}IN (${querySql(e.query, ctx)})`,
  Exists: (e, ctx) => `${e.not ? 'NOT ' : ''}EXISTS (${querySql(e.query, ctx)})`,
  ScalarSubquery: (e, ctx) => `(${querySql(e.query, ctx)})`,
  IsTest: (e, ctx) => `${operand(e.expr, PREDICATE_PREC, ctx, true)} IS ${e.not ? 'NOT ' : ''}${e.test.toUpperCase()}`,
  Interval: (e, ctx) => `INTERVAL ${operand(e.value, 12, ctx)} ${e.unit.toUpperCase()}`,
  Collate: (e, ctx) => `${operand(e.expr, 12, ctx)} COLLATE ${e.collation}`,
  Array: (e, ctx) => `JSON_ARRAY(${e.items.map((x) => exprSql(x, ctx)).join(', ')})`,
  Subscript: (e, ctx) => {
    if (e.field?.length) ctx.fail(GM.unsupportedExpr, e.span, `Field ${e.field.join('.')} of a collection element has no MySQL form`);
    if (!e.upper && e.index.kind === 'Literal' && e.index.type === 'number') {
      // PostgreSQL arrays are 1-based; JSON arrays 0-based.
      return `JSON_UNQUOTE(JSON_EXTRACT(${exprSql(e.expr, ctx)}, '$[${Number(e.index.value) - 1}]'))`;
    }
    ctx.fail(GM.unsupportedExpr, e.span, 'Array subscript has no MySQL form');
    return `${operand(e.expr, 12, ctx)}[${exprSql(e.index, ctx)}${e.upper ? `:${exprSql(e.upper, ctx)}` : ''}]`;
  },
  Row: (e, ctx) => `(${e.items.map((x) => exprSql(x, ctx)).join(', ')})`,
  Default: () => 'DEFAULT',
  Raw: (e) => e.text,
  Unparsed: (e, ctx) => {
    ctx.broken = true;
    ctx.report(GM.unparsedFragment, e.span, `Unparsed expression: ${e.reason}`);
    return `/* UNPARSED: ${e.text.replace(/\*\//g, '* /')} */ NULL`;
  },
};

export function exprSql(e: Expr, ctx: GenContext): string {
  return (EMITTERS[e.kind] as ExprEmitter<typeof e.kind>)(e as never, ctx);
}

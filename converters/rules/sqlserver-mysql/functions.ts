import type { Expr, FunctionCall, SourceSpan } from '../../model/index.js';
import { bin, call, num, raw, str } from '../common/nodes.js';
import { datepart } from '../sqlserver-postgres/functions.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';

/** Rewrites one T-SQL function call (arguments already converted) into a MySQL expression. */
export type FunctionRule = (args: Expr[], f: FunctionCall, ctx: TmContext) => Expr;

const rename = (name: string): FunctionRule => (args, f) => ({ ...f, name: { name }, args });
const same: FunctionRule = (args, f) => ({ ...f, args });
const interval = (value: Expr, unit: string, span: SourceSpan): Expr => ({ kind: 'Interval', value, unit, span });

function unsupportedPart(f: FunctionCall, ctx: TmContext): Expr {
  ctx.reportOnce(TM.datepart, f.span, `${f.name.name.toUpperCase()} with this datepart has no MySQL form; kept as written`);
  return f;
}

/** DATEADD units → MySQL INTERVAL units (with a factor where MySQL has no unit). */
const UNITS: Record<string, [unit: string, factor?: number]> = {
  year: ['YEAR'], quarter: ['QUARTER'], month: ['MONTH'], dayofyear: ['DAY'], day: ['DAY'], weekday: ['DAY'], week: ['WEEK'],
  hour: ['HOUR'], minute: ['MINUTE'], second: ['SECOND'], millisecond: ['MICROSECOND', 1000], microsecond: ['MICROSECOND'],
};

const dateadd: FunctionRule = (a, f, ctx) => {
  const part = datepart(a[0]);
  const u = part ? UNITS[part] : undefined;
  if (!u || a.length !== 3) return unsupportedPart(f, ctx);
  const s = f.span;
  // T-SQL truncates a fractional number toward zero.
  const n0 = a[1]!.kind === 'Literal' && /^-?\d+$/.test(a[1]!.value) ? a[1]! : call('TRUNCATE', [a[1]!, num(0, s)], s);
  const n = u[1] ? bin('*', n0, num(u[1], s), s) : n0;
  return call('DATE_ADD', [a[2]!, interval(n, u[0], s)], s);
};

/** Start of the hour/minute/second of a value, so TIMESTAMPDIFF counts boundaries as DATEDIFF does. */
const floorTo = (e: Expr, mask: string, s: SourceSpan): Expr => call('DATE_FORMAT', [e, str(mask, s)], s);

/**
 * DATEDIFF counts datepart boundaries crossed (DATEDIFF(year, '2020-12-31', '2021-01-01') = 1);
 * TIMESTAMPDIFF counts whole units, so each part is computed from the fields.
 */
const datediff: FunctionRule = (a, f, ctx) => {
  const part = datepart(a[0]);
  if (a.length !== 3) return unsupportedPart(f, ctx);
  const s = f.span;
  const [x, y] = [a[1]!, a[2]!];
  const d = (fn: string): Expr => bin('-', call(fn, [y], s), call(fn, [x], s), s);
  switch (part) {
    case 'year': return d('YEAR');
    case 'quarter': return bin('+', bin('*', d('YEAR'), num(4, s), s), d('QUARTER'), s);
    case 'month': return bin('+', bin('*', d('YEAR'), num(12, s), s), d('MONTH'), s);
    case 'day': case 'dayofyear': case 'weekday': return call('DATEDIFF', [call('DATE', [y], s), call('DATE', [x], s)], s);
    case 'week': {
      // Weeks start on Sunday for DATEDIFF whatever DATEFIRST says: Saturday before each date, in days / 7.
      const sat = (e: Expr): Expr => bin('-', call('TO_DAYS', [e], s), call('DAYOFWEEK', [e], s), s);
      return call('FLOOR', [bin('/', bin('-', sat(y), sat(x), s), num(7, s), s)], s);
    }
    case 'hour': return call('TIMESTAMPDIFF', [raw('HOUR', s), floorTo(x, '%Y-%m-%d %H:00:00', s), floorTo(y, '%Y-%m-%d %H:00:00', s)], s);
    case 'minute': return call('TIMESTAMPDIFF', [raw('MINUTE', s), floorTo(x, '%Y-%m-%d %H:%i:00', s), floorTo(y, '%Y-%m-%d %H:%i:00', s)], s);
    case 'second': return call('TIMESTAMPDIFF', [raw('SECOND', s), floorTo(x, '%Y-%m-%d %H:%i:%s', s), floorTo(y, '%Y-%m-%d %H:%i:%s', s)], s);
    default: return unsupportedPart(f, ctx);
  }
};

const DATEPART_FN: Record<string, string> = {
  year: 'YEAR', quarter: 'QUARTER', month: 'MONTH', dayofyear: 'DAYOFYEAR', day: 'DAYOFMONTH', weekday: 'DAYOFWEEK',
  hour: 'HOUR', minute: 'MINUTE', second: 'SECOND',
};

const datepartFn: FunctionRule = (a, f, ctx) => {
  const part = datepart(a[0]);
  const s = f.span;
  if (a.length !== 2 || !part) return unsupportedPart(f, ctx);
  const fn = DATEPART_FN[part];
  // DAYOFWEEK numbers Sunday = 1 as T-SQL does under the default DATEFIRST 7 (us_english).
  if (fn) return call(fn, [a[1]!], s);
  if (part === 'week') {
    // T-SQL week 1 holds January 1; MySQL WEEK(d, 0) numbers days before the first Sunday 0.
    const jan1 = call('MAKEDATE', [call('YEAR', [a[1]!], s), num(1, s)], s);
    return bin('+', call('WEEK', [a[1]!, num(0, s)], s), bin('<>', call('DAYOFWEEK', [jan1], s), num(1, s), s), s);
  }
  if (part === 'millisecond') return call('FLOOR', [bin('/', call('MICROSECOND', [a[1]!], s), num(1000, s), s)], s);
  if (part === 'microsecond') return call('MICROSECOND', [a[1]!], s);
  return unsupportedPart(f, ctx);
};

const datename: FunctionRule = (a, f, ctx) => {
  const part = datepart(a[0]);
  const s = f.span;
  if (part === 'month') return call('MONTHNAME', [a[1]!], s);
  if (part === 'weekday') return call('DAYNAME', [a[1]!], s);
  const n = datepartFn(a, f, ctx);
  return n === f ? f : call('CONCAT', [n], s);
};

/** T-SQL function name (lower case) → rule; names not here are reported and kept. */
export const FUNCTIONS: Record<string, FunctionRule> = {
  isnull: rename('IFNULL'),
  iif: rename('IF'),
  coalesce: same, nullif: same,
  getdate: (_a, f) => call('NOW', [num(3, f.span)], f.span),
  current_timestamp: (_a, f) => call('NOW', [num(3, f.span)], f.span),
  sysdatetime: (_a, f) => call('NOW', [num(6, f.span)], f.span),
  getutcdate: (_a, f) => call('UTC_TIMESTAMP', [num(3, f.span)], f.span),
  sysutcdatetime: (_a, f) => call('UTC_TIMESTAMP', [num(6, f.span)], f.span),
  newid: rename('UUID'),
  // MySQL 8 has GROUPING(); for MariaDB the rollup rule replaces it by constants.
  grouping: rename('GROUPING'),
  // Only built by the rules (SELECT @s = @s + x → GROUP_CONCAT); T-SQL has no such function.
  group_concat: rename('GROUP_CONCAT'),
  scope_identity: (_a, f) => call('LAST_INSERT_ID', [], f.span),
  len: (a, f) => call('CHAR_LENGTH', [call('RTRIM', [a[0]!], f.span)], f.span),
  datalength: rename('LENGTH'),
  charindex: (a, f) => call('LOCATE', a, f.span),
  stuff: rename('INSERT'),
  replicate: rename('REPEAT'),
  space: same, substring: same, left: same, right: same, upper: same, lower: same, ltrim: same, rtrim: same,
  replace: same, reverse: same, ascii: same, char: same, concat: same, concat_ws: same,
  trim: same, unicode: rename('ORD'), nchar: rename('CHAR'),
  abs: same, floor: same, ceiling: same, power: same, sqrt: same, sign: same, exp: same, pi: same,
  log10: same, rand: same, sin: same, cos: same, tan: same, asin: same, acos: same, atan: same, atn2: rename('ATAN2'),
  degrees: same, radians: same,
  round: (a, f, ctx) => {
    if (a.length === 3) { ctx.reportOnce(TM.unknownFunction, f.span, 'ROUND(x, n, 1) (truncation) became TRUNCATE(x, n)'); return call('TRUNCATE', [a[0]!, a[1]!], f.span); }
    return { ...f, args: a };
  },
  log: (a, f) => (a.length === 2 ? call('LOG', [a[1]!, a[0]!], f.span) : call('LN', [a[0]!], f.span)),
  square: (a, f) => call('POWER', [a[0]!, num(2, f.span)], f.span),
  count: same, count_big: rename('COUNT'), sum: same, avg: same, min: same, max: same,
  stdev: rename('STDDEV_SAMP'), stdevp: rename('STDDEV_POP'), var: rename('VAR_SAMP'), varp: rename('VAR_POP'),
  row_number: same, rank: same, dense_rank: same, ntile: same, lag: same, lead: same, first_value: same, last_value: same,
  year: same, month: same, day: same,
  dateadd, datediff, datepart: datepartFn, datename,
  eomonth: (a, f, ctx) => (a.length === 1 ? call('LAST_DAY', [a[0]!], f.span) : call('LAST_DAY', [dateadd([{ kind: 'ColumnRef', parts: ['month'], span: f.span }, a[1]!, a[0]!], f, ctx)], f.span)),
  user_name: (_a, f) => call('CURRENT_USER', [], f.span),
  suser_sname: (_a, f) => call('CURRENT_USER', [], f.span),
  db_name: (_a, f) => call('DATABASE', [], f.span),
};

import type { Expr, FunctionCall, SourceSpan } from '../../model/index.js';
import { bin, call, cast, dataType, isNull, literalValue, num, raw, str } from '../common/nodes.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';
import { hasTimeParts, translateDateFormat } from './date-format.js';

/** Rewrites one MySQL function call (arguments already converted) into a PostgreSQL expression. */
export type FunctionRule = (args: Expr[], f: FunctionCall, ctx: RuleContext) => Expr;

const S = (f: FunctionCall): SourceSpan => f.span;
/** Same call under a PostgreSQL name (aggregate modifiers kept). */
const rename = (name: string): FunctionRule => (args, f) => ({ ...f, name: { name }, args });
const TEXT_FUNCTIONS = new Set(['string_agg', 'concat_ws', 'upper', 'lower', 'substr', 'left', 'right', 'lpad', 'rpad', 'repeat', 'replace', 'reverse', 'trim', 'ltrim', 'rtrim', 'to_char', 'md5', 'current_schema']);
const CHAR_TYPES = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'text']);
/** True when the expression is already text for PostgreSQL, so || needs no cast. */
function isText(e: Expr, ctx: RuleContext | undefined): boolean {
  switch (e.kind) {
    case 'Literal': return e.type === 'string';
    case 'Binary': return e.op === 'concat';
    case 'Cast': return CHAR_TYPES.has(e.type.name);
    case 'FunctionCall': return !e.name.schema && TEXT_FUNCTIONS.has(e.name.name);
    case 'ColumnRef': {
      if (!ctx) return false;
      const name = e.parts[e.parts.length - 1]!;
      const types = ctx.columnTypes(name).map((t) => t.name);
      return types.length > 0 && types.every((t) => CHAR_TYPES.has(t));
    }
    default: return false;
  }
}
let currentCtx: RuleContext | undefined;
const textOf = (e: Expr, span: SourceSpan): Expr => (isText(e, currentCtx) ? e : cast(e, dataType('text', span), span));
/** Lets textOf see the catalog's column types while one call is converted. */
export function withContext<T>(ctx: RuleContext, fn: () => T): T {
  const prev = currentCtx;
  currentCtx = ctx;
  try { return fn(); } finally { currentCtx = prev; }
}
/** withContext(ctx, () => rule(args, f, ctx)) without a closure per call. */
export function applyRule(ctx: RuleContext, rule: FunctionRule, args: Expr[], f: FunctionCall): Expr {
  const prev = currentCtx;
  currentCtx = ctx;
  try { return rule(args, f, ctx); } finally { currentCtx = prev; }
}
const ts = (span: SourceSpan) => dataType('timestamp', span);
const date = (span: SourceSpan) => dataType('date', span);
const int = (span: SourceSpan) => dataType('int', span);
const numeric = (span: SourceSpan) => dataType('decimal', span);
const extract = (field: string): FunctionRule => (a, f) =>
  cast({ kind: 'FunctionCall', name: { name: 'extract' }, args: [cast(a[0]!, ts(S(f)), S(f))], keywordForm: { keyword: 'FROM', leading: field }, span: S(f) }, int(S(f)), S(f));
const nowAt = (span: SourceSpan, fsp?: Expr): Expr =>
  (fsp && literalValue(fsp, 'number') !== '0' ? raw(`LOCALTIMESTAMP(${literalValue(fsp, 'number') ?? 6})`, span) : call('date_trunc', [str('second', span), raw('LOCALTIMESTAMP', span)], span));
const unitOf = (e: Expr | undefined): string => (e?.kind === 'ColumnRef' ? e.parts.join('') : e?.kind === 'Literal' ? e.value : e?.kind === 'Raw' ? e.text : '').toUpperCase();
const epoch = (e: Expr, span: SourceSpan): Expr => ({ kind: 'FunctionCall', name: { name: 'extract' }, args: [e], keywordForm: { keyword: 'FROM', leading: 'EPOCH' }, span });

function dateFormat(args: Expr[], f: FunctionCall, ctx: RuleContext, target: 'to_char' | 'parse'): Expr {
  const fmt = literalValue(args[1], 'string');
  const span = S(f);
  if (fmt === undefined) {
    ctx.report(MP.dateFormatDynamic, span);
    return target === 'to_char' ? call('to_char', [cast(args[0]!, ts(span), span), args[1]!], span) : cast(call('to_timestamp', [args[0]!, args[1]!], span), ts(span), span);
  }
  const { pattern, unsupported } = translateDateFormat(fmt);
  if (unsupported.length) ctx.report(MP.dateFormatDynamic, span, `Format specifiers ${unsupported.join(' ')} have no to_char equivalent and were dropped`);
  if (target === 'to_char') return call('to_char', [cast(args[0]!, ts(span), span), str(pattern, span)], span);
  return hasTimeParts(fmt)
    ? cast(call('to_timestamp', [args[0]!, str(pattern, span)], span), ts(span), span)
    : call('to_date', [args[0]!, str(pattern, span)], span);
}

const DATE_ONLY = /^\d{4}-\d{1,2}-\d{1,2}$/;
/** True when MySQL sees a DATE (not a DATETIME): date-only literals, CURRENT_DATE, DATE columns. */
function isDate(e: Expr): boolean {
  switch (e.kind) {
    case 'Literal': return (e.type === 'string' || e.type === 'date') && DATE_ONLY.test(e.value.trim());
    case 'Raw': return e.text === 'CURRENT_DATE';
    case 'Cast': return e.type.name === 'date';
    case 'ColumnRef': {
      if (!currentCtx) return false;
      const name = e.parts[e.parts.length - 1]!;
      const types = currentCtx.columnTypes(name).map((t) => t.name);
      return types.length > 0 && types.every((t) => t === 'date');
    }
    default: return false;
  }
}

/** DATE_ADD/DATE_SUB: DATE ± whole days/months stays a DATE in MySQL; PostgreSQL would give a timestamp. */
function dateAdd(sign: '+' | '-'): FunctionRule {
  return (a, f) => {
    const span = S(f);
    const amount = a[1]!;
    const interval: Expr = amount.kind === 'Interval' ? amount : { kind: 'Interval', value: amount, unit: 'DAY', span };
    const dayGrained = !/HOUR|MINUTE|SECOND/i.test(interval.kind === 'Interval' ? interval.unit : '');
    const stayDate = isDate(a[0]!) && dayGrained;
    // A string literal is a date or datetime to MySQL; PostgreSQL needs the type spelled out.
    const base = literalValue(a[0], 'string') === undefined ? a[0]! : cast(a[0]!, stayDate ? date(span) : ts(span), span);
    const r = bin(sign, base, interval, span);
    return stayDate ? cast(r, date(span), span) : r;
  };
}

function timestampDiff(a: Expr[], f: FunctionCall): Expr {
  const span = S(f);
  const unit = unitOf(a[0]);
  const from = cast(a[1]!, ts(span), span);
  const to = cast(a[2]!, ts(span), span);
  const seconds: Record<string, number> = { MICROSECOND: 1e-6, SECOND: 1, MINUTE: 60, HOUR: 3600, DAY: 86400, WEEK: 604800 };
  const big = dataType('bigint', span);
  if (unit in seconds) {
    const e = epoch(bin('-', to, from, span), span);
    const scaled = unit === 'MICROSECOND' ? bin('*', e, num(1000000, span), span) : unit === 'SECOND' ? e : bin('/', e, num(seconds[unit]!, span), span);
    return cast(call('trunc', [scaled], span), big, span);
  }
  // Whole months between the two, as MySQL counts them (age() splits into years/months/days).
  const age = call('age', [to, from], span);
  const months = bin('+', bin('*', { kind: 'FunctionCall', name: { name: 'extract' }, args: [age], keywordForm: { keyword: 'FROM', leading: 'YEAR' }, span }, num(12, span), span),
    { kind: 'FunctionCall', name: { name: 'extract' }, args: [age], keywordForm: { keyword: 'FROM', leading: 'MONTH' }, span }, span);
  const div = unit === 'YEAR' ? 12 : unit === 'QUARTER' ? 3 : 1;
  return cast(call('trunc', [div === 1 ? months : bin('/', months, num(div, span), span)], span), big, span);
}

function locate(a: Expr[], f: FunctionCall): Expr {
  const span = S(f);
  if (a.length < 3) return call('strpos', [a[1]!, a[0]!], span);
  const found = call('strpos', [call('substr', [a[1]!, a[2]!], span), a[0]!], span);
  return { kind: 'Case', whens: [{ when: bin('=', found, num(0, span), span), then: num(0, span) }], else: bin('-', bin('+', found, a[2]!, span), num(1, span), span), span };
}

/** MySQL SUBSTRING with a negative start counts from the end. */
function substring(a: Expr[], f: FunctionCall): Expr {
  const span = S(f);
  const start = literalValue(a[1], 'number');
  if (start !== undefined && Number(start) < 0) {
    const tail = call('right', [a[0]!, num(-Number(start), span)], span);
    return a[2] ? call('substr', [tail, num(1, span), a[2]], span) : tail;
  }
  return call('substr', a, span);
}

/** MATCH(cols) AGAINST (s [mode]) → the FULLTEXT index's document @@ a tsquery of s. */
function matchAgainst(a: Expr[], f: FunctionCall, ctx: RuleContext): Expr {
  const span = S(f);
  ctx.reportOnce(MP.matchAgainst, span);
  const cols = a.slice(0, -1);
  const doc = cols.map((c) => call('coalesce', [c, str('', span)], span)).reduce((x, y) => bin('concat', bin('concat', x, str(' ', span), span), y, span));
  const boolean = /BOOLEAN/i.test(f.keywordForm?.leading ?? '');
  return bin('@@', call('to_tsvector', [raw("'simple'::regconfig", span), doc], span),
    call(boolean ? 'websearch_to_tsquery' : 'plainto_tsquery', [raw("'simple'::regconfig", span), a[a.length - 1]!], span), span);
}

/** One line per MySQL function (lower-case name). Unknown functions are kept and reported. */
export const FUNCTIONS: Record<string, FunctionRule> = {
  ifnull: rename('coalesce'),
  convert: (a, f, ctx) => {
    const cs = literalValue(a[1], 'string')?.toLowerCase();
    if (f.keywordForm?.keyword !== 'USING' || cs === undefined) { ctx.reportOnce(MP.unknownFunction, S(f), 'CONVERT in this form has no known PostgreSQL equivalent and was kept'); return f; }
    if (cs === 'binary') return call('convert_to', [textOf(a[0]!, S(f)), str('UTF8', S(f))], S(f));
    ctx.reportOnce(MP.convertUsing, S(f));
    return textOf(a[0]!, S(f));
  },
  nvl: rename('coalesce'),
  if: (a, f) => ({ kind: 'Case', whens: [{ when: a[0]!, then: a[1]! }], else: a[2]!, span: S(f) }),
  concat: (a, f) => (a.length === 1 ? textOf(a[0]!, S(f)) : a.map((x) => textOf(x, S(f))).reduce((l, r) => bin('concat', l, r, S(f)))),
  concat_ws: (a, f) => call('concat_ws', a, S(f)),
  group_concat: (a, f, ctx) => {
    ctx.reportOnce(MP.groupConcat, S(f));
    const value = a.length === 1 ? textOf(a[0]!, S(f)) : a.map((x) => textOf(x, S(f))).reduce((l, r) => bin('concat', l, r, S(f)));
    // With DISTINCT, PostgreSQL can only order by the aggregated value itself.
    const orderBy = f.distinct && f.orderBy?.length ? [{ expr: value, ...(f.orderBy[0]!.direction ? { direction: f.orderBy[0]!.direction } : {}) }] : f.orderBy;
    const { separator: _sep, ...rest } = f;
    return { ...rest, name: { name: 'string_agg' }, args: [value, f.separator ?? str(',', S(f))], ...(orderBy ? { orderBy } : {}) };
  },
  now: (a, f) => nowAt(S(f), a[0]),
  sysdate: (a, f) => nowAt(S(f), a[0]),
  current_timestamp: (a, f) => nowAt(S(f), a[0]),
  localtime: (a, f) => nowAt(S(f), a[0]),
  localtimestamp: (a, f) => nowAt(S(f), a[0]),
  utc_timestamp: (_a, f) => raw("date_trunc('second', CURRENT_TIMESTAMP AT TIME ZONE 'UTC')", S(f)),
  curdate: (_a, f) => raw('CURRENT_DATE', S(f)),
  current_date: (_a, f) => raw('CURRENT_DATE', S(f)),
  curtime: (_a, f) => raw('LOCALTIME(0)', S(f)),
  current_time: (_a, f) => raw('LOCALTIME(0)', S(f)),
  date_add: dateAdd('+'),
  adddate: dateAdd('+'),
  date_sub: dateAdd('-'),
  subdate: dateAdd('-'),
  datediff: (a, f) => bin('-', cast(a[0]!, date(S(f)), S(f)), cast(a[1]!, date(S(f)), S(f)), S(f)),
  timestampdiff: timestampDiff,
  to_days: (a, f) => bin('+', bin('-', cast(a[0]!, date(S(f)), S(f)), { kind: 'Literal', type: 'date', value: '0001-01-01', span: S(f) }, S(f)), num(366, S(f)), S(f)),
  date_format: (a, f, ctx) => dateFormat(a, f, ctx, 'to_char'),
  str_to_date: (a, f, ctx) => dateFormat(a, f, ctx, 'parse'),
  unix_timestamp: (a, f) => cast(call('trunc', [epoch(a[0] ? cast(a[0], dataType('timestamp', S(f), { withTimeZone: false }), S(f)) : raw('CURRENT_TIMESTAMP', S(f)), S(f))], S(f)), dataType('bigint', S(f)), S(f)),
  from_unixtime: (a, f, ctx) => {
    const t = cast(call('to_timestamp', [a[0]!], S(f)), ts(S(f)), S(f));
    return a[1] ? dateFormat([t, a[1]], f, ctx, 'to_char') : t;
  },
  date: (a, f) => cast(a[0]!, date(S(f)), S(f)),
  time: (a, f) => cast(a[0]!, dataType('time', S(f)), S(f)),
  year: extract('YEAR'),
  month: extract('MONTH'),
  day: extract('DAY'),
  dayofmonth: extract('DAY'),
  hour: extract('HOUR'),
  minute: extract('MINUTE'),
  second: extract('SECOND'),
  quarter: extract('QUARTER'),
  dayofyear: extract('DOY'),
  dayofweek: (a, f) => bin('+', extract('DOW')(a, f, undefined as never), num(1, S(f)), S(f)),
  weekday: (a, f) => bin('-', extract('ISODOW')(a, f, undefined as never), num(1, S(f)), S(f)),
  last_day: (a, f) => cast(bin('-', bin('+', call('date_trunc', [str('month', S(f)), cast(a[0]!, ts(S(f)), S(f))], S(f)),
    { kind: 'Literal', type: 'interval', value: '1 month', span: S(f) }, S(f)), { kind: 'Literal', type: 'interval', value: '1 day', span: S(f) }, S(f)), date(S(f)), S(f)),
  substring: substring,
  substr: substring,
  mid: substring,
  locate: locate,
  instr: (a, f) => call('strpos', [a[0]!, a[1]!], S(f)),
  left: rename('left'),
  right: rename('right'),
  lpad: rename('lpad'),
  rpad: rename('rpad'),
  repeat: rename('repeat'),
  replace: rename('replace'),
  reverse: rename('reverse'),
  trim: rename('trim'),
  ltrim: rename('ltrim'),
  rtrim: rename('rtrim'),
  lcase: rename('lower'),
  lower: rename('lower'),
  ucase: rename('upper'),
  upper: rename('upper'),
  length: rename('octet_length'),
  octet_length: rename('octet_length'),
  char_length: rename('char_length'),
  character_length: rename('char_length'),
  ascii: rename('ascii'),
  space: (a, f) => call('repeat', [str(' ', S(f)), a[0]!], S(f)),
  rand: (a, f, ctx) => { if (a.length) ctx.report(MP.unknownFunction, S(f), 'RAND(seed): PostgreSQL uses setseed() separately; the seed was dropped'); return call('random', [], S(f)); },
  truncate: (a, f) => call('trunc', [cast(a[0]!, numeric(S(f)), S(f)), a[1]!], S(f)),
  round: (a, f) => (a.length > 1 ? call('round', [cast(a[0]!, numeric(S(f)), S(f)), a[1]!], S(f)) : call('round', a, S(f))),
  mod: rename('mod'),
  ceiling: rename('ceil'),
  ceil: rename('ceil'),
  floor: rename('floor'),
  pow: rename('power'),
  power: rename('power'),
  log: (a, f) => (a.length > 1 ? call('log', [cast(a[0]!, numeric(S(f)), S(f)), cast(a[1]!, numeric(S(f)), S(f))], S(f)) : call('ln', a, S(f))),
  log2: (a, f) => call('log', [num(2, S(f)), cast(a[0]!, numeric(S(f)), S(f))], S(f)),
  log10: rename('log10'),
  ln: rename('ln'),
  exp: rename('exp'),
  sqrt: rename('sqrt'),
  abs: rename('abs'),
  sign: rename('sign'),
  pi: rename('pi'),
  greatest: (a, f, ctx) => { ctx.reportOnce(MP.greatestNull, S(f)); return call('greatest', a, S(f)); },
  least: (a, f, ctx) => { ctx.reportOnce(MP.greatestNull, S(f)); return call('least', a, S(f)); },
  isnull: (a, f) => isNull(a[0]!, S(f)),
  nullif: rename('nullif'),
  coalesce: rename('coalesce'),
  find_in_set: (a, f) => call('coalesce', [call('array_position', [call('string_to_array', [a[1]!, str(',', S(f))], S(f)), textOf(a[0]!, S(f))], S(f)), num(0, S(f))], S(f)),
  found_rows: (_a, f, ctx) => { ctx.report(MP.foundRows, S(f), 'FOUND_ROWS() has no PostgreSQL equivalent; run a separate count(*)'); return raw('NULL::bigint', S(f)); },
  row_count: (_a, f, ctx) => { ctx.report(MP.foundRows, S(f), 'ROW_COUNT() must become GET DIAGNOSTICS … = ROW_COUNT after the statement'); return raw('NULL::bigint', S(f)); },
  last_insert_id: (_a, f, ctx) => { ctx.report(MP.foundRows, S(f), 'LAST_INSERT_ID() became lastval(); prefer INSERT … RETURNING'); return call('lastval', [], S(f)); },
  database: (_a, f) => call('current_schema', [], S(f)),
  schema: (_a, f) => call('current_schema', [], S(f)),
  user: (_a, f) => raw('current_user', S(f)),
  current_user: (_a, f) => raw('current_user', S(f)),
  session_user: (_a, f) => raw('session_user', S(f)),
  system_user: (_a, f) => raw('session_user', S(f)),
  uuid: (_a, f) => cast(call('gen_random_uuid', [], S(f)), dataType('text', S(f)), S(f)),
  version: rename('version'),
  match: matchAgainst,
  json_extract: (a, f, ctx) => { ctx.reportOnce(MP.jsonPath, S(f)); return call('jsonb_path_query_first', [cast(a[0]!, dataType('jsonb', S(f)), S(f)), a[1]!], S(f)); },
  count: rename('count'),
  sum: rename('sum'),
  avg: rename('avg'),
  min: rename('min'),
  max: rename('max'),
  std: rename('stddev_pop'),
  stddev: rename('stddev_pop'),
  stddev_pop: rename('stddev_pop'),
  stddev_samp: rename('stddev_samp'),
  variance: rename('var_pop'),
  var_pop: rename('var_pop'),
  var_samp: rename('var_samp'),
  bit_and: rename('bit_and'),
  bit_or: rename('bit_or'),
  md5: rename('md5'),
  row_number: rename('row_number'),
  rank: rename('rank'),
  dense_rank: rename('dense_rank'),
  ntile: rename('ntile'),
  lag: rename('lag'),
  lead: rename('lead'),
  first_value: rename('first_value'),
  last_value: rename('last_value'),
  extract: rename('extract'),
  position: rename('position'),
};

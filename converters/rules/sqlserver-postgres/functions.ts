import type { Expr, FunctionCall, SourceSpan } from '../../model/index.js';
import { bin, call, cast, dataType, literalValue, num, raw, str } from '../common/nodes.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';
import { EMULATION_SCHEMA } from './emulation.js';
import { kindOf } from './typeof.js';

/** Rewrites one T-SQL function call (arguments already converted) into a PostgreSQL expression. */
export type FunctionRule = (args: Expr[], f: FunctionCall, ctx: MsRuleContext) => Expr;

const rename = (name: string): FunctionRule => (args, f) => ({ ...f, name: { name }, args });
const text = (span: SourceSpan) => dataType('text', span);
const ts = (span: SourceSpan, fs = 3) => dataType('timestamp', span, { fractionalSeconds: fs });
const emu = (name: string, args: Expr[], span: SourceSpan): Expr => call({ schema: EMULATION_SCHEMA, name }, args, span);

const DATEPARTS: Record<string, string> = {
  year: 'year', yy: 'year', yyyy: 'year', quarter: 'quarter', qq: 'quarter', q: 'quarter',
  month: 'month', mm: 'month', m: 'month', dayofyear: 'dayofyear', dy: 'dayofyear', y: 'dayofyear',
  day: 'day', dd: 'day', d: 'day', week: 'week', wk: 'week', ww: 'week', weekday: 'weekday', dw: 'weekday', w: 'weekday',
  hour: 'hour', hh: 'hour', minute: 'minute', mi: 'minute', n: 'minute', second: 'second', ss: 'second', s: 'second',
  millisecond: 'millisecond', ms: 'millisecond', microsecond: 'microsecond', mcs: 'microsecond', nanosecond: 'nanosecond', ns: 'nanosecond',
  iso_week: 'iso_week', isowk: 'iso_week', isoww: 'iso_week', tzoffset: 'tzoffset', tz: 'tzoffset',
};

/** The datepart keyword of DATEADD/DATEDIFF/DATEPART/DATENAME (written as a bare word or a string). */
export function datepart(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  const w = e.kind === 'ColumnRef' && e.parts.length === 1 ? e.parts[0]! : literalValue(e, 'string');
  return w === undefined ? undefined : DATEPARTS[w.toLowerCase()];
}

/** String literals standing for dates become timestamp casts (PostgreSQL cannot add an interval to unknown). */
/**
 * STUFF(s, start, n, r) → pg_catalog.overlay(s, coalesce(r, ''), start, n) (the function behind
 * OVERLAY … PLACING … FROM … FOR; a NULL r deletes in T-SQL). T-SQL returns NULL when start is
 * outside 1..len(s) or n < 0; overlay does not: reported unless start is 1 (then only an empty s differs).
 */
const stuff: FunctionRule = (a, f, ctx) => {
  const s = f.span;
  if (a.length !== 4) { ctx.reportOnce(TG.unsupported, s, 'STUFF needs four arguments; kept as written'); return f; }
  if (literalValue(a[1], 'number') !== '1' || literalValue(a[2], 'number') === undefined) ctx.reportOnce(TG.stuffRange, s);
  return call({ schema: 'pg_catalog', name: 'overlay' }, [a[0]!, call('coalesce', [a[3]!, str('', s)], s), a[1]!, a[2]!], s);
};

function asTimestamp(e: Expr, ctx: MsRuleContext): Expr {
  return e.kind === 'Literal' || kindOf(e, ctx) === 'text' ? cast(e, ts(e.span, 6), e.span) : e;
}

function unsupportedPart(f: FunctionCall, ctx: MsRuleContext): Expr {
  ctx.reportOnce(TG.unsupported, f.span, `${f.name.name.toUpperCase()} with this datepart has no PostgreSQL form; kept as written`);
  return f;
}

const MAKE_INTERVAL: Record<string, [field: string, factor?: number]> = {
  year: ['years'], quarter: ['months', 3], month: ['months'], dayofyear: ['days'], day: ['days'], weekday: ['days'], week: ['weeks'],
  hour: ['hours'], minute: ['mins'], second: ['secs'], millisecond: ['secs', 0.001], microsecond: ['secs', 0.000001],
};

const dateadd: FunctionRule = (a, f, ctx) => {
  const part = datepart(a[0]);
  const m = part ? MAKE_INTERVAL[part] : undefined;
  if (!m || a.length !== 3) return unsupportedPart(f, ctx);
  const s = f.span;
  // T-SQL truncates a fractional number toward zero.
  const n = a[1]!.kind === 'Literal' && /^-?\d+$/.test(a[1]!.value) ? a[1]! : cast(call('trunc', [a[1]!], s), dataType('int', s), s);
  const amount = m[1] ? bin('*', n, num(m[1], s), s) : n;
  const interval: Expr = { kind: 'FunctionCall', name: { name: 'make_interval' }, args: [{ kind: 'NamedArg', name: m[0], value: amount, span: s }], span: s };
  const d = asTimestamp(a[2]!, ctx);
  const sum = bin('+', d, interval, s);
  // date + interval is a timestamp in PostgreSQL; DATEADD on a date returns a date.
  return d.kind === 'Cast' && d.type.name === 'date' ? cast(sum, dataType('date', s), s) : sum;
};

const EXTRACT: Record<string, string> = {
  year: 'year', quarter: 'quarter', month: 'month', dayofyear: 'doy', day: 'day', hour: 'hour', minute: 'minute', iso_week: 'week',
};

function extract(field: string, d: Expr, s: SourceSpan): Expr {
  return { kind: 'FunctionCall', name: { name: 'extract' }, args: [d], keywordForm: { keyword: 'FROM', leading: field }, span: s };
}
const int = (e: Expr, s: SourceSpan) => cast(e, dataType('int', s), s);

function datepartOf(part: string, d: Expr, s: SourceSpan): Expr | undefined {
  if (EXTRACT[part]) return int(extract(EXTRACT[part]!, d, s), s);
  if (part === 'second') return int(call('floor', [extract('second', d, s)], s), s);
  if (part === 'millisecond') return int(bin('%', call('floor', [extract('milliseconds', d, s)], s), num(1000, s), s), s);
  // SET DATEFIRST 7 (us_english default): Sunday = 1.
  if (part === 'weekday') return int(bin('+', extract('dow', d, s), num(1, s), s), s);
  // Week 1 holds January 1st; weeks start on Sunday (DATEFIRST 7).
  if (part === 'week') return int(bin('+', bin('/', bin('+', bin('-', int(extract('doy', d, s), s), num(1, s), s), int(extract('dow', call('date_trunc', [str('year', s), d], s), s), s), s), num(7, s), s), num(1, s), s), s);
  return undefined;
}

const datepartRule: FunctionRule = (a, f, ctx) => {
  const part = datepart(a[0]);
  const out = part && a[1] ? datepartOf(part, asTimestamp(a[1], ctx), f.span) : undefined;
  return out ?? unsupportedPart(f, ctx);
};

const datename: FunctionRule = (a, f, ctx) => {
  const part = datepart(a[0]);
  const s = f.span;
  if (!part || !a[1]) return unsupportedPart(f, ctx);
  const d = asTimestamp(a[1], ctx);
  if (part === 'month') return call('to_char', [d, str('FMMonth', s)], s);
  if (part === 'weekday') return call('to_char', [d, str('FMDay', s)], s);
  const n = datepartOf(part, d, s);
  return n ? cast(n, text(s), s) : unsupportedPart(f, ctx);
};

const datediff: FunctionRule = (a, f, ctx) => {
  const part = datepart(a[0]);
  const ok = ['year', 'quarter', 'month', 'day', 'dayofyear', 'weekday', 'week', 'hour', 'minute', 'second', 'millisecond', 'microsecond'];
  if (!part || a.length !== 3 || !ok.includes(part)) return unsupportedPart(f, ctx);
  const p = part === 'dayofyear' || part === 'weekday' ? 'day' : part;
  if (!ctx.useEmulation('datediff', f.span, 'DATEDIFF', TG.datediff)) return f;
  return emu('datediff', [str(p, f.span), asTimestamp(a[1]!, ctx), asTimestamp(a[2]!, ctx)], f.span);
};

const charindex: FunctionRule = (a, f) => {
  const s = f.span;
  if (a.length === 2) return call('strpos', [a[1]!, a[0]!], s);
  // CHARINDEX(x, s, start): position counted from the start of s; 0 when not found.
  const start = call('greatest', [a[2]!, num(1, s)], s);
  const pos = call('strpos', [call('substr', [a[1]!, start], s), a[0]!], s);
  return { kind: 'Case', whens: [{ when: bin('=', pos, num(0, s), s), then: num(0, s) }], else: bin('-', bin('+', pos, start, s), num(1, s), s), span: s };
};

const len: FunctionRule = (a, f, ctx) => {
  ctx.reportOnce(TG.len, f.span);
  const x = kindOf(a[0]!, ctx) === 'text' ? a[0]! : cast(a[0]!, text(f.span), f.span);
  return call('length', [call('rtrim', [x], f.span)], f.span);
};

const eomonth: FunctionRule = (a, f, ctx) => {
  const s = f.span;
  let d = asTimestamp(a[0]!, ctx);
  if (a[1]) d = bin('+', d, { kind: 'FunctionCall', name: { name: 'make_interval' }, args: [{ kind: 'NamedArg', name: 'months', value: a[1], span: s }], span: s }, s);
  return cast(bin('+', call('date_trunc', [str('month', s), d], s), raw("INTERVAL '1 month - 1 day'", s), s), dataType('date', s), s);
};

const round: FunctionRule = (a, f) => (a.length === 3 && literalValue(a[2]) !== '0' ? call('trunc', [a[0]!, a[1]!], f.span) : call('round', a.slice(0, 2), f.span));

const now = (fs: number, utc = false): FunctionRule => (_a, f) => {
  const s = f.span;
  const base = call('statement_timestamp', [], s);
  return cast(utc ? raw("(statement_timestamp() AT TIME ZONE 'UTC')", s) : base, ts(s, fs), s);
};

const FORMATS: Record<string, string> = {
  'yyyy-MM-dd': 'YYYY-MM-DD', 'dd/MM/yyyy': 'DD/MM/YYYY', 'MM/dd/yyyy': 'MM/DD/YYYY', yyyyMMdd: 'YYYYMMDD', 'yyyy-MM-dd HH:mm:ss': 'YYYY-MM-DD HH24:MI:SS',
  'dd.MM.yyyy': 'DD.MM.YYYY', 'HH:mm:ss': 'HH24:MI:SS', 'HH:mm': 'HH24:MI', yyyy: 'YYYY', MM: 'MM', dd: 'DD', 'MMMM yyyy': 'FMMonth YYYY', 'yyyy-MM': 'YYYY-MM',
};

const format: FunctionRule = (a, f, ctx) => {
  const m = literalValue(a[1], 'string');
  if (a.length === 2 && m !== undefined && FORMATS[m]) return call('to_char', [a[0]!, str(FORMATS[m]!, f.span)], f.span);
  ctx.reportOnce(TG.format, f.span, `FORMAT(…, ${m === undefined ? 'non-literal pattern' : `'${m}'`}${a.length > 2 ? ', culture' : ''}) has no known to_char equivalent; kept as written`);
  return f;
};

/** T-SQL built-ins by lower-case name. */
export const FUNCTIONS: Record<string, FunctionRule> = {
  isnull: rename('coalesce'),
  iif: (a, f) => ({ kind: 'Case', whens: [{ when: a[0]!, then: a[1]! }], else: a[2]!, span: f.span }),
  getdate: now(3), current_timestamp: now(3), sysdatetime: now(6), getutcdate: now(3, true), sysutcdatetime: now(6, true),
  sysdatetimeoffset: (_a, f) => call('statement_timestamp', [], f.span),
  dateadd, datediff, datepart: datepartRule, datename, eomonth,
  year: (a, f, ctx) => datepartOf('year', asTimestamp(a[0]!, ctx), f.span)!,
  month: (a, f, ctx) => datepartOf('month', asTimestamp(a[0]!, ctx), f.span)!,
  day: (a, f, ctx) => datepartOf('day', asTimestamp(a[0]!, ctx), f.span)!,
  charindex, len,
  datalength: rename('octet_length'),
  replicate: rename('repeat'),
  space: (a, f) => call('repeat', [str(' ', f.span), a[0]!], f.span),
  stuff,
  substring: rename('substring'), left: rename('left'), right: rename('right'), upper: rename('upper'), lower: rename('lower'),
  ltrim: rename('ltrim'), rtrim: rename('rtrim'), trim: rename('btrim'), replace: rename('replace'), reverse: rename('reverse'),
  concat: rename('concat'), concat_ws: rename('concat_ws'), string_agg: rename('string_agg'),
  abs: rename('abs'), ceiling: rename('ceil'), floor: rename('floor'), round, power: rename('power'), sqrt: rename('sqrt'),
  square: (a, f) => call('power', [a[0]!, num(2, f.span)], f.span), sign: rename('sign'), pi: rename('pi'), exp: rename('exp'),
  rand: (_a, f) => call('random', [], f.span),
  log: (a, f) => (a.length === 2 ? call('log', [a[1]!, a[0]!], f.span) : call('ln', [a[0]!], f.span)),
  log10: (a, f) => call('log', [a[0]!], f.span),
  ascii: rename('ascii'), unicode: rename('ascii'), char: rename('chr'), nchar: rename('chr'),
  newid: (_a, f) => call('gen_random_uuid', [], f.span),
  newsequentialid: (_a, f, ctx) => { ctx.reportOnce(TG.newSequentialId, f.span); return call('gen_random_uuid', [], f.span); },
  count_big: (a, f) => ({ ...f, name: { name: 'count' }, args: a }),
  count: rename('count'), sum: rename('sum'), avg: rename('avg'), min: rename('min'), max: rename('max'),
  coalesce: rename('coalesce'), nullif: rename('nullif'),
  scope_identity: (_a, f, ctx) => { ctx.reportOnce(TG.identity, f.span); return call('lastval', [], f.span); },
  ident_current: (_a, f, ctx) => { ctx.reportOnce(TG.unsupported, f.span, 'IDENT_CURRENT has no PostgreSQL form (use currval of the identity sequence: pg_get_serial_sequence)'); return f; },
  user_name: (_a, f) => raw('current_user', f.span), suser_sname: (_a, f) => raw('session_user', f.span), suser_name: (_a, f) => raw('session_user', f.span),
  db_name: (_a, f) => call('current_database', [], f.span),
  error_message: (_a, f, ctx) => { ctx.reportOnce(TG.errorFunctions, f.span); return raw('SQLERRM', f.span); },
  format,
  isnumeric: (a, f, ctx) => (ctx.useEmulation('isnumeric', f.span, 'ISNUMERIC') ? emu('isnumeric', [cast(a[0]!, text(f.span), f.span)], f.span) : f),
  grouping: rename('grouping'), row_number: rename('row_number'), rank: rename('rank'), dense_rank: rename('dense_rank'), ntile: rename('ntile'), lag: rename('lag'), lead: rename('lead'),
  first_value: rename('first_value'), last_value: rename('last_value'),
};

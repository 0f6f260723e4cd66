import type { Expr, FunctionCall, SourceSpan } from '../../model/index.js';
import { bin, call, cast, dataType, isNull, literalValue, num, raw, str } from '../common/nodes.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';
import { EMULATION_SCHEMA } from './emulation.js';
import { translateDateMask } from './format-mask.js';
import { kindOf } from './typeof.js';

/** Rewrites one Oracle function call (arguments already converted) into a PostgreSQL expression. */
export type FunctionRule = (args: Expr[], f: FunctionCall, ctx: OraRuleContext) => Expr;

const rename = (name: string): FunctionRule => (args, f) => ({ ...f, name: { name }, args });
const emu = (name: string, args: Expr[], span: SourceSpan): Expr => call({ schema: EMULATION_SCHEMA, name }, args, span);
const ts0 = (span: SourceSpan) => dataType('timestamp', span, { fractionalSeconds: 0 });
const numeric = (span: SourceSpan) => dataType('decimal', span);
const text = (span: SourceSpan) => dataType('text', span);

/** Emulation call when allowed, else `fallback` (a native approximation) or the call as written. */
function emulated(name: string, what: string, fallback?: (a: Expr[], f: FunctionCall) => Expr): FunctionRule {
  return (a, f, ctx) => (ctx.useEmulation(name, f.span, what) ? emu(name, a, f.span) : fallback ? fallback(a, f) : { ...f, args: a });
}

function mask(e: Expr | undefined, f: FunctionCall, ctx: OraRuleContext): Expr | undefined {
  if (!e) return undefined;
  const m = literalValue(e, 'string');
  if (m === undefined) {
    ctx.reportOnce(OG.formatMask, f.span, `${f.name.name.toUpperCase()} with a format mask that is not a literal: the mask is passed unchanged to PostgreSQL`);
    return e;
  }
  const t = translateDateMask(m);
  if (t.unsupported.length) ctx.reportOnce(OG.formatMask, f.span, `Format elements ${t.unsupported.join(', ')} of '${m}' have no PostgreSQL equivalent`);
  if (t.approximate.length) ctx.reportOnce(OG.formatMask, f.span, `Format elements ${t.approximate.join(', ')} of '${m}' became their nearest PostgreSQL form (RR → YY: two-digit years are read with PostgreSQL's century rule; FFn → MS/US)`);
  return str(t.mask, e.span);
}

/** Oracle's text form of a NUMBER: no trailing zeros, no leading zero before the point (0.5 → '.5'). */
export function numberText(e: Expr, span: SourceSpan): Expr {
  return call('regexp_replace', [cast(call('trim_scale', [cast(e, numeric(span), span)], span), text(span), span), str('^(-?)0\\.', span), str('\\1.', span)], span);
}

const NUMBER_MASK = /^[\s\d90,.$GDLSVXBMIPRC'"FEA-]*$/i;

const toChar: FunctionRule = (a, f, ctx) => {
  const s = f.span;
  const k = kindOf(a[0]!, ctx);
  if (a.length === 1) {
    if (k === 'datetime') return call('to_char', [a[0]!, str('DD-MON-YY', s)], s);
    if (k === 'number') return numberText(a[0]!, s);
    return cast(a[0]!, text(s), s);
  }
  const m = literalValue(a[1], 'string');
  if (k === 'number' || (k === 'unknown' && m !== undefined && NUMBER_MASK.test(m) && !/[YDHMS]{2}/i.test(m))) return call('to_char', [a[0]!, a[1]!], s);
  if (k === 'unknown') ctx.reportOnce(OG.typeUnknown, s, 'TO_CHAR argument type unknown; treated as a date/time');
  return call('to_char', [a[0]!, mask(a[1], f, ctx)!], s);
};

/**
 * PostgreSQL reads at most 6 fractional digits (US); Oracle FF reads 9. Literal inputs are rounded
 * to microseconds as a TIMESTAMP(6) column would store them; other inputs are cut after 6 digits.
 */
function microseconds(e: Expr): Expr {
  const v = literalValue(e, 'string');
  if (v === undefined) return call('regexp_replace', [e, str('([.,][0-9]{6})[0-9]+', e.span), str('\\1', e.span)], e.span);
  const m = /([.,])(\d{7,9})(?!\d)/.exec(v);
  if (!m) return e;
  const rounded = Math.round(Number(`0.${m[2]}`) * 1e6);
  if (rounded >= 1e6) return str(v.replace(m[0], `${m[1]}${m[2]!.slice(0, 6)}`), e.span);
  return str(v.replace(m[0], `${m[1]}${String(rounded).padStart(6, '0')}`), e.span);
}

/**
 * TO_DATE('17-06-2013', 'DD-MM-YYYY') with numeric-only masks folds to TIMESTAMP '2013-06-17 00:00:00'
 * (data scripts are full of them); anything else stays a to_timestamp call.
 */
function foldDate(value: string, mask: string): string | undefined {
  const parts = mask.toUpperCase().match(/YYYY|MM|DD|HH24|MI|SS|[^A-Z0-9]+/g);
  if (!parts || parts.join('') !== mask.toUpperCase()) return undefined;
  const fields = parts.filter((p) => /^[A-Z]/.test(p));
  const nums = value.trim().split(/[^0-9]+/).filter((x) => x !== '');
  if (nums.length !== fields.length || new Set(fields).size !== fields.length) return undefined;
  const v: Record<string, number> = { YYYY: NaN, MM: 1, DD: 1, HH24: 0, MI: 0, SS: 0 };
  fields.forEach((fld, i) => { v[fld] = Number(nums[i]); });
  const y = v.YYYY!;
  const d = new Date(Date.UTC(y, v.MM! - 1, v.DD!, v.HH24!, v.MI!, v.SS!));
  if (!(y >= 1 && y <= 9999) || d.getUTCFullYear() !== y || d.getUTCMonth() !== v.MM! - 1 || d.getUTCDate() !== v.DD! || v.HH24! > 23 || v.MI! > 59 || v.SS! > 59) return undefined;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${p2(v.MM!)}-${p2(v.DD!)} ${p2(v.HH24!)}:${p2(v.MI!)}:${p2(v.SS!)}`;
}

const toDate: FunctionRule = (a, f, ctx) => {
  const s = f.span;
  const value = literalValue(a[0], 'string');
  const m = literalValue(a[1], 'string');
  const folded = value !== undefined && m !== undefined ? foldDate(value, m) : undefined;
  if (folded) return { kind: 'Literal', type: 'timestamp', value: folded, span: s };
  if (a.length === 1) {
    ctx.reportOnce(OG.formatMask, s, 'TO_DATE without a format mask depends on NLS_DATE_FORMAT; PostgreSQL reads the text with its own DateStyle');
    return cast(a[0]!, ts0(s), s);
  }
  return cast(call('to_timestamp', [a[0]!, mask(a[1], f, ctx)!], s), ts0(s), s);
};

/** TRUNC/ROUND: dates and numbers share the names in Oracle. */
function truncRound(which: 'trunc' | 'round'): FunctionRule {
  return (a, f, ctx) => {
    const s = f.span;
    const k = kindOf(a[0]!, ctx);
    if (k === 'datetime') {
      const fmt = a[1] ? literalValue(a[1], 'string')?.toUpperCase().trim() : 'DD';
      const native: Record<string, string> = { DD: 'day', DDD: 'day', J: 'day', MM: 'month', MON: 'month', MONTH: 'month', YYYY: 'year', YEAR: 'year', YY: 'year', Y: 'year', Q: 'quarter', HH: 'hour', HH24: 'hour', MI: 'minute', IW: 'week' };
      if (which === 'trunc' && fmt && native[fmt]) return cast(call('date_trunc', [str(native[fmt]!, s), a[0]!], s), ts0(s), s);
      const name = which === 'trunc' ? 'trunc_date' : 'round_date';
      if (ctx.useEmulation(name, s, `${which.toUpperCase()}(date${a[1] ? ', fmt' : ''})`)) return emu(name, a, s);
      return { ...f, args: a };
    }
    if (k === 'unknown') ctx.reportOnce(OG.typeUnknown, s, `${which.toUpperCase()} argument type could not be resolved; the numeric form was used`);
    const x = k === 'number' && a[0]!.kind !== 'Literal' ? a[0]! : cast(a[0]!, numeric(s), s);
    return call(which, [x, ...(a[1] ? [cast(a[1], dataType('int', s), s)] : [])], s);
  };
}

/**
 * Oracle takes any NUMBER where a length or position is expected and truncates it; PostgreSQL's
 * lpad/rpad/substr take integer only (numeric arguments fail to resolve).
 */
const intArg = (e: Expr | undefined): Expr | undefined =>
  !e || e.kind === 'Literal' || (e.kind === 'Cast' && e.type.name === 'int') ? e : cast(call('trunc', [e], e.span), dataType('int', e.span), e.span);

const pad = (name: string): FunctionRule => (args, f) => ({ ...f, name: { name }, args: args.map((x, i) => (i === 1 ? intArg(x)! : x)) });

/** SUBSTR(s, p[, n]): position 0 means 1, negative positions count from the end, n < 1 gives NULL. */
const substr: FunctionRule = (args, f) => {
  const a = args.map((x, i) => (i > 0 ? intArg(x)! : x));
  const s = f.span;
  const p = literalValue(a[1], 'number');
  const n = a[2];
  if (p !== undefined && Number(p) >= 0) {
    const start = Number(p) === 0 ? num(1, s) : a[1]!;
    const base = call('substr', [a[0]!, start, ...(n ? [n] : [])], s);
    const nv = literalValue(n, 'number');
    if (!n || (nv !== undefined && Number(nv) >= 1)) return base;
    return { kind: 'Case', whens: [{ when: bin('<', n, num(1, s), s), then: raw('NULL', s) }], else: base, span: s };
  }
  const str0 = a[0]!;
  const start: Expr = { kind: 'Case', whens: [{ when: bin('>', a[1]!, num(0, s), s), then: a[1]! }, { when: bin('=', a[1]!, num(0, s), s), then: num(1, s) }],
    else: bin('+', bin('+', call('length', [str0], s), a[1]!, s), num(1, s), s), span: s };
  const out = call('substr', [str0, start, ...(n ? [n] : [])], s);
  // A negative position before the start of the string gives NULL in Oracle.
  return { kind: 'Case', whens: [{ when: bin('<', bin('+', call('length', [str0], s), a[1]!, s), num(0, s), s), then: raw('NULL', s) }, ...(n ? [{ when: bin('<', n, num(1, s), s), then: raw('NULL', s) }] : [])], else: out, span: s };
};

const decode: FunctionRule = (a, f, ctx) => {
  const s = f.span;
  const [x, ...rest] = a;
  const whens: { when: Expr; then: Expr }[] = [];
  for (let i = 0; i + 1 < rest.length; i += 2) {
    const search = rest[i]!;
    const nonNullLiteral = search.kind === 'Literal' && search.type !== 'null';
    whens.push({ when: nonNullLiteral ? bin('=', x!, search, s) : search.kind === 'Literal' ? isNull(x!, s) : bin('is not distinct from', x!, search, s), then: rest[i + 1]! });
  }
  if (whens.some((w) => w.when.kind === 'Binary' && w.when.op === 'is not distinct from')) ctx.reportOnce(OG.decode, s);
  return { kind: 'Case', whens, ...(rest.length % 2 === 1 ? { else: rest[rest.length - 1]! } : {}), span: s };
};

const addMonths: FunctionRule = (a, f, ctx) => {
  if (ctx.useEmulation('add_months', f.span, 'ADD_MONTHS', "became d + n * INTERVAL '1 month', which keeps the day number where Oracle moves month ends to month ends")) return emu('add_months', [cast(a[0]!, dataType('timestamp', f.span), f.span), a[1]!], f.span);
  return bin('+', a[0]!, bin('*', a[1]!, raw("INTERVAL '1 month'", f.span), f.span), f.span);
};

const instr: FunctionRule = (a, f, ctx) => {
  if (a.length <= 2) return call('strpos', a, f.span);
  if (ctx.useEmulation('instr', f.span, 'INSTR with a position or occurrence')) return emu('instr', a, f.span);
  return { ...f, args: a };
};

const nvl2: FunctionRule = (a, f) => ({ kind: 'Case', whens: [{ when: isNull(a[0]!, f.span, true), then: a[1]! }], else: a[2]!, span: f.span });

const greatest = (name: string): FunctionRule => (a, f, ctx) => {
  const s = f.span;
  // Oracle: NULL if any argument is NULL; PostgreSQL ignores NULL arguments.
  if (a.every((x) => x.kind === 'Literal' && x.type !== 'null')) return call(name, a, s);
  void ctx;
  return { kind: 'Case', whens: [{ when: a.map((x) => isNull(x, s)).reduce((l, r) => bin('or', l, r, s)), then: raw('NULL', s) }], else: call(name, a, s), span: s };
};

const listagg: FunctionRule = (a, f, ctx) => {
  ctx.reportOnce(OG.listagg, f.span);
  return { ...f, name: { name: 'string_agg' }, args: [cast(a[0]!, text(f.span), f.span), a[1] ?? str('', f.span)] };
};

const monthsBetween = emulated('months_between', 'MONTHS_BETWEEN');

const UNITS: Record<string, string> = { DAY: 'day', HOUR: 'hour', MINUTE: 'minute', SECOND: 'second', YEAR: 'year', MONTH: 'month' };
/** NUMTODSINTERVAL(n, 'HOUR') → n * INTERVAL '1 hour'. */
const numToInterval: FunctionRule = (a, f, ctx) => {
  const unit = UNITS[(literalValue(a[1], 'string') ?? '').trim().toUpperCase()];
  if (!unit) { ctx.reportOnce(OG.unknownFunction, f.span, `${f.name.name.toUpperCase()} with a unit that is not a literal was kept as is`); return { ...f, args: a }; }
  return bin('*', a[0]!, raw(`INTERVAL '1 ${unit}'`, f.span), f.span);
};

/** One line per Oracle function. Names are looked up in lower case. */
export const FUNCTIONS: Record<string, FunctionRule> = {
  nvl: rename('coalesce'),
  nvl2,
  decode,
  coalesce: rename('coalesce'),
  nullif: rename('nullif'),
  sysdate: (_a, f, ctx) => { ctx.reportOnce(OG.sysdate, f.span); return raw('LOCALTIMESTAMP(0)', f.span); },
  systimestamp: (_a, f) => raw('CURRENT_TIMESTAMP', f.span),
  current_date: (_a, f) => raw('LOCALTIMESTAMP(0)', f.span),
  current_timestamp: (_a, f) => raw('CURRENT_TIMESTAMP', f.span),
  localtimestamp: (_a, f) => raw('LOCALTIMESTAMP', f.span),
  user: (_a, f) => call('upper', [raw('CURRENT_USER', f.span)], f.span),
  sys_guid: (_a, f) => call('gen_random_uuid', [], f.span),
  to_char: toChar,
  to_date: toDate,
  to_timestamp: (a, f, ctx) => (a.length === 1 ? cast(a[0]!, dataType('timestamp', f.span), f.span)
    : cast(call('to_timestamp', [/FF/i.test(literalValue(a[1], 'string') ?? '') ? microseconds(a[0]!) : a[0]!, mask(a[1], f, ctx)!], f.span), dataType('timestamp', f.span), f.span)),
  to_number: (a, f) => (a.length === 1 ? cast(a[0]!, numeric(f.span), f.span) : call('to_number', a, f.span)),
  trunc: truncRound('trunc'),
  round: truncRound('round'),
  add_months: addMonths,
  months_between: monthsBetween,
  last_day: (a, f) => bin('+', bin('+', call('date_trunc', [str('month', f.span), a[0]!], f.span), raw("INTERVAL '1 month - 1 day'", f.span), f.span), cast(a[0]!, dataType('time', f.span), f.span), f.span),
  next_day: emulated('next_day', 'NEXT_DAY'),
  substr,
  substrb: substr,
  instr,
  length: rename('length'),
  lengthb: rename('octet_length'),
  upper: rename('upper'), lower: rename('lower'), initcap: rename('initcap'),
  lpad: pad('lpad'), rpad: pad('rpad'), ltrim: rename('ltrim'), rtrim: rename('rtrim'), trim: (a, f) => ({ ...f, args: a }),
  replace: (a, f) => (a.length === 2 ? call('replace', [a[0]!, a[1]!, str('', f.span)], f.span) : call('replace', a, f.span)),
  translate: rename('translate'),
  concat: rename('concat'),
  array_append: rename('array_append'), trim_scale: rename('trim_scale'), array_cat: rename('array_cat'), array_fill: rename('array_fill'), array_lower: rename('array_lower'), array_upper: rename('array_upper'),
  cardinality: rename('cardinality'), array_agg: (a, f) => ({ ...f, args: a }), grouping_id: rename('grouping'), grouping: rename('grouping'), set_config: rename('set_config'), current_setting: rename('current_setting'),
  date_trunc: rename('date_trunc'),
  strpos: rename('strpos'),
  chr: rename('chr'), ascii: rename('ascii'),
  mod: rename('mod'), power: rename('power'), sqrt: rename('sqrt'), abs: rename('abs'), ceil: rename('ceil'), floor: rename('floor'), sign: rename('sign'),
  exp: rename('exp'), ln: rename('ln'),
  log: (a, f) => call('log', a.map((x) => cast(x, numeric(f.span), f.span)), f.span),
  bitand: (a, f) => bin('&', cast(a[0]!, dataType('bigint', f.span), f.span), cast(a[1]!, dataType('bigint', f.span), f.span), f.span),
  greatest: greatest('greatest'),
  least: greatest('least'),
  listagg,
  regexp_like: (a, f) => ({ kind: 'Like', op: 'regexp', not: false, expr: a[0]!, pattern: a[1]!, ...(literalValue(a[2], 'string')?.includes('i') ? { caseInsensitive: true } : {}), span: f.span }),
  regexp_replace: (a, f) => call('regexp_replace', a.length === 3 ? [...a, str('g', f.span)] : a, f.span),
  regexp_substr: rename('regexp_substr'),
  regexp_instr: rename('regexp_instr'),
  regexp_count: rename('regexp_count'),
  extract: (a, f) => ({ ...f, args: a }),
  count: (a, f) => ({ ...f, args: a }), sum: (a, f) => ({ ...f, args: a }), avg: (a, f) => ({ ...f, args: a }), min: (a, f) => ({ ...f, args: a }), max: (a, f) => ({ ...f, args: a }),
  stddev: rename('stddev'), variance: rename('variance'), median: (a, f) => ({ ...f, name: { name: 'percentile_cont' }, args: [num(0.5, f.span)], orderBy: [{ expr: a[0]! }] }),
  row_number: (a, f) => ({ ...f, args: a }), rank: (a, f) => ({ ...f, args: a }), dense_rank: (a, f) => ({ ...f, args: a }), lag: (a, f) => ({ ...f, args: a }), lead: (a, f) => ({ ...f, args: a }),
  first_value: (a, f) => ({ ...f, args: a }), last_value: (a, f) => ({ ...f, args: a }), ntile: (a, f) => ({ ...f, args: a }), cume_dist: (a, f) => ({ ...f, args: a }), percent_rank: (a, f) => ({ ...f, args: a }),
  ratio_to_report: (a, f) => bin('/', cast(a[0]!, numeric(f.span), f.span), { ...f, name: { name: 'sum' }, args: [a[0]!] }, f.span),
  numtodsinterval: numToInterval,
  numtoyminterval: numToInterval,
};

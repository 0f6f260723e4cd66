import type { Expr, FunctionCall, SourceSpan } from '../../model/index.js';
import { bin, call, cast, dataType, literalValue, nul, num, str } from '../common/nodes.js';
import { translateDateMask } from '../oracle-postgres/format-mask.js';
import { kindOf } from './typeof.js';
import { templ, translateTemplate } from '../postgres-mysql/datetime.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';

export type FunctionRule = (args: Expr[], f: FunctionCall, ctx: OmContext) => Expr;

const rename = (name: string): FunctionRule => (a, f) => ({ ...f, name: { name }, args: a });
const same: FunctionRule = (a, f) => ({ ...f, name: { name: f.name.name.toLowerCase() }, args: a });
/** Oracle has no empty string: a MySQL function returning '' returns NULL in Oracle. */
const noEmpty = (e: Expr, span: SourceSpan): Expr => call('NULLIF', [e, str('', span)], span);

/** Oracle datetime mask → MySQL DATE_FORMAT/STR_TO_DATE format (via the PostgreSQL template form). */
export function mysqlMask(mask: string, ctx: OmContext, span: SourceSpan): { format: string; upper: boolean } {
  const pg = translateDateMask(mask.replace(/\bFF\d?\b/gi, 'FF'));
  const my = translateTemplate(pg.mask);
  const bad = [...pg.unsupported, ...my.unsupported];
  if (bad.length) ctx.reportOnce(OM.formatMask, span, `Format element(s) ${[...new Set(bad)].join(', ')} of '${mask}' have no MySQL equivalent and were dropped`);
  if (/(^|[^A-Za-z])(MONTH|DAY)([^A-Za-z]|$)/.test(mask.replace(/"[^"]*"/g, '')) && !/FM/i.test(mask)) {
    ctx.reportOnce(OM.formatMask, span, `MONTH/DAY in '${mask}': Oracle pads names to a fixed width, MySQL does not`);
  }
  if (pg.approximate.some((x) => x.startsWith('RR'))) ctx.reportOnce(OM.formatMask, span, `RR in '${mask}' became a two-digit year (%y: 70–99 → 19xx), not Oracle's RR century rule`);
  // Upper-case name elements (MON, DY, DAY, MONTH) print upper case in Oracle.
  const upper = /(MON|DY|DAY)/.test(mask.replace(/"[^"]*"/g, '')) && !/(Mon|Dy|Day|mon|dy|day)/.test(mask.replace(/"[^"]*"/g, ''));
  return { format: my.format, upper };
}

const toChar: FunctionRule = (a, f, ctx) => {
  const x = a[0]!;
  const k = kindOf(x, ctx);
  const m = literalValue(a[1], 'string');
  if (k === 'datetime' || (m !== undefined && /HH|MI|YY|DD|MON|DY/i.test(m) && k !== 'number')) {
    if (m === undefined) {
      if (a[1]) { ctx.reportOnce(OM.formatMask, f.span, 'TO_CHAR with a mask that is not a literal was kept as is'); return { ...f, args: a }; }
      return call('DATE_FORMAT', [x, str('%d-%b-%y', f.span)], f.span);
    }
    const r = mysqlMask(m, ctx, f.span);
    const out = call('DATE_FORMAT', [x, str(r.format, f.span)], f.span);
    return r.upper ? call('UPPER', [out], f.span) : out;
  }
  if (a.length === 1) return cast(x, dataType('char', f.span, { sourceText: 'CHAR' }), f.span);
  if (m !== undefined && /^FM?[9,0.]*$/i.test(m)) {
    const dot = m.indexOf('.');
    const decimals = dot < 0 ? 0 : m.length - dot - 1;
    ctx.reportOnce(OM.formatMask, f.span, `Number mask '${m}' became FORMAT/ROUND: Oracle pads with a sign position and # when the value does not fit`);
    return m.includes(',') ? call('FORMAT', [x, num(decimals, f.span)], f.span) : cast(call('ROUND', [x, num(decimals, f.span)], f.span), dataType('char', f.span, { sourceText: 'CHAR' }), f.span);
  }
  ctx.reportOnce(OM.formatMask, f.span, `TO_CHAR number mask ${m ?? '(not a literal)'} has no MySQL equivalent; CAST AS CHAR was used`);
  return cast(x, dataType('char', f.span, { sourceText: 'CHAR' }), f.span);
};

const toDate: FunctionRule = (a, f, ctx) => {
  const m = literalValue(a[1], 'string');
  if (a.length === 1) return cast(a[0]!, dataType('datetime', f.span), f.span);
  if (m === undefined) { ctx.reportOnce(OM.formatMask, f.span, 'TO_DATE with a mask that is not a literal was kept as is'); return { ...f, args: a }; }
  let value = a[0]!;
  if (/FF/i.test(m)) {
    // STR_TO_DATE's %f reads at most 6 digits; Oracle keeps nanoseconds and rounds them into TIMESTAMP(6).
    const lit = literalValue(value, 'string');
    if (lit !== undefined) {
      const fixed = lit.replace(/([.,])(\d{7,9})(?!\d)/, (_x, sep: string, digits: string) => {
        const r = Math.round(Number(`0.${digits}`) * 1e6);
        return `${sep}${String(r >= 1e6 ? 999999 : r).padStart(6, '0')}`;
      });
      if (fixed !== lit) { ctx.reportOnce(OM.fractionTooLong, f.span, 'Fractional seconds beyond microseconds in TO_TIMESTAMP literals were rounded to 6 digits (MySQL keeps microseconds)'); value = str(fixed, value.span); }
    } else ctx.reportOnce(OM.formatMask, f.span, `FF in '${m}': MySQL reads at most 6 fractional digits; longer input fails`);
  }
  return call('STR_TO_DATE', [value, str(mysqlMask(m, ctx, f.span).format, f.span)], f.span);
};

/** TRUNC/ROUND: dates by unit, numbers by digits. */
const truncRound = (which: 'trunc' | 'round'): FunctionRule => (a, f, ctx) => {
  const x = a[0]!;
  const k = kindOf(x, ctx);
  const unit = literalValue(a[1], 'string')?.toUpperCase();
  if (k === 'datetime' || unit !== undefined) {
    ctx.reportOnce(OM.truncDate, f.span);
    const u = unit ?? 'DD';
    if (which === 'round') {
      if (u === 'DD' || u === 'DDD' || u === 'J') return templ('CAST(DATE(DATE_ADD(?, INTERVAL 12 HOUR)) AS DATETIME)', [x], f.span);
      ctx.reportOnce(OM.truncDate, f.span, `ROUND(date, '${u}') has no MySQL form; kept as TRUNC to the day`);
      return templ('CAST(DATE(?) AS DATETIME)', [x], f.span);
    }
    switch (u) {
      case 'DD': case 'DDD': case 'J': return templ('CAST(DATE(?) AS DATETIME)', [x], f.span);
      case 'MM': case 'MON': case 'MONTH': return templ("CAST(DATE_FORMAT(?, '%Y-%m-01') AS DATETIME)", [x], f.span);
      case 'YYYY': case 'YEAR': case 'YY': case 'Y': return templ("CAST(DATE_FORMAT(?, '%Y-01-01') AS DATETIME)", [x], f.span);
      case 'HH': case 'HH24': return templ("CAST(DATE_FORMAT(?, '%Y-%m-%d %H:00:00') AS DATETIME)", [x], f.span);
      case 'MI': return templ("CAST(DATE_FORMAT(?, '%Y-%m-%d %H:%i:00') AS DATETIME)", [x], f.span);
      case 'Q': return templ("CAST(MAKEDATE(YEAR(?), 1) + INTERVAL (QUARTER(?) - 1) QUARTER AS DATETIME)", [x, x], f.span);
      case 'IW': return templ('CAST(DATE_SUB(DATE(?), INTERVAL WEEKDAY(?) DAY) AS DATETIME)', [x, x], f.span);
      default:
        ctx.reportOnce(OM.truncDate, f.span, `TRUNC(date, '${u}') has no MySQL form; truncated to the day`);
        return templ('CAST(DATE(?) AS DATETIME)', [x], f.span);
    }
  }
  if (k === 'unknown') ctx.reportOnce(OM.typeUnknown, f.span, `${which.toUpperCase()} argument type unknown (date or number); the numeric form was used`);
  if (which === 'trunc') return call('TRUNCATE', [x, a[1] ?? num(0, f.span)], f.span);
  return call('ROUND', [x, a[1] ?? num(0, f.span)], f.span);
};

/** DECODE(x, s1, r1, …, d) → CASE WHEN x <=> s1 THEN r1 … ELSE d END (NULL matches NULL). */
const decode: FunctionRule = (a, f, ctx) => {
  ctx.reportOnce(OM.decode, f.span);
  const [x, ...rest] = a;
  const whens: { when: Expr; then: Expr }[] = [];
  let i = 0;
  for (; i + 1 < rest.length; i += 2) whens.push({ when: bin('<=>', x!, rest[i]!, f.span), then: rest[i + 1]! });
  return { kind: 'Case', whens, ...(i < rest.length ? { else: rest[i]! } : {}), span: f.span };
};

const substr: FunctionRule = (a, f) => {
  const p = a[1]!;
  // Oracle reads position 0 as 1; MySQL returns ''.
  const pos = p.kind === 'Literal' ? (p.value === '0' ? num(1, p.span) : p) : templ('IF(? = 0, 1, ?)', [p, p], p.span);
  return noEmpty(call('SUBSTRING', [a[0]!, pos, ...(a[2] ? [a[2]] : [])], f.span), f.span);
};

const instr: FunctionRule = (a, f, ctx) => {
  if (a.length === 2) return call('INSTR', a, f.span);
  const pos = literalValue(a[2], 'number');
  if (a.length === 3 && pos !== undefined && Number(pos) > 0) return call('LOCATE', [a[1]!, a[0]!, a[2]!], f.span);
  ctx.reportOnce(OM.unknownFunction, f.span, 'INSTR with a negative/non-literal start or an occurrence argument has no MySQL equivalent; kept as is');
  return { ...f, args: a };
};


/** ADD_MONTHS keeps month ends at month ends (Oracle); MySQL DATE_ADD only clamps. */
const addMonths: FunctionRule = (a, f) => {
  const [d, n] = [a[0]!, a[1]!];
  return templ('IF(DATE(?) = LAST_DAY(?), TIMESTAMP(LAST_DAY(DATE_ADD(?, INTERVAL ? MONTH)), TIME(?)), DATE_ADD(?, INTERVAL ? MONTH))', [d, d, d, n, d, d, n], f.span);
};

/** MONTHS_BETWEEN: whole months when both days are equal or both month ends, else fraction over 31-day months. */
const monthsBetween: FunctionRule = (a, f) => {
  const [x, y] = [a[0]!, a[1]!];
  return templ('IF(DAY(?) = DAY(?) OR (DATE(?) = LAST_DAY(?) AND DATE(?) = LAST_DAY(?)), (YEAR(?) - YEAR(?)) * 12 + MONTH(?) - MONTH(?), (YEAR(?) - YEAR(?)) * 12 + MONTH(?) - MONTH(?) + (DAY(?) - DAY(?)) / 31 + (TIME_TO_SEC(?) - TIME_TO_SEC(?)) / 2678400)',
    [x, y, x, x, y, y, x, y, x, y, x, y, x, y, x, y, x, y], f.span);
};

const listagg: FunctionRule = (a, f, ctx) => {
  ctx.reportOnce(OM.listagg, f.span);
  const g: FunctionCall = { kind: 'FunctionCall', name: { name: 'GROUP_CONCAT' }, args: [a[0]!], separator: a[1] ?? str('', f.span), span: f.span, ...(f.orderBy?.length ? { orderBy: f.orderBy } : {}), ...(f.distinct ? { distinct: true } : {}) };
  return g;
};

const greatest = (name: string): FunctionRule => (a, f) => ({ ...f, name: { name }, args: a });

const trimSet = (name: 'LTRIM' | 'RTRIM', side: string): FunctionRule => (a, f, ctx) => {
  if (a.length === 1) return noEmpty(call(name, a, f.span), f.span);
  const set = literalValue(a[1], 'string');
  if (set !== undefined && [...set].length === 1) return noEmpty({ kind: 'FunctionCall', name: { name: 'TRIM' }, args: [a[1]!, a[0]!], keywordForm: { keyword: 'FROM', leading: side }, span: f.span }, f.span);
  ctx.reportOnce(OM.unknownFunction, f.span, `${name}(s, set) with a set of several characters has no MySQL equivalent; kept as is`);
  return { ...f, args: a };
};

const pad = (name: 'LPAD' | 'RPAD'): FunctionRule => (a, f) => call(name, [a[0]!, a[1]!, a[2] ?? str(' ', f.span)], f.span);

/** One line per Oracle function. Names are looked up in lower case. */
export const FUNCTIONS: Record<string, FunctionRule> = {
  nvl: rename('IFNULL'),
  nvl2: (a, f) => templ('IF(? IS NOT NULL, ?, ?)', [a[0]!, a[1]!, a[2] ?? nul(f.span)], f.span),
  decode,
  coalesce: same, nullif: same,
  sysdate: (_a, f, ctx) => { ctx.reportOnce(OM.sysdate, f.span); return call('SYSDATE', [], f.span); },
  systimestamp: (_a, f, ctx) => { ctx.reportOnce(OM.sysdate, f.span); return call('SYSDATE', [num(6, f.span)], f.span); },
  current_date: (_a, f) => call('NOW', [], f.span),
  current_timestamp: (_a, f) => call('NOW', [num(6, f.span)], f.span),
  localtimestamp: (_a, f) => call('NOW', [num(6, f.span)], f.span),
  user: (_a, f) => call('UPPER', [call('SUBSTRING_INDEX', [call('USER', [], f.span), str('@', f.span), num(1, f.span)], f.span)], f.span),
  sys_guid: (_a, f) => templ("UNHEX(REPLACE(UUID(), '-', ''))", [], f.span),
  to_char: toChar,
  to_date: toDate,
  to_timestamp: toDate,
  to_number: (a, f, ctx) => {
    if (a.length > 1) ctx.reportOnce(OM.formatMask, f.span, 'TO_NUMBER with a mask: the mask was ignored');
    return cast(a[0]!, dataType('decimal', f.span, { precision: 65, scale: 30 }), f.span);
  },
  trunc: truncRound('trunc'),
  round: truncRound('round'),
  add_months: addMonths,
  months_between: monthsBetween,
  last_day: (a, f) => templ('TIMESTAMP(LAST_DAY(?), TIME(?))', [a[0]!, a[0]!], f.span),
  next_day: (a, f, ctx) => { ctx.reportOnce(OM.unknownFunction, f.span, 'NEXT_DAY has no MySQL equivalent; kept as is'); return { ...f, args: a }; },
  substr, substrb: substr,
  instr,
  length: rename('CHAR_LENGTH'),
  lengthb: rename('LENGTH'),
  upper: same, lower: same,
  lpad: pad('LPAD'), rpad: pad('RPAD'),
  ltrim: trimSet('LTRIM', 'LEADING'), rtrim: trimSet('RTRIM', 'TRAILING'),
  trim: (a, f) => noEmpty({ ...f, args: a }, f.span),
  replace: (a, f) => noEmpty(call('REPLACE', [a[0]!, a[1]!, a[2] ? call('IFNULL', [a[2], str('', f.span)], f.span) : str('', f.span)], f.span), f.span),
  // CONVERT makes the result's collation implicit: CHAR(n USING …) alone is coercible like a literal and clashes with it.
  chr: (a, f) => templ('CONVERT(CHAR(? USING utf8mb4) USING utf8mb4)', [a[0]!], f.span),
  ascii: same,
  mod: same, power: rename('POWER'), sqrt: same, abs: same, ceil: same, floor: same, sign: same, exp: same, ln: same,
  log: (a, f) => call('LOG', a, f.span),
  bitand: (a, f) => bin('&', a[0]!, a[1]!, f.span),
  greatest: greatest('GREATEST'), least: greatest('LEAST'),
  listagg,
  regexp_like: (a, f) => ({ kind: 'Like', op: 'regexp', not: false, expr: a[0]!, pattern: a[1]!, span: f.span }),
  regexp_replace: (a, f) => call('REGEXP_REPLACE', a.slice(0, 3), f.span),
  regexp_substr: (a, f) => call('REGEXP_SUBSTR', a.slice(0, 2), f.span),
  regexp_instr: (a, f) => call('REGEXP_INSTR', a.slice(0, 2), f.span),
  extract: same,
  count: same, sum: same, avg: same, min: same, max: same,
  stddev: rename('STDDEV_SAMP'), variance: rename('VAR_SAMP'),
  row_number: same, rank: same, dense_rank: same, lag: same, lead: same, first_value: same, last_value: same, ntile: same, cume_dist: same, percent_rank: same,
  concat: (a, f) => noEmpty(call('CONCAT_WS', [str('', f.span), ...a], f.span), f.span),
};

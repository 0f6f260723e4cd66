import type { Expr, SourceSpan } from '../../model/index.js';
import { call, str } from '../common/index.js';
import { TEMPLATE_FUNCTION } from '../../generators/mysql/index.js';

/** PostgreSQL to_char/to_date template patterns → MySQL DATE_FORMAT/STR_TO_DATE specifiers, longest first. */
const TEMPLATE: [string, string][] = [
  ['FMHH24', '%k'], ['FMHH12', '%l'], ['FMMonth', '%M'], ['FMmonth', '%M'], ['FMDay', '%W'], ['FMday', '%W'],
  ['FMDD', '%e'], ['FMMM', '%c'], ['FMHH', '%l'],
  ['HH24', '%H'], ['HH12', '%h'], ['YYYY', '%Y'], ['Month', '%M'], ['MONTH', '%M'], ['month', '%M'],
  ['Day', '%W'], ['DAY', '%W'], ['day', '%W'], ['DDD', '%j'],
  ['Mon', '%b'], ['MON', '%b'], ['mon', '%b'], ['Dy', '%a'], ['DY', '%a'], ['dy', '%a'],
  ['YY', '%y'], ['MM', '%m'], ['DD', '%d'], ['HH', '%h'], ['MI', '%i'], ['SS', '%s'], ['US', '%f'],
  ['AM', '%p'], ['PM', '%p'], ['am', '%p'], ['pm', '%p'], ['A.M.', '%p'], ['P.M.', '%p'],
];

/** Returns the MySQL format, or the patterns it could not translate. */
export function translateTemplate(fmt: string): { format: string; unsupported: string[] } {
  let out = '';
  const unsupported: string[] = [];
  let i = 0;
  outer: while (i < fmt.length) {
    if (fmt[i] === '"') {
      const end = fmt.indexOf('"', i + 1);
      const lit = fmt.slice(i + 1, end < 0 ? fmt.length : end);
      out += lit.replace(/%/g, '%%');
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    for (const [pg, my] of TEMPLATE) {
      if (fmt.startsWith(pg, i)) { out += my; i += pg.length; continue outer; }
    }
    const m = /^(FM|TZ|tz|MS|Q|WW|IW|IYYY|J|CC|D|W|OF|TM)/.exec(fmt.slice(i));
    if (m) { unsupported.push(m[1]!); i += m[1]!.length; continue; }
    out += fmt[i] === '%' ? '%%' : fmt[i];
    i += 1;
  }
  return { format: out, unsupported };
}

const UNITS: Record<string, string> = {
  microsecond: 'MICROSECOND', microseconds: 'MICROSECOND', us: 'MICROSECOND',
  millisecond: 'MICROSECOND', milliseconds: 'MICROSECOND', ms: 'MICROSECOND',
  second: 'SECOND', seconds: 'SECOND', sec: 'SECOND', secs: 'SECOND', s: 'SECOND',
  minute: 'MINUTE', minutes: 'MINUTE', min: 'MINUTE', mins: 'MINUTE', m: 'MINUTE',
  hour: 'HOUR', hours: 'HOUR', h: 'HOUR', hr: 'HOUR', hrs: 'HOUR',
  day: 'DAY', days: 'DAY', d: 'DAY', week: 'WEEK', weeks: 'WEEK', w: 'WEEK',
  month: 'MONTH', months: 'MONTH', mon: 'MONTH', mons: 'MONTH',
  year: 'YEAR', years: 'YEAR', y: 'YEAR', yr: 'YEAR', yrs: 'YEAR', quarter: 'QUARTER',
  decade: 'YEAR', century: 'YEAR', millennium: 'YEAR',
};
const FACTOR: Record<string, number> = { millisecond: 1000, milliseconds: 1000, ms: 1000, decade: 10, century: 100, millennium: 1000 };

/** '1 day 2 hours' → [{value:'1',unit:'DAY'},{value:'2',unit:'HOUR'}]; undefined when not of that shape. */
export function parseInterval(text: string): { value: string; unit: string }[] | undefined {
  const parts: { value: string; unit: string }[] = [];
  const hms = /^\s*(-?)(\d+):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*$/;
  let rest = text.trim().replace(/^@\s*/, '');
  const re = /^(-?\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*/;
  while (rest.length) {
    const m = re.exec(rest);
    if (m) {
      const u = m[2]!.toLowerCase();
      const unit = UNITS[u];
      if (!unit) return undefined;
      const v = Number(m[1]) * (FACTOR[u] ?? 1);
      parts.push({ value: String(v), unit });
      rest = rest.slice(m[0].length);
      continue;
    }
    const t = hms.exec(rest);
    if (t) {
      const sign = t[1] ? '-' : '';
      parts.push({ value: `${sign}${t[2]}`, unit: 'HOUR' }, { value: `${sign}${t[3]}`, unit: 'MINUTE' });
      if (t[4]) parts.push({ value: `${sign}${t[4]}`, unit: 'SECOND' });
      break;
    }
    return undefined;
  }
  return parts.length ? parts : undefined;
}

/** date_trunc('field', x) */
export function dateTrunc(field: string, x: Expr, span: SourceSpan): Expr | undefined {
  const fmt: Record<string, string> = {
    year: '%Y-01-01 00:00:00', month: '%Y-%m-01 00:00:00', day: '%Y-%m-%d 00:00:00',
    hour: '%Y-%m-%d %H:00:00', minute: '%Y-%m-%d %H:%i:00', second: '%Y-%m-%d %H:%i:%s',
  };
  const f = field.toLowerCase();
  if (fmt[f]) return templ(`CAST(DATE_FORMAT(?, ${quote(fmt[f]!)}) AS DATETIME)`, [x], span);
  if (f === 'week') return templ('CAST(DATE_SUB(DATE(?), INTERVAL WEEKDAY(?) DAY) AS DATETIME)', [x, x], span);
  if (f === 'quarter') return templ('CAST(MAKEDATE(YEAR(?), 1) + INTERVAL (QUARTER(?) - 1) QUARTER AS DATETIME)', [x, x], span);
  return undefined;
}

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** MySQL text with `?` holes filled by expressions (see TEMPLATE_FUNCTION in the generator). */
export function templ(text: string, args: Expr[], span: SourceSpan): Expr {
  return { kind: 'FunctionCall', name: { name: TEMPLATE_FUNCTION }, args: [str(text, span), ...args], span };
}

/** EXTRACT / date_part field → MySQL expression. */
export function extractField(field: string, x: Expr, span: SourceSpan): { expr: Expr; approx?: string } | undefined {
  const f = field.toLowerCase();
  const simple: Record<string, string> = { year: 'YEAR', month: 'MONTH', day: 'DAY', hour: 'HOUR', minute: 'MINUTE', quarter: 'QUARTER', microseconds: 'MICROSECOND' };
  if (simple[f]) return { expr: templ(`EXTRACT(${simple[f]} FROM ?)`, [x], span) };
  switch (f) {
    case 'second': return { expr: templ('(SECOND(?) + MICROSECOND(?) / 1000000)', [x, x], span) };
    case 'dow': return { expr: templ('(DAYOFWEEK(?) - 1)', [x], span) };
    case 'isodow': return { expr: templ('(WEEKDAY(?) + 1)', [x], span) };
    case 'doy': return { expr: call('DAYOFYEAR', [x], span) };
    case 'week': return { expr: templ('WEEK(?, 3)', [x], span) };
    case 'epoch': return { expr: call('UNIX_TIMESTAMP', [x], span), approx: 'epoch of a DATETIME is computed in the session time zone' };
    case 'milliseconds': return { expr: templ('(SECOND(?) * 1000 + MICROSECOND(?) / 1000)', [x, x], span) };
    case 'decade': return { expr: templ('FLOOR(YEAR(?) / 10)', [x], span) };
    case 'century': return { expr: templ('CEIL(YEAR(?) / 100)', [x], span) };
    default: return undefined;
  }
}


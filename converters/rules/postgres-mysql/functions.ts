import type { DiagnosticDef, Expr, FunctionCall } from '../../model/index.js';
import { call, literalValue, num, str } from '../common/index.js';
import { PM } from './codes.js';
import type { RuleContext } from './context.js';
import { dateTrunc, extractField, templ, translateTemplate } from './datetime.js';
import { nextvalFunction } from './sequences.js';
import { isSecondsValue } from './intervals.js';

/** A mapping: a MySQL function name (same arguments), or a builder; `note` adds a finding. */
type Builder = (f: FunctionCall, ctx: RuleContext) => Expr | undefined;
type Mapping = string | Builder | { to: string | Builder; note: DiagnosticDef; why?: string };

const rename = (to: string): Builder => (f) => ({ ...f, name: { name: to } });
const tpl = (text: string, order?: number[]): Builder => (f) => templ(text, order ? order.map((i) => f.args[i]!) : f.args, f.span);
const none = (why: string): Mapping => ({ to: () => undefined, note: PM.functionNone, why });

function extract(f: FunctionCall, ctx: RuleContext): Expr | undefined {
  // extract(field FROM x) arrives as keywordForm with the field leading; date_part('field', x) as two args.
  const field = f.keywordForm?.leading ?? (f.args.length === 2 ? literalValue(f.args[0], 'string') ?? (f.args[0]?.kind === 'ColumnRef' ? f.args[0].parts[0] : undefined) : undefined);
  const x = f.args[f.args.length - 1];
  if (!field || !x) return undefined;
  // An interval already computed as seconds (ts - ts): its epoch is the number itself.
  if (isSecondsValue(x)) return /^epoch$/i.test(field) ? x : undefined;
  const r = extractField(field, x, f.span);
  if (r?.approx) ctx.report(PM.functionApprox, f.span, `${f.name.name}(${field}): ${r.approx}`);
  return r?.expr;
}

function toChar(f: FunctionCall, ctx: RuleContext): Expr | undefined {
  const fmt = literalValue(f.args[1], 'string');
  if (fmt === undefined || !f.args[0]) return undefined;
  if (/^[90.,DGSLMIPR\s$FM]+$/.test(fmt) && /[90]/.test(fmt)) {
    const decimals = (fmt.split(/[.D]/)[1] ?? '').replace(/[^90]/g, '').length;
    ctx.report(PM.functionApprox, f.span, `to_char number format '${fmt}' became FORMAT(x, ${decimals}) (thousands separators and padding differ)`);
    return /[,G]/.test(fmt) ? call('FORMAT', [f.args[0], num(decimals, f.span)], f.span) : templ(`CAST(ROUND(?, ${decimals}) AS CHAR)`, [f.args[0]], f.span);
  }
  const t = translateTemplate(fmt);
  if (t.unsupported.length) ctx.report(PM.functionApprox, f.span, `to_char patterns ${t.unsupported.join(', ')} have no DATE_FORMAT equivalent and were dropped`);
  if (/(^|[^M])(Month|Day|MONTH|DAY)/.test(fmt)) ctx.report(PM.functionApprox, f.span, `to_char Month/Day are blank-padded to 9 characters in PostgreSQL, not in MySQL (use FM to match)`);
  return call('DATE_FORMAT', [f.args[0], str(t.format, f.span)], f.span);
}

function strToDate(f: FunctionCall, ctx: RuleContext): Expr | undefined {
  if (f.args.length === 1 && f.name.name.toLowerCase() === 'to_timestamp') return call('FROM_UNIXTIME', f.args, f.span);
  const fmt = literalValue(f.args[1], 'string');
  if (fmt === undefined || !f.args[0]) return undefined;
  const t = translateTemplate(fmt);
  if (t.unsupported.length) ctx.report(PM.functionApprox, f.span, `${f.name.name} patterns ${t.unsupported.join(', ')} were dropped`);
  return call('STR_TO_DATE', [f.args[0], str(t.format, f.span)], f.span);
}

function stringAgg(f: FunctionCall, ctx: RuleContext): Expr {
  ctx.report(PM.groupConcat, f.span);
  return { kind: 'FunctionCall', name: { name: 'GROUP_CONCAT' }, args: f.args.slice(0, 1), distinct: f.distinct, orderBy: f.orderBy, separator: f.args[1] ?? str(',', f.span), span: f.span };
}

function sequenceCall(f: FunctionCall, ctx: RuleContext): Expr | undefined {
  const arg = f.args[0]?.kind === 'Cast' ? f.args[0].expr : f.args[0];
  const name = literalValue(arg, 'string');
  if (name === undefined) return undefined;
  if (ctx.flavor === 'mysql') {
    const parts = name.split('.').map((p) => p.replace(/"/g, ''));
    const q = parts.length > 1 ? { schema: parts[0]!, name: parts[1]! } : { name: parts[0]! };
    return /^nextval$/i.test(f.name.name) ? { kind: 'FunctionCall', name: nextvalFunction(q, ctx), args: [], span: f.span } : undefined;
  }
  const seq = name.split('.').map((p) => '`' + p.replace(/"/g, '').replace(/`/g, '``') + '`').filter((_, i, a) => !(a.length === 2 && i === 0 && /public/.test(a[0]!))).join('.');
  switch (f.name.name.toLowerCase()) {
    case 'nextval': return { kind: 'Raw', text: `NEXTVAL(${seq})`, span: f.span };
    case 'currval': return { kind: 'Raw', text: `LASTVAL(${seq})`, span: f.span };
    case 'setval': return f.args[1] ? templ(`SETVAL(${seq}, ?)`, [f.args[1]], f.span) : undefined;
    default: return undefined;
  }
}

/** PostgreSQL function (lower case) → MySQL. Adding a mapping is one line. */
export const FUNCTIONS: Record<string, Mapping> = {
  // comparison / null handling
  coalesce: 'COALESCE', nullif: 'NULLIF', greatest: 'GREATEST', least: 'LEAST',
  // date and time
  now: tpl('NOW(6)'), current_timestamp: tpl('NOW(6)'), transaction_timestamp: tpl('NOW(6)'), statement_timestamp: tpl('NOW(6)'),
  localtimestamp: tpl('NOW(6)'), clock_timestamp: tpl('SYSDATE(6)'), current_date: tpl('CURDATE()'), current_time: tpl('CURTIME(6)'), localtime: tpl('CURTIME(6)'),
  timeofday: { to: tpl('CAST(SYSDATE(6) AS CHAR)'), note: PM.functionApprox, why: 'timeofday() text format differs' },
  date_trunc: (f) => { const u = literalValue(f.args[0], 'string'); return u && f.args[1] ? dateTrunc(u, f.args[1], f.span) : undefined; },
  extract, date_part: extract,
  to_char: toChar, to_date: strToDate, to_timestamp: strToDate,
  age: none('age() returns an interval; use TIMESTAMPDIFF(unit, a, b)'),
  make_date: tpl('STR_TO_DATE(CONCAT_WS(\'-\', ?, ?, ?), \'%Y-%m-%d\')'),
  isfinite: tpl('(? IS NOT NULL)'),
  // numbers
  abs: 'ABS', ceil: 'CEIL', ceiling: 'CEILING', floor: 'FLOOR', round: 'ROUND', sqrt: 'SQRT', exp: 'EXP', ln: 'LN', sign: 'SIGN', pi: 'PI',
  power: 'POWER', pow: 'POWER', mod: 'MOD', degrees: 'DEGREES', radians: 'RADIANS', sin: 'SIN', cos: 'COS', tan: 'TAN', atan: 'ATAN', atan2: 'ATAN2', asin: 'ASIN', acos: 'ACOS',
  log: (f) => (f.args.length === 1 ? call('LOG10', f.args, f.span) : call('LOG', f.args, f.span)),
  log10: 'LOG10', cbrt: tpl('POWER(?, 1/3)'), div: tpl('(? DIV ?)'),
  trunc: (f) => call('TRUNCATE', [f.args[0]!, f.args[1] ?? num(0, f.span)], f.span),
  random: tpl('RAND()'), setseed: none('setseed(); seed RAND(n) instead'),
  to_number: { to: tpl('CAST(? AS DECIMAL(65,30))', [0]), note: PM.functionApprox, why: 'to_number format ignored' },
  // strings
  length: 'CHAR_LENGTH', char_length: 'CHAR_LENGTH', character_length: 'CHAR_LENGTH', octet_length: 'LENGTH', bit_length: 'BIT_LENGTH',
  lower: 'LOWER', upper: 'UPPER', concat: 'CONCAT', concat_ws: 'CONCAT_WS', replace: 'REPLACE', reverse: 'REVERSE', repeat: 'REPEAT',
  lpad: 'LPAD', rpad: 'RPAD', left: 'LEFT', right: 'RIGHT', substr: 'SUBSTRING', md5: 'MD5', ascii: 'ASCII', quote_literal: 'QUOTE',
  initcap: none('initcap(); MySQL has no title-case function'),
  strpos: tpl('LOCATE(?, ?)', [1, 0]),
  position: (f) => (f.args.length === 2 ? templ('LOCATE(?, ?)', [f.args[0]!, f.args[1]!], f.span) : undefined),
  substring: (f) => {
    if (f.keywordForm && f.args.length >= 2) return templ(f.args.length === 3 ? 'SUBSTRING(?, ?, ?)' : 'SUBSTRING(?, ?)', f.args, f.span);
    return call('SUBSTRING', f.args, f.span);
  },
  btrim: (f) => (f.args.length === 1 ? call('TRIM', f.args, f.span) : templ('TRIM(BOTH ? FROM ?)', [f.args[1]!, f.args[0]!], f.span)),
  ltrim: (f) => (f.args.length === 1 ? call('LTRIM', f.args, f.span) : templ('TRIM(LEADING ? FROM ?)', [f.args[1]!, f.args[0]!], f.span)),
  rtrim: (f) => (f.args.length === 1 ? call('RTRIM', f.args, f.span) : templ('TRIM(TRAILING ? FROM ?)', [f.args[1]!, f.args[0]!], f.span)),
  trim: (f) => f,
  split_part: { to: tpl('SUBSTRING_INDEX(SUBSTRING_INDEX(?, ?, ?), ?, -1)', [0, 1, 2, 1]), note: PM.functionApprox, why: 'split_part beyond the last field returns the last field, not an empty string' },
  to_hex: tpl('LOWER(HEX(?))'), chr: tpl('CHAR(? USING utf8mb4)'),
  regexp_replace: { to: 'REGEXP_REPLACE', note: PM.functionApprox, why: 'PostgreSQL replaces the first match only unless flag g; MySQL replaces all' },
  format: none('format(); build the text with CONCAT'),
  string_agg: stringAgg,
  // aggregates
  count: 'COUNT', sum: 'SUM', avg: 'AVG', min: 'MIN', max: 'MAX', stddev: 'STDDEV_SAMP', stddev_samp: 'STDDEV_SAMP', stddev_pop: 'STDDEV_POP',
  variance: 'VAR_SAMP', var_samp: 'VAR_SAMP', var_pop: 'VAR_POP', bool_and: 'MIN', bool_or: 'MAX', every: 'MIN', bit_and: 'BIT_AND', bit_or: 'BIT_OR',
  array_agg: { to: (f) => ({ ...f, name: { name: 'JSON_ARRAYAGG' }, orderBy: undefined }), note: PM.arrayAgg },
  json_agg: 'JSON_ARRAYAGG', jsonb_agg: 'JSON_ARRAYAGG', json_object_agg: 'JSON_OBJECTAGG', jsonb_object_agg: 'JSON_OBJECTAGG',
  row_number: 'ROW_NUMBER', rank: 'RANK', dense_rank: 'DENSE_RANK', percent_rank: 'PERCENT_RANK', cume_dist: 'CUME_DIST', ntile: 'NTILE',
  lag: 'LAG', lead: 'LEAD', first_value: 'FIRST_VALUE', last_value: 'LAST_VALUE', nth_value: 'NTH_VALUE',
  // json
  json_build_object: 'JSON_OBJECT', jsonb_build_object: 'JSON_OBJECT', json_build_array: 'JSON_ARRAY', jsonb_build_array: 'JSON_ARRAY',
  json_typeof: { to: 'JSON_TYPE', note: PM.functionApprox, why: 'JSON_TYPE returns upper-case names (OBJECT, ARRAY, INTEGER …)' },
  jsonb_typeof: { to: 'JSON_TYPE', note: PM.functionApprox, why: 'JSON_TYPE returns upper-case names' },
  json_array_length: 'JSON_LENGTH', jsonb_array_length: 'JSON_LENGTH', to_json: none('to_json()'), to_jsonb: none('to_jsonb()'),
  // misc
  uuidv7: { to: 'UUID', note: PM.functionApprox, why: 'UUID() gives version-1 (time-based) UUIDs, not version 7' },
  gen_random_uuid: 'UUID', uuid_generate_v4: 'UUID', pg_sleep: 'SLEEP', version: 'VERSION', current_database: 'DATABASE',
  current_user: 'CURRENT_USER', session_user: 'SESSION_USER', user: 'CURRENT_USER',
  nextval: sequenceCall, currval: sequenceCall, setval: sequenceCall,
  generate_series: { to: () => undefined, note: PM.generateSeries },
  unnest: none('unnest(); use JSON_TABLE over the JSON array'),
  array_length: { to: tpl('JSON_LENGTH(?)', [0]), note: PM.functionApprox, why: 'arrays became JSON' },
  array_to_string: none('array_to_string()'), string_to_array: none('string_to_array()'), array_append: tpl('JSON_ARRAY_APPEND(?, \'$\', ?)'),
  cardinality: tpl('JSON_LENGTH(?)'),
  to_tsvector: { to: () => undefined, note: PM.textSearch, why: 'to_tsvector()' },
  to_tsquery: { to: () => undefined, note: PM.textSearch, why: 'to_tsquery()' },
  plainto_tsquery: { to: () => undefined, note: PM.textSearch, why: 'plainto_tsquery()' },
};

/** Applies the table to one call. User routines of the catalog keep their name. */
export function convertFunction(f: FunctionCall, ctx: RuleContext, isUserRoutine: (name: string) => boolean): Expr {
  const key = f.name.name.toLowerCase();
  if (f.name.name.startsWith('\u0000')) return f;
  if (f.name.schema && !['pg_catalog'].includes(f.name.schema.toLowerCase())) return f;
  if (isUserRoutine(key)) return f;
  const m = FUNCTIONS[key];
  if (m === undefined) {
    ctx.report(PM.functionUnknown, f.span, `Function ${f.name.name}() kept as written; check MySQL has it`);
    return f;
  }
  const to = typeof m === 'object' ? m.to : m;
  if (typeof m === 'object') ctx.report(m.note, f.span, `${f.name.name}()${m.why ? `: ${m.why}` : ''}`);
  const out = typeof to === 'string' ? rename(to)(f, ctx) : to(f, ctx);
  if (out) return out;
  if (typeof m !== 'object' || m.note === PM.functionApprox) ctx.report(PM.functionNone, f.span, `${f.name.name}() could not be converted in this form`);
  return f;
}

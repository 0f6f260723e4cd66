import type { CatalogObject, DataType, Parameter, Routine, SourceSpan, TypeName } from '../../model/index.js';
import { NO_SPAN } from '../../model/index.js';

/** Schema holding our PL/pgSQL versions of Oracle built-ins that PostgreSQL lacks. */
export const EMULATION_SCHEMA = 'dbshift_ora';

interface EmulatedFunction {
  params: [name: string, type: TypeName, defaultSql?: string][];
  returns: TypeName;
  volatility: 'immutable' | 'stable';
  /** One SQL expression over the parameters: the function returns it. */
  expr: string;
  /** Other emulation functions it calls. */
  uses?: string[];
}

// Day-of-week names Oracle accepts in NEXT_DAY (NLS_DATE_LANGUAGE = AMERICAN), by their first three letters.
const DOW = `(strpos('SUNMONTUEWEDTHUFRISAT', upper(left(btrim(day_name), 3))) + 2) / 3 - 1`;

/** Start of the period `fmt` names (Oracle TRUNC(date, fmt) format models); NULL for an unknown model. */
const TRUNC_EXPR = `CASE upper(btrim(fmt))
    WHEN 'CC' THEN make_timestamp(((extract(year FROM d)::int - 1) / 100) * 100 + 1, 1, 1, 0, 0, 0)
    WHEN 'SCC' THEN make_timestamp(((extract(year FROM d)::int - 1) / 100) * 100 + 1, 1, 1, 0, 0, 0)
    WHEN 'SYYYY' THEN date_trunc('year', d) WHEN 'YYYY' THEN date_trunc('year', d) WHEN 'YEAR' THEN date_trunc('year', d)
    WHEN 'SYEAR' THEN date_trunc('year', d) WHEN 'YYY' THEN date_trunc('year', d) WHEN 'YY' THEN date_trunc('year', d) WHEN 'Y' THEN date_trunc('year', d)
    WHEN 'IYYY' THEN date_trunc('week', make_timestamp(extract(isoyear FROM d)::int, 1, 4, 0, 0, 0))
    WHEN 'Q' THEN date_trunc('quarter', d)
    WHEN 'MONTH' THEN date_trunc('month', d) WHEN 'MON' THEN date_trunc('month', d) WHEN 'MM' THEN date_trunc('month', d) WHEN 'RM' THEN date_trunc('month', d)
    WHEN 'WW' THEN date_trunc('day', d) - ((extract(doy FROM d)::int - 1) % 7) * interval '1 day'
    WHEN 'IW' THEN date_trunc('week', d)
    WHEN 'W' THEN date_trunc('day', d) - ((extract(day FROM d)::int - 1) % 7) * interval '1 day'
    WHEN 'DDD' THEN date_trunc('day', d) WHEN 'DD' THEN date_trunc('day', d) WHEN 'J' THEN date_trunc('day', d)
    WHEN 'DAY' THEN date_trunc('day', d) - extract(dow FROM d)::int * interval '1 day'
    WHEN 'DY' THEN date_trunc('day', d) - extract(dow FROM d)::int * interval '1 day'
    WHEN 'D' THEN date_trunc('day', d) - extract(dow FROM d)::int * interval '1 day'
    WHEN 'HH' THEN date_trunc('hour', d) WHEN 'HH12' THEN date_trunc('hour', d) WHEN 'HH24' THEN date_trunc('hour', d)
    WHEN 'MI' THEN date_trunc('minute', d)
  END::timestamp(0)`;

const FUNCTIONS: Record<string, EmulatedFunction> = {
  // Oracle: the last day of a month maps to the last day of the target month; other days clamp like PostgreSQL.
  add_months: {
    params: [['d', 'timestamp'], ['n', 'decimal']], returns: 'timestamp', volatility: 'immutable',
    expr: `CASE WHEN d::date = (date_trunc('month', d) + interval '1 month - 1 day')::date
    THEN date_trunc('month', d) + (trunc(n)::int + 1) * interval '1 month' - interval '1 day' + d::time
    ELSE d + trunc(n)::int * interval '1 month' END`,
  },
  // Whole months when both days are the same day of month or both month ends; else the rest counts in 31-day months.
  months_between: {
    params: [['d1', 'timestamp'], ['d2', 'timestamp']], returns: 'decimal', volatility: 'immutable',
    expr: `CASE WHEN extract(day FROM d1) = extract(day FROM d2)
      OR (d1::date = (date_trunc('month', d1) + interval '1 month - 1 day')::date AND d2::date = (date_trunc('month', d2) + interval '1 month - 1 day')::date)
    THEN ((extract(year FROM d1) - extract(year FROM d2)) * 12 + extract(month FROM d1) - extract(month FROM d2))::numeric
    ELSE ((extract(year FROM d1) - extract(year FROM d2)) * 12 + extract(month FROM d1) - extract(month FROM d2))::numeric
      + ((extract(day FROM d1) - extract(day FROM d2))::numeric + (extract(epoch FROM d1::time) - extract(epoch FROM d2::time))::numeric / 86400) / 31 END`,
  },
  last_day: {
    params: [['d', 'timestamp']], returns: 'timestamp', volatility: 'immutable',
    expr: `date_trunc('month', d) + interval '1 month - 1 day' + d::time`,
  },
  next_day: {
    params: [['d', 'timestamp'], ['day_name', 'text']], returns: 'timestamp', volatility: 'immutable',
    expr: `CASE WHEN ${DOW} < 0 THEN NULL ELSE d + ((${DOW} - extract(dow FROM d)::int + 6) % 7 + 1) * interval '1 day' END`,
  },
  trunc_date: { params: [['d', 'timestamp'], ['fmt', 'text', `'DD'`]], returns: 'timestamp', volatility: 'immutable', expr: TRUNC_EXPR },
  // ROUND(date, fmt): the start of the nearer period (half-way rounds up), for the common format models.
  round_date: {
    params: [['d', 'timestamp'], ['fmt', 'text', `'DD'`]], returns: 'timestamp', volatility: 'immutable',
    expr: `CASE
    WHEN upper(btrim(fmt)) IN ('SYYYY', 'YYYY', 'YEAR', 'SYEAR', 'YYY', 'YY', 'Y') THEN date_trunc('year', d + interval '6 months')
    WHEN upper(btrim(fmt)) = 'Q' THEN date_trunc('quarter', d) + CASE WHEN (extract(month FROM d)::int - 1) % 3 = 2
      OR ((extract(month FROM d)::int - 1) % 3 = 1 AND extract(day FROM d) >= 16) THEN interval '3 months' ELSE interval '0' END
    WHEN upper(btrim(fmt)) IN ('MONTH', 'MON', 'MM', 'RM') THEN date_trunc('month', d) + CASE WHEN extract(day FROM d) >= 16 THEN interval '1 month' ELSE interval '0' END
    WHEN upper(btrim(fmt)) IN ('DDD', 'DD', 'J') THEN date_trunc('day', d + interval '12 hours')
    WHEN upper(btrim(fmt)) IN ('HH', 'HH12', 'HH24') THEN date_trunc('hour', d + interval '30 minutes')
    WHEN upper(btrim(fmt)) = 'MI' THEN date_trunc('minute', d + interval '30 seconds')
    ELSE dbshift_ora.trunc_date(d, fmt) END::timestamp(0)`,
    uses: ['trunc_date'],
  },
  // INSTR(s, sub, pos, occurrence): overlapping matches count; a negative position searches backwards from the end.
  instr: {
    params: [['s', 'text'], ['sub', 'text'], ['pos', 'int', '1'], ['occurrence', 'int', '1']], returns: 'int', volatility: 'immutable',
    expr: `CASE WHEN s IS NULL OR sub IS NULL OR sub = '' OR pos IS NULL OR occurrence IS NULL THEN NULL
    WHEN occurrence < 1 THEN NULL
    WHEN pos > 0 THEN coalesce((SELECT i FROM generate_series(pos, length(s)) AS g(i) WHERE substr(s, i, length(sub)) = sub ORDER BY i OFFSET occurrence - 1 LIMIT 1), 0)
    WHEN pos < 0 THEN coalesce((SELECT i FROM generate_series(length(s) + pos + 1, 1, -1) AS g(i) WHERE substr(s, i, length(sub)) = sub ORDER BY i DESC OFFSET occurrence - 1 LIMIT 1), 0)
    ELSE 0 END`,
  },
  // SQLCODE as Oracle reports it: RAISE_APPLICATION_ERROR numbers travel in DETAIL as 'ORA-nnnnn'.
  sqlcode: {
    params: [['state', 'text'], ['detail', 'text', 'NULL']], returns: 'int', volatility: 'immutable',
    expr: `CASE WHEN detail ~ '^ORA-[0-9]{5}' THEN -substr(detail, 5, 5)::int
    WHEN state = 'P0002' THEN 100 WHEN state = '21000' THEN -1422 WHEN state = 'P0003' THEN -1422 WHEN state = '23505' THEN -1
    WHEN state = '22012' THEN -1476 WHEN state = '23502' THEN -1400 WHEN state = '23503' THEN -2291 WHEN state = '22001' THEN -12899
    WHEN state = '22P02' THEN -1722 WHEN state = '24000' THEN -1001 WHEN state LIKE 'OR%' THEN 1
    WHEN state = '00000' THEN 0 ELSE -20000 END`,
  },
};

export const EMULATED_FUNCTIONS = Object.keys(FUNCTIONS);

function typeOf(name: TypeName, span: SourceSpan): DataType {
  return { kind: 'DataType', name, sourceText: name, span };
}

function routine(name: string, f: EmulatedFunction): Routine {
  const span = NO_SPAN;
  const params: Parameter[] = f.params.map(([n, t, d]) => ({ name: n, mode: 'in', dataType: typeOf(t, span), span, ...(d ? { default: { kind: 'Raw', text: d, span } } : {}) }));
  return {
    kind: 'Routine', routineKind: 'function', name: { schema: EMULATION_SCHEMA, name }, params,
    returns: { kind: 'type', dataType: typeOf(f.returns, span) }, language: 'plpgsql', volatility: f.volatility,
    body: { kind: 'Block', declarations: [], body: [{ kind: 'Return', value: { kind: 'Raw', text: f.expr, span }, span }], exceptionHandlers: [], span },
    span, origin: { type: 'Schema', name: EMULATION_SCHEMA },
  };
}

/** The schema and the functions in `used` (plus what they call), in creation order. */
export function emulationObjects(used: Set<string>): CatalogObject[] {
  if (used.size === 0) return [];
  const all = new Set<string>();
  const add = (n: string): void => {
    if (all.has(n) || !FUNCTIONS[n]) return;
    for (const u of FUNCTIONS[n]!.uses ?? []) add(u);
    all.add(n);
  };
  for (const n of [...used].sort()) add(n);
  const schema: CatalogObject = { kind: 'Schema', name: { name: EMULATION_SCHEMA }, comment: 'dbshift: Oracle built-ins PostgreSQL lacks', span: NO_SPAN, origin: { type: 'Schema', name: EMULATION_SCHEMA } };
  return [schema, ...[...all].map((n) => routine(n, FUNCTIONS[n]!))];
}

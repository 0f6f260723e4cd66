import type { CatalogObject, DataType, Parameter, Routine, Statement, TypeName } from '../../model/index.js';
import { NO_SPAN } from '../../model/index.js';

/** Schema holding our PL/pgSQL versions of SQL Server built-ins PostgreSQL lacks. */
export const EMULATION_SCHEMA = 'dbshift_mssql';

interface EmulatedFunction {
  params: [name: string, type: TypeName][];
  returns: TypeName;
  /** Extra facets of the return type. */
  returnFacets?: Partial<DataType>;
  volatility: 'immutable' | 'stable';
  /** One SQL expression over the parameters: the function returns it. */
  expr: string;
  /** Errors while computing `expr` make the function return NULL (TRY_CAST). */
  nullOnError?: boolean;
}

/**
 * DATEDIFF counts datepart boundaries crossed between a and b, not elapsed units:
 * DATEDIFF(year, '2020-12-31', '2021-01-01') = 1, DATEDIFF(day, '… 23:59', '… 00:01' next day) = 1.
 * Weeks start on Sunday whatever SET DATEFIRST says (documented SQL Server behaviour).
 */
const DATEDIFF = `CASE part
    WHEN 'year' THEN extract(year FROM b)::bigint - extract(year FROM a)::bigint
    WHEN 'quarter' THEN (extract(year FROM b)::bigint * 4 + extract(quarter FROM b)::bigint) - (extract(year FROM a)::bigint * 4 + extract(quarter FROM a)::bigint)
    WHEN 'month' THEN (extract(year FROM b)::bigint * 12 + extract(month FROM b)::bigint) - (extract(year FROM a)::bigint * 12 + extract(month FROM a)::bigint)
    WHEN 'day' THEN (b::date - a::date)::bigint
    WHEN 'week' THEN ((b::date - extract(dow FROM b)::int) - (a::date - extract(dow FROM a)::int))::bigint / 7
    WHEN 'hour' THEN (extract(epoch FROM date_trunc('hour', b) - date_trunc('hour', a)) / 3600)::bigint
    WHEN 'minute' THEN (extract(epoch FROM date_trunc('minute', b) - date_trunc('minute', a)) / 60)::bigint
    WHEN 'second' THEN extract(epoch FROM date_trunc('second', b) - date_trunc('second', a))::bigint
    WHEN 'millisecond' THEN (extract(epoch FROM date_trunc('milliseconds', b) - date_trunc('milliseconds', a)) * 1000)::bigint
    WHEN 'microsecond' THEN (extract(epoch FROM b - a) * 1000000)::bigint
  END`;

const tryCast = (type: TypeName, sql: string): EmulatedFunction => ({ params: [['v', 'text']], returns: type, volatility: 'stable', expr: `v::${sql}`, nullOnError: true });

const FUNCTIONS: Record<string, EmulatedFunction> = {
  datediff: { params: [['part', 'text'], ['a', 'timestamp'], ['b', 'timestamp']], returns: 'bigint', volatility: 'immutable', expr: DATEDIFF },
  try_smallint: tryCast('smallint', 'smallint'),
  try_int: tryCast('int', 'integer'),
  try_bigint: tryCast('bigint', 'bigint'),
  try_numeric: tryCast('decimal', 'numeric'),
  try_real: tryCast('real', 'real'),
  try_double: tryCast('double', 'double precision'),
  try_date: tryCast('date', 'date'),
  try_time: tryCast('time', 'time'),
  try_timestamp: tryCast('timestamp', 'timestamp'),
  try_timestamptz: { ...tryCast('timestamp', 'timestamptz'), returnFacets: { withTimeZone: true } },
  try_uuid: tryCast('uuid', 'uuid'),
  try_bool: tryCast('bool', 'boolean'),
  // ISNUMERIC: 1 when the text reads as a number (SQL Server also accepts currency signs; those give 0 here).
  isnumeric: { params: [['v', 'text']], returns: 'int', volatility: 'immutable', expr: `CASE WHEN v IS NULL THEN 0 WHEN btrim(v) ~ '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eEdD][+-]?[0-9]+)?$' THEN 1 ELSE 0 END` },
};

export const EMULATED_FUNCTIONS = Object.keys(FUNCTIONS);

/** Emulation name of TRY_CAST/TRY_CONVERT to a (target) type; undefined when there is none. */
export function tryCastFunction(t: DataType): string | undefined {
  const by: Partial<Record<TypeName, string>> = {
    smallint: 'try_smallint', int: 'try_int', bigint: 'try_bigint', decimal: 'try_numeric', real: 'try_real', double: 'try_double',
    date: 'try_date', time: 'try_time', timestamp: t.withTimeZone ? 'try_timestamptz' : 'try_timestamp', uuid: 'try_uuid', bool: 'try_bool',
  };
  return by[t.name];
}

function typeOf(name: TypeName, extra: Partial<DataType> = {}): DataType {
  return { kind: 'DataType', name, sourceText: name, span: NO_SPAN, ...extra };
}

function routine(name: string, f: EmulatedFunction): Routine {
  const span = NO_SPAN;
  const params: Parameter[] = f.params.map(([n, t]) => ({ name: n, mode: 'in', dataType: typeOf(t), span }));
  const ret: Statement = { kind: 'Return', value: { kind: 'Raw', text: f.expr, span }, span };
  return {
    kind: 'Routine', routineKind: 'function', name: { schema: EMULATION_SCHEMA, name }, params,
    returns: { kind: 'type', dataType: typeOf(f.returns, f.returnFacets) }, language: 'plpgsql', volatility: f.volatility,
    body: {
      kind: 'Block', declarations: [], body: [ret], span,
      exceptionHandlers: f.nullOnError ? [{ conditions: [{ kind: 'others' }], body: [{ kind: 'Return', value: { kind: 'Literal', type: 'null', value: 'NULL', span }, span }], span }] : [],
    },
    span, origin: { type: 'Schema', name: EMULATION_SCHEMA },
  };
}

/** The schema and the functions in `used`, in creation order. */
export function emulationObjects(used: Set<string>): CatalogObject[] {
  if (used.size === 0) return [];
  const schema: CatalogObject = { kind: 'Schema', name: { name: EMULATION_SCHEMA }, comment: 'dbshift: SQL Server built-ins PostgreSQL lacks', span: NO_SPAN, origin: { type: 'Schema', name: EMULATION_SCHEMA } };
  return [schema, ...[...used].filter((n) => FUNCTIONS[n]).sort().map((n) => routine(n, FUNCTIONS[n]!))];
}

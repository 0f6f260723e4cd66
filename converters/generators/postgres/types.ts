import type { DataType, TypeName } from '../../model/index.js';
import { GP } from './codes.js';
import type { GenContext } from './context.js';
import { qname, qnameInto } from './quote.js';
import type { SqlBuf } from './buf.js';

type TypePrinter = (t: DataType, ctx: GenContext) => string;

const len = (t: DataType): string => (typeof t.length === 'number' ? `(${t.length})` : '');
const fsp = (t: DataType): string => (t.fractionalSeconds !== undefined ? `(${t.fractionalSeconds})` : '');
const numeric = (t: DataType): string =>
  t.precision !== undefined ? `numeric(${t.precision}${t.scale !== undefined ? `, ${t.scale}` : ''})` : 'numeric';

/** For types a rule should have replaced: report, then print the closest safe type. */
const fallback = (pg: string | ((t: DataType) => string)): TypePrinter => (t, ctx) => {
  const out = typeof pg === 'string' ? pg : pg(t);
  ctx.report(GP.typeNotMapped, t.span, `Type ${t.sourceText} has no direct PostgreSQL equivalent; printed as ${out}`);
  return out;
};

const PRINTERS: Record<TypeName, TypePrinter> = {
  bool: () => 'boolean',
  bit: (t) => `bit${len(t)}`,
  varbit: (t) => `varbit${len(t)}`,
  tinyint: fallback('smallint'),
  smallint: () => 'smallint',
  mediumint: fallback('integer'),
  int: () => 'integer',
  bigint: () => 'bigint',
  decimal: numeric,
  real: () => 'real',
  double: () => 'double precision',
  money: () => 'money',
  char: (t) => `char${len(t)}`,
  varchar: (t) => `varchar${len(t)}`,
  nchar: (t) => `char${len(t)}`,
  nvarchar: (t) => `varchar${len(t)}`,
  text: () => 'text',
  clob: () => 'text',
  nclob: () => 'text',
  binary: () => 'bytea',
  varbinary: () => 'bytea',
  blob: () => 'bytea',
  date: () => 'date',
  time: (t) => `time${fsp(t)}${t.withTimeZone ? ' with time zone' : ''}`,
  timestamp: (t) => `timestamp${fsp(t)}${t.withTimeZone ? ' with time zone' : ''}`,
  datetime: (t) => `timestamp${fsp(t)}${t.withTimeZone ? ' with time zone' : ''}`,
  year: fallback('smallint'),
  interval: (t) => `interval${t.intervalFields ? ` ${t.intervalFields}` : ''}${fsp(t)}`,
  json: () => 'json',
  jsonb: () => 'jsonb',
  xml: () => 'xml',
  uuid: () => 'uuid',
  enum: fallback('text'),
  set: fallback('text'),
  geometry: (t) => (t.geometry || t.srid !== undefined
    ? `geometry(${t.geometry ?? 'geometry'}${t.srid !== undefined ? `, ${t.srid}` : ''})` : 'geometry'),
  geography: (t) => (t.geometry || t.srid !== undefined
    ? `geography(${t.geometry ?? 'geometry'}${t.srid !== undefined ? `, ${t.srid}` : ''})` : 'geography'),
  inet: () => 'inet',
  cidr: () => 'cidr',
  macaddr: () => 'macaddr',
  tsvector: () => 'tsvector',
  tsquery: () => 'tsquery',
  rowid: fallback('text'),
  oid: () => 'oid',
  user: (t, ctx) => (t.userType ? qname(t.userType) : fallback('text')(t, ctx)),
  unknown: fallback('text'),
};

export function printType(t: DataType, ctx: GenContext): string {
  const base = PRINTERS[t.name](t, ctx);
  return t.arrayDims ? base + '[]'.repeat(t.arrayDims) : base;
}

/**
 * printType written into a statement buffer: the usual parametrized types piece by piece (no string
 * per column), everything else as printType prints it.
 */
export function typeInto(b: SqlBuf, t: DataType, ctx: GenContext): void {
  if (!t.arrayDims) {
    switch (t.name) {
      case 'varchar': case 'nvarchar': case 'char': case 'nchar':
        if (typeof t.length !== 'number') break;
        b.add(t.name === 'varchar' || t.name === 'nvarchar' ? 'varchar(' : 'char(');
        b.add(`${t.length}`);
        b.add(')');
        return;
      case 'decimal':
        if (t.precision === undefined) break;
        b.add('numeric(');
        b.add(`${t.precision}`);
        if (t.scale !== undefined) { b.add(', '); b.add(`${t.scale}`); }
        b.add(')');
        return;
      case 'timestamp': case 'datetime':
        if (t.fractionalSeconds === undefined) break;
        b.add('timestamp(');
        b.add(`${t.fractionalSeconds}`);
        b.add(t.withTimeZone ? ') with time zone' : ')');
        return;
      case 'user':
        if (!t.userType) break;
        qnameInto(b, t.userType);
        return;
      default:
    }
  }
  b.add(printType(t, ctx));
}

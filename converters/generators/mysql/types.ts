import type { DataType, TypeName } from '../../model/index.js';
import { GM } from './codes.js';
import type { GenContext } from './context.js';
import { str } from './quote.js';

type TypeEmitter = (t: DataType, ctx: GenContext) => string;

const len = (t: DataType, dflt?: number): string => {
  const n = typeof t.length === 'number' ? t.length : dflt;
  return n === undefined ? '' : `(${n})`;
};
const frac = (t: DataType): string => (t.fractionalSeconds !== undefined && t.fractionalSeconds > 0 ? `(${Math.min(t.fractionalSeconds, 6)})` : '');
const int = (name: string): TypeEmitter => (t) => `${name}${t.displayWidth !== undefined && name === 'TINYINT' && t.displayWidth === 1 ? '(1)' : ''}${t.unsigned ? ' UNSIGNED' : ''}${t.zerofill ? ' ZEROFILL' : ''}`;
const sized = (base: 'TEXT' | 'BLOB') => (t: DataType): string => `${(t.sizeClass ?? '').toUpperCase()}${base}`;
const fallback = (text: string, why: string): TypeEmitter => (t, ctx) => {
  ctx.report(GM.typeFallback, t.span, `${t.sourceText || t.name} has no MySQL equivalent (${why}); printed as ${text}`);
  return text;
};
const members = (t: DataType): string => (t.values ?? []).map(str).join(', ');

const charLike = (name: 'CHAR' | 'VARCHAR'): TypeEmitter => (t, ctx) => {
  if (t.length === 'max' || (name === 'VARCHAR' && t.length === undefined)) {
    ctx.report(GM.typeFallback, t.span, `${t.sourceText || name} without a length is printed as LONGTEXT`);
    return 'LONGTEXT';
  }
  if (name === 'CHAR' && typeof t.length === 'number' && t.length > 255) return `VARCHAR(${t.length})`;
  return `${name}${len(t, name === 'CHAR' ? 1 : undefined)}`;
};

/** Every canonical type printed for MySQL 8.0 / MariaDB 10.11. Types rules should have replaced get a fallback and a finding. */
export const TYPE_EMITTERS: Record<TypeName, TypeEmitter> = {
  bool: () => 'BOOLEAN',
  bit: (t) => `BIT${len(t, 1)}`,
  varbit: (t, ctx) => fallback(`BIT(${typeof t.length === 'number' ? Math.min(t.length, 64) : 64})`, 'varying bit strings')(t, ctx),
  tinyint: int('TINYINT'),
  smallint: int('SMALLINT'),
  mediumint: int('MEDIUMINT'),
  int: int('INT'),
  bigint: int('BIGINT'),
  decimal: (t) => (t.precision === undefined ? 'DECIMAL(65,30)' : `DECIMAL(${t.precision}${t.scale !== undefined ? `,${t.scale}` : ''})${t.unsigned ? ' UNSIGNED' : ''}`),
  real: () => 'FLOAT',
  double: () => 'DOUBLE',
  money: fallback('DECIMAL(19,2)', 'money'),
  char: charLike('CHAR'),
  varchar: charLike('VARCHAR'),
  nchar: charLike('CHAR'),
  nvarchar: charLike('VARCHAR'),
  text: sized('TEXT'),
  clob: () => 'LONGTEXT',
  nclob: () => 'LONGTEXT',
  binary: (t) => `BINARY${len(t, 1)}`,
  varbinary: (t, ctx) => (typeof t.length === 'number' ? `VARBINARY(${t.length})` : fallback('LONGBLOB', 'VARBINARY without a length')(t, ctx)),
  blob: sized('BLOB'),
  date: () => 'DATE',
  time: (t) => `TIME${frac(t)}`,
  timestamp: (t) => `TIMESTAMP${frac(t)}`,
  datetime: (t) => `DATETIME${frac(t)}`,
  year: () => 'YEAR',
  interval: fallback('VARCHAR(64)', 'intervals'),
  json: () => 'JSON',
  jsonb: () => 'JSON',
  xml: fallback('LONGTEXT', 'XML'),
  uuid: fallback('CHAR(36)', 'uuid'),
  enum: (t) => `ENUM(${members(t)})`,
  set: (t) => `SET(${members(t)})`,
  geometry: (t) => `${(t.geometry ?? 'geometry').toUpperCase()}${t.srid !== undefined ? ` /*!80003 SRID ${t.srid} */` : ''}`,
  geography: fallback('GEOMETRY', 'geography'),
  inet: fallback('VARCHAR(43)', 'network addresses'),
  cidr: fallback('VARCHAR(43)', 'network addresses'),
  macaddr: fallback('VARCHAR(17)', 'MAC addresses'),
  tsvector: fallback('LONGTEXT', 'text search vectors'),
  tsquery: fallback('LONGTEXT', 'text search queries'),
  rowid: fallback('VARCHAR(18)', 'row ids'),
  oid: fallback('INT UNSIGNED', 'object ids'),
  user: fallback('LONGTEXT', 'user-defined types'),
  unknown: fallback('LONGTEXT', 'unknown type'),
};

export function typeSql(t: DataType, ctx: GenContext): string {
  if (t.arrayDims) {
    ctx.report(GM.typeFallback, t.span, `${t.sourceText || t.name} is an array; printed as JSON`);
    return 'JSON';
  }
  let out = TYPE_EMITTERS[t.name](t, ctx);
  if (t.charset) out += ` CHARACTER SET ${t.charset}`;
  if (t.collation) out += ` COLLATE ${t.collation}`;
  return out;
}

/** CAST(x AS …) accepts only a few target types in MySQL. */
export function castTypeSql(t: DataType, ctx: GenContext): string | undefined {
  switch (t.name) {
    case 'tinyint': case 'smallint': case 'mediumint': case 'int': case 'bigint': case 'bool':
      return t.unsigned ? 'UNSIGNED' : 'SIGNED';
    case 'decimal': case 'money':
      return t.precision === undefined ? (t.name === 'money' ? 'DECIMAL(19,2)' : 'DECIMAL(65,30)') : `DECIMAL(${t.precision}${t.scale !== undefined ? `,${t.scale}` : ''})`;
    case 'real': case 'double': return 'DOUBLE';
    case 'char': case 'varchar': case 'nchar': case 'nvarchar':
      return typeof t.length === 'number' ? `CHAR(${t.length})` : 'CHAR';
    case 'text': case 'clob': case 'nclob': case 'uuid': case 'inet': case 'cidr': case 'macaddr': case 'xml': case 'enum': case 'set': case 'interval':
      return 'CHAR';
    case 'date': return 'DATE';
    case 'time': return `TIME${frac(t)}`;
    case 'timestamp': case 'datetime': return `DATETIME${frac(t)}`;
    case 'year': return 'UNSIGNED';
    case 'json': case 'jsonb': return ctx.flavor === 'mysql' ? 'JSON' : undefined;
    case 'binary': case 'varbinary': case 'blob': return typeof t.length === 'number' ? `BINARY(${t.length})` : 'BINARY';
    default: return undefined;
  }
}

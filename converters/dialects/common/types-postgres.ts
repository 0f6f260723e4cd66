import type { TypeSpelling } from './datatype.js';

/**
 * PostgreSQL type spellings. serial types come back as their integer type with sourceText
 * 'serial' etc.; the PostgreSQL front end turns them into identity columns. Any name not listed
 * here is a user type (domain, enum, composite) referenced by name.
 */
const tz = (name: TypeSpelling['name'], withTimeZone: boolean): TypeSpelling => ({ name, params: 'fsp', withTimeZone });

export const POSTGRES_TYPES: Record<string, TypeSpelling> = {
  SMALLINT: { name: 'smallint' }, INT2: { name: 'smallint' },
  INTEGER: { name: 'int' }, INT: { name: 'int' }, INT4: { name: 'int' },
  BIGINT: { name: 'bigint' }, INT8: { name: 'bigint' },
  SMALLSERIAL: { name: 'smallint', serial: true }, SERIAL2: { name: 'smallint', serial: true },
  SERIAL: { name: 'int', serial: true }, SERIAL4: { name: 'int', serial: true },
  BIGSERIAL: { name: 'bigint', serial: true }, SERIAL8: { name: 'bigint', serial: true },
  NUMERIC: { name: 'decimal', params: 'precision' }, DECIMAL: { name: 'decimal', params: 'precision' },
  REAL: { name: 'real' }, FLOAT4: { name: 'real' },
  'DOUBLE PRECISION': { name: 'double' }, FLOAT8: { name: 'double' }, FLOAT: { name: 'double', params: 'float' },
  MONEY: { name: 'money' },
  BOOLEAN: { name: 'bool' }, BOOL: { name: 'bool' },
  CHAR: { name: 'char', params: 'length', defaultLength: 1 }, CHARACTER: { name: 'char', params: 'length', defaultLength: 1 },
  BPCHAR: { name: 'char', params: 'length' },
  NCHAR: { name: 'char', params: 'length', defaultLength: 1 }, 'NATIONAL CHARACTER': { name: 'char', params: 'length', defaultLength: 1 },
  VARCHAR: { name: 'varchar', params: 'length' }, 'CHARACTER VARYING': { name: 'varchar', params: 'length' },
  'CHAR VARYING': { name: 'varchar', params: 'length' }, 'NATIONAL CHARACTER VARYING': { name: 'varchar', params: 'length' },
  TEXT: { name: 'text' },
  BYTEA: { name: 'blob' },
  DATE: { name: 'date' },
  TIME: tz('time', false), TIMETZ: tz('time', true),
  TIMESTAMP: tz('timestamp', false), TIMESTAMPTZ: tz('timestamp', true),
  INTERVAL: { name: 'interval', params: 'fsp' },
  JSON: { name: 'json' }, JSONB: { name: 'jsonb' },
  UUID: { name: 'uuid' }, XML: { name: 'xml' },
  INET: { name: 'inet' }, CIDR: { name: 'cidr' }, MACADDR: { name: 'macaddr' }, MACADDR8: { name: 'macaddr' },
  TSVECTOR: { name: 'tsvector' }, TSQUERY: { name: 'tsquery' },
  BIT: { name: 'bit', params: 'length', defaultLength: 1 }, 'BIT VARYING': { name: 'varbit', params: 'length' }, VARBIT: { name: 'varbit', params: 'length' },
  OID: { name: 'oid' },
  GEOMETRY: { name: 'geometry', params: 'geometry', geometry: 'geometry' },
  GEOGRAPHY: { name: 'geography', params: 'geometry', geometry: 'geometry' },
};

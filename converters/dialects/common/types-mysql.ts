import type { TypeSpelling } from './datatype.js';

/**
 * MySQL / MariaDB type spellings. BOOL/BOOLEAN become `bool` (the server stores them as
 * TINYINT(1); a live extraction therefore sees tinyint(1), which rules treat the same way under
 * the tinyint1AsBoolean option). REAL is DOUBLE unless sql_mode has REAL_AS_FLOAT.
 */
const int = (name: TypeSpelling['name']): TypeSpelling => ({ name, params: 'displayWidth' });
const text = (sizeClass?: TypeSpelling['sizeClass']): TypeSpelling => ({ name: 'text', params: 'length', ...(sizeClass ? { sizeClass } : {}) });
const blob = (sizeClass?: TypeSpelling['sizeClass']): TypeSpelling => ({ name: 'blob', params: 'length', ...(sizeClass ? { sizeClass } : {}) });
const geo = (geometry: NonNullable<TypeSpelling['geometry']>): TypeSpelling => ({ name: 'geometry', geometry });

export const MYSQL_TYPES: Record<string, TypeSpelling> = {
  BOOL: { name: 'bool' }, BOOLEAN: { name: 'bool' },
  TINYINT: int('tinyint'), INT1: int('tinyint'),
  SMALLINT: int('smallint'), INT2: int('smallint'),
  MEDIUMINT: int('mediumint'), INT3: int('mediumint'), MIDDLEINT: int('mediumint'),
  INT: int('int'), INTEGER: int('int'), INT4: int('int'),
  BIGINT: int('bigint'), INT8: int('bigint'),
  SERIAL: { name: 'bigint', unsigned: true },
  SIGNED: { name: 'bigint' }, 'SIGNED INTEGER': { name: 'bigint' }, 'SIGNED INT': { name: 'bigint' },
  UNSIGNED: { name: 'bigint', unsigned: true }, 'UNSIGNED INTEGER': { name: 'bigint', unsigned: true }, 'UNSIGNED INT': { name: 'bigint', unsigned: true },
  DECIMAL: { name: 'decimal', params: 'precision' }, NUMERIC: { name: 'decimal', params: 'precision' },
  DEC: { name: 'decimal', params: 'precision' }, FIXED: { name: 'decimal', params: 'precision' },
  FLOAT: { name: 'real', params: 'float' }, FLOAT4: { name: 'real', params: 'float' },
  DOUBLE: { name: 'double', params: 'precision' }, 'DOUBLE PRECISION': { name: 'double', params: 'precision' },
  REAL: { name: 'double', params: 'precision' }, FLOAT8: { name: 'double', params: 'precision' },
  BIT: { name: 'bit', params: 'length', defaultLength: 1 },
  CHAR: { name: 'char', params: 'length', defaultLength: 1 }, CHARACTER: { name: 'char', params: 'length', defaultLength: 1 },
  VARCHAR: { name: 'varchar', params: 'length' }, 'CHARACTER VARYING': { name: 'varchar', params: 'length' },
  'CHAR VARYING': { name: 'varchar', params: 'length' }, VARCHARACTER: { name: 'varchar', params: 'length' },
  NCHAR: { name: 'nchar', params: 'length', defaultLength: 1 }, 'NATIONAL CHAR': { name: 'nchar', params: 'length', defaultLength: 1 },
  'NATIONAL CHARACTER': { name: 'nchar', params: 'length', defaultLength: 1 },
  NVARCHAR: { name: 'nvarchar', params: 'length' }, 'NATIONAL VARCHAR': { name: 'nvarchar', params: 'length' },
  'NATIONAL CHAR VARYING': { name: 'nvarchar', params: 'length' }, 'NATIONAL CHARACTER VARYING': { name: 'nvarchar', params: 'length' },
  'NCHAR VARCHAR': { name: 'nvarchar', params: 'length' }, 'NCHAR VARYING': { name: 'nvarchar', params: 'length' },
  TINYTEXT: text('tiny'), TEXT: text(), MEDIUMTEXT: text('medium'), LONGTEXT: text('long'),
  'LONG VARCHAR': text('medium'), LONG: text('medium'),
  BINARY: { name: 'binary', params: 'length', defaultLength: 1 }, VARBINARY: { name: 'varbinary', params: 'length' },
  TINYBLOB: blob('tiny'), BLOB: blob(), MEDIUMBLOB: blob('medium'), LONGBLOB: blob('long'), 'LONG VARBINARY': blob('medium'),
  DATE: { name: 'date' }, TIME: { name: 'time', params: 'fsp' }, DATETIME: { name: 'datetime', params: 'fsp' },
  TIMESTAMP: { name: 'timestamp', params: 'fsp' }, YEAR: { name: 'year', params: 'displayWidth' },
  JSON: { name: 'json' },
  ENUM: { name: 'enum', params: 'values' }, SET: { name: 'set', params: 'values' },
  GEOMETRY: geo('geometry'), POINT: geo('point'), LINESTRING: geo('linestring'), POLYGON: geo('polygon'),
  MULTIPOINT: geo('multipoint'), MULTILINESTRING: geo('multilinestring'), MULTIPOLYGON: geo('multipolygon'),
  GEOMETRYCOLLECTION: geo('geometrycollection'), GEOMCOLLECTION: geo('geometrycollection'),
  // MariaDB 10.7+
  UUID: { name: 'uuid' }, INET4: { name: 'inet' }, INET6: { name: 'inet' },
};

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataTypeText, ParseError } from '../../../../converters/dialects/common/index.js';
import { assertShape } from './helpers.js';

const MYSQL: [string, object][] = [
  ['INT', { name: 'int', displayWidth: undefined }], ['integer(11)', { name: 'int', displayWidth: 11 }],
  ['TINYINT(1)', { name: 'tinyint', displayWidth: 1 }], ['smallint(5) unsigned', { name: 'smallint', unsigned: true, displayWidth: 5 }],
  ['INT(10) UNSIGNED ZEROFILL', { name: 'int', unsigned: true, zerofill: true }], ['MEDIUMINT', { name: 'mediumint' }], ['BIGINT', { name: 'bigint' }],
  ['BOOL', { name: 'bool' }], ['BOOLEAN', { name: 'bool' }],
  ['DECIMAL(10,2)', { name: 'decimal', precision: 10, scale: 2 }], ['NUMERIC(5)', { name: 'decimal', precision: 5, scale: undefined }],
  ['FIXED(4,1)', { name: 'decimal', precision: 4 }], ['DEC', { name: 'decimal', precision: undefined }],
  ['FLOAT', { name: 'real' }], ['FLOAT(10)', { name: 'real', precision: 10 }], ['FLOAT(25)', { name: 'double' }], ['FLOAT(7,4)', { name: 'real', precision: 7, scale: 4 }],
  ['DOUBLE', { name: 'double' }], ['DOUBLE PRECISION', { name: 'double' }], ['REAL', { name: 'double' }], ['DOUBLE(10,3) UNSIGNED', { name: 'double', precision: 10, scale: 3, unsigned: true }],
  ['BIT', { name: 'bit', length: 1 }], ['BIT(8)', { name: 'bit', length: 8 }],
  ['CHAR', { name: 'char', length: 1 }], ['CHAR(3)', { name: 'char', length: 3 }], ['VARCHAR(45)', { name: 'varchar', length: 45 }],
  ['NATIONAL VARCHAR(10)', { name: 'nvarchar', length: 10 }], ['NCHAR(2)', { name: 'nchar', length: 2 }], ['CHARACTER VARYING(5)', { name: 'varchar', length: 5 }],
  ['varchar(20) character set utf8mb4 collate utf8mb4_bin', { name: 'varchar', charset: 'utf8mb4', collation: 'utf8mb4_bin' }],
  ['VARCHAR(10) CHARSET latin1', { charset: 'latin1' }], ['VARCHAR(10) BINARY', { collation: 'binary' }],
  ['TINYTEXT', { name: 'text', sizeClass: 'tiny' }], ['TEXT', { name: 'text', sizeClass: undefined }], ['MEDIUMTEXT', { name: 'text', sizeClass: 'medium' }],
  ['LONGTEXT', { name: 'text', sizeClass: 'long' }], ['TEXT(1000)', { name: 'text', length: 1000 }],
  ['BINARY(16)', { name: 'binary', length: 16 }], ['VARBINARY(255)', { name: 'varbinary', length: 255 }],
  ['TINYBLOB', { name: 'blob', sizeClass: 'tiny' }], ['BLOB', { name: 'blob' }], ['MEDIUMBLOB', { name: 'blob', sizeClass: 'medium' }], ['LONGBLOB', { name: 'blob', sizeClass: 'long' }],
  ['DATE', { name: 'date' }], ['TIME(3)', { name: 'time', fractionalSeconds: 3 }], ['DATETIME(6)', { name: 'datetime', fractionalSeconds: 6 }],
  ['TIMESTAMP', { name: 'timestamp', fractionalSeconds: undefined }], ['YEAR', { name: 'year' }], ['YEAR(4)', { name: 'year', displayWidth: 4 }],
  ['JSON', { name: 'json' }],
  ["ENUM('G','PG','PG-13','it''s')", { name: 'enum', values: ['G', 'PG', 'PG-13', "it's"] }],
  ["SET('Trailers','Commentaries')", { name: 'set', values: ['Trailers', 'Commentaries'] }],
  ['GEOMETRY', { name: 'geometry', geometry: 'geometry' }], ['POINT SRID 4326', { name: 'geometry', geometry: 'point', srid: 4326 }],
  ['MULTIPOLYGON', { geometry: 'multipolygon' }], ['GEOMETRYCOLLECTION', { geometry: 'geometrycollection' }],
  ['SERIAL', { name: 'bigint', unsigned: true }],
  ['FANCYTYPE(3)', { name: 'unknown', sourceText: 'FANCYTYPE(3)' }],
];

const PG: [string, object][] = [
  ['int2', { name: 'smallint' }], ['int4', { name: 'int' }], ['int8', { name: 'bigint' }], ['smallint', { name: 'smallint' }], ['integer', { name: 'int' }],
  ['serial', { name: 'int', sourceText: 'serial' }], ['bigserial', { name: 'bigint' }], ['smallserial', { name: 'smallint' }],
  ['numeric(12,4)', { name: 'decimal', precision: 12, scale: 4 }], ['numeric', { name: 'decimal', precision: undefined }],
  ['real', { name: 'real' }], ['float4', { name: 'real' }], ['float8', { name: 'double' }], ['double precision', { name: 'double' }], ['float(10)', { name: 'real' }],
  ['money', { name: 'money' }], ['boolean', { name: 'bool' }], ['bool', { name: 'bool' }],
  ['char(3)', { name: 'char', length: 3 }], ['character', { name: 'char', length: 1 }], ['bpchar', { name: 'char' }],
  ['varchar(10)', { name: 'varchar', length: 10 }], ['character varying', { name: 'varchar', length: undefined }], ['text', { name: 'text' }],
  ['bytea', { name: 'blob' }], ['date', { name: 'date' }],
  ['time', { name: 'time', withTimeZone: false }], ['timetz', { name: 'time', withTimeZone: true }], ['time(3) with time zone', { name: 'time', withTimeZone: true, fractionalSeconds: 3 }],
  ['timestamp', { name: 'timestamp', withTimeZone: false }], ['timestamptz(6)', { name: 'timestamp', withTimeZone: true, fractionalSeconds: 6 }],
  ['timestamp without time zone', { name: 'timestamp', withTimeZone: false }], ['TIMESTAMP(0) WITH TIME ZONE', { withTimeZone: true, fractionalSeconds: 0 }],
  ['interval', { name: 'interval' }], ['interval year to month', { intervalFields: 'YEAR TO MONTH' }], ['interval second(3)', { intervalFields: 'SECOND', fractionalSeconds: 3 }],
  ['json', { name: 'json' }], ['jsonb', { name: 'jsonb' }], ['uuid', { name: 'uuid' }], ['xml', { name: 'xml' }],
  ['inet', { name: 'inet' }], ['cidr', { name: 'cidr' }], ['macaddr', { name: 'macaddr' }], ['tsvector', { name: 'tsvector' }], ['tsquery', { name: 'tsquery' }],
  ['bit(3)', { name: 'bit', length: 3 }], ['bit varying(8)', { name: 'varbit', length: 8 }], ['varbit', { name: 'varbit' }],
  ['int[]', { name: 'int', arrayDims: 1 }], ['integer[][]', { name: 'int', arrayDims: 2 }], ['text[3]', { arrayDims: 1 }], ['int ARRAY', { name: 'int', arrayDims: 1 }],
  ['mpaa_rating', { name: 'user', userType: { name: 'mpaa_rating', schema: undefined } }], ['public."Year"', { name: 'user', userType: { schema: 'public', name: 'Year', quoted: true } }],
  ['geometry(Point, 4326)', { name: 'geometry', geometry: 'point', srid: 4326 }], ['geography', { name: 'geography' }],
];

test('MySQL type spellings', () => { for (const [t, exp] of MYSQL) assertShape(parseDataTypeText(t, 'mysql'), { kind: 'DataType', ...exp }, t); });
test('PostgreSQL type spellings', () => { for (const [t, exp] of PG) assertShape(parseDataTypeText(t, 'postgres'), { kind: 'DataType', ...exp }, t); });
test('sourceText keeps the type as written', () => {
  assert.equal(parseDataTypeText('  smallint(5)   unsigned', 'mysql').sourceText, 'smallint(5)   unsigned');
});
test('bad types are located errors', () => {
  assert.throws(() => parseDataTypeText('varchar(10', 'mysql', 'c.sql'), (e: unknown) => e instanceof ParseError && /c\.sql:1:11: expected '\)'/.test(e.message));
  assert.throws(() => parseDataTypeText('enum(1,2)', 'mysql'), /ENUM members must be quoted strings/);
  assert.throws(() => parseDataTypeText('int x', 'mysql'), /unexpected 'x' after the data type/);
  assert.throws(() => parseDataTypeText('varchar(abc)', 'mysql'), /not a number/);
});

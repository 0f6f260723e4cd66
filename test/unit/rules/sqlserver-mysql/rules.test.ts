// SQL Server → MySQL/MariaDB rules without a database: the type map issue #5 asks for and the
// constructs that must become findings. (Behaviour on MariaDB: test/integration/sqlserver-to-mysql.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertResult } from '../../../../converters/index.js';
import { isoDateLiteral } from '../../../../converters/rules/sqlserver-mysql/data.js';

function run(text: string): ConvertResult {
  const parsed = parseScripts('sqlserver', [{ path: 't.sql', text }]);
  return convert(parsed.catalog, { target: 'mysql', mysqlFlavor: 'mariadb' });
}
const codes = (r: ConvertResult): string[] => [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)].map((d) => d.code);
const tableSql = (r: ConvertResult): string => r.objects.filter((o) => o.ref.type.toLowerCase() === 'table').flatMap((o) => o.statements).join('\n');
function columnTypes(r: ConvertResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tableSql(r).matchAll(/^\s+`(\w+)` (.+?)(?: GENERATED .*)?(?: NOT NULL| NULL)(?: AUTO_INCREMENT)?,?$/gm)) out[m[1]!] = m[2]!;
  return out;
}

test('SQL Server types map to the MySQL types of issue #5', () => {
  const r = run(`CREATE TABLE t (a tinyint, b bit, c money, d smallmoney, e datetime, f datetime2(7), g datetime2(3), h uniqueidentifier,
    i nvarchar(max), j varchar(max), k text, l ntext, m varbinary(max), n image, o xml, p rowversion, q datetimeoffset, r smalldatetime, s nchar(10), u decimal(12,2));`);
  assert.deepEqual(columnTypes(r), {
    a: 'TINYINT UNSIGNED', b: 'BOOLEAN', c: 'DECIMAL(19,4)', d: 'DECIMAL(10,4)', e: 'DATETIME(3)', f: 'DATETIME(6)', g: 'DATETIME(3)', h: 'CHAR(36)',
    i: 'LONGTEXT', j: 'LONGTEXT', k: 'LONGTEXT', l: 'LONGTEXT', m: 'LONGBLOB', n: 'LONGBLOB', o: 'LONGTEXT', p: 'BINARY(8)', q: 'DATETIME(6)', r: 'DATETIME', s: 'CHAR(10)', u: 'DECIMAL(12,2)',
  });
  for (const c of ['TM0003', 'TM0005', 'TM0006', 'TM0007', 'TM0008']) assert.ok(codes(r).includes(c), c);
});

test('IDENTITY, computed columns, filtered and INCLUDE indexes', () => {
  const r = run(`CREATE TABLE t (id int IDENTITY(10, 2) NOT NULL PRIMARY KEY, a int, b AS a * 2 PERSISTED, c AS a + 1);
GO
CREATE INDEX ix_f ON t (a) WHERE a > 0;
GO
CREATE INDEX ix_i ON t (a) INCLUDE (id);
GO`);
  const sql = tableSql(r);
  assert.match(sql, /`id` INT NOT NULL AUTO_INCREMENT/);
  assert.match(sql, /AUTO_INCREMENT=10/);
  assert.match(sql, /`b` DECIMAL\(38,10\) GENERATED ALWAYS AS .* STORED/);
  assert.match(sql, /`c` .*GENERATED ALWAYS AS .* VIRTUAL/);
  assert.ok(!r.objects.some((o) => o.ref.name.endsWith('ix_f') && o.statements.length), 'filtered index not created');
  for (const c of ['TM0002', 'TM0010', 'TM0011', 'TM0012']) assert.ok(codes(r).includes(c), c);
});

test('T-SQL date literals as SQL Server reads them (mdy, two-digit year cutoff 2049, yyyymmdd)', () => {
  assert.equal(isoDateLiteral('12/08/1948'), '1948-12-08');
  assert.equal(isoDateLiteral('06/12/94'), '1994-06-12');
  assert.equal(isoDateLiteral('06/12/49'), '2049-06-12');
  assert.equal(isoDateLiteral('19970101'), '1997-01-01');
  assert.equal(isoDateLiteral('1/2/2000 10:30'), '2000-01-02 10:30');
  assert.equal(isoDateLiteral('1962/2/18'), '1962-02-18');
  assert.equal(isoDateLiteral('2000-01-02'), '2000-01-02');
});

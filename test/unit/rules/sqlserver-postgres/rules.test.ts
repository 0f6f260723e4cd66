// SQL Server → PostgreSQL rules without a database: findings for what does not convert exactly,
// option handling, and the LIKE-pattern translation (checked by matching, not by its text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertOptions, type Table } from '../../../../converters/index.js';
import { transformSqlServerToPostgres } from '../../../../converters/rules/sqlserver-postgres/index.js';
import { likeToRegex } from '../../../../converters/rules/sqlserver-postgres/expressions.js';

function codes(script: string, options: Partial<ConvertOptions> = {}): string[] {
  const parsed = parseScripts('sqlserver', [{ path: 't.sql', text: script }]);
  const r = convert(parsed.catalog, { target: 'postgres', ...options });
  return [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)].map((d) => d.code);
}

function table(script: string, name: string): Table {
  const parsed = parseScripts('sqlserver', [{ path: 't.sql', text: script }]);
  const t = transformSqlServerToPostgres(parsed.catalog, { target: 'postgres' }).catalog.objects.find((o) => o.kind === 'Table' && o.name.name === name);
  assert.ok(t && t.kind === 'Table');
  return t;
}

test('types: DATETIME2(7) → timestamp(6) with a finding; DATETIMEOFFSET, ROWVERSION, SQL_VARIANT, GEOGRAPHY reported', () => {
  const t = table('CREATE TABLE t (a datetime2(7), b datetimeoffset, c rowversion, d sql_variant, e geography, f tinyint, g bit, h money, i nvarchar(max), j uniqueidentifier)', 't');
  const by = (n: string) => t.columns.find((c) => c.name === n)!.dataType;
  assert.equal(by('a').name, 'timestamp');
  assert.equal(by('a').fractionalSeconds, 6);
  assert.equal(by('b').withTimeZone, true);
  assert.equal(by('c').name, 'blob');
  assert.equal(by('d').name, 'text');
  assert.equal(by('e').name, 'blob');
  assert.equal(by('f').name, 'smallint');
  assert.ok(t.constraints.some((c) => c.kind === 'Check'), 'tinyint range check');
  assert.equal(by('g').name, 'bool');
  assert.deepEqual([by('h').name, by('h').precision, by('h').scale], ['decimal', 19, 4]);
  assert.equal(by('i').name, 'text');
  assert.equal(by('j').name, 'uuid');
  const c = codes('CREATE TABLE t (a datetime2(7), b datetimeoffset, c rowversion, d sql_variant, e geography)');
  for (const code of ['TG0004', 'TG0005', 'TG0006', 'TG0007', 'TG0008']) assert.ok(c.includes(code), code);
  assert.ok(!codes('CREATE TABLE t (e geography)', { postgis: true }).includes('TG0008'));
});

test('NEWSEQUENTIALID, table hints, unknown functions and nativeOnly emulation are reported', () => {
  assert.ok(codes('CREATE TABLE t (id uniqueidentifier DEFAULT NEWSEQUENTIALID())').includes('TG0013'));
  assert.ok(codes('CREATE TABLE t (a int)\nGO\nCREATE VIEW v AS SELECT a FROM t WITH (NOLOCK)').includes('TG0019'));
  assert.ok(codes('CREATE VIEW v AS SELECT SOUNDEX(\'x\') AS s').includes('TG0016'));
  const native = codes("CREATE VIEW v AS SELECT DATEDIFF(day, '2020-01-01', '2020-01-02') AS d", { nativeOnly: true });
  assert.ok(native.includes('TG0018'));
  assert.ok(codes("CREATE VIEW v AS SELECT DATEDIFF(day, '2020-01-01', '2020-01-02') AS d").includes('TG0039'));
});

test('dbo becomes public unless schemaMap says otherwise', () => {
  const parsed = parseScripts('sqlserver', [{ path: 't.sql', text: 'CREATE TABLE dbo.t (a int)\nGO\nCREATE TABLE sales.u (a int)' }]);
  const names = (o: Partial<ConvertOptions>) => transformSqlServerToPostgres(parsed.catalog, { target: 'postgres', ...o }).catalog.objects
    .flatMap((x) => (x.kind === 'Table' ? [`${x.name.schema}.${x.name.name}`] : []));
  assert.deepEqual(names({}), ['public.t', 'sales.u']);
  assert.deepEqual(names({ schemaMap: { dbo: 'app' } }), ['app.t', 'sales.u']);
});

test('LIKE patterns with [classes] become anchored regexes that match what T-SQL LIKE matches', () => {
  const re = (p: string) => new RegExp(likeToRegex(p)!);
  assert.equal(likeToRegex('abc%'), undefined, 'no class: LIKE is kept');
  assert.ok(re('[0-9][0-9]-%').test('12-abc'));
  assert.ok(!re('[0-9][0-9]-%').test('1a-abc'));
  assert.ok(re('[^A-C]_.x[%]').test('Dz.x%'));
  assert.ok(!re('[^A-C]_.x[%]').test('Bz.x%'));
  assert.ok(!re('[^A-C]_.x[%]').test('Dzzx%'), '. is literal');
  assert.ok(!re('a[bc]').test('abc'), 'anchored at the end');
});

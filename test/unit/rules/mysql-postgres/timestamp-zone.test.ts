// MySQL TIMESTAMP converts between UTC and the session time zone; PostgreSQL timestamp does not:
// the plain mapping says so (MP0050), the timestamptz mapping needs no word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, parseSettings } from '../../../../converters/index.js';

const SCRIPT = 'CREATE TABLE ev (id int PRIMARY KEY, at TIMESTAMP NULL, at2 TIMESTAMP(3) NULL, local_at DATETIME);\n' +
  'CREATE TABLE plain (id int PRIMARY KEY, d DATETIME);\n';

function run(timestampWithTimeZone: boolean) {
  const parsed = parseScripts('mysql', [{ path: 'ts.sql', text: SCRIPT }]);
  return convert(parsed.catalog, { target: 'postgres', timestampWithTimeZone });
}

test('TIMESTAMP → timestamp: one MP0050 per table, located, the table converted with actions', () => {
  const r = run(false);
  const ev = r.objects.find((o) => o.ref.name === 'ev')!;
  assert.match(ev.statements[0]!, /"at" timestamp\(0\),/);
  assert.deepEqual(ev.diagnostics.filter((d) => d.code === 'MP0050').map((d) => [d.severity, d.span.line, d.span.column]), [['low', 1, 41]]);
  assert.match(ev.diagnostics.find((d) => d.code === 'MP0050')!.recommendation, /--option timestampWithTimeZone=true/);
  assert.equal(ev.status, 'converted-with-actions');
  const plain = r.objects.find((o) => o.ref.name === 'plain')!;
  assert.ok(!plain.diagnostics.some((d) => d.code === 'MP0050'), 'DATETIME has no zone to lose');
});

test('timestampWithTimeZone: timestamptz and no MP0050', () => {
  const r = run(true);
  const ev = r.objects.find((o) => o.ref.name === 'ev')!;
  assert.match(ev.statements[0]!, /"at" timestamp\(0\) with time zone,/);
  assert.match(ev.statements[0]!, /"at2" timestamp\(3\) with time zone,/);
  assert.match(ev.statements[0]!, /"local_at" timestamp\(0\),/);
  assert.ok(!r.objects.some((o) => o.diagnostics.some((d) => d.code === 'MP0050')));
});

test('conversion settings from name=value pairs: names any case, booleans and choices checked', () => {
  assert.deepEqual(parseSettings(['timestampwithtimezone=TRUE', 'postgis', 'mysqlFlavor=mariadb', 'nativeOnly=off']),
    { ok: true, settings: { timestampWithTimeZone: true, postgis: true, mysqlFlavor: 'mariadb', nativeOnly: false } });
  const unknown = parseSettings(['timestampTz=1']);
  assert.equal(unknown.ok, false);
  assert.match(!unknown.ok ? `${unknown.error} ${unknown.hint}` : '', /unknown conversion option "timestampTz".*timestampWithTimeZone/);
  const badValue = parseSettings(['mysqlFlavor=percona']);
  assert.match(!badValue.ok ? badValue.error : '', /mysqlFlavor takes "mysql", "mariadb", not "percona"/);
  const badBool = parseSettings(['postgis=maybe']);
  assert.match(!badBool.ok ? badBool.error : '', /postgis takes true or false/);
});

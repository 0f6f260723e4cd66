// Oracle → PostgreSQL rules without a database: type mapping as issue #4 specifies it, format
// masks, and the constructs that must become action items instead of silent conversions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertOptions, type ConvertResult } from '../../../../converters/index.js';
import { translateDateMask } from '../../../../converters/rules/oracle-postgres/index.js';

function run(text: string, options: Partial<ConvertOptions> = {}): ConvertResult {
  const parsed = parseScripts('oracle', [{ path: 't.sql', text }]);
  return convert(parsed.catalog, { target: 'postgres', ...options });
}
const all = (r: ConvertResult) => [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)];
const codes = (r: ConvertResult): string[] => all(r).map((d) => d.code);
/** Column → printed type, read from the CREATE TABLE statement. */
function columnTypes(r: ConvertResult): Record<string, string> {
  const sql = r.objects.find((o) => o.ref.type === 'Table')!.statements[0]!;
  const out: Record<string, string> = {};
  for (const m of sql.matchAll(/^\s+"(\w+)" (.+?)(?: NOT NULL)?,?$/gm)) out[m[1]!] = m[2]!;
  return out;
}

test('NUMBER maps by precision and scale, never to a float for fixed point', () => {
  const r = run(`CREATE TABLE t (a NUMBER(4), b NUMBER(9), c NUMBER(18), d NUMBER(19), e NUMBER(10,2), f NUMBER, g INTEGER, h NUMBER(*,0), i BINARY_FLOAT, j BINARY_DOUBLE);`);
  assert.deepEqual(columnTypes(r), { a: 'smallint', b: 'integer', c: 'bigint', d: 'numeric(19, 0)', e: 'numeric(10, 2)', f: 'numeric', g: 'numeric(38, 0)', h: 'numeric(38, 0)', i: 'real', j: 'double precision' });
  assert.ok(codes(r).includes('OG0002') && codes(r).includes('OG0003'));
  const opt = run('CREATE TABLE t (f NUMBER, g INTEGER);', { oracleNumberWithoutPrecision: 'bigint', oracleIntegerAsInt: true });
  assert.deepEqual(columnTypes(opt), { f: 'bigint', g: 'integer' });
});

test('character, binary, date/time and special types', () => {
  const r = run(`CREATE TABLE t (a VARCHAR2(10 BYTE), b VARCHAR2(10 CHAR), c NVARCHAR2(5), d CHAR(2), e CLOB, f BLOB, g RAW(16), h DATE,
    i TIMESTAMP(3), j TIMESTAMP WITH TIME ZONE, k TIMESTAMP WITH LOCAL TIME ZONE, l INTERVAL DAY TO SECOND, m INTERVAL YEAR TO MONTH, n ROWID, o XMLTYPE, p LONG);`);
  assert.deepEqual(columnTypes(r), {
    a: 'varchar(10)', b: 'varchar(10)', c: 'varchar(5)', d: 'char(2)', e: 'text', f: 'bytea', g: 'bytea', h: 'timestamp(0)',
    i: 'timestamp(3)', j: 'timestamp(6) with time zone', k: 'timestamp(6) with time zone', l: 'interval DAY TO SECOND', m: 'interval YEAR TO MONTH', n: 'text', o: 'xml', p: 'text',
  });
  for (const c of ['OG0004', 'OG0005', 'OG0006', 'OG0007', 'OG0008']) assert.ok(codes(r).includes(c), c);
});

test('date masks: shared elements pass, RR/FF are approximated, DL is reported', () => {
  assert.deepEqual(translateDateMask('YYYY-MM-DD HH24:MI:SS'), { mask: 'YYYY-MM-DD HH24:MI:SS', unsupported: [], approximate: [] });
  assert.deepEqual(translateDateMask('dd-Mon-rr'), { mask: 'DD-Mon-YY', unsupported: [], approximate: ['RR'] });
  assert.deepEqual(translateDateMask('DL').unsupported, ['DL']);
  assert.equal(translateDateMask('"Quarter" Q').mask, '"Quarter" Q');
});

test('(+) with OR, and ROWNUM before ORDER BY, are action items and not converted', () => {
  const r = run(`CREATE TABLE a (id NUMBER(3), x NUMBER(3));
CREATE TABLE b (id NUMBER(3), y NUMBER(3));
CREATE VIEW v1 AS SELECT a.id FROM a, b WHERE a.id = b.id(+) OR b.y(+) = 1;
CREATE VIEW v2 AS SELECT id FROM a WHERE ROWNUM <= 3 ORDER BY x;`);
  assert.ok(codes(r).includes('OG0022'));
  assert.ok(codes(r).includes('OG0024'));
  const v2 = r.objects.find((o) => o.ref.name === 'v2')!;
  assert.equal(v2.status, 'not-converted');
  const v1 = r.objects.find((o) => o.ref.name === 'v1')!;
  assert.equal(v1.status, 'not-converted', 'the unconverted (+) join is not printed as an inner join');
});

test('COMMIT in a function and PRAGMA AUTONOMOUS_TRANSACTION are reported, never kept silently', () => {
  const r = run(`CREATE TABLE log_t (m VARCHAR2(100));
CREATE OR REPLACE FUNCTION f RETURN NUMBER IS
  PRAGMA AUTONOMOUS_TRANSACTION;
BEGIN
  INSERT INTO log_t VALUES ('x');
  COMMIT;
  RETURN 1;
END;
/`);
  assert.ok(codes(r).includes('OG0040'));
  assert.ok(codes(r).includes('OG0041'));
  const fn = r.objects.find((o) => o.ref.type === 'Function')!;
  assert.doesNotMatch(fn.statements[0]!, /COMMIT/);
  assert.equal(fn.status, 'converted-with-actions');
});

test('UTL_FILE and DBMS_SQL calls are action items and keep the routine from applying half-converted', () => {
  const r = run(`CREATE OR REPLACE PROCEDURE dump_it IS
  f UTL_FILE.FILE_TYPE;
BEGIN
  f := UTL_FILE.FOPEN('DIR', 'x.txt', 'w');
  UTL_FILE.PUT_LINE(f, 'hello');
  UTL_FILE.FCLOSE(f);
END;
/`);
  assert.ok(codes(r).includes('OG0044'));
  assert.equal(r.objects.find((o) => o.ref.type === 'Procedure')!.status, 'not-converted');
});

test('CONNECT BY over a join is an action item and not converted', () => {
  const r = run(`CREATE TABLE a (id NUMBER(3), p NUMBER(3));
CREATE TABLE b (id NUMBER(3));
CREATE VIEW v AS SELECT a.id FROM a, b WHERE a.id = b.id START WITH a.p IS NULL CONNECT BY PRIOR a.id = a.p;`);
  assert.ok(codes(r).includes('OG0027'));
  assert.equal(r.objects.find((o) => o.ref.name === 'v')!.status, 'not-converted');
});

test('INTERVAL partitioning: listed partitions plus a DEFAULT partition for later rows', () => {
  const r = run(`CREATE TABLE s (id NUMBER(5), d DATE) PARTITION BY RANGE (d) INTERVAL (NUMTOYMINTERVAL(1, 'MONTH')) (PARTITION p0 VALUES LESS THAN (DATE '2020-01-01'));`);
  assert.ok(codes(r).includes('OG0014'));
  const sql = r.objects.find((o) => o.ref.type === 'Table')!.statements.join('\n');
  assert.match(sql, /PARTITION OF "s" FOR VALUES FROM \(MINVALUE\) TO \(DATE '2020-01-01'\)/);
  assert.match(sql, /"s_default" PARTITION OF "s" DEFAULT/);
});

// Oracle → MySQL/MariaDB rules without a database: the type map issue #4 asks for, flavour
// differences, and the constructs that must become action items instead of silent conversions.
// (What the converted SQL does is asserted on MariaDB in test/integration/oracle-to-mysql.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertOptions, type ConvertResult } from '../../../../converters/index.js';
import { mysqlMask } from '../../../../converters/rules/oracle-mysql/functions.js';
import { OmContext } from '../../../../converters/rules/oracle-mysql/context.js';
import { ORACLE_MYSQL_CODES } from '../../../../converters/rules/oracle-mysql/index.js';

function run(text: string, options: Partial<ConvertOptions> = {}): ConvertResult {
  const parsed = parseScripts('oracle', [{ path: 't.sql', text }]);
  return convert(parsed.catalog, { target: 'mysql', mysqlFlavor: 'mariadb', ...options });
}
const all = (r: ConvertResult) => [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)];
const codes = (r: ConvertResult): string[] => all(r).map((d) => d.code);
const sqlOf = (r: ConvertResult, type: string, name?: string): string => r.objects.filter((o) => o.ref.type === type && (!name || o.ref.name === name)).flatMap((o) => o.statements).join(';\n');
/** Column → printed type, read from the CREATE TABLE statement. */
function columnTypes(r: ConvertResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of sqlOf(r, 'table').matchAll(/^\s+`(\w+)` (.+?)(?: COLLATE \w+)?(?: NOT NULL| NULL)(?: AUTO_INCREMENT)?(?: COMMENT .*)?,?$/gm)) out[m[1]!] = m[2]!;
  return out;
}

test('NUMBER maps by precision and scale to the smallest integer type or DECIMAL, never a float', () => {
  const r = run('CREATE TABLE t (a NUMBER(2), b NUMBER(4), c NUMBER(6), d NUMBER(9), e NUMBER(18), f NUMBER(19), g NUMBER(10,2), h NUMBER, i INTEGER, j NUMBER(*,0), k BINARY_FLOAT, l BINARY_DOUBLE, m NUMBER(3,5), n NUMBER(5,-2));');
  assert.deepEqual(columnTypes(r), {
    a: 'TINYINT', b: 'SMALLINT', c: 'MEDIUMINT', d: 'INT', e: 'BIGINT', f: 'DECIMAL(19,0)', g: 'DECIMAL(10,2)', h: 'DECIMAL(65,30)', i: 'DECIMAL(38,0)', j: 'DECIMAL(38,0)',
    k: 'FLOAT', l: 'DOUBLE', m: 'DECIMAL(5,5)', n: 'DECIMAL(7,0)',
  });
  assert.ok(codes(r).includes('OM0002'), 'NUMBER without precision is reported');
  assert.deepEqual(columnTypes(run('CREATE TABLE t (h NUMBER, i INTEGER);', { oracleNumberWithoutPrecision: 'bigint', oracleIntegerAsInt: true })), { h: 'BIGINT', i: 'INT' });
  const wide = run('CREATE TABLE t (x NUMBER(38,35));');
  assert.equal(columnTypes(wide).x, 'DECIMAL(38,30)');
  assert.ok(codes(wide).includes('OM0003'));
});

test('character, binary, date/time and special types, with findings where they are not exact', () => {
  const r = run(`CREATE TABLE t (a VARCHAR2(100 BYTE), b NVARCHAR2(50), c CHAR(3), d CLOB, e BLOB, f RAW(16), g DATE, h TIMESTAMP(9), i TIMESTAMP WITH TIME ZONE,
    j INTERVAL DAY TO SECOND, k ROWID, l XMLTYPE, m LONG, n VARCHAR2(32767));`);
  assert.deepEqual(columnTypes(r), {
    a: 'VARCHAR(100)', b: 'VARCHAR(50)', c: 'CHAR(3)', d: 'LONGTEXT', e: 'LONGBLOB', f: 'VARBINARY(16)', g: 'DATETIME', h: 'DATETIME(6)', i: 'DATETIME(6)',
    j: 'VARCHAR(64)', k: 'VARCHAR(64)', l: 'LONGTEXT', m: 'LONGTEXT', n: 'MEDIUMTEXT',
  });
  for (const c of ['OM0004', 'OM0005', 'OM0006', 'OM0007', 'OM0008', 'OM0009', 'OM0010', 'OM0011']) assert.ok(codes(r).includes(c), c);
});

test('sequences: MariaDB gets CREATE SEQUENCE and NEXTVAL(); MySQL gets an action item, never a silent drop', () => {
  const text = 'CREATE SEQUENCE s START WITH 10 INCREMENT BY 5 MAXVALUE 9999999999999999999999999999;\nCREATE TABLE t (id NUMBER(10));\nCREATE VIEW v AS SELECT s.NEXTVAL AS n FROM dual;';
  const maria = run(text);
  assert.match(sqlOf(maria, 'sequence'), /CREATE SEQUENCE `s` START WITH 10 INCREMENT BY 5/);
  assert.doesNotMatch(sqlOf(maria, 'sequence'), /MAXVALUE 9{20}/, 'a maximum beyond BIGINT is left to the default');
  assert.match(sqlOf(maria, 'view'), /NEXTVAL\(`s`\)/);
  const my = run(text, { mysqlFlavor: 'mysql' });
  assert.equal(sqlOf(my, 'sequence'), '');
  assert.ok(all(my).filter((d) => d.code === 'OM0025').length >= 2, 'the sequence and its use are reported');
});

test('sequence + BEFORE INSERT trigger key pattern becomes AUTO_INCREMENT starting where the sequence stood', () => {
  const r = run(`CREATE SEQUENCE t_seq START WITH 100;
CREATE TABLE t (id NUMBER(10) PRIMARY KEY, v VARCHAR2(10));
CREATE OR REPLACE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW
BEGIN
  :NEW.id := t_seq.NEXTVAL;
END;
/`);
  assert.match(sqlOf(r, 'table'), /`id` BIGINT NOT NULL AUTO_INCREMENT/);
  assert.match(sqlOf(r, 'table'), /AUTO_INCREMENT=100/);
  assert.equal(sqlOf(r, 'trigger'), '');
  assert.ok(codes(r).includes('OM0014'));
});

test('function-based indexes: functional key parts for MySQL, generated column on MariaDB (no index when its type is unknown); bitmap → BTREE', () => {
  const text = 'CREATE TABLE t (a VARCHAR2(10), b NUMBER(2), d DATE);\nCREATE INDEX t_up ON t (UPPER(a));\nCREATE BITMAP INDEX t_b ON t (b);\nCREATE INDEX t_d ON t (TRUNC(d));';
  const maria = run(text);
  assert.match(sqlOf(maria, 'index'), /CREATE INDEX `t_up` ON `t` \(`t_up_expr1`\)/);
  assert.match(sqlOf(maria, 'table'), /`t_up_expr1` VARCHAR\(10\).* GENERATED ALWAYS AS \(UPPER\(`a`\)\) VIRTUAL INVISIBLE/);
  assert.doesNotMatch(sqlOf(maria, 'index'), /t_d/);
  assert.ok(codes(maria).includes('OM0020') && codes(maria).includes('OM0021'));
  assert.match(sqlOf(run(text, { mysqlFlavor: 'mysql' }), 'index'), /CREATE INDEX `t_up` ON `t` \(\(UPPER\(`a`\)\)\)/);
});

test('constraints: ON DELETE actions kept, DEFERRABLE and disabled constraints reported, global temporary tables reported', () => {
  const r = run(`CREATE TABLE p (id NUMBER(5) PRIMARY KEY);
CREATE GLOBAL TEMPORARY TABLE g (x NUMBER(2)) ON COMMIT DELETE ROWS;
CREATE TABLE c (id NUMBER(5) PRIMARY KEY, p1 NUMBER(5) REFERENCES p ON DELETE CASCADE, p2 NUMBER(5) CONSTRAINT c_p2 REFERENCES p ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
  q NUMBER(2) CONSTRAINT c_q CHECK (q > 0) DISABLE);`);
  const fks = sqlOf(r, 'foreign key');
  assert.match(fks, /REFERENCES `p` \(`id`\) ON DELETE CASCADE/);
  assert.match(fks, /ON DELETE SET NULL/);
  assert.doesNotMatch(sqlOf(r, 'table'), /c_q/);
  for (const c of ['OM0015', 'OM0016', 'OM0017']) assert.ok(codes(r).includes(c), c);
});

test('packages: routines become <pkg>__<routine>, calls are renamed, variables become @<pkg>__<var>', () => {
  const r = run(`CREATE OR REPLACE PACKAGE pk AS
  g NUMBER := 1;
  FUNCTION f RETURN NUMBER;
END;
/
CREATE OR REPLACE PACKAGE BODY pk AS
  FUNCTION f RETURN NUMBER IS BEGIN g := g + 1; RETURN g; END;
END;
/
CREATE OR REPLACE FUNCTION user_of RETURN NUMBER IS BEGIN RETURN pk.f + pk.g; END;
/`);
  assert.match(sqlOf(r, 'function', 'pk__f'), /SET @`pk__g` = @`pk__g` \+ 1/);
  assert.match(sqlOf(r, 'function', 'pk__f'), /IF @`pk__dbshift_init` IS NULL THEN/);
  assert.match(sqlOf(r, 'function', 'user_of'), /RETURN `pk__f`\(\) \+ @`pk__g`/);
});

test('action items: functions with OUT parameters, statement-level/INSTEAD OF triggers, COMMIT in a trigger, collections, DBMS_OUTPUT, autonomous transactions', () => {
  const r = run(`CREATE TABLE t (id NUMBER(5));
CREATE OR REPLACE FUNCTION f(o OUT NUMBER) RETURN NUMBER IS BEGIN o := 1; RETURN 1; END;
/
CREATE OR REPLACE TRIGGER st AFTER INSERT ON t BEGIN DELETE FROM t WHERE id < 0; END;
/
CREATE OR REPLACE TRIGGER st_check BEFORE INSERT ON t BEGIN NULL; END;
/
CREATE OR REPLACE TRIGGER rt AFTER INSERT ON t FOR EACH ROW BEGIN COMMIT; END;
/
CREATE OR REPLACE PROCEDURE p IS
  PRAGMA AUTONOMOUS_TRANSACTION;
  TYPE tab IS TABLE OF NUMBER;
  v tab;
BEGIN
  DBMS_OUTPUT.PUT_LINE('x');
  SELECT id BULK COLLECT INTO v FROM t;
END;
/`);
  const c = codes(r);
  for (const x of ['OM0054', 'OM0057', 'OM0042', 'OM0043', 'OM0052', 'OM0060', 'OM0073']) assert.ok(c.includes(x), x);
  // A statement-level trigger that writes stays an action item; one that changes no data becomes a row trigger.
  assert.equal(r.objects.find((o) => o.ref.name === 'st')?.status, 'not-converted');
  assert.notEqual(r.objects.find((o) => o.ref.name === 'st_check')?.status, 'not-converted');
  assert.equal(r.objects.find((o) => o.ref.name === 'f')?.status, 'not-converted');
  assert.doesNotMatch(sqlOf(r, 'procedure', 'p'), /PUT_LINE/);
});

test('every OM code is distinct and fully described', () => {
  const defs = Object.values(ORACLE_MYSQL_CODES);
  assert.equal(new Set(defs.map((d) => d.code)).size, defs.length);
  for (const d of defs) assert.ok(/^OM\d{4}$/.test(d.code) && d.title && d.recommendation, d.code);
});

test('date masks: Oracle elements → DATE_FORMAT specifiers; upper-case names upper-cased; unsupported elements reported', () => {
  const ctx = new OmContext({ target: 'mysql' });
  const span = { file: 't', line: 1, column: 1, endLine: 1, endColumn: 1 };
  assert.deepEqual(mysqlMask('YYYY-MM-DD HH24:MI:SS', ctx, span), { format: '%Y-%m-%d %H:%i:%s', upper: false });
  assert.deepEqual(mysqlMask('DD-MON-YYYY', ctx, span), { format: '%d-%b-%Y', upper: true });
  assert.deepEqual(mysqlMask('Dy DD Mon', ctx, span), { format: '%a %d %b', upper: false });
  assert.equal(ctx.diagnostics.length, 0);
  mysqlMask('YYYY "Q"Q', ctx, span);
  assert.equal(ctx.diagnostics[0]?.code, 'OM0037');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CatalogObject, ParseResult, Table } from '../../../../converters/model/index.js';
import { oracleFrontEnd } from '../../../../converters/dialects/oracle/index.js';
import { decodeScript } from '../../../../electron/node/pipeline/inputs.js';

function parse(text: string, variables?: Record<string, string>, more: { path: string; text: string }[] = []): ParseResult {
  return oracleFrontEnd.parse([{ path: 'main.sql', text }, ...more], variables ? { variables } : {});
}
const codes = (r: ParseResult) => r.diagnostics.map((d) => d.code);
const tableNames = (r: ParseResult) => r.catalog.objects.filter((o): o is Table => o.kind === 'Table').map((t) => `${t.name.schema ? `${t.name.schema}.` : ''}${t.name.name}`);
const at = (r: ParseResult, code: string) => r.diagnostics.filter((d) => d.code === code).map((d) => `${d.span.file}:${d.span.line}:${d.span.column}`);
function strings(objects: CatalogObject[]): string[] {
  const out: string[] = [];
  JSON.stringify(objects, (_k, v) => { if (v && typeof v === 'object' && v.kind === 'Literal' && v.type === 'string') out.push(v.value); return v; });
  return out;
}

test('REM, PROMPT, SET, SPOOL, SHOW, DESC, WHENEVER and COMMIT are read silently; SQL between them converts', () => {
  const r = parse([
    'REM a remark; with a semicolon', 'rem', 'Remark another', 'PROMPT Creating T ...', 'PRO short form', 'SET ECHO OFF', 'SET FEEDBACK 1',
    'set serveroutput on size 1000000', 'SET LINESIZE 80', 'SPOOL out.log', 'WHENEVER SQLERROR EXIT SQL.SQLCODE', 'WHENEVER OSERROR CONTINUE',
    'SHOW USER', 'DESC dual', 'CREATE TABLE t (a NUMBER(5));', 'COMMIT;', 'spool off', '',
  ].join('\n'));
  assert.deepEqual(codes(r), []);
  assert.deepEqual(tableNames(r), ['T']);
});

test('COLUMN, TTITLE, BREAK and COMPUTE: one info finding for all of them', () => {
  const r = parse('COLUMN a FORMAT a10\nTTITLE LEFT "x"\nBREAK ON a\nCOMPUTE SUM OF b ON a\nCREATE TABLE t (a NUMBER);\n');
  assert.deepEqual(codes(r), ['OS0007']);
  assert.deepEqual(at(r, 'OS0007'), ['main.sql:1:1']);
  assert.deepEqual(tableNames(r), ['T']);
});

test('unknown SQL*Plus command: located finding, the rest converts', () => {
  const r = parse('CREATE TABLE a (x NUMBER);\nFROBNICATE everything now\nCREATE TABLE b (x NUMBER);\n');
  assert.deepEqual(codes(r), ['OS0003']);
  assert.deepEqual(at(r, 'OS0003'), ['main.sql:2:1']);
  assert.match(r.diagnostics[0]!.message, /FROBNICATE/);
  assert.deepEqual(tableNames(r), ['A', 'B']);
});

test('&-substitution: DEFINE, &&, the "." that ends a name, &1 from the settings, names case-insensitive', () => {
  const r = parse([
    'DEFINE tab = emp', "DEFINE suffix = '_hist'", 'CREATE TABLE &tab._x (a NUMBER);', 'CREATE TABLE &&tab.&suffix (a NUMBER);',
    'CREATE TABLE &1 (a NUMBER);', 'CREATE TABLE &Given (a NUMBER);', 'UNDEFINE tab', '',
  ].join('\n'), { 1: 'first', GIVEN: 'from_settings' });
  assert.deepEqual(codes(r), []);
  assert.deepEqual(tableNames(r), ['EMP_X', 'EMP_HIST', 'FIRST', 'FROM_SETTINGS']);
});

test('a variable with no value: located action item naming it and how to set it; the statement is kept as text; the rest converts', () => {
  const r = parse('CREATE TABLE ok1 (a NUMBER);\nCREATE TABLE t (a VARCHAR2(&len));\nCREATE TABLE ok2 (a NUMBER);\n');
  assert.deepEqual(codes(r), ['OS0004']);
  assert.deepEqual(at(r, 'OS0004'), ['main.sql:2:28']);
  assert.match(r.diagnostics[0]!.message, /&len/);
  assert.match(r.diagnostics[0]!.message, /variables: \{ len: /);
  assert.deepEqual(tableNames(r), ['OK1', 'OK2']);
  const kept = r.catalog.objects.find((o) => o.kind === 'UnparsedObject');
  assert.ok(kept && kept.kind === 'UnparsedObject' && kept.statement.text.includes('&len'));
});

test('DEFINE from a variable with no value leaves it undefined: only a use that matters reports it', () => {
  const r = parse('DEFINE log_file = &log_path.main.log\nSPOOL &log_file\nDEFINE tab = &1\nCREATE TABLE &tab (x NUMBER);\n');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column}`), ['OS0004 4:14']);
  assert.match(r.diagnostics[0]!.message, /&tab/);
});

test('SET DEFINE OFF keeps & literally; SET DEFINE ON and SET DEFINE <char> switch it back', () => {
  const r = parse([
    'SET DEFINE OFF', "INSERT INTO t VALUES ('Tom & Jerry');", 'SET DEFINE ON', 'DEFINE v = 7', "INSERT INTO t VALUES ('&v');",
    'SET DEFINE ^', "INSERT INTO t VALUES ('^v & &v');", '',
  ].join('\n'));
  assert.deepEqual(codes(r), []);
  assert.deepEqual(strings(r.catalog.objects), ['Tom & Jerry', '7', '7 & &v']);
});

test('SET ESCAPE keeps an escaped & as written; an unknown variable inside a comment does not block the statement', () => {
  const r = parse([
    'SET ESCAPE ON', "INSERT INTO t VALUES ('R\\&D');", 'SET ESCAPE OFF',
    'CREATE TABLE r_d ( -- owned by R&D', '  a NUMBER /* see &notes */', ');', '',
  ].join('\n'));
  assert.deepEqual(codes(r), []);
  assert.deepEqual(strings(r.catalog.objects), ['R&D']);
  assert.deepEqual(tableNames(r), ['R_D']);
});

test('ACCEPT takes the value from the settings, else its DEFAULT; PROMPT text is not a statement', () => {
  const r = parse("ACCEPT tbs PROMPT 'Tablespace [&dflt]: ' DEFAULT 'USERS'\nACCEPT owner CHAR PROMPT 'Owner: '\nCREATE TABLE &owner..t (a NUMBER) TABLESPACE &tbs;\n", { owner: 'scott' });
  assert.deepEqual(codes(r), []);
  const t = r.catalog.objects[0] as Table;
  assert.equal(t.tablespace, 'USERS');
  assert.deepEqual(t.name, { name: 'T', schema: 'SCOTT' });
});

test('CONNECT switches the schema to the user; the password is not kept anywhere', () => {
  const r = parse('CONNECT hr/Sup3rSecret@//db:1521/XE\nCREATE TABLE a (x NUMBER);\nconn "Mixed"/Sup3rSecret\nCREATE TABLE b (x NUMBER);\nCONNECT sys/&syspw AS SYSDBA\nCREATE TABLE c (x NUMBER);\n', { syspw: 'Sup3rSecret' });
  assert.deepEqual(tableNames(r), ['HR.A', 'Mixed.B', 'SYS.C']);
  assert.ok(!JSON.stringify(r).includes('Sup3rSecret'));
});

test('password variables (ACCEPT … HIDE, password-like names, and DEFINEs copied from them) never reach the model', () => {
  const r = parse([
    "ACCEPT admin_key PROMPT 'Key: ' HIDE", 'DEFINE copy = &admin_key', 'BEGIN', "  IF '&admin_key' IS NULL OR '&copy' = '&db_pass' THEN NULL; END IF;", 'END;', '/', '',
  ].join('\n'), { admin_key: 'K3yValue', db_pass: 'Pa55Value' });
  const json = JSON.stringify(r);
  assert.ok(!json.includes('K3yValue') && !json.includes('Pa55Value'));
  assert.deepEqual(codes(r).filter((c) => c === 'OS0025').length, 3);
});

test('ALTER SESSION SET CURRENT_SCHEMA switches the schema too', () => {
  const r = parse('ALTER SESSION SET CURRENT_SCHEMA = app;\nCREATE TABLE a (x NUMBER);\n');
  assert.deepEqual(tableNames(r), ['APP.A']);
});

test('@ and @@ includes run where they stand (relative to the script), once, with variables shared; a missing include is located', () => {
  const main = 'DEFINE n = 1\n@@sub/child.sql\n@sub/child\nCREATE TABLE after_include (x NUMBER);\n@@nowhere.sql\nSTART sub/other\n';
  const r = parse(main, undefined, [
    { path: 'sub/child.sql', text: 'CREATE TABLE child_&n (x NUMBER);\n@@other.sql\n' },
    { path: 'sub/other.sql', text: 'CREATE TABLE other (x NUMBER);\n' },
  ]);
  assert.deepEqual(tableNames(r), ['CHILD_1', 'OTHER', 'AFTER_INCLUDE']);
  assert.deepEqual(codes(r), ['OS0005']);
  assert.deepEqual(at(r, 'OS0005'), ['main.sql:5:1']);
  assert.match(r.diagnostics[0]!.message, /nowhere\.sql/);
  const home = parse('@?/rdbms/admin/utlxplan\n');
  assert.deepEqual(codes(home), ['OS0005']);
  assert.match(home.diagnostics[0]!.message, /ORACLE_HOME/);
});

test('a script of DEFINEs given first supplies the values to the scripts after it', () => {
  const r = oracleFrontEnd.parse([{ path: 'defines.sql', text: 'DEFINE tab = from_defines\n' }, { path: 'main.sql', text: 'CREATE TABLE &tab (x NUMBER);\n' }]);
  assert.deepEqual(codes(r), []);
  assert.deepEqual(tableNames(r), ['FROM_DEFINES']);
});

test('@script and START pass their arguments as &1, &2 …', () => {
  const r = parse("@@make.sql alpha 'beta gamma'\nSTART make2 delta\n", undefined, [
    { path: 'make.sql', text: 'CREATE TABLE &1 (x VARCHAR2(20) DEFAULT \'&2\');\n' },
    { path: 'make2.sql', text: 'CREATE TABLE &1 (x NUMBER);\n' },
  ]);
  assert.deepEqual(codes(r), []);
  assert.deepEqual(tableNames(r), ['ALPHA', 'DELTA']);
  assert.deepEqual(strings(r.catalog.objects), ['beta gamma']);
});

test('a script that includes itself is reported, not looped', () => {
  const r = oracleFrontEnd.parse([{ path: 'a.sql', text: 'CREATE TABLE a (x NUMBER);\n@@b.sql\n' }, { path: 'b.sql', text: '@@a.sql\nCREATE TABLE b (x NUMBER);\n' }]);
  assert.deepEqual(tableNames(r), ['A', 'B']);
  assert.deepEqual(codes(r), ['OS0005']);
  assert.match(r.diagnostics[0]!.message, /includes itself/);
});

test("'/' on its own line ends a statement; '-' continues a SQL*Plus command; SQLBLANKLINES ON keeps blank lines", () => {
  const r = parse([
    'CREATE TABLE a (x NUMBER)', '/', 'DEFINE long = -', 'wide_name', 'CREATE TABLE &long (x NUMBER);', 'SET SQLBLANKLINES ON',
    'CREATE TABLE c (', '', '  x NUMBER', ');', '',
  ].join('\n'));
  assert.deepEqual(codes(r), []);
  assert.deepEqual(tableNames(r), ['A', 'WIDE_NAME', 'C']);
});

test('EXIT ends the session: text after it is not converted and that is said', () => {
  const r = parse('CREATE TABLE a (x NUMBER);\nEXIT\nCREATE TABLE b (x NUMBER);\n');
  assert.deepEqual(tableNames(r), ['A']);
  assert.deepEqual(codes(r), ['OS0017']);
  const quiet = parse('CREATE TABLE a (x NUMBER);\nexit;\n');
  assert.deepEqual(codes(quiet), []);
});

test('unterminated PL/SQL unit before the next CREATE: located at the unit, and the following CREATE still converts', () => {
  const r = parse([
    'CREATE OR REPLACE PROCEDURE p IS', 'BEGIN', '  NULL;', 'END;', 'CREATE TABLE after_proc (x NUMBER);', '',
  ].join('\n'));
  assert.deepEqual(at(r, 'OS0002'), ['main.sql:1:1']);
  assert.match(r.diagnostics.find((d) => d.code === 'OS0002')!.message, /not ended by '\/' before the CREATE at line 5/);
  assert.deepEqual(tableNames(r), ['AFTER_PROC']);
});

test('EOF inside a string: located at the opening quote; earlier statements convert', () => {
  const r = parse("CREATE TABLE a (x NUMBER);\nINSERT INTO a VALUES ('never closed);\n");
  assert.deepEqual(tableNames(r), ['A']);
  assert.deepEqual(at(r, 'OS0002'), ['main.sql:2:23']);
  assert.match(r.diagnostics[0]!.message, /inside a string opened at line 2, column 23/);
});

test("q'[…]' strings may hold ';' and quotes without ending the statement", () => {
  const r = parse("INSERT INTO t VALUES (q'[it's; fine]', Q'{a}b}', nq'!x!');\n");
  assert.deepEqual(codes(r), []);
  assert.deepEqual(strings(r.catalog.objects), ["it's; fine", 'a}b', 'x']);
});

test('Latin-1 file: the CLI decodes it with an info finding and the Oracle front end reads the accents', () => {
  const script = "CREATE TABLE caf\u00e9 (x NUMBER);\nCOMMENT ON TABLE caf\u00e9 IS 'Entr\u00e9es \u00e0 la carte';\n";
  const bytes = Uint8Array.from([...script].map((c) => c.charCodeAt(0)));
  const decoded = decodeScript(bytes, 'latin1.sql');
  assert.equal(decoded.encoding, 'latin-1');
  assert.equal(decoded.diagnostic?.code, 'IN0001');
  const r = oracleFrontEnd.parse([{ path: 'latin1.sql', text: decoded.text! }]);
  assert.deepEqual(codes(r), []);
  const t = r.catalog.objects[0] as Table;
  assert.equal(t.name.name, 'CAF\u00c9');
  assert.equal(t.comment, 'Entr\u00e9es \u00e0 la carte');
  // the same text as UTF-8 gives the same model and no finding
  const utf8 = decodeScript(new TextEncoder().encode(script), 'utf8.sql');
  assert.equal(utf8.diagnostic, undefined);
  assert.equal(utf8.text, decoded.text);
});

test('GRANT, CREATE USER and ALTER SESSION are ignored with one counted finding; passwords in them are never kept', () => {
  const r = parse('CREATE USER app IDENTIFIED BY Pw0rd;\nGRANT CONNECT TO app;\nGRANT SELECT ON t TO app;\nALTER SESSION SET NLS_DATE_FORMAT = \'YYYY\';\n');
  assert.deepEqual(codes(r), ['OS0009']);
  assert.match(r.diagnostics[0]!.message, /^4 /);
  assert.equal(r.catalog.objects.length, 0);
  assert.ok(!JSON.stringify(r).includes('Pw0rd'));
});

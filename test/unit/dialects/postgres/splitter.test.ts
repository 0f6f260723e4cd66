import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitPostgresScript } from '../../../../converters/dialects/postgres/splitter.js';

test('splits on semicolons outside quotes, dollar quotes and nested comments', () => {
  const sql = [
    "SELECT 'a;b', \"x;y\" FROM t; -- c;",
    'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $x$ ; $x$ $body$ LANGUAGE sql;',
    "/* outer /* inner; */ still; */ SELECT E'it\\'s;' ;",
    'SELECT $1 + a$b;',
  ].join('\n');
  const items = splitPostgresScript(sql, 'a.sql');
  assert.deepEqual(items.map((s) => s.text), [
    "SELECT 'a;b', \"x;y\" FROM t",
    'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $x$ ; $x$ $body$ LANGUAGE sql',
    "SELECT E'it\\'s;'",
    'SELECT $1 + a$b',
  ]);
  assert.deepEqual(items.map((s) => [s.span.line, s.span.column]), [[1, 1], [2, 1], [3, 33], [4, 1]]);
  assert.ok(items.every((s) => s.kind === 'sql' && !s.unterminated));
});

test('psql meta-commands are their own items; BOM and CRLF are handled', () => {
  const sql = '\uFEFF\\restrict abc\r\nSET x = 1;\r\n\\c chinook;\r\nCREATE TABLE t (a int);\r\n\\unrestrict abc\r\n';
  const items = splitPostgresScript(sql, 'b.sql');
  assert.deepEqual(items.map((s) => [s.kind, s.text]), [
    ['meta', '\\restrict abc'], ['sql', 'SET x = 1'], ['meta', '\\c chinook;'], ['sql', 'CREATE TABLE t (a int)'], ['meta', '\\unrestrict abc'],
  ]);
  assert.equal(items[3]!.span.line, 4);
});

test('COPY FROM stdin carries its data rows up to \\.', () => {
  const sql = 'COPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.\nSELECT 1;\n';
  const items = splitPostgresScript(sql, 'c.sql');
  assert.equal(items.length, 2);
  assert.equal(items[0]!.kind, 'copy');
  assert.equal(items[0]!.text, 'COPY public.t (a, b) FROM stdin');
  assert.deepEqual(items[0]!.copyRows, ['1\tx;y', '2\t\\N']);
  assert.equal(items[1]!.text, 'SELECT 1');
  assert.equal(items[1]!.span.line, 5);
});

test('unterminated input ends with one flagged item and no hang', () => {
  for (const [sql, why] of [
    ['CREATE FUNCTION f() AS $$ BEGIN', 'dollar-quote'],
    ["SELECT 'abc", 'string'],
    ['SELECT 1 /* open /* nested */', 'comment'],
    ['SELECT "x', 'identifier'],
    ['SELECT 1', 'statement'],
    ['COPY t FROM stdin;\n1\n2\n', 'copy-data'],
  ] as const) {
    const items = splitPostgresScript(sql, 'd.sql');
    assert.equal(items.at(-1)!.unterminated, why, sql);
  }
  const garbage = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
  assert.doesNotThrow(() => splitPostgresScript(garbage, 'g.sql'));
});

test('a 1 MB script splits into every statement (timing belongs to bench/, not here)', () => {
  const stmt = "CREATE TABLE public.t (id integer DEFAULT nextval('s'::regclass) NOT NULL, v text); -- note; not a split\n";
  const n = Math.ceil(1_000_000 / stmt.length);
  const items = splitPostgresScript(stmt.repeat(n), 'big.sql');
  assert.equal(items.length, n);
  assert.equal(items[n - 1]!.span.line, n);
});

test('SQL-standard routine bodies (BEGIN ATOMIC … END) keep their inner semicolons, like psql', () => {
  const sql = 'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 END; SELECT 2; END;\nSELECT 3;\nBEGIN; SELECT 4; END;';
  const items = splitPostgresScript(sql, 'e.sql');
  assert.deepEqual(items.map((s) => s.text), [
    'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 END; SELECT 2; END',
    'SELECT 3', 'BEGIN', 'SELECT 4', 'END',
  ]);
});

test("psql's \\copy … from stdin carries its data rows too", () => {
  const items = splitPostgresScript('\\copy t (a) from stdin\n1\n2\n\\.\nSELECT 1;', 'f.sql');
  assert.deepEqual(items.map((s) => [s.kind, s.text, s.copyRows]), [['copy', 'copy t (a) from stdin', ['1', '2']], ['sql', 'SELECT 1', undefined]]);
});

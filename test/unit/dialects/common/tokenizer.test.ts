import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, MYSQL_TOKENIZER, POSTGRES_TOKENIZER, mysqlDialect, type Token } from '../../../../converters/dialects/common/index.js';

const my = (t: string) => tokenize(t, MYSQL_TOKENIZER);
const pg = (t: string) => tokenize(t, POSTGRES_TOKENIZER);
const brief = (ts: Token[]) => ts.filter((t) => t.type !== 'eof').map((t) => `${t.type}:${t.value}${t.prefix ? `/${t.prefix}` : ''}`);

const MYSQL_CASES: [string, string[]][] = [
  ['`a``b` "s\\"x" \'it\'\'s\'', ['qident:a`b', 'string:s"x', "string:it's"]],
  ["'a\\nb\\%\\_\\\\'", ['string:a\nb\\%\\_\\']],
  ["_utf8mb4'x' N'y' X'4142' x'ff' b'101' 0x1F 0b11", ['string:x/_utf8mb4', 'string:y/N', 'hex:4142/X', 'hex:ff/X', 'bit:101/B', 'hex:1F/0x', 'bit:11/0b']],
  ['@x @@session.sql_mode @\'q v\' ?', ['variable:x/@', 'variable:session.sql_mode/@@', 'variable:q v/@', 'variable:?/?']],
  ['a:=1 <=> -> ->> != <> && ||', ['word:a', 'op::=', 'number:1', 'op:<=>', 'op:->', 'op:->>', 'op:!=', 'op:<>', 'op:&&', 'op:||']],
  ['1 --1\n-- comment\n# hash\n2', ['number:1', 'op:-', 'op:-', 'number:1', 'number:2']],
  ['/*!50705 SPATIAL */ /*!90000 skipped */ /*! always */ /*M!100100 maria */ x', ['word:SPATIAL', 'word:always', 'word:x']],
  ['/*!50705 NOT NULL,*/ y', ['word:NOT', 'word:NULL', 'op:,', 'word:y']],
  ['1e5 1.5 .5 1abc 3E-2', ['number:1e5', 'number:1.5', 'number:.5', 'word:1abc', 'number:3E-2']],
  ['SELECT /*+ BKA(t) */ 1', ['word:SELECT', 'number:1']],
];

const PG_CASES: [string, string[]][] = [
  ['"A""b" \'it\'\'s\' E\'a\\tb\\x41\' U&"d\\0061t" $$x;y$$ $fn$ a $b$ $fn$ B\'01\' X\'ff\'', ['qident:A"b', "string:it's", 'string:a\tbA/E', 'qident:dat/U&', 'string:x;y/$$', 'string: a $b$ /$fn$', 'bit:01/B', 'hex:ff/X']],
  ['$1 :name a::int x[1:2]', ['variable:1/$', 'variable:name/:', 'word:a', 'op:::', 'word:int', 'word:x', 'op:[', 'number:1', 'op::', 'number:2', 'op:]']],
  ['#> #>> @> <@ ~* !~* !~ ~ ||', ['op:#>', 'op:#>>', 'op:@>', 'op:<@', 'op:~*', 'op:!~*', 'op:!~', 'op:~', 'op:||']],
  ['/* a /* nested */ still */ x --1\ny', ['word:x', 'word:y']],
  ["'a\\n'", ['string:a\\n']],
];

test('MySQL tokens', () => {
  for (const [input, expected] of MYSQL_CASES) {
    const r = my(input);
    assert.deepEqual(r.errors, [], input);
    assert.deepEqual(brief(r.tokens), expected, input);
  }
});

test('PostgreSQL tokens', () => {
  for (const [input, expected] of PG_CASES) {
    const r = pg(input);
    assert.deepEqual(r.errors, [], input);
    assert.deepEqual(brief(r.tokens), expected, input);
  }
});

test('ANSI_QUOTES and NO_BACKSLASH_ESCAPES change string forms', () => {
  const d = mysqlDialect({ ansiQuotes: true, noBackslashEscapes: true });
  assert.deepEqual(brief(tokenize('"a" \'b\\\'', d.tokenizer).tokens), ['qident:a', 'string:b\\']);
});

test('lines and columns: BOM, CRLF, lone CR, multi-line strings and comments', () => {
  const r = my('\uFEFFSELECT\r\n  a,\r\n\'x\ny\' /* c\r\nd */ b\rc');
  const t = r.tokens.filter((x) => x.type !== 'eof');
  assert.deepEqual(t.map((x) => [x.value, x.line, x.column, x.endLine, x.endColumn]), [
    ['SELECT', 1, 1, 1, 7], ['a', 2, 3, 2, 4], [',', 2, 4, 2, 5], ['x\ny', 3, 1, 4, 3], ['b', 5, 6, 5, 7], ['c', 6, 1, 6, 2],
  ]);
  assert.equal(t[1]!.offset, 11);
  assert.equal(t[1]!.text, 'a');
});

test('start position offsets tokens of a statement cut from a file', () => {
  const r = tokenize('x\n y', MYSQL_TOKENIZER, { offset: 100, line: 7, column: 5 });
  assert.deepEqual(r.tokens.slice(0, 2).map((t) => [t.offset, t.line, t.column]), [[100, 7, 5], [103, 8, 2]]);
});

test('errors: unterminated string, comment, dollar quote, and garbage reported once', () => {
  assert.match(my("select 'abc").errors[0]!.message, /unterminated string/);
  assert.equal(my("select 'abc").errors[0]!.column, 8);
  assert.match(my('select /* abc').errors[0]!.message, /unterminated comment/);
  assert.match(pg('select $q$ abc').errors[0]!.message, /unterminated dollar-quoted/);
  const g = my('a \u0000\u0001\u0002 b \u0000 c');
  assert.equal(g.errors.length, 1);
  assert.match(g.errors[0]!.message, /NUL byte/);
  assert.deepEqual(brief(g.tokens).filter((s) => s.startsWith('word')), ['word:a', 'word:b', 'word:c']);
});

test('50 MB of SQL tokenizes in linear time', () => {
  const stmt = "INSERT INTO t VALUES (1,'abc\\'d',2.5,NULL), (2,'x',3,'y'); -- c\n";
  const small = stmt.repeat(2000);
  const t0 = performance.now();
  const n1 = tokenize(small, MYSQL_TOKENIZER).tokens.length;
  const t1 = performance.now() - t0;
  const big = stmt.repeat(20000);
  const t2 = performance.now();
  const n2 = tokenize(big, MYSQL_TOKENIZER).tokens.length;
  const t3 = performance.now() - t2;
  assert.equal(n2 - 1, (n1 - 1) * 10);
  // 10x the input must not cost more than ~30x the time (quadratic would be 100x).
  assert.ok(t3 < Math.max(t1, 5) * 30, `${t1.toFixed(1)} ms vs ${t3.toFixed(1)} ms`);
});

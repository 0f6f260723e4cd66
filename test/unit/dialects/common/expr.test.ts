import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser, MYSQL_DIALECT, POSTGRES_DIALECT, mysqlDialect, parseExpression, ParseError, type Dialect } from '../../../../converters/dialects/common/index.js';
import { assertShape, col, num, str, bin, fn } from './helpers.js';

function expr(text: string, d: Dialect) {
  const p = new Parser(text, 'e.sql', d);
  const e = parseExpression(p);
  assert.ok(p.atEnd(), `left over '${p.cur.text}' in ${text}`);
  return e;
}

const BOTH: [string, unknown][] = [
  ['a + b * c', bin('+', col('a'), bin('*', col('b'), col('c')))],
  ['(a + b) * c', bin('*', bin('+', col('a'), col('b')), col('c'))],
  ['a - b - c', bin('-', bin('-', col('a'), col('b')), col('c'))],
  ['-1', num('-1')],
  ['- a', { kind: 'Unary', op: '-', operand: col('a') }],
  ['NOT a = 1 AND b', bin('and', { kind: 'Unary', op: 'NOT', operand: bin('=', col('a'), num('1')) }, col('b'))],
  ['a OR b AND c', bin('or', col('a'), bin('and', col('b'), col('c')))],
  ['a <> b', bin('<>', col('a'), col('b'))],
  ['a != b', bin('<>', col('a'), col('b'))],
  ['t.c IS NOT NULL', { kind: 'IsTest', expr: col('t', 'c'), test: 'null', not: true }],
  ['x IS TRUE', { kind: 'IsTest', test: 'true', not: false }],
  ['a IS NOT DISTINCT FROM b', bin('is not distinct from', col('a'), col('b'))],
  ['x NOT BETWEEN 1 AND 2 AND y', bin('and', { kind: 'Between', expr: col('x'), low: num('1'), high: num('2'), not: true }, col('y'))],
  ['x IN (1, 2)', { kind: 'InList', expr: col('x'), list: [num('1'), num('2')], not: false }],
  ['x NOT IN (SELECT y FROM t)', { kind: 'InQuery', not: true, query: { kind: 'Select' } }],
  ["a LIKE 'x%' ESCAPE '!'", { kind: 'Like', op: 'like', not: false, expr: col('a'), pattern: str('x%'), escape: str('!') }],
  ["a NOT LIKE 'x'", { kind: 'Like', op: 'like', not: true }],
  ['EXISTS (SELECT 1)', { kind: 'Exists', not: false }],
  ['NOT EXISTS (SELECT 1)', { kind: 'Unary', op: 'NOT', operand: { kind: 'Exists' } }],
  ['(SELECT max(x) FROM t)', { kind: 'ScalarSubquery', query: { kind: 'Select' } }],
  ['CASE a WHEN 1 THEN 2 ELSE 3 END', { kind: 'Case', operand: col('a'), whens: [{ when: num('1'), then: num('2') }], else: num('3') }],
  ['CASE WHEN a > 1 THEN 2 END', { kind: 'Case', operand: undefined, whens: [{ when: bin('>', col('a'), num('1')), then: num('2') }] }],
  ['CAST(a AS DECIMAL(10,2))', { kind: 'Cast', expr: col('a'), syntax: 'cast', type: { name: 'decimal', precision: 10, scale: 2 } }],
  ['count(*)', { kind: 'FunctionCall', name: { name: 'count' }, star: true, args: [] }],
  ['count(DISTINCT a)', { kind: 'FunctionCall', distinct: true, args: [col('a')] }],
  ['sum(x) OVER (PARTITION BY a ORDER BY b DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
    { kind: 'FunctionCall', over: { partitionBy: [col('a')], orderBy: [{ expr: col('b'), direction: 'desc' }], frame: 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW' } }],
  ['rank() OVER w', { kind: 'FunctionCall', over: { name: 'w' } }],
  ['EXTRACT(YEAR FROM d)', { ...fn('EXTRACT', col('d')), keywordForm: { keyword: 'FROM', leading: 'YEAR' } }],
  ["EXTRACT('epoch' FROM d)", { ...fn('EXTRACT', col('d')), keywordForm: { keyword: 'FROM', leading: 'EPOCH' } }],
  ["TRIM(BOTH 'x' FROM y)", { ...fn('TRIM', str('x'), col('y')), keywordForm: { keyword: 'FROM', leading: 'BOTH' } }],
  ['TRIM(y)', fn('TRIM', col('y'))],
  ["POSITION('a' IN b)", { ...fn('POSITION', str('a'), col('b')), keywordForm: { keyword: 'IN' } }],
  ['SUBSTRING(x FROM 2 FOR 3)', { ...fn('SUBSTRING', col('x'), num('2'), num('3')), keywordForm: { keyword: 'FROM' } }],
  ['SUBSTRING(x, 2, 3)', fn('SUBSTRING', col('x'), num('2'), num('3'))],
  ['CURRENT_TIMESTAMP', fn('CURRENT_TIMESTAMP')],
  ['CURRENT_DATE + 1', bin('+', fn('CURRENT_DATE'), num('1'))],
  ['LOCALTIMESTAMP', fn('LOCALTIMESTAMP')],
  ['CURRENT_TIMESTAMP(3)', fn('CURRENT_TIMESTAMP', num('3'))],
  ['now()', fn('now')],
  ["LEFT(a, 2) || RIGHT(b, 1)", { kind: 'Binary', left: fn('LEFT', col('a'), num('2')), right: fn('RIGHT', col('b'), num('1')) }],
  ["REPLACE(a, 'x', 'y')", fn('REPLACE', col('a'), str('x'), str('y'))],
  ["DATE '2020-01-01'", { kind: 'Literal', type: 'date', value: '2020-01-01' }],
  ["TIMESTAMP '2020-01-01 10:00:00'", { kind: 'Literal', type: 'timestamp' }],
  ['new.col', col('new', 'col')],
  ['a COLLATE utf8mb4_bin', { kind: 'Collate', expr: col('a'), collation: 'utf8mb4_bin' }],
  ['(a, b) = (1, 2)', bin('=', { kind: 'Row', items: [col('a'), col('b')] }, { kind: 'Row', items: [num('1'), num('2')] })],
  ['ROW(1, 2)', { kind: 'Row', items: [num('1'), num('2')] }],
  ['x = ANY (SELECT y FROM t)', { kind: 'Binary', op: 'any', quantifiedOp: '=', right: { kind: 'ScalarSubquery' } }],
  ['x > ALL (SELECT y FROM t)', { kind: 'Binary', op: 'all', quantifiedOp: '>' }],
  ['NULL', { kind: 'Literal', type: 'null' }],
  ['TRUE', { kind: 'Literal', type: 'boolean', value: 'true' }],
  ['t.*', { kind: 'Star', qualifier: ['t'] }],
  ['a & b | c', { kind: 'Binary' }],
  ["'a' 'b'", str('ab')],
  ['DEFAULT', { kind: 'Default' }],
];

const MYSQL: [string, unknown][] = [
  ['a || b', bin('or', col('a'), col('b'))],
  ['a && b', bin('and', col('a'), col('b'))],
  ['a XOR b OR c', bin('or', bin('xor', col('a'), col('b')), col('c'))],
  ['a DIV 2', bin('div', col('a'), num('2'))],
  ['a MOD 2', bin('%', col('a'), num('2'))],
  ['a <=> NULL', bin('<=>', col('a'), { kind: 'Literal', type: 'null' })],
  ["a REGEXP '^x'", { kind: 'Like', op: 'regexp', not: false }],
  ["a NOT RLIKE '^x'", { kind: 'Like', op: 'regexp', not: true }],
  ['`weird name`.`x`', { kind: 'ColumnRef', parts: ['weird name', 'x'], quoted: [true, true] }],
  ['@v + @@GLOBAL.max_connections', bin('+', { kind: 'Variable', name: 'v', scope: 'user' }, { kind: 'Variable', name: 'GLOBAL.max_connections', scope: 'system' })],
  ['DATE_ADD(d, INTERVAL 1 DAY)', fn('DATE_ADD', col('d'), { kind: 'Interval', value: num('1'), unit: 'DAY' })],
  ['d + INTERVAL (n * 2) HOUR_MINUTE', bin('+', col('d'), { kind: 'Interval', value: bin('*', col('n'), num('2')), unit: 'HOUR_MINUTE' })],
  ['CONVERT(a, CHAR(10))', { kind: 'Cast', syntax: 'convert', type: { name: 'char', length: 10 } }],
  ['CONVERT(a USING utf8mb4)', { ...fn('CONVERT', col('a'), str('utf8mb4')), keywordForm: { keyword: 'USING' } }],
  ['CAST(a AS SIGNED INTEGER)', { kind: 'Cast', type: { name: 'bigint', unsigned: undefined } }],
  ['CAST(a AS UNSIGNED)', { kind: 'Cast', type: { name: 'bigint', unsigned: true } }],
  ["GROUP_CONCAT(DISTINCT a ORDER BY b SEPARATOR '; ')", { kind: 'FunctionCall', distinct: true, args: [col('a')], orderBy: [{ expr: col('b') }], separator: str('; ') }],
  ['IF(a > 1, DATABASE(), USER())', fn('IF', bin('>', col('a'), num('1')), fn('DATABASE'), fn('USER'))],
  ['INSERT(s, 1, 2, x)', fn('INSERT', col('s'), num('1'), num('2'), col('x'))],
  ['VALUES(b)', fn('VALUES', col('b'))],
  ["_utf8mb4'é' COLLATE utf8mb4_bin", { kind: 'Collate', expr: { kind: 'Literal', value: 'é', introducer: '_utf8mb4' } }],
  ["N'x'", { kind: 'Literal', value: 'x', national: true }],
  ["X'41' + 0x42 + b'1'", bin('+', bin('+', { kind: 'Literal', type: 'hex', value: '41' }, { kind: 'Literal', type: 'hex', value: '42' }), { kind: 'Literal', type: 'bit', value: '1' })],
  ["\"double\" = 'single'", bin('=', str('double'), str('single'))],
  ['!a', { kind: 'Unary', op: '!', operand: col('a') }],
  ['~a', { kind: 'Unary', op: '~', operand: col('a') }],
  ["doc->'$.a' = doc->>'$.b'", bin('=', bin('->', col('doc'), str('$.a')), bin('->>', col('doc'), str('$.b')))],
  ['BINARY a = b', bin('=', { kind: 'Cast', type: { name: 'binary' }, expr: col('a') }, col('b'))],
  ["MATCH(a, b) AGAINST ('x' IN BOOLEAN MODE)", { ...fn('MATCH', col('a'), col('b'), str('x')), keywordForm: { keyword: 'AGAINST', leading: 'IN BOOLEAN MODE' } }],
  ['a ^ b', bin('^', col('a'), col('b'))],
  ['a << 2', bin('<<', col('a'), num('2'))],
  ['UTC_TIMESTAMP', fn('UTC_TIMESTAMP')],
  ['?', { kind: 'Variable', name: '?', scope: 'positional' }],
];

const PG: [string, unknown][] = [
  ['a || b', bin('concat', col('a'), col('b'))],
  ['A + "B"', bin('+', col('a'), { kind: 'ColumnRef', parts: ['B'], quoted: [false, true].slice(1) })],
  ['x::int', { kind: 'Cast', expr: col('x'), syntax: 'coloncolon', type: { name: 'int' } }],
  ["'{1,2}'::integer[]", { kind: 'Cast', type: { name: 'int', arrayDims: 1 } }],
  ['a::numeric(10,2)::text', { kind: 'Cast', type: { name: 'text' }, expr: { kind: 'Cast', type: { name: 'decimal', precision: 10 } } }],
  ["interval '1 day'", { kind: 'Literal', type: 'interval', value: '1 day' }],
  ["interval '2' hour", { kind: 'Interval', value: str('2'), unit: 'HOUR' }],
  ["now() - interval '1 hour'", bin('-', fn('now'), { kind: 'Literal', type: 'interval' })],
  ["uuid 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", { kind: 'Cast', syntax: 'cast', type: { name: 'uuid' }, expr: { kind: 'Literal', type: 'string' } }],
  ['ARRAY[1, 2]', { kind: 'Array', items: [num('1'), num('2')] }],
  ['ARRAY[[1], [2]]', { kind: 'Array', items: [{ kind: 'Array' }, { kind: 'Array' }] }],
  ['a[1]', { kind: 'Subscript', expr: col('a'), index: num('1'), upper: undefined }],
  ['a[1:2]', { kind: 'Subscript', expr: col('a'), index: num('1'), upper: num('2') }],
  ['a[i:j]', { kind: 'Subscript', index: col('i'), upper: col('j') }],
  ['x = ANY(arr)', { kind: 'Binary', op: 'any', quantifiedOp: '=', right: col('arr') }],
  ["a ~ '^x'", { kind: 'Like', op: 'regexp', not: false, caseInsensitive: undefined }],
  ["a !~* '^x'", { kind: 'Like', op: 'regexp', not: true, caseInsensitive: true }],
  ["a ILIKE 'x'", { kind: 'Like', op: 'ilike' }],
  ["a NOT SIMILAR TO 'x'", { kind: 'Like', op: 'similar', not: true }],
  ["j -> 'a' ->> 'b'", bin('->>', bin('->', col('j'), str('a')), str('b'))],
  ["j #> '{a}' @> k", { kind: 'Binary', op: '@>' }],
  ['a ^ 2', fn('power', col('a'), num('2'))],
  ['a # b', bin('^', col('a'), col('b'))],
  ['$1 + $2', bin('+', { kind: 'Variable', scope: 'positional', name: '1' }, { kind: 'Variable', scope: 'positional', name: '2' })],
  ["E'a\\tb'", str('a\tb')],
  ['$$x$$', str('x')],
  ["string_agg(a, ',' ORDER BY b)", { kind: 'FunctionCall', args: [col('a'), str(',')], orderBy: [{ expr: col('b') }] }],
  ['count(*) FILTER (WHERE a > 1)', { kind: 'FunctionCall', star: true, filter: bin('>', col('a'), num('1')) }],
  ['percentile_cont(0.5) WITHIN GROUP (ORDER BY x)', { kind: 'FunctionCall', orderBy: [{ expr: col('x') }] }],
  ["ts AT TIME ZONE 'UTC'", { ...fn('timezone', col('ts'), str('UTC')), keywordForm: { keyword: 'AT TIME ZONE' } }],
  ['a ISNULL', { kind: 'IsTest', test: 'null', not: false }],
  // PostgreSQL ≥ 9.5: IS binds looser than comparisons.
  ['a = b IS NULL', { kind: 'IsTest', expr: bin('=', col('a'), col('b')) }],
  ['public.f(1)', { kind: 'FunctionCall', name: { schema: 'public', name: 'f' } }],
  ['CURRENT_SCHEMA', fn('current_schema')],
  ['ROW(1, 2)', { kind: 'Row' }],
  ["TIMESTAMP WITH TIME ZONE '2020-01-01 00:00+02'", { kind: 'Cast', type: { name: 'timestamp', withTimeZone: true } }],
];

test('expressions in both dialects', () => {
  for (const [input, expected] of BOTH) {
    for (const d of [MYSQL_DIALECT, POSTGRES_DIALECT]) {
      if (input.includes('||') && d === MYSQL_DIALECT) continue;
      // PostgreSQL folds unquoted function names to lower case.
      const exp = d === POSTGRES_DIALECT ? JSON.parse(JSON.stringify(expected), (k, v) => (k === 'name' && typeof v === 'object' && v && typeof v.name === 'string' ? { ...v, name: v.name.toLowerCase() } : v)) : expected;
      assertShape(expr(input, d), exp, `${d.name}: ${input}`);
    }
  }
});

test('MySQL expressions', () => {
  for (const [input, expected] of MYSQL) assertShape(expr(input, MYSQL_DIALECT), expected, input);
});

test('PostgreSQL expressions', () => {
  for (const [input, expected] of PG) assertShape(expr(input, POSTGRES_DIALECT), expected, input);
});

test('MySQL PIPES_AS_CONCAT makes || concatenation', () => {
  assertShape(expr('a || b', mysqlDialect({ pipesAsConcat: true })), bin('concat', col('a'), col('b')));
});

test('identifier hook resolves local variables', () => {
  const p = new Parser('total + t.total + qty', 'h.sql', MYSQL_DIALECT);
  p.hooks.identifier = (parts, _q, span) => (parts.length === 1 && parts[0] === 'total' ? { kind: 'Variable', name: 'total', scope: 'local', span } : undefined);
  assertShape(parseExpression(p), bin('+', bin('+', { kind: 'Variable', name: 'total', scope: 'local' }, col('t', 'total')), col('qty')));
});

test('spans cover the expression', () => {
  const e = expr('1 +\n  foo(bar)', MYSQL_DIALECT);
  assert.deepEqual([e.span.line, e.span.column, e.span.endLine, e.span.endColumn, e.span.file], [1, 1, 2, 11, 'e.sql']);
});

test('errors carry file:line:column and say what was expected', () => {
  const bad: [string, RegExp, Dialect][] = [
    ['(a + b', /^e\.sql:1:7: expected '\)' but found end of statement/, MYSQL_DIALECT],
    ['a +', /expected an expression but the statement ended/, MYSQL_DIALECT],
    ['CASE WHEN a THEN 1', /expected END/, MYSQL_DIALECT],
    ['CAST(a, int)', /expected AS but found ','/, POSTGRES_DIALECT],
    ['a IS 3', /expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS/, MYSQL_DIALECT],
    ['a <-> b', /operator <-> is not supported/, POSTGRES_DIALECT],
    ['\n  FROM', /^e\.sql:2:3: expected an expression but found 'FROM'/, MYSQL_DIALECT],
  ];
  for (const [input, re, d] of bad) {
    assert.throws(() => expr(input, d), (err: unknown) => err instanceof ParseError && re.test(err.message), input);
  }
});

test('PostgreSQL (record).field', () => {
  assertShape(expr('(r).total + (t.r).x', POSTGRES_DIALECT), bin('+', col('r', 'total'), col('t', 'r', 'x')));
  assert.throws(() => expr('(a + b).x', POSTGRES_DIALECT), /\(expr\)\.field\) is not supported/);
});

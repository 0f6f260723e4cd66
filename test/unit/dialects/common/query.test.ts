import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser, MYSQL_DIALECT, POSTGRES_DIALECT, parseDml, ParseError, type Dialect } from '../../../../converters/dialects/common/index.js';
import { assertShape, col, num, bin } from './helpers.js';

function dml(text: string, d: Dialect) {
  const p = new Parser(text, 'q.sql', d);
  const e = parseDml(p);
  p.expectEnd();
  return e;
}
const tref = (name: string, extra: object = {}) => ({ kind: 'TableRef', name: { name }, ...extra });

const BOTH: [string, unknown][] = [
  ['SELECT a, b AS c, d e FROM t', { kind: 'Select', items: [{ expr: col('a'), alias: undefined }, { expr: col('b'), alias: 'c' }, { expr: col('d'), alias: 'e' }], from: [tref('t')] }],
  ['SELECT DISTINCT a FROM s.t x WHERE a > 1 GROUP BY a HAVING count(*) > 1 ORDER BY a DESC NULLS LAST',
    { kind: 'Select', distinct: true, from: [{ kind: 'TableRef', name: { schema: 's', name: 't' }, alias: 'x' }], where: bin('>', col('a'), num('1')), groupBy: [col('a')], having: { kind: 'Binary' }, orderBy: [{ expr: col('a'), direction: 'desc', nulls: 'last' }] }],
  ['SELECT * FROM a JOIN b ON a.id = b.id LEFT OUTER JOIN c USING (k) CROSS JOIN d NATURAL JOIN e',
    { from: [{ kind: 'Join', type: 'inner', natural: true, right: tref('e'), left: { kind: 'Join', type: 'cross', right: tref('d'), left: { kind: 'Join', type: 'left', using: ['k'], left: { kind: 'Join', type: 'inner', on: { kind: 'Binary' } } } } }] }],
  ['SELECT * FROM a, b WHERE a.x = b.x', { from: [tref('a'), tref('b')] }],
  ['SELECT * FROM (SELECT 1 AS n) AS d', { from: [{ kind: 'DerivedTable', alias: 'd', query: { kind: 'Select' } }] }],
  ['SELECT * FROM (a JOIN b ON a.x = b.x)', { from: [{ kind: 'Join' }] }],
  ['SELECT 1 UNION SELECT 2 UNION ALL SELECT 3', { kind: 'SetOperation', op: 'union', all: true, left: { kind: 'SetOperation', op: 'union', all: false } }],
  ['SELECT 1 UNION SELECT 2 INTERSECT SELECT 3', { kind: 'SetOperation', op: 'union', right: { kind: 'SetOperation', op: 'intersect' } }],
  ['(SELECT a FROM t ORDER BY a LIMIT 1) UNION (SELECT b FROM u) ORDER BY 1 LIMIT 5',
    { kind: 'SetOperation', left: { kind: 'Select', limit: num('1') }, orderBy: [{ expr: num('1') }], limit: num('5') }],
  ['SELECT a FROM t LIMIT 10 OFFSET 20', { limit: num('10'), offset: num('20') }],
  ['WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3), s AS (SELECT 2) SELECT * FROM r',
    { kind: 'Select', with: [{ name: 'r', columns: ['n'], recursive: true, query: { kind: 'SetOperation' } }, { name: 's' }] }],
  ['SELECT a FROM t FOR UPDATE', { lock: 'update' }],
  ['SELECT row_number() OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b)', { windows: [{ name: 'w', spec: { partitionBy: [col('a')] } }] }],
  ['INSERT INTO t (a, b) VALUES (1, 2), (3, DEFAULT)', { kind: 'Insert', table: { name: 't' }, columns: ['a', 'b'], source: { kind: 'Values', rows: [[num('1'), num('2')], [num('3'), { kind: 'Default' }]] } }],
  ['INSERT INTO t SELECT * FROM u', { kind: 'Insert', columns: undefined, source: { kind: 'Select' } }],
  ['INSERT INTO t (a) SELECT x FROM u', { kind: 'Insert', columns: ['a'], source: { kind: 'Select' } }],
  ['INSERT INTO t DEFAULT VALUES', { kind: 'Insert', source: { kind: 'DefaultValues' } }],
  ['UPDATE t SET a = a + 1, b = DEFAULT WHERE id = 3', { kind: 'Update', table: tref('t'), set: [{ column: ['a'], value: bin('+', col('a'), num('1')) }, { column: ['b'], value: { kind: 'Default' } }], where: { kind: 'Binary' } }],
  ['DELETE FROM t WHERE id = 3', { kind: 'Delete', targets: [{ name: 't' }], from: [tref('t')], where: { kind: 'Binary' } }],
];

const MYSQL: [string, unknown][] = [
  ['SELECT SQL_CALC_FOUND_ROWS STRAIGHT_JOIN a FROM t', { modifiers: ['SQL_CALC_FOUND_ROWS', 'STRAIGHT_JOIN'] }],
  ["SELECT a 'x', b AS \"y\" FROM t", { items: [{ alias: 'x' }, { alias: 'y' }] }],
  ['SELECT a FROM t LIMIT 5, 10', { limit: num('10'), offset: num('5') }],
  ['SELECT a FROM t1 STRAIGHT_JOIN t2 ON t1.a = t2.a', { from: [{ kind: 'Join', type: 'straight' }] }],
  ['SELECT a FROM t USE INDEX (i1, i2) FORCE KEY FOR JOIN (i3)', { from: [{ kind: 'TableRef', hints: ['USE INDEX (i1, i2)', 'FORCE KEY FOR JOIN (i3)'] }] }],
  ['SELECT a, count(*) FROM t GROUP BY a WITH ROLLUP', { rollup: true }],
  ['SELECT a FROM t LOCK IN SHARE MODE', { lock: 'share' }],
  ['SELECT a INTO v FROM t WHERE id = 1', { into: [col('v')], from: [tref('t')] }],
  ['SELECT a, b FROM t WHERE id = 1 INTO @x, @y', { into: [{ kind: 'Variable', scope: 'user', name: 'x' }, { kind: 'Variable', name: 'y' }] }],
  ['SELECT 1 FROM DUAL', { from: [tref('DUAL')] }],
  ['VALUES ROW(1, 2), ROW(3, 4)', { kind: 'Values', rows: [[num('1'), num('2')], [num('3'), num('4')]] }],
  ['INSERT IGNORE INTO t SET a = 1, b = 2', { kind: 'Insert', ignore: true, columns: ['a', 'b'], source: { kind: 'Values', rows: [[num('1'), num('2')]] } }],
  ['REPLACE INTO t VALUES (1)', { kind: 'Insert', replace: true, source: { kind: 'Values' } }],
  ['INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = VALUES(a) + 1', { onDuplicateKeyUpdate: [{ column: ['a'], value: { kind: 'Binary', left: { kind: 'FunctionCall', name: { name: 'VALUES' } } } }] }],
  ['INSERT LOW_PRIORITY INTO t VALUE (1)', { kind: 'Insert', source: { kind: 'Values' } }],
  ['UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.a = t2.b WHERE t2.c = 1', { kind: 'Update', table: { kind: 'Join', type: 'inner' }, set: [{ column: ['t1', 'a'] }] }],
  ['UPDATE LOW_PRIORITY t SET a = 1 ORDER BY id DESC LIMIT 10', { orderBy: [{ direction: 'desc' }], limit: num('10') }],
  ['DELETE t1, t2 FROM t1 JOIN t2 ON t1.id = t2.id', { kind: 'Delete', targets: [{ name: 't1' }, { name: 't2' }], from: [{ kind: 'Join' }] }],
  ['DELETE FROM t1, t2 USING t1 JOIN t2 ON t1.id = t2.id', { kind: 'Delete', targets: [{ name: 't1' }, { name: 't2' }], from: [{ kind: 'Join' }] }],
  ['DELETE QUICK FROM t WHERE a = 1 ORDER BY id LIMIT 3', { targets: [{ name: 't' }], limit: num('3') }],
];

const PG: [string, unknown][] = [
  ['SELECT DISTINCT ON (a, b) a FROM t', { distinct: true, distinctOn: [col('a'), col('b')] }],
  ['SELECT a FROM t OFFSET 5 ROWS FETCH FIRST 3 ROWS ONLY', { limit: num('3'), offset: num('5') }],
  ['SELECT a FROM t ORDER BY a FETCH NEXT 3 ROWS WITH TIES', { limit: num('3'), withTies: true }],
  ['SELECT * FROM ONLY t', { from: [tref('t', { only: true })] }],
  ['SELECT * FROM generate_series(1, 3) AS g(n)', { from: [{ kind: 'TableFunction', alias: 'g', columnAliases: ['n'], call: { kind: 'FunctionCall', name: { name: 'generate_series' } } }] }],
  ['SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.a = t.a) x', { from: [tref('t'), { kind: 'DerivedTable', lateral: true, alias: 'x' }] }],
  ['SELECT * FROM t FULL JOIN u ON t.a = u.a', { from: [{ kind: 'Join', type: 'full' }] }],
  ['VALUES (1, 2), (3, 4)', { kind: 'Values', rows: [[num('1'), num('2')], [num('3'), num('4')]] }],
  ['SELECT a FROM t FOR NO KEY UPDATE SKIP LOCKED', { lock: 'update' }],
  ['SELECT a FROM t EXCEPT ALL SELECT b FROM u', { kind: 'SetOperation', op: 'except', all: true }],
  ['INSERT INTO t AS x (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = EXCLUDED.a WHERE x.a < 5 RETURNING id, a AS b',
    { kind: 'Insert', alias: 'x', onConflict: { target: ['a'], action: 'update', set: [{ column: ['a'], value: col('excluded', 'a') }], where: { kind: 'Binary' } }, returning: [{ expr: col('id') }, { expr: col('a'), alias: 'b' }] }],
  ['INSERT INTO t VALUES (1) ON CONFLICT ON CONSTRAINT t_pk DO NOTHING', { onConflict: { constraint: 't_pk', action: 'nothing' } }],
  ['UPDATE t SET a = u.b FROM u WHERE t.id = u.id RETURNING t.*', { kind: 'Update', from: [tref('u')], returning: [{ expr: { kind: 'Star', qualifier: ['t'] } }] }],
  ['DELETE FROM ONLY t AS x USING u WHERE x.id = u.id RETURNING *', { kind: 'Delete', targets: [{ name: 't' }], from: [tref('t', { alias: 'x', only: true })], using: [tref('u')] }],
];

test('queries and DML in both dialects', () => {
  for (const [input, expected] of BOTH) for (const d of [MYSQL_DIALECT, POSTGRES_DIALECT]) assertShape(dml(input, d), expected, `${d.name}: ${input}`);
});
test('MySQL queries and DML', () => { for (const [input, expected] of MYSQL) assertShape(dml(input, MYSQL_DIALECT), expected, input); });
test('PostgreSQL queries and DML', () => { for (const [input, expected] of PG) assertShape(dml(input, POSTGRES_DIALECT), expected, input); });

test('query errors are located', () => {
  const bad: [string, RegExp][] = [
    ['SELECT a FROM', /q\.sql:1:14: expected a table name but found end of statement/],
    ['SELECT a FROM t WHERE', /expected an expression/],
    ['SELECT a FROM t t2 t3', /unexpected 't3' after the end of the statement/],
    ['INSERT INTO t (a) 5', /expected VALUES, SELECT, SET or DEFAULT VALUES but found '5'/],
    ["SELECT a INTO OUTFILE '/tmp/x' FROM t", /INTO OUTFILE writes a server-side file/],
  ];
  for (const [input, re] of bad) assert.throws(() => dml(input, MYSQL_DIALECT), (e: unknown) => e instanceof ParseError && re.test(e.message), input);
});

test('PostgreSQL UPDATE … SET (a, b) = (x, y)', () => {
  assertShape(dml('UPDATE t SET (a, b) = (1, b + 1), c = 2', POSTGRES_DIALECT), { kind: 'Update', set: [{ column: ['a'], value: num('1') }, { column: ['b'], value: { kind: 'Binary' } }, { column: ['c'] }] });
  assert.throws(() => dml('UPDATE t SET (a, b) = (SELECT 1, 2)', POSTGRES_DIALECT), /needs a list of 2 values/);
});

test('PostgreSQL table alias with column names', () => {
  assertShape(dml('SELECT x.a FROM t AS x(a, b)', POSTGRES_DIALECT), { from: [{ kind: 'DerivedTable', alias: 'x', columnAliases: ['a', 'b'], query: { kind: 'Select', from: [{ kind: 'TableRef', name: { name: 't' }, alias: undefined }] } }] });
});

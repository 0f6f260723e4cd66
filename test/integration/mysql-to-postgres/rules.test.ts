// Rule behaviour on real servers: small MySQL constructs (built as the MySQL front end's IR),
// converted and run on PostgreSQL, compared with what MariaDB returns for the same MySQL text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Expr, CatalogObject, Select } from '../../../converters/index.js';
import { convert } from '../../../converters/index.js';
import { freshPgDatabase, freshMysqlDatabase, pgUrlFromEnv, mysqlUrlFromEnv, runPsql, type FreshDatabase } from '../../harness/db.js';
import { catalog, column, table, type, pk, lit, fn, op, ref, select, from, span, insert } from '../../unit/rules/mysql-postgres/ir.js';
import { applySql, diagnosticsOf } from './helpers.js';

const skip = !pgUrlFromEnv() || !mysqlUrlFromEnv() ? 'DBSHIFT_TEST_PG_URL / DBSHIFT_TEST_MYSQL_URL not set' : false;
let pgdb: FreshDatabase;
let my: FreshDatabase;
before(async () => { if (skip) return; pgdb = await freshPgDatabase('mp_rules'); my = await freshMysqlDatabase('mp_rules'); });
after(async () => { if (skip) return; await pgdb.drop(); await my.drop(); });

let n = 0;
/** Converts `SELECT <exprs>` as a view (plus extra objects), applies it, returns the view's single row. */
async function pgSelect(items: Expr[], extra: CatalogObject[] = [], q: Partial<Select> = {}): Promise<unknown[]> {
  const name = `v${++n}`;
  const cat = catalog(...extra, { kind: 'View', name: { schema: 'app', name }, query: select(items.map((e, i) => [e, `c${i}`] as [Expr, string]), q), span });
  cat.objects[0] = { ...cat.objects[0]!, name: { name: 'app' } } as CatalogObject;
  const result = convert(cat, { target: 'postgres' });
  await runPsql(pgdb.url, applySql(result));
  const rows = await pgdb.query(`SELECT * FROM app."${name}"`);
  return Object.values(rows[0] ?? {}).map((v) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v)));
}
async function mySelect(sqlText: string): Promise<unknown[]> {
  const rows = await my.query(sqlText);
  return Object.values(rows[0] ?? {}).map((v) => (v === null ? null : String(v)));
}

const D = '2024-03-05 14:07:09';
const FORMATS = ['%Y-%m-%d', '%d/%m/%y %H:%i:%s', '%e %M %Y', '%b %D, %Y', '%W %a %j', '%h:%i %p', '%k %l %c', '%T', '%r', 'Year: %Y %% done'];

test('DATE_FORMAT gives the same text as MariaDB', { skip }, async () => {
  const pg = await pgSelect(FORMATS.map((f) => fn('DATE_FORMAT', lit(D), lit(f))));
  const ma = await mySelect(`SELECT ${FORMATS.map((f) => `DATE_FORMAT('${D}', '${f}')`).join(', ')}`);
  assert.deepEqual(pg, ma);
});

test('date arithmetic and extraction match MariaDB', { skip }, async () => {
  const interval = (value: number, unit: string): Expr => ({ kind: 'Interval', value: lit(value), unit, span });
  const asChar = (e: Expr): Expr => ({ kind: 'Cast', expr: e, type: type('char'), syntax: 'cast', span });
  const exprs: [Expr, string][] = [
    [fn('DATE_FORMAT', fn('DATE_ADD', lit(D), interval(1, 'MONTH')), lit('%Y-%m-%d %H:%i:%s')), `DATE_FORMAT(DATE_ADD('${D}', INTERVAL 1 MONTH), '%Y-%m-%d %H:%i:%s')`],
    [fn('DATE_FORMAT', fn('DATE_SUB', lit(D), interval(3, 'DAY')), lit('%Y-%m-%d')), `DATE_FORMAT(DATE_SUB('${D}', INTERVAL 3 DAY), '%Y-%m-%d')`],
    [fn('DATEDIFF', lit('2024-03-05'), lit('2024-01-01')), "DATEDIFF('2024-03-05', '2024-01-01')"],
    [fn('TIMESTAMPDIFF', ref('MONTH'), lit('2024-01-31'), lit('2024-03-30')), "TIMESTAMPDIFF(MONTH, '2024-01-31', '2024-03-30')"],
    [fn('TIMESTAMPDIFF', ref('HOUR'), lit('2024-01-01 00:00:00'), lit(D)), `TIMESTAMPDIFF(HOUR, '2024-01-01 00:00:00', '${D}')`],
    [fn('YEAR', lit(D)), `YEAR('${D}')`],
    [fn('MONTH', lit(D)), `MONTH('${D}')`],
    [fn('DAYOFWEEK', lit(D)), `DAYOFWEEK('${D}')`],
    [fn('WEEKDAY', lit(D)), `WEEKDAY('${D}')`],
    [fn('DATE_FORMAT', fn('LAST_DAY', lit('2024-02-10')), lit('%Y-%m-%d')), "DATE_FORMAT(LAST_DAY('2024-02-10'), '%Y-%m-%d')"],
    [op('-', fn('TO_DAYS', lit('2024-03-05')), fn('TO_DAYS', lit('2023-03-05'))), "TO_DAYS('2024-03-05') - TO_DAYS('2023-03-05')"],
    [fn('TO_DAYS', lit('2024-03-05')), "TO_DAYS('2024-03-05')"],
    [fn('DATE_FORMAT', fn('STR_TO_DATE', lit('2024-3-01'), lit('%Y-%m-%d')), lit('%Y-%m-%d')), "DATE_FORMAT(STR_TO_DATE('2024-3-01', '%Y-%m-%d'), '%Y-%m-%d')"],
    [asChar(fn('DATE_ADD', lit('2024-01-31'), interval(1, 'MONTH'))), "CAST(DATE_ADD('2024-01-31', INTERVAL 1 MONTH) AS CHAR)"],
    [asChar(fn('DATE_SUB', lit('2024-03-01 10:00:00'), interval(90, 'MINUTE'))), "CAST(DATE_SUB('2024-03-01 10:00:00', INTERVAL 90 MINUTE) AS CHAR)"],
  ];
  assert.deepEqual(await pgSelect(exprs.map((e) => e[0])), await mySelect(`SELECT ${exprs.map((e) => e[1]).join(', ')}`));
});

test('string functions, CONCAT NULL propagation, LOCATE argument order match MariaDB', { skip }, async () => {
  const exprs: [Expr, string][] = [
    [fn('CONCAT', lit('a'), lit(1), lit('b')), "CONCAT('a', 1, 'b')"],
    [fn('CONCAT', lit('a'), lit(null)), "CONCAT('a', NULL)"],
    [fn('CONCAT_WS', lit('-'), lit('a'), lit(null), lit('b')), "CONCAT_WS('-', 'a', NULL, 'b')"],
    [fn('LOCATE', lit('b'), lit('abcb')), "LOCATE('b', 'abcb')"],
    [fn('LOCATE', lit('b'), lit('abcb'), lit(3)), "LOCATE('b', 'abcb', 3)"],
    [fn('INSTR', lit('abcb'), lit('c')), "INSTR('abcb', 'c')"],
    [fn('SUBSTRING', lit('abcdef'), lit(-3), lit(2)), "SUBSTRING('abcdef', -3, 2)"],
    [fn('SUBSTR', lit('abcdef'), lit(2)), "SUBSTR('abcdef', 2)"],
    [fn('LENGTH', lit('héllo')), "LENGTH('héllo')"],
    [fn('CHAR_LENGTH', lit('héllo')), "CHAR_LENGTH('héllo')"],
    [fn('UCASE', lit('abc')), "UCASE('abc')"],
    [fn('IFNULL', lit(null), lit('x')), "IFNULL(NULL, 'x')"],
    [fn('IF', op('>', lit(2), lit(1)), lit('yes'), lit('no')), "IF(2 > 1, 'yes', 'no')"],
    [fn('FIND_IN_SET', lit('b'), lit('a,b,c')), "FIND_IN_SET('b', 'a,b,c')"],
    [fn('TRUNCATE', lit(1.2399), lit(2)), 'TRUNCATE(1.2399, 2)'],
    [fn('ROUND', lit(2.345), lit(2)), 'ROUND(2.345, 2)'],
  ];
  assert.deepEqual(await pgSelect(exprs.map((e) => e[0])), await mySelect(`SELECT ${exprs.map((e) => e[1]).join(', ')}`));
});

test('division: / is exact, DIV is integer division, both NULL on zero, <=> is null-safe', { skip }, async () => {
  const exprs: [Expr, string][] = [
    [op('/', lit(7), lit(2)), '7 / 2'],
    [op('div', lit(7), lit(2)), '7 DIV 2'],
    [op('div', lit(-7), lit(2)), '-7 DIV 2'],
    [op('/', lit(1), lit(0)), '1 / 0'],
    [op('%', lit(-7), lit(3)), '-7 % 3'],
    [op('<=>', lit(null), lit(null)), 'NULL <=> NULL'],
  ];
  const pg = await pgSelect(exprs.map((e) => e[0]));
  const ma = await mySelect(`SELECT ${exprs.map((e) => e[1]).join(', ')}`);
  // MariaDB prints booleans as 1/0 and 7/2 with div_precision_increment digits: compare numerically.
  assert.deepEqual(pg.map((v) => (v === 'true' ? 1 : v === 'false' ? 0 : v === null ? null : Number(v))), ma.map((v) => (v === null ? null : Number(v))));
});

test('GROUP_CONCAT: separator, ORDER BY and default comma match MariaDB', { skip }, async () => {
  const t = table('gc', [column('g', type('int')), column('name', type('varchar', { length: 10 }))], [], {});
  const rows = [[1, 'b'], [1, 'a'], [1, 'c'], [2, 'z']].map(([g, s]) => [lit(g as number), lit(s as string)]);
  await my.query('CREATE TABLE gc (g INT, name VARCHAR(10))');
  await my.query("INSERT INTO gc VALUES (1,'b'),(1,'a'),(1,'c'),(2,'z')");
  const gc: Expr & { kind: 'FunctionCall' } = { ...fn('GROUP_CONCAT', ref('name')), orderBy: [{ expr: ref('name'), direction: 'desc' }], separator: lit('; ') };
  const plain = fn('GROUP_CONCAT', ref('name'));
  const q = { from: [from('gc')], groupBy: [ref('g')], orderBy: [{ expr: ref('g') }] } as Partial<Select>;
  const pg = await pgSelect([ref('g'), gc, { ...plain, orderBy: [{ expr: ref('name') }] }], [t, insert('gc', rows)], q);
  const ma = await mySelect('SELECT g, GROUP_CONCAT(name ORDER BY name DESC SEPARATOR \'; \'), GROUP_CONCAT(name ORDER BY name) FROM gc GROUP BY g ORDER BY g');
  assert.deepEqual(pg, ma);
});

test('UNSIGNED columns reject negatives; YEAR and SET keep their MySQL value rules', { skip }, async () => {
  const t = table('u', [
    column('id', type('int', { unsigned: true }), { nullable: false }),
    column('y', type('year')),
    column('s', type('set', { values: ['a', 'b', 'c'] })),
  ], [pk('id')]);
  await runPsql(pgdb.url, applySql(convert(catalog(t), { target: 'postgres' })));
  await pgdb.query("INSERT INTO app.u VALUES (4294967295, 2155, 'a,c')");
  await pgdb.query("INSERT INTO app.u VALUES (1, NULL, '')");
  await assert.rejects(pgdb.query('INSERT INTO app.u VALUES (-1, NULL, NULL)'), /check constraint/);
  await assert.rejects(pgdb.query('INSERT INTO app.u VALUES (2, 1900, NULL)'), /check constraint/);
  await assert.rejects(pgdb.query("INSERT INTO app.u VALUES (3, NULL, 'a,d')"), /check constraint/);
  await my.query("CREATE TABLE u (id INT UNSIGNED NOT NULL PRIMARY KEY, y YEAR, s SET('a','b','c'))");
  await assert.rejects(my.query('INSERT INTO u VALUES (-1, NULL, NULL)'));
  await assert.rejects(my.query('INSERT INTO u VALUES (2, 1900, NULL)'));
  await assert.rejects(my.query("INSERT INTO u VALUES (3, NULL, 'a,d')"));
});

test('ON UPDATE CURRENT_TIMESTAMP: same rows get a new timestamp as on MariaDB', { skip }, async () => {
  const t = table('ts', [
    column('id', type('int'), { nullable: false }),
    column('v', type('int')),
    column('changed', type('timestamp'), { nullable: false, default: fn('CURRENT_TIMESTAMP'), onUpdate: fn('CURRENT_TIMESTAMP') }),
  ], [pk('id')]);
  await runPsql(pgdb.url, applySql(convert(catalog(t), { target: 'postgres' })));
  await my.query('CREATE TABLE ts (id INT NOT NULL PRIMARY KEY, v INT, changed TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)');
  const old = '2000-01-01 00:00:00';
  const setup = `INSERT INTO ts VALUES (1, 1, '${old}'), (2, 2, '${old}'), (3, 3, '${old}'), (4, 4, '${old}')`;
  await my.query(setup);
  await pgdb.query(setup.replace('INSERT INTO ts', 'INSERT INTO app.ts'));
  const updates = [
    'UPDATE ts SET v = 10 WHERE id = 1', // row changed → new timestamp
    'UPDATE ts SET v = 2 WHERE id = 2', // no change → timestamp kept
    "UPDATE ts SET v = 30, changed = '2001-01-01 00:00:00' WHERE id = 3", // explicit value wins
  ];
  for (const u of updates) { await my.query(u); await pgdb.query(u.replace('UPDATE ts', 'UPDATE app.ts')); }
  const shape = (rows: Record<string, unknown>[]) => rows.map((r) => {
    const c = String(r.changed instanceof Date ? r.changed.toISOString() : r.changed);
    return `${r.id}:${c.startsWith('2000') ? 'old' : c.startsWith('2001') ? 'explicit' : 'now'}`;
  });
  assert.deepEqual(shape(await pgdb.query('SELECT id, changed FROM app.ts ORDER BY id')), shape(await my.query('SELECT id, changed FROM ts ORDER BY id')));
});

test('boolean columns: 0/1 data, defaults and comparisons convert', { skip }, async () => {
  const t = table('flags', [column('id', type('int'), { nullable: false }), column('active', type('tinyint', { displayWidth: 1 }), { nullable: false, default: lit(1) })], [pk('id')]);
  const r = convert(catalog(t, insert('flags', [[lit(1), lit(0)], [lit(2), lit(1)]]),
    { kind: 'View', name: { schema: 'app', name: 'active_flags' }, span, query: select([ref('id')], { from: [from('flags')], where: op('=', ref('active'), lit(1)) }) }), { target: 'postgres' });
  await runPsql(pgdb.url, applySql(r));
  await pgdb.query('INSERT INTO app.flags (id) VALUES (3)');
  assert.deepEqual((await pgdb.query('SELECT id FROM app.active_flags ORDER BY id')).map((x) => x.id), [2, 3]);
  // MySQL code adds flags up: SUM(active) still counts the active rows.
  const counted = convert(catalog(t, { kind: 'View', name: { schema: 'app', name: 'active_count' }, span, query: select([[fn('SUM', ref('active')), 'n']], { from: [from('flags')] }) }), { target: 'postgres' });
  await runPsql(pgdb.url, applySql({ ...counted, objects: counted.objects.filter((o) => o.ref.type === 'View') }));
  assert.equal(Number((await pgdb.query('SELECT n FROM app.active_count'))[0]!.n), 2);
  assert.ok(diagnosticsOf(r).some((d) => d.code === 'MP0006'));
});

test('INSERT IGNORE, ON DUPLICATE KEY UPDATE, REPLACE and multi-table UPDATE/DELETE leave the same rows as MariaDB', { skip }, async () => {
  const kv = table('kv', [column('k', type('int'), { nullable: false }), column('v', type('int'))], [pk('k')]);
  const src = table('src', [column('k', type('int'), { nullable: false }), column('w', type('int'))], [pk('k')]);
  const values = (rows: number[][]) => ({ kind: 'Values' as const, rows: rows.map((r) => r.map((x) => lit(x))), span });
  const kvName = { schema: 'app', name: 'kv' };
  const stmts: CatalogObject = {
    kind: 'DataScript', table: kvName, rowCount: 0, span, statements: [
      { kind: 'Insert', table: kvName, source: values([[1, 10], [2, 20], [3, 30]]), span },
      { kind: 'Insert', table: kvName, ignore: true, source: values([[1, 99], [4, 40]]), span },
      { kind: 'Insert', table: kvName, source: values([[2, 5]]), onDuplicateKeyUpdate: [{ column: ['v'], value: op('+', ref('v'), fn('VALUES', ref('v'))) }], span },
      { kind: 'Insert', table: kvName, replace: true, source: values([[3, 300]]), span },
      { kind: 'Insert', table: { schema: 'app', name: 'src' }, source: values([[1, 7], [4, 8]]), span },
      { kind: 'Update', table: { kind: 'Join', type: 'inner', left: { ...from('kv'), alias: 'a' } as never, right: { ...from('src'), alias: 'b' } as never, on: op('=', ref('a', 'k'), ref('b', 'k')), span },
        set: [{ column: ['a', 'v'], value: op('*', ref('a', 'v'), ref('b', 'w')) }], span },
      { kind: 'Delete', targets: [{ name: 'a' }], from: [{ kind: 'Join', type: 'inner', left: { ...from('kv'), alias: 'a' } as never, right: { ...from('src'), alias: 'b' } as never, on: op('=', ref('a', 'k'), ref('b', 'k')), span }],
        where: op('=', ref('b', 'w'), lit(8)), span },
    ] };
  const r = convert(catalog(kv, src, stmts), { target: 'postgres' });
  await runPsql(pgdb.url, applySql(r));
  await my.query('CREATE TABLE kv (k INT NOT NULL PRIMARY KEY, v INT)');
  await my.query('CREATE TABLE src (k INT NOT NULL PRIMARY KEY, w INT)');
  for (const s of ['INSERT INTO kv VALUES (1, 10), (2, 20), (3, 30)', 'INSERT IGNORE INTO kv VALUES (1, 99), (4, 40)',
    'INSERT INTO kv VALUES (2, 5) ON DUPLICATE KEY UPDATE v = v + VALUES(v)', 'REPLACE INTO kv VALUES (3, 300)', 'INSERT INTO src VALUES (1, 7), (4, 8)',
    'UPDATE kv AS a JOIN src AS b ON a.k = b.k SET a.v = a.v * b.w', 'DELETE a FROM kv AS a JOIN src AS b ON a.k = b.k WHERE b.w = 8']) await my.query(s);
  const rows = async (db: FreshDatabase, t: string) => (await db.query(`SELECT k, v FROM ${t} ORDER BY k`)).map((x) => `${x.k}=${x.v}`);
  assert.deepEqual(await rows(pgdb, 'app.kv'), await rows(my, 'kv'));
  assert.ok(diagnosticsOf(r).some((d) => d.code === 'MP0034') && diagnosticsOf(r).some((d) => d.code === 'MP0035'));
});

test('RANGE and LIST partitions: rows land in the partitions MariaDB puts them in', { skip }, async () => {
  const part = (name: string, extra: Record<string, unknown>) => ({ name, span, ...extra });
  const sales = table('sales', [column('id', type('int'), { nullable: false }), column('yr', type('int'), { nullable: false })], [pk('id', 'yr')], {
    partitioning: { method: 'range', columns: ['yr'], partitions: [part('p2020', { lessThan: [lit(2021)] }), part('p2021', { lessThan: [lit(2022)] }), part('pmax', { lessThan: [ref('MAXVALUE')] })] },
  } as never);
  const regions = table('regions', [column('id', type('int'), { nullable: false }), column('code', type('int'), { nullable: false })], [pk('id')], {
    partitioning: { method: 'list', columns: ['code'], partitions: [part('east', { in: [lit(1), lit(2)] }), part('west', { in: [lit(3)] })] },
  } as never);
  const r = convert(catalog(sales, regions), { target: 'postgres' });
  assert.ok(diagnosticsOf(r).some((d) => d.code === 'MP0030' && d.object?.name === 'regions'), 'PK without the partition key is reported');
  // PostgreSQL refuses that primary key exactly as the finding says; apply the rest.
  const tables = r.objects.filter((o) => o.ref.name !== 'regions');
  await runPsql(pgdb.url, applySql({ ...r, objects: tables }));
  await my.query('CREATE TABLE sales (id INT NOT NULL, yr INT NOT NULL, PRIMARY KEY (id, yr)) PARTITION BY RANGE (yr) (PARTITION p2020 VALUES LESS THAN (2021), PARTITION p2021 VALUES LESS THAN (2022), PARTITION pmax VALUES LESS THAN MAXVALUE)');
  const rows = 'INSERT INTO sales VALUES (1, 2019), (2, 2020), (3, 2021), (4, 2030)';
  await my.query(rows);
  await pgdb.query(rows.replace('INTO sales', 'INTO app.sales'));
  const pgParts = (await pgdb.query('SELECT id, tableoid::regclass::text AS p FROM app.sales ORDER BY id')).map((x) => `${x.id}:${String(x.p).replace(/^app\.sales_/, '')}`);
  const myParts: string[] = [];
  for (const p of ['p2020', 'p2021', 'pmax']) for (const x of await my.query(`SELECT id FROM sales PARTITION (${p}) ORDER BY id`)) myParts.push(`${x.id}:${p}`);
  assert.deepEqual(pgParts, myParts.sort());
});

test('numbers used as conditions (IF(n, …), WHERE n, NOT n) and string columns compared with numbers behave as on MariaDB', { skip }, async () => {
  const t = table('cond', [column('id', type('int'), { nullable: false }), column('n', type('int')), column('code', type('varchar', { length: 10 }))], [pk('id')]);
  const rows = [[1, 0, '007'], [2, 5, '7'], [3, null, 'x']].map((r) => r.map((v) => lit(v as never)));
  const q = { from: [from('cond')], where: { kind: 'Binary', op: 'or', left: ref('n'), right: op('=', ref('code'), lit(7)), span }, orderBy: [{ expr: ref('id') }] } as Partial<Select>;
  const r = convert(catalog(t, insert('cond', rows), { kind: 'View', name: { schema: 'app', name: 'cond_v' }, span,
    query: select([[ref('id'), 'id'], [fn('IF', ref('n'), lit('yes'), lit('no')), 'f'], [{ kind: 'Unary', op: 'NOT', operand: ref('n'), span } as Expr, 'neg']], q) }), { target: 'postgres' });
  await runPsql(pgdb.url, applySql(r));
  await my.query('CREATE TABLE cond (id INT NOT NULL PRIMARY KEY, n INT, code VARCHAR(10))');
  await my.query("INSERT INTO cond VALUES (1, 0, '007'), (2, 5, '7'), (3, NULL, 'x')");
  const ma = (await my.query("SELECT id, IF(n, 'yes', 'no') AS f, NOT n AS neg FROM cond WHERE n OR code = 7 ORDER BY id")).map((x) => `${x.id}:${x.f}:${x.neg === null ? null : Number(x.neg) === 1}`);
  const pg = (await pgdb.query('SELECT * FROM app.cond_v')).map((x) => `${x.id}:${x.f}:${x.neg}`);
  assert.deepEqual(pg, ma);
});

test('MATCH … AGAINST finds the same rows as MariaDB for plain words, using the converted FULLTEXT index expression', { skip }, async () => {
  const docs = table('docs', [column('id', type('int'), { nullable: false }), column('title', type('varchar', { length: 100 })), column('body', type('text'))], [pk('id')]);
  const rows = [[1, 'Blue whale', 'the largest animal'], [2, 'Red fox', 'a small animal'], [3, 'Green tree', 'tall plant']].map((r) => r.map((x) => lit(x as never)));
  const match = (word: string): Expr => ({ ...fn('MATCH', ref('title'), ref('body'), lit(word)), keywordForm: { keyword: 'AGAINST' } });
  const q = { from: [from('docs')], where: match('animal'), orderBy: [{ expr: ref('id') }] } as Partial<Select>;
  const r = convert(catalog(docs, { kind: 'Index', name: 'ft', table: { schema: 'app', name: 'docs' }, columns: [{ column: 'title' }, { column: 'body' }], unique: false, method: 'fulltext', span },
    insert('docs', rows), { kind: 'View', name: { schema: 'app', name: 'animals' }, span, query: select([[ref('id'), 'id']], q) }), { target: 'postgres' });
  await runPsql(pgdb.url, applySql(r));
  await my.query('CREATE TABLE docs (id INT NOT NULL PRIMARY KEY, title VARCHAR(100), body TEXT, FULLTEXT KEY ft (title, body)) ENGINE=InnoDB');
  await my.query("INSERT INTO docs VALUES (1, 'Blue whale', 'the largest animal'), (2, 'Red fox', 'a small animal'), (3, 'Green tree', 'tall plant')");
  const ma = (await my.query("SELECT id FROM docs WHERE MATCH(title, body) AGAINST ('animal') ORDER BY id")).map((x) => Number(x.id));
  const pg = (await pgdb.query('SELECT id FROM app.animals')).map((x) => Number(x.id));
  assert.deepEqual(pg, ma);
  assert.ok(diagnosticsOf(r).some((d) => d.code === 'MP0048'));
});

test('ORDER BY puts NULLs where MySQL does (first ascending, last descending)', { skip }, async () => {
  const t = table('ord', [column('id', type('int'), { nullable: false }), column('v', type('int'))], [pk('id')]);
  const rows = [[1, 5], [2, null], [3, 1]].map((r) => r.map((x) => lit(x as never)));
  const view = (name: string, direction: 'asc' | 'desc'): CatalogObject => ({ kind: 'View', name: { schema: 'app', name }, span,
    query: select([[ref('id'), 'id']], { from: [from('ord')], orderBy: [{ expr: ref('v'), direction }], limit: lit(10) }) });
  await runPsql(pgdb.url, applySql(convert(catalog(t, insert('ord', rows), view('ord_asc', 'asc'), view('ord_desc', 'desc')), { target: 'postgres' })));
  await my.query('CREATE TABLE ord (id INT NOT NULL PRIMARY KEY, v INT)');
  await my.query('INSERT INTO ord VALUES (1, 5), (2, NULL), (3, 1)');
  for (const dir of ['asc', 'desc']) {
    const ma = (await my.query(`SELECT id FROM ord ORDER BY v ${dir} LIMIT 10`)).map((x) => Number(x.id));
    const pg = (await pgdb.query(`SELECT id FROM app.ord_${dir}`)).map((x) => Number(x.id));
    assert.deepEqual(pg, ma, dir);
  }
});

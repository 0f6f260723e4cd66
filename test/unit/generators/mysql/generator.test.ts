import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_SPAN, type Catalog, type CatalogObject, type DataType, type Expr, type Statement, type Table } from '../../../../converters/index.js';
import { mysqlGenerator } from '../../../../converters/generators/mysql/index.js';
import { ident, str } from '../../../../converters/generators/mysql/quote.js';

const S = NO_SPAN;
const t = (name: DataType['name'], extra: Partial<DataType> = {}): DataType => ({ kind: 'DataType', name, sourceText: name, span: S, ...extra });
const col = (parts: string[]): Expr => ({ kind: 'ColumnRef', parts, span: S });
const lit = (value: string, type: 'string' | 'number' = 'string'): Expr => ({ kind: 'Literal', type, value, span: S });
const gen = (objects: CatalogObject[], flavor: 'mysql' | 'mariadb' = 'mariadb') =>
  mysqlGenerator.generate({ dialect: 'postgres', objects } as Catalog, { target: 'mysql', mysqlFlavor: flavor });

test('identifiers are backtick-quoted with backticks doubled; strings are sql_mode-independent', () => {
  assert.equal(ident('we`ird name'), '`we``ird name`');
  assert.equal(str("it's\nnext"), "'it''s\nnext'");
  // Backslashes mean different things with and without NO_BACKSLASH_ESCAPES: hex UTF-8 instead.
  assert.equal(str('a\\b é'), "_utf8mb4 X'615c6220c3a9'");
});

test('CREATE TABLE: AUTO_INCREMENT, defaults (bare literal, CURRENT_TIMESTAMP(p), expression in parentheses), keys, checks and FK as a separate object after data', () => {
  const table: Table = {
    kind: 'Table', name: { name: 'order' }, options: {}, span: S,
    columns: [
      { kind: 'Column', name: 'id', dataType: t('int'), nullable: false, identity: { style: 'auto_increment' }, span: S },
      { kind: 'Column', name: 'note', dataType: t('text', { sizeClass: 'long' }), nullable: true, default: lit('n/a'), span: S },
      { kind: 'Column', name: 'qty', dataType: t('int'), nullable: false, default: lit('1', 'number'), span: S },
      { kind: 'Column', name: 'at', dataType: t('datetime', { fractionalSeconds: 3 }), nullable: false, default: { kind: 'FunctionCall', name: { name: 'CURRENT_TIMESTAMP' }, args: [], span: S }, span: S },
      { kind: 'Column', name: 'cust', dataType: t('int'), nullable: true, span: S },
    ],
    constraints: [
      { kind: 'PrimaryKey', columns: [{ column: 'id' }], span: S },
      { kind: 'Check', name: 'qty_pos', expr: { kind: 'Binary', op: '>', left: col(['qty']), right: lit('0', 'number'), span: S }, span: S },
      { kind: 'ForeignKey', name: 'order_cust_fk', columns: ['cust'], refTable: { name: 'customer' }, refColumns: ['id'], onDelete: 'cascade', span: S },
    ],
  };
  const r = gen([table]);
  const [create, fk] = r.objects;
  const sql = create!.statements[0]!;
  assert.match(sql, /^CREATE TABLE `order` \(/);
  assert.match(sql, /`id` INT NOT NULL AUTO_INCREMENT/);
  assert.match(sql, /`note` LONGTEXT NULL DEFAULT \('n\/a'\)/, 'TEXT defaults must be expressions');
  assert.match(sql, /`qty` INT NOT NULL DEFAULT 1/);
  assert.match(sql, /`at` DATETIME\(3\) NOT NULL DEFAULT CURRENT_TIMESTAMP\(3\)/);
  assert.match(sql, /CONSTRAINT `qty_pos` CHECK \(`qty` > 0\)/);
  assert.match(sql, /ENGINE=InnoDB DEFAULT CHARSET=utf8mb4$/);
  assert.doesNotMatch(sql, /FOREIGN KEY/);
  assert.equal(fk!.statements[0], 'ALTER TABLE `order` ADD CONSTRAINT `order_cust_fk` FOREIGN KEY (`cust`) REFERENCES `customer` (`id`) ON DELETE CASCADE');
  assert.ok(fk!.dependsOn.includes('data:.order') && fk!.dependsOn.includes('data:.customer'));
});

test('types the rules should have replaced get a fallback and a GM0003 finding, never a throw', () => {
  const table: Table = { kind: 'Table', name: { name: 'x' }, options: {}, constraints: [], span: S, columns: [
    { kind: 'Column', name: 'a', dataType: t('interval'), nullable: true, span: S },
    { kind: 'Column', name: 'b', dataType: t('int', { arrayDims: 1 }), nullable: true, span: S },
  ] };
  const r = gen([table]);
  assert.match(r.objects[0]!.statements[0]!, /`a` VARCHAR\(64\) NULL,\n  `b` JSON NULL/);
  assert.deepEqual(r.objects[0]!.diagnostics.map((d) => d.code), ['GM0003', 'GM0003']);
  assert.equal(r.objects[0]!.status, 'converted-with-actions');
});

test('unparsed objects become not-converted comments with the original text', () => {
  const r = gen([{ kind: 'UnparsedObject', objectType: 'aggregate', name: { name: 'agg' }, statement: { kind: 'Unparsed', text: 'CREATE AGGREGATE agg(...)', reason: 'not modelled', span: S }, span: S }]);
  assert.equal(r.objects[0]!.status, 'not-converted');
  assert.equal(r.objects[0]!.statements[0], '-- CREATE AGGREGATE agg(...)');
  assert.equal(r.objects[0]!.diagnostics[0]!.code, 'GM0001');
});

test('routine bodies: declarations hoisted in MySQL order, loops labelled, RAISE formats, FOR range stepping first', () => {
  const body: Statement = {
    kind: 'Block', span: S, exceptionHandlers: [],
    declarations: [
      { kind: 'HandlerDecl', action: 'continue', conditions: [{ kind: 'notFound' }], body: { kind: 'Assign', target: { kind: 'Variable', name: 'done', scope: 'local', span: S }, value: lit('1', 'number'), span: S }, span: S },
      { kind: 'CursorDecl', name: 'c', query: { kind: 'Select', items: [{ expr: lit('1', 'number') }], from: [], groupBy: [], orderBy: [], span: S }, span: S },
      { kind: 'VarDecl', names: ['done'], dataType: t('int'), default: lit('0', 'number'), span: S },
    ],
    body: [
      { kind: 'ForRange', variable: 'i', from: lit('1', 'number'), to: lit('3', 'number'), span: S, body: [
        { kind: 'Iterate', when: { kind: 'Binary', op: '=', left: { kind: 'Variable', name: 'i', scope: 'local', span: S }, right: lit('2', 'number'), span: S }, span: S },
      ] },
      { kind: 'Raise', level: 'exception', message: lit('bad % and %'), formatArgs: [{ kind: 'Variable', name: 'i', scope: 'local', span: S }, lit('x')], span: S },
    ],
  };
  const r = gen([{ kind: 'Routine', routineKind: 'procedure', name: { name: 'p' }, params: [], language: 'mysql', body: body as never, span: S }]);
  const sql = r.objects[0]!.statements[0]!;
  const iVar = sql.indexOf('DECLARE `done`');
  const iCur = sql.indexOf('DECLARE `c` CURSOR');
  const iHan = sql.indexOf('DECLARE CONTINUE HANDLER');
  assert.ok(iVar >= 0 && iVar < iCur && iCur < iHan, sql);
  assert.match(sql, /`loop\d+`: LOOP\n\s+SET `i` = `i` \+ 1;/);
  assert.match(sql, /ITERATE `loop\d+`/);
  assert.match(sql, /DECLARE `dbshift_message` VARCHAR\(512\) DEFAULT CONCAT\('bad ', COALESCE\(`i`, '<NULL>'\), ' and ', COALESCE\('x', '<NULL>'\)\);\n\s+SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = `dbshift_message`/);
});

test('expressions: || → CONCAT, IS DISTINCT FROM → NOT <=>, ~* → REGEXP with (?i), precedence kept with parentheses', () => {
  const view = (e: Expr): CatalogObject => ({ kind: 'View', name: { name: 'v' }, span: S, query: { kind: 'Select', items: [{ expr: e, alias: 'x' }], from: [], groupBy: [], orderBy: [], span: S } });
  const sqlOf = (e: Expr): string => gen([view(e)]).objects[0]!.statements[0]!.split('\n')[1]!;
  assert.equal(sqlOf({ kind: 'Binary', op: 'concat', left: { kind: 'Binary', op: 'concat', left: col(['a']), right: lit('-'), span: S }, right: col(['b']), span: S }), "SELECT CONCAT(`a`, '-', `b`) AS `x`");
  assert.equal(sqlOf({ kind: 'Binary', op: 'is distinct from', left: col(['a']), right: col(['b']), span: S }), 'SELECT NOT (`a` <=> `b`) AS `x`');
  assert.equal(sqlOf({ kind: 'Like', op: 'regexp', caseInsensitive: true, not: false, expr: col(['a']), pattern: lit('^ab'), span: S }), "SELECT `a` REGEXP '(?i)^ab' AS `x`");
  const sum: Expr = { kind: 'Binary', op: '+', left: col(['a']), right: col(['b']), span: S };
  assert.equal(sqlOf({ kind: 'Binary', op: '*', left: sum, right: col(['c']), span: S }), 'SELECT (`a` + `b`) * `c` AS `x`');
  assert.equal(sqlOf({ kind: 'Binary', op: '-', left: col(['a']), right: sum, span: S }), 'SELECT `a` - (`a` + `b`) AS `x`');
});

test('data: consecutive single-row INSERTs become multi-row statements of at most 500 rows', () => {
  const rows = Array.from({ length: 1001 }, (_, i) => [lit(String(i), 'number'), lit(`r'${i}`)]);
  const statements = rows.map((r) => ({ kind: 'Insert' as const, table: { name: 't' }, columns: ['id', 'v'], source: { kind: 'Values' as const, rows: [r], span: S }, span: S }));
  const r = gen([{ kind: 'DataScript', table: { name: 't' }, statements, rowCount: 1001, span: S }]);
  const stmts = r.objects[0]!.statements;
  assert.equal(stmts.length, 3);
  assert.equal(stmts[0]!.split('\n').length, 501);
  assert.match(stmts[2]!, /^INSERT INTO `t` \(`id`, `v`\) VALUES\n\(1000, 'r''1000'\)$/);
  assert.equal(r.objects[0]!.category, 'data');
});

test('sequences: CREATE SEQUENCE for MariaDB, not converted with a finding for MySQL', () => {
  const seq: CatalogObject = { kind: 'Sequence', name: { name: 's' }, start: 10, increment: 5, span: S };
  assert.equal(gen([seq], 'mariadb').objects[0]!.statements[0], 'CREATE SEQUENCE `s` START WITH 10 INCREMENT BY 5 NO MINVALUE NO MAXVALUE NOCYCLE');
  const my = gen([seq], 'mysql').objects[0]!;
  assert.equal(my.status, 'not-converted');
  assert.equal(my.diagnostics[0]!.code, 'GM0004');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseClean, one, assertShape } from './helpers.js';

const col = (...parts: string[]) => ({ kind: 'ColumnRef', parts });

test('CREATE TABLE: column attributes', () => {
  const t = one(parseClean(`CREATE TABLE t (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    a VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_bin NULL DEFAULT 'x' COMMENT 'the a',
    b DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    c DECIMAL(10,2) DEFAULT -1.5,
    d JSON DEFAULT (JSON_ARRAY()),
    e INT GENERATED ALWAYS AS (id * 2) VIRTUAL,
    f INT AS (id + 1) STORED INVISIBLE,
    g POINT NOT NULL SRID 4326,
    h TINYINT(1) DEFAULT b'1',
    i BIT(8) DEFAULT 0x0F,
    j ENUM('x','y') NOT NULL DEFAULT 'x',
    k SERIAL,
    l BOOLEAN DEFAULT TRUE,
    PRIMARY KEY (id)
  ) ENGINE=InnoDB AUTO_INCREMENT=100 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='tbl' ROW_FORMAT=DYNAMIC`), 'Table');
  assertShape(t, {
    name: { name: 't' }, charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci', comment: 'tbl', autoIncrementStart: 100,
    options: { ENGINE: 'InnoDB', ROW_FORMAT: 'DYNAMIC' },
  });
  const c = Object.fromEntries(t.columns.map((x) => [x.name, x]));
  assertShape(c.id, { nullable: false, identity: { style: 'auto_increment', start: 100 }, dataType: { name: 'int', unsigned: true } });
  assertShape(c.a, { nullable: true, charset: 'latin1', collation: 'latin1_bin', comment: 'the a', default: { kind: 'Literal', type: 'string', value: 'x' } });
  assertShape(c.b, { nullable: false, dataType: { name: 'datetime', fractionalSeconds: 3 }, default: { kind: 'FunctionCall', name: { name: 'CURRENT_TIMESTAMP' }, args: [{ value: '3' }] }, onUpdate: { kind: 'FunctionCall', name: { name: 'CURRENT_TIMESTAMP' } } });
  assertShape(c.c, { default: { kind: 'Literal', type: 'number', value: '-1.5' } });
  assertShape(c.d, { default: { kind: 'FunctionCall', name: { name: 'JSON_ARRAY' }, args: [] } });
  assertShape(c.e, { generated: { stored: false, expr: { kind: 'Binary', op: '*' } } });
  assertShape(c.f, { generated: { stored: true }, invisible: true });
  assertShape(c.g, { nullable: false, dataType: { name: 'geometry', geometry: 'point', srid: 4326 } });
  assertShape(c.h, { dataType: { name: 'tinyint', displayWidth: 1 }, default: { kind: 'Literal', type: 'bit', value: '1' } });
  assertShape(c.i, { default: { kind: 'Literal', type: 'hex', value: '0F' } });
  assertShape(c.j, { dataType: { name: 'enum', values: ['x', 'y'] }, nullable: false });
  assertShape(c.k, { dataType: { name: 'bigint', unsigned: true }, nullable: false, identity: { style: 'auto_increment' } });
  assertShape(c.l, { dataType: { name: 'bool' }, default: { kind: 'Literal', type: 'boolean', value: 'true' } });
  assert.ok(t.constraints.some((x) => x.kind === 'Unique' && x.columns[0]!.column === 'k'));
});

test('CREATE TABLE: keys, indexes, foreign keys, checks', () => {
  const objs = parseClean(`CREATE TABLE child (
    id INT PRIMARY KEY,
    code CHAR(3) UNIQUE,
    parent_id INT,
    name VARCHAR(100),
    qty INT CHECK (qty >= 0),
    UNIQUE KEY uq_name (name(20)),
    UNIQUE (parent_id, code),
    KEY idx_parent (parent_id DESC) USING BTREE COMMENT 'p',
    INDEX (name),
    FULLTEXT KEY ft_name (name) WITH PARSER ngram,
    KEY ((qty * 2)),
    CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE CASCADE,
    FOREIGN KEY (code) REFERENCES other.codes (code) ON DELETE NO ACTION,
    CONSTRAINT chk_name CHECK (name <> '') NOT ENFORCED
  )`);
  const t = one(objs, 'Table');
  assert.deepEqual(t.columns.find((c) => c.name === 'id')!.nullable, false);
  assertShape(t.constraints, [
    { kind: 'PrimaryKey', columns: [{ column: 'id' }] },
    { kind: 'Unique', columns: [{ column: 'code' }] },
    { kind: 'Check', expr: { kind: 'Binary', op: '>=' } },
    { kind: 'Unique', name: 'uq_name', columns: [{ column: 'name', prefixLength: 20 }] },
    { kind: 'Unique', name: 'parent_id', columns: [{ column: 'parent_id' }, { column: 'code' }] },
    { kind: 'ForeignKey', name: 'fk_parent', columns: ['parent_id'], refTable: { name: 'parent' }, refColumns: ['id'], onDelete: 'set null', onUpdate: 'cascade' },
    { kind: 'ForeignKey', name: undefined, columns: ['code'], refTable: { schema: 'other', name: 'codes' }, onDelete: 'no action' },
    { kind: 'Check', name: 'chk_name', enforced: false },
  ]);
  const idx = objs.filter((o) => o.kind === 'Index');
  assertShape(idx, [
    { name: 'idx_parent', method: 'btree', comment: 'p', inline: true, columns: [{ column: 'parent_id', direction: 'desc' }], table: { name: 'child' }, unique: false },
    { name: 'name', columns: [{ column: 'name' }] },
    { name: 'ft_name', method: 'fulltext', parser: 'ngram' },
    { name: 'functional_index', columns: [{ expr: { kind: 'Binary', op: '*' } }] },
  ]);
});

test('inline REFERENCES is reported, not turned into a foreign key (MySQL ignores it)', () => {
  const r = parse('CREATE TABLE c (p INT REFERENCES parent(id))');
  const t = one(r.objects, 'Table');
  assert.equal(t.constraints.length, 0);
  assertShape(r.diagnostics, [{ code: 'MY0011', severity: 'low', span: { line: 1, column: 23 } }]);
  assert.match(r.diagnostics[0]!.message, /ignored by MySQL/);
});

test('partitioning', () => {
  const t = one(parseClean(`CREATE TABLE p (id INT, d DATE) PARTITION BY RANGE (YEAR(d)) (
    PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN MAXVALUE COMMENT = 'rest')`), 'Table');
  assertShape(t.partitioning, { method: 'range', columns: [], expr: { kind: 'FunctionCall', name: { name: 'YEAR' } }, partitions: [
    { name: 'p0', lessThan: [{ kind: 'Literal', value: '2000' }] }, { name: 'p1', lessThan: [col('MAXVALUE')], comment: 'rest' }] });
  const l = one(parseClean(`CREATE TABLE l (r CHAR(2)) PARTITION BY LIST COLUMNS (r) (PARTITION pe VALUES IN ('a', 'b'), PARTITION pw VALUES IN ('c'))`), 'Table');
  assertShape(l.partitioning, { method: 'list', columns: ['r'], partitions: [{ name: 'pe', in: [{ value: 'a' }, { value: 'b' }] }, { name: 'pw' }] });
  const h = one(parseClean('CREATE TABLE h (id INT) PARTITION BY LINEAR HASH (id) PARTITIONS 4'), 'Table');
  assertShape(h.partitioning, { method: 'hash', linear: true, count: 4, partitions: [] });
  const k = one(parseClean('CREATE TABLE k (id INT PRIMARY KEY) PARTITION BY KEY () PARTITIONS 2'), 'Table');
  assertShape(k.partitioning, { method: 'key', columns: [], count: 2 });
});

test('USE qualifies unqualified names; CREATE/DROP DATABASE', () => {
  const objs = parseClean('CREATE DATABASE IF NOT EXISTS shop DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\nUSE shop;\nCREATE TABLE a (x INT);\nCREATE TABLE other.b (y INT);\nCREATE DATABASE gone; DROP DATABASE gone;');
  assertShape(objs, [
    { kind: 'Schema', name: { name: 'shop' }, charset: 'utf8mb4', collation: 'utf8mb4_bin' },
    { kind: 'Table', name: { schema: 'shop', name: 'a' } },
    { kind: 'Table', name: { schema: 'other', name: 'b' } },
  ]);
  assertShape(parseClean('CREATE TABLE a (x INT)', 'dflt'), [{ kind: 'Table', name: { schema: 'dflt', name: 'a' } }]);
});

test('DROP … IF EXISTS removes objects created earlier in the run (drop-then-create)', () => {
  const objs = parseClean(`CREATE TABLE t (x INT, KEY ix (x)); CREATE VIEW v AS SELECT 1;
    INSERT INTO t VALUES (1);
    DROP TABLE IF EXISTS t; DROP VIEW IF EXISTS v, w;
    DROP PROCEDURE IF EXISTS nope;
    CREATE TABLE t (y INT);`);
  assertShape(objs, [{ kind: 'Table', columns: [{ name: 'y' }] }]);
});

test('ALTER TABLE merges into the table', () => {
  const objs = parseClean(`CREATE TABLE t (a INT, b INT, c INT, PRIMARY KEY (a), KEY kb (b));
    ALTER TABLE t ADD COLUMN d VARCHAR(5) NOT NULL AFTER a, ADD e INT FIRST,
      MODIFY b BIGINT NOT NULL, CHANGE COLUMN c c2 INT DEFAULT 7,
      ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES u (id), ADD UNIQUE KEY uq (d), ADD INDEX ie (e),
      ALTER COLUMN c2 SET DEFAULT 8, DROP INDEX kb, RENAME COLUMN d TO dd, ENGINE = MyISAM, AUTO_INCREMENT = 5;
    ALTER TABLE t DISABLE KEYS; ALTER TABLE t ENABLE KEYS;
    ALTER TABLE t DROP PRIMARY KEY, DROP FOREIGN KEY fk, ADD PRIMARY KEY (b);
    ALTER TABLE t RENAME TO t2;`);
  const t = one(objs, 'Table');
  assertShape(t, { name: { name: 't2' }, options: { ENGINE: 'MyISAM' } });
  assert.deepEqual(t.columns.map((c) => c.name), ['e', 'a', 'dd', 'b', 'c2']);
  assertShape(t.columns.find((c) => c.name === 'b'), { dataType: { name: 'bigint' }, nullable: false });
  assertShape(t.columns.find((c) => c.name === 'c2'), { default: { kind: 'Literal', value: '8' } });
  assertShape(t.constraints, [{ kind: 'Unique', name: 'uq', columns: [{ column: 'dd' }] }, { kind: 'PrimaryKey', columns: [{ column: 'b' }] }]);
  assertShape(objs.filter((o) => o.kind === 'Index'), [{ name: 'ie', table: { name: 't2' } }]);
});

test('ALTER TABLE of an unknown table is kept as text with a diagnostic', () => {
  const r = parse('ALTER TABLE nowhere ADD COLUMN x INT;');
  assertShape(r.objects, [{ kind: 'UnparsedObject', objectType: 'table', name: { name: 'nowhere' } }]);
  assertShape(r.diagnostics, [{ code: 'MY0009' }]);
});

test('CREATE TABLE … LIKE copies a known table; AS SELECT is diagnosed', () => {
  const objs = parseClean('CREATE TABLE a (x INT PRIMARY KEY, y INT, KEY ky (y)); CREATE TABLE b LIKE a;');
  assertShape(objs.filter((o) => o.kind === 'Table'), [{ name: { name: 'a' } }, { name: { name: 'b' }, columns: [{ name: 'x' }, { name: 'y' }] }]);
  assertShape(objs.filter((o) => o.kind === 'Index').map((i) => i.kind === 'Index' && i.table.name), ['a', 'b']);
  const r = parse('CREATE TABLE c AS SELECT * FROM a;');
  assertShape(r.objects, [{ kind: 'UnparsedObject', objectType: 'table', name: { name: 'c' } }]);
  assertShape(r.diagnostics, [{ code: 'MY0008', severity: 'medium' }]);
  assertShape(parse('CREATE TABLE d LIKE missing;').diagnostics, [{ code: 'MY0008' }]);
});

test('CREATE INDEX statements', () => {
  const objs = parseClean('CREATE TABLE t (a INT, b TEXT, g GEOMETRY NOT NULL); CREATE UNIQUE INDEX ua ON t (a); CREATE FULLTEXT INDEX fb ON t (b); CREATE SPATIAL INDEX sg ON t (g); CREATE INDEX ih USING HASH ON t (a) ALGORITHM = INPLACE LOCK = NONE;');
  assertShape(objs.filter((o) => o.kind === 'Index'), [
    { name: 'ua', unique: true, inline: undefined }, { name: 'fb', method: 'fulltext' }, { name: 'sg', method: 'spatial' }, { name: 'ih', method: 'hash' },
  ]);
});

test('views', () => {
  const objs = parseClean(`CREATE OR REPLACE ALGORITHM=MERGE DEFINER=\`root\`@\`localhost\` SQL SECURITY INVOKER VIEW v (x, y) AS SELECT a, b FROM t WHERE a > 1 WITH LOCAL CHECK OPTION;
    CREATE DEFINER='app'@'%' VIEW w AS SELECT 1 UNION SELECT 2`);
  assertShape(objs, [
    { kind: 'View', name: { name: 'v' }, orReplace: true, algorithm: 'MERGE', definer: '`root`@`localhost`', security: 'invoker', columns: ['x', 'y'], checkOption: 'local', query: { kind: 'Select' } },
    { kind: 'View', name: { name: 'w' }, definer: "'app'@'%'", query: { kind: 'SetOperation' } },
  ]);
});

test('a view whose query cannot be parsed keeps its name and the query as text', () => {
  const r = parse('CREATE VIEW v AS SELECT a FROM t WHERE a <-> 1;');
  assertShape(r.objects, [{ kind: 'View', name: { name: 'v' }, query: { kind: 'Unparsed', text: 'SELECT a FROM t WHERE a <-> 1' } }]);
  assertShape(r.diagnostics, [{ code: 'MY0001', span: { line: 1, column: 43 }, object: { type: 'view', name: 'v' } }]);
});

test('data statements become DataScripts grouped per table with row counts', () => {
  const objs = parseClean(`CREATE TABLE a (x INT); CREATE TABLE b (y INT);
    LOCK TABLES a WRITE; INSERT INTO a VALUES (1),(2); INSERT INTO a (x) VALUES (3); UNLOCK TABLES;
    INSERT INTO b SET y = 1; REPLACE INTO b VALUES (2); UPDATE b SET y = 3 WHERE y = 2; DELETE FROM b WHERE y = 1;
    INSERT INTO a VALUES (4);`);
  assertShape(objs.map((o) => o.kind === 'DataScript' ? [o.table.name, o.rowCount, o.statements.length] : o.kind), ['Table', 'Table', ['a', 3, 2], ['b', 2, 4], ['a', 1, 1]]);
});

test('session statements produce nothing; privileges one info diagnostic per file', () => {
  const r = parse(`SET NAMES utf8mb4; SET @OLD=@@SQL_MODE, SQL_MODE='TRADITIONAL'; SET FOREIGN_KEY_CHECKS=0;
    START TRANSACTION; COMMIT; LOCK TABLES t WRITE; UNLOCK TABLES; FLUSH PRIVILEGES;
    CREATE USER 'u'@'%' IDENTIFIED BY 'secret'; GRANT ALL ON db.* TO 'u'@'%'; REVOKE SELECT ON db.* FROM 'u'@'%';`);
  assert.deepEqual(r.objects, []);
  assertShape(r.diagnostics, [{ code: 'MY0006', severity: 'info' }]);
  assert.match(r.diagnostics[0]!.message, /3 GRANT\/REVOKE\/CREATE USER/);
  assert.ok(!r.diagnostics[0]!.message.includes('secret'));
});

test('MariaDB sequences and version comments', () => {
  const objs = parseClean('CREATE SEQUENCE s START WITH 10 INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000 CACHE 20 CYCLE; CREATE TABLE t (a INT /*!50705 NOT NULL */, /*!90000 b INT, */ c INT);');
  assertShape(objs, [{ kind: 'Sequence', start: 10, increment: 5, minValue: 1, maxValue: 1000, cache: 20, cycle: true }, { kind: 'Table', columns: [{ name: 'a', nullable: false }, { name: 'c' }] }]);
});

test('RENAME TABLE and TRUNCATE', () => {
  const objs = parseClean('CREATE TABLE a (x INT); CREATE TABLE c (y INT, FOREIGN KEY (y) REFERENCES a (x)); INSERT INTO a VALUES (1); TRUNCATE TABLE a; RENAME TABLE a TO b;');
  assertShape(objs, [{ kind: 'Table', name: { name: 'b' } }, { kind: 'Table', constraints: [{ kind: 'ForeignKey', refTable: { name: 'b' } }] }]);
});

test('SPATIAL as a column name; MariaDB system versioning', () => {
  const objs = parseClean('CREATE TABLE s (spatial INT, g GEOMETRY NOT NULL, SPATIAL KEY sg (g)) WITH SYSTEM VERSIONING;');
  assertShape(objs, [{ kind: 'Table', columns: [{ name: 'spatial' }, { name: 'g' }], options: { SYSTEM_VERSIONING: 'ON' } }, { kind: 'Index', name: 'sg', method: 'spatial' }]);
});

test('MariaDB column attributes: REF_SYSTEM_ID, COMPRESSED', () => {
  const r = parse('CREATE TABLE m (g POINT REF_SYSTEM_ID=4326, b BLOB COMPRESSED);');
  assertShape(r.objects, [{ kind: 'Table', columns: [{ name: 'g', dataType: { srid: 4326 } }, { name: 'b' }] }]);
  assertShape(r.diagnostics, [{ code: 'MY0011', severity: 'low' }]);
});

test('subpartition definitions are reported (the model keeps only the method)', () => {
  const r = parse(`CREATE TABLE sp (id INT, d DATE) PARTITION BY RANGE (YEAR(d)) SUBPARTITION BY HASH (TO_DAYS(d)) (
    PARTITION p0 VALUES LESS THAN (2000) (SUBPARTITION s0, SUBPARTITION s1),
    PARTITION p1 VALUES LESS THAN MAXVALUE (SUBPARTITION s2, SUBPARTITION s3));`);
  assertShape(r.objects, [{ kind: 'Table', partitioning: { method: 'range', subpartitioning: { method: 'hash' }, partitions: [{ name: 'p0' }, { name: 'p1' }] } }]);
  assertShape(r.diagnostics, [{ code: 'MY0011', span: { line: 2 } }]);
});

test('MariaDB JSON (LONGTEXT + CHECK (json_valid(col))) reads as json', () => {
  const t = one(parseClean('CREATE TABLE j (a longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`a`)), b TEXT CHECK (json_valid(b)), c LONGTEXT, CONSTRAINT k CHECK (c <> \'\'));'), 'Table');
  assertShape(t.columns, [{ name: 'a', dataType: { name: 'json', sizeClass: undefined, charset: 'utf8mb4' } }, { name: 'b', dataType: { name: 'text' } }, { name: 'c', dataType: { name: 'text', sizeClass: 'long' } }]);
  assertShape(t.constraints, [{ kind: 'Check', expr: { kind: 'FunctionCall', args: [{ parts: ['b'] }] } }, { kind: 'Check', name: 'k' }]);
});

import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { mysqlFrontEnd } from '../../../../converters/dialects/mysql/index.js';
import { parseClean, parse, assertShape } from './helpers.js';

/** The shape mysqldump 8.0 writes: version comments around session settings, triggers, events and views. */
const DUMP = readFileSync(new URL('./fixtures/mysqldump-8.0.sql', import.meta.url), 'utf8');

test('a mysqldump file: placeholder view replaced, version-commented trigger/event/view, data', () => {
  const objs = parseClean(DUMP);
  assertShape(objs.map((o) => o.kind), ['Table', 'Index', 'DataScript', 'Trigger', 'Routine', 'Event', 'View']);
  assertShape(objs[0], { kind: 'Table', name: { name: 'orders' }, autoIncrementStart: 3, collation: 'utf8mb4_unicode_ci',
    columns: [{ name: 'id', identity: { start: 3 } }, { name: 'customer', collation: 'utf8mb4_unicode_ci', default: { value: '' } }, { name: 'total', default: { type: 'string', value: '0.00' } },
      { name: 'created_at', nullable: true, default: { kind: 'FunctionCall' } }, { name: 'attrs', dataType: { name: 'json' } }],
    constraints: [{ kind: 'PrimaryKey' }, { kind: 'Check', name: 'orders_chk_1' }] });
  assertShape(objs[2], { kind: 'DataScript', rowCount: 2, statements: [{ source: { rows: [[{}, { value: 'Ann' }, {}, {}, { value: '{"a": 1}' }], [{}, { value: "Bob's" }, {}, { type: 'null' }, {}]] } }] });
  assertShape(objs[3], { kind: 'Trigger', name: { name: 'orders_bi' }, definer: '`root`@`localhost`', body: { kind: 'Block', body: [{ kind: 'If', branches: [{ body: [{ kind: 'Raise', sqlstate: '45000' }] }] }] } });
  assertShape(objs[5], { kind: 'Event', name: { name: 'cleanup' }, onCompletionPreserve: false, enabled: true, body: { kind: 'Block', body: [{ kind: 'SqlStatement' }] } });
  assertShape(objs[6], { kind: 'View', name: { name: 'big_orders' }, algorithm: 'UNDEFINED', security: 'definer', query: { kind: 'Select', where: { kind: 'Binary', op: '>' } } });
});

test('sql_mode set by the script changes how later statements read', () => {
  const objs = parseClean(`SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='ANSI_QUOTES,PIPES_AS_CONCAT';
CREATE TABLE "quoted" ("a b" INT, r REAL);
CREATE VIEW v AS SELECT 'x' || "a b" FROM "quoted";
SET SQL_MODE=@OLD_SQL_MODE;
CREATE VIEW w AS SELECT "x" || a FROM t;
SET sql_mode = 'ANSI';
CREATE TABLE f (r REAL);`);
  assertShape(objs, [
    { kind: 'Table', name: { name: 'quoted', quoted: true }, columns: [{ name: 'a b' }, { name: 'r', dataType: { name: 'double' } }] },
    { kind: 'View', query: { items: [{ expr: { kind: 'Binary', op: 'concat', right: { kind: 'ColumnRef', parts: ['a b'] } } }] } },
    { kind: 'View', query: { items: [{ expr: { kind: 'Binary', op: 'or', left: { kind: 'Literal', value: 'x' } } }] } },
    { kind: 'Table', columns: [{ name: 'r', dataType: { name: 'real' } }] },
  ]);
});

test('NO_BACKSLASH_ESCAPES keeps backslashes', () => {
  const objs = parse(`SET sql_mode = 'NO_BACKSLASH_ESCAPES'; INSERT INTO t VALUES ('C:\\dir');`).objects;
  assertShape(objs, [{ kind: 'DataScript', statements: [{ source: { rows: [[{ value: 'C:\\dir' }]] } }] }]);
});


test('version comments follow the source server: MySQL 8.0 by default, MariaDB rules when known', () => {
  const sql = 'CREATE TABLE t (a INT, /*!50705 my57 INT, */ /*!80003 my80 INT, */ /*M!100100 maria INT, */ /*!40101 old INT, */ z INT);';
  const cols = (opts: { serverVersion?: string }, text = sql) => {
    const r = mysqlFrontEnd.parse([{ path: 'v.sql', text }], opts);
    const t = r.catalog.objects[0];
    return t?.kind === 'Table' ? t.columns.map((c) => c.name) : [];
  };
  assert.deepEqual(cols({}), ['a', 'my57', 'old', 'z']);
  assert.deepEqual(cols({ serverVersion: '8.0.36' }), ['a', 'my57', 'my80', 'old', 'z']);
  // MariaDB skips MySQL 5.7/8.0 executable comments and runs its own /*M! ones.
  assert.deepEqual(cols({ serverVersion: '10.11.6-MariaDB-log' }), ['a', 'maria', 'old', 'z']);
  assert.deepEqual(cols({}, `-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n${sql}`), ['a', 'maria', 'old', 'z']);
  assert.deepEqual(cols({}, `-- MySQL dump 10.13  Distrib 5.7.44, for Linux (x86_64)\n${sql}`), ['a', 'my57', 'old', 'z']);
});

test('NO_BACKSLASH_ESCAPES set by the script also governs how later statements are split', () => {
  const objs = parse(`SET sql_mode = 'NO_BACKSLASH_ESCAPES';\nINSERT INTO t VALUES ('C:\\');\nINSERT INTO t VALUES ('D:\\');`).objects;
  assertShape(objs, [{ kind: 'DataScript', rowCount: 2, statements: [{ source: { rows: [[{ value: 'C:\\' }]] } }, { source: { rows: [[{ value: 'D:\\' }]] } }] }]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildUndoScript, classify } from '../../../electron/node/apply/undo.js';
import { isTransactionControl, lineOfPosition, objectMarkers } from '../../../electron/node/apply/script.js';

test('classify reads what a MySQL statement creates, whatever its modifiers', () => {
  assert.deepEqual(classify('CREATE TABLE IF NOT EXISTS `s`.`t` (id int)'), { kind: 'create', what: 'TABLE', name: { schema: 's', name: 't' }, ifNotExists: true, orReplace: false, temporary: false });
  const proc = classify('CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN SELECT 1; END');
  assert.equal(proc.kind === 'create' && proc.what, 'PROCEDURE');
  assert.deepEqual(proc.kind === 'create' && proc.name, { name: 'p' });
  const view = classify('CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v AS SELECT 1');
  assert.equal(view.kind === 'create' && view.orReplace, true);
  const idx = classify('CREATE UNIQUE INDEX ix ON tbl (a)');
  assert.deepEqual(idx.kind === 'create' && [idx.what, idx.name.name, idx.onTable?.name], ['INDEX', 'ix', 'tbl']);
  const trg = classify('/* c */ CREATE TRIGGER tr BEFORE INSERT ON `x` FOR EACH ROW SET NEW.a = 1');
  assert.deepEqual(trg.kind === 'create' && [trg.what, trg.onTable?.name], ['TRIGGER', 'x']);
  assert.equal(classify('CREATE SCHEMA app').kind === 'create' && (classify('CREATE SCHEMA app') as { what: string }).what, 'DATABASE');
});

test('classify: ALTER TABLE gets an undo only for a single ADD it can reverse', () => {
  assert.deepEqual(classify('ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id)'), { kind: 'alter-table', table: { name: 't' }, clause: 'ADD CONSTRAINT fk FOREIGN', undo: 'ALTER TABLE `t` DROP FOREIGN KEY `fk`' });
  assert.equal((classify('ALTER TABLE t ADD INDEX ix (a)') as { undo?: string }).undo, 'ALTER TABLE `t` DROP INDEX `ix`');
  assert.equal((classify('ALTER TABLE t ADD UNIQUE KEY uq (a, b)') as { undo?: string }).undo, 'ALTER TABLE `t` DROP INDEX `uq`');
  assert.equal((classify('ALTER TABLE t ADD COLUMN c int') as { undo?: string }).undo, undefined);
  assert.equal((classify('ALTER TABLE t ADD INDEX a (x), ADD INDEX b (y)') as { undo?: string }).undo, undefined);
});

test('classify: data, drops, renames, USE and the rest', () => {
  assert.deepEqual(classify('INSERT IGNORE INTO t VALUES (1)'), { kind: 'data', verb: 'INSERT', table: { name: 't' } });
  assert.deepEqual(classify("LOAD DATA LOCAL INFILE 'x' INTO TABLE d.t"), { kind: 'data', verb: 'LOAD', table: { schema: 'd', name: 't' } });
  assert.deepEqual(classify('DROP TABLE IF EXISTS t'), { kind: 'drop', what: 'TABLE', name: { name: 't' } });
  assert.deepEqual(classify('RENAME TABLE a TO b, c TO d'), { kind: 'rename', pairs: [[{ name: 'a' }, { name: 'b' }], [{ name: 'c' }, { name: 'd' }]] });
  assert.deepEqual(classify('USE `my db`'), { kind: 'use', db: 'my db' });
  assert.deepEqual(classify('SET FOREIGN_KEY_CHECKS = 0'), { kind: 'neutral' });
  assert.deepEqual(classify('GRANT ALL ON *.* TO x'), { kind: 'unknown', verb: 'GRANT' });
});

test('the undo script runs steps in reverse, switches database, wraps bodies and states limits', () => {
  const text = buildUndoScript([
    { index: 0, line: 2, db: 'a', sql: ['DROP TABLE IF EXISTS `t`'] },
    { index: 1, line: 5, db: 'a', sql: ['DROP PROCEDURE IF EXISTS `p`', 'CREATE PROCEDURE p() BEGIN SELECT 1; END'], needsDelimiter: true },
    { index: 2, line: 9, db: 'b', sql: [], limitation: 'INSERT changed rows of b.k' },
  ], ['header']);
  const lines = text.trim().split('\n');
  assert.equal(lines[0], '-- header');
  assert.equal(lines[1], 'SET FOREIGN_KEY_CHECKS = 0;');
  assert.ok(text.indexOf('NOT UNDONE: INSERT changed rows of b.k') < text.indexOf('DROP PROCEDURE'));
  assert.ok(text.indexOf('DROP PROCEDURE') < text.indexOf('DROP TABLE'));
  assert.match(text, /DELIMITER \/\/\nCREATE PROCEDURE p\(\) BEGIN SELECT 1; END\/\/\nDELIMITER ;/);
  assert.match(text, /USE `a`;/);
  assert.equal(lines[lines.length - 1], 'SET FOREIGN_KEY_CHECKS = 1;');
});

test('markers, error positions and transaction control', () => {
  assert.deepEqual(objectMarkers('x\n-- @dbshift object=table:s.t\ny\n  --  @dbshift object=view:s.v extra\n'), [{ line: 2, object: 'table:s.t' }, { line: 4, object: 'view:s.v' }]);
  assert.equal(lineOfPosition({ index: 0, text: 'CREATE VIEW v AS\n  SELECT x\n  FROM t', line: 10 }, 22), 11);
  assert.equal(lineOfPosition({ index: 0, text: 'SELECT 1', line: 10 }, undefined), 10);
  assert.ok(isTransactionControl('BEGIN'));
  assert.ok(isTransactionControl('commit work;'));
  assert.ok(!isTransactionControl('BEGIN ATOMIC SELECT 1; END'));
});

// PostgreSQL text values → MariaDB values (the integration test checks them on real servers; these
// pin the edge cases: offsets, microseconds, array quoting, COPY escapes, refusals).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mysqlKind, pgArrayToJson, pgToMysqlConverter, toUtcDatetime } from '../../../electron/node/replication/target/mysql-values.js';
import { copyField } from '../../../electron/node/replication/target/mysql-load.js';
import { compareLsn, replicationNames } from '../../../electron/node/replication/source/postgres.js';
import { ValueError } from '../../../electron/node/replication/values.js';

test('timestamptz text → UTC DATETIME, any offset, microseconds kept, across a date line', () => {
  assert.equal(toUtcDatetime('2024-03-10 01:30:00.123457+05'), '2024-03-09 20:30:00.123457');
  assert.equal(toUtcDatetime('2024-12-31 23:00:00-02:30'), '2025-01-01 01:30:00');
  assert.equal(toUtcDatetime('2024-01-01 00:00:00+00'), '2024-01-01 00:00:00');
  assert.equal(toUtcDatetime('2024-01-01 12:00:00'), '2024-01-01 12:00:00');
  assert.throws(() => toUtcDatetime('infinity'), ValueError);
});

test('arrays → JSON arrays typed by the element type; NULL, quotes, backslashes, nesting', () => {
  assert.equal(pgArrayToJson('{a,"b \\"x\\"",NULL,"NULL"}', 'text'), '["a","b \\"x\\"",null,"NULL"]');
  assert.deepEqual(JSON.parse(pgArrayToJson('{"c:\\\\dir",z}', 'text')), ['c:\\dir', 'z']);
  assert.equal(pgArrayToJson('{{1,2},{3,NULL}}', 'integer'), '[[1,2],[3,null]]');
  assert.equal(pgArrayToJson('{t,f}', 'boolean'), '[true,false]');
  assert.equal(pgArrayToJson('[0:1]={5,6}', 'bigint'), '[5,6]');
  assert.throws(() => pgArrayToJson('{NaN}', 'numeric'), ValueError);
  assert.equal(pgArrayToJson('{}', 'text'), '[]');
});

test('converters by source and target type: boolean, bytea, numbers MariaDB cannot hold', () => {
  assert.equal(pgToMysqlConverter('boolean', 'tinyint(1)')('t'), '1');
  assert.equal(pgToMysqlConverter('boolean', 'tinyint(1)')('f'), '0');
  assert.equal(pgToMysqlConverter('bytea', 'longblob')('\\x00ff10'), '00ff10');
  assert.equal(pgToMysqlConverter('text[]', 'longtext')('{a}'), '["a"]');
  assert.equal(pgToMysqlConverter('jsonb', 'longtext')('{"a": 1}'), '{"a": 1}');
  assert.equal(pgToMysqlConverter('timestamp with time zone', 'datetime(6)')('2024-01-01 10:00:00+02'), '2024-01-01 08:00:00');
  assert.equal(pgToMysqlConverter('numeric', 'decimal(12,2)')(null), null);
  assert.throws(() => pgToMysqlConverter('double precision', 'double')('NaN'), ValueError);
  assert.throws(() => pgToMysqlConverter('date', 'date')('infinity'), ValueError);
  assert.equal(mysqlKind('tinyint(1)'), 'bool');
  assert.equal(mysqlKind('tinyint(4)'), 'number');
  assert.equal(mysqlKind('varbinary(16)'), 'binary');
});

test('COPY text fields: \\N is NULL, escapes decoded, a lone backslash-x kept', () => {
  assert.equal(copyField('\\N'), null);
  assert.equal(copyField('a\\tb\\nc\\\\d'), 'a\tb\nc\\d');
  assert.equal(copyField('\\\\x00ff'), '\\x00ff');
  assert.equal(copyField('\\101\\x42'), 'AB');
  assert.equal(copyField(''), '');
});

test('slot and publication names from the task id; LSN order', () => {
  assert.deepEqual(replicationNames('Shop-Task 1'), { slot: 'dbshift_shop_task_1', publication: 'dbshift_shop_task_1' });
  assert.ok(replicationNames('x'.repeat(100)).slot.length <= 63);
  assert.equal(compareLsn('0/1993928', '00000000/01993928'), 0);
  assert.equal(compareLsn('0/FFFFFFFF', '1/0'), -1);
  assert.equal(compareLsn('A/10', '9/FFFFFFFF'), 1);
});

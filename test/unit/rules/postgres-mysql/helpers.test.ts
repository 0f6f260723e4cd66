import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInterval, translateTemplate } from '../../../../converters/rules/postgres-mysql/datetime.js';
import { utcTimestamp } from '../../../../converters/rules/postgres-mysql/tables.js';
import { pgArrayToJson } from '../../../../converters/rules/postgres-mysql/data.js';

test('to_char templates translate to DATE_FORMAT specifiers; quoted text and % are literal; unknown patterns are listed', () => {
  assert.deepEqual(translateTemplate('YYYY-MM-DD HH24:MI:SS'), { format: '%Y-%m-%d %H:%i:%s', unsupported: [] });
  assert.deepEqual(translateTemplate('FMDay, FMDD "of" FMMonth YYYY'), { format: '%W, %e of %M %Y', unsupported: [] });
  assert.deepEqual(translateTemplate('HH12:MI AM 100%'), { format: '%h:%i %p 100%%', unsupported: [] });
  assert.deepEqual(translateTemplate('YYYY Q TZ'), { format: '%Y  ', unsupported: ['Q', 'TZ'] });
});

test('interval strings split into MySQL INTERVAL units', () => {
  assert.deepEqual(parseInterval('1 day'), [{ value: '1', unit: 'DAY' }]);
  assert.deepEqual(parseInterval('2 hours 30 minutes'), [{ value: '2', unit: 'HOUR' }, { value: '30', unit: 'MINUTE' }]);
  assert.deepEqual(parseInterval('3 mons'), [{ value: '3', unit: 'MONTH' }]);
  assert.deepEqual(parseInterval('01:02:03'), [{ value: '01', unit: 'HOUR' }, { value: '02', unit: 'MINUTE' }, { value: '03', unit: 'SECOND' }]);
  assert.equal(parseInterval('P1D'), undefined);
});

test('timestamptz literals become UTC text', () => {
  assert.equal(utcTimestamp('2022-02-01 00:00:00+00'), '2022-02-01 00:00:00');
  assert.equal(utcTimestamp('2024-01-01 02:00:00+02'), '2024-01-01 00:00:00');
  assert.equal(utcTimestamp('2024-12-31 23:30:00.25-01:30'), '2025-01-01 01:00:00.25');
  assert.equal(utcTimestamp('not a date'), undefined);
});

test('PostgreSQL array literals become JSON arrays (quoted items, NULL, escapes)', () => {
  assert.equal(pgArrayToJson('{Trailers,"Deleted Scenes"}'), '["Trailers","Deleted Scenes"]');
  assert.equal(pgArrayToJson('{1,NULL,"NULL","a\\"b"}'), '["1",null,"NULL","a\\"b"]');
  assert.equal(pgArrayToJson('{}'), '[]');
  assert.equal(pgArrayToJson('{{1,2},{3,4}}'), undefined);
});

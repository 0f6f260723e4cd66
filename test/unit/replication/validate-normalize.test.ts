// Value normalisation of PostgreSQL → MariaDB validation: the text each engine prints for equal
// values compares equal; different values stay different.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalDecimal, canonicalTime, myNormalizer } from '../../../electron/node/replication/validate-pg.js';

test('decimals: scale, sign and leading zeros do not matter; the value does', () => {
  assert.equal(canonicalDecimal('3.10'), canonicalDecimal('3.1'));
  assert.equal(canonicalDecimal('-0.00'), '0');
  assert.equal(canonicalDecimal('+007'), '7');
  assert.equal(canonicalDecimal('10'), '10');
  assert.equal(canonicalDecimal('100.000'), '100');
  assert.notEqual(canonicalDecimal('3.10'), canonicalDecimal('3.01'));
  assert.equal(canonicalDecimal('-0.10'), '-0.1');
});

test('times: trailing fractional zeros dropped (DATETIME(6) vs PostgreSQL), a microsecond still counts', () => {
  assert.equal(canonicalTime('2024-03-31 02:59:59.500000'), '2024-03-31 02:59:59.5');
  assert.equal(canonicalTime('2024-03-31 02:59:59.000000'), '2024-03-31 02:59:59');
  assert.notEqual(canonicalTime('2024-03-31 02:59:59.500001'), canonicalTime('2024-03-31 02:59:59.5'));
});

test('per target column type: floats, JSON, hex, CHAR padding, NULL', () => {
  assert.equal(myNormalizer('double')('0.1428571428571428'), myNormalizer('double')('1.428571428571428e-1'));
  const json = myNormalizer('longtext /* json */');
  assert.equal(json('{"z": 1, "a": [1.50, "x", null]}'), json('{"a":[1.5,"x",null],"z":1}'));
  assert.notEqual(json('{"a": 1}'), json('{"a": "1"}'));
  assert.equal(myNormalizer('varbinary(16)')('00FF'), myNormalizer('blob')('00ff'));
  assert.equal(myNormalizer('char(5)')('ab   '), 'ab');
  assert.equal(myNormalizer('varchar(5)')('ab '), 'ab ');
  assert.notEqual(myNormalizer('text')(null), myNormalizer('text')(''));
  assert.equal(myNormalizer('tinyint(1)')('1'), '1');
});

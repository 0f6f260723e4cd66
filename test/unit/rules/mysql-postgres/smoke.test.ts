import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { convert } from '../../../../converters/index.js';
import { catalog, column, table, type, pk, lit, insert, sql, fn, index } from './ir.js';

test('smoke: actor-like table converts', () => {
  const t = table('Actor', [
    column('ActorId', type('smallint', { unsigned: true }), { nullable: false, identity: { style: 'auto_increment' } }),
    column('FirstName', type('varchar', { length: 45 }), { nullable: false }),
    column('Active', type('tinyint', { displayWidth: 1 }), { nullable: false, default: lit(1) }),
    column('Rating', type('enum', { values: ['G', 'PG'] }), { default: lit('G') }),
    column('Updated', type('timestamp'), { nullable: false, default: fn('CURRENT_TIMESTAMP'), onUpdate: fn('CURRENT_TIMESTAMP') }),
  ], [pk('ActorId')], { autoIncrementStart: 5 });
  const r = convert(catalog(t, index('idx_name', 'Actor', ['FirstName']), insert('Actor', [[lit(1), lit("O'Neil"), lit(0), lit('PG'), lit('0000-00-00 00:00:00')]])), { target: 'postgres', naming: 'snake' });
  if (process.env.H3_DUMP) writeFileSync(process.env.H3_DUMP, sql(r.objects));
  assert.ok(r.objects.length > 0);
});

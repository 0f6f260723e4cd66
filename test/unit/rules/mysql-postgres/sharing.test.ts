// The MySQL → PostgreSQL rules share unchanged source nodes with their output and change their own
// copies in place: these tests hold them to leaving the source catalog as it was, to converting the
// same catalog twice the same way, and to the cheap helpers meaning what the expensive ones did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScripts, qnameKey } from '../../../../converters/index.js';
import type { DataType } from '../../../../converters/index.js';
import { mysqlToPostgres } from '../../../../converters/rules/mysql-postgres/index.js';
import { RuleContext, resolveOptions } from '../../../../converters/rules/mysql-postgres/context.js';
import { mapType, mapTypeInto, typeMapping } from '../../../../converters/rules/mysql-postgres/types.js';
import { MP } from '../../../../converters/rules/mysql-postgres/codes.js';
import { lowerCase, nameKey, shortName, shortenIdentifier } from '../../../../converters/rules/common/identifiers.js';
import { catalog, column, span, table, type } from './ir.js';

// Renamed (upper case) and unchanged names, enums, unsigned keys, AUTO_INCREMENT, ON UPDATE, a
// CURRENT_TIMESTAMP default, a converted default on a column kept as it is, named UNIQUE keys that clash, FKs, index renames.
const SCRIPT = `
CREATE TABLE Film (
  Film_ID INT UNSIGNED NOT NULL AUTO_INCREMENT,
  title VARCHAR(100) NOT NULL,
  rating ENUM('G','PG') DEFAULT 'G',
  active TINYINT(1) NOT NULL DEFAULT 1,
  updated TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (Film_ID),
  CONSTRAINT uk_title UNIQUE (title)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE actor (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  film_id INT UNSIGNED,
  name VARCHAR(45) NOT NULL,
  code VARCHAR(36) DEFAULT (uuid()),
  created DATETIME DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  CONSTRAINT uk_title UNIQUE (name)
);
CREATE INDEX uk_title ON actor (name);
CREATE INDEX ix_film ON actor (film_id);
ALTER TABLE actor ADD CONSTRAINT fk_actor_film FOREIGN KEY (film_id) REFERENCES Film (Film_ID);
`;

test('converting leaves the source catalog as it was, and the same catalog converts the same way twice', () => {
  const parsed = parseScripts('mysql', [{ path: 'sharing.sql', text: SCRIPT }]);
  assert.deepEqual(parsed.diagnostics, []);
  const before = JSON.stringify(parsed.catalog);
  const first = mysqlToPostgres.transform(parsed.catalog, { target: 'postgres' });
  assert.equal(JSON.stringify(parsed.catalog), before, 'the source catalog must not change');
  const second = mysqlToPostgres.transform(parsed.catalog, { target: 'postgres' });
  assert.equal(JSON.stringify(second), JSON.stringify(first));

  // What the rules had to change did change (so the comparison above covers real work).
  const film = first.catalog.objects.find((o) => o.kind === 'Table' && o.name.name === 'film');
  assert.ok(film && film.kind === 'Table');
  assert.equal(film.columns[0]!.name, 'film_id');
  assert.equal(film.columns[0]!.dataType.name, 'bigint');
  assert.deepEqual(film.columns[0]!.identity, { style: 'byDefault' });
  assert.equal(Object.keys(film).includes('charset'), false);
  assert.deepEqual(film.origin, { name: 'Film', type: 'Table' });
  const keyNames = first.catalog.objects.flatMap((o) => (o.kind === 'Table' ? o.constraints.map((c) => c.name ?? '') : o.kind === 'Index' ? [o.name] : []));
  assert.equal(keyNames.filter((n) => n === 'uk_title').length, 1, 'one uk_title per schema; the others renamed');
  assert.ok(first.diagnostics.some((d) => d.code === MP.indexRenamed.code));
});

test('a key named PRIMARY (any case) loses the name; the source key keeps it', () => {
  const key = { kind: 'PrimaryKey' as const, name: 'Primary', columns: [{ column: 'id' }], span };
  const other = { kind: 'Unique' as const, name: 'primary_2', columns: [{ column: 'code' }], span };
  const t = table('t', [column('id', type('int')), column('code', type('varchar', { length: 5 }))], [key, other]);
  const r = mysqlToPostgres.transform(catalog(t), { target: 'postgres' });
  const out = r.catalog.objects.find((o) => o.kind === 'Table');
  assert.ok(out && out.kind === 'Table');
  assert.deepEqual(out.constraints.map((c) => c.name), [undefined, 'primary_2']);
  assert.equal(key.name, 'Primary');
});

test('reportOnce: once per object and code (+ message), shared by objects with the same type, schema and name', () => {
  const ctx = new RuleContext(resolveOptions({ target: 'postgres' }));
  ctx.object = { type: 'Table', name: 't' };
  ctx.reportOnce(MP.unsigned, span);
  ctx.reportOnce(MP.unsigned, span);
  ctx.reportOnce(MP.enumType, span, 'a');
  ctx.reportOnce(MP.enumType, span, 'b');
  ctx.reportOnce(MP.enumType, span, 'a');
  ctx.reportOnce(MP.unsigned, span, '');
  ctx.object = { type: 'Table', name: 'u' };
  ctx.reportOnce(MP.unsigned, span);
  ctx.object = { type: 'Table', name: 't' }; // the same table met again (a new ref object)
  ctx.reportOnce(MP.unsigned, span);
  ctx.reportOnce(MP.enumType, span, 'b');
  ctx.object = { type: 'Index', name: 't' };
  ctx.reportOnce(MP.unsigned, span);
  ctx.object = { type: 'Table', schema: 's', name: 't' };
  ctx.reportOnce(MP.unsigned, span);
  assert.deepEqual(ctx.diagnostics.map((d) => `${d.object?.type}:${d.object?.schema ?? ''}.${d.object?.name} ${d.code} ${d.message === MP.unsigned.title ? '' : d.message}`), [
    'Table:.t MP0004 ', 'Table:.t MP0009 a', 'Table:.t MP0009 b', 'Table:.u MP0004 ', 'Index:.t MP0004 ', 'Table:s.t MP0004 ',
  ]);
});

test('lowerCase, nameKey and shortName mean toLowerCase, qnameKey and shortenIdentifier', () => {
  for (const s of ['film', 'Film', 'FILM_ID', 'été', 'ÉTÉ', 'straße', 'İd', '', 'a1_b$2']) assert.equal(lowerCase(s), s.toLowerCase(), s);
  assert.equal(lowerCase('film_id'), 'film_id');
  for (const q of [{ name: 'Film' }, { schema: 'App', name: 'film' }, { schema: '', name: 'x' }]) assert.equal(nameKey(q), qnameKey(q));
  for (const n of ['short', 'x'.repeat(63), 'x'.repeat(64), 'é'.repeat(40), `${'t'.repeat(30)}_${'c'.repeat(30)}_check`]) assert.equal(shortName(n), shortenIdentifier(n).name);
});

test('mapType gives what mapTypeInto fills in, with the CHECK of the column', () => {
  const ctx = new RuleContext(resolveOptions({ target: 'postgres' }));
  const t: DataType = { kind: 'DataType', name: 'int', sourceText: 'INT UNSIGNED', span, unsigned: true };
  const m = mapType(t, ctx, 'column');
  const into = typeMapping();
  mapTypeInto(t, ctx, 'column', into);
  assert.equal(m.type.name, 'bigint');
  assert.equal(into.type.name, 'bigint');
  assert.equal(into.check, 'nonNegative');
  assert.ok(m.check);
  assert.deepEqual(m.check({ kind: 'ColumnRef', parts: ['x'], span }), { kind: 'Binary', op: '>=', left: { kind: 'ColumnRef', parts: ['x'], span }, right: { kind: 'Literal', type: 'number', value: '0', span }, span });
  assert.equal(mapType(t, ctx, 'other').check, undefined);
  // A type that already is the target type is the source's own object; a changed one is new.
  const v: DataType = { kind: 'DataType', name: 'varchar', sourceText: 'VARCHAR(10)', span, length: 10 };
  assert.equal(mapType(v, ctx, 'column').type, v);
  const d: DataType = { kind: 'DataType', name: 'datetime', sourceText: 'DATETIME', span };
  const md = mapType(d, ctx, 'column').type;
  assert.notEqual(md, d);
  assert.deepEqual(Object.keys(md), ['kind', 'name', 'sourceText', 'span', 'fractionalSeconds']);
  assert.equal(d.name, 'datetime', 'the source type is unchanged');
});

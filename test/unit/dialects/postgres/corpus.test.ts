import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { postgresFrontEnd } from '../../../../converters/dialects/postgres/index.js';
import type { Block, CatalogObject, ParseResult } from '../../../../converters/model/index.js';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));

function parseCorpus(rel: string): ParseResult {
  const file = rel.split('/').pop()!;
  return postgresFrontEnd.parse([{ path: file, text: readFileSync(corpus + rel, 'utf8') }]);
}
function count(objects: CatalogObject[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of objects) out[o.kind] = (out[o.kind] ?? 0) + 1;
  return out;
}
function find<K extends CatalogObject['kind']>(objects: CatalogObject[], kind: K, name: string): Extract<CatalogObject, { kind: K }> {
  const o = objects.find((x) => x.kind === kind && 'name' in x && !!x.name && (typeof x.name === 'string' ? x.name : x.name.name) === name);
  assert.ok(o, `${kind} ${name}`);
  return o as Extract<CatalogObject, { kind: K }>;
}

test('Pagila: whole schema parses; only the aggregate is not modelled', () => {
  const r = parseCorpus('pagila-postgres/pagila-schema.sql');
  // numbers checked against the file: grep -c '^CREATE TABLE' = 71, '^CREATE .*VIEW' = 8 (1 materialized), …
  assert.deepEqual(count(r.catalog.objects), {
    Domain: 2, EnumType: 1, Routine: 9, Sequence: 13, UnparsedObject: 1, Table: 71, View: 8, Index: 38, Trigger: 16,
  });
  const notInfo = r.diagnostics.filter((d) => d.severity !== 'info');
  assert.deepEqual(notInfo.map((d) => [d.code, d.span.line, d.message]), [['PG0004', 357, 'CREATE AGGREGATE group_concat is not converted; it is kept as text']]);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'info').map((d) => d.code).sort(), ['PG0005', 'PG0005', 'PG0006', 'PG0017']);

  const objs = r.catalog.objects;
  const bigint = find(objs, 'Domain', 'bıgınt');
  assert.deepEqual(bigint.name, { schema: 'public', name: 'bıgınt', quoted: true });
  const year = find(objs, 'Domain', 'year');
  assert.equal(year.baseType.name, 'int');
  assert.equal(year.checks.length, 1);
  assert.equal(year.checks[0]!.name, 'year_check');
  const chk = year.checks[0]!.expr as any;
  assert.deepEqual([chk.op, chk.left.op, chk.left.right.value, chk.right.op, chk.right.right.value], ['and', '>=', '1901', '<=', '2155']);
  assert.deepEqual(find(objs, 'EnumType', 'mpaa_rating').values, ['G', 'PG', 'PG-13', 'R', 'NC-17']);

  const lu = find(objs, 'Routine', 'last_updated');
  assert.deepEqual([lu.language, lu.returns?.kind, lu.params.length], ['plpgsql', 'trigger', 0]);
  const body = lu.body as Block;
  assert.deepEqual(body.body.map((s) => s.kind), ['Assign', 'Return']);
  const asg = body.body[0] as any;
  assert.deepEqual([asg.target.kind, asg.target.parts, asg.value.kind, asg.value.name.name], ['ColumnRef', ['new', 'last_update'], 'FunctionCall', 'current_timestamp']);

  const fis = find(objs, 'Routine', 'film_in_stock');
  assert.equal(fis.language, 'sql');
  assert.deepEqual(fis.params.map((p) => [p.name, p.mode]), [['p_film_id', 'in'], ['p_store_id', 'in'], ['p_film_count', 'out']]);
  assert.ok(fis.returns?.kind === 'type' && fis.returns.setOf && fis.returns.dataType.name === 'int');
  assert.ok(fis.body.kind === 'SqlBody' && fis.body.statements.length === 1);

  const rr = find(objs, 'Routine', 'rewards_report');
  assert.equal(rr.security, 'definer');
  assert.ok(rr.returns?.kind === 'type' && rr.returns.setOf && rr.returns.dataType.userType?.name === 'customer');
  const rrBody = rr.body as Block;
  assert.deepEqual(rrBody.declarations.map((d) => (d as any).names[0]), ['last_month_start', 'last_month_end', 'rr', 'tmpsql']);
  assert.ok(rrBody.body.some((s) => s.kind === 'DdlStatement' && s.action === 'create' && s.object?.kind === 'Table' && s.object.temporary));
  assert.ok(rrBody.body.some((s) => s.kind === 'ForQuery' && s.dynamic));

  const payment = find(objs, 'Table', 'payment');
  assert.equal(payment.partitioning?.method, 'range');
  assert.deepEqual(payment.partitioning?.columns, ['payment_date']);
  assert.equal(payment.partitioning?.partitions.length, 55, 'ATTACH PARTITION statements');
  const p = find(objs, 'Table', 'payment_p2022_01');
  assert.equal(p.partitionOf?.parent.name, 'payment');
  assert.equal((p.partitionOf?.bound.from?.[0] as any).value, '2022-01-01 00:00:00+00');
  const pid = payment.columns.find((c) => c.name === 'payment_id')!;
  assert.deepEqual(pid.identity?.sequence, { schema: 'public', name: 'payment_payment_id_seq' });

  const film = find(objs, 'Table', 'film');
  assert.equal(film.columns.find((c) => c.name === 'special_features')!.dataType.arrayDims, 1);
  assert.deepEqual(film.columns.find((c) => c.name === 'length_hours')!.generated?.stored, false);
  assert.equal(film.columns.find((c) => c.name === 'release_year')!.dataType.userType?.name, 'year');
  assert.deepEqual(film.constraints.map((c) => c.kind).sort(), ['ForeignKey', 'ForeignKey', 'PrimaryKey']);

  const trg = objs.filter((o) => o.kind === 'Trigger');
  assert.equal(trg.filter((t) => t.kind === 'Trigger' && t.function?.name.name === 'last_updated').length, 15);
  const mv = find(objs, 'View', 'rental_by_category');
  assert.equal(mv.materialized, true);
});

test('Chinook (plain, identity and serial variants): tables, keys, indexes and data rows', () => {
  for (const [file, identity] of [
    ['chinook/Chinook_PostgreSql.sql', undefined],
    ['chinook/Chinook_PostgreSql_AutoIncrementPKs.sql', 'always'],
    ['chinook/Chinook_PostgreSql_SerialPKs.sql', 'serial'],
  ] as const) {
    const r = parseCorpus(file);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), [], file);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['PG0014', 'PG0014', 'PG0008'], `${file}: DROP/CREATE DATABASE and \\c`);
    assert.deepEqual(count(r.catalog.objects), { Table: 11, Index: 11, DataScript: 11 }, file);
    const album = find(r.catalog.objects, 'Table', 'album');
    assert.equal(album.columns[0]!.identity?.style, identity, file);
    assert.deepEqual(album.constraints.map((c) => [c.kind, c.name]), [['PrimaryKey', 'album_pkey'], ['ForeignKey', 'album_artist_id_fkey']]);
    const rows: Record<string, number> = {};
    for (const o of r.catalog.objects) if (o.kind === 'DataScript') rows[o.table.name] = o.rowCount;
    // row counts as the file's INSERT statements hold them (same as the Chinook database)
    assert.deepEqual(rows, {
      genre: 25, media_type: 5, artist: 275, album: 347, track: 3503, employee: 8, customer: 59, invoice: 412, invoice_line: 2240, playlist: 18, playlist_track: 8715,
    }, file);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Block, CatalogObject, Diagnostic, Routine, Trigger, View } from '../../../../converters/model/index.js';
import { walk } from '../../../../converters/model/index.js';
import { mysqlFrontEnd } from '../../../../converters/dialects/mysql/index.js';
import { assertShape } from './helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const read = (rel: string) => readFileSync(path.join(corpus, rel), 'utf8');

function parseCorpus(...rels: string[]): { objects: CatalogObject[]; diagnostics: Diagnostic[] } {
  const r = mysqlFrontEnd.parse(rels.map((rel) => ({ path: rel, text: read(rel) })));
  const serious = r.diagnostics.filter((d) => d.severity !== 'info' && d.severity !== 'low');
  assert.deepEqual(serious.map((d) => `${d.code} ${d.span.file}:${d.span.line}:${d.span.column} ${d.message}`), []);
  return { objects: r.catalog.objects, diagnostics: r.diagnostics };
}
const count = (objs: CatalogObject[], pred: (o: CatalogObject) => boolean) => objs.filter(pred).length;
const named = <T extends CatalogObject>(objs: CatalogObject[], kind: T['kind'], name: string) =>
  objs.find((o) => o.kind === kind && 'name' in o && (o.name as { name: string }).name === name) as T;

test('Sakila schema + data: object counts', () => {
  const { objects } = parseCorpus('sakila-mysql/sakila-schema.sql', 'sakila-mysql/sakila-data.sql');
  assert.equal(count(objects, (o) => o.kind === 'Table'), 16);
  assert.equal(count(objects, (o) => o.kind === 'View'), 7);
  assert.equal(count(objects, (o) => o.kind === 'Trigger'), 6);
  assert.equal(count(objects, (o) => o.kind === 'Routine' && o.routineKind === 'procedure'), 3);
  assert.equal(count(objects, (o) => o.kind === 'Routine' && o.routineKind === 'function'), 3);
  assert.equal(count(objects, (o) => o.kind === 'UnparsedObject'), 0);
  // Row counts published for Sakila 1.x (actor 200, film 1000, rental 16044 …).
  const rows = Object.fromEntries(objects.flatMap((o) => (o.kind === 'DataScript' ? [[o.table.name, o.rowCount]] : [])));
  assertShape(rows, { actor: 200, film: 1000, film_actor: 5462, inventory: 4581, rental: 16044, payment: 16044, customer: 599, city: 600, country: 109, language: 6, staff: 2, store: 2 });
  // Everything lives in the USE'd schema (this copy of Sakila is renamed rental_sys).
  assert.ok(objects.filter((o) => o.kind === 'Table').every((o) => o.kind === 'Table' && o.name.schema === 'rental_sys'));
});

test('Sakila shapes: address table, film_in_stock, inventory_held_by_customer, rewards_report, ins_film, actor_info', () => {
  const { objects } = parseCorpus('sakila-mysql/sakila-schema.sql');
  const address = named<Extract<CatalogObject, { kind: 'Table' }>>(objects, 'Table', 'address');
  // /*!50705 location GEOMETRY */ /*!80003 SRID 0 */ /*!50705 NOT NULL,*/ — 8.0.3 > default 8.0.0, so no SRID.
  assertShape(address.columns.find((c) => c.name === 'location'), { dataType: { name: 'geometry', geometry: 'geometry', srid: undefined }, nullable: false });
  assert.ok(objects.some((o) => o.kind === 'Index' && o.name === 'idx_location' && o.method === 'spatial'));
  const film = named<Extract<CatalogObject, { kind: 'Table' }>>(objects, 'Table', 'film');
  assertShape(film.columns.find((c) => c.name === 'rating'), { dataType: { name: 'enum', values: ['G', 'PG', 'PG-13', 'R', 'NC-17'] }, default: { value: 'G' } });
  assertShape(film.columns.find((c) => c.name === 'special_features'), { dataType: { name: 'set', values: ['Trailers', 'Commentaries', 'Deleted Scenes', 'Behind the Scenes'] } });
  assertShape(film.columns.find((c) => c.name === 'film_id'), { identity: { style: 'auto_increment' }, nullable: false, dataType: { name: 'smallint', unsigned: true } });

  const fis = named<Routine>(objects, 'Routine', 'film_in_stock');
  assertShape(fis, { params: [{ name: 'p_film_id', mode: 'in' }, { name: 'p_store_id', mode: 'in' }, { name: 'p_film_count', mode: 'out' }], dataAccess: 'reads sql data' });
  const fisBody = (fis.body as Block).body;
  assertShape(fisBody[1], { kind: 'SqlStatement', statement: { kind: 'Select', into: [{ kind: 'Variable', scope: 'local', name: 'p_film_count' }],
    items: [{ expr: { kind: 'FunctionCall', star: true } }], where: { kind: 'Binary', op: 'and' } } });

  const ihc = named<Routine>(objects, 'Routine', 'inventory_held_by_customer');
  assertShape((ihc.body as Block).declarations, [
    { kind: 'VarDecl', names: ['v_customer_id'] },
    { kind: 'HandlerDecl', action: 'exit', conditions: [{ kind: 'notFound' }], body: { kind: 'Return', value: { kind: 'Literal', type: 'null' } } },
  ]);

  const rr = named<Routine>(objects, 'Routine', 'rewards_report');
  assertShape(rr, { comment: 'Provides a customizable report on best customers', security: 'definer', deterministic: false, body: { label: 'proc' } });
  const rrBody = (rr.body as Block).body;
  assert.ok(rrBody.some((s) => s.kind === 'DdlStatement' && s.action === 'create' && s.object?.kind === 'Table' && s.object.temporary === true && s.object.name.name === 'tmpCustomer'));
  assert.ok(rrBody.some((s) => s.kind === 'DdlStatement' && s.action === 'drop' && s.target?.name.name === 'tmpCustomer'));
  assertShape(rrBody[0], { kind: 'If', branches: [{ body: [{ kind: 'SqlStatement' }, { kind: 'Leave', label: 'proc' }] }] });

  const ins = named<Trigger>(objects, 'Trigger', 'ins_film');
  assertShape(ins, { timing: 'after', events: ['insert'], table: { name: 'film' }, body: { kind: 'Block', body: [
    { kind: 'SqlStatement', statement: { kind: 'Insert', table: { name: 'film_text' }, columns: ['film_id', 'title', 'description'],
      source: { kind: 'Values', rows: [[{ kind: 'ColumnRef', parts: ['new', 'film_id'] }, { parts: ['new', 'title'] }, { parts: ['new', 'description'] }]] } } },
  ] } });

  const ai = named<View>(objects, 'View', 'actor_info');
  assertShape(ai, { security: 'invoker', definer: 'CURRENT_USER', query: { kind: 'Select', groupBy: [{}, {}, {}] } });
  let separators = 0;
  walk(ai.query, (n) => { if (n.kind === 'FunctionCall' && (n as { separator?: unknown }).separator) separators++; });
  assert.equal(separators, 2);
});

test('Chinook (both variants): tables, keys, indexes, data', () => {
  for (const file of ['chinook/Chinook_MySql.sql', 'chinook/Chinook_MySql_AutoIncrementPKs.sql']) {
    const { objects } = parseCorpus(file);
    assert.equal(count(objects, (o) => o.kind === 'Table'), 11, file);
    assert.equal(count(objects, (o) => o.kind === 'Index'), 11, file);
    const rows = Object.fromEntries(objects.flatMap((o) => (o.kind === 'DataScript' ? [[o.table.name, o.rowCount]] : [])));
    // Chinook 1.4 row counts.
    assertShape(rows, { Artist: 275, Album: 347, Track: 3503, Invoice: 412, InvoiceLine: 2240, PlaylistTrack: 8715, Customer: 59, Employee: 8 }, file);
    const track = named<Extract<CatalogObject, { kind: 'Table' }>>(objects, 'Table', 'Track');
    assertShape(track.constraints.filter((c) => c.kind === 'ForeignKey').map((c) => c.kind === 'ForeignKey' && c.refTable.name).sort(), ['Album', 'Genre', 'MediaType']);
    assertShape(track.columns.find((c) => c.name === 'Name'), { dataType: { name: 'nvarchar', length: 200 }, nullable: false });
    const auto = file.includes('AutoIncrement');
    assert.equal(!!track.columns.find((c) => c.name === 'TrackId')!.identity, auto, file);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogObject, Routine, Table } from '../../../../converters/model/index.js';
import { tsqlFrontEnd } from '../../../../converters/dialects/tsql/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const read = (rel: string): string => readFileSync(path.join(corpus, rel), 'utf8');

function parse(rel: string) {
  const text = read(rel);
  const r = tsqlFrontEnd.parse([{ path: path.basename(rel), text }]);
  return { text, ...r, objects: r.catalog.objects };
}
const byKind = <K extends CatalogObject['kind']>(objs: CatalogObject[], k: K) => objs.filter((o): o is Extract<CatalogObject, { kind: K }> => o.kind === k);
const table = (objs: CatalogObject[], name: string): Table => {
  const t = byKind(objs, 'Table').find((x) => x.name.name === name);
  assert.ok(t, `table ${name}`);
  return t;
};
/** Statement counts taken from the file text, not from the parser. */
const countLines = (text: string, re: RegExp): number => text.split('\n').filter((l) => re.test(l)).length;

test('Northwind (instnwnd.sql): every table, view, procedure and INSERT, nothing unparsed', () => {
  const r = parse('northwind-pubs-tsql/instnwnd.sql');
  assert.deepEqual(byKind(r.objects, 'UnparsedObject').map((o) => o.statement.text.slice(0, 60)), []);
  assert.equal(byKind(r.objects, 'Table').length, countLines(r.text, /^\s*create table/i));
  assert.equal(byKind(r.objects, 'View').length, countLines(r.text, /^\s*create view/i));
  assert.equal(byKind(r.objects, 'Routine').length, countLines(r.text, /^\s*create procedure/i));
  assert.equal(byKind(r.objects, 'Index').length, countLines(r.text, /^\s*create\s+index/i));
  const data = byKind(r.objects, 'DataScript');
  const inserts = countLines(r.text, /^\s*insert\b/i);
  assert.equal(data.reduce((a, d) => a + d.statements.length, 0), inserts);
  assert.equal(data.reduce((a, d) => a + d.rowCount, 0), inserts); // one row per INSERT in this script

  const emp = table(r.objects, 'Employees');
  assert.equal(emp.name.schema, 'dbo');
  const id = emp.columns.find((c) => c.name === 'EmployeeID')!;
  assert.deepEqual([id.dataType.name, id.nullable, id.identity?.start, id.identity?.increment], ['int', false, 1, 1]);
  const photo = emp.columns.find((c) => c.name === 'Photo')!;
  assert.equal(photo.dataType.name, 'blob');
  assert.equal(emp.columns.find((c) => c.name === 'Notes')!.dataType.name, 'nclob');
  const last = emp.columns.find((c) => c.name === 'LastName')!;
  assert.deepEqual([last.dataType.name, last.dataType.length, last.nullable], ['nvarchar', 20, false]);
  const pk = emp.constraints.find((c) => c.kind === 'PrimaryKey');
  assert.deepEqual(pk && pk.kind === 'PrimaryKey' ? [pk.name, pk.columns.map((c) => c.column)] : [], ['PK_Employees', ['EmployeeID']]);
  const fk = emp.constraints.find((c) => c.kind === 'ForeignKey');
  assert.ok(fk && fk.kind === 'ForeignKey');
  assert.deepEqual([fk.name, fk.columns, fk.refTable.name, fk.refColumns], ['FK_Employees_Employees', ['ReportsTo'], 'Employees', ['EmployeeID']]);
  assert.ok(emp.constraints.some((c) => c.kind === 'Check' && c.name === 'CK_Birthdate'));

  const orders = table(r.objects, 'Orders');
  const freight = orders.columns.find((c) => c.name === 'Freight')!;
  assert.equal(freight.dataType.name, 'money');
  assert.deepEqual(freight.default && freight.default.kind === 'Literal' ? freight.default.value : undefined, '0');
  // Added later by ALTER TABLE … ADD CONSTRAINT … DEFAULT … FOR
  const od = table(r.objects, 'Order Details');
  assert.ok(od.columns.find((c) => c.name === 'Quantity')!.default, 'Quantity default from ALTER TABLE');
  // CHECK CONSTRAINT ALL after the data load re-enables what NOCHECK CONSTRAINT ALL disabled.
  assert.ok(od.constraints.every((c) => c.enforced !== false));

  const sbc = byKind(r.objects, 'Routine').find((x) => x.name.name === 'SalesByCategory')!;
  assert.deepEqual(sbc.params.map((p) => [p.name, p.dataType.name, p.dataType.length, p.default ? 'default' : '']), [['CategoryName', 'nvarchar', 15, ''], ['OrdYear', 'nvarchar', 4, 'default']]);
  assert.equal(sbc.body.kind, 'Block');
  const body = (sbc.body as Extract<Routine['body'], { kind: 'Block' }>).body;
  assert.deepEqual(body.map((s) => s.kind), ['If', 'SqlStatement']);
  // SET ROWCOUNT 10 is a SessionSet statement (rules turn it into LIMIT); no finding from the front end.
  const ten = byKind(r.objects, 'Routine').find((x) => x.name.name === 'Ten Most Expensive Products')!;
  const tenBody = (ten.body as Extract<Routine['body'], { kind: 'Block' }>).body;
  assert.deepEqual(tenBody.map((s) => s.kind), ['SessionSet', 'SqlStatement']);
  const rc = tenBody[0]!;
  assert.ok(rc.kind === 'SessionSet' && rc.name === 'ROWCOUNT' && rc.span.line === 518);
  assert.ok(!r.diagnostics.some((d) => d.code === 'TS0010' && /ROWCOUNT/.test(d.message)));
});

test('pubs (instpubs.sql): sp_addtype alias types, trigger, procedures, money literals, data', () => {
  const r = parse('northwind-pubs-tsql/instpubs.sql');
  assert.deepEqual(byKind(r.objects, 'UnparsedObject').map((o) => o.statement.text.slice(0, 60)), []);
  assert.equal(byKind(r.objects, 'Table').length, countLines(r.text, /^\s*create table/i));
  assert.equal(byKind(r.objects, 'Routine').length, countLines(r.text, /^\s*create procedure/i));
  const domains = byKind(r.objects, 'Domain');
  assert.deepEqual(domains.map((d) => [d.name.name, d.baseType.name, d.baseType.length, !!d.notNull]), [['id', 'varchar', 11, true], ['tid', 'varchar', 6, true], ['empid', 'char', 9, true]]);
  const authors = table(r.objects, 'authors');
  const auId = authors.columns.find((c) => c.name === 'au_id')!;
  assert.deepEqual([auId.dataType.name, auId.dataType.userType?.name], ['user', 'id']);
  assert.ok(authors.constraints.some((c) => c.kind === 'PrimaryKey' && c.name === 'UPKCL_auidind'));
  const trig = byKind(r.objects, 'Trigger');
  assert.deepEqual(trig.map((t) => [t.name.name, t.table.name, t.timing, t.events]), [['employee_insupd', 'employee', 'after', ['insert', 'update']]]);
  const data = byKind(r.objects, 'DataScript');
  const inserts = countLines(r.text, /^\s*insert\b/i);
  assert.equal(data.reduce((a, d) => a + d.statements.length, 0), inserts);
  // $19.99 money literals are numbers
  const titles = data.find((d) => d.table.name === 'titles')!;
  const prices = titles.statements.flatMap((s) => (s.kind === 'Insert' && s.source.kind === 'Values' ? s.source.rows.map((row) => row[4]) : []));
  assert.equal(prices.length, countLines(r.text, /^\s*insert titles/i));
  assert.ok(prices.some((e) => e?.kind === 'Literal' && e.type === 'number' && e.value === '19.99'), 'price $19.99');
});

for (const file of ['chinook/Chinook_SqlServer.sql', 'chinook/Chinook_SqlServer_AutoIncrementPKs.sql']) {
  test(`Chinook (${path.basename(file)}): tables, keys, indexes and every row`, () => {
    const r = parse(file);
    assert.deepEqual(byKind(r.objects, 'UnparsedObject').map((o) => o.statement.text.slice(0, 60)), []);
    assert.equal(byKind(r.objects, 'Table').length, 11);
    const track = table(r.objects, 'Track');
    assert.deepEqual(track.columns.map((c) => c.name), ['TrackId', 'Name', 'AlbumId', 'MediaTypeId', 'GenreId', 'Composer', 'Milliseconds', 'Bytes', 'UnitPrice']);
    assert.deepEqual([track.columns[8]!.dataType.name, track.columns[8]!.dataType.precision, track.columns[8]!.dataType.scale], ['decimal', 10, 2]);
    assert.equal(!!track.columns[0]!.identity, /AutoIncrement/.test(file));
    assert.ok(track.constraints.some((c) => c.kind === 'ForeignKey' && c.refTable.name === 'Album' && c.onDelete === 'no action'));
    assert.equal(byKind(r.objects, 'Index').length, countLines(r.text, /^\s*create index/i));
    const data = byKind(r.objects, 'DataScript');
    assert.equal(data.reduce((a, d) => a + d.statements.length, 0), countLines(r.text, /^\s*insert into/i));
    assert.equal(data.reduce((a, d) => a + d.rowCount, 0), countLines(r.text, /^\s+\(.*\)[,;]\s*$/));
    const artist = data.find((d) => d.table.name === 'Artist')!;
    const ins = artist.statements[0]!;
    assert.ok(ins.kind === 'Insert' && ins.source.kind === 'Values');
    const name = ins.source.rows[0]![ins.columns!.indexOf('Name')]!;
    assert.deepEqual(name.kind === 'Literal' ? [name.value, name.national] : [], ['AC/DC', true]);
  });
}

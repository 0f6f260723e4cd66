import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CatalogObject, Table, View, Routine, Trigger, Index } from '../../../../converters/index.js';
import { convert } from '../../../../converters/index.js';
import { mysqlToPostgres } from '../../../../converters/rules/mysql-postgres/index.js';
import { translateDateFormat } from '../../../../converters/rules/mysql-postgres/date-format.js';
import { FUNCTIONS } from '../../../../converters/rules/mysql-postgres/functions.js';
import { MP } from '../../../../converters/rules/mysql-postgres/codes.js';
import { snakeCase, shortenIdentifier, UniqueNames, utf8Length } from '../../../../converters/rules/common/identifiers.js';
import { catalog, column, table, type, pk, lit, fn, ref, select, from, span, insert, index, block, routine } from './ir.js';

const transform = (objects: CatalogObject[], options = {}) => mysqlToPostgres.transform(catalog(...objects), { target: 'postgres', ...options });
const codes = (r: { diagnostics: { code: string }[] }) => new Set(r.diagnostics.map((d) => d.code));

test('snake_case splits CamelCase and acronyms', () => {
  assert.equal(snakeCase('AlbumId'), 'album_id');
  assert.equal(snakeCase('PK_Album'), 'pk_album');
  assert.equal(snakeCase('IFK_AlbumArtistId'), 'ifk_album_artist_id');
  assert.equal(snakeCase('HTMLParser'), 'html_parser');
  assert.equal(snakeCase('customer_id'), 'customer_id');
});

test('long identifiers are shortened stably to 63 bytes, distinct for distinct names', () => {
  const a = `${'x'.repeat(70)}_a`;
  const b = `${'x'.repeat(70)}_b`;
  const sa = shortenIdentifier(a);
  assert.ok(sa.shortened && utf8Length(sa.name) <= 63);
  assert.equal(shortenIdentifier(a).name, sa.name);
  assert.notEqual(shortenIdentifier(b).name, sa.name);
  assert.ok(utf8Length(shortenIdentifier('é'.repeat(40)).name) <= 63, 'multi-byte names are cut on character boundaries');
  assert.deepEqual(shortenIdentifier('short'), { name: 'short', shortened: false });
});

test('UniqueNames keeps the first claimant and suffixes later ones', () => {
  const n = new UniqueNames();
  n.reserve('film');
  assert.equal(n.claim('idx'), 'idx');
  assert.equal(n.claim('idx'), 'idx_2');
  assert.equal(n.claim('film'), 'film_2');
});

test('DATE_FORMAT patterns translate; literal letters are quoted; unsupported specifiers are listed', () => {
  assert.deepEqual(translateDateFormat('%Y-%m-%d %H:%i:%s'), { pattern: 'YYYY-MM-DD HH24:MI:SS', unsupported: [] });
  assert.deepEqual(translateDateFormat('Day %d of %M'), { pattern: '"Day "DD" of "FMMonth', unsupported: [] });
  assert.deepEqual(translateDateFormat('%w'), { pattern: '', unsupported: ['%w'] });
});

test('naming snake renames declarations and every reference alike; origin keeps the source name', () => {
  const t = table('InvoiceLine', [column('InvoiceLineId', type('int'), { nullable: false }), column('UnitPrice', type('decimal', { precision: 10, scale: 2 }))], [pk('InvoiceLineId')]);
  const v: View = { kind: 'View', name: { schema: 'app', name: 'Expensive' }, span, query: select([ref('il', 'InvoiceLineId')], { from: [from('InvoiceLine', 'il')], where: { kind: 'Binary', op: '>', left: ref('il', 'UnitPrice'), right: lit(1), span } }) };
  const out = transform([t, v], { naming: 'snake' }).catalog.objects;
  const tt = out.find((o): o is Table => o.kind === 'Table')!;
  assert.deepEqual([tt.name.name, ...tt.columns.map((c) => c.name)], ['invoice_line', 'invoice_line_id', 'unit_price']);
  assert.deepEqual(tt.origin, { type: 'Table', schema: 'app', name: 'InvoiceLine' });
  const json = JSON.stringify(out.find((o) => o.kind === 'View'));
  assert.ok(json.includes('"invoice_line_id"') && json.includes('"unit_price"') && !json.includes('UnitPrice'));
});

test('integer types widen for UNSIGNED and keep the non-negative rule; BIGINT UNSIGNED becomes bigint (keys stay integers)', () => {
  const t = table('n', [
    column('a', type('tinyint', { unsigned: true })), column('b', type('smallint', { unsigned: true })), column('c', type('mediumint', { unsigned: true })),
    column('d', type('int', { unsigned: true })), column('e', type('bigint', { unsigned: true })), column('f', type('tinyint')), column('g', type('tinyint', { displayWidth: 1 })),
  ]);
  const r = transform([t]);
  const tt = r.catalog.objects.find((o): o is Table => o.kind === 'Table')!;
  assert.deepEqual(tt.columns.map((c) => c.dataType.name), ['smallint', 'int', 'int', 'bigint', 'bigint', 'smallint', 'bool']);
  assert.equal(tt.constraints.filter((c) => c.kind === 'Check').length, 5);
  assert.ok(codes(r).has(MP.bigintUnsigned.code) && codes(r).has(MP.tinyintBoolean.code));
});

test('ENUM becomes an enum type named <table>_<column>, created before the table', () => {
  const r = transform([table('film', [column('rating', type('enum', { values: ['G', 'PG-13'] }))])]);
  const applied = convert(catalog(table('film', [column('rating', type('enum', { values: ['G', 'PG-13'] }))])), { target: 'postgres' }).objects.map((o) => o.ref.type);
  assert.ok(applied.indexOf('Type') < applied.indexOf('Table'));
  const e = r.catalog.objects.find((o) => o.kind === 'EnumType');
  assert.deepEqual(e && e.kind === 'EnumType' ? [e.name.name, e.values] : [], ['film_rating', ['G', 'PG-13']]);
});

test('index names become unique per schema; prefix lengths dropped; FULLTEXT → GIN; SPATIAL dropped without PostGIS', () => {
  const a = table('a', [column('x', type('int')), column('t', type('text'))]);
  const b = table('b', [column('x', type('int')), column('g', type('geometry'))]);
  const r = transform([a, b, index('idx_x', 'a', ['x']), index('idx_x', 'b', ['x']),
    { ...index('idx_t', 'a', ['t']), columns: [{ column: 't', prefixLength: 10 }] },
    index('ft', 'a', ['t'], { method: 'fulltext' }), index('sp', 'b', ['g'], { method: 'spatial' })]);
  const idx = r.catalog.objects.filter((o): o is Index => o.kind === 'Index');
  assert.deepEqual(idx.map((i) => i.name), ['idx_x', 'b_idx_x', 'idx_t', 'ft']);
  assert.equal(idx[2]!.columns[0]!.prefixLength, undefined);
  assert.equal(idx[3]!.method, 'gin');
  for (const c of [MP.indexRenamed, MP.prefixIndex, MP.fulltext, MP.spatialIndex, MP.spatial]) assert.ok(codes(r).has(c.code), c.code);
  const withPostgis = transform([b, index('sp', 'b', ['g'], { method: 'spatial' })], { postgis: true });
  assert.equal(withPostgis.catalog.objects.find((o): o is Index => o.kind === 'Index')?.method, 'gist');
});

test('every function rule converts a call without throwing', () => {
  for (const [name, rule] of Object.entries(FUNCTIONS)) {
    const f = fn(name, lit('2024-01-02'), lit('%Y'), lit(3));
    const out = rule(f.args, f, { report() {}, reportOnce() {}, tables: new Map() } as never);
    assert.ok(out && typeof out.kind === 'string', name);
  }
});

test('unknown functions are kept with a medium action item naming them', () => {
  const v: View = { kind: 'View', name: { schema: 'app', name: 'v' }, span, query: select([fn('SOUNDEX', lit('x'))]) };
  const r = transform([v]);
  const d = r.diagnostics.find((x) => x.code === MP.unknownFunction.code)!;
  assert.equal(d.severity, 'medium');
  assert.match(d.message, /SOUNDEX/);
});

test('data: zero dates become NULL (column loses NOT NULL), booleans TRUE/FALSE, strings into blobs become bytes', () => {
  const t = table('d', [column('at', type('datetime'), { nullable: false }), column('ok', type('tinyint', { displayWidth: 1 })), column('b', type('blob'))]);
  const r = transform([t, insert('d', [[lit('0000-00-00 00:00:00'), lit(1), lit('AB')]])]);
  const tt = r.catalog.objects.find((o): o is Table => o.kind === 'Table')!;
  assert.equal(tt.columns[0]!.nullable, true);
  const data = r.catalog.objects.find((o) => o.kind === 'DataScript');
  const row = data?.kind === 'DataScript' && data.statements[0]!.kind === 'Insert' && data.statements[0]!.source.kind === 'Values' ? data.statements[0]!.source.rows[0]! : [];
  assert.deepEqual(row.map((e) => (e.kind === 'Literal' ? `${e.type}:${e.value}` : e.kind)), ['null:NULL', 'boolean:TRUE', 'hex:4142']);
  assert.ok(codes(r).has(MP.zeroDate.code));
});

test('triggers end with RETURN NEW (BEFORE) or RETURN NULL (AFTER); FOLLOWS is reported', () => {
  const body = block([{ kind: 'Assign', target: ref('NEW', 'x'), value: lit(1), span }]);
  const mk = (name: string, timing: 'before' | 'after'): Trigger => ({ kind: 'Trigger', name: { schema: 'app', name }, table: { schema: 'app', name: 't' }, timing, events: ['insert'], forEach: 'row', body, span });
  const r = transform([table('t', [column('x', type('int'))]), mk('b', 'before'), { ...mk('a', 'after'), order: { position: 'follows', other: 'b' } }]);
  const last = (name: string) => {
    const t = r.catalog.objects.find((o): o is Trigger => o.kind === 'Trigger' && o.name.name === name)!;
    const b = t.body!.kind === 'Block' ? t.body!.body : [];
    const ret = b[b.length - 1]!;
    return ret.kind === 'Return' && ret.value?.kind === 'Raw' ? ret.value.text : '';
  };
  assert.equal(last('b'), 'NEW');
  assert.equal(last('a'), 'NULL');
  assert.ok(codes(r).has(MP.triggerOrder.code));
});

test('events are reported and come out not converted', () => {
  const ev: CatalogObject = { kind: 'Event', name: { schema: 'app', name: 'nightly' }, schedule: { every: { value: lit(1), unit: 'DAY' } }, enabled: true, body: block([]), span };
  const result = convert(catalog(ev), { target: 'postgres' });
  const o = result.objects.find((x) => x.ref.type === 'Event')!;
  assert.equal(o.status, 'not-converted');
  assert.ok(o.diagnostics.some((d) => d.code === MP.event.code));
});

test('functions get a safe volatility: STABLE when reading tables, IMMUTABLE only when deterministic and table-free', () => {
  const reads = routine('function', 'f1', [], block([{ kind: 'Return', value: { kind: 'ScalarSubquery', query: select([lit(1)], { from: [from('t')] }), span }, span }]),
    { returns: { kind: 'type', dataType: type('int') }, deterministic: true });
  const pure = routine('function', 'f2', [], block([{ kind: 'Return', value: lit(1), span }]), { returns: { kind: 'type', dataType: type('int') }, deterministic: true });
  const rnd = routine('function', 'f3', [], block([{ kind: 'Return', value: fn('RAND'), span }]), { returns: { kind: 'type', dataType: type('double') }, deterministic: true });
  const r = transform([reads, pure, rnd]);
  assert.deepEqual(r.catalog.objects.filter((o): o is Routine => o.kind === 'Routine').map((o) => o.volatility), ['stable', 'immutable', 'volatile']);
});

test('with PostGIS, geometry columns keep subtype and SRID and MySQL geometry bytes load through ST_GeomFromWKB', () => {
  const t = table('places', [column('loc', type('geometry', { geometry: 'point', srid: 4326 }))]);
  const mysqlBytes = 'E6100000' + '0101000000000000000000F03F0000000000000040';
  const r = transform([t, insert('places', [[{ kind: 'Literal', type: 'hex', value: mysqlBytes, span }]])], { postgis: true });
  const tt = r.catalog.objects.find((o): o is Table => o.kind === 'Table')!;
  assert.deepEqual([tt.columns[0]!.dataType.name, tt.columns[0]!.dataType.geometry, tt.columns[0]!.dataType.srid], ['geometry', 'point', 4326]);
  const data = r.catalog.objects.find((o) => o.kind === 'DataScript');
  const v = data?.kind === 'DataScript' && data.statements[0]!.kind === 'Insert' && data.statements[0]!.source.kind === 'Values' ? data.statements[0]!.source.rows[0]![0]! : undefined;
  assert.equal(v?.kind === 'Raw' ? v.text : '', "ST_SetSRID(ST_GeomFromWKB('\\x0101000000000000000000f03f0000000000000040'::bytea), 4326)");
  const off = transform([t]);
  assert.equal(off.catalog.objects.find((o): o is Table => o.kind === 'Table')!.columns[0]!.dataType.name, 'blob');
});

test('utf8Bytes encodes like UTF-8', async () => {
  const { utf8Bytes } = await import('../../../../converters/rules/common/identifiers.js');
  for (const s of ['abc', 'é', '€', '𝄞', "O'Neil ü"]) assert.deepEqual(utf8Bytes(s), [...Buffer.from(s, 'utf8')]);
});

test('the collation note comes once per schema, not per table', () => {
  const r = transform([table('a', [column('x', type('varchar', { length: 5 }))], [], { charset: 'utf8mb4' }), table('b', [column('y', type('text'), { collation: 'utf8mb4_bin' })])]);
  assert.equal(r.diagnostics.filter((d) => d.code === MP.collation.code).length, 1);
});

test('TIMESTAMP becomes timestamptz only with timestampWithTimeZone; DATETIME(fsp) keeps its precision', () => {
  const t = table('ts', [column('a', type('timestamp')), column('b', type('datetime', { fractionalSeconds: 3 }))]);
  const cols = (o: object) => transform([t], o).catalog.objects.find((x): x is Table => x.kind === 'Table')!.columns.map((c) => `${c.dataType.name}/${c.dataType.withTimeZone ?? false}/${c.dataType.fractionalSeconds}`);
  assert.deepEqual(cols({}), ['timestamp/false/0', 'timestamp/false/3']);
  assert.deepEqual(cols({ timestampWithTimeZone: true }), ['timestamp/true/0', 'timestamp/false/3']);
});

test('findings about a table are filed under the table, not under the enum type made for it', () => {
  const result = convert(catalog(table('film', [column('rating', type('enum', { values: ['G'] })), column('n', type('int', { unsigned: true }))])), { target: 'postgres' });
  assert.deepEqual(result.objects.slice(0, 3).map((o) => o.ref.type), ['Schema', 'Type', 'Table'], 'the enum type is created before the table');
  const t = result.objects.find((o) => o.ref.type === 'Table')!;
  assert.ok(t.diagnostics.some((d) => d.code === MP.unsigned.code) && t.diagnostics.some((d) => d.code === MP.enumType.code));
});

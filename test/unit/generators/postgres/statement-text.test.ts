import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog, CatalogObject, DataType, Expr, Table } from '../../../../converters/index.js';
import { NO_SPAN } from '../../../../converters/index.js';
import { postgresGenerator } from '../../../../converters/generators/postgres/index.js';
import { openBuf, closeBuf } from '../../../../converters/generators/postgres/buf.js';

// Statements built from pieces (buf.ts) have fast paths for plain names (quotes on the constant
// pieces) and fallbacks for everything else: both are checked here, names with quotes, schemas,
// every column and index option. The expected text is what the generator printed before the
// buffers existed (HEAD 9927e48, checked byte for byte), reviewed as PostgreSQL.
const span = { ...NO_SPAN, file: 't.sql', line: 3, column: 1 };
const dt = (name: DataType['name'], extra: Partial<DataType> = {}): DataType => ({ kind: 'DataType', name, sourceText: name, span, ...extra });
const col = (name: string): Expr => ({ kind: 'ColumnRef', parts: [name], span });
const num = (v: number): Expr => ({ kind: 'Literal', type: 'number', value: String(v), span });

const orders: Table = {
  kind: 'Table', name: { name: 'Orders' }, options: {}, span,
  columns: [
    { kind: 'Column', name: 'id', nullable: false, dataType: dt('bigint'), identity: { style: 'always', start: 10, increment: 5, minValue: 1, maxValue: 1000, cache: 20, cycle: true }, span },
    { kind: 'Column', name: 'say "hi"', nullable: true, dataType: dt('varchar', { length: 40 }), collation: 'C', span },
    { kind: 'Column', name: 'total', nullable: false, dataType: dt('decimal', { precision: 10 }), default: num(0), span },
    { kind: 'Column', name: 'at', nullable: true, dataType: dt('timestamp', { fractionalSeconds: 3, withTimeZone: true }), span },
    { kind: 'Column', name: 'mood', nullable: true, dataType: dt('user', { userType: { schema: 'app', name: 'mood' } }), span },
    { kind: 'Column', name: 'tags', nullable: true, dataType: dt('varchar', { length: 10, arrayDims: 1 }), span },
    { kind: 'Column', name: 'twice', nullable: true, dataType: dt('int'), span,
      generated: { expr: { kind: 'Binary', op: '*', left: col('total'), right: { kind: 'Binary', op: '+', left: num(2), right: col('say "hi"'), span }, span }, stored: false } },
    { kind: 'Column', name: 'code', nullable: true, dataType: dt('nchar', { length: 2 }), span,
      default: { kind: 'FunctionCall', name: { name: 'upper' }, args: [{ kind: 'Literal', type: 'string', value: 'x', span }], span } },
  ],
  constraints: [
    { kind: 'PrimaryKey', name: 'pk "orders"', columns: [{ column: 'id' }], span },
    { kind: 'Unique', columns: [{ column: 'total', direction: 'desc' }, { column: 'say "hi"' }], nullsNotDistinct: true, deferrable: true, initiallyDeferred: true, span },
    { kind: 'Check', name: 'total_pos', expr: { kind: 'Binary', op: '>=', left: col('total'), right: num(0), span }, noInherit: true, span },
    { kind: 'Check', expr: { kind: 'Binary', op: '<>', left: col('say "hi"'), right: { kind: 'Literal', type: 'string', value: '', span }, span }, enforced: false, span },
    { kind: 'ForeignKey', name: 'fk "x"', columns: ['mood'], refTable: { schema: 'app', name: 'moods' }, refColumns: ['m'], match: 'full', onUpdate: 'set default', onDelete: 'no action', deferrable: true, span },
    { kind: 'ForeignKey', columns: ['id', 'total'], refTable: { name: 'Parent' }, refColumns: ['a', 'b'], span },
  ],
};

const objects: CatalogObject[] = [
  { kind: 'EnumType', name: { schema: 'app', name: 'mood' }, values: ['ok', "it's"], span },
  { kind: 'EnumType', name: { name: 'plain_enum' }, values: ['a'], span },
  orders,
  { kind: 'Table', name: { schema: 'app', name: 'empty' }, options: {}, span, columns: [], constraints: [] },
  { kind: 'Index', name: 'ix "odd"', table: { schema: 'app', name: 'Orders' }, unique: true, concurrently: true, method: 'hash', span,
    columns: [{ expr: { kind: 'FunctionCall', name: { name: 'lower' }, args: [col('say "hi"')], span } }, { column: 'total', collation: 'C', opclass: 'text_pattern_ops', direction: 'desc', nulls: 'last' }],
    include: ['id', 'a"b'], where: { kind: 'Binary', op: '>', left: col('total'), right: num(1), span } },
  { kind: 'Index', name: 'ix_plain', table: { name: 'Orders' }, unique: false, method: 'gin', columns: [{ column: 'total' }, { column: 'id', direction: 'asc' }], span },
];

test('statements built from pieces: plain names, names with quotes, schemas and every option', () => {
  const r = postgresGenerator.generate({ dialect: 'oracle', objects } satisfies Catalog, { target: 'postgres' });
  const text = new Map(r.objects.map((o) => [o.ref.name, o.statements]));
  assert.deepEqual(text.get('mood'), [`CREATE TYPE "app"."mood" AS ENUM ('ok', 'it''s')`]);
  assert.deepEqual(text.get('plain_enum'), [`CREATE TYPE "plain_enum" AS ENUM ('a')`]);
  assert.deepEqual(text.get('Orders'), [[
    'CREATE TABLE "Orders" (',
    '  "id" bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000 CACHE 20 CYCLE) NOT NULL,',
    '  "say ""hi""" varchar(40) COLLATE "C",',
    '  "total" numeric(10) DEFAULT 0 NOT NULL,',
    '  "at" timestamp(3) with time zone,',
    '  "mood" "app"."mood",',
    '  "tags" varchar(10)[],',
    '  "twice" integer GENERATED ALWAYS AS ("total" * (2 + "say ""hi""")) STORED,',
    `  "code" char(2) DEFAULT upper('x'),`,
    '  CONSTRAINT "pk ""orders""" PRIMARY KEY ("id"),',
    '  UNIQUE NULLS NOT DISTINCT ("total", "say ""hi""") DEFERRABLE INITIALLY DEFERRED,',
    '  CONSTRAINT "total_pos" CHECK ("total" >= 0) NO INHERIT,',
    `  CHECK ("say ""hi""" <> '') NOT VALID`,
    ')',
  ].join('\n')]);
  assert.deepEqual(text.get('empty'), ['CREATE TABLE "app"."empty" (\n\n)']);
  assert.deepEqual(text.get('ix "odd"'), ['CREATE UNIQUE INDEX CONCURRENTLY "ix ""odd""" ON "app"."Orders" USING hash ((lower("say ""hi""")), "total" COLLATE "C" text_pattern_ops DESC NULLS LAST) INCLUDE ("id", "a""b") WHERE "total" > 1']);
  assert.deepEqual(text.get('ix_plain'), ['CREATE INDEX "ix_plain" ON "Orders" USING gin ("total", "id" ASC)']);
  assert.deepEqual(text.get('Orders.fk "x"'), ['ALTER TABLE "Orders" ADD CONSTRAINT "fk ""x""" FOREIGN KEY ("mood") REFERENCES "app"."moods" ("m") MATCH FULL ON DELETE NO ACTION ON UPDATE SET DEFAULT DEFERRABLE']);
  assert.deepEqual(text.get('Orders.Orders_fk2'), ['ALTER TABLE "Orders" ADD CONSTRAINT "Orders_fk2" FOREIGN KEY ("id", "total") REFERENCES "Parent" ("a", "b")']);
  // The finding of the column printed into the CREATE TABLE buffer still reaches the table.
  const table = r.objects.find((o) => o.ref.type === 'Table' && o.ref.name === 'Orders')!;
  assert.deepEqual(table.diagnostics.map((d) => d.code), ['GP0009']);
  assert.equal(table.status, 'converted-with-actions');
  assert.deepEqual(table.dependsOn, ['Type:app.mood']);
});

test('a statement built while another is open gets its own buffer; buffers are reused after', () => {
  const outer = openBuf(true);
  outer.add('outer ');
  const inner = openBuf(true);
  inner.add('inner');
  assert.equal(closeBuf(inner), 'inner');
  outer.add('text');
  assert.equal(closeBuf(outer), 'outer text');
  // Long then short then long again: the reused buffer keeps no pieces of the previous statement.
  const long = openBuf();
  for (let i = 0; i < 100; i++) long.add(String(i % 10));
  assert.equal(closeBuf(long).length, 100);
  const short = openBuf();
  short.add('a');
  short.add('b');
  assert.equal(closeBuf(short), 'ab');
  const again = openBuf();
  again.add('c');
  assert.equal(closeBuf(again), 'c');
});

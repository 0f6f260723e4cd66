import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog, CatalogObject, Expr, Table } from '../../../../converters/index.js';
import { NO_SPAN, TYPE_NAMES } from '../../../../converters/index.js';
import { postgresGenerator } from '../../../../converters/generators/postgres/index.js';
import { dollarQuote, stringLiteral, ident } from '../../../../converters/generators/postgres/quote.js';
import { ROWS_PER_INSERT } from '../../../../converters/generators/postgres/data.js';

const span = { ...NO_SPAN, file: 't.sql', line: 3, column: 1 };
const gen = (...objects: CatalogObject[]) => postgresGenerator.generate({ dialect: 'postgres', objects } satisfies Catalog, { target: 'postgres' });
const num = (v: number): Expr => ({ kind: 'Literal', type: 'number', value: String(v), span });
const str = (v: string): Expr => ({ kind: 'Literal', type: 'string', value: v, span });
const tbl = (name: string, extra: Partial<Table> = {}): Table => ({
  kind: 'Table', name: { schema: 's', name }, options: {}, span, constraints: [],
  columns: [{ kind: 'Column', name: 'id', nullable: false, dataType: { kind: 'DataType', name: 'int', sourceText: 'int', span }, span }], ...extra,
});

test('identifiers are always quoted, embedded quotes doubled', () => {
  assert.equal(ident('a"b'), '"a""b"');
  const r = gen(tbl('Order'));
  assert.match(r.objects[0]!.statements[0]!, /CREATE TABLE "s"\."Order" \(\n  "id" integer NOT NULL\n\)/);
});

test('string literals: quotes doubled, E-strings only for control characters', () => {
  assert.equal(stringLiteral("it's"), "'it''s'");
  assert.equal(stringLiteral('a\nb\\c'), "'a\nb\\c'");
  assert.equal(stringLiteral('a\u0001b\\'), "E'a\\x01b\\\\'");
});

test('dollar quote tag never occurs in the body', () => {
  assert.equal(dollarQuote('x'), '$body$\nx\n$body$');
  assert.equal(dollarQuote('a $body$ b'), '$body1$\na $body$ b\n$body1$');
});

test('data is batched per ROWS_PER_INSERT rows', () => {
  const rows = Array.from({ length: ROWS_PER_INSERT + 1 }, (_, i) => [num(i)]);
  const r = gen(tbl('t'), { kind: 'DataScript', table: { schema: 's', name: 't' }, rowCount: rows.length, span,
    statements: [{ kind: 'Insert', table: { schema: 's', name: 't' }, columns: ['id'], source: { kind: 'Values', rows, span }, span }] });
  const data = r.objects.find((o) => o.category === 'data')!;
  assert.equal(data.statements.length, 2);
  assert.equal(data.statements[0]!.split('\n').length, 2 + ROWS_PER_INSERT);
  assert.deepEqual(data.dependsOn, ['Table:s.t']);
});

test('foreign keys are separate objects after everything else', () => {
  const child = tbl('child', { constraints: [{ kind: 'ForeignKey', name: 'fk_parent', columns: ['id'], refTable: { schema: 's', name: 'parent' }, refColumns: ['id'], onDelete: 'cascade', span }] });
  const r = gen(child, tbl('parent'));
  const last = r.objects[r.objects.length - 1]!;
  assert.equal(last.ref.type, 'ForeignKey');
  assert.equal(last.statements[0], 'ALTER TABLE "s"."child" ADD CONSTRAINT "fk_parent" FOREIGN KEY ("id") REFERENCES "s"."parent" ("id") ON DELETE CASCADE');
  assert.deepEqual(last.dependsOn.sort(), ['Table:s.child', 'Table:s.parent']);
});

test('unparsed objects and unparsed nodes become not-converted comments with a diagnostic', () => {
  const r = gen(
    { kind: 'UnparsedObject', objectType: 'Procedure', name: { name: 'p' }, statement: { kind: 'Unparsed', text: 'CREATE PROCEDURE p() garbage', reason: 'syntax', span }, span },
    { kind: 'View', name: { name: 'v' }, query: { kind: 'Select', items: [{ expr: { kind: 'Unparsed', text: 'weird(1)', reason: 'x', span } }], from: [], groupBy: [], orderBy: [], span }, span },
  );
  for (const o of r.objects) {
    assert.equal(o.status, 'not-converted');
    assert.ok(o.statements.every((s) => s.split('\n').every((l) => l.startsWith('--'))), o.statements.join('\n'));
    assert.ok(o.diagnostics.length > 0 && o.diagnostics[0]!.span.line === 3);
  }
  assert.match(r.objects[0]!.statements[0]!, /garbage/);
});

test('every canonical type prints (types with no PostgreSQL equivalent report a diagnostic, never throw)', () => {
  for (const name of TYPE_NAMES) {
    const t = tbl('t', { columns: [{ kind: 'Column', name: 'c', nullable: true, dataType: { kind: 'DataType', name, sourceText: name, span, values: ['a'] }, span }] });
    const r = gen(t);
    assert.equal(r.objects.length, 1, name);
    assert.match(r.objects[0]!.statements[0]!, /"c" \S+/, name);
  }
});

test('views depend on the tables they read', () => {
  const r = gen(tbl('t'), { kind: 'View', name: { schema: 's', name: 'v' }, span,
    query: { kind: 'Select', items: [{ expr: str('x'), alias: 'x' }], from: [{ kind: 'TableRef', name: { schema: 's', name: 't' }, span }], groupBy: [], orderBy: [], span } });
  const v = r.objects.find((o) => o.ref.type === 'View')!;
  assert.ok(v.dependsOn.includes('Table:s.t'));
  assert.equal(v.statements[0], 'CREATE VIEW "s"."v" AS\nSELECT \'x\' AS "x"\nFROM "s"."t"');
});

test('loaded tables: non-unique indexes and foreign keys come after the data; foreign keys are validated without aborting the load', () => {
  const child = tbl('child', { constraints: [{ kind: 'ForeignKey', name: 'fk_p', columns: ['id'], refTable: { schema: 's', name: 'parent' }, refColumns: ['id'], span }] });
  const data: CatalogObject = { kind: 'DataScript', table: { schema: 's', name: 'child' }, rowCount: 1, span,
    statements: [{ kind: 'Insert', table: { schema: 's', name: 'child' }, source: { kind: 'Values', rows: [[num(1)]], span }, span }] };
  const idx = (name: string, unique: boolean): CatalogObject => ({ kind: 'Index', name, table: { schema: 's', name: 'child' }, columns: [{ column: 'id' }], unique, span });
  const r = gen(tbl('parent'), child, idx('u', true), idx('plain', false), data);
  assert.deepEqual(r.objects.map((o) => `${o.ref.type}:${o.ref.name}`), ['Table:parent', 'Table:child', 'Index:u', 'Data:child@3', 'Index:plain', 'ForeignKey:child.fk_p']);
  const fk = r.objects[r.objects.length - 1]!;
  assert.match(fk.statements[0]!, /NOT VALID$/);
  assert.match(fk.statements[1]!, /^DO \$validate\$\nBEGIN\n  ALTER TABLE "s"\."child" VALIDATE CONSTRAINT "fk_p";\nEXCEPTION WHEN foreign_key_violation THEN/);
});

test('Table.asQuery prints CREATE [TEMP] TABLE … AS query (ON COMMIT before AS) instead of losing the query', async () => {
  const { parseScripts } = await import('../../../../converters/index.js');
  const view = parseScripts('sqlserver', [{ path: 'v.sql', text: 'CREATE VIEW v AS SELECT id FROM s.src WHERE id > 1\nGO' }]).catalog.objects.find((o) => o.kind === 'View')!;
  assert.ok(view.kind === 'View');
  const q = view.query;
  assert.ok(q.kind !== 'Unparsed');
  const plain = gen(tbl('copy', { columns: [], asQuery: q }));
  assert.match(plain.objects[0]!.statements[0]!, /^CREATE TABLE "s"\."copy" AS SELECT "id"\s+FROM "s"\."src"\s+WHERE "id" > 1$/);
  const temp = gen(tbl('work', { columns: [], temporary: true, options: { on_commit: 'drop' }, asQuery: q }));
  assert.match(temp.objects[0]!.statements[0]!, /^CREATE TEMP TABLE "s"\."work" ON COMMIT DROP AS SELECT /);
  // The table it reads is a dependency (the ordering creates it first).
  assert.ok(plain.objects[0]!.dependsOn.some((k) => /\bsrc\b/.test(k)), `dependsOn ${plain.objects[0]!.dependsOn.join(', ')}`);
});

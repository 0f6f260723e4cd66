import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCopyTextRow, postgresFrontEnd } from '../../../../converters/dialects/postgres/index.js';
import type { DataScript, Insert, Values } from '../../../../converters/model/index.js';

test('COPY text format: tabs, \\N, backslash escapes (PostgreSQL COPY docs)', () => {
  assert.deepEqual(decodeCopyTextRow('1\tabc\t\\N\t'), ['1', 'abc', null, '']);
  assert.deepEqual(decodeCopyTextRow('a\\tb\\nc\\\\d\\re'), ['a\tb\nc\\d\re']);
  assert.deepEqual(decodeCopyTextRow('\\101\\x42\\b\\f\\v'), ['AB\b\f\v']);
  assert.deepEqual(decodeCopyTextRow('\\\\N'), ['\\N'], 'an escaped backslash before N is data, not NULL');
  assert.deepEqual(decodeCopyTextRow('x\\'), undefined);
  assert.deepEqual(decodeCopyTextRow('a,b,NULL', ',', 'NULL'), ['a', 'b', null]);
});

test('COPY … FROM stdin becomes one INSERT … VALUES per COPY, typed by the table columns', () => {
  const sql = `CREATE TABLE public.actor (actor_id integer NOT NULL, first_name text NOT NULL, active boolean, score numeric(4,1));
COPY public.actor (actor_id, first_name, active, score) FROM stdin;
1\tPENELOPE\tt\t9.5
2\tNICK\\tWAHLBERG\tf\t\\N
\\.
INSERT INTO public.actor VALUES (3, 'ED', true, 1.0), (4, 'JEN', false, 2);
INSERT INTO public.actor (actor_id, first_name) VALUES (5, 'X');
COPY public.other FROM stdin;
a\tb
\\.
`;
  const r = postgresFrontEnd.parse([{ path: 'd.sql', text: sql }]);
  assert.deepEqual(r.diagnostics, []);
  const ds = r.catalog.objects.filter((o): o is DataScript => o.kind === 'DataScript');
  assert.equal(ds.length, 2);
  assert.equal(ds[0]!.table.name, 'actor');
  assert.equal(ds[0]!.rowCount, 5, 'two COPY rows + three INSERT rows for the same table');
  assert.equal(ds[0]!.statements.length, 3);
  const copy = ds[0]!.statements[0] as Insert;
  assert.deepEqual(copy.columns, ['actor_id', 'first_name', 'active', 'score']);
  const rows = (copy.source as Values).rows.map((row) => row.map((e) => (e.kind === 'Literal' ? [e.type, e.value] : e.kind)));
  assert.deepEqual(rows, [
    [['number', '1'], ['string', 'PENELOPE'], ['boolean', 'true'], ['number', '9.5']],
    [['number', '2'], ['string', 'NICK\tWAHLBERG'], ['boolean', 'false'], ['null', 'NULL']],
  ]);
  assert.equal(ds[1]!.table.name, 'other');
  assert.equal(ds[1]!.rowCount, 1);
});

test('COPY rows that do not match the column list are reported, not silently dropped', () => {
  const sql = 'CREATE TABLE t (a int, b int);\nCOPY t (a, b) FROM stdin;\n1\t2\n3\n\\.\nCOPY t FROM stdin WITH (FORMAT binary);\nxx\n\\.\n';
  const r = postgresFrontEnd.parse([{ path: 'e.sql', text: sql }]);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.severity]), [['PG0013', 'high'], ['PG0013', 'high']]);
  assert.match(r.diagnostics[0]!.message, /1 data row/);
  assert.equal(r.diagnostics[0]!.span.line, 4);
  assert.match(r.diagnostics[1]!.message, /format 'binary'/);
  const ds = r.catalog.objects.find((o): o is DataScript => o.kind === 'DataScript');
  assert.equal(ds?.rowCount, 1);
});

test('COPY CSV: quotes, doubled quotes, delimiters and newlines inside quotes, NULL vs empty string, HEADER', () => {
  const sql = [
    'CREATE TABLE t (id int, note text);',
    'COPY t (id, note) FROM stdin WITH (FORMAT csv, HEADER true);',
    'id,note',
    '1,"a, b"',
    '2,"say ""hi"""',
    '3,',
    '4,""',
    '5,"two',
    'lines"',
    '\\.',
    "COPY t FROM stdin CSV DELIMITER ';' QUOTE '''';",
    "6;'x;y'",
    '\\.',
  ].join('\n');
  const r = postgresFrontEnd.parse([{ path: 'c.sql', text: sql }]);
  assert.deepEqual(r.diagnostics, []);
  const ds = r.catalog.objects.find((o): o is DataScript => o.kind === 'DataScript')!;
  const values = ds.statements.flatMap((s) => ((s as Insert).source as Values).rows.map((row) => row.map((e) => (e.kind === 'Literal' ? (e.type === 'null' ? null : e.value) : e.kind))));
  assert.deepEqual(values, [['1', 'a, b'], ['2', 'say "hi"'], ['3', null], ['4', ''], ['5', 'two\nlines'], ['6', 'x;y']]);
});

// Record DML: the front end reads INSERT … VALUES rec / UPDATE … SET ROW = rec; PostgreSQL spreads
// a same-table %ROWTYPE record to the columns, anything else stays an action item (never printed as is).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertResult } from '../../../../converters/index.js';

const SCRIPT = `CREATE TABLE a (id NUMBER(5), v VARCHAR2(10));
CREATE TABLE b (id NUMBER(5), w VARCHAR2(10));
CREATE OR REPLACE PROCEDURE p IS
  ra a%ROWTYPE;
  rb b%ROWTYPE;
BEGIN
  INSERT INTO a VALUES ra;
  INSERT INTO a VALUES rb;
  UPDATE b SET ROW = rb WHERE id = 1;
  INSERT INTO a (id, v) VALUES ra;
END;
/`;
const parsed = parseScripts('oracle', [{ path: 't.sql', text: SCRIPT }]);
// The procedure keeps two action items, so its text comes back commented out.
const body = (r: ConvertResult): string => r.objects.find((o) => o.ref.name === 'p')!.statements.join('\n').replace(/^-- /gm, '');
const all = (r: ConvertResult) => [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)];

test('front end: record DML parses (no OP0002) with valuesRecord / setRow', () => {
  assert.ok(!parsed.diagnostics.some((d) => d.code === 'OP0002'), parsed.diagnostics.map((d) => d.message).join('\n'));
});

test('PostgreSQL: same-table %ROWTYPE spreads by column; another table\'s record or a column list → OG0055', () => {
  const r = convert(parsed.catalog, { target: 'postgres' });
  const sql = body(r);
  assert.match(sql, /INSERT INTO "a" \("id", "v"\)\n\s+VALUES \("ra"\."id", "ra"\."v"\)/);
  assert.match(sql, /SET "id" = "rb"\."id",\n\s+"w" = "rb"\."w"/);
  assert.doesNotMatch(sql, /VALUES \("r[ab]"\)/);
  assert.equal(all(r).filter((d) => d.code === 'OG0055' && /record/.test(d.message)).length, 2);
});

test('MySQL: record DML is an action item, never VALUES (rec)', () => {
  const r = convert(parsed.catalog, { target: 'mysql' });
  assert.doesNotMatch(r.objects.flatMap((o) => o.statements).join('\n').replace(/^-- .*$/gm, ''), /VALUES \(`?r[ab]`?\)|SET `row`/i);
  assert.ok(all(r).some((d) => d.code === 'OM0052' && /record/.test(d.message)));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expr, Insert } from '../../../../converters/model/index.js';
import { Parser, parseDml, parseExpression, MYSQL_DIALECT, POSTGRES_DIALECT, type Dialect } from '../../../../converters/dialects/common/index.js';
import { mysqlFrontEnd } from '../../../../converters/dialects/mysql/index.js';

/** Spans without offsets, as VALUES cells carry them. */
function noOffsets<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (k, x) => (k === 'offset' || k === 'endOffset' ? undefined : x))) as T;
}

/** Each cell parsed on its own by the expression parser, at the same position in the same text. */
function cellsByExpressionParser(sql: string, d: Dialect, rows: Expr[][]): Expr[][] {
  return rows.map((row) => row.map((cell) => {
    const col = cell.span.column;
    const p = new Parser(' '.repeat(col - 1) + sql.slice(col - 1), 'f.sql', d);
    const e = parseExpression(p);
    return e;
  }));
}

const CASES: [Dialect, string, number][] = [
  [MYSQL_DIALECT, "INSERT INTO t VALUES (1, -2, 3.5e-3, 'a''b', 'x\\ny', NULL, true, FALSE, X'4142', 0x1F, b'101', -0.5, N'nat', _utf8mb4'intro', 'a' 'b', 1 + 2, DEFAULT, now(), -x, 'c' COLLATE utf8mb4_bin)", 20],
  [POSTGRES_DIALECT, "INSERT INTO t VALUES (1, -2, 'it''s', E'a\\tb', $$d$$, NULL, TRUE, false, '1'::int, -(3), B'101', ARRAY[1,2], 'x' || 'y')", 13],
];

for (const [d, sql, cells] of CASES) {
  test(`VALUES cells read by the literal shortcut equal the expression parser's (${d.name})`, () => {
    const ins = parseDml(new Parser(sql, 'f.sql', d)) as Insert;
    assert.equal(ins.source.kind, 'Values');
    const rows = ins.source.kind === 'Values' ? ins.source.rows : [];
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.length, cells);
    assert.deepEqual(noOffsets(rows), noOffsets(cellsByExpressionParser(sql, d, rows)));
  });
}

test('VALUES: several rows, row arrays hold exactly their cells', () => {
  const sql = "INSERT INTO t VALUES (1,'a'),(2,'b'),(-3,NULL),()";
  const ins = parseDml(new Parser(sql, 'f.sql', MYSQL_DIALECT)) as Insert;
  const rows = ins.source.kind === 'Values' ? ins.source.rows : [];
  assert.deepEqual(rows.map((r) => r.map((c) => (c.kind === 'Literal' ? `${c.type}:${c.value}` : c.kind))), [
    ['number:1', 'string:a'], ['number:2', 'string:b'], ['number:-3', 'null:NULL'], [],
  ]);
  assert.deepEqual(rows[2]![0]!.span, { file: 'f.sql', line: 1, column: sql.indexOf('-3') + 1, endLine: 1, endColumn: sql.indexOf('-3') + 3 });
});

test('VALUES inside routines go through the hooks (locals stay variables)', () => {
  const r = mysqlFrontEnd.parse([{ path: 'r.sql', text: 'DELIMITER //\nCREATE PROCEDURE p(IN v INT) BEGIN INSERT INTO t VALUES (v, 1); END//\n' }]);
  const text = JSON.stringify(r.catalog.objects);
  assert.match(text, /"kind":"Variable","name":"v"/);
});

test('data scripts: 10× the rows cost about 10× the time', () => {
  const row = (i: number): string => `(${i},'name ${i}','2006-02-15 04:34:33',NULL,-${i}.5)`;
  const script = (n: number): string => `INSERT INTO t VALUES ${Array.from({ length: n }, (_, i) => row(i)).join(',')};\n`.repeat(10);
  const time = (n: number): number => {
    const text = script(n);
    const t0 = performance.now();
    const res = mysqlFrontEnd.parse([{ path: 'd.sql', text }]);
    const ms = performance.now() - t0;
    const ds = res.catalog.objects[0];
    assert.ok(ds?.kind === 'DataScript' && ds.rowCount === n * 10);
    return ms;
  };
  time(300);
  const small = time(500);
  const big = time(5000);
  // Quadratic would be 100×; generous slack for a loaded machine.
  assert.ok(big < Math.max(small, 5) * 30, `${small.toFixed(1)} ms vs ${big.toFixed(1)} ms`);
});

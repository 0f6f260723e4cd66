import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitMysqlScript } from '../../../../converters/dialects/mysql/index.js';
import { locate } from '../../../../converters/dialects/common/index.js';

// Statement spans must give the line and column that counting every line break up to the offset
// gives (LF, CRLF and lone CR each one break), whatever mix of plain runs, strings and comments.
const SCRIPTS = [
  "CREATE TABLE t (\n  id INT,\n  n VARCHAR(20) DEFAULT 'a\nb'\n);\n\n\nINSERT INTO t VALUES (1, 'x');\n",
  'SELECT 1;\r\nSELECT\r\n  2;\rSELECT 3;\n\n-- c;\n# d;\n/* e;\n f */ SELECT\n4\n;',
  'DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT "a;\nb";\nEND$$\nDELIMITER ;\nSELECT 5;\n',
  `${'SELECT 1 /*x*/ ;'.repeat(50)}\n${"INSERT INTO t VALUES ('a;'),\n(`b`);\n".repeat(30)}`,
  '\uFEFFSELECT\n\n\n1;   \n  SELECT 2\n',
];

test('statement spans match a line count of the text at their start and end offsets', () => {
  for (const text of SCRIPTS) {
    const statements = splitMysqlScript(text, 'f.sql');
    assert.ok(statements.length > 0);
    for (const st of statements) {
      const start = locate(text, st.span.offset!);
      const end = locate(text, st.span.endOffset!);
      assert.deepEqual([st.span.line, st.span.column, st.span.endLine, st.span.endColumn], [start.line, start.column, end.line, end.column], JSON.stringify(st.text));
    }
  }
});

test('a script on one line (no line feeds) splits in linear time', () => {
  const time = (k: number): number => {
    const s = "INSERT INTO t VALUES (1,'a;b'),(2,`c`); ".repeat(k);
    const t0 = performance.now();
    assert.equal(splitMysqlScript(s, 'f').length, k);
    return performance.now() - t0;
  };
  time(2000);
  const t1 = Math.max(time(10_000), 1);
  const t2 = time(40_000);
  // 4x the text: about 4x the time; a rescan of the rest of the line per statement would be ~16x.
  assert.ok(t2 / t1 < 10, `10,000 statements ${t1.toFixed(1)} ms, 40,000: ${t2.toFixed(1)} ms`);
});

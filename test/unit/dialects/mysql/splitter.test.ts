import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitMysqlScript } from '../../../../converters/dialects/mysql/index.js';

const texts = (s: string) => splitMysqlScript(s, 'f.sql').map((x) => x.text);

test('DELIMITER in its usual forms', () => {
  const cases: [string, string[]][] = [
    ['SELECT 1;\nSELECT 2;', ['SELECT 1', 'SELECT 2']],
    ['DELIMITER ;;\nCREATE TRIGGER t BEGIN SET a = 1; SET b = 2; END;;\nDELIMITER ;\nSELECT 3;', ['CREATE TRIGGER t BEGIN SET a = 1; SET b = 2; END', 'SELECT 3']],
    ['DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\ndelimiter ;\nSELECT 2;', ['CREATE PROCEDURE p() BEGIN SELECT 1; END', 'SELECT 2']],
    ['DELIMITER $$\nCREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END$$\nDELIMITER ;', ['CREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END']],
    ['Delimiter $$ -- switch\nSELECT 1$$\nDELIMITER ;', ['SELECT 1']],
    ['DELIMITER $$\nSELECT 1$$\nDELIMITER ;', ['SELECT 1']],
    ['SELECT 1;\nDELIMITER //', ['SELECT 1']],
  ];
  for (const [input, expected] of cases) assert.deepEqual(texts(input), expected, input);
  assert.deepEqual(splitMysqlScript('DELIMITER //\nSELECT 1 //', 'f.sql').map((s) => s.delimiter), ['//']);
});

test('delimiters inside strings, identifiers and comments do not split', () => {
  const cases: [string, string[]][] = [
    ["INSERT INTO t VALUES ('a;b', \"c;d\", `e;f`);SELECT 2;", ["INSERT INTO t VALUES ('a;b', \"c;d\", `e;f`)", 'SELECT 2']],
    ["SELECT 'it''s;', 'a\\';b';", ["SELECT 'it''s;', 'a\\';b'"]],
    ['SELECT 1 -- c;omment\n, 2; # x;y\nSELECT 3 /* ; */;', ['SELECT 1 -- c;omment\n, 2', 'SELECT 3 /* ; */']],
    ['-- header; with semicolons\n/* block ; */\nSELECT 1;', ['SELECT 1']],
    ['SELECT 1--2;\nSELECT 3;', ['SELECT 1--2', 'SELECT 3']],
    ['DELIMITER $$\nSELECT \'$$\' $$\nDELIMITER ;', ["SELECT '$$'"]],
    ['/*!40101 SET NAMES utf8 */;\nSELECT 1;', ['/*!40101 SET NAMES utf8 */', 'SELECT 1']],
  ];
  for (const [input, expected] of cases) assert.deepEqual(texts(input), expected, input);
});

test('spans: BOM, CRLF, columns of statements after the first', () => {
  const s = splitMysqlScript('\uFEFFSELECT 1;\r\n\r\n  SELECT\r\n 2;\rSELECT 3;', 'f.sql');
  assert.deepEqual(s.map((x) => [x.text, x.span.line, x.span.column, x.span.endLine, x.span.offset]), [
    ['SELECT 1', 1, 1, 1, 1],
    ['SELECT\r\n 2', 3, 3, 4, 16],
    ['SELECT 3', 5, 1, 5, 28],
  ]);
  assert.equal(s[0]!.span.file, 'f.sql');
});

test('end of file: missing delimiter, unterminated string and comment', () => {
  const a = splitMysqlScript('SELECT 1;\nSELECT 2', 'f.sql');
  assert.deepEqual(a.map((x) => [x.text, x.unterminated]), [['SELECT 1', undefined], ['SELECT 2', 'statement']]);
  const b = splitMysqlScript("SELECT 1;\nINSERT INTO t VALUES ('abc;\nSELECT 3;", 'f.sql');
  assert.equal(b.length, 2);
  assert.equal(b[1]!.unterminated, 'string');
  const c = splitMysqlScript('SELECT 1; /* never closed', 'f.sql');
  assert.equal(c[1]!.unterminated, 'comment');
  assert.deepEqual(splitMysqlScript('', 'f.sql'), []);
  assert.deepEqual(splitMysqlScript('  -- only a comment\n', 'f.sql'), []);
});

test('splitting is linear: 10x the script costs about 10x', () => {
  const unit = "INSERT INTO t VALUES (1,'a;b'),(2,'c');\n-- comment; here\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\n";
  const time = (k: number) => { const s = unit.repeat(k); const t0 = performance.now(); const n = splitMysqlScript(s, 'f').length; return [performance.now() - t0, n] as const; };
  time(1000);
  const [t1, n1] = time(2000);
  const [t2, n2] = time(20000);
  assert.equal(n2, n1 * 10);
  assert.ok(t2 < Math.max(t1, 2) * 40, `${t1} ms vs ${t2} ms`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mysqlFrontEnd, parseMysqlStatement, parseMysqlDataType } from '../../../../converters/dialects/mysql/index.js';
import { parse, assertShape } from './helpers.js';

test('a statement that cannot be parsed becomes an UnparsedObject; parsing goes on', () => {
  const r = parse('CREATE TABLE a (x INT);\nCREATE TABLE b (y INT,, z INT);\nCREATE TABLE c (z INT);');
  assertShape(r.objects, [{ kind: 'Table', name: { name: 'a' } }, { kind: 'UnparsedObject', objectType: 'table', name: { name: 'b' }, statement: { kind: 'Unparsed', text: 'CREATE TABLE b (y INT,, z INT)' } }, { kind: 'Table', name: { name: 'c' } }]);
  assertShape(r.diagnostics, [{ code: 'MY0001', severity: 'high', span: { file: 't.sql', line: 2, column: 23 }, object: { type: 'table', name: 'b' } }]);
  assert.match(r.diagnostics[0]!.message, /^Could not parse TABLE b: expected a column name but found ','/);
});

test('unknown statements and objects are reported, not thrown', () => {
  const r = parse('FROBNICATE everything;\nCREATE WIDGET w;\nCALL p();\nLOAD DATA INFILE \'x\' INTO TABLE t;');
  assertShape(r.diagnostics.map((d) => [d.code, d.span.line]), [['MY0001', 1], ['MY0001', 2], ['MY0005', 3], ['MY0005', 4]]);
  assert.equal(r.objects.length, 4);
  assert.ok(r.objects.every((o) => o.kind === 'UnparsedObject'));
});

test('unknown data types are flagged', () => {
  const r = parse('CREATE TABLE t (a FANCY(3), b INT);');
  assertShape(r.objects, [{ kind: 'Table', columns: [{ name: 'a', dataType: { name: 'unknown', sourceText: 'FANCY(3)' } }, { name: 'b' }] }]);
  assertShape(r.diagnostics, [{ code: 'MY0010', span: { line: 1, column: 19 } }]);
});

test('truncated script: last statement without delimiter and cut in the middle', () => {
  const r = parse('CREATE TABLE a (x INT);\nCREATE TABLE b (y INT, z');
  assertShape(r.objects, [{ kind: 'Table' }, { kind: 'UnparsedObject', name: { name: 'b' } }]);
  assert.equal(r.diagnostics.length, 1);
  assert.match(r.diagnostics[0]!.message, /the script ends in the middle of this statement/);
  const p = parse('DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END');
  assertShape(p.diagnostics.map((d) => d.code), ['MY0004']);
  assertShape(p.objects, [{ kind: 'Routine' }]);
});

test('unterminated string and comment: one diagnostic each, statements before them kept', () => {
  const s = parse("CREATE TABLE a (x INT);\nINSERT INTO a VALUES ('oops);\nCREATE TABLE b (y INT);");
  assertShape(s.objects, [{ kind: 'Table' }, { kind: 'UnparsedObject' }]);
  assertShape(s.diagnostics, [{ code: 'MY0002', span: { line: 2 } }]);
  const c = parse('CREATE TABLE a (x INT);\n/* no end\nCREATE TABLE b (y INT);');
  assertShape(c.objects, [{ kind: 'Table' }, { kind: 'UnparsedObject' }]);
  assertShape(c.diagnostics, [{ code: 'MY0002', span: { line: 2 } }]);
  const q = parse('CREATE TABLE `a (x INT);');
  assertShape(q.diagnostics, [{ code: 'MY0002' }]);
});

test('binary garbage: one diagnostic per file, nothing parsed from it, other files still read', () => {
  const bytes = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  const r = mysqlFrontEnd.parse([{ path: 'blob.bin', text: bytes }, { path: 'ok.sql', text: 'CREATE TABLE t (x INT);' }]);
  assertShape(r.diagnostics, [{ code: 'MY0003', span: { file: 'blob.bin' } }]);
  assertShape(r.catalog.objects, [{ kind: 'Table' }]);
  const few = parse('CREATE TABLE t (x INT);\nSELECT \u0001\u0002;\nSELECT \u0003;\nCREATE TABLE u (y INT);');
  assert.equal(few.diagnostics.filter((d) => d.code === 'MY0003').length, 1);
  assertShape(few.objects.filter((o) => o.kind === 'Table'), [{ name: { name: 't' } }, { name: { name: 'u' } }]);
});

test('random input never throws and never hangs', () => {
  const pieces = ['CREATE', 'TABLE', 't', '(', ')', ',', ';', "'", '"', '`', 'BEGIN', 'END', 'DELIMITER', '$$', '/*', '*/', '--', '\n', 'IF', 'SELECT', 'INTO', '@x', 'PROCEDURE', 'TRIGGER', 'INT', 'DEFAULT', '0x', 'b\'', '#', '\\'];
  let seed = 42;
  const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
  for (let k = 0; k < 300; k++) {
    const text = Array.from({ length: 40 }, () => pieces[rnd() % pieces.length]).join(' ');
    assert.doesNotThrow(() => mysqlFrontEnd.parse([{ path: 'r.sql', text }]), text);
  }
});

test('parseMysqlStatement reads SHOW CREATE output without a delimiter', () => {
  const r = parseMysqlStatement('CREATE TABLE `t` (\n  `id` int NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci', 'live/t.sql', { defaultSchema: 'db' });
  assert.deepEqual(r.diagnostics, []);
  assertShape(r.catalog.objects, [{ kind: 'Table', name: { schema: 'db', name: 't' }, columns: [{ name: 'id', nullable: false }] }]);
  const p = parseMysqlStatement("CREATE DEFINER=`root`@`localhost` PROCEDURE `p`(IN a INT)\nBEGIN\n  SELECT a;\nEND", 'live/p.sql');
  assert.deepEqual(p.diagnostics, []);
  assertShape(p.catalog.objects, [{ kind: 'Routine', definer: '`root`@`localhost`', body: { kind: 'Block', body: [{ kind: 'SqlStatement' }] } }]);
});

test('parseMysqlDataType reads COLUMN_TYPE strings and never throws', () => {
  assertShape(parseMysqlDataType('smallint(5) unsigned'), { name: 'smallint', unsigned: true, displayWidth: 5 });
  assertShape(parseMysqlDataType("enum('a','b')"), { name: 'enum', values: ['a', 'b'] });
  assertShape(parseMysqlDataType("set('x,y','z')"), { name: 'set', values: ['x,y', 'z'] });
  assertShape(parseMysqlDataType('varchar(45)'), { name: 'varchar', length: 45 });
  assertShape(parseMysqlDataType('decimal(5,2) unsigned zerofill'), { name: 'decimal', precision: 5, scale: 2, zerofill: true });
  assertShape(parseMysqlDataType('datetime(6)'), { name: 'datetime', fractionalSeconds: 6 });
  assertShape(parseMysqlDataType('???'), { name: 'unknown', sourceText: '???' });
});

test('Sakila cut at arbitrary points: never throws, reports only front-end codes, keeps what came before', async () => {
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(new URL('../../../../../shared/corpus/sakila-mysql/sakila-schema.sql', import.meta.url), 'utf8');
  const full = mysqlFrontEnd.parse([{ path: 's.sql', text }]).catalog.objects.length;
  let last = 0;
  for (let k = 1; k <= 20; k++) {
    const cut = Math.floor((text.length * k) / 21) + (k * 7919) % 97;
    const r = mysqlFrontEnd.parse([{ path: 's.sql', text: text.slice(0, cut) }]);
    assert.ok(r.diagnostics.every((d) => /^MY00\d\d$/.test(d.code) && d.span.line >= 1), `cut at ${cut}`);
    const n = r.catalog.objects.filter((o) => o.kind !== 'UnparsedObject').length;
    assert.ok(n >= last - 1 && n <= full, `cut at ${cut}: ${n} objects after ${last}`);
    last = n;
  }
});

test('large scripts parse in linear time (ALTER/CREATE INDEX/DROP look objects up by name)', () => {
  const script = (n: number) => {
    const parts: string[] = [];
    for (let t = 0; t < n; t++) parts.push(`DROP TABLE IF EXISTS t${t}; CREATE TABLE t${t} (id INT PRIMARY KEY, p INT, KEY (p));`);
    for (let t = 0; t < n; t++) parts.push(`CREATE INDEX ix${t} ON t${t} (p); ALTER TABLE t${t} ADD CONSTRAINT fk${t} FOREIGN KEY (p) REFERENCES t${(t + 1) % n} (id);`);
    return parts.join('\n');
  };
  const cpu = (n: number) => {
    const text = script(n);
    const c0 = process.cpuUsage();
    const r = mysqlFrontEnd.parse([{ path: 'big.sql', text }]);
    const c = process.cpuUsage(c0);
    assert.equal(r.catalog.objects.length, n * 3);
    return (c.user + c.system) / 1000;
  };
  cpu(200);
  const small = cpu(500);
  const big = cpu(4000);
  // 8x the statements: linear ≈ 8x the time, quadratic ≈ 64x.
  assert.ok(big < Math.max(small, 5) * 24, `${small.toFixed(0)} ms for 500 tables, ${big.toFixed(0)} ms for 4000`);
});

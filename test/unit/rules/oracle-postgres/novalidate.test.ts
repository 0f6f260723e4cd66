// ENABLE NOVALIDATE constraints: the Oracle front end marks them (inline, ALTER TABLE ADD/MODIFY,
// ENABLE NOVALIDATE CONSTRAINT); PostgreSQL gets them NOT VALID after the data; MySQL an action item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertResult, type Table } from '../../../../converters/index.js';

const parse = (text: string) => parseScripts('oracle', [{ path: 't.sql', text }]);
const table = (text: string, name: string): Table => parse(text).catalog.objects.find((o): o is Table => o.kind === 'Table' && o.name.name.toLowerCase() === name)!;
const all = (r: ConvertResult) => [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)];

const SCRIPT = `CREATE TABLE p (id NUMBER(5) PRIMARY KEY);
CREATE TABLE t (id NUMBER(5), pid NUMBER(5), n NUMBER(5),
  CONSTRAINT t_pos CHECK (id > 0) ENABLE NOVALIDATE,
  CONSTRAINT t_p FOREIGN KEY (pid) REFERENCES p (id) ENABLE NOVALIDATE,
  CONSTRAINT t_n CHECK (n < 10));
ALTER TABLE t ADD CONSTRAINT t_small CHECK (n < 100) ENABLE NOVALIDATE;
`;

test('front end: ENABLE NOVALIDATE sets notValidated; ENABLE VALIDATE and DISABLE do not', () => {
  const t = table(SCRIPT, 't');
  const state = Object.fromEntries(t.constraints.map((c) => [c.name!.toLowerCase(), c.notValidated === true]));
  assert.deepEqual(state, { t_pos: true, t_p: true, t_n: false, t_small: true });
  const later = table(`${SCRIPT}ALTER TABLE t MODIFY CONSTRAINT t_n ENABLE NOVALIDATE;
ALTER TABLE t ENABLE VALIDATE CONSTRAINT t_pos;
ALTER TABLE t MODIFY CONSTRAINT t_small DISABLE;`, 't');
  const after = Object.fromEntries(later.constraints.map((c) => [c.name!.toLowerCase(), [c.notValidated === true, c.enforced !== false]]));
  assert.deepEqual(after, { t_pos: [false, true], t_p: [true, true], t_n: [true, true], t_small: [false, false] });
});

test('PostgreSQL: NOVALIDATE checks and foreign keys are added NOT VALID after the table, never validated', () => {
  const r = convert(parse(SCRIPT).catalog, { target: 'postgres' });
  const create = r.objects.find((o) => o.ref.type === 'Table' && o.ref.name === 't')!.statements[0]!;
  assert.match(create, /CONSTRAINT "t_n" CHECK \("n" < 10\)/);
  assert.doesNotMatch(create, /t_pos|t_small/);
  const stmts = r.objects.flatMap((o) => o.statements);
  assert.ok(stmts.includes('ALTER TABLE "t" ADD CONSTRAINT "t_pos" CHECK ("id" > 0) NOT VALID'));
  assert.ok(stmts.includes('ALTER TABLE "t" ADD CONSTRAINT "t_small" CHECK ("n" < 100) NOT VALID'));
  assert.ok(stmts.includes('ALTER TABLE "t" ADD CONSTRAINT "t_p" FOREIGN KEY ("pid") REFERENCES "p" ("id") NOT VALID'));
  assert.ok(!stmts.some((s) => /VALIDATE CONSTRAINT "t_p"/.test(s)));
  // The late constraints come after the table they belong to.
  const order = r.objects.map((o) => `${o.ref.type}:${o.ref.name}`);
  assert.ok(order.indexOf('Constraint:t.t_pos') > order.indexOf('Table:t'));
  assert.equal(all(r).filter((d) => d.code === 'OG0066').length, 3);
});

test('PostgreSQL: a NOVALIDATE primary key is an action item (no NOT VALID keys)', () => {
  const r = convert(parse('CREATE TABLE k (id NUMBER(5), CONSTRAINT k_pk PRIMARY KEY (id) ENABLE NOVALIDATE);').catalog, { target: 'postgres' });
  const d = all(r).find((x) => x.code === 'OG0067');
  assert.ok(d && d.severity === 'medium' && /k_pk/.test(d.message));
});

test('MySQL: NOVALIDATE constraints are created normally with an action item each', () => {
  const r = convert(parse(SCRIPT).catalog, { target: 'mysql' });
  const found = all(r).filter((d) => d.code === 'OM0069').map((d) => /Constraint (\w+)/.exec(d.message)![1]).sort();
  assert.deepEqual(found, ['t_p', 't_pos', 't_small']);
});

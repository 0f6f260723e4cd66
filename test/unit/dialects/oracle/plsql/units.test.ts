import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CollectionType, CompositeType, Package, Routine, UnparsedObject } from '../../../../../converters/model/index.js';
import { bodyOf, parseUnits, routine, strip, unparsedIn } from './helpers.js';

const v = (name: string) => ({ kind: 'Variable', name, scope: 'local' });
const num = (value: string) => ({ kind: 'Literal', type: 'number', value });

test('procedure and function headings: modes, NOCOPY, defaults, RETURN, attributes', () => {
  const { objects, diagnostics } = parseUnits(`CREATE OR REPLACE EDITIONABLE FUNCTION hr.f (a IN NUMBER, b OUT VARCHAR2, c IN OUT NOCOPY DATE, d NUMBER := 5, e VARCHAR2 DEFAULT 'x')
  RETURN employees.salary%TYPE DETERMINISTIC PARALLEL_ENABLE RESULT_CACHE AUTHID DEFINER
AS
BEGIN
  RETURN a;
END f;`);
  assert.deepEqual(diagnostics, []);
  const r = objects[0] as Routine;
  assert.equal(r.kind, 'Routine');
  assert.deepEqual(r.name, { schema: 'HR', name: 'F' });
  assert.equal(r.routineKind, 'function');
  assert.equal(r.orReplace, true);
  assert.deepEqual(r.params.map((p) => [p.name, p.mode, p.dataType.name, !!p.nocopy]), [
    ['A', 'in', 'decimal', false], ['B', 'out', 'varchar', false], ['C', 'inout', 'date', true], ['D', 'in', 'decimal', false], ['E', 'in', 'varchar', false],
  ]);
  assert.deepEqual(strip(r.params[3]!.default), num('5'));
  assert.deepEqual(strip(r.params[4]!.default), { kind: 'Literal', type: 'string', value: 'x' });
  assert.equal(r.returns?.kind, 'type');
  if (r.returns?.kind !== 'type') return;
  assert.deepEqual(r.returns.typeRef, { of: { name: 'EMPLOYEES' }, column: 'SALARY' });
  assert.equal(r.deterministic, true);
  assert.equal(r.parallel, 'safe');
  assert.equal(r.security, 'definer');
  assert.deepEqual(strip(bodyOf(r).body), [{ kind: 'Return', value: v('A') }]);
});

test('pipelined function: setOf + PIPE ROW as RETURN NEXT', () => {
  const { objects } = parseUnits(`CREATE TYPE num_tab AS TABLE OF NUMBER;`, `CREATE FUNCTION gen(n PLS_INTEGER) RETURN num_tab PIPELINED AUTHID CURRENT_USER IS
BEGIN FOR i IN 1..n LOOP PIPE ROW (i * 2); END LOOP; RETURN; END;`);
  const r = routine(objects, 'GEN');
  assert.equal(r.pipelined, true);
  assert.equal(r.security, 'invoker');
  assert.equal(r.returns?.kind === 'type' && r.returns.setOf, true);
  const loop = bodyOf(r).body[0] as { body: unknown[] };
  assert.deepEqual(strip(loop.body), [{ kind: 'Return', value: { kind: 'Binary', op: '*', left: v('I'), right: num('2') }, next: true }]);
});

test('external routines (LANGUAGE JAVA / C) are kept whole as text with an action item', () => {
  const text = "CREATE OR REPLACE PROCEDURE ext (x NUMBER) AS LANGUAGE JAVA NAME 'Foo.bar(int)';";
  const { objects, diagnostics } = parseUnits(text);
  const u = objects[0] as UnparsedObject;
  assert.equal(u.kind, 'UnparsedObject');
  assert.equal(u.statement.text, text);
  assert.deepEqual(diagnostics.map((d) => d.code), ['OP0005']);
  assert.match(diagnostics[0]!.message, /LANGUAGE JAVA/);
});

test('package spec + body: one Package, spec routines replaced by their bodies, overloads kept, initialization', () => {
  const { objects, diagnostics } = parseUnits(
    `CREATE OR REPLACE PACKAGE emp_pkg AUTHID DEFINER AS
  g_calls PLS_INTEGER := 0;
  c_max CONSTANT NUMBER := 10;
  e_limit EXCEPTION;
  TYPE t_ids IS TABLE OF NUMBER;
  CURSOR c_all RETURN employees%ROWTYPE;
  PROCEDURE log_call;
  FUNCTION total(dept NUMBER) RETURN NUMBER;
  FUNCTION total(dept VARCHAR2) RETURN NUMBER;
END emp_pkg;`,
    `CREATE OR REPLACE PACKAGE BODY emp_pkg AS
  g_private NUMBER;
  CURSOR c_all RETURN employees%ROWTYPE IS SELECT * FROM employees;
  PROCEDURE helper(x NUMBER);
  PROCEDURE log_call IS BEGIN g_calls := g_calls + 1; helper(g_calls); END;
  FUNCTION total(dept NUMBER) RETURN NUMBER IS n NUMBER; BEGIN SELECT SUM(salary) INTO n FROM employees WHERE department_id = dept; RETURN n; END;
  FUNCTION total(dept VARCHAR2) RETURN NUMBER IS BEGIN RETURN total(TO_NUMBER(dept)); END total;
  PROCEDURE helper(x NUMBER) IS BEGIN IF x > c_max THEN RAISE e_limit; END IF; END helper;
BEGIN
  g_calls := 0;
END emp_pkg;`);
  assert.deepEqual(diagnostics, []);
  assert.equal(objects.length, 1);
  const pkg = objects[0] as Package;
  assert.equal(pkg.kind, 'Package');
  assert.equal(pkg.hasBody, true);
  assert.deepEqual(pkg.routines.map((r) => `${r.name.name}(${r.params.map((p) => p.dataType.sourceText).join(',')})${r.specOnly ? ' spec' : ''}`),
    ['LOG_CALL()', 'TOTAL(NUMBER)', 'TOTAL(VARCHAR2)', 'HELPER(NUMBER)']);
  assert.ok(pkg.routines.every((r) => r.packageName === 'EMP_PKG'));
  assert.deepEqual(pkg.declarations.map((d) => d.kind), ['VarDecl', 'VarDecl', 'ConditionDecl', 'TypeDecl', 'VarDecl', 'CursorDecl']);
  assert.deepEqual(strip(pkg.initialization), [{ kind: 'Assign', target: v('G_CALLS'), value: num('0') }]);
  // spec variables, constants and exceptions are visible in the body (separate units)
  const logCall = pkg.routines[0]!;
  assert.deepEqual(strip(bodyOf(logCall).body[0]), { kind: 'Assign', target: v('G_CALLS'), value: { kind: 'Binary', op: '+', left: v('G_CALLS'), right: num('1') } });
  const helper = pkg.routines[3]!;
  const cond = strip((bodyOf(helper).body[0] as { branches: { condition: unknown }[] }).branches[0]!.condition);
  assert.deepEqual(cond, { kind: 'Binary', op: '>', left: v('X'), right: v('C_MAX') });
  assert.deepEqual(unparsedIn(pkg.routines), []);
});

test('a package spec without its body keeps spec-only routines; a body alone makes the package', () => {
  const spec = parseUnits('CREATE PACKAGE p AS PROCEDURE a; END;');
  const pkg = spec.objects[0] as Package;
  assert.equal(pkg.hasBody, false);
  assert.equal(pkg.routines[0]!.specOnly, true);
  const body = parseUnits('CREATE PACKAGE BODY q AS PROCEDURE a IS BEGIN NULL; END; END q;');
  const q = body.objects[0] as Package;
  assert.equal(q.hasBody, true);
  assert.equal(q.routines[0]!.specOnly, undefined);
  const missing = parseUnits('CREATE PACKAGE p AS PROCEDURE a; PROCEDURE b; END;', 'CREATE PACKAGE BODY p AS PROCEDURE a IS BEGIN NULL; END; END;');
  assert.deepEqual(missing.diagnostics.map((d) => d.code), ['OP0009']);
  assert.match(missing.diagnostics[0]!.message, /procedure B/);
});

test('object type spec + body: attributes, methods, NOT FINAL, UNDER; bare attributes are SELF.attr', () => {
  const { objects, diagnostics } = parseUnits(
    `CREATE OR REPLACE TYPE address_t AS OBJECT (
  street VARCHAR2(40), city VARCHAR2(30),
  MEMBER FUNCTION full_address RETURN VARCHAR2,
  STATIC FUNCTION make(s VARCHAR2) RETURN address_t,
  CONSTRUCTOR FUNCTION address_t(s VARCHAR2) RETURN SELF AS RESULT,
  MAP MEMBER FUNCTION sort_key RETURN VARCHAR2
) NOT FINAL;`,
    `CREATE OR REPLACE TYPE BODY address_t AS
  MEMBER FUNCTION full_address RETURN VARCHAR2 IS BEGIN RETURN street || ', ' || SELF.city; END;
  STATIC FUNCTION make(s VARCHAR2) RETURN address_t IS BEGIN RETURN address_t(s, NULL); END;
  CONSTRUCTOR FUNCTION address_t(s VARCHAR2) RETURN SELF AS RESULT IS BEGIN street := s; RETURN; END;
  MAP MEMBER FUNCTION sort_key RETURN VARCHAR2 IS BEGIN RETURN city; END;
END;`,
    'CREATE TYPE us_address_t UNDER address_t (zip VARCHAR2(10)) FINAL;');
  assert.deepEqual(diagnostics, []);
  const t = objects[0] as CompositeType;
  assert.equal(t.kind, 'CompositeType');
  assert.deepEqual(t.attributes.map((a) => [a.name, a.dataType.name, a.dataType.length]), [['STREET', 'varchar', 40], ['CITY', 'varchar', 30]]);
  assert.equal(t.final, false);
  assert.deepEqual(t.methods?.map((m) => [m.name.name, m.methodKind, !!m.specOnly]), [
    ['FULL_ADDRESS', 'member', false], ['MAKE', 'static', false], ['ADDRESS_T', 'constructor', false], ['SORT_KEY', 'map', false],
  ]);
  const self = (c: string) => ({ kind: 'ColumnRef', parts: ['SELF', c] });
  assert.deepEqual(strip(bodyOf(t.methods![0]!).body), [{ kind: 'Return', value: { kind: 'Binary', op: 'concat', left: { kind: 'Binary', op: 'concat', left: self('STREET'), right: { kind: 'Literal', type: 'string', value: ', ' } }, right: self('CITY') } }]);
  assert.deepEqual(strip(bodyOf(t.methods![2]!).body[0]), { kind: 'Assign', target: self('STREET'), value: v('S') });
  const sub = objects[1] as CompositeType;
  assert.deepEqual(sub.under, { name: 'ADDRESS_T' });
  assert.equal(sub.final, true);
});

test('collection types: TABLE OF and VARRAY(n) OF; a forward type declaration is skipped with a note', () => {
  const { objects, diagnostics } = parseUnits('CREATE OR REPLACE TYPE num_tab AS TABLE OF NUMBER(10,2);', 'CREATE TYPE phones_t IS VARYING ARRAY(5) OF VARCHAR2(20);', 'CREATE TYPE later_t;');
  const [a, b] = objects as CollectionType[];
  assert.deepEqual([a!.kind, a!.collection, a!.element.precision, a!.element.scale, a!.limit], ['CollectionType', 'table', 10, 2, undefined]);
  assert.deepEqual([b!.kind, b!.collection, b!.element.name, b!.limit], ['CollectionType', 'varray', 'varchar', 5]);
  assert.equal(objects.length, 2);
  assert.deepEqual(diagnostics.map((d) => d.code), ['OP0011']);
});

test('anonymous blocks become anonymous routines named after their line; local subprograms go to Block.routines', () => {
  const { objects, diagnostics } = parseUnits(`DECLARE
  n NUMBER := 0;
  PROCEDURE bump (k IN OUT NUMBER) IS BEGIN k := k + 1; END;
BEGIN
  bump(n);
END;`);
  const r = objects[0] as Routine;
  assert.equal(r.anonymous, true);
  assert.equal(r.name.name, 'anonymous_block_1');
  const b = bodyOf(r);
  assert.deepEqual(b.routines?.map((x) => [x.name.name, x.params[0]!.mode]), [['BUMP', 'inout']]);
  assert.deepEqual(strip(b.body), [{ kind: 'Call', name: { name: 'BUMP' }, args: [v('N')] }]);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.span.line]), [['OP0007', 3]]);
  const labelled = parseUnits('<<outer>> BEGIN NULL; END outer;');
  assert.equal(bodyOf(labelled.objects[0] as Routine).label, 'OUTER');
});

test('package body: PRAGMA EXCEPTION_INIT on a spec exception, collections of spec types used from other units', () => {
  const { objects, diagnostics } = parseUnits(
    'CREATE PACKAGE types_pkg AS TYPE t_ids IS TABLE OF NUMBER; e_busy EXCEPTION; END;',
    'CREATE PACKAGE BODY types_pkg AS PRAGMA EXCEPTION_INIT(e_busy, -54); END;',
    'CREATE PROCEDURE use_it IS ids types_pkg.t_ids := types_pkg.t_ids(); BEGIN ids.EXTEND; ids(1) := 5; END;');
  assert.deepEqual(diagnostics, []);
  const pkg = objects[0] as Package;
  assert.deepEqual(strip(pkg.declarations.find((d) => d.kind === 'ConditionDecl')), { kind: 'ConditionDecl', name: 'E_BUSY', errorCode: -54 });
  const body = bodyOf(routine(objects, 'USE_IT')).body;
  assert.deepEqual(strip(body), [
    { kind: 'Call', name: { schema: 'IDS', name: 'EXTEND' }, args: [] },
    { kind: 'Assign', target: { kind: 'Subscript', expr: v('IDS'), index: num('1') }, value: num('5') },
  ]);
});

test('a package spec created after its body keeps the body (as Oracle does)', () => {
  const { objects } = parseUnits(
    'CREATE PACKAGE p AS PROCEDURE a; END;',
    'CREATE PACKAGE BODY p AS g NUMBER; PROCEDURE a IS BEGIN g := 1; END; PROCEDURE hidden IS BEGIN NULL; END; END;',
    'CREATE OR REPLACE PACKAGE p AS x NUMBER; PROCEDURE a; END;');
  assert.equal(objects.length, 1);
  const pkg = objects[0] as Package;
  assert.equal(pkg.hasBody, true);
  assert.deepEqual(pkg.routines.map((r) => [r.name.name, !!r.specOnly]), [['A', false], ['HIDDEN', false]]);
  assert.deepEqual(pkg.declarations.map((d) => d.kind === 'VarDecl' ? d.names[0] : d.kind), ['X', 'G']);
});

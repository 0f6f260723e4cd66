import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Routine, Statement } from '../../../../../converters/model/index.js';
import { OraContext } from '../../../../../converters/dialects/oracle/context.js';
import { parsePlsqlUnit } from '../../../../../converters/dialects/oracle/plsql/index.js';
import { bodyOf, stmts, strip } from './helpers.js';

const v = (name: string) => ({ kind: 'Variable', name, scope: 'local' });
const num = (value: string) => ({ kind: 'Literal', type: 'number', value });
const str = (value: string) => ({ kind: 'Literal', type: 'string', value });
const one = (code: string, decls = '', params = ''): Statement => {
  const { body, parsed } = stmts(code, decls, params);
  assert.deepEqual(parsed.diagnostics.map((d) => d.message), []);
  assert.equal(body.length, 1, JSON.stringify(strip(body)));
  return body[0]!;
};

test('assignment to variables, record fields, collection elements and :NEW columns', () => {
  assert.deepEqual(strip(one('n := n + 1;', 'n NUMBER;')), { kind: 'Assign', target: v('N'), value: { kind: 'Binary', op: '+', left: v('N'), right: num('1') } });
  assert.deepEqual(strip(one("r.last_name := 'x';", 'r employees%ROWTYPE;')), { kind: 'Assign', target: { kind: 'ColumnRef', parts: ['R', 'LAST_NAME'] }, value: str('x') });
  assert.deepEqual(strip(one('t(2) := 5;', 'TYPE tt IS TABLE OF NUMBER INDEX BY PLS_INTEGER; t tt;')),
    { kind: 'Assign', target: { kind: 'Subscript', expr: v('T'), index: num('2') }, value: num('5') });
});

test('an undeclared name is a column; a declared one a variable (inner scopes shadow outer ones)', () => {
  const s = one('SELECT salary INTO n FROM employees WHERE employee_id = emp_id;', 'n NUMBER;', 'emp_id NUMBER');
  assert.equal(s.kind, 'SqlStatement');
  if (s.kind !== 'SqlStatement' || s.statement.kind !== 'Select') return;
  assert.deepEqual(strip(s.statement.items[0]!.expr), { kind: 'ColumnRef', parts: ['SALARY'] });
  assert.deepEqual(strip(s.statement.into), [v('N')]);
  assert.deepEqual(strip(s.statement.where), { kind: 'Binary', op: '=', left: { kind: 'ColumnRef', parts: ['EMPLOYEE_ID'] }, right: v('EMP_ID') });
  // SELECT INTO raises NO_DATA_FOUND / TOO_MANY_ROWS in Oracle: strict
  assert.equal(s.strict, true);
  const { body } = stmts('DECLARE x NUMBER; BEGIN x := 1; END; x := 2;');
  assert.deepEqual(strip((body[0] as { body: Statement[] }).body[0]), { kind: 'Assign', target: v('X'), value: num('1') });
  assert.deepEqual(strip(body[1]), { kind: 'Assign', target: { kind: 'ColumnRef', parts: ['X'] }, value: num('2') }, 'x is out of scope after the block');
});

test('IF / ELSIF / ELSE and the CASE statement', () => {
  const s = one('IF n > 1 THEN n := 1; ELSIF n < 0 THEN NULL; ELSE n := 0; END IF;', 'n NUMBER;');
  assert.equal(s.kind, 'If');
  if (s.kind !== 'If') return;
  assert.equal(s.branches.length, 2);
  assert.deepEqual(strip(s.branches[1]!.body), [{ kind: 'Null' }]);
  assert.deepEqual(strip(s.else), [{ kind: 'Assign', target: v('N'), value: num('0') }]);
  const c = one("CASE WHEN n = 1 THEN n := 2; ELSE NULL; END CASE;", 'n NUMBER;');
  assert.equal(c.kind, 'CaseStatement');
  if (c.kind !== 'CaseStatement') return;
  assert.equal(c.operand, undefined);
  assert.deepEqual(strip(c.whens[0]!.when), { kind: 'Binary', op: '=', left: v('N'), right: num('1') });
  assert.deepEqual(strip(c.else), [{ kind: 'Null' }]);
  const e = one("n := CASE n WHEN 1 THEN 10 ELSE 0 END;", 'n NUMBER;');
  assert.deepEqual(strip(e), { kind: 'Assign', target: v('N'), value: { kind: 'Case', operand: v('N'), whens: [{ when: num('1'), then: num('10') }], else: num('0') } });
});

test('loops: LOOP / EXIT WHEN / CONTINUE, WHILE, FOR with REVERSE and labels', () => {
  const l = one('<<l1>> LOOP n := n + 1; EXIT l1 WHEN n > 10; CONTINUE WHEN n = 5; END LOOP l1;', 'n NUMBER;');
  assert.equal(l.kind, 'Loop');
  if (l.kind !== 'Loop') return;
  assert.equal(l.label, 'L1');
  assert.deepEqual(strip(l.body.slice(1)), [
    { kind: 'Leave', label: 'L1', when: { kind: 'Binary', op: '>', left: v('N'), right: num('10') } },
    { kind: 'Iterate', when: { kind: 'Binary', op: '=', left: v('N'), right: num('5') } },
  ]);
  const w = one('WHILE n > 0 LOOP n := n - 1; END LOOP;', 'n NUMBER;');
  assert.equal(w.kind, 'While');
  const f = one('FOR i IN REVERSE 1..n LOOP m := i; END LOOP;', 'n NUMBER; m NUMBER;');
  assert.deepEqual(strip(f), { kind: 'ForRange', variable: 'I', from: num('1'), to: v('N'), reverse: true, body: [{ kind: 'Assign', target: v('M'), value: v('I') }] });
});

test('cursor FOR loops over a declared cursor (with arguments) and over a query', () => {
  const decl = 'CURSOR c (p_dept NUMBER) IS SELECT last_name FROM employees WHERE department_id = p_dept;';
  const f = one('FOR r IN c(10) LOOP DBMS_OUTPUT.PUT_LINE(r.last_name); END LOOP;', decl);
  assert.deepEqual(strip(f), {
    kind: 'ForQuery', variable: 'R', cursor: { name: 'C', args: [num('10')] },
    body: [{ kind: 'Call', name: { schema: 'DBMS_OUTPUT', name: 'PUT_LINE' }, args: [{ kind: 'ColumnRef', parts: ['R', 'LAST_NAME'] }] }],
  });
  const q = one('FOR r IN (SELECT 1 AS x FROM dual) LOOP NULL; END LOOP;');
  assert.equal(q.kind, 'ForQuery');
  if (q.kind !== 'ForQuery') return;
  assert.equal(q.query?.kind, 'Select');
  assert.equal(q.cursor, undefined);
});

test('cursor parameters keep their %TYPE anchor and DEFAULT in the IR', () => {
  const { block, parsed } = stmts('NULL;', "CURSOR c (p_id employees.employee_id%TYPE, p_min NUMBER DEFAULT 10, p_who VARCHAR2 := 'x') IS SELECT 1 FROM dual;");
  assert.deepEqual(parsed.diagnostics, []);
  const d = block.declarations[0]!;
  assert.equal(d.kind, 'CursorDecl');
  if (d.kind !== 'CursorDecl') return;
  const ps = strip(d.params) as { name: string; typeRef?: unknown; default?: unknown }[];
  assert.deepEqual(ps.map((p) => [p.name, p.typeRef, p.default]), [
    ['P_ID', { of: { name: 'EMPLOYEES' }, column: 'EMPLOYEE_ID' }, undefined],
    ['P_MIN', undefined, num('10')],
    ['P_WHO', undefined, str('x')],
  ]);
});

test('explicit cursors: OPEN / FETCH INTO / FETCH BULK COLLECT … LIMIT / CLOSE and cursor attributes', () => {
  const { body, parsed } = stmts('OPEN c; LOOP FETCH c INTO n; EXIT WHEN c%NOTFOUND; END LOOP; FETCH c BULK COLLECT INTO t LIMIT 50; CLOSE c; IF c%ISOPEN OR SQL%FOUND THEN n := SQL%ROWCOUNT; END IF;',
    'CURSOR c IS SELECT salary FROM employees; n NUMBER; TYPE tt IS TABLE OF NUMBER; t tt;');
  assert.deepEqual(parsed.diagnostics, []);
  assert.deepEqual(strip(body[0]), { kind: 'OpenCursor', name: 'C' });
  assert.deepEqual(strip((body[1] as { body: Statement[] }).body), [
    { kind: 'Fetch', cursor: 'C', into: [v('N')] },
    { kind: 'Leave', when: { kind: 'CursorAttr', cursor: 'C', attr: 'notfound' } },
  ]);
  assert.deepEqual(strip(body[2]), { kind: 'Fetch', cursor: 'C', into: [v('T')], bulk: true, limit: num('50') });
  assert.deepEqual(strip(body[3]), { kind: 'CloseCursor', name: 'C' });
  const iff = strip(body[4]) as { branches: { condition: unknown; body: unknown[] }[] };
  assert.deepEqual(iff.branches[0]!.condition, { kind: 'Binary', op: 'or', left: { kind: 'CursorAttr', cursor: 'C', attr: 'isopen' }, right: { kind: 'CursorAttr', attr: 'found' } });
  assert.deepEqual(iff.branches[0]!.body, [{ kind: 'Assign', target: v('N'), value: { kind: 'CursorAttr', attr: 'rowcount' } }]);
});

test('REF CURSOR: OPEN … FOR query and OPEN … FOR string USING', () => {
  const { body } = stmts("OPEN rc FOR SELECT * FROM employees; OPEN rc FOR 'SELECT * FROM t WHERE a = :1' USING n;", 'rc SYS_REFCURSOR; n NUMBER;');
  assert.equal(body[0]!.kind, 'OpenCursor');
  assert.equal((body[0] as { query?: { kind: string } }).query?.kind, 'Select');
  assert.deepEqual(strip(body[1]), { kind: 'OpenCursor', name: 'RC', dynamic: str('SELECT * FROM t WHERE a = :1'), using: [v('N')] });
});

test('SELECT BULK COLLECT INTO and DML RETURNING … INTO', () => {
  const { body, parsed } = stmts(
    'SELECT employee_id BULK COLLECT INTO ids FROM employees; UPDATE employees SET salary = salary * 2 WHERE employee_id = 1 RETURNING salary INTO n; DELETE FROM employees WHERE 1 = 0 RETURNING employee_id BULK COLLECT INTO ids; INSERT INTO t (a) VALUES (n) RETURN a INTO n;',
    'TYPE tt IS TABLE OF NUMBER; ids tt; n NUMBER;');
  assert.deepEqual(parsed.diagnostics, []);
  const [sel, upd, del, ins] = body as { kind: string; statement: { kind: string; into?: unknown; returning?: { expr: unknown }[] }; into?: unknown; bulk?: boolean; strict?: boolean }[];
  assert.equal(sel!.bulk, true);
  assert.equal(sel!.strict, undefined, 'BULK COLLECT never raises NO_DATA_FOUND');
  assert.deepEqual(strip(sel!.statement.into), [v('IDS')]);
  assert.equal(upd!.statement.kind, 'Update');
  assert.deepEqual(strip(upd!.statement.returning), [{ expr: { kind: 'ColumnRef', parts: ['SALARY'] } }]);
  assert.deepEqual(strip(upd!.into), [v('N')]);
  assert.equal(del!.bulk, true);
  assert.deepEqual(strip(del!.into), [v('IDS')]);
  assert.deepEqual(strip(ins!.statement.returning), [{ expr: { kind: 'ColumnRef', parts: ['A'] } }], 'RETURN is RETURNING');
  assert.deepEqual(strip(ins!.into), [v('N')]);
});

test('FORALL over a range and INDICES OF, with SAVE EXCEPTIONS', () => {
  const decl = 'TYPE tt IS TABLE OF NUMBER; ids tt;';
  const f = one('FORALL i IN 1..ids.COUNT SAVE EXCEPTIONS DELETE FROM employees WHERE employee_id = ids(i);', decl);
  assert.equal(f.kind, 'ForAll');
  if (f.kind !== 'ForAll') return;
  assert.equal(f.variable, 'I');
  assert.deepEqual(strip(f.to), { kind: 'FunctionCall', name: { schema: 'IDS', name: 'COUNT' }, args: [] });
  assert.equal(f.saveExceptions, true);
  const del = f.statement;
  assert.equal(del.kind, 'SqlStatement');
  if (del.kind !== 'SqlStatement' || del.statement.kind !== 'Delete') return;
  assert.deepEqual(strip((del.statement.where as { right: unknown }).right), { kind: 'Subscript', expr: v('IDS'), index: v('I') });
  const g = one('FORALL i IN INDICES OF ids INSERT INTO t VALUES (ids(i));', decl);
  assert.deepEqual(strip((g as { indicesOf: unknown }).indicesOf), v('IDS'));
});

test('EXECUTE IMMEDIATE with INTO, BULK COLLECT INTO and USING modes', () => {
  const { body, parsed } = stmts("EXECUTE IMMEDIATE 'SELECT COUNT(*) FROM t WHERE a = :1' INTO n USING 5; EXECUTE IMMEDIATE s BULK COLLECT INTO ids; EXECUTE IMMEDIATE 'BEGIN p(:x); END;' USING IN OUT n;",
    'n NUMBER; s VARCHAR2(100); TYPE tt IS TABLE OF NUMBER; ids tt;');
  assert.deepEqual(strip(body[0]), { kind: 'DynamicSql', sql: str('SELECT COUNT(*) FROM t WHERE a = :1'), phase: 'immediate', into: [v('N')], using: [num('5')] });
  assert.deepEqual(strip(body[1]), { kind: 'DynamicSql', sql: v('S'), phase: 'immediate', into: [v('IDS')], bulk: true });
  assert.deepEqual(parsed.diagnostics.map((d) => d.code), ['OP0008'], 'the IN OUT bind is reported');
});

test('transactions: COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK TO', () => {
  const { body } = stmts('SAVEPOINT a; COMMIT WORK; ROLLBACK TO SAVEPOINT a; ROLLBACK;');
  assert.deepEqual(strip(body), [
    { kind: 'Transaction', action: 'savepoint', savepoint: 'A' },
    { kind: 'Transaction', action: 'commit' },
    { kind: 'Transaction', action: 'rollback to', savepoint: 'A' },
    { kind: 'Transaction', action: 'rollback' },
  ]);
});

test('RAISE, RAISE e, RAISE_APPLICATION_ERROR (positional and named) and exception handlers', () => {
  const { block } = stmts("RAISE e; RAISE_APPLICATION_ERROR(num => -20001, msg => 'm'); EXCEPTION WHEN e OR NO_DATA_FOUND THEN RAISE; WHEN OTHERS THEN n := SQLCODE; DBMS_OUTPUT.PUT_LINE(SQLERRM);",
    'e EXCEPTION; n NUMBER;');
  assert.deepEqual(strip(block.body), [
    { kind: 'Raise', level: 'exception', conditionName: 'E' },
    { kind: 'Raise', level: 'exception', items: [{ name: 'ORACLE_ERRNO', value: num('-20001') }], message: str('m') },
  ]);
  assert.deepEqual(strip(block.exceptionHandlers), [
    { conditions: [{ kind: 'named', name: 'E' }, { kind: 'named', name: 'NO_DATA_FOUND' }], body: [{ kind: 'Raise', level: 'exception', reraise: true }] },
    { conditions: [{ kind: 'others' }], body: [
      { kind: 'Assign', target: v('N'), value: { kind: 'FunctionCall', name: { name: 'SQLCODE' }, args: [] } },
      { kind: 'Call', name: { schema: 'DBMS_OUTPUT', name: 'PUT_LINE' }, args: [{ kind: 'FunctionCall', name: { name: 'SQLERRM' }, args: [] }] },
    ] },
  ]);
});

test('procedure calls: bare name, positional, named and mixed notation, package-qualified', () => {
  const { body } = stmts("p1; p2(1, 'a'); pkg.p3(a => 1, b => n); p4(1, b => 2);", 'n NUMBER;');
  assert.deepEqual(strip(body), [
    { kind: 'Call', name: { name: 'P1' }, args: [] },
    { kind: 'Call', name: { name: 'P2' }, args: [num('1'), str('a')] },
    { kind: 'Call', name: { schema: 'PKG', name: 'P3' }, args: [{ kind: 'NamedArg', name: 'A', value: num('1') }, { kind: 'NamedArg', name: 'B', value: v('N') }] },
    { kind: 'Call', name: { name: 'P4' }, args: [num('1'), { kind: 'NamedArg', name: 'B', value: num('2') }] },
  ]);
});

test('collection methods in expressions and as statements', () => {
  const { body } = stmts('t.EXTEND(2); t.DELETE; IF t.EXISTS(1) AND t.COUNT > 0 THEN n := t.FIRST + t.LAST; END IF;', 'TYPE tt IS VARRAY(5) OF NUMBER; t tt := tt(); n NUMBER;');
  const m = (name: string, args: unknown[] = []) => ({ kind: 'FunctionCall', name: { schema: 'T', name }, args });
  assert.deepEqual(strip(body[0]), { kind: 'Call', name: { schema: 'T', name: 'EXTEND' }, args: [num('2')] });
  assert.deepEqual(strip(body[1]), { kind: 'Call', name: { schema: 'T', name: 'DELETE' }, args: [] });
  const iff = strip(body[2]) as { branches: { condition: unknown; body: unknown[] }[] };
  assert.deepEqual(iff.branches[0]!.condition, { kind: 'Binary', op: 'and', left: m('EXISTS', [num('1')]), right: { kind: 'Binary', op: '>', left: m('COUNT'), right: num('0') } });
  assert.deepEqual(iff.branches[0]!.body, [{ kind: 'Assign', target: v('N'), value: { kind: 'Binary', op: '+', left: m('FIRST'), right: m('LAST') } }]);
});

test('GOTO and labels, NULL, RETURN, nested blocks with labels', () => {
  const { body } = stmts('GOTO done; n := 1; <<done>> NULL; <<blk>> DECLARE x NUMBER; BEGIN RETURN; END blk;', 'n NUMBER;');
  assert.deepEqual(strip(body.slice(0, 4)), [
    { kind: 'Goto', label: 'DONE' }, { kind: 'Assign', target: v('N'), value: num('1') }, { kind: 'Label', name: 'DONE' }, { kind: 'Null' },
  ]);
  const blk = body[4]!;
  assert.equal(blk.kind, 'Block');
  if (blk.kind !== 'Block') return;
  assert.equal(blk.label, 'BLK');
  assert.equal(blk.declarations.length, 1);
  assert.deepEqual(strip(blk.body), [{ kind: 'Return' }]);
});

test('PIPE ROW is RETURN NEXT of a pipelined function', () => {
  const { parsed } = { parsed: stmts('NULL;').parsed };
  void parsed;
  const s = one('PIPE ROW (n);', 'n NUMBER;');
  assert.deepEqual(strip(s), { kind: 'Return', value: v('N'), next: true });
});

test('MERGE inside PL/SQL', () => {
  const { body, parsed } = stmts('MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = n WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, n); n := 1;', 'n NUMBER;');
  assert.deepEqual(parsed.diagnostics, []);
  assert.equal(body.length, 2);
  const m = body[0] as { kind: string; statement: { kind: string; target: { name: unknown }; clauses: unknown[] } };
  assert.equal(m.kind, 'SqlStatement');
  assert.equal(m.statement.kind, 'Merge');
  assert.deepEqual(m.statement.target.name, { name: 'T' });
  assert.equal(m.statement.clauses.length, 2);
  assert.ok(JSON.stringify(strip(m.statement)).includes(JSON.stringify(v('N'))), 'the variable n is a Variable inside MERGE');
  assert.equal(body[1]!.kind, 'Assign');
});

test('fields of collection elements: emps(i).salary as a target and in expressions', () => {
  const { body, parsed } = stmts('FOR i IN 1..emps.COUNT LOOP emps(i).salary := emps(i).salary * 2; END LOOP;',
    'TYPE t_emps IS TABLE OF employees%ROWTYPE INDEX BY PLS_INTEGER; emps t_emps;');
  assert.deepEqual(parsed.diagnostics, []);
  const el = { kind: 'Subscript', expr: v('EMPS'), index: v('I'), field: ['SALARY'] };
  assert.deepEqual(strip((body[0] as { body: unknown[] }).body), [{ kind: 'Assign', target: el, value: { kind: 'Binary', op: '*', left: el, right: num('2') } }]);
});

test("Oracle SQL inside PL/SQL: DELETE without FROM, SELECT seq.NEXTVAL INTO a variable", () => {
  const { body, parsed } = stmts('DELETE employees WHERE employee_id = n; SELECT employees_seq.NEXTVAL INTO n FROM dual;', 'n NUMBER;');
  assert.deepEqual(parsed.diagnostics, []);
  const del = body[0] as { statement: { kind: string; targets: unknown; where: unknown } };
  assert.equal(del.statement.kind, 'Delete');
  assert.deepEqual(del.statement.targets, [{ name: 'EMPLOYEES' }]);
  assert.deepEqual(strip(del.statement.where), { kind: 'Binary', op: '=', left: { kind: 'ColumnRef', parts: ['EMPLOYEE_ID'] }, right: v('N') });
  const sel = body[1] as { statement: { items: { expr: unknown }[]; into: unknown } };
  assert.deepEqual(strip(sel.statement.items[0]!.expr), { kind: 'ColumnRef', parts: ['EMPLOYEES_SEQ', 'NEXTVAL'] });
  assert.deepEqual(strip(sel.statement.into), [v('N')]);
});

test('inside SQL a name that is also a column of the statement\'s table is the column (Oracle resolution), with a finding', () => {
  const ctx = new OraContext();
  const span = { file: 't.sql', line: 1, column: 1, endLine: 1, endColumn: 1 };
  const numType = { kind: 'DataType' as const, name: 'decimal' as const, sourceText: 'NUMBER', span };
  ctx.add({ kind: 'Table', name: { name: 'EMPLOYEES' }, options: {}, constraints: [], span, columns: ['EMPLOYEE_ID', 'SALARY'].map((name) => ({ kind: 'Column' as const, name, nullable: true, dataType: numType, span })) });
  parsePlsqlUnit(ctx, 'CREATE PROCEDURE p (employee_id NUMBER, p_id NUMBER) IS salary NUMBER;\nBEGIN\n  SELECT salary INTO salary FROM employees WHERE employee_id = employee_id;\n  UPDATE employees SET salary = p.salary WHERE employee_id = p_id;\n  salary := employee_id;\n  INSERT INTO employees (employee_id, salary) VALUES (employee_id, salary);\nEND;', { ...span, offset: 0 });
  const body = bodyOf(ctx.objects[1] as Routine).body;
  const col = (c: string) => ({ kind: 'ColumnRef', parts: [c] });
  const sel = body[0] as { statement: { items: { expr: unknown }[]; into: unknown; where: unknown } };
  assert.deepEqual(strip(sel.statement.items[0]!.expr), col('SALARY'));
  assert.deepEqual(strip(sel.statement.into), [v('SALARY')], 'INTO targets are always variables');
  assert.deepEqual(strip(sel.statement.where), { kind: 'Binary', op: '=', left: col('EMPLOYEE_ID'), right: col('EMPLOYEE_ID') }, 'Oracle reads employee_id = employee_id as column = column');
  const upd = body[1] as { statement: { set: { value: unknown }[]; where: unknown } };
  assert.deepEqual(strip(upd.statement.set[0]!.value), v('SALARY'), 'p.salary (qualified by the procedure name) is the variable');
  assert.deepEqual(strip((upd.statement.where as { right: unknown }).right), v('P_ID'));
  assert.deepEqual(strip(body[2]), { kind: 'Assign', target: v('SALARY'), value: v('EMPLOYEE_ID') }, 'outside SQL the variables win');
  const ins = body[3] as { statement: { source: { rows: unknown[][] } } };
  assert.deepEqual(strip(ins.statement.source.rows[0]), [v('EMPLOYEE_ID'), v('SALARY')], "the INSERT's own columns are not visible in VALUES");
  assert.deepEqual(ctx.diagnostics.map((d) => [d.code, d.span.line]), [['OP0012', 3], ['OP0012', 3], ['OP0012', 4]]);
});

test('a labelled CASE statement closes with its label', () => {
  const s = one('<<pick>> CASE n WHEN 1 THEN NULL; ELSE NULL; END CASE pick;', 'n NUMBER;');
  assert.equal(s.kind, 'CaseStatement');
});

test('cursor FOR loop over a package cursor (pkg.c), ranges from method calls, loop-label-qualified variables', () => {
  const { body, parsed } = stmts('FOR r IN emp_pkg.c_emp(10) LOOP NULL; END LOOP; FOR i IN ids.FIRST..ids.LAST LOOP NULL; END LOOP; <<o>> FOR i IN 1..2 LOOP n := o.i; END LOOP o;',
    'TYPE tt IS TABLE OF NUMBER; ids tt; n NUMBER;');
  assert.deepEqual(parsed.diagnostics, []);
  assert.deepEqual(strip(body[0]), { kind: 'ForQuery', variable: 'R', cursor: { name: 'EMP_PKG.C_EMP', args: [num('10')] }, body: [{ kind: 'Null' }] });
  assert.deepEqual(strip((body[1] as { from: unknown }).from), { kind: 'FunctionCall', name: { schema: 'IDS', name: 'FIRST' }, args: [] });
  assert.equal(body[1]!.kind, 'ForRange');
  assert.deepEqual(strip((body[2] as { body: unknown[] }).body), [{ kind: 'Assign', target: v('N'), value: v('I') }]);
});

test('PRAGMA INLINE before a statement', () => {
  const { body } = stmts("PRAGMA INLINE (f, 'YES'); n := f(1);", 'n NUMBER; FUNCTION f(x NUMBER) RETURN NUMBER IS BEGIN RETURN x; END;');
  assert.deepEqual(strip(body[0]), { kind: 'Pragma', name: 'INLINE', args: [{ kind: 'ColumnRef', parts: ['F'] }, str('YES')] });
  assert.deepEqual(strip(body[1]), { kind: 'Assign', target: v('N'), value: { kind: 'FunctionCall', name: { name: 'F' }, args: [num('1')] } });
});

test('FORALL … SAVE EXCEPTIONS handlers: SQL%BULK_EXCEPTIONS.COUNT and (i).ERROR_INDEX / ERROR_CODE, SQL%BULK_ROWCOUNT(i)', () => {
  const { block, parsed } = stmts('n := SQL%BULK_ROWCOUNT(1); EXCEPTION WHEN OTHERS THEN FOR k IN 1..SQL%BULK_EXCEPTIONS.COUNT LOOP n := SQL%BULK_EXCEPTIONS(k).ERROR_INDEX + SQL%BULK_EXCEPTIONS(k).ERROR_CODE; END LOOP;', 'n NUMBER;');
  assert.deepEqual(parsed.diagnostics, []);
  assert.deepEqual(strip(block.body[0]), { kind: 'Assign', target: v('N'), value: { kind: 'CursorAttr', attr: 'bulk_rowcount', index: num('1') } });
  const loop = strip(block.exceptionHandlers[0]!.body[0]) as { to: unknown; body: { value: unknown }[] };
  assert.deepEqual(loop.to, { kind: 'CursorAttr', attr: 'bulk_exceptions', field: 'COUNT' });
  assert.deepEqual(loop.body[0]!.value, {
    kind: 'Binary', op: '+',
    left: { kind: 'CursorAttr', attr: 'bulk_exceptions', index: v('K'), field: 'ERROR_INDEX' },
    right: { kind: 'CursorAttr', attr: 'bulk_exceptions', index: v('K'), field: 'ERROR_CODE' },
  });
});

test('details the SQL parser could not keep (Parser.notes) inside PL/SQL SQL statements are reported', () => {
  const { body, parsed } = stmts("SELECT LISTAGG(last_name, ',' ON OVERFLOW TRUNCATE) WITHIN GROUP (ORDER BY last_name) INTO s FROM employees;", 's VARCHAR2(4000);');
  assert.equal(body[0]!.kind, 'SqlStatement');
  assert.deepEqual(parsed.diagnostics.map((d) => d.code), ['OS0024']);
  assert.equal(parsed.diagnostics[0]!.span.line, 4);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Trigger, UnparsedObject } from '../../../../../converters/model/index.js';
import { bodyOf, parseUnits, strip } from './helpers.js';

const num = (value: string) => ({ kind: 'Literal', type: 'number', value });
const col = (row: string, c: string) => ({ kind: 'ColumnRef', parts: [row, c] });

function trigger(text: string): { t: Trigger; codes: string[] } {
  const { objects, diagnostics } = parseUnits(text);
  assert.equal(objects.length, 1);
  assert.equal(objects[0]!.kind, 'Trigger', JSON.stringify(diagnostics.map((d) => d.message)));
  return { t: objects[0] as Trigger, codes: diagnostics.map((d) => d.code) };
}

test('row trigger: events, UPDATE OF, REFERENCING renames, FOLLOWS, DISABLE, WHEN without colons', () => {
  const { t, codes } = trigger(`CREATE OR REPLACE TRIGGER hr.trg_sal
  BEFORE INSERT OR UPDATE OF salary, commission_pct ON hr.employees
  REFERENCING NEW AS n OLD AS o
  FOR EACH ROW
  FOLLOWS other_trg
  DISABLE
  WHEN (n.salary > o.salary * 2)
BEGIN
  :n.salary := :o.salary * 2;
END;`);
  assert.deepEqual(codes, []);
  assert.deepEqual(t.name, { schema: 'HR', name: 'TRG_SAL' });
  assert.deepEqual(t.table, { schema: 'HR', name: 'EMPLOYEES' });
  assert.equal(t.timing, 'before');
  assert.deepEqual(t.events, ['insert', 'update']);
  assert.deepEqual(t.updateOf, ['SALARY', 'COMMISSION_PCT']);
  assert.equal(t.forEach, 'row');
  assert.deepEqual(t.referencing, { newRow: 'N', oldRow: 'O' });
  assert.deepEqual(t.order, { position: 'follows', other: 'OTHER_TRG' });
  assert.equal(t.enabled, false);
  // the renamed correlation names are NEW / OLD in the tree
  assert.deepEqual(strip(t.when), { kind: 'Binary', op: '>', left: col('NEW', 'SALARY'), right: { kind: 'Binary', op: '*', left: col('OLD', 'SALARY'), right: num('2') } });
  assert.deepEqual(strip(bodyOf(t).body), [{ kind: 'Assign', target: col('NEW', 'SALARY'), value: { kind: 'Binary', op: '*', left: col('OLD', 'SALARY'), right: num('2') } }]);
});

test('INSERTING / UPDATING(col) / DELETING become niladic / one-argument calls', () => {
  const { t } = trigger(`CREATE TRIGGER a AFTER INSERT OR UPDATE OR DELETE ON t FOR EACH ROW
DECLARE op VARCHAR2(1);
BEGIN
  IF INSERTING THEN op := 'I'; ELSIF UPDATING('SALARY') THEN op := 'U'; ELSIF DELETING THEN op := 'D'; END IF;
  INSERT INTO audit_log (op, id) VALUES (op, NVL(:NEW.id, :OLD.id));
END;`);
  const iff = strip(bodyOf(t).body[0]) as { branches: { condition: unknown }[] };
  assert.deepEqual(iff.branches.map((b) => b.condition), [
    { kind: 'FunctionCall', name: { name: 'INSERTING' }, args: [] },
    { kind: 'FunctionCall', name: { name: 'UPDATING' }, args: [{ kind: 'Literal', type: 'string', value: 'SALARY' }] },
    { kind: 'FunctionCall', name: { name: 'DELETING' }, args: [] },
  ]);
  const ins = strip(bodyOf(t).body[1]) as { statement: { source: { rows: unknown[][] } } };
  assert.deepEqual(ins.statement.source.rows[0], [
    { kind: 'Variable', name: 'OP', scope: 'local' },
    { kind: 'FunctionCall', name: { name: 'NVL' }, args: [col('NEW', 'ID'), col('OLD', 'ID')] },
  ]);
});

test('INSTEAD OF trigger on a view and a CALL body', () => {
  const { t } = trigger('CREATE TRIGGER v_ins INSTEAD OF INSERT ON emp_v FOR EACH ROW\nBEGIN INSERT INTO employees (id) VALUES (:new.id); END;');
  assert.equal(t.timing, 'instead of');
  assert.deepEqual(t.table, { name: 'EMP_V' });
  const c = trigger('CREATE TRIGGER c AFTER DELETE ON t CALL audit_pkg.log_delete(1)').t;
  assert.equal(c.forEach, 'statement');
  assert.deepEqual(strip(bodyOf(c).body), [{ kind: 'Call', name: { schema: 'AUDIT_PKG', name: 'LOG_DELETE' }, args: [num('1')] }]);
});

test('compound trigger: shared declarations and one block per timing point', () => {
  const { t, codes } = trigger(`CREATE OR REPLACE TRIGGER comp FOR INSERT OR UPDATE ON employees COMPOUND TRIGGER
  TYPE t_ids IS TABLE OF NUMBER;
  ids t_ids := t_ids();
  BEFORE STATEMENT IS BEGIN ids.DELETE; END BEFORE STATEMENT;
  AFTER EACH ROW IS BEGIN ids.EXTEND; ids(ids.LAST) := :NEW.employee_id; END AFTER EACH ROW;
  AFTER STATEMENT IS
  BEGIN
    FORALL i IN 1..ids.COUNT UPDATE departments SET changed = 1 WHERE manager_id = ids(i);
  EXCEPTION WHEN OTHERS THEN RAISE;
  END AFTER STATEMENT;
END comp;`);
  assert.deepEqual(codes, []);
  assert.deepEqual(t.events, ['insert', 'update']);
  assert.equal(t.forEach, 'row');
  assert.deepEqual(t.compound?.map((c) => c.timing), ['before statement', 'after each row', 'after statement']);
  assert.deepEqual(bodyOf(t).declarations.map((d) => d.kind), ['TypeDecl', 'VarDecl']);
  assert.deepEqual(bodyOf(t).body, []);
  const row = t.compound![1]!.body;
  assert.deepEqual(strip(row.body[1]), {
    kind: 'Assign',
    target: { kind: 'Subscript', expr: { kind: 'Variable', name: 'IDS', scope: 'local' }, index: { kind: 'FunctionCall', name: { schema: 'IDS', name: 'LAST' }, args: [] } },
    value: col('NEW', 'EMPLOYEE_ID'),
  });
  assert.equal(t.compound![2]!.body.exceptionHandlers.length, 1);
});

test('DDL and database event triggers are kept as text with an action item', () => {
  for (const [text, what] of [
    ['CREATE OR REPLACE TRIGGER logon_trg AFTER LOGON ON DATABASE BEGIN NULL; END;', 'AFTER LOGON ON DATABASE'],
    ['CREATE TRIGGER ddl_trg BEFORE CREATE OR DROP ON hr.SCHEMA BEGIN NULL; END;', 'BEFORE CREATE OR DROP ON hr.SCHEMA'],
  ] as const) {
    const { objects, diagnostics } = parseUnits(text);
    assert.equal(objects.length, 1);
    const u = objects[0] as UnparsedObject;
    assert.equal(u.kind, 'UnparsedObject');
    assert.equal(u.objectType, 'trigger');
    assert.equal(u.statement.text, text);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, 'OP0006');
    assert.match(diagnostics[0]!.message, new RegExp(what));
  }
});

test('the sequence + BEFORE INSERT trigger key pattern: SELECT seq.NEXTVAL INTO :NEW.id FROM dual', () => {
  const { t, codes } = trigger(`CREATE OR REPLACE TRIGGER emp_bi BEFORE INSERT ON employees FOR EACH ROW
BEGIN
  IF :NEW.employee_id IS NULL THEN
    SELECT employees_seq.NEXTVAL INTO :NEW.employee_id FROM dual;
  END IF;
END;`);
  assert.deepEqual(codes, []);
  const iff = bodyOf(t).body[0] as { kind: string; branches: { condition: unknown; body: { statement: { items: { expr: unknown }[]; into: unknown; from: { name: unknown }[] } }[] }[] };
  assert.equal(iff.kind, 'If');
  assert.deepEqual(strip(iff.branches[0]!.condition), { kind: 'IsTest', expr: col('NEW', 'EMPLOYEE_ID'), test: 'null', not: false });
  const sel = iff.branches[0]!.body[0]!.statement;
  assert.deepEqual(strip(sel.items[0]!.expr), { kind: 'ColumnRef', parts: ['EMPLOYEES_SEQ', 'NEXTVAL'] });
  assert.deepEqual(strip(sel.into), [col('NEW', 'EMPLOYEE_ID')]);
  assert.deepEqual(sel.from[0]!.name, { name: 'DUAL' });
});

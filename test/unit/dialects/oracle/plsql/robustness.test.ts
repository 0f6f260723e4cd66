import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OraContext } from '../../../../../converters/dialects/oracle/context.js';
import { parsePlsqlUnit } from '../../../../../converters/dialects/oracle/plsql/index.js';

const UNIT = `CREATE OR REPLACE PACKAGE BODY emp_pkg AS
  TYPE t_ids IS TABLE OF NUMBER INDEX BY PLS_INTEGER;
  g_count PLS_INTEGER := 0;
  e_bad EXCEPTION;
  PRAGMA EXCEPTION_INIT(e_bad, -20001);
  CURSOR c_emp (p_dept NUMBER) IS SELECT employee_id, salary FROM employees WHERE department_id = p_dept;
  FUNCTION total(p_dept IN NUMBER, p_out OUT VARCHAR2) RETURN NUMBER IS
    ids t_ids;
    n NUMBER := 0;
  BEGIN
    <<outer>>
    FOR r IN c_emp(p_dept) LOOP
      n := n + NVL(r.salary, 0);
      ids(ids.COUNT + 1) := r.employee_id;
      EXIT outer WHEN n > 1e6;
    END LOOP outer;
    FORALL i IN 1..ids.COUNT UPDATE employees SET salary = salary * 1.1 WHERE employee_id = ids(i);
    IF SQL%ROWCOUNT = 0 THEN RAISE e_bad; ELSIF n < 0 THEN n := 0; ELSE NULL; END IF;
    CASE WHEN n > 10 THEN p_out := 'big'; ELSE p_out := 'small'; END CASE;
    EXECUTE IMMEDIATE 'SELECT COUNT(*) FROM t WHERE a = :1' INTO n USING p_dept;
    RETURN n;
  EXCEPTION
    WHEN NO_DATA_FOUND OR e_bad THEN RETURN -1;
    WHEN OTHERS THEN RAISE_APPLICATION_ERROR(-20002, 'failed: ' || SQLERRM);
  END total;
BEGIN
  g_count := 0;
END emp_pkg;`;

test('every truncation, deleted word and inserted semicolon of a package body: no crash, never nothing', () => {
  const span = { file: 'f.sql', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0 };
  const words = UNIT.split(/(?<=[\s;(),])/);
  let variants = 0;
  for (let i = 1; i < words.length; i++) {
    for (const text of [words.slice(0, i).join(''), [...words.slice(0, i), ...words.slice(i + 1)].join(''), [...words.slice(0, i), ';', ...words.slice(i)].join('')]) {
      if (!text.trim()) continue;
      variants++;
      const ctx = new OraContext();
      assert.doesNotThrow(() => parsePlsqlUnit(ctx, text, span), text);
      assert.ok(ctx.objects.length > 0 || ctx.diagnostics.length > 0, `nothing for: ${text}`);
      for (const d of ctx.diagnostics) {
        assert.equal(d.span.file, 'f.sql');
        assert.ok(d.span.line >= 1 && d.span.column >= 1, JSON.stringify(d));
      }
    }
  }
  assert.ok(variants > 500);
  const whole = new OraContext();
  parsePlsqlUnit(whole, UNIT, span);
  assert.deepEqual(whole.diagnostics, [], 'the intact unit parses cleanly');
});

// statementWalk (the statement-level walk the PL/SQL rules use instead of the generic walk where
// they look only at statements) meets exactly the statements the generic walk meets, in the same order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScripts } from '../../../../converters/index.js';
import { walk, type CatalogObject, type Statement } from '../../../../converters/model/index.js';
import { STATEMENT_KINDS, statementWalk } from '../../../../converters/rules/oracle-postgres/statement-walk.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpus = (rel: string): string => readFileSync(path.resolve(repoRoot, '../shared/corpus', rel), 'utf8');

/** Statement kinds met by `visit` under each routine/trigger body (Unparsed left out: it is an expression kind too). */
function kindsBy(objects: CatalogObject[], visit: (s: Statement, fn: (n: { kind: string }) => void) => void): string[][] {
  const out: string[][] = [];
  const bodies: Statement[] = [];
  for (const o of objects) {
    if (o.kind === 'Routine' && o.body.kind === 'Block') bodies.push(o.body);
    if (o.kind === 'Trigger' && o.body?.kind === 'Block') bodies.push(o.body);
    if (o.kind === 'Package') for (const r of o.routines) if (r.body.kind === 'Block') bodies.push(r.body);
  }
  for (const b of bodies) {
    const seen: string[] = [];
    visit(b, (n) => { if (STATEMENT_KINDS.has(n.kind) && n.kind !== 'Unparsed') seen.push(n.kind); });
    out.push(seen);
  }
  return out;
}

const generic = (s: Statement, fn: (n: { kind: string }) => void): void => walk(s, fn);

test('statementWalk meets the generic walk’s statements, in order, on nested blocks, handlers, loops, CASE, FORALL and local subprograms', () => {
  const text = `CREATE OR REPLACE PROCEDURE p(n NUMBER) IS
  TYPE t_ids IS TABLE OF NUMBER;
  v_ids t_ids;
  c NUMBER := 0;
  CURSOR cur IS SELECT employee_id FROM employees WHERE salary > (SELECT AVG(salary) FROM employees);
  FUNCTION local_f(x NUMBER) RETURN NUMBER IS v NUMBER; BEGIN v := x; RETURN v; END;
BEGIN
  <<outer_loop>>
  FOR r IN (SELECT employee_id FROM employees) LOOP
    IF r.employee_id > n THEN
      DECLARE w NUMBER := 1; BEGIN c := c + w; EXCEPTION WHEN OTHERS THEN NULL; END;
    ELSIF r.employee_id = 0 THEN EXIT outer_loop;
    ELSE
      CASE WHEN c > 1 THEN c := 0; ELSE WHILE c < 3 LOOP c := c + 1; END LOOP; END CASE;
    END IF;
  END LOOP;
  SELECT employee_id BULK COLLECT INTO v_ids FROM employees;
  FORALL i IN 1 .. v_ids.COUNT DELETE FROM employees WHERE employee_id = v_ids(i);
  FOR i IN 1 .. 3 LOOP c := local_f(i); END LOOP;
EXCEPTION
  WHEN NO_DATA_FOUND THEN
    BEGIN ROLLBACK; END;
  WHEN OTHERS THEN RAISE;
END;
/`;
  const objects = parseScripts('oracle', [{ path: 't.sql', text }]).catalog.objects;
  const expected = kindsBy(objects, generic);
  assert.equal(expected.length, 1);
  assert.ok(expected[0]!.length > 20, `the snippet holds many statements (${expected[0]!.length})`);
  for (const k of ['Block', 'ForQuery', 'If', 'CaseStatement', 'While', 'ForAll', 'ForRange', 'Transaction', 'Raise', 'VarDecl', 'CursorDecl', 'TypeDecl']) assert.ok(expected[0]!.includes(k), k);
  assert.deepEqual(kindsBy(objects, statementWalk), expected);
});

test('statementWalk meets the generic walk’s statements on the HR and Customer Orders code', () => {
  const objects = parseScripts('oracle', [
    { path: 'hr_code.sql', text: corpus('oracle-hr/hr_code.sql') },
    { path: 'hr_code_classic.sql', text: corpus('oracle-hr/classic/hr_code.sql') },
    { path: 'co_create.sql', text: corpus('oracle-customer-orders/co_create.sql') },
  ]).catalog.objects;
  const expected = kindsBy(objects, generic);
  assert.ok(expected.length >= 4, `routines and triggers found (${expected.length})`);
  assert.deepEqual(kindsBy(objects, statementWalk), expected);
});

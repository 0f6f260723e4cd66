import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Raise, Trigger } from '../../../../../converters/model/index.js';
import { bodyOf, corpusDir, parseScriptUnits, routine, scriptUnits, strip, unparsedIn } from './helpers.js';

for (const rel of ['oracle-hr/hr_code.sql', 'oracle-hr/classic/hr_code.sql']) {
  const file = path.join(corpusDir, rel);
  const script = readFileSync(file, 'latin1');

  test(`${rel}: every PL/SQL unit parses with nothing left as text`, () => {
    const units = scriptUnits(script);
    assert.equal(units.length, 4, 'secure_dml, secure_employees, add_job_history, update_job_history');
    const { objects, diagnostics } = parseScriptUnits(script, rel);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(objects.map((o) => `${o.kind} ${o.kind === 'Routine' || o.kind === 'Trigger' ? o.name.name : ''}`), [
      'Routine SECURE_DML', 'Trigger SECURE_EMPLOYEES', 'Routine ADD_JOB_HISTORY', 'Trigger UPDATE_JOB_HISTORY',
    ]);
    assert.deepEqual(unparsedIn(objects), []);
  });

  test(`${rel}: secure_dml raises ORA-20205 outside office hours`, () => {
    const { objects } = parseScriptUnits(script, rel);
    const r = routine(objects, 'SECURE_DML');
    assert.equal(r.routineKind, 'procedure');
    assert.equal(r.language, 'plsql');
    assert.deepEqual(r.params, []);
    const b = bodyOf(r);
    assert.equal(b.body.length, 1);
    const ifs = b.body[0]!;
    assert.equal(ifs.kind, 'If');
    if (ifs.kind !== 'If') return;
    const cond = strip(ifs.branches[0]!.condition) as { kind: string; op: string; left: { kind: string; not: boolean }; right: { kind: string } };
    assert.equal(cond.kind, 'Binary');
    assert.equal(cond.op, 'or');
    assert.equal(cond.left.kind, 'Between');
    assert.equal(cond.left.not, true);
    assert.equal(cond.right.kind, 'InList');
    const raise = ifs.branches[0]!.body[0] as Raise;
    assert.equal(raise.kind, 'Raise');
    assert.equal(raise.level, 'exception');
    assert.deepEqual(strip(raise.items), [{ name: 'ORACLE_ERRNO', value: { kind: 'Literal', type: 'number', value: '-20205' } }]);
    assert.deepEqual(strip(raise.message), { kind: 'Literal', type: 'string', value: 'You may only make changes during normal office hours' });
  });

  test(`${rel}: add_job_history inserts its %TYPE parameters into job_history`, () => {
    const { objects } = parseScriptUnits(script, rel);
    const r = routine(objects, 'ADD_JOB_HISTORY');
    assert.deepEqual(r.params.map((p) => [p.name, p.mode, p.typeRef?.of.name, p.typeRef?.column]), [
      ['P_EMP_ID', 'in', 'JOB_HISTORY', 'EMPLOYEE_ID'],
      ['P_START_DATE', 'in', 'JOB_HISTORY', 'START_DATE'],
      ['P_END_DATE', 'in', 'JOB_HISTORY', 'END_DATE'],
      ['P_JOB_ID', 'in', 'JOB_HISTORY', 'JOB_ID'],
      ['P_DEPARTMENT_ID', 'in', 'JOB_HISTORY', 'DEPARTMENT_ID'],
    ]);
    const [ins] = bodyOf(r).body;
    assert.equal(ins?.kind, 'SqlStatement');
    if (ins?.kind !== 'SqlStatement' || ins.statement.kind !== 'Insert') return assert.fail('expected an INSERT');
    assert.deepEqual(ins.statement.table, { name: 'JOB_HISTORY' });
    assert.deepEqual(ins.statement.columns, ['EMPLOYEE_ID', 'START_DATE', 'END_DATE', 'JOB_ID', 'DEPARTMENT_ID']);
    const src = ins.statement.source;
    assert.equal(src.kind, 'Values');
    if (src.kind !== 'Values') return;
    // parameters are Variables (not columns) so rules can tell them apart
    assert.deepEqual(src.rows[0]!.map((e) => strip(e)), ['P_EMP_ID', 'P_START_DATE', 'P_END_DATE', 'P_JOB_ID', 'P_DEPARTMENT_ID']
      .map((name) => ({ kind: 'Variable', name, scope: 'local' })));
  });

  test(`${rel}: the triggers' events, timing, level and bodies`, () => {
    const { objects } = parseScriptUnits(script, rel);
    const [sec, upd] = objects.filter((o): o is Trigger => o.kind === 'Trigger');
    assert.ok(sec && upd);
    assert.equal(sec.timing, 'before');
    assert.deepEqual(sec.events, ['insert', 'update', 'delete']);
    assert.equal(sec.forEach, 'statement');
    assert.deepEqual(sec.table, { name: 'EMPLOYEES' });
    assert.deepEqual(strip(bodyOf(sec).body), [{ kind: 'Call', name: { name: 'SECURE_DML' }, args: [] }]);

    assert.equal(upd.timing, 'after');
    assert.deepEqual(upd.events, ['update']);
    assert.deepEqual(upd.updateOf, ['JOB_ID', 'DEPARTMENT_ID']);
    assert.equal(upd.forEach, 'row');
    const col = (c: string) => ({ kind: 'ColumnRef', parts: ['OLD', c] });
    assert.deepEqual(strip(bodyOf(upd).body), [{
      kind: 'Call', name: { name: 'ADD_JOB_HISTORY' },
      args: [col('EMPLOYEE_ID'), col('HIRE_DATE'), { kind: 'FunctionCall', name: { name: 'SYSDATE' }, args: [] }, col('JOB_ID'), col('DEPARTMENT_ID')],
    }]);
  });

  test(`${rel}: spans point into the script`, () => {
    const { objects } = parseScriptUnits(script, rel);
    const r = routine(objects, 'ADD_JOB_HISTORY');
    const lines = script.split('\n');
    const ins = bodyOf(r).body[0]!;
    assert.equal(ins.span.file, rel);
    assert.match(lines[ins.span.line - 1]!, /INSERT INTO job_history/);
    assert.equal(script.slice(ins.span.offset, ins.span.offset! + 6), 'INSERT');
  });
}

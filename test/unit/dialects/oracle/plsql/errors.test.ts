import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Routine, UnparsedObject } from '../../../../../converters/model/index.js';
import { bodyOf, parseUnits, strip } from './helpers.js';

test('an unterminated block: the whole unit kept as text, message names the unit and the opener', () => {
  const text = 'CREATE OR REPLACE PROCEDURE p IS\nBEGIN\n  IF x > 1 THEN\n    NULL;';
  const { objects, diagnostics } = parseUnits(text);
  const u = objects[0] as UnparsedObject;
  assert.equal(u.kind, 'UnparsedObject');
  assert.deepEqual([u.objectType, u.name?.name, u.statement.text], ['procedure', 'P', text]);
  assert.equal(diagnostics.length, 1);
  const d = diagnostics[0]!;
  assert.equal(d.code, 'OP0003');
  assert.match(d.message, /procedure P: the block opened by IF at line 3 has no END/);
  assert.deepEqual([d.span.file, d.span.line, d.span.column], ['test.sql', 3, 3]);
  assert.deepEqual(d.object, { name: 'P', type: 'procedure' });
});

test('a wrapped package body is an action item and its text is kept', () => {
  const text = 'CREATE OR REPLACE PACKAGE BODY secret_pkg wrapped\na000000\n1\nabcd\nb\n4e5 1f0\nZRYzV+Dw3GMc9Jc0uDPw3Zr5QdAwg5DxLkjqyi8C';
  const { objects, diagnostics } = parseUnits(text);
  const u = objects[0] as UnparsedObject;
  assert.deepEqual([u.kind, u.objectType, u.name?.name, u.statement.text], ['UnparsedObject', 'package body', 'SECRET_PKG', text]);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.span.line]), [['OP0004', 'critical', 1]]);
  assert.match(diagnostics[0]!.recommendation, /unwrapped source/);
});

test('a bad statement becomes Unparsed at its place, the rest of the body converts', () => {
  const { objects, diagnostics } = parseUnits(`CREATE OR REPLACE PROCEDURE q IS
  n NUMBER;
BEGIN
  n := ;
  IF n > 1 THEN n := (1; END IF;
  LOOP n := n + 1 EXIT; END LOOP;
  n := 3;
END q;`);
  const r = objects[0] as Routine;
  assert.equal(r.kind, 'Routine');
  const body = bodyOf(r).body;
  assert.deepEqual(body.map((s) => s.kind), ['Unparsed', 'If', 'Loop', 'Assign']);
  assert.equal((body[0] as { text: string }).text, 'n :=');
  assert.deepEqual(((body[1] as { branches: { body: { kind: string; text?: string }[] }[] }).branches[0]!.body).map((s) => [s.kind, s.text]), [['Unparsed', 'n := (1']]);
  assert.deepEqual(strip(body[3]), { kind: 'Assign', target: { kind: 'Variable', name: 'N', scope: 'local' }, value: { kind: 'Literal', type: 'number', value: '3' } });
  assert.deepEqual(diagnostics.map((d) => [d.code, d.span.line, d.span.column]), [['OP0002', 4, 8], ['OP0002', 5, 24], ['OP0002', 6, 19]]);
  assert.ok(diagnostics.every((d) => d.object?.name === 'Q'));
});

test('a bad declaration is kept as text and the following declarations still count', () => {
  const { objects, diagnostics } = parseUnits('DECLARE\n  x NUMBER(;\n  y NUMBER;\nBEGIN\n  y := 1;\nEND;');
  const b = bodyOf(objects[0] as Routine);
  assert.deepEqual(b.declarations.map((d) => d.kind), ['Unparsed', 'VarDecl']);
  assert.deepEqual(strip(b.body[0]), { kind: 'Assign', target: { kind: 'Variable', name: 'Y', scope: 'local' }, value: { kind: 'Literal', type: 'number', value: '1' } });
  assert.deepEqual(diagnostics.map((d) => [d.code, d.span.line]), [['OP0002', 2]]);
});

test('lexical errors, text after the unit and mismatched END names: located messages, unit kept as text', () => {
  for (const [text, code, line, column, msg] of [
    ["BEGIN x := 'abc; END;", 'OP0001', 1, 12, /unterminated string/],
    ['CREATE PROCEDURE r IS BEGIN NULL; END r; garbage', 'OP0001', 1, 42, /unexpected 'garbage' after the end of the procedure/],
    ['CREATE PROCEDURE s IS BEGIN NULL; END t;', 'OP0001', 1, 39, /END T does not match S/],
    ['CREATE PACKAGE BODY pk AS PROCEDURE a IS BEGIN NULL; END;', 'OP0003', 1, 8, /package body PK: the block opened by PACKAGE at line 1 has no END/],
  ] as const) {
    const { objects, diagnostics } = parseUnits(text);
    assert.equal(objects.length, 1, text);
    assert.equal(objects[0]!.kind, 'UnparsedObject', text);
    assert.equal((objects[0] as UnparsedObject).statement.text, text);
    assert.equal(diagnostics.length, 1, text);
    assert.deepEqual([diagnostics[0]!.code, diagnostics[0]!.span.line, diagnostics[0]!.span.column], [code, line, column], text);
    assert.match(diagnostics[0]!.message, msg);
  }
});

test('statements the tree does not model (LOCK TABLE, SET TRANSACTION) are kept as text with a finding', () => {
  const { objects, diagnostics } = parseUnits('BEGIN LOCK TABLE t IN EXCLUSIVE MODE; SET TRANSACTION READ ONLY; COMMIT; END;');
  const body = bodyOf(objects[0] as Routine).body;
  assert.deepEqual(body.map((s) => s.kind), ['Unparsed', 'Unparsed', 'Transaction']);
  assert.deepEqual(diagnostics.map((d) => d.code), ['OP0010', 'OP0010']);
});

test('END without IF / LOOP: the construct is kept as text, the message names the opener, the routine still converts', () => {
  const { objects, diagnostics } = parseUnits('CREATE PROCEDURE p IS BEGIN\n  IF x THEN\n    y := 1;\n  END;\n  z := 2;\nEND p;');
  const body = bodyOf(objects[0] as Routine).body;
  assert.deepEqual(body.map((s) => s.kind), ['Unparsed', 'Assign']);
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0]!.message, /expected END IF to close the IF at line 2/);
  assert.equal(diagnostics[0]!.span.line, 4);
  assert.ok(!diagnostics[0]!.message.includes('\n'));
});

test('record DML (INSERT … VALUES rec, UPDATE … SET ROW = rec) is read with valuesRecord / setRow for the rules to spread', () => {
  const { objects, diagnostics } = parseUnits('DECLARE r employees%ROWTYPE; BEGIN INSERT INTO employees VALUES r; UPDATE employees SET ROW = r WHERE employee_id = 1; END;');
  const body = bodyOf(objects[0] as Routine).body;
  assert.deepEqual(diagnostics, []);
  const [ins, upd] = body.map((s) => (s as { statement: { kind: string; valuesRecord?: boolean; setRow?: boolean; source?: { rows: { kind: string; name?: string }[][] }; set?: { column: string[]; value: { kind: string; name?: string } }[] } }).statement);
  assert.equal(ins!.kind, 'Insert');
  assert.equal(ins!.valuesRecord, true);
  assert.deepEqual(ins!.source!.rows.map((r) => r.map((e) => [e.kind, e.name])), [[['Variable', 'R']]]);
  assert.equal(upd!.kind, 'Update');
  assert.equal(upd!.setRow, true);
  assert.deepEqual(upd!.set!.map((a) => [a.column.join('.').toUpperCase(), a.value.kind, a.value.name]), [['ROW', 'Variable', 'R']]);
});

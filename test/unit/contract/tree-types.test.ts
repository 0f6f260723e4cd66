// The tree's type filter offers every object kind the model has, and each option finds its objects
// (Oracle: package, types, synonym, sequence …; MySQL: event; unparsed statements).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, dispatch, memorySecrets } from '../../../electron/node/handlers/index.js';
import { KIND_TREE_TYPES, treeTypeOptions, type RequestName } from '../../../converters/contract/index.js';

const ORACLE = `CREATE SEQUENCE hr.emp_seq START WITH 1;
CREATE TABLE hr.emp (id NUMBER(10) PRIMARY KEY, name VARCHAR2(40));
CREATE INDEX hr.emp_name_ix ON hr.emp (name);
CREATE VIEW hr.emp_v AS SELECT id, name FROM hr.emp;
CREATE TYPE hr.name_list AS TABLE OF VARCHAR2(40);
/
CREATE TYPE hr.point_t AS OBJECT (x NUMBER, y NUMBER);
/
CREATE SYNONYM hr.staff FOR hr.emp;
CREATE OR REPLACE PACKAGE hr.emp_pkg AS
  FUNCTION cnt RETURN NUMBER;
END emp_pkg;
/
CREATE OR REPLACE PACKAGE BODY hr.emp_pkg AS
  FUNCTION cnt RETURN NUMBER IS n NUMBER; BEGIN SELECT COUNT(*) INTO n FROM hr.emp; RETURN n; END;
END emp_pkg;
/
CREATE OR REPLACE PROCEDURE hr.touch(p_id NUMBER) IS BEGIN UPDATE hr.emp SET name = name WHERE id = p_id; END;
/
CREATE OR REPLACE FUNCTION hr.twice(n NUMBER) RETURN NUMBER IS BEGIN RETURN n * 2; END;
/
CREATE OR REPLACE TRIGGER hr.emp_bu BEFORE UPDATE ON hr.emp FOR EACH ROW BEGIN :NEW.name := UPPER(:NEW.name); END;
/
COMMENT ON TABLE hr.emp IS 'staff';
`;

const MYSQL = `CREATE DATABASE shop; USE shop;
CREATE TABLE t (id INT PRIMARY KEY);
CREATE EVENT purge ON SCHEDULE EVERY 1 DAY DO DELETE FROM t WHERE id < 0;
`;

async function session(source: 'oracle' | 'mysql', script: string) {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-treetypes-'));
  const h = createHandlers({ mode: 'web', version: 'test', configDir: join(dir, 'c'), defaultFolder: dir, emit: () => undefined, secrets: memorySecrets(), now: () => '2026-01-01T00:00:00.000Z' });
  const call = async <N extends RequestName>(name: N, params: unknown): Promise<never> => {
    const r = await dispatch(h, name, params);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.result as never;
  };
  await writeFile(join(dir, 'in.sql'), script);
  await call('project.create', { name: 'p', folder: join(dir, 'p'), source, targets: ['postgres'] });
  await call('source.loadScripts', { paths: [join(dir, 'in.sql')] });
  await call('convert.run', { target: 'postgres' });
  /** Object names in the tree under the type filter `type`, across all schemas and groups. */
  const names = async (type: string, side: 'source' | 'target' = 'source'): Promise<string[]> => {
    type Nodes = { nodes: { id: string; label: string; kind: string; hasChildren: boolean }[] };
    const out: string[] = [];
    const walk = async (parentId: string | null): Promise<void> => {
      const r: Nodes = await call('tree.children', { side, target: 'postgres', parentId, filter: { types: [type] } });
      for (const n of r.nodes) { if (n.kind === 'object') out.push(n.label); else await walk(n.id); }
    };
    await walk(null);
    return out.sort();
  };
  return { names, close: async () => { await h.close(); await rm(dir, { recursive: true, force: true }); } };
}

test('the type options cover every catalog kind, each once', () => {
  const values = treeTypeOptions().map((o) => o.value);
  assert.equal(new Set(values).size, values.length);
  for (const [kind, types] of Object.entries(KIND_TREE_TYPES)) for (const t of types) assert.ok(values.includes(t), `${kind} → ${t}`);
  for (const t of ['Package', 'Type', 'Synonym', 'Sequence', 'Event', 'Comment', 'Data', 'Statement']) assert.ok(values.includes(t), t);
  assert.match(treeTypeOptions().find((o) => o.value === 'Type')!.label, /domain.*collection type/);
});

test('Oracle source: each type option finds exactly its objects', async () => {
  const s = await session('oracle', ORACLE);
  try {
    assert.deepEqual(await s.names('Sequence'), ['EMP_SEQ']);
    assert.deepEqual(await s.names('Table'), ['EMP']);
    assert.deepEqual(await s.names('Index'), ['EMP_NAME_IX']);
    assert.deepEqual(await s.names('View'), ['EMP_V']);
    assert.deepEqual(await s.names('Type'), ['NAME_LIST', 'POINT_T']);
    assert.deepEqual(await s.names('Synonym'), ['STAFF']);
    assert.deepEqual(await s.names('Package'), ['EMP_PKG']);
    assert.deepEqual(await s.names('Procedure'), ['TOUCH']);
    assert.deepEqual(await s.names('Function'), ['TWICE']);
    assert.deepEqual(await s.names('Trigger'), ['EMP_BU']);
  } finally { await s.close(); }
});

test('MySQL source: events; unparsed statements under Statement whatever their own word', async () => {
  const s = await session('mysql', `${MYSQL}\nALTER TABLE missing_table ADD COLUMN x INT;\nALTER DATABASE shop CHARACTER SET utf8mb4;\nHANDLER t OPEN;\n`);
  try {
    assert.deepEqual(await s.names('Event'), ['purge']);
    const stmts = await s.names('Statement');
    assert.ok(stmts.length >= 1 && stmts.every((n) => /^line \d+$/.test(n)), `unparsed statements listed: ${JSON.stringify(stmts)}`);
    assert.deepEqual(await s.names('Table'), ['missing_table', 't'], 'an unparsed ALTER TABLE counts as a table');
  } finally { await s.close(); }
});

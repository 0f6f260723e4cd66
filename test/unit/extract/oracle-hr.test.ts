// Live Oracle extraction on dictionary rows authored for the HR sample (no Oracle server can run
// here): a fixed number of queries, and rebuilt DDL that says what hr_create.sql / hr_code.sql say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Catalog, SourceFile } from '../../../converters/model/index.js';
import { applySequenceValues, extractOracle } from '../../../electron/node/extract/oracle/index.js';
import { ORACLE_QUERIES } from '../../../electron/node/extract/oracle/queries.js';
import { loadRows, rowConnection, type Rows } from './catalog-rows.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = (f: string): string => readFileSync(resolve(repoRoot, '../shared/corpus/oracle-hr', f), 'utf8');
const HR_CREATE = corpus('hr_create.sql');
const HR_CODE = corpus('hr_code.sql');
const ORACLE_BIND = /:\d+/g;

async function extract(rows: Rows, schemas?: string[]) {
  const conn = rowConnection('oracle', rows, ORACLE_BIND);
  const result = await extractOracle(conn, schemas, {});
  return { ...result, sent: conn.sent };
}
const text = (sources: SourceFile[], path: string): string => {
  const f = sources.find((s) => s.path === path);
  assert.ok(f, `no rebuilt file ${path}`);
  return f.text;
};

/** The HR rows again under other owners: the same objects in schemas HR_B, HR_C … */
function multiply(rows: Rows, owners: string[]): Rows {
  const OWNER_KEYS = ['OWNER', 'TABLE_OWNER', 'INDEX_OWNER', 'SEQUENCE_OWNER', 'R_OWNER', 'USERNAME'];
  const out: Rows = {};
  for (const [k, list] of Object.entries(rows)) {
    if (k === 'session') { out[k] = list; continue; }
    out[k] = owners.flatMap((o) => list.map((r) => Object.fromEntries(Object.entries(r).map(([c, v]) => [c, OWNER_KEYS.includes(c) && v === 'HR' ? o : v]))));
  }
  return out;
}

test('HR: one query per dictionary view, a fixed number in all', async () => {
  const r = await extract(loadRows('oracle-hr.json'), ['hr']);
  assert.deepEqual(r.sent.map((s) => s.tag), ['session', 'users', ...Object.keys(ORACLE_QUERIES)]);
  assert.equal(r.sent.length, 22);
  // hr is folded to HR as Oracle folds unquoted names; without DBA access the ALL_ views are read.
  assert.deepEqual(r.sent[1]!.params, ['HR']);
  assert.ok(r.sent.slice(1).every((s) => /\bALL_[A-Z_]+\b/.test(s.sql) && !/\bDBA_/.test(s.sql)));
});

test('three times the objects in three schemas: the same number of queries', async () => {
  const one = await extract(loadRows('oracle-hr.json'), ['hr']);
  const three = await extract(multiply(loadRows('oracle-hr.json'), ['HR', 'HR_B', 'HR_C']), ['hr', 'hr_b', 'hr_c']);
  assert.equal(three.sent.length, one.sent.length);
  assert.equal(three.sources.length, 3 * one.sources.length);
  assert.ok(three.sources.some((s) => s.path === 'live/HR_C/table/EMPLOYEES.sql'));
});

test('without a schema the session\'s current schema is read', async () => {
  const r = await extract(loadRows('oracle-hr.json'));
  assert.deepEqual(r.sent[1]!.params, ['HR']);
  assert.ok(r.sources.length > 0);
});

test('a schema that does not exist is reported, the rest is read', async () => {
  const r = await extract(loadRows('oracle-hr.json'), ['hr', 'nobody']);
  assert.equal(r.sent.length, 22);
  const d = r.diagnostics.find((x) => x.code === 'EX0001');
  assert.match(d?.message ?? '', /NOBODY does not exist or is not visible/);
});

/** `name TYPE` per column of each CREATE TABLE in hr_create.sql, as the script writes them. */
function scriptColumns(): Map<string, [string, string][]> {
  const out = new Map<string, [string, string][]>();
  let table: string | undefined;
  for (const line of HR_CREATE.split('\n')) {
    const start = /^CREATE TABLE (\w+)/i.exec(line);
    if (start) { table = start[1]!.toUpperCase(); out.set(table, []); continue; }
    if (table && /^\s*\)\s*(ORGANIZATION INDEX)?\s*;?\s*$/i.test(line)) { table = undefined; continue; }
    const col = table && /^\s*[(,]\s*(\w+)\s+(NUMBER(?:\(\d+(?:,\d+)?\))?|VARCHAR2\(\d+\)|CHAR\(\d+\)|DATE)\s*$/i.exec(line);
    if (col) out.get(table!)!.push([col[1]!.toUpperCase(), col[2]!.toUpperCase()]);
  }
  return out;
}

test('column types rebuilt from DATA_TYPE/LENGTH/PRECISION/SCALE/CHAR_USED are the script\'s types', async () => {
  const r = await extract(loadRows('oracle-hr.json'), ['hr']);
  const tables = scriptColumns();
  assert.equal([...tables.values()].flat().length, 35);
  for (const [table, cols] of tables) {
    const ddl = text(r.sources, `live/HR/table/${table}.sql`);
    const rebuilt = [...ddl.matchAll(/^ {4}(?!CONSTRAINT)(\w+) (\w+(?:\([^)]*\))?)/gm)].map((m) => [m[1], m[2]]);
    // VARCHAR2(n) and CHAR(n) mean n BYTE under the default NLS_LENGTH_SEMANTICS; the
    // dictionary's CHAR_USED 'B' says so explicitly.
    const expected = cols.map(([n, t]) => [n, t.replace(/^(VARCHAR2|CHAR)\((\d+)\)$/, '$1($2 BYTE)')]);
    assert.deepEqual(rebuilt, expected, table);
  }
  assert.match(text(r.sources, 'live/HR/table/COUNTRIES.sql'), /\) ORGANIZATION INDEX;/);
});

test('every named constraint of the script is rebuilt with its kind; foreign keys name the referenced key\'s columns', async () => {
  const r = await extract(loadRows('oracle-hr.json'), ['hr']);
  const all = r.sources.map((s) => s.text).join('\n');
  const named = [...HR_CREATE.matchAll(/CONSTRAINT\s+(\w+)\s+(NOT NULL|PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)/gi)];
  assert.equal(named.length, 33);
  for (const [, name, kind] of named) {
    assert.match(all, new RegExp(`CONSTRAINT ${name!.toUpperCase()} ${kind!.toUpperCase().replace(' ', '\\s+')}\\b`), name);
  }
  const emp = text(r.sources, 'live/HR/table/EMPLOYEES.sql');
  // `REFERENCES departments` (no columns) means the referenced table's primary key.
  assert.match(emp, /CONSTRAINT EMP_DEPT_FK FOREIGN KEY \(DEPARTMENT_ID\) REFERENCES HR\.DEPARTMENTS \(DEPARTMENT_ID\),/);
  assert.match(emp, /CONSTRAINT EMP_MANAGER_FK FOREIGN KEY \(MANAGER_ID\) REFERENCES HR\.EMPLOYEES \(EMPLOYEE_ID\)\n/);
  assert.match(emp, /CONSTRAINT EMP_SALARY_MIN CHECK \(salary > 0\),/);
  assert.match(text(r.sources, 'live/HR/table/JOB_HISTORY.sql'), /CONSTRAINT JHIST_EMP_ID_ST_DATE_PK PRIMARY KEY \(EMPLOYEE_ID, START_DATE\)/);
  // DELETE_RULE 'NO ACTION' everywhere in HR: no ON DELETE clause.
  assert.doesNotMatch(all, /ON DELETE/);
});

test('indexes: the script\'s non-unique indexes are rebuilt; the unique ones come with their primary keys', async () => {
  const r = await extract(loadRows('oracle-hr.json'), ['hr']);
  const indexes = [...HR_CREATE.matchAll(/CREATE (UNIQUE )?INDEX (\w+)\s+ON (\w+)\s*\(([^)]*)\)/gi)];
  assert.equal(indexes.length, 17);
  for (const [, unique, name, table, cols] of indexes) {
    const path = `live/HR/index/${name!.toUpperCase()}.sql`;
    const colList = cols!.split(',').map((c) => c.trim().toUpperCase()).join(', ');
    if (unique) {
      assert.ok(!r.sources.some((s) => s.path === path), `${name} is the primary key's index`);
      assert.match(text(r.sources, `live/HR/table/${table!.toUpperCase()}.sql`), new RegExp(`PRIMARY KEY \\(${colList}\\)`));
    } else {
      assert.equal(text(r.sources, path), `CREATE INDEX HR.${name!.toUpperCase()} ON HR.${table!.toUpperCase()} (${colList});\n`);
    }
  }
});

test('sequences continue from LAST_NUMBER with the script\'s options', async () => {
  const r = await extract(loadRows('oracle-hr.json'), ['hr']);
  for (const m of HR_CREATE.matchAll(/CREATE SEQUENCE (\w+)\s+START WITH\s+(\d+)\s+INCREMENT BY\s+(\d+)(?:\s+MAXVALUE\s+(\d+))?/gi)) {
    const ddl = text(r.sources, `live/HR/sequence/${m[1]!.toUpperCase()}.sql`);
    assert.match(ddl, new RegExp(`START WITH ${m[2]} INCREMENT BY ${m[3]} MINVALUE 1 MAXVALUE ${m[4] ?? '9{28}'} NOCACHE NOCYCLE;`));
  }
  // currentValue is the last value handed out: LAST_NUMBER − INCREMENT_BY, unless nothing was.
  const span = { file: 'x', line: 1, column: 1, endLine: 1, endColumn: 1 };
  const cat: Catalog = { dialect: 'oracle', objects: [
    { kind: 'Sequence', name: { schema: 'HR', name: 'EMPLOYEES_SEQ' }, span },
    { kind: 'Sequence', name: { schema: 'HR', name: 'FRESH_SEQ' }, span },
  ] };
  applySequenceValues(cat, [
    { SEQUENCE_OWNER: 'HR', SEQUENCE_NAME: 'EMPLOYEES_SEQ', MIN_VALUE: '1', MAX_VALUE: '9999999999999999999999999999', INCREMENT_BY: '1', CYCLE_FLAG: 'N', ORDER_FLAG: 'N', CACHE_SIZE: '0', LAST_NUMBER: '207' },
    { SEQUENCE_OWNER: 'HR', SEQUENCE_NAME: 'FRESH_SEQ', MIN_VALUE: '1', MAX_VALUE: '100', INCREMENT_BY: '1', CYCLE_FLAG: 'N', ORDER_FLAG: 'N', CACHE_SIZE: '0', LAST_NUMBER: '1' },
  ]);
  assert.equal((cat.objects[0] as { currentValue?: number }).currentValue, 206);
  assert.equal((cat.objects[1] as { currentValue?: number }).currentValue, undefined);
});

test('code from ALL_SOURCE lines is the script\'s unit, in its schema; the disabled trigger stays disabled', async () => {
  const r = await extract(loadRows('oracle-hr.json'), ['hr']);
  for (const [kind, name, end] of [['PROCEDURE', 'secure_dml', 'END secure_dml;'], ['TRIGGER', 'secure_employees', 'END secure_employees;'],
    ['PROCEDURE', 'add_job_history', 'END add_job_history;'], ['TRIGGER', 'update_job_history', 'END;']] as const) {
    const head = `CREATE OR REPLACE ${kind} ${name}`;
    const i = HR_CODE.indexOf(head);
    const unit = HR_CODE.slice(i, HR_CODE.indexOf(end, i) + end.length);
    const ddl = text(r.sources, `live/HR/${kind.toLowerCase()}/${name.toUpperCase()}.sql`);
    assert.ok(ddl.startsWith(`${unit.replace(head, `CREATE OR REPLACE ${kind} HR.${name}`)}\n/\n`), name);
  }
  assert.match(HR_CODE, /ALTER TRIGGER secure_employees DISABLE;/);
  assert.match(text(r.sources, 'live/HR/trigger/SECURE_EMPLOYEES.sql'), /\/\nALTER TRIGGER HR\.SECURE_EMPLOYEES DISABLE;\n$/);
  assert.doesNotMatch(text(r.sources, 'live/HR/trigger/UPDATE_JOB_HISTORY.sql'), /DISABLE/);
});

test('the view gets its column list from the dictionary and WITH READ ONLY from its O constraint', async () => {
  const r = await extract(loadRows('oracle-hr.json'), ['hr']);
  const ddl = text(r.sources, 'live/HR/view/EMP_DETAILS_VIEW.sql');
  const scriptCols = /CREATE OR REPLACE VIEW emp_details_view\s*\(([^)]*)\)/.exec(HR_CREATE)![1]!.split(',').map((c) => c.trim().toUpperCase());
  assert.ok(ddl.startsWith(`CREATE OR REPLACE VIEW HR.EMP_DETAILS_VIEW (${scriptCols.join(', ')}) AS\nSELECT\n`));
  // The constraint's name is system-generated (SYS_C…): it is not written.
  assert.match(ddl, /AND j\.job_id = e\.job_id\nWITH READ ONLY;\n$/);
});

test('every COMMENT ON of the script is rebuilt with its text', async () => {
  const r = await extract(loadRows('oracle-hr.json'), ['hr']);
  const all = r.sources.map((s) => s.text).join('');
  const comments = [...HR_CREATE.matchAll(/COMMENT ON (TABLE|COLUMN)\s+(\w+)(?:\.(\w+))?\s+IS\s+('(?:[^']|'')*');/g)];
  assert.equal(comments.length, 42);
  for (const [, kind, t, c, lit] of comments) {
    const target = `HR.${t!.toUpperCase()}${c ? `.${c.toUpperCase()}` : ''}`;
    assert.ok(all.includes(`COMMENT ON ${kind} ${target} IS ${lit};\n`), target);
  }
});

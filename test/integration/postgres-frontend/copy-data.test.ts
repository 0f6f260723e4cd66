// COPY data as the front end decodes it must equal what PostgreSQL stores from the same script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshPgDatabase, pgUrlFromEnv, runPsql } from '../../harness/db.js';
import { postgresFrontEnd } from '../../../converters/dialects/postgres/index.js';
import type { DataScript, Insert, Values } from '../../../converters/model/index.js';

const SCRIPT = [
  'CREATE TABLE t_text (id int, v text);',
  'COPY t_text (id, v) FROM stdin;',
  '1\tplain',
  '2\ttab\\there',
  '3\tnew\\nline',
  '4\t\\N',
  '5\tback\\\\slash',
  '6\toctal\\101\\x42',
  '7\t',
  '8\tunicode é ü ☃',
  '\\.',
  'CREATE TABLE t_csv (id int, v text);',
  'COPY t_csv (id, v) FROM stdin WITH (FORMAT csv, HEADER true, NULL \'NULL\');',
  'id,v',
  '1,"a, b"',
  '2,"say ""hi"""',
  '3,NULL',
  '4,"NULL"',
  '5,',
  '6,"multi',
  'line"',
  '\\.',
  "COPY t_csv FROM stdin (FORMAT csv, DELIMITER ';', QUOTE '''');",
  "7;'x;y'",
  '\\.',
].join('\n') + '\n';

test('COPY text and CSV data decode to exactly what PostgreSQL stores', { skip: pgUrlFromEnv() ? false : 'DBSHIFT_TEST_PG_URL is not set' }, async () => {
  const db = await freshPgDatabase('fe_copy');
  try {
    const load = await runPsql(db.url, SCRIPT);
    assert.equal(load.code, 0, load.stderr);
    const parsed = postgresFrontEnd.parse([{ path: 'copy.sql', text: SCRIPT }]);
    assert.deepEqual(parsed.diagnostics, []);
    for (const table of ['t_text', 't_csv']) {
      const ds = parsed.catalog.objects.find((o): o is DataScript => o.kind === 'DataScript' && o.table.name === table)!;
      const ours = ds.statements.flatMap((s) => ((s as Insert).source as Values).rows)
        .map((row) => row.map((e) => (e.kind === 'Literal' ? (e.type === 'null' ? null : e.value) : e.kind)));
      const theirs = (await db.query(`SELECT id::text AS id, v FROM ${table} ORDER BY id`)).map((r) => [r.id, r.v]);
      assert.deepEqual(ours, theirs, table);
    }
  } finally {
    await db.drop();
  }
});

test('INSERT string literal forms decode to exactly what PostgreSQL stores', { skip: pgUrlFromEnv() ? false : 'DBSHIFT_TEST_PG_URL is not set' }, async () => {
  const sql = String.raw`CREATE TABLE lit (id int, v text);
INSERT INTO lit VALUES (1, 'it''s'), (2, E'tab\there\nnew\\back\'q'), (3, U&'\0041\00e9'), (4, $$dollar 'quoted'$$), (5, $t$with $$ inside$t$),
  (6, 'multi
line'), (7, E'\x41\101\u00e9'), (8, 'con'
  'cat'), (9, NULL), (10, N'national');
`;
  const db = await freshPgDatabase('fe_lit');
  try {
    const load = await runPsql(db.url, sql);
    assert.equal(load.code, 0, load.stderr);
    const parsed = postgresFrontEnd.parse([{ path: 'lit.sql', text: sql }]);
    assert.deepEqual(parsed.diagnostics, []);
    const ds = parsed.catalog.objects.find((o): o is DataScript => o.kind === 'DataScript')!;
    const ours = ((ds.statements[0] as Insert).source as Values).rows.map((row) => {
      const e = row[1]!;
      return e.kind === 'Literal' ? (e.type === 'null' ? null : e.value) : e.kind;
    });
    const theirs = (await db.query('SELECT v FROM lit ORDER BY id')).map((r) => r.v);
    assert.deepEqual(ours, theirs);
  } finally {
    await db.drop();
  }
});

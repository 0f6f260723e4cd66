// Live SQL Server extraction on sys.* rows authored for a Northwind subset and edge cases (no SQL
// Server can run here): a fixed number of queries, and rebuilt T-SQL that says what instnwnd.sql
// and the documented catalog semantics say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { extractSqlServer } from '../../../electron/node/extract/sqlserver/index.js';
import { SQLSERVER_QUERIES, type TypeRow } from '../../../electron/node/extract/sqlserver/queries.js';
import { sqlType } from '../../../electron/node/extract/sqlserver/ddl.js';
import { loadRows, rowConnection, type Rows } from './catalog-rows.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const NORTHWIND = readFileSync(resolve(repoRoot, '../shared/corpus/northwind-pubs-tsql/instnwnd.sql'), 'utf8');

async function extract(rows: Rows = loadRows('sqlserver-northwind.json'), schemas?: string[]) {
  const conn = rowConnection('sqlserver', rows, /@p\d+/g);
  const r = await extractSqlServer(conn, schemas, {});
  const file = (p: string): string => {
    const f = r.sources.find((s) => s.path === p);
    assert.ok(f, `no rebuilt file ${p}`);
    return f.text;
  };
  return { ...r, sent: conn.sent, file };
}

/** The same objects again under new object ids and names (types and schemas are shared). */
function copies(rows: Rows, n: number): Rows {
  const IDS = ['object_id', 'parent_object_id', 'major_id', 'constraint_object_id', 'parent_id'];
  const NAMES = ['name', 'referenced_table'];
  const out: Rows = {};
  for (const [k, list] of Object.entries(rows)) {
    if (['session', 'schemas', 'types'].includes(k)) { out[k] = list; continue; }
    out[k] = Array.from({ length: n }, (_, i) => list.map((r) => Object.fromEntries(Object.entries(r).map(([c, v]) => {
      if (i === 0) return [c, v];
      if (IDS.includes(c) && typeof v === 'number' && v > 0) return [c, v + i * 10_000];
      if (NAMES.includes(c) && typeof v === 'string' && k !== 'columns') return [c, `${v}_${i}`];
      return [c, v];
    })))).flat();
  }
  return out;
}

test('one query per catalog view, a fixed number, also for three times the objects', async () => {
  const r = await extract();
  assert.deepEqual(r.sent.map((s) => s.tag), ['session', 'schemas', ...Object.keys(SQLSERVER_QUERIES)]);
  assert.equal(r.sent.length, 22);
  const three = await extract(copies(loadRows('sqlserver-northwind.json'), 3));
  assert.equal(three.sent.length, 22);
  const tables = (x: { sources: { path: string }[] }) => x.sources.filter((s) => s.path.includes('/table/')).length;
  assert.equal(tables(three), 3 * tables(r));
  assert.ok(three.sources.some((s) => s.path === 'live/dbo/table/Products_2.sql'));
  // Named schemas are bound as parameters; schema ids go into the other queries as integers.
  const named = await extract(loadRows('sqlserver-northwind.json'), ['dbo', 'edge', 'nosuch']);
  assert.deepEqual(named.sent[1]!.params, ['dbo', 'edge', 'nosuch']);
  assert.match(named.sent[3]!.sql, /schema_id IN \(1, 5\)/);
  assert.match(named.diagnostics.find((d) => d.code === 'EX0001')?.message ?? '', /schema nosuch does not exist/);
});

/** `"Name" type (n) [IDENTITY (1, 1)] NULL|NOT NULL` lines of a CREATE TABLE in instnwnd.sql. */
function scriptColumns(table: string): string[] {
  const start = NORTHWIND.indexOf(`CREATE TABLE "${table}" (`);
  const body = NORTHWIND.slice(start, NORTHWIND.indexOf('\nGO', start));
  return [...body.matchAll(/^\t"(\w+)" "?(\w+)"? ?(?:\((\d+)\) )?(IDENTITY \(1, 1\) )?(NOT NULL|NULL)/gm)]
    .map(([, n, t, len, ident, nul]) => `[${n}] ${t}${len ? `(${len})` : ''}${ident ? ' IDENTITY(1, 1)' : ''} ${nul}`);
}

test('column types rebuilt from sys.columns are the script\'s: nvarchar length is max_length / 2', async () => {
  const r = await extract();
  for (const table of ['Categories', 'Products', 'Order Details']) {
    const expected = scriptColumns(table);
    assert.ok(expected.length >= 4, table);
    const ddl = r.file(`live/dbo/table/${table}.sql`);
    const rebuilt = [...ddl.matchAll(/^\t(\[\w+\] .*?(?:NOT NULL|NULL))/gm)].map((m) => m[1]);
    assert.deepEqual(rebuilt, expected, table);
  }
});

test('keys, checks, defaults and foreign keys of the script are rebuilt by name, definitions as SQL Server stores them', async () => {
  const r = await extract();
  const all = r.sources.map((s) => s.text).join('');
  for (const table of ['Categories', 'Products', 'Order Details']) {
    const start = NORTHWIND.indexOf(`CREATE TABLE "${table}" (`);
    const body = NORTHWIND.slice(start, NORTHWIND.indexOf('\nGO', start));
    for (const [, name, kind] of body.matchAll(/CONSTRAINT "(\w+)" (PRIMARY KEY|FOREIGN KEY|CHECK|DEFAULT)/g)) {
      assert.match(all, new RegExp(`CONSTRAINT \\[${name}\\] ${kind}`), name);
    }
    for (const [, name, value] of body.matchAll(/CONSTRAINT "(\w+)" DEFAULT \((\d+)\)/g)) assert.ok(all.includes(`CONSTRAINT [${name}] DEFAULT ((${value}))`), name);
  }
  const od = r.file('live/dbo/table/Order Details.sql');
  assert.match(od, /CONSTRAINT \[PK_Order_Details\] PRIMARY KEY CLUSTERED \(\[OrderID\] ASC, \[ProductID\] ASC\)/);
  assert.match(od, /CONSTRAINT \[CK_Discount\] CHECK \(\[Discount\]>=\(0\) AND \[Discount\]<=\(1\)\)/);
  assert.match(od, /CONSTRAINT \[FK_Order_Details_Products\] FOREIGN KEY \(\[ProductID\]\) REFERENCES \[dbo\]\.\[Products\] \(\[ProductID\]\)\n/);
  // delete/update_referential_action 0 (NO ACTION) everywhere in Northwind: no ON DELETE / ON UPDATE.
  for (const t of ['Categories', 'Products', 'Order Details']) assert.doesNotMatch(r.file(`live/dbo/table/${t}.sql`), /ON (DELETE|UPDATE)/);
});

test('the script\'s indexes on these tables are rebuilt; key constraints\' indexes come with the table', async () => {
  const r = await extract();
  const idx = [...NORTHWIND.matchAll(/CREATE {2}INDEX "(\w+)" ON "dbo"\."(Categories|Products|Order Details)"\("(\w+)"\)/g)];
  assert.equal(idx.length, 10);
  for (const [, name, table, col] of idx) {
    assert.equal(r.file(`live/dbo/index/${table}.${name}.sql`), `CREATE NONCLUSTERED INDEX [${name}] ON [dbo].[${table}] ([${col}] ASC)\nGO\n`);
  }
  assert.ok(!r.sources.some((s) => /PK_/.test(s.path)));
});

test('views and procedures are their sys.sql_modules definition, after their SET options', async () => {
  const r = await extract();
  for (const [kind, name, head] of [['view', 'Alphabetical list of products', 'create view "Alphabetical list of products" AS'],
    ['procedure', 'Ten Most Expensive Products', 'create procedure "Ten Most Expensive Products" AS'], ['procedure', 'CustOrderHist', 'CREATE PROCEDURE CustOrderHist']]) {
    const start = NORTHWIND.indexOf(head!);
    const def = NORTHWIND.slice(start, NORTHWIND.indexOf('\nGO', start));
    assert.equal(r.file(`live/dbo/${kind}/${name}.sql`), `SET ANSI_NULLS ON\nGO\nSET QUOTED_IDENTIFIER ON\nGO\n${def.trimEnd()}\nGO\n`);
  }
  // The trigger was created with QUOTED_IDENTIFIER OFF: that changes how its "…" literals read.
  assert.match(r.file('live/edge/trigger/trg_Docs_Audit.sql'), /^SET ANSI_NULLS ON\nGO\nSET QUOTED_IDENTIFIER OFF\nGO\nCREATE TRIGGER edge\.trg_Docs_Audit[\s\S]*\nGO\nDISABLE TRIGGER \[edge\]\.\[trg_Docs_Audit\] ON \[edge\]\.\[Docs\]\nGO\n$/);
});

test('documented encodings: (MAX) for max_length −1, decimal/datetime2 precision and scale, collations, computed, identity seed', async () => {
  const d = (await extract()).file('live/edge/table/Docs.sql');
  for (const line of ['[Id] int IDENTITY(1000, 5) NOT NULL,', '[Body] nvarchar(MAX) NULL,', '[Blob] varbinary(MAX) NULL,',
    '[Code] varchar(10) COLLATE Latin1_General_CS_AS NULL,', '[Amount] decimal(10, 2) NULL,', '[Created] datetime2(3) NOT NULL DEFAULT (sysutcdatetime()),',
    '[Guid] uniqueidentifier ROWGUIDCOL NOT NULL CONSTRAINT [DF_Docs_Guid] DEFAULT (newsequentialid()),', '[Total] AS ([Amount]*(2)) PERSISTED,',
    '[Phone] [edge].[Phone] NULL,', '[Title] nchar(10) NOT NULL,']) {
    assert.ok(d.includes(`\t${line}\n`), line);
  }
  // Columns in the database's collation carry none.
  assert.doesNotMatch(d, /SQL_Latin1_General_CP1_CI_AS/);
  const t = (name: string, over: Partial<TypeRow> = {}): TypeRow => ({ user_type_id: 1, system_type_id: 1, name, schema_name: 'sys', max_length: 0, precision: 0, scale: 0,
    is_nullable: true, is_user_defined: false, is_table_type: false, type_table_object_id: null, ...over });
  assert.equal(sqlType(t('float'), { max_length: 8, precision: 53, scale: 0 }), 'float');
  assert.equal(sqlType(t('float'), { max_length: 4, precision: 24, scale: 0 }), 'real');
  assert.equal(sqlType(t('timestamp'), { max_length: 8, precision: 0, scale: 0 }), 'rowversion');
  assert.equal(sqlType(t('nchar'), { max_length: 2, precision: 0, scale: 0 }), 'nchar(1)');
  assert.equal(sqlType(t('varchar'), { max_length: -1, precision: 0, scale: 0 }), 'varchar(MAX)');
  assert.equal(sqlType(t('time'), { max_length: 5, precision: 16, scale: 7 }), 'time(7)');
});

test('constraint states: system-named PK unnamed, untrusted check and disabled FK added WITH NOCHECK, referential actions', async () => {
  const d = (await extract()).file('live/edge/table/Docs.sql');
  assert.match(d, /\n\tPRIMARY KEY NONCLUSTERED \(\[Id\] ASC\),\n/);
  assert.match(d, /\tCONSTRAINT \[UQ_Docs_Title\] UNIQUE NONCLUSTERED \(\[Title\] ASC\),/);
  assert.match(d, /CONSTRAINT \[FK_Docs_Category\] FOREIGN KEY \(\[CategoryId\]\) REFERENCES \[dbo\]\.\[Categories\] \(\[CategoryID\]\) ON DELETE SET NULL ON UPDATE CASCADE\n\)/);
  assert.match(d, /\nGO\nALTER TABLE \[edge\]\.\[Docs\] WITH NOCHECK ADD CONSTRAINT \[CK_Docs_Amount\] CHECK \(\[Amount\]>=\(0\)\)\nGO\n/);
  assert.match(d, /ALTER TABLE \[edge\]\.\[Docs\] WITH NOCHECK ADD CONSTRAINT \[FK_Docs_Parent\] FOREIGN KEY \(\[ParentId\]\) REFERENCES \[edge\]\.\[Docs\] \(\[Id\]\)\nGO\nALTER TABLE \[edge\]\.\[Docs\] NOCHECK CONSTRAINT \[FK_Docs_Parent\]\nGO\n/);
  assert.doesNotMatch(d, /PK__Docs|DF__Docs/);
});

test('indexes: clustered DESC, filtered with INCLUDE, disabled; columnstore reported', async () => {
  const r = await extract();
  assert.equal(r.file('live/edge/index/Docs.IX_Docs_Created.sql'), 'CREATE CLUSTERED INDEX [IX_Docs_Created] ON [edge].[Docs] ([Created] DESC)\nGO\n');
  assert.equal(r.file('live/edge/index/Docs.IX_Docs_Code.sql'), 'CREATE NONCLUSTERED INDEX [IX_Docs_Code] ON [edge].[Docs] ([Code] ASC) INCLUDE ([Amount]) WHERE ([Code] IS NOT NULL)\nGO\n');
  assert.match(r.file('live/edge/index/Docs.IX_Docs_Amount.sql'), /\nGO\nALTER INDEX \[IX_Docs_Amount\] ON \[edge\]\.\[Docs\] DISABLE\nGO\n$/);
  assert.match(r.diagnostics.find((x) => x.object?.name === 'CCI_Docs')?.message ?? '', /columnstore index: not extracted/);
});

test('sequences continue after current_value once used; types, synonyms, comments', async () => {
  const r = await extract();
  assert.match(r.file('live/edge/sequence/DocNo.sql'), /AS bigint START WITH 421 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 NO CYCLE CACHE 50\n/);
  // Never used (last_used_value NULL): current_value is the start value, which is still unused.
  assert.match(r.file('live/edge/sequence/Fresh.sql'), /AS int START WITH 10 INCREMENT BY 1 /);
  assert.equal(r.file('live/edge/type/Phone.sql'), 'CREATE TYPE [edge].[Phone] FROM nvarchar(24) NULL\nGO\n');
  assert.equal(r.file('live/edge/type/IdList.sql'), 'CREATE TYPE [edge].[IdList] AS TABLE (\n\t[Id] int NOT NULL\n)\nGO\n');
  assert.equal(r.file('live/edge/synonym/Cats.sql'), 'CREATE SYNONYM [edge].[Cats] FOR [Northwind].[dbo].[Categories]\nGO\n');
  assert.ok(r.file('live/edge/table/Docs.sql').includes("@value = N'The document''s text', @level0type = N'SCHEMA', @level0name = N'edge', @level1type = N'TABLE', @level1name = N'Docs', @level2type = N'COLUMN', @level2name = N'Body'"));
  assert.equal(r.file('live/edge/schema/edge.sql'), 'CREATE SCHEMA [edge]\nGO\n');
});

test('what is not extracted is said: history table, encrypted and CLR code, DDL triggers, queues; no front end yet', async () => {
  const r = await extract();
  assert.ok(!r.sources.some((s) => s.path.includes('Docs_History')));
  const by = (code: string) => r.diagnostics.filter((x) => x.code === code).map((x) => x.message);
  assert.ok(by('EX0003').some((m) => /edge\.Docs is system-versioned/.test(m)));
  assert.ok(by('EX0003').includes('service queue edge.DocQueue is not extracted'));
  assert.ok(by('EX0002').some((m) => /procedure edge\.Secret: no definition \(created WITH ENCRYPTION/.test(m)));
  assert.deepEqual(by('EX0201'), ['procedure edge.ClrProc is implemented in .NET (Tools.Procs.Run)']);
  assert.deepEqual(by('EX0203'), ['database trigger trg_ddl_audit (DDL events) is not extracted']);
  let hasFrontEnd = true;
  try { (await import('../../../converters/convert.js')).frontEndFor('sqlserver'); } catch { hasFrontEnd = false; }
  assert.equal(by('EX0202').length, hasFrontEnd ? 0 : 1);
});

test('a catalog view that cannot be read: optional ones are reported and skipped, essential ones stop with the view named', async () => {
  const failing = (tag: string, message: string) => {
    const conn = rowConnection('sqlserver', loadRows('sqlserver-northwind.json'), /@p\d+/g);
    const query = conn.query.bind(conn);
    conn.query = async <T>(sql: string, params?: unknown[]): Promise<T[]> => {
      const rows = await query<T>(sql, params);
      if (sql.includes(`dbshift:${tag} `)) throw new Error(message);
      return rows;
    };
    return conn;
  };
  const c1 = failing('sequences', "Invalid column name 'last_used_value'.");
  const r = await extractSqlServer(c1, undefined, {});
  assert.equal(c1.sent.length, 22);
  assert.ok(r.diagnostics.some((d) => d.code === 'EX0001' && d.message.startsWith("sys.sequences could not be read (Invalid column name 'last_used_value'.)")));
  assert.ok(!r.sources.some((s) => s.path.includes('/sequence/')));
  assert.ok(r.sources.some((s) => s.path === 'live/dbo/table/Products.sql'));
  await assert.rejects(extractSqlServer(failing('tables', "Invalid column name 'temporal_type'."), undefined, {}),
    /^Error: reading sys\.tables failed: Invalid column name 'temporal_type'\. \(dbshift reads SQL Server 2017 or later\)$/);
});

// Full-load paging of SQL Server / Oracle sources: (k1, k2) > (v1, v2) spelled out per engine with
// one placeholder per occurrence (oracledb binds by position), and the page queries built on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScripts, type Table } from '../../../converters/index.js';
import { keysetWhere, ORACLE, SQLSERVER } from '../../../electron/node/replication/runner-polled.js';

test('keyset condition for a composite key: lexicographic, placeholders numbered, values repeated', () => {
  const k = keysetWhere(['a', 'b', 'c'], (n) => `[${n}]`, (i) => `@p${i}`, [1, 'x', 3]);
  assert.equal(k.where, '([a] > @p1) OR ([a] = @p2 AND [b] > @p3) OR ([a] = @p4 AND [b] = @p5 AND [c] > @p6)');
  assert.deepEqual(k.params, [1, 1, 'x', 1, 'x', 3]);
});

test('page queries: SQL Server TOP with exact types as text, Oracle FETCH FIRST with NUMBER/DATE as text', () => {
  const ms = parseScripts('sqlserver', [{ path: 'a.sql', text: 'CREATE TABLE dbo.L (o int NOT NULL, n int NOT NULL, amt decimal(12,2), at datetime2, PRIMARY KEY (o, n));' }]).catalog.objects[0] as Table;
  const p = SQLSERVER.page(ms, ['o', 'n'], [5, 2], 100);
  assert.equal(p.sql, 'SELECT TOP (100) [o], [n], CONVERT(varchar(64), [amt]) AS [amt], CONVERT(varchar(40), [at], 121) AS [at] FROM [dbo].[L] WHERE ([o] > @p1) OR ([o] = @p2 AND [n] > @p3) ORDER BY [o], [n]');
  assert.deepEqual(p.params, [5, 5, 2]);
  assert.equal(SQLSERVER.page(ms, [], undefined, 100).sql, 'SELECT [o], [n], CONVERT(varchar(64), [amt]) AS [amt], CONVERT(varchar(40), [at], 121) AS [at] FROM [dbo].[L]');
  const ora = parseScripts('oracle', [{ path: 'b.sql', text: 'CREATE TABLE HR.E (ID NUMBER(10) PRIMARY KEY, HIRED DATE, NAME VARCHAR2(20));' }]).catalog.objects[0] as Table;
  const q = ORACLE.page(ora, ['ID'], undefined, 50);
  assert.equal(q.sql, `SELECT TO_CHAR("ID", 'TM9', 'NLS_NUMERIC_CHARACTERS=''.,''') AS "ID", TO_CHAR("HIRED", 'YYYY-MM-DD HH24:MI:SS') AS "HIRED", "NAME" FROM "HR"."E" ORDER BY "ID" FETCH FIRST 50 ROWS ONLY`);
  assert.equal(ORACLE.page(ora, ['ID'], ['7'], 50).params[0], '7');
  assert.match(ORACLE.page(ora, ['ID'], ['7'], 50).sql, /WHERE \("ID" > :1\) ORDER BY/);
});

test('an unreachable SQL Server / Oracle source stops the task with one line naming it, before anything else', async () => {
  const { runPolledSourceTask } = await import('../../../electron/node/replication/runner-polled.js');
  const { parseTableMappings, parseTaskSettings } = await import('../../../electron/node/replication/task/index.js');
  const { SourceSettingsError } = await import('../../../electron/node/replication/source/mysql.js');
  for (const url of ['sqlserver://sa@db.example:1433/shop', 'oracle://hr@db.example:1521/FREEPDB1']) {
    const def = {
      task: { ReplicationTaskIdentifier: 't', MigrationType: 'full-load-and-cdc', SourceUrl: url, TargetUrl: 'postgres://x@127.0.0.1:1/none' },
      settings: parseTaskSettings('{}').settings, notImplemented: [], mappings: parseTableMappings('{"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"1","object-locator":{"schema-name":"%","table-name":"%"},"rule-action":"include"}]}'),
    } as never;
    const log: string[] = [];
    await assert.rejects(
      runPolledSourceTask(def, { log: (m) => log.push(m), signal: new AbortController().signal, reload: true, onState: () => undefined },
        { connect: async () => { throw new Error('Failed to connect to db.example - getaddrinfo ENOTFOUND'); }, catalog: async () => { throw new Error('not reached'); } }),
      (e: unknown) => e instanceof SourceSettingsError && new RegExp(`^cannot reach the (SQL Server|Oracle) source at db\\.example:(1433|1521): Failed to connect`).test(e.message),
    );
  }
});

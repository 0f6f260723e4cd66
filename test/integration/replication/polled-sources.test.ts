// SQL Server (CDC change tables) and Oracle (LogMiner) sources wired into the runner, into a real
// PostgreSQL target. No SQL Server or Oracle server runs here: the source connection answers the
// readers' queries with change rows authored from the vendors' documentation (SQL Server:
// cdc.fn_cdc_get_all_changes_<instance> with N'all update old' — __$start_lsn commit LSN shared by a
// transaction, __$seqval order inside it, __$operation 1 delete / 2 insert / 3 old / 4 new values;
// Oracle: V$LOGMNR_CONTENTS with COMMITTED_DATA_ONLY, SQL_REDO per change and a COMMIT row). The
// readers' own decoding, ordering, the full load, the apply, the position in the control table
// and the restart from the committed position are the tool's real code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { parseScripts } from '../../../converters/index.js';
import type { Connection } from '../../../electron/node/connectors/types.js';
import { runPolledSourceTask, type PolledSeams } from '../../../electron/node/replication/runner-polled.js';
import { parseTableMappings, parseTaskSettings, type TaskDefinition } from '../../../electron/node/replication/task/index.js';
import type { CdcRow } from '../../../electron/node/replication/source/sqlserver-cdc.js';
import type { LogMinerRow } from '../../../electron/node/replication/source/oracle-logminer.js';
import { sleep, withDb } from './helpers.js';

const PG = process.env.DBSHIFT_TEST_PG_URL;
const skip = !PG ? 'DBSHIFT_TEST_PG_URL not set' : false;

function definition(id: string, sourceUrl: string, targetUrl: string): TaskDefinition {
  const settings = parseTaskSettings('{}');
  return {
    task: { ReplicationTaskIdentifier: id, MigrationType: 'full-load-and-cdc', SourceUrl: sourceUrl, TargetUrl: targetUrl },
    settings: settings.settings, notImplemented: settings.notImplemented,
    mappings: parseTableMappings(JSON.stringify({ rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': '%', 'table-name': '%' }, 'rule-action': 'include' }] })),
  } as unknown as TaskDefinition;
}

async function freshTarget(db: string): Promise<string> {
  const admin = new pg.Client({ connectionString: PG! });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${db}`);
  } finally { await admin.end(); }
  return withDb(PG!, db);
}

/** Runs the task until `done` holds on the target (deadline 60 s), then stops it; returns the log. */
async function runUntil(def: TaskDefinition, seams: PolledSeams, reload: boolean, target: pg.Client, done: () => Promise<boolean>): Promise<string[]> {
  const log: string[] = [];
  const ac = new AbortController();
  const run = runPolledSourceTask(def, { log: (m) => log.push(m), signal: ac.signal, reload, onState: () => undefined }, seams);
  let failure: unknown;
  run.catch((e) => { failure = e; });
  try {
    const end = Date.now() + 60_000;
    for (;;) {
      if (failure) throw failure;
      if (await done().catch(() => false)) break;
      assert.ok(Date.now() < end, `the task did not get there:\n${log.join('\n')}`);
      await sleep(100);
    }
  } finally {
    ac.abort();
    const outcome = await Promise.race([run.catch(() => 'failed'), sleep(15_000).then(() => 'hung')]);
    assert.notEqual(outcome, 'hung', 'the task did not stop within 15 s');
  }
  void target;
  return log;
}

// ---- SQL Server ----

const lsn = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(20, '0')}`;
const big = (h: unknown): bigint => BigInt(String(h));

interface MsState { rows: Map<number, { id: number; status: string; amount: string | null }>; changes: CdcRow[]; max: number; polledFrom: string[]; maxOnceLoaded?: number }

function sqlServer(state: MsState): Connection {
  return {
    engine: 'sqlserver', dialect: 'sqlserver', serverVersion: 'authored', display: 'authored change rows',
    async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
      const out = (rows: unknown[]): T[] => rows as T[];
      if (/is_ms_shipped = 0/.test(text)) return out([{ s: 'dbo', t: 'Orders' }]);
      if (/FROM sys\.databases/.test(text)) return out([{ name: 'shop', is_cdc_enabled: 1 }]);
      if (/is_tracked_by_cdc/.test(text)) return out([{ s: 'dbo', t: 'Orders', on: 1 }]);
      if (/dm_server_services/.test(text)) return out([{ status_desc: 'Running' }]);
      if (/FROM cdc\.change_tables/.test(text)) {
        return out(['id', 'status', 'amount'].map((col, i) => ({ s: 'dbo', t: 'Orders', ci: 'dbo_Orders', created: '2026-01-01', col, type: ['int', 'nvarchar', 'decimal'][i] })));
      }
      if (/fn_cdc_increment_lsn/.test(text)) { state.polledFrom.push(String(params[0])); return out([{ lo: lsn(Number(big(params[0]) + 1n)), hi: lsn(state.max) }]); }
      if (/fn_cdc_get_min_lsn/.test(text)) return out([{ min: lsn(1) }]);
      if (/sys\.fn_cdc_get_max_lsn\(\), 1\) AS lsn/.test(text)) return out([{ lsn: lsn(state.max) }]);
      if (/fn_cdc_get_all_changes_dbo_Orders/.test(text)) {
        const top = /TOP \((\d+)\)/.exec(text);
        const rows = state.changes.filter((r) => big(r.__$start_lsn) >= big(params[0]) && big(r.__$start_lsn) <= big(params[1]));
        return out(top ? rows.slice(0, Number(top[1])) : rows);
      }
      const page = /^SELECT TOP \((\d+)\) .* FROM \[dbo\]\.\[Orders\]( WHERE \(\[id\] > @p1\))? ORDER BY \[id\]$/.exec(text);
      if (page) {
        // The load reads the decimal as text (selectColumn), as tedious would be told to.
        assert.match(text, /CONVERT\(varchar\(64\), \[amount\]\) AS \[amount\]/);
        const after = page[2] ? Number(params[0]) : -Infinity;
        // Transactions commit while the load runs: the max LSN moves on.
        if (state.maxOnceLoaded) { state.max = state.maxOnceLoaded; delete state.maxOnceLoaded; }
        return out([...state.rows.values()].filter((r) => r.id > after).sort((a, b) => a.id - b.id).slice(0, Number(page[1])));
      }
      throw new Error(`unexpected query: ${text}`);
    },
    async exec() { /* session settings */ },
    async close() { /* nothing held */ },
  };
}

function cdcRow(l: number, seq: number, op: number, values: { id: number; status: string; amount: string | null }): CdcRow {
  return { __$start_lsn: lsn(l), __$seqval: lsn(seq), __$operation: op, __$commit_time: new Date(), ...values };
}

test('SQL Server source: full load, cached changes, CDC in LSN order, position committed with the changes, restart from it', { skip, timeout: 180_000 }, async () => {
  const targetUrl = await freshTarget('repl_polled_mssql');
  const t = new pg.Client({ connectionString: targetUrl });
  await t.connect();
  try {
    // The table as the load reads it: it already shows the change at LSN 200 (made during the load).
    const rows: MsState['rows'] = new Map([1, 2, 3, 4, 5].map((id) => [id, { id, status: id === 1 ? 'paid' : 'new', amount: `${id}0.50` }]));
    rows.set(6, { id: 6, status: 'new', amount: null });
    const state: MsState = { rows, max: 100, maxOnceLoaded: 200, polledFrom: [], changes: [
      // LSN 200, during the load: order 1 paid, order 6 inserted (both already in what the load read).
      cdcRow(200, 1, 3, { id: 1, status: 'new', amount: '10.50' }), cdcRow(200, 1, 4, { id: 1, status: 'paid', amount: '10.50' }),
      cdcRow(200, 2, 2, { id: 6, status: 'new', amount: null }),
      // LSN 300: order 2 deleted and inserted again in one transaction (order by __$seqval matters).
      cdcRow(300, 5, 1, { id: 2, status: 'new', amount: '20.50' }), cdcRow(300, 6, 2, { id: 2, status: 'again', amount: '99999999.99' }),
      // LSN 400: order 3's amount, order 4 deleted.
      cdcRow(400, 8, 3, { id: 3, status: 'new', amount: '30.50' }), cdcRow(400, 8, 4, { id: 3, status: 'new', amount: '0.01' }),
      cdcRow(400, 9, 1, { id: 4, status: 'new', amount: '40.50' }),
    ] };
    const seams: PolledSeams = {
      connect: async () => sqlServer(state),
      catalog: async () => parseScripts('sqlserver', [{ path: 'orders.sql', text: 'CREATE TABLE dbo.Orders (id int NOT NULL PRIMARY KEY, status nvarchar(20) NOT NULL, amount decimal(12,2) NULL);' }]).catalog,
      idleMs: 20, pageRows: 2,
    };
    const def = definition('mssql-orders', 'sqlserver://sa@authored:1433/shop', targetUrl);
    const q = async (sql: string): Promise<unknown[][]> => (await t.query({ text: sql, rowMode: 'array' })).rows as unknown[][];
    const ordersSql = 'SELECT id, status, amount::text FROM public.orders o ORDER BY o.id'; // dbo → public: the converter's schema mapping
    const position = async (): Promise<string | undefined> => ((await q("SELECT position->>'lsn' FROM dbshift_replication.positions WHERE task = 'mssql-orders'"))[0]?.[0] as string | undefined);

    // The load starts at LSN 100; LSN 200 commits while it runs.
    const log1 = await runUntil(def, seams, true, t, async () => {
      if ((await position()) === lsn(200)) state.max = 400; // later transactions commit once the cached ones are in
      return (await position()) === lsn(400);
    });
    assert.deepEqual(await q(ordersSql), [
      [1, 'paid', '10.50'], [2, 'again', '99999999.99'], [3, 'new', '0.01'], [5, 'new', '50.50'], [6, 'new', null],
    ], log1.join('\n'));
    assert.ok(log1.some((l) => /full load: dbo\.Orders → \S+ loaded, 6 rows/.test(l)), log1.join('\n'));
    assert.ok(log1.some((l) => /cached changes from LSN 0x0+64 to LSN 0x0+C8 follow/.test(l)), log1.join('\n'));
    assert.ok(log1.some((l) => /not verified against a live server/.test(l)));
    assert.equal(state.polledFrom[0], lsn(100), 'cached changes are read from the position taken before the load');

    // Restart (resume): reading goes on after the committed LSN 400, not from the start.
    state.polledFrom.length = 0;
    state.changes.push(cdcRow(500, 10, 2, { id: 7, status: 'late', amount: '7.00' }));
    state.max = 500;
    await runUntil(def, seams, false, t, async () => (await position()) === lsn(500));
    assert.equal(state.polledFrom[0], lsn(400), 'resumed from the committed position');
    assert.deepEqual(await q(ordersSql), [
      [1, 'paid', '10.50'], [2, 'again', '99999999.99'], [3, 'new', '0.01'], [5, 'new', '50.50'], [6, 'new', null], [7, 'late', '7.00'],
    ]);
  } finally {
    await t.end();
  }
});

// ---- Oracle ----

interface OraState { rows: Map<number, Record<string, string | null>>; contents: LogMinerRow[]; scn: number; windows: [string, string][]; scnOnceLoaded?: number }

function oracle(state: OraState): Connection {
  return {
    engine: 'oracle', dialect: 'oracle', serverVersion: 'authored', display: 'authored V$LOGMNR_CONTENTS rows',
    async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
      const out = (rows: unknown[]): T[] => rows as T[];
      if (/FROM ALL_TABLES/.test(text)) return out([{ S: 'SHOP', T: 'ORDERS' }]);
      if (/SUPPLEMENTAL_LOG_DATA_MIN/.test(text)) return out([{ LOG_MODE: 'ARCHIVELOG', MIN: 'YES', PK: 'YES', ALL_COLS: 'NO' }]);
      if (/FROM SESSION_PRIVS/.test(text)) return out([{ PRIVILEGE: 'LOGMINING' }]);
      if (/CURRENT_SCN/.test(text)) {
        // V$TRANSACTION: the first SCN of every transaction still open at the current SCN.
        const open = state.contents.filter((r) => Number(r.COMMIT_SCN) > state.scn && Number(r.SCN) <= state.scn).map((r) => Number(r.SCN));
        return out([{ NOW_SCN: String(state.scn), OLDEST: open.length ? String(Math.min(...open)) : null }]);
      }
      if (/V\$ARCHIVED_LOG/.test(text)) return out([{ NAME: '/u01/arch/1_1.arc', FIRST_SCN: '1' }]);
      if (/DBMS_LOGMNR\.START_LOGMNR/.test(text)) { state.windows.push([String(params[0]), String(params[1])]); return []; }
      if (/DBMS_LOGMNR/.test(text)) return [];
      if (/V\$LOGMNR_CONTENTS/.test(text)) {
        const [start, end] = state.windows[state.windows.length - 1]!.map(Number) as [number, number];
        // COMMITTED_DATA_ONLY: whole committed transactions in commit order.
        return out(state.contents.filter((r) => Number(r.SCN) >= start && Number(r.COMMIT_SCN) <= end)
          .sort((a, b) => Number(a.COMMIT_SCN) - Number(b.COMMIT_SCN) || Number(a.SCN) - Number(b.SCN)));
      }
      const page = /^SELECT (.*) FROM "SHOP"\."ORDERS"( WHERE \("ID" > :1\))? ORDER BY "ID" FETCH FIRST (\d+) ROWS ONLY$/.exec(text);
      if (page) {
        assert.match(page[1]!, /TO_CHAR\("AMOUNT", 'TM9'/, 'NUMBER is read as text (oracledb would round it)');
        if (state.scnOnceLoaded) { state.scn = state.scnOnceLoaded; delete state.scnOnceLoaded; }
        const after = page[2] ? Number(params[0]) : -Infinity;
        return out([...state.rows.values()].filter((r) => Number(r.ID) > after).sort((a, b) => Number(a.ID) - Number(b.ID)).slice(0, Number(page[3])));
      }
      throw new Error(`unexpected query: ${text}`);
    },
    async exec() { /* ALTER SESSION */ },
    async close() { /* nothing held */ },
  };
}

const redo = (scn: number, commit: number, xid: string, sql: string | null): LogMinerRow => ({
  SCN: String(scn), COMMIT_SCN: String(commit), XID: xid, OPERATION: sql ? sql.split(' ')[0]!.toUpperCase() : 'COMMIT',
  SEG_OWNER: sql ? 'SHOP' : null, TABLE_NAME: sql ? 'ORDERS' : null, SQL_REDO: sql, CSF: 0, COMMIT_TIMESTAMP: new Date(),
});

test('Oracle source: full load, LogMiner windows from a restart SCN before open transactions, commit order, restart from the committed SCN', { skip, timeout: 180_000 }, async () => {
  const targetUrl = await freshTarget('repl_polled_ora');
  const t = new pg.Client({ connectionString: targetUrl });
  await t.connect();
  try {
    const rows: OraState['rows'] = new Map([1, 2, 3, 4].map((id) => [id, { ID: String(id), STATUS: id === 1 ? 'paid' : 'new', AMOUNT: `${id}0.5` }]));
    const state: OraState = { rows, scn: 1000, scnOnceLoaded: 1100, windows: [], contents: [
      // 0A commits during the load (its effect is in the loaded rows).
      redo(1040, 1050, '0A', `update "SHOP"."ORDERS" set "STATUS" = 'paid' where "ID" = '1' and "STATUS" = 'new' and ROWID = 'AAA';`), redo(1050, 1050, '0A', null),
      // 0B starts before the load ends and commits after 0C: applied after it.
      redo(1060, 1200, '0B', `insert into "SHOP"."ORDERS"("ID","STATUS","AMOUNT") values ('5','late','5.25');`),
      redo(1120, 1150, '0C', `update "SHOP"."ORDERS" set "STATUS" = 'first', "AMOUNT" = '0.01' where "ID" = '4' and "STATUS" = 'new' and "AMOUNT" = '40.5' and ROWID = 'AAD';`),
      redo(1150, 1150, '0C', null),
      redo(1160, 1200, '0B', `update "SHOP"."ORDERS" set "STATUS" = 'second' where "ID" = '4' and "STATUS" = 'first' and ROWID = 'AAD';`),
      redo(1170, 1200, '0B', `delete from "SHOP"."ORDERS" where "ID" = '2' and ROWID = 'AAB';`),
      redo(1200, 1200, '0B', null),
    ] };
    const seams: PolledSeams = {
      connect: async () => oracle(state),
      catalog: async () => parseScripts('oracle', [{ path: 'orders.sql', text: 'CREATE TABLE SHOP.ORDERS (ID NUMBER(10) NOT NULL PRIMARY KEY, STATUS VARCHAR2(20) NOT NULL, AMOUNT NUMBER(12,2));' }]).catalog,
      idleMs: 20, pageRows: 3,
    };
    const def = definition('ora-orders', 'oracle://shop@authored:1521/FREEPDB1', targetUrl);
    const q = async (sql: string): Promise<unknown[][]> => (await t.query({ text: sql, rowMode: 'array' })).rows as unknown[][];
    const ordersSql = 'SELECT id::text, status, amount::text FROM shop.orders o ORDER BY o.id';
    const position = async (): Promise<{ commitScn: string; restartScn: string } | undefined> => (await q("SELECT position FROM dbshift_replication.positions WHERE task = 'ora-orders'"))[0]?.[0] as never;

    const log = await runUntil(def, seams, true, t, async () => {
      if ((await position())?.commitScn === '1050') state.scn = 1300; // 0B and 0C commit
      return (await position())?.commitScn === '1200';
    });
    // Commit order: 0C then 0B (which started first); 0B's update image holds only the key and STATUS, 0C's AMOUNT stays.
    assert.deepEqual(await q(ordersSql), [['1', 'paid', '10.50'], ['3', 'new', '30.50'], ['4', 'second', '0.01'], ['5', 'late', '5.25']], log.join('\n'));
    assert.ok(log.some((l) => /full load: SHOP\.ORDERS → \S+ loaded, 4 rows/.test(l)), log.join('\n'));
    assert.deepEqual(state.windows[0], ['1000', '1100'], 'the first window starts at the position taken before the load');
    // The window after 1100 starts where 0B (open at 1100) began, or 0B's insert would be lost.
    assert.deepEqual(state.windows.find(([, end]) => end === '1300'), ['1060', '1300']);

    // Resume: mining restarts at the committed restart SCN; 0B and 0C are not applied twice.
    const saved = (await position())!;
    state.windows.length = 0;
    state.contents.push(redo(1310, 1320, '0D', `insert into "SHOP"."ORDERS"("ID","STATUS","AMOUNT") values ('6','resumed',NULL);`), redo(1320, 1320, '0D', null));
    state.scn = 1400;
    await runUntil(def, seams, false, t, async () => (await position())?.commitScn === '1320');
    assert.equal(state.windows[0]![0], saved.restartScn, 'resumed from the committed restart SCN');
    assert.deepEqual(await q(ordersSql), [['1', 'paid', '10.50'], ['3', 'new', '30.50'], ['4', 'second', '0.01'], ['5', 'late', '5.25'], ['6', 'resumed', null]]);
  } finally {
    await t.end();
  }
});

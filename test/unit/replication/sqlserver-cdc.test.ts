// SQL Server CDC → our change events, on change-table rows written from Microsoft's documentation
// of cdc.fn_cdc_get_all_changes_<capture_instance> (N'all update old'): __$start_lsn = commit LSN
// shared by a transaction's rows, __$seqval orders them, __$operation 1 delete / 2 insert / 3 update
// old values / 4 update new values. A fake connection plays the server: it keeps a change table
// per capture instance and answers the reader's queries (LSN arithmetic, ranges, TOP) itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '../../../electron/node/connectors/types.js';
import {
  captureInstances, checkCdcSettings, changesSql, startSqlServerReader, transactionsFromRows,
  type CaptureInstance, type CdcRow, type SqlServerPosition,
} from '../../../electron/node/replication/source/sqlserver-cdc.js';
import type { PolledEvent } from '../../../electron/node/replication/source/polling-reader.js';

const lsn = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(20, '0')}`;
const ORDERS: CaptureInstance = { schema: 'dbo', table: 'Orders', instance: 'dbo_Orders', columns: ['id', 'status', 'amount'] };
const LINES: CaptureInstance = { schema: 'sales', table: 'Lines', instance: 'sales_Lines', columns: ['id', 'order_id', 'qty'] };

function row(l: number, seq: number, op: number, values: Record<string, unknown>): CdcRow {
  return { __$start_lsn: lsn(l), __$seqval: lsn(seq), __$operation: op, __$commit_time: new Date(Date.UTC(2026, 0, 1, 0, 0, l)), ...values };
}

// Transaction 0x…64 (100): insert an order and its line. Transaction 0x…C8 (200): the order's status
// changes (old/new rows) and the line is deleted. Transaction 0x…12C (300): another order.
const CHANGES = new Map<string, CdcRow[]>([
  ['dbo_Orders', [
    row(100, 1, 2, { id: 1, status: 'new', amount: '10.00' }),
    row(200, 5, 3, { id: 1, status: 'new', amount: '10.00' }),
    row(200, 5, 4, { id: 1, status: 'paid', amount: '10.00' }),
    row(300, 9, 2, { id: 2, status: 'new', amount: null }),
  ]],
  ['sales_Lines', [
    row(100, 2, 2, { id: 7, order_id: 1, qty: 3 }),
    row(200, 6, 1, { id: 7, order_id: 1, qty: 3 }),
  ]],
]);

test('change rows of two capture instances → transactions in commit order with before/after images', () => {
  // Given out of order and split by instance, as two function calls return them.
  const txns = transactionsFromRows([{ ci: LINES, rows: [...CHANGES.get('sales_Lines')!].reverse() }, { ci: ORDERS, rows: CHANGES.get('dbo_Orders')! }]);
  assert.deepEqual(txns.map((t) => t.position.lsn), [lsn(100), lsn(200), lsn(300)]);
  assert.deepEqual(txns[0]!.changes, [
    { op: 'insert', schema: 'dbo', table: 'Orders', after: { id: 1, status: 'new', amount: '10.00' } },
    { op: 'insert', schema: 'sales', table: 'Lines', after: { id: 7, order_id: 1, qty: 3 } },
  ]);
  assert.deepEqual(txns[1]!.changes, [
    { op: 'update', schema: 'dbo', table: 'Orders', before: { id: 1, status: 'new', amount: '10.00' }, after: { id: 1, status: 'paid', amount: '10.00' } },
    { op: 'delete', schema: 'sales', table: 'Lines', before: { id: 7, order_id: 1, qty: 3 } },
  ]);
  assert.deepEqual(txns[2]!.changes, [{ op: 'insert', schema: 'dbo', table: 'Orders', after: { id: 2, status: 'new', amount: null } }]);
  assert.equal(txns[0]!.timestamp, Date.UTC(2026, 0, 1, 0, 1, 40));
});

test('an update without its old values (read with N\'all\') or an unknown operation is an error, never a guess', () => {
  assert.throws(() => transactionsFromRows([{ ci: ORDERS, rows: [row(200, 5, 4, { id: 1, status: 'paid', amount: '1' })] }]), /N'all update old'/);
  assert.throws(() => transactionsFromRows([{ ci: ORDERS, rows: [row(200, 5, 3, { id: 1, status: 'paid', amount: '1' })] }]), /without its new values/);
  assert.throws(() => transactionsFromRows([{ ci: ORDERS, rows: [row(200, 5, 5, { id: 1 })] }]), /unknown __\$operation 5/);
  assert.throws(() => transactionsFromRows([{ ci: ORDERS, rows: [{ ...row(1, 1, 2, {}), __$start_lsn: 'x' }] }]), /not an LSN/);
});

test('the change query reads the capture instance function with all update old, ordered, LSNs as hex', () => {
  const sql = changesSql(ORDERS, 500);
  assert.match(sql, /^SELECT TOP \(500\) CONVERT\(varchar\(22\), __\$start_lsn, 1\)/);
  assert.match(sql, /FROM cdc\.fn_cdc_get_all_changes_dbo_Orders\(CONVERT\(binary\(10\), @p1, 1\), CONVERT\(binary\(10\), @p2, 1\), N'all update old'\)/);
  assert.match(sql, /ORDER BY __\$start_lsn, __\$seqval, __\$operation$/);
  assert.match(sql, /\[id\], \[status\], \[amount\]/);
  assert.throws(() => changesSql({ ...ORDERS, instance: 'x]; DROP TABLE y; --' }), /cannot be used/);
  // Exact types are read as text (tedious would give decimals as doubles and datetime2 as milliseconds).
  const typed = changesSql({ ...ORDERS, columns: ['id', 'amount', 'at', 'tz'], types: { id: 'int', amount: 'decimal', at: 'datetime2', tz: 'datetimeoffset' } });
  assert.match(typed, /\[id\], CONVERT\(varchar\(64\), \[amount\]\) AS \[amount\], CONVERT\(varchar\(40\), \[at\], 121\) AS \[at\], CONVERT\(varchar\(40\), \[tz\], 127\) AS \[tz\] FROM/);
});

/** A server with change tables `changes`, max LSN `max`, min LSN per instance `min`. */
function fakeServer(changes: Map<string, CdcRow[]>, o: { max: number; min?: Record<string, number> }): Connection & { sql: string[] } {
  const sql: string[] = [];
  const big = (h: unknown): bigint => BigInt(String(h));
  return {
    engine: 'sqlserver', dialect: 'sqlserver', serverVersion: 'fake', display: 'fake', sql,
    async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
      sql.push(text);
      if (text.includes('fn_cdc_increment_lsn')) return [{ lo: lsn(Number(big(params[0]) + 1n)), hi: lsn(o.max) }] as T[];
      if (text.includes('fn_cdc_get_min_lsn')) return [{ min: lsn(o.min?.[String(params[0])] ?? 1) }] as T[];
      const m = /fn_cdc_get_all_changes_(\w+)\(/.exec(text);
      if (m) {
        const top = /TOP \((\d+)\)/.exec(text);
        const rows = (changes.get(m[1]!) ?? []).filter((r) => big(r.__$start_lsn) >= big(params[0]) && big(r.__$start_lsn) <= big(params[1]));
        return (top ? rows.slice(0, Number(top[1])) : rows) as T[];
      }
      throw new Error(`unexpected query ${text}`);
    },
    async exec() { /* not used */ },
    async close() { /* not used */ },
  };
}

async function drain(r: { next(): Promise<PolledEvent<SqlServerPosition> | undefined>; stop(): Promise<void>; readonly error: Error | undefined }, n: number): Promise<PolledEvent<SqlServerPosition>[]> {
  const out: PolledEvent<SqlServerPosition>[] = [];
  while (out.length < n) {
    const e = await Promise.race([r.next(), new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), 2000))]);
    if (e === 'timeout' || e === undefined) break;
    out.push(e);
  }
  await r.stop();
  return out;
}

test('the reader polls from after the saved commit LSN; a restart from a position skips what was applied', async () => {
  const server = fakeServer(CHANGES, { max: 300 });
  const all = await drain(startSqlServerReader(server, [ORDERS, LINES], { lsn: lsn(50) }, { idleMs: 10 }), 3);
  assert.deepEqual(all.map((e) => e.position.lsn), [lsn(100), lsn(200), lsn(300)]);
  assert.ok(server.sql.some((s) => /sys\.fn_cdc_get_max_lsn\(\)/.test(s)));
  assert.ok(server.sql.some((s) => /sys\.fn_cdc_get_min_lsn\(@p1\)/.test(s)));

  // Resumed from the position of the first transaction: the next two only, same contents.
  const resumed = await drain(startSqlServerReader(fakeServer(CHANGES, { max: 300 }), [ORDERS, LINES], all[0]!.position, { idleMs: 10 }), 2);
  assert.deepEqual(resumed, all.slice(1));
});

test('small windows never split a transaction across polls', async () => {
  // 2 rows per instance per poll: the window ends before an LSN whose rows may be cut.
  const events = await drain(startSqlServerReader(fakeServer(CHANGES, { max: 300 }), [ORDERS, LINES], { lsn: lsn(50) }, { idleMs: 10, batchRows: 2 }), 3);
  assert.deepEqual(events.map((e) => e.position.lsn), [lsn(100), lsn(200), lsn(300)]);
  assert.deepEqual(events.map((e) => (e.kind === 'txn' ? e.changes.length : -1)), [2, 2, 1]);
  // One transaction bigger than the window is read alone, whole.
  const big = new Map([['dbo_Orders', [1, 2, 3, 4].map((i) => row(400, i, 2, { id: i, status: 's', amount: '1' }))]]);
  const one = await drain(startSqlServerReader(fakeServer(big, { max: 400 }), [ORDERS], { lsn: lsn(50) }, { idleMs: 10, batchRows: 2 }), 1);
  assert.equal(one[0]?.kind === 'txn' ? one[0].changes.length : 0, 4);
});

test('changes already removed by the cleanup job stop the reader with what to do', async () => {
  const r = startSqlServerReader(fakeServer(CHANGES, { max: 300, min: { dbo_Orders: 150 } }), [ORDERS, LINES], { lsn: lsn(50) }, { idleMs: 10 });
  assert.equal(await r.next(), undefined);
  assert.match(r.error?.message ?? '', /no longer in its change table .*cleanup job.*reload the task/);
});

test('checks name what to run when CDC is off for the database or a table', async () => {
  const fake = {
    async query<T>(text: string): Promise<T[]> {
      if (text.includes('sys.databases')) return [{ name: 'Shop', is_cdc_enabled: false }] as T[];
      if (text.includes('is_tracked_by_cdc')) return [{ s: 'dbo', t: 'Orders', on: true }, { s: 'dbo', t: "O'Brien", on: false }] as T[];
      if (text.includes('dm_server_services')) return [{ status_desc: 'Stopped' }] as T[];
      throw new Error(text);
    },
  } as unknown as Connection;
  const problems = await checkCdcSettings(fake, [{ schema: 'dbo', table: 'Orders' }, { schema: 'dbo', table: "O'Brien" }]);
  assert.deepEqual(problems, [
    'change data capture is off for database Shop: run USE [Shop]; EXEC sys.sp_cdc_enable_db; (as sysadmin)',
    "table dbo.O'Brien is not tracked by change data capture: run EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'O''Brien', @role_name = NULL; (as db_owner)",
    "SQL Server Agent is Stopped: start it (the CDC capture job it runs fills the change tables; EXEC sys.sp_cdc_start_job @job_type = N'capture' once it runs)",
  ]);
});

test('capture instances: the newest per table, its captured columns in order; a table without one is refused', async () => {
  const fake = {
    async query<T>(): Promise<T[]> {
      return [
        { s: 'dbo', t: 'Orders', ci: 'dbo_Orders_v2', created: '2026-02-01', col: 'id', type: 'int' },
        { s: 'dbo', t: 'Orders', ci: 'dbo_Orders_v2', created: '2026-02-01', col: 'status', type: 'nvarchar' },
        { s: 'dbo', t: 'Orders', ci: 'dbo_Orders', created: '2026-01-01', col: 'id', type: 'int' },
      ] as T[];
    },
  } as unknown as Connection;
  assert.deepEqual(await captureInstances(fake, [{ schema: 'dbo', table: 'Orders' }]), [{ schema: 'dbo', table: 'Orders', instance: 'dbo_Orders_v2', columns: ['id', 'status'], types: { id: 'int', status: 'nvarchar' } }]);
  await assert.rejects(captureInstances(fake, [{ schema: 'dbo', table: 'Lines' }]), /no capture instance: .*sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'Lines'/);
});

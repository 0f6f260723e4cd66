// Oracle LogMiner → our change events, on V$LOGMNR_CONTENTS rows written from Oracle's
// documentation (Utilities, "Using LogMiner": COMMITTED_DATA_ONLY groups a transaction's rows and
// gives transactions in commit order; SQL_REDO forms with quoted values and ROWID in the where
// clause; CSF = 1 when SQL_REDO continues in the next row). A fake connection plays the database
// for the reader: a redo stream with SCNs, mined by the window START_LOGMNR is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '../../../electron/node/connectors/types.js';
import {
  alreadyApplied, checkLogMinerSettings, eventsFromContents, parseRedo, START_LOGMNR, startLogMinerReader,
  type LogMinerRow, type OraclePosition,
} from '../../../electron/node/replication/source/oracle-logminer.js';
import type { PolledEvent } from '../../../electron/node/replication/source/polling-reader.js';

const wanted = (s: string, t: string): boolean => s === 'HR' && (t === 'EMP' || t === 'DEPT');

test('SQL_REDO: insert, update and delete as row images (quoted numbers, NULL, dates, raw, quotes, ROWID left out)', () => {
  assert.deepEqual(parseRedo(`insert into "HR"."EMP"("ID","NAME","HIRED","PHOTO","NOTE") values ('7','O''Brien',TO_DATE('2026-01-02 03:04:05', 'YYYY-MM-DD HH24:MI:SS'),HEXTORAW('00ff10'),NULL);`), {
    op: 'insert', schema: 'HR', table: 'EMP',
    after: { ID: '7', NAME: "O'Brien", HIRED: '2026-01-02 03:04:05', PHOTO: new Uint8Array([0, 255, 16]), NOTE: null },
  });
  assert.deepEqual(parseRedo(`update "HR"."EMP" set "SALARY" = '9000', "NOTE" = NULL where "ID" = '7' and "SALARY" = '6000' and "NOTE" IS NULL and ROWID = 'AAAHSkAABAAAY6rAAP';`), {
    op: 'update', schema: 'HR', table: 'EMP', set: { SALARY: '9000', NOTE: null }, where: { ID: '7', SALARY: '6000', NOTE: null },
  });
  assert.deepEqual(parseRedo(`delete from "HR"."EMP" where "ID" = 7.5 and "NAME" = UNISTR('\\00e9t\\00e9') and ROWID = 'AAAHTKAABAAAY9mAAB';`), {
    op: 'delete', schema: 'HR', table: 'EMP', where: { ID: '7.5', NAME: 'été' },
  });
  assert.deepEqual(parseRedo(`insert into "HR"."A""B"("X") values (TO_TIMESTAMP('2026-01-02 03:04:05.123'));`).table, 'A"B');
  assert.throws(() => parseRedo(`insert into "HR"."EMP"("ID","NAME") values ('1');`), /2 columns but 1 values/);
  assert.throws(() => parseRedo(`insert into "HR"."EMP"("G") values (SDO_GEOMETRY(2001, NULL));`), /SDO_GEOMETRY\(…\) values are not understood/);
  assert.throws(() => parseRedo('set transaction read write;'), /not an insert, update or delete/);
});

const R = (scn: number, commit: number, xid: string, op: string, sql: string | null, extra: Partial<LogMinerRow> = {}): LogMinerRow => ({
  SCN: String(scn), COMMIT_SCN: String(commit), XID: xid, OPERATION: op, SEG_OWNER: sql ? 'HR' : null, TABLE_NAME: sql ? (/"HR"\."(\w+)"/.exec(sql)?.[1] ?? null) : null,
  SQL_REDO: sql, CSF: 0, COMMIT_TIMESTAMP: new Date(Date.UTC(2026, 0, 1, 0, 0, commit % 60)), ...extra,
});

// Transaction 0A (started first, committed second) and 0B (committed first): COMMITTED_DATA_ONLY
// returns 0B whole, then 0A whole. 0A's insert is split over two rows (CSF = 1). Another schema's
// change and a transaction that touched nothing of ours are left out.
const WINDOW: LogMinerRow[] = [
  R(1010, 1020, '0B', 'INSERT', `insert into "HR"."DEPT"("ID","NAME") values ('10','Sales');`),
  R(1012, 1020, '0B', 'UPDATE', `update "HR"."EMP" set "DEPT" = '10' where "ID" = '1' and "DEPT" IS NULL and ROWID = 'AAA';`),
  R(1020, 1020, '0B', 'COMMIT', null),
  R(1001, 1030, '0A', 'INSERT', `insert into "HR"."EMP"("ID","NAME") val`, { CSF: 1 }),
  R(1001, 1030, '0A', 'INSERT', `ues ('2','Li');`),
  R(1025, 1030, '0A', 'DELETE', `delete from "HR"."EMP" where "ID" = '3' and ROWID = 'AAB';`),
  R(1026, 1030, '0A', 'INSERT', `insert into "SCOTT"."X"("A") values ('1');`, { SEG_OWNER: 'SCOTT', TABLE_NAME: 'X' }),
  R(1030, 1030, '0A', 'COMMIT', null),
  R(1031, 1031, '0C', 'COMMIT', null),
];

test('contents rows → transactions in commit order with before/after images; continued SQL_REDO joined', () => {
  const ev = eventsFromContents(WINDOW, { restartScn: '1000', wanted });
  assert.deepEqual(ev.map((e) => [e.kind, e.position]), [
    ['txn', { commitScn: '1020', xids: ['0B'], restartScn: '1000' }],
    ['txn', { commitScn: '1030', xids: ['0A'], restartScn: '1000' }],
  ]);
  assert.deepEqual(ev[0]!.kind === 'txn' ? ev[0]!.changes : null, [
    { op: 'insert', schema: 'HR', table: 'DEPT', after: { ID: '10', NAME: 'Sales' } },
    { op: 'update', schema: 'HR', table: 'EMP', before: { ID: '1', DEPT: null }, after: { ID: '1', DEPT: '10' } },
  ]);
  assert.deepEqual(ev[1]!.kind === 'txn' ? ev[1]!.changes : null, [
    { op: 'insert', schema: 'HR', table: 'EMP', after: { ID: '2', NAME: 'Li' } },
    { op: 'delete', schema: 'HR', table: 'EMP', before: { ID: '3' } },
  ]);
  assert.equal(ev[0]!.timestamp, Date.UTC(2026, 0, 1, 0, 0, 1020 % 60), "the commit time");
});

test('a restart from a saved position skips what was applied (same commit SCN told apart by XID)', () => {
  const after: OraclePosition = { commitScn: '1020', xids: ['0B'], restartScn: '1000' };
  const ev = eventsFromContents(WINDOW, { after, restartScn: '1000', wanted });
  assert.deepEqual(ev.map((e) => e.position.xids), [['0A']]);
  assert.equal(alreadyApplied(after, '1020', '0B'), true);
  assert.equal(alreadyApplied(after, '1020', '0Z'), false);
  assert.equal(alreadyApplied(after, '1019', '0Z'), true);
  assert.equal(alreadyApplied(after, '1021', '0B'), false);
  // Two transactions committed at one SCN: the position lists both.
  const twin = eventsFromContents([R(5, 9, '1A', 'INSERT', `insert into "HR"."EMP"("ID") values ('5');`), R(9, 9, '1A', 'COMMIT', null),
    R(6, 9, '1B', 'INSERT', `insert into "HR"."EMP"("ID") values ('6');`), R(9, 9, '1B', 'COMMIT', null)], { restartScn: '1', wanted });
  assert.deepEqual(twin.map((e) => e.position.xids), [['1A'], ['1A', '1B']]);
});

test('DDL on a selected table is an event; an UNSUPPORTED change to a selected table stops the reader; a bad statement names its SCN', () => {
  const ddl = eventsFromContents([R(50, 50, '2A', 'DDL', 'ALTER TABLE "HR"."EMP" ADD ("EMAIL" VARCHAR2(80));', { TABLE_NAME: 'EMP' })], { restartScn: '1', wanted });
  assert.deepEqual(ddl.map((e) => e.kind === 'ddl' ? e.sql : ''), ['ALTER TABLE "HR"."EMP" ADD ("EMAIL" VARCHAR2(80))']);
  assert.throws(() => eventsFromContents([R(60, 61, '3A', 'UNSUPPORTED', 'Unsupported', { TABLE_NAME: 'EMP' })], { restartScn: '1', wanted }), /LogMiner cannot reconstruct a change to HR\.EMP at SCN 60/);
  assert.throws(() => eventsFromContents([R(70, 71, '4A', 'INSERT', `insert into "HR"."EMP"("ID") values (XMLTYPE('<a/>'));`)], { restartScn: '1', wanted }), /SCN 70, transaction 4A: XMLTYPE/);
});

/** A database whose redo holds `redo`; the window mined is what START_LOGMNR was given. */
function fakeOracle(redo: LogMinerRow[], state: { now: number; oldest: number | null; firstLog: number }): Connection & { calls: string[] } {
  let window: [number, number] = [0, 0];
  const calls: string[] = [];
  return {
    engine: 'oracle', dialect: 'oracle', serverVersion: 'fake', display: 'fake', calls,
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      calls.push(sql.trim().split('\n')[0]!);
      if (sql.includes('FROM V$DATABASE d')) return [{ NOW_SCN: String(state.now), OLDEST: state.oldest === null ? null : String(state.oldest) }] as T[];
      if (sql.includes('V$ARCHIVED_LOG')) return [{ NAME: '/arch/1_1.arc', FIRST_SCN: String(state.firstLog) }, { NAME: '/redo/redo02.log', FIRST_SCN: '5000' }] as T[];
      if (sql === START_LOGMNR) { window = [Number(params[0]), Number(params[1])]; return []; }
      if (sql.includes('V$LOGMNR_CONTENTS')) {
        // Committed transactions whose commit falls in the window, whole, only if they started inside it.
        const commits = redo.filter((r) => r.OPERATION === 'COMMIT' && Number(r.SCN) >= window[0] && Number(r.SCN) <= window[1]).map((r) => r.XID);
        return redo.filter((r) => commits.includes(r.XID) && Number(r.SCN) >= window[0]) as T[];
      }
      return [];
    },
    async exec(sql: string) { calls.push(sql); },
    async close() { /* nothing */ },
  };
}

async function take(r: { next(): Promise<PolledEvent<OraclePosition> | undefined>; stop(): Promise<void> }, n: number): Promise<PolledEvent<OraclePosition>[]> {
  const out: PolledEvent<OraclePosition>[] = [];
  while (out.length < n) {
    const e = await Promise.race([r.next(), new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), 1500))]);
    if (e === 'timeout' || e === undefined) break;
    out.push(e);
  }
  await r.stop();
  return out;
}

test('the reader mines from the restart SCN with DICT_FROM_ONLINE_CATALOG + COMMITTED_DATA_ONLY; a long transaction open across windows is not lost', async () => {
  const state = { now: 1025, oldest: 1001 as number | null, firstLog: 900 };
  const db = fakeOracle(WINDOW, state);
  const reader = startLogMinerReader(db, [{ schema: 'HR', table: 'EMP' }, { schema: 'HR', table: 'DEPT' }], { commitScn: '1000', xids: [], restartScn: '1000' }, { idleMs: 20 });
  // First window [1000, 1025]: 0B committed (1020); 0A (started 1001) is still open.
  const first = await Promise.race([reader.next(), new Promise<undefined>((r) => setTimeout(() => r(undefined), 1500))]);
  assert.deepEqual(first?.position, { commitScn: '1020', xids: ['0B'], restartScn: '1000' });
  // 0A commits at 1030; the next window starts at 0A's first change (1001), not after 1025.
  state.now = 1040; state.oldest = null;
  const rest = await take(reader, 3);
  const txns = rest.filter((e) => e.kind === 'txn' && e.changes.length > 0);
  assert.deepEqual(txns.map((e) => e.position.xids), [['0A']], 'the open transaction arrives whole, 0B is not repeated');
  assert.deepEqual(txns[0]!.kind === 'txn' ? txns[0]!.changes.map((c) => c.op) : [], ['insert', 'delete']);
  assert.ok(db.calls.includes(START_LOGMNR));
  assert.ok(db.calls.includes("ALTER SESSION SET NLS_DATE_FORMAT = 'YYYY-MM-DD HH24:MI:SS'"));
  assert.ok(db.calls.some((c) => c.includes('DBMS_LOGMNR.END_LOGMNR')));
  assert.match(START_LOGMNR, /DICT_FROM_ONLINE_CATALOG \+ DBMS_LOGMNR\.COMMITTED_DATA_ONLY/);
});

test('redo no longer on disk stops the reader with what to do', async () => {
  const reader = startLogMinerReader(fakeOracle(WINDOW, { now: 1040, oldest: null, firstLog: 1005 }), [{ schema: 'HR', table: 'EMP' }], { commitScn: '1000', xids: [], restartScn: '1000' }, { idleMs: 20 });
  assert.equal(await reader.next(), undefined);
  assert.match(reader.error?.message ?? '', /redo from SCN 1000 on is no longer available .*reload the task/);
});

test('checks: ARCHIVELOG, supplemental logging and privileges, each with the statement to run', async () => {
  const db = {
    async query<T>(sql: string): Promise<T[]> {
      if (sql.includes('V$DATABASE')) return [{ LOG_MODE: 'NOARCHIVELOG', MIN: 'NO', PK: 'NO', ALL_COLS: 'NO' }] as T[];
      if (sql.includes('ALL_LOG_GROUPS')) return [{ OWNER: 'HR', TABLE_NAME: 'DEPT' }] as T[];
      if (sql.includes('SESSION_PRIVS')) return [{ PRIVILEGE: 'CREATE SESSION' }] as T[];
      throw new Error(sql);
    },
  } as unknown as Connection;
  const p = await checkLogMinerSettings(db, [{ schema: 'HR', table: 'EMP' }, { schema: 'HR', table: 'DEPT' }]);
  assert.equal(p.length, 4);
  assert.match(p[0]!, /NOARCHIVELOG mode: .*SHUTDOWN IMMEDIATE; STARTUP MOUNT; ALTER DATABASE ARCHIVELOG; ALTER DATABASE OPEN;/);
  assert.match(p[1]!, /run ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;$/);
  assert.match(p[2]!, /keys of HR\.EMP: run ALTER DATABASE ADD SUPPLEMENTAL LOG DATA \(PRIMARY KEY\) COLUMNS; or per table ALTER TABLE "HR"\."EMP" ADD SUPPLEMENTAL LOG DATA \(PRIMARY KEY\) COLUMNS;$/);
  assert.match(p[3]!, /GRANT LOGMINING/);
});

// Runs a task whose source is read by polling — SQL Server (CDC change tables) or Oracle (LogMiner)
// — into PostgreSQL, the way DMS does: the capture position taken before the load; the tables
// loaded in key order, page by page (upserts by key, so a page read twice lands once); the changes
// since that position applied after the load (cached changes), then transactional apply in source
// commit order with the position (LSN / SCN) written to the target's control table in the same
// transaction. A killed run resumes from that committed position. The server-facing parts (change
// tables, LogMiner, catalog reads) are not verified against a live server: the wiring is tested
// with change rows authored from the vendors' documentation through the readers' query seam.
import type pg from 'pg';
import type { Catalog, Table } from '../../../converters/index.js';
import { connect } from '../connectors/index.js';
import type { Connection } from '../connectors/types.js';
import { extractCatalog } from '../extract/index.js';
import { endpoint, openPg, qi } from './endpoints.js';
import { planSchema } from './schema.js';
import { markIdle, RuntimeTable } from './runtime.js';
import { SourceSettingsError } from './source/mysql.js';
import type { ChangeReader, PolledEvent } from './source/polling-reader.js';
import { captureInstances, checkCdcSettings, compareLsn, currentLsn, selectColumn, startSqlServerReader, type SqlServerPosition } from './source/sqlserver-cdc.js';
import { checkLogMinerSettings, currentScn, startLogMinerReader, type OraclePosition } from './source/oracle-logminer.js';
import { CONTROL_SCHEMA, describeTable, ensureControlTables, qualified, readControl, syncIdentities, writeControl } from './target/postgres.js';
import { isSelected, type TaskDefinition } from './task/index.js';
import { applyChanges, applyTransactions, type ApplyContext } from './cdc/apply.js';
import { BatchSize } from './cdc/batch-size.js';
import type { RowChange } from './cdc/binlog.js';
import { prepareTable, resumedTables, runAfterStatements, type RunOptions, type RunOutcome } from './runner.js';

type Position = SqlServerPosition | OraclePosition;
interface TableName { schema: string; table: string }

/** What differs between the two polled engines. */
export interface PolledEngine<P extends Position> {
  label: string;
  listTables(c: Connection): Promise<TableName[]>;
  check(c: Connection, tables: TableName[]): Promise<string[]>;
  current(c: Connection): Promise<P>;
  reader(c: Connection, tables: TableName[], from: P, idleMs: number): Promise<ChangeReader<P>>;
  compare(a: P, b: P): number;
  show(p: P): string;
  /** One page of a table in key order after `after` (the last page's key values); without a key, the whole table. */
  page(t: Table, key: string[], after: unknown[] | undefined, size: number): { sql: string; params: unknown[] };
}

/** (k1, k2) > (v1, v2) spelled out (neither engine's row comparison is usable here), placeholders numbered by `ph`. */
export function keysetWhere(key: string[], quote: (n: string) => string, ph: (i: number) => string, after: unknown[]): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const ors = key.map((k, i) => {
    const ands = key.slice(0, i).map((e, j) => { params.push(after[j]); return `${quote(e)} = ${ph(params.length)}`; });
    params.push(after[i]);
    return `(${[...ands, `${quote(k)} > ${ph(params.length)}`].join(' AND ')})`;
  });
  return { where: ors.join(' OR '), params };
}

const typeWord = (t: Table, col: string): string => (t.columns.find((c) => c.name === col)?.dataType.sourceText ?? '').split('(')[0]!.trim().toLowerCase();

const qb = (n: string): string => `[${n.replace(/]/g, ']]')}]`;
const qo = (n: string): string => `"${n.replace(/"/g, '""')}"`;

export const SQLSERVER: PolledEngine<SqlServerPosition> = {
  label: 'SQL Server',
  listTables: async (c) => (await c.query<{ s: string; t: string }>("SELECT s.name AS s, t.name AS t FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE t.is_ms_shipped = 0 AND s.name <> 'cdc' ORDER BY 1, 2"))
    .map((r) => ({ schema: r.s, table: r.t })),
  check: checkCdcSettings,
  current: currentLsn,
  reader: async (c, tables, from, idleMs) => startSqlServerReader(c, await captureInstances(c, tables), from, { idleMs }),
  compare: (a, b) => compareLsn(a.lsn, b.lsn),
  show: (p) => `LSN ${p.lsn}`,
  page(t, key, after, size) {
    const cols = t.columns.map((c) => selectColumn(c.name, typeWord(t, c.name))).join(', ');
    const from = `${qb(t.name.schema ?? 'dbo')}.${qb(t.name.name)}`;
    if (key.length === 0) return { sql: `SELECT ${cols} FROM ${from}`, params: [] };
    const k = after ? keysetWhere(key, qb, (i) => `@p${i}`, after) : undefined;
    return { sql: `SELECT TOP (${size}) ${cols} FROM ${from}${k ? ` WHERE ${k.where}` : ''} ORDER BY ${key.map(qb).join(', ')}`, params: k?.params ?? [] };
  },
};

/** Oracle values read as text where oracledb would round (NUMBER) or shift by the session zone (DATE, TIMESTAMP). */
function oracleColumn(t: Table, name: string): string {
  const w = typeWord(t, name);
  if (['number', 'float', 'integer', 'decimal'].includes(w)) return `TO_CHAR(${qo(name)}, 'TM9', 'NLS_NUMERIC_CHARACTERS=''.,''') AS ${qo(name)}`;
  if (w === 'date') return `TO_CHAR(${qo(name)}, 'YYYY-MM-DD HH24:MI:SS') AS ${qo(name)}`;
  if (w === 'timestamp') return `TO_CHAR(${qo(name)}, 'YYYY-MM-DD HH24:MI:SS.FF6') AS ${qo(name)}`;
  return qo(name);
}

export const ORACLE: PolledEngine<OraclePosition> = {
  label: 'Oracle',
  listTables: async (c) => (await c.query<{ S: string; T: string }>("SELECT t.OWNER AS S, t.TABLE_NAME AS T FROM ALL_TABLES t JOIN ALL_USERS u ON u.USERNAME = t.OWNER WHERE u.ORACLE_MAINTAINED = 'N' AND t.NESTED = 'NO' AND t.SECONDARY = 'N' ORDER BY 1, 2"))
    .map((r) => ({ schema: r.S, table: r.T })),
  check: checkLogMinerSettings,
  current: currentScn,
  reader: async (c, tables, from, idleMs) => startLogMinerReader(c, tables, from, { idleMs }),
  compare: (a, b) => { const x = BigInt(a.commitScn); const y = BigInt(b.commitScn); return x < y ? -1 : x > y ? 1 : 0; },
  show: (p) => `SCN ${p.commitScn}`,
  page(t, key, after, size) {
    const cols = t.columns.map((c) => oracleColumn(t, c.name)).join(', ');
    const from = `${qo(t.name.schema ?? '')}.${qo(t.name.name)}`;
    if (key.length === 0) return { sql: `SELECT ${cols} FROM ${from}`, params: [] };
    const k = after ? keysetWhere(key, qo, (i) => `:${i}`, after) : undefined;
    return { sql: `SELECT ${cols} FROM ${from}${k ? ` WHERE ${k.where}` : ''} ORDER BY ${key.map(qo).join(', ')} FETCH FIRST ${size} ROWS ONLY`, params: k?.params ?? [] };
  },
};

export function isPolledSource(def: TaskDefinition): boolean { return /^(sqlserver|mssql|oracle):/i.test(def.task.SourceUrl); }

/** Where the runner meets the source server: replaced in tests, the real drivers otherwise. */
export interface PolledSeams {
  connect(url: string): Promise<Connection>;
  catalog(url: string, schemas: string[]): Promise<Catalog>;
  idleMs?: number;
  pageRows?: number;
}

const REAL: PolledSeams = {
  connect: (url) => connect(url, { role: 'source' }),
  catalog: async (url, schemas) => (await extractCatalog(url, { schemas })).catalog,
};

async function reach(engine: PolledEngine<Position>, seams: PolledSeams, url: string): Promise<Connection> {
  try { return await seams.connect(url); } catch (e) {
    const where = (() => { try { const t = endpoint(url, 'source').target; return `${t.host}:${t.port}`; } catch { return 'the source'; } })();
    throw new SourceSettingsError(`cannot reach the ${engine.label} source at ${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function runPolledSourceTask(def: TaskDefinition, o: RunOptions, seams: PolledSeams = REAL): Promise<RunOutcome> {
  const engine = (/^oracle:/i.test(def.task.SourceUrl) ? ORACLE : SQLSERVER) as unknown as PolledEngine<Position>;
  const { task, settings } = def;
  const name = task.ReplicationTaskIdentifier;
  const cdc = task.MigrationType !== 'full-load';
  const load = task.MigrationType !== 'cdc';
  const notes = [...def.notImplemented];
  for (const n of def.notImplemented) o.log(`settings: ${n}`);
  const src = await reach(engine, seams, task.SourceUrl);
  let control: pg.Client | undefined;
  let phase = 'starting';
  const tables: RuntimeTable[] = [];
  let position: Position | undefined;
  const report = (): void => o.onState({ phase, tables, ...(position ? { position: position as never } : {}), notes });
  try {
    control = await openPg(endpoint(task.TargetUrl, 'target'), 'dbshift-apply');
    const selected = (await engine.listTables(src)).filter((t) => isSelected(def.mappings, t));
    if (selected.length === 0) throw new SourceSettingsError('the table mappings select no table on the source');
    o.log(`source (${engine.label}, not verified against a live server): ${selected.length} table(s) selected: ${selected.map((t) => `${t.schema}.${t.table}`).join(', ')}`);
    if (cdc) {
      const problems = await engine.check(src, selected);
      if (problems.length) throw new SourceSettingsError(`the source cannot be captured: ${problems.join('; ')}`);
    }
    await ensureControlTables(control);
    let ctl = await readControl(control, name);
    if (o.reload && ctl) { await control.query(`DELETE FROM ${qi(CONTROL_SCHEMA)}.positions WHERE task = $1`, [name]); ctl = undefined; }
    const catalog = await seams.catalog(task.SourceUrl, [...new Set(selected.map((t) => t.schema))]);
    const plan = planSchema(catalog, def.mappings, settings);
    for (const n of plan.notes) { o.log(`schema: ${n}`); notes.push(n); }
    const planned = plan.tables.filter((t) => selected.some((s) => s.schema === t.source.schema && s.table === t.source.table));
    const sourceTable = (s: TableName): Table => catalog.objects.find((x): x is Table => x.kind === 'Table' && x.name.name === s.table && (x.name.schema ?? s.schema) === s.schema)!;
    const ctx = (): ApplyContext => ({ client: control!, task: name, tables: new Map(tables.map((t) => [t.key, t])), log: o.log, noKeyChanges: task.NoKeyChanges ?? 'row-match' });

    let loadEnd: Position | undefined;
    if (load && (!ctl || ctl.phase === 'full-load')) {
      phase = 'full-load';
      const start = await engine.current(src);
      const restarted = ctl?.phase === 'full-load';
      await writeControl(control, name, 'full-load', null, { start });
      for (const t of planned) {
        await prepareTable(control, t, settings.FullLoadSettings.TargetTablePrepMode, o.log);
        // An interrupted load starts over: rows of a table without a key would otherwise be there twice.
        if (restarted) await control.query(`TRUNCATE ${qualified(t.target.schema, t.target.table)}`);
        tables.push(new RuntimeTable(t, await describeTable(control, t.target.schema, t.target.table)));
      }
      report();
      for (const t of tables) {
        if (o.signal.aborted) return 'stopped';
        await loadTable(engine, src, t, sourceTable(t.plan.source), ctx(), seams.pageRows ?? 2000, o);
        await syncIdentities(control, t.target);
        report();
      }
      await runAfterStatements(control, planned.flatMap((t) => t.after), o.log);
      if (!cdc) {
        phase = 'completed';
        await writeControl(control, name, 'completed', null);
        for (const t of tables) t.stats.state = 'loaded';
        return 'completed';
      }
      loadEnd = await engine.current(src);
      position = start;
      await writeControl(control, name, 'cached-changes', position, { start, end: loadEnd });
      o.log(`full load done; cached changes from ${engine.show(start)} to ${engine.show(loadEnd)} follow`);
      if (settings.FullLoadSettings.StopTaskCachedChangesNotApplied) { o.log('stopping: StopTaskCachedChangesNotApplied'); phase = 'cached-changes'; return 'stopped'; }
    } else {
      tables.push(...await resumedTables(control, planned, o));
      if (ctl?.phase === 'completed') { o.log('the task already completed its full load; use start to reload'); return 'completed'; }
      if (!ctl) {
        const now = await engine.current(src);
        await writeControl(control, name, 'cdc', now, { start: now });
        ctl = { phase: 'cdc', position: now, loadStart: { start: now } };
      }
      position = ctl.position as Position;
      loadEnd = (ctl.loadStart as { end?: Position } | null)?.end;
    }
    phase = ctl?.phase === 'cdc' || !loadEnd || engine.compare(position!, loadEnd) >= 0 ? 'cdc' : 'cached-changes';
    for (const t of tables) t.stats.state = 'cdc';
    const reader = await engine.reader(src, selected, position!, seams.idleMs ?? 1000);
    o.log(`capture: ${engine.label} changes after ${engine.show(position!)} (${phase})`);
    return await capture(engine, reader, {
      o, def, ctx, tables, loadEnd, report,
      phase: { get: () => phase, set: (p) => { phase = p; } },
      setPosition: (p) => { position = p; },
    });
  } finally {
    report();
    await src.close().catch(() => undefined);
    await control?.end().catch(() => undefined);
  }
}

async function loadTable(engine: PolledEngine<Position>, src: Connection, t: RuntimeTable, table: Table, ctx: ApplyContext, pageRows: number, o: RunOptions): Promise<void> {
  const started = performance.now();
  t.stats.state = 'loading';
  o.log(`full load: ${t.label} started`);
  const pk = table.constraints.find((c) => c.kind === 'PrimaryKey');
  const key = pk && 'columns' in pk ? (pk.columns as { column?: string }[]).map((c) => c.column!).filter(Boolean) : [];
  if (key.length === 0) o.log(`full load: ${t.label} has no primary key: read in one query (all rows in memory)`);
  const inserts = t.stats.inserts;
  let after: unknown[] | undefined;
  for (;;) {
    if (o.signal.aborted) return;
    const q = engine.page(table, key, after, pageRows);
    const rows = await src.query<Record<string, unknown>>(q.sql, q.params);
    if (rows.length) await applyChanges(ctx, rows.map((r): RowChange => ({ op: 'insert', schema: t.plan.source.schema, table: t.plan.source.table, after: r })), 'full-load');
    t.stats.fullLoadRows += rows.length;
    if (!key.length || rows.length < pageRows) break;
    after = key.map((k) => rows[rows.length - 1]![k]);
  }
  t.stats.inserts = inserts; // loaded rows are counted as full-load rows, not as inserts
  t.stats.loadSeconds = (performance.now() - started) / 1000;
  t.stats.state = 'loaded';
  o.log(`full load: ${t.label} loaded, ${t.stats.fullLoadRows} rows in ${t.stats.loadSeconds.toFixed(1)} s`);
}

interface CaptureCtx {
  o: RunOptions; def: TaskDefinition; ctx: () => ApplyContext; tables: RuntimeTable[]; loadEnd: Position | undefined;
  report(): void; phase: { get(): string; set(p: string): void }; setPosition(p: Position): void;
}

async function capture(engine: PolledEngine<Position>, reader: ChangeReader<Position>, l: CaptureCtx): Promise<RunOutcome> {
  const { o, def } = l;
  const name = def.task.ReplicationTaskIdentifier;
  const ctx = l.ctx();
  let waitingSince: number | undefined;
  const timer = setInterval(() => {
    if (waitingSince !== undefined && performance.now() - waitingSince > 1000) {
      markIdle(l.tables);
      // Nothing more to read: whatever changed up to the load's end is in.
      if (l.phase.get() === 'cached-changes') { l.phase.set('cdc'); o.log('cached changes applied; transactional apply from now on'); }
    }
    l.report();
  }, 1000);
  const onAbort = (): void => { void reader.stop(); };
  o.signal.addEventListener('abort', onAbort, { once: true });
  const batchSize = new BatchSize();
  try {
    for (;;) {
      waitingSince = performance.now();
      const first = await reader.next();
      waitingSince = undefined;
      if (!first) break;
      if (first.kind === 'ddl') { await reportDdl(ctx, def, first, l.phase.get()); l.setPosition(first.position); continue; }
      const batch: Extract<PolledEvent<Position>, { kind: 'txn' }>[] = [first];
      let size = first.changes.length;
      let pending: PolledEvent<Position> | undefined;
      while (size < batchSize.value) {
        const more = reader.take();
        if (!more) break;
        if (more.kind !== 'txn') { pending = more; break; }
        batch.push(more); size += more.changes.length;
      }
      const phase = l.phase.get();
      const t0 = performance.now();
      batchSize.record(await applyTransactions(ctx, batch as never, phase), performance.now() - t0);
      const last = batch[batch.length - 1]!.position;
      l.setPosition(last);
      if (phase === 'cached-changes' && l.loadEnd && engine.compare(last, l.loadEnd) >= 0) {
        l.phase.set('cdc');
        await writeControl(ctx.client, name, 'cdc', last);
        o.log(`cached changes applied (${l.tables.reduce((n, t) => n + t.stats.cachedChangesApplied, 0)} changes); transactional apply from now on`);
        if (def.settings.FullLoadSettings.StopTaskCachedChangesApplied) return 'stopped';
      }
      if (pending?.kind === 'ddl') { await reportDdl(ctx, def, pending, l.phase.get()); l.setPosition(pending.position); }
    }
    if (reader.error && !o.signal.aborted) throw new Error(`${engine.label} change reader: ${reader.error.message}`);
    return 'stopped';
  } finally {
    clearInterval(timer);
    o.signal.removeEventListener('abort', onAbort);
    await reader.stop();
  }
}

/** Source DDL (Oracle's redo carries it) is not translated to PostgreSQL here: reported, its position committed. */
async function reportDdl(ctx: ApplyContext, def: TaskDefinition, ev: Extract<PolledEvent<Position>, { kind: 'ddl' }>, phase: string): Promise<void> {
  const hit = [...ctx.tables.values()].filter((t) => t.plan.source.schema === ev.schema && ev.sql.toUpperCase().includes(t.plan.source.table.toUpperCase()));
  for (const t of hit) { t.stats.ddls++; t.stats.lastError = `DDL not applied: ${ev.sql.slice(0, 120)}`; }
  const policy = def.settings.ChangeProcessingDdlHandlingPolicy.HandleSourceTableAltered ? 'not applied automatically for this source' : 'not applied (HandleSourceTableAltered is false)';
  ctx.log(`action item REPL0002 (high): source DDL in ${ev.schema} ${policy}: ${ev.sql.slice(0, 200)} — apply the equivalent change on the target by hand`);
  await ctx.client.query('BEGIN');
  try { await writeControl(ctx.client, ctx.task, phase, ev.position); await ctx.client.query('COMMIT'); } catch (e) {
    await ctx.client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

// Runs a PostgreSQL → MariaDB/MySQL task the way DMS does. The task's replication slot is created
// with an exported snapshot before the load; the full load reads that snapshot, so the slot's
// changes (the cached changes) start exactly where the loaded rows end. Then transactional apply
// in source commit order, the commit LSN written to the target's control table in the same
// transaction; the slot is told (confirmed_flush_lsn) only after that commit, so a killed run
// resumes from the control table and the source still holds everything after it.
import type mysql from 'mysql2';
import type pg from 'pg';
import { extractCatalog } from '../extract/index.js';
import { closeMysql, endpoint, mysqlQuery, type Endpoint } from './endpoints.js';
import { planSchema, type PlannedTable } from './schema.js';
import { markIdle, RuntimeTable } from './runtime.js';
import {
  checkLogicalSettings, compareLsn, createSlotWithSnapshot, currentLsn, describePgSource, dropSlot, ensurePublication, listPgTables, openSourcePg,
  dropReplicationObjects, releaseSlot, replicationNames, slotLag, SourceSettingsError, type LsnPosition, type PgSourceTable,
} from './source/postgres.js';
import { deleteMyControl, describeMyTable, ensureMyControl, myQualified, myTableExists, openTargetMysql, readMyControl, writeMyControl, MY_CONTROL_DB } from './target/mysql.js';
import { pgToMysqlConverter } from './target/mysql-values.js';
import { loadPgTable } from './target/mysql-load.js';
import { isSelected, wildcard, type TaskDefinition } from './task/index.js';
import { startPgReader, type PgEvent, type PgReader } from './cdc/pgoutput.js';
import { applyPgTransactions } from './cdc/apply-mysql.js';
import { applyRelation } from './cdc/relation-apply.js';
import { BatchSize } from './cdc/batch-size.js';
import { qmy } from './endpoints.js';
import type { RunOptions, RunOutcome } from './runner.js';
import { existingPgSourceTables } from './tables.js';
import { validateTables } from './validate.js';
import { validatePgSourceTable } from './validate-pg.js';

const WAL_WARN_BYTES = 1024 ** 3;

function selectedSchemas(def: TaskDefinition, all: { schema: string; table: string }[]): string[] {
  const pats = def.mappings.rules.filter((r) => r['rule-type'] === 'selection' && r['rule-action'] !== 'exclude').map((r) => r['object-locator']['schema-name']);
  return [...new Set(all.filter((t) => pats.some((p) => wildcard(p, t.schema))).map((t) => t.schema))];
}

async function prepareMyTable(c: mysql.Connection, t: PlannedTable, mode: string, log: (m: string) => void): Promise<void> {
  const exists = await myTableExists(c, t.target.schema, t.target.table);
  await mysqlQuery(c, `CREATE DATABASE IF NOT EXISTS ${qmy(t.target.schema)}`);
  if (exists && mode === 'DROP_AND_CREATE') await mysqlQuery(c, `DROP TABLE ${myQualified(t.target.schema, t.target.table)}`);
  if (!exists || mode === 'DROP_AND_CREATE') {
    for (const s of t.create) await mysqlQuery(c, s);
    log(`target: created ${t.target.schema}.${t.target.table}`);
  } else if (mode === 'TRUNCATE_BEFORE_LOAD') await mysqlQuery(c, `DELETE FROM ${myQualified(t.target.schema, t.target.table)}`);
}

async function runAfter(c: mysql.Connection, stmts: string[], log: (m: string) => void): Promise<void> {
  for (const s of stmts) {
    try { await mysqlQuery(c, s); } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ER_DUP_KEYNAME' || code === 'ER_FK_DUP_NAME' || code === 'ER_DUP_CONSTRAINT_NAME') continue; // a rerun
      log(`after load: failed: ${s.split('\n')[0]}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

interface Prepared { tables: RuntimeTable[]; sources: Map<string, PgSourceTable>; sourceTypes: Map<string, Map<string, string>>; published: PgSourceTable[] }

export async function runPgSourceTask(def: TaskDefinition, o: RunOptions): Promise<RunOutcome> {
  const { task, settings } = def;
  const name = task.ReplicationTaskIdentifier;
  const { slot, publication } = replicationNames(name);
  const src: Endpoint = endpoint(task.SourceUrl, 'source');
  const tgt: Endpoint = endpoint(task.TargetUrl, 'target');
  const cdc = task.MigrationType !== 'full-load';
  const load = task.MigrationType !== 'cdc';
  const notes = [...def.notImplemented];
  for (const n of def.notImplemented) o.log(`settings: ${n}`);
  const source = await openSourcePg(src);
  const my = await openTargetMysql(tgt);
  let phase = 'starting';
  const tables: RuntimeTable[] = [];
  let position: LsnPosition | undefined;
  const report = (): void => o.onState({ phase, tables, ...(position ? { position: position as never } : {}), notes });
  try {
    if (cdc) {
      const problems = await checkLogicalSettings(source);
      if (problems.length) throw new SourceSettingsError(`the source cannot be captured: ${problems.join('; ')}`);
    }
    await ensureMyControl(my);
    let ctl = await readMyControl(my, name);
    if (o.reload && ctl) { await mysqlQuery(my, `DELETE FROM ${qmy(MY_CONTROL_DB)}.positions WHERE task = ?`, [name]); ctl = undefined; }

    const all = await listPgTables(source);
    const selected = all.filter((t) => isSelected(def.mappings, t));
    if (selected.length === 0) throw new SourceSettingsError('the table mappings select no table on the source');
    o.log(`source: ${selected.length} table(s) selected: ${selected.map((t) => `${t.schema}.${t.table}`).join(', ')}`);
    const extracted = await extractCatalog(task.SourceUrl, { schemas: selectedSchemas(def, selected) });
    const plan = planSchema(extracted.catalog, def.mappings, settings, 'mysql');
    for (const n of plan.notes) { o.log(`schema: ${n}`); notes.push(n); }
    const planned = plan.tables.filter((t) => selected.some((s) => s.schema === t.source.schema && s.table === t.source.table));
    const prep: Prepared = { tables, sources: new Map(), sourceTypes: new Map(), published: [] };
    for (const t of planned) {
      const info = await describePgSource(source, t.source.schema, t.source.table);
      prep.sources.set(`${t.source.schema}.${t.source.table}`, info);
      if (info.key.length === 0 && def.task.NoKeyChanges === 'skip') {
        const msg = `action item REPL0001 (high): ${t.source.schema}.${t.source.table} has no primary key: it is loaded, its changes are not replicated (NoKeyChanges is skip in task.json)`;
        o.log(msg); notes.push(msg);
      } else if (info.key.length === 0 && info.replicaIdentity !== 'full') {
        const msg = `action item REPL0001 (high): ${t.source.schema}.${t.source.table} has no primary key and REPLICA IDENTITY ${info.replicaIdentity.toUpperCase()}: it is loaded but left out of the publication (PostgreSQL would refuse UPDATE and DELETE on it otherwise); to replicate its changes: ALTER TABLE ${t.source.schema}.${t.source.table} REPLICA IDENTITY FULL, then reload`;
        o.log(msg); notes.push(msg);
      } else prep.published.push(info);
    }
    const runtime = async (t: PlannedTable): Promise<RuntimeTable> => {
      const key = `${t.source.schema}.${t.source.table}`;
      const types = new Map<string, string>();
      for (const c of prep.sources.get(key)!.columns) { const n = t.columnMap.get(c.name); if (n) types.set(n, c.type); }
      prep.sourceTypes.set(key, types);
      return new RuntimeTable(t, await describeMyTable(my, t.target.schema, t.target.table), (type, col) => pgToMysqlConverter(types.get(col), type));
    };

    const needLoad = load && (!ctl || ctl.phase === 'full-load');
    let loadEnd: string | undefined;
    if (needLoad) {
      phase = 'full-load';
      let snap: Awaited<ReturnType<typeof createSlotWithSnapshot>> | undefined;
      if (cdc) {
        if (prep.published.length) await ensurePublication(source, publication, prep.published);
        if (await dropSlot(source, slot)) o.log(`source: dropped the previous replication slot ${slot} (the load starts over)`);
        snap = await createSlotWithSnapshot(src, slot);
        o.log(`source: replication slot ${slot} created at ${snap.lsn} (publication ${publication}); the full load reads its snapshot`);
      }
      try {
        await writeMyControl(my, name, 'full-load', null, { start: snap?.lsn ?? null });
        for (const t of planned) await prepareMyTable(my, t, settings.FullLoadSettings.TargetTablePrepMode, o.log);
        for (const t of planned) tables.push(await runtime(t));
        report();
        const timer = setInterval(report, 1000);
        try { await fullLoadPg(tables, prep, src, tgt, snap?.snapshot, settings.FullLoadSettings.MaxFullLoadSubTasks, o); } finally { clearInterval(timer); }
      } finally { await snap?.close(); }
      if (o.signal.aborted) return 'stopped';
      const failed = tables.filter((t) => t.stats.state === 'error');
      if (failed.length) throw new Error(`full load failed for ${failed.map((t) => `${t.key} (${t.stats.lastError})`).join('; ')}`);
      await runAfter(my, planned.flatMap((t) => t.after), o.log);
      if (!cdc) {
        phase = 'completed';
        await writeMyControl(my, name, 'completed', null);
        for (const t of tables) t.stats.state = 'loaded';
        return 'completed';
      }
      loadEnd = await currentLsn(source);
      position = { lsn: snap!.lsn };
      await writeMyControl(my, name, 'cached-changes', position, { start: snap!.lsn, end: loadEnd });
      o.log(`full load done; cached changes from ${snap!.lsn} to ${loadEnd} follow`);
      if (settings.FullLoadSettings.StopTaskCachedChangesNotApplied) { o.log('stopping: StopTaskCachedChangesNotApplied'); phase = 'cached-changes'; return 'stopped'; }
    } else {
      for (const t of planned) {
        if (!(await myTableExists(my, t.target.schema, t.target.table))) await prepareMyTable(my, t, 'DO_NOTHING', o.log);
        const rt = await runtime(t);
        const prev = o.previousStats?.[rt.key];
        if (prev) Object.assign(rt.stats, prev, { lastError: prev.lastError });
        tables.push(rt);
      }
      if (ctl?.phase === 'completed') { o.log('the task already completed its full load; use start to reload'); return 'completed'; }
      if (!ctl) {
        if (prep.published.length) await ensurePublication(source, publication, prep.published);
        await dropSlot(source, slot);
        const s = await createSlotWithSnapshot(src, slot);
        await s.close();
        position = { lsn: s.lsn };
        await writeMyControl(my, name, 'cdc', position, { start: s.lsn });
        ctl = { phase: 'cdc', position, loadStart: { start: s.lsn } };
      }
      position = ctl.position as LsnPosition;
      loadEnd = (ctl.loadStart as { end?: string } | null)?.end;
      const lag = await slotLag(source, slot);
      if (!lag) throw new SourceSettingsError(`the replication slot ${slot} is gone from the source; the saved position cannot be resumed: reload the task with dbshift replicate start`);
    }
    phase = ctl?.phase === 'cdc' || !loadEnd ? 'cdc' : 'cached-changes';
    for (const t of tables) t.stats.state = 'cdc';
    return await capturePg(def, o, { source, my, tables, prep, slot, publication, position: position!, loadEnd, src,
      phaseRef: { get: () => phase, set: (p) => { phase = p; } }, report, setPosition: (p) => { position = p; } });
  } finally {
    report();
    await closeMysql(my);
    await source.end().catch(() => undefined);
  }
}

async function fullLoadPg(tables: RuntimeTable[], prep: Prepared, src: Endpoint, tgt: Endpoint, snapshot: string | undefined, subTasks: number, o: RunOptions): Promise<void> {
  const queue = [...tables];
  const worker = async (): Promise<void> => {
    const c = await openTargetMysql(tgt);
    try {
      for (let t = queue.shift(); t; t = queue.shift()) {
        if (o.signal.aborted) return;
        const started = performance.now();
        t.stats.state = 'loading';
        o.log(`full load: ${t.label} started`);
        const cols = prep.sources.get(t.key)!.columns.map((x) => x.name).filter((n) => t.plan.columnMap.get(n) !== undefined);
        try {
          const table = t;
          t.stats.fullLoadRows = await loadPgTable(t, cols, src, snapshot, c, (r) => { table.stats.fullLoadRows = r; }, o.signal);
        } catch (e) {
          if (o.signal.aborted) return;
          t.stats.state = 'error';
          t.stats.lastError = e instanceof Error ? e.message : String(e);
          o.log(`full load: ${t.label} failed: ${t.stats.lastError}`);
          continue;
        }
        t.stats.loadSeconds = (performance.now() - started) / 1000;
        t.stats.state = 'loaded';
        o.log(`full load: ${t.label} loaded, ${t.stats.fullLoadRows} rows in ${t.stats.loadSeconds.toFixed(1)} s`);
      }
    } finally { await closeMysql(c); }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(subTasks, tables.length)) }, () => worker()));
}

interface PgLoopCtx {
  source: pg.Client; my: mysql.Connection; tables: RuntimeTable[]; prep: Prepared; slot: string; publication: string; src: Endpoint;
  position: LsnPosition; loadEnd: string | undefined;
  phaseRef: { get(): string; set(p: string): void };
  report(): void; setPosition(p: LsnPosition): void;
}

async function capturePg(def: TaskDefinition, o: RunOptions, l: PgLoopCtx): Promise<RunOutcome> {
  const name = def.task.ReplicationTaskIdentifier;
  const byKey = new Map(l.tables.map((t) => [t.key, t]));
  await releaseSlot(l.source, l.slot, o.log);
  const reader: PgReader = startPgReader(l.src, l.slot, l.publication, l.position.lsn);
  o.log(`capture: logical decoding from slot ${l.slot} at ${l.position.lsn} (${l.phaseRef.get()})`);
  const relationCtx = { target: l.my, source: l.source, tables: byKey, sourceTypes: l.prep.sourceTypes, log: o.log, alterAllowed: def.settings.ChangeProcessingDdlHandlingPolicy.HandleSourceTableAltered };
  let validation: Promise<void> | undefined;
  const toCdc = async (): Promise<boolean> => {
    l.phaseRef.set('cdc');
    await writeMyControl(l.my, name, 'cdc', l.position);
    o.log(`cached changes applied (${l.tables.reduce((n, t) => n + t.stats.cachedChangesApplied, 0)} changes); transactional apply from now on`);
    if (def.settings.ValidationSettings.EnableValidation) validation = validateAfterLoad(def, o);
    return def.settings.FullLoadSettings.StopTaskCachedChangesApplied;
  };
  let stopAfterCached = false;
  let applying = false;
  const batchSize = new BatchSize();
  let lastLagCheck = -Infinity; // the first tick reports what the slot holds at (re)start, then every 30 s
  const tick = async (): Promise<void> => {
    // Waiting for changes with none in flight: nothing lags (the last batch's lag would stay otherwise).
    if (!applying && !reader.inTransaction) markIdle(l.tables);
    l.report();
    // Idle with nothing past the load's end to apply: the cached changes are in.
    if (l.phaseRef.get() === 'cached-changes' && l.loadEnd && !reader.inTransaction && !applying) {
      if (reader.walEnd && compareLsn(reader.walEnd, l.loadEnd) >= 0) stopAfterCached ||= await toCdc();
      else reader.ping();
    }
    if (performance.now() - lastLagCheck > 30_000) {
      lastLagCheck = performance.now();
      const lag = await slotLag(l.source, l.slot).catch(() => undefined);
      if (lag && lag.retainedBytes > WAL_WARN_BYTES) o.log(`warning: replication slot ${l.slot} holds ${(lag.retainedBytes / 1024 ** 2).toFixed(0)} MB of WAL on the source (confirmed position ${(lag.lagBytes / 1024 ** 2).toFixed(0)} MB behind): the source's disk fills while the task lags or is stopped; delete the task (drops the slot) if it will not resume`);
      else if (lag) o.log(`source: slot ${l.slot} holds ${(lag.retainedBytes / 1024 ** 2).toFixed(1)} MB of WAL, ${lag.lagBytes} bytes not yet confirmed`);
    }
  };
  let ticking = false;
  const timer = setInterval(() => { if (ticking) return; ticking = true; void tick().catch(() => undefined).finally(() => { ticking = false; }); }, 1000);
  const onAbort = (): void => { void reader.stop(); };
  o.signal.addEventListener('abort', onAbort, { once: true });
  try {
    reader.confirm(l.position.lsn);
    for (;;) {
      if (stopAfterCached) return 'stopped';
      applying = false;
      const first = await reader.next();
      if (!first) break;
      applying = true;
      if (first.kind === 'relation') { await applyRelation(relationCtx, first); continue; }
      const batch: Extract<PgEvent, { kind: 'txn' }>[] = [first];
      let size = first.changes.length;
      let pending: PgEvent | undefined;
      while (size < batchSize.value) {
        const more = reader.take();
        if (!more) break;
        if (more.kind !== 'txn') { pending = more; break; }
        batch.push(more); size += more.changes.length;
      }
      const phase = l.phaseRef.get();
      const t0 = performance.now();
      batchSize.record(await applyPgTransactions({ client: l.my, task: name, tables: byKey, log: o.log, truncateAllowed: def.settings.ChangeProcessingDdlHandlingPolicy.HandleSourceTableTruncated }, batch, phase), performance.now() - t0);
      l.position = batch[batch.length - 1]!.position;
      l.setPosition(l.position);
      reader.confirm(l.position.lsn);
      if (phase === 'cached-changes' && l.loadEnd && compareLsn(l.position.lsn, l.loadEnd) >= 0) stopAfterCached ||= await toCdc();
      if (pending) await applyRelation(relationCtx, pending as Extract<PgEvent, { kind: 'relation' }>);
    }
    if (reader.error && !o.signal.aborted) throw new Error(`logical decoding: ${reader.error.message}`);
    return 'stopped';
  } finally {
    clearInterval(timer);
    o.signal.removeEventListener('abort', onAbort);
    await reader.stop();
    await validation;
  }
}

/**
 * EnableValidation: once the load and its cached changes are in, each table is compared (its own
 * connections, beside the apply). Changes keep flowing, so a difference may be one in flight: each
 * table is compared again before one is reported, and `replicate validate` on a quiet source decides.
 */
async function validateAfterLoad(def: TaskDefinition, o: RunOptions): Promise<void> {
  try {
    const { tables, missing, sources } = await existingPgSourceTables(def);
    const src = endpoint(def.task.SourceUrl, 'source'); const tgt = endpoint(def.task.TargetUrl, 'target');
    const v = def.settings.ValidationSettings;
    const opts = { partitionSize: v.PartitionSize, maxListed: v.FailureMaxCount };
    for (const m of missing) o.log(`validation: MISMATCH ${m} (missing on the target)`);
    for (const t of tables) {
      if (o.signal.aborted) return;
      const [r] = await validateTables(src, tgt, [t], opts, (x) => validatePgSourceTable(src, tgt, x, sources.get(x.key)!, opts));
      o.log(`validation: ${r!.ok ? 'OK' : 'MISMATCH'} ${r!.table} (${r!.sourceRows}/${r!.targetRows} rows${r!.ok ? '' : `; changes in flight can show as differences: run replicate validate when the source is quiet`})`);
    }
  } catch (e) {
    if (!o.signal.aborted) o.log(`validation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function isPgSource(def: TaskDefinition): boolean { return /^postgres(ql)?:/i.test(def.task.SourceUrl); }

/** Task delete for a PostgreSQL source: its slot (which holds WAL) and publication go, and its control row. */
export async function deletePgSourceTask(def: TaskDefinition, log?: (m: string) => void): Promise<void> {
  const dropped = await dropReplicationObjects(endpoint(def.task.SourceUrl, 'source'), def.task.ReplicationTaskIdentifier);
  for (const d of dropped) log?.(`source: dropped ${d}`);
  const my = await openTargetMysql(endpoint(def.task.TargetUrl, 'target'));
  try { await deleteMyControl(my, def.task.ReplicationTaskIdentifier); } finally { await closeMysql(my); }
}

export async function readPgSourceControl(def: TaskDefinition): Promise<unknown> {
  const my = await openTargetMysql(endpoint(def.task.TargetUrl, 'target'));
  try { return await readMyControl(my, def.task.ReplicationTaskIdentifier); } finally { await closeMysql(my); }
}

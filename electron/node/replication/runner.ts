// Runs a task the way DMS does: capture position taken before the load, full load of the selected
// tables in parallel, cached changes (the binlog since that position) applied after the load, then
// transactional apply in source commit order. All progress that matters for correctness lives in
// the target's control table, so a killed run resumes where its last commit left off.
import type pg from 'pg';
import { extractCatalog } from '../extract/index.js';
import { closeMysql, endpoint, openMysql, openPg, type Endpoint } from './endpoints.js';
import { planSchema, type PlannedTable } from './schema.js';
import { markIdle, RuntimeTable, type TableStats } from './runtime.js';
import { binlogExists, checkBinlogSettings, currentPosition, listTables, SourceSettingsError, type BinlogPosition } from './source/mysql.js';
import { CONTROL_SCHEMA, describeTable, ensureControlTables, qualified, readControl, syncIdentities, tableExists, writeControl } from './target/postgres.js';
import { isSelected, wildcard, type TaskDefinition } from './task/index.js';
import { fullLoad } from './fullload.js';
import { snapshotPosition } from './cdc/snapshot-position.js';
import { runPgSourceTask } from './runner-pg.js';
import { isPolledSource, runPolledSourceTask } from './runner-polled.js';
import { comparePositions, startBinlogReader, type BinlogReader, type SourceEvent } from './cdc/binlog.js';
import { withoutLoadedChanges, type LoadedSnapshots } from './cdc/loaded-snapshots.js';
import { ChangeCache } from './cdc/change-cache.js';
import { BatchSize } from './cdc/batch-size.js';
import { applyTransactions } from './cdc/apply.js';
import { applyDdl } from './cdc/ddl-apply.js';
import { qi } from './endpoints.js';

export interface RunOptions {
  log: (msg: string) => void;
  signal: AbortSignal;
  /** Fresh start: forget the saved position and load again. */
  reload: boolean;
  /** Statistics of the previous run of this task (kept across resumes). */
  previousStats?: Record<string, TableStats>;
  onState: (s: { phase: string; tables: RuntimeTable[]; position?: BinlogPosition; notes: string[] }) => void;
}

export type RunOutcome = 'completed' | 'stopped';

const IGNORABLE = new Set(['42P07', '42710']); // already exists: a rerun of the after-load statements

export async function runAfterStatements(c: pg.Client, stmts: string[], log: (m: string) => void): Promise<void> {
  for (const s of stmts) {
    try { await c.query(s); } catch (e) {
      const code = (e as { code?: string }).code;
      if (code && IGNORABLE.has(code)) continue;
      log(`after load: failed: ${s.split('\n')[0]}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/**
 * InnoDB does not write the effects of ON DELETE CASCADE / SET NULL to the binlog: the replica's
 * own foreign keys repeat them. Until the target's keys exist (they are created when the cached
 * changes are in), such effects are missing; this repeats them once, before the keys are added.
 */
async function removeCascadeOrphans(c: pg.Client, fks: string[], log: (m: string) => void): Promise<void> {
  for (const s of fks) {
    const m = /^ALTER TABLE (\S+) ADD CONSTRAINT \S+ FOREIGN KEY \(([^)]*)\) REFERENCES (\S+) \(([^)]*)\)(.*)$/s.exec(s);
    if (!m) continue;
    const [, child, cols, parent, refCols, rest] = m as unknown as [string, string, string, string, string, string];
    const action = /ON DELETE (CASCADE|SET NULL)/.exec(rest)?.[1];
    if (!action) continue;
    const cc = cols.split(', '); const pc = refCols.split(', ');
    const orphan = `${cc.map((x) => `${x} IS NOT NULL`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE ${cc.map((x, i) => `p.${pc[i]} = ${child}.${x}`).join(' AND ')})`;
    const r = action === 'CASCADE'
      ? await c.query(`DELETE FROM ${child} WHERE ${orphan}`)
      : await c.query(`UPDATE ${child} SET ${cc.map((x) => `${x} = NULL`).join(', ')} WHERE ${orphan}`);
    if (r.rowCount) log(`cached changes: ${r.rowCount} row(s) of ${child} ${action === 'CASCADE' ? 'deleted' : 'set to NULL'} as the source's ON DELETE ${action} did (cascades are not in the binlog)`);
  }
}

/** A resumed task's tables on a PostgreSQL target (created when missing), with the statistics they had. */
export async function resumedTables(control: pg.Client, planned: PlannedTable[], o: Pick<RunOptions, 'previousStats' | 'log'>): Promise<RuntimeTable[]> {
  const tables: RuntimeTable[] = [];
  for (const t of planned) {
    if (!(await tableExists(control, t.target.schema, t.target.table))) await prepareTable(control, t, 'DO_NOTHING', o.log);
    const rt = new RuntimeTable(t, await describeTable(control, t.target.schema, t.target.table));
    const prev = o.previousStats?.[rt.key];
    if (prev) Object.assign(rt.stats, prev, { lastError: prev.lastError });
    tables.push(rt);
  }
  return tables;
}

export async function prepareTable(c: pg.Client, t: PlannedTable, mode: string, log: (m: string) => void): Promise<void> {
  const exists = await tableExists(c, t.target.schema, t.target.table);
  await c.query(`CREATE SCHEMA IF NOT EXISTS ${qi(t.target.schema)}`);
  if (exists && mode === 'DROP_AND_CREATE') {
    await c.query(`DROP TABLE ${qualified(t.target.schema, t.target.table)} CASCADE`);
    for (const ty of t.typeNames) await c.query(`DROP TYPE IF EXISTS ${ty} CASCADE`);
  }
  if (!exists || mode === 'DROP_AND_CREATE') {
    for (const s of t.create) {
      try { await c.query(s); } catch (e) {
        if (/^CREATE TYPE/.test(s) && (e as { code?: string }).code === '42710') continue;
        throw e;
      }
    }
    log(`target: created ${t.target.schema}.${t.target.table}`);
  } else if (mode === 'TRUNCATE_BEFORE_LOAD') {
    await c.query(`TRUNCATE ${qualified(t.target.schema, t.target.table)}`);
  }
}

function selectedSchemas(def: TaskDefinition, all: { schema: string; table: string }[]): string[] {
  const pats = def.mappings.rules.filter((r) => r['rule-type'] === 'selection' && r['rule-action'] !== 'exclude').map((r) => r['object-locator']['schema-name']);
  return [...new Set(all.filter((t) => pats.some((p) => wildcard(p, t.schema))).map((t) => t.schema))];
}

export async function runTask(def: TaskDefinition, o: RunOptions): Promise<RunOutcome> {
  if (/^postgres(ql)?:/i.test(def.task.SourceUrl)) return runPgSourceTask(def, o);
  if (isPolledSource(def)) return runPolledSourceTask(def, o);
  const { task, settings } = def;
  const name = task.ReplicationTaskIdentifier;
  const src: Endpoint = endpoint(task.SourceUrl, 'source');
  const tgt: Endpoint = endpoint(task.TargetUrl, 'target');
  const cdc = task.MigrationType !== 'full-load';
  const load = task.MigrationType !== 'cdc';
  const notes = [...def.notImplemented];
  for (const n of def.notImplemented) o.log(`settings: ${n}`);
  const my = openMysql(src);
  const control = await openPg(tgt, 'dbshift-apply');
  let phase = 'starting';
  const tables: RuntimeTable[] = [];
  let position: BinlogPosition | undefined;
  const report = (): void => o.onState({ phase, tables, ...(position ? { position } : {}), notes });
  let reader: BinlogReader | undefined;
  let cache: ChangeCache | undefined;
  let cacheClient: pg.Client | undefined;
  try {
    if (cdc) {
      const problems = await checkBinlogSettings(my);
      if (problems.length) throw new SourceSettingsError(`the source cannot be captured: ${problems.join('; ')}`);
    }
    await ensureControlTables(control);
    let ctl = await readControl(control, name);
    if (o.reload && ctl) { await control.query(`DELETE FROM ${qi(CONTROL_SCHEMA)}.positions WHERE task = $1`, [name]); ctl = undefined; }

    const all = await listTables(my);
    const selected = all.filter((t) => isSelected(def.mappings, t));
    if (selected.length === 0) throw new SourceSettingsError('the table mappings select no table on the source');
    o.log(`source: ${selected.length} table(s) selected: ${selected.map((t) => `${t.schema}.${t.table}`).join(', ')}`);
    const extracted = await extractCatalog(task.SourceUrl, { schemas: selectedSchemas(def, selected) });
    const plan = planSchema(extracted.catalog, def.mappings, settings);
    for (const n of plan.notes) { o.log(`schema: ${n}`); notes.push(n); }
    const planned = plan.tables.filter((t) => selected.some((s) => s.schema === t.source.schema && s.table === t.source.table));

    const needLoad = load && (!ctl || ctl.phase === 'full-load');
    let loadEnd: BinlogPosition | undefined;
    let snapshots: LoadedSnapshots | undefined;
    if (needLoad) {
      phase = 'full-load';
      const start = cdc ? await snapshotPosition(my, o.log) : undefined;
      await writeControl(control, name, 'full-load', null, { start: start ?? null });
      for (const t of planned) await prepareTable(control, t, settings.FullLoadSettings.TargetTablePrepMode, o.log);
      for (const t of planned) tables.push(new RuntimeTable(t, await describeTable(control, t.target.schema, t.target.table)));
      report();
      const timer = setInterval(report, 1000);
      // Changes during the load: read from `start`, cached per table, applied right after its load.
      const byKey = new Map(tables.map((t) => [t.key, t]));
      if (cdc) {
        cacheClient = await openPg(tgt, 'dbshift-cached-changes');
        reader = startBinlogReader(src, start!, (s, t) => byKey.has(`${s}.${t}`), serverIdFor(name));
        cache = new ChangeCache(reader, cacheClient, name, byKey, o.log, settings.ChangeProcessingDdlHandlingPolicy, start!, task.NoKeyChanges ?? 'row-match');
        cache.start();
      }
      try {
        await fullLoad(tables, {
          source: src, target: tgt, subTasks: settings.FullLoadSettings.MaxFullLoadSubTasks, mappings: def.mappings, log: o.log, signal: o.signal,
          onTableLoaded: async (t, c) => {
            if (t.plan.deferredPk) await c.query(`ALTER TABLE ${qualified(t.target.schema, t.target.table)} ADD PRIMARY KEY (${t.plan.deferredPk})`);
            await syncIdentities(c, t.target);
            t.refresh(await describeTable(c, t.target.schema, t.target.table));
            await cache?.tableLoaded(t);
          },
          ...(cache ? { beforeSelect: (seg, conn) => cache!.segmentSnapshot(seg.table, conn) } : {}),
        });
      } finally { clearInterval(timer); }
      if (o.signal.aborted) return 'stopped';
      const failed = tables.filter((t) => t.stats.state === 'error');
      if (failed.length) throw new Error(`full load failed for ${failed.map((t) => `${t.key} (${t.stats.lastError})`).join('; ')}`);
      // Secondary indexes now; foreign keys once the cached changes are in (their replay may pass through states the keys forbid).
      const indexes = planned.flatMap((t) => t.after.filter((s) => !/FOREIGN KEY/.test(s)));
      await runAfterStatements(control, indexes, o.log);
      if (!cdc) {
        await runAfterStatements(control, planned.flatMap((t) => t.after.filter((s) => /FOREIGN KEY/.test(s))), o.log);
        phase = 'completed';
        await writeControl(control, name, 'completed', null);
        for (const t of tables) t.stats.state = 'loaded';
        report();
        return 'completed';
      }
      loadEnd = await currentPosition(my);
      // Every change up to where the cache stopped reading is on the target; the reader goes on from there.
      position = await cache!.finish();
      snapshots = cache!.loadedSnapshots();
      await writeControl(control, name, 'cached-changes', position, { start, end: loadEnd, snapshots });
      o.log(`full load done; changes up to ${position.file}:${position.pos} applied per table; cached changes to ${loadEnd.file}:${loadEnd.pos} follow`);
      if (settings.FullLoadSettings.StopTaskCachedChangesNotApplied) { o.log('stopping: StopTaskCachedChangesNotApplied'); phase = 'cached-changes'; report(); return 'stopped'; }
    } else {
      tables.push(...await resumedTables(control, planned, o));
      if (!ctl) {
        position = await snapshotPosition(my, o.log);
        await writeControl(control, name, 'cdc', position, { start: position });
        ctl = { phase: 'cdc', position, loadStart: { start: position } };
      } else if (ctl.phase === 'completed') {
        o.log('the task already completed its full load; use start to reload');
        return 'completed';
      }
      position = ctl.position as BinlogPosition;
      loadEnd = (ctl.loadStart as { end?: BinlogPosition } | null)?.end;
      snapshots = (ctl.loadStart as { snapshots?: LoadedSnapshots } | null)?.snapshots;
      if (!(await binlogExists(my, position.file))) {
        throw new SourceSettingsError(`binlog ${position.file} is no longer on the source (purged); the saved position cannot be resumed: reload the task with dbshift replicate start`);
      }
    }
    phase = ctl?.phase === 'cdc' || !loadEnd ? 'cdc' : 'cached-changes';
    for (const t of tables) t.stats.state = 'cdc';
    const handed = reader;
    reader = undefined;
    return await captureLoop(def, o, { src, control, tables, planned, position: position!, loadEnd, snapshots, ...(handed ? { reader: handed } : {}), phaseRef: { get: () => phase, set: (p) => { phase = p; } }, report, setPosition: (p) => { position = p; } });
  } finally {
    await reader?.stop();
    await cacheClient?.end().catch(() => undefined);
    report();
    await closeMysql(my);
    await control.end().catch(() => undefined);
  }
}

interface LoopCtx {
  src: Endpoint; control: pg.Client; tables: RuntimeTable[]; planned: PlannedTable[];
  position: BinlogPosition; loadEnd: BinlogPosition | undefined;
  /** Until the cached changes are in: changes each table's loaded rows already hold are skipped. */
  snapshots: LoadedSnapshots | undefined;
  /** Already reading from `position` (the full load's change cache handed it over). */
  reader?: BinlogReader;
  phaseRef: { get(): string; set(p: string): void };
  report(): void; setPosition(p: BinlogPosition): void;
}


function serverIdFor(task: string): number {
  return 10_000 + (Math.abs([...task].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, 7)) % 1_000_000);
}

async function captureLoop(def: TaskDefinition, o: RunOptions, l: LoopCtx): Promise<RunOutcome> {
  const name = def.task.ReplicationTaskIdentifier;
  const byKey = new Map(l.tables.map((t) => [t.key, t]));
  const reader = l.reader ?? startBinlogReader(l.src, l.position, (s, t) => byKey.has(`${s}.${t}`), serverIdFor(name));
  o.log(`capture: reading the binlog from ${l.position.file}:${l.position.pos} (${l.phaseRef.get()})`);
  let waitingSince: number | undefined;
  const timer = setInterval(() => {
    // Waiting for changes for a second with none queued: nothing lags (the last batch's lag would stay otherwise).
    if (waitingSince !== undefined && performance.now() - waitingSince > 1000) markIdle(l.tables);
    l.report();
  }, 1000);
  let applied = 0;
  let lastTick = performance.now();
  const batchSize = new BatchSize();
  const onAbort = (): void => { void reader.stop(); };
  o.signal.addEventListener('abort', onAbort, { once: true });
  const caughtUp = async (pos: BinlogPosition): Promise<boolean> => {
    if (l.phaseRef.get() !== 'cached-changes' || !l.loadEnd || comparePositions(pos, l.loadEnd) < 0) return false;
    const fks = l.planned.flatMap((t) => t.after.filter((s) => /FOREIGN KEY/.test(s)));
    await removeCascadeOrphans(l.control, fks, o.log);
    await runAfterStatements(l.control, fks, o.log);
    l.phaseRef.set('cdc');
    await writeControl(l.control, name, 'cdc', pos);
    o.log(`cached changes applied (${l.tables.reduce((n, t) => n + t.stats.cachedChangesApplied, 0)} changes); transactional apply from now on`);
    return def.settings.FullLoadSettings.StopTaskCachedChangesApplied;
  };
  try {
    if (await caughtUp(l.position)) return 'stopped';
    for (;;) {
      waitingSince = performance.now();
      const first = await reader.next();
      waitingSince = undefined;
      if (!first) break;
      const batch: SourceEvent[] = [first];
      let size = first.kind === 'txn' ? first.changes.length : 0;
      while (first.kind === 'txn' && size < batchSize.value) {
        const more = reader.take();
        if (!more) break;
        if (more.kind !== 'txn') { await flush(batch); batch.length = 0; batch.push(more); break; }
        batch.push(more); size += more.changes.length;
      }
      await flush(batch);
      if (await caughtUp(l.position)) return 'stopped';
    }
    if (reader.error && !o.signal.aborted) throw new Error(`binlog reader: ${reader.error.message}`);
    return 'stopped';
  } finally {
    clearInterval(timer);
    o.signal.removeEventListener('abort', onAbort);
    await reader.stop();
  }

  async function flush(batch: SourceEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const head = batch[0]!;
    if (head.kind === 'ddl') {
      await applyDdl({ client: l.control, task: name, tables: byKey, log: o.log, policy: def.settings.ChangeProcessingDdlHandlingPolicy }, head, l.phaseRef.get());
      l.position = head.position;
      l.setPosition(l.position);
      l.report();
    } else {
      const read = batch as Extract<SourceEvent, { kind: 'txn' }>[];
      const txns = l.phaseRef.get() === 'cached-changes' ? withoutLoadedChanges(read, l.snapshots) : read;
      const t0 = performance.now();
      const n = await applyTransactions({ client: l.control, task: name, tables: byKey, log: o.log, noKeyChanges: def.task.NoKeyChanges ?? 'row-match' }, txns, l.phaseRef.get());
      batchSize.record(n, performance.now() - t0);
      applied += n;
      if (performance.now() - lastTick > 10_000) {
        o.log(`apply: ${applied} change(s) in ${((performance.now() - lastTick) / 1000).toFixed(0)} s, at ${txns[txns.length - 1]!.position.file}:${txns[txns.length - 1]!.position.pos}`);
        applied = 0; lastTick = performance.now();
      }
      l.position = txns[txns.length - 1]!.position;
    }
    l.setPosition(l.position);
  }
}

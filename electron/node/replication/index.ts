// Replication tasks: create, start, resume, stop, delete, status, logs and validation over a task
// folder (task.json + the DMS task settings and table mappings, plus state.json and task.log).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { endpoint, openPg } from './endpoints.js';
import { runTask, type RunOutcome } from './runner.js';
import { deletePgSourceTask, isPgSource, readPgSourceControl } from './runner-pg.js';
import { isAlive, LOG_FILE, readState, taskLogger, writeState, type TaskState } from './state.js';
import { deleteControl, readControl } from './target/postgres.js';
import { existingPgSourceTables, existingTables } from './tables.js';
import {
  loadTaskDefinition, MAPPINGS_FILE, parseTableMappings, parseTaskFile, parseTaskSettings, SETTINGS_FILE, TASK_FILE,
  type MigrationType,
} from './task/index.js';
import { missingTable, validateTables, type TableValidation } from './validate.js';
import { validatePgSourceTable } from './validate-pg.js';
import type { TableStats } from './runtime.js';

export * from './task/index.js';
export { validationLines, type TableValidation } from './validate.js';
export { readState, type TaskState } from './state.js';

export interface CreateOptions {
  id: string;
  type: MigrationType;
  sourceUrl: string;
  targetUrl: string;
  settingsText?: string;
  mappingsText?: string;
}

/** Writes and validates a task folder (refuses to overwrite one). */
export function createTask(dir: string, o: CreateOptions): { notImplemented: string[] } {
  if (existsSync(join(dir, TASK_FILE))) throw new Error(`${dir} already holds a task (${TASK_FILE}); delete it first`);
  const taskText = `${JSON.stringify({ ReplicationTaskIdentifier: o.id, MigrationType: o.type, SourceUrl: o.sourceUrl, TargetUrl: o.targetUrl }, null, 2)}\n`;
  parseTaskFile(taskText);
  const settingsText = o.settingsText ?? '{}\n';
  const { notImplemented } = parseTaskSettings(settingsText);
  const mappingsText = o.mappingsText ?? `${JSON.stringify({ rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': '%', 'table-name': '%' }, 'rule-action': 'include' }] }, null, 2)}\n`;
  parseTableMappings(mappingsText);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, TASK_FILE), taskText);
  writeFileSync(join(dir, SETTINGS_FILE), settingsText);
  writeFileSync(join(dir, MAPPINGS_FILE), mappingsText);
  writeState(dir, { status: 'created', tables: {} });
  return { notImplemented };
}

export interface StartOptions { reload: boolean; echo?: (line: string) => void; signal?: AbortSignal }

/** Runs the task in this process until it completes, is stopped (SIGTERM / stop) or fails. */
export async function startTask(dir: string, o: StartOptions): Promise<RunOutcome> {
  const def = await loadTaskDefinition(dir);
  const prev = readState(dir);
  if (prev.pid && prev.pid !== process.pid && isAlive(prev.pid) && (prev.status === 'running' || prev.status === 'starting')) {
    throw new Error(`task ${def.task.ReplicationTaskIdentifier} is already running (pid ${prev.pid})`);
  }
  const log = taskLogger(dir, o.echo);
  const ac = new AbortController();
  o.signal?.addEventListener('abort', () => ac.abort(), { once: true });
  const onTerm = (): void => { log('stop requested'); state.status = 'stopping'; writeState(dir, state); ac.abort(); };
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onTerm);
  const state: TaskState = { status: 'starting', pid: process.pid, startedAt: new Date().toISOString(), tables: {} };
  writeState(dir, state);
  log(`${o.reload ? 'start' : 'resume'} ${def.task.ReplicationTaskIdentifier} (${def.task.MigrationType}), pid ${process.pid}`);
  try {
    const previousStats = o.reload ? undefined : Object.fromEntries(Object.entries(prev.tables).map(([k, v]) => [k, v as TableStats]));
    const outcome = await runTask(def, {
      log, signal: ac.signal, reload: o.reload, ...(previousStats ? { previousStats } : {}),
      onState: (s) => {
        if (state.status === 'starting') state.status = 'running';
        state.phase = s.phase;
        if (s.position) state.position = s.position;
        state.notes = s.notes;
        state.tables = Object.fromEntries(s.tables.map((t) => [t.key, { ...t.stats, target: `${t.target.schema}.${t.target.table}` }]));
        writeState(dir, state);
      },
    });
    state.status = outcome;
    log(`task ${outcome}`);
    if (outcome === 'completed' && def.settings.ValidationSettings.EnableValidation) {
      const results = await validate(dir);
      for (const v of results) log(`validation: ${v.ok ? 'OK' : 'MISMATCH'} ${v.table} (${v.sourceRows}/${v.targetRows} rows)`);
    }
    return outcome;
  } catch (e) {
    state.status = 'failed';
    state.lastError = e instanceof Error ? e.message : String(e);
    log(`task failed: ${state.lastError}`);
    throw e;
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onTerm);
    writeState(dir, state);
  }
}

/** Asks a running task to stop and waits (up to `timeoutMs`) until it has. */
export async function stopTask(dir: string, timeoutMs = 30_000): Promise<TaskState> {
  const s = readState(dir);
  if (!s.pid || !isAlive(s.pid)) return s;
  process.kill(s.pid, 'SIGTERM');
  const end = Date.now() + timeoutMs;
  while (Date.now() < end && isAlive(s.pid)) await new Promise((r) => setTimeout(r, 200));
  return readState(dir);
}

/** Stops the task, forgets its position on the target and removes the folder. Target tables stay. */
export async function deleteTask(dir: string): Promise<void> {
  const def = await loadTaskDefinition(dir);
  await stopTask(dir);
  if (isPgSource(def)) { await deletePgSourceTask(def); rmSync(dir, { recursive: true, force: true }); return; }
  const c = await openPg(endpoint(def.task.TargetUrl, 'target'));
  try { await deleteControl(c, def.task.ReplicationTaskIdentifier); } finally { await c.end().catch(() => undefined); }
  rmSync(dir, { recursive: true, force: true });
}

export async function taskStatus(dir: string): Promise<TaskState & { running: boolean; control?: unknown }> {
  const def = await loadTaskDefinition(dir);
  const s = readState(dir);
  let control: unknown;
  try {
    if (isPgSource(def)) control = await readPgSourceControl(def);
    else {
      const c = await openPg(endpoint(def.task.TargetUrl, 'target'));
      try { control = await readControl(c, def.task.ReplicationTaskIdentifier); } finally { await c.end().catch(() => undefined); }
    }
  } catch { /* target unreachable: state.json still tells */ }
  const running = isAlive(s.pid) && (s.status === 'running' || s.status === 'starting' || s.status === 'stopping');
  return { ...s, running, ...(control ? { control } : {}) };
}

export function taskLog(dir: string, tail?: number): string[] {
  let text = '';
  try { text = readFileSync(join(dir, LOG_FILE), 'utf8'); } catch { return []; }
  const lines = text.split('\n').filter(Boolean);
  return tail ? lines.slice(-tail) : lines;
}

export async function validate(dir: string): Promise<TableValidation[]> {
  const def = await loadTaskDefinition(dir);
  const v = def.settings.ValidationSettings;
  if (isPgSource(def)) {
    const { tables, missing, sources } = await existingPgSourceTables(def);
    const src = endpoint(def.task.SourceUrl, 'source'); const tgt = endpoint(def.task.TargetUrl, 'target');
    const opts = { partitionSize: v.PartitionSize, maxListed: v.FailureMaxCount };
    return [
      ...await validateTables(src, tgt, tables, opts, (t) => validatePgSourceTable(src, tgt, t, sources.get(t.key)!, opts)),
      ...missing.map(missingTable),
    ];
  }
  const { tables, missing } = await existingTables(def);
  return [
    ...await validateTables(endpoint(def.task.SourceUrl, 'source'), endpoint(def.task.TargetUrl, 'target'), tables, { partitionSize: v.PartitionSize, maxListed: v.FailureMaxCount }),
    ...missing.map(missingTable),
  ];
}
export { SourceSettingsError } from './source/mysql.js';

// A replication task as files in a folder: task.json (what and where), task_settings.json and
// table_mappings.json (AWS DMS formats, usable unchanged with DMS). Validation names every bad key.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseConnectionUrl } from '../../connectors/url.js';
import { parseJsonText, parseOrThrow, TaskDefinitionError } from './issues.js';
import { TableMappingsSchema, type TableMappings, type TransformationRule } from './mappings.js';
import { notImplementedSettings, TaskSettingsSchema, type TaskSettings } from './settings.js';
import { ExpressionError, parseExpression } from './expression.js';

export * from './issues.js';
export * from './mappings.js';
export * from './settings.js';
export * from './names.js';
export * from './expression.js';

export const MIGRATION_TYPES = ['full-load', 'cdc', 'full-load-and-cdc'] as const;
export type MigrationType = (typeof MIGRATION_TYPES)[number];

export const TaskFileSchema = z.strictObject({
  ReplicationTaskIdentifier: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,254}$/, 'letters, digits and hyphens, starting with a letter (as DMS requires)'),
  MigrationType: z.enum(MIGRATION_TYPES),
  SourceUrl: z.string().min(1),
  TargetUrl: z.string().min(1),
  /** dbshift: changes of tables without a key — applied by whole-row match (default) or not at all (REPL0001). */
  NoKeyChanges: z.enum(['row-match', 'skip']).optional(),
});
export type TaskFile = z.output<typeof TaskFileSchema>;

export interface TaskDefinition {
  task: TaskFile;
  settings: TaskSettings;
  mappings: TableMappings;
  /** Settings in the files that dbshift accepts without acting on them. */
  notImplemented: string[];
}

export const TASK_FILE = 'task.json';
export const SETTINGS_FILE = 'task_settings.json';
export const MAPPINGS_FILE = 'table_mappings.json';

export function parseTaskSettings(text: string, file = SETTINGS_FILE): { settings: TaskSettings; notImplemented: string[] } {
  const raw = parseJsonText(text, file);
  const settings = parseOrThrow(TaskSettingsSchema, raw, file);
  return { settings, notImplemented: notImplementedSettings(raw, settings) };
}

export function parseTableMappings(text: string, file = MAPPINGS_FILE): TableMappings {
  const m = parseOrThrow(TableMappingsSchema, parseJsonText(text, file), file);
  const problems: string[] = [];
  m.rules.forEach((r, i) => {
    if (r['rule-type'] !== 'transformation' || r['rule-action'] !== 'add-column') return;
    try { parseExpression((r as TransformationRule).expression ?? ''); } catch (e) {
      if (e instanceof ExpressionError) problems.push(`rules[${i}].expression: ${e.message}`);
      else throw e;
    }
  });
  if (problems.length) throw new TaskDefinitionError(file, problems);
  return m;
}

export function parseTaskFile(text: string, file = TASK_FILE): TaskFile {
  const t = parseOrThrow(TaskFileSchema, parseJsonText(text, file), file);
  const problems: string[] = [];
  for (const k of ['SourceUrl', 'TargetUrl'] as const) {
    try {
      const u = parseConnectionUrl(t[k]);
      if (u.engine === 'pglite') problems.push(`${k}: replication needs a server (postgres:// or mysql://), not PGlite`);
      if (u.password !== undefined) problems.push(`${k}: keep passwords out of task files; set DBSHIFT_SOURCE_PASSWORD / DBSHIFT_TARGET_PASSWORD`);
    } catch (e) { problems.push(`${k}: ${e instanceof Error ? e.message : String(e)}`); }
  }
  if (problems.length) throw new TaskDefinitionError(file, problems);
  return t;
}

async function readText(dir: string, name: string): Promise<string> {
  try { return await readFile(join(dir, name), 'utf8'); } catch {
    throw new TaskDefinitionError(name, [`cannot read ${join(dir, name)}`]);
  }
}

export async function loadTaskDefinition(dir: string): Promise<TaskDefinition> {
  const task = parseTaskFile(await readText(dir, TASK_FILE));
  const { settings, notImplemented } = parseTaskSettings(await readText(dir, SETTINGS_FILE));
  const mappings = parseTableMappings(await readText(dir, MAPPINGS_FILE));
  return { task, settings, mappings, notImplemented };
}

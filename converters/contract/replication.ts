// Replication tasks in the workbench (issue #7): the tasks view's requests and its event. Task
// folders live with the back end; the view lists them, drives their lifecycle and reads their log.
import { z } from 'zod';

const taskName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,254}$/, 'letters, digits and hyphens, starting with a letter (as DMS requires)');
const filePath = z.string().min(1).max(4096);
const dbUrl = z.string().min(1, 'give a connection URL').max(4096);

export const replicationTableStats = z.object({
  /** Source schema.table. */
  table: z.string(),
  target: z.string(),
  state: z.string(),
  fullLoadRows: z.number(),
  inserts: z.number(),
  updates: z.number(),
  deletes: z.number(),
  ddls: z.number(),
  lagMs: z.number().optional(),
  lastError: z.string().optional(),
});

export const replicationTask = z.object({
  id: z.string(),
  type: z.string(),
  /** Connection URLs as written in task.json (never with a password). */
  source: z.string(),
  target: z.string(),
  status: z.string(),
  running: z.boolean(),
  phase: z.string().optional(),
  lastError: z.string().optional(),
  updatedAt: z.string().optional(),
  notes: z.array(z.string()),
  tables: z.array(replicationTableStats),
});

/** A problem in a task file, by the key path inside it (`FullLoadSettings.MaxFullLoadSubTasks`). */
export const taskFileProblem = z.object({ file: z.string(), path: z.string(), message: z.string() });

const byName = z.strictObject({ id: taskName });

export const REPLICATION_REQUESTS = {
  'replication.list': { params: z.strictObject({}), result: z.object({ folder: z.string(), tasks: z.array(replicationTask) }) },
  'replication.create': {
    params: z.strictObject({
      id: taskName,
      type: z.enum(['full-load', 'cdc', 'full-load-and-cdc']),
      sourceUrl: dbUrl,
      targetUrl: dbUrl,
      /** Kept in memory by the back end for this session and given to the task's process; never written. */
      sourcePassword: z.string().max(1024).optional(),
      targetPassword: z.string().max(1024).optional(),
      /** AWS DMS task settings JSON and table mappings JSON files; absent = defaults / every table. */
      settingsPath: filePath.optional(),
      mappingsPath: filePath.optional(),
    }),
    /** Either the task, or every problem found in the files (nothing is created then). */
    result: z.object({ task: replicationTask.optional(), problems: z.array(taskFileProblem), notes: z.array(z.string()) }),
  },
  'replication.start': { params: byName, result: replicationTask },
  'replication.resume': { params: byName, result: replicationTask },
  'replication.stop': { params: byName, result: replicationTask },
  'replication.delete': { params: byName, result: z.object({ deleted: z.boolean() }) },
  /** Row counts and per-key-range checksums, source against target (`dbshift replicate validate`). */
  'replication.validate': { params: byName, result: z.object({ identical: z.boolean(), lines: z.array(z.string()) }) },
  'replication.log': { params: z.strictObject({ id: taskName, tail: z.number().int().min(1).max(10_000).optional() }), result: z.object({ lines: z.array(z.string()) }) },
} as const;

export const REPLICATION_EVENTS = {
  /** A task's state changed (every second while it runs, and when its process ends). */
  'replication.changed': z.object({ task: replicationTask }),
} as const;

export type ReplicationTaskInfo = z.infer<typeof replicationTask>;
export type ReplicationTableStats = z.infer<typeof replicationTableStats>;
export type TaskFileProblem = z.infer<typeof taskFileProblem>;

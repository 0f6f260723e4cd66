// Events the back end pushes to the UI.
import { z } from 'zod';
import type { EventName } from './names.js';
import { projectInfo, statementRecord } from './shapes.js';
import { REPLICATION_EVENTS } from './replication.js';

export const EVENTS = {
  /** Any long job: loading, converting, applying. `total` 0 when unknown. */
  'task.progress': z.object({ taskId: z.string(), done: z.number(), total: z.number(), message: z.string() }),
  'apply.statement': z.object({ taskId: z.string(), record: statementRecord }),
  'project.changed': z.object({ project: projectInfo.nullable() }),
  ...REPLICATION_EVENTS,
} satisfies Record<EventName, z.ZodType>;

export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;

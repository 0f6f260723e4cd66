// What a running task tells the outside through its folder: state.json (status, phase, per-table
// statistics, rewritten every second and at each change of phase) and task.log (append-only).
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableStats } from './runtime.js';

export type TaskStatus = 'created' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed' | 'completed';

export interface TaskState {
  status: TaskStatus;
  pid?: number;
  phase?: string;
  startedAt?: string;
  updatedAt?: string;
  position?: unknown;
  lastError?: string;
  notes?: string[];
  tables: Record<string, TableStats & { target: string }>;
}

export const STATE_FILE = 'state.json';
export const LOG_FILE = 'task.log';

export function readState(dir: string): TaskState {
  try { return JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as TaskState; } catch { return { status: 'created', tables: {} }; }
}

export function writeState(dir: string, s: TaskState): void {
  const tmp = join(dir, `${STATE_FILE}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, `${JSON.stringify({ ...s, updatedAt: new Date().toISOString() }, null, 2)}\n`);
    renameSync(tmp, join(dir, STATE_FILE));
  } catch { /* the folder is gone (task deleted): nothing to tell */ }
}

export function taskLogger(dir: string, echo?: (line: string) => void): (msg: string) => void {
  return (msg: string) => {
    const line = `${new Date().toISOString()} ${msg}`;
    try { appendFileSync(join(dir, LOG_FILE), `${line}\n`); } catch { /* folder gone (task deleted) */ }
    echo?.(line);
  };
}

export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try { process.kill(pid, 0); return true; } catch { return false; }
}

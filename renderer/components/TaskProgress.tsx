// Long jobs in the UI: a task id per run, its progress events, a progress bar with a Cancel
// button. The back end stops at its next safe point and answers the job with CANCELLED.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, newTaskId, type Api } from '../api/client.js';

export interface TaskState { id: string; done: number; total: number; message: string; cancelling: boolean }

export interface TaskHandle {
  task: TaskState | null;
  /** Runs `fn` with a fresh task id; the task is shown until `fn` settles. */
  run<T>(prefix: string, fn: (taskId: string) => Promise<T>): Promise<T>;
  cancel(): void;
}

export function useTask(api: Api): TaskHandle {
  const [task, setTask] = useState<TaskState | null>(null);
  const current = useRef<string | null>(null);
  useEffect(() => api.on('task.progress', (p) => {
    if (p.taskId === current.current) setTask((t) => (t && t.id === p.taskId ? { ...t, done: p.done, total: p.total, message: p.message } : t));
  }), [api]);
  const run = useCallback(async <T,>(prefix: string, fn: (taskId: string) => Promise<T>): Promise<T> => {
    const id = newTaskId(prefix);
    current.current = id;
    setTask({ id, done: 0, total: 0, message: 'starting…', cancelling: false });
    try { return await fn(id); } finally {
      if (current.current === id) { current.current = null; setTask(null); }
    }
  }, []);
  const cancel = useCallback((): void => {
    const id = current.current;
    if (!id) return;
    setTask((t) => (t ? { ...t, cancelling: true, message: 'cancelling at the next safe point…' } : t));
    void api.call('task.cancel', { taskId: id }).catch(() => undefined);
  }, [api]);
  return { task, run, cancel };
}

export const isCancelled = (e: unknown): boolean => e instanceof ApiError && e.code === 'CANCELLED';

export function TaskProgress(props: { handle: TaskHandle; label: string }) {
  const t = props.handle.task;
  if (!t) return null;
  return (
    <div className="progress-line" role="group" aria-label={props.label} data-testid="task-progress">
      {/* An indeterminate bar while the total is not known. */}
      <progress {...(t.total ? { value: t.done, max: t.total } : {})} aria-label={`${props.label} progress`} />
      {/* Cancel before the changing message, so the button never moves while the text updates. */}
      <button type="button" onClick={props.handle.cancel} disabled={t.cancelling}>Cancel</button>
      <span className="progress-message" aria-live="polite">{t.total ? `${t.done} / ${t.total} · ` : ''}{t.message}</span>
    </div>
  );
}

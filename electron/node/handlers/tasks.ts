// Long jobs (load, convert, apply, export): each runs under a task id the UI chose, reports
// progress events with that id, and stops at its next safe point when `task.cancel` names it.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ContractError } from '../../../converters/contract/index.js';

export interface TaskContext {
  readonly signal: AbortSignal;
  /** `total` 0 when unknown. */
  progress(done: number, total: number, message: string): void;
  /** A safe point: lets queued messages (a cancel) in, then throws CANCELLED if the task was cancelled. */
  checkpoint(): Promise<void>;
}

export function cancelledError(what: string): ContractError {
  return new ContractError('CANCELLED', `${what} cancelled; nothing was changed`);
}

export class Tasks {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly emit: (taskId: string, done: number, total: number, message: string) => void) {}

  /** Runs `fn` as task `taskId` (anonymous tasks cannot be cancelled but work the same). */
  async run<T>(taskId: string | undefined, what: string, fn: (t: TaskContext) => Promise<T>): Promise<T> {
    if (taskId && this.running.has(taskId)) throw new ContractError('INVALID_PARAMS', `task ${taskId} is already running`);
    const ac = new AbortController();
    if (taskId) this.running.set(taskId, ac);
    const ctx: TaskContext = {
      signal: ac.signal,
      progress: (done, total, message) => { if (taskId) this.emit(taskId, done, total, message); },
      checkpoint: async () => {
        await nextTurn();
        if (ac.signal.aborted) throw cancelledError(what);
      },
    };
    try { return await fn(ctx); } finally { if (taskId) this.running.delete(taskId); }
  }

  cancel(taskId: string): boolean {
    const ac = this.running.get(taskId);
    ac?.abort();
    return !!ac;
  }

  cancelAll(): void { for (const ac of this.running.values()) ac.abort(); }
}

/** Settles with `work`, or rejects as soon as the task is cancelled (the work's late outcome is dropped). */
export function unlessCancelled<T>(work: Promise<T>, ctx: TaskContext, what: string): Promise<T> {
  if (ctx.signal.aborted) { work.catch(() => undefined); return Promise.reject(cancelledError(what)); }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError(what));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => { ctx.signal.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { ctx.signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}

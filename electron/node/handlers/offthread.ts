// Long conversions off the back end's event loop: a worker thread per job. Cancelling terminates
// the worker, so the job stops at once instead of when the synchronous converter returns; the
// result comes back as a structured clone (object identity inside it is kept). When a worker
// cannot start (an unusual packaging), the job runs in this thread as before.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { ConversionSettings, SourceFile, TargetDialect } from '../../../converters/index.js';
import { convertLoaded, UserError, type ConvertRun, type LoadedSource } from '../pipeline/index.js';
import type { ProjectFile } from '../projects/store.js';
import { indexSource, type SourceIndex, type SourceObject } from './session.js';
import { decodeWireAsync, encodeWire, encodeWireAsync, transferList, yieldToLoop, type Wire } from './wire.js';
import { cancelledError, type TaskContext } from './tasks.js';
import { CONVERT_WORKER_LIMITS } from './worker-limits.js';

// Large values cross in pieces (wire.ts) so taking them in never blocks the back end's loop for long.
export type Job =
  | { kind: 'index'; file: ProjectFile; files: SourceFile[]; sourceKind: 'scripts' | 'live database'; label: string; variables?: Record<string, string> }
  | { kind: 'convert'; loaded: Wire; target: TargetDialect; options: { generatedAt: string; settings?: ConversionSettings } };

/** What the index job sends back: the parts of a SourceIndex, each in pieces (maps are rebuilt here). */
export interface IndexWire { loaded: Wire; objects: Wire; run: Wire; target: TargetDialect }

export type Reply = { ok: true; value: Wire | IndexWire } | { ok: false; message: string; name?: string; hint?: string };

// The pieces of each loaded source as received from the worker: a Convert sends them back as they are
// ("transfer once": the source is not serialized again on the back end).
const wireOf = new WeakMap<LoadedSource, Wire>();

/** A SourceIndex in pieces (the worker's side). */
export function indexToWire(index: SourceIndex): IndexWire {
  return { loaded: encodeWire(index.loaded), objects: encodeWire(index.objects), run: encodeWire(index.probe.run), target: index.probe.target };
}

/** The SourceIndex back on the back end, taken in piece by piece; its source remembered in pieces for the next Convert. */
export async function indexFromWire(w: IndexWire): Promise<SourceIndex> {
  const loaded = await decodeWireAsync<LoadedSource>(w.loaded, yieldToLoop);
  wireOf.set(loaded, w.loaded);
  const objects = await decodeWireAsync<SourceObject[]>(w.objects, yieldToLoop);
  const run = await decodeWireAsync<ConvertRun>(w.run, yieldToLoop);
  return {
    loaded, objects, byKey: new Map(objects.map((o) => [o.key, o])), files: new Map((loaded.files ?? []).map((f) => [f.path, f])),
    probe: { loaded, target: w.target, run },
  };
}

/** Every buffer of the reply, to move instead of copy (the worker drops them after sending). */
export function replyTransfer(r: Reply): ArrayBuffer[] {
  if (!r.ok) return [];
  const v = r.value;
  return 'skeleton' in v ? transferList(v) : [...transferList(v.loaded), ...transferList(v.objects), ...transferList(v.run)];
}

/** The worker's code: the bundled file beside this one in the desktop build, else the TypeScript source through tsx. */
function startWorker(): Worker {
  const here = import.meta.url as string | undefined;
  if (!here) return new Worker(join(__dirname, 'convert-worker.cjs'), { resourceLimits: CONVERT_WORKER_LIMITS });
  const entry = new URL('./convert-worker.ts', here).href;
  if (!here.endsWith('.ts')) return new Worker(new URL('./convert-worker.js', here), { resourceLimits: CONVERT_WORKER_LIMITS });
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, resourceLimits: CONVERT_WORKER_LIMITS });
}

// One worker waits with the converters loaded (loading them takes a moment, more through tsx), so
// a Convert does not pay for it; it is started after each job, never during one (2 cores).
let standby: Worker | undefined;

function takeWorker(): Worker {
  const w = standby ?? startWorker();
  standby = undefined;
  w.ref();
  return w;
}

/** Starts the waiting worker unless there is one. */
export function prepareStandby(): void {
  if (standby) return;
  try {
    const w = startWorker();
    w.unref();
    w.once('error', () => { if (standby === w) standby = undefined; });
    w.once('exit', () => { if (standby === w) standby = undefined; });
    standby = w;
  } catch { /* the next job starts its own */ }
}

/** Stops the waiting worker (the back end is closing). */
export function closeStandbyWorker(): void {
  const w = standby;
  standby = undefined;
  void w?.terminate();
}

/** Runs the job in a worker; rejects with CANCELLED as soon as the task is cancelled. */
function offThread<T>(job: Job, task: TaskContext, what: string, inProcess: () => T, take: (value: Wire | IndexWire) => Promise<T>): Promise<T> {
  if (task.signal.aborted) return Promise.reject(cancelledError(what));
  let worker: Worker;
  try { worker = takeWorker(); } catch { return Promise.resolve().then(inProcess); }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      task.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
      prepareStandby();
    };
    const onAbort = (): void => finish(() => reject(cancelledError(what)));
    task.signal.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (r: Reply) => finish(() => {
      // Taken in piece by piece; a cancel meanwhile is seen at the caller's next checkpoint.
      if (r.ok) { take(r.value).then(resolve, reject); return; }
      if (r.name === 'UserError') { reject(new UserError(r.message, r.hint)); return; }
      const e = new Error(r.message);
      if (r.name) e.name = r.name;
      reject(e);
    }));
    // The worker itself failed (could not load its code): do the job here instead.
    worker.once('error', () => finish(() => { try { resolve(inProcess()); } catch (e) { reject(e); } }));
    worker.once('exit', (code) => finish(() => reject(new Error(`the conversion worker stopped unexpectedly (exit code ${code})`))));
    worker.postMessage(job);
  });
}

export function indexSourceOffThread(task: TaskContext, what: string, file: ProjectFile, files: SourceFile[], sourceKind: 'scripts' | 'live database', label: string, variables?: Record<string, string>): Promise<SourceIndex> {
  return offThread({ kind: 'index', file, files, sourceKind, label, ...(variables ? { variables } : {}) }, task, what,
    () => indexSource(file, files, sourceKind, label, variables), (v) => indexFromWire(v as IndexWire));
}

export async function convertOffThread(task: TaskContext, what: string, loaded: LoadedSource, target: TargetDialect, options: { generatedAt: string; settings?: ConversionSettings }): Promise<ConvertRun> {
  const wire = wireOf.get(loaded) ?? await encodeWireAsync(loaded, yieldToLoop);
  wireOf.set(loaded, wire);
  return offThread({ kind: 'convert', loaded: wire, target, options }, task, what, () => convertLoaded(loaded, target, options),
    (v) => decodeWireAsync<ConvertRun>(v as Wire, yieldToLoop));
}

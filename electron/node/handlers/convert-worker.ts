// Worker thread entry: parsing/indexing a source and converting it run here, off the back end's
// event loop, so a cancel is heard at once (the worker is terminated) and other requests are
// answered meanwhile. See offthread.ts.
import { parentPort } from 'node:worker_threads';
import { convertLoaded } from '../pipeline/index.js';
import { indexSource } from './session.js';
import { indexToWire, replyTransfer, type Job, type Reply } from './offthread.js';
import { decodeWire, encodeWire } from './wire.js';

function run(job: Job): Reply {
  try {
    if (job.kind === 'index') return { ok: true, value: indexToWire(indexSource(job.file, job.files, job.sourceKind, job.label, job.variables)) };
    return { ok: true, value: encodeWire(convertLoaded(decodeWire(job.loaded), job.target, job.options)) };
  } catch (e) {
    const hint = (e as { hint?: unknown }).hint;
    return {
      ok: false, message: e instanceof Error ? e.message : String(e),
      ...(e instanceof Error && e.name !== 'Error' ? { name: e.name } : {}), ...(typeof hint === 'string' ? { hint } : {}),
    };
  }
}

parentPort?.once('message', (job: Job) => { const r = run(job); parentPort!.postMessage(r, replyTransfer(r)); });

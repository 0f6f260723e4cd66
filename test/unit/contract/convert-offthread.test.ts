// Loading and converting run in a worker thread: while a 5,000-table conversion runs, the back end
// answers other requests, and a cancel stops the conversion at once (not when the converter
// returns) with the project exactly as it was on disk and in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, dispatch, memorySecrets, type Host } from '../../../electron/node/handlers/index.js';
import type { RequestName } from '../../../converters/contract/index.js';

const TABLES = 5000;

function schema(): string {
  const out = ['CREATE DATABASE big;', 'USE big;'];
  for (let i = 0; i < TABLES; i++) out.push(`CREATE TABLE t${i} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, amount DECIMAL(10,2) UNSIGNED, KEY ix_name (name));`);
  return out.join('\n');
}

/** Every file under `dir` with its content. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(join(e.parentPath, e.name), await readFile(join(e.parentPath, e.name), 'utf8'));
  }
  return out;
}

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-offthread-'));
  const progress: string[] = [];
  const host: Host = {
    mode: 'web', version: 'test', configDir: join(dir, 'config'), defaultFolder: dir, secrets: memorySecrets(), now: () => '2026-01-01T00:00:00.000Z',
    emit: (name, payload) => { if (name === 'task.progress') progress.push((payload as { message: string }).message); },
  };
  const h = createHandlers(host);
  const call = (name: RequestName, params: unknown) => dispatch(h, name, params);
  return { dir, h, call, progress };
}

/** Milliseconds the event loop was late over `ms` of 20 ms ticks (a blocked loop shows as a long gap). */
function loopWatch(): () => number {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => { const now = performance.now(); worst = Math.max(worst, now - last - 20); last = now; }, 20);
  return () => { clearInterval(timer); return worst; };
}

test('a 5,000-table conversion runs off the event loop and a cancel stops it within a second', { timeout: 600_000 }, async () => {
  const { dir, h, call, progress } = await setup();
  try {
    await writeFile(join(dir, 'big.sql'), schema());
    const folder = join(dir, 'p');
    assert.equal((await call('project.create', { name: 'big', folder, source: 'mysql', targets: ['postgres'] })).ok, true);

    // Loading: parsing and the naming conversion run in the worker (taking the result in still blocks the loop a moment: reported).
    let watch = loopWatch();
    const load = await call('source.loadScripts', { paths: [join(dir, 'big.sql')], taskId: 'load' });
    const loadStall = watch();
    assert.equal(load.ok, true, JSON.stringify(load));
    assert.ok((load as { result: { objects: number } }).result.objects > TABLES);

    // The first conversion reuses the load's; converting again runs the converter for real.
    assert.equal((await call('convert.run', { target: 'postgres', taskId: 'c1' })).ok, true);
    const before = await snapshot(folder);
    const t0 = performance.now();
    watch = loopWatch();
    const full = await call('convert.run', { target: 'postgres', taskId: 'c2' });
    const convertStall = watch();
    const fullMs = performance.now() - t0;
    assert.equal(full.ok, true);

    // Converting again, cancelled while the converter works.
    watch = loopWatch();
    const started = performance.now();
    const running = call('convert.run', { target: 'postgres', taskId: 'c3' });
    // Meanwhile other requests are answered: the conversion does not hold the back end.
    const q0 = performance.now();
    const cur = await call('project.current', {});
    const answerMs = performance.now() - q0;
    assert.equal(cur.ok, true);
    await new Promise((r) => setTimeout(r, Math.min(800, fullMs / 4)));
    const cancelAt = performance.now();
    assert.deepEqual((await call('task.cancel', { taskId: 'c3' })), { ok: true, result: { cancelled: true } });
    const r = await running;
    const stopMs = performance.now() - cancelAt;
    const stall = watch();
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.error, { code: 'CANCELLED', message: 'converting cancelled; nothing was changed' });
    assert.ok(stopMs < 1000, `stopped ${stopMs.toFixed(0)} ms after the cancel (a full conversion takes ${fullMs.toFixed(0)} ms)`);
    assert.ok(cancelAt - started < fullMs * 0.8, 'cancelled well before a full conversion would have ended');
    assert.ok(answerMs < 1000, `project.current answered in ${answerMs.toFixed(0)} ms during the conversion`);
    assert.ok(progress.some((m) => /converting \d+ objects to postgres/.test(m)));

    // Nothing half-written; the project still has its conversion and converts again.
    assert.deepEqual(await snapshot(folder), before);
    const again = await call('convert.run', { target: 'postgres', taskId: 'c4' });
    assert.equal(again.ok, true);
    console.log(`5,000 tables: full reconversion ${fullMs.toFixed(0)} ms; cancel took effect in ${stopMs.toFixed(0)} ms; project.current during the conversion: ${answerMs.toFixed(0)} ms; worst event-loop stall while cancelling ${stall.toFixed(0)} ms, while loading ${loadStall.toFixed(0)} ms, while converting ${convertStall.toFixed(0)} ms (results are taken in piece by piece: handlers/wire.ts)`);
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('loading a large script is cancellable while it parses', { timeout: 300_000 }, async () => {
  const { dir, h, call } = await setup();
  try {
    await writeFile(join(dir, 'big.sql'), schema());
    const folder = join(dir, 'p');
    await call('project.create', { name: 'big', folder, source: 'mysql', targets: ['postgres'] });
    const before = await snapshot(folder);
    const running = call('source.loadScripts', { paths: [join(dir, 'big.sql')], taskId: 'load' });
    await new Promise((r) => setTimeout(r, 700));
    const cancelAt = performance.now();
    await call('task.cancel', { taskId: 'load' });
    const r = await running;
    const stopMs = performance.now() - cancelAt;
    assert.deepEqual(!r.ok && r.error, { code: 'CANCELLED', message: 'loading the scripts cancelled; nothing was changed' });
    assert.ok(stopMs < 1000, `stopped ${stopMs.toFixed(0)} ms after the cancel`);
    const info = await call('project.current', {});
    assert.equal((info as { result: { project: { loadedObjects: number } } }).result.project.loadedObjects, 0);
    assert.deepEqual(await snapshot(folder), before);
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
});

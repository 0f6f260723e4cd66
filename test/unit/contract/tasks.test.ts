// Long jobs cancelled through the contract (`task.cancel` with the job's id) stop at a safe point
// and leave the project as it was: nothing half-converted, half-loaded or half-exported on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, dispatch, memorySecrets, type Host } from '../../../electron/node/handlers/index.js';
import type { RequestName } from '../../../converters/contract/index.js';

function schema(n: number, tag: string): string {
  const out = ['CREATE DATABASE shop;', 'USE shop;'];
  for (let i = 0; i < n; i++) out.push(`CREATE TABLE t${i} (id INT AUTO_INCREMENT PRIMARY KEY, ${tag} VARCHAR(20), amount DECIMAL(10,2) UNSIGNED);`);
  return out.join('\n');
}

async function files(dir: string): Promise<string[]> {
  try { return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort(); } catch { return []; }
}

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-tasks-'));
  const progress: { taskId: string; message: string }[] = [];
  const waiters: { re: RegExp; done: () => void }[] = [];
  const host: Host = {
    mode: 'web', version: 'test', configDir: join(dir, 'config'), defaultFolder: dir, secrets: memorySecrets(), now: () => '2026-01-01T00:00:00.000Z',
    emit: (name, payload) => {
      if (name !== 'task.progress') return;
      const p = payload as { taskId: string; message: string };
      progress.push(p);
      for (const w of waiters.splice(0)) { if (w.re.test(p.message)) w.done(); else waiters.push(w); }
    },
  };
  const h = createHandlers(host);
  const call = (name: RequestName, params: unknown) => dispatch(h, name, params);
  const when = (re: RegExp): Promise<void> => new Promise((done) => waiters.push({ re, done }));
  return { dir, h, call, when, progress };
}

test('convert cancelled while writing files: the project is left as it was', async () => {
  const { dir, h, call, when, progress } = await setup();
  try {
    const folder = join(dir, 'p');
    await writeFile(join(dir, 'a.sql'), schema(1200, 'name'));
    await call('project.create', { name: 'p', folder, source: 'mysql', targets: ['postgres'] });
    assert.equal((await call('source.loadScripts', { paths: [join(dir, 'a.sql')] })).ok, true);

    // Cancelled at its first safe point: nothing written.
    const first = call('convert.run', { target: 'postgres', taskId: 'c1' });
    assert.deepEqual((await call('task.cancel', { taskId: 'c1' })), { ok: true, result: { cancelled: true } });
    const r1 = await first;
    assert.equal(r1.ok, false);
    assert.equal(!r1.ok && r1.error.code, 'CANCELLED');
    assert.deepEqual(await files(join(folder, 'converted')), []);

    // Cancelled part way through writing the converted files: what was written is taken back.
    const second = call('convert.run', { target: 'postgres', taskId: 'c2' });
    await when(/writing converted files/);
    await call('task.cancel', { taskId: 'c2' });
    const r2 = await second;
    assert.equal(!r2.ok && r2.error.code, 'CANCELLED', JSON.stringify(r2));
    assert.ok(progress.some((p) => p.taskId === 'c2' && /writing converted files: 250 of/.test(p.message)), 'it had started writing');
    assert.deepEqual(await files(join(folder, 'converted')), []);
    const pj = JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')) as { converted: string[] };
    assert.deepEqual(pj.converted, []);
    const cur = await call('project.current', {});
    assert.deepEqual(cur.ok && (cur.result as { project: { convertedTargets: string[] } }).project.convertedTargets, []);

    // The same task id can run again, to the end.
    const r3 = await call('convert.run', { target: 'postgres', taskId: 'c2' });
    assert.equal(r3.ok, true);
    assert.equal((await files(join(folder, 'converted'))).length, 1201);

    // A reload cancelled while writing the snapshot keeps the previous source.
    const before = await files(join(folder, 'source'));
    await writeFile(join(dir, 'b.sql'), schema(10, 'label'));
    const reload = call('source.loadScripts', { paths: [join(dir, 'b.sql')], taskId: 'l1' });
    await call('task.cancel', { taskId: 'l1' });
    const r4 = await reload;
    assert.equal(!r4.ok && r4.error.code, 'CANCELLED');
    assert.deepEqual(await files(join(folder, 'source')), before);
    const cur2 = await call('project.current', {});
    assert.equal(cur2.ok && (cur2.result as { project: { loadedObjects: number } }).project.loadedObjects, 1201);
    assert.deepEqual((await readdir(folder)).filter((n) => n.startsWith('.source')), [], 'no staging folder left');

    // Export cancelled: the destination is not created, no staging folder is left.
    const exp = call('export.sql', { target: 'postgres', layout: 'per-object', taskId: 'e1' });
    await call('task.cancel', { taskId: 'e1' });
    const r5 = await exp;
    assert.equal(!r5.ok && r5.error.code, 'CANCELLED');
    assert.deepEqual(await files(join(folder, 'export')), []);
    const r6 = await call('export.sql', { target: 'postgres', layout: 'per-object', taskId: 'e2' });
    assert.equal(r6.ok && (r6.result as { files: string[] }).files.length, 1201);
    assert.deepEqual((await readdir(join(folder, 'export'))).filter((n) => n.endsWith('.partial')), []);

    // Cancelling a task that is not running says so.
    assert.deepEqual(await call('task.cancel', { taskId: 'nope' }), { ok: true, result: { cancelled: false } });
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
});

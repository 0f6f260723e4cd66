// The desktop app's relay between the main process and the back-end utility process, over a real
// MessagePort pair (worker_threads' MessageChannel: structured clone, in order, like Electron's
// parentPort). Requests, validation, events, dialogs and keychain calls back to main, cancelling
// a running job, and what happens when the back end goes away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { connectBackend, type Channel, type Reply } from '../../../electron/node/handlers/relay.js';
import { serveBackend } from '../../../electron/node/handlers/relay-backend.js';
import { supportedPairs } from '../../../converters/index.js';

function channel(port: MessagePort): Channel {
  return {
    post: (m) => port.postMessage(m),
    onMessage: (listener) => { port.on('message', listener); return () => { port.off('message', listener); }; },
  };
}

async function pair() {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-relay-'));
  const { port1, port2 } = new MessageChannel();
  const keychain = new Map<string, string>();
  const picked: string[] = [];
  const events: { name: string; payload: unknown }[] = [];
  const back = serveBackend(channel(port2), { mode: 'desktop', version: '9.9.9', configDir: join(dir, 'config'), defaultFolder: dir, canPickPaths: true });
  const main = connectBackend(channel(port1), {
    secrets: { get: async (id) => keychain.get(id), set: async (id, s) => { keychain.set(id, s); } },
    pickPath: async (kind, title) => { picked.push(`${kind}:${title}`); return '/home/me/project'; },
  }, (name, payload) => events.push({ name, payload }));
  const done = async (): Promise<void> => { port1.close(); port2.close(); await rm(dir, { recursive: true, force: true }); };
  return { dir, main, back, keychain, picked, events, done };
}

const result = (r: Reply): unknown => { if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`); return r.result; };

test('requests, validation, events and host services cross the relay', async () => {
  const { dir, main, back, keychain, picked, events, done } = await pair();
  try {
    assert.deepEqual(result(await main.invoke('app.info', {})), { version: '9.9.9', mode: 'desktop', canPickPaths: true, defaultFolder: dir, pairs: supportedPairs() });
    // The back end validates: main relays params as they came from the page.
    const bad = await main.invoke('project.create', { name: '', folder: dir, source: 'mysql', targets: [], extra: 1 });
    assert.equal(!bad.ok && bad.error.code, 'INVALID_PARAMS');
    assert.match(!bad.ok ? bad.error.message : '', /a project needs a name/);
    const unknown = await main.invoke('nope' as never, {});
    assert.equal(!unknown.ok && unknown.error.code, 'UNKNOWN_REQUEST');

    // Native dialogs live in main: the back end asks for them through the relay.
    assert.deepEqual(result(await main.invoke('host.pickPath', { kind: 'folder', title: 'Scripts' })), { path: '/home/me/project' });
    assert.deepEqual(picked, ['folder:Scripts']);
    // So does the keychain.
    await back.host.secrets.set('target:pg', 's3cret');
    assert.equal(keychain.get('target:pg'), 's3cret');
    assert.equal(await back.host.secrets.get('target:pg'), 's3cret');
    assert.equal(await back.host.secrets.get('other'), undefined);

    // Events come back to main.
    result(await main.invoke('project.create', { name: 'relay', folder: join(dir, 'p'), source: 'mysql', targets: ['postgres'] }));
    const changed = events.find((e) => e.name === 'project.changed') as { payload: { project: { name: string } } } | undefined;
    assert.equal(changed?.payload.project.name, 'relay');
  } finally {
    await main.close();
    await done();
  }
});

test('a job started through the relay is cancelled through it; a back end that goes away fails pending calls', async () => {
  const { dir, main, events, done } = await pair();
  try {
    const sql = ['CREATE DATABASE shop;', 'USE shop;'];
    for (let i = 0; i < 800; i++) sql.push(`CREATE TABLE t${i} (id INT PRIMARY KEY, name VARCHAR(20));`);
    await writeFile(join(dir, 'a.sql'), sql.join('\n'));
    result(await main.invoke('project.create', { name: 'relay', folder: join(dir, 'p'), source: 'mysql', targets: ['postgres'] }));
    result(await main.invoke('source.loadScripts', { paths: [join(dir, 'a.sql')] }));
    const running = main.invoke('convert.run', { target: 'postgres', taskId: 'job-1' });
    assert.deepEqual(result(await main.invoke('task.cancel', { taskId: 'job-1' })), { cancelled: true });
    const r = await running;
    assert.equal(!r.ok && r.error.code, 'CANCELLED');
    assert.ok(events.some((e) => e.name === 'task.progress' && (e.payload as { taskId: string }).taskId === 'job-1'), 'progress events carry the job id');

    // The utility process exits: calls in flight and later calls get a clear UNAVAILABLE.
    const inFlight = main.invoke('convert.run', { target: 'postgres', taskId: 'job-2' });
    main.fail('the back end process stopped (exit code 1)');
    const gone = await inFlight;
    assert.equal(!gone.ok && gone.error.code, 'UNAVAILABLE');
    const later = await main.invoke('app.info', {});
    assert.deepEqual(later, { ok: false, error: { code: 'UNAVAILABLE', message: 'the back end process stopped (exit code 1)' } });
  } finally {
    await done();
  }
});

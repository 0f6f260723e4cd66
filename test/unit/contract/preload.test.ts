// The preload bridge exposes invoke/on for contract names and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBridge, type IpcLike } from '../../../electron/preload/bridge.js';
import { EVENT_NAMES, REQUEST_NAMES, REQUESTS, EVENTS } from '../../../converters/contract/index.js';

function fakeIpc() {
  const calls: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, ((e: unknown, ...a: unknown[]) => void)[]>();
  const ipc: IpcLike = {
    invoke: async (channel, ...args) => { calls.push({ channel, args }); return { ok: true, result: channel }; },
    on: (channel, l) => { listeners.set(channel, [...(listeners.get(channel) ?? []), l]); },
    removeListener: (channel, l) => { listeners.set(channel, (listeners.get(channel) ?? []).filter((x) => x !== l)); },
  };
  return { ipc, calls, listeners };
}

test('the bridge has exactly invoke and on, frozen', () => {
  const b = createBridge(fakeIpc().ipc);
  assert.deepEqual(Object.keys(b).sort(), ['invoke', 'on']);
  assert.ok(Object.isFrozen(b));
});

test('invoke reaches only contract channels', async () => {
  const { ipc, calls } = fakeIpc();
  const b = createBridge(ipc);
  assert.deepEqual(await b.invoke('object.get', { key: 'k' }), { ok: true, result: 'dbshift:req:object.get' });
  for (const bad of ['fs.readFile', 'dbshift:req:object.get', '__proto__', 'constructor', '', 'object.get ']) {
    await assert.rejects(b.invoke(bad, {}), /is not a dbshift request/);
  }
  assert.deepEqual(calls.map((c) => c.channel), ['dbshift:req:object.get']);
});

test('on listens to contract events only and never hands the IPC event to the page', () => {
  const { ipc, listeners } = fakeIpc();
  const b = createBridge(ipc);
  const got: unknown[][] = [];
  const off = b.on('task.progress', (...args: unknown[]) => got.push(args));
  listeners.get('dbshift:evt:task.progress')![0]!({ sender: 'secret' }, { taskId: 't', done: 1, total: 2, message: 'm' });
  assert.deepEqual(got, [[{ taskId: 't', done: 1, total: 2, message: 'm' }]]);
  off();
  assert.equal(listeners.get('dbshift:evt:task.progress')!.length, 0);
  assert.throws(() => b.on('ipc-message', () => undefined), /is not a dbshift event/);
});

test('every contract name has a schema, both ways', () => {
  assert.deepEqual(Object.keys(REQUESTS).sort(), [...REQUEST_NAMES].sort());
  assert.deepEqual(Object.keys(EVENTS).sort(), [...EVENT_NAMES].sort());
});

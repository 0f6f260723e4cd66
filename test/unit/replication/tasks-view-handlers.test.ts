// The tasks view's back end without a browser or a database: creation checks every file and names
// each problem by file and key path (nothing is written then), passwords stay in the secret store,
// and the contract refuses bad names before any handler runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers, dispatch, memorySecrets, type Host } from '../../../electron/node/handlers/index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/dms/${name}`, import.meta.url));

function host(root: string): Host & { events: { name: string; payload: unknown }[] } {
  const events: { name: string; payload: unknown }[] = [];
  return {
    mode: 'web', version: 'test', configDir: join(root, 'config'), defaultFolder: root, secrets: memorySecrets(), now: () => '2026-01-01T00:00:00.000Z',
    emit: (name, payload) => { events.push({ name, payload }); }, events,
  };
}

const base = { id: 'shop-task', type: 'full-load-and-cdc', sourceUrl: 'mysql://app@db.example:3306/shop', targetUrl: 'postgres://app@pg.example/shop' };

test('create: every problem of every file by key path, nothing written; then created with its notes; listed; duplicate refused', async () => {
  const root = mkdtempSync(join(tmpdir(), 'dbshift-tasks-view-'));
  const h = host(root);
  const handlers = createHandlers(h);
  try {
    const badSettings = join(root, 'settings.json');
    writeFileSync(badSettings, JSON.stringify({ FullLoadSettings: { MaxFullLoadSubTask: 4, TargetTablePrepMode: 'WIPE' } }));
    const badMappings = join(root, 'mappings.json');
    writeFileSync(badMappings, JSON.stringify({ rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'shop' }, 'rule-action': 'include' }] }));
    const r = await dispatch(handlers, 'replication.create', { ...base, sourceUrl: 'mysql://app:secret@db.example/shop', settingsPath: badSettings, mappingsPath: badMappings });
    assert.equal(r.ok, true);
    const res = (r as { result: { task?: unknown; problems: { file: string; path: string; message: string }[] } }).result;
    assert.equal(res.task, undefined);
    const got = res.problems.map((p) => `${p.file} ${p.path}`);
    assert.ok(got.includes('task.json SourceUrl'), got.join(' | '));
    assert.match(res.problems.find((p) => p.path === 'SourceUrl')!.message, /keep passwords out of task files/);
    assert.ok(got.includes('task_settings.json FullLoadSettings.MaxFullLoadSubTask'), got.join(' | '));
    assert.ok(got.includes('task_settings.json FullLoadSettings.TargetTablePrepMode'), got.join(' | '));
    assert.ok(got.some((g) => g.startsWith('table_mappings.json rules[0]')), got.join(' | '));
    assert.equal(existsSync(join(root, 'config', 'replication', 'shop-task')), false);

    const missing = await dispatch(handlers, 'replication.create', { ...base, settingsPath: join(root, 'nope.json') });
    assert.deepEqual((missing as { result: { problems: unknown[] } }).result.problems, [{ file: 'task_settings.json', path: '(file)', message: `cannot read ${join(root, 'nope.json')}` }]);

    const ok = await dispatch(handlers, 'replication.create', { ...base, sourcePassword: 'pw-source-1', targetPassword: 'pw-target-2', settingsPath: fixture('task_settings.json'), mappingsPath: fixture('table_mappings.json') });
    const created = (ok as { result: { task: { id: string; status: string; running: boolean }; notes: string[] } }).result;
    assert.deepEqual([created.task.id, created.task.status, created.task.running], ['shop-task', 'created', false]);
    assert.ok(created.notes.some((n) => /ErrorBehavior: accepted, not implemented/.test(n)));
    const dir = join(root, 'config', 'replication', 'shop-task');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      assert.ok(!text.includes('pw-source-1') && !text.includes('pw-target-2'), `no password in ${f}`);
    }
    assert.equal(await h.secrets.get('replication:shop-task:source'), 'pw-source-1');

    const list = await dispatch(handlers, 'replication.list', {});
    assert.deepEqual((list as { result: { tasks: { id: string; source: string }[] } }).result.tasks.map((t) => [t.id, t.source]), [['shop-task', base.sourceUrl]]);
    const again = await dispatch(handlers, 'replication.create', base);
    assert.deepEqual(again.ok ? null : again.error.code, 'FAILED');
    const log = await dispatch(handlers, 'replication.log', { id: 'shop-task' });
    assert.deepEqual((log as { result: { lines: string[] } }).result.lines, []);
  } finally {
    await handlers.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('the contract refuses bad task names and unknown tasks before anything runs', async () => {
  const root = mkdtempSync(join(tmpdir(), 'dbshift-tasks-view-'));
  const handlers = createHandlers(host(root));
  try {
    const bad = await dispatch(handlers, 'replication.start', { id: '../etc' });
    assert.equal(bad.ok ? '' : bad.error.code, 'INVALID_PARAMS');
    assert.match(bad.ok ? '' : bad.error.message, /id: letters, digits and hyphens/);
    const none = await dispatch(handlers, 'replication.stop', { id: 'nothing-here' });
    assert.equal(none.ok ? '' : none.error.code, 'NOT_FOUND');
    const extra = await dispatch(handlers, 'replication.create', { ...base, password: 'x' });
    assert.equal(extra.ok ? '' : extra.error.code, 'INVALID_PARAMS');
  } finally {
    await handlers.close();
    rmSync(root, { recursive: true, force: true });
  }
});

// Script variables as a project setting: the front end gets them (SQL*Plus &NAME), plain values are
// written to project.json, password-like ones never are (the secret store keeps them for the session).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../../electron/node/handlers/index.js';
import type { ProjectInfo, TreeNode } from '../../../converters/contract/index.js';
import { handlerSession } from './handler-session.js';

const SECRET = 'Sup3r-s3cret-value';

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await allFiles(p)); else out.push(p);
  }
  return out;
}

test('script variables: parsed with the values, secret ones never written, recalled on reopen', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-vars-'));
  const { h, call } = handlerSession(dir);
  const labels = async (): Promise<string[]> => {
    const walk = async (parentId: string | null): Promise<string[]> => {
      const r: { nodes: TreeNode[] } = await call('tree.children', { side: 'source', target: 'postgres', parentId });
      const out: string[] = [];
      for (const n of r.nodes) out.push(...(n.kind === 'object' ? [n.label] : await walk(n.id)));
      return out;
    };
    return walk(null);
  };
  try {
    const scripts = join(dir, 'scripts');
    await mkdir(scripts);
    await writeFile(join(scripts, 'app.sql'), "CREATE TABLE &tab_name (id NUMBER(9) PRIMARY KEY, note VARCHAR2(40) DEFAULT '&app_password');\n");
    const folder = join(dir, 'proj');
    await call('project.create', { name: 'Vars', folder, source: 'oracle', targets: ['postgres'] });
    const first: { findings: number } = await call('source.loadScripts', { paths: [scripts] });
    assert.ok(first.findings > 0, 'undefined variables are reported');

    const p: ProjectInfo = await call('project.setVariables', { variables: { tab_name: 'people', app_password: SECRET } });
    assert.deepEqual(p.variables, { tab_name: 'people' });
    assert.deepEqual(p.secretVariables, [{ name: 'app_password', set: true }]);
    assert.deepEqual((await labels()).map((l) => l.toLowerCase()), ['people']);
    await call('convert.run', { target: 'postgres' });
    const key = ((await call('tree.children', { side: 'source', target: 'postgres', parentId: null, filter: { name: 'people' } })) as { nodes: TreeNode[] }).nodes;
    assert.ok(key.length > 0);

    await call('project.save', {});
    const json = JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')) as { variables?: unknown; secretVariables?: unknown };
    assert.deepEqual(json.variables, { tab_name: 'people' });
    assert.deepEqual(json.secretVariables, ['app_password']);
    for (const f of await allFiles(folder)) assert.ok(!(await readFile(f, 'utf8')).includes(SECRET), `${f} holds the secret`);

    // Reopen: the secret comes back from the secret store; '' keeps it.
    await call('project.close', {});
    const reopened: ProjectInfo = await call('project.open', { folder });
    assert.deepEqual(reopened.secretVariables, [{ name: 'app_password', set: true }]);
    const kept: ProjectInfo = await call('project.setVariables', { variables: { tab_name: 'staff', app_password: '' } });
    assert.deepEqual(kept.secretVariables, [{ name: 'app_password', set: true }]);
    assert.deepEqual((await labels()).map((l) => l.toLowerCase()), ['staff']);

    const bad = await dispatch(h, 'project.setVariables', { variables: { 'no spaces': 'x' } });
    assert.equal(bad.ok, false);
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
});

// Conversion options as a project setting: the workbench converts with them, keeps them in
// project.json, refuses unknown names and values, and says which file is wrong when one was edited by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../../electron/node/handlers/index.js';
import type { ProjectInfo, TreeNode } from '../../../converters/contract/index.js';
import { handlerSession } from './handler-session.js';

test('conversion options: converted with them, kept in project.json, reconverted on change, bad ones refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-convopts-'));
  const { h, call } = handlerSession(dir);
  const eventsText = async (): Promise<{ text: string; codes: string[] }> => {
    const { nodes }: { nodes: TreeNode[] } = await call('tree.children', { side: 'source', target: 'postgres', parentId: null, filter: { name: 'ev' } });
    const walk = async (ns: TreeNode[]): Promise<TreeNode | undefined> => {
      for (const n of ns) {
        if (n.kind === 'object' && n.label === 'ev') return n;
        if (n.hasChildren) { const found = await walk(((await call('tree.children', { side: 'source', target: 'postgres', parentId: n.id, filter: { name: 'ev' } })) as { nodes: TreeNode[] }).nodes); if (found) return found; }
      }
      return undefined;
    };
    const node = await walk(nodes);
    assert.ok(node?.key, 'table ev in the tree');
    const o: { text: string | null; items: { code: string }[] } = await call('object.get', { key: node.key, target: 'postgres' });
    return { text: o.text ?? '', codes: o.items.map((i) => i.code) };
  };
  try {
    const scripts = join(dir, 'scripts');
    await mkdir(scripts);
    await writeFile(join(scripts, 'ev.sql'), 'CREATE TABLE ev (id int PRIMARY KEY, at TIMESTAMP NULL, flag TINYINT(1) NOT NULL DEFAULT 0);\n');
    const folder = join(dir, 'proj');
    await call('project.create', { name: 'Opts', folder, source: 'mysql', targets: ['postgres'] });
    await call('source.loadScripts', { paths: [scripts] });
    await call('convert.run', { target: 'postgres' });
    let ev = await eventsText();
    assert.match(ev.text, /"at" timestamp\(0\),/);
    assert.match(ev.text, /"flag" boolean/);
    assert.ok(ev.codes.includes('MP0050'));

    const p: ProjectInfo = await call('project.setConversion', { settings: { timestampWithTimeZone: true, tinyint1AsBoolean: false } });
    assert.deepEqual(p.conversion, { timestampWithTimeZone: true, tinyint1AsBoolean: false });
    assert.deepEqual(p.convertedTargets, ['postgres'], 'converted again');
    ev = await eventsText();
    assert.match(ev.text, /"at" timestamp\(0\) with time zone,/);
    assert.match(ev.text, /"flag" smallint/);
    assert.ok(!ev.codes.includes('MP0050'));
    const json = JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')) as { conversion?: unknown };
    assert.deepEqual(json.conversion, { timestampWithTimeZone: true, tinyint1AsBoolean: false });

    // Reopened: the options come back and the conversion uses them.
    await call('project.close', {});
    const reopened: ProjectInfo = await call('project.open', { folder });
    assert.deepEqual(reopened.conversion, { timestampWithTimeZone: true, tinyint1AsBoolean: false });

    for (const settings of [{ timestampWithTimeZone: 'yes' }, { postgres: true }, { mysqlFlavor: 'percona' }]) {
      const bad = await dispatch(h, 'project.setConversion', { settings });
      assert.equal(bad.ok, false, JSON.stringify(settings));
    }
    // Back to the defaults: the field leaves project.json.
    const cleared: ProjectInfo = await call('project.setConversion', { settings: {} });
    assert.equal(cleared.conversion, undefined);
    assert.equal((JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')) as { conversion?: unknown }).conversion, undefined);

    // A hand-edited project.json with a wrong value: opening says which file and what.
    await call('project.close', {});
    const file = JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(folder, 'project.json'), JSON.stringify({ ...file, conversion: { mysqlFlavor: 'percona' } }));
    const r = await dispatch(h, 'project.open', { folder });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? `${r.error.message} ${r.error.hint ?? ''}` : '', /project\.json: option mysqlFlavor takes "mysql", "mariadb", not "percona".*fix "conversion"/);
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
});

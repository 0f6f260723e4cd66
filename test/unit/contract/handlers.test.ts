// The contract handlers end to end without a UI: project folder, scripts source, convert, edits
// that survive reconversion and reopening, apply to in-memory PGlite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHandlers, dispatch, memorySecrets, type Host } from '../../../electron/node/handlers/index.js';
import { REQUESTS, type RequestName } from '../../../converters/contract/index.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const SAKILA = resolve(repoRoot, '../shared/corpus/sakila-mysql/sakila-schema.sql');

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-handlers-'));
  const events: { name: string; payload: unknown }[] = [];
  const host: Host = {
    mode: 'web', version: 'test', configDir: join(dir, 'config'), defaultFolder: dir,
    emit: (name, payload) => { events.push({ name, payload }); }, secrets: memorySecrets(), now: () => '2026-01-01T00:00:00.000Z',
  };
  const h = createHandlers(host);
  async function call<N extends RequestName>(name: N, params: unknown) {
    const r = await dispatch(h, name, params);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    // Results must match the contract too.
    return REQUESTS[name].result.parse(r.result) as never;
  }
  return { dir, h, call, events };
}

test('scripts → convert → edit → reconvert/reopen keeps the edit; apply to PGlite', async () => {
  const { dir, call } = await setup();
  try {
    const scripts = join(dir, 'scripts');
    await mkdir(scripts);
    await writeFile(join(scripts, 'sakila-schema.sql'), await readFile(SAKILA));
    const folder = join(dir, 'proj');
    await call('project.create', { name: 'Sakila', folder, source: 'mysql', targets: ['postgres'] });
    const loaded: { objects: number } = await call('source.loadScripts', { paths: [scripts] });
    assert.ok(loaded.objects > 20, `objects ${loaded.objects}`);
    const conv: { summary: { objects: number } } = await call('convert.run', { target: 'postgres' });
    assert.ok(conv.summary.objects > 20);
    type Nodes = { nodes: { id: string; key: string; label: string }[] };
    const filter = { name: 'film%stock', types: ['procedure'] };
    const schemas: Nodes = await call('tree.children', { side: 'source', target: 'postgres', parentId: null, filter });
    assert.equal(schemas.nodes.length, 1, 'only the schema holding film% functions');
    const groups: Nodes = await call('tree.children', { side: 'source', target: 'postgres', parentId: schemas.nodes[0]!.id, filter });
    assert.deepEqual(groups.nodes.map((n) => n.label.toLowerCase()), ['procedure (2)']);
    const routines: Nodes = await call('tree.children', { side: 'source', target: 'postgres', parentId: groups.nodes[0]!.id, filter });
    const film = routines.nodes.find((n) => n.label === 'film_in_stock');
    assert.ok(film, JSON.stringify(routines.nodes));
    const obj: { text: string; source: { text: string } } = await call('object.get', { key: film.key, target: 'postgres' });
    assert.match(obj.source.text, /film_in_stock/);
    const edited = `-- reviewed by a person\n${obj.text}`;
    await call('object.saveEdit', { key: film.key, target: 'postgres', text: edited });
    await call('convert.run', { target: 'postgres' });
    assert.equal(((await call('object.get', { key: film.key, target: 'postgres' })) as { text: string }).text, edited);
    await call('project.close', {});
    await call('project.open', { folder });
    const again: { text: string; edited: boolean } = await call('object.get', { key: film.key, target: 'postgres' });
    assert.equal(again.text, edited);
    assert.equal(again.edited, true);
    // The corpus's views name the schema `sakila` while it creates `rental_sys` (as MySQL itself
    // would refuse too): a person fixes that in the converted code before applying.
    const views: Nodes = await call('tree.children', { side: 'source', target: 'postgres', parentId: 'source|group|rental_sys|View', limit: 100 });
    assert.ok(views.nodes.length > 0);
    for (const v of views.nodes) {
      const o: { text: string } = await call('object.get', { key: v.key, target: 'postgres' });
      if (/sakila/i.test(o.text)) await call('object.saveEdit', { key: v.key, target: 'postgres', text: o.text.replace(/"?sakila"?\./gi, '"rental_sys".') });
    }
    const applied: { ok: boolean; statements: unknown[] } = await call('apply.run', { target: 'postgres', connection: { engine: 'pglite' }, taskId: 't1' });
    assert.equal(applied.ok, true, JSON.stringify((applied as { failure?: unknown }).failure));
    assert.ok(applied.statements.length > 20);
    const files = await readdir(join(folder, 'edits', 'postgres'), { recursive: true });
    assert.ok(files.some((f) => String(f).endsWith('film_in_stock.sql')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('invalid params and unknown requests come back as clear errors, without stack traces', async () => {
  const { dir, h } = await setup();
  try {
    const bad = await dispatch(h, 'project.create', { name: '', folder: 3, source: 'db2', targets: [] });
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.equal(bad.error.code, 'INVALID_PARAMS');
      assert.match(bad.error.message, /name: a project needs a name/);
      assert.match(bad.error.message, /targets: pick at least one target engine/);
      assert.doesNotMatch(bad.error.message, /\n\s+at /);
    }
    const extra = await dispatch(h, 'project.close', { sneaky: true });
    assert.equal(extra.ok, false);
    const unknown = await dispatch(h, 'fs.readFile', {});
    assert.equal(unknown.ok, false);
    if (!unknown.ok) assert.equal(unknown.error.code, 'UNKNOWN_REQUEST');
    const noProject = await dispatch(h, 'convert.run', { target: 'postgres' });
    assert.equal(noProject.ok, false);
    if (!noProject.ok) assert.equal(noProject.error.code, 'NO_PROJECT');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('reopening after the conversion changed merges the edit three-way and flags conflicts', async () => {
  const { dir, call } = await setup();
  try {
    const folder = join(dir, 'proj');
    await call('project.create', { name: 'M', folder, source: 'mysql', targets: ['postgres'] });
    await call('source.loadScripts', { paths: [SAKILA] });
    await call('convert.run', { target: 'postgres' });
    type Nodes = { nodes: { key: string; label: string }[] };
    const procs: Nodes = await call('tree.children', { side: 'source', target: 'postgres', parentId: 'source|group|rental_sys|Procedure' });
    const [a, b] = [procs.nodes.find((n) => n.label === 'film_in_stock')!, procs.nodes.find((n) => n.label === 'film_not_in_stock')!];
    const textA: { text: string } = await call('object.get', { key: a.key, target: 'postgres' });
    const textB: { text: string } = await call('object.get', { key: b.key, target: 'postgres' });
    const linesA = textA.text.split('\n');
    const linesB = textB.text.split('\n');
    // a: the user edits the last line; b: the user edits the first line.
    await call('object.saveEdit', { key: a.key, target: 'postgres', text: [...linesA.slice(0, -2), `${linesA.at(-2)} -- mine`, ''].join('\n') });
    await call('object.saveEdit', { key: b.key, target: 'postgres', text: [`-- mine`, ...linesB.slice(1)].join('\n') });
    await call('project.close', {});
    // Pretend the previous conversion differed on the first line of both objects (as after a
    // converter upgrade): the new conversion changes line 1 back, clean for a, conflicting for b.
    const files = (await readdir(join(folder, 'converted', 'postgres'), { recursive: true })).map(String);
    for (const name of ['film_in_stock.sql', 'film_not_in_stock.sql']) {
      const f = join(folder, 'converted', 'postgres', files.find((x) => x.endsWith(`/${name}`))!);
      const t = (await readFile(f, 'utf8')).split('\n');
      await writeFile(f, [`${t[0]} /* old */`, ...t.slice(1)].join('\n'));
    }
    const info: { conflicts: string[] } = await call('project.open', { folder });
    assert.deepEqual(info.conflicts, [b.key]);
    const mergedA: { text: string; conflict: boolean } = await call('object.get', { key: a.key, target: 'postgres' });
    assert.equal(mergedA.conflict, false);
    assert.match(mergedA.text, / -- mine\n$/, 'a keeps the edit');
    assert.equal(mergedA.text.split('\n')[0], linesA[0], 'a takes the new first line');
    const mergedB: { text: string; conflict: boolean } = await call('object.get', { key: b.key, target: 'postgres' });
    assert.equal(mergedB.conflict, true);
    assert.deepEqual(mergedB.text.split('\n').slice(0, 5), ['<<<<<<< your edit', '-- mine', '=======', linesB[0], '>>>>>>> new conversion']);
    const blocked = await call('apply.preview', { target: 'postgres', connection: { engine: 'pglite' } }) as { warnings: string[] };
    assert.equal(blocked.warnings.length, 1);
    const resolved: { conflict: boolean; project: { conflicts: string[] } } = await call('object.saveEdit', { key: b.key, target: 'postgres', text: ['-- mine', ...linesB].join('\n'), resolved: true });
    assert.equal(resolved.conflict, false);
    assert.deepEqual(resolved.project.conflicts, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// assessment.summary's scope: whole source, one schema, one object (Oracle HR scripts → PostgreSQL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dispatch } from '../../../electron/node/handlers/index.js';
import type { RequestName, Result, TreeNode } from '../../../converters/contract/index.js';
import { handlerSession } from './handler-session.js';

const HR = resolve(import.meta.dirname, '../../../../shared/corpus/oracle-hr');

test('report scope: whole source ⊇ schema ⊇ one object, each counted from its own objects', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-scope-'));
  const { h, call: untyped } = handlerSession(dir);
  const call = <N extends RequestName>(name: N, params: unknown): Promise<Result<N>> => untyped(name, params);
  try {
    const scripts = join(dir, 'scripts');
    await mkdir(scripts);
    for (const f of ['hr_create.sql', 'hr_code.sql']) await copyFile(join(HR, f), join(scripts, f));
    await call('project.create', { name: 'HR', folder: join(dir, 'proj'), source: 'oracle', targets: ['postgres'] });
    await call('source.loadScripts', { paths: [scripts] });
    await call('convert.run', { target: 'postgres' });

    const all = await call('assessment.summary', { target: 'postgres' });
    assert.equal(all.scope, 'whole source');
    const find = async (parentId: string | null): Promise<TreeNode | undefined> => {
      for (const n of (await call('tree.children', { side: 'source', target: 'postgres', parentId, filter: { name: 'secure_dml' } })).nodes) {
        const hit = n.kind === 'object' ? n : await find(n.id);
        if (hit) return hit;
      }
      return undefined;
    };
    const node = await find(null);
    assert.ok(node?.key, 'SECURE_DML in the tree');
    const one = await call('assessment.summary', { target: 'postgres', scope: { kind: 'object', key: node.key } });
    assert.match(one.scope ?? '', /procedure .*secure_dml/i);
    assert.equal(one.objects.total, 1);
    const occ = one.report!.codes.flatMap((c) => c.occurrences);
    assert.ok(occ.length >= 2, 'SYSDATE and RAISE_APPLICATION_ERROR items');
    assert.ok(occ.every((o) => /secure_dml/i.test(o.object)), JSON.stringify(occ.map((o) => o.object)));
    assert.ok(all.objects.total > one.objects.total && all.actionItems > one.actionItems);

    for (const schema of all.schemas ?? []) {
      const s = await call('assessment.summary', { target: 'postgres', scope: { kind: 'schema', schema } });
      assert.equal(s.scope, `schema ${schema}`);
      assert.ok(s.objects.total <= all.objects.total);
    }
    // The scoped report as HTML and PDF (web mode: headless Chromium through playwright-core).
    const whole = await call('report.export', { target: 'postgres', format: 'html' });
    assert.match(await readFile(whole.files[0]!, 'utf8'), /EMPLOYEES_SEQ/i);
    const exp = await call('report.export', { target: 'postgres', format: 'pdf', scope: { kind: 'object', key: node.key } });
    const html = await readFile(exp.files[0]!, 'utf8');
    assert.match(html, /SECURE_DML/i);
    assert.doesNotMatch(html, /EMPLOYEES_SEQ/i, 'objects outside the scope are not in the report');
    if (exp.files.length > 1) assert.equal((await readFile(exp.files[1]!)).subarray(0, 5).toString(), '%PDF-');
    else assert.match(exp.note ?? '', /Chromium|playwright/i);
    const bad = await dispatch(h, 'assessment.summary', { target: 'postgres', scope: { kind: 'object', key: 'table:nope.nothing' } });
    assert.equal(bad.ok, false);
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
});

// Where an action item lands in the converted code when the generator gives no target span: in
// the statements of the target object the finding belongs to (a MySQL trigger becomes a function
// and a trigger on PostgreSQL), on the line holding the finding's identifier, with its columns.
// Checked on a hand-built case and on every item of the Sakila conversion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ConvertedObject, Diagnostic, SourceFile } from '../../../converters/index.js';
import { objectLineRanges, objectText, targetLinesOf } from '../../../electron/node/handlers/text.js';
import { createHandlers, dispatch, memorySecrets } from '../../../electron/node/handlers/index.js';

const span = (line: number, column: number, endColumn: number) => ({ file: 'a.sql', line, column, endLine: line, endColumn });

function obj(type: string, name: string, statements: string[], diagnostics: Diagnostic[] = []): ConvertedObject {
  return {
    ref: { type, schema: 's', name }, source: { type: 'trigger', schema: 's', name: 'trg' }, statements, dependsOn: [],
    status: diagnostics.length ? 'converted-with-actions' : 'converted', diagnostics, span: span(1, 1, 1), category: 'code',
  };
}

test('a finding is placed in its own target object, on its identifier', () => {
  const file: SourceFile = { path: 'a.sql', text: 'CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW\n  SET NEW.last_update = NOW();\n' };
  const d: Diagnostic = { code: 'X1', severity: 'medium', effort: 'simple', message: 'm', recommendation: 'r', span: span(2, 7, 22) };
  // Both statements mention last_update; the finding belongs to the function (second object).
  const trigger = obj('trigger', 'trg', ['CREATE TRIGGER "trg" BEFORE UPDATE ON "s"."t"\nFOR EACH ROW EXECUTE FUNCTION "s"."trg_fn"() -- sets last_update']);
  const fn = obj('function', 'trg_fn', ['CREATE FUNCTION "s"."trg_fn"() RETURNS trigger AS $$\nBEGIN\n  NEW."last_update" := now();\n  RETURN NEW;\nEND $$ LANGUAGE plpgsql'], [d]);
  const objs = [trigger, fn];
  const text = objectText(objs, 'postgres');
  const ranges = objectLineRanges(objs, 'postgres');
  assert.deepEqual(ranges.get(trigger), { startLine: 1, endLine: 2 });
  assert.deepEqual(ranges.get(fn), { startLine: 4, endLine: 8 });
  assert.equal(text.split('\n')[3], 'CREATE FUNCTION "s"."trg_fn"() RETURNS trigger AS $$');
  const files = new Map([[file.path, file]]);
  const tl = targetLinesOf(d, text, files, ranges.get(fn));
  assert.deepEqual(tl, { startLine: 6, endLine: 6, exact: false, startColumn: 8, endColumn: 19 });
  assert.equal(text.split('\n')[5]!.slice(7, 18), 'last_update');
  // Without the owner's lines, the first mention in the whole text wins (the trigger's line 2).
  assert.equal(targetLinesOf(d, text, files)?.startLine, 2);
  // No telling word inside the object: the object's statements as a whole.
  const d2: Diagnostic = { ...d, span: span(1, 1, 8) };
  assert.deepEqual(targetLinesOf(d2, text, files, ranges.get(fn)), { startLine: 4, endLine: 8, exact: false });
  // A generator's target span is exact and wins.
  assert.deepEqual(targetLinesOf({ ...d, targetSpan: { startLine: 3, endLine: 3 } }, text, files, ranges.get(fn)), { startLine: 3, endLine: 3, exact: true });
});

test('a routine with several findings on the same word: each lands on its own converted line', () => {
  const src = [
    'CREATE PROCEDURE p()',
    'BEGIN',
    "  UPDATE orders SET status = 'late' WHERE due < NOW();",
    "  INSERT INTO audit_log(msg) VALUES ('updated');",
    "  UPDATE invoices SET status = 'late' WHERE due < NOW();",
    '  DELETE FROM carts WHERE created < NOW();',
    'END',
  ];
  const file: SourceFile = { path: 'a.sql', text: `${src.join('\n')}\n` };
  const at = (line: number): Diagnostic => {
    const column = src[line - 1]!.indexOf('NOW()') + 1;
    return { code: 'X9', severity: 'low', effort: 'simple', message: 'NOW() is the transaction start', recommendation: 'r', span: span(line, column, column + 5) };
  };
  const tgt = [
    'CREATE PROCEDURE "p"()',
    'LANGUAGE plpgsql',
    'AS $$',
    'BEGIN',
    `  UPDATE "orders" SET "status" = 'late' WHERE "due" < now();`,
    `  INSERT INTO "audit_log"("msg") VALUES ('updated');`,
    `  UPDATE "invoices" SET "status" = 'late' WHERE "due" < now();`,
    '  DELETE FROM "carts" WHERE "created" < now();',
    'END $$',
  ];
  const fn = obj('procedure', 'p', [tgt.join('\n')], [at(3), at(5), at(6)]);
  const text = objectText([fn], 'postgres');
  const region = objectLineRanges([fn], 'postgres').get(fn);
  const files = new Map([[file.path, file]]);
  const sourceObject = { text: src.join('\n'), startLine: 1 };
  const placed = [3, 5, 6].map((l) => targetLinesOf(at(l), text, files, region, sourceObject));
  assert.deepEqual(placed.map((p) => p?.startLine), [5, 7, 8], 'each NOW() on the line its statement became');
  for (const p of placed) assert.equal(text.split('\n')[p!.startLine - 1]!.slice(p!.startColumn! - 1, p!.endColumn! - 1), 'now');
  // The same input gives the same answer; without the source object, the first mention (as before).
  assert.deepEqual([3, 5, 6].map((l) => targetLinesOf(at(l), text, files, region, sourceObject)), placed);
  assert.deepEqual([3, 5, 6].map((l) => targetLinesOf(at(l), text, files, region)?.startLine), [5, 5, 5]);
});

test('Oracle HR SECURE_DML: SYSDATE (gone from the conversion) lands on its statement, RAISE_APPLICATION_ERROR on RAISE', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-tl-'));
  const h = createHandlers({ mode: 'web', version: 't', configDir: join(dir, 'c'), defaultFolder: dir, emit: () => undefined, secrets: memorySecrets(), now: () => '2026-01-01T00:00:00.000Z' });
  const call = async (name: string, params: unknown): Promise<never> => {
    const r = await dispatch(h, name, params);
    if (!r.ok) throw new Error(r.error.message);
    return r.result as never;
  };
  try {
    await writeFile(join(dir, 'hr_code.sql'), await readFile(resolve(import.meta.dirname, '../../../../shared/corpus/oracle-hr/hr_code.sql'), 'utf8'));
    await call('project.create', { name: 'hr', folder: join(dir, 'p'), source: 'oracle', targets: ['postgres'] });
    await call('source.loadScripts', { paths: [join(dir, 'hr_code.sql')] });
    await call('convert.run', { target: 'postgres' });
    type Obj = { text: string; items: { code: string; span: { line: number }; targetLines?: { startLine: number; endLine: number } }[] };
    const o: Obj = await call('object.get', { key: 'Procedure:.secure_dml', target: 'postgres' });
    const lines = o.text.split('\n');
    const line = (code: string) => { const tl = o.items.find((i) => i.code === code)!.targetLines!; assert.equal(tl.startLine, tl.endLine, code); return lines[tl.startLine - 1]!; };
    assert.match(line('OG0030'), /LOCALTIMESTAMP/, 'the converted IF that replaced SYSDATE');
    assert.match(line('OG0045'), /RAISE EXCEPTION/);
    assert.deepEqual(await call('object.get', { key: 'Procedure:.secure_dml', target: 'postgres' }), o, 'deterministic');
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('Sakila: every placed item is inside the converted text, and a word match is a word of its source span', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dbshift-tl-'));
  const h = createHandlers({ mode: 'web', version: 't', configDir: join(dir, 'c'), defaultFolder: dir, emit: () => undefined, secrets: memorySecrets(), now: () => '2026-01-01T00:00:00.000Z' });
  const call = async (name: string, params: unknown): Promise<never> => {
    const r = await dispatch(h, name, params);
    if (!r.ok) throw new Error(r.error.message);
    return r.result as never;
  };
  try {
    const sql = await readFile(resolve(import.meta.dirname, '../../../../shared/corpus/sakila-mysql/sakila-schema.sql'), 'utf8');
    await writeFile(join(dir, 'sakila.sql'), sql);
    const sourceLines = sql.split('\n');
    await call('project.create', { name: 's', folder: join(dir, 'p'), source: 'mysql', targets: ['postgres'] });
    await call('source.loadScripts', { paths: [join(dir, 'sakila.sql')] });
    await call('convert.run', { target: 'postgres' });
    const stack: (string | null)[] = [null];
    const keys: string[] = [];
    while (stack.length) {
      const { nodes } = await call('tree.children', { side: 'source', target: 'postgres', parentId: stack.pop()!, limit: 5000 }) as { nodes: { id: string; key?: string; hasChildren: boolean }[] };
      for (const n of nodes) { if (n.key) keys.push(n.key); else if (n.hasChildren) stack.push(n.id); }
    }
    let placed = 0;
    let words = 0;
    for (const key of keys) {
      const o = await call('object.get', { key, target: 'postgres' }) as { text: string | null; items: { span: { line: number; endLine: number }; targetLines?: { startLine: number; endLine: number; startColumn?: number; endColumn?: number } }[] };
      const lines = (o.text ?? '').split('\n');
      for (const i of o.items) {
        const tl = i.targetLines;
        if (!tl) continue;
        placed++;
        assert.ok(tl.startLine >= 1 && tl.endLine <= lines.length && tl.startLine <= tl.endLine, `${key}: ${JSON.stringify(tl)}`);
        if (tl.startColumn === undefined) continue;
        words++;
        const word = lines[tl.startLine - 1]!.slice(tl.startColumn - 1, tl.endColumn! - 1).toLowerCase();
        const src = sourceLines.slice(i.span.line - 1, Math.max(i.span.line, i.span.endLine)).join('\n');
        assert.ok(src.toLowerCase().includes(word), `${key}: "${word}" is not in source lines ${i.span.line}-${i.span.endLine}: ${src}`);
      }
    }
    assert.ok(placed > 10 && words > 5, `placed ${placed}, on a word ${words}`);
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
});

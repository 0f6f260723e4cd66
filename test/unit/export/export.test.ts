import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { ConvertedObject, ConvertResult } from '../../../converters/index.js';
import { buildAssessment } from '../../../converters/assessment/index.js';
import { assignFileNames, renderApplyScript, safeSegment, scrubUrls, writeConversion } from '../../../electron/node/export/index.js';

const span = { file: 'in.sql', line: 3, column: 1, endLine: 3, endColumn: 9 };

function obj(type: string, schema: string | undefined, name: string, statements: string[], status: ConvertedObject['status'] = 'converted'): ConvertedObject {
  const ref = schema ? { schema, name, type } : { name, type };
  return { ref, source: ref, statements, dependsOn: [], status, diagnostics: [], span, category: type === 'table' ? 'storage' : 'code' };
}

test('safe file names: no traversal, no reserved names, distinct for distinct names', () => {
  for (const hostile of ['..', '.', '../../etc/passwd', 'a/b', 'a\\b', 'CON', 'nul.txt', 'x:y', '', ' ', 'é', 'a\u0000b', '.hidden', 'x'.repeat(300)]) {
    const s = safeSegment(hostile);
    assert.match(s, /^[A-Za-z0-9_.~-]+$/, `${JSON.stringify(hostile)} → ${s}`);
    assert.ok(!s.startsWith('.'), s);
    assert.ok(s.length <= 100, s);
    assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(s), s);
  }
  assert.equal(safeSegment('film_actor'), 'film_actor');
  assert.notEqual(safeSegment('my table'), safeSegment('my_table'));
  assert.equal(safeSegment('my table'), safeSegment('my table'));
  // Names equal but for case get distinct files (case-insensitive file systems).
  const names = assignFileNames(['Album', 'album', 'track']);
  assert.notEqual(names.get('Album')!.toLowerCase(), names.get('album')!.toLowerCase());
  assert.equal(names.get('track'), 'track.sql');
  // The same names in another order get the same files.
  const again = assignFileNames(['track', 'album', 'Album']);
  for (const n of ['Album', 'album', 'track']) assert.equal(again.get(n), names.get(n));
});

test('writeConversion keeps every file inside the output folder and writes one file per object', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbshift-export-'));
  try {
    const result: ConvertResult = {
      target: 'postgres',
      objects: [
        obj('table', '../..', '../../evil', ['CREATE TABLE "x"."y" (a int)']),
        obj('table', 'shop', 'Book', ['CREATE TABLE shop.book (id int)']),
        obj('table', 'shop', 'book', ['CREATE TABLE shop."book2" (id int)']),
        obj('view', undefined, 'v', ['CREATE VIEW v AS SELECT 1']),
      ],
      diagnostics: [],
    };
    const a = buildAssessment({ source: 'mysql', target: 'postgres', catalog: { dialect: 'mysql', objects: [] }, parseDiagnostics: [], result, inputs: [] });
    const w = await writeConversion(dir, result, a, { generatedAt: '2026-01-01T00:00:00Z', sourceLabel: 'mysql://root:hunter2@db/x' });
    {
      assert.equal(w.objectFiles.length, 4);
      for (const f of w.objectFiles) {
        const rel = relative(dir, f);
        assert.ok(!rel.startsWith('..') && rel.split(sep)[0] === 'objects', rel);
        assert.ok(statSync(f).isFile());
      }
      const all = [w.applySql, w.assessmentJson, ...w.objectFiles].map((f) => readFileSync(f, 'utf8')).join('\n');
      assert.doesNotMatch(all, /hunter2/);
      assert.ok(readdirSync(join(dir, 'objects')).every((d) => !d.startsWith('.')));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL apply.sql: transaction, markers before objects, items as comments, not-converted commented out', () => {
  const t = obj('table', 'shop', 'book', ['CREATE TABLE shop.book (id int)', 'COMMENT ON TABLE shop.book IS \'x\'']);
  t.status = 'converted-with-actions';
  t.diagnostics.push({ code: 'MP0001', severity: 'medium', effort: 'simple', message: 'multi\nline message', recommendation: 'r', span });
  const bad = obj('procedure', 'shop', 'p', ['CREATE PROCEDURE p() BEGIN\n  SELECT 1;\nEND'], 'not-converted');
  const text = renderApplyScript({ target: 'postgres', objects: [t, bad], diagnostics: [] }, { sourceLabel: 's', generatedAt: 'now' });
  const lines = text.split('\n');
  assert.equal(lines.filter((l) => l === 'BEGIN;').length, 1);
  assert.equal(lines.at(-2), 'COMMIT;');
  const marker = lines.indexOf('-- @dbshift object=table:shop.book');
  assert.ok(marker > lines.indexOf('BEGIN;'));
  assert.ok(lines.indexOf('CREATE TABLE shop.book (id int);') > marker);
  assert.ok(lines.includes('-- [MEDIUM] MP0001: multi line message (in.sql:3)'));
  assert.ok(lines.includes('-- @dbshift object=procedure:shop.p'));
  // Every line of the not-converted object is a comment.
  const from = lines.indexOf('-- @dbshift object=procedure:shop.p');
  for (const l of lines.slice(from, lines.indexOf('COMMIT;'))) assert.ok(l === '' || l.startsWith('--'), l);
});

test('MySQL apply.sql: DELIMITER only around compound statements, with a delimiter not in the body', () => {
  const p = obj('procedure', 'shop', 'p', ['CREATE PROCEDURE p()\nBEGIN\n  SELECT \'$$\';\nEND']);
  const t = obj('table', 'shop', 't', ['CREATE TABLE t (a int) -- trailing comment']);
  const text = renderApplyScript({ target: 'mysql', objects: [t, p], diagnostics: [] }, { sourceLabel: 's', generatedAt: 'now' });
  assert.match(text, /CREATE TABLE t \(a int\) -- trailing comment\n;/);
  assert.match(text, /DELIMITER \/\/\nCREATE PROCEDURE p\(\)\nBEGIN\n {2}SELECT '\$\$';\nEND\/\/\nDELIMITER ;/);
  assert.doesNotMatch(text, /BEGIN;/);
});

test('scrubUrls removes passwords from URLs in any text', () => {
  assert.equal(scrubUrls('see postgres://u:p%40ss@h:5/db and mysql://x:y@z'), 'see postgres://u:***@h:5/db and mysql://x:***@z');
  assert.equal(scrubUrls('postgres://u@h/db'), 'postgres://u@h/db');
});

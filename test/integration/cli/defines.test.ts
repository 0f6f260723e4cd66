// Script variables from the command line: `--define NAME=VALUE` feeds SQL*Plus &NAME substitution;
// a password variable never reaches the output files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS, runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dbshift-defines-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const HR = ['hr_install.sql', 'hr_create.sql', 'hr_code.sql', 'hr_populate.sql'].map((f) => join(CORPUS, 'oracle-hr', f));

function allText(dir: string): string {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

test('HR install script: without values each &variable is a located finding; with --define none is, and the password is not written', async () => {
  const bare = join(tmp, 'bare');
  const r1 = await runCli(['convert', ...HR, '--from', 'oracle', '--to', 'postgres', '--out', bare, '--json'], { timeoutMs: 120_000 });
  assert.equal(r1.code, 0, r1.stderr);
  const missing = (JSON.parse(readFileSync(join(bare, 'assessment.json'), 'utf8')) as { actionItems: { code: string; message: string; file: string; line: number }[] })
    .actionItems.filter((a) => a.code === 'OS0004');
  assert.ok(missing.some((a) => /&pass\b/.test(a.message) && a.file.endsWith('hr_install.sql') && a.line > 0), JSON.stringify(missing));

  const given = join(tmp, 'given');
  const r2 = await runCli(['convert', ...HR, '--from', 'oracle', '--to', 'postgres', '--out', given, '--define', 'pass=Sup3rS3cret', '--define', 'tbs=USERS', '--define', 'overwrite_schema=YES'], { timeoutMs: 120_000 });
  assert.equal(r2.code, 0, r2.stderr);
  const report = JSON.parse(readFileSync(join(given, 'assessment.json'), 'utf8')) as { actionItems: { code: string }[] };
  assert.deepEqual(report.actionItems.filter((a) => a.code === 'OS0004'), []);
  const out = allText(given);
  assert.match(out, /upper\('USERS'\)/, 'the tablespace value is substituted');
  assert.doesNotMatch(out + r2.stdout + r2.stderr, /Sup3rS3cret/, 'the password value is never written');
});

test('--define without NAME=VALUE is a usage error', async () => {
  const r = await runCli(['convert', HR[0]!, '--from', 'oracle', '--to', 'postgres', '--out', join(tmp, 'x'), '--define', 'novalue']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--define novalue: expected NAME=VALUE/);
});

// Cancelling a large conversion mid-way: a generated 5,000-table MySQL script is loaded and
// converted, then converted again (the converter really runs: the load's conversion is used up)
// and cancelled while the converter works. The cancel takes effect within about a second, the
// status says so, and the project's converted files are exactly as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserMissing, openSession } from './browser.js';
import { status } from './steps.js';

const TABLES = 5000;

function schema(): string {
  const out = ['CREATE DATABASE big;', 'USE big;'];
  for (let i = 0; i < TABLES; i++) out.push(`CREATE TABLE t${i} (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, amount DECIMAL(10,2) UNSIGNED, created DATETIME DEFAULT CURRENT_TIMESTAMP);`);
  return out.join('\n');
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && !e.name.endsWith('.lock')) out.set(join(e.parentPath, e.name), await readFile(join(e.parentPath, e.name), 'utf8'));
  }
  return out;
}

test('cancel a 5,000-table conversion mid-way: stops within a second, nothing half-written', { skip: browserMissing(), timeout: 300_000 }, async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'dbshift-e2e-convcancel-'));
  const scripts = join(tmp, 'scripts');
  await mkdir(scripts);
  await writeFile(join(scripts, 'big.sql'), schema());
  const folder = join(tmp, 'projects', 'big');
  const s = await openSession('convert-cancel', join(tmp, 'config'), join(tmp, 'projects'));
  const { page } = s;
  try {
    await page.goto(s.server.url);
    await page.getByRole('button', { name: 'New Project…' }).click();
    const wizard = page.getByTestId('new-project');
    await wizard.getByLabel('Project name').fill('Big');
    await wizard.getByLabel('Project folder').fill(folder);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('radio', { name: 'MySQL / MariaDB' }).check();
    await wizard.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('toolbar', { name: 'Project actions' }).waitFor();
    await page.getByRole('button', { name: 'Load source…' }).click();
    await page.getByTestId('source-dialog').getByLabel('Scripts folder or file').fill(scripts);
    await page.getByRole('button', { name: 'Load scripts' }).click();
    await status(page, /Loaded: \d+ objects/, 180_000);
    await page.getByRole('button', { name: 'Convert all' }).click();
    await status(page, /^Converted \d+ objects to postgres/, 180_000);
    const before = await snapshot(folder);
    assert.ok([...before.keys()].filter((f) => f.includes(`${join(folder, 'converted')}`)).length >= TABLES);

    // Convert again and cancel while the converter runs.
    await page.getByRole('button', { name: 'Convert all' }).click();
    const converting = page.getByRole('group', { name: 'Converting' });
    await converting.getByText(/converting \d+ objects to postgres/).waitFor();
    await page.waitForTimeout(300);
    await s.shot('converting');
    const t0 = Date.now();
    await converting.getByRole('button', { name: 'Cancel' }).click();
    await status(page, /^Cancelled: converting cancelled; nothing was changed$/, 10_000);
    const stopMs = Date.now() - t0;
    await s.shot('cancelled');
    assert.ok(stopMs < 1500, `the cancel took effect after ${stopMs} ms`);
    assert.equal(await converting.count(), 0, 'the progress bar is gone');
    assert.deepEqual(await snapshot(folder), before, 'the project folder is exactly as before');
    assert.equal(await page.getByRole('button', { name: 'Apply to database…' }).isDisabled(), false, 'the earlier conversion still stands');
    console.log(`cancel took effect ${stopMs} ms after the click`);
  } catch (e) {
    await page.screenshot({ path: 'test-output/e2e/convert-cancel/FAILED.png' }).catch(() => undefined);
    throw e;
  } finally {
    await s.close();
    await rm(tmp, { recursive: true, force: true });
  }
});

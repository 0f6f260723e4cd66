// Long jobs show progress and can be cancelled, and a cancelled job leaves nothing half-done:
// a generated 2,000-object MySQL schema; Convert all → Cancel (no converted files, nothing marked
// converted); Save as SQL (one file per object) → Cancel (no export folder); Apply to a real
// PostgreSQL database → Cancel part way (the transaction is rolled back: the target has no objects).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPgDatabase, type FreshDatabase } from '../harness/db.js';
import { browserMissing, openSession } from './browser.js';
import { projectMenu, status } from './steps.js';

const PER_KIND = 500;

function schema(): string {
  const out = ['CREATE DATABASE big;', 'USE big;'];
  for (let i = 0; i < PER_KIND; i++) {
    out.push(`CREATE TABLE t${i} (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, amount DECIMAL(10,2), created DATETIME DEFAULT CURRENT_TIMESTAMP);`);
    out.push(`CREATE INDEX ix_t${i}_name ON t${i} (name);`);
    out.push(`CREATE VIEW v${i} AS SELECT id, name, IFNULL(amount, 0) AS amount FROM t${i} WHERE name LIKE 'a%';`);
    out.push(`DELIMITER //\nCREATE PROCEDURE p${i}(IN p_id INT, OUT p_total DECIMAL(10,2))\nBEGIN\n  SELECT SUM(amount) INTO p_total FROM t${i} WHERE id > p_id;\nEND //\nDELIMITER ;`);
  }
  return out.join('\n');
}

async function fileCount(dir: string): Promise<number> {
  try { return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length; } catch { return 0; }
}

test('cancel: convert, save as SQL and apply stop cleanly', { skip: browserMissing(), timeout: 180_000 }, async (t) => {
  const tmp = await mkdtemp(join(tmpdir(), 'dbshift-e2e-cancel-'));
  const scripts = join(tmp, 'scripts');
  await mkdir(scripts);
  await writeFile(join(scripts, 'big.sql'), schema());
  const folder = join(tmp, 'projects', 'big');
  const s = await openSession('cancel', join(tmp, 'config'), join(tmp, 'projects'));
  const { page } = s;
  let target: FreshDatabase | undefined;
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
    await status(page, /Loaded: 2001 objects/);

    // Convert all → Cancel.
    await page.getByRole('button', { name: 'Convert all' }).click();
    const converting = page.getByRole('group', { name: 'Converting' });
    await converting.waitFor();
    await converting.getByRole('button', { name: 'Cancel' }).click();
    await s.shot('convert-cancelling');
    await status(page, /^Cancelled: converting cancelled; nothing was changed$/);
    await s.shot('convert-cancelled');
    assert.equal(await converting.count(), 0, 'the progress bar is gone');
    assert.equal(await fileCount(join(folder, 'converted')), 0, 'no converted file was left behind');
    assert.equal(await page.getByRole('button', { name: 'Apply to database…' }).isDisabled(), true, 'nothing counts as converted');

    // Converting again runs to the end.
    await page.getByRole('button', { name: 'Convert all' }).click();
    await status(page, /Converted 2001 objects to postgres/, 120_000);
    assert.equal(await fileCount(join(folder, 'converted')), 2001);

    // Save as SQL, one file per object → Cancel.
    await page.getByRole('button', { name: 'Save as SQL…' }).click();
    const exp = page.getByTestId('export-dialog');
    await exp.getByRole('radio', { name: 'One file per object' }).check();
    await exp.getByRole('button', { name: 'Save' }).click();
    await exp.getByRole('group', { name: 'Saving' }).getByRole('button', { name: 'Cancel' }).click();
    await exp.getByText(/^Cancelled: saving as SQL cancelled; nothing was changed$/).waitFor();
    await s.shot('export-cancelled');
    assert.equal(await fileCount(join(folder, 'export')), 0, 'no exported file was left behind');
    await exp.getByRole('button', { name: 'Close', exact: true }).click();

    if (!process.env.DBSHIFT_TEST_PG_URL) { t.skip('DBSHIFT_TEST_PG_URL not set: the apply part needs a PostgreSQL server'); return; }
    target = await freshPgDatabase('e2e_cancel');
    const u = new URL(target.url);
    await projectMenu(page, 'Target connection…');
    const tconn = page.getByTestId('connection-target');
    await tconn.getByLabel('Engine').selectOption('postgres');
    await tconn.getByLabel('Host').fill(u.hostname);
    await tconn.getByLabel('Port').fill(u.port);
    await tconn.getByLabel('Database').fill(target.name);
    await tconn.getByLabel('User').fill(decodeURIComponent(u.username));
    await tconn.getByLabel('SSL mode').selectOption('disable');
    await tconn.getByRole('button', { name: 'Save in project' }).click();
    await status(page, /Target connection saved/);

    // Apply → Cancel after some statements ran.
    await page.getByRole('button', { name: 'Apply to database…' }).click();
    const dialog = page.getByTestId('apply-dialog');
    await dialog.getByText(/statements will run in one transaction/).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    const applying = dialog.getByRole('group', { name: 'Applying' });
    await applying.getByText(/^[1-9]\d{2,} \/ \d+ · statement/).waitFor({ timeout: 60_000 });
    await applying.getByRole('button', { name: 'Cancel' }).click();
    await s.shot('apply-cancelling');
    const result = dialog.getByTestId('apply-result');
    await result.waitFor({ timeout: 60_000 });
    assert.match(await result.innerText(), /^Cancelled before statement \d+ of \d+: nothing was kept \(the transaction was rolled back\)\./);
    await s.shot('apply-cancelled');
    const left = await target.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`);
    assert.equal(left[0]!.n, 0, 'no table, view, index or sequence on the target');
    const routines = await target.query(`SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')`);
    assert.equal(routines[0]!.n, 0, 'no routine on the target');
    const schemas = await target.query(`SELECT nspname FROM pg_namespace WHERE nspname = 'big'`);
    assert.deepEqual(schemas, [], 'the schema was not created either');
  } catch (e) {
    await page.screenshot({ path: 'test-output/e2e/cancel/FAILED.png' }).catch(() => undefined);
    throw e;
  } finally {
    await s.close();
    await target?.drop().catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
  }
});

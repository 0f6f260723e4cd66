// Oracle in the workbench: the wizard offers it (from the converters' registry), the source
// connection dialog has Oracle's fields and shows a clear error when no listener answers, and the
// scripts-folder flow with Oracle HR reaches the embedded PGlite target: convert, open a PL/SQL
// routine with action items, click one (source line highlighted), apply → success.
// Screenshots under test-output/e2e/oracle-scripts-to-pglite/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserMissing, CORPUS, openSession } from './browser.js';
import { clickItemAndCheckHighlight, openObject, status } from './steps.js';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

test('Oracle HR scripts → PGlite: wizard, Oracle connection error, convert, action item, apply', { skip: browserMissing(), timeout: 240_000 }, async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'dbshift-e2e-ora-'));
  const scripts = join(tmp, 'scripts');
  await mkdir(scripts);
  for (const f of ['hr_create.sql', 'hr_code.sql', 'hr_populate.sql']) await copyFile(join(CORPUS, 'oracle-hr', f), join(scripts, f));
  const s = await openSession('oracle-scripts-to-pglite', join(tmp, 'config'), join(tmp, 'projects'));
  const { page } = s;
  try {
    await page.goto(s.server.url);
    await page.getByRole('button', { name: 'New Project…' }).click();
    const wizard = page.getByTestId('new-project');
    await wizard.getByLabel('Project name').fill('HR');
    await wizard.getByLabel('Project folder').fill(join(tmp, 'projects', 'hr'));
    await wizard.getByRole('button', { name: 'Next' }).click();
    // Every source with a front end and rules is offered; SQL Server → MySQL is not a pair.
    for (const name of ['MySQL / MariaDB', 'PostgreSQL', 'Oracle', 'SQL Server']) await wizard.getByRole('radio', { name, exact: true }).waitFor();
    await wizard.getByRole('radio', { name: 'Oracle', exact: true }).check();
    assert.equal(await wizard.getByRole('checkbox', { name: /^PostgreSQL/ }).isChecked(), true);
    await s.shot('wizard-oracle');
    await wizard.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('toolbar', { name: 'Project actions' }).waitFor();

    // Live Oracle source: Oracle's fields; nothing listens on the port → a clear message, no stack trace.
    await page.getByRole('button', { name: 'Load source…' }).click();
    const src = page.getByTestId('source-dialog');
    await src.getByRole('radio', { name: 'Live database' }).check();
    await src.getByRole('button', { name: 'Connect…' }).click();
    const conn = page.getByTestId('connection-source');
    assert.equal(await conn.getByLabel('Engine').inputValue(), 'oracle');
    const port = await closedPort();
    await conn.getByLabel('Paste a connection URL').fill(`oracle://hr:not-a-real-password@127.0.0.1:${port}/XEPDB1`);
    await conn.getByRole('button', { name: 'Fill from URL' }).click();
    // Filling is a round trip to the back end (connection.parseUrl); it empties the URL field when done.
    const urlField = conn.getByLabel('Paste a connection URL');
    for (let i = 0; i < 300 && (await urlField.inputValue()) !== ''; i++) await page.waitForTimeout(100);
    assert.equal(await conn.getByLabel('Port').inputValue(), String(port));
    assert.equal(await conn.getByLabel('Service name').inputValue(), 'XEPDB1');
    await conn.getByRole('button', { name: 'Test Connection' }).click();
    const st = conn.getByTestId('connection-status');
    await st.filter({ hasText: /nothing answers at this host and port \(is the listener running\?\)/ }).waitFor({ timeout: 60_000 });
    const text = await st.innerText();
    assert.equal(await st.getAttribute('role'), 'alert');
    assert.doesNotMatch(text, /\n\s+at |\.ts:\d+|node_modules/, 'no stack trace');
    assert.ok(!text.includes('not-a-real-password'), 'the password is not shown');
    // SID instead of the service name.
    await conn.getByLabel('Connect by').selectOption('sid');
    await conn.getByLabel('SID').fill('XE');
    await s.shot('oracle-listener-unreachable');
    await conn.getByRole('button', { name: 'Cancel' }).click();

    // Scripts folder as the offline source.
    await src.getByRole('radio', { name: 'Scripts folder' }).check();
    await src.getByLabel('Scripts folder or file').fill(scripts);
    await src.getByRole('button', { name: 'Load scripts' }).click();
    await status(page, /Loaded: \d+ objects/);
    await page.getByRole('button', { name: 'Convert all' }).click();
    await status(page, /Converted \d+ objects to postgres/);
    await s.shot('converted');

    // SECURE_DML: SYSDATE (hr_code.sql line 69) and RAISE_APPLICATION_ERROR (line 71) have items.
    await openObject(page, 'secure%', 'SECURE_DML');
    const code = (await readFile(join(CORPUS, 'oracle-hr/hr_code.sql'), 'utf8')).split('\n');
    assert.match(code[68]!, /SYSDATE/);
    assert.match(code[70]!, /RAISE_APPLICATION_ERROR/);
    // The source editor speaks PL/SQL (ours), the converted one PostgreSQL: Oracle's built-ins and
    // types are coloured apart from plain identifiers, which a MySQL grammar would not do.
    const srcPane = page.locator('section[aria-label="Source code (read-only)"]');
    assert.equal(await srcPane.getAttribute('data-language'), 'plsql');
    assert.equal(await page.locator('section[aria-label="Converted code (editable)"]').getAttribute('data-language'), 'pgsql');
    const tokenClass = (word: string) => srcPane.locator('.view-line span span', { hasText: new RegExp(`^\\s*${word}\\s*$`, 'i') }).first().getAttribute('class');
    const ident = await tokenClass('secure_dml');
    assert.notEqual(await tokenClass('RAISE_APPLICATION_ERROR'), ident, 'RAISE_APPLICATION_ERROR is a PL/SQL built-in');
    assert.notEqual(await tokenClass('SYSDATE'), ident, 'SYSDATE is a PL/SQL built-in');
    assert.notEqual(await tokenClass('BEGIN'), ident);
    await clickItemAndCheckHighlight(page, 71);
    await s.shot('action-item-clicked');

    await page.getByRole('button', { name: 'Apply to database…' }).click();
    const dialog = page.getByTestId('apply-dialog');
    await dialog.getByText(/statements will run/).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('apply-result').waitFor({ timeout: 120_000 });
    const result = await page.getByTestId('apply-result').innerText();
    assert.match(result, /^Success: \d+ statements applied/, result);
    await s.shot('applied');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    assert.match(await page.getByTestId('target-state').innerText(), /^Target: embedded PGlite \(\.pglite\/target\) — applied/);
  } catch (e) {
    await page.screenshot({ path: 'test-output/e2e/oracle-scripts-to-pglite/FAILED.png' }).catch(() => undefined);
    throw e;
  } finally {
    await s.close();
    await rm(tmp, { recursive: true, force: true });
  }
});

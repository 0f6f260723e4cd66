// The whole workbench as a new user drives it, from a scripts folder (Sakila for MySQL) to the
// embedded PGlite target: create project, load scripts, convert, open a routine with action
// items, click an item (source line highlighted), edit, apply, save as SQL, close and reopen,
// reconvert — the edit survives. A screenshot per step under test-output/e2e/scripts-to-pglite/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, browserMissing, CORPUS, openSession, unreachableByKeyboard } from './browser.js';
import { clickItemAndCheckHighlight, convertedText, openObject, projectMenu, status } from './steps.js';

const EDIT_MARK = '-- reviewed in the e2e test';

test('scripts folder → PGlite: the full workbench flow', { skip: browserMissing(), timeout: 240_000 }, async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'dbshift-e2e-'));
  const scripts = join(tmp, 'scripts');
  await mkdir(scripts);
  await copyFile(join(CORPUS, 'sakila-mysql/sakila-schema.sql'), join(scripts, 'sakila-schema.sql'));
  const folder = join(tmp, 'projects', 'sakila');
  const s = await openSession('scripts-to-pglite', join(tmp, 'config'), join(tmp, 'projects'));
  const { page } = s;
  try {
    await page.goto(s.server.url);
    await page.getByRole('heading', { name: 'dbshift workbench' }).waitFor();
    await s.shot('start');
    assert.deepEqual(await axeViolations(page), [], 'start screen accessibility');
    assert.deepEqual(await unreachableByKeyboard(page, 40), [], 'start screen keyboard');

    // New Project wizard.
    await page.getByRole('button', { name: 'New Project…' }).click();
    const wizard = page.getByTestId('new-project');
    await wizard.getByLabel('Project name').fill('Sakila');
    await wizard.getByLabel('Project folder').fill(folder);
    await s.shot('wizard-step1');
    assert.deepEqual(await axeViolations(page), [], 'wizard accessibility');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('radio', { name: 'MySQL / MariaDB' }).check();
    assert.equal(await wizard.getByRole('checkbox', { name: 'PostgreSQL' }).isChecked(), true);
    await s.shot('wizard-step2');
    await wizard.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('toolbar', { name: 'Project actions' }).waitFor();
    await s.shot('project-created');
    // The status bar knows the socket opened (it opens before the UI subscribes to its state).
    await page.getByText('Back end: open').waitFor({ timeout: 10_000 });

    // Target connection: embedded PGlite, Test Connection.
    await projectMenu(page, 'Target connection…');
    const conn = page.getByTestId('connection-target');
    await conn.getByLabel('Engine').selectOption('pglite');
    await conn.getByRole('button', { name: 'Test Connection' }).click();
    await page.getByTestId('connection-status').filter({ hasText: /Connected: pglite/ }).waitFor({ timeout: 30_000 });
    await s.shot('target-connection-tested');
    await conn.getByRole('button', { name: 'Save in project' }).click();
    await status(page, /Target connection saved/);

    // Scripts folder as source.
    await page.getByRole('button', { name: 'Load source…' }).click();
    await page.getByTestId('source-dialog').getByLabel('Scripts folder or file').fill(scripts);
    await s.shot('load-scripts');
    await page.getByRole('button', { name: 'Load scripts' }).click();
    await status(page, /Loaded: \d+ objects/);
    await s.shot('source-loaded');
    assert.deepEqual(await unreachableByKeyboard(page, 60), [], 'workbench keyboard');

    // Convert.
    await page.getByRole('button', { name: 'Convert all' }).click();
    await status(page, /Converted \d+ objects to postgres/);
    await s.shot('converted');
    // The target tree lists what was generated (the trigger that keeps last_update current, …).
    await page.getByRole('tab', { name: 'Target' }).click();
    await page.getByLabel('Filter objects by name (% matches anything)').fill('actor%');
    await page.locator('[role=treeitem][data-label="actor_on_update"]').waitFor();
    await page.getByLabel('Filter objects by name (% matches anything)').fill('no_such_object');
    await page.getByText('No objects match the filter.').waitFor();
    await s.shot('target-tree');
    await page.getByLabel('Filter objects by name (% matches anything)').fill('');
    await page.getByRole('tab', { name: 'Source' }).click();
    // The type filter offers every kind the model has (a MySQL source has no packages or synonyms).
    const typeFilter = page.getByLabel('Filter objects by type');
    for (const t of ['Package', 'Synonym', 'Type', 'Sequence', 'Event', 'Statement']) assert.equal(await typeFilter.locator(`option[value="${t}"]`).count(), 1, t);
    await typeFilter.selectOption('Package');
    await page.getByText('No objects match the filter.').waitFor();
    await typeFilter.selectOption('Procedure');
    await page.locator('[role=treeitem][data-label="rewards_report"]').waitFor();
    await typeFilter.selectOption('');

    // A routine with action items; click the one on source line 513.
    await openObject(page, 'rewards%', 'rewards_report');
    const items = page.getByTestId('action-item');
    assert.ok(await items.count() >= 2, 'rewards_report has action items');
    await clickItemAndCheckHighlight(page, 513);
    const view = page.getByTestId('object-view');
    const tgtLine = await view.getAttribute('data-target-line');
    assert.ok(tgtLine && Number(tgtLine) > 0, 'a converted line is highlighted too');
    await page.locator('section[aria-label="Converted code (editable)"] .tgt-highlight').first().waitFor();
    // The identifier the item is about is outlined in the converted line (a word of source line 513).
    const word = (await page.locator('section[aria-label="Converted code (editable)"] .tgt-word').first().innerText()).trim();
    const line513 = (await readFile(join(CORPUS, 'sakila-mysql/sakila-schema.sql'), 'utf8')).split('\n')[512]!;
    assert.ok(word.length >= 3 && line513.toLowerCase().includes(word.toLowerCase()), `outlined "${word}", source line 513: ${line513}`);
    await s.shot('action-item-clicked');
    assert.deepEqual(await axeViolations(page), [], 'object view accessibility');

    // F8 / Shift+F8 move between items.
    const current = async (): Promise<string | null> => page.locator('[data-testid=action-item][aria-current=true]').getAttribute('data-line');
    await page.keyboard.press('F8');
    const after = await current();
    await page.keyboard.press('Shift+F8');
    assert.equal(await current(), '513');
    assert.ok(after !== null);

    // Decide on the item: kept in the project's decisions.json.
    await page.getByLabel('Decision').selectOption('accepted');
    await page.locator('[data-testid=action-item][data-line="513"] .decision.accepted').waitFor();
    const decisions = JSON.parse(await readFile(join(folder, 'decisions.json'), 'utf8')) as Record<string, Record<string, Record<string, string>>>;
    assert.deepEqual(Object.values(decisions.postgres ?? {}).flatMap((o) => Object.entries(o)), [['MP0033@513:5', 'accepted']]);

    // Edit the converted code and save the edit.
    const editor = page.locator('section[aria-label="Converted code (editable)"] .view-lines');
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText(`${EDIT_MARK}\n`);
    await page.getByTestId('save-edit').click();
    await status(page, /Edit saved/);
    assert.match(await convertedText(page), /reviewed in the e2e test/);
    await s.shot('edited');

    // The corpus's actor_info view reads `sakila.*` while the schema is rental_sys: fix it with find/replace.
    await openObject(page, 'actor_info', 'actor_info');
    await editor.click();
    await page.keyboard.press('Control+H');
    await page.keyboard.insertText('"sakila".');
    await page.keyboard.press('Tab');
    await page.keyboard.insertText('"rental_sys".');
    await page.keyboard.press('Control+Alt+Enter');
    await page.keyboard.press('Escape');
    await page.getByTestId('save-edit').click();
    await status(page, /Edit saved/);
    assert.doesNotMatch(await convertedText(page), /sakila/i);
    await s.shot('view-fixed');

    // Apply: preview, then success with per-statement results.
    await page.getByRole('button', { name: 'Apply to database…' }).click();
    const dialog = page.getByTestId('apply-dialog');
    await dialog.getByText(/statements will run/).waitFor({ timeout: 60_000 });
    await s.shot('apply-preview');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('apply-result').waitFor({ timeout: 120_000 });
    const result = await page.getByTestId('apply-result').innerText();
    assert.match(result, /^Success: \d+ statements applied/, result);
    assert.ok(await dialog.locator('tr.applied').count() > 20);
    await s.shot('applied');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    // Save as SQL: the edits are in the file.
    await page.getByRole('button', { name: 'Save as SQL…' }).click();
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('export-result').waitFor();
    await s.shot('saved-sql');
    const sql = await readFile(join(folder, 'export/postgres/apply.sql'), 'utf8');
    assert.ok(sql.includes(EDIT_MARK), 'exported SQL holds the edit');
    assert.doesNotMatch(sql, /"sakila"\./);
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Close', exact: true }).click();

    // Close, reopen from the recent list: the edit is still there.
    await projectMenu(page, 'Close project');
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    await s.shot('closed');
    await page.getByRole('button', { name: /Open recent project Sakila/ }).click();
    await page.getByRole('toolbar', { name: 'Project actions' }).waitFor();
    await openObject(page, 'rewards%', 'rewards_report');
    await page.locator('.object-head .edited').waitFor();
    assert.match(await convertedText(page), /reviewed in the e2e test/);
    await s.shot('reopened');

    // Reconvert: still there.
    await page.getByRole('button', { name: 'Convert all' }).click();
    await status(page, /Converted \d+ objects/);
    await openObject(page, 'rewards%', 'rewards_report');
    assert.match(await convertedText(page), /reviewed in the e2e test/);
    await s.shot('reconverted');

    // Conversion options from the Project menu: TIMESTAMP → timestamptz, converted again at once.
    await openObject(page, 'actor', 'actor');
    assert.match(await convertedText(page), /"last_update" timestamp\(0\) DEFAULT/);
    await projectMenu(page, 'Conversion options…');
    await page.getByLabel('timestampWithTimeZone').check();
    await page.getByRole('button', { name: 'Save options' }).click();
    await status(page, /Conversion options saved; converted again/);
    await openObject(page, 'actor', 'actor');
    assert.match(await convertedText(page), /"last_update" timestamp\(0\) with time zone DEFAULT/);
    await openObject(page, 'rewards%', 'rewards_report');
    assert.match(await convertedText(page), /reviewed in the e2e test/, 'the edit survives the reconversion');

    // Assessment summary and dark theme.
    await page.getByRole('button', { name: 'Assessment' }).click();
    await page.getByTestId('assessment').waitFor();
    await projectMenu(page, 'Switch to dark theme');
    await s.shot('assessment-dark');
    assert.deepEqual(await axeViolations(page), [], 'assessment accessibility (dark)');
    // The editors follow the theme; the object view passes the check in dark too.
    await openObject(page, 'rewards%', 'rewards_report');
    await page.locator('section[aria-label="Converted code (editable)"] .monaco-editor.vs-dark').waitFor();
    await page.locator('section[aria-label="Source code (read-only)"] .monaco-editor.vs-dark').waitFor();
    await s.shot('object-dark');
    assert.deepEqual(await axeViolations(page), [], 'object view accessibility (dark)');
  } catch (e) {
    await page.screenshot({ path: 'test-output/e2e/scripts-to-pglite/FAILED.png' }).catch(() => undefined);
    throw e;
  } finally {
    await s.close();
    await rm(tmp, { recursive: true, force: true });
  }
});

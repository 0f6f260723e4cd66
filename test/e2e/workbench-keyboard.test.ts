// Workbench layout and keyboard, the widest toolbar there is (an Oracle project with a long name,
// two targets, "Convert selected (N)"): the toolbar stays on one row at 1280 and 1440 px
// (screenshots); the empty project passes axe with zero violations; every dialog keeps Tab and
// Shift+Tab inside and reaches each of its controls both ways (summaries and radio groups
// included); the Project menu works from the keyboard; the first selection reuses the editors made
// in idle time; undo stays with its object (each object has its own editor model); an unsaved edit
// is saved before a reconversion and merged. Screenshots under
// test-output/e2e/workbench-keyboard/.
import { CONVERSION_SETTINGS } from '../../converters/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, browserMissing, CORPUS, openSession, unreachableByKeyboard } from './browser.js';
import { convertedText, openObject, projectMenu, status } from './steps.js';

/** The toolbar's rows: how many distinct vertical positions its direct children sit at, and whether it overflows. */
async function toolbarLayout(page: Page): Promise<{ rows: number; overflow: boolean; height: number }> {
  return page.getByRole('toolbar', { name: 'Project actions' }).evaluate((bar) => {
    const mids = new Set([...bar.children].map((c) => { const r = c.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2 / 8); }));
    return { rows: mids.size, overflow: bar.scrollWidth > bar.clientWidth, height: Math.round(bar.getBoundingClientRect().height) };
  });
}

async function checkToolbar(page: Page, shot: (n: string) => Promise<void>, what: string): Promise<void> {
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(100);
    const l = await toolbarLayout(page);
    assert.deepEqual({ rows: l.rows, overflow: l.overflow }, { rows: 1, overflow: false }, `${what} at ${width} px: ${JSON.stringify(l)}`);
    assert.ok(l.height < 50, `${what} at ${width} px: toolbar ${l.height} px high`);
    await shot(`toolbar-${what}-${width}`);
  }
}

/** Every control of the open dialog reachable by Tab and by Shift+Tab, focus never leaving it; no axe violation. */
async function checkDialog(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).waitFor();
  assert.deepEqual(await unreachableByKeyboard(page), [], `${testId}: keyboard`);
  assert.deepEqual(await axeViolations(page), [], `${testId}: axe`);
}

test('workbench: one-row toolbar at 1280/1440 px, zero axe violations on an empty project, every dialog Tab/Shift+Tab complete', { skip: browserMissing(), timeout: 240_000 }, async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'dbshift-e2e-kbd-'));
  const scripts = join(tmp, 'scripts');
  await mkdir(scripts);
  for (const f of ['hr_create.sql', 'hr_code.sql']) await copyFile(join(CORPUS, 'oracle-hr', f), join(scripts, f));
  const s = await openSession('workbench-keyboard', join(tmp, 'config'), join(tmp, 'projects'));
  const { page } = s;
  try {
    await page.goto(s.server.url);
    await page.getByRole('button', { name: 'New Project…' }).click();
    const wizard = page.getByTestId('new-project');
    await wizard.getByLabel('Project name').fill('Human resources — Oracle 19c to PostgreSQL and MariaDB');
    await wizard.getByLabel('Project folder').fill(join(tmp, 'projects', 'hr'));
    await checkDialog(page, 'new-project');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('radio', { name: 'Oracle', exact: true }).check();
    await wizard.getByRole('checkbox', { name: /^MySQL/ }).check();
    await checkDialog(page, 'new-project');
    await wizard.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('toolbar', { name: 'Project actions' }).waitFor();

    // The empty project: no tree yet, and nothing for axe to object to.
    await page.getByText('No source objects loaded.').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'empty project');
    await checkToolbar(page, s.shot, 'empty');

    // The Project menu from the keyboard: ArrowDown opens it on its first item, arrows move,
    // Escape closes it and gives the focus back to its button.
    const menuButton = page.getByRole('button', { name: 'Project', exact: true });
    await menuButton.focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu', { name: 'Project' });
    await menu.waitFor();
    const focused = (): Promise<string> => page.evaluate(() => document.activeElement?.textContent ?? '');
    assert.equal(await focused(), 'Target connection…');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'Close project');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'Script variables…');
    await s.shot('project-menu');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    assert.equal(await menuButton.evaluate((b) => b === document.activeElement), true, 'focus back on the menu button');
    // Enter on an item opens its dialog.
    await page.keyboard.press('Enter');
    await menu.waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await checkDialog(page, 'variables-dialog');
    await page.keyboard.press('Escape');

    await projectMenu(page, 'Target connection…');
    await checkDialog(page, 'connection-target');
    await page.keyboard.press('Escape');

    // Conversion options: one control per option of the table the CLI reads too.
    await projectMenu(page, 'Conversion options…');
    await checkDialog(page, 'conversion-dialog');
    assert.equal(await page.getByTestId('conversion-option').count(), Object.keys(CONVERSION_SETTINGS).length);
    await page.keyboard.press('Escape');

    await projectMenu(page, 'Replication tasks…');
    await checkDialog(page, 'tasks-view');
    await page.getByTestId('tasks-view').getByRole('button', { name: 'New task…' }).click();
    await page.getByRole('form', { name: 'New replication task' }).waitFor();
    await checkDialog(page, 'tasks-view');
    await page.keyboard.press('Escape');

    // Load source: both kinds, and the connection dialog it opens on top of itself.
    await page.getByRole('button', { name: 'Load source…' }).click();
    const src = page.getByTestId('source-dialog');
    await checkDialog(page, 'source-dialog');
    await src.getByRole('radio', { name: 'Live database' }).check();
    await checkDialog(page, 'source-dialog');
    await src.getByRole('button', { name: 'Connect…' }).click();
    await checkDialog(page, 'connection-source');
    await s.shot('nested-dialogs');
    await page.getByTestId('connection-source').getByRole('button', { name: 'Cancel' }).click();
    await src.getByRole('radio', { name: 'Scripts folder' }).check();
    await src.getByLabel('Scripts folder or file').fill(scripts);
    await src.getByRole('button', { name: 'Load scripts' }).click();
    await status(page, /Loaded: \d+ objects/);

    // Select a few objects with the keyboard (Space) so the Convert button reads "Convert selected (N)".
    const tree = page.getByTestId('source-tree');
    await tree.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.locator('[role=treeitem][aria-checked]').first().waitFor();
    for (let i = 0; i < 3; i++) { await page.keyboard.press('ArrowDown'); await page.keyboard.press(' '); }
    await page.getByRole('button', { name: 'Convert selected (3)' }).waitFor();
    await checkToolbar(page, s.shot, 'convert-selected');
    await page.getByRole('button', { name: /^Clear selection/ }).click();
    await page.getByRole('button', { name: 'Convert all' }).click();
    await status(page, /Converted \d+ objects to postgres/);
    await checkToolbar(page, s.shot, 'converted');
    assert.deepEqual(await axeViolations(page), [], 'converted project');

    // The first selection finds the object view's two editors made in idle time: it only gives them
    // the object's models (the same editor containers before and after), as every later selection does.
    // (Monaco renders a new view inside its container for each model: .monaco-editor itself is new.)
    const editors = page.locator('[data-testid=object-view] .monaco-editor:not(.monaco-diff-editor)');
    for (let i = 0; i < 300 && (await editors.count()) < 2; i++) await page.waitForTimeout(100);
    assert.equal(await editors.count(), 2, 'both editors exist before any object is selected');
    assert.equal(await page.getByTestId('object-view').isVisible(), false, 'and stay out of sight until then');
    await editors.evaluateAll((els) => els.forEach((e, i) => { e.parentElement!.dataset.madeBefore = String(i); }));
    await openObject(page, 'secure%', 'SECURE_DML');
    assert.deepEqual(await editors.evaluateAll((els) => els.map((e) => e.parentElement?.dataset.madeBefore ?? 'new')), ['0', '1']);
    await page.locator('section[aria-label="Converted code (editable)"] .view-line', { hasText: /secure_dml/i }).first().waitFor();

    // Undo belongs to the object: edit A, open B, Ctrl+Z in B leaves B's text alone (A's text does not
    // come back there); back in A its edit is still there unsaved, and Ctrl+Z undoes it.
    const converted = page.locator('section[aria-label="Converted code (editable)"]');
    const textA = await convertedText(page);
    await page.keyboard.type('UNDO_MARK_A ');
    const editedA = await convertedText(page);
    assert.ok(editedA.startsWith('UNDO_MARK_A '), `A edited: ${editedA.slice(0, 80)}`);
    await openObject(page, 'add_job%', 'ADD_JOB_HISTORY');
    await converted.locator('.view-line', { hasText: /add_job_history/i }).first().waitFor();
    const textB = await convertedText(page);
    assert.ok(!textB.includes('UNDO_MARK_A') && !textB.includes('secure_dml'), `B shows its own text: ${textB.slice(0, 80)}`);
    // Monaco may split typing into more than one undo step (the word, the space): as many as A's edit could need.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
    assert.equal(await convertedText(page), textB, 'Ctrl+Z in B changes nothing');
    await converted.locator('.pane-title', { hasText: 'unsaved' }).waitFor({ state: 'detached' });
    await openObject(page, 'secure%', 'SECURE_DML');
    await converted.locator('.view-line', { hasText: 'UNDO_MARK_A' }).first().waitFor();
    await converted.locator('.pane-title', { hasText: 'unsaved' }).waitFor();
    let undone = await convertedText(page);
    for (let i = 0; i < 3 && undone.includes('UNDO_MARK_A'); i++) {
      await page.keyboard.press('Control+z');
      undone = await convertedText(page);
    }
    assert.equal(undone, textA, 'Ctrl+Z in A undoes its edit');
    await converted.locator('.pane-title', { hasText: 'unsaved' }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Save as SQL…' }).click();
    await checkDialog(page, 'export-dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Apply to database…' }).click();
    await page.getByTestId('apply-dialog').getByText(/statements will run/).waitFor({ timeout: 60_000 });
    await checkDialog(page, 'apply-dialog');
    await s.shot('apply-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('apply-dialog').waitFor({ state: 'detached' });

    // An edit not saved yet when Convert is pressed is saved first: the reconversion's merge keeps it.
    await convertedText(page);
    await page.keyboard.type('-- KEPT_BY_MERGE');
    await page.keyboard.press('Enter');
    await converted.locator('.pane-title', { hasText: 'unsaved' }).waitFor();
    await page.getByRole('button', { name: 'Convert all' }).click();
    await status(page, /^Saved 1 unsaved edit\(s\) first\. Converted \d+ objects to postgres/);
    await page.locator('.object-head .edited').waitFor();
    await converted.locator('.view-line', { hasText: 'KEPT_BY_MERGE' }).first().waitFor();
    assert.equal(await converted.locator('.pane-title', { hasText: 'unsaved' }).count(), 0, 'saved, not pending');
  } catch (e) {
    await page.screenshot({ path: 'test-output/e2e/workbench-keyboard/FAILED.png' }).catch(() => undefined);
    throw e;
  } finally {
    await s.close();
    await rm(tmp, { recursive: true, force: true });
  }
});

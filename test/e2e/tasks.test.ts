// The replication tasks view against real servers (MariaDB with its row binlog → PostgreSQL):
// a task file with a bad key is refused with the key's path, a task is created from the DMS
// fixture files, started (full-load rows appear, then a CDC insert / update / delete), stopped,
// resumed (a change made while stopped arrives), its log read, and deleted — checked on the target
// database, not only on the screen. Keyboard reachability and axe checks on the view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { freshMysqlDatabase, freshPgDatabase, type FreshDatabase } from '../harness/db.js';
import { axeViolations, browserMissing, openSession, unreachableByKeyboard } from './browser.js';
import { projectMenu } from './steps.js';

const skip = browserMissing() ?? (!process.env.DBSHIFT_TEST_PG_URL || !process.env.DBSHIFT_TEST_MYSQL_URL
  ? 'DBSHIFT_TEST_PG_URL / DBSHIFT_TEST_MYSQL_URL not set (run through scripts/with-test-servers.mjs or npm test)' : undefined);

const FIXTURES = new URL('../fixtures/dms/', import.meta.url);

/** The URL without its password (task files refuse passwords) and the password for the form. */
function split(url: string): { url: string; password: string } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), password };
}

function stat(card: Locator, table: string, name: string): Locator {
  return card.locator(`tr[data-table="${table}"] [data-stat="${name}"]`);
}

async function waitText(l: Locator, text: string, timeout = 90_000): Promise<void> {
  await l.filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout });
}

async function waitRows(db: FreshDatabase, sql: string, n: number, timeout = 60_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    const r = await db.query(sql);
    if (Number(r[0]!.n) === n) return;
    if (Date.now() > end) throw new Error(`${sql}: ${String(r[0]!.n)} rows, expected ${n}`);
    await new Promise((res) => setTimeout(res, 300));
  }
}

async function createProject(page: Page, folder: string): Promise<void> {
  await page.getByRole('button', { name: 'New Project…' }).click();
  const wizard = page.getByTestId('new-project');
  await wizard.getByLabel('Project name').fill('Replication');
  await wizard.getByLabel('Project folder').fill(folder);
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByRole('radio', { name: 'MySQL / MariaDB' }).check();
  await wizard.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('toolbar', { name: 'Project actions' }).waitFor();
}

test('tasks view: create from the DMS files, start, full load + CDC statistics, stop, resume, log, delete', { skip, timeout: 300_000 }, async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'dbshift-e2e-tasks-'));
  let source: FreshDatabase | undefined;
  let target: FreshDatabase | undefined;
  const s = await openSession('tasks', join(tmp, 'config'), join(tmp, 'projects'));
  const { page } = s;
  try {
    source = await freshMysqlDatabase('e2e_shop');
    await source.query('CREATE TABLE items (id int PRIMARY KEY, name varchar(40) NOT NULL, price decimal(10,2))');
    await source.query('CREATE TABLE tags (id int PRIMARY KEY AUTO_INCREMENT, label varchar(20))');
    const values = Array.from({ length: 500 }, (_, i) => `(${i + 1}, 'item ${i + 1}', ${(i * 1.5).toFixed(2)})`);
    await source.query(`INSERT INTO items VALUES ${values.join(',')}`);
    await source.query("INSERT INTO tags (label) VALUES ('a'), ('b'), ('c')");
    target = await freshPgDatabase('e2e_repl');
    const src = split(source.url);
    const tgt = split(target.url);
    const schema = source.name;

    // The fixture task settings unchanged; the fixture table mappings with its schema (`shop`)
    // renamed to this test's own database, so parallel test files never share a source schema.
    const settingsPath = fileURLToPath(new URL('task_settings.json', FIXTURES));
    const mappingsText = await readFile(new URL('table_mappings.json', FIXTURES), 'utf8');
    assert.match(mappingsText, /"schema-name": "shop"/);
    const mappingsPath = join(tmp, 'table_mappings.json');
    await writeFile(mappingsPath, mappingsText.replace('"schema-name": "shop"', `"schema-name": "${schema}"`));
    const settings = JSON.parse(await readFile(settingsPath, 'utf8')) as { FullLoadSettings: Record<string, unknown> };
    settings.FullLoadSettings.MaxFullLoadSubTask = 4; // a typo of MaxFullLoadSubTasks
    const badSettingsPath = join(tmp, 'bad_settings.json');
    await writeFile(badSettingsPath, JSON.stringify(settings, null, 2));

    await page.goto(s.server.url);
    await createProject(page, join(tmp, 'projects', 'repl'));
    assert.deepEqual(await axeViolations(page), [], 'the empty project\'s workbench');
    await projectMenu(page, 'Replication tasks…');
    const view = page.getByTestId('tasks-view');
    await view.getByText('No replication task yet').waitFor();
    await view.getByRole('button', { name: 'New task…' }).click();
    const form = view.getByRole('form', { name: 'New replication task' });
    await form.getByLabel('Task name').fill('shop-e2e');
    await form.getByLabel('Migration type').selectOption('full-load-and-cdc');
    await form.getByLabel('Source URL').fill(src.url);
    if (src.password) await form.getByLabel('Source password').fill(src.password);
    await form.getByLabel('Target URL').fill(tgt.url);
    if (tgt.password) await form.getByLabel('Target password').fill(tgt.password);
    await form.getByLabel('Task settings file').fill(badSettingsPath);
    await form.getByLabel('Table mappings file').fill(mappingsPath);
    await form.getByRole('button', { name: 'Create task' }).click();
    const problems = form.getByTestId('task-problems');
    await problems.waitFor();
    assert.match(await problems.innerText(), /task_settings\.json › FullLoadSettings\.MaxFullLoadSubTask: unknown key/);
    await s.shot('bad-key-refused');
    assert.equal(existsSync(join(tmp, 'config', 'replication', 'shop-e2e')), false, 'nothing created for a bad file');

    await form.getByLabel('Task settings file').fill(settingsPath);
    await form.getByRole('button', { name: 'Create task' }).click();
    const card = view.locator('[data-testid=task-card][data-task="shop-e2e"]');
    await card.waitFor();
    await waitText(card.getByTestId('task-status'), 'created');
    assert.match(await view.getByTestId('tasks-status').innerText(), /Created task shop-e2e/);
    const taskJson = await readFile(join(tmp, 'config', 'replication', 'shop-e2e', 'task.json'), 'utf8');
    for (const pw of [src.password, tgt.password].filter(Boolean)) assert.ok(!taskJson.includes(pw), 'no password in task.json');
    await s.shot('created');

    // Labels, contrast, roles; every control reachable with Tab and Shift+Tab (the dialog keeps focus inside).
    assert.deepEqual(await axeViolations(page), [], 'the tasks view over the empty project');
    assert.deepEqual(await unreachableByKeyboard(page), []);

    await card.getByRole('button', { name: 'Start', exact: true }).click();
    await waitText(stat(card, `${schema}.items`, 'fullLoadRows'), '500');
    await waitText(stat(card, `${schema}.tags`, 'fullLoadRows'), '3');
    await card.getByTestId('task-status').filter({ hasText: /running · cdc/ }).waitFor({ timeout: 90_000 });
    await waitRows(target, `SELECT count(*) AS n FROM "${schema}".items`, 500);
    await s.shot('full-load-done');

    // CDC: an insert, an update and a delete on the source reach the target and the statistics.
    await source.query("INSERT INTO items VALUES (1001, 'from cdc', 9.99)");
    await source.query('UPDATE items SET price = 1.00 WHERE id = 2');
    await source.query('DELETE FROM items WHERE id = 3');
    await waitText(stat(card, `${schema}.items`, 'inserts'), '1');
    await waitText(stat(card, `${schema}.items`, 'updates'), '1');
    await waitText(stat(card, `${schema}.items`, 'deletes'), '1');
    await waitRows(target, `SELECT count(*) AS n FROM "${schema}".items WHERE (id = 1001 AND name = 'from cdc') OR (id = 2 AND price = 1.00) OR id = 3`, 2);
    await s.shot('cdc-insert');

    await card.getByRole('button', { name: 'Stop', exact: true }).click();
    await card.getByTestId('task-status').filter({ hasText: /^stopped/ }).waitFor({ timeout: 60_000 });
    await s.shot('stopped');

    // Changed while stopped: resume continues from the saved position (the full load is not redone).
    await source.query("INSERT INTO items VALUES (1002, 'while stopped', 2.50)");
    await card.getByRole('button', { name: 'Resume', exact: true }).click();
    await waitText(stat(card, `${schema}.items`, 'inserts'), '2');
    await waitRows(target, `SELECT count(*) AS n FROM "${schema}".items`, 501);
    assert.equal(await stat(card, `${schema}.items`, 'fullLoadRows').innerText(), '500');
    await s.shot('resumed');

    // On-demand validation: counts and checksums per key range, both sides identical.
    await card.getByRole('button', { name: 'Validate' }).click();
    const validation = card.getByTestId('task-validation');
    await validation.waitFor({ timeout: 90_000 });
    const vtext = await validation.innerText();
    assert.match(vtext, /source and target are identical/, vtext);
    assert.match(vtext, new RegExp(`OK\\s+${schema}\\.items: source 501 rows, target 501 rows`), vtext);
    await s.shot('validated');

    await card.getByRole('button', { name: 'Show log' }).click();
    const log = card.getByTestId('task-log');
    await log.filter({ hasText: /resume shop-e2e/ }).waitFor();
    assert.match(await log.innerText(), /start shop-e2e \(full-load-and-cdc\)/);
    await s.shot('log');

    await card.getByRole('button', { name: 'Delete…' }).click();
    await card.getByRole('alertdialog', { name: 'Delete task shop-e2e' }).getByRole('button', { name: 'Delete task' }).click();
    await card.waitFor({ state: 'detached', timeout: 60_000 });
    assert.match(await view.getByTestId('tasks-status').innerText(), /Deleted task shop-e2e/);
    assert.equal(existsSync(join(tmp, 'config', 'replication', 'shop-e2e')), false, 'the task folder is gone');
    const control = await target.query("SELECT count(*) AS n FROM dbshift_replication.positions WHERE task = 'shop-e2e'");
    assert.equal(Number(control[0]!.n), 0, 'its position on the target is forgotten');
    await waitRows(target, `SELECT count(*) AS n FROM "${schema}".items`, 501); // the target tables stay
    await s.shot('deleted');
  } catch (e) {
    await page.screenshot({ path: 'test-output/e2e/tasks/FAILED.png' }).catch(() => undefined);
    throw e;
  } finally {
    await s.close();
    await source?.drop().catch(() => undefined);
    await target?.drop().catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
  }
});

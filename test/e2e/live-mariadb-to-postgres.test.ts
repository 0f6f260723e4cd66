// The acceptance flow against real servers: MariaDB loaded with Sakila as the live source, a
// PostgreSQL database as the target (private instances from the test harness). Test Connection
// succeeds and a wrong password shows a clear error (MariaDB and PostgreSQL), pick the schema, convert, open a routine
// with action items, click one (source line highlighted), edit (the edit adds a COMMENT that we
// then find in PostgreSQL), apply, save as SQL, close/reopen, reconvert: the edit survives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { freshMysqlDatabase, freshPgDatabase, runMysqlClient, type FreshDatabase } from '../harness/db.js';
import { sakila } from '../integration/live/corpus.js';
import { browserMissing, openSession } from './browser.js';
import { passwordRole } from './pg-auth.js';
import { clickItemAndCheckHighlight, convertedLines, convertedText, openObject, projectMenu, status } from './steps.js';

const skip = browserMissing() ?? (!process.env.DBSHIFT_TEST_PG_URL || !process.env.DBSHIFT_TEST_MYSQL_URL
  ? 'DBSHIFT_TEST_PG_URL / DBSHIFT_TEST_MYSQL_URL not set (run through scripts/with-test-servers.mjs or npm test)' : undefined);

const PW_ROLE = `e2e_pw_${process.pid}`;

async function fillConnection(dialog: Locator, url: string, password: string): Promise<void> {
  const u = new URL(url);
  await dialog.getByLabel('Host').fill(u.hostname);
  await dialog.getByLabel('Port').fill(u.port);
  await dialog.getByLabel('Database').fill(decodeURIComponent(u.pathname.slice(1)));
  await dialog.getByLabel('User').fill(decodeURIComponent(u.username));
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByLabel('SSL mode').selectOption('disable');
}

test('live MariaDB (Sakila) → PostgreSQL: the acceptance flow', { skip, timeout: 240_000 }, async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'dbshift-e2e-live-'));
  let source: FreshDatabase | undefined;
  let target: FreshDatabase | undefined;
  let pgRole: { restore(): Promise<void> } | undefined;
  const s = await openSession('live-mariadb-to-postgres', join(tmp, 'config'), join(tmp, 'projects'));
  const { page } = s;
  try {
    source = await freshMysqlDatabase('e2e_sakila');
    await runMysqlClient(source.url, sakila('schema', source.name));
    target = await freshPgDatabase('e2e_target');
    const srcPw = decodeURIComponent(new URL(source.url).password);
    const tgtPw = decodeURIComponent(new URL(target.url).password);
    const folder = join(tmp, 'projects', 'live');

    await page.goto(s.server.url);
    await page.getByRole('button', { name: 'New Project…' }).click();
    const wizard = page.getByTestId('new-project');
    await wizard.getByLabel('Project name').fill('Sakila live');
    await wizard.getByLabel('Project folder').fill(folder);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('radio', { name: 'MySQL / MariaDB' }).check();
    await s.shot('wizard');
    await wizard.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('toolbar', { name: 'Project actions' }).waitFor();
    await s.shot('project-created');

    // Source connection: a wrong password is a clear error; the right one shows the server version.
    await page.getByRole('button', { name: 'Load source…' }).click();
    const srcDialog = page.getByTestId('source-dialog');
    await srcDialog.getByRole('radio', { name: 'Live database' }).check();
    await srcDialog.getByRole('button', { name: 'Connect…' }).click();
    const conn = page.getByTestId('connection-source');
    await fillConnection(conn, source.url, 'not-the-password');
    await conn.getByRole('button', { name: 'Test Connection' }).click();
    const connStatus = conn.getByTestId('connection-status');
    await connStatus.filter({ hasText: /Access denied/ }).waitFor({ timeout: 30_000 });
    assert.ok(!(await connStatus.innerText()).includes('not-the-password'));
    await s.shot('source-wrong-password');
    await conn.getByLabel('Password').fill(srcPw);
    await conn.getByRole('button', { name: 'Test Connection' }).click();
    await connStatus.filter({ hasText: /Connected: mysql .*MariaDB/ }).waitFor({ timeout: 30_000 });
    await s.shot('source-connected');
    await conn.getByRole('button', { name: 'Use this connection' }).click();
    await srcDialog.getByRole('checkbox', { name: source.name }).check();
    await s.shot('schema-picked');
    await srcDialog.getByRole('button', { name: 'Read schemas' }).click();
    await status(page, /Loaded: \d+ objects read from the database/);
    await s.shot('source-loaded');

    // Target connection: PostgreSQL. A wrong password for a role that must authenticate (the
    // harness trusts its own superuser) is a clear error; then the real target user connects.
    await projectMenu(page, 'Target connection…');
    const tconn = page.getByTestId('connection-target');
    await tconn.getByLabel('Engine').selectOption('postgres');
    const pwUrl = new URL(target.url);
    pwUrl.username = PW_ROLE;
    pgRole = await passwordRole(process.env.DBSHIFT_TEST_PG_URL!, PW_ROLE, 'the-right-one');
    await fillConnection(tconn, pwUrl.toString(), 'not-the-pg-password');
    await tconn.getByRole('button', { name: 'Test Connection' }).click();
    const tStatus = tconn.getByTestId('connection-status');
    await tStatus.filter({ hasText: new RegExp(`password authentication failed for user "${PW_ROLE}"`) }).waitFor({ timeout: 30_000 });
    assert.match(await tStatus.innerText(), /check the user name and password/);
    assert.ok(!(await tStatus.innerText()).includes('not-the-pg-password'));
    assert.equal(await tStatus.getAttribute('role'), 'alert');
    await s.shot('target-wrong-password');
    await fillConnection(tconn, target.url, tgtPw);
    await tconn.getByRole('button', { name: 'Test Connection' }).click();
    await tconn.getByTestId('connection-status').filter({ hasText: /Connected: postgres 15/ }).waitFor({ timeout: 30_000 });
    await s.shot('target-connected');
    await tconn.getByRole('button', { name: 'Save in project' }).click();
    await status(page, /Target connection saved/);
    // The status bar names the saved PostgreSQL target (it used to keep saying "embedded PGlite").
    const tu = new URL(target.url);
    const targetState = await page.getByTestId('target-state').innerText();
    assert.ok(targetState.startsWith(`Target: PostgreSQL ${decodeURIComponent(tu.username)}@${tu.hostname}:${tu.port}`), targetState);
    assert.doesNotMatch(targetState, /PGlite/);

    await page.getByRole('button', { name: 'Convert all' }).click();
    await status(page, /Converted \d+ objects to postgres/);
    await s.shot('converted');

    await openObject(page, 'rewards%', 'rewards_report');
    const line = Number(await page.getByTestId('action-item').first().getAttribute('data-line'));
    assert.ok(line > 0);
    await clickItemAndCheckHighlight(page, line);
    await s.shot('action-item-clicked');

    // The edit: a comment on the procedure, which must reach PostgreSQL.
    const schema = source.name.toLowerCase();
    const comment = `COMMENT ON PROCEDURE "${schema}"."rewards_report" IS 'reviewed in the e2e test';`;
    await convertedLines(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(`\n${comment}\n`);
    await page.getByTestId('save-edit').click();
    await status(page, /Edit saved/);
    await s.shot('edited');

    await page.getByRole('button', { name: 'Apply to database…' }).click();
    const dialog = page.getByTestId('apply-dialog');
    await dialog.getByText(/statements will run/).waitFor({ timeout: 60_000 });
    await s.shot('apply-preview');
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByTestId('apply-result').waitFor({ timeout: 120_000 });
    const result = await page.getByTestId('apply-result').innerText();
    assert.match(result, /^Success: \d+ statements applied/, result);
    await s.shot('applied');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    const rows = await target.query(`SELECT obj_description(p.oid, 'pg_proc') AS c FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 AND p.proname = 'rewards_report'`, [schema]);
    assert.deepEqual(rows, [{ c: 'reviewed in the e2e test' }], 'the user edit reached PostgreSQL');
    const tables = await target.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`, [schema]);
    assert.equal(tables[0]!.n, 16, 'Sakila has 16 tables');

    await page.getByRole('button', { name: 'Save as SQL…' }).click();
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('export-result').waitFor();
    await s.shot('saved-sql');
    assert.ok((await readFile(join(folder, 'export/postgres/apply.sql'), 'utf8')).includes(comment));
    await page.getByTestId('export-dialog').getByRole('button', { name: 'Close', exact: true }).click();

    await projectMenu(page, 'Close project');
    await page.getByRole('button', { name: /Open recent project Sakila live/ }).click();
    await page.getByRole('toolbar', { name: 'Project actions' }).waitFor();
    await openObject(page, 'rewards%', 'rewards_report');
    await page.locator('.object-head .edited').waitFor();
    await s.shot('reopened');
    await page.getByRole('button', { name: 'Convert all' }).click();
    await status(page, /Converted \d+ objects/);
    await openObject(page, 'rewards%', 'rewards_report');
    await page.locator('.object-head .edited').waitFor();
    assert.match(await convertedText(page, 'end'), /reviewed in the e2e test/);
    await s.shot('reconverted');

    const projectText = await readFile(join(folder, 'project.json'), 'utf8');
    for (const pw of [srcPw, tgtPw, 'not-the-password', 'not-the-pg-password'].filter(Boolean)) assert.ok(!projectText.includes(pw), 'no password in project.json');
  } catch (e) {
    await page.screenshot({ path: 'test-output/e2e/live-mariadb-to-postgres/FAILED.png' }).catch(() => undefined);
    throw e;
  } finally {
    await s.close();
    await source?.drop().catch(() => undefined);
    await target?.drop().catch(() => undefined);
    await pgRole?.restore();
    await rm(tmp, { recursive: true, force: true });
  }
});

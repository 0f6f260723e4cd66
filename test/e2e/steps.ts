// UI steps both flows share.
import type { Page } from 'playwright-core';

export async function status(page: Page, re: RegExp, timeout = 60_000): Promise<void> {
  await page.getByTestId('status').filter({ hasText: re }).waitFor({ timeout });
}

export async function openObject(page: Page, filter: string, label: string): Promise<void> {
  await page.getByLabel('Filter objects by name (% matches anything)').fill(filter);
  const row = page.locator(`[role=treeitem][data-label="${label}"]`);
  await row.waitFor();
  await row.click();
  await page.getByTestId('object-view').waitFor();
  await page.locator('.object-head h2', { hasText: label }).waitFor();
}

export const convertedLines = (page: Page) => page.locator('section[aria-label="Converted code (editable)"] .view-lines');

/** Visible text of the converted editor at its start or end (Monaco renders the visible lines only). */
export async function convertedText(page: Page, at: 'start' | 'end' = 'start'): Promise<string> {
  const lines = convertedLines(page);
  await lines.click();
  await page.keyboard.press(at === 'start' ? 'Control+Home' : 'Control+End');
  await page.waitForTimeout(200);
  // Monaco reuses line elements out of order: sort them by their position.
  return lines.evaluate((el) => [...el.querySelectorAll<HTMLElement>('.view-line')]
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n'));
}

/** Clicks the action item on `line` and checks the source editor highlights exactly that line. */
export async function clickItemAndCheckHighlight(page: Page, line: number): Promise<void> {
  await page.locator(`[data-testid=action-item][data-line="${line}"]`).first().click();
  const view = page.getByTestId('object-view');
  const got = await view.getAttribute('data-highlight-line');
  if (got !== String(line)) throw new Error(`highlighted source line ${got}, expected ${line}`);
  const src = page.locator('section[aria-label="Source code (read-only)"]');
  await src.locator('.view-overlays .src-highlight').first().waitFor();
  const hlTop = await src.locator('.view-overlays .src-highlight').first().evaluate((e) => (e.parentElement as HTMLElement).style.top);
  const numTop = await src.locator('.line-numbers', { hasText: new RegExp(`^${line}$`) }).evaluate((e) => (e.parentElement as HTMLElement).style.top);
  if (hlTop !== numTop) throw new Error(`the highlight is not on the line numbered ${line}`);
  await src.locator('.src-marker').first().waitFor();
}

/** Picks an entry of the toolbar's Project menu (Target connection…, Replication tasks…, Close project, …). */
export async function projectMenu(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Project', exact: true }).click();
  await page.getByRole('menu', { name: 'Project' }).getByRole('menuitem', { name: label, exact: true }).click();
}

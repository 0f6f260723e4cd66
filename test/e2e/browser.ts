// Shared e2e plumbing: the web-mode server on the built renderer, headless Debian Chromium via
// playwright-core, screenshots under test-output/e2e/<flow>/, an accessibility check with axe-core.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureRendererBuilt, REPO_ROOT } from '../../electron/server/renderer-build.js';
import { startWebServer, type WebServer } from '../../electron/server/server.js';

export const CHROMIUM = process.env.DBSHIFT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const CORPUS = resolve(REPO_ROOT, '../shared/corpus');

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (scripts/setup-system.sh installs it)`;
}

export interface Session {
  server: WebServer;
  browser: Browser;
  page: Page;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

// A test that times out is abandoned mid-await: its finally never runs. Every browser and server
// opened here is closed by the file's after hook too (each close at most once, bounded in time),
// so a timed-out test doesn't leave a Chromium and a listening server behind for the rest of the run.
const open = new Set<() => Promise<void>>();
after(async () => { await Promise.all([...open].map((c) => c())); });

/** Runs `fn` but gives up after `ms` (closing must never hang a run). */
async function bounded(fn: () => Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([fn().catch(() => undefined), new Promise((r) => { timer = setTimeout(r, ms); })]);
  clearTimeout(timer);
}

/** Default time for one Playwright action or wait: a stuck step fails the test instead of hanging it. */
export const STEP_TIMEOUT = 45_000;

export async function openSession(flow: string, configDir: string, defaultFolder: string): Promise<Session> {
  const staticDir = await ensureRendererBuilt();
  const server = await startWebServer({ staticDir, configDir, defaultFolder, now: () => '2026-01-01T00:00:00.000Z' });
  let browser: Browser | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    open.delete(close);
    if (browser) await bounded(() => browser!.close(), 10_000);
    await bounded(() => server.close(), 10_000);
  };
  open.add(close);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(STEP_TIMEOUT);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const outDir = join(REPO_ROOT, 'test-output/e2e', flow);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  let n = 0;
  return {
    server, browser: browser!, page,
    async shot(name: string) {
      n += 1;
      await page.screenshot({ path: join(outDir, `${String(n).padStart(2, '0')}-${name}.png`) });
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    },
    close,
  };
}

interface AxeResult { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }

/** axe-core's WCAG A/AA rules on the current page; returns readable violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const src = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(src);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }).axe;
    // Monaco's own widgets are a third-party editor with their own accessibility model (screen reader mode).
    return axe.run({ exclude: [['.monaco-editor'], ['.monaco-diff-editor']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  }) as AxeResult;
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/**
 * Keyboard reachability: presses Tab, then Shift+Tab, and returns the controls one direction never
 * focused (prefixed "Tab:" / "Shift+Tab:"). With a modal dialog open (aria-modal) only its controls
 * count, the walk starts inside it and focus reaching anything outside it is reported too. A control
 * is what Tab can reach: enabled, rendered, not tabindex=-1, not inside a closed <details> (its
 * summary is), one stop per radio group; Monaco's own widgets are left out.
 */
export async function unreachableByKeyboard(page: Page, maxTabs = 200): Promise<string[]> {
  const n = await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-kbd]')) delete el.dataset.kbd;
    for (const el of document.querySelectorAll<HTMLElement>('[data-kbd-scope]')) delete el.dataset.kbdScope;
    const modals = document.querySelectorAll<HTMLElement>('[aria-modal="true"]');
    const scope = modals[modals.length - 1] ?? document.body;
    scope.dataset.kbdScope = '1';
    let i = 0;
    for (const el of scope.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, a[href], [tabindex]')) {
      if (el.closest('.monaco-editor') || el.getAttribute('tabindex') === '-1' || (el as HTMLButtonElement).disabled) continue;
      const r = el.getBoundingClientRect();
      if ((r.width === 0 && r.height === 0) || getComputedStyle(el).visibility === 'hidden') continue;
      const details = el.parentElement?.closest('details');
      if (details && !details.open && details.querySelector(':scope > summary') !== el) continue;
      if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
        const group = [...scope.querySelectorAll<HTMLInputElement>('input[type=radio]')].filter((x) => x.name === el.name && !x.disabled);
        if ((group.find((x) => x.checked) ?? group[0]) !== el) continue;
      }
      el.dataset.kbd = String(i++);
    }
    if (scope === document.body) (document.activeElement as HTMLElement | null)?.blur();
    else scope.querySelector<HTMLElement>('[data-kbd]')?.focus();
    return i;
  });
  const inModal = await page.evaluate(() => document.body.dataset.kbdScope === undefined);
  const presses = inModal ? n * 2 + 2 : maxTabs;
  const out: string[] = [];
  for (const key of ['Tab', 'Shift+Tab']) {
    const seen = new Set<string>();
    for (let k = 0; k < presses; k++) {
      await page.keyboard.press(key);
      const at = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        if (a?.dataset.kbd !== undefined) return a.dataset.kbd;
        return a && a !== document.body && !a.closest('[data-kbd-scope]') ? `outside:${a.outerHTML.slice(0, 80)}` : null;
      });
      if (at !== null) seen.add(at);
    }
    if (inModal) for (const s of seen) if (s.startsWith('outside:')) out.push(`${key}: focus left the dialog to ${s.slice(8)}`);
    const missing = await page.evaluate((ids) => [...document.querySelectorAll<HTMLElement>('[data-kbd]')]
      .filter((el) => !ids.includes(el.dataset.kbd!)).map((el) => el.outerHTML.slice(0, 120)), [...seen]);
    out.push(...missing.map((m) => `${key}: ${m}`));
  }
  return out;
}

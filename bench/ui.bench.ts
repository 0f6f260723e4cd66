// Workbench UI figures in headless Chromium on a synthetic 10,000-object MySQL schema
// (2,500 each of tables, indexes, views and procedures): the tree's first paint after the page
// loads, expanding a 2,500-object group, and selecting an object until its converted code shows.
// Targets (issue #3): first paint < 1 s, object selection < 100 ms, the first selection included
// (Monaco starts in idle time after the first paint). Prints figures and whether the targets are met.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { ensureRendererBuilt } from '../electron/server/renderer-build.js';
import { startWebServer } from '../electron/server/server.js';

// UI_BENCH_PER_KIND scales the schema down for quick looks (default 2,500 × 4 kinds = 10,000 objects).
const N = Number(process.env.UI_BENCH_PER_KIND ?? 2500);
const CHROMIUM = process.env.DBSHIFT_CHROMIUM ?? '/usr/bin/chromium';

function schema(): string {
  const out = ['CREATE DATABASE bench;', 'USE bench;'];
  for (let i = 0; i < N; i++) {
    out.push(`CREATE TABLE t${i} (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, amount DECIMAL(10,2) UNSIGNED, created DATETIME DEFAULT CURRENT_TIMESTAMP);`);
    out.push(`CREATE INDEX ix_t${i}_name ON t${i} (name);`);
    out.push(`CREATE VIEW v${i} AS SELECT id, name, IFNULL(amount, 0) AS amount FROM t${i} WHERE name LIKE 'a%';`);
    out.push(`DELIMITER //\nCREATE PROCEDURE p${i}(IN p_id INT, OUT p_total DECIMAL(10,2))\nBEGIN\n  SELECT SUM(amount) INTO p_total FROM t${i} WHERE id > p_id;\n  IF p_total IS NULL THEN SET p_total = 0; END IF;\nEND //\nDELIMITER ;`);
  }
  return out.join('\n');
}

// Runs in the page before its scripts: records WebSocket open/send/receive times and sizes.
const WS_PROBE = `(() => {
  const log = window.__ws = [];
  const Orig = window.WebSocket;
  window.WebSocket = class extends Orig {
    constructor(...a) {
      super(...a);
      log.push({ ev: 'create', t: performance.now() });
      this.addEventListener('open', () => log.push({ ev: 'open', t: performance.now() }));
      this.addEventListener('message', (e) => { const m = JSON.parse(e.data); log.push({ ev: 'recv', id: m.id, bytes: e.data.length, t: performance.now() }); });
    }
    send(d) { const m = JSON.parse(d); log.push({ ev: 'send', id: m.id, name: m.name, parent: m.params && m.params.parentId, t: performance.now() }); super.send(d); }
  };
})()`;

// Prints the first paint as a timeline: scripts, socket, each request until the first tree row.
const FIRST_PAINT_BREAKDOWN = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const js = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js') || r.name.endsWith('.css'));
  const log = window.__ws;
  const out = ['first paint breakdown (ms after navigation start):',
    '  html response ' + nav.responseEnd.toFixed(0) + ', scripts+css ' + js.map((r) => r.name.split('/').pop() + ' ' + (r.transferSize / 1024).toFixed(0) + ' KB requested ' + r.requestStart.toFixed(0) + ', first byte ' + r.responseStart.toFixed(0) + ', done ' + r.responseEnd.toFixed(0)).join(', '),
    '  DOMContentLoaded ' + nav.domContentLoadedEventEnd.toFixed(0)];
  const open = log.find((e) => e.ev === 'open');
  out.push('  WebSocket created ' + log[0].t.toFixed(0) + ', open ' + (open ? open.t.toFixed(0) : '?'));
  for (const s of log.filter((e) => e.ev === 'send')) {
    const r = log.find((e) => e.ev === 'recv' && e.id === s.id);
    if (!r || s.t > window.__rowInDom) continue;
    out.push('  ' + s.name + (s.parent !== undefined ? '(' + (s.parent === null ? 'root' : s.parent.split('|').slice(1, 2)) + ')' : '') + ': sent ' + s.t.toFixed(0) + ', answered ' + r.t.toFixed(0) + ' (' + (r.t - s.t).toFixed(0) + ' ms, ' + r.bytes + ' bytes)');
  }
  const tree = log.find((e) => e.ev === 'send' && e.name === 'tree.children');
  const lastTree = log.find((e) => e.ev === 'recv' && tree && e.id === tree.id);
  out.push('  tree answer ' + lastTree.t.toFixed(0) + ' → row in the DOM ' + window.__rowInDom.toFixed(0) + ' (React renders the workbench and the tree: ' + (window.__rowInDom - lastTree.t).toFixed(0) + ' ms) → next frame ' + window.__firstRow.toFixed(0));
  return out.join('\\n');
})()`;

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) { console.log(`ui bench skipped: no Chromium at ${CHROMIUM}`); return; }
  const tmp = await mkdtemp(join(tmpdir(), 'dbshift-uibench-'));
  const server = await startWebServer({ staticDir: await ensureRendererBuilt(), configDir: join(tmp, 'config'), defaultFolder: tmp });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    await writeFile(join(tmp, 'bench.sql'), schema());
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
    let id = 0;
    const call = (name: string, params: unknown): Promise<{ ok: boolean; result?: { objects?: number; summary?: { objects: number; ms: number } }; error?: { message: string } }> => new Promise((resolve) => {
      const my = ++id;
      const on = (d: WebSocket.RawData): void => { const m = JSON.parse(d.toString()) as { id: number }; if (m.id === my) { ws.off('message', on); resolve(m as never); } };
      ws.on('message', on);
      ws.send(JSON.stringify({ type: 'request', id: my, name, params }));
    });
    await call('project.create', { name: 'bench', folder: join(tmp, 'p'), source: 'mysql', targets: ['postgres'] });
    let t = performance.now();
    const loaded = await call('source.loadScripts', { paths: [join(tmp, 'bench.sql')] });
    if (!loaded.ok) throw new Error(loaded.error?.message);
    console.log(`back end: loaded ${loaded.result!.objects} source objects in ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    const conv = await call('convert.run', { target: 'postgres' });
    if (!conv.ok) throw new Error(conv.error?.message);
    console.log(`back end: converted ${conv.result!.summary!.objects} target objects in ${(performance.now() - t).toFixed(0)} ms`);
    ws.close();

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Timed inside the page: the moment the first tree row is in the DOM, then the next frame.
    await page.addInitScript(`new MutationObserver((_, obs) => {
      if (document.querySelector('[role=treeitem]')) { window.__rowInDom = performance.now(); obs.disconnect(); requestAnimationFrame(() => { window.__firstRow = performance.now(); }); }
    }).observe(document, { childList: true, subtree: true });`);
    // Where the first paint's time goes: every WebSocket message with its time and size.
    await page.addInitScript(WS_PROBE);
    await page.goto(server.url);
    await page.locator('[role=treeitem]').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction('window.__firstRow !== undefined');
    const firstPaint = await page.evaluate('window.__firstRow') as number;
    const dcl = await page.evaluate('performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd') as number;
    console.log(`tree first paint: ${firstPaint.toFixed(0)} ms after navigation start (target < 1000 ms; page scripts loaded at ${dcl.toFixed(0)} ms)`);
    const rowsInDom = await page.locator('[role=treeitem]').count();
    console.log(await page.evaluate(FIRST_PAINT_BREAKDOWN) as string);

    const expand = await page.evaluate(`(async () => {
      const rows = () => [...document.querySelectorAll('[role=treeitem]')];
      rows().find((r) => (r.dataset.label || '').startsWith('bench ')).click();
      while (!rows().some((r) => (r.dataset.label || '').startsWith('Table'))) await new Promise((r) => requestAnimationFrame(r));
      const row = rows().find((r) => (r.dataset.label || '').startsWith('Table'));
      const t0 = performance.now();
      row.click();
      while (!document.querySelector('[role=treeitem][data-label="t0"]')) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    })()`) as number;
    console.log(`expand a ${N}-table group (first page of 500 rows, virtualized): ${expand.toFixed(0)} ms; tree rows in the DOM before: ${rowsInDom}, after: ${await page.locator('[role=treeitem]').count()}`);

    const select = async (label: string): Promise<number> => page.evaluate(`(async () => {
      const row = document.querySelector('[role=treeitem][data-label="${label}"]');
      const t0 = performance.now();
      row.click();
      const has = () => [...document.querySelectorAll('section[aria-label="Converted code (editable)"] .view-line')].some((l) => l.textContent.includes('"${label}"'));
      while (!has()) await new Promise((r) => setTimeout(r, 1));
      return performance.now() - t0;
    })()`) as Promise<number>;
    // The first selection counts like any other. Monaco starts in idle time after the first paint; a
    // person looks at the tree before clicking, so the first selection comes once the editors are
    // ready (at most 30 s after the first paint; how long they took is printed).
    // Polled from here: waitForFunction evaluates its string in the page, which the app's CSP forbids.
    // Ready means Monaco started and the object view mounted with its editors (both in idle time).
    let warmAt: string | null = null;
    let viewAt: string | null = null;
    for (const until = Date.now() + 30_000; (warmAt === null || viewAt === null) && Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      warmAt = await page.evaluate('document.documentElement.dataset.editorsWarm ?? null') as string | null;
      viewAt = await page.evaluate('document.documentElement.dataset.objectViewReady ?? null') as string | null;
    }
    const cold = await select('t0');
    const warm: number[] = [];
    for (const l of ['t1', 't10', 't100', 't1000', 't1001']) warm.push(await select(l));
    warm.sort((a, b) => a - b);
    const all = [cold, ...warm];
    console.log(`editors started in idle time: ${warmAt === null ? 'not ready 30 s after the first paint' : `ready ${warmAt} ms after navigation start (${(Number(warmAt) - firstPaint).toFixed(0)} ms after the first paint)`}`
      + `; object view mounted ${viewAt === null ? 'not yet' : `${(Number(viewAt) - firstPaint).toFixed(0)} ms after the first paint`}`);
    console.log(`select an object → converted code shown: first selection ${cold.toFixed(0)} ms; then median ${warm[2]!.toFixed(0)} ms, max ${warm[4]!.toFixed(0)} ms`);
    const ok = firstPaint < 1000 && Math.max(...all) < 100;
    console.log(`targets (first paint < 1000 ms; every selection, the first included, < 100 ms): ${ok ? 'met' : 'NOT met'} — first paint ${firstPaint.toFixed(0)} ms, worst selection ${Math.max(...all).toFixed(0)} ms`);
    const gets = await page.evaluate(`(() => { const log = window.__ws; return log.filter((e) => e.ev === 'send' && e.name === 'object.get').map((s) => { const r = log.find((e) => e.ev === 'recv' && e.id === s.id); return r ? Math.round(r.t - s.t) + ' ms/' + r.bytes + ' B' : '?'; }); })()`) as string[];
    console.log(`  of which object.get round trips: ${gets.join(', ')}`);
  } finally {
    await browser.close();
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();

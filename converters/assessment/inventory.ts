// Many databases at once: the inventory file (CSV) and the aggregated report over its databases.
import type { SourceDialect, TargetDialect } from '../model/index.js';
import type { Assessment } from './model.js';
import { DIALECT_NAMES } from './analyse.js';
import { COLORS, stackedBars } from './charts.js';
import { csvRows } from './csv.js';
import { escapeHtml, num, page } from './html-util.js';

/** RFC 4180 reader: quoted fields with doubled quotes and line breaks; a leading BOM is skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += c;
  }
  if (quoted) throw new Error('the file ends inside a quoted field');
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export interface InventoryEntry {
  /** 1-based row number (blank rows not counted), for messages. */
  line: number;
  name: string;
  source: SourceDialect;
  /** A connection URL, or a scripts folder/file. */
  location: string;
  isUrl: boolean;
  schemas?: string[];
  targets: TargetDialect[];
}

const SOURCES: SourceDialect[] = ['mysql', 'postgres', 'oracle', 'sqlserver'];
const TARGETS: TargetDialect[] = ['postgres', 'mysql'];
const ENGINE_ALIASES: Record<string, SourceDialect> = {
  mysql: 'mysql', mariadb: 'mysql', postgres: 'postgres', postgresql: 'postgres', pg: 'postgres', oracle: 'oracle', sqlserver: 'sqlserver', mssql: 'sqlserver', tsql: 'sqlserver',
};

const list = (s: string | undefined): string[] => (s ?? '').split(/[;,\s]+/).map((x) => x.trim()).filter(Boolean);

/**
 * Rows: name, source engine, URL or scripts folder, schemas, target engines (schemas and targets
 * separated by ; or blanks). A first row starting with "name" is a header. Lines starting with # are comments.
 */
export function parseInventory(text: string): { entries: InventoryEntry[]; errors: string[] } {
  const errors: string[] = [];
  const entries: InventoryEntry[] = [];
  let rows: string[][];
  try { rows = parseCsv(text); } catch (e) { return { entries, errors: [`inventory: ${e instanceof Error ? e.message : String(e)}`] }; }
  rows.forEach((r, idx) => {
    const line = idx + 1;
    const [name = '', engine = '', location = '', schemas = '', targets = ''] = r.map((c) => c.trim());
    if (name.startsWith('#')) return;
    if (idx === 0 && name.toLowerCase() === 'name') return;
    const where = `inventory row ${line}`;
    const source = ENGINE_ALIASES[engine.toLowerCase()];
    if (!name) { errors.push(`${where}: the database has no name`); return; }
    if (!source) { errors.push(`${where} (${name}): unknown source engine "${engine}" (use ${SOURCES.join(', ')})`); return; }
    if (!location) { errors.push(`${where} (${name}): no URL or scripts folder`); return; }
    const t = list(targets).map((x) => x.toLowerCase());
    const bad = t.filter((x) => !(TARGETS as string[]).includes(x));
    if (bad.length) { errors.push(`${where} (${name}): unknown target engine ${bad.map((b) => `"${b}"`).join(', ')} (use ${TARGETS.join(', ')})`); return; }
    const chosen = (t.length ? [...new Set(t)] : TARGETS) as TargetDialect[];
    const s = list(schemas);
    entries.push({
      line, name, source, location, isUrl: /^[a-z][a-z0-9+.-]*:/i.test(location) && !/^[a-z]:[\\/]/i.test(location),
      ...(s.length ? { schemas: s } : {}), targets: chosen.filter((x) => x !== source).length ? chosen.filter((x) => x !== source) : chosen,
    });
  });
  const names = new Map<string, number>();
  for (const e of entries) names.set(e.name.toLowerCase(), (names.get(e.name.toLowerCase()) ?? 0) + 1);
  for (const [n, c] of names) if (c > 1) errors.push(`inventory: the name "${n}" is used ${c} times; names must be unique (they name the report folders)`);
  return { entries, errors };
}

export interface InventoryTargetRow {
  target: TargetDialect;
  objects: number;
  storagePct: number;
  codePct: number;
  complexity: number;
  hours: number;
  migrationLevel: 'A' | 'B' | 'C';
  notConverted: number;
}

export interface InventoryDatabase {
  name: string;
  source: SourceDialect;
  /** URL without password, or the scripts folder. */
  location: string;
  status: 'assessed' | 'failed';
  /** Why the database could not be assessed (unreachable, unreadable …). */
  error?: string;
  /** Folder of this database's report, relative to the aggregated report. */
  report?: string;
  targets: InventoryTargetRow[];
}

export interface InventoryReport {
  tool: 'dbshift';
  kind: 'inventory';
  generatedAt: string | null;
  databases: InventoryDatabase[];
  totals: { databases: number; assessed: number; failed: number; hoursByTarget: Partial<Record<TargetDialect, number>> };
}

export function inventoryRow(a: Assessment): InventoryTargetRow {
  return {
    target: a.target, objects: a.summary.objects.total, storagePct: a.summary.storageObjectsConvertedPct, codePct: a.summary.codeObjectsConvertedPct,
    complexity: a.effort.complexity, hours: a.summary.estimatedHours, migrationLevel: a.effort.migrationLevel, notConverted: a.summary.objects.notConverted,
  };
}

export function buildInventoryReport(databases: InventoryDatabase[], generatedAt: string | null): InventoryReport {
  const hoursByTarget: Partial<Record<TargetDialect, number>> = {};
  for (const d of databases) for (const t of d.targets) hoursByTarget[t.target] = Math.round(((hoursByTarget[t.target] ?? 0) + t.hours) * 10) / 10;
  return {
    tool: 'dbshift', kind: 'inventory', generatedAt, databases,
    totals: { databases: databases.length, assessed: databases.filter((d) => d.status === 'assessed').length, failed: databases.filter((d) => d.status === 'failed').length, hoursByTarget },
  };
}

const dialect = (d: string): string => DIALECT_NAMES[d] ?? d;

export function renderInventoryCsv(r: InventoryReport): string {
  const rows: (string | number)[][] = [];
  for (const d of r.databases) {
    if (d.status === 'failed') { rows.push([d.name, d.source, d.location, 'failed', '', '', '', '', '', '', d.error ?? '']); continue; }
    for (const t of d.targets) rows.push([d.name, d.source, d.location, 'assessed', t.target, t.objects, t.storagePct, t.codePct, t.complexity, t.hours, t.migrationLevel]);
  }
  return csvRows(['database', 'source', 'location', 'status', 'target', 'objects', 'storage converted %', 'code converted %', 'complexity', 'hours', 'level or error'], rows);
}

export function renderInventoryHtml(r: InventoryReport): string {
  const rows: string[] = [];
  r.databases.forEach((d, i) => {
    const name = d.report ? `<a href="${escapeHtml(encodeURI(d.report))}">${escapeHtml(d.name)}</a>` : escapeHtml(d.name);
    const head = `<td>${name}</td><td>${escapeHtml(dialect(d.source))}</td><td class="loc">${escapeHtml(d.location)}</td>`;
    if (d.status === 'failed') {
      rows.push(`<tr id="db-${i}" data-status="failed">${head}<td colspan="7" class="bad">${num(`db.${d.name}.status`, 'not assessed')}: ${escapeHtml(d.error ?? '')}</td></tr>`);
      return;
    }
    for (const t of d.targets) {
      const k = (f: string): string => `db.${d.name}.${t.target}.${f}`;
      rows.push(`<tr data-status="assessed">${head}<td>${escapeHtml(dialect(t.target))}</td><td class="n">${num(k('storagePct'), t.storagePct)}%</td><td class="n">${num(k('codePct'), t.codePct)}%</td>`
        + `<td class="n">${num(k('complexity'), t.complexity)}</td><td class="n">${num(k('hours'), t.hours)}</td><td>${t.migrationLevel}</td><td class="n">${t.notConverted}</td></tr>`);
    }
  });
  const chart = stackedBars('Estimated hours per database and target', r.databases.flatMap((d) => d.targets.map((t) => ({
    label: `${d.name} → ${t.target}`, segments: [{ value: t.hours, color: COLORS.bar, name: 'hours' }],
  }))), { labelWidth: 220, width: 720 });
  const totals = Object.entries(r.totals.hoursByTarget).map(([t, h]) => `${escapeHtml(dialect(t))}: ${num(`total.${t}.hours`, h)} h`).join('; ');
  const body = `<h1>dbshift assessment: ${r.databases.length} databases</h1>
<p class="meta">${r.generatedAt ? `Generated ${escapeHtml(r.generatedAt)}. ` : ''}${num('totals.assessed', r.totals.assessed)} assessed, <span class="${r.totals.failed ? 'bad' : ''}">${num('totals.failed', r.totals.failed)} could not be assessed</span>. Total effort: ${totals || 'none'}.</p>
<table><thead><tr><th>Database</th><th>Source</th><th>Location</th><th>Target</th><th class="n">Storage converted</th><th class="n">Code converted</th><th class="n">Complexity (1–10)</th><th class="n">Hours</th><th>Level</th><th class="n">Not converted</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${chart}`;
  return page(`dbshift assessment: ${r.databases.length} databases`, body);
}

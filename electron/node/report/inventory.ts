// `dbshift assess --inventory FILE.csv`: one report per database and an aggregated report.
// Databases run in parallel (a few at a time); one that cannot be read is reported, not fatal.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve, isAbsolute } from 'node:path';
import {
  buildInventoryReport, inventoryRow, parseInventory, renderInventoryCsv, renderInventoryHtml,
  type AssessmentScope, type EffortSettings, type InventoryDatabase, type InventoryEntry, type InventoryReport,
} from '../../../converters/assessment/index.js';
import type { ConversionSettings, NamingStyle } from '../../../converters/index.js';
import { isSupportedPair } from '../../../converters/index.js';
import { checkSourceDialect, loadScripts, UserError, type LoadedSource, type Progress } from '../pipeline/index.js';
import { loadLive } from '../pipeline/live.js';
import { redactUrl } from '../connectors/url.js';
import { safeSegment } from '../export/file-names.js';
import { assessLoaded, writeReportFiles, type ReportFormat } from './run.js';

export interface InventoryOptions {
  formats: ReportFormat[];
  generatedAt: string | null;
  naming?: NamingStyle;
  settings?: ConversionSettings;
  effort?: EffortSettings;
  scope?: AssessmentScope;
  /** Databases assessed at the same time (default 4). */
  parallel?: number;
  progress?: Progress;
  clean?: (s: string) => string;
  prompt?: (q: string) => Promise<string>;
}

export interface InventoryRun {
  report: InventoryReport;
  files: string[];
  /** HTML files of every report, for PDF. */
  htmlFiles: string[];
}

export async function readInventoryFile(file: string): Promise<InventoryEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read the inventory ${file}: ${(e as { code?: string }).code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e)}`, 'give a CSV file: name, source engine, URL or scripts folder, schemas, target engines');
  }
  const { entries, errors } = parseInventory(text);
  if (errors.length) throw new UserError(errors.join('; '), 'rows: name, source engine, URL or scripts folder, schemas (; separated), target engines (; separated)');
  if (entries.length === 0) throw new UserError(`the inventory ${file} lists no database`, 'one row per database: name, source engine, URL or scripts folder, schemas, target engines');
  // Script folders are relative to the inventory file.
  const base = dirname(resolve(file));
  return entries.map((e) => (e.isUrl || isAbsolute(e.location) ? e : { ...e, location: join(base, e.location) }));
}

async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
  return out;
}

function errorText(e: unknown): string {
  if (e instanceof UserError) return e.message;
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}

export async function runInventory(entries: InventoryEntry[], dir: string, o: InventoryOptions): Promise<InventoryRun> {
  await mkdir(dir, { recursive: true });
  const clean = o.clean ?? ((s: string) => s);
  const files: string[] = [];
  const htmlFiles: string[] = [];
  const databases = await pool(entries, o.parallel ?? 4, async (e): Promise<InventoryDatabase> => {
    const location = e.isUrl ? redactUrl(e.location) : e.location;
    const say = (m: string): void => o.progress?.(`[${e.name}] ${m}`);
    const base = { name: e.name, source: e.source, location };
    let loaded: LoadedSource;
    try {
      checkSourceDialect(e.source);
      loaded = e.isUrl
        ? await loadLive(e.location, e.schemas, say, o.prompt)
        : await loadScripts(e.source, [e.location], say);
      if (loaded.source !== e.source) throw new UserError(`the URL is a ${loaded.source} database, the inventory says ${e.source}`);
    } catch (err) {
      const why = clean(errorText(err));
      say(`not assessed: ${why}`);
      return { ...base, status: 'failed', error: why, targets: [] };
    }
    const targets = e.targets.filter((t) => isSupportedPair(e.source, t));
    if (targets.length === 0) {
      const why = `converting ${e.source} to ${e.targets.join(', ')} is not supported yet`;
      say(`not assessed: ${why}`);
      return { ...base, status: 'failed', error: why, targets: [] };
    }
    for (const t of e.targets) if (!targets.includes(t)) say(`skipping target ${t}: converting ${e.source} to ${t} is not supported yet`);
    try {
      const { perTarget } = assessLoaded(loaded, {
        targets, generatedAt: o.generatedAt,
        ...(o.naming ? { naming: o.naming } : {}), ...(e.schemas ? { schemas: e.schemas } : {}), ...(o.settings ? { settings: o.settings } : {}),
        ...(o.effort ? { effort: o.effort } : {}), ...(o.scope ? { scope: o.scope } : {}),
      }, say);
      const sub = safeSegment(e.name);
      const w = await writeReportFiles(join(dir, sub), perTarget.map((p) => p.assessment), o.formats, clean);
      files.push(...w.files);
      htmlFiles.push(...w.htmlFiles);
      return { ...base, status: 'assessed', report: `${sub}/${w.main.split(/[\\/]/).pop()}`, targets: perTarget.map((p) => inventoryRow(p.assessment)) };
    } catch (err) {
      const why = clean(errorText(err));
      say(`not assessed: ${why}`);
      return { ...base, status: 'failed', error: why, targets: [] };
    }
  });
  const report = buildInventoryReport(databases, o.generatedAt);
  const write = async (name: string, text: string): Promise<void> => {
    const f = join(dir, name);
    await writeFile(f, clean(text));
    files.push(f);
  };
  if (o.formats.includes('html') || o.formats.includes('pdf')) {
    await write('inventory.html', renderInventoryHtml(report));
    htmlFiles.unshift(join(dir, 'inventory.html'));
  }
  if (o.formats.includes('json')) await write('inventory.json', `${JSON.stringify(report, null, 2)}\n`);
  if (o.formats.includes('csv')) await write('inventory.csv', renderInventoryCsv(report));
  return { report, files, htmlFiles };
}

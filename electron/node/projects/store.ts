// Reading and writing project folders. Writes go through a temp file + rename so a crash never
// leaves half a project.json.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { ContractError } from '../../../converters/contract/index.js';
import { parseSettings } from '../../../converters/index.js';
import { FORMAT, PROJECT_FILE, PROJECT_GITIGNORE, type ProjectFile } from './layout.js';

export * from './layout.js';
export { merge3, hasConflictMarkers, CONFLICT_MARKERS, type MergeResult } from './merge.js';

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/** A path inside the project folder; refuses anything that would leave it. */
export function inside(folder: string, rel: string): string {
  const p = resolve(folder, rel);
  const r = relative(resolve(folder), p);
  if (r === '' || r.startsWith('..') || isAbsolute(r)) throw new ContractError('INVALID_PARAMS', `path ${rel} is outside the project folder`);
  return p;
}

async function exists(p: string): Promise<boolean> {
  try { await stat(p); return true; } catch { return false; }
}

export async function createProjectFolder(folder: string, file: ProjectFile): Promise<void> {
  if (await exists(join(folder, PROJECT_FILE))) {
    throw new ContractError('FAILED', `${folder} already holds a dbshift project`, 'open it instead, or pick an empty folder');
  }
  await mkdir(folder, { recursive: true });
  await writeAtomic(join(folder, '.gitignore'), PROJECT_GITIGNORE);
  await writeProjectFile(folder, file);
}

export async function writeProjectFile(folder: string, file: ProjectFile): Promise<void> {
  await writeAtomic(join(folder, PROJECT_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

export async function readProjectFile(folder: string): Promise<ProjectFile> {
  let text: string;
  try { text = await readFile(join(folder, PROJECT_FILE), 'utf8'); } catch {
    throw new ContractError('NOT_FOUND', `no dbshift project in ${folder} (project.json missing)`, 'pick the folder that holds project.json, or create a new project');
  }
  let data: ProjectFile;
  try { data = JSON.parse(text) as ProjectFile; } catch (e) {
    throw new ContractError('FAILED', `${join(folder, PROJECT_FILE)} is not valid JSON: ${(e as Error).message}`, 'fix the file by hand (it is plain text) or restore it from version control');
  }
  if (data.format !== FORMAT) throw new ContractError('FAILED', `project format ${String(data.format)} is not supported by this version (expects ${FORMAT})`);
  if (data.conversion !== undefined) {
    const pairs = typeof data.conversion === 'object' && data.conversion !== null ? Object.entries(data.conversion).map(([k, v]) => `${k}=${String(v)}`) : ['conversion=?'];
    const r = parseSettings(pairs);
    if (!r.ok) throw new ContractError('FAILED', `${join(folder, PROJECT_FILE)}: ${r.error}`, `fix "conversion" in the file by hand (${r.hint}) or remove it`);
    data.conversion = r.settings;
  }
  return {
    ...data,
    scripts: data.scripts ?? [],
    connections: data.connections ?? {},
    converted: data.converted ?? [],
    conflicts: data.conflicts ?? {},
  };
}

/** Snapshot file name under source/ for an input path: keeps the tail of the path readable. */
export function snapshotName(displayPath: string): string {
  const n = normalize(displayPath).split(sep).filter((s) => s && s !== '..' && s !== '.');
  return n.slice(-3).join('/');
}

/** Snapshot names (relative to source/) for the files, in order; unique ignoring case. */
export function snapshotNames(files: { path: string }[]): string[] {
  const used = new Set<string>();
  return files.map((f) => {
    let name = snapshotName(f.path);
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${snapshotName(f.path).replace(/\.sql$/i, '')}-${i}.sql`;
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * Replaces source/ with the files (named by snapshotNames). They are written to a staging folder
 * first and swapped in by renames, so a failed or cancelled load (`checkpoint` throwing) leaves
 * the previous snapshot untouched.
 */
export async function writeSnapshot(folder: string, files: { path: string; text: string }[], checkpoint?: (written: number) => Promise<void>): Promise<string[]> {
  const names = snapshotNames(files);
  const staging = join(folder, `.source-${process.pid}.tmp`);
  const old = join(folder, `.source-${process.pid}.old`);
  await rm(staging, { recursive: true, force: true });
  try {
    for (let i = 0; i < files.length; i++) {
      if (checkpoint && i > 0 && i % 250 === 0) await checkpoint(i);
      const p = inside(staging, names[i]!);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, files[i]!.text);
    }
    if (checkpoint) await checkpoint(files.length);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  const had = await exists(join(folder, 'source'));
  if (had) await rename(join(folder, 'source'), old);
  await rename(staging, join(folder, 'source'));
  if (had) await rm(old, { recursive: true, force: true });
  return names;
}

export async function readSnapshot(folder: string, names: string[]): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const n of names) {
    try { out.push({ path: n, text: await readFile(inside(join(folder, 'source'), n), 'utf8') }); } catch {
      throw new ContractError('FAILED', `the project's source snapshot is missing source/${n}`, 'load the source scripts again');
    }
  }
  return out;
}

export async function readText(folder: string, rel: string): Promise<string | undefined> {
  try { return await readFile(inside(folder, rel), 'utf8'); } catch { return undefined; }
}

export async function writeText(folder: string, rel: string, text: string | undefined): Promise<void> {
  const p = inside(folder, rel);
  if (text === undefined) await rm(p, { force: true });
  else await writeAtomic(p, text);
}

export interface RecentProject { name: string; folder: string; openedAt: string }

export async function readRecent(configDir: string): Promise<RecentProject[]> {
  try {
    const list = JSON.parse(await readFile(join(configDir, 'recent-projects.json'), 'utf8')) as RecentProject[];
    return Array.isArray(list) ? list.filter((r) => typeof r.folder === 'string' && typeof r.name === 'string') : [];
  } catch { return []; }
}

export async function rememberRecent(configDir: string, entry: RecentProject): Promise<void> {
  const list = (await readRecent(configDir)).filter((r) => r.folder !== entry.folder);
  list.unshift(entry);
  await writeAtomic(join(configDir, 'recent-projects.json'), `${JSON.stringify(list.slice(0, 15), null, 2)}\n`);
}

/** decisions.json: target → object key → item key → decision; sorted so reviews diff cleanly. */
export type Decisions = Record<string, Record<string, Record<string, string>>>;

export async function readDecisions(folder: string): Promise<Decisions> {
  try { return JSON.parse(await readFile(join(folder, 'decisions.json'), 'utf8')) as Decisions; } catch { return {}; }
}

function sorted(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
}

export async function writeDecisions(folder: string, d: Decisions): Promise<void> {
  await writeAtomic(join(folder, 'decisions.json'), `${JSON.stringify(sorted(d), null, 2)}\n`);
}

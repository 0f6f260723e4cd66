// The back end's state for one workbench: the open project, its parsed source and, per target,
// the current conversion with the user's edits merged in.
import { join } from 'node:path';
import type {
  ConvertedObject, ConvertResult, Diagnostic, SourceFile, SourceSpan, TargetDialect, ObjectRef,
} from '../../../converters/index.js';
import { refKey } from '../../../converters/index.js';
import type { Assessment } from '../../../converters/assessment/index.js';
import { ContractError, type ProjectInfo } from '../../../converters/contract/index.js';
import { convertLoaded, parseFiles, type LoadedSource } from '../pipeline/index.js';
import {
  merge3, objectFile, readText, writeProjectFile, writeText, type ProjectFile,
} from '../projects/store.js';
import { objectText } from './text.js';
import type { TaskContext } from './tasks.js';
import { warmTree } from './tree.js';
import { convertOffThread } from './offthread.js';

export interface SourceObject {
  key: string;
  ref: ObjectRef;
  span: SourceSpan;
}

export interface TargetState {
  result: ConvertResult;
  assessment: Assessment;
  byKey: Map<string, ConvertedObject[]>;
  /** The conversion text last written to converted/ (base of the next merge). */
  generated: Map<string, string>;
  edits: Map<string, string>;
  conflicts: Set<string>;
}

export interface OpenProject {
  folder: string;
  file: ProjectFile;
  loaded?: LoadedSource;
  files: Map<string, SourceFile>;
  objects: SourceObject[];
  byKey: Map<string, SourceObject>;
  targets: Map<TargetDialect, TargetState>;
  dirty: boolean;
  /** The conversion made while indexing the source, reused by the first Convert (converting 10,000 objects takes a while). */
  probe?: { loaded: LoadedSource; target: TargetDialect; run: ReturnType<typeof convertLoaded> };
  /** Values of the project's password-like script variables for this session (never written). */
  secretValues?: Record<string, string>;
}

/** What the front end gets as ParseOptions.variables: the project's plain values and this session's secret ones. */
export function scriptVariables(p: OpenProject): Record<string, string> | undefined {
  const v = { ...(p.file.variables ?? {}), ...(p.secretValues ?? {}) };
  return Object.keys(v).length ? v : undefined;
}

export function info(p: OpenProject): ProjectInfo {
  return {
    name: p.file.name,
    folder: p.folder,
    source: p.file.source,
    targets: p.file.targets,
    ...(p.file.sourceKind ? { sourceKind: p.file.sourceKind } : {}),
    scripts: p.file.scripts,
    connections: p.file.connections,
    loadedObjects: p.objects.length,
    convertedTargets: [...p.targets.keys()],
    conflicts: [...p.targets.values()].flatMap((t) => [...t.conflicts]),
    dirty: p.dirty,
    ...(p.file.variables ? { variables: p.file.variables } : {}),
    ...(p.file.secretVariables ? { secretVariables: p.file.secretVariables.map((name) => ({ name, set: p.secretValues?.[name] !== undefined })) } : {}),
    ...(p.file.conversion ? { conversion: p.file.conversion } : {}),
  };
}

/** Groups converted objects by the source object they came from. */
function groupBySource(result: ConvertResult): Map<string, ConvertedObject[]> {
  const m = new Map<string, ConvertedObject[]>();
  for (const o of result.objects) {
    const k = refKey(o.source);
    const list = m.get(k);
    if (list) list.push(o); else m.set(k, [o]);
  }
  return m;
}

/** A parsed and indexed source, not yet adopted by the project (so a cancelled load changes nothing). */
export interface SourceIndex {
  loaded: LoadedSource;
  files: Map<string, SourceFile>;
  objects: SourceObject[];
  byKey: Map<string, SourceObject>;
  probe: NonNullable<OpenProject['probe']>;
}

/** Parses the snapshot and indexes source objects (through a conversion, which names every source object once). */
export function indexSource(file: ProjectFile, files: SourceFile[], kind: 'scripts' | 'live database', label: string, variables?: Record<string, string>): SourceIndex {
  const parsed = parseFiles(file.source, files, variables ? { variables } : undefined);
  const loaded: LoadedSource = {
    source: file.source, catalog: parsed.catalog, parseDiagnostics: parsed.diagnostics,
    inputs: files.map((f) => ({ path: f.path, bytes: f.text.length })), sourceLabel: label, sourceKind: kind, files,
  };
  const target = file.targets[0]!;
  const probe = convertLoaded(loaded, target, { generatedAt: '', ...(file.conversion ? { settings: file.conversion } : {}) });
  const seen = new Map<string, SourceObject>();
  for (const o of probe.result.objects) {
    const key = refKey(o.source);
    if (!seen.has(key)) seen.set(key, { key, ref: o.source, span: o.span });
  }
  return { loaded, files: new Map(files.map((f) => [f.path, f])), objects: [...seen.values()], byKey: seen, probe: { loaded, target, run: probe } };
}

export function adoptIndex(p: OpenProject, index: SourceIndex): void {
  p.loaded = index.loaded;
  p.files = index.files;
  p.probe = index.probe;
  p.objects = index.objects;
  p.byKey = index.byKey;
  p.targets.clear();
  warmTree(p);
}

export function loadFromFiles(p: OpenProject, files: SourceFile[], kind: 'scripts' | 'live database', label: string): LoadedSource {
  const index = indexSource(p.file, files, kind, label, scriptVariables(p));
  adoptIndex(p, index);
  return index.loaded;
}

/** After a project setting the front end or the conversion reads changed: parse the loaded source again and convert the converted targets again (edits merge). */
export async function reloadAndReconvert(p: OpenProject, now: string): Promise<void> {
  if (!p.loaded) return;
  const converted = [...p.targets.keys()];
  loadFromFiles(p, p.loaded.files ?? [...p.files.values()], p.loaded.sourceKind, p.loaded.sourceLabel);
  for (const t of converted) await convertTarget(p, t, now);
}

export function requireLoaded(p: OpenProject): LoadedSource {
  if (!p.loaded) throw new ContractError('FAILED', 'no source loaded yet', 'load a scripts folder or read a live database first');
  return p.loaded;
}

export interface ConvertOutcome { merged: string[]; conflicts: string[]; state: TargetState }

interface PlannedWrite { rel: string; text: string | undefined; before: string | undefined }
const STEP = 250;

/**
 * Converts and merges: for each source object with a user edit, a three-way merge of the
 * previous conversion (base), the edit and the new conversion. Conflicts keep both sides in the
 * edit with markers until the user resolves them.
 *
 * Cancellable (with a task): everything is computed first; files are written last and, when
 * cancelled while writing, put back as they were — a cancelled conversion leaves the project as
 * it was, on disk and in memory.
 */
export async function convertTarget(p: OpenProject, target: TargetDialect, now: string, keys?: string[], task?: TaskContext): Promise<ConvertOutcome> {
  const loaded = requireLoaded(p);
  if (!p.file.targets.includes(target)) throw new ContractError('INVALID_PARAMS', `${target} is not a target of this project`, `targets: ${p.file.targets.join(', ')}`);
  const cached = p.probe && p.probe.loaded === loaded && p.probe.target === target ? p.probe.run : undefined;
  task?.progress(0, 0, `converting ${p.objects.length} objects to ${target}`);
  await task?.checkpoint();
  // With a task the conversion runs in a worker thread: a cancel stops it at once.
  const options = { generatedAt: now, ...(p.file.conversion ? { settings: p.file.conversion } : {}) };
  const run = cached ?? (task ? await convertOffThread(task, 'converting', loaded, target, options) : convertLoaded(loaded, target, options));
  await task?.checkpoint();
  const prev = p.targets.get(target);
  const all = groupBySource(run.result);
  const wanted = keys ? new Set(keys) : undefined;
  const byKey = new Map<string, ConvertedObject[]>();
  for (const [k, objs] of all) {
    if (!wanted || wanted.has(k) || prev?.byKey.has(k)) byKey.set(k, objs);
  }
  const state: TargetState = {
    result: { ...run.result, objects: run.result.objects.filter((o) => byKey.has(refKey(o.source))) },
    assessment: run.assessment,
    byKey,
    generated: new Map(),
    edits: new Map(),
    conflicts: new Set(),
  };
  const merged: string[] = [];
  const conflicts: string[] = [];
  const writes: PlannedWrite[] = [];
  let i = 0;
  for (const [k, objs] of byKey) {
    if (task && ++i % STEP === 0) { task.progress(i, byKey.size * 2, `merging edits: ${i} of ${byKey.size} objects`); await task.checkpoint(); }
    const src = p.byKey.get(k);
    const ref = src?.ref ?? objs[0]!.source;
    const fresh = objectText(objs, target);
    const convertedRel = objectFile('converted', target, k, ref);
    const editRel = objectFile('edits', target, k, ref);
    const base = prev?.generated.get(k) ?? await readText(p.folder, convertedRel);
    const edit = prev?.edits.get(k) ?? await readText(p.folder, editRel);
    const wasConflict = prev ? prev.conflicts.has(k) : (p.file.conflicts[target] ?? []).includes(k);
    state.generated.set(k, fresh);
    if (base !== fresh) writes.push({ rel: convertedRel, text: fresh, before: base });
    if (edit === undefined || edit === fresh) {
      if (edit !== undefined) writes.push({ rel: editRel, text: undefined, before: edit });
      continue;
    }
    if (wasConflict || base === undefined || base === fresh) {
      state.edits.set(k, edit);
      if (wasConflict) { state.conflicts.add(k); conflicts.push(k); }
      continue;
    }
    const m = merge3(base, edit, fresh);
    state.edits.set(k, m.text);
    if (m.conflicts.length > 0) { state.conflicts.add(k); conflicts.push(k); } else merged.push(k);
    if (m.text !== edit) writes.push({ rel: editRel, text: m.text, before: edit });
  }
  await writeAll(p.folder, writes, task, byKey.size);
  p.probe = undefined;
  p.targets.set(target, state);
  warmTree(p);
  if (!p.file.converted.includes(target)) p.file.converted.push(target);
  p.file.conflicts[target] = [...state.conflicts].sort();
  await saveProject(p);
  return { merged, conflicts, state };
}

/** Writes planned files; when cancelled (or failing) part way, restores the ones already written. */
async function writeAll(folder: string, writes: PlannedWrite[], task: TaskContext | undefined, objects: number): Promise<void> {
  let done = 0;
  try {
    for (const w of writes) {
      if (task && done > 0 && done % STEP === 0) {
        task.progress(objects + Math.round((done / writes.length) * objects), objects * 2, `writing converted files: ${done} of ${writes.length}`);
        await task.checkpoint();
      }
      await writeText(folder, w.rel, w.text);
      done++;
    }
  } catch (e) {
    for (const w of writes.slice(0, done).reverse()) await writeText(folder, w.rel, w.before).catch(() => undefined);
    throw e;
  }
}

export async function saveProject(p: OpenProject): Promise<void> {
  await writeProjectFile(p.folder, p.file);
  p.dirty = false;
}

export async function saveEdit(p: OpenProject, target: TargetDialect, key: string, text: string, resolved: boolean): Promise<{ edited: boolean; conflict: boolean }> {
  const state = p.targets.get(target);
  const objs = state?.byKey.get(key);
  if (!state || !objs) throw new ContractError('NOT_FOUND', `object ${key} has no ${target} conversion yet`, 'convert it first');
  const ref = p.byKey.get(key)?.ref ?? objs[0]!.source;
  const generated = state.generated.get(key);
  const edited = text !== generated;
  if (edited) state.edits.set(key, text); else state.edits.delete(key);
  await writeText(p.folder, objectFile('edits', target, key, ref), edited ? text : undefined);
  if (resolved || !edited) state.conflicts.delete(key);
  p.file.conflicts[target] = [...state.conflicts].sort();
  await saveProject(p);
  return { edited, conflict: state.conflicts.has(key) };
}

/** Findings for one source object: its conversion findings plus parse findings inside its span. */
export function findingsOf(p: OpenProject, key: string, objs: ConvertedObject[] | undefined): Diagnostic[] {
  const src = p.byKey.get(key);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (d: Diagnostic): void => {
    const id = `${d.code}|${d.span.file}|${d.span.line}|${d.span.column}|${d.message}`;
    if (!seen.has(id)) { seen.add(id); out.push(d); }
  };
  for (const o of objs ?? []) o.diagnostics.forEach(add);
  if (src && p.loaded) {
    for (const d of p.loaded.parseDiagnostics) {
      if (d.span.file === src.span.file && d.span.line >= src.span.line && d.span.line <= src.span.endLine) add(d);
    }
  }
  return out;
}

export function projectPath(p: OpenProject, rel: string): string {
  return join(p.folder, rel);
}

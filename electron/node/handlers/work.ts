// Apply and export: the user's edits replace the generated statements of their objects.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ConvertResult, TargetDialect } from '../../../converters/index.js';
import { refKey } from '../../../converters/index.js';
import { ContractError, type ParsedParams, type Result } from '../../../converters/contract/index.js';
import { renderApplyScript, renderObjectFile, safeSegment, assignFileNames, type ScriptHeader } from '../export/index.js';
import { applyScript, splitApplyScript } from '../apply/index.js';
import { ENGINE_DIALECT } from '../connectors/url.js';
import { hasConflictMarkers } from '../projects/store.js';
import type { OpenProject } from './session.js';
import { editStatements } from './text.js';
import type { Host } from './host.js';
import type { TaskContext } from './tasks.js';
import { passwordFor, rememberPassword, urlFor } from './connections.js';

function stateOf(p: OpenProject, target: TargetDialect) {
  const s = p.targets.get(target);
  if (!s) throw new ContractError('FAILED', `nothing converted to ${target} yet`, 'run Convert first');
  return s;
}

/** The conversion with user edits in place: an edited source object's text replaces its first target object's statements. */
export function effectiveResult(p: OpenProject, target: TargetDialect): ConvertResult {
  const s = stateOf(p, target);
  const done = new Set<string>();
  const objects = s.result.objects.map((o) => {
    const k = refKey(o.source);
    const edit = s.edits.get(k);
    if (edit === undefined) return o;
    if (done.has(k)) return { ...o, statements: [] };
    done.add(k);
    return { ...o, statements: editStatements(edit, target), status: o.status === 'not-converted' ? 'converted-with-actions' as const : o.status };
  });
  return { ...s.result, objects };
}

function header(p: OpenProject, host: Host): ScriptHeader {
  return { sourceLabel: p.loaded?.sourceLabel ?? p.file.name, generatedAt: host.now(), toolVersion: host.version };
}

function conflictWarnings(p: OpenProject, target: TargetDialect): string[] {
  const s = stateOf(p, target);
  return [...s.edits].filter(([k, t]) => s.conflicts.has(k) || hasConflictMarkers(t))
    .map(([k]) => `${k}: the edit still has unresolved merge conflicts`);
}

export async function applyPreview(p: OpenProject, host: Host, q: ParsedParams<'apply.preview'>): Promise<Result<'apply.preview'>> {
  const script = renderApplyScript(effectiveResult(p, q.target), header(p, host));
  const dialect = ENGINE_DIALECT[q.connection.engine];
  if (dialect !== q.target) throw new ContractError('INVALID_PARAMS', `the ${q.target} conversion cannot be applied to a ${q.connection.engine} database`);
  const items = await splitApplyScript(script, dialect);
  return {
    script,
    statements: items.map((i) => ({ index: i.index, ...(i.object ? { object: i.object } : {}), line: i.line, summary: i.text.split('\n').find((l) => l.trim() && !l.trim().startsWith('--'))?.trim().slice(0, 160) ?? '' })),
    warnings: conflictWarnings(p, q.target),
  };
}

export async function applyRun(p: OpenProject, host: Host, q: ParsedParams<'apply.run'>, task: TaskContext): Promise<Result<'apply.run'>> {
  const { signal } = task;
  if (ENGINE_DIALECT[q.connection.engine] !== q.target) throw new ContractError('INVALID_PARAMS', `the ${q.target} conversion cannot be applied to a ${q.connection.engine} database`);
  const warnings = conflictWarnings(p, q.target);
  if (warnings.length) throw new ContractError('FAILED', `cannot apply: ${warnings.join('; ')}`, 'resolve the conflicts in the editor first');
  const script = renderApplyScript(effectiveResult(p, q.target), header(p, host));
  const url = await urlFor(q.connection, await passwordFor(host.secrets, 'target', q.connection, q.password), p.folder);
  const report = await applyScript(script, url, {
    signal,
    onProgress: (done, total, item) => task.progress(done, total, `statement ${item.index + 1}${item.object ? ` (${item.object})` : ''}`),
  });
  if (report.serverVersion) await rememberPassword(host.secrets, 'target', q.connection, q.password);
  for (const r of report.statements) host.emit('apply.statement', { taskId: q.taskId, record: r });
  let undoFile: string | undefined;
  if (report.undoScript) {
    undoFile = join(p.folder, 'export', q.target, `undo-${host.now().replace(/[:.]/g, '-')}.sql`);
    await mkdir(dirname(undoFile), { recursive: true });
    await writeFile(undoFile, report.undoScript);
  }
  return {
    ok: report.ok,
    cancelled: signal.aborted,
    mode: report.mode,
    target: report.target,
    ...(report.serverVersion ? { serverVersion: report.serverVersion } : {}),
    statements: report.statements,
    ...(report.failure ? { failure: { index: report.failure.index, ...(report.failure.object ? { object: report.failure.object } : {}), line: report.failure.line, message: report.failure.message } } : {}),
    notes: report.notes,
    ...(report.undoScript ? { undoScript: report.undoScript } : {}),
    ...(undoFile ? { undoFile } : {}),
    ms: report.ms,
  };
}

/**
 * Save as SQL. Files are written to a staging folder beside the destination and moved in at the
 * end, so a cancelled or failed export leaves the destination as it was.
 */
export async function exportSql(p: OpenProject, host: Host, q: ParsedParams<'export.sql'>, task: TaskContext): Promise<Result<'export.sql'>> {
  const result = effectiveResult(p, q.target);
  const h = header(p, host);
  const dest = resolve(p.folder, q.path ?? join('export', q.target));
  const single = q.layout === 'single';
  const folder = single && dest.endsWith('.sql') ? dirname(dest) : dest;
  const staging = join(dirname(folder), `.${basename(folder)}-${process.pid}-${Date.now().toString(36)}.partial`);
  const planned: { rel: string; text: () => string }[] = [];
  if (single) {
    planned.push({ rel: dest.endsWith('.sql') ? basename(dest) : 'apply.sql', text: () => renderApplyScript(result, h) });
  } else {
    const groups = new Map<string, ConvertResult['objects']>();
    for (const o of result.objects) {
      const dir = join(safeSegment(o.ref.schema ?? '_no_schema'), safeSegment(o.ref.type));
      groups.set(dir, [...(groups.get(dir) ?? []), o]);
    }
    for (const [dir, objs] of groups) {
      const names = assignFileNames([...new Set(objs.map((o) => o.ref.name))]);
      const byFile = new Map<string, ConvertResult['objects']>();
      for (const o of objs) {
        if (o.statements.length === 0) continue;
        const f = join(dir, names.get(o.ref.name)!);
        byFile.set(f, [...(byFile.get(f) ?? []), o]);
      }
      for (const [f, list] of byFile) planned.push({ rel: f, text: () => list.map((o) => renderObjectFile(o, q.target, h)).join('\n') });
    }
  }
  try {
    for (let i = 0; i < planned.length; i++) {
      if (i % 100 === 0) { task.progress(i, planned.length, `writing ${planned.length} file(s)`); await task.checkpoint(); }
      const f = join(staging, planned[i]!.rel);
      await mkdir(dirname(f), { recursive: true });
      await writeFile(f, planned[i]!.text());
    }
    await task.checkpoint();
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  // Past the last safe point: move the files in (renames, quick).
  const files: string[] = [];
  for (const { rel } of planned) {
    const to = join(folder, rel);
    await mkdir(dirname(to), { recursive: true });
    await rename(join(staging, rel), to);
    files.push(to);
  }
  await rm(staging, { recursive: true, force: true });
  task.progress(planned.length, planned.length, `wrote ${files.length} file(s)`);
  return { files, folder };
}

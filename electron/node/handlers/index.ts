// The contract's handlers: one function per request name (a new name breaks the build until it
// has one). The web server and Electron's main process both serve this same table.
import { resolve } from 'node:path';
import type { RequestName, ParsedParams, Result } from '../../../converters/contract/index.js';
import { ContractError } from '../../../converters/contract/index.js';
import type { ConvertedObject, SourceFile } from '../../../converters/index.js';
import { isSupportedPair, supportedPairs } from '../../../converters/index.js';
import { listSchemas, testConnection } from '../connectors/index.js';
import { readInputs } from '../pipeline/index.js';
import {
  createProjectFolder, readDecisions, readProjectFile, readRecent, readSnapshot, rememberRecent, snapshotNames, writeDecisions, writeSnapshot, FORMAT, type ProjectFile,
} from '../projects/store.js';
import type { Host } from './host.js';
import { passwordFor, rememberPassword, urlFor, urlToSpec, workbenchEngine } from './connections.js';
import { adoptIndex, convertTarget, findingsOf, info, loadFromFiles, reloadAndReconvert, saveEdit, saveProject, scriptVariables, type OpenProject } from './session.js';
import { recallSecretVariables, setVariables } from './variables.js';
import { Tasks, unlessCancelled, type TaskContext } from './tasks.js';
import { treeChildren } from './tree.js';
import { closeStandbyWorker, indexSourceOffThread, prepareStandby } from './offthread.js';
import { linesOf, objectLineRanges, objectText, targetLinesOf } from './text.js';
import { applyPreview, applyRun, exportSql } from './work.js';
import { extractLive } from '../pipeline/live.js';
import { reportView } from '../report/view.js';
import { scopedAssessment } from './scope.js';
import { exportReport } from './report-export.js';
import { scopeText } from '../../../converters/assessment/index.js';
import { createReplicationHandlers } from './replication.js';

export type { Host, SecretStore } from './host.js';
export { memorySecrets } from './host.js';
export { dispatch } from './dispatch.js';

export type Handler<N extends RequestName> = (params: ParsedParams<N>) => Promise<Result<N>>;
export type Handlers = { [N in RequestName]: Handler<N> };


export function createHandlers(host: Host): Handlers & { close(): Promise<void> } {
  let project: OpenProject | undefined;
  const tasks = new Tasks((taskId, done, total, message) => host.emit('task.progress', { taskId, done, total, message }));

  const need = (): OpenProject => {
    if (!project) throw new ContractError('NO_PROJECT', 'no project is open', 'create or open a project first');
    return project;
  };
  const changed = (): void => host.emit('project.changed', { project: project ? info(project) : null });

  async function openFolder(folder: string, file: ProjectFile): Promise<OpenProject> {
    // The conversion worker loads the converters while the user looks at the project.
    prepareStandby();
    const p: OpenProject = { folder, file, files: new Map(), objects: [], byKey: new Map(), targets: new Map(), dirty: false };
    await recallSecretVariables(p, host.secrets);
    if (file.scripts.length > 0) {
      const files = await readSnapshot(folder, file.scripts);
      loadFromFiles(p, files, file.sourceKind === 'live' ? 'live database' : 'scripts', `${file.name}: source snapshot`);
      for (const t of file.converted) await convertTarget(p, t, host.now());
    }
    await rememberRecent(host.configDir, { name: file.name, folder, openedAt: host.now() });
    return p;
  }

  /** Parses and indexes first, writes the snapshot last (staged): a cancel before the end changes nothing. */
  async function adoptSource(p: OpenProject, files: SourceFile[], kind: 'scripts' | 'live', label: string, t: TaskContext): Promise<void> {
    const names = snapshotNames(files);
    const snap = files.map((f, i) => ({ path: names[i]!, text: f.text }));
    t.progress(1, 3, `parsing ${snap.length} file(s)`);
    await t.checkpoint();
    // Parsing (and the probe conversion that names every object) runs in a worker: a cancel stops it at once.
    const index = await indexSourceOffThread(t, kind === 'live' ? 'reading the database' : 'loading the scripts', p.file, snap,
      kind === 'live' ? 'live database' : 'scripts', label, scriptVariables(p));
    t.progress(2, 3, `writing the source snapshot (${index.objects.length} objects)`);
    await t.checkpoint();
    p.file.scripts = await writeSnapshot(p.folder, snap, () => t.checkpoint());
    p.file.sourceKind = kind;
    p.file.converted = [];
    adoptIndex(p, index);
    await saveProject(p);
  }

  const replication = createReplicationHandlers(host);
  const handlers: Handlers = {
    ...replication.handlers,
    'app.info': async () => ({ version: host.version, mode: host.mode, canPickPaths: !!host.pickPath, defaultFolder: host.defaultFolder, pairs: supportedPairs() }),
    'host.pickPath': async (q) => ({ path: host.pickPath ? await host.pickPath(q.kind, q.title) : null }),
    'project.create': async (q) => {
      for (const t of q.targets) {
        if (!isSupportedPair(q.source, t)) throw new ContractError('FAILED', `converting ${q.source} to ${t} is not supported yet`, `supported: ${supportedPairs().map((p) => `${p.source} → ${p.target}`).join(', ')}`);
      }
      const folder = resolve(q.folder);
      const file: ProjectFile = {
        format: FORMAT, name: q.name, source: q.source, targets: [...new Set(q.targets)], scripts: [],
        connections: {}, converted: [], conflicts: {}, createdAt: host.now(),
      };
      await createProjectFolder(folder, file);
      project = await openFolder(folder, file);
      changed();
      return info(project);
    },
    'project.open': async (q) => {
      const folder = resolve(q.folder);
      const file = await readProjectFile(folder);
      project = await openFolder(folder, file);
      changed();
      return info(project);
    },
    'project.save': async () => { const p = need(); await saveProject(p); return info(p); },
    'project.close': async () => {
      if (project) await saveProject(project);
      project = undefined;
      changed();
      return { ok: true as const };
    },
    'project.recent': async () => ({ projects: await readRecent(host.configDir) }),
    'project.current': async () => ({ project: project ? info(project) : null }),
    'project.setConversion': async (q) => {
      const p = need();
      if (Object.keys(q.settings).length) p.file.conversion = q.settings; else delete p.file.conversion;
      await saveProject(p);
      // Converted again with the new options (the source index's probe conversion too); edits merge.
      await reloadAndReconvert(p, host.now());
      changed();
      return info(p);
    },
    'project.setVariables': async (q) => {
      const p = need();
      await setVariables(p, host.secrets, q.variables);
      await saveProject(p);
      // The source is parsed again with the new values; converted targets are converted again (edits merge).
      await reloadAndReconvert(p, host.now());
      changed();
      return info(p);
    },
    'connection.parseUrl': async (q) => urlToSpec(q.url),
    'connection.test': async (q) => {
      const url = await urlFor(q.connection, await passwordFor(host.secrets, q.role, q.connection, q.password), project?.folder);
      const r = await testConnection(url, { role: q.role });
      await rememberPassword(host.secrets, q.role, q.connection, q.password);
      return { engine: workbenchEngine(r.engine), serverVersion: r.serverVersion, display: url.replace(/:[^:@/]*@/, '@') };
    },
    'connection.listSchemas': async (q) => {
      const url = await urlFor(q.connection, await passwordFor(host.secrets, q.role, q.connection, q.password), project?.folder);
      const schemas = await listSchemas(url, { role: q.role });
      await rememberPassword(host.secrets, q.role, q.connection, q.password);
      return { schemas };
    },
    'connection.save': async (q) => {
      const p = need();
      if (q.role === 'target' && (q.connection.engine === 'oracle' || q.connection.engine === 'sqlserver')) {
        throw new ContractError('INVALID_PARAMS', `${q.connection.engine} is a source engine here; targets are PostgreSQL (or PGlite) and MySQL/MariaDB`);
      }
      p.file.connections[q.role] = q.connection;
      await saveProject(p);
      changed();
      return info(p);
    },
    'source.loadScripts': async (q) => tasks.run(q.taskId, 'loading the scripts', async (t) => {
      const p = need();
      t.progress(0, 3, 'reading scripts');
      const read = await unlessCancelled(readInputs(q.paths), t, 'loading the scripts');
      if (read.files.length === 0) throw new ContractError('FAILED', 'no readable SQL script among the inputs', 'pick a folder with .sql files');
      await adoptSource(p, read.files, 'scripts', `scripts: ${q.paths.join(', ')}`, t);
      t.progress(3, 3, `${p.objects.length} objects`);
      changed();
      return { project: info(p), files: read.files.length, objects: p.objects.length, findings: p.loaded?.parseDiagnostics.length ?? 0 };
    }),
    'source.loadLive': async (q) => tasks.run(q.taskId, 'reading the database', async (t) => {
      const p = need();
      if (q.connection.engine === 'pglite' ? p.file.source !== 'postgres' : q.connection.engine !== p.file.source) {
        throw new ContractError('INVALID_PARAMS', `this project converts ${p.file.source} sources; the connection is ${q.connection.engine}`);
      }
      const url = await urlFor(q.connection, await passwordFor(host.secrets, 'source', q.connection, q.password), p.folder);
      // Extraction only reads; a cancel drops its result (the connection closes when it ends).
      const r = await unlessCancelled(extractLive(url, q.schemas, (m) => t.progress(0, 0, m)), t, 'reading the database');
      await rememberPassword(host.secrets, 'source', q.connection, q.password);
      const sources = (r as { sources?: SourceFile[] }).sources ?? [];
      if (sources.length === 0) throw new ContractError('FAILED', 'the database returned no objects', 'check the schema names and the user\'s privileges');
      p.file.connections.source = q.connection;
      if (q.schemas) p.file.schemas = q.schemas;
      await adoptSource(p, sources, 'live', `live database ${q.connection.engine}://${q.connection.host ?? ''}/${q.connection.database ?? ''}`, t);
      changed();
      return { project: info(p), files: sources.length, objects: p.objects.length, findings: (p.loaded?.parseDiagnostics.length ?? 0) };
    }),
    'tree.children': async (q) => treeChildren(need(), q),
    'convert.run': async (q) => tasks.run(q.taskId, 'converting', async (t) => {
      const p = need();
      const t0 = performance.now();
      const out = await convertTarget(p, q.target, host.now(), q.keys, t);
      t.progress(1, 1, 'converted');
      const objs = out.state.result.objects;
      changed();
      return {
        summary: {
          target: q.target, objects: objs.length,
          converted: objs.filter((o) => o.status === 'converted').length,
          withActions: objs.filter((o) => o.status === 'converted-with-actions').length,
          notConverted: objs.filter((o) => o.status === 'not-converted').length,
          merged: out.merged, conflicts: out.conflicts, ms: Math.round(performance.now() - t0),
        },
        project: info(p),
      };
    }),
    'object.get': async (q) => {
      const p = need();
      const src = p.byKey.get(q.key);
      if (!src) throw new ContractError('NOT_FOUND', `no source object ${q.key}`);
      const state = p.targets.get(q.target);
      const objs = state?.byKey.get(q.key);
      const file = p.files.get(src.span.file);
      const generated = objs ? (state!.generated.get(q.key) ?? objectText(objs, q.target)) : null;
      const text = objs ? (state!.edits.get(q.key) ?? generated) : null;
      const decided = (await readDecisions(p.folder))[q.target]?.[q.key] ?? {};
      // Which target object each finding belongs to, and where that object's statements are in the
      // generated text (only meaningful while the user has not edited it).
      const owner = new Map<object, ConvertedObject>();
      for (const o of objs ?? []) for (const d of o.diagnostics) owner.set(d, o);
      const ranges = objs && text === generated ? objectLineRanges(objs, q.target) : undefined;
      const sourceObject = { text: file ? linesOf(file.text, src.span.line, src.span.endLine) : '', startLine: src.span.line };
      const items = findingsOf(p, q.key, objs).map((d, id) => {
        const own = owner.get(d);
        const tl = targetLinesOf(d, text, p.files, own ? ranges?.get(own) : undefined, sourceObject);
        const itemKey = `${d.code}@${d.span.line}:${d.span.column}`;
        const saved = decided[itemKey];
        const decision: 'accepted' | 'wont-fix' | undefined = saved === 'accepted' ? 'accepted' : saved === 'wont-fix' ? 'wont-fix' : undefined;
        return {
          id, itemKey, ...(decision ? { decision } : {}), code: d.code, severity: d.severity, effort: d.effort, message: d.message, recommendation: d.recommendation,
          span: { file: d.span.file, line: d.span.line, column: d.span.column, endLine: d.span.endLine, endColumn: d.span.endColumn },
          ...(d.object ? { object: d.object } : {}), ...(tl ? { targetLines: tl } : {}),
        };
      });
      const status = objs ? (objs.some((o) => o.status === 'not-converted') ? 'not-converted' : objs.some((o) => o.status === 'converted-with-actions') ? 'converted-with-actions' : 'converted') : null;
      return {
        key: q.key, ref: src.ref, status,
        targets: (objs ?? []).map((o) => ({ ref: o.ref, status: o.status })),
        source: { file: src.span.file, startLine: src.span.line, text: sourceObject.text },
        generated, text, edited: !!state?.edits.has(q.key), conflict: !!state?.conflicts.has(q.key), items,
      };
    },
    'object.saveEdit': async (q) => {
      const p = need();
      const r = await saveEdit(p, q.target, q.key, q.text, q.resolved ?? false);
      changed();
      return { ...r, project: info(p) };
    },
    'object.decide': async (q) => {
      const p = need();
      if (!p.byKey.has(q.key)) throw new ContractError('NOT_FOUND', `no source object ${q.key}`);
      const all = await readDecisions(p.folder);
      const forObject = { ...(all[q.target]?.[q.key] ?? {}) };
      if (q.decision === 'open') delete forObject[q.itemKey]; else forObject[q.itemKey] = q.decision;
      all[q.target] = { ...(all[q.target] ?? {}), [q.key]: forObject };
      if (Object.keys(forObject).length === 0) delete all[q.target]![q.key];
      await writeDecisions(p.folder, all);
      return { decision: q.decision };
    },
    'apply.preview': async (q) => applyPreview(need(), host, q),
    'apply.run': async (q) => tasks.run(q.taskId, 'applying', (t) => applyRun(need(), host, q, t)),
    'task.cancel': async (q) => ({ cancelled: tasks.cancel(q.taskId) }),
    'export.sql': async (q) => tasks.run(q.taskId, 'saving as SQL', (t) => exportSql(need(), host, q, t)),
    'report.export': async (q) => exportReport(need(), host, q),
    'assessment.summary': async (q) => {
      const p = need();
      const state = p.targets.get(q.target);
      if (!state) throw new ContractError('FAILED', `nothing converted to ${q.target} yet`, 'run Convert first');
      const a = scopedAssessment(p, state, q.scope);
      return {
        target: q.target,
        scope: scopeText(a.scope),
        schemas: [...new Set(p.objects.map((o) => o.ref.schema).filter((s): s is string => !!s))].sort(),
        objects: a.summary.objects,
        bySeverity: a.countsBySeverity,
        byCategory: Object.entries(a.byCategory).map(([category, c]) => ({ category, total: c.total, converted: c.converted, withActions: c.withActions, notConverted: c.notConverted })),
        topCodes: a.countsByCode.slice(0, 10).map((c) => ({ code: c.code, severity: c.severity, count: c.count, example: c.example })),
        estimatedHours: a.summary.estimatedHours,
        actionItems: a.summary.actionItems,
        report: reportView(a, state.result.objects),
      };
    },
  };
  return { ...handlers, close: async () => { tasks.cancelAll(); replication.close(); closeStandbyWorker(); if (project) await saveProject(project); project = undefined; } };
}

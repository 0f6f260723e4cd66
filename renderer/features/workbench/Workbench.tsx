// The workbench: toolbar, object trees, the object view, status bar; F8 / Shift+F8 anywhere.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { treeTypeOptions, type ConnectionSpec, type ProjectInfo, type Result } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { isCancelled, TaskProgress, useTask } from '../../components/TaskProgress.js';
import { ObjectTree } from '../tree/ObjectTree.js';
import { MenuButton } from '../../components/MenuButton.js';
import type { ObjectViewHandle } from './ObjectView.js';
import { SourceDialog } from '../source/SourceDialog.js';
import { ConnectionDialog } from '../connections/ConnectionDialog.js';
import { ApplyDialog } from '../apply/ApplyDialog.js';
import { ExportDialog } from '../export/ExportDialog.js';
import { AssessmentView } from '../report/AssessmentView.js';
import { VariablesDialog } from '../variables/VariablesDialog.js';
import { ConversionDialog } from '../conversion/ConversionDialog.js';
import { TasksView } from '../tasks/TasksView.js';
import type { Theme } from '../../App.js';
import { disposeObjectModels, unsavedEdits } from '../../editor/object-model-registry.js';
import { describeConnection, effectiveTarget, targetStatus, type TargetCheck } from './target-state.js';

// Monaco is large: it loads after the tree's first paint, in idle time (or when the first object
// opens, if that comes first), so the tree paints first and the first selection does not wait for it.
type ObjectViewModule = typeof import('./ObjectView.js');
let objectViewModule: ObjectViewModule | undefined;
const loadObjectView = (): Promise<ObjectViewModule> => import('./ObjectView.js').then((m) => { objectViewModule = m; return m; });
const LazyObjectView = lazy(() => loadObjectView().then((m) => ({ default: m.ObjectView })));

/** Runs `fn` once the browser is idle (at the latest after `timeout` ms); returns a cancel function. */
function whenIdle(fn: () => void, timeout: number): () => void {
  if (typeof requestIdleCallback === 'function') { const h = requestIdleCallback(fn, { timeout }); return () => cancelIdleCallback(h); }
  const h = setTimeout(fn, 50);
  return () => clearTimeout(h);
}

// Every object kind the model has (converters/contract/object-types.ts derives them from ObjectKind).
const TYPES = treeTypeOptions();
type Modal = null | 'source' | 'target' | 'apply' | 'export' | 'variables' | 'conversion' | 'tasks';

export function Workbench(props: {
  api: Api; project: ProjectInfo; onProject: (p: ProjectInfo | null) => void; theme: Theme; onToggleTheme: () => void;
  backend: string; info: Result<'app.info'> | null;
}) {
  const { api, project } = props;
  const [target, setTarget] = useState(project.targets[0]!);
  const [side, setSide] = useState<'source' | 'target'>('source');
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [version, setVersion] = useState(0);
  const [modal, setModal] = useState<Modal>(null);
  const [view, setView] = useState<'object' | 'assessment'>('object');
  const [status, setStatus] = useState('Ready');
  const convertTask = useTask(api);
  const targetConn = effectiveTarget(project.connections.target, target);
  const [targetCheck, setTargetCheck] = useState<TargetCheck | null>(null);
  /** A test or apply result for the connection in use now (a later change of connection makes it stale). */
  const checked_ = (text: string, c: ConnectionSpec = targetConn): void => setTargetCheck({ connection: describeConnection(c), text });
  const objectHandle = useRef<ObjectViewHandle | null>(null);
  const bump = (): void => setVersion((v) => v + 1);
  /** The object list was replaced (reconversion, reload): objects' editor models start over. */
  const replaced = (): void => { disposeObjectModels(); bump(); };
  // The project closed (or another one opened): its models go with it.
  useEffect(() => () => disposeObjectModels(), [project.folder]);

  // After the first paint: fetch the editor's code and start Monaco (languages, worker) in idle time,
  // then, in idle time again, mount the object view with its two editors and no object, so the first
  // selection only sets their text as every later one does (creating the editors is what made the
  // first selection slower than the next ones).
  const [viewMounted, setViewMounted] = useState(false);
  useEffect(() => {
    let cancelIdle = (): void => {};
    cancelIdle = whenIdle(() => {
      void loadObjectView().then((m) => m.warmEditors()).then(() => { cancelIdle = whenIdle(() => setViewMounted(true), 500); }).catch(() => undefined);
    }, 500);
    return () => cancelIdle();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'F8') return;
      e.preventDefault();
      e.stopPropagation();
      if (e.shiftKey) objectHandle.current?.prev(); else objectHandle.current?.next();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const run = async (what: string, fn: () => Promise<string>): Promise<void> => {
    setStatus(`${what}…`);
    try { setStatus(await fn()); } catch (e) { setStatus(isCancelled(e) ? `Cancelled: ${errorText(e)}` : `${what} failed: ${errorText(e)}`); }
  };
  const convert = (): Promise<void> => run('Converting', async () => {
    const keys = checked.size > 0 ? [...checked] : undefined;
    // The three-way merge works on saved edits: edits not saved yet are saved first, so it sees them.
    const unsaved = unsavedEdits();
    for (const u of unsaved) await api.call('object.saveEdit', { key: u.key, target: u.target as typeof target, text: u.text });
    const r = await convertTask.run('convert', (taskId) => api.call('convert.run', { target, ...(keys ? { keys } : {}), taskId }));
    props.onProject(r.project);
    replaced();
    const s = r.summary;
    return `${unsaved.length ? `Saved ${unsaved.length} unsaved edit(s) first. ` : ''}Converted ${s.objects} objects to ${target} in ${s.ms} ms: ${s.converted} clean, ${s.withActions} with action items, ${s.notConverted} not converted`
      + `${s.merged.length ? `; ${s.merged.length} edit(s) merged` : ''}${s.conflicts.length ? `; ${s.conflicts.length} edit(s) with conflicts to resolve` : ''}`;
  });
  const close = (): Promise<void> => run('Closing', async () => { await api.call('project.close', {}); props.onProject(null); return 'Closed'; });
  const save = (): Promise<void> => run('Saving', async () => { props.onProject(await api.call('project.save', {})); return 'Project saved'; });

  const objectViewProps = (key: string | null) => ({
    api, target, source: project.source, objectKey: key, theme: props.theme, version, onChanged: bump, onStatus: setStatus, handle: objectHandle,
  });
  const filter = { ...(name.trim() ? { name: name.trim() } : {}), ...(type ? { types: [type] } : {}) };
  const hasSource = project.loadedObjects > 0;
  const converted = project.convertedTargets.includes(target);
  return (
    <div className="workbench">
      <header className="toolbar" role="toolbar" aria-label="Project actions">
        <strong className="project-name" title={`${project.name} — ${project.folder}`}>{project.name}</strong>
        <div className="tool-group" role="group" aria-label="Source">
          <button type="button" onClick={() => setModal('source')}>Load source…</button>
        </div>
        <div className="tool-group" role="group" aria-label="Conversion">
          {project.targets.length > 1 ? (
            <label className="inline">Target{' '}
              <select value={target} onChange={(e) => setTarget(e.target.value as typeof target)} aria-label="Target engine">
                {project.targets.map((t) => <option key={t} value={t}>{t === 'postgres' ? 'PostgreSQL' : 'MySQL / MariaDB'}</option>)}
              </select>
            </label>
          ) : <span className="muted">→ {target === 'postgres' ? 'PostgreSQL' : 'MySQL'}</span>}
          <button type="button" className="primary" disabled={!hasSource || !!convertTask.task} onClick={() => void convert()}>
            {checked.size > 0 ? `Convert selected (${checked.size})` : 'Convert all'}
          </button>
          <button type="button" disabled={!converted} aria-pressed={view === 'assessment'} onClick={() => setView(view === 'assessment' ? 'object' : 'assessment')}>Assessment</button>
        </div>
        <div className="tool-group" role="group" aria-label="Output">
          <button type="button" disabled={!converted} onClick={() => setModal('apply')}>Apply to database…</button>
          <button type="button" disabled={!converted} onClick={() => setModal('export')}>Save as SQL…</button>
        </div>
        <span className="spacer" />
        {/* Set-up and project-level actions: in one menu so the toolbar keeps to one row from 1280 px on. */}
        <MenuButton label="Project" testId="project-menu" items={[
          { label: 'Target connection…', onSelect: () => setModal('target') },
          ...(project.source === 'oracle' || project.source === 'sqlserver' ? [{ label: 'Script variables…', onSelect: () => setModal('variables') }] : []),
          { label: 'Conversion options…', onSelect: () => setModal('conversion') },
          { label: 'Replication tasks…', onSelect: () => setModal('tasks') },
          { label: 'Save project', onSelect: () => void save() },
          { label: `Switch to ${props.theme === 'dark' ? 'light' : 'dark'} theme`, onSelect: props.onToggleTheme },
          { label: 'Close project', onSelect: () => void close() },
        ]} />
      </header>
      <div className="main">
        <nav className="sidebar" aria-label="Objects">
          <div role="tablist" aria-label="Tree" className="tabs">
            <button type="button" role="tab" aria-selected={side === 'source'} onClick={() => setSide('source')}>Source</button>
            <button type="button" role="tab" aria-selected={side === 'target'} onClick={() => setSide('target')}>Target</button>
          </div>
          <div className="filters">
            <label className="inline">Filter{' '}<input value={name} onChange={(e) => setName(e.target.value)} placeholder="name, % wildcards" aria-label="Filter objects by name (% matches anything)" /></label>
            <select value={type} onChange={(e) => setType(e.target.value)} aria-label="Filter objects by type">
              <option value="">All types</option>
              {TYPES.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
            </select>
            {checked.size > 0 ? <button type="button" className="link" onClick={() => setChecked(new Set())}>Clear selection ({checked.size})</button> : null}
          </div>
          <ObjectTree api={api} side={side} target={target} filter={filter} selectedKey={selected} version={version + project.loadedObjects}
            label={side === 'source' ? 'Source objects' : 'Target objects'}
            onSelect={(k) => { setSelected(k); setView('object'); }} checked={checked}
            onCheck={(k, on) => setChecked((s) => { const x = new Set(s); if (on) x.add(k); else x.delete(k); return x; })} />
        </nav>
        <main className="content" aria-label="Object">
          {view === 'assessment' ? <AssessmentView api={api} target={target} version={version} selectedKey={selected} onOpenObject={(k) => { setSelected(k); setView('object'); }} /> : null}
          {view === 'object' && !selected ? <div className="pad muted">{hasSource ? 'Select an object in the tree.' : 'Load the source: a scripts folder or a live database (Load source…).'}</div> : null}
          {objectViewModule && (viewMounted || selected) ? <objectViewModule.ObjectView {...objectViewProps(selected)} hidden={view !== 'object'} />
            : selected && view === 'object' ? (
              <Suspense fallback={<div className="pad muted" role="status">Loading the editor…</div>}>
                <LazyObjectView {...objectViewProps(selected)} />
              </Suspense>
            ) : null}
        </main>
      </div>
      <footer className="statusbar">
        <span role="status" data-testid="status">{status}</span>
        <TaskProgress handle={convertTask} label="Converting" />
        <span className="spacer" />
        <span>Source: {project.sourceKind ?? 'none'} ({project.loadedObjects} objects)</span>
        <span data-testid="target-state">Target: {targetStatus(targetConn, targetCheck)}</span>
        <span>Back end: {props.backend}</span>
        {project.conflicts.length ? <span className="conflict">{project.conflicts.length} conflict(s)</span> : null}
      </footer>
      {modal === 'source' ? <SourceDialog api={api} project={project} canPick={!!props.info?.canPickPaths} onClose={() => setModal(null)}
        onLoaded={(p, s) => { props.onProject(p); setModal(null); setSelected(null); setChecked(new Set()); replaced(); setStatus(`Loaded: ${s}`); }} /> : null}
      {modal === 'target' ? <ConnectionDialog api={api} role="target" title="Target connection" doneLabel="Save in project"
        engines={target === 'postgres' ? ['pglite', 'postgres'] : ['mysql']} {...(project.connections.target ? { initial: project.connections.target } : {})}
        onClose={() => setModal(null)}
        onDone={(c) => void run('Saving the connection', async () => {
          props.onProject(await api.call('connection.save', { role: 'target', connection: c.connection }));
          if (c.password || c.connection.engine === 'pglite') {
            await api.call('connection.test', { connection: c.connection, ...(c.password ? { password: c.password } : {}), role: 'target' })
              .then((r) => checked_(`connected (${r.serverVersion})`, c.connection), () => checked_('connection failed', c.connection));
          }
          setModal(null);
          return 'Target connection saved (without its password)';
        })} /> : null}
      {modal === 'apply' ? <ApplyDialog api={api} project={project} target={target} onClose={() => setModal(null)} onState={(st) => checked_(st)} /> : null}
      {modal === 'conversion' ? <ConversionDialog api={api} project={project} onClose={() => setModal(null)}
        onSaved={(p) => { props.onProject(p); setModal(null); replaced(); setStatus(p.convertedTargets.length ? 'Conversion options saved; converted again' : 'Conversion options saved'); }} /> : null}
      {modal === 'variables' ? <VariablesDialog api={api} project={project} onClose={() => setModal(null)}
        onSaved={(p) => { props.onProject(p); setModal(null); replaced(); setStatus('Script variables saved; the source was parsed again'); }} /> : null}
      {modal === 'export' ? <ExportDialog api={api} target={target} onClose={() => setModal(null)} /> : null}
      {modal === 'tasks' ? <TasksView api={api} canPick={!!props.info?.canPickPaths} onClose={() => setModal(null)} /> : null}
    </div>
  );
}

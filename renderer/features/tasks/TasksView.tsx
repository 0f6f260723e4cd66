// Replication tasks: each task's state and per-table statistics (pushed every second while it
// runs), its lifecycle actions and its log; new tasks from DMS task settings + table mappings files.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplicationTaskInfo } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { Dialog, ErrorLine } from '../../components/Dialog.js';
import { CreateTaskForm } from './CreateTaskForm.js';
import './tasks.css';

type Action = 'start' | 'resume' | 'stop' | 'delete';

export function TasksView(props: { api: Api; canPick: boolean; onClose: () => void }) {
  const { api } = props;
  const [tasks, setTasks] = useState<ReplicationTaskInfo[]>([]);
  const [folder, setFolder] = useState('');
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);

  const refresh = useCallback(async (): Promise<void> => {
    try {
      const r = await api.call('replication.list', {});
      setTasks(r.tasks);
      setFolder(r.folder);
    } catch (e) { setError(errorText(e)); }
  }, [api]);
  // Tasks started elsewhere (dbshift replicate start --detach) are not pushed: list again now and then.
  useEffect(() => { const t = setInterval(() => void refresh(), 5000); return () => clearInterval(t); }, [refresh]);
  useEffect(() => {
    void refresh();
    return api.on('replication.changed', ({ task }) => setTasks((ts) => (ts.some((t) => t.id === task.id) ? ts.map((t) => (t.id === task.id ? task : t)) : [...ts, task])));
  }, [api, refresh]);

  const act = async (id: string, action: Action): Promise<void> => {
    setError(null);
    setBusy(`${action} ${id}`);
    setMessage(`${action === 'stop' ? 'Stopping' : action === 'delete' ? 'Deleting' : action === 'start' ? 'Starting' : 'Resuming'} ${id}…`);
    try {
      if (action === 'delete') {
        await api.call('replication.delete', { id });
        setTasks((ts) => ts.filter((t) => t.id !== id));
        setMessage(`Deleted task ${id} (the target tables stay)`);
      } else {
        const t = await api.call(`replication.${action}`, { id });
        setTasks((ts) => ts.map((x) => (x.id === id ? t : x)));
        setMessage(`${action === 'stop' ? 'Stopped' : action === 'start' ? 'Started' : 'Resumed'} task ${id}${action === 'stop' ? ` (${t.status})` : ': statistics follow every second'}`);
      }
    } catch (e) { setError(errorText(e)); setMessage(''); } finally { setBusy(null); }
  };

  return (
    <Dialog title="Replication tasks" onClose={props.onClose} wide testId="tasks-view">
      <div className="row tasks-bar">
        <button type="button" onClick={() => setCreating(true)} disabled={creating}>New task…</button>
        <button type="button" onClick={() => void refresh()}>Refresh</button>
        <span className="muted tasks-folder">Task folders: {folder || '…'}</span>
      </div>
      <div role="status" data-testid="tasks-status" className="notice">{message}</div>
      {notes.length ? <details className="notice"><summary>Settings accepted but not acted on ({notes.length})</summary><ul>{notes.map((n, i) => <li key={i}>{n}</li>)}</ul></details> : null}
      <ErrorLine error={error} />
      {creating ? (
        <CreateTaskForm api={api} canPick={props.canPick} onCancel={() => setCreating(false)}
          onCreated={(t, accepted) => {
            setCreating(false);
            setTasks((ts) => [...ts.filter((x) => x.id !== t.id), t]);
            setNotes(accepted);
            setMessage(`Created task ${t.id}${accepted.length ? `; ${accepted.length} setting(s) accepted but not acted on (see below)` : ''}`);
          }} />
      ) : null}
      {tasks.length === 0 && !creating ? <p className="muted">No replication task yet: create one from a DMS task settings file and a table mappings file.</p> : null}
      {tasks.map((t) => <TaskCard key={t.id} api={api} task={t} busy={busy} onAction={(a) => void act(t.id, a)} />)}
    </Dialog>
  );
}

function TaskCard(props: { api: Api; task: ReplicationTaskInfo; busy: string | null; onAction: (a: Action) => void }) {
  const { task: t, api } = props;
  const [log, setLog] = useState<string[] | null>(null);
  const [confirm, setConfirm] = useState(false);
  const logRef = useRef<HTMLPreElement>(null);
  const [validation, setValidation] = useState<{ identical: boolean; lines: string[] } | { error: string } | 'running' | null>(null);
  const validate = async (): Promise<void> => {
    setValidation('running');
    try { setValidation(await api.call('replication.validate', { id: t.id })); } catch (e) { setValidation({ error: errorText(e) }); }
  };
  // The newest lines stay in view as the log grows.
  useEffect(() => { const el = logRef.current; if (el) el.scrollTop = el.scrollHeight; }, [log]);
  const headingId = `task-${t.id}-title`;
  const showLog = useCallback(async (): Promise<void> => {
    try { setLog((await api.call('replication.log', { id: t.id, tail: 200 })).lines); } catch (e) { setLog([`cannot read the log: ${errorText(e)}`]); }
  }, [api, t.id]);
  // While the log is open it follows the task (the statistics event arrives every second).
  useEffect(() => { if (log !== null) void showLog(); }, [t.updatedAt]);
  const disabled = props.busy !== null;
  return (
    <section className="card task" aria-labelledby={headingId} data-testid="task-card" data-task={t.id}>
      <div className="task-head">
        <h3 id={headingId}>{t.id}</h3>
        <span className={`badge task-status ${t.status}`} data-testid="task-status">{t.status}{t.phase ? ` · ${t.phase}` : ''}</span>
        <span className="muted">{t.type}: {t.source} → {t.target}</span>
      </div>
      {t.lastError ? <div className="error" role="alert">Last error: {t.lastError}</div> : null}
      <div className="row" role="group" aria-label={`Actions for task ${t.id}`}>
        <button type="button" disabled={disabled || t.running} onClick={() => props.onAction('start')} title="Load again from the start (forgets the saved position)">Start</button>
        <button type="button" disabled={disabled || t.running || t.status === 'created'} onClick={() => props.onAction('resume')} title="Continue from the position saved on the target">Resume</button>
        <button type="button" disabled={disabled || !t.running} onClick={() => props.onAction('stop')}>Stop</button>
        <button type="button" disabled={disabled} onClick={() => setConfirm(true)}>Delete…</button>
        <button type="button" disabled={disabled || validation === 'running' || t.tables.length === 0} onClick={() => void validate()}
          title="Compare row counts and per-key-range checksums of source and target">Validate</button>
        <button type="button" aria-expanded={log !== null} onClick={() => (log === null ? void showLog() : setLog(null))}>{log === null ? 'Show log' : 'Hide log'}</button>
      </div>
      {confirm ? (
        <div className="notice" role="alertdialog" aria-label={`Delete task ${t.id}`}>
          Delete task {t.id}? A running task is stopped and its saved position on the target is forgotten; the target tables stay.{' '}
          <button type="button" onClick={() => { setConfirm(false); props.onAction('delete'); }}>Delete task</button>{' '}
          <button type="button" autoFocus onClick={() => setConfirm(false)}>Keep</button>
        </div>
      ) : null}
      {t.notes.length ? <details><summary>Notes ({t.notes.length})</summary><ul>{t.notes.map((n, i) => <li key={i}>{n}</li>)}</ul></details> : null}
      <StatsTable task={t} />
      {validation === 'running' ? <div className="notice" role="status">Validating: comparing source and target…</div> : null}
      {validation && validation !== 'running' && 'error' in validation ? <div className="error" role="alert">Validation failed: {validation.error}</div> : null}
      {validation && validation !== 'running' && 'lines' in validation ? (
        <div role="status" data-testid="task-validation" className={validation.identical ? 'success' : 'error'}>
          {validation.identical ? 'Validation: source and target are identical' : 'Validation: differences found'}
          <pre className="task-log">{validation.lines.join('\n')}</pre>
        </div>
      ) : null}
      {log !== null ? <pre ref={logRef} className="task-log" role="log" aria-label={`Log of task ${t.id}`} tabIndex={0} data-testid="task-log">{log.join('\n') || '(empty)'}</pre> : null}
    </section>
  );
}

const num = (n: number): string => n.toLocaleString('en-US');

function StatsTable({ task: t }: { task: ReplicationTaskInfo }) {
  if (t.tables.length === 0) return <p className="muted">No table statistics yet.</p>;
  return (
    <div className="task-stats-wrap">
      <table className="task-stats" data-testid="task-stats">
        <caption className="sr-only">Table statistics of task {t.id}</caption>
        <thead>
          <tr>
            <th scope="col">Table</th><th scope="col">Target</th><th scope="col">State</th><th scope="col">Full-load rows</th>
            <th scope="col">Inserts</th><th scope="col">Updates</th><th scope="col">Deletes</th><th scope="col">DDLs</th>
            <th scope="col">Lag (ms)</th><th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {t.tables.map((s) => (
            <tr key={s.table} data-table={s.table}>
              <th scope="row">{s.table}</th><td>{s.target}</td><td>{s.state}</td>
              <td className="n" data-stat="fullLoadRows">{num(s.fullLoadRows)}</td>
              <td className="n" data-stat="inserts">{num(s.inserts)}</td>
              <td className="n" data-stat="updates">{num(s.updates)}</td>
              <td className="n" data-stat="deletes">{num(s.deletes)}</td>
              <td className="n" data-stat="ddls">{num(s.ddls)}</td>
              <td className="n" data-stat="lag">{s.lagMs === undefined ? '–' : s.lagMs === 0 && s.state === 'cdc' ? 'idle' : num(s.lagMs)}</td>
              <td>{s.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

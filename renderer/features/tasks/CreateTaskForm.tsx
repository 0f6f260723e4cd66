// A new replication task: name, migration type, both endpoints (passwords stay in the back end's
// memory), and the AWS DMS task settings / table mappings files. Problems come back per key path.
import { useState } from 'react';
import type { ReplicationTaskInfo, TaskFileProblem } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { ErrorLine, Field } from '../../components/Dialog.js';

type MigrationType = 'full-load' | 'cdc' | 'full-load-and-cdc';

export function CreateTaskForm(props: { api: Api; canPick: boolean; onCreated: (t: ReplicationTaskInfo, notes: string[]) => void; onCancel: () => void }) {
  const { api } = props;
  const [id, setId] = useState('');
  const [type, setType] = useState<MigrationType>('full-load-and-cdc');
  const [sourceUrl, setSourceUrl] = useState('');
  const [sourcePassword, setSourcePassword] = useState('');
  const [targetUrl, setTargetUrl] = useState('');
  const [targetPassword, setTargetPassword] = useState('');
  const [settingsPath, setSettingsPath] = useState('');
  const [mappingsPath, setMappingsPath] = useState('');
  const [problems, setProblems] = useState<TaskFileProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (title: string, set: (p: string) => void): Promise<void> => {
    const r = await api.call('host.pickPath', { kind: 'file', title });
    if (r.path) set(r.path);
  };
  const create = async (): Promise<void> => {
    setError(null);
    setProblems([]);
    setBusy(true);
    try {
      const r = await api.call('replication.create', {
        id: id.trim(), type, sourceUrl: sourceUrl.trim(), targetUrl: targetUrl.trim(),
        ...(sourcePassword ? { sourcePassword } : {}), ...(targetPassword ? { targetPassword } : {}),
        ...(settingsPath.trim() ? { settingsPath: settingsPath.trim() } : {}), ...(mappingsPath.trim() ? { mappingsPath: mappingsPath.trim() } : {}),
      });
      if (r.task) props.onCreated(r.task, r.notes); else setProblems(r.problems);
    } catch (e) { setError(errorText(e)); } finally { setBusy(false); }
  };
  const fileField = (label: string, value: string, set: (v: string) => void, hint: string) => (
    <div className="row">
      <Field label={label} hint={hint}>{(fid) => <input id={fid} value={value} onChange={(e) => set(e.target.value)} placeholder="/path/to/file.json" />}</Field>
      {props.canPick ? <button type="button" onClick={() => void pick(label, set)} aria-label={`Browse for the ${label.toLowerCase()}`}>Browse…</button> : null}
    </div>
  );
  return (
    <form className="card task-create" aria-label="New replication task" onSubmit={(e) => { e.preventDefault(); void create(); }}>
      <h3>New task</h3>
      <div className="grid2">
        <Field label="Task name" hint="letters, digits and hyphens (as DMS requires)">{(fid) => <input id={fid} value={id} onChange={(e) => setId(e.target.value)} required />}</Field>
        <Field label="Migration type">{(fid) => (
          <select id={fid} value={type} onChange={(e) => setType(e.target.value as MigrationType)}>
            <option value="full-load-and-cdc">Full load and ongoing changes (full-load-and-cdc)</option>
            <option value="full-load">Full load only (full-load)</option>
            <option value="cdc">Ongoing changes only (cdc)</option>
          </select>
        )}</Field>
        <Field label="Source URL" hint="mysql://user@host:3306/db (no password here)">{(fid) => <input id={fid} value={sourceUrl} onChange={(e) => setSourceUrl(e.target.value)} required />}</Field>
        <Field label="Source password">{(fid) => <input id={fid} type="password" value={sourcePassword} onChange={(e) => setSourcePassword(e.target.value)} autoComplete="off" />}</Field>
        <Field label="Target URL" hint="postgres://user@host:5432/db (no password here)">{(fid) => <input id={fid} value={targetUrl} onChange={(e) => setTargetUrl(e.target.value)} required />}</Field>
        <Field label="Target password">{(fid) => <input id={fid} type="password" value={targetPassword} onChange={(e) => setTargetPassword(e.target.value)} autoComplete="off" />}</Field>
      </div>
      {fileField('Task settings file', settingsPath, setSettingsPath, 'AWS DMS task settings JSON; empty = defaults')}
      {fileField('Table mappings file', mappingsPath, setMappingsPath, 'AWS DMS table mappings JSON; empty = every table')}
      {problems.length ? (
        <div role="alert" className="error" data-testid="task-problems">
          The task was not created:
          <ul>{problems.map((p, i) => <li key={i}><code>{p.file}</code> › <code>{p.path}</code>: {p.message}</li>)}</ul>
        </div>
      ) : null}
      <ErrorLine error={error} />
      <div className="buttons">
        <button type="button" onClick={props.onCancel}>Cancel</button>
        <button type="submit" className="primary" disabled={busy}>Create task</button>
      </div>
    </form>
  );
}

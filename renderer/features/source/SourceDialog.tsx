// Load the source: a scripts folder (offline) or a live database (pick its schemas).
import { useState } from 'react';
import type { ConnectionSpec, ProjectInfo } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { isCancelled, TaskProgress, useTask } from '../../components/TaskProgress.js';
import { Dialog, ErrorLine, Field } from '../../components/Dialog.js';
import { ConnectionDialog, type ConnectionChoice } from '../connections/ConnectionDialog.js';
import { describeConnection } from '../workbench/target-state.js';

export function SourceDialog(props: { api: Api; project: ProjectInfo; canPick: boolean; onClose: () => void; onLoaded: (p: ProjectInfo, summary: string) => void }) {
  const { api, project } = props;
  const [mode, setMode] = useState<'scripts' | 'live'>(project.sourceKind === 'live' ? 'live' : 'scripts');
  const [path, setPath] = useState('');
  const [conn, setConn] = useState<ConnectionChoice | null>(project.connections.source ? { connection: project.connections.source } : null);
  const [editing, setEditing] = useState(false);
  const [schemas, setSchemas] = useState<string[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const job = useTask(api);
  const failed = (e: unknown): void => { if (isCancelled(e)) setNote(`Cancelled: ${errorText(e)}`); else setError(errorText(e)); };
  const engines: ConnectionSpec['engine'][] = [project.source];

  const loadScripts = async (): Promise<void> => {
    setBusy('Reading and parsing the scripts…');
    setError(null);
    setNote(null);
    try {
      const r = await job.run('load', (taskId) => api.call('source.loadScripts', { paths: [path.trim()], taskId }));
      props.onLoaded(r.project, `${r.objects} objects from ${r.files} file(s), ${r.findings} parse finding(s)`);
    } catch (e) { failed(e); } finally { setBusy(null); }
  };
  const listSchemas = async (c: ConnectionChoice): Promise<void> => {
    setConn(c);
    setEditing(false);
    setError(null);
    try {
      const r = await api.call('connection.listSchemas', { ...c, role: 'source' });
      setSchemas(r.schemas);
      setPicked(r.schemas.length === 1 ? r.schemas : []);
    } catch (e) { setError(errorText(e)); }
  };
  const loadLive = async (): Promise<void> => {
    if (!conn) return;
    setBusy('Reading the catalog…');
    setError(null);
    setNote(null);
    try {
      const r = await job.run('extract', (taskId) => api.call('source.loadLive', { ...conn, schemas: picked, taskId }));
      props.onLoaded(r.project, `${r.objects} objects read from the database`);
    } catch (e) { failed(e); } finally { setBusy(null); }
  };
  const browse = async (): Promise<void> => {
    const r = await api.call('host.pickPath', { kind: 'folder', title: 'Folder with the source scripts' });
    if (r.path) setPath(r.path);
  };

  return (
    <Dialog title="Load source" onClose={props.onClose} testId="source-dialog">
      <div role="radiogroup" aria-label="Kind of source" className="row">
        <label className="choice"><input type="radio" name="srcmode" checked={mode === 'scripts'} onChange={() => setMode('scripts')} />Scripts folder</label>
        <label className="choice"><input type="radio" name="srcmode" checked={mode === 'live'} onChange={() => setMode('live')} />Live database</label>
      </div>
      {mode === 'scripts' ? (
        <form onSubmit={(e) => { e.preventDefault(); void loadScripts(); }}>
          <Field label="Scripts folder or file" hint="every .sql file below it is read, in name order; a copy goes into the project">
            {(id) => <input id={id} value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/scripts" />}
          </Field>
          {props.canPick ? <button type="button" onClick={() => void browse()}>Browse…</button> : null}
          <div className="buttons"><button type="submit" className="primary" disabled={!path.trim() || !!busy}>Load scripts</button></div>
        </form>
      ) : (
        <div>
          <p>{conn ? `Source: ${describeConnection(conn.connection)}` : 'No source connection yet.'}</p>
          <div className="buttons">
            <button type="button" onClick={() => setEditing(true)}>{conn ? 'Change connection…' : 'Connect…'}</button>
            {conn && !schemas ? <button type="button" onClick={() => void listSchemas(conn)}>List schemas</button> : null}
          </div>
          {schemas ? (
            <fieldset>
              <legend>Schemas to convert</legend>
              {schemas.map((s) => (
                <label key={s} className="choice">
                  <input type="checkbox" checked={picked.includes(s)} onChange={(e) => setPicked(e.target.checked ? [...picked, s] : picked.filter((x) => x !== s))} />{s}
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className="buttons"><button type="button" className="primary" disabled={!conn || picked.length === 0 || !!busy} onClick={() => void loadLive()}>Read schemas</button></div>
        </div>
      )}
      {busy ? <div role="status" className="busy">{busy}</div> : null}
      <TaskProgress handle={job} label="Loading the source" />
      {note ? <div role="status" className="muted" data-testid="source-note">{note}</div> : null}
      <ErrorLine error={error} />
      {editing ? (
        <ConnectionDialog api={api} role="source" title="Source connection" engines={engines} {...(conn ? { initial: conn.connection } : {})}
          onClose={() => setEditing(false)} doneLabel="Use this connection" onDone={(c) => void listSchemas(c)} />
      ) : null}
    </Dialog>
  );
}

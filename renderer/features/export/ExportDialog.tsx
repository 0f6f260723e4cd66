// Save as SQL: one apply script, or one file per object; the user's edits included.
import { useState } from 'react';
import { errorText, type Api } from '../../api/client.js';
import { isCancelled, TaskProgress, useTask } from '../../components/TaskProgress.js';
import { Dialog, ErrorLine, Field } from '../../components/Dialog.js';

export function ExportDialog(props: { api: Api; target: 'postgres' | 'mysql'; onClose: () => void }) {
  const [layout, setLayout] = useState<'single' | 'per-object'>('single');
  const [path, setPath] = useState('');
  const [done, setDone] = useState<{ files: string[]; folder: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const job = useTask(props.api);
  const save = async (): Promise<void> => {
    setError(null);
    setNote(null);
    setDone(null);
    try {
      setDone(await job.run('export', (taskId) => props.api.call('export.sql', { target: props.target, layout, ...(path.trim() ? { path: path.trim() } : {}), taskId })));
    } catch (e) { if (isCancelled(e)) setNote(`Cancelled: ${errorText(e)}`); else setError(errorText(e)); }
  };
  return (
    <Dialog title="Save as SQL" onClose={props.onClose} testId="export-dialog">
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <fieldset>
          <legend>Layout</legend>
          <label className="choice"><input type="radio" name="layout" checked={layout === 'single'} onChange={() => setLayout('single')} />One file (apply.sql)</label>
          <label className="choice"><input type="radio" name="layout" checked={layout === 'per-object'} onChange={() => setLayout('per-object')} />One file per object</label>
        </fieldset>
        <Field label="Folder or .sql file" hint={`default: export/${props.target} inside the project`}>{(id) => <input id={id} value={path} onChange={(e) => setPath(e.target.value)} />}</Field>
        {done ? <div className="success" role="status" data-testid="export-result">Wrote {done.files.length} file(s) to {done.folder}{done.files.length === 1 ? `: ${done.files[0]}` : ''}</div> : null}
        <TaskProgress handle={job} label="Saving" />
        {note ? <div className="muted" role="status">{note}</div> : null}
        <ErrorLine error={error} />
        <div className="buttons">
          <button type="button" onClick={props.onClose} disabled={!!job.task}>Close</button>
          <button type="submit" className="primary" disabled={!!job.task}>Save</button>
        </div>
      </form>
    </Dialog>
  );
}

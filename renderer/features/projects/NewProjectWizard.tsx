// New Project: name and folder, then source and target engines.
import { useState } from 'react';
import type { ProjectInfo, Result } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { Dialog, ErrorLine, Field } from '../../components/Dialog.js';

type Source = 'mysql' | 'postgres';
type Target = 'postgres' | 'mysql';
const SOURCES: { id: Source; label: string }[] = [{ id: 'mysql', label: 'MySQL / MariaDB' }, { id: 'postgres', label: 'PostgreSQL' }];
const TARGETS: { id: Target; label: string }[] = [{ id: 'postgres', label: 'PostgreSQL' }, { id: 'mysql', label: 'MySQL / MariaDB' }];

export function NewProjectWizard(props: { api: Api; info: Result<'app.info'> | null; onClose: () => void; onCreated: (p: ProjectInfo) => void }) {
  const [step, setStep] = useState(1);
  const [name, setName] = useState('');
  const [folder, setFolder] = useState('');
  const [source, setSource] = useState<Source>('mysql');
  const [targets, setTargets] = useState<Target[]>(['postgres']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const suggested = props.info && name.trim() ? `${props.info.defaultFolder}/${name.trim().replace(/[^A-Za-z0-9_-]+/g, '-')}` : '';

  const create = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      props.onCreated(await props.api.call('project.create', { name: name.trim(), folder: folder.trim() || suggested, source, targets }));
    } catch (e) { setError(errorText(e)); } finally { setBusy(false); }
  };
  const pick = async (): Promise<void> => {
    const r = await props.api.call('host.pickPath', { kind: 'folder', title: 'Folder for the new project' });
    if (r.path) setFolder(r.path);
  };
  const validTargets = targets.filter((t) => t !== source);

  return (
    <Dialog title={`New project — step ${step} of 2`} onClose={props.onClose} testId="new-project">
      {step === 1 ? (
        <form onSubmit={(e) => { e.preventDefault(); if (name.trim()) setStep(2); }}>
          <Field label="Project name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} required />}</Field>
          <Field label="Project folder" hint={suggested && !folder ? `default: ${suggested}` : 'a new or empty folder; the project is plain text files, ready for git'}>
            {(id) => <input id={id} value={folder} onChange={(e) => setFolder(e.target.value)} placeholder={suggested || '/path/to/folder'} />}
          </Field>
          {props.info?.canPickPaths ? <button type="button" onClick={() => void pick()}>Browse…</button> : null}
          <div className="buttons">
            <button type="button" onClick={props.onClose}>Cancel</button>
            <button type="submit" className="primary" disabled={!name.trim()}>Next</button>
          </div>
        </form>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); void create(); }}>
          <fieldset>
            <legend>Source engine</legend>
            {SOURCES.map((s) => (
              <label key={s.id} className="choice">
                <input type="radio" name="source" value={s.id} checked={source === s.id} onChange={() => { setSource(s.id); setTargets(s.id === 'mysql' ? ['postgres'] : ['mysql']); }} />
                {s.label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Target engines</legend>
            {TARGETS.map((t) => (
              <label key={t.id} className="choice">
                <input type="checkbox" checked={targets.includes(t.id)} disabled={t.id === source}
                  onChange={(e) => setTargets(e.target.checked ? [...targets, t.id] : targets.filter((x) => x !== t.id))} />
                {t.label}{t.id === source ? ' (same as source)' : ''}
              </label>
            ))}
          </fieldset>
          <ErrorLine error={error} />
          <div className="buttons">
            <button type="button" onClick={() => setStep(1)}>Back</button>
            <button type="submit" className="primary" disabled={busy || validTargets.length === 0}>Create project</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

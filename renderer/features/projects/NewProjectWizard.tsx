// New Project: name and folder, then source and target engines.
import { useState } from 'react';
import type { ProjectInfo, Result } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { Dialog, ErrorLine, Field } from '../../components/Dialog.js';

type Source = ProjectInfo['source'];
type Target = ProjectInfo['targets'][number];
const SOURCE_LABEL: Record<Source, string> = { mysql: 'MySQL / MariaDB', postgres: 'PostgreSQL', oracle: 'Oracle', sqlserver: 'SQL Server' };
const TARGET_LABEL: Record<Target, string> = { postgres: 'PostgreSQL', mysql: 'MySQL / MariaDB' };
/** Until app.info answers (or from an older back end): the pairs the first release had. */
const FALLBACK_PAIRS: { source: Source; target: Target }[] = [{ source: 'mysql', target: 'postgres' }, { source: 'postgres', target: 'mysql' }];

/** Source engines in the converters' registry order, each with the targets it converts to. */
export function enginesFrom(pairs: { source: Source; target: Target }[]): { id: Source; label: string; targets: Target[] }[] {
  const out = new Map<Source, Target[]>();
  for (const p of pairs) out.set(p.source, [...(out.get(p.source) ?? []), p.target]);
  return [...out].map(([id, targets]) => ({ id, label: SOURCE_LABEL[id], targets }));
}

export function NewProjectWizard(props: { api: Api; info: Result<'app.info'> | null; onClose: () => void; onCreated: (p: ProjectInfo) => void }) {
  const [step, setStep] = useState(1);
  const [name, setName] = useState('');
  const [folder, setFolder] = useState('');
  const sources = enginesFrom(props.info?.pairs ?? FALLBACK_PAIRS);
  const [source, setSource] = useState<Source>('mysql');
  const [targets, setTargets] = useState<Target[]>(['postgres']);
  const possible = sources.find((s) => s.id === source)?.targets ?? [];
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const suggested = props.info && name.trim() ? `${props.info.defaultFolder}/${name.trim().replace(/[^A-Za-z0-9_-]+/g, '-')}` : '';

  const create = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      props.onCreated(await props.api.call('project.create', { name: name.trim(), folder: folder.trim() || suggested, source, targets: validTargets }));
    } catch (e) { setError(errorText(e)); } finally { setBusy(false); }
  };
  const pick = async (): Promise<void> => {
    const r = await props.api.call('host.pickPath', { kind: 'folder', title: 'Folder for the new project' });
    if (r.path) setFolder(r.path);
  };
  const validTargets = targets.filter((t) => possible.includes(t));

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
            {sources.map((s) => (
              <label key={s.id} className="choice">
                <input type="radio" name="source" value={s.id} checked={source === s.id} onChange={() => { setSource(s.id); setTargets(s.targets.slice(0, 1)); }} />
                {s.label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Target engines</legend>
            {(Object.keys(TARGET_LABEL) as Target[]).map((t) => (
              <label key={t} className="choice">
                <input type="checkbox" checked={targets.includes(t) && possible.includes(t)} disabled={!possible.includes(t)}
                  onChange={(e) => setTargets(e.target.checked ? [...targets, t] : targets.filter((x) => x !== t))} />
                {TARGET_LABEL[t]}{t === source ? ' (same as source)' : possible.includes(t) ? '' : ' (not supported from this source yet)'}
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

// No project open: new project wizard, open a folder, recent projects.
import { useEffect, useState } from 'react';
import type { ProjectInfo, Result } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { ErrorLine, Field } from '../../components/Dialog.js';
import { NewProjectWizard } from './NewProjectWizard.js';
import type { Theme } from '../../App.js';

export function StartScreen(props: {
  api: Api; info: Result<'app.info'> | null; onOpen: (p: ProjectInfo) => void;
  theme: Theme; onToggleTheme: () => void; backend: string;
}) {
  const { api } = props;
  const [recent, setRecent] = useState<Result<'project.recent'>['projects']>([]);
  const [folder, setFolder] = useState('');
  const [wizard, setWizard] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { api.call('project.recent', {}).then((r) => setRecent(r.projects), () => undefined); }, [api]);

  const open = async (f: string): Promise<void> => {
    setError(null);
    try { props.onOpen(await api.call('project.open', { folder: f })); } catch (e) { setError(errorText(e)); }
  };
  const browse = async (): Promise<void> => {
    const r = await api.call('host.pickPath', { kind: 'folder', title: 'Open a dbshift project folder' });
    if (r.path) await open(r.path);
  };

  return (
    <main className="start" aria-labelledby="start-title">
      <header className="start-head">
        <h1 id="start-title">dbshift workbench</h1>
        <button type="button" onClick={props.onToggleTheme} aria-label={`Switch to ${props.theme === 'dark' ? 'light' : 'dark'} theme`}>
          {props.theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </header>
      <section className="card" aria-labelledby="new-title">
        <h2 id="new-title">New project</h2>
        <p>Convert a MySQL/MariaDB or PostgreSQL schema: from script files or a live database.</p>
        <button type="button" className="primary" onClick={() => setWizard(true)}>New Project…</button>
      </section>
      <section className="card" aria-labelledby="open-title">
        <h2 id="open-title">Open project</h2>
        <form onSubmit={(e) => { e.preventDefault(); if (folder.trim()) void open(folder.trim()); }} className="row">
          <Field label="Project folder">{(id) => <input id={id} value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/path/to/project" />}</Field>
          <button type="submit" disabled={!folder.trim()}>Open</button>
          {props.info?.canPickPaths ? <button type="button" onClick={() => void browse()}>Browse…</button> : null}
        </form>
        <ErrorLine error={error} />
      </section>
      <section className="card" aria-labelledby="recent-title">
        <h2 id="recent-title">Recent projects</h2>
        {recent.length === 0 ? <p>None yet.</p> : (
          <ul className="recent">
            {recent.map((r) => (
              <li key={r.folder}>
                <button type="button" className="link" onClick={() => void open(r.folder)} aria-label={`Open recent project ${r.name} in ${r.folder}`}>
                  <strong>{r.name}</strong> <span className="muted">{r.folder}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <footer className="statusbar" role="status">Back end: {props.backend}{props.info ? ` · ${props.info.mode} mode · v${props.info.version}` : ''}</footer>
      {wizard ? <NewProjectWizard api={api} info={props.info} onClose={() => setWizard(false)} onCreated={(p) => { setWizard(false); props.onOpen(p); }} /> : null}
    </main>
  );
}

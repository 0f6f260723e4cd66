// Top level: start screen (no project) or the workbench; theme.
import { useEffect, useState } from 'react';
import type { ProjectInfo, Result } from '../converters/contract/index.js';
import type { Api } from './api/client.js';
import { StartScreen } from './features/projects/StartScreen.js';
import { Workbench } from './features/workbench/Workbench.js';

export type Theme = 'light' | 'dark';

export function App({ api }: { api: Api }) {
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [info, setInfo] = useState<Result<'app.info'> | null>(null);
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem('dbshift.theme') === 'dark' ? 'dark' : 'light'));
  const [backend, setBackend] = useState<'connecting' | 'open' | 'closed'>('connecting');

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('dbshift.theme', theme);
  }, [theme]);
  useEffect(() => {
    const offState = api.transport.onState?.(setBackend);
    if (!api.transport.onState) setBackend('open');
    api.call('app.info', {}).then(setInfo, () => undefined);
    // A reload (or a second window) picks up the project the back end has open.
    // main.tsx sent project.current and the tree's first level already; without a project the latter is dropped.
    api.call('project.current', {}).then((r) => { if (!r.project) api.dropPrefetched(); setProject(r.project); }, () => api.dropPrefetched());
    const off = api.on('project.changed', (p) => setProject(p.project));
    return () => { off(); offState?.(); };
  }, [api]);

  const toggleTheme = (): void => setTheme((t) => (t === 'dark' ? 'light' : 'dark'));
  if (!project) return <StartScreen api={api} info={info} onOpen={setProject} theme={theme} onToggleTheme={toggleTheme} backend={backend} />;
  return <Workbench api={api} project={project} onProject={setProject} theme={theme} onToggleTheme={toggleTheme} backend={backend} info={info} />;
}

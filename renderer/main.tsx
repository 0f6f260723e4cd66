// Entry point: picks the transport (Electron IPC when the preload is there, else WebSocket) and
// renders the workbench.
import { createRoot } from 'react-dom/client';
import './styles.css';
import { Api } from './api/client.js';
import { webSocketTransport } from './api/ws.js';
import { ipcTransport } from './api/ipc.js';
import { App } from './App.js';
import { treeRequest } from './features/tree/ObjectTree.js';

const params = new URLSearchParams(location.search);
const transport = window.dbshift ? ipcTransport(window.dbshift) : webSocketTransport(params.get('token'));
// The server also set the token as an HttpOnly cookie: keep it out of the address bar and history.
if (params.has('token')) history.replaceState(null, '', location.pathname);

const api = new Api(transport);
// Talk to the back end before React's first render: the open project and (if there is one) the
// tree's first level are on their way while the page renders — the tree's first paint waits for them.
api.prefetch('project.current', {});
api.prefetch('tree.children', treeRequest('source', undefined, null, {}, 0));

createRoot(document.getElementById('root')!).render(<App api={api} />);

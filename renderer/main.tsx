// Entry point: picks the transport (Electron IPC when the preload is there, else WebSocket) and
// renders the workbench.
import { createRoot } from 'react-dom/client';
import './styles.css';
import { Api } from './api/client.js';
import { webSocketTransport } from './api/ws.js';
import { ipcTransport } from './api/ipc.js';
import { App } from './App.js';

const params = new URLSearchParams(location.search);
const transport = window.dbshift ? ipcTransport(window.dbshift) : webSocketTransport(params.get('token'));
// The server also set the token as an HttpOnly cookie: keep it out of the address bar and history.
if (params.has('token')) history.replaceState(null, '', location.pathname);

createRoot(document.getElementById('root')!).render(<App api={new Api(transport)} />);

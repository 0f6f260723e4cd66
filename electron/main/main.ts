// Electron main process: one sandboxed window on the built renderer (custom app:// scheme with a
// strict CSP), navigation and new windows blocked, every permission denied. The contract's
// handlers run in a utility process (backend.ts); main relays requests from ipcMain (contract
// names only, from our own page) and answers what only it can do: native dialogs, the keychain.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { extname, join, normalize, relative, isAbsolute } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { REQUEST_NAMES, ipcEventChannel, ipcRequestChannel } from '../../converters/contract/index.js';
import { connectBackend, type BackendConnection, type BackendInit, type HostServices } from '../node/handlers/relay.js';
import { keychainSecrets } from './secrets.js';
import { printHtmlToPdf } from './print-pdf.js';
import { installMenu } from './menu.js';
import { loadWindowState, trackWindowState } from './window-state.js';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://dbshift`;
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.json': 'application/json' };

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let win: BrowserWindow | null = null;

function rendererDir(): string { return join(app.getAppPath(), 'dist/renderer'); }

async function serveRenderer(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (url.host !== 'dbshift') return new Response('not found', { status: 404 });
  const root = rendererDir();
  const file = normalize(join(root, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
  const rel = relative(root, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return new Response('not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, { headers: { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' } });
  } catch { return new Response('not found', { status: 404 }); }
}

function fromOurPage(sender: WebContents, frameUrl: string | undefined): boolean {
  return !!win && sender === win.webContents && !!frameUrl && frameUrl.startsWith(`${ORIGIN}/`);
}

function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile);
  const w = new BrowserWindow({
    ...state.bounds, minWidth: 900, minHeight: 600, show: false, title: 'dbshift',
    webPreferences: {
      preload: join(app.getAppPath(), 'out/electron/preload.cjs'),
      sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, spellcheck: false,
    },
  });
  if (state.maximized) w.maximize();
  trackWindowState(w, stateFile);
  w.once('ready-to-show', () => w.show());
  w.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  w.webContents.on('will-navigate', (e, url) => { if (!url.startsWith(`${ORIGIN}/`)) e.preventDefault(); });
  w.webContents.on('will-redirect', (e, url) => { if (!url.startsWith(`${ORIGIN}/`)) e.preventDefault(); });
  w.webContents.on('will-attach-webview', (e) => e.preventDefault());
  void w.loadURL(`${ORIGIN}/index.html`);
  return w;
}

async function main(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, done) => done(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(SCHEME, serveRenderer);
  installMenu(process.platform === 'darwin');

  const services: HostServices = {
    secrets: keychainSecrets(join(app.getPath('userData'), 'secrets.json')),
    printPdf: printHtmlToPdf,
    async pickPath(kind, title) {
      if (!win) return null;
      if (kind === 'save') {
        const r = await dialog.showSaveDialog(win, { title, filters: [{ name: 'SQL', extensions: ['sql'] }] });
        return r.canceled || !r.filePath ? null : r.filePath;
      }
      const r = await dialog.showOpenDialog(win, { title, properties: kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile'] });
      return r.canceled ? null : r.filePaths[0] ?? null;
    },
  };
  const init: BackendInit = {
    mode: 'desktop', version: app.getVersion(), configDir: app.getPath('userData'), canPickPaths: true,
    defaultFolder: join(app.getPath('documents') || homedir(), 'dbshift-projects'),
  };
  let backend: BackendConnection;
  let child: UtilityProcess | undefined;
  let quitting = false;
  const startBackend = (): void => {
    child = utilityProcess.fork(join(app.getAppPath(), 'out/electron/backend.cjs'), [JSON.stringify(init)], { serviceName: 'dbshift back end', stdio: 'inherit' });
    const proc = child;
    const conn = connectBackend({
      post: (m) => proc.postMessage(m),
      onMessage: (listener) => { proc.on('message', listener); return () => { proc.off('message', listener); }; },
    }, services, (name, payload) => win?.webContents.send(ipcEventChannel(name), payload));
    backend = conn;
    proc.once('exit', (code) => {
      conn.fail(`the back end process stopped (exit code ${code}); it was restarted, open the project again`);
      if (quitting) return;
      startBackend();
      win?.webContents.send(ipcEventChannel('project.changed'), { project: null });
    });
  };
  startBackend();
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(ipcRequestChannel(name), async (event, params: unknown) => {
      if (!fromOurPage(event.sender, event.senderFrame?.url)) return { ok: false, error: { code: 'BAD_MESSAGE', message: 'request from an unknown page' } };
      return backend.invoke(name, params);
    });
  }
  win = createWindow();
  win.on('closed', () => { win = null; });
  // The back end saves the project on close; a back end that does not answer within 5 s is ended.
  app.on('window-all-closed', () => {
    quitting = true;
    void Promise.race([backend.close(), new Promise((r) => setTimeout(r, 5000))]).finally(() => { child?.kill(); app.quit(); });
  });
  app.on('web-contents-created', (_e, wc) => wc.setWindowOpenHandler(() => ({ action: 'deny' })));
}

void main();

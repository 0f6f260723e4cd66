// Web mode: the workbench back end on 127.0.0.1 over HTTP (the built renderer) and a WebSocket
// (the contract). A random token per launch guards everything; the Origin and Host headers must
// be this server's own, so other web pages and DNS rebinding cannot reach it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { requestMessage, describeIssues, type ServerMessage, type EventName, type EventPayload } from '../../converters/contract/index.js';
import { createHandlers, dispatch, memorySecrets, type Host } from '../node/handlers/index.js';
import { securityHeaders, serveStatic } from './static.js';

export interface WebServerOptions {
  /** Folder of the built renderer (index.html). */
  staticDir: string;
  port?: number;
  configDir: string;
  defaultFolder: string;
  version?: string;
  now?: () => string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'dbshift_token';
const MAX_MESSAGE = 16 * 1024 * 1024;

function same(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE) return v;
  }
  return undefined;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let port = 0;
  const host: Host = {
    mode: 'web', version: opts.version ?? '0.1.0', configDir: opts.configDir, defaultFolder: opts.defaultFolder,
    secrets: memorySecrets(), now: opts.now ?? (() => new Date().toISOString()),
    emit<E extends EventName>(name: E, payload: EventPayload<E>) {
      const text = JSON.stringify({ type: 'event', name, payload } satisfies ServerMessage);
      for (const s of sockets) if (s.readyState === s.OPEN) s.send(text);
    },
  };
  const handlers = createHandlers(host);
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);

  const refuse = (res: import('node:http').ServerResponse, status: number, message: string): void => {
    res.writeHead(status, { ...securityHeaders(port), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`${message}\n`);
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!allowedHosts().includes(req.headers.host ?? '')) return refuse(res, 421, 'dbshift: wrong Host header');
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'dbshift: method not allowed');
      const given = url.searchParams.get('token') ?? undefined;
      const authed = same(given, token) || same(cookieToken(req), token);
      if (!authed) return refuse(res, 401, 'dbshift: missing or wrong token — open the exact URL that `npm run web` printed');
      const headers: Record<string, string> = { ...securityHeaders(port) };
      if (given) headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      if (!(await serveStatic(opts.staticDir, url.pathname, res, headers))) refuse(res, 404, 'dbshift: not found');
    })().catch(() => { if (!res.headersSent) refuse(res, 500, 'dbshift: internal error'); else res.end(); });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const deny = (status: number, why: string): void => {
      socket.end(`HTTP/1.1 ${status} ${why}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\ndbshift: ${why}\n`);
    };
    if (url.pathname !== '/ws') return deny(404, 'Not Found');
    if (!allowedHosts().includes(req.headers.host ?? '')) return deny(421, 'wrong Host header');
    if (!allowedOrigins().includes(req.headers.origin ?? '')) return deny(403, 'Origin not allowed');
    if (!same(url.searchParams.get('token') ?? undefined, token) && !same(cookieToken(req), token)) return deny(401, 'missing or wrong token');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      void (async () => {
        let msg;
        try {
          const parsed = requestMessage.safeParse(JSON.parse(data.toString()));
          if (!parsed.success) {
            ws.send(JSON.stringify({ type: 'response', id: -1, ok: false, error: { code: 'BAD_MESSAGE', message: `malformed message: ${describeIssues(parsed.error)}` } }));
            return;
          }
          msg = parsed.data;
        } catch {
          ws.send(JSON.stringify({ type: 'response', id: -1, ok: false, error: { code: 'BAD_MESSAGE', message: 'message is not JSON' } }));
          return;
        }
        const r = await dispatch(handlers, msg.name, msg.params);
        const reply: ServerMessage = r.ok ? { type: 'response', id: msg.id, ok: true, result: r.result } : { type: 'response', id: msg.id, ok: false, error: r.error };
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const s of sockets) s.terminate();
      wss.close();
      await handlers.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

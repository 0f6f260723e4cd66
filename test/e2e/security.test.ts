// The web server's guards: token, Host and Origin checks, params validation with clear errors and
// no stack traces; and a project folder written through the contract never holds a password.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ensureRendererBuilt } from '../../electron/server/renderer-build.js';
import { startWebServer, type WebServer } from '../../electron/server/server.js';

let server: WebServer;
let tmp: string;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'dbshift-sec-'));
  server = await startWebServer({ staticDir: await ensureRendererBuilt(), configDir: join(tmp, 'config'), defaultFolder: tmp });
});
after(async () => { await server.close(); await rm(tmp, { recursive: true, force: true }); });

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with it, or rejects with the HTTP status the server refused with. */
function connect(query: string, origin: string | undefined): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

let nextId = 1;
function call(ws: WebSocket, name: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMsg = (data: WebSocket.RawData): void => {
      const m = JSON.parse(data.toString()) as { type: string; id: number };
      if (m.type === 'response' && m.id === id) { ws.off('message', onMsg); resolve(m as never); }
    };
    ws.on('message', onMsg);
    ws.send(JSON.stringify({ type: 'request', id, name, params }));
  });
}

const origin = (): string => `http://127.0.0.1:${server.port}`;

test('HTTP: no token or a wrong token is refused; the right one sets an HttpOnly cookie and a strict CSP', async () => {
  const none = await get('/');
  assert.equal(none.status, 401);
  assert.match(none.body, /missing or wrong token/);
  assert.equal((await get('/?token=nope')).status, 401);
  assert.equal((await get(`/assets/x.js`)).status, 401);
  const ok = await get(`/?token=${server.token}`);
  assert.equal(ok.status, 200);
  assert.match(ok.body, /<div id="root">/);
  const csp = String(ok.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(String(ok.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
  const cookie = `dbshift_token=${server.token}`;
  assert.equal((await get('/', { cookie })).status, 200);
  assert.equal((await get('/../../etc/passwd', { cookie })).status, 404);
  assert.equal((await get(`/?token=${server.token}`, { host: 'evil.example:80' })).status, 421, 'DNS rebinding: foreign Host header');
});

test('WebSocket: refused without token, with a wrong token, with a foreign or missing Origin', async () => {
  await assert.rejects(connect('', origin()), /HTTP 401/);
  await assert.rejects(connect('?token=wrong', origin()), /HTTP 401/);
  await assert.rejects(connect(`?token=${server.token}`, 'http://evil.example'), /HTTP 403/);
  await assert.rejects(connect(`?token=${server.token}`, undefined), /HTTP 403/);
  const ws = await connect(`?token=${server.token}`, origin());
  const info = await call(ws, 'app.info', {});
  assert.equal(info.ok, true);
  ws.close();
});

test('WebSocket: invalid params, unknown requests and garbage get clear errors without stack traces', async () => {
  const ws = await connect(`?token=${server.token}`, origin());
  try {
    const bad = await call(ws, 'project.create', { name: 'x', folder: '', source: 'mysql', targets: ['oracle'], extra: 1 });
    assert.equal(bad.ok, false);
    assert.equal(bad.error?.code, 'INVALID_PARAMS');
    assert.match(bad.error!.message, /^invalid parameters for project\.create: /);
    assert.match(bad.error!.message, /targets\.0: /);
    assert.match(bad.error!.message, /Unrecognized key/);
    assert.doesNotMatch(bad.error!.message, /\bat .*\.(ts|js):\d+/);
    const unknown = await call(ws, 'child_process.exec', { cmd: 'id' });
    assert.equal(unknown.error?.code, 'UNKNOWN_REQUEST');
    const garbage = await new Promise<{ error: { code: string } }>((resolve) => {
      ws.once('message', (d) => resolve(JSON.parse(d.toString()) as never));
      ws.send('{not json');
    });
    assert.equal(garbage.error.code, 'BAD_MESSAGE');
    const noProject = await call(ws, 'object.get', { key: 'table:a.b', target: 'postgres' });
    assert.equal(noProject.error?.code, 'NO_PROJECT');
  } finally { ws.close(); }
});

async function allText(dir: string): Promise<string> {
  let out = '';
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out += await readFile(join(e.parentPath, e.name), 'latin1');
  }
  return out;
}

test('a project folder written through the contract contains no password', async () => {
  const ws = await connect(`?token=${server.token}`, origin());
  const folder = join(tmp, 'proj');
  try {
    assert.equal((await call(ws, 'project.create', { name: 'P', folder, source: 'mysql', targets: ['postgres'] })).ok, true);
    const spec = (url: string | undefined, engine: string, fallbackPort: number) => {
      const u = url ? new URL(url) : undefined;
      return { engine, host: u?.hostname ?? '127.0.0.1', port: Number(u?.port || fallbackPort), user: decodeURIComponent(u?.username || 'app'), database: u?.pathname.slice(1) || 'db' };
    };
    // A wrong password: MariaDB refuses it (the harness's PostgreSQL trusts local connections);
    // without servers, nothing listens on port 9 and the attempt still carries the password.
    const mysqlUrl = process.env.DBSHIFT_TEST_MYSQL_URL;
    const wrongAt = mysqlUrl ? spec(mysqlUrl, 'mysql', 3306) : spec(undefined, 'postgres', 9);
    const wrong = 'Wr0ng-Pa55word!';
    const failed = await call(ws, 'connection.test', { connection: wrongAt, password: wrong, role: 'source' });
    assert.equal(failed.ok, false);
    assert.equal(failed.error?.code, 'CONNECT_FAILED');
    if (mysqlUrl) assert.match(failed.error!.message, /Access denied/);
    assert.ok(!failed.error!.message.includes(wrong), 'the error does not echo the password');
    assert.equal((await call(ws, 'connection.save', { role: 'source', connection: wrongAt })).ok, true);
    const secrets = [wrong];
    const pgUrl = process.env.DBSHIFT_TEST_PG_URL;
    const connection = spec(pgUrl, 'postgres', 9);
    const right = pgUrl ? decodeURIComponent(new URL(pgUrl).password) : '';
    if (right) {
      secrets.push(right);
      const ok = await call(ws, 'connection.test', { connection, password: right, role: 'target' });
      assert.equal(ok.ok, true, JSON.stringify(ok.error));
    }
    assert.equal((await call(ws, 'connection.save', { role: 'target', connection })).ok, true);
    assert.equal((await call(ws, 'project.save', {})).ok, true);
    assert.equal((await call(ws, 'project.close', {})).ok, true);
    const text = await allText(folder) + await allText(join(tmp, 'config'));
    assert.match(text, /"engine": "postgres"/, 'the connection itself is saved');
    for (const s of secrets) assert.ok(!text.includes(s), 'no password in the project folder or settings');
  } finally { ws.close(); }
});

// WebSocket transport (web mode): the token comes from the URL the server printed; the server
// also set it as an HttpOnly cookie, so reloading without it in the address bar still works.
import type { EventName, RequestName, ServerMessage, WireError } from '../../converters/contract/index.js';
import type { Transport } from './client.js';

type Reply = { ok: true; result: unknown } | { ok: false; error: WireError };

export function webSocketTransport(token: string | null): Transport {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const stateListeners = new Set<(s: 'connecting' | 'open' | 'closed') => void>();
  const pending = new Map<number, (r: Reply) => void>();
  let nextId = 1;
  let ws: WebSocket | undefined;
  let ready: Promise<WebSocket> | undefined;
  // The socket may open before the UI subscribes (main.tsx sends requests before React renders):
  // a new listener hears the current state at once.
  let state: 'connecting' | 'open' | 'closed' = 'connecting';
  const setState = (s: 'connecting' | 'open' | 'closed'): void => { state = s; for (const l of stateListeners) l(s); };

  const open = (): Promise<WebSocket> => {
    if (ready) return ready;
    setState('connecting');
    ready = new Promise((resolve, reject) => {
      const url = new URL('ws', location.href);
      url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
      url.search = token ? `?token=${encodeURIComponent(token)}` : '';
      const sock = new WebSocket(url);
      sock.onopen = () => { ws = sock; setState('open'); resolve(sock); };
      sock.onerror = () => reject(new Error('cannot reach the dbshift back end (is `npm run web` still running?)'));
      sock.onclose = () => {
        ws = undefined;
        ready = undefined;
        setState('closed');
        for (const [, done] of pending) done({ ok: false, error: { code: 'UNAVAILABLE', message: 'the connection to the back end was lost' } });
        pending.clear();
      };
      sock.onmessage = (ev) => {
        const msg = JSON.parse(String(ev.data)) as ServerMessage;
        if (msg.type === 'event') { for (const l of listeners.get(msg.name) ?? []) l(msg.payload); return; }
        const done = pending.get(msg.id);
        if (!done) return;
        pending.delete(msg.id);
        done(msg.ok ? { ok: true, result: msg.result } : { ok: false, error: msg.error });
      };
    });
    return ready;
  };

  return {
    async invoke(name: RequestName, params: unknown) {
      let sock: WebSocket;
      try { sock = ws ?? await open(); } catch (e) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: e instanceof Error ? e.message : String(e) } };
      }
      const id = nextId++;
      return new Promise<Reply>((resolve) => {
        pending.set(id, resolve);
        sock.send(JSON.stringify({ type: 'request', id, name, params }));
      });
    },
    on(name: EventName, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      void open().catch(() => undefined);
      return () => set.delete(listener);
    },
    onState(listener) { stateListeners.add(listener); listener(state); return () => stateListeners.delete(listener); },
  };
}

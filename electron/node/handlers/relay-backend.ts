// The back-end end of the relay (see relay.ts): runs in the utility process, serves the handlers,
// and asks the main process for what only it can do (file dialogs, the keychain).
import type { EventName, EventPayload } from '../../../converters/contract/index.js';
import { createHandlers, type Handlers } from './index.js';
import { dispatch } from './dispatch.js';
import type { Host, SecretStore } from './host.js';
import { isRelayMessage, type BackendInit, type Channel, type HostOp, type RelayMessage } from './relay.js';

/** Serves the handlers on `channel`; host services it lacks (dialogs, keychain) are asked of the other end. */
export function serveBackend(channel: Channel, init: BackendInit, now: () => string = () => new Date().toISOString()): { host: Host; handlers: Handlers & { close(): Promise<void> } } {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: string | null) => void; reject: (e: Error) => void }>();
  const ask = (op: HostOp, args: string[]): Promise<string | null> => new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    channel.post({ t: 'host', id, op, args } satisfies RelayMessage);
  });
  const secrets: SecretStore = {
    get: async (id) => (await ask('secret.get', [id])) ?? undefined,
    set: async (id, secret) => { await ask('secret.set', [id, secret]); },
  };
  const host: Host = {
    mode: init.mode, version: init.version, configDir: init.configDir, defaultFolder: init.defaultFolder, secrets, now,
    emit<E extends EventName>(name: E, payload: EventPayload<E>) { channel.post({ t: 'evt', name, payload } satisfies RelayMessage); },
    ...(init.mode === 'desktop' ? { printPdf: async (htmlFile: string, pdfFile: string) => { await ask('printPdf', [htmlFile, pdfFile]); } } : {}),
    ...(init.canPickPaths ? { pickPath: (kind: 'folder' | 'file' | 'save', title: string) => ask('pickPath', [kind, title]) } : {}),
  };
  const handlers = createHandlers(host);
  channel.onMessage((m) => {
    if (!isRelayMessage(m)) return;
    if (m.t === 'req') {
      void dispatch(handlers, m.name, m.params).then((reply) => channel.post({ t: 'res', id: m.id, reply } satisfies RelayMessage));
    } else if (m.t === 'host-res') {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (!w) return;
      if (m.ok) w.resolve(m.value); else w.reject(new Error(m.error ?? 'the host could not do it'));
    } else if (m.t === 'close') {
      void handlers.close().finally(() => channel.post({ t: 'closed', id: m.id } satisfies RelayMessage));
    }
  });
  return { host, handlers };
}


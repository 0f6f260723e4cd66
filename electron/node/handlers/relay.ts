// The contract between two processes: the desktop app's main process (which owns the window, the
// native dialogs and the OS keychain) and the utility process that runs the handlers (database
// work, conversions, files). Plain modules over any MessagePort-like channel, so they are tested
// in Node with worker_threads' MessageChannel; Electron's utilityProcess is one more such channel.
// This file is the main-process end (kept free of the handlers so main stays small); the back
// end's is relay-backend.ts.
import type { EventName, RequestName, WireError } from '../../../converters/contract/index.js';
import { isEventName, isRequestName } from '../../../converters/contract/names.js';
import type { SecretStore } from './host.js';

/** One end of a message channel (structured-clone messages, in order). */
export interface Channel {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
}

export type Reply = { ok: true; result: unknown } | { ok: false; error: WireError };

/** What the back end learns about its host when it starts. */
export interface BackendInit {
  mode: 'desktop' | 'web';
  version: string;
  configDir: string;
  defaultFolder: string;
  canPickPaths: boolean;
}

export type HostOp = 'pickPath' | 'secret.get' | 'secret.set' | 'printPdf';

export type RelayMessage =
  | { t: 'req'; id: number; name: string; params: unknown }
  | { t: 'res'; id: number; reply: Reply }
  | { t: 'evt'; name: string; payload: unknown }
  | { t: 'host'; id: number; op: HostOp; args: string[] }
  | { t: 'host-res'; id: number; ok: boolean; value: string | null; error?: string }
  | { t: 'close'; id: number }
  | { t: 'closed'; id: number };

export function isRelayMessage(m: unknown): m is RelayMessage {
  return !!m && typeof m === 'object' && typeof (m as { t?: unknown }).t === 'string';
}

export interface HostServices {
  pickPath?(kind: 'folder' | 'file' | 'save', title: string): Promise<string | null>;
  secrets: SecretStore;
  /** Desktop: HTML file → PDF file with Electron's printToPDF (electron/main/print-pdf.ts). */
  printPdf?(htmlFile: string, pdfFile: string): Promise<void>;
}

export interface BackendConnection {
  invoke(name: RequestName, params: unknown): Promise<Reply>;
  /** Saves the project and stops the handlers' jobs; resolves when the back end says it is done. */
  close(): Promise<void>;
  /** The back end is gone (process exit): every pending call gets UNAVAILABLE. */
  fail(reason: string): void;
}

export function connectBackend(channel: Channel, services: HostServices, onEvent: (name: EventName, payload: unknown) => void): BackendConnection {
  let nextId = 1;
  let failed: string | undefined;
  const pending = new Map<number, (r: Reply) => void>();
  const closing = new Map<number, () => void>();
  const unavailable = (message: string): Reply => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

  const answerHost = async (m: Extract<RelayMessage, { t: 'host' }>): Promise<void> => {
    try {
      let value: string | null = null;
      if (m.op === 'pickPath') {
        const kind = m.args[0];
        if (!services.pickPath || (kind !== 'folder' && kind !== 'file' && kind !== 'save')) throw new Error('no file dialogs here');
        value = await services.pickPath(kind, String(m.args[1] ?? ''));
      } else if (m.op === 'printPdf') {
        if (!services.printPdf) throw new Error('no PDF printing here');
        await services.printPdf(String(m.args[0]), String(m.args[1]));
      } else if (m.op === 'secret.get') {
        value = (await services.secrets.get(String(m.args[0]))) ?? null;
      } else {
        await services.secrets.set(String(m.args[0]), String(m.args[1]));
      }
      channel.post({ t: 'host-res', id: m.id, ok: true, value } satisfies RelayMessage);
    } catch (e) {
      channel.post({ t: 'host-res', id: m.id, ok: false, value: null, error: e instanceof Error ? e.message : String(e) } satisfies RelayMessage);
    }
  };

  channel.onMessage((m) => {
    if (!isRelayMessage(m)) return;
    if (m.t === 'res') {
      const done = pending.get(m.id);
      pending.delete(m.id);
      done?.(m.reply);
    } else if (m.t === 'evt') {
      if (isEventName(m.name)) onEvent(m.name, m.payload);
    } else if (m.t === 'host') {
      void answerHost(m);
    } else if (m.t === 'closed') {
      closing.get(m.id)?.();
      closing.delete(m.id);
    }
  });

  return {
    invoke(name, params) {
      if (failed) return Promise.resolve(unavailable(failed));
      if (!isRequestName(name)) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_REQUEST', message: `unknown request "${String(name).slice(0, 100)}"` } });
      const id = nextId++;
      return new Promise<Reply>((resolve) => {
        pending.set(id, resolve);
        channel.post({ t: 'req', id, name, params } satisfies RelayMessage);
      });
    },
    close() {
      if (failed) return Promise.resolve();
      const id = nextId++;
      return new Promise<void>((resolve) => {
        closing.set(id, resolve);
        channel.post({ t: 'close', id } satisfies RelayMessage);
      });
    },
    fail(reason) {
      failed = reason;
      for (const done of pending.values()) done(unavailable(reason));
      pending.clear();
      for (const done of closing.values()) done();
      closing.clear();
    },
  };
}

// What the handlers need from whoever hosts them (the web server or Electron's main process).
import type { EventName, EventPayload } from '../../../converters/contract/index.js';

/** Where passwords live for the session: memory in web mode, the OS keychain (safeStorage) in the desktop app. */
export interface SecretStore {
  get(id: string): Promise<string | undefined>;
  set(id: string, secret: string): Promise<void>;
}

export interface Host {
  mode: 'web' | 'desktop';
  version: string;
  /** Where recent projects are remembered (never inside a project). */
  configDir: string;
  /** Suggested parent folder for new projects. */
  defaultFolder: string;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  pickPath?(kind: 'folder' | 'file' | 'save', title: string): Promise<string | null>;
  secrets: SecretStore;
  /** Desktop: prints an HTML file to a PDF file (Electron's printToPDF); absent = playwright-core. */
  printPdf?(htmlFile: string, pdfFile: string): Promise<void>;
  /** ISO time for headers (tests pin it). */
  now(): string;
}

export function memorySecrets(): SecretStore {
  const m = new Map<string, string>();
  return {
    get: (id) => Promise.resolve(m.get(id)),
    set: (id, s) => { m.set(id, s); return Promise.resolve(); },
  };
}

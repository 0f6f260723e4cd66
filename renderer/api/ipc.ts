// Electron transport: the preload exposes `window.dbshift` with invoke/on for contract names only.
import type { EventName, RequestName, WireError } from '../../converters/contract/index.js';
import type { Transport } from './client.js';

export interface DesktopBridge {
  invoke(name: RequestName, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: WireError }>;
  on(name: EventName, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window { dbshift?: DesktopBridge }
}

export function ipcTransport(bridge: DesktopBridge): Transport {
  return { invoke: (name, params) => bridge.invoke(name, params), on: (name, listener) => bridge.on(name, listener) };
}

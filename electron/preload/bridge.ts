// What the preload exposes to the page: invoke/on for contract names only. Kept free of the
// electron import so it can be tested without the Electron binary.
import { ipcEventChannel, ipcRequestChannel, isEventName, isRequestName } from '../../converters/contract/names.js';

export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface Bridge {
  invoke(name: string, params: unknown): Promise<unknown>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

export function createBridge(ipc: IpcLike): Bridge {
  return Object.freeze({
    invoke(name: string, params: unknown): Promise<unknown> {
      if (!isRequestName(name)) return Promise.reject(new Error(`"${String(name)}" is not a dbshift request`));
      return ipc.invoke(ipcRequestChannel(name), params);
    },
    on(name: string, listener: (payload: unknown) => void): () => void {
      if (!isEventName(name)) throw new Error(`"${String(name)}" is not a dbshift event`);
      if (typeof listener !== 'function') throw new Error('listener must be a function');
      // The IPC event object (with its sender) never reaches the page.
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      const channel = ipcEventChannel(name);
      ipc.on(channel, wrapped);
      return () => { ipc.removeListener(channel, wrapped); };
    },
  });
}

// The utility process (Electron's utilityProcess) that runs the contract's handlers, so database
// work and long conversions never run in the UI or main process. Talks to main over parentPort
// (electron/node/handlers/relay.ts); dialogs and the keychain stay in main.
import { serveBackend } from '../node/handlers/relay-backend.js';
import type { BackendInit, Channel } from '../node/handlers/relay.js';

const port = process.parentPort;
const init = JSON.parse(process.argv[2] ?? '{}') as BackendInit;

const channel: Channel = {
  post: (message) => port.postMessage(message),
  onMessage: (listener) => {
    const on = (e: Electron.MessageEvent): void => listener(e.data);
    port.on('message', on);
    return () => { port.off('message', on); };
  },
};

serveBackend(channel, init);

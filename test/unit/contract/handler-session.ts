// The back end's handlers in this process, as the renderer reaches them: `call` dispatches a request,
// fails on an error result and parses the result with the contract's schema.
import { join } from 'node:path';
import { createHandlers, dispatch, memorySecrets, type Host } from '../../../electron/node/handlers/index.js';
import { REQUESTS, type RequestName } from '../../../converters/contract/index.js';

export function handlerSession(dir: string, configDir = join(dir, 'config')) {
  const host: Host = {
    mode: 'web', version: 'test', configDir, defaultFolder: dir,
    emit: () => undefined, secrets: memorySecrets(), now: () => '2026-01-01T00:00:00.000Z',
  };
  const h = createHandlers(host);
  // `never`: each test states the shape it reads (the schema has parsed it).
  const call = async <N extends RequestName>(name: N, params: unknown): Promise<never> => {
    const r = await dispatch(h, name, params);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return REQUESTS[name].result.parse(r.result) as never;
  };
  return { h, host, call };
}

// The typed client: `api.call('object.get', {...})` is checked against the contract at compile
// time; the back end validates at run time. Transports: Electron IPC or WebSocket.
import type { EventName, EventPayload, Params, RequestName, Result, WireError } from '../../converters/contract/index.js';

export interface Transport {
  invoke(name: RequestName, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: WireError }>;
  on(name: EventName, listener: (payload: unknown) => void): () => void;
  /** Connection state for the status bar. */
  onState?(listener: (state: 'connecting' | 'open' | 'closed') => void): () => void;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly code: string, message: string, readonly hint?: string) { super(message); }
  get text(): string { return this.hint ? `${this.message} — ${this.hint}` : this.message; }
}

export class Api {
  constructor(readonly transport: Transport) {}
  async call<N extends RequestName>(name: N, params: Params<N>): Promise<Result<N>> {
    const r = await this.transport.invoke(name, params);
    if (!r.ok) throw new ApiError(r.error.code, r.error.message, r.error.hint);
    return r.result as Result<N>;
  }
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.transport.on(name, listener as (p: unknown) => void);
  }
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.text;
  return e instanceof Error ? e.message : String(e);
}

let nextTask = 0;
export function newTaskId(prefix: string): string {
  nextTask += 1;
  return `${prefix}-${Date.now().toString(36)}-${nextTask}`;
}

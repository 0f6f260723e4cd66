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

type Reply = Awaited<ReturnType<Transport['invoke']>>;

export class Api {
  private readonly early = new Map<string, Promise<Reply>>();
  constructor(readonly transport: Transport) {}
  /**
   * Sends a request now whose answer a component will ask for later with the same params (the
   * tree's first level while the open project is still being asked for): one round trip fewer
   * before the first paint. The answer is used once; `dropPrefetched` forgets unused ones.
   */
  prefetch<N extends RequestName>(name: N, params: Params<N>): void {
    this.early.set(`${name} ${JSON.stringify(params)}`, this.transport.invoke(name, params));
  }
  dropPrefetched(): void { this.early.clear(); }
  async call<N extends RequestName>(name: N, params: Params<N>): Promise<Result<N>> {
    const key = this.early.size ? `${name} ${JSON.stringify(params)}` : '';
    const early = key ? this.early.get(key) : undefined;
    if (early) this.early.delete(key);
    const r = await (early ?? this.transport.invoke(name, params));
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

// The back-end boundary: params validated against the contract, errors turned into one-line
// messages with a code. Nothing here ever returns a stack trace.
import type { RequestName, WireError } from '../../../converters/contract/index.js';
import { ContractError, checkParams } from '../../../converters/contract/index.js';
import { ConnectError } from '../connectors/types.js';
import { ConnectionUrlError, scrubSecret } from '../connectors/url.js';
import { UserError } from '../pipeline/errors.js';
import { scrubUrls } from '../export/index.js';

type AnyHandlers = { [N in RequestName]: (p: never) => Promise<unknown> };

export function toWireError(e: unknown, secrets: (string | undefined)[] = []): WireError {
  const clean = (s: string): string => secrets.reduce<string>((t, pw) => scrubSecret(t, pw), scrubUrls(s)).split('\n')[0]!.slice(0, 2000);
  if (e instanceof ContractError) return { code: e.code, message: clean(e.message), ...(e.hint ? { hint: clean(e.hint) } : {}) };
  if (e instanceof ConnectError) return { code: 'CONNECT_FAILED', message: clean(e.message), hint: e.authFailed ? 'check the user name and password' : 'check host, port and that the server is running' };
  if (e instanceof ConnectionUrlError) return { code: 'INVALID_PARAMS', message: clean(e.message) };
  if (e instanceof UserError) return { code: 'FAILED', message: clean(e.message), ...(e.hint ? { hint: clean(e.hint) } : {}) };
  if (e instanceof Error && e.name === 'AbortError') return { code: 'CANCELLED', message: 'cancelled' };
  const msg = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `unexpected error: ${clean(msg)}` };
}

/** Validates and runs one request; resolves to the result or throws nothing (errors come back as values). */
export async function dispatch(handlers: AnyHandlers, name: string, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: WireError }> {
  let checked: unknown;
  try {
    checked = checkParams(name, params);
  } catch (e) {
    return { ok: false, error: toWireError(e) };
  }
  const pw = (params as { password?: unknown } | null)?.password;
  try {
    const fn = handlers[name as RequestName] as (p: unknown) => Promise<unknown>;
    return { ok: true, result: await fn(checked) };
  } catch (e) {
    return { ok: false, error: toWireError(e, [typeof pw === 'string' ? pw : undefined]) };
  }
}

// Messages on the WebSocket (IPC carries the same payloads) and the one place params are checked.
import { z } from 'zod';
import { isRequestName, type RequestName } from './names.js';
import { REQUESTS, type ParsedParams } from './requests.js';

export const ERROR_CODES = ['BAD_MESSAGE', 'UNKNOWN_REQUEST', 'INVALID_PARAMS', 'NO_PROJECT', 'NOT_FOUND',
  'CONNECT_FAILED', 'FAILED', 'CANCELLED', 'UNAVAILABLE', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WireError {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export const requestMessage = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().min(0),
  name: z.string().max(100),
  params: z.unknown(),
});

export type RequestMessage = z.infer<typeof requestMessage>;
export type ResponseMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: WireError };
export interface EventMessage { type: 'event'; name: string; payload: unknown }
export type ServerMessage = ResponseMessage | EventMessage;

/** An error the back end means to show: code + one-line message, never a stack trace. */
export class ContractError extends Error {
  override name = 'ContractError';
  constructor(readonly code: ErrorCode, message: string, readonly hint?: string) { super(message); }
  toWire(): WireError {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** zod issues as one readable line: `folder: Too small…; targets: pick at least one target engine`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}

export function checkParams<N extends RequestName>(name: N, params: unknown): ParsedParams<N>;
export function checkParams(name: string, params: unknown): unknown;
export function checkParams(name: string, params: unknown): unknown {
  if (!isRequestName(name)) throw new ContractError('UNKNOWN_REQUEST', `unknown request "${name.slice(0, 100)}"`);
  const parsed = REQUESTS[name].params.safeParse(params ?? {});
  if (!parsed.success) throw new ContractError('INVALID_PARAMS', `invalid parameters for ${name}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

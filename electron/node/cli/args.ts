import { parseArgs } from 'node:util';
import { UserError } from '../pipeline/errors.js';
import { REPLICATE_OPTIONS } from './commands/replicate-help.js';

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

const COMMON: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  json: { type: 'boolean' },
};

export const COMMAND_OPTIONS: Record<string, Record<string, OptionSpec>> = {
  convert: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, naming: { type: 'string' }, 'source-url': { type: 'string' }, schemas: { type: 'string' }, define: { type: 'string', multiple: true }, option: { type: 'string', multiple: true } },
  assess: {
    from: { type: 'string' }, to: { type: 'string' }, report: { type: 'string' }, naming: { type: 'string' }, 'source-url': { type: 'string' }, schemas: { type: 'string' },
    define: { type: 'string', multiple: true }, option: { type: 'string', multiple: true }, format: { type: 'string' }, inventory: { type: 'string' }, effort: { type: 'string' }, scope: { type: 'string' }, parallel: { type: 'string' },
  },
  apply: { 'target-url': { type: 'string' }, 'dry-run': { type: 'boolean' } },
  extract: { 'source-url': { type: 'string' }, schemas: { type: 'string' }, out: { type: 'string' } },
  demo: { out: { type: 'string' } },
  replicate: REPLICATE_OPTIONS,
};

export interface ParsedCommand {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseCommand(command: string, argv: string[]): ParsedCommand {
  const spec = { ...COMMON, ...COMMAND_OPTIONS[command] };
  try {
    const { values, positionals } = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
    return { values: values as ParsedCommand['values'], positionals };
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e);
    throw new UserError(`${command}: ${msg.replace(/^Option '/, "option '")}`, `see: dbshift ${command} --help`);
  }
}

export function requireString(p: ParsedCommand, name: string, command: string, what: string): string {
  const v = p.values[name];
  if (typeof v !== 'string' || v === '') throw new UserError(`${command}: missing --${name}`, `${what}; see: dbshift ${command} --help`);
  return v;
}

export function optionalString(p: ParsedCommand, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function schemaList(p: ParsedCommand): string[] | undefined {
  const v = optionalString(p, 'schemas');
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

/** A repeatable string option (`--define a=1 --define b=2`). */
export function stringList(p: ParsedCommand, name: string): string[] | undefined {
  const v = p.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : undefined;
}

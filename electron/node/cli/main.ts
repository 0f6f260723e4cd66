// dbshift command line. Results go to stdout, progress and findings to stderr. Exit codes:
// 0 success, 2 bad usage or unreadable input, 3 applying to the target failed.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCommand } from './args.js';
import { COMMAND_HELP, MAIN_HELP, toolVersion } from './help.js';
import { Output } from './output.js';
import { passwordPrompt } from './prompt.js';
import { UserError, ApplyFailed } from '../pipeline/errors.js';
import { runConvert, type CommandContext } from './commands/convert.js';
import { runAssess } from './commands/assess.js';
import { runApply } from './commands/apply.js';
import { runExtract } from './commands/extract.js';
import { runDemo } from './commands/demo.js';
import { runUiCommand } from './commands/ui.js';
import { runReplicate } from './commands/replicate.js';
import { scrubUrls } from '../export/apply-script.js';

const COMMANDS: Record<string, (p: ReturnType<typeof parseCommand>, ctx: CommandContext) => Promise<number>> = {
  convert: runConvert,
  assess: runAssess,
  apply: runApply,
  extract: runExtract,
  demo: runDemo,
  replicate: runReplicate,
};

/** ISO time for headers; SOURCE_DATE_EPOCH (seconds) makes outputs reproducible. */
function now(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString();
}

/**
 * Passwords the process knows (in URL arguments and the password variables) are removed from
 * everything printed, whatever message they end up in. Very short values are left alone: removing
 * every "ab" from the output would garble it and protect little.
 */
function registerSecrets(argv: string[], out: Output): void {
  const secrets: string[] = [];
  for (const a of argv) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^@\s/]*)@/i.exec(a);
    if (m?.[1]) {
      secrets.push(m[1]);
      try { secrets.push(decodeURIComponent(m[1])); } catch { /* not encoded */ }
    }
  }
  for (const v of ['DBSHIFT_PASSWORD', 'DBSHIFT_SOURCE_PASSWORD', 'DBSHIFT_TARGET_PASSWORD']) {
    const val = process.env[v];
    if (val) secrets.push(val);
  }
  for (const s of secrets) if (s.length >= 4) out.addSecret(s);
}

export async function main(argv: string[], out = new Output(argv.includes('--quiet') || argv.includes('-q'), argv.includes('--json'))): Promise<number> {
  registerSecrets(argv, out);
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      const topic = command === 'help' ? rest[0] : undefined;
      out.result(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic]! : MAIN_HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      out.result(`dbshift ${toolVersion()}`);
      return 0;
    }
    if (command === 'ui') return await runUiCommand(rest);
    const run = COMMANDS[command];
    if (!run) throw new UserError(`unknown command "${command}"`, `commands: ${[...Object.keys(COMMANDS), 'ui'].join(', ')}; see: dbshift --help`);
    const parsed = parseCommand(command, rest);
    if (parsed.values.help) {
      out.result(COMMAND_HELP[command]!);
      return 0;
    }
    const ctx: CommandContext = { out, now, prompt: passwordPrompt((s) => out.addSecret(s)) };
    return await run(parsed, ctx);
  } catch (e) {
    if (e instanceof UserError) {
      out.warn(`dbshift: ${e.message}${e.hint ? ` — ${e.hint}` : ''}`);
      return e.exitCode;
    }
    if (e instanceof ApplyFailed) {
      out.warn(`dbshift: ${e.message}`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    out.warn(`dbshift: unexpected error: ${msg.split('\n')[0]} (rerun with DBSHIFT_DEBUG=1 for details)`);
    if (process.env.DBSHIFT_DEBUG && e instanceof Error && e.stack) out.warn(scrubUrls(e.stack));
    return 1;
  }
}

function isEntry(): boolean {
  const argv1 = process.argv[1];
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Runs the CLI as a process: one-line messages for anything that escapes, exit code set. */
export async function runCli(argv: string[]): Promise<void> {
  // Errors that escape promises (a driver callback, say) still end as one line, never a trace.
  const last = (e: unknown): void => {
    process.stderr.write(`dbshift: unexpected error: ${scrubUrls(e instanceof Error ? e.message : String(e)).split('\n')[0]} (rerun with DBSHIFT_DEBUG=1 for details)\n`);
    if (process.env.DBSHIFT_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${scrubUrls(e.stack)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', last);
  process.on('unhandledRejection', last);
  const code = await main(argv);
  process.exitCode = code;
  // A driver or the embedded engine may keep a handle open; do not hang on it.
  setTimeout(() => process.exit(code), 3000).unref();
}

if (isEntry()) await runCli(process.argv.slice(2));

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_MAIN = fileURLToPath(new URL('../../../server/main.ts', import.meta.url));

/**
 * `dbshift ui [--port N] [--config-dir DIR]`: the workbench in a browser (electron/server). Runs
 * as a child process so the server owns its own signals and lifetime; its options pass through.
 */
export function runUiCommand(argv: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER_MAIN, ...argv], { stdio: 'inherit' });
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1)));
    child.on('error', () => resolve(1));
  });
}

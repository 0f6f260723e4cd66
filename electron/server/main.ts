// `npm run web` (the `dbshift ui` command): serves the workbench on 127.0.0.1 and prints the URL
// with this launch's token. Stop with Ctrl-C.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureRendererBuilt } from './renderer-build.js';
import { startWebServer } from './server.js';

export async function runUi(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, 'config-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write('usage: npm run web -- [--port N] [--config-dir DIR]\nServes the dbshift workbench on http://127.0.0.1 (this machine only).\nPasswords: typed in the connection dialog (kept in memory only) or DBSHIFT_SOURCE_PASSWORD / DBSHIFT_TARGET_PASSWORD.\n');
    return 0;
  }
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`dbshift ui: --port must be a number 0-65535, got "${values.port}"\n`);
    return 2;
  }
  const staticDir = await ensureRendererBuilt((s) => process.stderr.write(`${s}\n`));
  const server = await startWebServer({
    staticDir, port,
    configDir: values['config-dir'] ?? join(homedir(), '.config', 'dbshift'),
    defaultFolder: join(homedir(), 'dbshift-projects'),
  });
  process.stdout.write(`dbshift workbench: ${server.url}\n(open it in a browser on this machine; the token changes at every launch)\n`);
  await new Promise<void>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
  });
  await server.close();
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '\0')) {
  runUi(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
    process.stderr.write(`dbshift ui: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    process.exit(1);
  });
}

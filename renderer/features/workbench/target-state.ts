// What the status bar says about the target: the connection the project holds now (not the one it
// had when the workbench opened), and the last test/apply result only while it is for that connection.
import type { ConnectionSpec } from '../../../converters/contract/index.js';

const ENGINE_LABEL: Record<ConnectionSpec['engine'], string> = {
  pglite: 'embedded PGlite', postgres: 'PostgreSQL', mysql: 'MySQL / MariaDB', oracle: 'Oracle', sqlserver: 'SQL Server',
};

/** The project's target connection, or what Apply uses without one. */
export function effectiveTarget(saved: ConnectionSpec | undefined, target: 'postgres' | 'mysql'): ConnectionSpec {
  return saved ?? (target === 'postgres' ? { engine: 'pglite', path: '.pglite/target' } : { engine: 'mysql', host: '127.0.0.1' });
}

/** A short, password-free description that identifies the connection. */
export function describeConnection(c: ConnectionSpec): string {
  if (c.engine === 'pglite') return `${ENGINE_LABEL.pglite}${c.path ? ` (${c.path})` : ' (in memory)'}`;
  const where = `${c.user ? `${c.user}@` : ''}${c.host ?? ''}${c.port ? `:${c.port}` : ''}${c.database ? `/${c.database}` : ''}`;
  return `${ENGINE_LABEL[c.engine]} ${where}`.trim();
}

export interface TargetCheck { connection: string; text: string }

/** The status-bar text: the last check when it is about this connection, else the connection itself, not tested yet. */
export function targetStatus(c: ConnectionSpec, check: TargetCheck | null): string {
  const d = describeConnection(c);
  return check && check.connection === d ? `${d} — ${check.text}` : `${d} (not tested)`;
}

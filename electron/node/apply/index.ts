// Applies an exported apply.sql to a target database. PostgreSQL/PGlite: one transaction, all or
// nothing. MySQL/MariaDB: statement by statement with an exact record, and on failure an undo
// script for what this run created.
import { connect, type Connection } from '../connectors/index.js';
import { ENGINE_DIALECT, parseConnectionUrl, redactUrl, describeTarget } from '../connectors/url.js';
import { splitApplyScript } from './script.js';
import { applyInTransaction } from './transactional.js';
import { applyStepwise } from './stepwise.js';
import { record } from './records.js';
import type { ApplyOptions, ApplyReport } from './types.js';

export * from './types.js';
export { splitApplyScript, objectMarkers } from './script.js';
export { buildUndoScript } from './undo.js';
export { summarize } from './records.js';

export async function applyScript(sqlText: string, targetUrl: string, opts: ApplyOptions = {}): Promise<ApplyReport> {
  const started = Date.now();
  const target = parseConnectionUrl(targetUrl);
  if (target.engine === 'oracle' || target.engine === 'sqlserver') {
    throw new Error(`cannot apply to ${describeTarget(target)}: dbshift applies to PostgreSQL and MySQL/MariaDB targets only`);
  }
  const dialect = ENGINE_DIALECT[target.engine];
  const items = await splitApplyScript(sqlText, dialect, opts.file ?? 'apply.sql');
  const base = { target: describeTarget(target), engine: target.engine, notes: [] as string[] };

  if (opts.dryRun && !(opts.validate && dialect === 'postgres')) {
    const notes = ['dry run: the script was split and listed; nothing was executed'];
    if (opts.validate) notes.push('validation inside a rolled-back transaction is only possible on PostgreSQL targets (MySQL commits DDL implicitly)');
    const bad = items.filter((i) => i.unsupported);
    for (const b of bad) notes.push(`statement ${b.index + 1} (line ${b.line}): ${b.unsupported}`);
    return {
      ...base, mode: 'dry-run', ok: bad.length === 0, statements: items.map((i) => record(i, 'not-run')),
      notes, ms: Date.now() - started,
    };
  }

  let conn: Connection;
  try {
    conn = await connect(targetUrl, { role: 'target', ...(opts.prompt ? { prompt: opts.prompt } : {}) });
  } catch (e) {
    throw new Error(e instanceof Error ? e.message : `could not connect to ${redactUrl(targetUrl)}`);
  }
  try {
    const report = dialect === 'postgres'
      ? await applyInTransaction(conn, items, opts)
      : await applyStepwise(conn, items, opts, target.database);
    return { ...base, ...report, serverVersion: conn.serverVersion, notes: [...base.notes, ...report.notes], ms: Date.now() - started };
  } finally {
    await conn.close();
  }
}

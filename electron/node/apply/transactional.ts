// PostgreSQL / PGlite: every statement in one transaction; on failure roll back and report.
import type { Connection } from '../connectors/index.js';
import { DatabaseError } from '../connectors/types.js';
import { isTransactionControl, lineOfPosition, type ScriptItem } from './script.js';
import { record } from './records.js';
import type { ApplyFailure, ApplyOptions, ApplyReport, StatementRecord } from './types.js';

type Partial = Pick<ApplyReport, 'ok' | 'mode' | 'statements' | 'failure' | 'notes'>;

export async function applyInTransaction(conn: Connection, items: ScriptItem[], opts: ApplyOptions): Promise<Partial> {
  const validateOnly = !!opts.dryRun;
  const notes: string[] = [];
  const records: StatementRecord[] = items.map((i) => record(i, 'not-run'));
  let failure: ApplyFailure | undefined;
  const fail = (item: ScriptItem, message: string, err?: DatabaseError): void => {
    failure = {
      index: item.index, line: lineOfPosition(item, err?.position), message, statement: item.text,
      ...(item.object ? { object: item.object } : {}), ...(err?.sqlState ? { sqlState: err.sqlState } : {}),
    };
    records[item.index] = record(item, 'failed', records[item.index]!.ms, message);
  };

  await conn.exec('BEGIN');
  let done = 0;
  for (const item of items) {
    if (opts.signal?.aborted) {
      fail(item, 'cancelled before this statement');
      break;
    }
    if (item.unsupported) { fail(item, item.unsupported); break; }
    if (isTransactionControl(item.text)) {
      records[item.index] = record(item, 'skipped');
      notes.push(`statement ${item.index + 1} (line ${item.line}) is transaction control; skipped because apply runs the whole script in one transaction`);
      continue;
    }
    const t0 = Date.now();
    try {
      await conn.exec(item.text);
      records[item.index] = record(item, 'applied', Date.now() - t0);
    } catch (e) {
      const err = e instanceof DatabaseError ? e : new DatabaseError(String(e));
      records[item.index] = record(item, 'failed', Date.now() - t0);
      fail(item, err.message, err);
      break;
    }
    opts.onProgress?.(++done, items.length, { index: item.index, line: item.line, ...(item.object ? { object: item.object } : {}) });
  }

  if (failure || validateOnly) {
    await conn.exec('ROLLBACK').catch(() => undefined);
    for (const r of records) if (r.status === 'applied') r.status = 'rolled-back';
    if (failure) notes.push('the transaction was rolled back: the target is as it was before');
    if (validateOnly) notes.push('dry run validated: every statement was executed inside a transaction that was then rolled back; nothing was kept');
    return { ok: !failure, mode: validateOnly ? 'dry-run-validated' : 'transaction', statements: records, ...(failure ? { failure } : {}), notes };
  }
  try {
    await conn.exec('COMMIT');
  } catch (e) {
    // Deferred constraints fail at COMMIT; nothing is kept.
    for (const r of records) if (r.status === 'applied') r.status = 'rolled-back';
    const message = e instanceof Error ? e.message : String(e);
    const last = items[items.length - 1];
    failure = { index: items.length, line: last?.line ?? 0, message: `COMMIT failed: ${message}`, statement: 'COMMIT' };
    notes.push('the transaction was rolled back at COMMIT: the target is as it was before');
    return { ok: false, mode: 'transaction', statements: records, failure, notes };
  }
  return { ok: true, mode: 'transaction', statements: records, notes };
}

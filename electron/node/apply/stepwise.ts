// MySQL / MariaDB: no transactional DDL, so statements run one by one with an exact record of
// what was applied; on failure we stop and write an undo script for what this run created.
import type { Connection, Row } from '../connectors/index.js';
import { DatabaseError } from '../connectors/types.js';
import { record } from './records.js';
import type { ScriptItem } from './script.js';
import type { ApplyFailure, ApplyOptions, ApplyReport, StatementRecord } from './types.js';
import { buildUndoScript, classify, dropStatement, qnameSql, type CreatedKind, type Effect, type QName, type UndoStep } from './undo.js';

type Result = Pick<ApplyReport, 'ok' | 'mode' | 'statements' | 'failure' | 'notes' | 'undoScript' | 'undoLimitations'>;

/** SHOW CREATE … and the column holding the statement. */
const SHOW_CREATE: Partial<Record<CreatedKind, [string, string]>> = {
  TABLE: ['TABLE', 'Create Table'], VIEW: ['VIEW', 'Create View'], PROCEDURE: ['PROCEDURE', 'Create Procedure'],
  FUNCTION: ['FUNCTION', 'Create Function'], TRIGGER: ['TRIGGER', 'SQL Original Statement'], EVENT: ['EVENT', 'Create Event'],
  SEQUENCE: ['SEQUENCE', 'Create Table'],
};
const HAS_BODY = new Set<CreatedKind>(['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT']);
/** Warnings that mean IF NOT EXISTS found the object already there (nothing was created). */
const EXISTS_WARNINGS = new Set([1007, 1050, 1061, 1304, 1359, 1537, 4089, 4090]);

async function previousDefinition(conn: Connection, what: CreatedKind, name: QName): Promise<string | undefined> {
  const show = SHOW_CREATE[what];
  if (!show) return undefined;
  try {
    const [row] = await conn.query<Row>(`SHOW CREATE ${show[0]} ${qnameSql(name)}`);
    const text = row?.[show[1]];
    return typeof text === 'string' ? text : undefined;
  } catch { return undefined; }
}

async function createdNothing(conn: Connection): Promise<boolean> {
  const rows = await conn.query<{ Code?: number | string; Message?: string }>('SHOW WARNINGS');
  return rows.some((w) => EXISTS_WARNINGS.has(Number(w.Code)) || /already exists/i.test(w.Message ?? ''));
}

export async function applyStepwise(conn: Connection, items: ScriptItem[], opts: ApplyOptions, initialDb: string | undefined): Promise<Result> {
  const records: StatementRecord[] = items.map((i) => record(i, 'not-run'));
  const steps: UndoStep[] = [];
  const createdTables = new Set<string>();
  let db = initialDb;
  const key = (q: QName): string => `${q.schema ?? db ?? ''}.${q.name}`;
  const describe = (q: QName): string => (q.schema ?? db ? `${q.schema ?? db}.${q.name}` : q.name);
  let failure: ApplyFailure | undefined;
  let done = 0;

  for (const item of items) {
    if (opts.signal?.aborted || item.unsupported) {
      const message = item.unsupported ?? 'cancelled before this statement';
      failure = { index: item.index, line: item.line, message, statement: item.text, ...(item.object ? { object: item.object } : {}) };
      records[item.index] = record(item, 'failed', 0, message);
      break;
    }
    const effect: Effect = classify(item.text);
    const previous = effect.kind === 'create' && effect.orReplace ? await previousDefinition(conn, effect.what, effect.name) : undefined;
    const t0 = Date.now();
    try {
      await conn.exec(item.text);
    } catch (e) {
      const err = e instanceof DatabaseError ? e : new DatabaseError(String(e));
      failure = {
        index: item.index, line: item.line, message: err.message, statement: item.text,
        ...(item.object ? { object: item.object } : {}), ...(err.sqlState ? { sqlState: err.sqlState } : {}),
      };
      records[item.index] = record(item, 'failed', Date.now() - t0, err.message);
      break;
    }
    records[item.index] = record(item, 'applied', Date.now() - t0);
    const step: UndoStep = { index: item.index, line: item.line, sql: [], ...(db ? { db } : {}) };
    switch (effect.kind) {
      case 'create': {
        if (effect.ifNotExists && await createdNothing(conn)) break;
        const onCreated = effect.onTable && createdTables.has(key(effect.onTable));
        if (effect.what === 'INDEX' && onCreated) break; // dropped with its table
        step.sql.push(dropStatement(effect.what, effect.name, effect.onTable));
        if (previous) {
          step.sql.push(previous);
          if (HAS_BODY.has(effect.what)) step.needsDelimiter = true;
          if (effect.what === 'TABLE') step.limitation = `CREATE OR REPLACE TABLE ${describe(effect.name)} replaced a table that existed before: its rows are gone; undo re-creates it empty`;
        }
        if (effect.what === 'TABLE' || effect.what === 'SEQUENCE') createdTables.add(key(effect.name));
        break;
      }
      case 'alter-table':
        if (createdTables.has(key(effect.table))) break;
        if (effect.undo) step.sql.push(effect.undo);
        else step.limitation = `ALTER TABLE ${describe(effect.table)} ${effect.clause} … changed a table that existed before; revert it by hand`;
        break;
      case 'data':
        if (effect.table && createdTables.has(key(effect.table))) break;
        step.limitation = `${effect.verb} changed rows of ${effect.table ? `the pre-existing table ${describe(effect.table)}` : 'a pre-existing table'}; those rows are not restored`;
        break;
      case 'drop':
        if (effect.name && createdTables.has(key(effect.name))) { createdTables.delete(key(effect.name)); break; }
        step.limitation = `DROP ${effect.what} ${effect.name ? describe(effect.name) : ''} removed something that existed before; it cannot be restored from here (use a backup)`;
        break;
      case 'rename':
        for (const [from, to] of [...effect.pairs].reverse()) {
          step.sql.push(`RENAME TABLE ${qnameSql(to)} TO ${qnameSql(from)}`);
          if (createdTables.delete(key(from))) createdTables.add(key(to));
        }
        break;
      case 'use':
        db = effect.db;
        break;
      case 'neutral':
        break;
      case 'unknown':
        step.limitation = `statement ${item.index + 1} (${effect.verb} …) has effects apply cannot classify; check it by hand`;
        break;
    }
    if (step.sql.length > 0 || step.limitation) steps.push(step);
    opts.onProgress?.(++done, items.length, { index: item.index, line: item.line, ...(item.object ? { object: item.object } : {}) });
  }

  const notes = ['MySQL/MariaDB commit each DDL statement on its own: statements ran one by one and the record above is exact'];
  if (!failure) return { ok: true, mode: 'statement-by-statement', statements: records, notes };
  const limitations = steps.filter((s) => s.limitation).map((s) => `statement ${s.index + 1} (line ${s.line}): ${s.limitation!}`);
  const applied = records.filter((r) => r.status === 'applied').length;
  notes.push(`stopped at statement ${failure.index + 1} of ${items.length}; ${applied} statement(s) had been applied and stay applied until the undo script is run`);
  const undoScript = buildUndoScript(steps, [
    `dbshift undo script: reverts what apply created before statement ${failure.index + 1} failed`,
    `run it on the same target with the mariadb/mysql client${initialDb ? ` (default database ${initialDb})` : ''}`,
    ...(limitations.length ? ['some changes cannot be undone; see the NOT UNDONE lines'] : []),
  ]);
  return { ok: false, mode: 'statement-by-statement', statements: records, failure, notes, undoScript, undoLimitations: limitations };
}

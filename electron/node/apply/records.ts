import type { ScriptItem } from './script.js';
import type { StatementRecord } from './types.js';

export function summarize(sql: string): string {
  const first = sql.trim().split('\n')[0] ?? '';
  return first.length > 120 ? `${first.slice(0, 117)}...` : first;
}

export function record(item: ScriptItem, status: StatementRecord['status'], ms = 0, error?: string): StatementRecord {
  return {
    index: item.index, line: item.line, status, summary: summarize(item.text), ms,
    ...(item.object ? { object: item.object } : {}), ...(error ? { error } : {}),
  };
}

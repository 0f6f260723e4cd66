import type { SourceSpan } from '../../model/index.js';
import { OS } from './codes.js';
import type { OraContext } from './context.js';
import type { ScriptItem } from './sqlplus.js';
import { parsePlsqlUnit } from './plsql/index.js';

/** Keeps a statement as text with its reason (the finding is reported by the caller). */
export function keepAsText(ctx: OraContext, text: string, span: SourceSpan, reason: string, objectType?: string): void {
  ctx.add({ kind: 'UnparsedObject', ...(objectType ? { objectType } : {}), statement: { kind: 'Unparsed', text, reason, span }, span });
}

/** One item from the SQL*Plus layer into the model. */
export function parseItem(ctx: OraContext, item: ScriptItem): void {
  if (item.missing.length || item.unterminated) {
    keepAsText(ctx, item.text, item.span, item.unterminated ? 'unterminated' : `substitution variable ${item.missing.map((m) => `&${m}`).join(', ')} has no value`);
    return;
  }
  if (item.kind === 'plsql') { parsePlsqlUnit(ctx, item.text, item.span); return; }
  ctx.diag(OS.notModelled, item.span, 'Oracle SQL statements are not converted yet');
  keepAsText(ctx, item.text, item.span, 'not converted yet');
}

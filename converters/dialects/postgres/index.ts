import type { DataType, FrontEnd, ParseOptions, ParseResult, SourceFile } from '../../model/index.js';
import { NO_SPAN } from '../../model/index.js';
import { parseDataTypeText } from '../common/datatype.js';
import { PG } from './codes.js';
import { PgContext } from './context.js';
import { splitPostgresScript } from './splitter.js';
import { parseScriptStatement } from './statement.js';
import { POSTGRES } from './tokenizer.js';

export { splitPostgresScript, type ScriptStatement } from './splitter.js';
export { PG as POSTGRES_CODES } from './codes.js';
export { decodeCopyTextRow } from './copy.js';

function parseFile(ctx: PgContext, file: SourceFile): void {
  ctx.file = file.path;
  ctx.ignoredPrivileges = 0;
  ctx.firstIgnoredSpan = undefined;
  const binary = binaryAt(file.text);
  if (binary >= 0) {
    const line = file.text.slice(0, binary).split('\n').length;
    ctx.diag(PG.syntax, { file: file.path, line, column: 1, endLine: line, endColumn: 1 },
      `${file.path} is not a SQL text script (NUL bytes or control characters: a binary file or the wrong encoding); nothing was read from it`);
    return;
  }
  for (const item of splitPostgresScript(file.text, file.path)) {
    try {
      parseScriptStatement(ctx, item);
    } catch (e) {
      // a bug in the front end must not lose the rest of the script
      ctx.diag(PG.syntax, item.span, `Internal error while reading this statement: ${e instanceof Error ? e.message : String(e)}`);
      ctx.add({ kind: 'UnparsedObject', statement: { kind: 'Unparsed', text: item.text, reason: 'internal error', span: item.span }, span: item.span });
    }
  }
  if (ctx.ignoredPrivileges > 0) {
    ctx.diag(PG.ignoredStatements, ctx.firstIgnoredSpan ?? { ...NO_SPAN, file: file.path, line: 1, column: 1, endLine: 1, endColumn: 1 },
      `${ctx.ignoredPrivileges} GRANT/REVOKE/OWNER TO statement(s) in ${file.path} ignored`);
  }
}

/**
 * Offset of the first sign that the text is binary: a NUL byte anywhere, or (in the first 64 KB)
 * more than 1% control characters / U+FFFD replacement characters. -1 for text.
 */
function binaryAt(text: string): number {
  const nul = text.indexOf('\0');
  if (nul >= 0) return nul;
  const n = Math.min(text.length, 65536);
  let bad = 0, first = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) { bad++; if (first < 0) first = i; }
  }
  return bad > 8 && bad * 100 > n ? first : -1;
}

/** Serial columns own an implicit sequence named <table>_<column>_seq. */
function nameImplicitSequences(ctx: PgContext): void {
  for (const o of ctx.objects) {
    if (o.kind !== 'Table') continue;
    for (const c of o.columns) {
      if (c.identity?.style === 'serial' && !c.identity.sequence) {
        c.identity.sequence = { ...(o.name.schema ? { schema: o.name.schema } : {}), name: `${o.name.name}_${c.name}_seq` };
      }
    }
  }
}

export const postgresFrontEnd: FrontEnd = {
  dialect: 'postgres',
  parse(files: SourceFile[], options?: ParseOptions): ParseResult {
    const ctx = new PgContext(options?.defaultSchema);
    for (const f of files) parseFile(ctx, f);
    nameImplicitSequences(ctx);
    return { catalog: { dialect: 'postgres', objects: ctx.objects }, diagnostics: ctx.diagnostics };
  },
};

/** One statement (pg_get_viewdef / pg_get_functiondef / pg_get_triggerdef output, or any DDL). */
export function parsePostgresStatement(text: string, file: string, options?: ParseOptions): ParseResult {
  return postgresFrontEnd.parse([{ path: file, text }], options);
}

/**
 * A type as format_type() prints it (`character varying(45)`, `timestamp(6) without time zone`,
 * `integer[]`, `public.mpaa_rating`). Unreadable text gives name 'unknown' with the text kept.
 */
export function parsePostgresDataType(text: string): DataType {
  try {
    return parseDataTypeText(text, POSTGRES);
  } catch {
    return { kind: 'DataType', name: 'unknown', sourceText: text, span: NO_SPAN };
  }
}

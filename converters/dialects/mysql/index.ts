import type { DataType, FrontEnd, ParseOptions, ParseResult, SourceFile } from '../../model/index.js';
import { NO_SPAN } from '../../model/index.js';
import { parseDataTypeText } from '../common/datatype.js';
import { MY } from './codes.js';
import { MyContext } from './context.js';
import { splitMysqlScript } from './splitter.js';
import { parseScriptStatement } from './statement.js';
import { MYSQL } from './tokenizer.js';
import { dialectForSqlMode, serverFromDumpHeader, serverFromVersion } from './sqlmode.js';

export { splitMysqlScript, type ScriptStatement, type SplitOptions } from './splitter.js';
export { MY as MYSQL_CODES } from './codes.js';
export { MYSQL as MYSQL_DIALECT_DEFAULT, mysqlDialect } from './tokenizer.js';

/** Share of control characters (besides tab/CR/LF/FF) or U+FFFD above which a file is not SQL text. */
const GARBAGE_RATIO = 0.01;

const SUSPICIOUS = /[\x01-\x08\x0b\x0e-\x1f\ufffd]/;

function notTextReason(text: string): { reason: string; at: number } | undefined {
  const nul = text.indexOf('\0');
  if (nul >= 0) return { reason: 'contains NUL bytes', at: nul };
  if (!SUSPICIOUS.test(text)) return undefined;
  let bad = 0;
  let first = -1;
  const n = Math.min(text.length, 1 << 20);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) { bad++; if (first < 0) first = i; }
  }
  return bad > 8 && bad / n > GARBAGE_RATIO ? { reason: `has ${bad} control or undecodable characters in its first ${n} characters`, at: first } : undefined;
}

/** Version rules: the caller's serverVersion, else the file's dump header, else MySQL 8.0. */
function useServer(ctx: MyContext, text: string, options?: ParseOptions): void {
  const server = (options?.serverVersion ? serverFromVersion(options.serverVersion) : undefined) ?? serverFromDumpHeader(text) ?? {};
  ctx.server = server;
  ctx.dialect = dialectForSqlMode(ctx.sqlMode, server);
}

function parseFile(ctx: MyContext, file: SourceFile, options?: ParseOptions): void {
  ctx.file = file.path;
  useServer(ctx, file.text, options);
  ctx.ignoredPrivileges = 0;
  ctx.firstIgnoredSpan = undefined;
  ctx.notTextReported = false;
  const bad = notTextReason(file.text);
  if (bad) {
    const line = file.text.slice(0, bad.at).split('\n').length;
    ctx.diag(MY.notText, { file: file.path, line, column: 1, endLine: line, endColumn: 1 },
      `${file.path} ${bad.reason}: it is not a SQL text script (binary file or wrong encoding); nothing was read from it`);
    return;
  }
  // Statements are parsed as the splitter completes them, so SET sql_mode = 'NO_BACKSLASH_ESCAPES' applies
  // to how the following strings are split too.
  splitMysqlScript(file.text, file.path, {
    backslashEscapes: () => ctx.dialect.tokenizer.backslashEscapes,
    noList: true,
    onStatement: (st) => {
      if (st.unterminated && st.unterminated !== 'statement') {
        ctx.diag(MY.unterminated, st.span, `The script ends inside an unterminated ${st.unterminated} that starts in this statement; the statement is kept as text`);
        ctx.add({ kind: 'UnparsedObject', statement: { kind: 'Unparsed', text: st.text, reason: `unterminated ${st.unterminated}`, span: st.span }, span: st.span });
        return;
      }
      try {
        parseScriptStatement(ctx, st, file.text);
      } catch (e) {
        // A bug in the front end must not lose the rest of the script.
        ctx.diag(MY.syntax, st.span, `Internal error while reading this statement: ${e instanceof Error ? e.message : String(e)}`);
        ctx.add({ kind: 'UnparsedObject', statement: { kind: 'Unparsed', text: st.text, reason: 'internal error', span: st.span }, span: st.span });
      }
    },
  });
  if (ctx.ignoredPrivileges > 0) {
    ctx.diag(MY.ignoredPrivileges, ctx.firstIgnoredSpan ?? { ...NO_SPAN, file: file.path, line: 1, column: 1, endLine: 1, endColumn: 1 },
      `${ctx.ignoredPrivileges} GRANT/REVOKE/CREATE USER statement(s) in ${file.path} ignored`);
  }
}

export const mysqlFrontEnd: FrontEnd = {
  dialect: 'mysql',
  parse(files: SourceFile[], options?: ParseOptions): ParseResult {
    const ctx = new MyContext(options?.defaultSchema);
    for (const f of files) parseFile(ctx, f, options);
    return { catalog: { dialect: 'mysql', objects: ctx.objects }, diagnostics: ctx.diagnostics };
  },
};

/** One statement, e.g. SHOW CREATE TABLE / PROCEDURE output (no DELIMITER needed). */
export function parseMysqlStatement(text: string, file: string, options?: ParseOptions): ParseResult {
  const ctx = new MyContext(options?.defaultSchema);
  ctx.file = file;
  useServer(ctx, '', options);
  const bad = notTextReason(text);
  if (bad) {
    ctx.diag(MY.notText, { file, line: 1, column: 1, endLine: 1, endColumn: 1 }, `${file} ${bad.reason}: it is not SQL text`);
    return { catalog: { dialect: 'mysql', objects: [] }, diagnostics: ctx.diagnostics };
  }
  let body = text.replace(/\s+$/, '');
  let delimiter = ';';
  if (body.endsWith(';')) body = body.slice(0, -1);
  else delimiter = '';
  const lead = body.length - body.replace(/^\s+/, '').length;
  const startText = body.slice(0, lead);
  const line = 1 + (startText.match(/\n/g)?.length ?? 0);
  const column = lead - (startText.lastIndexOf('\n') + 1) + 1;
  const trimmed = body.slice(lead);
  if (trimmed) {
    parseScriptStatement(ctx, {
      kind: 'sql', text: trimmed, delimiter,
      span: { file, line, column, endLine: line, endColumn: column, offset: lead, endOffset: lead + trimmed.length },
    });
  }
  return { catalog: { dialect: 'mysql', objects: ctx.objects }, diagnostics: ctx.diagnostics };
}

/**
 * A type as information_schema.COLUMNS.COLUMN_TYPE shows it (`smallint(5) unsigned`,
 * `enum('a','b')`, `varchar(45)`). Unreadable text gives name 'unknown' with the text kept.
 */
export function parseMysqlDataType(text: string): DataType {
  try {
    return parseDataTypeText(text, MYSQL);
  } catch {
    return { kind: 'DataType', name: 'unknown', sourceText: text, span: NO_SPAN };
  }
}

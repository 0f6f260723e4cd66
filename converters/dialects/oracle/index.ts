import type { FrontEnd, ParseOptions, ParseResult, SourceFile } from '../../model/index.js';
import { OS } from './codes.js';
import { OraContext } from './context.js';
import { SqlPlusSession } from './sqlplus.js';
import { parseItem, keepAsText } from './statement.js';

export { ORACLE_DIALECT, ORACLE_TOKENIZER } from './tokenizer.js';
export { parseOracleDataType } from './datatype.js';
export { OraContext } from './context.js';
export { OS as ORACLE_CODES } from './codes.js';
export type { ScriptItem } from './sqlplus.js';
export { parseMerge } from './merge.js';

export const oracleFrontEnd: FrontEnd = {
  dialect: 'oracle',
  parse(files: SourceFile[], options?: ParseOptions): ParseResult {
    const ctx = new OraContext(options?.defaultSchema?.toUpperCase());
    const session = new SqlPlusSession(ctx, files, options?.variables, (item) => {
      try {
        parseItem(ctx, item);
      } catch (e) {
        // a bug in the front end must not lose the rest of the script
        ctx.diag(OS.syntax, item.span, `Internal error while reading this statement: ${e instanceof Error ? e.message : String(e)}`);
        keepAsText(ctx, item.text, item.span, 'internal error');
      }
    });
    session.run(files);
    if (ctx.ignoredPrivileges && ctx.firstIgnoredSpan) {
      ctx.diag(OS.ignoredStatements, ctx.firstIgnoredSpan, `${ctx.ignoredPrivileges} GRANT/REVOKE, user, role and ALTER SESSION statement(s) ignored (the first is here)`);
    }
    if (ctx.dropsOfUnknown && ctx.firstDropSpan) {
      ctx.diag(OS.dropStatement, ctx.firstDropSpan, `${ctx.dropsOfUnknown} DROP statement(s) of objects not defined earlier in the scripts ignored (the first is here)`);
    }
    if (ctx.topLevelQueries && ctx.firstQuerySpan) {
      ctx.diag(OS.topLevelQuery, ctx.firstQuerySpan, `${ctx.topLevelQueries} SELECT statement(s) at script level ignored (the first is here)`);
    }
    return { catalog: { dialect: 'oracle', objects: ctx.objects }, diagnostics: ctx.diagnostics };
  },
};

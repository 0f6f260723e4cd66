import type { Call, DynamicSql, QualifiedName, Unparsed } from '../../../model/index.js';
import { Parser, ParseError } from '../../common/parser.js';
import { parseNameList } from '../../common/query.js';
import { TsContext } from '../context.js';
import { tsqlDialect } from '../tokenizer.js';
import { objectName } from '../ddl/parts.js';
import { TsqlCode, installTsqlHooks } from './statements.js';

/** INSERT [INTO] t [(columns)] EXEC[UTE] p args | EXEC('…'): the rows of the procedure's result set go into t. */
export interface InsertExec {
  table: QualifiedName;
  columns?: string[];
  exec: Call | DynamicSql;
}

export const INSERT_EXEC_REASON = 'INSERT … EXEC';

/** Reads INSERT … EXEC at the parser's position (the statement reader keeps it as Unparsed text with reason INSERT … EXEC). */
export function parseInsertExec(p: Parser, code: TsqlCode): InsertExec {
  p.expectKw('INSERT');
  p.acceptKw('INTO');
  const table: QualifiedName = p.cur.type === 'variable' && p.cur.prefix === '@' ? { name: `@${p.next().value}` } : objectName(p, 'a table name');
  const columns = p.isOp('(') ? parseNameList(p) : undefined;
  if (!p.isAnyKw('EXEC', 'EXECUTE')) throw p.error('expected EXEC after INSERT … (INSERT … EXEC)');
  const exec = code.statement();
  if (exec.kind !== 'Call' && exec.kind !== 'DynamicSql') throw p.error('INSERT … EXEC needs a procedure call or EXEC(…)');
  return { table, ...(columns ? { columns } : {}), exec };
}

/** Reads the INSERT … EXEC kept as text back into its parts (for rules); undefined if it no longer reads. */
export function readInsertExec(u: Unparsed): InsertExec | undefined {
  if (u.reason !== INSERT_EXEC_REASON) return undefined;
  const p = new Parser(u.text, u.span.file, tsqlDialect(true), { offset: u.span.offset ?? 0, line: u.span.line, column: u.span.column });
  installTsqlHooks(p);
  if (p.lexErrors.length) return undefined;
  try {
    return parseInsertExec(p, new TsqlCode(p, new TsContext()));
  } catch (e) {
    if (e instanceof ParseError) return undefined;
    throw e;
  }
}

import type { Routine, SourceSpan, Statement } from '../../../model/index.js';
import { ParseError } from '../../common/parser.js';
import type { Token } from '../../common/tokens.js';
import { PG } from '../codes.js';
import type { PgContext } from '../context.js';
import { PgParser } from '../parser.js';
import { Scope } from './scope.js';
import { PlParser } from './statements.js';
import { parseSqlStatementList } from './sql.js';

/** Where the body text starts in the file, for a string token holding it. */
function bodyStart(tok: Token): { offset: number; line: number; column: number } {
  const prefix = tok.prefix && tok.prefix.startsWith('$') ? tok.prefix.length : tok.prefix ? tok.prefix.length + 1 : 1;
  return { offset: tok.offset + prefix, line: tok.line, column: tok.column + prefix };
}

/**
 * PL/pgSQL compiler options (`#variable_conflict use_variable`, `#print_strict_params on`,
 * `#option dump`) may open a body. Blanked with spaces so offsets and lines stay exact. Name
 * resolution already prefers variables, which is what use_variable asks for.
 */
function blankCompilerOptions(text: string): string {
  const re = /^(\s*)#(?:variable_conflict|print_strict_params|option)\b[^\n]*/i;
  let out = text;
  let at = 0;
  for (;;) {
    const m = re.exec(out.slice(at));
    if (!m) return out;
    const start = at + m[1]!.length;
    const end = at + m[0].length;
    out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
    at = end;
  }
}

/**
 * Parses a routine body ($$ … $$ string, or BEGIN ATOMIC … END) per its language:
 * plpgsql → Block, sql → SqlBody, anything else → Unparsed (reported by the caller).
 */
export function parseRoutineBody(
  ctx: PgContext, r: Routine, tok: Token | undefined, file: string, atomic?: { text: string; span: SourceSpan; atomic: boolean },
): Routine['body'] {
  const text = tok ? tok.value : atomic!.text;
  const start = tok ? bodyStart(tok) : { offset: atomic!.span.offset ?? 0, line: atomic!.span.line, column: atomic!.span.column };
  const span: SourceSpan = tok
    ? { file, line: start.line, column: start.column, endLine: tok.endLine, endColumn: tok.endColumn, offset: start.offset, endOffset: tok.end }
    : atomic!.span;
  const lang = r.language;
  if (lang !== 'plpgsql' && lang !== 'sql') return { kind: 'Unparsed', text, reason: `LANGUAGE ${lang}`, span };
  const scope = new Scope();
  for (const prm of r.params) if (prm.name) scope.declare(prm.name, { kind: 'variable' });
  if (lang === 'plpgsql') {
    // PL/pgSQL's implicit variables: FOUND everywhere, TG_* in trigger functions
    scope.declare('found', { kind: 'variable' });
    // RETURNS TABLE (…) columns are OUT parameters: variables of the body
    if (r.returns?.kind === 'table') for (const c of r.returns.columns) scope.declare(c.name, { kind: 'variable' });
    if (r.returns?.kind === 'trigger') {
      for (const v of ['tg_op', 'tg_name', 'tg_when', 'tg_level', 'tg_relid', 'tg_table_name', 'tg_table_schema', 'tg_relname', 'tg_nargs', 'tg_argv']) scope.declare(v, { kind: 'variable' });
    }
  }
  const p = new PgParser(lang === 'plpgsql' ? blankCompilerOptions(text) : text, file, start);
  if (p.lexErrors.length > 0) {
    const e = p.lexErrors[0]!;
    const at: SourceSpan = { file, line: e.line, column: e.column, endLine: e.line, endColumn: e.column };
    ctx.diag(PG.syntax, at, `Routine ${r.name.name}: ${e.message}`, { type: r.routineKind, name: r.name });
    return { kind: 'Unparsed', text, reason: e.message, span };
  }
  p.hooks.identifier = (parts, quoted, s) => scope.resolve(parts, quoted, s);
  try {
    if (lang === 'sql') {
      if (atomic) { p.expectWord('BEGIN'); p.expectWord('ATOMIC'); }
      const statements: Statement[] = parseSqlStatementList(p, ctx, r, atomic ? ['END'] : []);
      if (atomic) { p.expectWord('END'); p.acceptPunct(';'); }
      if (!p.atEnd()) throw p.error(`unexpected '${p.cur.text}' after the end of the body`);
      return { kind: 'SqlBody', statements, span };
    }
    const pl = new PlParser(p, ctx, r, scope);
    const block = pl.parseTopBlock();
    return block;
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    ctx.diag(PG.plpgsqlUnparsed, e.span, `Routine ${r.name.name}: ${e.detail}`, { type: r.routineKind, name: r.name });
    return { kind: 'Unparsed', text, reason: e.detail, span };
  }
}

import type { DdlStatement, Expr, Routine, SqlStatement, Statement } from '../../../model/index.js';
import type { Token } from '../../common/tokens.js';
import type { PgContext } from '../context.js';
import type { PgParser } from '../parser.js';
import { commonDml } from '../common-bridge.js';
import { parseCreateTable } from '../ddl/table.js';

/** Tokens from the cursor to the next top-level `;` (excluded); the cursor ends after the `;`. */
export function collectToSemicolon(p: PgParser): Token[] {
  const out: Token[] = [];
  let depth = 0;
  while (!p.atEnd()) {
    const t = p.cur;
    if (t.type === 'op') {
      if (t.value === '(' || t.value === '[') depth++;
      else if (t.value === ')' || t.value === ']') depth = Math.max(0, depth - 1);
      else if (t.value === ';' && depth === 0) { p.next(); return out; }
    }
    out.push(t);
    p.next();
  }
  return out;
}

export interface IntoClause { targets: Token[][]; strict: boolean; }

/**
 * Finds and removes PL/pgSQL's `INTO [STRICT] target, …` from a statement's tokens. For queries
 * it is the first top-level INTO (not INSERT INTO); for DML the INTO after RETURNING.
 */
export function extractInto(tokens: Token[]): { tokens: Token[]; into?: IntoClause } {
  const first = tokens[0];
  if (!first || first.type !== 'word') return { tokens };
  const isDml = first.upper === 'INSERT' || first.upper === 'UPDATE' || first.upper === 'DELETE' || first.upper === 'MERGE';
  let depth = 0;
  let seenReturning = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'op' && (t.value === '(' || t.value === '[')) depth++;
    else if (t.type === 'op' && (t.value === ')' || t.value === ']')) depth--;
    if (depth !== 0 || t.type !== 'word') continue;
    if (t.upper === 'RETURNING') seenReturning = true;
    if (t.upper !== 'INTO') continue;
    const prev = tokens[i - 1];
    if (prev?.type === 'word' && (prev.upper === 'INSERT' || prev.upper === 'MERGE')) continue;
    if (isDml && !seenReturning) continue;
    let j = i + 1;
    let strict = false;
    if (tokens[j]?.type === 'word' && tokens[j]!.upper === 'STRICT') { strict = true; j++; }
    const targets: Token[][] = [];
    for (;;) {
      const target: Token[] = [];
      while (j < tokens.length) {
        const a = tokens[j]!;
        if (a.type !== 'word' && a.type !== 'qident' && a.type !== 'variable') break;
        target.push(a); j++;
        if (tokens[j]?.type === 'op' && tokens[j]!.value === '.' ) { target.push(tokens[j]!); j++; continue; }
        break;
      }
      if (target.length === 0) break;
      targets.push(target);
      if (tokens[j]?.type === 'op' && tokens[j]!.value === ',' && tokens[j + 1] && (tokens[j + 1]!.type === 'word' || tokens[j + 1]!.type === 'qident')
        && !(tokens[j + 1]!.type === 'word' && ['FROM', 'WHERE'].includes(tokens[j + 1]!.upper))) { j++; continue; }
      break;
    }
    return { tokens: [...tokens.slice(0, i), ...tokens.slice(j)], into: { targets, strict } };
  }
  return { tokens };
}

/** A target token list (a / a.b / $1) as an expression, resolved through the parser's hooks. */
export function targetExpr(p: PgParser, toks: Token[]): Expr {
  const sub = p.sub(toks);
  return sub.expr();
}

/** One SQL statement (query or DML) from tokens already cut at `;`. */
export function sqlFromTokens(p: PgParser, tokens: Token[], perform = false): SqlStatement {
  const { tokens: rest, into } = extractInto(tokens);
  const sub = p.sub(rest);
  const stmt = commonDml(sub);
  if (!sub.atEnd()) throw sub.error(`unexpected '${sub.cur.text}' in the SQL statement`);
  const span = p.spanFrom(tokens[0]!, tokens[tokens.length - 1]!);
  const out: SqlStatement = { kind: 'SqlStatement', statement: stmt, span };
  if (perform) out.perform = true;
  if (into) {
    const targets = into.targets.map((t) => targetExpr(p, t));
    if (stmt.kind === 'Select') stmt.into = targets;
    else out.into = targets;
    if (into.strict) out.strict = true;
  }
  return out;
}

const DDL_WORDS = new Set(['CREATE', 'DROP', 'ALTER', 'TRUNCATE']);

export function isDdlStart(t: Token): boolean {
  return t.type === 'word' && DDL_WORDS.has(t.upper);
}

/** CREATE TEMP TABLE / DROP / ALTER / TRUNCATE inside a body. */
export function ddlFromTokens(p: PgParser, ctx: PgContext, tokens: Token[]): DdlStatement {
  const first = tokens[0]!;
  const span = p.spanFrom(first, tokens[tokens.length - 1]!);
  const text = p.textOf(span);
  const action = first.upper.toLowerCase() as DdlStatement['action'];
  const sub = p.sub(tokens);
  sub.next();
  const out: DdlStatement = { kind: 'DdlStatement', action, text, span };
  if (action === 'create') {
    const temporary = !!sub.acceptAnyKw('TEMP', 'TEMPORARY');
    const unlogged = sub.acceptWord('UNLOGGED');
    if (sub.acceptWord('TABLE')) {
      const t = parseCreateTable(sub, ctx, first, { ...(temporary ? { temporary } : {}), ...(unlogged ? { unlogged } : {}) });
      if (t && sub.atEnd()) {
        if (temporary) delete t.name.schema;
        out.object = t;
        out.target = { objectType: 'table', name: t.name };
      }
    }
    return out;
  }
  if (action === 'drop' || action === 'truncate') {
    const what = action === 'truncate' ? 'table' : sub.next().value.toLowerCase();
    if (action === 'truncate') sub.acceptWord('TABLE');
    out.ifExists = sub.acceptSeq('IF', 'EXISTS') || undefined;
    if (out.ifExists === undefined) delete out.ifExists;
    sub.acceptWord('ONLY');
    if (sub.isIdent()) out.target = { objectType: what, name: sub.qname() };
  }
  return out;
}

/** SQL-language body: statements separated by `;` up to the end or a stop word (END of BEGIN ATOMIC). */
export function parseSqlStatementList(p: PgParser, ctx: PgContext, r: Routine, stopWords: string[]): Statement[] {
  const out: Statement[] = [];
  void r;
  while (!p.atEnd() && !(stopWords.length > 0 && p.isWord(...stopWords))) {
    if (p.acceptPunct(';')) continue;
    const tokens = collectToSemicolon(p);
    if (tokens.length === 0) continue;
    if (isDdlStart(tokens[0]!)) out.push(ddlFromTokens(p, ctx, tokens));
    else out.push(sqlFromTokens(p, tokens));
  }
  return out;
}

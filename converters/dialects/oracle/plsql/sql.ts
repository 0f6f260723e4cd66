import type { Expr, Merge, Query, SqlStatement, Insert, Update, Delete } from '../../../model/index.js';
import { Parser, describeToken } from '../../common/parser.js';
import { parseExpressionList } from '../../common/expr.js';
import { parseDml } from '../../common/dml.js';
import type { LexStart, Token } from '../../common/tokens.js';
import { parseMultiInsert } from '../multi-insert.js';

/** Parses MERGE when the Oracle SQL layer provides it (ORA-FE registers it); undefined until then. */
export type MergeParser = (p: Parser) => Merge;

/**
 * Tokens from the cursor to the next `;` (excluded); the cursor ends after it. PL/SQL has no `;`
 * inside parentheses, so an unbalanced '(' cannot swallow the following statements.
 */
export function collectToSemicolon(p: Parser): Token[] {
  const out: Token[] = [];
  while (!p.atEnd()) {
    const t = p.cur;
    if (t.type === 'op' && t.value === ';') { p.next(); return out; }
    out.push(t);
    p.next();
  }
  throw p.error(`expected ';' but the unit ended`);
}

function eofAfter(t: Token): Token {
  return { type: 'eof', value: '', upper: '', text: '', offset: t.end, end: t.end, line: t.endLine, column: t.endColumn, endLine: t.endLine, endColumn: t.endColumn };
}

/** A parser over some of `p`'s tokens, sharing its text, dialect and hooks (spans stay file-relative). */
export function subParser(p: Parser, start: LexStart, tokens: Token[]): Parser {
  const last = tokens[tokens.length - 1] ?? p.cur;
  const sub = new Parser(p.text, p.file, p.dialect, start, [...tokens, eofAfter(last)]);
  sub.hooks = p.hooks;
  // details the tree cannot carry (Parser.notes) are reported once for the whole unit
  (sub as unknown as { notes: Parser['notes'] }).notes = p.notes;
  return sub;
}

function isWord(t: Token | undefined, w: string): boolean { return !!t && t.type === 'word' && t.upper === w; }

/**
 * Removes `BULK COLLECT` before an `INTO` outside parentheses. Returns whether it was there.
 */
function stripBulk(tokens: Token[]): { tokens: Token[]; bulk: boolean } {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'op') { if (t.value === '(') depth++; else if (t.value === ')') depth--; continue; }
    if (depth === 0 && isWord(t, 'BULK') && isWord(tokens[i + 1], 'COLLECT') && isWord(tokens[i + 2], 'INTO')) {
      return { tokens: [...tokens.slice(0, i), ...tokens.slice(i + 2)], bulk: true };
    }
  }
  return { tokens, bulk: false };
}

/**
 * DML `RETURNING|RETURN … INTO targets`: cuts `INTO targets` off the end (the common DML parser
 * reads RETURNING) and spells RETURN as RETURNING. Targets are the tokens after INTO.
 */
function splitReturningInto(tokens: Token[]): { tokens: Token[]; into?: Token[] } {
  let depth = 0;
  let returning = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'op') { if (t.value === '(') depth++; else if (t.value === ')') depth--; continue; }
    if (depth !== 0 || t.type !== 'word') continue;
    if (returning < 0 && (t.upper === 'RETURNING' || t.upper === 'RETURN')) returning = i;
    else if (returning >= 0 && t.upper === 'INTO') {
      const head = tokens.slice(0, i);
      if (tokens[returning]!.upper === 'RETURN') head[returning] = { ...tokens[returning]!, upper: 'RETURNING', value: 'RETURNING' };
      return { tokens: head, into: tokens.slice(i + 1) };
    }
  }
  return { tokens };
}

/**
 * PL/SQL record DML: INSERT … VALUES rec is read as VALUES (rec) with Insert.valuesRecord;
 * UPDATE … SET ROW = rec as an assignment to the column ROW with Update.setRow.
 */
function recordDml(tokens: Token[]): { tokens: Token[]; valuesRecord?: boolean; setRow?: boolean } {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    const n = tokens[i + 1]!;
    if (isWord(tokens[0], 'INSERT') && isWord(t, 'VALUES') && (n.type === 'word' || n.type === 'qident')) {
      // VALUES rec [RETURNING …]: one name, possibly qualified (pkg.rec / label.rec).
      let j = i + 2;
      while (tokens[j]?.type === 'op' && tokens[j]!.value === '.' && tokens[j + 1]) j += 2;
      const paren = (at: Token, value: string): Token => ({ ...at, type: 'op', value, upper: value, text: value });
      return { tokens: [...tokens.slice(0, i + 1), paren(n, '('), ...tokens.slice(i + 1, j), paren(tokens[j - 1]!, ')'), ...tokens.slice(j)], valuesRecord: true };
    }
    if (isWord(tokens[0], 'UPDATE') && isWord(t, 'SET') && isWord(n, 'ROW') && tokens[i + 2]?.type === 'op' && tokens[i + 2]!.value === '=') {
      return { tokens, setRow: true };
    }
  }
  return { tokens };
}

/**
 * One SQL statement (query, INSERT, UPDATE, DELETE, MERGE) from its tokens: SELECT … [BULK COLLECT]
 * INTO keeps its targets on Select.into (strict unless bulk: PL/SQL raises NO_DATA_FOUND /
 * TOO_MANY_ROWS); DML RETURNING … [BULK COLLECT] INTO puts them on SqlStatement.into.
 */
export function sqlFromTokens(p: Parser, start: LexStart, raw: Token[], merge: MergeParser | undefined): SqlStatement {
  const { tokens: stripped, bulk } = stripBulk(raw);
  // Oracle's FROM after DELETE is optional: DELETE employees WHERE …
  const noBulk = isWord(stripped[0], 'DELETE') && !isWord(stripped[1], 'FROM') && stripped[1]
    ? [stripped[0]!, { ...stripped[1], type: 'word' as const, value: 'FROM', upper: 'FROM', text: '', end: stripped[1].offset }, ...stripped.slice(1)]
    : stripped;
  const first = noBulk[0]!;
  const record = recordDml(noBulk);
  const isDml = isWord(first, 'INSERT') || isWord(first, 'UPDATE') || isWord(first, 'DELETE') || isWord(first, 'MERGE');
  const { tokens, into } = isDml ? splitReturningInto(record.tokens) : { tokens: record.tokens, into: undefined };
  const sub = subParser(p, start, tokens);
  let stmt: Query | Insert | Update | Delete | Merge;
  if (isWord(first, 'MERGE')) {
    if (!merge) throw p.error('MERGE inside PL/SQL needs the Oracle SQL front end', first);
    stmt = merge(sub);
  } else if (isWord(first, 'INSERT') && (isWord(noBulk[1], 'ALL') || isWord(noBulk[1], 'FIRST'))) {
    stmt = parseMultiInsert(sub);
  } else {
    stmt = parseDml(sub);
  }
  if (!sub.atEnd()) throw sub.error(`unexpected ${describeToken(sub.cur)} in the SQL statement`);
  if (record.valuesRecord && stmt.kind === 'Insert') stmt.valuesRecord = true;
  if (record.setRow && stmt.kind === 'Update') stmt.setRow = true;
  const span = p.spanFrom(raw[0]!, raw[raw.length - 1]!);
  const out: SqlStatement = { kind: 'SqlStatement', statement: stmt, span };
  if (bulk) out.bulk = true;
  if (into) {
    if (into.length === 0) throw p.error('expected the targets of RETURNING … INTO', raw[raw.length - 1]!);
    const tp = subParser(p, start, into);
    const targets: Expr[] = parseExpressionList(tp);
    if (!tp.atEnd()) throw tp.error(`unexpected ${describeToken(tp.cur)} after the INTO targets`);
    out.into = targets;
  } else if (stmt.kind === 'Select' && stmt.into?.length && !bulk) {
    out.strict = true;
  }
  return out;
}

import type { IndexColumn, QualifiedName, ReferentialAction, ForeignKey, SourceSpan } from '../../../model/index.js';
import { Parser, describeToken } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import { qualifiedName } from '../../common/names.js';
import type { Token } from '../../common/tokens.js';

/** [schema.]name of an object. */
export function objectName(p: Parser, what = 'a name'): QualifiedName {
  const save = p.pos;
  const name = p.identName(what);
  // An unqualified name (most of them) without the parts arrays.
  if (!(p.isOp('.') && p.isIdent(1))) return p.lastQuoted ? { name, quoted: true } : { name };
  p.pos = save;
  const q = p.qualifiedParts(what);
  return qualifiedName(q.parts, q.quoted);
}

/** DEFINER = user@host | CURRENT_USER[()] → text as written. */
export function parseDefinerValue(p: Parser): string {
  const start = p.cur;
  if (p.acceptKw('CURRENT_USER')) {
    if (p.isOp('(')) { p.next(); p.expectOp(')'); }
    return 'CURRENT_USER';
  }
  const t = p.cur;
  if (t.type !== 'string' && t.type !== 'word' && t.type !== 'qident') throw p.error(`expected a user name after DEFINER = but found ${describeToken(t)}`);
  p.next();
  if (p.cur.type === 'variable' && p.cur.prefix === '@') p.next();
  else if (p.isOp('@')) { p.next(); p.next(); }
  return p.textBetween(start);
}

/** Words allowed between CREATE and the object kind: OR REPLACE, ALGORITHM=, DEFINER=, SQL SECURITY … */
export interface CreatePrefix {
  orReplace?: boolean;
  algorithm?: string;
  definer?: string;
  security?: 'definer' | 'invoker';
  temporary?: boolean;
  ifNotExists?: boolean;
}

export function parseCreatePrefix(p: Parser): CreatePrefix {
  const out: CreatePrefix = {};
  for (;;) {
    if (p.acceptKws('OR', 'REPLACE')) { out.orReplace = true; continue; }
    if (p.isKw('ALGORITHM') && p.isOp('=', 1)) { p.pos += 2; out.algorithm = p.next().upper; continue; }
    if (p.isKw('DEFINER') && p.isOp('=', 1)) { p.pos += 2; out.definer = parseDefinerValue(p); continue; }
    if (p.acceptKws('SQL', 'SECURITY')) { out.security = p.expectAnyKw('DEFINER', 'INVOKER') === 'DEFINER' ? 'definer' : 'invoker'; continue; }
    if (p.acceptKw('TEMPORARY')) { out.temporary = true; continue; }
    if (p.acceptKw('AGGREGATE')) continue;
    break;
  }
  return out;
}

export function parseIfNotExists(p: Parser): boolean { return p.acceptKws('IF', 'NOT', 'EXISTS'); }
export function parseIfExists(p: Parser): boolean { return p.acceptKws('IF', 'EXISTS'); }

/** ( col [(len)] [ASC|DESC] | (expr) [ASC|DESC], … ) */
export function parseKeyParts(p: Parser): IndexColumn[] {
  p.expectOp('(');
  // Most keys have one part: a one-element array then, not a grown one.
  let first: IndexColumn | undefined;
  let out: IndexColumn[] | undefined;
  do {
    const part: IndexColumn = {};
    if (p.isOp('(')) {
      p.next();
      part.expr = parseExpression(p);
      p.expectOp(')');
    } else {
      part.column = p.identName('a column name');
      if (p.isOp('(')) { p.next(); part.prefixLength = p.integer('a prefix length'); p.expectOp(')'); }
    }
    const t = p.cur;
    if (t.type === 'word' && (t.upper === 'ASC' || t.upper === 'DESC')) { p.pos++; part.direction = t.upper === 'ASC' ? 'asc' : 'desc'; }
    if (first === undefined) first = part;
    else if (out === undefined) out = [first, part];
    else out.push(part);
  } while (p.acceptOp(','));
  p.expectOp(')');
  return out ?? [first];
}

/** name [, name …] (a one-name list is a one-element array). */
export function columnNames(p: Parser): string[] {
  const first = p.identName('a column name');
  if (!p.isOp(',')) return [first];
  const out = [first];
  while (p.acceptOp(',')) out.push(p.identName('a column name'));
  return out;
}

export interface IndexOptions {
  using?: 'btree' | 'hash';
  parser?: string;
  comment?: string;
  invisible?: boolean;
}

const NO_INDEX_OPTIONS: IndexOptions = Object.freeze({});

/**
 * USING BTREE|HASH, KEY_BLOCK_SIZE, WITH PARSER, COMMENT, VISIBLE/INVISIBLE, *_ATTRIBUTE …, set on
 * `into` (a new object when options are found and none is given); use the result, which is a
 * shared empty (frozen) object when there were none.
 */
export function parseIndexOptions(p: Parser, into: IndexOptions = NO_INDEX_OPTIONS): IndexOptions {
  for (;;) {
    const t = p.cur;
    if (t.type !== 'word') return into;
    const w = t.upper;
    if (into === NO_INDEX_OPTIONS && (w === 'USING' || w === 'TYPE' || w === 'WITH' || w === 'COMMENT' || w === 'INVISIBLE' || w === 'IGNORED')) into = {};
    if (p.acceptKw('USING') || p.acceptKw('TYPE')) { into.using = p.expectAnyKw('BTREE', 'HASH', 'RTREE') === 'HASH' ? 'hash' : 'btree'; continue; }
    if (p.acceptKw('KEY_BLOCK_SIZE')) { p.acceptOp('='); p.next(); continue; }
    if (p.acceptKws('WITH', 'PARSER')) { into.parser = p.ident('a parser name').name; continue; }
    if (p.acceptKw('COMMENT')) { p.acceptOp('='); into.comment = stringValue(p); continue; }
    if (p.acceptKw('VISIBLE')) continue;
    if (p.acceptKw('INVISIBLE') || p.acceptKw('IGNORED')) { into.invisible = true; continue; }
    if (p.acceptKws('NOT', 'IGNORED')) continue;
    if (p.isAnyKw('ENGINE_ATTRIBUTE', 'SECONDARY_ENGINE_ATTRIBUTE', 'CLUSTERING')) { p.next(); p.acceptOp('='); p.next(); continue; }
    return into;
  }
}

/** A string literal (adjacent literals concatenated). */
export function stringValue(p: Parser): string {
  const t = p.cur;
  if (t.type !== 'string') throw p.error(`expected a quoted string but found ${describeToken(t)}`);
  p.next();
  let v = t.value;
  while (p.cur.type === 'string' && !p.cur.prefix) v += p.next().value;
  return v;
}

const ACTIONS: Record<string, ReferentialAction> = { CASCADE: 'cascade', RESTRICT: 'restrict' };

function referentialAction(p: Parser): ReferentialAction {
  const w = p.expectAnyKw('CASCADE', 'RESTRICT', 'SET', 'NO');
  if (ACTIONS[w]) return ACTIONS[w];
  if (w === 'SET') return p.expectAnyKw('NULL', 'DEFAULT') === 'NULL' ? 'set null' : 'set default';
  p.expectKw('ACTION');
  return 'no action';
}

/** REFERENCES t (cols) [MATCH …] [ON DELETE a] [ON UPDATE a] into a ForeignKey (columns filled by caller). */
export function parseReferences(p: Parser, columns: string[], span: SourceSpan, start: Token): ForeignKey {
  p.expectKw('REFERENCES');
  const refTable = objectName(p, 'a table name');
  let refColumns: string[] = [];
  if (p.isOp('(')) {
    p.next();
    let first: string | undefined;
    do {
      const c = p.identName('a column name');
      if (first === undefined) first = c;
      else if (refColumns.length === 0) refColumns = [first, c];
      else refColumns.push(c);
      if (p.isOp('(')) p.skipParens();
      const t = p.cur;
      if (t.type === 'word' && (t.upper === 'ASC' || t.upper === 'DESC')) p.pos++;
    } while (p.acceptOp(','));
    if (refColumns.length === 0) refColumns = [first!];
    p.expectOp(')');
  }
  const fk: ForeignKey = { kind: 'ForeignKey', columns, refTable, refColumns, span };
  for (;;) {
    if (p.acceptKw('MATCH')) { fk.match = p.expectAnyKw('FULL', 'PARTIAL', 'SIMPLE').toLowerCase() as 'full'; continue; }
    if (p.acceptKws('ON', 'DELETE')) { fk.onDelete = referentialAction(p); continue; }
    if (p.acceptKws('ON', 'UPDATE')) { fk.onUpdate = referentialAction(p); continue; }
    break;
  }
  fk.span = p.spanFrom(start);
  return fk;
}

import type { Expr, IndexColumn, QualifiedName, ReferentialAction, SourceSpan } from '../../../model/index.js';
import { Parser } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import { qualifiedName } from '../../common/names.js';
import type { TsContext } from '../context.js';
import { TS } from '../codes.js';

export function objectName(p: Parser, what = 'a name'): QualifiedName {
  const q = p.qualifiedParts(what);
  return qualifiedName(q.parts, q.quoted);
}

/** ( col [ASC|DESC], … ) */
export function keyColumns(p: Parser): IndexColumn[] {
  p.expectOp('(');
  const out: IndexColumn[] = [];
  do {
    const c: IndexColumn = { column: p.ident('a column name').name };
    const dir = p.acceptAnyKw('ASC', 'DESC');
    if (dir) c.direction = dir === 'ASC' ? 'asc' : 'desc';
    out.push(c);
  } while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

export function nameList(p: Parser): string[] {
  p.expectOp('(');
  const out: string[] = [];
  do out.push(p.ident('a column name').name); while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

/** CLUSTERED / NONCLUSTERED [COLUMNSTORE] [HASH]: physical, reported once per statement by the caller. */
export function acceptClustering(p: Parser): string | undefined {
  const w = p.acceptAnyKw('CLUSTERED', 'NONCLUSTERED');
  if (w) p.acceptAnyKw('COLUMNSTORE', 'HASH');
  return w;
}

/**
 * Physical clauses after a key, index or table: WITH (…), WITH FILLFACTOR = n, ON filegroup | scheme(col),
 * TEXTIMAGE_ON fg, FILESTREAM_ON fg. Returns their text (for Table.options) or undefined.
 */
export function physicalClauses(p: Parser, ctx: TsContext, span: SourceSpan, allowOn = true): string[] {
  const out: string[] = [];
  for (;;) {
    const start = p.cur;
    if (p.isKw('WITH') && p.isOp('(', 1)) { p.next(); p.skipParens(); out.push(p.textBetween(start)); continue; }
    if (p.isKws('WITH', 'FILLFACTOR')) { p.pos += 2; p.expectOp('='); p.integer(); out.push(p.textBetween(start)); continue; }
    if (allowOn && p.isKw('ON') && (p.peek(1).type === 'word' || p.peek(1).type === 'qident' || p.peek(1).type === 'string') && !p.isKw('DELETE', 1) && !p.isKw('UPDATE', 1)) {
      p.next();
      p.next();
      if (p.isOp('(')) p.skipParens();
      out.push(p.textBetween(start));
      continue;
    }
    if (p.isAnyKw('TEXTIMAGE_ON', 'FILESTREAM_ON')) { p.next(); p.next(); out.push(p.textBetween(start)); continue; }
    break;
  }
  if (out.length) ctx.diag(TS.ignoredClause, span, `Ignored: ${out.join(' ')}`);
  return out;
}

const ACTIONS: Record<string, ReferentialAction> = { CASCADE: 'cascade', 'NO ACTION': 'no action', 'SET NULL': 'set null', 'SET DEFAULT': 'set default' };

/** REFERENCES t [(cols)] [ON DELETE a] [ON UPDATE a] [NOT FOR REPLICATION] */
export function references(p: Parser): { refTable: QualifiedName; refColumns: string[]; onDelete?: ReferentialAction; onUpdate?: ReferentialAction } {
  p.expectKw('REFERENCES');
  const refTable = objectName(p, 'a table name');
  const refColumns = p.isOp('(') ? nameList(p) : [];
  const out: { refTable: QualifiedName; refColumns: string[]; onDelete?: ReferentialAction; onUpdate?: ReferentialAction } = { refTable, refColumns };
  while (p.isKw('ON') && p.isAnyKwAt(1, 'DELETE', 'UPDATE')) {
    p.next();
    const ev = p.next().upper;
    let a: string;
    if (p.acceptKws('NO', 'ACTION')) a = 'NO ACTION';
    else if (p.acceptKw('CASCADE')) a = 'CASCADE';
    else { p.expectKw('SET'); a = `SET ${p.expectAnyKw('NULL', 'DEFAULT')}`; }
    if (ev === 'DELETE') out.onDelete = ACTIONS[a]!; else out.onUpdate = ACTIONS[a]!;
  }
  p.acceptKws('NOT', 'FOR', 'REPLICATION');
  return out;
}

/** DEFAULT value: usually parenthesised, ((0)) in scripted output. */
export function defaultExpr(p: Parser): Expr {
  return parseExpression(p);
}

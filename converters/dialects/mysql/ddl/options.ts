import type { Expr, PartitionDef, Partitioning, SourceSpan, Table } from '../../../model/index.js';
import { Parser, describeToken } from '../../common/parser.js';
import { parseExpression, parseExpressionList } from '../../common/expr.js';
import { stringValue } from './parts.js';

/** Option names made of two words. */
const TWO_WORD_OPTIONS = new Set(['DATA DIRECTORY', 'INDEX DIRECTORY', 'STORAGE ENGINE']);

/**
 * Table options: ENGINE=, AUTO_INCREMENT=, [DEFAULT] CHARSET/CHARACTER SET, [DEFAULT] COLLATE,
 * COMMENT=, and any other NAME [=] value (kept in table.options, upper-case keys).
 * Returns false when the cursor is not at a table option.
 */
export function parseTableOption(p: Parser, table: Table): boolean {
  const t = p.cur;
  if (t.type !== 'word') return false;
  const save = p.pos;
  p.acceptKw('DEFAULT');
  if (p.acceptKws('CHARACTER', 'SET') || p.acceptKw('CHARSET')) {
    p.acceptOp('=');
    table.charset = p.identOrString('a character set name').name.toLowerCase();
    return true;
  }
  if (p.acceptKw('COLLATE')) {
    p.acceptOp('=');
    table.collation = p.identOrString('a collation name').name;
    return true;
  }
  if (p.pos !== save) { p.pos = save; return false; }
  const w = t.upper;
  if (w === 'PARTITION' || w === 'AS' || w === 'SELECT' || w === 'IGNORE' || w === 'REPLACE' || (w === 'WITH' && !p.isKw('SYSTEM', 1))) return false;
  if (p.isKws('WITH', 'SYSTEM', 'VERSIONING')) { p.pos += 3; table.options.SYSTEM_VERSIONING = 'ON'; return true; }
  if (w === 'COMMENT') { p.next(); p.acceptOp('='); table.comment = stringValue(p); return true; }
  if (w === 'AUTO_INCREMENT') {
    p.next();
    p.acceptOp('=');
    table.autoIncrementStart = p.integer('a number');
    return true;
  }
  if (w === 'UNION') {
    p.next();
    p.acceptOp('=');
    table.options.UNION = p.skipParens();
    return true;
  }
  const n1 = p.peek(1);
  let key = w;
  if (n1.type === 'word' && TWO_WORD_OPTIONS.has(`${w} ${n1.upper}`)) { key = `${w} ${n1.upper}`; p.next(); }
  const after = p.peek(1);
  const hasEq = after.type === 'op' && after.value === '=';
  const valueFollows = hasEq || after.type === 'number' || after.type === 'string' || after.type === 'word' || after.type === 'qident';
  if (!valueFollows) { p.pos = save; return false; }
  p.next();
  p.acceptOp('=');
  const v = p.next();
  if (v.type === 'eof') throw p.error(`expected a value for table option ${key}`);
  table.options[key === 'STORAGE ENGINE' ? 'ENGINE' : key] = v.type === 'word' ? v.value : v.value;
  if (key === 'TABLESPACE' && p.acceptKw('STORAGE')) p.next();
  return true;
}

/**
 * PARTITION BY … [PARTITIONS n] [SUBPARTITION BY …] [(PARTITION p … , …)]. `onDropped` hears about
 * explicit subpartition definitions, which the model does not keep.
 */
export function parsePartitioning(p: Parser, onDropped?: (span: SourceSpan) => void): Partitioning {
  const dropped: SourceSpan[] = [];
  p.expectKws('PARTITION', 'BY');
  const part = parsePartitionMethod(p) as Partitioning;
  part.partitions = [];
  if (p.acceptKw('PARTITIONS')) part.count = p.integer('a partition count');
  if (p.acceptKws('SUBPARTITION', 'BY')) {
    const sub = parsePartitionMethod(p);
    if (p.acceptKw('SUBPARTITIONS')) sub.count = p.integer('a subpartition count');
    part.subpartitioning = sub;
  }
  if (p.isOp('(')) {
    p.next();
    do part.partitions.push(parsePartitionDef(p, dropped)); while (p.acceptOp(','));
    p.expectOp(')');
  }
  if (dropped.length && onDropped) onDropped(dropped[0]!);
  return part;
}

function parsePartitionMethod(p: Parser): Omit<Partitioning, 'partitions' | 'subpartitioning'> {
  const linear = p.acceptKw('LINEAR');
  const m = p.expectAnyKw('RANGE', 'LIST', 'HASH', 'KEY');
  const out: Omit<Partitioning, 'partitions' | 'subpartitioning'> = { method: m.toLowerCase() as 'range', columns: [] };
  if (linear) out.linear = true;
  if (m === 'KEY') {
    if (p.acceptKw('ALGORITHM')) { p.expectOp('='); p.integer(); }
    p.expectOp('(');
    if (!p.isOp(')')) { do out.columns.push(p.ident('a column name').name); while (p.acceptOp(',')); }
    p.expectOp(')');
    return out;
  }
  if ((m === 'RANGE' || m === 'LIST') && p.acceptKw('COLUMNS')) {
    p.expectOp('(');
    do out.columns.push(p.ident('a column name').name); while (p.acceptOp(','));
    p.expectOp(')');
    return out;
  }
  p.expectOp('(');
  out.expr = parseExpression(p);
  p.expectOp(')');
  return out;
}

function boundList(p: Parser): Expr[] {
  if (p.isKw('MAXVALUE')) { const t = p.next(); return [{ kind: 'ColumnRef', parts: ['MAXVALUE'], span: p.tokenSpan(t) }]; }
  p.expectOp('(');
  const items: Expr[] = [];
  do {
    if (p.isKw('MAXVALUE')) { const t = p.next(); items.push({ kind: 'ColumnRef', parts: ['MAXVALUE'], span: p.tokenSpan(t) }); }
    else items.push(parseExpression(p));
  } while (p.acceptOp(','));
  p.expectOp(')');
  return items;
}

function parsePartitionDef(p: Parser, dropped: SourceSpan[]): PartitionDef {
  const start = p.expectKw('PARTITION');
  const def: PartitionDef = { name: p.ident('a partition name').name, span: p.tokenSpan(start) };
  if (p.acceptKw('VALUES')) {
    if (p.acceptKws('LESS', 'THAN')) def.lessThan = boundList(p);
    else if (p.acceptKw('IN')) {
      p.expectOp('(');
      def.in = parseExpressionList(p);
      p.expectOp(')');
    } else throw p.error(`expected LESS THAN or IN after VALUES but found ${describeToken(p.cur)}`);
  }
  for (;;) {
    if (p.acceptKw('COMMENT')) { p.acceptOp('='); def.comment = stringValue(p); continue; }
    if (p.acceptKw('TABLESPACE')) { p.acceptOp('='); def.tablespace = p.ident('a tablespace name').name; continue; }
    if (p.isAnyKw('ENGINE', 'STORAGE', 'MAX_ROWS', 'MIN_ROWS', 'NODEGROUP', 'DATA', 'INDEX')) {
      const w = p.next().upper;
      if (w === 'STORAGE' || w === 'DATA' || w === 'INDEX') p.next();
      p.acceptOp('=');
      p.next();
      continue;
    }
    break;
  }
  if (p.isOp('(')) {
    // Subpartition definitions have no place in the model (only the SUBPARTITION BY method is kept).
    const t = p.cur;
    p.skipParens();
    dropped.push(p.spanFrom(t));
  }
  def.span = p.spanFrom(start);
  return def;
}

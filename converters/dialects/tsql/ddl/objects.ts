import type { CatalogObject, Index, Sequence, View } from '../../../model/index.js';
import { NO_SPAN } from '../../../model/index.js';
import { Parser, describeToken } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import { parseQuery } from '../../common/query.js';
import type { Token } from '../../common/tokens.js';
import type { TsContext } from '../context.js';
import { TS } from '../codes.js';
import { parseTsqlDataType } from '../datatype.js';
import { acceptClustering, keyColumns, nameList, objectName, physicalClauses } from './parts.js';
import { parseColumnDef, parseTableConstraint } from './table.js';

/** CREATE [UNIQUE] [CLUSTERED|NONCLUSTERED] INDEX n ON t (cols) [INCLUDE (…)] [WHERE …] [WITH (…)] [ON fg] — after CREATE. */
export function parseCreateIndex(p: Parser, ctx: TsContext, start: Token): Index {
  const unique = p.acceptKw('UNIQUE');
  const clustering = acceptClustering(p);
  if (p.isKw('COLUMNSTORE') || p.isKw('XML') || p.isKw('SPATIAL') || p.isKw('FULLTEXT') || p.isKw('PRIMARY')) throw p.error(`CREATE ${p.cur.upper} INDEX is not converted`);
  p.expectKw('INDEX');
  const name = p.ident('an index name').name;
  p.expectKw('ON');
  const table = ctx.qualify(objectName(p, 'a table name'));
  const ix: Index = { kind: 'Index', name, table, columns: keyColumns(p), unique, span: NO_SPAN };
  if (p.acceptKw('INCLUDE')) ix.include = nameList(p);
  if (p.acceptKw('WHERE')) ix.where = parseExpression(p);
  physicalClauses(p, ctx, p.spanFrom(start));
  if (clustering === 'CLUSTERED') ctx.diag(TS.ignoredClause, p.spanFrom(start), `Clustered index ${name}: the target does not keep rows in index order (PostgreSQL CLUSTER is a one-time reorder)`);
  ix.span = p.spanFrom(start);
  return ix;
}

/** CREATE VIEW n [(cols)] [WITH SCHEMABINDING|ENCRYPTION|VIEW_METADATA] AS select [WITH CHECK OPTION] — after CREATE [OR ALTER] VIEW. */
export function parseCreateView(p: Parser, ctx: TsContext, start: Token, orReplace: boolean): View {
  const name = ctx.qualify(objectName(p, 'a view name'));
  const view: View = { kind: 'View', name, query: { kind: 'Unparsed', text: '', reason: '', span: NO_SPAN }, span: NO_SPAN };
  if (orReplace) view.orReplace = true;
  if (p.isOp('(')) view.columns = nameList(p);
  if (p.acceptKw('WITH')) {
    do {
      const opt = p.expectAnyKw('SCHEMABINDING', 'ENCRYPTION', 'VIEW_METADATA');
      if (opt === 'ENCRYPTION') ctx.diag(TS.ignoredClause, p.spanFrom(start), `WITH ENCRYPTION on view ${name.name}: the target stores the definition readable`);
    } while (p.acceptOp(','));
  }
  p.expectKw('AS');
  const qStart = p.cur;
  try {
    view.query = parseQuery(p);
    if (p.acceptKws('WITH', 'CHECK', 'OPTION')) view.checkOption = 'cascaded';
    p.acceptOp(';');
    if (!p.atEnd()) throw p.error(`unexpected ${describeToken(p.cur)} after the view's query (a view is one SELECT)`);
  } catch (e) {
    if (!(e instanceof Error) || !('span' in e)) throw e;
    const err = e as Error & { span: View['span']; detail: string };
    view.query = { kind: 'Unparsed', text: p.textFrom(qStart), reason: err.detail, span: p.spanFrom(qStart, p.tokens[p.tokens.length - 2] ?? qStart) };
    ctx.diag(TS.bodyNotParsed, err.span, `View ${name.name}: ${err.detail}; the query is kept as text`);
    p.pos = p.tokens.length - 1;
  }
  view.span = p.spanFrom(start);
  return view;
}

/** CREATE TYPE n FROM base [NULL|NOT NULL] | AS TABLE (…) | EXTERNAL NAME — after CREATE TYPE. */
export function parseCreateType(p: Parser, ctx: TsContext, start: Token): CatalogObject {
  const name = ctx.qualify(objectName(p, 'a type name'));
  if (p.acceptKw('FROM')) {
    const baseType = parseTsqlDataType(p);
    const notNull = p.acceptKws('NOT', 'NULL');
    if (!notNull) p.acceptKw('NULL');
    return { kind: 'Domain', name, baseType, checks: [], ...(notNull ? { notNull } : {}), span: p.spanFrom(start) };
  }
  if (p.acceptKws('EXTERNAL', 'NAME')) throw new ClrObject();
  p.expectKws('AS', 'TABLE');
  p.expectOp('(');
  const attributes: { name: string; dataType: import('../../../model/index.js').DataType }[] = [];
  const constraints: import('../../../model/index.js').Constraint[] = [];
  do {
    if (p.isOp(')')) break;
    const itemStart = p.cur;
    if (p.isKw('CONSTRAINT') || p.isAnyKw('PRIMARY', 'UNIQUE', 'CHECK', 'INDEX')) {
      if (p.acceptKw('INDEX')) { p.ident(); acceptClustering(p); keyColumns(p); continue; }
      const cname = p.acceptKw('CONSTRAINT') ? p.ident().name : undefined;
      parseTableConstraint(p, ctx, itemStart, cname);
      continue;
    }
    const c = parseColumnDef(p, ctx, constraints, itemStart);
    attributes.push({ name: c.name, dataType: c.dataType });
  } while (p.acceptOp(','));
  p.expectOp(')');
  ctx.diag(TS.unsupportedStatement, p.spanFrom(start), `Table type ${name.name} (for table-valued parameters) is read as a composite type: table-valued parameters need rewriting (arrays of the composite type, or a temporary table)`);
  return { kind: 'CompositeType', name, attributes, span: p.spanFrom(start) };
}

/** Thrown by parsers that meet EXTERNAL NAME (CLR assemblies). */
export class ClrObject extends Error {
  constructor() { super('CLR object'); }
}

/** CREATE SEQUENCE n [AS type] [START WITH n] [INCREMENT BY n] [MIN/MAXVALUE] [CYCLE] [CACHE n] — after CREATE SEQUENCE. */
export function parseCreateSequence(p: Parser, ctx: TsContext, start: Token): Sequence {
  const name = ctx.qualify(objectName(p, 'a sequence name'));
  const seq: Sequence = { kind: 'Sequence', name, span: NO_SPAN };
  for (;;) {
    if (p.acceptKw('AS')) { seq.dataType = parseTsqlDataType(p); continue; }
    if (p.acceptKws('START', 'WITH')) { seq.start = p.integer(); continue; }
    if (p.acceptKws('INCREMENT', 'BY')) { seq.increment = p.integer(); continue; }
    if (p.acceptKw('MINVALUE')) { seq.minValue = p.integer(); continue; }
    if (p.acceptKw('MAXVALUE')) { seq.maxValue = p.integer(); continue; }
    if (p.acceptKws('NO', 'MINVALUE') || p.acceptKws('NO', 'MAXVALUE') || p.acceptKws('NO', 'CACHE')) continue;
    if (p.acceptKws('NO', 'CYCLE')) { seq.cycle = false; continue; }
    if (p.acceptKw('CYCLE')) { seq.cycle = true; continue; }
    if (p.acceptKw('CACHE')) { if (p.cur.type === 'number') seq.cache = p.integer(); continue; }
    break;
  }
  // SQL Server sequences default to the type's minimum as start (bigint: -2^63); scripts nearly always say START WITH.
  if (seq.start === undefined) ctx.diag(TS.ignoredClause, p.spanFrom(start), `Sequence ${name.name} has no START WITH: SQL Server starts it at the type's minimum value, the target at 1; set START WITH explicitly`);
  seq.span = p.spanFrom(start);
  return seq;
}

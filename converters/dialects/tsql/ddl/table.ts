import type { Column, Constraint, Index, Table } from '../../../model/index.js';
import { NO_SPAN } from '../../../model/index.js';
import { Parser, describeToken } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import type { Token } from '../../common/tokens.js';
import type { TsContext } from '../context.js';
import { TS } from '../codes.js';
import { parseTsqlDataType } from '../datatype.js';
import { acceptClustering, defaultExpr, keyColumns, nameList, objectName, physicalClauses, references } from './parts.js';

/** Type-level findings for a column or variable type. */
export function checkType(ctx: TsContext, col: { name: string; dataType: Column['dataType'] }): void {
  const t = col.dataType;
  if (t.name === 'unknown') ctx.diag(TS.unknownType, t.span, `${col.name}: ${t.sourceText} has no portable equivalent`);
  else if (/^(timestamp|rowversion)$/i.test(t.sourceText.replace(/["[\]]/g, ''))) ctx.diag(TS.rowversion, t.span, `${col.name} is ${t.sourceText}: a row version maintained by SQL Server`);
}

/** Column definition; inline constraints go to `constraints`. */
export function parseColumnDef(p: Parser, ctx: TsContext, constraints: Constraint[], tableSpanStart: Token): Column {
  const start = p.cur;
  const id = p.ident('a column name');
  const column: Column = { kind: 'Column', name: id.name, nullable: true, span: NO_SPAN, dataType: { kind: 'DataType', name: 'unknown', sourceText: '', span: p.tokenSpan(start) } };
  if (id.quoted) column.quoted = true;
  if (p.acceptKw('AS')) {
    const expr = parseExpression(p);
    const stored = p.acceptKw('PERSISTED');
    column.generated = { expr, stored };
    column.dataType = { kind: 'DataType', name: 'unknown', sourceText: '', span: expr.span };
  } else {
    column.dataType = parseTsqlDataType(p);
    checkType(ctx, column);
  }
  let constraintName: string | undefined;
  for (;;) {
    const t = p.cur;
    if (t.type !== 'word') break;
    const w = t.upper;
    const cStart = constraintName !== undefined ? p.prev : t;
    if (w === 'NOT' && p.isKw('NULL', 1)) { p.pos += 2; column.nullable = false; continue; }
    if (w === 'NULL') { p.next(); column.nullable = true; continue; }
    if (w === 'COLLATE') { p.next(); column.collation = p.ident('a collation name').name; column.dataType.collation = column.collation; continue; }
    if (w === 'IDENTITY') {
      p.next();
      column.identity = { style: 'byDefault' };
      if (p.acceptOp('(')) {
        column.identity.start = p.integer('a seed');
        p.expectOp(',');
        column.identity.increment = p.integer('an increment');
        p.expectOp(')');
      } else { column.identity.start = 1; column.identity.increment = 1; }
      p.acceptKws('NOT', 'FOR', 'REPLICATION');
      column.nullable = false;
      continue;
    }
    if (w === 'ROWGUIDCOL' || w === 'SPARSE' || w === 'FILESTREAM' || w === 'PERSISTED') { p.next(); continue; }
    if (p.isKws('NOT', 'FOR', 'REPLICATION')) { p.pos += 3; continue; }
    if (w === 'CONSTRAINT') { p.next(); constraintName = p.ident('a constraint name').name; continue; }
    if (w === 'DEFAULT') {
      p.next();
      column.default = defaultExpr(p);
      if (constraintName) column.defaultName = constraintName;
      p.acceptKws('WITH', 'VALUES');
      constraintName = undefined;
      continue;
    }
    if (w === 'PRIMARY' || w === 'UNIQUE') {
      p.next();
      if (w === 'PRIMARY') p.expectKw('KEY');
      acceptClustering(p);
      physicalClauses(p, ctx, p.spanFrom(t));
      const c: Constraint = w === 'PRIMARY'
        ? { kind: 'PrimaryKey', columns: [{ column: id.name }], span: p.spanFrom(cStart) }
        : { kind: 'Unique', columns: [{ column: id.name }], span: p.spanFrom(cStart) };
      if (constraintName) c.name = constraintName;
      if (w === 'PRIMARY') column.nullable = false;
      constraints.push(c);
      constraintName = undefined;
      continue;
    }
    if (w === 'CHECK') {
      p.next();
      p.acceptKws('NOT', 'FOR', 'REPLICATION');
      p.expectOp('(');
      const expr = parseExpression(p);
      p.expectOp(')');
      constraints.push({ kind: 'Check', expr, span: p.spanFrom(cStart), ...(constraintName ? { name: constraintName } : {}) });
      constraintName = undefined;
      continue;
    }
    if (w === 'REFERENCES' || (w === 'FOREIGN' && p.isKw('KEY', 1))) {
      if (w === 'FOREIGN') p.pos += 2;
      const r = references(p);
      constraints.push({ kind: 'ForeignKey', columns: [id.name], ...r, span: p.spanFrom(cStart), ...(constraintName ? { name: constraintName } : {}) });
      constraintName = undefined;
      continue;
    }
    break;
  }
  void tableSpanStart;
  column.span = p.spanFrom(start);
  return column;
}

/** Out-of-line constraint (CONSTRAINT name already read into `name`). */
export function parseTableConstraint(p: Parser, ctx: TsContext, start: Token, name: string | undefined): Constraint | 'default' {
  const t = p.cur;
  let c: Constraint;
  if (p.acceptKws('PRIMARY', 'KEY') || p.acceptKw('UNIQUE')) {
    const pk = t.upper === 'PRIMARY';
    acceptClustering(p);
    const columns = keyColumns(p);
    physicalClauses(p, ctx, p.spanFrom(t));
    c = pk ? { kind: 'PrimaryKey', columns, span: NO_SPAN } : { kind: 'Unique', columns, span: NO_SPAN };
  } else if (p.acceptKws('FOREIGN', 'KEY')) {
    const columns = nameList(p);
    c = { kind: 'ForeignKey', columns, ...references(p), span: NO_SPAN };
  } else if (p.acceptKw('CHECK')) {
    p.acceptKws('NOT', 'FOR', 'REPLICATION');
    p.expectOp('(');
    const expr = parseExpression(p);
    p.expectOp(')');
    c = { kind: 'Check', expr, span: NO_SPAN };
  } else if (p.isKw('DEFAULT')) {
    return 'default';
  } else {
    throw p.error(`expected PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or DEFAULT but found ${describeToken(p.cur)}`);
  }
  if (name) c.name = name;
  c.span = p.spanFrom(start);
  return c;
}

/** CREATE TABLE name ( … ) [ON fg] [TEXTIMAGE_ON fg] [WITH (…)] — after CREATE TABLE. */
export function parseCreateTable(p: Parser, ctx: TsContext, start: Token): { table: Table; indexes: Index[] } {
  const name = ctx.qualify(objectName(p, 'a table name'));
  const table: Table = { kind: 'Table', name, columns: [], constraints: [], options: {}, span: NO_SPAN };
  if (name.name.startsWith('#')) table.temporary = true;
  const indexes: Index[] = [];
  p.expectOp('(');
  do {
    if (p.isOp(')')) break; // trailing comma (pubs) — SQL Server accepts it
    const itemStart = p.cur;
    if (p.isKw('CONSTRAINT')) {
      p.next();
      const cname = p.ident('a constraint name').name;
      const c = parseTableConstraint(p, ctx, itemStart, cname);
      if (c === 'default') throw p.error('DEFAULT … FOR is only valid in ALTER TABLE … ADD');
      table.constraints.push(c);
    } else if (p.isAnyKw('PRIMARY', 'UNIQUE', 'CHECK') || p.isKws('FOREIGN', 'KEY')) {
      const c = parseTableConstraint(p, ctx, itemStart, undefined);
      if (c === 'default') throw p.error('DEFAULT … FOR is only valid in ALTER TABLE … ADD');
      table.constraints.push(c);
    } else if (p.isKw('INDEX') && p.peek(1).type !== 'op') {
      p.next();
      const iname = p.ident('an index name').name;
      const unique = p.acceptKw('UNIQUE');
      acceptClustering(p);
      const columns = keyColumns(p);
      physicalClauses(p, ctx, p.spanFrom(itemStart));
      indexes.push({ kind: 'Index', name: iname, table: name, columns, unique, inline: true, span: p.spanFrom(itemStart) });
    } else if (p.isKw('PERIOD')) {
      p.next(); p.expectKws('FOR', 'SYSTEM_TIME'); p.skipParens();
      ctx.diag(TS.unsupportedStatement, p.spanFrom(itemStart), `System-versioned (temporal) table period ${p.textBetween(itemStart)} is not converted`);
    } else {
      table.columns.push(parseColumnDef(p, ctx, table.constraints, start));
    }
  } while (p.acceptOp(','));
  p.expectOp(')');
  const opts = physicalClauses(p, ctx, p.spanFrom(start));
  opts.forEach((o, i) => { table.options[`sqlserver${i ? i + 1 : ''}`] = o; });
  table.span = p.spanFrom(start);
  return { table, indexes };
}

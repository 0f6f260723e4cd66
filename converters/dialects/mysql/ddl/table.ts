import type { Constraint, Index, QualifiedName, Table, UnparsedObject } from '../../../model/index.js';
import { NO_SPAN } from '../../../model/index.js';
import { Parser } from '../../common/parser.js';
import { isQueryStart } from '../../common/query.js';
import type { Token } from '../../common/tokens.js';
import type { MyContext } from '../context.js';
import { MY } from '../codes.js';
import { parseColumnInto, parseTableElement } from './columns.js';
import { parsePartitioning, parseTableOption } from './options.js';
import { objectName, parseIfNotExists, type CreatePrefix } from './parts.js';

export interface ParsedTable {
  table: Table;
  /** KEY/INDEX/FULLTEXT/SPATIAL declared inside the table (Index objects with inline: true). */
  indexes: Index[];
}

/** Primary key columns are NOT NULL in MySQL whatever the column says. */
export function applyPrimaryKeyNotNull(table: Table): void {
  for (const c of table.constraints) {
    if (c.kind !== 'PrimaryKey') continue;
    for (const k of c.columns) {
      const col = table.columns.find((x) => x.name.toLowerCase() === (k.column ?? '').toLowerCase());
      if (col) col.nullable = false;
    }
  }
}

/** Copies a table for CREATE TABLE … LIKE (columns, keys, indexes; not foreign keys, as MySQL does). */
function likeTable(src: Table, name: QualifiedName, start: Token, p: Parser, srcIndexes: Index[]): ParsedTable {
  const clone = structuredClone(src);
  const table: Table = { ...clone, name, constraints: clone.constraints.filter((c) => c.kind !== 'ForeignKey'), span: p.spanFrom(start) };
  delete table.origin;
  const indexes = structuredClone(srcIndexes).map((ix) => ({ ...ix, table: name }));
  return { table, indexes };
}

/**
 * CREATE [TEMPORARY] TABLE after the prefix words: the cursor is at TABLE.
 * Returns the table, or an UnparsedObject for CREATE TABLE … AS SELECT / LIKE of an unknown table.
 */
export function parseCreateTable(p: Parser, ctx: MyContext, prefix: CreatePrefix, start: Token): ParsedTable | UnparsedObject {
  p.expectKw('TABLE');
  parseIfNotExists(p);
  const name = ctx.qualify(objectName(p, 'a table name'));
  // The span is set once the statement is read (nothing reads it before; NO_SPAN meanwhile).
  const table: Table = { kind: 'Table', name, columns: [], constraints: [], options: {}, span: NO_SPAN };
  if (prefix.temporary) table.temporary = true;

  const likeParen = p.isOp('(') && p.isKw('LIKE', 1);
  if (p.isKw('LIKE') || likeParen) {
    if (likeParen) p.next();
    p.expectKw('LIKE');
    const srcName = ctx.qualify(objectName(p, 'a table name'));
    if (likeParen) p.expectOp(')');
    const src = ctx.find('Table', srcName);
    if (src) {
      const srcIndexes = ctx.objects.filter((o): o is Index => o.kind === 'Index' && o.inline === true && o.table.name.toLowerCase() === src.name.name.toLowerCase() && (o.table.schema ?? '') === (src.name.schema ?? ''));
      return likeTable(src, name, start, p, srcIndexes);
    }
    return unresolved(p, ctx, name, start, `CREATE TABLE ${name.name} LIKE ${srcName.name}: the source table is not defined in the converted scripts, so the columns are unknown`);
  }

  const indexes: Index[] = [];
  if (p.isOp('(') && !isQueryStart(p, 1)) {
    p.next();
    const taken = (): string[] => indexes.map((i) => i.name);
    do {
      const el = parseTableElement(p, table, taken);
      if (el) {
        if (el.constraint) table.constraints.push(el.constraint);
        if (el.index) indexes.push(el.index);
        continue;
      }
      if (p.isKw('PERIOD') && p.isKw('FOR', 1)) {
        const t = p.cur;
        while (!p.atEnd() && !p.isOp(',') && !p.isOp(')')) { if (p.isOp('(')) p.skipParens(); else p.next(); }
        ctx.diag(MY.ignoredClause, p.spanFrom(t), `PERIOD FOR … (MariaDB application-time period) on ${name.name} is not converted`);
        continue;
      }
      table.columns.push(parseColumnInto(p, ctx, table.constraints));
    } while (p.acceptOp(','));
    p.expectOp(')');
  }

  for (;;) {
    if (p.acceptOp(',')) continue;
    if (parseTableOption(p, table)) continue;
    break;
  }
  if (p.isKw('PARTITION')) {
    table.partitioning = parsePartitioning(p, (span) => ctx.diag(MY.ignoredClause, span, `Subpartition definitions of ${name.name} are not carried over (only SUBPARTITION BY and the count); recreate them by hand if needed`));
  }
  p.acceptAnyKw('IGNORE', 'REPLACE');
  p.acceptKw('AS');
  if (isQueryStart(p)) {
    return unresolved(p, ctx, name, start, `CREATE TABLE ${name.name} … AS SELECT: the columns come from a query result and are not converted automatically`);
  }
  if (table.columns.length === 0) throw p.error(`table ${name.name} has no columns`, start);
  finishTable(table);
  table.span = p.spanFrom(start);
  return { table, indexes };
}

/**
 * MariaDB's JSON type is LONGTEXT with CHECK (json_valid(col)); that is how MariaDB dumps and
 * information_schema show it. Such a column is a json column, and the check goes with the type.
 */
function mariadbJsonColumns(table: Table): void {
  if (!table.constraints.some(isCheck)) return;
  table.constraints = table.constraints.filter((c) => {
    if (c.kind !== 'Check' || c.expr.kind !== 'FunctionCall' || c.expr.name.name.toLowerCase() !== 'json_valid' || c.expr.name.schema) return true;
    const arg = c.expr.args[0];
    if (c.expr.args.length !== 1 || arg?.kind !== 'ColumnRef' || arg.parts.length !== 1) return true;
    const col = table.columns.find((x) => x.name.toLowerCase() === arg.parts[0]!.toLowerCase());
    if (!col || col.dataType.name !== 'text' || col.dataType.sizeClass !== 'long') return true;
    col.dataType = { ...col.dataType, name: 'json' };
    delete col.dataType.sizeClass;
    return false;
  });
}

function isCheck(c: Constraint): boolean { return c.kind === 'Check'; }

/** Post-parse fixes shared by CREATE and ALTER: PK columns NOT NULL, AUTO_INCREMENT start, MariaDB JSON. */
export function finishTable(table: Table): void {
  applyPrimaryKeyNotNull(table);
  mariadbJsonColumns(table);
  if (table.autoIncrementStart !== undefined) {
    const c = table.columns.find((x) => x.identity?.style === 'auto_increment');
    if (c?.identity) c.identity.start = table.autoIncrementStart;
  }
}

/** Consumes the rest of the statement (to ';' or END) and keeps it as text. */
function unresolved(p: Parser, ctx: MyContext, name: QualifiedName, start: Token, message: string): UnparsedObject {
  let depth = 0;
  while (!p.atEnd() && !(depth === 0 && p.isOp(';'))) {
    if (p.isOp('(')) depth++;
    else if (p.isOp(')')) depth--;
    p.next();
  }
  const span = p.spanFrom(start);
  ctx.diag(MY.createTableLike, span, message, { type: 'table', name: name.name, ...(name.schema ? { schema: name.schema } : {}) });
  return { kind: 'UnparsedObject', objectType: 'table', name, statement: { kind: 'Unparsed', text: p.textBetween(start), reason: message, span }, span };
}

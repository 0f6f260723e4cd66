import type { CheckConstraint, Column, Constraint, Expr, Index, IndexColumn, Table } from '../../../model/index.js';
import { NO_SPAN } from '../../../model/index.js';
import { Parser, describeToken } from '../../common/parser.js';
import { parseDataType } from '../../common/datatype.js';
import { parseExpression } from '../../common/expr.js';
import type { Token } from '../../common/tokens.js';
import type { MyContext } from '../context.js';
import { MY } from '../codes.js';
import { columnNames, parseIndexOptions, parseKeyParts, parseReferences, stringValue } from './parts.js';

/** Words that end a column definition's attribute list. */
function defaultValue(p: Parser): Expr {
  if (p.isOp('(')) {
    p.next();
    const e = parseExpression(p);
    p.expectOp(')');
    return e;
  }
  // Stop before COLLATE (85): it is a column attribute here, not part of the default.
  return parseExpression(p, 85);
}

export interface ColumnDef {
  column: Column;
  /** Inline PRIMARY KEY / UNIQUE / CHECK turned into table constraints. */
  constraints: Constraint[];
}

/** col_name data_type [attributes …] */
export function parseColumnDef(p: Parser, ctx: MyContext): ColumnDef {
  const constraints: Constraint[] = [];
  const column = parseColumnInto(p, ctx, constraints);
  return { column, constraints };
}

/** parseColumnDef appending the inline constraints to `constraints` (a table's own list: no array per column). */
export function parseColumnInto(p: Parser, ctx: MyContext, constraints: Constraint[]): Column {
  const start = p.cur;
  const name = p.identName('a column name');
  const quoted = p.lastQuoted;
  const dataType = parseDataType(p);
  if (dataType.name === 'unknown') ctx.diag(MY.unknownType, dataType.span, `Unknown data type ${dataType.sourceText} for column ${name}`);
  // The span is set once the definition is complete (NO_SPAN meanwhile: one span object per column).
  const column: Column = { kind: 'Column', name, dataType, nullable: true, span: NO_SPAN };
  if (quoted) column.quoted = true;
  if (dataType.charset) column.charset = dataType.charset;
  if (dataType.collation) column.collation = dataType.collation;
  if (dataType.sourceText.length === 6 && /^serial$/i.test(dataType.sourceText)) {
    // SERIAL = BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE
    column.nullable = false;
    column.identity = { style: 'auto_increment' };
    constraints.push({ kind: 'Unique', columns: [{ column: name }], span: p.spanFrom(start) });
  }

  for (;;) {
    const t = p.cur;
    if (t.type !== 'word') break;
    const w = t.upper;
    if (w === 'NOT' && p.isKw('NULL', 1)) { p.pos += 2; column.nullable = false; continue; }
    if (w === 'NULL') { p.next(); column.nullable = true; continue; }
    if (w === 'DEFAULT') { p.next(); column.default = defaultValue(p); continue; }
    if (w === 'AUTO_INCREMENT') { p.next(); column.identity = { style: 'auto_increment' }; continue; }
    if (w === 'ON' && p.isKw('UPDATE', 1)) { p.pos += 2; column.onUpdate = parseExpression(p, 85); continue; }
    if (w === 'COMMENT') { p.next(); column.comment = stringValue(p); continue; }
    if (w === 'COLLATE') { p.next(); column.collation = p.identOrString('a collation name').name; dataType.collation = column.collation; continue; }
    if (w === 'CHARACTER' || w === 'CHARSET') {
      p.next();
      if (w === 'CHARACTER') p.expectKw('SET');
      column.charset = p.identOrString('a character set name').name.toLowerCase();
      dataType.charset = column.charset;
      continue;
    }
    if (w === 'PRIMARY' || (w === 'KEY' && !p.isOp('(', 1))) {
      p.next();
      if (w === 'PRIMARY') p.expectKw('KEY');
      constraints.push({ kind: 'PrimaryKey', columns: [{ column: name }], span: p.spanFrom(t) });
      column.nullable = false;
      continue;
    }
    if (w === 'UNIQUE') {
      p.next();
      p.acceptKw('KEY');
      constraints.push({ kind: 'Unique', columns: [{ column: name }], span: p.spanFrom(t) });
      continue;
    }
    if (w === 'GENERATED' || w === 'AS') {
      if (w === 'GENERATED') { p.next(); p.expectKw('ALWAYS'); }
      p.expectKw('AS');
      p.expectOp('(');
      const expr = parseExpression(p);
      p.expectOp(')');
      const kind = p.acceptAnyKw('VIRTUAL', 'STORED', 'PERSISTENT');
      column.generated = { expr, stored: kind === 'STORED' || kind === 'PERSISTENT' };
      continue;
    }
    if (w === 'INVISIBLE') { p.next(); column.invisible = true; continue; }
    if (w === 'VISIBLE') { p.next(); continue; }
    if (w === 'SRID') { p.next(); dataType.srid = p.integer('an SRID'); continue; }
    if (w === 'REF_SYSTEM_ID') { p.next(); p.expectOp('='); dataType.srid = p.integer('an SRID'); continue; }
    if (w === 'COMPRESSED') {
      p.next();
      if (p.acceptOp('=')) p.next();
      ctx.diag(MY.ignoredClause, p.spanFrom(t), `COMPRESSED on column ${name} (MariaDB storage compression) is not carried over; the data is unchanged`);
      continue;
    }
    if (w === 'COLUMN_FORMAT' || w === 'STORAGE') { p.next(); p.next(); continue; }
    if (w === 'ENGINE_ATTRIBUTE' || w === 'SECONDARY_ENGINE_ATTRIBUTE') { p.next(); p.acceptOp('='); p.next(); continue; }
    if (w === 'REFERENCES') {
      const fk = parseReferences(p, [name], NO_SPAN, t);
      ctx.diag(MY.ignoredClause, fk.span,
        `Inline REFERENCES on column ${name} is parsed but ignored by MySQL/MariaDB: no foreign key to ${fk.refTable.name} exists in the source, so none is created`);
      continue;
    }
    if (w === 'CONSTRAINT' || w === 'CHECK') {
      let checkName: string | undefined;
      if (p.acceptKw('CONSTRAINT')) { if (!p.isKw('CHECK')) checkName = p.ident('a constraint name').name; }
      constraints.push(parseCheck(p, t, checkName));
      continue;
    }
    if (w === 'WITH' && p.isKw('SYSTEM', 1)) { p.pos += 3; continue; }
    if (w === 'WITHOUT' && p.isKw('SYSTEM', 1)) { p.pos += 3; continue; }
    break;
  }
  column.span = p.spanFrom(start);
  return column;
}

/** CHECK (expr) [[NOT] ENFORCED] */
export function parseCheck(p: Parser, start: Token, name?: string): CheckConstraint {
  p.expectKw('CHECK');
  p.expectOp('(');
  const expr = parseExpression(p);
  p.expectOp(')');
  const c: CheckConstraint = { kind: 'Check', expr, span: NO_SPAN };
  if (name) c.name = name;
  if (p.acceptKws('NOT', 'ENFORCED')) c.enforced = false;
  else p.acceptKw('ENFORCED');
  c.span = p.spanFrom(start);
  return c;
}

export interface TableElement {
  constraint?: Constraint;
  index?: Index;
}

/**
 * A table-level element: PRIMARY KEY, UNIQUE, KEY/INDEX, FULLTEXT, SPATIAL, FOREIGN KEY, CHECK.
 * Returns undefined when the cursor is not at one (it is a column then).
 */
export function parseTableElement(p: Parser, table: Table, takenIndexNames: string[] | (() => string[]) = []): TableElement | undefined {
  const start = p.cur;
  let name: string | undefined;
  if (p.isKw('CONSTRAINT')) {
    p.next();
    if (!p.isAnyKw('PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK')) name = p.ident('a constraint name').name;
  }
  const w = p.cur.type === 'word' ? p.cur.upper : '';
  // KEY and INDEX are reserved: a column of that name must be quoted, so the bare word is an index.
  const isIndexWord = w === 'KEY' || w === 'INDEX';
  if (w === 'PRIMARY') {
    p.next();
    p.expectKw('KEY');
    // Index options of a key constraint are read and dropped.
    parseIndexOptions(p);
    const columns = parseKeyParts(p);
    parseIndexOptions(p);
    return { constraint: name ? { kind: 'PrimaryKey', columns, name, span: p.spanFrom(start) } : { kind: 'PrimaryKey', columns, span: p.spanFrom(start) } };
  }
  if (w === 'UNIQUE') {
    p.next();
    p.acceptAnyKw('KEY', 'INDEX');
    let idxName: string | undefined;
    if (p.isIdent() && !p.isKw('USING')) idxName = p.ident('an index name').name;
    parseIndexOptions(p);
    const columns = parseKeyParts(p);
    parseIndexOptions(p);
    const cname = name ?? idxName ?? autoIndexName(table, columns, typeof takenIndexNames === 'function' ? takenIndexNames() : takenIndexNames);
    return { constraint: { kind: 'Unique', columns, name: cname, span: p.spanFrom(start) } };
  }
  if (w === 'FOREIGN') {
    p.next();
    p.expectKw('KEY');
    let idxName: string | undefined;
    if (p.isIdent()) idxName = p.ident('an index name').name;
    p.expectOp('(');
    const cols = columnNames(p);
    p.expectOp(')');
    const fk = parseReferences(p, cols, NO_SPAN, start);
    const fkName = name ?? idxName;
    if (fkName) fk.name = fkName;
    return { constraint: fk };
  }
  if (w === 'CHECK') return { constraint: parseCheck(p, start, name) };
  if (name !== undefined) throw p.error(`expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK after CONSTRAINT ${name} but found ${describeToken(p.cur)}`);
  // SPATIAL is not reserved: `spatial INT` is a column, `SPATIAL [KEY] [name] (…)` an index.
  const spatialColumn = w === 'SPATIAL' && p.peek(1).type === 'word' && p.peek(1).upper in p.dialect.types && !p.isAnyKwAt(1, 'KEY', 'INDEX');
  if (isIndexWord || w === 'FULLTEXT' || (w === 'SPATIAL' && !spatialColumn)) {
    p.next();
    let method: Index['method'];
    if (w === 'FULLTEXT' || w === 'SPATIAL') { method = w === 'FULLTEXT' ? 'fulltext' : 'spatial'; p.acceptAnyKw('KEY', 'INDEX'); }
    let idxName: string | undefined;
    if (p.isIdent() && !p.isKw('USING')) idxName = p.ident('an index name').name;
    let opts = parseIndexOptions(p);
    const columns = parseKeyParts(p);
    opts = parseIndexOptions(p, opts);
    if (!method && opts.using) method = opts.using;
    const index: Index = { kind: 'Index', name: idxName ?? autoIndexName(table, columns, typeof takenIndexNames === 'function' ? takenIndexNames() : takenIndexNames), table: table.name, columns, unique: false, inline: true, span: p.spanFrom(start) };
    if (method) index.method = method;
    if (opts.parser) index.parser = opts.parser;
    if (opts.comment !== undefined) index.comment = opts.comment;
    return { index };
  }
  return undefined;
}

/** MySQL names an unnamed index after its first column, adding _2, _3 … on clashes. */
export function autoIndexName(table: Table, columns: IndexColumn[], taken: string[] = []): string {
  const base = columns[0]?.column ?? 'functional_index';
  const used = new Set([...taken, ...table.constraints.map((c) => c.name ?? '')].map((s) => s.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) if (!used.has(`${base}_${k}`.toLowerCase())) return `${base}_${k}`;
}

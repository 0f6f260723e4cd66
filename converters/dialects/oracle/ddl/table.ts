import type {
  CheckConstraint, Column, Constraint, DataType, ForeignKey, IndexColumn, PartitionDef, Partitioning, QualifiedName,
  ReferentialAction, SourceSpan, Table, Identity,
} from '../../../model/index.js';
import type { Parser } from '../../common/parser.js';
import { describeToken } from '../../common/parser.js';
import { parseExpression, parseExpressionList } from '../../common/expr.js';
import { parseNameList } from '../../common/query.js';
import type { Token } from '../../common/tokens.js';
import { OS } from '../codes.js';
import type { OraContext } from '../context.js';
import { parseOracleDataType } from '../datatype.js';
import { bigInteger, constraintState, objectName, physicalOptions, type ConstraintState } from './parts.js';
import { isCtas, parseCtas } from './ctas.js';

function applyState<C extends Constraint>(c: C, st: ConstraintState): C {
  if (st.deferrable) c.deferrable = true;
  if (st.initiallyDeferred) c.initiallyDeferred = true;
  if (st.disabled) c.enforced = false;
  else if (st.novalidate) c.notValidated = true;
  return c;
}

function referentialAction(p: Parser): ReferentialAction {
  if (p.acceptKw('CASCADE')) return 'cascade';
  p.expectKws('SET', 'NULL');
  return 'set null';
}

/** REFERENCES t [(cols)] [ON DELETE CASCADE|SET NULL] */
function references(ctx: OraContext, p: Parser, fk: ForeignKey): void {
  p.expectKw('REFERENCES');
  fk.refTable = objectName(ctx, p, 'a table name');
  if (p.isOp('(')) fk.refColumns = parseNameList(p);
  if (p.acceptKws('ON', 'DELETE')) fk.onDelete = referentialAction(p);
}

/** Columns of a referenced table's primary key, for REFERENCES t without a column list. */
export function resolveRefColumns(ctx: OraContext, fk: ForeignKey, span: SourceSpan): void {
  if (fk.refColumns.length) return;
  const t = ctx.find(fk.refTable);
  const pk = t?.kind === 'Table' ? t.constraints.find((c) => c.kind === 'PrimaryKey') : undefined;
  if (pk?.kind === 'PrimaryKey') { fk.refColumns = pk.columns.map((c) => c.column ?? ''); return; }
  ctx.diag(OS.unknownTarget, span, `REFERENCES ${fk.refTable.name} without a column list: the primary key of ${fk.refTable.name} is not known at this point, so the referenced columns are left to the target to infer`);
}

/** One out-of-line constraint (after an optional CONSTRAINT name). */
export function outOfLineConstraint(ctx: OraContext, p: Parser, start: Token): Constraint {
  let name: string | undefined;
  if (p.acceptKw('CONSTRAINT')) name = p.ident('a constraint name').name;
  const base = { ...(name !== undefined ? { name } : {}), span: p.tokenSpan(start) };
  let c: Constraint;
  if (p.acceptKws('PRIMARY', 'KEY')) c = { kind: 'PrimaryKey', ...base, columns: indexColumns(p) };
  else if (p.acceptKw('UNIQUE')) c = { kind: 'Unique', ...base, columns: indexColumns(p) };
  else if (p.acceptKws('FOREIGN', 'KEY')) {
    const fk: ForeignKey = { kind: 'ForeignKey', ...base, columns: parseNameList(p), refTable: { name: '' }, refColumns: [] };
    references(ctx, p, fk);
    c = fk;
  } else if (p.acceptKw('CHECK')) {
    p.expectOp('(');
    const expr = parseExpression(p);
    p.expectOp(')');
    c = { kind: 'Check', ...base, expr } satisfies CheckConstraint;
  } else throw p.error(`expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK but found ${describeToken(p.cur)}`);
  applyState(c, constraintState(p));
  c.span = p.spanFrom(start);
  return c;
}

function indexColumns(p: Parser): IndexColumn[] {
  return parseNameList(p).map((column) => ({ column }));
}

/** Is the cursor at an out-of-line constraint (rather than a column definition)? */
export function atConstraint(p: Parser): boolean {
  if (p.isKw('CONSTRAINT')) return true;
  if (p.isKws('PRIMARY', 'KEY') || p.isKws('FOREIGN', 'KEY')) return true;
  return (p.isKw('UNIQUE') || p.isKw('CHECK')) && p.isOp('(', 1);
}

/** name type [DEFAULT …] [GENERATED … AS IDENTITY | AS (expr) VIRTUAL] [inline constraints]. */
/** `modify` (ALTER TABLE … MODIFY): the type is optional and an explicit NULL is reported in it. */
export function columnDefinition(ctx: OraContext, p: Parser, table: QualifiedName, constraints: Constraint[], modify?: { nullExplicit?: boolean }): Column {
  const start = p.cur;
  const id = p.ident('a column name');
  let dataType: DataType | undefined;
  if (!p.isAnyKw('GENERATED', 'AS', 'DEFAULT', 'NOT', 'NULL', 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES', 'VISIBLE', 'INVISIBLE', 'ENABLE', 'DISABLE')
    && !p.isOp(',') && !p.isOp(')') && !p.atEnd()) {
    dataType = parseOracleDataType(p);
  }
  const col: Column = {
    kind: 'Column', name: id.name, ...(id.quoted ? { quoted: true } : {}),
    dataType: dataType ?? { kind: 'DataType', name: 'unknown', sourceText: '', span: p.tokenSpan(start) },
    nullable: true, span: p.tokenSpan(start),
  };
  let nullSet = false;
  let inlineFk: ForeignKey | undefined;
  for (;;) {
    if (p.acceptKw('SORT')) continue;
    if (p.acceptKw('COLLATE')) {
      const c = p.ident('a collation name').name;
      // USING_NLS_COMP (what DBMS_METADATA prints by default) is the session's comparison: no explicit collation
      if (c !== 'USING_NLS_COMP') col.collation = c;
      continue;
    }
    if (p.acceptAnyKw('VISIBLE')) continue;
    if (p.acceptKw('INVISIBLE')) { col.invisible = true; continue; }
    if (p.acceptKw('DEFAULT')) {
      if (p.acceptKws('ON', 'NULL')) {
        ctx.diag(OS.notModelled, p.spanFrom(start), `Column ${id.name}: DEFAULT ON NULL (the default also replaces explicit NULLs) is kept as a plain DEFAULT`);
      }
      col.default = parseExpression(p);
      continue;
    }
    if (p.isKw('GENERATED') || (p.isKw('AS') && p.isOp('(', 1))) {
      if (p.acceptKw('GENERATED')) {
        if (p.acceptKws('BY', 'DEFAULT')) {
          const onNull = p.acceptKws('ON', 'NULL');
          p.expectKws('AS', 'IDENTITY');
          col.identity = identityOptions(p, 'byDefault');
          if (onNull) col.nullable = false;
          continue;
        }
        p.acceptKw('ALWAYS');
        if (p.acceptKws('AS', 'IDENTITY')) { col.identity = identityOptions(p, 'always'); continue; }
      }
      p.expectKw('AS');
      p.expectOp('(');
      const expr = parseExpression(p);
      p.expectOp(')');
      p.acceptKw('VIRTUAL');
      col.generated = { expr, stored: false };
      continue;
    }
    if (p.isKw('ENCRYPT')) throw p.error('column encryption (ENCRYPT) is not modelled');
    // inline constraints
    const cstart = p.cur;
    let cname: string | undefined;
    if (p.isKw('CONSTRAINT')) { p.next(); cname = p.ident('a constraint name').name; }
    const base = { ...(cname !== undefined ? { name: cname } : {}), span: p.tokenSpan(cstart) };
    if (p.acceptKws('NOT', 'NULL')) {
      const st = constraintState(p);
      if (!st.disabled) { col.nullable = false; nullSet = true; }
      continue;
    }
    if (p.acceptKw('NULL')) { constraintState(p); if (!nullSet) col.nullable = true; if (modify) modify.nullExplicit = true; continue; }
    if (p.acceptKws('PRIMARY', 'KEY')) {
      constraints.push(finish(p, applyState({ kind: 'PrimaryKey', ...base, columns: [{ column: id.name }] }, constraintState(p)), cstart));
      col.nullable = false;
      continue;
    }
    if (p.acceptKw('UNIQUE')) { constraints.push(finish(p, applyState({ kind: 'Unique', ...base, columns: [{ column: id.name }] }, constraintState(p)), cstart)); continue; }
    if (p.isKw('REFERENCES')) {
      const fk: ForeignKey = { kind: 'ForeignKey', ...base, columns: [id.name], refTable: { name: '' }, refColumns: [] };
      references(ctx, p, fk);
      constraints.push(finish(p, applyState(fk, constraintState(p)), cstart));
      inlineFk = fk;
      continue;
    }
    if (p.acceptKw('CHECK')) {
      p.expectOp('(');
      const expr = parseExpression(p);
      p.expectOp(')');
      constraints.push(finish(p, applyState({ kind: 'Check', ...base, expr }, constraintState(p)), cstart));
      continue;
    }
    if (cname !== undefined) throw p.error(`expected a constraint after CONSTRAINT ${cname} but found ${describeToken(p.cur)}`);
    break;
  }
  if (!dataType && inlineFk) {
    // a foreign key column without a type takes the referenced column's type
    const ref = ctx.find(inlineFk.refTable);
    const pk = ref?.kind === 'Table' ? ref.constraints.find((c) => c.kind === 'PrimaryKey') : undefined;
    const refCol = inlineFk.refColumns[0] ?? (pk?.kind === 'PrimaryKey' ? pk.columns[0]?.column : undefined);
    const found = ref?.kind === 'Table' ? ref.columns.find((c) => c.name === refCol) : undefined;
    if (found) col.dataType = { ...found.dataType, span: p.tokenSpan(start) };
    else if (!modify) throw p.error(`column ${id.name} has no data type and takes it from ${inlineFk.refTable.name}, which is not defined earlier in the scripts`, start);
  } else if (!dataType && !col.generated && !modify) throw p.error(`column ${id.name} has no data type`, start);
  col.span = p.spanFrom(start);
  void table;
  return col;
}

function finish<C extends Constraint>(p: Parser, c: C, start: Token): C {
  c.span = p.spanFrom(start);
  return c;
}

/** ( options ) — or the same options without parentheses, as DBMS_METADATA prints them. */
function identityOptions(p: Parser, style: Identity['style']): Identity {
  const id: Identity = { style };
  const paren = p.acceptOp('(');
  for (;;) {
    if (p.acceptKws('START', 'WITH')) { if (p.acceptKws('LIMIT', 'VALUE')) continue; const v = bigInteger(p, 'a start value'); if (v !== undefined) id.start = v; continue; }
    if (p.acceptKws('INCREMENT', 'BY')) { const v = bigInteger(p, 'an increment'); if (v !== undefined) id.increment = v; continue; }
    if (p.acceptKw('MINVALUE')) { const v = bigInteger(p, 'a minimum'); if (v !== undefined) id.minValue = v; continue; }
    if (p.acceptKw('MAXVALUE')) { const v = bigInteger(p, 'a maximum'); if (v !== undefined) id.maxValue = v; continue; }
    if (p.acceptKw('CACHE')) { const v = bigInteger(p, 'a cache size'); if (v !== undefined) id.cache = v; continue; }
    if (p.acceptKw('CYCLE')) { id.cycle = true; continue; }
    if (p.acceptAnyKw('NOMINVALUE', 'NOMAXVALUE', 'NOCACHE', 'NOCYCLE', 'ORDER', 'NOORDER', 'KEEP', 'NOKEEP', 'NOSCALE')) continue;
    if (paren && p.acceptOp(',')) continue;
    break;
  }
  if (paren) p.expectOp(')');
  return id;
}

/** CREATE [GLOBAL TEMPORARY | PRIVATE TEMPORARY] TABLE … (the cursor is after TABLE). */
export function parseCreateTable(ctx: OraContext, p: Parser, start: Token, temporary: boolean): Table | undefined {
  const name = objectName(ctx, p, 'a table name');
  if (p.isKw('OF')) throw p.error('object tables (CREATE TABLE … OF type) are not modelled');
  const table: Table = { kind: 'Table', name, columns: [], constraints: [], options: {}, span: p.tokenSpan(start) };
  if (temporary) table.temporary = true;
  if (isCtas(p)) return parseCtas(p, table, start, (t) => tableOptions(ctx, p, t));
  if (!p.isOp('(')) throw p.error(`expected '(' but found ${describeToken(p.cur)}`);
  p.expectOp('(');
  do {
    const t = p.cur;
    if (atConstraint(p)) table.constraints.push(outOfLineConstraint(ctx, p, t));
    else if (p.isKw('SUPPLEMENTAL')) { p.next(); p.expectKw('LOG'); while (!p.isOp(',') && !p.isOp(')') && !p.atEnd()) { if (p.isOp('(')) p.skipParens(); else p.next(); } }
    else table.columns.push(columnDefinition(ctx, p, name, table.constraints));
  } while (p.acceptOp(','));
  p.expectOp(')');
  tableOptions(ctx, p, table);
  if (p.isKw('AS')) throw p.error('CREATE TABLE … AS SELECT after column definitions is not modelled');
  p.expectEnd();
  const pk = table.constraints.find((c) => c.kind === 'PrimaryKey');
  for (const c of table.constraints) {
    if (c.kind !== 'ForeignKey') continue;
    // REFERENCES to the table being created: its own primary key
    if (!c.refColumns.length && pk?.kind === 'PrimaryKey' && c.refTable.name === name.name && (c.refTable.schema ?? '') === (name.schema ?? '')) c.refColumns = pk.columns.map((k) => k.column ?? '');
    else resolveRefColumns(ctx, c, c.span);
  }
  // Columns of a primary key are NOT NULL in Oracle whatever their definition says.
  for (const c of table.constraints) {
    if (c.kind !== 'PrimaryKey') continue;
    for (const k of c.columns) { const col = table.columns.find((x) => x.name === k.column); if (col) col.nullable = false; }
  }
  table.span = p.spanFrom(start);
  return table;
}

function tableOptions(ctx: OraContext, p: Parser, table: Table): void {
  for (;;) {
    if (physicalOptions(p, table.options)) continue;
    if (p.acceptKws('DEFAULT', 'COLLATION')) { const c = p.ident('a collation name').name; if (c !== 'USING_NLS_COMP') table.options.DEFAULT_COLLATION = c; continue; }
    if (p.acceptKw('ORGANIZATION')) {
      const org = p.expectAnyKw('INDEX', 'HEAP', 'EXTERNAL');
      if (org === 'EXTERNAL') throw p.error('external tables (ORGANIZATION EXTERNAL) are not modelled');
      table.options.ORGANIZATION = org;
      if (org === 'INDEX') { while (p.acceptAnyKw('OVERFLOW', 'MAPPING', 'NOMAPPING')) physicalOptions(p, table.options); if (p.acceptKw('INCLUDING')) p.ident(); }
      continue;
    }
    if (p.acceptKws('ON', 'COMMIT')) {
      const what = p.expectAnyKw('DELETE', 'PRESERVE');
      p.expectKw('ROWS');
      table.options.ON_COMMIT = `${what} ROWS`;
      continue;
    }
    if (p.isKws('PARTITION', 'BY')) { table.partitioning = partitioning(ctx, p, table); continue; }
    if (p.isKw('AS')) break;
    break;
  }
  if (table.options.TABLESPACE) table.tablespace = table.options.TABLESPACE;
}

/** PARTITION BY RANGE|LIST|HASH (cols) [INTERVAL (e)] [SUBPARTITION BY …] (partitions) | PARTITIONS n. */
function partitioning(ctx: OraContext, p: Parser, table: Table): Partitioning {
  const start = p.cur;
  p.expectKws('PARTITION', 'BY');
  const method = p.expectAnyKw('RANGE', 'LIST', 'HASH', 'REFERENCE', 'SYSTEM');
  if (method === 'REFERENCE' || method === 'SYSTEM') throw p.error(`PARTITION BY ${method} is not modelled`);
  const part: Partitioning = { method: method.toLowerCase() as 'range', columns: parseNameList(p), partitions: [] };
  if (p.acceptKw('INTERVAL')) {
    p.expectOp('(');
    const from = p.cur;
    parseExpression(p);
    table.options.PARTITION_INTERVAL = p.textBetween(from);
    p.expectOp(')');
    if (p.acceptKw('STORE')) { p.expectKw('IN'); p.skipParens(); }
  }
  if (p.acceptKws('SUBPARTITION', 'BY')) {
    const sub = p.expectAnyKw('RANGE', 'LIST', 'HASH');
    part.subpartitioning = { method: sub.toLowerCase() as 'range', columns: parseNameList(p) };
    if (p.acceptKw('SUBPARTITIONS')) part.subpartitioning.count = p.integer('a subpartition count');
    if (p.acceptKw('SUBPARTITION')) { p.expectKw('TEMPLATE'); p.skipParens(); table.options.SUBPARTITION_TEMPLATE = 'yes'; }
  }
  if (p.acceptKw('PARTITIONS')) {
    part.count = p.integer('a partition count');
    if (p.acceptKws('STORE', 'IN')) p.skipParens();
    return part;
  }
  p.expectOp('(');
  let droppedSubs = 0;
  do {
    const ps = p.cur;
    p.expectKw('PARTITION');
    const def: PartitionDef = { name: p.isKw('VALUES') ? '' : p.ident('a partition name').name, span: p.tokenSpan(ps) };
    if (p.acceptKw('VALUES')) {
      if (p.acceptKws('LESS', 'THAN')) {
        p.expectOp('(');
        def.lessThan = parseExpressionList(p);
        p.expectOp(')');
      } else {
        p.expectOp('(');
        if (p.isKw('DEFAULT') && p.isOp(')', 1)) { p.next(); def.isDefault = true; } else def.in = parseExpressionList(p);
        p.expectOp(')');
      }
    }
    const opts: Record<string, string> = {};
    physicalOptions(p, opts);
    if (opts.TABLESPACE) def.tablespace = opts.TABLESPACE;
    if (p.isOp('(')) { p.skipParens(); droppedSubs++; }
    else if (p.acceptKw('SUBPARTITIONS')) { p.integer(); if (p.acceptKws('STORE', 'IN')) p.skipParens(); droppedSubs++; }
    physicalOptions(p, opts);
    def.span = p.spanFrom(ps);
    part.partitions.push(def);
  } while (p.acceptOp(','));
  p.expectOp(')');
  if (droppedSubs) {
    ctx.diag(OS.notModelled, p.spanFrom(start), `Table ${table.name.name}: the subpartitions declared under ${droppedSubs} partition(s) are not kept (only the SUBPARTITION BY method and columns are); recreate them by hand if the target needs them`);
  }
  return part;
}

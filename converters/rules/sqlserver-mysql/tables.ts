import type { Column, Constraint, DataType, Index, Table } from '../../model/index.js';
import { kindOf } from '../sqlserver-postgres/typeof.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';
import { mapType } from './types.js';

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);

/** A computed column's type: T-SQL infers it from the expression; MySQL needs one (LONGTEXT could not be indexed). */
function computedType(c: Column, ctx: TmContext): DataType {
  const base = { kind: 'DataType' as const, sourceText: c.dataType.sourceText || 'computed', span: c.span };
  const k = kindOf(c.generated!.expr, ctx);
  if (k === 'number') return { ...base, name: 'decimal', precision: 38, scale: 10 };
  if (k === 'datetime') return { ...base, name: 'datetime', fractionalSeconds: 6 };
  return { ...base, name: 'varchar', length: 4000 };
}

/** Column types, IDENTITY → AUTO_INCREMENT, computed columns, collations and temp tables of one table. */
export function convertTable(t: Table, ctx: TmContext): Table {
  let start: number | undefined;
  const columns = t.columns.map((c): Column => {
    const out: Column = { ...c };
    if (c.collation || c.dataType.collation) {
      ctx.reportOnce(TM.collation, c.span, `COLLATE ${c.collation ?? c.dataType.collation} of column ${c.name} dropped: the table gets the database default (_ci) collation`);
      delete out.collation;
    }
    if (c.generated) {
      ctx.reportOnce(TM.computed, c.span, `Computed column ${t.name.name}.${c.name} became a ${c.generated.stored ? 'STORED' : 'VIRTUAL'} generated column (type inferred: DECIMAL(38,10) for numbers, DATETIME(6) for dates, else VARCHAR(4000))`);
      out.dataType = c.dataType.name === 'unknown' ? computedType(c, ctx) : mapType(c.dataType, ctx);
      return out;
    }
    let dataType = mapType(c.dataType, ctx, 'column');
    if (dataType.collation) { const { collation: _x, ...rest } = dataType; dataType = rest as DataType; }
    out.dataType = dataType;
    if (c.identity) {
      if (!INTEGER_TYPES.has(dataType.name)) out.dataType = { ...dataType, name: 'bigint', precision: undefined, scale: undefined };
      if (c.identity.increment !== undefined && c.identity.increment !== 1) ctx.report(TM.identityStep, c.span, `IDENTITY(${c.identity.start ?? 1}, ${c.identity.increment}) of ${t.name.name}.${c.name}: the step ${c.identity.increment} was dropped`);
      start = c.identity.start;
      out.identity = { style: 'auto_increment', ...(c.identity.start !== undefined ? { start: c.identity.start } : {}) };
    }
    return out;
  });
  const constraints: Constraint[] = t.constraints.map((k) => k);
  const out: Table = { ...t, columns, constraints, options: {}, ...(start !== undefined && start > 1 ? { autoIncrementStart: start } : {}) };
  delete out.collation;
  delete out.tablespace;
  if (t.name.name.startsWith('#')) {
    out.temporary = true;
    out.name = { name: t.name.name.replace(/^#+/, 'tmp_') };
  }
  return out;
}

/** Indexes: filtered → not created; INCLUDE dropped; CLUSTERED/method noted. */
export function convertIndex(i: Index, ctx: TmContext): Index | undefined {
  if (i.where) {
    ctx.report(TM.filteredIndex, i.span, `Filtered index ${i.name} on ${i.table.name} was not created`);
    return undefined;
  }
  const out: Index = { ...i, method: i.method === 'other' || i.method === 'btree' ? undefined : i.method };
  if (i.include?.length) {
    ctx.report(TM.includeColumns, i.span, `INCLUDE (${i.include.join(', ')}) of index ${i.name} dropped`);
    delete out.include;
  }
  if (i.method === 'other') ctx.reportOnce(TM.clustered, i.span);
  return out;
}

import type { CatalogObject, Table, Index, IndexColumn, DataType, Sequence, Constraint, Expr, Synonym, View, Identity, Column, Comment } from '../../model/index.js';
import { qnameKey, walk } from '../../model/index.js';
import { kindOf } from './typeof.js';
import { applyNamingStyle } from '../common/identifiers.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';
import { mapType } from './types.js';

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);
/** Oracle stores text compared byte-wise (NLS_COMP=BINARY): the binary collation keeps 'a' <> 'A'. */
export const TEXT_COLLATION = 'utf8mb4_bin';

const isNow = (e: Expr): boolean => e.kind === 'FunctionCall' && !e.name.schema && e.args.length === 0 && /^(sysdate|systimestamp|current_date|current_timestamp|localtimestamp)$/i.test(e.name.name);

/** Column types, identity, constraints, temporary/partition options of one table. */
export function convertTable(t: Table, ctx: OmContext, identities: Map<string, Identity>): Table {
  const s = t.span;
  const optionText = Object.entries(t.options).map(([k, v]) => `${k}=${v}`).join(' ').toLowerCase();
  if (t.temporary) ctx.reportOnce(OM.globalTemporary, s, `Global temporary table ${t.name.name} became a permanent table: rows are shared between sessions and kept after COMMIT`);
  if (t.options['interval'] !== undefined || /\binterval\b/.test(optionText)) ctx.reportOnce(OM.intervalPartition, s);
  const constraints: Constraint[] = [];
  for (const c of t.constraints) {
    if (c.enforced === false) { ctx.report(OM.disabledConstraint, c.span, `Disabled constraint ${c.name ?? c.kind} was not created`); continue; }
    if (c.deferrable) ctx.report(OM.deferrable, c.span, `Constraint ${c.name ?? c.kind} is DEFERRABLE in Oracle; MySQL checks it at once`);
    if (c.notValidated) ctx.report(OM.notValidated, c.span, `Constraint ${c.name ?? c.kind} is ENABLE NOVALIDATE in Oracle: existing rows that violate it were tolerated there; MySQL created it as a normal constraint`);
    if (c.kind === 'ForeignKey' && c.refColumns.length === 0) {
      const ref = ctx.table(c.refTable);
      const pk = ref?.constraints.find((x) => x.kind === 'PrimaryKey');
      if (pk && pk.kind === 'PrimaryKey') { constraints.push({ ...c, refColumns: pk.columns.map((x) => x.column ?? '') }); continue; }
    }
    if (c.kind === 'Check') ctx.reportOnce(OM.checkConstraint, c.span);
    const { deferrable: _d, initiallyDeferred: _i, ...rest } = c;
    constraints.push(rest as Constraint);
  }
  let partitioning = t.partitioning;
  if (partitioning) {
    const keyCols = partitioning.columns.map((c) => c.toLowerCase());
    const badKey = constraints.some((c) => (c.kind === 'PrimaryKey' || c.kind === 'Unique') && !keyCols.every((k) => c.columns.some((x) => x.column?.toLowerCase() === k)));
    const fk = constraints.some((c) => c.kind === 'ForeignKey');
    if (badKey || fk || partitioning.subpartitioning) {
      ctx.report(OM.partitionKey, s, `Partitioning of ${t.name.name} dropped: ${badKey ? 'a primary/unique key lacks the partitioning columns' : fk ? 'InnoDB partitioned tables cannot have foreign keys' : 'subpartitions'}`);
      partitioning = undefined;
    }
  }
  const columns: Column[] = t.columns.map((c) => {
    const identity = identities.get(`${qnameKey(t.name)}|${c.name}`) ?? c.identity;
    let dataType = mapType(c.dataType, ctx, 'column');
    if (identity && !INTEGER_TYPES.has(dataType.name)) dataType = { ...dataType, name: 'bigint', precision: undefined, scale: undefined };
    const out: Column = { ...c, dataType };
    if (identity) out.identity = { style: 'auto_increment', ...(identity.start !== undefined ? { start: identity.start } : {}) };
    else delete out.identity;
    // Oracle column defaults of SYSDATE/SYSTIMESTAMP: MySQL accepts CURRENT_TIMESTAMP there.
    if (c.default && isNow(c.default)) out.default = { kind: 'FunctionCall', name: { name: 'CURRENT_TIMESTAMP' }, args: [], span: c.default.span };
    if (dataType.name === 'char' || dataType.name === 'varchar' || dataType.name === 'text') out.collation = TEXT_COLLATION;
    return out;
  });
  const identity = columns.find((c) => c.identity)?.identity;
  const out: Table = { ...t, columns, constraints, options: {}, temporary: false, ...(partitioning ? { partitioning } : {}), ...(identity?.start !== undefined && identity.start > 1 ? { autoIncrementStart: identity.start } : {}) };
  if (!partitioning) delete out.partitioning;
  delete out.tablespace;
  delete out.unlogged;
  return out;
}

/** Foreign key columns take the exact type of the referenced column (InnoDB requires equal integer types). */
export function alignKeyTypes(tables: Map<string, Table>, ctx: OmContext): void {
  for (const t of tables.values()) {
    for (const fk of t.constraints) {
      if (fk.kind !== 'ForeignKey') continue;
      const ref = ctx.table(fk.refTable);
      if (!ref) continue;
      fk.columns.forEach((name, i) => {
        const c = t.columns.find((x) => x.name === name);
        const r = ref.columns.find((x) => x.name === fk.refColumns[i]);
        if (!c || !r || c.dataType.name === r.dataType.name) return;
        if (INTEGER_TYPES.has(r.dataType.name) || INTEGER_TYPES.has(c.dataType.name)) c.dataType = { ...r.dataType, span: c.dataType.span, sourceText: c.dataType.sourceText };
      });
    }
  }
}

/** Oracle index → MySQL index (or nothing, with a finding). */
/**
 * MariaDB has no functional key parts: each expression of a function-based index becomes a
 * VIRTUAL INVISIBLE (SELECT * and INSERT without a column list do not see it) generated column <index>_expr<n> on the table (typed from the column it reads) and the
 * index keys on it. Returns the rewritten index, or undefined when a type cannot be worked out.
 */
export function generatedKeyColumns(i: Index, ctx: OmContext): Index | undefined {
  const t = ctx.tables.get(qnameKey(i.table));
  if (!t) return undefined;
  const added: Column[] = [];
  const columns: IndexColumn[] = [];
  for (const [k, c] of i.columns.entries()) {
    if (!c.expr) { columns.push(c); continue; }
    let ref: string | undefined;
    walk(c.expr, (n) => { if (!ref && n.kind === 'ColumnRef') ref = (n as unknown as { parts: string[] }).parts.at(-1); });
    const source = ref ? t.columns.find((x) => x.name.toLowerCase() === ref!.toLowerCase()) : undefined;
    const kind = kindOf(c.expr, ctx);
    const text = source && /char|text|clob/.test(source.dataType.name);
    const dataType: DataType | undefined = kind === 'text' && text ? source.dataType : kind === 'number' || (kind === 'unknown' && source?.dataType.name === 'decimal') ? { name: 'decimal' } as DataType : undefined;
    if (!dataType || /clob|text/.test(dataType.name)) return undefined;
    const name = `${i.name}_expr${k + 1}`.toLowerCase().slice(0, 64);
    if (t.columns.some((x) => x.name.toLowerCase() === name)) return undefined;
    added.push({ kind: 'Column', name, dataType, nullable: true, generated: { expr: c.expr, stored: false }, invisible: true, ...(text && source.collation ? { collation: source.collation } : {}), span: i.span });
    const { expr: _e, ...rest } = c;
    columns.push({ ...rest, column: name });
  }
  t.columns = [...t.columns, ...added];
  ctx.report(OM.functionIndexColumn, i.span, `Function-based index ${i.name}: MariaDB has no functional key parts; the expression became INVISIBLE VIRTUAL generated column(s) ${added.map((a) => a.name).join(', ')} on ${t.name.name}, indexed instead`);
  return { ...i, columns };
}

export function convertIndex(i: Index, ctx: OmContext): Index | undefined {
  if (i.columns.some((c) => c.expr)) {
    if (ctx.flavor === 'mariadb') { ctx.report(OM.functionIndex, i.span, `Function-based index ${i.name} was not created on MariaDB (no functional key parts); add a virtual column and index it`); return undefined; }
    ctx.reportOnce(OM.functionIndex, i.span, `Function-based index ${i.name} became an index with functional key parts (MySQL 8.0.13+)`);
  }
  const out: Index = { ...i };
  if (i.method === 'bitmap' || i.reverse) { ctx.report(OM.bitmapIndex, i.span, `${i.method === 'bitmap' ? 'Bitmap' : 'REVERSE'} index ${i.name} became a BTREE index`); delete out.method; delete out.reverse; }
  if (out.method && out.method !== 'btree' && out.method !== 'hash') delete out.method;
  return out;
}

/** MariaDB has sequences; MySQL does not (the finding says what to do). */
export function convertSequence(q: Sequence, ctx: OmContext): Sequence | undefined {
  if (ctx.flavor === 'mysql') { ctx.report(OM.sequenceMysql, q.span, `Sequence ${q.name.name} was not created: MySQL has no sequences`); return undefined; }
  const BIG = 9223372036854775806;
  const fit = (n: number | undefined): number | undefined => (n === undefined || Math.abs(n) >= BIG ? undefined : n);
  const start = q.currentValue !== undefined ? q.currentValue + (q.increment ?? 1) : q.start;
  const out: Sequence = { ...q, ...(fit(start) !== undefined ? { start: fit(start) } : {}) };
  const max = fit(q.maxValue); const min = fit(q.minValue);
  if (max === undefined) delete out.maxValue; else out.maxValue = max;
  if (min === undefined) delete out.minValue; else out.minValue = min;
  delete out.dataType;
  delete out.currentValue;
  return out;
}

/** Synonym of a known table or view → a view over it. */
export function convertSynonym(original: Synonym, ctx: OmContext, relations: Set<string>): CatalogObject | undefined {
  const n = (x: string): string => applyNamingStyle(x, ctx.options.naming);
  const target = { name: n(original.target.name) };
  if (!relations.has(`.${target.name.toLowerCase()}`)) {
    ctx.report(OM.synonymUnsupported, original.span, `Synonym ${original.name.name} for ${original.target.name}: not a table or view of this script; not converted`);
    return undefined;
  }
  ctx.reportOnce(OM.synonym, original.span);
  const span = original.span;
  const view: View = { kind: 'View', name: { name: original.name.name }, query: { kind: 'Select', items: [{ expr: { kind: 'Star', span } }], from: [{ kind: 'TableRef', name: target, span }], groupBy: [], orderBy: [], span }, span, ...(original.origin ? { origin: original.origin } : {}) };
  return view;
}

/** COMMENT ON TABLE/COLUMN → the table's or column's COMMENT; false when it has nowhere to go. */
export function attachComment(c: Comment, tables: Map<string, Table>): boolean {
  const key = c.target.column ? qnameKey(c.target.name) : qnameKey(c.target.name);
  const t = tables.get(key) ?? [...tables.values()].find((x) => x.name.name.toLowerCase() === c.target.name.name.toLowerCase());
  if (!t) return false;
  if (c.target.objectType === 'column' || c.target.column) {
    const col = t.columns.find((x) => x.name.toLowerCase() === (c.target.column ?? '').toLowerCase());
    if (!col) return false;
    col.comment = c.text ?? undefined;
    return true;
  }
  if (c.target.objectType === 'table') { t.comment = c.text ?? undefined; return true; }
  return false;
}

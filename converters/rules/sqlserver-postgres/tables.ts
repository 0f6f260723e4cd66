import type { CatalogObject, Column, Constraint, DataType, Index, Table } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import { UniqueNames } from '../common/identifiers.js';
import { col, num } from '../common/nodes.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';
import { boolLiteral } from './expressions.js';
import { kindOf } from './typeof.js';
import { isTextType, mapType } from './types.js';

function dropCollation(c: Column, ctx: MsRuleContext): Column {
  if (!c.collation && !c.dataType.collation) return c;
  ctx.reportOnce(TG.collation, c.span, `COLLATE ${c.collation ?? c.dataType.collation} of column ${c.name} dropped`);
  const { collation: _c, ...rest } = c;
  const { collation: _d, ...dt } = c.dataType;
  return { ...rest, dataType: dt as DataType };
}

/** Type of a computed column (T-SQL infers it from the expression). */
function computedType(c: Column, ctx: MsRuleContext): DataType {
  const s = c.span;
  const k = kindOf(c.generated!.expr, ctx);
  const t = (name: DataType['name']): DataType => ({ kind: 'DataType', name, sourceText: c.dataType.sourceText || 'computed', span: s });
  if (k === 'number') return t('decimal');
  if (k === 'datetime') return { ...t('timestamp'), fractionalSeconds: 3 };
  if (k === 'bool') return t('bool');
  if (k !== 'text') ctx.reportOnce(TG.unsupported, s, `Type of computed column ${c.name} could not be inferred; text was used`);
  return t('text');
}

/** Column types, identity, tinyint ranges, collations, computed columns and key findings of one table. */
export function convertTable(t: Table, ctx: MsRuleContext): Table {
  const checks: Constraint[] = [];
  const columns = t.columns.map((c0) => {
    const c = dropCollation(c0, ctx);
    if (c.dataType.name === 'tinyint') {
      ctx.reportOnce(TG.tinyint, c.span);
      checks.push({ kind: 'Check', expr: { kind: 'Between', expr: col([c.name], c.span), low: num(0, c.span), high: num(255, c.span), not: false, span: c.span }, span: c.span });
    }
    if (c.generated) {
      if (!c.generated.stored) ctx.report(TG.computed, c.span, `Computed column ${t.name.name}.${c.name} became a stored generated column`);
      return { ...c, generated: { ...c.generated, stored: true }, dataType: c.dataType.name === 'unknown' ? computedType(c, ctx) : mapType(c.dataType, ctx) };
    }
    const dataType = mapType(c.dataType, ctx, 'column');
    return { ...c, dataType, ...(c.default ? { default: boolLiteral(c.default, dataType) } : {}) };
  });
  const out: Table = { ...t, columns, constraints: [...t.constraints, ...checks], options: {} };
  if (t.name.name.startsWith('##')) ctx.reportOnce(TG.globalTemp, t.span, `Global temporary table ${t.name.name}`);
  else if (t.name.name.startsWith('#')) out.temporary = true;
  // Case-insensitive keys: 'ALFKI' and 'alfki' were the same key in SQL Server.
  for (const k of t.constraints) {
    if (k.kind !== 'PrimaryKey' && k.kind !== 'Unique') continue;
    for (const ic of k.columns) {
      const cc = columns.find((x) => x.name === ic.column);
      if (cc && isTextType(cc.dataType)) ctx.report(TG.caseInsensitive, k.span, `Key column ${t.name.name}.${cc.name} (${cc.dataType.sourceText}) was compared case-insensitively by SQL Server's default collation`);
    }
  }
  return out;
}

/** Indexes: those duplicating a key constraint dropped (PostgreSQL creates the constraint's index), names unique per schema. */
export function convertIndex(i: Index, ctx: MsRuleContext, names: Map<string, UniqueNames>, tables: Map<string, Table>): Index | undefined {
  const t = tables.get(qnameKey(i.table));
  if (t && i.unique && !i.where && i.columns.every((c) => c.column)) {
    const cols = i.columns.map((c) => c.column!.toLowerCase()).join(',');
    const match = t.constraints.find((c) => (c.kind === 'PrimaryKey' || c.kind === 'Unique') && c.columns.map((x) => (x.column ?? '').toLowerCase()).join(',') === cols);
    if (match) return undefined;
  }
  const schemaNames = names.get(i.table.schema ?? '') ?? new UniqueNames();
  names.set(i.table.schema ?? '', schemaNames);
  // SQL Server index names are per table; PostgreSQL's share the schema namespace with tables.
  const wanted = schemaNames.has(i.name) ? `${i.table.name}_${i.name}` : i.name;
  const name = schemaNames.claim(wanted);
  if (name !== i.name) ctx.report(TG.indexRenamed, i.span, `Index ${i.table.name}.${i.name} is named ${name} (index names are unique per schema in PostgreSQL)`);
  return { ...i, name, method: i.method === 'other' ? undefined : i.method };
}

/** Reserves relation names and makes PK/UNIQUE/CHECK/FK constraint names unique per schema. */
export function reserveNames(objects: CatalogObject[], names: Map<string, UniqueNames>): void {
  for (const o of objects) {
    if (o.kind !== 'Table' && o.kind !== 'View' && o.kind !== 'Sequence') continue;
    const n = names.get(o.name.schema ?? '') ?? new UniqueNames();
    names.set(o.name.schema ?? '', n);
    n.reserve(o.name.name);
  }
}

export function uniqueConstraintNames(t: Table, names: Map<string, UniqueNames>, ctx: MsRuleContext): Table {
  const n = names.get(t.name.schema ?? '') ?? new UniqueNames();
  names.set(t.name.schema ?? '', n);
  const constraints = t.constraints.map((c) => {
    if (!c.name || (c.kind !== 'PrimaryKey' && c.kind !== 'Unique')) return c;
    const wanted = n.has(c.name) ? `${t.name.name}_${c.name}` : c.name;
    const name = n.claim(wanted);
    if (name !== c.name) ctx.report(TG.indexRenamed, c.span, `Constraint ${t.name.name}.${c.name} is named ${name}`);
    return { ...c, name };
  });
  return { ...t, constraints };
}


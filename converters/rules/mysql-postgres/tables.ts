import type { CatalogObject, Column, Constraint, Expr, Index, Table, Trigger, Block, EnumType, ObjectRef, DataType } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import { shortenIdentifier, UniqueNames } from '../common/identifiers.js';
import { bin, call, col, nul, raw, str } from '../common/nodes.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';
import { mapType } from './types.js';

const ZERO_DATE = /^0000-00-00/;

export function isZeroDate(e: Expr | undefined): boolean {
  return !!e && e.kind === 'Literal' && (e.type === 'string' || e.type === 'date' || e.type === 'timestamp') && ZERO_DATE.test(e.value);
}

function withoutCharset(c: Column, dataType: DataType): Column {
  const { charset: _charset, collation: _collation, ...kept } = c;
  return { ...kept, dataType };
}

/**
 * Columns as PostgreSQL needs them; enum types, CHECKs and the ON UPDATE trigger come out separately.
 * The table's constraints are the source ones (`sourceConstraints` of them, converted in place),
 * then the CHECKs the rules write (unsigned range, YEAR, SET members): those are PostgreSQL
 * expressions already, and the MySQL expression rules must not run over them again (they would,
 * e.g., turn `col = 0` into `col = FALSE` when a boolean column elsewhere shares the name).
 */
export function convertTable(t: Table, ctx: RuleContext, embedded = false): { table: Table; before: CatalogObject[]; after: CatalogObject[]; sourceConstraints: number } {
  const before: CatalogObject[] = [];
  const after: CatalogObject[] = [];
  const checks: Constraint[] = [];
  const onUpdate: Column[] = [];
  const origin: ObjectRef | undefined = t.origin;
  if ((t.charset || t.collation || t.columns.some((c) => c.charset || c.collation)) && !embedded) ctx.reportPerSchema(MP.collation, t.name.schema, t.span);
  const columns = t.columns.map((c): Column => {
    const m = mapType(c.dataType, ctx, 'column');
    let dataType: DataType = m.type;
    if (m.enumValues) {
      const name = { ...(t.name.schema ? { schema: t.name.schema } : {}), name: shortenIdentifier(`${t.name.name}_${c.name}`).name };
      const e: EnumType = { kind: 'EnumType', name, values: m.enumValues, span: c.dataType.span, ...(origin ? { origin } : {}) };
      before.push(e);
      ctx.reportOnce(MP.enumType, c.span, `ENUM column ${t.name.name}.${c.name} became enum type ${name.name}`);
      // mapType made this type for the column (name 'user'): complete it rather than copy it.
      dataType = m.type;
      dataType.userType = name;
    }
    if (m.check) checks.push({ kind: 'Check', name: shortenIdentifier(`${t.name.name}_${c.name}_check`).name, expr: m.check(col([c.name], c.span)), span: c.span });
    if (m.boolean && c.dataType.name !== 'bool') ctx.reportOnce(MP.tinyintBoolean, c.span);
    // A column none of the steps below changes (same type object, nothing to drop or rewrite) is
    // the source column itself: nothing changes columns in place, so the catalogs can share it.
    if (dataType === c.dataType && !('charset' in c) && !('collation' in c) && !c.onUpdate && !c.invisible
      && c.identity?.style !== 'auto_increment' && !(m.boolean && c.default) && !isZeroDate(c.default)
      && (c.nullable || ctx.zeroDateColumns.size === 0 || !ctx.zeroDateColumns.has(`${qnameKey(t.name)}|${c.name}`))) return c;
    // Rest destructuring, not `delete`, and only when there is something to drop: a deleted
    // property turns the column into a slow dictionary object for every later pass.
    const out: Column = 'charset' in c || 'collation' in c ? withoutCharset(c, dataType) : { ...c, dataType };
    if (isZeroDate(c.default)) {
      ctx.report(MP.zeroDate, c.span, `Default '${(c.default as { value: string }).value}' of ${t.name.name}.${c.name} became NULL`);
      delete out.default;
      out.nullable = true;
    } else if (m.boolean && c.default) {
      const v = c.default.kind === 'Literal' && c.default.type === 'number' ? c.default.value : c.default.kind === 'Literal' && c.default.type === 'bit' ? c.default.value : undefined;
      if (v !== undefined) out.default = { kind: 'Literal', type: 'boolean', value: Number.parseInt(v, v.startsWith('0b') ? 2 : 10) ? 'TRUE' : 'FALSE', span: c.default.span };
    }
    if (!out.nullable && ctx.zeroDateColumns.size > 0 && ctx.zeroDateColumns.has(`${qnameKey(t.name)}|${c.name}`)) {
      ctx.report(MP.zeroDate, c.span, `${t.name.name}.${c.name} loses NOT NULL: its data holds zero dates, loaded as NULL`);
      out.nullable = true;
    }
    if (c.identity?.style === 'auto_increment') {
      ctx.reportOnce(MP.autoIncrement, c.span);
      out.identity = t.autoIncrementStart !== undefined && t.autoIncrementStart > 1 ? { style: 'byDefault', start: t.autoIncrementStart } : { style: 'byDefault' };
      delete out.default;
    }
    if (c.onUpdate) { onUpdate.push(c); delete out.onUpdate; }
    if (c.invisible) { ctx.report(MP.invisibleColumn, c.span, `Column ${t.name.name}.${c.name} is no longer invisible`); delete out.invisible; }
    return out;
  });
  const constraints = t.constraints.map((c) => (c.name && /^primary$/i.test(c.name) ? { ...c, name: undefined } as Constraint : c));
  if (t.partitioning) {
    const keyCols = new Set(t.partitioning.columns);
    const covered = t.constraints.every((c) => (c.kind !== 'PrimaryKey' && c.kind !== 'Unique') || [...keyCols].every((k) => c.columns.some((x) => x.column === k)));
    if (!covered || t.partitioning.expr) ctx.report(MP.partitionKey, t.span);
  }
  // Rest destructuring, not `delete`: deleting a property turns the object into a slow dictionary
  // object, and every later pass spreads and reads the table again.
  const { charset: _charset, collation: _collation, autoIncrementStart: _start, ...kept } = t;
  const table: Table = { ...kept, columns, constraints: [...constraints, ...checks], options: {} };
  if (onUpdate.length) after.push(onUpdateTrigger(table, onUpdate, ctx));
  return { table, before, after, sourceConstraints: constraints.length };
}

/**
 * MySQL's ON UPDATE CURRENT_TIMESTAMP: set when the row changed and the statement left the
 * column as it was.
 */
function onUpdateTrigger(t: Table, cols: Column[], ctx: RuleContext): Trigger {
  ctx.reportOnce(MP.onUpdateTimestamp, cols[0]!.span);
  const s = t.span;
  const body: Block = {
    kind: 'Block', declarations: [], exceptionHandlers: [], span: s,
    body: [
      ...cols.map((c) => ({
        kind: 'If' as const, span: c.span,
        branches: [{
          condition: bin('and', bin('is distinct from', raw('NEW', s), raw('OLD', s), s), bin('is not distinct from', col(['new', c.name], s), col(['old', c.name], s), s), s),
          body: [{ kind: 'Assign' as const, target: col(['new', c.name], s), value: c.onUpdate!, span: c.span }],
        }],
      })),
      { kind: 'Return', value: raw('NEW', s), span: s },
    ],
  };
  return {
    kind: 'Trigger', name: { ...(t.name.schema ? { schema: t.name.schema } : {}), name: shortenIdentifier(`${t.name.name}_on_update`).name },
    table: t.name, timing: 'before', events: ['update'], forEach: 'row', body, span: s, ...(t.origin ? { origin: t.origin } : {}),
  };
}

/**
 * Index objects: unique names per schema, prefix lengths dropped, FULLTEXT → GIN, SPATIAL → GIST
 * or dropped. Returns undefined when the index is dropped.
 */
export function convertIndex(i: Index, ctx: RuleContext, names: Map<string, UniqueNames>): Index | undefined {
  let out: Index = { ...i };
  if (i.method === 'spatial' && !ctx.options.postgis) { ctx.report(MP.spatialIndex, i.span, `SPATIAL index ${i.name} was dropped`); return undefined; }
  if (i.method === 'spatial') out.method = 'gist';
  if (i.columns.some((c) => c.prefixLength !== undefined)) {
    ctx.report(MP.prefixIndex, i.span, `Prefix lengths of index ${i.name} were dropped`);
    out.columns = i.columns.map((c) => { const { prefixLength: _p, ...rest } = c; return rest; });
  }
  if (i.method === 'fulltext') {
    ctx.report(MP.fulltext, i.span, `FULLTEXT index ${i.name} became a GIN index`);
    const s = i.span;
    const doc = out.columns.map((c) => call('coalesce', [c.expr ?? col([c.column!], s), str('', s)], s)).reduce((a, b) => bin('concat', bin('concat', a, str(' ', s), s), b, s));
    out = { ...out, method: 'gin', columns: [{ expr: call('to_tsvector', [raw("'simple'::regconfig", s), doc], s) }] };
    delete out.parser;
  }
  const schemaNames = names.get(i.table.schema ?? '') ?? new UniqueNames();
  names.set(i.table.schema ?? '', schemaNames);
  let wanted = out.name;
  if (schemaNames.has(wanted)) wanted = `${i.table.name}_${wanted}`;
  const name = schemaNames.claim(wanted);
  if (name !== i.name) ctx.report(MP.indexRenamed, i.span, `Index ${i.table.name}.${i.name} is named ${name}`);
  return { ...out, name };
}

/** Reserves names of relations and makes PK/UNIQUE constraint names unique per schema. */
export function reserveRelationNames(objects: CatalogObject[], names: Map<string, UniqueNames>): void {
  for (const o of objects) {
    if (o.kind !== 'Table' && o.kind !== 'View' && o.kind !== 'Sequence') continue;
    const n = names.get(o.name.schema ?? '') ?? new UniqueNames();
    names.set(o.name.schema ?? '', n);
    n.reserve(o.name.name);
  }
}

export function uniqueConstraintNames(t: Table, names: Map<string, UniqueNames>, ctx: RuleContext): Table {
  const n = names.get(t.name.schema ?? '') ?? new UniqueNames();
  names.set(t.name.schema ?? '', n);
  let changed = false;
  const constraints = t.constraints.map((c) => {
    if (!c.name || (c.kind !== 'PrimaryKey' && c.kind !== 'Unique')) return c;
    const wanted = n.has(c.name) ? `${t.name.name}_${c.name}` : c.name;
    const name = n.claim(wanted);
    if (name !== c.name) ctx.report(MP.indexRenamed, c.span, `Constraint ${t.name.name}.${c.name} is named ${name}`);
    changed = true;
    return { ...c, name };
  });
  // Tables without named keys (most) are kept as they are.
  return changed ? { ...t, constraints } : t;
}

export const tableKey = (t: Table): string => qnameKey(t.name);
export { nul };

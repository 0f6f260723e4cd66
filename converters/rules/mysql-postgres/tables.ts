import type { CatalogObject, Column, Constraint, Expr, Index, Table, Trigger, Block, EnumType, ObjectRef, DataType, QualifiedName } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import { shortName, shortenIdentifier, UniqueNames } from '../common/identifiers.js';
import { bin, call, col, nul, raw, str } from '../common/nodes.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';
import { mapTypeInto, typeCheck, typeMapping } from './types.js';

const ZERO_DATE = /^0000-00-00/;

export function isZeroDate(e: Expr | undefined): boolean {
  return !!e && e.kind === 'Literal' && (e.type === 'string' || e.type === 'date' || e.type === 'timestamp') && ZERO_DATE.test(e.value);
}

function withoutCharset(c: Column, dataType: DataType): Column {
  const { charset: _charset, collation: _collation, ...kept } = c;
  return { ...kept, dataType };
}

/** The table's fields but charset, collation and autoIncrementStart, in the table's order. */
function tableShell(t: Table): Table {
  if (!('charset' in t) && !('collation' in t) && !('autoIncrementStart' in t)) return { ...t };
  // Copied field by field, not `delete`d: a deleted property turns the object into a slow
  // dictionary object, and later passes read the table again.
  const out: Record<string, unknown> = {};
  const rec = t as unknown as Record<string, unknown>;
  for (const k in rec) if (k !== 'charset' && k !== 'collation' && k !== 'autoIncrementStart') out[k] = rec[k];
  return out as unknown as Table;
}

/** /^primary$/i.test(name), without running a regex (and allocating) for every named constraint. */
function isPrimary(name: string): boolean {
  if (name.length !== 7) return false;
  for (let i = 0; i < 7; i++) if ((name.charCodeAt(i) | 0x20) !== 'primary'.charCodeAt(i)) return false;
  return true;
}

/** convertTable's `before`/`after` when it has nothing for them (frozen: never pushed to). */
const NONE: CatalogObject[] = Object.freeze([]) as unknown as CatalogObject[];

/** One record for every column's mapping (convertTable does not nest). */
const mapping = typeMapping();

/**
 * Columns as PostgreSQL needs them; enum types, CHECKs and the ON UPDATE trigger come out separately.
 * The table's constraints are the source ones (`sourceConstraints` of them, converted in place),
 * then the CHECKs the rules write (unsigned range, YEAR, SET members): those are PostgreSQL
 * expressions already, and the MySQL expression rules must not run over them again (they would,
 * e.g., turn `col = 0` into `col = FALSE` when a boolean column elsewhere shares the name).
 * The table, its column and constraint arrays are new (shared with nothing): later steps of the
 * same object may change them in place. Columns the rules leave alone are the source's own.
 * `origin`: the table's, when `t` comes without it (see BareObjects in naming.ts).
 */
export function convertTable(t: Table, ctx: RuleContext, embedded = false, origin: ObjectRef | undefined = t.origin): { table: Table; before: CatalogObject[]; after: CatalogObject[]; sourceConstraints: number } {
  // Made when there is something to put in them (most tables have no enum, nearly none a trigger).
  let before: CatalogObject[] = NONE;
  let after: CatalogObject[] = NONE;
  let onUpdate: Column[] | undefined;
  if (!embedded && (t.charset || t.collation || t.columns.some(hasCharset))) ctx.reportPerSchema(MP.collation, t.name.schema, t.span);
  // Source constraints first (a constraint named PRIMARY loses the name), then the CHECKs columns need.
  const constraints: Constraint[] = [];
  for (let i = 0; i < t.constraints.length; i++) {
    const c = t.constraints[i]!;
    constraints.push(c.name && isPrimary(c.name) ? { ...c, name: undefined } as Constraint : c);
  }
  const sourceConstraints = constraints.length;
  const tableName = t.name.name;
  const src = t.columns;
  // The source's list, copied at its size: columns the rules change are replaced in it.
  const columns: Column[] = src.slice();
  const m = mapping;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    mapTypeInto(c.dataType, ctx, 'column', m);
    const dataType: DataType = m.type;
    const boolean = m.boolean;
    if (m.enumValues) {
      const name: QualifiedName = t.name.schema ? { schema: t.name.schema, name: shortName(`${tableName}_${c.name}`) } : { name: shortName(`${tableName}_${c.name}`) };
      const e: EnumType = origin ? { kind: 'EnumType', name, values: m.enumValues, span: c.dataType.span, origin } : { kind: 'EnumType', name, values: m.enumValues, span: c.dataType.span };
      if (before === NONE) before = [e];
      else before.push(e);
      ctx.reportOnce(MP.enumType, c.span, `ENUM column ${tableName}.${c.name} became enum type ${name.name}`);
      // mapType made this type for the column (name 'user'): complete it rather than copy it.
      dataType.userType = name;
    }
    if (m.check !== 'none') constraints.push({ kind: 'Check', name: shortName(`${tableName}_${c.name}_check`), expr: typeCheck(m.check, c.dataType, col([c.name], c.span)), span: c.span });
    if (boolean && c.dataType.name !== 'bool') ctx.reportOnce(MP.tinyintBoolean, c.span);
    // A column none of the steps below changes (same type object, nothing to drop or rewrite) is
    // the source column itself: nothing changes columns in place, so the catalogs can share it.
    if (dataType === c.dataType && !('charset' in c) && !('collation' in c) && !c.onUpdate && !c.invisible
      && c.identity?.style !== 'auto_increment' && !(boolean && c.default) && !isZeroDate(c.default)
      && (c.nullable || ctx.zeroDateColumns.size === 0 || !ctx.zeroDateColumns.has(`${qnameKey(t.name)}|${c.name}`))) {
      continue;
    }
    // Rest destructuring, not `delete`, and only when there is something to drop: a deleted
    // property turns the column into a slow dictionary object for every later pass.
    const out: Column = 'charset' in c || 'collation' in c ? withoutCharset(c, dataType) : { ...c, dataType };
    if (isZeroDate(c.default)) {
      ctx.report(MP.zeroDate, c.span, `Default '${(c.default as { value: string }).value}' of ${tableName}.${c.name} became NULL`);
      delete out.default;
      out.nullable = true;
    } else if (boolean && c.default) {
      const v = c.default.kind === 'Literal' && c.default.type === 'number' ? c.default.value : c.default.kind === 'Literal' && c.default.type === 'bit' ? c.default.value : undefined;
      if (v !== undefined) out.default = { kind: 'Literal', type: 'boolean', value: Number.parseInt(v, v.startsWith('0b') ? 2 : 10) ? 'TRUE' : 'FALSE', span: c.default.span };
    }
    if (!out.nullable && ctx.zeroDateColumns.size > 0 && ctx.zeroDateColumns.has(`${qnameKey(t.name)}|${c.name}`)) {
      ctx.report(MP.zeroDate, c.span, `${tableName}.${c.name} loses NOT NULL: its data holds zero dates, loaded as NULL`);
      out.nullable = true;
    }
    if (c.identity?.style === 'auto_increment') {
      ctx.reportOnce(MP.autoIncrement, c.span);
      out.identity = t.autoIncrementStart !== undefined && t.autoIncrementStart > 1 ? { style: 'byDefault', start: t.autoIncrementStart } : { style: 'byDefault' };
      if ('default' in out) delete out.default;
    }
    if (c.onUpdate) { (onUpdate ??= []).push(c); delete out.onUpdate; }
    if (c.invisible) { ctx.report(MP.invisibleColumn, c.span, `Column ${tableName}.${c.name} is no longer invisible`); delete out.invisible; }
    columns[i] = out;
  }
  if (t.partitioning) {
    const keyCols = new Set(t.partitioning.columns);
    const covered = t.constraints.every((c) => (c.kind !== 'PrimaryKey' && c.kind !== 'Unique') || [...keyCols].every((k) => c.columns.some((x) => x.column === k)));
    if (!covered || t.partitioning.expr) ctx.report(MP.partitionKey, t.span);
  }
  const table = tableShell(t);
  // Where a copy of `t` with its origin would have it: after t's fields, before an added `options`.
  if (table.origin !== origin) table.origin = origin;
  table.columns = columns;
  table.constraints = constraints;
  table.options = {};
  if (onUpdate) after = [onUpdateTrigger(table, onUpdate, ctx)];
  return { table, before, after, sourceConstraints };
}

const hasCharset = (c: Column): boolean => !!(c.charset || c.collation);
const hasPrefix = (c: Index['columns'][number]): boolean => c.prefixLength !== undefined;

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
export function convertIndex(i: Index, ctx: RuleContext, names: Map<string, UniqueNames>, origin: ObjectRef | undefined = i.origin): Index | undefined {
  if (i.method === 'spatial' && !ctx.options.postgis) { ctx.report(MP.spatialIndex, i.span, `SPATIAL index ${i.name} was dropped`); return undefined; }
  // Object.assign, not a spread: in V8 11 (Node 20) a property added to a spread copy gets a hidden
  // class of its own, so every index made that way had its own (1,474 for 1,500) and each read of
  // one in the generator was megamorphic.
  let out: Index = Object.assign({}, i);
  // `i` may come without its origin (see BareObjects in naming.ts): last field, as a copy with it would have it.
  if (out.origin !== origin) out.origin = origin;
  if (i.method === 'spatial') out.method = 'gist';
  if (i.columns.some(hasPrefix)) {
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
  if (out.name !== name) out.name = name;
  return out;
}

/** Reserves names of relations and makes PK/UNIQUE constraint names unique per schema. */
export function reserveRelationNames(objects: CatalogObject[], names: Map<string, UniqueNames>): void {
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i]!;
    if (o.kind !== 'Table' && o.kind !== 'View' && o.kind !== 'Sequence') continue;
    const n = names.get(o.name.schema ?? '') ?? new UniqueNames();
    names.set(o.name.schema ?? '', n);
    n.reserve(o.name.name);
  }
}

/** `t` is a table convertTable made (its constraint array is its own): renamed in place. */
export function uniqueConstraintNames(t: Table, names: Map<string, UniqueNames>, ctx: RuleContext): Table {
  const schema = t.name.schema ?? '';
  let n = names.get(schema);
  if (!n) names.set(schema, (n = new UniqueNames()));
  const constraints = t.constraints;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i]!;
    if (!c.name || (c.kind !== 'PrimaryKey' && c.kind !== 'Unique')) continue;
    const wanted = n.has(c.name) ? `${t.name.name}_${c.name}` : c.name;
    const name = n.claim(wanted);
    if (name !== c.name) {
      ctx.report(MP.indexRenamed, c.span, `Constraint ${t.name.name}.${c.name} is named ${name}`);
      constraints[i] = { ...c, name };
    }
  }
  return t;
}

export const tableKey = (t: Table): string => qnameKey(t.name);
export { nul };

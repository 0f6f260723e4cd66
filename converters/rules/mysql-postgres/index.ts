import type { Catalog, CatalogObject, Column, ConvertOptions, DataScript, DataType, Expr, ObjectRef, RuleSet, Table } from '../../model/index.js';
import type { UniqueNames } from '../common/identifiers.js';
import { applyNamingStyle, nameKey } from '../common/identifiers.js';
import { MP } from './codes.js';
import { RuleContext, resolveOptions } from './context.js';
import { convertData, scanZeroDates } from './data.js';
import { booleanColumnNames, expressionPass } from './expressions.js';
import { applyNaming } from './naming.js';
import { convertRoutine, convertTriggerBody, rowCountToDiagnostics } from './procedural.js';
import { qualifyTable, referencePass } from './qualify.js';
import { convertIndex, convertTable, reserveRelationNames, uniqueConstraintNames } from './tables.js';
import { isTinyint1 } from './types.js';
import { sparingRows } from './rows.js';

export { MP } from './codes.js';
export { FUNCTIONS } from './functions.js';
export { translateDateFormat } from './date-format.js';

/** Kinds whose conversion copies them anyway: the naming pass leaves them without origin (BareObjects). */
const COPIED_KINDS: ReadonlySet<CatalogObject['kind']> = new Set(['Table', 'Index']);

export function transformMysqlToPostgres(catalog: Catalog, options: ConvertOptions): ReturnType<RuleSet['transform']> {
  const ctx = new RuleContext(resolveOptions(options));
  const sourceRoutines = new Set<string>();
  // Indexed loops over all objects: this runs once per transform, often before it is optimized,
  // and an unoptimized for…of allocates a result object per step.
  const sourceObjects = catalog.objects;
  for (let i = 0; i < sourceObjects.length; i++) {
    const o = sourceObjects[i]!;
    if (o.kind === 'Routine') sourceRoutines.add(o.name.name.toLowerCase());
  }
  const origins: ObjectRef[] = [];
  const named = applyNaming(catalog, ctx, sourceRoutines, { kinds: COPIED_KINDS, origins });
  const routines = new Set<string>();
  for (const r of sourceRoutines) routines.add(applyNamingStyle(r, ctx.options.naming).toLowerCase());
  // One pass over the objects for what later passes look up.
  const schemas = new Set<string>();
  const sourceTables = ctx.tables;
  const dataScripts: DataScript[] = [];
  const objects = named.objects;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i]!;
    if (o.kind === 'Schema') schemas.add(o.name.name);
    else if (o.kind === 'Table') sourceTables.set(nameKey(o.name), o);
    else if (o.kind === 'DataScript') dataScripts.push(o);
  }
  const isBool = (t: DataType): boolean => isTinyint1(t, ctx) || (t.name === 'bit' && (t.length ?? 1) === 1);
  // Boolean column names are collected (a pass over every column) only once an expression needs them.
  let booleanNames: Set<string> | undefined;
  const booleans = (): Set<string> => (booleanNames ??= booleanColumnNames(ctx, isBool));

  for (const d of dataScripts) scanZeroDates(d, sourceTables, ctx);
  const names = new Map<string, UniqueNames>();
  reserveRelationNames(named.objects, names);
  const out: CatalogObject[] = [];
  const expr = expressionPass(ctx, booleans, routines);
  const qualify = referencePass(ctx, routines, schemas);
  // Only defaults, generated columns, checks and partition expressions hold expressions in a table.
  // A column is converted through those fields alone (nothing else in it is an expression), and a
  // plain literal default is left alone: no expression rule matches a Literal, so it would come
  // back as it went in. `own`: the column is convertTable's copy (changed in place), not the source's.
  const columnExpressions = (c: Column, own: boolean): Column => {
    if (!c.generated && !c.onUpdate) {
      // Only a default to convert (the for…in below would meet no other field).
      const v = c.default;
      if (!v || v.kind === 'Literal') return c;
      const r = expr(v);
      if (r === v) return c;
      if (own) { c.default = r; return c; }
      return { ...c, default: r };
    }
    let out: Column | undefined = own ? c : undefined;
    for (const k in c) {
      if (k !== 'default' && k !== 'generated' && k !== 'onUpdate') continue;
      const v = c[k];
      if (!v || (k !== 'generated' && (v as Expr).kind === 'Literal')) continue;
      const r = expr(v);
      if (r !== v) (out ??= { ...c })[k] = r as never;
    }
    return out ?? c;
  };
  // Only the source CHECKs: the ones rules wrote after them are PostgreSQL already (see convertTable).
  // `t` is the table convertTable just made (its own object, column and constraint arrays, shared
  // with nothing): converted in place rather than copied once more.
  const tableExpressions = (t: Table, source: Table, sourceConstraints: number): Table => {
    const columns = t.columns;
    for (let i = 0; i < columns.length; i++) columns[i] = columnExpressions(columns[i]!, columns[i] !== source.columns[i]);
    const constraints = t.constraints;
    for (let i = 0; i < sourceConstraints && i < constraints.length; i++) if (constraints[i]!.kind === 'Check') constraints[i] = expr(constraints[i]!);
    if (t.partitioning) t.partitioning = expr(t.partitioning);
    if (t.partitionOf) t.partitionOf = expr(t.partitionOf);
    return t;
  };

  for (let i = 0; i < objects.length; i++) {
    const original = objects[i]!;
    const origin = origins[i]!;
    ctx.object = origin;
    try {
      convertObject(original, origin);
    } catch (err) {
      // A rule bug must never abort the conversion nor let a half-converted object through.
      ctx.report(MP.internalError, original.span, `Internal error while converting ${origin.type} ${origin.name}: ${(err as Error).message}`);
      out.push({ kind: 'UnparsedObject', objectType: origin.type, span: original.span, reported: true, origin, name: { ...(origin.schema ? { schema: origin.schema } : {}), name: origin.name },
        statement: { kind: 'Unparsed', text: `${original.kind} ${origin.name} (internal conversion error)`, reason: 'internal error', span: original.span } });
    }
  }
  return { catalog: { ...named, objects: out }, diagnostics: ctx.diagnostics };

  function convertObject(original: CatalogObject, origin: ObjectRef): void {
    const o: CatalogObject = original.kind === 'Table' ? qualifyTable(original, ctx, schemas) : sparingRows<CatalogObject>(original, qualify);
    switch (o.kind) {
      case 'Schema':
        if (o.charset || o.collation) ctx.reportPerSchema(MP.collation, o.name.name, o.span);
        out.push({ ...o, charset: undefined, collation: undefined } as CatalogObject);
        break;
      case 'Table': {
        const { table, before, after, sourceConstraints } = convertTable(o, ctx, false, origin);
        // The table comes first so convert.ts files the table's findings under the table itself; its
        // enum types still get created before it (the table depends on them).
        // Everything converted before anything is pushed: a rule error leaves no part behind.
        const converted = tableExpressions(uniqueConstraintNames(table, names, ctx), o, sourceConstraints);
        for (let i = 0; i < after.length; i++) after[i] = expr(after[i]!);
        out.push(converted);
        for (let i = 0; i < before.length; i++) out.push(before[i]!);
        for (let i = 0; i < after.length; i++) out.push(after[i]!);
        break;
      }
      case 'Index': {
        const i = convertIndex(o, ctx, names, origin);
        if (i) out.push(expr(i));
        break;
      }
      case 'Routine': out.push(convertRoutine(expr(rowCountToDiagnostics(o)), ctx, booleans())); break;
      case 'Trigger': out.push(convertTriggerBody(expr(rowCountToDiagnostics(o)), ctx, booleans())); break;
      case 'Event': ctx.report(MP.event, o.span); out.push(o); break;
      case 'DataScript': out.push(...convertData(o, sourceTables, ctx).map((x) => sparingRows(x, expr))); break;
      default: out.push(expr(o));
    }
  }
}

export const mysqlToPostgres: RuleSet = { source: 'mysql', target: 'postgres', transform: transformMysqlToPostgres };

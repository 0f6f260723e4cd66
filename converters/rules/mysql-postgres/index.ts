import type { Catalog, CatalogObject, Column, ConvertOptions, DataScript, DataType, Expr, RuleSet, Table } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import type { UniqueNames } from '../common/identifiers.js';
import { applyNamingStyle } from '../common/identifiers.js';
import { MP } from './codes.js';
import { RuleContext, resolveOptions } from './context.js';
import { convertData, scanZeroDates } from './data.js';
import { booleanColumnNames, convertExpressions } from './expressions.js';
import { applyNaming } from './naming.js';
import { convertRoutine, convertTriggerBody, rowCountToDiagnostics } from './procedural.js';
import { qualifyReferences, qualifyTable } from './qualify.js';
import { convertIndex, convertTable, reserveRelationNames, uniqueConstraintNames } from './tables.js';
import { isTinyint1 } from './types.js';
import { sparingRows } from './rows.js';

export { MP } from './codes.js';
export { FUNCTIONS } from './functions.js';
export { translateDateFormat } from './date-format.js';

export function transformMysqlToPostgres(catalog: Catalog, options: ConvertOptions): ReturnType<RuleSet['transform']> {
  const ctx = new RuleContext(resolveOptions(options));
  const sourceRoutines = new Set(catalog.objects.filter((o) => o.kind === 'Routine').map((o) => (o.kind === 'Routine' ? o.name.name.toLowerCase() : '')));
  const named = applyNaming(catalog, ctx, sourceRoutines);
  const routines = new Set([...sourceRoutines].map((r) => applyNamingStyle(r, ctx.options.naming).toLowerCase()));
  // One pass over the objects for what later passes look up.
  const schemas = new Set<string>();
  const sourceTables = new Map<string, Table>();
  const dataScripts: DataScript[] = [];
  for (const o of named.objects) {
    if (o.kind === 'Schema') schemas.add(o.name.name);
    else if (o.kind === 'Table') sourceTables.set(qnameKey(o.name), o);
    else if (o.kind === 'DataScript') dataScripts.push(o);
  }
  for (const [k, t] of sourceTables) ctx.tables.set(k, t);
  const isBool = (t: DataType): boolean => isTinyint1(t, ctx) || (t.name === 'bit' && (t.length ?? 1) === 1);
  const booleans = booleanColumnNames(ctx, isBool);

  for (const d of dataScripts) scanZeroDates(d, sourceTables, ctx);
  const names = new Map<string, UniqueNames>();
  reserveRelationNames(named.objects, names);
  const out: CatalogObject[] = [];
  const expr = <T>(x: T): T => convertExpressions(x, ctx, booleans, routines);
  // Only defaults, generated columns, checks and partition expressions hold expressions in a table.
  // A column is converted through those fields alone (nothing else in it is an expression), and a
  // plain literal default is left alone: no expression rule matches a Literal, so it would come
  // back as it went in.
  const columnExpressions = (c: Column): Column => {
    let out: Column | undefined;
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
  const tableExpressions = (t: Table, sourceConstraints: number): Table => {
    const columns = t.columns;
    for (let i = 0; i < columns.length; i++) columns[i] = columnExpressions(columns[i]!);
    const constraints = t.constraints;
    for (let i = 0; i < sourceConstraints && i < constraints.length; i++) if (constraints[i]!.kind === 'Check') constraints[i] = expr(constraints[i]!);
    if (t.partitioning) t.partitioning = expr(t.partitioning);
    if (t.partitionOf) t.partitionOf = expr(t.partitionOf);
    return t;
  };

  for (const original of named.objects) {
    ctx.object = original.origin;
    try {
      convertObject(original);
    } catch (err) {
      // A rule bug must never abort the conversion nor let a half-converted object through.
      ctx.report(MP.internalError, original.span, `Internal error while converting ${original.origin?.type ?? original.kind} ${original.origin?.name ?? ''}: ${(err as Error).message}`);
      out.push({ kind: 'UnparsedObject', objectType: original.origin?.type ?? original.kind, span: original.span, ...(original.origin ? { origin: original.origin, name: { ...(original.origin.schema ? { schema: original.origin.schema } : {}), name: original.origin.name } } : {}),
        statement: { kind: 'Unparsed', text: `${original.kind} ${original.origin?.name ?? ''} (internal conversion error)`, reason: 'internal error', span: original.span } });
    }
  }
  return { catalog: { ...named, objects: out }, diagnostics: ctx.diagnostics };

  function convertObject(original: CatalogObject): void {
    const o: CatalogObject = original.kind === 'Table' ? qualifyTable(original, ctx, schemas) : sparingRows<CatalogObject>(original, (x) => qualifyReferences(x, ctx, routines, schemas));
    switch (o.kind) {
      case 'Schema':
        if (o.charset || o.collation) ctx.reportPerSchema(MP.collation, o.name.name, o.span);
        out.push({ ...o, charset: undefined, collation: undefined } as CatalogObject);
        break;
      case 'Table': {
        const { table, before, after, sourceConstraints } = convertTable(o, ctx);
        // The table comes first so convert.ts files the table's findings under the table itself; its
        // enum types still get created before it (the table depends on them).
        out.push(tableExpressions(uniqueConstraintNames(table, names, ctx), sourceConstraints), ...before, ...after.map((x) => expr(x)));
        break;
      }
      case 'Index': {
        const i = convertIndex(o, ctx, names);
        if (i) out.push(expr(i));
        break;
      }
      case 'Routine': out.push(convertRoutine(expr(rowCountToDiagnostics(o)), ctx, booleans)); break;
      case 'Trigger': out.push(convertTriggerBody(expr(rowCountToDiagnostics(o)), ctx, booleans)); break;
      case 'Event': ctx.report(MP.event, o.span); out.push(o); break;
      case 'DataScript': out.push(...convertData(o, sourceTables, ctx).map((x) => sparingRows(x, expr))); break;
      default: out.push(expr(o));
    }
  }
}

export const mysqlToPostgres: RuleSet = { source: 'mysql', target: 'postgres', transform: transformMysqlToPostgres };

import type { Block, Catalog, CatalogObject, ConvertOptions, DataScript, Expr, Insert, RuleSet, Table } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import type { UniqueNames } from '../common/identifiers.js';
import { namedTsqlCatalog } from '../common/tsql-naming.js';
import { schemasToCreate } from '../common/schemas.js';
import { TG } from './codes.js';
import { MsRuleContext, resolveOptions } from './context.js';
import { emulationObjects } from './emulation.js';
import { boolLiteral, convertExpressions } from './expressions.js';
import { collectVariables, convertRoutine, paramRenames, resultColumns } from './procedural.js';
import { convertQueries, insertColumns } from './queries.js';
import { convertIndex, convertTable, reserveNames, uniqueConstraintNames } from './tables.js';
import { convertTrigger } from './triggers.js';
import { tempDefinitions } from './temp-tables.js';
import { resultSetProcedures } from './insert-exec.js';
import { annotate } from './typeof.js';
import { mapType } from './types.js';

export { TG } from './codes.js';
export { FUNCTIONS } from './functions.js';
export { EMULATION_SCHEMA, EMULATED_FUNCTIONS } from './emulation.js';

function named(catalog: Catalog, ctx: MsRuleContext): Catalog {
  return namedTsqlCatalog(catalog, ctx.options, ctx.diagnostics, TG.identifierShortened);
}

/** 0/1 literals inserted into bit (now boolean) columns become FALSE/TRUE. */
function dataScript(d: DataScript, ctx: MsRuleContext): DataScript {
  const t = ctx.table(d.table);
  if (!t) return d;
  const statements = d.statements.map((s) => {
    if (s.kind !== 'Insert' || s.source.kind !== 'Values') return s;
    const cols = (s.columns ?? t.columns.filter((c) => !c.generated).map((c) => c.name)).map((n) => t.columns.find((c) => c.name === n)?.dataType);
    if (!cols.some((c) => c?.name === 'bool')) return s;
    const rows = s.source.rows.map((r) => r.map((e, i) => boolLiteral(e, cols[i]) as Expr));
    return { ...s, source: { ...s.source, rows } } as Insert;
  });
  return { ...d, statements };
}

const literalRow = (r: Expr[]): boolean => r.every((e) => e.kind === 'Literal');

const sameColumns = (a: string[] | undefined, b: string[] | undefined): boolean =>
  a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));

const plainLiteralInsert = (s: DataScript['statements'][number]): s is Insert & { source: { kind: 'Values'; rows: Expr[][] } } =>
  s.kind === 'Insert' && s.source.kind === 'Values' && !s.returning?.length && !s.outputInto && !s.onConflict && !s.ignore && !s.replace && !s.onDuplicateKeyUpdate && s.source.rows.every(literalRow);

/**
 * Consecutive single-row INSERT … VALUES of literals into the same columns (one statement per row,
 * as SQL Server scripts write data) become one multi-row INSERT before any pass: every pass then
 * handles one statement instead of thousands. The PostgreSQL generator batches such rows the same
 * way either way, so the output does not change.
 */
function mergedData(catalog: Catalog): Catalog {
  if (!catalog.objects.some((o) => o.kind === 'DataScript' && o.statements.length > 1)) return catalog;
  const objects = catalog.objects.map((o) => {
    if (o.kind !== 'DataScript' || o.statements.length < 2) return o;
    const statements: DataScript['statements'] = [];
    let run: (Insert & { source: { kind: 'Values'; rows: Expr[][] } }) | undefined;
    for (const s of o.statements) {
      if (plainLiteralInsert(s) && run && sameColumns(run.columns, s.columns) && s.source.rows[0]?.length === run.source.rows[0]?.length) {
        run.source.rows.push(...s.source.rows);
        continue;
      }
      if (plainLiteralInsert(s)) {
        run = { ...s, source: { ...s.source, rows: [...s.source.rows] } };
        statements.push(run);
      } else {
        run = undefined;
        statements.push(s);
      }
    }
    return statements.length === o.statements.length ? o : { ...o, statements };
  });
  return { ...catalog, objects };
}

/**
 * Data scripts: INSERT … VALUES of literals only need their column list (nothing in a literal to
 * convert), so they skip the expression passes — a 100,000-row script costs little more than a copy.
 */
function dataPasses(d: DataScript, ctx: MsRuleContext, sql: <T>(x: T) => T): DataScript {
  const statements = d.statements.map((s) => {
    if (s.kind === 'Insert' && s.source.kind === 'Values' && !s.returning?.length && s.source.rows.every(literalRow)) return insertColumns(s, ctx);
    return sql(s);
  });
  return { ...d, statements };
}

export function transformSqlServerToPostgres(catalog: Catalog, options: ConvertOptions): ReturnType<RuleSet['transform']> {
  const ctx = new MsRuleContext(resolveOptions(options));
  if (catalog.objects.some((o) => 'name' in o && o.name && typeof o.name === 'object' && o.name.schema?.toLowerCase() === 'dbo') && ctx.options.schemaMap['dbo'] === 'public') {
    ctx.report(TG.dboSchema, catalog.objects[0]!.span, undefined, undefined);
  }
  const source = named(mergedData(catalog), ctx);
  const objects = source.objects;

  const tables = new Map<string, Table>();
  for (const o of objects) {
    if (o.kind !== 'Table') continue;
    ctx.object = o.origin;
    ctx.scope = [new Map([[o.name.name.toLowerCase(), o]])];
    for (const c of o.columns) if (c.generated) annotate(c.generated.expr, ctx);
    ctx.scope = [];
    tables.set(qnameKey(o.name), convertTable(o, ctx));
  }
  for (const [k, t] of tables) ctx.tables.set(k, t);
  // Views' column types (inferred from their queries) so queries over views resolve types too.
  for (const o of objects) {
    if (o.kind !== 'View' || o.query.kind !== 'Select' || ctx.tables.has(qnameKey(o.name))) continue;
    annotate(o.query, ctx);
    const cols = resultColumns(o.query, ctx, false);
    ctx.tables.set(qnameKey(o.name), { kind: 'Table', name: o.name, columns: cols.map((c, i) => ({ kind: 'Column', name: o.columns?.[i] ?? c.name, dataType: c.dataType, nullable: true, span: o.span })), constraints: [], options: {}, span: o.span });
  }
  const names = new Map<string, UniqueNames>();
  reserveNames(objects, names);
  const routines = new Set<string>();
  for (const o of objects) if (o.kind === 'Routine') routines.add(o.name.name.toLowerCase());
  for (const o of objects) if (o.kind === 'Routine' || o.kind === 'Trigger') tempDefinitions(o.body, ctx.tempDefinitions, `${qnameKey(o.name)}:`);
  for (const o of objects) if (o.kind === 'Routine') ctx.paramRenames.set(o.name.name.toLowerCase(), paramRenames(o, ctx));
  resultSetProcedures(objects, ctx.resultSetFunctions);

  const sql = <T>(x: T): T => {
    annotate(x, ctx);
    return convertExpressions(convertQueries(x, ctx), ctx, routines);
  };
  const out: CatalogObject[] = [];
  for (const o of objects) {
    ctx.object = o.origin;
    ctx.variables = new Map();
    try {
      out.push(...convertObject(o));
    } catch (err) {
      ctx.report(TG.internalError, o.span, `Internal error while converting ${o.origin?.type ?? o.kind} ${o.origin?.name ?? ''}: ${(err as Error).message}`);
      out.push({ kind: 'UnparsedObject', objectType: o.origin?.type ?? o.kind, span: o.span, reported: true, ...(o.origin ? { origin: o.origin, name: { ...(o.origin.schema ? { schema: o.origin.schema } : {}), name: o.origin.name } } : {}),
        statement: { kind: 'Unparsed', text: `${o.kind} ${o.origin?.name ?? ''} (internal conversion error)`, reason: 'internal error', span: o.span } });
    }
  }
  const schemas = schemasToCreate(out);
  return { catalog: { ...source, dialect: 'sqlserver', objects: [...emulationObjects(ctx.emulations), ...schemas, ...out.filter((o) => !(o.kind === 'Schema' && o.name.name.toLowerCase() === 'public'))] }, diagnostics: ctx.diagnostics };

  function convertObject(o: CatalogObject): CatalogObject[] {
    switch (o.kind) {
      case 'Table': {
        const t = uniqueConstraintNames(tables.get(qnameKey(o.name))!, names, ctx);
        return [{ ...t, columns: t.columns.map((c) => (c.default || c.generated ? sql(c) : c)), constraints: t.constraints.map((c) => (c.kind === 'Check' ? sql(c) : c)) }];
      }
      case 'Index': {
        const i = convertIndex(o, ctx, names, tables);
        return i ? [sql(i)] : [];
      }
      case 'View': return [sql(o)];
      case 'Routine': {
        const r = convertRoutine(o, ctx);
        collectVariables(r, ctx);
        return [sql(r)];
      }
      case 'Trigger': {
        ctx.variables = new Map();
        const body = (b: Block): Block => {
          const r = convertRoutine({ kind: 'Routine', routineKind: 'function', name: o.name, params: [], returns: { kind: 'trigger' }, language: 'tsql', body: b, span: o.span }, ctx);
          return r.body as Block;
        };
        // inserted/deleted have the table's columns.
        const t = ctx.table(o.table);
        if (t) {
          ctx.tables.set('.inserted', { ...t, name: { name: 'inserted' } });
          ctx.tables.set('.deleted', { ...t, name: { name: 'deleted' } });
        }
        const res = convertTrigger(o, ctx, body).map((x) => sql(x));
        ctx.tables.delete('.inserted');
        ctx.tables.delete('.deleted');
        return res;
      }
      case 'Domain': {
        ctx.reportOnce(TG.userType, o.span);
        return [{ ...o, baseType: mapType(o.baseType, ctx, 'other') }];
      }
      case 'CompositeType': {
        ctx.report(TG.tableType, o.span, `Table type ${o.name.name} became a composite type: table-valued parameters have no PostgreSQL form (pass an array of the type)`);
        return [{ ...o, attributes: o.attributes.map((a) => ({ ...a, dataType: mapType(a.dataType, ctx, 'other') })) }];
      }
      case 'Sequence': return [{ ...o, ...(o.dataType ? { dataType: mapType(o.dataType, ctx, 'other') } : {}) }];
      case 'DataScript': return [dataPasses(dataScript(o, ctx), ctx, sql)];
      default: return [o];
    }
  }
}

export const sqlServerToPostgres: RuleSet = { source: 'sqlserver', target: 'postgres', transform: transformSqlServerToPostgres };

import type { Catalog, CatalogObject, ConvertOptions, Diagnostic, QualifiedName, RuleSet, Table } from '../../model/index.js';
import { qnameKey, rewrite } from '../../model/index.js';
import { applyNamingStyle } from '../common/identifiers.js';
import { RuleContext as NamingContext } from '../mysql-postgres/context.js';
import { applyNaming } from '../mysql-postgres/naming.js';
import { identityFromTriggers } from '../oracle-postgres/tables.js';
import { convertCtas } from './ctas.js';
import { splitDataScript } from './multi-insert.js';
import { routinesByName } from './statement-trigger.js';
import { OM } from './codes.js';
import { OmContext } from './context.js';
import { convertExpressions } from './expressions.js';
import { expandPackage, registerPackages } from './packages.js';
import { convertRoutine, convertTrigger } from './procedural.js';
import { convertQueries } from './queries.js';
import { alignKeyTypes, attachComment, convertIndex, generatedKeyColumns, convertSequence, convertSynonym, convertTable } from './tables.js';

export { OM as ORACLE_MYSQL_CODES } from './codes.js';
export { FUNCTIONS as ORACLE_MYSQL_FUNCTIONS } from './functions.js';

/** Oracle folds unquoted names to upper case; the shared naming pass (lower by default) does the rest. */
function named(catalog: Catalog, ctx: OmContext): Catalog {
  const nctx = new NamingContext({ naming: ctx.options.naming, schemaMap: ctx.options.schemaMap, tinyint1AsBoolean: false, timestampWithTimeZone: false, postgis: false });
  const routines = new Set<string>();
  for (const o of catalog.objects) {
    if (o.kind === 'Routine') routines.add(o.name.name.toLowerCase());
    if (o.kind === 'Package') for (const r of o.routines) routines.add(r.name.name.toLowerCase());
  }
  const out = applyNaming(catalog, nctx, routines);
  for (const d of nctx.diagnostics) ctx.diagnostics.push({ ...d, code: OM.identifierShortened.code, recommendation: OM.identifierShortened.recommendation } as Diagnostic);
  const n = (s: string): string => applyNamingStyle(s, ctx.options.naming);
  return { ...out, objects: out.objects.map((o) => (o.kind === 'Package' ? { ...o, name: { name: n(o.name.name), ...(o.name.schema ? { schema: n(o.name.schema) } : {}) } } : o)) };
}

/**
 * Oracle schemas are users; a MySQL database is the nearest thing. Without a schema map the
 * output is unqualified (applied to the database the user chooses), so HR.EMPLOYEES → employees.
 */
function dropSchemas(objects: CatalogObject[], ctx: OmContext): CatalogObject[] {
  if (Object.keys(ctx.options.schemaMap).length) return objects;
  const schemas = new Set<string>();
  for (const o of objects) {
    const name = 'name' in o && o.name && typeof o.name === 'object' ? (o.name as QualifiedName).schema : undefined;
    if (name) schemas.add(name.toLowerCase());
  }
  if (!schemas.size) return objects;
  const strip = (q: QualifiedName): QualifiedName => (q.schema && schemas.has(q.schema.toLowerCase()) ? { name: q.name } : q);
  return objects.filter((o) => o.kind !== 'Schema').map((o) => {
    const top = 'name' in o && o.name && typeof o.name === 'object' ? { ...o, name: strip(o.name as QualifiedName) } as CatalogObject : o;
    return rewrite(top, (n) => {
      const x = n as unknown as Record<string, unknown>;
      const patch: Record<string, unknown> = {};
      for (const k of ['name', 'table', 'refTable']) {
        const v = x[k] as QualifiedName | undefined;
        if (v && typeof v === 'object' && typeof v.name === 'string' && v.schema && schemas.has(v.schema.toLowerCase())) patch[k] = strip(v);
      }
      return Object.keys(patch).length ? { ...n, ...patch } : undefined;
    });
  });
}

export function transformOracleToMysql(catalog: Catalog, options: ConvertOptions): ReturnType<RuleSet['transform']> {
  const ctx = new OmContext(options);
  const source = named(catalog, ctx);
  const { drop, identities } = identityFromTriggers(source.objects, ctx);
  const objects = dropSchemas(source.objects.filter((o) => !drop.has(o)), ctx);
  // identityFromTriggers keys by the (schema-qualified) source table name: re-key by bare name.
  const ids = new Map([...identities].map(([k, v]) => [k.replace(/^[^.|]*\./, '.'), v]));
  registerPackages(objects, ctx);
  for (const [k, r] of routinesByName(objects)) ctx.sourceRoutines.set(k, r);

  const tables = new Map<string, Table>();
  for (const o of objects) {
    if (o.kind !== 'Table') continue;
    ctx.object = o.origin;
    const t = convertTable(o, ctx, ids);
    tables.set(qnameKey(t.name), t);
    ctx.tables.set(qnameKey(t.name), t);
  }
  alignKeyTypes(tables, ctx);
  const keyed = new Map<CatalogObject, CatalogObject>();
  if (ctx.flavor === 'mariadb') {
    for (const o of objects) {
      if (o.kind !== 'Index' || !o.columns.some((c) => c.expr)) continue;
      ctx.object = o.origin;
      const r = generatedKeyColumns(o, ctx);
      if (r) keyed.set(o, r);
    }
  }
  const relations = new Set<string>();
  for (const t of tables.values()) relations.add(`.${t.name.name.toLowerCase()}`);
  for (const o of objects) if (o.kind === 'View') relations.add(`.${o.name.name.toLowerCase()}`);
  const routines = new Set<string>();
  for (const o of objects) if (o.kind === 'Routine') routines.add(o.name.name.toLowerCase());

  const sql = <T>(x: T): T => convertExpressions(convertQueries(x, ctx), ctx, routines);
  const out: CatalogObject[] = [];
  for (const o of objects) {
    ctx.object = o.origin;
    ctx.variables = new Map();
    ctx.routineKind = undefined;
    try {
      out.push(...convertObject(o));
    } catch (err) {
      ctx.report(OM.internalError, o.span, `Internal error while converting ${o.origin?.type ?? o.kind} ${o.origin?.name ?? ''}: ${(err as Error).message}`);
      out.push({ kind: 'UnparsedObject', objectType: o.origin?.type ?? o.kind, span: o.span, reported: true, ...(o.origin ? { origin: o.origin, name: { name: o.origin.name } } : {}),
        statement: { kind: 'Unparsed', text: `${o.kind} ${o.origin?.name ?? ''} (internal conversion error)`, reason: 'internal error', span: o.span } });
    }
  }
  return { catalog: { ...source, objects: out }, diagnostics: ctx.diagnostics };

  function convertObject(o: CatalogObject): CatalogObject[] {
    switch (o.kind) {
      case 'Table': {
        const t = tables.get(qnameKey(o.name))!;
        return [{ ...t, columns: t.columns.map((c) => (c.default || c.generated ? sql(c) : c)), constraints: t.constraints.map((c) => (c.kind === 'Check' ? sql(c) : c)),
          ...(t.partitioning ? { partitioning: sql(t.partitioning) } : {}), ...convertCtas(t, sql, ctx) }];
      }
      case 'Index': {
        const i = convertIndex((keyed.get(o) ?? o) as typeof o, ctx);
        return i ? [sql(i)] : [];
      }
      case 'Sequence': { const q = convertSequence(o, ctx); return q ? [q] : []; }
      case 'View':
        if (o.materialized) ctx.report(OM.materializedView, o.span, `Materialized view ${o.name.name} became a plain view`);
        return [sql({ ...o, materialized: false, readOnly: undefined })];
      case 'Routine': return [convertRoutine(o, ctx, sql)];
      case 'Package': return expandPackage(o, ctx, (r, scope) => convertRoutine(r, ctx, sql, scope));
      case 'Trigger': return convertTrigger(o, ctx, sql);
      case 'Synonym': { const v = convertSynonym(o, ctx, relations); return v ? [v] : []; }
      case 'CollectionType': case 'CompositeType':
        ctx.report(OM.objectType, o.span, `Type ${o.name.name} has no MySQL equivalent; not converted`);
        return [{ kind: 'UnparsedObject', objectType: 'type', name: o.name, span: o.span, reported: true, ...(o.origin ? { origin: o.origin } : {}), statement: { kind: 'Unparsed', text: `TYPE ${o.name.name}`, reason: 'object/collection type', span: o.span } }];
      case 'Comment':
        if (attachComment(o, tables)) return [];
        return [o];
      case 'DataScript': return [sql(splitDataScript(o, ctx))];
      case 'Schema': return [];
      default: return [o];
    }
  }
}

export const oracleToMysql: RuleSet = { source: 'oracle', target: 'mysql', transform: transformOracleToMysql };

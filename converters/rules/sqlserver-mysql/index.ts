import type { Catalog, CatalogObject, ConvertOptions, QualifiedName, RuleSet } from '../../model/index.js';
import { qnameKey, rewrite, walk } from '../../model/index.js';
import { namedTsqlCatalog } from '../common/tsql-naming.js';
import { annotate } from '../sqlserver-postgres/typeof.js';
import { TM } from './codes.js';
import { TmContext } from './context.js';
import { convertDataScript } from './data.js';
import { convertExpressions } from './expressions.js';
import { convertIndex, convertTable } from './tables.js';
import { multiTableDml } from './dml.js';
import { applyJoins } from './apply.js';
import { NotConvertible } from './blocked.js';
import { convertRoutine, convertTriggerBody, procedureParams } from './procedural.js';
import { rollupForMariadb } from './rollup.js';
import { convertTrigger } from './triggers.js';

export { TM as SQLSERVER_MYSQL_CODES } from './codes.js';
export { FUNCTIONS as SQLSERVER_MYSQL_FUNCTIONS } from './functions.js';

function named(catalog: Catalog, ctx: TmContext): Catalog {
  return namedTsqlCatalog(catalog, ctx.options, ctx.diagnostics, TM.identifierShortened);
}

/** dbo.T / [db].[dbo].[T] → T unless the caller maps schemas to databases. */
function dropSchemas(objects: CatalogObject[], ctx: TmContext): CatalogObject[] {
  if (Object.keys(ctx.options.schemaMap).length) return objects;
  const strip = (q: QualifiedName): QualifiedName => (q.schema || q.catalog ? { name: q.name } : q);
  let dropped = false;
  const out = objects.filter((o) => o.kind !== 'Schema').map((o) => rewrite(o, (n) => {
    const x = n as unknown as Record<string, unknown>;
    const patch: Record<string, unknown> = {};
    for (const k of ['name', 'table', 'refTable']) {
      const v = x[k] as QualifiedName | undefined;
      if (v && typeof v === 'object' && typeof v.name === 'string' && (v.schema || v.catalog)) { patch[k] = strip(v); dropped = true; }
    }
    return Object.keys(patch).length ? { ...n, ...patch } : undefined;
  }));
  if (dropped && objects[0]) ctx.report(TM.schemaDropped, objects[0].span, undefined, undefined);
  return out;
}

/** Query constructs with no MySQL form outside stored programs (each makes the object an action item). */
function unsupportedConstruct(o: unknown, routine = false): string | undefined {
  if (routine) return undefined;
  let found: string | undefined;
  walk(o as never, (n) => {
    if (found) return;
    const x = n as unknown as Record<string, unknown>;
    if (x['kind'] === 'Merge') found = 'MERGE';
    else if (x['kind'] === 'Select' && x['intoTable']) found = 'SELECT … INTO a new table';
    else if ((x['kind'] === 'Insert' || x['kind'] === 'Update' || x['kind'] === 'Delete') && x['returning']) found = 'OUTPUT';
  });
  return found;
}

const NONDETERMINISTIC = /^(getdate|getutcdate|sysdatetime|sysutcdatetime|sysdatetimeoffset|current_timestamp|newid|rand|user_name|suser_sname)$/i;

function nondeterministic(e: unknown): boolean {
  let found = false;
  walk(e as never, (n) => {
    const x = n as unknown as { kind: string; name?: { name?: string } };
    if (x.kind === 'FunctionCall' && NONDETERMINISTIC.test(x.name?.name ?? '')) found = true;
  });
  return found;
}

function topFindings(o: unknown, ctx: TmContext): void {
  walk(o as never, (n) => {
    const x = n as unknown as Record<string, unknown>;
    if (x['kind'] === 'Select' && (x['withTies'] || x['limitPercent'])) ctx.report(TM.topTies, x['span'] as never, `TOP … ${x['withTies'] ? 'WITH TIES' : 'PERCENT'} became a plain LIMIT: the row count may differ`);
  });
}

export function transformSqlServerToMysql(catalog: Catalog, options: ConvertOptions): ReturnType<RuleSet['transform']> {
  const ctx = new TmContext(options);
  const source = named(catalog, ctx);
  for (const o of source.objects) {
    if (o.kind === 'Domain') ctx.domains.set(o.name.name.toLowerCase(), o.baseType);
    if (o.kind === 'Trigger') ctx.triggered.add(o.table.name.toLowerCase());
    if (o.kind === 'Index' && o.unique && !o.where) {
      const k = o.table.name.toLowerCase();
      ctx.uniqueIndexes.set(k, [...(ctx.uniqueIndexes.get(k) ?? []), o.columns.map((c) => (c.column ?? '').toLowerCase())]);
    }
  }
  const objects = dropSchemas(source.objects, ctx);
  for (const o of objects) {
    if (o.kind !== 'Table') continue;
    ctx.object = o.origin;
    ctx.scope = [new Map([[o.name.name.toLowerCase(), o]])];
    for (const c of o.columns) if (c.generated) annotate(c.generated.expr, ctx);
    const t = convertTable(o, ctx);
    ctx.scope = [];
    ctx.tables.set(qnameKey(t.name), t);
  }
  const routines = new Set<string>();
  for (const o of objects) if (o.kind === 'Routine') routines.add(o.name.name.toLowerCase());
  /** Query-level rewrites (T-SQL UPDATE/DELETE … FROM; ROLLUP with GROUPING on MariaDB). */
  const queries = <T>(x: T): T => {
    const y = multiTableDml(applyJoins(x, ctx));
    return ctx.flavor === 'mariadb' ? rollupForMariadb(y, ctx) : y;
  };
  const sql = <T>(x: T): T => {
    annotate(x, ctx);
    return queries(convertExpressions(x, ctx, routines));
  };
  const procs = procedureParams(objects, ctx, sql);
  const notConverted = (o: CatalogObject, def: typeof TM[keyof typeof TM], message: string, span = o.span): CatalogObject => {
    ctx.report(def, span, message);
    return { kind: 'UnparsedObject', objectType: o.origin?.type ?? o.kind, span: o.span, reported: true, ...(o.origin ? { origin: o.origin, name: { name: o.origin.name } } : {}),
      statement: { kind: 'Unparsed', text: `${o.kind} ${o.origin?.name ?? ''} (not converted)`, reason: message, span: o.span } };
  };
  const out: CatalogObject[] = [];
  for (const o of objects) {
    ctx.object = o.origin;
    ctx.variables = new Map();
    const mark = ctx.diagnostics.length;
    try {
      out.push(...convertObject(o));
    } catch (err) {
      if (err instanceof NotConvertible) {
        // What the partial conversion reported does not apply to an object that is not converted.
        ctx.diagnostics.length = mark;
        out.push(notConverted(o, TM.unsupportedQuery, err.message, err.span));
        continue;
      }
      out.push(notConverted(o, TM.internalError, `Internal error while converting ${o.origin?.type ?? o.kind} ${o.origin?.name ?? ''}: ${(err as Error).message}`));
    }
  }
  return { catalog: { ...source, objects: out }, diagnostics: ctx.diagnostics };

  function convertObject(o: CatalogObject): CatalogObject[] {
    switch (o.kind) {
      case 'Table': {
        const t = ctx.tables.get(qnameKey(o.name))!;
        ctx.scope = [new Map([[t.name.name.toLowerCase(), t]])];
        const constraints = t.constraints.filter((c) => {
          if (c.kind !== 'Check' || !nondeterministic(c.expr)) return true;
          ctx.report(TM.checkNondeterministic, c.span, `CHECK ${c.name ?? ''} on ${t.name.name} uses the current time; not created`);
          return false;
        });
        const res = { ...t, columns: t.columns.map((c) => (c.default || c.generated ? sql(c) : c)), constraints: constraints.map((c) => (c.kind === 'Check' ? sql(c) : c)) };
        ctx.scope = [];
        return [res];
      }
      case 'Index': { const i = convertIndex(o, ctx); return i ? [i] : []; }
      case 'View': {
        const what = unsupportedConstruct(o.query);
        if (what) return [notConverted(o, TM.unsupportedQuery, `View ${o.name.name} uses ${what}; not converted`)];
        topFindings(o, ctx);
        return [sql(o)];
      }
      case 'Routine': case 'Trigger': {
        const what = unsupportedConstruct(o, true);
        if (what) return [notConverted(o, TM.unsupportedQuery, `${o.kind === 'Trigger' ? 'Trigger' : o.routineKind === 'function' ? 'Function' : 'Procedure'} ${o.name.name} uses ${what}; not converted`)];
        topFindings(o, ctx);
        if (o.kind === 'Routine') return convertRoutine(o, ctx, sql, procs);
        return convertTrigger(o, ctx, (b) => convertTriggerBody(o.name.name, b, ctx, sql, procs));
      }
      case 'Domain': return [];
      case 'Sequence': case 'CompositeType':
        return [notConverted(o, TM.objectType, `${o.kind} ${o.name.name} has no MySQL equivalent here; not converted`)];
      case 'DataScript': {
        // Data scripts are mostly INSERT … VALUES rows: only their other statements need the query rewrites.
        const d = convertDataScript(o, ctx);
        annotate(d, ctx);
        const statements = d.statements.map((st) => (st.kind === 'Insert' && st.source.kind === 'Values' ? st : queries(st)));
        return [convertExpressions({ ...d, statements }, ctx, routines)];
      }
      case 'Schema': return [];
      default: return [o];
    }
  }
}

export const sqlServerToMysql: RuleSet = { source: 'sqlserver', target: 'mysql', transform: transformSqlServerToMysql };

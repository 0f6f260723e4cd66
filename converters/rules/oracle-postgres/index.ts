import type { Catalog, CatalogObject, ConvertOptions, RuleSet, Table, Diagnostic, DataType } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import { applyNamingStyle } from '../common/identifiers.js';
import { RuleContext as NamingContext } from '../mysql-postgres/context.js';
import { applyNaming } from '../mysql-postgres/naming.js';
import { OG } from './codes.js';
import { OraRuleContext, resolveOptions } from './context.js';
import { emulationObjects } from './emulation.js';
import { splitCompoundTriggers } from './compound-trigger.js';
import { convertCtas } from './ctas.js';
import { reportMultiInsert } from './multi-insert.js';
import { convertExpressions } from './expressions.js';
import { expandPackages } from './packages.js';
import { convertRoutine, convertTrigger, queriesDone } from './procedural.js';
import { convertQueries } from './queries.js';
import { DictionaryProbe, reportDictionaryViews } from './dictionary.js';
import { qualifyAndCoerce } from './post-passes.js';
import { liftLocalSubprograms } from './subprograms.js';
import { convertIndex, convertSequence, convertSynonym, convertTable, identityFromTriggers } from './tables.js';
import { mapType } from './types.js';

export { OG } from './codes.js';
export { FUNCTIONS } from './functions.js';
export { translateDateMask } from './format-mask.js';
export { EMULATION_SCHEMA, EMULATED_FUNCTIONS } from './emulation.js';

/** Oracle folds unquoted names to upper case; the shared naming pass (lower/snake/preserve) does the rest. */
function named(catalog: Catalog, ctx: OraRuleContext): Catalog {
  const nctx = new NamingContext({ naming: ctx.options.naming, schemaMap: ctx.options.schemaMap, tinyint1AsBoolean: false, timestampWithTimeZone: false, postgis: false });
  const routines = new Set<string>();
  for (const o of catalog.objects) {
    if (o.kind === 'Routine') routines.add(o.name.name.toLowerCase());
    if (o.kind === 'Package') for (const r of o.routines) routines.add(r.name.name.toLowerCase());
  }
  const out = applyNaming(catalog, nctx, routines);
  for (const d of nctx.diagnostics) ctx.diagnostics.push({ ...d, code: OG.identifierShortened.code, recommendation: OG.identifierShortened.recommendation } as Diagnostic);
  const n = (s: string): string => applyNamingStyle(s, ctx.options.naming);
  // Packages are not part of the shared pass's object kinds.
  return { ...out, objects: out.objects.map((o) => (o.kind === 'Package' ? { ...o, name: { name: n(o.name.name), ...(o.name.schema ? { schema: n(o.name.schema) } : {}) } } : o)) };
}

const INTEGER_TYPES = new Set(['smallint', 'int', 'bigint']);

/** Identity columns need an integer type; foreign keys then follow the referenced column's type. */
function alignKeyTypes(tables: Map<string, Table>): void {
  for (const t of tables.values()) {
    for (const c of t.columns) {
      if (c.identity && !INTEGER_TYPES.has(c.dataType.name)) c.dataType = { ...c.dataType, name: 'bigint', precision: undefined, scale: undefined };
    }
  }
  for (const t of tables.values()) {
    for (const fk of t.constraints) {
      if (fk.kind !== 'ForeignKey') continue;
      const ref = tables.get(qnameKey(fk.refTable)) ?? [...tables.values()].find((x) => x.name.name === fk.refTable.name);
      if (!ref) continue;
      fk.columns.forEach((name, i) => {
        const c = t.columns.find((x) => x.name === name);
        const r = ref.columns.find((x) => x.name === fk.refColumns[i]);
        if (!c || !r) return;
        const ci = INTEGER_TYPES.has(c.dataType.name);
        const ri = INTEGER_TYPES.has(r.dataType.name);
        if (ci !== ri && (c.dataType.name === 'decimal' || r.dataType.name === 'decimal')) c.dataType = { ...r.dataType, span: c.dataType.span, sourceText: c.dataType.sourceText } as DataType;
      });
    }
  }
}

export function transformOracleToPostgres(catalog: Catalog, options: ConvertOptions): ReturnType<RuleSet['transform']> {
  const ctx = new OraRuleContext(resolveOptions(options));
  const source = named(catalog, ctx);
  const { drop, identities } = identityFromTriggers(source.objects, ctx);
  const objects = splitCompoundTriggers(liftLocalSubprograms(expandPackages(source.objects.filter((o) => !drop.has(o)), ctx), ctx), ctx);

  // Tables first: every expression rule looks column types up.
  const tables = new Map<string, Table>();
  for (const o of objects) {
    if (o.kind !== 'Table') continue;
    ctx.object = o.origin;
    const t = convertTable(o, ctx, identities);
    tables.set(qnameKey(t.name), t);
  }
  alignKeyTypes(tables);
  for (const [k, t] of tables) ctx.tables.set(k, t);
  const relations = new Set<string>([...tables.keys()]);
  for (const o of objects) if (o.kind === 'View') relations.add(qnameKey(o.name));
  for (const t of tables.values()) relations.add(`.${t.name.name.toLowerCase()}`);
  const routines = new Set<string>();
  for (const o of objects) if (o.kind === 'Routine') routines.add(o.name.name.toLowerCase());
  const unparsedViews = new Set<string>();
  for (const o of objects) if (o.kind === 'View' && o.query.kind === 'Unparsed') unparsedViews.add(qnameKey(o.name));

  // Objects whose expression pass met no dictionary view and no WITH skip the dictionary walk.
  const probe = new DictionaryProbe(relations);
  const sql = <T>(x: T): T => probe.passed(x, convertExpressions(convertQueries(x, ctx), ctx, routines, probe.watch));
  // Routines and triggers come back from the code pass with their queries converted (one walk less).
  const code = <T extends object>(x: T): T => (queriesDone.has(x) ? probe.passed(x, convertExpressions(x, ctx, routines, probe.watch)) : sql(x));
  const out: CatalogObject[] = [];
  const ctesOf = new WeakMap<object, Set<string>>();
  for (const o of objects) {
    ctx.object = o.origin;
    ctx.variables = new Map();
    try {
      ctx.extraObjects = [];
      probe.start();
      const converted = convertObject(o);
      for (const c of converted) {
        const ctes = new Set<string>();
        if (probe.needsWalk(c)) reportDictionaryViews(c, relations, ctx, ctes);
        ctesOf.set(c, ctes);
      }
      // Before the object: CREATE FUNCTION checks the types of its declarations.
      out.push(...ctx.extraObjects, ...converted);
    } catch (err) {
      ctx.report(OG.internalError, o.span, `Internal error while converting ${o.origin?.type ?? o.kind} ${o.origin?.name ?? ''}: ${(err as Error).message}`);
      out.push({ kind: 'UnparsedObject', objectType: o.origin?.type ?? o.kind, span: o.span, reported: true, ...(o.origin ? { origin: o.origin, name: { ...(o.origin.schema ? { schema: o.origin.schema } : {}), name: o.origin.name } } : {}),
        statement: { kind: 'Unparsed', text: `${o.kind} ${o.origin?.name ?? ''} (internal conversion error)`, reason: 'internal error', span: o.span } });
    }
  }
  out.splice(0, out.length, ...qualifyAndCoerce(out, ctesOf, ctx));
  // Oracle schemas are users: scripts rarely create them. Every schema objects live in gets a CREATE SCHEMA.
  const have = new Set(out.flatMap((o) => (o.kind === 'Schema' ? [o.name.name.toLowerCase()] : [])));
  const schemas: CatalogObject[] = [];
  for (const o of out) {
    const name = 'name' in o && o.name && typeof o.name === 'object' ? o.name.schema : undefined;
    if (!name || have.has(name.toLowerCase()) || name.toLowerCase() === 'public') continue;
    have.add(name.toLowerCase());
    schemas.push({ kind: 'Schema', name: { name }, span: o.span, origin: { type: 'Schema', name } });
  }
  return { catalog: { ...source, objects: [...emulationObjects(ctx.emulations), ...schemas, ...out] }, diagnostics: ctx.diagnostics };

  function convertObject(o: CatalogObject): CatalogObject[] {
    switch (o.kind) {
      case 'Table': {
        const t = tables.get(qnameKey(o.name))!;
        return [{ ...t, columns: t.columns.map((c) => (c.default || c.generated ? sql(c) : c)), constraints: t.constraints.map((c) => (c.kind === 'Check' ? sql(c) : c)),
          ...(t.partitioning ? { partitioning: sql(t.partitioning) } : {}), ...(t.asQuery ? convertCtas(t, sql, ctx) : {}) }];
      }
      case 'Index': {
        const i = convertIndex(o, ctx, tables);
        return i ? [sql(i)] : [];
      }
      case 'Sequence': return [convertSequence(o)];
      case 'View': return [sql(o)];
      case 'Routine': return [code(convertRoutine(o, ctx))];
      case 'Trigger': {
        const t = code(convertTrigger(o, ctx));
        return [t];
      }
      case 'Synonym': return [convertSynonym(o, ctx, relations)];
      case 'CollectionType': return [{ ...o, element: mapType(o.element, ctx, 'other') }];
      case 'CompositeType':
        if (o.methods?.length) ctx.report(OG.objectType, o.span, `Object type ${o.name.name}: ${o.methods.length} method(s) not converted`);
        return [{ ...o, attributes: o.attributes.map((a) => ({ ...a, dataType: mapType(a.dataType, ctx, 'other') })), methods: undefined }];
      case 'Domain': return [{ ...o, baseType: mapType(o.baseType, ctx, 'other') }];
      case 'DataScript':
        for (const s of o.statements) if (s.kind === 'Insert' && s.multiTable) reportMultiInsert(s, ctx);
        return [sql(o)];
      case 'Comment': {
        // A comment on a view that could not be converted cannot apply either.
        if (unparsedViews.has(qnameKey(o.target.name))) {
          return [{ kind: 'UnparsedObject', objectType: 'Comment', name: o.target.name, span: o.span, ...(o.origin ? { origin: o.origin } : {}),
            statement: { kind: 'Unparsed', text: `COMMENT ON ${o.target.objectType.toUpperCase()} ${o.target.name.name}${o.target.column ? `.${o.target.column}` : ''}`, reason: 'comment on a view that was not converted', span: o.span } }];
        }
        return [o];
      }
      default: return [o];
    }
  }
}

export const oracleToPostgres: RuleSet = { source: 'oracle', target: 'postgres', transform: transformOracleToPostgres };

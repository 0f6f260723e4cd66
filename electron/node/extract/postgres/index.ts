// PostgreSQL live extraction: bulk pg_catalog reads → DDL (mostly the server's own pg_get_*def)
// → the PostgreSQL front end, so live objects and scripts give the same IR.
import type { Diagnostic, SourceFile } from '../../../../converters/model/index.js';
import { postgresFrontEnd } from '../../../../converters/dialects/postgres/index.js';
import { extractDiagnostic, EXTRACT_CODES, groupBy } from '../common.js';
import type { Extractor } from '../types.js';
import { aggregateDdl, indexDdl, procDdl, schemaDdl, sequenceDdl, tableDdl, triggerDdl, typeDdl, viewDdl } from './ddl.js';
import { readPgCatalog } from './queries.js';

const file = (schema: string, kind: string, name: string): string => `live/${schema}/${kind}/${name}.sql`;

export const extractPostgres: Extractor = async (c, schemas, opts, helper) => {
  // Like pg_dump: with only pg_catalog on the path, pg_get_*def and format_type qualify every name.
  await c.exec('SET search_path = pg_catalog');
  await helper?.exec('SET search_path = pg_catalog');
  opts.onProgress?.('reading pg_catalog');
  const rows = await readPgCatalog(c, schemas, helper);
  const diagnostics: Diagnostic[] = rows.missing.map((m) => extractDiagnostic(EXTRACT_CODES.catalogIncomplete, m));
  const attsBy = groupBy(rows.attributes, (a) => String(a.relid));
  const consBy = groupBy(rows.constraints, (k) => String(k.relid));
  const sources: SourceFile[] = [];
  const add = (path: string, text: string): void => { sources.push({ path, text }); };

  for (const n of rows.namespaces) if (n.name !== 'public') add(file(n.name, 'schema', n.name), schemaDdl(n));
  for (const t of rows.types) add(file(t.schema, t.typtype === 'd' ? 'domain' : 'type', t.name), typeDdl(t));
  for (const s of rows.sequences) add(file(s.schema, 'sequence', s.name), sequenceDdl(s));
  for (const r of rows.relations) {
    const atts = attsBy.get(String(r.oid)) ?? [];
    if (r.relkind === 'v' || r.relkind === 'm') {
      if (r.viewdef === null) {
        diagnostics.push(extractDiagnostic(EXTRACT_CODES.noDefinition, `view ${r.schema}.${r.name}: no definition returned`, { type: 'view', schema: r.schema, name: r.name }));
        continue;
      }
      add(file(r.schema, r.relkind === 'm' ? 'materialized-view' : 'view', r.name), viewDdl(r, atts));
    } else {
      if (r.relkind === 'f') {
        diagnostics.push(extractDiagnostic(EXTRACT_CODES.unsupportedObject, `foreign table ${r.schema}.${r.name}: extracted as a table without its server and options`, { type: 'table', schema: r.schema, name: r.name }));
      }
      add(file(r.schema, 'table', r.name), tableDdl(r, atts, consBy.get(String(r.oid)) ?? []));
    }
  }
  for (const i of rows.indexes) add(file(i.schema, 'index', i.name), indexDdl(i));
  for (const p of rows.procs) {
    const agg = p.prokind === 'a' ? aggregateDdl(p) : undefined;
    if (agg) { add(file(p.schema, 'aggregate', p.name), agg); continue; }
    if (p.prokind === 'a' || p.prokind === 'w' || p.def === null) {
      const kind = p.prokind === 'a' ? 'aggregate' : p.prokind === 'w' ? 'window function' : 'function';
      diagnostics.push(extractDiagnostic(EXTRACT_CODES.unsupportedObject, `${kind} ${p.schema}.${p.name}(${p.identity_args}) is not extracted`, { type: kind, schema: p.schema, name: p.name }));
      continue;
    }
    add(file(p.schema, p.prokind === 'p' ? 'procedure' : 'function', p.name), procDdl(p));
  }
  for (const t of rows.triggers) add(file(t.schema, 'trigger', t.name), triggerDdl(t));

  opts.onProgress?.(`parsing ${sources.length} object definition(s)`);
  const parsed = postgresFrontEnd.parse(sources, { defaultSchema: 'public' });
  const current = new Map(rows.sequences.map((s) => [`${s.schema}.${s.name}`, s.last_value]));
  for (const o of parsed.catalog.objects) {
    if (o.kind !== 'Sequence') continue;
    const v = current.get(`${o.name.schema ?? 'public'}.${o.name.name}`);
    if (v !== undefined && v !== null) o.currentValue = Number(v);
  }
  return {
    catalog: { ...parsed.catalog, dialect: 'postgres', serverVersion: c.serverVersion },
    diagnostics: [...diagnostics, ...parsed.diagnostics],
    sources,
  };
};

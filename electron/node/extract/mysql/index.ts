// MySQL/MariaDB live extraction: bulk information_schema reads → rebuilt CREATE statements →
// the MySQL front end, so live objects and scripts give the same IR.
import type { Diagnostic, SourceFile } from '../../../../converters/model/index.js';
import { mysqlFrontEnd } from '../../../../converters/dialects/mysql/index.js';
import { extractDiagnostic, EXTRACT_CODES, groupBy, wrapForFrontEnd } from '../common.js';
import type { Extractor } from '../types.js';
import { eventDdl, routineDdl, schemaDdl, sequenceDdl, tableDdl, triggerDdl, viewDdl } from './ddl.js';
import { readMysqlCatalog } from './queries.js';

const file = (schema: string, kind: string, name: string): string => `live/${schema}/${kind}/${name}.sql`;

export const extractMysql: Extractor = async (c, schemas, opts, helper) => {
  opts.onProgress?.('reading information_schema');
  const rows = await readMysqlCatalog(c, schemas, helper);
  const diagnostics: Diagnostic[] = rows.missing.map((m) => extractDiagnostic(EXTRACT_CODES.catalogIncomplete, m));
  const tk = (s: string, t: string): string => `${s}\u0000${t}`;
  const colsBy = groupBy(rows.columns, (r) => tk(r.TABLE_SCHEMA, r.TABLE_NAME));
  const statsBy = groupBy(rows.stats, (r) => tk(r.TABLE_SCHEMA, r.TABLE_NAME));
  const fksBy = groupBy(rows.fks, (r) => tk(r.TABLE_SCHEMA, r.TABLE_NAME));
  const checksBy = groupBy(rows.checks, (r) => tk(r.CONSTRAINT_SCHEMA, r.TABLE_NAME));
  const partsBy = groupBy(rows.partitions, (r) => tk(r.TABLE_SCHEMA, r.TABLE_NAME));
  const paramsBy = groupBy(rows.params, (r) => tk(r.SPECIFIC_SCHEMA, `${r.ROUTINE_TYPE}:${r.SPECIFIC_NAME}`));

  const sources: SourceFile[] = [];
  const add = (path: string, ddl: string, hasBody: boolean): void => { sources.push({ path, text: wrapForFrontEnd(ddl, hasBody) }); };
  for (const s of rows.schemas) add(file(s.SCHEMA_NAME, 'schema', s.SCHEMA_NAME), schemaDdl(s), false);
  for (const t of rows.tables) {
    const ref = { type: 'table', schema: t.TABLE_SCHEMA, name: t.TABLE_NAME };
    if (t.TABLE_TYPE === 'SEQUENCE') continue;
    if (t.TABLE_TYPE !== 'BASE TABLE' && t.TABLE_TYPE !== 'SYSTEM VERSIONED') continue;
    if (t.TABLE_TYPE === 'SYSTEM VERSIONED') {
      diagnostics.push(extractDiagnostic(EXTRACT_CODES.unsupportedObject, `table ${t.TABLE_SCHEMA}.${t.TABLE_NAME} is system-versioned: its current columns are extracted, its history and WITH SYSTEM VERSIONING are not`, ref));
    }
    const k = tk(t.TABLE_SCHEMA, t.TABLE_NAME);
    add(file(t.TABLE_SCHEMA, 'table', t.TABLE_NAME), tableDdl(t, colsBy.get(k) ?? [], statsBy.get(k) ?? [], fksBy.get(k) ?? [], checksBy.get(k) ?? [], partsBy.get(k) ?? []), false);
  }
  for (const q of rows.sequences) add(file(q.s, 'sequence', q.n), sequenceDdl(q), false);
  for (const v of rows.views) {
    if (v.VIEW_DEFINITION === null || v.VIEW_DEFINITION === '') {
      diagnostics.push(extractDiagnostic(EXTRACT_CODES.noDefinition, `view ${v.TABLE_SCHEMA}.${v.TABLE_NAME}: the server did not show its definition (SHOW VIEW privilege needed)`, { type: 'view', schema: v.TABLE_SCHEMA, name: v.TABLE_NAME }));
      continue;
    }
    add(file(v.TABLE_SCHEMA, 'view', v.TABLE_NAME), viewDdl(v), false);
  }
  for (const r of rows.routines) {
    const ref = { type: r.ROUTINE_TYPE.toLowerCase(), schema: r.ROUTINE_SCHEMA, name: r.ROUTINE_NAME };
    if (r.ROUTINE_DEFINITION === null) {
      diagnostics.push(extractDiagnostic(EXTRACT_CODES.noDefinition, `${ref.type} ${r.ROUTINE_SCHEMA}.${r.ROUTINE_NAME}: the server did not show its body (the user needs SHOW ROUTINE / SELECT on mysql.proc, or to be its definer)`, ref));
      continue;
    }
    add(file(r.ROUTINE_SCHEMA, ref.type, r.ROUTINE_NAME), routineDdl(r, paramsBy.get(tk(r.ROUTINE_SCHEMA, `${r.ROUTINE_TYPE}:${r.ROUTINE_NAME}`)) ?? []), true);
  }
  let prev: (typeof rows.triggers)[number] | undefined;
  for (const t of rows.triggers) {
    const sameSlot = prev && prev.EVENT_OBJECT_SCHEMA === t.EVENT_OBJECT_SCHEMA && prev.EVENT_OBJECT_TABLE === t.EVENT_OBJECT_TABLE
      && prev.ACTION_TIMING === t.ACTION_TIMING && prev.EVENT_MANIPULATION === t.EVENT_MANIPULATION;
    add(file(t.TRIGGER_SCHEMA, 'trigger', t.TRIGGER_NAME), triggerDdl(t, sameSlot ? prev : undefined), true);
    prev = t;
  }
  for (const e of rows.events) add(file(e.EVENT_SCHEMA, 'event', e.EVENT_NAME), eventDdl(e), true);

  opts.onProgress?.(`parsing ${sources.length} object definition(s)`);
  const parsed = mysqlFrontEnd.parse(sources, rows.schemas.length === 1 ? { defaultSchema: rows.schemas[0]!.SCHEMA_NAME } : {});
  // The next value a sequence hands out after a restart is next_not_cached_value: everything
  // below it may have been used (cached values are lost), so that is what the target continues from.
  const next = new Map(rows.sequences.map((q) => [`${q.s}\u0000${q.n}`, q]));
  for (const o of parsed.catalog.objects) {
    if (o.kind !== 'Sequence') continue;
    const q = next.get(`${o.name.schema ?? ''}\u0000${o.name.name}`);
    if (q) o.currentValue = Number(q.next_not_cached_value) - Number(q.increment);
  }
  return {
    catalog: { ...parsed.catalog, dialect: 'mysql', serverVersion: c.serverVersion },
    diagnostics: [...diagnostics, ...parsed.diagnostics],
    sources,
  };
};

// SQL Server live extraction: bulk sys.* reads → rebuilt T-SQL per object (sys.sql_modules text
// for code) → the T-SQL front end when this build has one.
// Written from Microsoft's documented catalog views; not verified against a live server.
import type { Catalog, Diagnostic, DiagnosticDef, SourceFile } from '../../../../converters/model/index.js';
import { frontEndFor } from '../../../../converters/convert.js';
import { extractDiagnostic, EXTRACT_CODES, groupBy } from '../common.js';
import type { Extractor } from '../types.js';
import {
  aliasTypeDdl, batch, descriptionDdl, indexDdl, moduleDdl, qb, qbn, sequenceDdl, sequenceNext, synonymDdl, tableDdl, tableTypeDdl,
  type TableParts,
} from './ddl.js';
import { bit, readSqlServerCatalog, type SqlServerCatalogRows } from './queries.js';

export const SQLSERVER_EXTRACT_CODES = {
  clr: {
    code: 'EX0201', severity: 'high', effort: 'significant', title: 'CLR (.NET) object',
    recommendation: 'Rewrite this object in the target\'s procedural language (or as an extension); its .NET assembly cannot be converted.',
  },
  noFrontEnd: {
    code: 'EX0202', severity: 'critical', effort: 'significant', title: 'No T-SQL front end in this build',
    recommendation: 'Use a dbshift build with the T-SQL front end; the rebuilt DDL is in the extraction sources meanwhile.',
  },
  ddlTrigger: {
    code: 'EX0203', severity: 'medium', effort: 'medium', title: 'Database DDL trigger',
    recommendation: 'Recreate it as an event trigger on PostgreSQL (or drop it): DDL triggers are not converted.',
  },
} satisfies Record<string, DiagnosticDef>;

const file = (schema: string, kind: string, name: string): string => `live/${schema}/${kind}/${name}.sql`;
const MODULE_KIND: Record<string, { kind: string; level1: string }> = {
  V: { kind: 'view', level1: 'VIEW' }, P: { kind: 'procedure', level1: 'PROCEDURE' }, FN: { kind: 'function', level1: 'FUNCTION' },
  IF: { kind: 'function', level1: 'FUNCTION' }, TF: { kind: 'function', level1: 'FUNCTION' }, TR: { kind: 'trigger', level1: 'TRIGGER' },
};

export function buildSqlServerSources(rows: SqlServerCatalogRows): { sources: SourceFile[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = rows.missing.map((m) => extractDiagnostic(EXTRACT_CODES.catalogIncomplete, m));
  const sources: SourceFile[] = [];
  const add = (path: string, text: string): void => { sources.push({ path, text }); };
  const report = (def: DiagnosticDef, msg: string, type: string, schema: string, name: string): void => {
    diagnostics.push(extractDiagnostic(def, msg, { type, schema, name }));
  };
  const types = new Map(rows.types.map((t) => [Number(t.user_type_id), t]));
  const colsBy = groupBy(rows.columns, (c) => String(c.object_id));
  const colName = new Map(rows.columns.map((c) => [`${c.object_id}:${c.column_id}`, c.name]));
  const byColumn = <T extends { column_id?: number; parent_column_id?: number }>(list: T[] | undefined): Map<number, T> =>
    new Map((list ?? []).map((x) => [Number(x.column_id ?? x.parent_column_id), x]));
  const idsBy = groupBy(rows.identities, (r) => String(r.object_id));
  const compBy = groupBy(rows.computed, (r) => String(r.object_id));
  const defsBy = groupBy(rows.defaults, (r) => String(r.parent_object_id));
  const checksBy = groupBy(rows.checks, (r) => String(r.parent_object_id));
  const keysBy = groupBy(rows.keys, (r) => String(r.parent_object_id));
  const fksBy = groupBy(rows.foreignKeys, (r) => String(r.parent_object_id));
  const fkColsBy = groupBy(rows.foreignKeyColumns, (r) => String(r.constraint_object_id));
  const idxBy = new Map(rows.indexes.map((i) => [`${i.object_id}:${i.index_id}`, i]));
  const idxColsBy = groupBy(rows.indexColumns, (r) => `${r.object_id}:${r.index_id}`);
  const commentsBy = groupBy(rows.comments, (r) => String(r.major_id));
  const objName = new Map<number, { schema: string; name: string; level1: string }>();
  for (const t of rows.tables) objName.set(Number(t.object_id), { schema: t.schema_name, name: t.name, level1: 'TABLE' });
  for (const m of rows.modules) objName.set(Number(m.object_id), { schema: m.schema_name, name: m.name, level1: MODULE_KIND[m.type.trim()]?.level1 ?? 'PROCEDURE' });
  const describe = (objectId: number): string => {
    const o = objName.get(objectId);
    if (!o) return '';
    return (commentsBy.get(String(objectId)) ?? []).filter((c) => c.value !== null).map((c) => {
      const col = Number(c.minor_id) === 0 ? undefined : colName.get(`${objectId}:${c.minor_id}`);
      return descriptionDdl(c.value!, o.schema, { type: o.level1, name: o.name }, col);
    }).join('');
  };
  const indexCols = (objectId: number, indexId: number) => {
    const cols = (idxColsBy.get(`${objectId}:${indexId}`) ?? []).map((c) => ({ name: colName.get(`${objectId}:${c.column_id}`) ?? `column ${c.column_id}`, desc: bit(c.is_descending_key), included: bit(c.is_included_column), ord: Number(c.key_ordinal) }));
    return { keys: cols.filter((c) => !c.included).sort((a, b) => a.ord - b.ord), include: cols.filter((c) => c.included).map((c) => c.name) };
  };

  for (const s of rows.schemas) if (s.name !== 'dbo') add(file(s.name, 'schema', s.name), batch(`CREATE SCHEMA ${qb(s.name)}`));
  for (const t of rows.types) {
    if (!bit(t.is_user_defined)) continue;
    if (bit(t.is_table_type)) add(file(t.schema_name, 'type', t.name), tableTypeDdl(t, colsBy.get(String(t.type_table_object_id)) ?? [], types));
    else add(file(t.schema_name, 'type', t.name), aliasTypeDdl(t, types.get(Number(t.system_type_id))));
  }
  for (const s of rows.sequences) add(file(s.schema_name, 'sequence', s.name), sequenceDdl(s));

  for (const t of rows.tables) {
    const id = String(t.object_id);
    if (Number(t.temporal_type) === 1) continue; // a system-versioned table's history table
    if (Number(t.temporal_type) === 2) report(EXTRACT_CODES.unsupportedObject, `table ${t.schema_name}.${t.name} is system-versioned: its current columns are extracted, its history and SYSTEM_VERSIONING are not`, 'table', t.schema_name, t.name);
    const parts: TableParts = {
      table: t, columns: colsBy.get(id) ?? [], types,
      identities: byColumn(idsBy.get(id)), computed: byColumn(compBy.get(id)), defaults: byColumn(defsBy.get(id)),
      keys: (keysBy.get(id) ?? []).map((k) => {
        const ix = idxBy.get(`${id}:${k.unique_index_id}`);
        return { name: k.name, systemNamed: bit(k.is_system_named), type: k.type.trim(), clustered: Number(ix?.type) === 1, columns: indexCols(Number(id), Number(k.unique_index_id)).keys };
      }),
      checks: checksBy.get(id) ?? [],
      foreignKeys: (fksBy.get(id) ?? []).map((f) => {
        const cols = fkColsBy.get(String(f.object_id)) ?? [];
        return { name: f.name, systemNamed: bit(f.is_system_named), columns: cols.map((c) => c.parent_column), refSchema: f.referenced_schema,
          refTable: f.referenced_table, refColumns: cols.map((c) => c.referenced_column), onDelete: Number(f.delete_referential_action),
          onUpdate: Number(f.update_referential_action), disabled: bit(f.is_disabled), notTrusted: bit(f.is_not_trusted), notForReplication: bit(f.is_not_for_replication) };
      }),
      databaseCollation: rows.session.collation,
    };
    add(file(t.schema_name, 'table', t.name), tableDdl(parts) + describe(Number(t.object_id)));
  }

  // Indexes that are not a key constraint's (those come with the table).
  const tableOf = new Map<number, { schema: string; name: string }>();
  for (const t of rows.tables) tableOf.set(Number(t.object_id), { schema: t.schema_name, name: t.name });
  for (const v of rows.views) tableOf.set(Number(v.object_id), { schema: v.schema_name, name: v.name });
  for (const i of rows.indexes) {
    if (bit(i.is_primary_key) || bit(i.is_unique_constraint)) continue;
    const on = tableOf.get(Number(i.object_id));
    if (!on) continue;
    if (![1, 2].includes(Number(i.type))) {
      report(EXTRACT_CODES.unsupportedObject, `index ${on.schema}.${on.name}.${i.name} is a ${String(i.type_desc).toLowerCase()} index: not extracted`, 'index', on.schema, i.name);
      continue;
    }
    const cols = indexCols(Number(i.object_id), Number(i.index_id));
    add(file(on.schema, 'index', `${on.name}.${i.name}`), indexDdl({ index: i, schema: on.schema, table: on.name, keys: cols.keys, include: cols.include }));
  }

  const trigBy = new Map(rows.triggers.map((t) => [Number(t.object_id), t]));
  for (const m of rows.modules) {
    const kind = MODULE_KIND[m.type.trim()];
    const ref = { type: kind?.kind ?? 'module', schema: m.schema_name, name: m.name };
    if (!kind) continue;
    if (m.definition === null) {
      report(EXTRACT_CODES.noDefinition, `${ref.type} ${m.schema_name}.${m.name}: no definition (created WITH ENCRYPTION, or the user lacks VIEW DEFINITION)`, ref.type, ref.schema, ref.name);
      continue;
    }
    let text = moduleDdl(m);
    const trig = trigBy.get(Number(m.object_id));
    const parent = tableOf.get(Number(m.parent_object_id));
    if (trig && bit(trig.is_disabled) && parent) text += batch(`DISABLE TRIGGER ${qbn(m.schema_name, m.name)} ON ${qbn(parent.schema, parent.name)}`);
    add(file(m.schema_name, kind.kind, m.name), text + describe(Number(m.object_id)));
  }
  for (const t of rows.triggers) {
    if (Number(t.parent_class) === 0) report(SQLSERVER_EXTRACT_CODES.ddlTrigger, `database trigger ${t.name} (DDL events) is not extracted`, 'trigger', '', t.name);
  }
  for (const s of rows.synonyms) add(file(s.schema_name, 'synonym', s.name), synonymDdl(s));
  for (const c of rows.clr) {
    report(SQLSERVER_EXTRACT_CODES.clr, `${c.type.trim() === 'PC' ? 'procedure' : c.type.trim() === 'TA' ? 'trigger' : 'function'} ${c.schema_name}.${c.name} is implemented in .NET (${c.assembly_class ?? '?'}.${c.assembly_method ?? '?'})`, 'routine', c.schema_name, c.name);
  }
  for (const o of rows.otherObjects) {
    report(EXTRACT_CODES.unsupportedObject, `${String(o.type_desc).toLowerCase().replace(/_/g, ' ')} ${o.schema_name}.${o.name} is not extracted`, String(o.type_desc).toLowerCase(), o.schema_name, o.name);
  }
  return { sources, diagnostics };
}

export const extractSqlServer: Extractor = async (c, schemas, opts) => {
  opts.onProgress?.('reading sys catalog views');
  const rows = await readSqlServerCatalog(c, schemas);
  const built = buildSqlServerSources(rows);
  const diagnostics = [...built.diagnostics];
  const catalog: Catalog = { dialect: 'sqlserver', objects: [], serverVersion: c.serverVersion };
  let fe;
  try { fe = frontEndFor('sqlserver'); } catch {
    diagnostics.push(extractDiagnostic(SQLSERVER_EXTRACT_CODES.noFrontEnd, `${built.sources.length} object definition(s) were read but cannot be parsed: this build has no T-SQL front end`));
  }
  if (fe) {
    opts.onProgress?.(`parsing ${built.sources.length} object definition(s)`);
    // Module text names its objects as written: unqualified names belong to the module's schema.
    for (const [schema, files] of groupBy(built.sources, (s) => s.path.split('/')[1] ?? '')) {
      const parsed = fe.parse(files, { defaultSchema: schema || rows.session.default_schema || 'dbo', serverVersion: c.serverVersion });
      catalog.objects.push(...parsed.catalog.objects);
      diagnostics.push(...parsed.diagnostics);
    }
    const next = new Map(rows.sequences.map((s) => [`${s.schema_name}.${s.name}`.toLowerCase(), s]));
    for (const o of catalog.objects) {
      if (o.kind !== 'Sequence') continue;
      const s = next.get(`${o.name.schema ?? 'dbo'}.${o.name.name}`.toLowerCase());
      if (s && s.last_used_value !== null) o.currentValue = Number(BigInt(sequenceNext(s)) - BigInt(s.increment));
    }
  }
  return { catalog, diagnostics, sources: built.sources };
};

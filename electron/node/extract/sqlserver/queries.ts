// Bulk reads of SQL Server's catalog views (sys.*) for the schemas of one database: one query per
// view, never one per object. Column names are the documented ones (Microsoft Learn, "System
// catalog views"). SQL Server 2017 or later (sys.sequences.last_used_value).
// Not verified against a live server.
import type { Connection } from '../../connectors/index.js';

export type Num = number | string | null;
export type Bit = boolean | number | null;

export interface SessionRow { db: string; default_schema: string; collation: string | null }
export interface SchemaRow { schema_id: number; name: string }
export interface TypeRow {
  user_type_id: number; system_type_id: number; name: string; schema_name: string; max_length: number; precision: number; scale: number;
  is_nullable: Bit; is_user_defined: Bit; is_table_type: Bit; type_table_object_id: number | null;
}
export interface TableRow { object_id: number; schema_name: string; name: string; temporal_type: number | null; is_memory_optimized: Bit }
export interface ColumnRow {
  object_id: number; column_id: number; name: string; user_type_id: number; max_length: number; precision: number; scale: number;
  collation_name: string | null; is_nullable: Bit; is_identity: Bit; is_computed: Bit; is_rowguidcol: Bit; is_sparse: Bit;
}
export interface IdentityRow { object_id: number; column_id: number; seed_value: string | null; increment_value: string | null; last_value: string | null }
export interface ComputedRow { object_id: number; column_id: number; definition: string | null; is_persisted: Bit }
export interface DefaultRow { name: string; parent_object_id: number; parent_column_id: number; definition: string; is_system_named: Bit }
export interface CheckRow {
  name: string; parent_object_id: number; parent_column_id: number; definition: string; is_disabled: Bit; is_not_trusted: Bit;
  is_system_named: Bit; is_not_for_replication: Bit;
}
export interface KeyRow { name: string; parent_object_id: number; type: string; unique_index_id: number; is_system_named: Bit }
export interface ForeignKeyRow {
  object_id: number; name: string; parent_object_id: number; referenced_schema: string; referenced_table: string;
  delete_referential_action: number; update_referential_action: number; is_disabled: Bit; is_not_trusted: Bit;
  is_system_named: Bit; is_not_for_replication: Bit;
}
export interface ForeignKeyColumnRow { constraint_object_id: number; constraint_column_id: number; parent_column: string; referenced_column: string }
export interface IndexRow {
  object_id: number; index_id: number; name: string; type: number; type_desc: string; is_unique: Bit; is_primary_key: Bit;
  is_unique_constraint: Bit; has_filter: Bit; filter_definition: string | null; is_disabled: Bit; ignore_dup_key: Bit;
}
export interface IndexColumnRow {
  object_id: number; index_id: number; index_column_id: number; column_id: number; key_ordinal: number; is_descending_key: Bit; is_included_column: Bit;
}
export interface ViewRow { object_id: number; schema_name: string; name: string; with_check_option: Bit }
export interface ModuleRow {
  object_id: number; schema_name: string; name: string; type: string; parent_object_id: number; definition: string | null;
  uses_ansi_nulls: Bit; uses_quoted_identifier: Bit;
}
export interface SequenceRow {
  object_id: number; schema_name: string; name: string; type_name: string; precision: number; start_value: string; increment: string;
  minimum_value: string; maximum_value: string; is_cycling: Bit; is_cached: Bit; cache_size: number | null; current_value: string;
  last_used_value: string | null;
}
export interface SynonymRow { schema_name: string; name: string; base_object_name: string }
export interface TriggerRow {
  object_id: number; name: string; parent_class: number; parent_id: number; is_disabled: Bit; is_instead_of_trigger: Bit; type: string;
}
export interface CommentRow { major_id: number; minor_id: number; value: string | null }
export interface ClrRow { object_id: number; schema_name: string; name: string; type: string; assembly_class: string | null; assembly_method: string | null }
export interface ObjectRow { schema_name: string; name: string; type: string; type_desc: string }

export interface SqlServerCatalogRows {
  session: SessionRow; schemas: SchemaRow[]; missing: string[];
  types: TypeRow[]; tables: TableRow[]; columns: ColumnRow[]; identities: IdentityRow[]; computed: ComputedRow[];
  defaults: DefaultRow[]; checks: CheckRow[]; keys: KeyRow[]; foreignKeys: ForeignKeyRow[]; foreignKeyColumns: ForeignKeyColumnRow[];
  indexes: IndexRow[]; indexColumns: IndexColumnRow[]; views: ViewRow[]; modules: ModuleRow[]; sequences: SequenceRow[];
  synonyms: SynonymRow[]; triggers: TriggerRow[]; comments: CommentRow[]; clr: ClrRow[]; otherObjects: ObjectRow[];
}

export const bit = (v: Bit | undefined): boolean => v === true || v === 1;

/** Objects of the wanted schemas; `$IDS` is the list of their schema_id values. */
const IN_SCHEMAS = 'SELECT o.object_id FROM sys.objects o WHERE o.schema_id IN ($IDS)';
/** sys.objects types read by the other queries (and their parts: constraints, internal tables). */
const HANDLED = ['U', 'V', 'P', 'FN', 'IF', 'TF', 'TR', 'SO', 'SN', 'PK', 'UQ', 'F', 'C', 'D', 'IT', 'S', 'TT', 'PC', 'FS', 'FT', 'TA'];

export const SQLSERVER_QUERIES = {
  types: `SELECT t.user_type_id, t.system_type_id, t.name, SCHEMA_NAME(t.schema_id) AS schema_name, t.max_length, t.precision, t.scale,
      t.is_nullable, t.is_user_defined, t.is_table_type, tt.type_table_object_id
    FROM sys.types t LEFT JOIN sys.table_types tt ON tt.user_type_id = t.user_type_id
    WHERE t.is_user_defined = 0 OR t.schema_id IN ($IDS)`,
  tables: `SELECT t.object_id, SCHEMA_NAME(t.schema_id) AS schema_name, t.name, t.temporal_type, t.is_memory_optimized
    FROM sys.tables t WHERE t.schema_id IN ($IDS) AND t.is_ms_shipped = 0 ORDER BY schema_name, t.name`,
  // Columns of tables, views and table types.
  columns: `SELECT c.object_id, c.column_id, c.name, c.user_type_id, c.max_length, c.precision, c.scale, c.collation_name, c.is_nullable,
      c.is_identity, c.is_computed, c.is_rowguidcol, c.is_sparse
    FROM sys.columns c WHERE c.object_id IN (${IN_SCHEMAS} AND o.type IN ('U', 'V', 'TT')) ORDER BY c.object_id, c.column_id`,
  identities: `SELECT ic.object_id, ic.column_id, CAST(ic.seed_value AS nvarchar(40)) AS seed_value,
      CAST(ic.increment_value AS nvarchar(40)) AS increment_value, CAST(ic.last_value AS nvarchar(40)) AS last_value
    FROM sys.identity_columns ic WHERE ic.object_id IN (${IN_SCHEMAS})`,
  computed: `SELECT cc.object_id, cc.column_id, cc.definition, cc.is_persisted FROM sys.computed_columns cc WHERE cc.object_id IN (${IN_SCHEMAS})`,
  defaults: `SELECT d.name, d.parent_object_id, d.parent_column_id, d.definition, d.is_system_named
    FROM sys.default_constraints d WHERE d.schema_id IN ($IDS)`,
  checks: `SELECT k.name, k.parent_object_id, k.parent_column_id, k.definition, k.is_disabled, k.is_not_trusted, k.is_system_named,
      k.is_not_for_replication FROM sys.check_constraints k WHERE k.schema_id IN ($IDS) ORDER BY k.parent_object_id, k.name`,
  keys: `SELECT k.name, k.parent_object_id, k.type, k.unique_index_id, k.is_system_named FROM sys.key_constraints k
    WHERE k.schema_id IN ($IDS) ORDER BY k.parent_object_id, k.type, k.name`,
  foreignKeys: `SELECT f.object_id, f.name, f.parent_object_id, OBJECT_SCHEMA_NAME(f.referenced_object_id) AS referenced_schema,
      OBJECT_NAME(f.referenced_object_id) AS referenced_table, f.delete_referential_action, f.update_referential_action,
      f.is_disabled, f.is_not_trusted, f.is_system_named, f.is_not_for_replication
    FROM sys.foreign_keys f WHERE f.schema_id IN ($IDS) ORDER BY f.parent_object_id, f.name`,
  foreignKeyColumns: `SELECT fc.constraint_object_id, fc.constraint_column_id, COL_NAME(fc.parent_object_id, fc.parent_column_id) AS parent_column,
      COL_NAME(fc.referenced_object_id, fc.referenced_column_id) AS referenced_column
    FROM sys.foreign_key_columns fc WHERE fc.parent_object_id IN (${IN_SCHEMAS}) ORDER BY fc.constraint_object_id, fc.constraint_column_id`,
  indexes: `SELECT i.object_id, i.index_id, i.name, i.type, i.type_desc, i.is_unique, i.is_primary_key, i.is_unique_constraint, i.has_filter,
      i.filter_definition, i.is_disabled, i.ignore_dup_key
    FROM sys.indexes i WHERE i.object_id IN (${IN_SCHEMAS} AND o.type IN ('U', 'V')) AND i.index_id > 0 AND i.is_hypothetical = 0
    ORDER BY i.object_id, i.index_id`,
  indexColumns: `SELECT ic.object_id, ic.index_id, ic.index_column_id, ic.column_id, ic.key_ordinal, ic.is_descending_key, ic.is_included_column
    FROM sys.index_columns ic WHERE ic.object_id IN (${IN_SCHEMAS} AND o.type IN ('U', 'V'))
    ORDER BY ic.object_id, ic.index_id, ic.key_ordinal, ic.index_column_id`,
  views: `SELECT v.object_id, SCHEMA_NAME(v.schema_id) AS schema_name, v.name, v.with_check_option FROM sys.views v
    WHERE v.schema_id IN ($IDS) AND v.is_ms_shipped = 0 ORDER BY schema_name, v.name`,
  // Views, procedures, functions and DML triggers: the definition as written (NULL when encrypted).
  modules: `SELECT m.object_id, SCHEMA_NAME(o.schema_id) AS schema_name, o.name, o.type, o.parent_object_id, m.definition,
      m.uses_ansi_nulls, m.uses_quoted_identifier
    FROM sys.sql_modules m JOIN sys.objects o ON o.object_id = m.object_id
    WHERE o.schema_id IN ($IDS) AND o.is_ms_shipped = 0 ORDER BY schema_name, o.name`,
  sequences: `SELECT s.object_id, SCHEMA_NAME(s.schema_id) AS schema_name, s.name, TYPE_NAME(s.user_type_id) AS type_name, s.precision,
      CAST(s.start_value AS nvarchar(40)) AS start_value, CAST(s.increment AS nvarchar(40)) AS increment,
      CAST(s.minimum_value AS nvarchar(40)) AS minimum_value, CAST(s.maximum_value AS nvarchar(40)) AS maximum_value, s.is_cycling,
      s.is_cached, s.cache_size, CAST(s.current_value AS nvarchar(40)) AS current_value, CAST(s.last_used_value AS nvarchar(40)) AS last_used_value
    FROM sys.sequences s WHERE s.schema_id IN ($IDS) ORDER BY schema_name, s.name`,
  synonyms: `SELECT SCHEMA_NAME(s.schema_id) AS schema_name, s.name, s.base_object_name FROM sys.synonyms s
    WHERE s.schema_id IN ($IDS) ORDER BY schema_name, s.name`,
  // DML triggers of these schemas' tables and views, and the database's DDL triggers.
  triggers: `SELECT t.object_id, t.name, t.parent_class, t.parent_id, t.is_disabled, t.is_instead_of_trigger, t.type FROM sys.triggers t
    WHERE (t.parent_class = 1 AND t.parent_id IN (${IN_SCHEMAS})) OR (t.parent_class = 0 AND t.is_ms_shipped = 0)`,
  // MS_Description on objects (minor_id 0) and their columns (minor_id = column_id).
  comments: `SELECT ep.major_id, ep.minor_id, CAST(ep.value AS nvarchar(max)) AS value FROM sys.extended_properties ep
    WHERE ep.class = 1 AND ep.name = 'MS_Description' AND ep.major_id IN (${IN_SCHEMAS})`,
  clr: `SELECT am.object_id, SCHEMA_NAME(o.schema_id) AS schema_name, o.name, o.type, am.assembly_class, am.assembly_method
    FROM sys.assembly_modules am JOIN sys.objects o ON o.object_id = am.object_id WHERE o.schema_id IN ($IDS)`,
  otherObjects: `SELECT SCHEMA_NAME(o.schema_id) AS schema_name, o.name, o.type, o.type_desc FROM sys.objects o
    WHERE o.schema_id IN ($IDS) AND o.is_ms_shipped = 0 AND o.type NOT IN (${HANDLED.map((t) => `'${t}'`).join(', ')})
    ORDER BY schema_name, o.name`,
} as const;

export type SqlServerQueryName = keyof typeof SQLSERVER_QUERIES;

export const SESSION_QUERY = `/* dbshift:session */ SELECT DB_NAME() AS db, SCHEMA_NAME() AS default_schema,
    CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS nvarchar(128)) AS collation`;

/** The schemas query binds the wanted names (@p1 …); without names, every user schema. */
export function schemasQuery(wanted: string[] | undefined): { sql: string; params: string[] } {
  const filter = wanted?.length ? `s.name IN (${wanted.map((_, i) => `@p${i + 1}`).join(', ')})`
    : "s.name NOT IN ('sys', 'INFORMATION_SCHEMA', 'guest') AND s.schema_id < 16384";
  return { sql: `/* dbshift:schemas */ SELECT s.schema_id, s.name FROM sys.schemas s WHERE ${filter} ORDER BY s.name`, params: wanted ?? [] };
}

/** schema_id values are integers read from the server, written into the queries as literals. */
export function sqlServerQuery(name: SqlServerQueryName, schemaIds: number[]): string {
  const ids = schemaIds.length ? schemaIds.map((n) => String(Math.trunc(Number(n)))).join(', ') : '-1';
  return `/* dbshift:${name} */ ${SQLSERVER_QUERIES[name].replace(/\$IDS/g, ids)}`;
}

export async function readSqlServerCatalog(c: Connection, wanted: string[] | undefined): Promise<SqlServerCatalogRows> {
  const [session] = await c.query<SessionRow>(SESSION_QUERY);
  const sq = schemasQuery(wanted);
  const schemas = await c.query<SchemaRow>(sq.sql, sq.params);
  const missing = (wanted ?? []).filter((w) => !schemas.some((s) => s.name === w)).map((w) => `schema ${w} does not exist in this database or is not visible to this user`);
  const ids = schemas.map((s) => s.schema_id);
  const optional: SqlServerQueryName[] = ['identities', 'computed', 'sequences', 'synonyms', 'triggers', 'comments', 'clr', 'otherObjects'];
  const q = async <T>(name: SqlServerQueryName): Promise<T[]> => {
    try { return await c.query<T>(sqlServerQuery(name, ids)); } catch (e) {
      const view = /FROM (sys\.\w+)/.exec(SQLSERVER_QUERIES[name])?.[1] ?? name;
      const msg = e instanceof Error ? e.message : String(e);
      if (!optional.includes(name)) throw new Error(`reading ${view} failed: ${msg} (dbshift reads SQL Server 2017 or later)`, { cause: e });
      missing.push(`${view} could not be read (${msg}); what it describes is not extracted`);
      return [];
    }
  };
  return {
    session: session ?? { db: '', default_schema: 'dbo', collation: null }, schemas, missing,
    types: await q('types'), tables: await q('tables'), columns: await q('columns'), identities: await q('identities'),
    computed: await q('computed'), defaults: await q('defaults'), checks: await q('checks'), keys: await q('keys'),
    foreignKeys: await q('foreignKeys'), foreignKeyColumns: await q('foreignKeyColumns'), indexes: await q('indexes'),
    indexColumns: await q('indexColumns'), views: await q('views'), modules: await q('modules'), sequences: await q('sequences'),
    synonyms: await q('synonyms'), triggers: await q('triggers'), comments: await q('comments'), clr: await q('clr'),
    otherObjects: await q('otherObjects'),
  };
}

// Bulk reads of Oracle's data dictionary: one query per dictionary view for all requested
// schemas, never one per object. Column names are Oracle's documented ones (Database Reference,
// "Static Data Dictionary Views"); DBA_ views when the session may read them, else ALL_.
// Requires Oracle 12c or later (ALL_TAB_COLS.IDENTITY_COLUMN, USER_GENERATED, DEFAULT_ON_NULL).
// LONG columns (DATA_DEFAULT, SEARCH_CONDITION, TEXT, QUERY, HIGH_VALUE, COLUMN_EXPRESSION) are
// each read alone in their view's query and come back as text. Numbers may arrive as strings
// (the connector fetches NUMBER as text to keep it exact): readers use num()/str().
import type { Connection } from '../../connectors/index.js';

export type Num = number | string | null;

export interface SessionRow { CURRENT_SCHEMA: string; DBA_ACCESS: Num }
export interface UserRow { USERNAME: string }
export interface TableRow {
  OWNER: string; TABLE_NAME: string; TABLESPACE_NAME: string | null; TEMPORARY: string; DURATION: string | null;
  IOT_TYPE: string | null; PARTITIONED: string;
}
export interface ColumnRow {
  OWNER: string; TABLE_NAME: string; COLUMN_NAME: string; DATA_TYPE: string; DATA_TYPE_OWNER: string | null;
  DATA_LENGTH: Num; DATA_PRECISION: Num; DATA_SCALE: Num; NULLABLE: string; COLUMN_ID: Num; DATA_DEFAULT: string | null;
  CHAR_LENGTH: Num; CHAR_USED: string | null; HIDDEN_COLUMN: string; VIRTUAL_COLUMN: string; IDENTITY_COLUMN: string;
  DEFAULT_ON_NULL: string;
}
export interface IdentityRow {
  OWNER: string; TABLE_NAME: string; COLUMN_NAME: string; GENERATION_TYPE: string; SEQUENCE_NAME: string; IDENTITY_OPTIONS: string | null;
}
export interface ConstraintRow {
  OWNER: string; CONSTRAINT_NAME: string; CONSTRAINT_TYPE: string; TABLE_NAME: string; SEARCH_CONDITION: string | null;
  R_OWNER: string | null; R_CONSTRAINT_NAME: string | null; DELETE_RULE: string | null; STATUS: string;
  DEFERRABLE: string | null; DEFERRED: string | null; VALIDATED: string | null; GENERATED: string;
  INDEX_OWNER: string | null; INDEX_NAME: string | null;
}
export interface ConsColumnRow { OWNER: string; CONSTRAINT_NAME: string; TABLE_NAME: string; COLUMN_NAME: string; POSITION: Num }
export interface IndexRow {
  OWNER: string; INDEX_NAME: string; INDEX_TYPE: string; TABLE_OWNER: string; TABLE_NAME: string; UNIQUENESS: string;
  TABLESPACE_NAME: string | null; PARTITIONED: string; VISIBILITY: string | null; GENERATED: string;
}
export interface IndColumnRow { INDEX_OWNER: string; INDEX_NAME: string; COLUMN_NAME: string; COLUMN_POSITION: Num; DESCEND: string }
export interface IndExpressionRow { INDEX_OWNER: string; INDEX_NAME: string; COLUMN_EXPRESSION: string; COLUMN_POSITION: Num }
export interface PartTableRow {
  OWNER: string; TABLE_NAME: string; PARTITIONING_TYPE: string; SUBPARTITIONING_TYPE: string | null; PARTITION_COUNT: Num;
  INTERVAL: string | null;
}
export interface PartKeyRow { OWNER: string; NAME: string; OBJECT_TYPE: string; COLUMN_NAME: string; COLUMN_POSITION: Num }
export interface PartitionRow {
  TABLE_OWNER: string; TABLE_NAME: string; PARTITION_NAME: string; PARTITION_POSITION: Num; HIGH_VALUE: string | null;
  TABLESPACE_NAME: string | null; SUBPARTITION_COUNT: Num;
}
export interface ViewRow { OWNER: string; VIEW_NAME: string; TEXT: string | null }
export interface MviewRow {
  OWNER: string; MVIEW_NAME: string; CONTAINER_NAME: string; QUERY: string | null; REFRESH_MODE: string | null;
  REFRESH_METHOD: string | null; BUILD_MODE: string | null;
}
export interface SequenceRow {
  SEQUENCE_OWNER: string; SEQUENCE_NAME: string; MIN_VALUE: Num; MAX_VALUE: Num; INCREMENT_BY: Num; CYCLE_FLAG: string;
  ORDER_FLAG: string; CACHE_SIZE: Num; LAST_NUMBER: Num;
}
export interface SynonymRow { OWNER: string; SYNONYM_NAME: string; TABLE_OWNER: string | null; TABLE_NAME: string; DB_LINK: string | null }
export interface SourceRow { OWNER: string; NAME: string; TYPE: string; LINE: Num; TEXT: string | null }
export interface TriggerRow {
  OWNER: string; TRIGGER_NAME: string; TABLE_OWNER: string | null; TABLE_NAME: string | null; BASE_OBJECT_TYPE: string; STATUS: string;
  /** The header (name, timing, event, table, FOR EACH ROW), the WHEN condition and the body (LONG). */
  DESCRIPTION?: string | null; WHEN_CLAUSE?: string | null; TRIGGER_BODY?: string | null;
}
export interface TabCommentRow { OWNER: string; TABLE_NAME: string; TABLE_TYPE: string; COMMENTS: string }
export interface ColCommentRow { OWNER: string; TABLE_NAME: string; COLUMN_NAME: string; COMMENTS: string }
export interface ObjectRow { OWNER: string; OBJECT_NAME: string; OBJECT_TYPE: string }

export interface OracleCatalogRows {
  schemas: string[]; dictionary: 'DBA' | 'ALL';
  tables: TableRow[]; columns: ColumnRow[]; identities: IdentityRow[]; constraints: ConstraintRow[]; consColumns: ConsColumnRow[];
  indexes: IndexRow[]; indColumns: IndColumnRow[]; indExpressions: IndExpressionRow[];
  partTables: PartTableRow[]; partKeys: PartKeyRow[]; partitions: PartitionRow[];
  views: ViewRow[]; mviews: MviewRow[]; sequences: SequenceRow[]; synonyms: SynonymRow[]; source: SourceRow[];
  triggers: TriggerRow[]; tabComments: TabCommentRow[]; colComments: ColCommentRow[]; otherObjects: ObjectRow[];
  missing: string[];
}

export const num = (v: Num | undefined): number | undefined => (v === null || v === undefined || v === '' ? undefined : Number(v));
export const str = (v: Num | undefined): string | undefined => (v === null || v === undefined ? undefined : String(v));

/** Object kinds read by the other queries; anything else a schema owns is reported. */
const HANDLED_TYPES = ['TABLE', 'TABLE PARTITION', 'TABLE SUBPARTITION', 'INDEX', 'INDEX PARTITION', 'INDEX SUBPARTITION', 'LOB', 'LOB PARTITION',
  'VIEW', 'MATERIALIZED VIEW', 'SEQUENCE', 'SYNONYM', 'PACKAGE', 'PACKAGE BODY', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'TYPE', 'TYPE BODY'];

/**
 * Every query is tagged with a comment naming the rows it returns (`/* dbshift:tables *\/`): the
 * trace shows it, and the unit tests answer by it. `$D` is DBA or ALL; `$S` the schema binds.
 */
export const ORACLE_QUERIES = {
  tables: `SELECT OWNER, TABLE_NAME, TABLESPACE_NAME, TEMPORARY, DURATION, IOT_TYPE, PARTITIONED FROM $D_TABLES
    WHERE OWNER IN ($S) AND (IOT_TYPE IS NULL OR IOT_TYPE = 'IOT') AND NESTED = 'NO' AND SECONDARY = 'N' AND DROPPED = 'NO'
    ORDER BY OWNER, TABLE_NAME`,
  columns: `SELECT OWNER, TABLE_NAME, COLUMN_NAME, DATA_TYPE, DATA_TYPE_OWNER, DATA_LENGTH, DATA_PRECISION, DATA_SCALE, NULLABLE,
      COLUMN_ID, DATA_DEFAULT, CHAR_LENGTH, CHAR_USED, HIDDEN_COLUMN, VIRTUAL_COLUMN, IDENTITY_COLUMN, DEFAULT_ON_NULL
    FROM $D_TAB_COLS WHERE OWNER IN ($S) AND USER_GENERATED = 'YES' AND TABLE_NAME NOT LIKE 'BIN$%'
    ORDER BY OWNER, TABLE_NAME, COLUMN_ID NULLS LAST, INTERNAL_COLUMN_ID`,
  identities: `SELECT OWNER, TABLE_NAME, COLUMN_NAME, GENERATION_TYPE, SEQUENCE_NAME, IDENTITY_OPTIONS FROM $D_TAB_IDENTITY_COLS
    WHERE OWNER IN ($S)`,
  constraints: `SELECT OWNER, CONSTRAINT_NAME, CONSTRAINT_TYPE, TABLE_NAME, SEARCH_CONDITION, R_OWNER, R_CONSTRAINT_NAME, DELETE_RULE,
      STATUS, DEFERRABLE, DEFERRED, VALIDATED, GENERATED, INDEX_OWNER, INDEX_NAME
    FROM $D_CONSTRAINTS WHERE OWNER IN ($S) AND CONSTRAINT_TYPE IN ('P', 'U', 'R', 'C', 'V', 'O') AND TABLE_NAME NOT LIKE 'BIN$%'
    ORDER BY OWNER, TABLE_NAME, CONSTRAINT_TYPE, CONSTRAINT_NAME`,
  // Also the columns of keys in other schemas that foreign keys of these schemas reference.
  consColumns: `SELECT OWNER, CONSTRAINT_NAME, TABLE_NAME, COLUMN_NAME, POSITION FROM $D_CONS_COLUMNS
    WHERE OWNER IN ($S) OR (OWNER, CONSTRAINT_NAME) IN
      (SELECT R_OWNER, R_CONSTRAINT_NAME FROM $D_CONSTRAINTS WHERE OWNER IN ($S) AND CONSTRAINT_TYPE = 'R')
    ORDER BY OWNER, CONSTRAINT_NAME, POSITION`,
  indexes: `SELECT OWNER, INDEX_NAME, INDEX_TYPE, TABLE_OWNER, TABLE_NAME, UNIQUENESS, TABLESPACE_NAME, PARTITIONED, VISIBILITY, GENERATED
    FROM $D_INDEXES WHERE OWNER IN ($S) AND TABLE_TYPE = 'TABLE' AND INDEX_TYPE NOT IN ('LOB', 'IOT - TOP', 'CLUSTER')
    AND TABLE_NAME NOT LIKE 'BIN$%' ORDER BY OWNER, INDEX_NAME`,
  indColumns: `SELECT INDEX_OWNER, INDEX_NAME, COLUMN_NAME, COLUMN_POSITION, DESCEND FROM $D_IND_COLUMNS
    WHERE INDEX_OWNER IN ($S) ORDER BY INDEX_OWNER, INDEX_NAME, COLUMN_POSITION`,
  indExpressions: `SELECT INDEX_OWNER, INDEX_NAME, COLUMN_EXPRESSION, COLUMN_POSITION FROM $D_IND_EXPRESSIONS
    WHERE INDEX_OWNER IN ($S)`,
  partTables: `SELECT OWNER, TABLE_NAME, PARTITIONING_TYPE, SUBPARTITIONING_TYPE, PARTITION_COUNT, "INTERVAL" FROM $D_PART_TABLES
    WHERE OWNER IN ($S)`,
  partKeys: `SELECT OWNER, NAME, OBJECT_TYPE, COLUMN_NAME, COLUMN_POSITION FROM $D_PART_KEY_COLUMNS
    WHERE OWNER IN ($S) AND TRIM(OBJECT_TYPE) = 'TABLE' ORDER BY OWNER, NAME, COLUMN_POSITION`,
  partitions: `SELECT TABLE_OWNER, TABLE_NAME, PARTITION_NAME, PARTITION_POSITION, HIGH_VALUE, TABLESPACE_NAME, SUBPARTITION_COUNT
    FROM $D_TAB_PARTITIONS WHERE TABLE_OWNER IN ($S) ORDER BY TABLE_OWNER, TABLE_NAME, PARTITION_POSITION`,
  views: `SELECT OWNER, VIEW_NAME, TEXT FROM $D_VIEWS WHERE OWNER IN ($S) ORDER BY OWNER, VIEW_NAME`,
  mviews: `SELECT OWNER, MVIEW_NAME, CONTAINER_NAME, QUERY, REFRESH_MODE, REFRESH_METHOD, BUILD_MODE FROM $D_MVIEWS
    WHERE OWNER IN ($S) ORDER BY OWNER, MVIEW_NAME`,
  sequences: `SELECT SEQUENCE_OWNER, SEQUENCE_NAME, MIN_VALUE, MAX_VALUE, INCREMENT_BY, CYCLE_FLAG, ORDER_FLAG, CACHE_SIZE, LAST_NUMBER
    FROM $D_SEQUENCES WHERE SEQUENCE_OWNER IN ($S) ORDER BY SEQUENCE_OWNER, SEQUENCE_NAME`,
  // Public synonyms count when they name an object of these schemas.
  synonyms: `SELECT OWNER, SYNONYM_NAME, TABLE_OWNER, TABLE_NAME, DB_LINK FROM $D_SYNONYMS
    WHERE OWNER IN ($S) OR (OWNER = 'PUBLIC' AND TABLE_OWNER IN ($S)) ORDER BY OWNER, SYNONYM_NAME`,
  source: `SELECT OWNER, NAME, TYPE, LINE, TEXT FROM $D_SOURCE
    WHERE OWNER IN ($S) AND TYPE IN ('PACKAGE', 'PACKAGE BODY', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'TYPE', 'TYPE BODY')
    ORDER BY OWNER, NAME, TYPE, LINE`,
  // ALL_SOURCE has the code of triggers; DESCRIPTION + WHEN_CLAUSE + TRIGGER_BODY rebuild one it lacks.
  triggers: `SELECT OWNER, TRIGGER_NAME, TABLE_OWNER, TABLE_NAME, BASE_OBJECT_TYPE, STATUS, DESCRIPTION, WHEN_CLAUSE, TRIGGER_BODY FROM $D_TRIGGERS
    WHERE OWNER IN ($S) ORDER BY OWNER, TRIGGER_NAME`,
  tabComments: `SELECT OWNER, TABLE_NAME, TABLE_TYPE, COMMENTS FROM $D_TAB_COMMENTS
    WHERE OWNER IN ($S) AND COMMENTS IS NOT NULL ORDER BY OWNER, TABLE_NAME`,
  colComments: `SELECT OWNER, TABLE_NAME, COLUMN_NAME, COMMENTS FROM $D_COL_COMMENTS
    WHERE OWNER IN ($S) AND COMMENTS IS NOT NULL ORDER BY OWNER, TABLE_NAME, COLUMN_NAME`,
  otherObjects: `SELECT OWNER, OBJECT_NAME, OBJECT_TYPE FROM $D_OBJECTS
    WHERE OWNER IN ($S) AND OBJECT_TYPE NOT IN (${HANDLED_TYPES.map((t) => `'${t}'`).join(', ')}) AND OBJECT_NAME NOT LIKE 'BIN$%'
    ORDER BY OWNER, OBJECT_TYPE, OBJECT_NAME`,
} as const;

export type OracleQueryName = keyof typeof ORACLE_QUERIES;

export const SESSION_QUERY = `/* dbshift:session */ SELECT SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA') AS CURRENT_SCHEMA,
    (SELECT COUNT(*) FROM SESSION_PRIVS WHERE PRIVILEGE = 'SELECT ANY DICTIONARY')
    + (SELECT COUNT(*) FROM SESSION_ROLES WHERE ROLE IN ('SELECT_CATALOG_ROLE', 'DBA')) AS DBA_ACCESS FROM DUAL`;

/** The SQL sent for one query: tag, dictionary prefix, and the schema binds (:1 … :n, repeated uses numbered on). */
export function oracleQuery(name: OracleQueryName | 'users', dictionary: 'DBA' | 'ALL', schemas: string[]): { sql: string; params: string[] } {
  const text = name === 'users' ? 'SELECT USERNAME FROM $D_USERS WHERE USERNAME IN ($S)' : ORACLE_QUERIES[name];
  const params: string[] = [];
  const sql = text.replace(/\$D_/g, `${dictionary}_`).replace(/\$S/g, () => {
    const start = params.length;
    params.push(...schemas);
    return schemas.map((_, i) => `:${start + i + 1}`).join(', ');
  });
  return { sql: `/* dbshift:${name} */ ${sql}`, params };
}

/**
 * Unquoted names fold to upper case in Oracle: `hr` means HR. A name given in mixed or upper case
 * is taken as written.
 */
export function oracleSchemaName(s: string): string {
  return s === s.toLowerCase() ? s.toUpperCase() : s;
}

export async function readOracleCatalog(c: Connection, wanted: string[] | undefined): Promise<OracleCatalogRows> {
  const [session] = await c.query<SessionRow>(SESSION_QUERY);
  const dictionary = (num(session?.DBA_ACCESS) ?? 0) > 0 ? 'DBA' : 'ALL';
  const asked = wanted?.length ? [...new Set(wanted.map(oracleSchemaName))] : [session?.CURRENT_SCHEMA ?? ''];
  const run = async <T>(name: OracleQueryName | 'users', schemas: string[]): Promise<T[]> => {
    const q = oracleQuery(name, dictionary, schemas);
    return c.query<T>(q.sql, q.params);
  };
  const users = await run<UserRow>('users', asked);
  const schemas = asked.filter((s) => users.some((u) => u.USERNAME === s));
  const missing = asked.filter((s) => !schemas.includes(s)).map((s) => `schema (user) ${s} does not exist or is not visible to this user`);
  // With no schema the remaining queries still run (bound to a name no user has), so their
  // number never depends on what was found.
  const binds = schemas.length ? schemas : [''];
  // Without these the rest still converts; their objects are reported missing. Without the
  // others there is nothing to convert: the error says which view failed.
  const optional: OracleQueryName[] = ['identities', 'indExpressions', 'partTables', 'partKeys', 'partitions', 'mviews', 'synonyms',
    'triggers', 'tabComments', 'colComments', 'otherObjects'];
  const q = async <T>(name: OracleQueryName): Promise<T[]> => {
    try { return await run<T>(name, binds); } catch (e) {
      const view = `${dictionary}_${/\$D_(\w+)/.exec(ORACLE_QUERIES[name])?.[1] ?? name}`;
      const msg = e instanceof Error ? e.message : String(e);
      if (!optional.includes(name)) throw new Error(`reading ${view} failed: ${msg} (dbshift reads Oracle 12c or later)`, { cause: e });
      missing.push(`${view} could not be read (${msg}); what it describes is not extracted`);
      return [];
    }
  };
  return {
    schemas, dictionary, missing,
    tables: await q('tables'), columns: await q('columns'), identities: await q('identities'),
    constraints: await q('constraints'), consColumns: await q('consColumns'),
    indexes: await q('indexes'), indColumns: await q('indColumns'), indExpressions: await q('indExpressions'),
    partTables: await q('partTables'), partKeys: await q('partKeys'), partitions: await q('partitions'),
    views: await q('views'), mviews: await q('mviews'), sequences: await q('sequences'), synonyms: await q('synonyms'),
    source: await q('source'), triggers: await q('triggers'), tabComments: await q('tabComments'), colComments: await q('colComments'),
    otherObjects: await q('otherObjects'),
  };
}

// Bulk information_schema reads: one query per catalog view for all requested schemas, never one
// per object.
import type { Connection } from '../../connectors/index.js';

export interface SchemaRow { SCHEMA_NAME: string; DEFAULT_CHARACTER_SET_NAME: string; DEFAULT_COLLATION_NAME: string; SCHEMA_COMMENT?: string | null }
export interface TableRow { TABLE_SCHEMA: string; TABLE_NAME: string; TABLE_TYPE: string; ENGINE: string | null; TABLE_COLLATION: string | null; AUTO_INCREMENT: string | number | null; TABLE_COMMENT: string; CREATE_OPTIONS: string | null }
export interface ColumnRow {
  TABLE_SCHEMA: string; TABLE_NAME: string; COLUMN_NAME: string; ORDINAL_POSITION: string; COLUMN_DEFAULT: string | null;
  IS_NULLABLE: string; COLUMN_TYPE: string; CHARACTER_SET_NAME: string | null; COLLATION_NAME: string | null;
  EXTRA: string; COLUMN_COMMENT: string; IS_GENERATED: string | null; GENERATION_EXPRESSION: string | null;
}
export interface StatRow { TABLE_SCHEMA: string; TABLE_NAME: string; INDEX_NAME: string; NON_UNIQUE: string | number; SEQ_IN_INDEX: string; COLUMN_NAME: string | null; SUB_PART: string | null; COLLATION: string | null; INDEX_TYPE: string; INDEX_COMMENT: string }
export interface FkRow {
  TABLE_SCHEMA: string; TABLE_NAME: string; CONSTRAINT_NAME: string; COLUMN_NAME: string; ORDINAL_POSITION: string;
  REFERENCED_TABLE_SCHEMA: string; REFERENCED_TABLE_NAME: string; REFERENCED_COLUMN_NAME: string; UPDATE_RULE: string; DELETE_RULE: string;
}
export interface CheckRow { CONSTRAINT_SCHEMA: string; TABLE_NAME: string; CONSTRAINT_NAME: string; CHECK_CLAUSE: string; LEVEL?: string | null }
export interface ViewRow { TABLE_SCHEMA: string; TABLE_NAME: string; VIEW_DEFINITION: string | null; CHECK_OPTION: string; DEFINER: string; SECURITY_TYPE: string; ALGORITHM?: string | null }
export interface RoutineRow {
  ROUTINE_SCHEMA: string; ROUTINE_NAME: string; ROUTINE_TYPE: string; DTD_IDENTIFIER: string | null; ROUTINE_DEFINITION: string | null;
  IS_DETERMINISTIC: string; SQL_DATA_ACCESS: string; SECURITY_TYPE: string; ROUTINE_COMMENT: string; DEFINER: string;
}
export interface ParamRow { SPECIFIC_SCHEMA: string; SPECIFIC_NAME: string; ROUTINE_TYPE: string; ORDINAL_POSITION: string | number; PARAMETER_MODE: string | null; PARAMETER_NAME: string | null; DTD_IDENTIFIER: string }
export interface TriggerRow {
  TRIGGER_SCHEMA: string; TRIGGER_NAME: string; EVENT_MANIPULATION: string; EVENT_OBJECT_SCHEMA: string; EVENT_OBJECT_TABLE: string;
  ACTION_ORDER: string; ACTION_STATEMENT: string; ACTION_TIMING: string; DEFINER: string;
}
export interface EventRow {
  EVENT_SCHEMA: string; EVENT_NAME: string; DEFINER: string; EVENT_DEFINITION: string; EVENT_TYPE: string; EXECUTE_AT: string | null;
  INTERVAL_VALUE: string | null; INTERVAL_FIELD: string | null; STARTS: string | null; ENDS: string | null; STATUS: string; ON_COMPLETION: string; EVENT_COMMENT: string;
}
export interface PartitionRow {
  TABLE_SCHEMA: string; TABLE_NAME: string; PARTITION_NAME: string; SUBPARTITION_NAME: string | null; PARTITION_ORDINAL_POSITION: string;
  PARTITION_METHOD: string; SUBPARTITION_METHOD: string | null; PARTITION_EXPRESSION: string | null; SUBPARTITION_EXPRESSION: string | null;
  PARTITION_DESCRIPTION: string | null; PARTITION_COMMENT: string;
}

export interface SequenceRow {
  s: string; n: string; start_value: string | number; minimum_value: string | number; maximum_value: string | number;
  increment: string | number; cache_size: string | number; cycle_option: string | number; next_not_cached_value: string | number;
}

export interface MysqlCatalogRows {
  schemas: SchemaRow[]; tables: TableRow[]; columns: ColumnRow[]; stats: StatRow[]; fks: FkRow[]; checks: CheckRow[];
  sequences: SequenceRow[]; views: ViewRow[]; routines: RoutineRow[]; params: ParamRow[]; triggers: TriggerRow[]; events: EventRow[]; partitions: PartitionRow[];
  /** information_schema columns this server lacks (older versions), for diagnostics. */
  missing: string[];
}

const SYSTEM = `('mysql', 'information_schema', 'performance_schema', 'sys')`;

/** With a `helper` connection the reads run as two concurrent chains (the server works on both). */
export async function readMysqlCatalog(c: Connection, wanted: string[] | undefined, helper?: Connection): Promise<MysqlCatalogRows> {
  const missing: string[] = [];
  const schemaRows = await c.query<SchemaRow>(`SELECT * FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ${SYSTEM} ORDER BY SCHEMA_NAME`);
  const schemas = schemaRows.filter((s) => !wanted || wanted.includes(s.SCHEMA_NAME));
  const names = schemas.map((s) => s.SCHEMA_NAME);
  if (wanted) for (const w of wanted) if (!names.includes(w)) missing.push(`schema ${w} does not exist or is not visible to this user`);
  if (names.length === 0) {
    return { schemas, tables: [], columns: [], stats: [], fks: [], checks: [], sequences: [], views: [], routines: [], params: [], triggers: [], events: [], partitions: [], missing };
  }
  const p = [names];
  const on = (conn: Connection) => <T>(sql: string): Promise<T[]> => conn.query(sql, p) as Promise<T[]>;
  const optional = async <T>(q: ReturnType<typeof on>, what: string, sql: string): Promise<T[]> => {
    try { return await q<T>(sql); } catch (e) { missing.push(`${what}: ${e instanceof Error ? e.message : String(e)}`); return []; }
  };
  const [a, b] = await Promise.all([chainA(on(c)), chainB(on(helper ?? c))]);
  return { schemas, ...a, ...b, missing };

  async function chainA(q: ReturnType<typeof on>) {
    const tables = await q<TableRow>(`SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, AUTO_INCREMENT, TABLE_COMMENT, CREATE_OPTIONS
      FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (?) ORDER BY TABLE_SCHEMA, TABLE_NAME`);
    const columns = await q<ColumnRow>(`SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE, COLUMN_TYPE,
        CHARACTER_SET_NAME, COLLATION_NAME, EXTRA, COLUMN_COMMENT, IS_GENERATED, GENERATION_EXPRESSION
      FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (?) ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`);
    const checks = await optional<CheckRow>(q, 'CHECK_CONSTRAINTS', `SELECT * FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (?) ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME`);
    const views = await q<ViewRow>(`SELECT * FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN (?) ORDER BY TABLE_SCHEMA, TABLE_NAME`);
    const routines = await q<RoutineRow>(`SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION, IS_DETERMINISTIC,
        SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT, DEFINER
      FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN (?) ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME`);
    const params = await q<ParamRow>(`SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER
      FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA IN (?) ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION`);
    // MariaDB sequences are tables of one row, with no information_schema view: all of them are
    // read by one UNION ALL query (one query whatever their number).
    const seqTables = tables.filter((t) => t.TABLE_TYPE === 'SEQUENCE');
    const lit = (v: string): string => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
    const sequences = seqTables.length === 0 ? [] : await optional<SequenceRow>(q, 'sequences', seqTables.map((t) =>
      `SELECT ${lit(t.TABLE_SCHEMA)} AS s, ${lit(t.TABLE_NAME)} AS n, start_value, minimum_value, maximum_value, increment, cache_size, cycle_option, next_not_cached_value
       FROM \`${t.TABLE_SCHEMA.replace(/`/g, '``')}\`.\`${t.TABLE_NAME.replace(/`/g, '``')}\``).join('\nUNION ALL\n'));
    return { tables, columns, checks, views, routines, params, sequences };
  }

  async function chainB(q: ReturnType<typeof on>) {
    const stats = await q<StatRow>(`SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE, INDEX_COMMENT
      FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (?) ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`);
    // Two simple reads joined here: MariaDB joins information_schema views by nested loops.
    const fkCols = await q<Omit<FkRow, 'UPDATE_RULE' | 'DELETE_RULE'>>(`SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, ORDINAL_POSITION,
        REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
      FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA IN (?) AND REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`);
    const rules = await q<{ CONSTRAINT_SCHEMA: string; TABLE_NAME: string; CONSTRAINT_NAME: string; UPDATE_RULE: string; DELETE_RULE: string }>(
      `SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (?)`);
    const ruleOf = new Map(rules.map((r) => [`${r.CONSTRAINT_SCHEMA}\u0000${r.TABLE_NAME}\u0000${r.CONSTRAINT_NAME}`, r]));
    const fks: FkRow[] = fkCols.map((k) => {
      const r = ruleOf.get(`${k.TABLE_SCHEMA}\u0000${k.TABLE_NAME}\u0000${k.CONSTRAINT_NAME}`);
      return { ...k, UPDATE_RULE: r?.UPDATE_RULE ?? 'RESTRICT', DELETE_RULE: r?.DELETE_RULE ?? 'RESTRICT' };
    });
    const triggers = await q<TriggerRow>(`SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, ACTION_ORDER,
        ACTION_STATEMENT, ACTION_TIMING, DEFINER
      FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (?) ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER`);
    const events = await q<EventRow>(`SELECT EVENT_SCHEMA, EVENT_NAME, DEFINER, EVENT_DEFINITION, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD,
        STARTS, ENDS, STATUS, ON_COMPLETION, EVENT_COMMENT
      FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN (?) ORDER BY EVENT_SCHEMA, EVENT_NAME`);
    const partitions = await q<PartitionRow>(`SELECT TABLE_SCHEMA, TABLE_NAME, PARTITION_NAME, SUBPARTITION_NAME, PARTITION_ORDINAL_POSITION, PARTITION_METHOD,
        SUBPARTITION_METHOD, PARTITION_EXPRESSION, SUBPARTITION_EXPRESSION, PARTITION_DESCRIPTION, PARTITION_COMMENT
      FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA IN (?) AND PARTITION_NAME IS NOT NULL
      ORDER BY TABLE_SCHEMA, TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION`);
    return { stats, fks, triggers, events, partitions };
  }
}

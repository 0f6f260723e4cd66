// Rebuilds MySQL/MariaDB CREATE statements from information_schema rows, so live objects go
// through the same front end as scripts and become the same IR.
import type {
  CheckRow, ColumnRow, EventRow, FkRow, ParamRow, PartitionRow, RoutineRow, SchemaRow, SequenceRow, StatRow, TableRow, TriggerRow, ViewRow,
} from './queries.js';
import { groupBy } from '../common.js';

export const q = (s: string): string => `\`${s.replace(/`/g, '``')}\``;
export const lit = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const qn = (schema: string, name: string): string => `${q(schema)}.${q(name)}`;

/** 'user@host' → `user`@`host`; empty when unknown. */
export function definerClause(definer: string | null | undefined): string {
  if (!definer) return '';
  const at = definer.lastIndexOf('@');
  if (at < 0) return `DEFINER=${q(definer)} `;
  return `DEFINER=${q(definer.slice(0, at))}@${q(definer.slice(at + 1))} `;
}

export function schemaDdl(s: SchemaRow): string {
  const comment = s.SCHEMA_COMMENT ? ` COMMENT ${lit(s.SCHEMA_COMMENT)}` : '';
  return `CREATE DATABASE ${q(s.SCHEMA_NAME)} CHARACTER SET ${s.DEFAULT_CHARACTER_SET_NAME} COLLATE ${s.DEFAULT_COLLATION_NAME}${comment}`;
}

/**
 * MariaDB's COLUMN_DEFAULT is an expression in SQL syntax ('text', 12, NULL, current_timestamp());
 * anything but a literal or CURRENT_TIMESTAMP needs parentheses in a column definition.
 */
function defaultClause(d: string): string {
  if (/^(NULL|-?\d+(\.\d+)?(e[+-]?\d+)?|'.*'|b'[01]*'|x'[0-9a-f]*'|current_timestamp(\(\d*\))?)$/is.test(d)) return ` DEFAULT ${d}`;
  return ` DEFAULT (${d})`;
}

const isJsonCheck = (c: CheckRow, column: string): boolean =>
  c.CONSTRAINT_NAME === column && /^json_valid\(`?[^`]+`?\)$/i.test(c.CHECK_CLAUSE.trim());

function columnDdl(c: ColumnRow, tableCollation: string | null, checks: CheckRow[]): { text: string; jsonCheck?: CheckRow } {
  let type = c.COLUMN_TYPE;
  // MariaDB stores JSON as LONGTEXT with a json_valid() check named after the column.
  const jsonCheck = /^longtext$/i.test(type) ? checks.find((k) => isJsonCheck(k, c.COLUMN_NAME)) : undefined;
  if (jsonCheck) type = 'json';
  let s = `  ${q(c.COLUMN_NAME)} ${type}`;
  if (!jsonCheck && c.COLLATION_NAME && c.COLLATION_NAME !== tableCollation) {
    s += ` CHARACTER SET ${c.CHARACTER_SET_NAME ?? c.COLLATION_NAME.split('_')[0]} COLLATE ${c.COLLATION_NAME}`;
  }
  const extra = c.EXTRA.toLowerCase();
  const generated = c.IS_GENERATED === 'ALWAYS' || /generated/.test(extra);
  if (generated && c.GENERATION_EXPRESSION) {
    s += ` GENERATED ALWAYS AS (${c.GENERATION_EXPRESSION}) ${/stored|persistent/.test(extra) ? 'STORED' : 'VIRTUAL'}`;
  }
  if (!generated) s += c.IS_NULLABLE === 'YES' ? ' NULL' : ' NOT NULL';
  if (!generated && c.COLUMN_DEFAULT !== null && !(c.COLUMN_DEFAULT === 'NULL' && c.IS_NULLABLE === 'YES')) s += defaultClause(c.COLUMN_DEFAULT);
  if (extra.includes('auto_increment')) s += ' AUTO_INCREMENT';
  const onUpdate = /on update (current_timestamp(\(\d*\))?)/i.exec(c.EXTRA);
  if (onUpdate) s += ` ON UPDATE ${onUpdate[1]}`;
  if (extra.includes('invisible')) s += ' INVISIBLE';
  if (c.COLUMN_COMMENT) s += ` COMMENT ${lit(c.COLUMN_COMMENT)}`;
  return { text: s, ...(jsonCheck ? { jsonCheck } : {}) };
}

function indexDdl(name: string, rows: StatRow[]): string {
  const first = rows[0]!;
  const cols = rows.map((r) => `${q(r.COLUMN_NAME ?? '')}${r.SUB_PART ? `(${r.SUB_PART})` : ''}${r.COLLATION === 'D' ? ' DESC' : ''}`).join(', ');
  const type = first.INDEX_TYPE.toUpperCase();
  const comment = first.INDEX_COMMENT ? ` COMMENT ${lit(first.INDEX_COMMENT)}` : '';
  if (name === 'PRIMARY') return `  PRIMARY KEY (${cols})`;
  if (type === 'FULLTEXT') return `  FULLTEXT KEY ${q(name)} (${cols})${comment}`;
  if (type === 'SPATIAL') return `  SPATIAL KEY ${q(name)} (${cols})${comment}`;
  const using = type === 'HASH' ? ' USING HASH' : '';
  return `  ${Number(first.NON_UNIQUE) === 0 ? 'UNIQUE KEY' : 'KEY'} ${q(name)} (${cols})${using}${comment}`;
}

function fkDdl(name: string, rows: FkRow[]): string {
  const f = rows[0]!;
  const cols = rows.map((r) => q(r.COLUMN_NAME)).join(', ');
  const refs = rows.map((r) => q(r.REFERENCED_COLUMN_NAME)).join(', ');
  return `  CONSTRAINT ${q(name)} FOREIGN KEY (${cols}) REFERENCES ${qn(f.REFERENCED_TABLE_SCHEMA, f.REFERENCED_TABLE_NAME)} (${refs}) ON DELETE ${f.DELETE_RULE} ON UPDATE ${f.UPDATE_RULE}`;
}

function partitionDdl(rows: PartitionRow[]): string {
  const first = rows[0]!;
  const method = first.PARTITION_METHOD.toUpperCase();
  const expr = first.PARTITION_EXPRESSION ?? '';
  const byColumns = / COLUMNS$/.test(method);
  let s = `PARTITION BY ${method}${byColumns ? `(${expr})` : ` (${expr})`}`;
  if (first.SUBPARTITION_METHOD) {
    const subs = new Set(rows.filter((r) => r.PARTITION_NAME === first.PARTITION_NAME).map((r) => r.SUBPARTITION_NAME)).size;
    s += ` SUBPARTITION BY ${first.SUBPARTITION_METHOD} (${first.SUBPARTITION_EXPRESSION ?? ''}) SUBPARTITIONS ${subs}`;
  }
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.PARTITION_NAME)) continue;
    seen.add(r.PARTITION_NAME);
    let p = `PARTITION ${q(r.PARTITION_NAME)}`;
    if (method.startsWith('RANGE')) p += ` VALUES LESS THAN ${r.PARTITION_DESCRIPTION === 'MAXVALUE' ? 'MAXVALUE' : `(${r.PARTITION_DESCRIPTION ?? ''})`}`;
    else if (method.startsWith('LIST')) p += r.PARTITION_DESCRIPTION === 'DEFAULT' ? ' DEFAULT' : ` VALUES IN (${r.PARTITION_DESCRIPTION ?? ''})`;
    if (r.PARTITION_COMMENT) p += ` COMMENT ${lit(r.PARTITION_COMMENT)}`;
    parts.push(p);
  }
  return `${s}\n(${parts.join(',\n ')})`;
}

export function tableDdl(t: TableRow, cols: ColumnRow[], stats: StatRow[], fks: FkRow[], checks: CheckRow[], parts: PartitionRow[]): string {
  const lines: string[] = [];
  const consumed = new Set<CheckRow>();
  for (const c of cols) {
    const { text, jsonCheck } = columnDdl(c, t.TABLE_COLLATION, checks);
    if (jsonCheck) consumed.add(jsonCheck);
    lines.push(text);
  }
  const idx = groupBy(stats, (r) => r.INDEX_NAME);
  const primary = idx.get('PRIMARY');
  if (primary) lines.push(indexDdl('PRIMARY', primary));
  for (const [name, rows] of idx) if (name !== 'PRIMARY') lines.push(indexDdl(name, rows));
  for (const [name, rows] of groupBy(fks, (r) => r.CONSTRAINT_NAME)) lines.push(fkDdl(name, rows));
  for (const k of checks) if (!consumed.has(k)) lines.push(`  CONSTRAINT ${q(k.CONSTRAINT_NAME)} CHECK (${k.CHECK_CLAUSE})`);
  const opts: string[] = [];
  if (t.ENGINE) opts.push(`ENGINE=${t.ENGINE}`);
  if (t.AUTO_INCREMENT && Number(t.AUTO_INCREMENT) > 1) opts.push(`AUTO_INCREMENT=${t.AUTO_INCREMENT}`);
  if (t.TABLE_COLLATION) opts.push(`DEFAULT CHARSET=${t.TABLE_COLLATION.split('_')[0]} COLLATE=${t.TABLE_COLLATION}`);
  if (t.TABLE_COMMENT) opts.push(`COMMENT=${lit(t.TABLE_COMMENT)}`);
  const partition = parts.length ? `\n${partitionDdl(parts)}` : '';
  return `CREATE TABLE ${qn(t.TABLE_SCHEMA, t.TABLE_NAME)} (\n${lines.join(',\n')}\n) ${opts.join(' ')}${partition}`;
}

export function sequenceDdl(r: SequenceRow): string {
  return `CREATE SEQUENCE ${qn(r.s, r.n)} START WITH ${r.start_value} MINVALUE ${r.minimum_value} MAXVALUE ${r.maximum_value} INCREMENT BY ${r.increment} CACHE ${r.cache_size} ${Number(r.cycle_option) ? 'CYCLE' : 'NOCYCLE'}`;
}

export function viewDdl(v: ViewRow): string {
  const algorithm = v.ALGORITHM ? `ALGORITHM=${v.ALGORITHM} ` : '';
  const check = v.CHECK_OPTION && v.CHECK_OPTION !== 'NONE' ? ` WITH ${v.CHECK_OPTION} CHECK OPTION` : '';
  return `CREATE ${algorithm}${definerClause(v.DEFINER)}SQL SECURITY ${v.SECURITY_TYPE} VIEW ${qn(v.TABLE_SCHEMA, v.TABLE_NAME)} AS ${v.VIEW_DEFINITION ?? ''}${check}`;
}

export function routineDdl(r: RoutineRow, params: ParamRow[]): string {
  const isFunction = r.ROUTINE_TYPE === 'FUNCTION';
  const args = params.filter((p) => Number(p.ORDINAL_POSITION) !== 0).map((p) =>
    `${isFunction || !p.PARAMETER_MODE ? '' : `${p.PARAMETER_MODE} `}${q(p.PARAMETER_NAME ?? '')} ${p.DTD_IDENTIFIER}`).join(', ');
  const ret = params.find((p) => Number(p.ORDINAL_POSITION) === 0)?.DTD_IDENTIFIER ?? r.DTD_IDENTIFIER;
  const chars = [
    r.IS_DETERMINISTIC === 'YES' ? 'DETERMINISTIC' : 'NOT DETERMINISTIC',
    r.SQL_DATA_ACCESS,
    `SQL SECURITY ${r.SECURITY_TYPE}`,
    ...(r.ROUTINE_COMMENT ? [`COMMENT ${lit(r.ROUTINE_COMMENT)}`] : []),
  ];
  return `CREATE ${definerClause(r.DEFINER)}${r.ROUTINE_TYPE} ${qn(r.ROUTINE_SCHEMA, r.ROUTINE_NAME)}(${args})${isFunction ? ` RETURNS ${ret ?? 'int'}` : ''}\n${chars.join(' ')}\n${r.ROUTINE_DEFINITION ?? ''}`;
}

export function triggerDdl(t: TriggerRow, previous: TriggerRow | undefined): string {
  const follows = previous ? ` FOLLOWS ${q(previous.TRIGGER_NAME)}` : '';
  return `CREATE ${definerClause(t.DEFINER)}TRIGGER ${qn(t.TRIGGER_SCHEMA, t.TRIGGER_NAME)} ${t.ACTION_TIMING} ${t.EVENT_MANIPULATION} ON ${qn(t.EVENT_OBJECT_SCHEMA, t.EVENT_OBJECT_TABLE)} FOR EACH ROW${follows}\n${t.ACTION_STATEMENT}`;
}

export function eventDdl(e: EventRow): string {
  let schedule: string;
  if (e.EVENT_TYPE === 'ONE TIME') schedule = `AT ${lit(e.EXECUTE_AT ?? '')}`;
  else {
    const value = /^-?\d+$/.test(e.INTERVAL_VALUE ?? '') ? e.INTERVAL_VALUE! : lit(e.INTERVAL_VALUE ?? '');
    schedule = `EVERY ${value} ${e.INTERVAL_FIELD ?? ''}${e.STARTS ? ` STARTS ${lit(e.STARTS)}` : ''}${e.ENDS ? ` ENDS ${lit(e.ENDS)}` : ''}`;
  }
  const status = e.STATUS === 'ENABLED' ? 'ENABLE' : e.STATUS === 'DISABLED' ? 'DISABLE' : 'DISABLE ON SLAVE';
  const comment = e.EVENT_COMMENT ? ` COMMENT ${lit(e.EVENT_COMMENT)}` : '';
  return `CREATE ${definerClause(e.DEFINER)}EVENT ${qn(e.EVENT_SCHEMA, e.EVENT_NAME)} ON SCHEDULE ${schedule} ON COMPLETION ${e.ON_COMPLETION} ${status}${comment}\nDO ${e.EVENT_DEFINITION}`;
}


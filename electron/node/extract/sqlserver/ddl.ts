// Rebuilds T-SQL DDL (as SSMS scripts write it: [bracketed] names, GO between batches) from
// sys.* rows; code (views, procedures, functions, triggers) is sys.sql_modules.definition as is.
import { bit, type CheckRow, type ColumnRow, type ComputedRow, type DefaultRow, type IdentityRow, type IndexRow, type ModuleRow,
  type SequenceRow, type SynonymRow, type TableRow, type TypeRow } from './queries.js';

export const qb = (s: string): string => `[${s.replace(/]/g, ']]')}]`;
export const qbn = (schema: string, name: string): string => `${qb(schema)}.${qb(name)}`;
export const nstr = (s: string): string => `N'${s.replace(/'/g, "''")}'`;
export const batch = (s: string): string => `${s.trim()}\nGO\n`;

const LENGTH_TYPES = new Set(['varchar', 'char', 'varbinary', 'binary']);
const NATIONAL_TYPES = new Set(['nvarchar', 'nchar']);
const SCALE_TYPES = new Set(['datetime2', 'time', 'datetimeoffset']);

/**
 * The column's type as T-SQL writes it. sys.columns.max_length is in bytes, −1 for (MAX); nchar
 * and nvarchar store two bytes per character, so their declared length is max_length / 2.
 */
export function sqlType(t: TypeRow, c: { max_length: number; precision: number; scale: number }): string {
  if (Number(t.is_user_defined) === 1 || t.is_user_defined === true) return qbn(t.schema_name, t.name);
  const n = t.name;
  const len = Number(c.max_length);
  if (LENGTH_TYPES.has(n)) return `${n}(${len === -1 ? 'MAX' : len})`;
  if (NATIONAL_TYPES.has(n)) return `${n}(${len === -1 ? 'MAX' : len / 2})`;
  if (n === 'decimal' || n === 'numeric') return `${n}(${c.precision}, ${c.scale})`;
  if (SCALE_TYPES.has(n)) return `${n}(${c.scale})`;
  // float(1..24) is stored as real (precision 24), float(25..53) as float (precision 53).
  if (n === 'float') return Number(c.precision) <= 24 ? 'real' : 'float';
  if (n === 'timestamp') return 'rowversion';
  return n;
}

export interface TableParts {
  table: TableRow;
  columns: ColumnRow[];
  types: Map<number, TypeRow>;
  identities: Map<number, IdentityRow>;
  computed: Map<number, ComputedRow>;
  defaults: Map<number, DefaultRow>;
  /** PRIMARY KEY / UNIQUE from sys.key_constraints with their index's kind and columns. */
  keys: { name: string; systemNamed: boolean; type: string; clustered: boolean; columns: { name: string; desc: boolean }[] }[];
  checks: CheckRow[];
  foreignKeys: { name: string; systemNamed: boolean; columns: string[]; refSchema: string; refTable: string; refColumns: string[];
    onDelete: number; onUpdate: number; disabled: boolean; notTrusted: boolean; notForReplication: boolean }[];
  databaseCollation: string | null;
}

const ACTIONS: Record<number, string> = { 1: 'CASCADE', 2: 'SET NULL', 3: 'SET DEFAULT' };

function columnDdl(c: ColumnRow, t: TableParts): string {
  const comp = t.computed.get(c.column_id);
  if (bit(c.is_computed) && comp) return `\t${qb(c.name)} AS ${comp.definition ?? ''}${bit(comp.is_persisted) ? ' PERSISTED' : ''}`;
  const type = t.types.get(c.user_type_id);
  let s = `\t${qb(c.name)} ${type ? sqlType(type, c) : '[sql_variant]'}`;
  if (bit(c.is_sparse)) s += ' SPARSE';
  if (c.collation_name && c.collation_name !== t.databaseCollation) s += ` COLLATE ${c.collation_name}`;
  const id = t.identities.get(c.column_id);
  if (bit(c.is_identity) && id) s += ` IDENTITY(${id.seed_value ?? 1}, ${id.increment_value ?? 1})`;
  if (bit(c.is_rowguidcol)) s += ' ROWGUIDCOL';
  s += bit(c.is_nullable) ? ' NULL' : ' NOT NULL';
  const d = t.defaults.get(c.column_id);
  if (d) s += `${bit(d.is_system_named) ? '' : ` CONSTRAINT ${qb(d.name)}`} DEFAULT ${d.definition}`;
  return s;
}

const named = (name: string, systemNamed: boolean | number | null): string => (bit(systemNamed as boolean) ? '' : `CONSTRAINT ${qb(name)} `);

/**
 * CREATE TABLE with its keys, checks and foreign keys; a constraint the server does not trust
 * (WITH NOCHECK) is added after the table as scripts do, a disabled one then NOCHECKed.
 */
export function tableDdl(t: TableParts): string {
  const name = qbn(t.table.schema_name, t.table.name);
  const parts = t.columns.map((c) => columnDdl(c, t));
  const after: string[] = [];
  for (const k of t.keys) {
    const cols = k.columns.map((c) => `${qb(c.name)}${c.desc ? ' DESC' : ' ASC'}`).join(', ');
    parts.push(`\t${named(k.name, k.systemNamed)}${k.type === 'PK' ? 'PRIMARY KEY' : 'UNIQUE'} ${k.clustered ? 'CLUSTERED' : 'NONCLUSTERED'} (${cols})`);
  }
  const place = (def: string, cname: string, notTrusted: boolean, disabled: boolean): void => {
    if (notTrusted || disabled) {
      after.push(batch(`ALTER TABLE ${name} WITH NOCHECK ADD ${def}`));
      if (disabled) after.push(batch(`ALTER TABLE ${name} NOCHECK CONSTRAINT ${qb(cname)}`));
    } else parts.push(`\t${def}`);
  };
  for (const k of t.checks) {
    const def = `${named(k.name, k.is_system_named as boolean)}CHECK ${bit(k.is_not_for_replication) ? 'NOT FOR REPLICATION ' : ''}${k.definition}`;
    place(def, k.name, bit(k.is_not_trusted), bit(k.is_disabled));
  }
  for (const f of t.foreignKeys) {
    let def = `${named(f.name, f.systemNamed)}FOREIGN KEY (${f.columns.map(qb).join(', ')}) REFERENCES ${qbn(f.refSchema, f.refTable)} (${f.refColumns.map(qb).join(', ')})`;
    if (ACTIONS[f.onDelete]) def += ` ON DELETE ${ACTIONS[f.onDelete]}`;
    if (ACTIONS[f.onUpdate]) def += ` ON UPDATE ${ACTIONS[f.onUpdate]}`;
    if (f.notForReplication) def += ' NOT FOR REPLICATION';
    place(def, f.name, f.notTrusted, f.disabled);
  }
  return batch(`CREATE TABLE ${name} (\n${parts.join(',\n')}\n)`) + after.join('');
}

export function tableTypeDdl(t: TypeRow, columns: ColumnRow[], types: Map<number, TypeRow>): string {
  const cols = columns.map((c) => {
    const ty = types.get(c.user_type_id);
    return `\t${qb(c.name)} ${ty ? sqlType(ty, c) : '[sql_variant]'}${bit(c.is_nullable) ? ' NULL' : ' NOT NULL'}`;
  });
  return batch(`CREATE TYPE ${qbn(t.schema_name, t.name)} AS TABLE (\n${cols.join(',\n')}\n)`);
}

export function aliasTypeDdl(t: TypeRow, base: TypeRow | undefined): string {
  const baseType = base ? sqlType(base, t) : 'sql_variant';
  return batch(`CREATE TYPE ${qbn(t.schema_name, t.name)} FROM ${baseType}${bit(t.is_nullable) ? ' NULL' : ' NOT NULL'}`);
}

export interface IndexParts { index: IndexRow; schema: string; table: string; keys: { name: string; desc: boolean }[]; include: string[] }

export function indexDdl(i: IndexParts): string {
  const r = i.index;
  const on = qbn(i.schema, i.table);
  let s = `CREATE ${bit(r.is_unique) ? 'UNIQUE ' : ''}${Number(r.type) === 1 ? 'CLUSTERED' : 'NONCLUSTERED'} INDEX ${qb(r.name)} ON ${on} (${i.keys.map((k) => `${qb(k.name)}${k.desc ? ' DESC' : ' ASC'}`).join(', ')})`;
  if (i.include.length) s += ` INCLUDE (${i.include.map(qb).join(', ')})`;
  if (bit(r.has_filter) && r.filter_definition) s += ` WHERE ${r.filter_definition}`;
  if (bit(r.ignore_dup_key)) s += ' WITH (IGNORE_DUP_KEY = ON)';
  let out = batch(s);
  if (bit(r.is_disabled)) out += batch(`ALTER INDEX ${qb(r.name)} ON ${on} DISABLE`);
  return out;
}

/** A module as SSMS scripts it: its SET options, then the definition as stored. */
export function moduleDdl(m: ModuleRow): string {
  return batch(`SET ANSI_NULLS ${bit(m.uses_ansi_nulls) ? 'ON' : 'OFF'}`) + batch(`SET QUOTED_IDENTIFIER ${bit(m.uses_quoted_identifier) ? 'ON' : 'OFF'}`)
    + batch((m.definition ?? '').replace(/\s+$/, ''));
}

/**
 * current_value is the last value obligated (handed out or reserved); last_used_value is NULL
 * while the sequence was never used. The rebuilt sequence starts after what was obligated.
 */
export function sequenceNext(s: SequenceRow): string {
  if (s.last_used_value === null) return s.start_value;
  return (BigInt(s.current_value) + BigInt(s.increment)).toString();
}

export function sequenceDdl(s: SequenceRow): string {
  const type = s.type_name === 'decimal' || s.type_name === 'numeric' ? `${s.type_name}(${s.precision}, 0)` : s.type_name;
  const cache = bit(s.is_cached) ? (s.cache_size ? ` CACHE ${s.cache_size}` : ' CACHE') : ' NO CACHE';
  return batch(`CREATE SEQUENCE ${qbn(s.schema_name, s.name)} AS ${type} START WITH ${sequenceNext(s)} INCREMENT BY ${s.increment}`
    + ` MINVALUE ${s.minimum_value} MAXVALUE ${s.maximum_value}${bit(s.is_cycling) ? ' CYCLE' : ' NO CYCLE'}${cache}`);
}

export function synonymDdl(s: SynonymRow): string {
  return batch(`CREATE SYNONYM ${qbn(s.schema_name, s.name)} FOR ${s.base_object_name}`);
}

/** MS_Description as SSMS writes it: sp_addextendedproperty with the object's level names. */
export function descriptionDdl(text: string, schema: string, level1: { type: string; name: string }, column?: string): string {
  let s = `EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = ${nstr(text)}, @level0type = N'SCHEMA', @level0name = ${nstr(schema)}, `
    + `@level1type = N'${level1.type}', @level1name = ${nstr(level1.name)}`;
  if (column !== undefined) s += `, @level2type = N'COLUMN', @level2name = ${nstr(column)}`;
  return batch(s);
}

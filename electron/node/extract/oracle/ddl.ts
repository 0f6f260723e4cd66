// Rebuilds Oracle DDL (as a SQL*Plus script would write it) from dictionary rows, so live
// objects go through the same front end as scripts.
import { num, str, type ColumnRow, type ConstraintRow, type IdentityRow, type IndexRow, type MviewRow, type PartitionRow,
  type PartTableRow, type SequenceRow, type SynonymRow, type TableRow, type ViewRow } from './queries.js';
import { oqi, oql, oqn } from './names.js';

const stmt = (s: string): string => `${s.trim().replace(/;\s*$/, '')};\n`;
/** LONG texts (defaults, conditions) come back as stored, often with trailing blanks or a newline. */
export const longText = (s: string | null | undefined): string => (s ?? '').replace(/\s+$/, '').replace(/^\s+/, '');

export interface ResolvedConstraint {
  row: ConstraintRow;
  columns: string[];
  /** Foreign keys: the referenced key's table and columns. */
  ref?: { owner: string; table: string; columns: string[] };
}

export interface TableParts {
  table: TableRow;
  columns: ColumnRow[];
  identities: Map<string, { row: IdentityRow; sequence?: SequenceRow }>;
  constraints: ResolvedConstraint[];
  partitioning?: { table: PartTableRow; keys: string[]; partitions: PartitionRow[] };
  comment?: string;
  columnComments: Map<string, string>;
}

const NO_ARGS = new Set(['DATE', 'BINARY_FLOAT', 'BINARY_DOUBLE', 'CLOB', 'NCLOB', 'BLOB', 'BFILE', 'LONG', 'LONG RAW', 'ROWID',
  'XMLTYPE', 'JSON', 'BOOLEAN', 'SDO_GEOMETRY', 'ANYDATA']);
/** Owners of built-in types, written unqualified as scripts do. */
const SYSTEM_TYPE_OWNERS = new Set(['SYS', 'PUBLIC', 'MDSYS', 'XDB']);

/** The column's type as DDL writes it, per the documented meaning of the ALL_TAB_COLUMNS fields. */
export function columnType(c: ColumnRow): string {
  const t = c.DATA_TYPE;
  const p = num(c.DATA_PRECISION);
  const s = num(c.DATA_SCALE);
  const unit = c.CHAR_USED === 'C' ? 'CHAR' : 'BYTE';
  switch (t) {
    case 'NUMBER':
      if (p === undefined) return s === undefined ? 'NUMBER' : s === 0 ? 'INTEGER' : `NUMBER(*,${s})`;
      return s === undefined || s === 0 ? `NUMBER(${p})` : `NUMBER(${p},${s})`;
    case 'FLOAT': return p === undefined ? 'FLOAT' : `FLOAT(${p})`;
    case 'VARCHAR2': case 'CHAR':
      return `${t}(${unit === 'CHAR' ? num(c.CHAR_LENGTH) : num(c.DATA_LENGTH)} ${unit})`;
    // National character types are always sized in characters.
    case 'NVARCHAR2': case 'NCHAR': return `${t}(${num(c.CHAR_LENGTH)})`;
    case 'RAW': case 'UROWID': return `${t}(${num(c.DATA_LENGTH)})`;
    case 'VARCHAR': return `VARCHAR2(${num(c.DATA_LENGTH)} BYTE)`;
  }
  // TIMESTAMP(n) [WITH [LOCAL] TIME ZONE] and INTERVAL … are spelled out in DATA_TYPE itself.
  if (/^(TIMESTAMP|INTERVAL)\b/.test(t) || NO_ARGS.has(t)) return t;
  if (c.DATA_TYPE_OWNER && !SYSTEM_TYPE_OWNERS.has(c.DATA_TYPE_OWNER)) return oqn(c.DATA_TYPE_OWNER, t);
  return /^[A-Z][A-Z0-9_$# ]*$/.test(t) ? t : oqi(t);
}

/** "START WITH: 1, INCREMENT BY: 1, MAX_VALUE: 9999…, MIN_VALUE: 1, CYCLE_FLAG: N, CACHE_SIZE: 20, ORDER_FLAG: N, …" */
export function identityOptions(text: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (text ?? '').split(',')) {
    const m = /^\s*([A-Z_ ]+?)\s*:\s*(.*?)\s*$/.exec(part);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

function identityClause(id: { row: IdentityRow; sequence?: SequenceRow }, onNull: boolean): string {
  const o = identityOptions(id.row.IDENTITY_OPTIONS);
  const kind = id.row.GENERATION_TYPE === 'ALWAYS' ? 'ALWAYS' : onNull ? 'BY DEFAULT ON NULL' : 'BY DEFAULT';
  // The identity's own sequence says how far it got: continue from there, never reuse a value.
  const start = str(id.sequence?.LAST_NUMBER) ?? o['START WITH'];
  const opts: string[] = [];
  if (start) opts.push(`START WITH ${start}`);
  if (o['INCREMENT BY']) opts.push(`INCREMENT BY ${o['INCREMENT BY']}`);
  if (o.MIN_VALUE) opts.push(`MINVALUE ${o.MIN_VALUE}`);
  if (o.MAX_VALUE) opts.push(`MAXVALUE ${o.MAX_VALUE}`);
  if (o.CYCLE_FLAG) opts.push(o.CYCLE_FLAG === 'Y' ? 'CYCLE' : 'NOCYCLE');
  if (o.CACHE_SIZE) opts.push(o.CACHE_SIZE === '0' ? 'NOCACHE' : `CACHE ${o.CACHE_SIZE}`);
  return ` GENERATED ${kind} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`;
}

const NOT_NULL_CHECK = /^\s*"([^"]+)"\s+IS\s+NOT\s+NULL\s*$/i;

/** A check constraint that is the column's NOT NULL (Oracle stores NOT NULL as `"COL" IS NOT NULL`). */
export function notNullColumn(c: ResolvedConstraint): string | undefined {
  if (c.row.CONSTRAINT_TYPE !== 'C' || c.columns.length !== 1) return undefined;
  const m = NOT_NULL_CHECK.exec(c.row.SEARCH_CONDITION ?? '');
  return m && m[1] === c.columns[0] ? m[1] : undefined;
}

/** [NOT] DEFERRABLE, INITIALLY DEFERRED, DISABLE, NOVALIDATE — only what differs from the default. */
function constraintState(r: ConstraintRow): string {
  const parts: string[] = [];
  if (r.DEFERRABLE === 'DEFERRABLE') parts.push('DEFERRABLE');
  if (r.DEFERRED === 'DEFERRED') parts.push('INITIALLY DEFERRED');
  if (r.STATUS === 'DISABLED') parts.push('DISABLE');
  else if (r.VALIDATED === 'NOT VALIDATED') parts.push('ENABLE NOVALIDATE');
  return parts.length ? ` ${parts.join(' ')}` : '';
}

const named = (r: ConstraintRow): string => (r.GENERATED === 'GENERATED NAME' ? '' : `CONSTRAINT ${oqi(r.CONSTRAINT_NAME)} `);
const colList = (cols: string[]): string => cols.map(oqi).join(', ');

function constraintDdl(c: ResolvedConstraint): string | undefined {
  const r = c.row;
  switch (r.CONSTRAINT_TYPE) {
    case 'P': return `${named(r)}PRIMARY KEY (${colList(c.columns)})${constraintState(r)}`;
    case 'U': return `${named(r)}UNIQUE (${colList(c.columns)})${constraintState(r)}`;
    case 'C': return `${named(r)}CHECK (${longText(r.SEARCH_CONDITION)})${constraintState(r)}`;
    case 'R': {
      if (!c.ref) return undefined;
      const del = r.DELETE_RULE === 'CASCADE' ? ' ON DELETE CASCADE' : r.DELETE_RULE === 'SET NULL' ? ' ON DELETE SET NULL' : '';
      return `${named(r)}FOREIGN KEY (${colList(c.columns)}) REFERENCES ${oqn(c.ref.owner, c.ref.table)} (${colList(c.ref.columns)})${del}${constraintState(r)}`;
    }
  }
  return undefined;
}

function columnDdl(c: ColumnRow, t: TableParts, notNull: ResolvedConstraint | undefined): string {
  let s = `    ${oqi(c.COLUMN_NAME)} ${columnType(c)}`;
  const id = t.identities.get(c.COLUMN_NAME);
  const def = longText(c.DATA_DEFAULT);
  if (c.VIRTUAL_COLUMN === 'YES') s += ` GENERATED ALWAYS AS (${def}) VIRTUAL`;
  else if (c.IDENTITY_COLUMN === 'YES' && id) s += identityClause(id, c.DEFAULT_ON_NULL === 'YES');
  else if (def) s += ` DEFAULT${c.DEFAULT_ON_NULL === 'YES' ? ' ON NULL' : ''} ${def}`;
  if (c.HIDDEN_COLUMN === 'YES') s += ' INVISIBLE';
  if (notNull) s += ` ${named(notNull.row)}NOT NULL${constraintState(notNull.row)}`;
  return s;
}

/** PARTITION BY …; `note` receives what the rebuilt clause leaves out. */
function partitionClause(p: NonNullable<TableParts['partitioning']>, note: (m: string) => void): string {
  const type = p.table.PARTITIONING_TYPE;
  if (!['RANGE', 'LIST', 'HASH'].includes(type)) {
    note(`${type} partitioning is not rebuilt; the table is extracted unpartitioned`);
    return '';
  }
  if (p.table.SUBPARTITIONING_TYPE && p.table.SUBPARTITIONING_TYPE !== 'NONE') {
    note(`its ${p.table.SUBPARTITIONING_TYPE} subpartitions are not extracted (only the ${type} partitions)`);
  }
  let s = `PARTITION BY ${type} (${colList(p.keys)})`;
  if (p.table.INTERVAL) s += ` INTERVAL (${p.table.INTERVAL.trim()})`;
  const parts = p.partitions.map((x) => {
    const high = longText(x.HIGH_VALUE);
    const bound = type === 'RANGE' ? ` VALUES LESS THAN (${high})` : type === 'LIST' ? ` VALUES (${high})` : '';
    return `    PARTITION ${oqi(x.PARTITION_NAME)}${bound}`;
  });
  if (parts.length) s += ` (\n${parts.join(',\n')}\n)`;
  else if (type === 'HASH' && num(p.table.PARTITION_COUNT)) s += ` PARTITIONS ${num(p.table.PARTITION_COUNT)}`;
  return s;
}

function commentsDdl(owner: string, name: string, comment: string | undefined, columns: Map<string, string>): string {
  let out = '';
  if (comment !== undefined) out += stmt(`COMMENT ON TABLE ${oqn(owner, name)} IS ${oql(comment)}`);
  for (const [col, text] of columns) out += stmt(`COMMENT ON COLUMN ${oqn(owner, name)}.${oqi(col)} IS ${oql(text)}`);
  return out;
}

export function tableDdl(t: TableParts, note: (m: string) => void): string {
  const r = t.table;
  const notNulls = new Map<string, ResolvedConstraint>();
  const outOfLine: string[] = [];
  for (const c of t.constraints) {
    const col = notNullColumn(c);
    if (col !== undefined) { notNulls.set(col, c); continue; }
    const d = constraintDdl(c);
    if (d) outOfLine.push(`    ${d}`);
    else if (c.row.CONSTRAINT_TYPE === 'R') note(`foreign key ${c.row.CONSTRAINT_NAME}: the referenced key ${c.row.R_OWNER}.${c.row.R_CONSTRAINT_NAME} is not visible`);
  }
  const body = [...t.columns.map((c) => columnDdl(c, t, notNulls.get(c.COLUMN_NAME))), ...outOfLine].join(',\n');
  const temp = r.TEMPORARY === 'Y';
  let s = `CREATE ${temp ? 'GLOBAL TEMPORARY ' : ''}TABLE ${oqn(r.OWNER, r.TABLE_NAME)} (\n${body}\n)`;
  if (temp) s += r.DURATION === 'SYS$SESSION' ? ' ON COMMIT PRESERVE ROWS' : ' ON COMMIT DELETE ROWS';
  if (r.IOT_TYPE === 'IOT') s += ' ORGANIZATION INDEX';
  if (t.partitioning) {
    const p = partitionClause(t.partitioning, note);
    if (p) s += `\n${p}`;
  }
  return stmt(s) + commentsDdl(r.OWNER, r.TABLE_NAME, t.comment, t.columnComments);
}

export interface IndexParts { index: IndexRow; columns: { text: string; desc: boolean }[] }

export function indexDdl(i: IndexParts): string {
  const r = i.index;
  const kind = r.UNIQUENESS === 'UNIQUE' ? 'UNIQUE ' : r.INDEX_TYPE.includes('BITMAP') ? 'BITMAP ' : '';
  const cols = i.columns.map((c) => `${c.text}${c.desc ? ' DESC' : ''}`).join(', ');
  let s = `CREATE ${kind}INDEX ${oqn(r.OWNER, r.INDEX_NAME)} ON ${oqn(r.TABLE_OWNER, r.TABLE_NAME)} (${cols})`;
  if (r.INDEX_TYPE.endsWith('/REV')) s += ' REVERSE';
  if (r.VISIBILITY === 'INVISIBLE') s += ' INVISIBLE';
  return stmt(s);
}

/**
 * START WITH LAST_NUMBER: the dictionary's LAST_NUMBER is the last number written to disk
 * (with a cache, the end of the cached range), so starting there never hands out a used value.
 */
export function sequenceDdl(q: SequenceRow): string {
  const cache = num(q.CACHE_SIZE) ?? 0;
  return stmt(`CREATE SEQUENCE ${oqn(q.SEQUENCE_OWNER, q.SEQUENCE_NAME)} START WITH ${str(q.LAST_NUMBER)} INCREMENT BY ${str(q.INCREMENT_BY)}`
    + ` MINVALUE ${str(q.MIN_VALUE)} MAXVALUE ${str(q.MAX_VALUE)} ${cache > 0 ? `CACHE ${cache}` : 'NOCACHE'}`
    + ` ${q.CYCLE_FLAG === 'Y' ? 'CYCLE' : 'NOCYCLE'}${q.ORDER_FLAG === 'Y' ? ' ORDER' : ''}`);
}

export interface ViewParts {
  view: ViewRow;
  columns: string[];
  readOnly?: ConstraintRow;
  checkOption?: ConstraintRow;
  comment?: string;
  columnComments: Map<string, string>;
}

export function viewDdl(v: ViewParts): string {
  const r = v.view;
  let text = longText(r.TEXT).replace(/;\s*$/, '');
  // The dictionary keeps WITH READ ONLY / WITH CHECK OPTION as view constraints (types O and V).
  const hasClause = /\bWITH\s+(READ\s+ONLY|CHECK\s+OPTION)\b[^)]*$/i.test(text);
  if (!hasClause && v.readOnly) text += `\nWITH READ ONLY${v.readOnly.GENERATED === 'GENERATED NAME' ? '' : ` CONSTRAINT ${oqi(v.readOnly.CONSTRAINT_NAME)}`}`;
  else if (!hasClause && v.checkOption) text += `\nWITH CHECK OPTION${v.checkOption.GENERATED === 'GENERATED NAME' ? '' : ` CONSTRAINT ${oqi(v.checkOption.CONSTRAINT_NAME)}`}`;
  const cols = v.columns.length ? ` (${colList(v.columns)})` : '';
  return stmt(`CREATE OR REPLACE VIEW ${oqn(r.OWNER, r.VIEW_NAME)}${cols} AS\n${text}`) + commentsDdl(r.OWNER, r.VIEW_NAME, v.comment, v.columnComments);
}

export function mviewDdl(m: MviewRow, comment: string | undefined): string {
  const build = m.BUILD_MODE === 'DEFERRED' ? ' BUILD DEFERRED' : '';
  const refresh = m.REFRESH_METHOD === 'NEVER' ? ' NEVER REFRESH'
    : ` REFRESH ${m.REFRESH_METHOD ?? 'FORCE'}${m.REFRESH_MODE === 'COMMIT' ? ' ON COMMIT' : m.REFRESH_MODE === 'DEMAND' ? ' ON DEMAND' : ''}`;
  const name = oqn(m.OWNER, m.MVIEW_NAME);
  return stmt(`CREATE MATERIALIZED VIEW ${name}${build}${refresh} AS\n${longText(m.QUERY).replace(/;\s*$/, '')}`)
    + (comment !== undefined ? stmt(`COMMENT ON MATERIALIZED VIEW ${name} IS ${oql(comment)}`) : '');
}

export function synonymDdl(s: SynonymRow): string {
  const target = `${s.TABLE_OWNER ? `${oqi(s.TABLE_OWNER)}.` : ''}${oqi(s.TABLE_NAME)}${s.DB_LINK ? `@${s.DB_LINK}` : ''}`;
  if (s.OWNER === 'PUBLIC') return stmt(`CREATE PUBLIC SYNONYM ${oqi(s.SYNONYM_NAME)} FOR ${target}`);
  return stmt(`CREATE OR REPLACE SYNONYM ${oqn(s.OWNER, s.SYNONYM_NAME)} FOR ${target}`);
}

const UNIT_HEAD = /^(\s*(?:PACKAGE\s+BODY|PACKAGE|PROCEDURE|FUNCTION|TRIGGER|TYPE\s+BODY|TYPE)\s+)((?:EDITIONABLE\s+|NONEDITIONABLE\s+)?)("(?:[^"]|"")+"|[A-Za-z][\w$#]*)(\s*\.\s*("(?:[^"]|"")+"|[A-Za-z][\w$#]*))?/i;

/** ALL_SOURCE text of a wrapped (obfuscated) unit starts `PACKAGE BODY name wrapped`. */
export function isWrapped(text: string): boolean {
  const m = UNIT_HEAD.exec(text);
  return !!m && /^\s+wrapped\b/i.test(text.slice(m[0].length));
}

/**
 * ALL_SOURCE keeps a unit's text from its kind keyword on (`PROCEDURE secure_dml IS …`), names as
 * written: the owner is put in front of an unqualified name so the unit lands in its schema.
 */
export function codeDdl(owner: string, text: string): string {
  const body = text.replace(UNIT_HEAD, (all, head: string, _ed: string, name: string, dotted: string | undefined) =>
    (dotted ? all : `${head}${oqi(owner)}.${name}`));
  return `CREATE OR REPLACE ${body.replace(/^\s+/, '').replace(/\s+$/, '')}\n/\n`;
}

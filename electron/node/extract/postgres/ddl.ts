// Rebuilds PostgreSQL DDL from pg_catalog rows (and the server's own pg_get_*def functions) so
// live objects go through the same front end as scripts.
import type { AttRow, ConRow, IdxRow, NsRow, ProcRow, RelRow, SeqRow, TrigRow, TypeRow } from './queries.js';

export const qi = (s: string): string => `"${s.replace(/"/g, '""')}"`;
export const ql = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const qn = (schema: string, name: string): string => `${qi(schema)}.${qi(name)}`;
const stmt = (s: string): string => `${s.trim().replace(/;\s*$/, '')};\n`;

function commentOn(what: string, comment: string | null): string {
  return comment === null ? '' : stmt(`COMMENT ON ${what} IS ${ql(comment)}`);
}

export function schemaDdl(n: NsRow): string {
  return stmt(`CREATE SCHEMA ${qi(n.name)}`) + commentOn(`SCHEMA ${qi(n.name)}`, n.comment);
}

function identityClause(a: AttRow): string {
  const kind = a.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT';
  const s = a.seq;
  if (!s) return ` GENERATED ${kind} AS IDENTITY`;
  return ` GENERATED ${kind} AS IDENTITY (START WITH ${s.start} INCREMENT BY ${s.inc} MINVALUE ${s.min} MAXVALUE ${s.max} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ''})`;
}

function columnDdl(a: AttRow): string {
  let s = `    ${qi(a.name)} ${a.type}`;
  if (a.collation) s += ` COLLATE ${a.collation}`;
  if (a.generated === 's' && a.def) s += ` GENERATED ALWAYS AS (${a.def}) STORED`;
  else if (a.def) s += ` DEFAULT ${a.def}`;
  if (a.identity) s += identityClause(a);
  if (a.notnull) s += ' NOT NULL';
  return s;
}

function withOptions(reloptions: string[] | null, skip: string[] = []): string {
  const opts = (reloptions ?? []).filter((o) => !skip.includes(o.split('=')[0]!));
  return opts.length ? ` WITH (${opts.join(', ')})` : '';
}

export function tableDdl(r: RelRow, atts: AttRow[], cons: ConRow[]): string {
  const name = qn(r.schema, r.name);
  const parts: string[] = [];
  const unlogged = r.persistence === 'u' ? 'UNLOGGED ' : '';
  const foreign = r.relkind === 'f' ? 'FOREIGN ' : '';
  // Partitions are written as pg_dump does: the full table, then ATTACH PARTITION.
  const partition = r.ispartition && r.parents?.[0] && r.partbound ? { parent: r.parents[0], bound: r.partbound } : undefined;
  for (const a of atts) if (a.islocal || partition) parts.push(columnDdl(a));
  const head = `CREATE ${unlogged}${foreign}TABLE ${name}`;
  for (const c of cons) parts.push(`    CONSTRAINT ${qi(c.name)} ${c.def}`);
  let s = `${head} (\n${parts.join(',\n')}\n)`;
  if (!partition && r.parents?.length) s += ` INHERITS (${r.parents.join(', ')})`;
  if (r.partkey) s += ` PARTITION BY ${r.partkey}`;
  s += withOptions(r.reloptions);
  let out = stmt(s);
  if (partition) out += stmt(`ALTER TABLE ONLY ${partition.parent} ATTACH PARTITION ${name} ${partition.bound}`);
  out += commentOn(`TABLE ${name}`, r.comment);
  for (const a of atts) if (a.comment !== null) out += commentOn(`COLUMN ${name}.${qi(a.name)}`, a.comment);
  return out;
}

export function viewDdl(r: RelRow, atts: AttRow[]): string {
  const name = qn(r.schema, r.name);
  const check = (r.reloptions ?? []).find((o) => o.startsWith('check_option='))?.split('=')[1];
  const body = (r.viewdef ?? '').trim().replace(/;\s*$/, '');
  const kind = r.relkind === 'm' ? 'MATERIALIZED VIEW' : 'VIEW';
  let out = stmt(`CREATE ${kind} ${name}${withOptions(r.reloptions, ['check_option'])} AS\n${body}${check ? ` WITH ${check.toUpperCase()} CHECK OPTION` : ''}`);
  out += commentOn(`${kind} ${name}`, r.comment);
  for (const a of atts) if (a.comment !== null) out += commentOn(`COLUMN ${name}.${qi(a.name)}`, a.comment);
  return out;
}

export function indexDdl(i: IdxRow): string {
  return stmt(i.def) + commentOn(`INDEX ${qn(i.schema, i.name)}`, i.comment);
}

export function sequenceDdl(s: SeqRow): string {
  const name = qn(s.schema, s.name);
  const owned = s.owner_table && s.owner_column && s.owner_schema ? ` OWNED BY ${qn(s.owner_schema, s.owner_table)}.${qi(s.owner_column)}` : '';
  return stmt(`CREATE SEQUENCE ${name} AS ${s.type} INCREMENT BY ${s.inc} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ' NO CYCLE'}${owned}`)
    + commentOn(`SEQUENCE ${name}`, s.comment);
}

export function typeDdl(t: TypeRow): string {
  const name = qn(t.schema, t.name);
  let s: string;
  if (t.typtype === 'e') s = `CREATE TYPE ${name} AS ENUM (${(t.labels ?? []).map(ql).join(', ')})`;
  else if (t.typtype === 'c') s = `CREATE TYPE ${name} AS (${(t.attrs ?? []).map((a) => `${qi(a.name)} ${a.type}`).join(', ')})`;
  else {
    s = `CREATE DOMAIN ${name} AS ${t.basetype ?? 'text'}`;
    if (t.collation) s += ` COLLATE ${t.collation}`;
    if (t.def) s += ` DEFAULT ${t.def}`;
    if (t.notnull) s += ' NOT NULL';
    for (const c of t.checks ?? []) s += `\n    CONSTRAINT ${qi(c.name)} ${c.def}`;
  }
  return stmt(s) + commentOn(`${t.typtype === 'd' ? 'DOMAIN' : 'TYPE'} ${name}`, t.comment);
}

export function procDdl(p: ProcRow): string {
  const what = p.prokind === 'p' ? 'PROCEDURE' : 'FUNCTION';
  return stmt(p.def ?? '') + commentOn(`${what} ${qn(p.schema, p.name)}(${p.identity_args})`, p.comment);
}

/** Plain aggregates (ordered-set and hypothetical-set ones are reported, not rebuilt). */
export function aggregateDdl(p: ProcRow): string | undefined {
  const a = p.agg;
  if (!a || a.kind !== 'n') return undefined;
  const opts = [`SFUNC = ${a.sfunc}`, `STYPE = ${a.stype}`];
  if (a.finalfunc) opts.push(`FINALFUNC = ${a.finalfunc}`);
  if (a.combinefunc) opts.push(`COMBINEFUNC = ${a.combinefunc}`);
  if (a.initcond !== null) opts.push(`INITCOND = ${ql(a.initcond)}`);
  if (a.sortop) opts.push(`SORTOP = ${a.sortop.replace(/\(.*$/, '')}`);
  return stmt(`CREATE AGGREGATE ${qn(p.schema, p.name)}(${p.identity_args}) (\n    ${opts.join(',\n    ')}\n)`)
    + commentOn(`AGGREGATE ${qn(p.schema, p.name)}(${p.identity_args})`, p.comment);
}

export function triggerDdl(t: TrigRow): string {
  return stmt(t.def) + commentOn(`TRIGGER ${qi(t.name)} ON ${qn(t.schema, t.table)}`, t.comment);
}

import type {
  CompositeType, Domain, EnumType, Index, Schema, Sequence, View,
} from '../../../model/index.js';
import type { PgParser, Tok } from '../parser.js';
import { PG } from '../codes.js';
import type { PgContext } from '../context.js';
import { applySequenceOptions } from './alter.js';
import { parseIndexElement, parseSequenceOptions, parseStorageOptions } from './table.js';

const INDEX_METHODS = new Set(['btree', 'hash', 'gin', 'gist', 'brin', 'spgist']);

/** CREATE [UNIQUE] INDEX … — the parser stands after INDEX. */
export function parseCreateIndex(p: PgParser, ctx: PgContext, start: Tok, unique: boolean): Index {
  const concurrently = p.acceptWord('CONCURRENTLY');
  p.acceptSeq('IF', 'NOT', 'EXISTS');
  let name = '';
  if (!p.isWord('ON')) name = p.ident().name;
  p.expectWord('ON');
  p.acceptWord('ONLY');
  const table = ctx.qualify(p.qname());
  const idx: Index = { kind: 'Index', name, table, columns: [], unique, span: p.spanFrom(start), ...(concurrently ? { concurrently: true } : {}) };
  if (p.acceptWord('USING')) {
    const m = p.ident().name.toLowerCase();
    idx.method = INDEX_METHODS.has(m) ? (m as Index['method']) : 'other';
    if (idx.method === 'other') {
      ctx.diag(PG.extension, p.spanFrom(start), `Index ${name || '(unnamed)'} uses the access method '${m}' (from an extension)`, { type: 'index', name: { ...table, name: name || table.name } });
    }
  }
  p.expectPunct('(');
  do idx.columns.push(parseIndexElement(p)); while (p.acceptPunct(','));
  p.expectPunct(')');
  for (;;) {
    if (p.acceptWord('INCLUDE')) idx.include = p.parenIdentList();
    else if (p.acceptSeq('NULLS', 'NOT', 'DISTINCT') || p.acceptSeq('NULLS', 'DISTINCT')) { /* unique semantics detail */ }
    else if (p.isWord('WITH') && p.isPunctAt(1, '(')) { p.next(); parseStorageOptions(p, {}); }
    else if (p.acceptWord('TABLESPACE')) p.ident();
    else if (p.acceptWord('WHERE')) idx.where = p.expr();
    else break;
  }
  if (!name) idx.name = `${table.name}_${idx.columns.map((c) => c.column ?? 'expr').join('_')}_idx`;
  idx.span = p.spanFrom(start);
  return idx;
}

/** CREATE SEQUENCE — the parser stands after SEQUENCE. */
export function parseCreateSequence(p: PgParser, ctx: PgContext, start: Tok, mods: { temporary?: boolean }): Sequence {
  p.acceptSeq('IF', 'NOT', 'EXISTS');
  const name = ctx.qualify(p.qname());
  const seq: Sequence = { kind: 'Sequence', name, span: p.spanFrom(start) };
  const o = parseSequenceOptions(p);
  applySequenceOptions(seq, o);
  if (seq.ownedBy) seq.ownedBy = { ...seq.ownedBy, table: ctx.qualify(seq.ownedBy.table) };
  void mods;
  seq.span = p.spanFrom(start);
  return seq;
}

/** ALTER SEQUENCE name options | OWNED BY | OWNER TO | RENAME … */
export function parseAlterSequence(p: PgParser, ctx: PgContext, start: Tok): void {
  p.acceptSeq('IF', 'EXISTS');
  const name = ctx.qualify(p.qname());
  if (p.isWord('OWNER')) { ctx.ignoredPrivileges++; p.skipToEnd(); return; }
  const seq = ctx.findRelation(name);
  if (seq?.kind !== 'Sequence') {
    ctx.diag(PG.unknownTarget, p.spanFrom(start), `ALTER SEQUENCE ${name.name}: the sequence is not defined earlier in the scripts`, { type: 'sequence', name });
    p.skipToEnd();
    return;
  }
  const o = parseSequenceOptions(p);
  applySequenceOptions(seq, o);
  if (seq.ownedBy) {
    seq.ownedBy = { ...seq.ownedBy, table: ctx.qualify(seq.ownedBy.table) };
    const t = ctx.findRelation(seq.ownedBy.table);
    const col = t?.kind === 'Table' ? t.columns.find((c) => c.name === seq.ownedBy!.column) : undefined;
    if (col?.identity?.sequence && col.identity.sequence.name === seq.name.name) {
      if (seq.start !== undefined) col.identity.start = seq.start;
      if (seq.increment !== undefined) col.identity.increment = seq.increment;
    }
  }
  if (!p.atEnd()) {
    ctx.diag(PG.alterIgnored, p.spanFrom(start), `ALTER SEQUENCE ${name.name}: '${p.tok.text}…' is not applied to the model`, { type: 'sequence', name });
    p.skipToEnd();
  }
}

/** CREATE [OR REPLACE] [MATERIALIZED] [TEMP] [RECURSIVE] VIEW — the parser stands after VIEW. */
export function parseCreateView(p: PgParser, ctx: PgContext, start: Tok, mods: { orReplace?: boolean; materialized?: boolean; recursive?: boolean }): View {
  p.acceptSeq('IF', 'NOT', 'EXISTS');
  const name = ctx.qualify(p.qname());
  const columns = p.isPunct('(') ? p.parenIdentList() : undefined;
  const view: View = {
    kind: 'View', name, query: undefined as unknown as View['query'], span: p.spanFrom(start),
    ...(columns ? { columns } : {}), ...(mods.orReplace ? { orReplace: true } : {}), ...(mods.materialized ? { materialized: true } : {}),
  };
  if (p.acceptWord('USING')) p.ident();
  if (p.isWord('WITH') && p.isPunctAt(1, '(')) {
    p.next();
    const opts: Record<string, string> = {};
    parseStorageOptions(p, opts);
    if (opts['check_option']) view.checkOption = opts['check_option'].replace(/'/g, '').toLowerCase() === 'local' ? 'local' : 'cascaded';
    if (opts['security_invoker'] && /^'?(true|on|1)'?$/i.test(opts['security_invoker'])) view.security = 'invoker';
  }
  if (p.acceptWord('TABLESPACE')) p.ident();
  p.expectWord('AS');
  view.query = p.query();
  if (p.acceptWord('WITH')) {
    if (p.acceptSeq('NO', 'DATA') || p.acceptWord('DATA')) { /* materialized view population */ }
    else {
      const kind = p.acceptWord('LOCAL') ? 'local' : (p.acceptWord('CASCADED'), 'cascaded');
      p.expectWord('CHECK'); p.expectWord('OPTION');
      view.checkOption = kind;
    }
  }
  if (mods.recursive) {
    ctx.diag(PG.unsupportedStatement, p.spanFrom(start), `CREATE RECURSIVE VIEW ${name.name} is kept as a plain view over its query`, { type: 'view', name });
  }
  view.span = p.spanFrom(start);
  return view;
}

/** CREATE DOMAIN name [AS] type [COLLATE] [DEFAULT] [constraints] — the parser stands after DOMAIN. */
export function parseCreateDomain(p: PgParser, ctx: PgContext, start: Tok): Domain {
  const name = ctx.qualify(p.qname());
  p.acceptWord('AS');
  const baseType = p.dataType();
  const d: Domain = { kind: 'Domain', name, baseType, checks: [], span: p.spanFrom(start) };
  for (;;) {
    let cname: string | undefined;
    if (p.acceptWord('CONSTRAINT')) cname = p.ident().name;
    if (p.acceptWord('COLLATE')) d.collation = p.qnameText();
    else if (p.acceptWord('DEFAULT')) d.default = p.expr();
    else if (p.acceptSeq('NOT', 'NULL')) d.notNull = true;
    else if (p.acceptWord('NULL')) d.notNull = false;
    else if (p.acceptWord('CHECK')) {
      p.expectPunct('(');
      const expr = p.expr();
      p.expectPunct(')');
      d.checks.push({ ...(cname ? { name: cname } : {}), expr });
      p.acceptSeq('NOT', 'VALID');
    } else if (cname) throw p.error('expected CHECK, NOT NULL or NULL after CONSTRAINT name');
    else break;
  }
  d.span = p.spanFrom(start);
  return d;
}

/** CREATE TYPE name AS ENUM (…) | AS (attrs) | AS RANGE (…) — the parser stands after TYPE. */
export function parseCreateType(p: PgParser, ctx: PgContext, start: Tok): EnumType | CompositeType | 'range' | 'other' {
  const name = ctx.qualify(p.qname());
  if (!p.acceptWord('AS')) { p.skipToEnd(); return 'other'; }
  if (p.acceptWord('ENUM')) {
    p.expectPunct('(');
    const values: string[] = [];
    if (!p.isPunct(')')) do values.push(p.stringValue()); while (p.acceptPunct(','));
    p.expectPunct(')');
    return { kind: 'EnumType', name, values, span: p.spanFrom(start) };
  }
  if (p.acceptWord('RANGE')) { p.skipToEnd(); return 'range'; }
  p.expectPunct('(');
  const attributes: CompositeType['attributes'] = [];
  if (!p.isPunct(')')) {
    do {
      const a = p.ident().name;
      const dataType = p.dataType();
      if (p.acceptWord('COLLATE')) p.qnameText();
      attributes.push({ name: a, dataType });
    } while (p.acceptPunct(','));
  }
  p.expectPunct(')');
  return { kind: 'CompositeType', name, attributes, span: p.spanFrom(start) };
}

/** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role] — the parser stands after SCHEMA. */
export function parseCreateSchema(p: PgParser, start: Tok): Schema {
  p.acceptSeq('IF', 'NOT', 'EXISTS');
  let name: string;
  if (p.acceptWord('AUTHORIZATION')) name = p.ident().name;
  else {
    const id = p.ident();
    name = id.name;
    if (p.acceptWord('AUTHORIZATION')) p.ident();
  }
  return { kind: 'Schema', name: { name }, span: p.spanFrom(start) };
}

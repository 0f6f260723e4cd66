import type { Index, Schema, Sequence, View } from '../../../model/index.js';
import { Parser, ParseError, describeToken } from '../../common/parser.js';
import { parseQuery, parseNameList } from '../../common/query.js';
import type { Token } from '../../common/tokens.js';
import type { MyContext } from '../context.js';
import { MY } from '../codes.js';
import { objectName, parseIfExists, parseIfNotExists, parseIndexOptions, parseKeyParts, stringValue, type CreatePrefix } from './parts.js';

/** CREATE DATABASE|SCHEMA [IF NOT EXISTS] name [[DEFAULT] CHARACTER SET x] [[DEFAULT] COLLATE y] [COMMENT 'c'] */
export function parseCreateSchema(p: Parser, start: Token): Schema {
  p.expectAnyKw('DATABASE', 'SCHEMA');
  parseIfNotExists(p);
  const id = p.ident('a database name');
  const schema: Schema = { kind: 'Schema', name: { name: id.name, ...(id.quoted ? { quoted: true } : {}) }, span: p.tokenSpan(start) };
  parseSchemaOptions(p, schema);
  schema.span = p.spanFrom(start);
  return schema;
}

export function parseSchemaOptions(p: Parser, schema: Schema): void {
  for (;;) {
    p.acceptKw('DEFAULT');
    if (p.acceptKws('CHARACTER', 'SET') || p.acceptKw('CHARSET')) { p.acceptOp('='); schema.charset = p.identOrString('a character set name').name.toLowerCase(); continue; }
    if (p.acceptKw('COLLATE')) { p.acceptOp('='); schema.collation = p.identOrString('a collation name').name; continue; }
    if (p.acceptKw('COMMENT')) { p.acceptOp('='); schema.comment = stringValue(p); continue; }
    if (p.acceptKw('ENCRYPTION')) { p.acceptOp('='); p.next(); continue; }
    if (p.acceptKws('READ', 'ONLY')) { p.acceptOp('='); p.next(); continue; }
    return;
  }
}

/** CREATE … VIEW name [(cols)] AS query [WITH [CASCADED|LOCAL] CHECK OPTION] — a query that fails to parse is kept as text. */
export function parseCreateView(p: Parser, ctx: MyContext, prefix: CreatePrefix, start: Token): View {
  p.expectKw('VIEW');
  parseIfNotExists(p);
  const name = ctx.qualify(objectName(p, 'a view name'));
  const view: View = { kind: 'View', name, query: { kind: 'Unparsed', text: '', reason: '', span: p.tokenSpan(start) }, span: p.tokenSpan(start) };
  if (prefix.orReplace) view.orReplace = true;
  if (prefix.algorithm) view.algorithm = prefix.algorithm;
  if (prefix.definer) view.definer = prefix.definer;
  if (prefix.security) view.security = prefix.security;
  if (p.isOp('(')) view.columns = parseNameList(p);
  p.expectKw('AS');
  const qStart = p.cur;
  const qPos = p.pos;
  try {
    view.query = parseQuery(p);
    if (p.acceptKw('WITH')) {
      const scope = p.acceptAnyKw('CASCADED', 'LOCAL');
      p.expectKws('CHECK', 'OPTION');
      view.checkOption = scope === 'LOCAL' ? 'local' : 'cascaded';
    }
    p.expectEnd();
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    p.pos = qPos;
    const span = p.spanFrom(qStart, p.tokens[p.tokens.length - 2] ?? qStart);
    ctx.diag(MY.syntax, e.span, `Could not parse the query of view ${name.name}: ${e.detail}. The query is kept as text`, { type: 'view', name: name.name, ...(name.schema ? { schema: name.schema } : {}) });
    view.query = { kind: 'Unparsed', text: p.textFrom(qStart).trim(), reason: e.detail, span };
    p.pos = p.tokens.length - 1;
  }
  view.span = p.spanFrom(start);
  return view;
}

/** CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name [USING …] ON t (parts) [options] [ALGORITHM=…] [LOCK=…] */
export function parseCreateIndex(p: Parser, ctx: MyContext, start: Token): Index {
  const kind = p.acceptAnyKw('UNIQUE', 'FULLTEXT', 'SPATIAL');
  p.expectKw('INDEX');
  parseIfNotExists(p);
  const name = p.ident('an index name').name;
  let opts = parseIndexOptions(p);
  p.expectKw('ON');
  const table = ctx.qualify(objectName(p, 'a table name'));
  const columns = parseKeyParts(p);
  opts = parseIndexOptions(p, opts);
  while (p.isAnyKw('ALGORITHM', 'LOCK')) { p.next(); p.acceptOp('='); p.next(); }
  const index: Index = { kind: 'Index', name, table, columns, unique: kind === 'UNIQUE', span: p.spanFrom(start) };
  if (kind === 'FULLTEXT') index.method = 'fulltext';
  else if (kind === 'SPATIAL') index.method = 'spatial';
  else if (opts.using) index.method = opts.using;
  if (opts.parser) index.parser = opts.parser;
  if (opts.comment !== undefined) index.comment = opts.comment;
  return index;
}

/** MariaDB CREATE SEQUENCE name [START WITH n] [INCREMENT BY n] [MINVALUE n|NO MINVALUE] [MAXVALUE …] [CACHE n|NOCACHE] [[NO]CYCLE] */
export function parseCreateSequence(p: Parser, ctx: MyContext, start: Token): Sequence {
  p.expectKw('SEQUENCE');
  parseIfNotExists(p);
  const seq: Sequence = { kind: 'Sequence', name: ctx.qualify(objectName(p, 'a sequence name')), span: p.tokenSpan(start) };
  for (;;) {
    if (p.acceptKw('START')) { p.acceptAnyKw('WITH'); p.acceptOp('='); seq.start = p.integer(); continue; }
    if (p.acceptKw('INCREMENT')) { p.acceptAnyKw('BY'); p.acceptOp('='); seq.increment = p.integer(); continue; }
    if (p.acceptKw('MINVALUE')) { p.acceptOp('='); seq.minValue = p.integer(); continue; }
    if (p.acceptKw('MAXVALUE')) { p.acceptOp('='); seq.maxValue = p.integer(); continue; }
    if (p.acceptKws('NO', 'MINVALUE') || p.acceptKw('NOMINVALUE') || p.acceptKws('NO', 'MAXVALUE') || p.acceptKw('NOMAXVALUE')) continue;
    if (p.acceptKw('CACHE')) { p.acceptOp('='); seq.cache = p.integer(); continue; }
    if (p.acceptKw('NOCACHE')) continue;
    if (p.acceptKw('CYCLE')) { seq.cycle = true; continue; }
    if (p.acceptKw('NOCYCLE') || p.acceptKws('NO', 'CYCLE')) { seq.cycle = false; continue; }
    if (p.acceptKw('ENGINE')) { p.acceptOp('='); p.next(); continue; }
    break;
  }
  seq.span = p.spanFrom(start);
  return seq;
}

const DROP_KINDS: Record<string, 'Table' | 'View' | 'Routine' | 'Trigger' | 'Event' | 'Index' | 'Schema' | 'Sequence'> = {
  TABLE: 'Table', TABLES: 'Table', VIEW: 'View', PROCEDURE: 'Routine', FUNCTION: 'Routine', TRIGGER: 'Trigger',
  EVENT: 'Event', INDEX: 'Index', DATABASE: 'Schema', SCHEMA: 'Schema', SEQUENCE: 'Sequence',
};

/** DROP [TEMPORARY] TABLE|VIEW|… [IF EXISTS] names — removes what earlier statements of the run created. */
export function parseDrop(p: Parser, ctx: MyContext): void {
  p.expectKw('DROP');
  p.acceptKw('TEMPORARY');
  const w = p.cur.type === 'word' ? p.cur.upper : '';
  const kind = DROP_KINDS[w];
  if (!kind) throw p.error(`DROP ${describeToken(p.cur)} is not a statement the converter knows`);
  p.next();
  parseIfExists(p);
  if (kind === 'Schema') {
    const name = p.ident('a database name').name;
    ctx.remove('Schema', { name });
    p.expectEnd();
    return;
  }
  if (kind === 'Index') {
    const name = p.ident('an index name').name;
    p.expectKw('ON');
    const table = ctx.qualify(objectName(p, 'a table name'));
    ctx.remove('Index', { ...(table.schema ? { schema: table.schema } : {}), name }, (o) => o.kind === 'Index' && o.table.name.toLowerCase() === table.name.toLowerCase());
    const t = ctx.find('Table', table);
    if (t) t.constraints = t.constraints.filter((c) => !(c.kind === 'Unique' && c.name?.toLowerCase() === name.toLowerCase()));
    while (p.isAnyKw('ALGORITHM', 'LOCK')) { p.next(); p.acceptOp('='); p.next(); }
    p.expectEnd();
    return;
  }
  do {
    const name = objectName(p, 'a name');
    let removed: number;
    if (kind === 'Routine') removed = ctx.remove('Routine', name, (o) => o.kind === 'Routine' && o.routineKind === (w === 'PROCEDURE' ? 'procedure' : 'function'));
    else removed = ctx.remove(kind, name);
    if (kind === 'Table' && removed > 0) {
      // Its indexes and triggers go with it; so do data statements for it.
      const q = ctx.qualify(name);
      const same = (t: { name: string; schema?: string }) => t.name.toLowerCase() === q.name.toLowerCase() && (t.schema ?? '').toLowerCase() === (q.schema ?? '').toLowerCase();
      const doomed = ctx.objects.filter((o) => ((o.kind === 'Index' || o.kind === 'Trigger' || o.kind === 'DataScript') && same(o.table)));
      for (const o of doomed) ctx.removeObject(o);
    }
  } while (p.acceptOp(','));
  p.acceptAnyKw('RESTRICT', 'CASCADE');
  p.expectEnd();
}

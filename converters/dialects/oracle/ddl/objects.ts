import type { CatalogObject, Index, IndexColumn, Query, Sequence, SourceSpan, Synonym, View } from '../../../model/index.js';
import { ParseError, type Parser } from '../../common/parser.js';
import { describeToken } from '../../common/parser.js';
import { parseExpression, parseStringLiteral } from '../../common/expr.js';
import { parseQuery } from '../../common/query.js';
import type { Token } from '../../common/tokens.js';
import { OS } from '../codes.js';
import type { OraContext } from '../context.js';
import { bigInteger, objectName, physicalOptions } from './parts.js';

/** CREATE [UNIQUE|BITMAP] INDEX name ON t (expr [ASC|DESC], …) [REVERSE] [options] (cursor after INDEX). */
export function parseCreateIndex(ctx: OraContext, p: Parser, start: Token, kind: 'UNIQUE' | 'BITMAP' | undefined): Index {
  const q = objectName(ctx, p, 'an index name');
  p.expectKw('ON');
  if (p.isKw('CLUSTER')) throw p.error('cluster indexes are not modelled');
  const table = objectName(ctx, p, 'a table name');
  p.expectOp('(');
  const columns: IndexColumn[] = [];
  do {
    const expr = parseExpression(p);
    const col: IndexColumn = expr.kind === 'ColumnRef' && expr.parts.length === 1 && !expr.outerJoin ? { column: expr.parts[0]! } : { expr };
    const dir = p.acceptAnyKw('ASC', 'DESC');
    if (dir === 'DESC') col.direction = 'desc';
    columns.push(col);
  } while (p.acceptOp(','));
  p.expectOp(')');
  const idx: Index = { kind: 'Index', name: q.name, table, columns, unique: kind === 'UNIQUE', span: p.tokenSpan(start) };
  if (kind === 'BITMAP') idx.method = 'bitmap';
  const opts: Record<string, string> = {};
  for (;;) {
    if (physicalOptions(p, opts)) continue;
    if (p.acceptKw('REVERSE')) { idx.reverse = true; continue; }
    if (p.acceptAnyKw('VISIBLE', 'INVISIBLE', 'UNUSABLE', 'NOSORT', 'SORT')) continue;
    if (p.acceptAnyKw('LOCAL', 'GLOBAL')) {
      if (p.acceptKws('PARTITION', 'BY')) { p.next(); p.skipParens(); }
      if (p.isOp('(')) p.skipParens();
      continue;
    }
    if (p.isKw('INDEXTYPE')) throw p.error('domain indexes (INDEXTYPE IS …) are not modelled');
    break;
  }
  p.expectEnd();
  idx.span = p.spanFrom(start);
  return idx;
}

/** The query of a view: parsed, or kept as text with a finding when it uses something not modelled. */
function viewQuery(ctx: OraContext, p: Parser, name: string): Query | { kind: 'Unparsed'; text: string; reason: string; span: SourceSpan } {
  const qs = p.cur;
  const save = p.pos;
  try {
    const q = parseQuery(p);
    if (!p.isKw('WITH') && !p.atEnd() && !p.isOp(';')) throw p.error(`unexpected ${describeToken(p.cur)} after the view's query`);
    return q;
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    p.pos = save;
    let end = p.tokens.length - 1;
    for (let i = p.pos; i < p.tokens.length; i++) {
      const t = p.tokens[i]!;
      if (t.type === 'word' && t.upper === 'WITH' && (p.tokens[i + 1]?.upper === 'READ' || p.tokens[i + 1]?.upper === 'CHECK')) { end = i; break; }
    }
    const last = p.tokens[Math.max(p.pos, end - 1)]!;
    p.pos = end;
    const text = p.textBetween(qs, last).trim();
    const notModelled = /not modelled/.test(e.detail);
    ctx.diag(notModelled ? OS.unsupportedSql : OS.syntax, e.span, `View ${name}: ${e.detail}; the query is kept as text`);
    return { kind: 'Unparsed', text, reason: e.detail, span: p.spanFrom(qs, last) };
  }
}

/** CREATE [OR REPLACE] [[NO] FORCE] [EDITIONING] VIEW … (cursor after VIEW). */
export function parseCreateView(ctx: OraContext, p: Parser, start: Token, orReplace: boolean, materialized: boolean): View {
  const name = objectName(ctx, p, 'a view name');
  let columns: string[] | undefined;
  if (p.isOp('(')) {
    // column list, possibly with inline constraints: keep the names only
    p.next();
    columns = [];
    do {
      columns.push(p.ident('a column name').name);
      while (!p.isOp(',') && !p.isOp(')') && !p.atEnd()) { if (p.isOp('(')) p.skipParens(); else p.next(); }
    } while (p.acceptOp(','));
    p.expectOp(')');
  }
  const mvOptions: string[] = [];
  if (materialized) {
    const from = p.cur;
    while (!p.isKw('AS') && !p.atEnd()) { if (p.isOp('(')) p.skipParens(); else p.next(); }
    const text = p.textBetween(from, p.prev).trim();
    if (p.prev !== from && text) mvOptions.push(text);
  } else {
    for (;;) {
      if (p.acceptKws('DEFAULT', 'COLLATION')) { p.ident('a collation name'); continue; }
      if (p.acceptKw('BEQUEATH')) { p.expectAnyKw('CURRENT_USER', 'DEFINER'); continue; }
      if (p.acceptKw('SHARING')) { p.expectOp('='); p.ident(); continue; }
      if (p.acceptKw('CONTAINER_DATA')) continue;
      break;
    }
  }
  p.expectKw('AS');
  const query = viewQuery(ctx, p, name.name);
  const view: View = { kind: 'View', name, query, span: p.tokenSpan(start) };
  if (columns) view.columns = columns;
  if (orReplace) view.orReplace = true;
  if (materialized) view.materialized = true;
  if (p.acceptKw('WITH')) {
    if (p.acceptKws('READ', 'ONLY')) view.readOnly = true;
    else { p.expectKws('CHECK', 'OPTION'); view.checkOption = 'cascaded'; }
    if (p.acceptKw('CONSTRAINT')) p.ident('a constraint name');
  }
  p.expectEnd();
  view.span = p.spanFrom(start);
  if (mvOptions.length && /\bREFRESH\b|\bBUILD\b|QUERY\s+REWRITE/i.test(mvOptions.join(' '))) {
    ctx.diag(OS.mviewOptions, view.span, `Materialized view ${name.name}: ${mvOptions.join(' ').replace(/\s+/g, ' ').slice(0, 200)} — refresh timing and query rewrite are not converted`);
  }
  return view;
}

/** CREATE SEQUENCE name [options] (cursor after SEQUENCE); also the option list of ALTER SEQUENCE. */
export function sequenceOptions(p: Parser, seq: Sequence): void {
  for (;;) {
    if (p.acceptKws('START', 'WITH')) { setNum(seq, 'start', bigInteger(p, 'a start value')); continue; }
    if (p.acceptKws('INCREMENT', 'BY')) { setNum(seq, 'increment', bigInteger(p, 'an increment')); continue; }
    if (p.acceptKw('MINVALUE')) { setNum(seq, 'minValue', bigInteger(p, 'a minimum')); continue; }
    if (p.acceptKw('MAXVALUE')) { setNum(seq, 'maxValue', bigInteger(p, 'a maximum')); continue; }
    if (p.acceptKw('NOMINVALUE')) { delete seq.minValue; continue; }
    if (p.acceptKw('NOMAXVALUE')) { delete seq.maxValue; continue; }
    if (p.acceptKw('CACHE')) { setNum(seq, 'cache', bigInteger(p, 'a cache size')); continue; }
    if (p.acceptKw('NOCACHE')) { seq.cache = 1; continue; }
    if (p.acceptKw('CYCLE')) { seq.cycle = true; continue; }
    if (p.acceptKw('NOCYCLE')) { seq.cycle = false; continue; }
    if (p.acceptAnyKw('ORDER', 'NOORDER', 'KEEP', 'NOKEEP', 'NOSCALE', 'SESSION', 'GLOBAL', 'NOSHARD')) continue;
    if (p.acceptKw('SCALE')) { p.acceptAnyKw('EXTEND', 'NOEXTEND'); continue; }
    if (p.acceptKw('SHARD')) { p.acceptAnyKw('EXTEND', 'NOEXTEND'); continue; }
    if (p.acceptKw('RESTART')) continue;
    return;
  }
}

function setNum(seq: Sequence, key: 'start' | 'increment' | 'minValue' | 'maxValue' | 'cache', v: number | undefined): void {
  // values beyond 2^53 (Oracle's 10^28 - 1 defaults) mean "no practical limit"
  if (v === undefined) delete seq[key]; else seq[key] = v;
}

export function parseCreateSequence(ctx: OraContext, p: Parser, start: Token): Sequence {
  const seq: Sequence = { kind: 'Sequence', name: objectName(ctx, p, 'a sequence name'), span: p.tokenSpan(start) };
  sequenceOptions(p, seq);
  p.expectEnd();
  seq.span = p.spanFrom(start);
  return seq;
}

/** CREATE [OR REPLACE] [PUBLIC] SYNONYM name FOR target (cursor after SYNONYM). */
export function parseCreateSynonym(ctx: OraContext, p: Parser, start: Token, isPublic: boolean): Synonym {
  const q = p.qualifiedParts('a synonym name');
  const n = q.parts.length;
  const base = { name: q.parts[n - 1]!, ...(n > 1 ? { schema: q.parts[n - 2]! } : {}), ...(q.quoted[n - 1] ? { quoted: true } : {}) };
  const name = isPublic ? base : ctx.qualify(base);
  p.expectKw('FOR');
  const target = objectName(ctx, p, 'an object name');
  p.expectEnd();
  const syn: Synonym = { kind: 'Synonym', name, target, span: p.spanFrom(start) };
  if (isPublic) syn.public = true;
  return syn;
}

/** COMMENT ON TABLE|COLUMN|MATERIALIZED VIEW … IS '…' (cursor after ON). */
export function parseComment(ctx: OraContext, p: Parser, span: SourceSpan): void {
  let objectType = p.expectAnyKw('TABLE', 'COLUMN', 'MATERIALIZED', 'OPERATOR', 'INDEXTYPE', 'MINING', 'EDITION', 'AUDIT');
  if (objectType === 'MATERIALIZED') { p.expectKw('VIEW'); objectType = 'MATERIALIZED VIEW'; }
  const q = p.qualifiedParts('an object name');
  p.expectKw('IS');
  const text = (parseStringLiteral(p) as { value: string }).value;
  p.expectEnd();
  const parts = q.parts;
  const column = objectType === 'COLUMN' ? parts.pop() : undefined;
  if (!parts.length) throw p.error('COMMENT ON COLUMN needs table.column');
  const name = ctx.qualify({ name: parts[parts.length - 1]!, ...(parts.length > 1 ? { schema: parts[parts.length - 2]! } : {}) });
  const o = ctx.find(name);
  const value = text === '' ? undefined : text;
  if (o && (o.kind === 'Table' || o.kind === 'View')) {
    if (column === undefined) { if (value === undefined) delete o.comment; else o.comment = value; return; }
    if (o.kind === 'Table') {
      const col = o.columns.find((c) => c.name === column);
      if (col) { if (value === undefined) delete col.comment; else col.comment = value; return; }
    }
  }
  ctx.add({ kind: 'Comment', target: { objectType: objectType.toLowerCase(), name, ...(column !== undefined ? { column } : {}) }, text: value ?? null, span });
}

const DROPPABLE: Record<string, CatalogObject['kind'][]> = {
  TABLE: ['Table'], VIEW: ['View'], SEQUENCE: ['Sequence'], SYNONYM: ['Synonym'], INDEX: ['Index'], TRIGGER: ['Trigger'],
  PROCEDURE: ['Routine'], FUNCTION: ['Routine'], PACKAGE: ['Package'], TYPE: ['CompositeType', 'CollectionType'],
  'MATERIALIZED VIEW': ['View'],
};

/** DROP … (cursor after DROP). Objects defined earlier in the scripts are removed from the model. */
export function parseDrop(ctx: OraContext, p: Parser, span: SourceSpan): void {
  const isPublic = p.acceptKw('PUBLIC');
  let what = p.next().upper;
  if (what === 'MATERIALIZED') { p.expectKw('VIEW'); what = 'MATERIALIZED VIEW'; }
  if (what === 'PACKAGE' && p.acceptKw('BODY')) what = 'PACKAGE BODY';
  if (what === 'TYPE' && p.acceptKw('BODY')) what = 'TYPE BODY';
  const name = isPublic ? { name: p.ident('a name').name } : objectName(ctx, p, 'a name');
  while (!p.atEnd() && !p.isOp(';')) p.next(); // CASCADE CONSTRAINTS, PURGE, FORCE, VALIDATE …
  const kinds = DROPPABLE[what];
  let target: CatalogObject | undefined;
  if (what === 'INDEX') target = ctx.findIndex(name);
  else if (what === 'TRIGGER') target = ctx.findTrigger(name);
  else if (kinds) { const o = ctx.find(name); if (o && kinds.includes(o.kind)) target = o; }
  if (what === 'PACKAGE BODY') {
    const o = ctx.find(name);
    if (o?.kind === 'Package') { o.hasBody = false; o.routines = []; delete o.initialization; return; }
  }
  if (target) {
    ctx.remove(target);
    if (target.kind === 'Table') {
      for (const o of [...ctx.objects]) {
        if ((o.kind === 'Index' || o.kind === 'Trigger' || o.kind === 'DataScript') && o.table.name === name.name && (o.table.schema ?? '') === (name.schema ?? '')) ctx.remove(o);
      }
    }
    return;
  }
  ctx.dropsOfUnknown++;
  ctx.firstDropSpan ??= span;
}


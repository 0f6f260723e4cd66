import type { CatalogObject, Expr, QualifiedName, SourceSpan, UnparsedObject } from '../../model/index.js';
import { ParseError } from '../common/parser.js';
import { PG } from './codes.js';
import type { PgContext } from './context.js';
import { PgParser, type Tok } from './parser.js';
import type { ScriptStatement } from './splitter.js';
import { parseAlterTable } from './ddl/alter.js';
import { addData, applySetval, insertRowCount, parseCommentOn, parseDrop, parseSet, setSearchPath } from './ddl/misc.js';
import {
  parseAlterSequence, parseCreateDomain, parseCreateIndex, parseCreateSchema, parseCreateSequence, parseCreateType, parseCreateView,
} from './ddl/objects.js';
import { parseCreateRoutine, parseCreateTrigger } from './ddl/routine.js';
import { parseCreateTable } from './ddl/table.js';
import { parseCopy } from './ddl/copy-statement.js';
import { parseAlterDomain, parseAlterType } from './ddl/alter-type.js';
import { commonDml } from './common-bridge.js';

/** Object kinds PostgreSQL has that the IR does not model: kept as text with a diagnostic. */
const NOT_MODELLED = new Set([
  'AGGREGATE', 'OPERATOR', 'CAST', 'RULE', 'POLICY', 'COLLATION', 'CONVERSION', 'TEXT', 'FOREIGN', 'SERVER',
  'PUBLICATION', 'SUBSCRIPTION', 'EVENT', 'STATISTICS', 'TRANSFORM', 'ACCESS', 'LANGUAGE', 'USER', 'ROLE', 'GROUP',
  'TABLESPACE', 'DEFAULT', 'PROCEDURAL', 'TRUSTED',
]);

const NOT_MODELLED_ALTER = ['AGGREGATE', 'OPERATOR', 'CAST', 'RULE', 'POLICY', 'COLLATION', 'CONVERSION', 'TEXT', 'SERVER', 'PUBLICATION',
  'SUBSCRIPTION', 'EVENT', 'STATISTICS', 'LANGUAGE', 'ROLE', 'USER', 'GROUP', 'TABLESPACE', 'EXTENSION'];

/** Statements that carry no schema content and are skipped without a word. */
const SESSION = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'START', 'SAVEPOINT', 'RELEASE', 'RESET', 'SHOW', 'ANALYZE', 'ANALYSE', 'VACUUM', 'CHECKPOINT', 'DISCARD', 'LOCK', 'NOTIFY', 'LISTEN', 'UNLISTEN', 'LOAD', 'REFRESH', 'CLUSTER', 'REINDEX']);

function unparsed(ctx: PgContext, item: { text: string; span: SourceSpan }, reason: string, objectType?: string, name?: QualifiedName): UnparsedObject {
  const o: UnparsedObject = {
    kind: 'UnparsedObject', statement: { kind: 'Unparsed', text: item.text, reason, span: item.span }, span: item.span,
    ...(objectType ? { objectType } : {}), ...(name ? { name } : {}),
  };
  ctx.add(o);
  return o;
}

/** Parses one script item into the context's catalog; never throws. */
export function parseScriptStatement(ctx: PgContext, item: ScriptStatement): void {
  if (item.unterminated && item.unterminated !== 'statement') {
    ctx.diag(PG.unterminated, item.span, `The script ends inside an unterminated ${item.unterminated.replace('-', ' ')} that starts in this statement; it is kept as text`);
    unparsed(ctx, item, `unterminated ${item.unterminated}`);
    return;
  }
  if (item.kind === 'meta') {
    if (/^\\(i|ir|include|include_relative)\s/i.test(item.text)) {
      ctx.diag(PG.unsupportedStatement, item.span, `psql include '${item.text}': the included file is not read; give it to the conversion as an input file too`);
      return;
    }
    if (/^\\(connect|c)\b/i.test(item.text)) {
      ctx.diag(PG.metaCommand, item.span, `psql meta-command ignored: ${item.text.split(/\s+/).slice(0, 2).join(' ')}`);
    }
    return;
  }
  const p = new PgParser(item.text, item.span.file, { offset: item.span.offset ?? 0, line: item.span.line, column: item.span.column });
  if (p.lexErrors.length > 0) {
    const e = p.lexErrors[0]!;
    const span: SourceSpan = { file: item.span.file, line: e.line, column: e.column, endLine: e.line, endColumn: e.column };
    ctx.diag(PG.syntax, span, e.message);
    unparsed(ctx, item, e.message);
    return;
  }
  const mark = ctx.objects.length;
  try {
    if (item.kind === 'copy') { parseCopy(p, ctx, item); return; }
    dispatch(p, ctx, item);
    if (!p.atEnd()) throw p.error(`unexpected '${p.cur.text}' after the end of the statement`);
  } catch (e) {
    // ParseError: the statement's syntax; RangeError: a stack overflow on absurd nesting
    if (!(e instanceof ParseError) && !(e instanceof RangeError)) throw e;
    // drop whatever the failed statement added, then keep it as text
    while (ctx.objects.length > mark) ctx.remove(ctx.objects[ctx.objects.length - 1]!);
    const guess = guessObject(item.text);
    const what = guess.objectType ? `${guess.objectType} ${guess.name?.name ?? ''}: ` : '';
    const obj = guess.name ? { type: guess.objectType ?? 'statement', name: guess.name } : undefined;
    if (!(e instanceof ParseError)) {
      const why = 'the statement is nested too deeply to be read (parentheses or blocks thousands of levels deep)';
      ctx.diag(PG.syntax, item.span, `${what}${why}; it is kept as text`, obj);
      unparsed(ctx, item, why, guess.objectType, guess.name);
      return;
    }
    ctx.diag(PG.syntax, e.span, `${what}${e.detail}`, obj);
    unparsed(ctx, item, e.detail, guess.objectType, guess.name);
  }
}

function dispatch(p: PgParser, ctx: PgContext, item: ScriptStatement): void {
  const start = p.cur;
  const first = start.type === 'word' ? start.upper : start.text;
  switch (first) {
    case 'CREATE': return create(p, ctx, start, item);
    case 'ALTER': return alter(p, ctx, start, item);
    case 'DROP': p.next(); return parseDrop(p, ctx, start);
    case 'COMMENT': p.next(); p.expectWord('ON'); return parseCommentOn(p, ctx, start);
    case 'SET': p.next(); return parseSet(p, ctx);
    case 'GRANT': case 'REVOKE': privileges(p, ctx, start); return;
    case 'SELECT': return topLevelSelect(p, ctx, start, item);
    case 'INSERT': case 'UPDATE': case 'DELETE': case 'WITH': return data(p, ctx);
    case 'TRUNCATE': p.skipToEnd(); return;
    case 'DO':
      p.skipToEnd();
      ctx.diag(PG.unsupportedStatement, item.span, 'Anonymous DO block is not converted; it is kept as text');
      unparsed(ctx, item, 'anonymous DO block', 'do block');
      return;
    default:
      if (SESSION.has(first)) { p.skipToEnd(); return; }
      p.skipToEnd();
      ctx.diag(PG.unsupportedStatement, item.span, `Statement '${first}' is not modelled; it is kept as text`);
      unparsed(ctx, item, `${first} statement`);
  }
}

function privileges(p: PgParser, ctx: PgContext, start: Tok): void {
  p.skipToEnd();
  ctx.ignoredPrivileges++;
  ctx.firstIgnoredSpan ??= p.spanFrom(start);
}

function create(p: PgParser, ctx: PgContext, start: Tok, item: ScriptStatement): void {
  p.next();
  const orReplace = p.acceptSeq('OR', 'REPLACE');
  const temporary = !!p.acceptAnyKw('TEMP', 'TEMPORARY');
  if (!temporary && p.acceptAnyKw('GLOBAL', 'LOCAL')) p.expectOneOf('TEMP', 'TEMPORARY');
  const unlogged = p.acceptWord('UNLOGGED');
  const add = (o: CatalogObject): void => ctx.add(o);
  const what = p.cur.type === 'word' ? p.cur.upper : '';
  switch (what) {
    case 'TABLE': {
      p.next();
      const t = parseCreateTable(p, ctx, start, { temporary: temporary || undefined, unlogged: unlogged || undefined } as { temporary?: boolean; unlogged?: boolean });
      if (t) { add(t); return; }
      p.skipToEnd();
      ctx.diag(PG.unsupportedStatement, item.span, 'CREATE TABLE … AS query is not modelled; create the table and load it by hand');
      unparsed(ctx, item, 'CREATE TABLE AS', 'table');
      return;
    }
    case 'SCHEMA': {
      p.next();
      const sc = parseCreateSchema(p, start);
      add(sc);
      if (!p.atEnd()) {
        p.skipToEnd();
        ctx.diag(PG.unsupportedStatement, item.span, `CREATE SCHEMA ${sc.name.name} with schema elements: the elements are not read; create them with separate statements`, { type: 'schema', name: sc.name });
      }
      return;
    }
    case 'SEQUENCE': p.next(); add(parseCreateSequence(p, ctx, start, { temporary })); return;
    case 'UNIQUE': p.next(); p.expectWord('INDEX'); add(parseCreateIndex(p, ctx, start, true)); return;
    case 'INDEX': p.next(); add(parseCreateIndex(p, ctx, start, false)); return;
    case 'MATERIALIZED': p.next(); p.expectWord('VIEW'); add(parseCreateView(p, ctx, start, { orReplace, materialized: true })); return;
    case 'RECURSIVE': p.next(); p.expectWord('VIEW'); add(parseCreateView(p, ctx, start, { orReplace, recursive: true })); return;
    case 'VIEW': p.next(); add(parseCreateView(p, ctx, start, { orReplace })); return;
    case 'DOMAIN': p.next(); add(parseCreateDomain(p, ctx, start)); return;
    case 'FUNCTION': case 'PROCEDURE': p.next(); add(parseCreateRoutine(p, ctx, start, what === 'FUNCTION' ? 'function' : 'procedure', orReplace)); return;
    case 'CONSTRAINT': p.next(); p.expectWord('TRIGGER'); add(parseCreateTrigger(p, ctx, start, true)); return;
    case 'TRIGGER': p.next(); add(parseCreateTrigger(p, ctx, start, false)); return;
    case 'EXTENSION': {
      p.next();
      p.acceptSeq('IF', 'NOT', 'EXISTS');
      const name = p.ident().name;
      p.skipToEnd();
      ctx.diag(PG.extension, item.span, `The schema uses the extension '${name}'`, { type: 'extension', name: { name } });
      return;
    }
    case 'TYPE': {
      p.next();
      const t = parseCreateType(p, ctx, start);
      if (typeof t === 'object') { add(t); return; }
      const g = guessObject(item.text);
      const o = unparsed(ctx, item, t === 'range' ? 'range type' : 'base or shell type', 'type', g.name);
      ctx.diag(t === 'range' ? PG.rangeType : PG.notModelledObject, item.span,
        `CREATE TYPE ${o.name?.name ?? ''} ${t === 'range' ? 'AS RANGE' : '(base or shell type)'} is not converted; it is kept as text`, o.name ? { type: 'type', name: o.name } : undefined);
      return;
    }
    case 'DATABASE':
      p.skipToEnd();
      ctx.diag(PG.ignoredSetting, item.span, 'CREATE DATABASE ignored: the target database is chosen when the result is applied');
      return;
    default: {
      if (NOT_MODELLED.has(what) || what === 'OPERATOR') {
        const kind = what.toLowerCase() + (p.isWordAt(1, 'TRIGGER', 'TABLE', 'WRAPPER', 'SEARCH', 'METHOD') ? ' ' + p.peek(1).value.toLowerCase() : '');
        p.next();
        while (p.isWord('TRIGGER', 'TABLE', 'DATA', 'WRAPPER', 'SEARCH', 'CONFIGURATION', 'DICTIONARY', 'PARSER', 'TEMPLATE', 'METHOD', 'CLASS', 'FAMILY', 'PRIVILEGES')) p.next();
        let name: QualifiedName | undefined;
        if (what === 'OPERATOR' && !p.isWord('CLASS', 'FAMILY')) {
          // operator names are symbols: schema.=== (
          const from = p.cur;
          while (!p.atEnd() && !p.isPunct('(')) p.next();
          const text = p.textBetween(from, p.prev).replace(/\s+/g, '');
          const dot = text.lastIndexOf('.', text.length - 2);
          name = ctx.qualify(dot > 0 ? { schema: text.slice(0, dot), name: text.slice(dot + 1) } : { name: text });
        } else if (p.isIdent()) { try { name = ctx.qualify(p.qname()); } catch { /* name not readable */ } }
        p.skipToEnd();
        ctx.diag(PG.notModelledObject, item.span, `CREATE ${kind.toUpperCase()}${name ? ` ${name.name}` : ''} is not converted; it is kept as text`, name ? { type: kind, name } : undefined);
        unparsed(ctx, item, `${kind} not modelled`, kind, name);
        return;
      }
      throw p.error(`unexpected '${p.cur.text}' after CREATE`);
    }
  }
}

function alter(p: PgParser, ctx: PgContext, start: Tok, item: ScriptStatement): void {
  p.next();
  if (p.acceptWord('TABLE') || p.acceptSeq('FOREIGN', 'TABLE')) return parseAlterTable(p, ctx, start);
  if (p.acceptWord('SEQUENCE')) return parseAlterSequence(p, ctx, start);
  if (p.acceptWord('TYPE')) return parseAlterType(p, ctx, start);
  if (p.acceptWord('DOMAIN')) return parseAlterDomain(p, ctx, start);
  if (p.isWord('DEFAULT') && p.isWordAt(1, 'PRIVILEGES')) { privileges(p, ctx, start); return; }
  if (p.isWord('INDEX') && /\battach\s+partition\b/i.test(item.text)) {
    // pg_dump: CREATE INDEX … ON ONLY parent, CREATE INDEX on each partition, ALTER INDEX … ATTACH.
    // Creating the parent's index on a partitioned table creates the partitions' indexes, so the
    // attached ones are implied and leave the model.
    p.next();
    p.acceptSeq('IF', 'EXISTS');
    const parent = ctx.qualify(p.qname());
    p.expectWord('ATTACH'); p.expectWord('PARTITION');
    const child = ctx.qualify(p.qname());
    const c = ctx.findRelation(child);
    if (c?.kind === 'Index' && ctx.findRelation(parent)?.kind === 'Index') ctx.remove(c);
    return;
  }
  // ALTER of an object kind that is not modelled: its CREATE was already reported
  if (p.isWord(...NOT_MODELLED_ALTER)) { p.skipToEnd(); return; }
  // everything else: ownership is ignored silently, the rest reported
  let depth = 0;
  let owner = false;
  while (!p.atEnd()) {
    const t = p.next();
    if (t.type === 'op' && t.value === '(') depth++;
    else if (t.type === 'op' && t.value === ')') depth--;
    else if (depth === 0 && t.type === 'word' && t.upper === 'OWNER' && p.isWord('TO')) owner = true;
  }
  if (owner) { ctx.ignoredPrivileges++; ctx.firstIgnoredSpan ??= item.span; return; }
  ctx.diag(PG.alterIgnored, item.span, `${item.text.split(/\s+/).slice(0, 3).join(' ')} … is not applied to the model`);
}

function topLevelSelect(p: PgParser, ctx: PgContext, start: Tok, item: ScriptStatement): void {
  // pg_dump: SELECT pg_catalog.set_config('search_path', '', false); SELECT pg_catalog.setval('seq', n, true);
  const q = p.query();
  if (q.kind === 'Select' && q.into) {
    ctx.diag(PG.unsupportedStatement, item.span, 'SELECT … INTO at script level creates a table from a query; it is not modelled and is kept as text');
    unparsed(ctx, item, 'SELECT INTO (CREATE TABLE AS)', 'table');
    return;
  }
  if (q.kind === 'Select' && q.from.length === 0 && q.items.length === 1) {
    const e: Expr = q.items[0]!.expr;
    if (e.kind === 'FunctionCall' && e.name.name.toLowerCase() === 'set_config' && e.args[0]?.kind === 'Literal' && e.args[0].value === 'search_path' && e.args[1]?.kind === 'Literal') {
      setSearchPath(ctx, e.args[1].value);
      return;
    }
    if (applySetval(ctx, e)) return;
  }
  void start;
  ctx.diag(PG.topLevelQuery, item.span, 'A query at script level has no schema effect; it is ignored');
}

function data(p: PgParser, ctx: PgContext): void {
  const stmt = commonDml(p);
  if (stmt.kind === 'Insert') { addData(ctx, stmt.table, stmt, insertRowCount(stmt)); return; }
  if (stmt.kind === 'Update') {
    const t = stmt.table.kind === 'TableRef' ? stmt.table.name : { name: '?' };
    addData(ctx, t, stmt, 0);
    return;
  }
  if (stmt.kind === 'Delete') { addData(ctx, stmt.targets[0] ?? { name: '?' }, stmt, 0); return; }
  throw p.error('a query at script level has no schema effect');
}

/** Best effort "what was it" for statements that failed to parse. */
export function guessObject(text: string): { objectType?: string; name?: QualifiedName } {
  const m = /^\s*create\s+(?:or\s+replace\s+)?(?:(?:temp|temporary|unlogged|materialized|unique|constraint|global|local)\s+)*(table|view|index|sequence|function|procedure|trigger|type|domain|schema|aggregate|operator)\s+(?:if\s+not\s+exists\s+)?(?:concurrently\s+)?((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)/i.exec(text);
  if (!m) return {};
  const parts = m[2]!.split('.').map((s) => (s.startsWith('"') ? s.slice(1, -1) : s.toLowerCase()));
  const name: QualifiedName = parts.length > 1 ? { schema: parts[0]!, name: parts[1]! } : { name: parts[0]! };
  return { objectType: m[1]!.toLowerCase(), name };
}

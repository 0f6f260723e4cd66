import type { Insert, Update, Delete, QualifiedName, SourceSpan, Table } from '../../model/index.js';
import { Parser, ParseError } from '../common/parser.js';
import { tokenize } from '../common/tokenizer.js';
import type { Token } from '../common/tokens.js';
import { describeToken } from '../common/parser.js';
import { parseDml } from '../common/dml.js';
import { OS } from './codes.js';
import type { OraContext } from './context.js';
import type { ScriptItem } from './sqlplus.js';
import { ORACLE_DIALECT } from './tokenizer.js';
import { parsePlsqlUnit, setPlsqlMergeParser } from './plsql/index.js';
import { parseMerge } from './merge.js';
import { parseMultiInsert } from './multi-insert.js';
import { parseCreateTable } from './ddl/table.js';
import { parseAlterTable } from './ddl/alter.js';
import { parseComment, parseCreateIndex, parseCreateSequence, parseCreateSynonym, parseCreateView, parseDrop, sequenceOptions } from './ddl/objects.js';
import { objectName } from './ddl/parts.js';

setPlsqlMergeParser(parseMerge);

/** Keeps a statement as text with its reason (the finding is reported by the caller). */
export function keepAsText(ctx: OraContext, text: string, span: SourceSpan, reason: string, objectType?: string): void {
  ctx.add({ kind: 'UnparsedObject', ...(objectType ? { objectType } : {}), statement: { kind: 'Unparsed', text, reason, span }, span });
}

/** One item from the SQL*Plus layer into the model; bad SQL gives a located finding and the text is kept. */
export function parseItem(ctx: OraContext, item: ScriptItem): void {
  if (item.missing.length || item.unterminated) {
    keepAsText(ctx, item.text, item.span, item.unterminated ? 'unterminated' : `substitution variable ${item.missing.map((m) => `&${m}`).join(', ')} has no value`);
    return;
  }
  if (item.kind === 'plsql') {
    if (!dataBlock(ctx, item)) parsePlsqlUnit(ctx, item.text, item.span);
    return;
  }
  const p = new Parser(item.text, ctx.file, ORACLE_DIALECT, item.start);
  for (const err of p.lexErrors) {
    const span: SourceSpan = { file: ctx.file, line: err.line, column: err.column, endLine: err.line, endColumn: err.column, offset: err.offset };
    ctx.diag(/^unterminated/.test(err.message) ? OS.unterminated : OS.syntax, span, `${err.message}; the statement is kept as text`);
  }
  if (p.lexErrors.length) { keepAsText(ctx, item.text, item.span, 'unreadable'); return; }
  try {
    statement(ctx, p, item.span);
    for (const n of p.notes) ctx.diag(OS.sqlDetail, n.span, n.message);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const notModelled = /not modelled|not supported/.test(e.detail);
    ctx.diag(notModelled ? OS.notModelled : OS.syntax, e.span, `${e.detail}; the statement is kept as text`);
    keepAsText(ctx, item.text, item.span, e.detail, objectTypeOf(item.text));
  }
}

/**
 * BEGIN INSERT …; UPDATE …; COMMIT; END; — an anonymous block of plain data statements (HR's populate
 * script) is data: its statements go to the data scripts in order. Anything else is PL/SQL.
 */
function dataBlock(ctx: OraContext, item: ScriptItem): boolean {
  if (!/^BEGIN\s/i.test(item.text)) return false;
  const lex = tokenize(item.text, ORACLE_DIALECT.tokenizer, item.start);
  if (lex.errors.length) return false;
  const toks = lex.tokens;
  const eof = toks[toks.length - 1]!;
  let end = toks.length - 1;
  if (toks[end - 1]?.value === ';') end--;
  if (toks[end - 1]?.upper !== 'END') return false;
  end--;
  const stmts: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (let i = 1; i < end; i++) {
    const t = toks[i]!;
    if (t.type === 'op' && t.value === '(') depth++;
    else if (t.type === 'op' && t.value === ')') depth--;
    if (t.type === 'op' && t.value === ';' && depth === 0) { if (cur.length) stmts.push(cur); cur = []; continue; }
    cur.push(t);
  }
  if (cur.length || !stmts.length) return false;
  if (!stmts.every((st) => st[0]!.type === 'word' && ['INSERT', 'UPDATE', 'DELETE', 'COMMIT', 'NULL'].includes(st[0]!.upper))) return false;
  const parsed: { stmt: Insert | Update | Delete; span: SourceSpan; p: Parser }[] = [];
  for (const st of stmts) {
    if (st[0]!.upper === 'COMMIT' || st[0]!.upper === 'NULL') continue;
    const p = new Parser(item.text, ctx.file, ORACLE_DIALECT, item.start, [...st, { ...eof, offset: st[st.length - 1]!.end, end: st[st.length - 1]!.end }]);
    try {
      const stmt = parseDml(p) as Insert | Update | Delete;
      p.expectEnd();
      parsed.push({ stmt, span: p.spanFrom(st[0]!, st[st.length - 1]!), p });
    } catch (e) {
      if (e instanceof ParseError) return false;
      throw e;
    }
  }
  for (const d of parsed) addData(ctx, d.stmt, d.span, d.p);
  return true;
}

function objectTypeOf(text: string): string | undefined {
  const m = /^CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:NO\s+)?FORCE\s+)?(?:(?:NON)?EDITIONABLE\s+|EDITIONING\s+)?(?:GLOBAL\s+TEMPORARY\s+|PRIVATE\s+TEMPORARY\s+|UNIQUE\s+|BITMAP\s+|PUBLIC\s+)?(MATERIALIZED\s+VIEW|\w+)/i.exec(text);
  return m ? m[1]!.toLowerCase().replace(/\s+/g, ' ') : undefined;
}

function ignorePrivileges(ctx: OraContext, span: SourceSpan): void {
  ctx.ignoredPrivileges++;
  ctx.firstIgnoredSpan ??= span;
}

function dataTable(stmt: Insert | Update | Delete): QualifiedName | undefined {
  if (stmt.kind === 'Insert') return stmt.table;
  if (stmt.kind === 'Delete') return stmt.targets[0] ?? (stmt.from[0]?.kind === 'TableRef' ? stmt.from[0].name : undefined);
  let t = stmt.table;
  while (t.kind === 'Join') t = t.left;
  return t.kind === 'TableRef' ? t.name : undefined;
}

function addData(ctx: OraContext, stmt: Insert | Update | Delete, span: SourceSpan, p: Parser): void {
  const raw = dataTable(stmt);
  if (!raw) throw p.error('cannot tell which table this statement changes');
  const table = ctx.qualify(raw);
  const rows = stmt.kind === 'Insert' && stmt.source.kind === 'Values' ? stmt.source.rows.length : 0;
  const last = ctx.objects[ctx.objects.length - 1];
  if (last && last.kind === 'DataScript' && last.table.name === table.name && (last.table.schema ?? '') === (table.schema ?? '')) {
    last.statements.push(stmt);
    last.rowCount += rows;
    last.span = { ...last.span, endLine: span.endLine, endColumn: span.endColumn, ...(span.endOffset !== undefined ? { endOffset: span.endOffset } : {}) };
    return;
  }
  ctx.add({ kind: 'DataScript', table, statements: [stmt], rowCount: rows, span });
}

/** CREATE TABLE … AS query: the rows, as an INSERT … SELECT at this point of the data. */
function ctasRows(ctx: OraContext, t: Table, span: SourceSpan, p: Parser): void {
  if (t.asQuery && t.withNoData) addData(ctx, { kind: 'Insert', table: t.name, source: t.asQuery, span }, span, p);
}

function statement(ctx: OraContext, p: Parser, span: SourceSpan): void {
  const start = p.cur;
  switch (start.upper) {
    case 'CREATE': return create(ctx, p, span);
    case 'ALTER': {
      p.next();
      const what = p.next().upper;
      if (what === 'TABLE') return parseAlterTable(ctx, p, span);
      if (what === 'SESSION') {
        if (p.acceptKw('SET') && p.isKw('CURRENT_SCHEMA')) {
          p.next(); p.expectOp('=');
          ctx.defaultSchema = p.ident('a schema name').name;
          return;
        }
        return ignorePrivileges(ctx, span);
      }
      if (what === 'USER' || what === 'ROLE' || what === 'SYSTEM' || what === 'DATABASE' || what === 'PROFILE' || what === 'TABLESPACE') return ignorePrivileges(ctx, span);
      if (what === 'TRIGGER') {
        const name = objectName(ctx, p, 'a trigger name');
        const how = p.acceptAnyKw('ENABLE', 'DISABLE', 'COMPILE', 'RENAME', 'EDITIONABLE', 'NONEDITIONABLE');
        const t = ctx.findTrigger(name);
        if (t?.kind === 'Trigger' && (how === 'ENABLE' || how === 'DISABLE')) { t.enabled = how === 'ENABLE'; return; }
        if (how === 'COMPILE') return;
        ctx.diag(OS.alterIgnored, span, `ALTER TRIGGER ${name.name} ${how ?? ''}: not applied to the model`);
        return;
      }
      if (what === 'SEQUENCE') {
        const name = objectName(ctx, p, 'a sequence name');
        const s = ctx.find(name);
        if (s?.kind !== 'Sequence') { ctx.diag(OS.unknownTarget, span, `ALTER SEQUENCE ${name.name}: the sequence is not defined earlier in the scripts`); return; }
        sequenceOptions(p, s);
        p.expectEnd();
        return;
      }
      if (what === 'INDEX' || what === 'PROCEDURE' || what === 'FUNCTION' || what === 'PACKAGE' || what === 'VIEW' || what === 'TYPE' || what === 'MATERIALIZED') {
        if (/\bCOMPILE\b|\bREBUILD\b|\bUNUSABLE\b|\bMONITORING\b|\bPARALLEL\b|\bLOGGING\b/i.test(p.textFrom(p.cur))) return;
      }
      ctx.diag(OS.alterIgnored, span, `ALTER ${what} is not applied to the model`);
      return;
    }
    case 'DROP': {
      p.next();
      if (p.isAnyKw('USER', 'ROLE', 'TABLESPACE', 'PROFILE', 'DIRECTORY', 'CONTEXT')) return ignorePrivileges(ctx, span);
      return parseDrop(ctx, p, span);
    }
    case 'COMMENT': p.next(); p.expectKw('ON'); return parseComment(ctx, p, span);
    case 'GRANT': case 'REVOKE': case 'AUDIT': case 'NOAUDIT': case 'ASSOCIATE': case 'DISASSOCIATE': case 'ADMINISTER':
      return ignorePrivileges(ctx, span);
    case 'COMMIT': case 'ROLLBACK': case 'SAVEPOINT': case 'SET': case 'LOCK': case 'ANALYZE': case 'EXPLAIN': case 'PURGE':
      return;
    case 'INSERT': case 'UPDATE': case 'DELETE': {
      const stmt = p.isKw('INSERT') && p.isAnyKwAt(1, 'ALL', 'FIRST') ? parseMultiInsert(p) : parseDml(p) as Insert | Update | Delete;
      if (p.isKw('LOG') && p.isKw('ERRORS', 1)) throw p.error('DML error logging (LOG ERRORS) is not modelled');
      p.expectEnd();
      return addData(ctx, stmt, span, p);
    }
    case 'MERGE': {
      parseMerge(p);
      p.expectEnd();
      ctx.diag(OS.dataStatement, span, 'MERGE at script level: the statement is parsed but not carried into the data scripts; run it by hand after loading');
      keepAsText(ctx, p.text, span, 'top-level MERGE', 'merge');
      return;
    }
    case 'TRUNCATE': {
      p.next();
      p.expectKw('TABLE');
      const name = objectName(ctx, p, 'a table name');
      for (const o of [...ctx.objects]) if (o.kind === 'DataScript' && o.table.name === name.name) ctx.remove(o);
      return;
    }
    case 'SELECT': case 'WITH': case '(':
      ctx.topLevelQueries++;
      ctx.firstQuerySpan ??= span;
      return;
    case 'RENAME': {
      p.next();
      const from = objectName(ctx, p, 'an object name');
      p.expectKw('TO');
      const to = p.ident('a new name');
      const o = ctx.find(from);
      if (!o || !('name' in o) || typeof o.name !== 'object') { ctx.diag(OS.unknownTarget, span, `RENAME ${from.name}: the object is not defined earlier in the scripts`); return; }
      ctx.remove(o);
      o.name = { ...o.name, name: to.name, ...(to.quoted ? { quoted: true } : {}) };
      ctx.add(o);
      return;
    }
    case 'CALL':
      throw p.error('CALL at script level is not modelled');
    case 'FLASHBACK':
      throw p.error('FLASHBACK is not supported');
  }
  throw p.error(`unexpected ${describeToken(start)}: not a statement dbshift reads`);
}

function create(ctx: OraContext, p: Parser, span: SourceSpan): void {
  const start = p.expectKw('CREATE');
  const orReplace = p.acceptKws('OR', 'REPLACE');
  if (p.isAnyKw('USER', 'ROLE', 'TABLESPACE', 'PROFILE', 'DIRECTORY', 'CONTEXT', 'DATABASE') && !p.isKws('DATABASE', 'LINK')) return ignorePrivileges(ctx, span);
  if (p.acceptKws('GLOBAL', 'TEMPORARY') || p.acceptKws('PRIVATE', 'TEMPORARY')) { p.expectKw('TABLE'); const t = parseCreateTable(ctx, p, start, true); if (t) { ctx.add(t); ctasRows(ctx, t, span, p); } return; }
  if (p.acceptKw('TABLE')) { const t = parseCreateTable(ctx, p, start, false); if (t) { ctx.add(t); ctasRows(ctx, t, span, p); } return; }
  if (p.isAnyKw('UNIQUE', 'BITMAP') && p.isKw('INDEX', 1)) { const k = p.next().upper as 'UNIQUE'; p.next(); return ctx.add(parseCreateIndex(ctx, p, start, k)); }
  if (p.acceptKw('INDEX')) return ctx.add(parseCreateIndex(ctx, p, start, undefined));
  if (p.acceptKw('SEQUENCE')) return ctx.add(parseCreateSequence(ctx, p, start));
  const isPublic = p.acceptKw('PUBLIC');
  if (p.acceptKw('SYNONYM')) return ctx.add(parseCreateSynonym(ctx, p, start, isPublic));
  if (p.acceptKws('MATERIALIZED', 'VIEW')) {
    if (p.isKw('LOG')) throw p.error('materialized view logs are not modelled');
    return ctx.add(parseCreateView(ctx, p, start, orReplace, true));
  }
  p.acceptKws('NO', 'FORCE') || p.acceptKw('FORCE');
  p.acceptAnyKw('EDITIONING', 'EDITIONABLE', 'NONEDITIONABLE');
  if (p.acceptKw('VIEW')) return ctx.add(parseCreateView(ctx, p, start, orReplace, false));
  throw p.error(`CREATE ${p.cur.upper} is not modelled`);
}

import type { Delete, Insert, QualifiedName, SourceSpan, Update } from '../../model/index.js';
import { Parser, ParseError, describeToken } from '../common/parser.js';
import { parseDml } from '../common/dml.js';
import type { LexStart, Token } from '../common/tokens.js';
import type { MyContext } from './context.js';
import { MY } from './codes.js';
import type { ScriptStatement } from './splitter.js';
import { parseCreatePrefix, objectName } from './ddl/parts.js';
import { parseCreateTable } from './ddl/table.js';
import { parseAlterTable, renameTable } from './ddl/alter.js';
import { parseCreateIndex, parseCreateSchema, parseCreateSequence, parseCreateView, parseDrop, parseSchemaOptions } from './ddl/objects.js';
import { parseCreateEvent, parseCreateRoutine, parseCreateTrigger } from './ddl/routine.js';
import { trackSqlMode } from './sqlmode.js';

/** Session and housekeeping statements: no schema content, nothing to report. */
const SESSION = new Set(['SET', 'LOCK', 'UNLOCK', 'START', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'FLUSH',
  'ANALYZE', 'OPTIMIZE', 'CHECK', 'CHECKSUM', 'REPAIR', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'SELECT', 'DO', 'XA', 'RESET',
  'HELP', 'PURGE', 'KILL', 'CACHE', 'WITH', 'VALUES', 'TABLE']);
const PRIVILEGES = new Set(['GRANT', 'REVOKE']);
const USER_OBJECTS = new Set(['USER', 'ROLE']);

/** Guess of the object kind for error reports. */
function guessKind(p: Parser): { type?: string; name?: QualifiedName } {
  const save = p.pos;
  try {
    p.pos = 0;
    if (!p.acceptKw('CREATE') && !p.acceptKw('ALTER')) return {};
    parseCreatePrefix(p);
    p.acceptAnyKw('UNIQUE', 'FULLTEXT', 'SPATIAL');
    const w = p.acceptAnyKw('TABLE', 'VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT', 'INDEX', 'DATABASE', 'SCHEMA', 'SEQUENCE');
    if (!w) return {};
    p.acceptKws('IF', 'NOT', 'EXISTS');
    const type = w === 'DATABASE' ? 'schema' : w.toLowerCase();
    try { return { type, name: objectName(p) }; } catch { return { type }; }
  } finally {
    p.pos = save;
  }
}

function dataTable(stmt: Insert | Update | Delete): QualifiedName | undefined {
  if (stmt.kind === 'Insert') return stmt.table;
  if (stmt.kind === 'Delete') return stmt.targets[0];
  let t = stmt.table;
  while (t.kind === 'Join') t = t.left;
  return t.kind === 'TableRef' ? t.name : undefined;
}

/** Parses one script statement into catalog objects; never throws for bad SQL. */
export function parseScriptStatement(ctx: MyContext, st: ScriptStatement, fileText?: string): void {
  const span = st.span;
  // The statement's tokens die with it: the next statement overwrites them. Taken from the context
  // while in use, so a statement parsed from within this one could never overwrite them.
  const pool = ctx.tokenPool;
  ctx.tokenPool = undefined;
  try {
    // `fileText`: the script the statement was split from; its tokens are made in place (the span has
    // the start's offset, line and column).
    const p = fileText !== undefined && span.offset !== undefined
      ? new Parser(fileText, ctx.file, ctx.dialect, span as LexStart, undefined, pool, span.offset + st.text.length)
      : new Parser(st.text, ctx.file, ctx.dialect, { offset: span.offset ?? 0, line: span.line, column: span.column }, undefined, pool);
    parseWithTokens(ctx, st, p);
  } finally {
    ctx.tokenPool = pool;
  }
}

function parseWithTokens(ctx: MyContext, st: ScriptStatement, p: Parser): void {
  const span = st.span;
  ctx.current = undefined;
  for (let k = 0; k < p.lexErrors.length; k++) {
    const err = p.lexErrors[k]!;
    const errSpan: SourceSpan = { file: ctx.file, line: err.line, column: err.column, endLine: err.line, endColumn: err.column, offset: err.offset };
    if (/^unterminated/.test(err.message)) ctx.diag(MY.unterminated, errSpan, `${err.message}; the rest of the script after this point is part of it`);
    else if (!ctx.notTextReported) { ctx.notTextReported = true; ctx.diag(MY.notText, errSpan, `${err.message}: the statement cannot be read`); }
  }
  // A last statement without ';' is normal (the client runs it); without another delimiter it is suspicious.
  if (st.unterminated === 'statement' && st.delimiter !== ';') {
    ctx.diag(MY.missingDelimiter, span, `The script ends without the delimiter '${st.delimiter}' after this statement; it is read anyway`);
  }
  // Any tokenizer error (invalid characters, unterminated text) means the statement cannot be trusted.
  if (p.lexErrors.length > 0) {
    const g = guessKind(p);
    ctx.add({ kind: 'UnparsedObject', ...(g.type ? { objectType: g.type } : {}), ...(g.name ? { name: ctx.qualify(g.name) } : {}), statement: { kind: 'Unparsed', text: st.text, reason: 'unreadable characters or unterminated text', span }, span });
    return;
  }
  if (p.atEnd()) return;
  try {
    dispatch(ctx, p, st);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const g = guessKind(p);
    const what = g.type ? `${g.type.toUpperCase()}${g.name ? ` ${g.name.name}` : ''}` : 'statement';
    const object = g.name ? { type: g.type ?? 'statement', name: g.name.name, ...(ctx.qualify(g.name).schema ? { schema: ctx.qualify(g.name).schema! } : {}) } : undefined;
    const truncated = st.unterminated === 'statement' && p.cur.type === 'eof' ? ' (the script ends in the middle of this statement: is it truncated?)' : '';
    ctx.diag(MY.syntax, e.span, `Could not parse ${what}: ${e.detail}${truncated}`, object);
    ctx.add({ kind: 'UnparsedObject', ...(g.type ? { objectType: g.type } : {}), ...(g.name ? { name: ctx.qualify(g.name) } : {}), statement: { kind: 'Unparsed', text: st.text, reason: e.detail, span }, span });
  } finally {
    ctx.current = undefined;
  }
}

function dispatch(ctx: MyContext, p: Parser, st: ScriptStatement): void {
  const start = p.cur;
  const w = start.type === 'word' ? start.upper : '';
  switch (w) {
    case 'CREATE': return parseCreate(ctx, p, start, st);
    case 'DROP':
      if (p.isAnyKwAt(1, 'USER', 'ROLE')) return privileges(ctx, st.span);
      if (p.isKw('PREPARE', 1)) return;
      return parseDrop(p, ctx);
    case 'ALTER': return parseAlter(ctx, p, start, st);
    case 'USE': {
      p.next();
      ctx.schema = p.ident('a database name').name;
      p.expectEnd();
      return;
    }
    case 'RENAME': {
      p.next();
      if (p.isAnyKw('USER')) return privileges(ctx, st.span);
      p.expectAnyKw('TABLE', 'TABLES');
      do {
        const from = ctx.qualify(objectName(p, 'a table name'));
        p.expectKw('TO');
        const to = ctx.qualify(objectName(p, 'a table name'));
        const t = ctx.find('Table', from);
        if (t) renameTable(ctx, t, to);
        else ctx.diag(MY.unknownTarget, st.span, `RENAME TABLE ${from.name}: the table is not defined earlier in the scripts`);
      } while (p.acceptOp(','));
      p.expectEnd();
      return;
    }
    case 'INSERT': case 'REPLACE': case 'UPDATE': case 'DELETE': {
      const stmt = parseDml(p) as Insert | Update | Delete;
      p.expectEnd();
      const table = dataTable(stmt);
      if (!table) throw p.error('cannot tell which table this statement changes', start);
      const rows = stmt.kind === 'Insert' && stmt.source.kind === 'Values' ? stmt.source.rows.length : 0;
      ctx.addData(stmt, table, rows, st.span);
      return;
    }
    case 'TRUNCATE': {
      p.next();
      p.acceptKw('TABLE');
      const name = ctx.qualify(objectName(p, 'a table name'));
      ctx.remove('DataScript', name);
      return;
    }
    case 'CALL': case 'LOAD': case 'HANDLER': case 'INSTALL': case 'UNINSTALL': case 'IMPORT': case 'CHANGE': case 'SHUTDOWN':
      ctx.diag(MY.unsupportedStatement, st.span, `${w} statements are not converted; the statement is kept as text`);
      ctx.add({ kind: 'UnparsedObject', objectType: 'statement', statement: { kind: 'Unparsed', text: st.text, reason: `${w} is not converted`, span: st.span }, span: st.span });
      return;
  }
  if (PRIVILEGES.has(w)) return privileges(ctx, st.span);
  if (w === 'SET') return trackSqlMode(ctx, p);
  if (SESSION.has(w) || start.type === 'op' && start.value === '(') return;
  throw p.error(`${describeToken(start)} does not start a statement the converter knows`);
}

function privileges(ctx: MyContext, span: SourceSpan): void {
  ctx.ignoredPrivileges++;
  ctx.firstIgnoredSpan ??= span;
}

function parseCreate(ctx: MyContext, p: Parser, start: Token, st: ScriptStatement): void {
  p.expectKw('CREATE');
  const prefix = parseCreatePrefix(p);
  const w = p.cur.type === 'word' ? p.cur.upper : '';
  switch (w) {
    case 'DATABASE': case 'SCHEMA': {
      const s = parseCreateSchema(p, start);
      p.expectEnd();
      ctx.remove('Schema', s.name);
      ctx.add(s);
      return;
    }
    case 'TABLE': {
      const parsed = parseCreateTable(p, ctx, prefix, start);
      p.expectEnd();
      if ('table' in parsed) {
        if (prefix.orReplace) ctx.remove('Table', parsed.table.name);
        ctx.add(parsed.table);
        for (const ix of parsed.indexes) ctx.add(ix);
      } else ctx.add(parsed);
      return;
    }
    case 'VIEW': {
      const v = parseCreateView(p, ctx, prefix, start);
      ctx.remove('View', v.name);
      ctx.add(v);
      return;
    }
    case 'PROCEDURE': case 'FUNCTION': {
      const r = parseCreateRoutine(p, ctx, prefix, start);
      ctx.remove('Routine', r.name, (o) => o.kind === 'Routine' && o.routineKind === r.routineKind);
      ctx.add(r);
      return;
    }
    case 'TRIGGER': { const t = parseCreateTrigger(p, ctx, prefix, start); ctx.remove('Trigger', t.name); ctx.add(t); return; }
    case 'EVENT': { const e = parseCreateEvent(p, ctx, prefix, start); ctx.remove('Event', e.name); ctx.add(e); return; }
    case 'SEQUENCE': { const s = parseCreateSequence(p, ctx, start); p.expectEnd(); ctx.remove('Sequence', s.name); ctx.add(s); return; }
    case 'UNIQUE': case 'FULLTEXT': case 'SPATIAL': case 'INDEX': {
      const ix = parseCreateIndex(p, ctx, start);
      p.expectEnd();
      if (!ctx.find('Table', ix.table)) ctx.diag(MY.unknownTarget, st.span, `CREATE INDEX ${ix.name}: table ${ix.table.name} is not defined earlier in the scripts`, { type: 'index', name: ix.name });
      ctx.add(ix);
      return;
    }
  }
  if (USER_OBJECTS.has(w)) return privileges(ctx, st.span);
  throw p.error(`CREATE ${describeToken(p.cur)} is not an object the converter knows`);
}

function parseAlter(ctx: MyContext, p: Parser, start: Token, st: ScriptStatement): void {
  p.expectKw('ALTER');
  if (p.isAnyKw('USER', 'ROLE')) return privileges(ctx, st.span);
  if (p.isAnyKw('DATABASE', 'SCHEMA')) {
    p.next();
    const id = p.isIdent() && !p.isAnyKw('DEFAULT', 'CHARACTER', 'CHARSET', 'COLLATE') ? p.ident().name : ctx.schema;
    const s = id ? ctx.find('Schema', { name: id }) : undefined;
    if (s) parseSchemaOptions(p, s);
    return;
  }
  const save = p.pos;
  const prefix = parseCreatePrefix(p);
  if (p.isKw('VIEW')) {
    const v = parseCreateView(p, ctx, { ...prefix, orReplace: true }, start);
    ctx.remove('View', v.name);
    ctx.add(v);
    return;
  }
  p.pos = save;
  if (p.isKw('TABLE') || p.isAnyKw('ONLINE', 'OFFLINE', 'IGNORE')) {
    const added = parseAlterTable(p, ctx);
    if (added) { for (const o of added) ctx.add(o); return; }
    p.pos = save;
    p.acceptAnyKw('ONLINE', 'OFFLINE', 'IGNORE');
    p.expectKw('TABLE');
    const name = ctx.qualify(objectName(p, 'a table name'));
    ctx.diag(MY.unknownTarget, st.span, `ALTER TABLE ${name.name}: the table is not defined earlier in the scripts; the statement is kept as text`, { type: 'table', name: name.name, ...(name.schema ? { schema: name.schema } : {}) });
    ctx.add({ kind: 'UnparsedObject', objectType: 'table', name, statement: { kind: 'Unparsed', text: st.text, reason: 'ALTER TABLE of a table not in the scripts', span: st.span }, span: st.span });
    return;
  }
  ctx.diag(MY.unsupportedStatement, st.span, `ALTER ${describeToken(p.cur)} is not converted; the statement is kept as text`);
  ctx.add({ kind: 'UnparsedObject', objectType: 'statement', statement: { kind: 'Unparsed', text: st.text, reason: 'ALTER statement not converted', span: st.span }, span: st.span });
}

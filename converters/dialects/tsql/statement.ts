import type { CatalogObject, Expr, Insert, Query, QualifiedName } from '../../model/index.js';
import { Parser, ParseError, describeToken } from '../common/parser.js';
import { parseExpression } from '../common/expr.js';
import { parseInsert } from '../common/dml.js';
import { parseDataTypeText } from '../common/datatype.js';
import type { Token } from '../common/tokens.js';
import type { TsContext } from './context.js';
import { TS } from './codes.js';
import type { Batch } from './splitter.js';
import { TsqlCode, installTsqlHooks, isStatementStart } from './procedural/statements.js';
import { parseCreateTable } from './ddl/table.js';
import { parseAlterTable } from './ddl/alter.js';
import { ClrObject, parseCreateIndex, parseCreateSequence, parseCreateType, parseCreateView } from './ddl/objects.js';
import { parseCreateFunction, parseCreateProcedure, parseCreateTrigger } from './ddl/routine.js';
import { objectName } from './ddl/parts.js';

/** Statements that must start a batch. */
const BATCH_FIRST = new Set(['PROCEDURE', 'PROC', 'FUNCTION', 'TRIGGER', 'VIEW', 'SCHEMA']);
/** Statements that are not schema content: counted and reported once per file. */
const IGNORED = new Set(['GRANT', 'REVOKE', 'DENY', 'CHECKPOINT', 'DBCC', 'BACKUP', 'RESTORE', 'PRINT', 'SHUTDOWN', 'KILL', 'RECONFIGURE']);
const ENVIRONMENT = /\b(sysobjects|sysdatabases|sys\.\w+|object_id|db_name|db_id|serverproperty|@@version|schema_id|type_id|information_schema)\b/i;

export interface BatchState { ignored: number; firstIgnored?: Token; file: string }

/** Reads one batch (the text between two GO lines) into the catalog. */
export function parseBatch(ctx: TsContext, batch: Batch, state: BatchState): void {
  ctx.file = batch.file;
  const p = new Parser(batch.text, batch.file, ctx.dialect, { offset: batch.offset, line: batch.line, column: batch.column });
  installTsqlHooks(p);
  for (const e of p.lexErrors) {
    const span = { file: batch.file, line: e.line, column: e.column, endLine: e.line, endColumn: e.column + 1 };
    ctx.diag(TS.unterminated, span, `${e.message}; the rest of the batch is kept as text`);
  }
  if (p.lexErrors.length) {
    ctx.add({ kind: 'UnparsedObject', statement: { kind: 'Unparsed', text: batch.text, reason: p.lexErrors[0]!.message, span: batch.span }, span: batch.span });
    return;
  }
  const code = new TsqlCode(p, ctx);
  let first = true;
  while (!p.atEnd()) {
    if (p.acceptOp(';')) continue;
    const start = p.cur;
    ctx.current = undefined;
    try {
      topStatement(ctx, p, code, first, state);
    } catch (e) {
      if (!(e instanceof ParseError) && !(e instanceof ClrObject)) throw e;
      p.pos = p.tokens.indexOf(start);
      const createCode = p.isKw('CREATE') || p.isKw('ALTER');
      code.skipStatement();
      if (createCode && isRoutineKw(p.tokens[p.tokens.indexOf(start) + 1])) p.pos = p.tokens.length - 1;
      const span = p.spanFrom(start);
      const text = p.textBetween(start);
      if (e instanceof ClrObject) ctx.diag(TS.clrObject, span, `CLR object (EXTERNAL NAME): ${text.split('\n')[0]!.slice(0, 120)}`);
      else ctx.diag(TS.syntax, e.span, `${e.detail}; the statement is kept as text`);
      ctx.add({ kind: 'UnparsedObject', statement: { kind: 'Unparsed', text, reason: e instanceof ParseError ? e.detail : 'CLR object', span }, span });
    }
    first = false;
  }
}

function isRoutineKw(t: Token | undefined): boolean {
  return !!t && t.type === 'word' && (BATCH_FIRST.has(t.upper) || t.upper === 'OR');
}

function ignore(state: BatchState, t: Token): void {
  state.ignored++;
  state.firstIgnored ??= t;
}

function topStatement(ctx: TsContext, p: Parser, code: TsqlCode, first: boolean, state: BatchState): void {
  const t = p.cur;
  const w = t.type === 'word' ? t.upper : '';
  if (w === 'ALTER' && p.isKw('INDEX', 1)) { alterIndex(ctx, p, t, code, state); return; }
  if ((w === 'ENABLE' || w === 'DISABLE') && p.isKw('TRIGGER', 1)) { enableTrigger(ctx, p); return; }
  if (w === 'CREATE' || (w === 'ALTER' && !p.isKw('TABLE', 1) && !p.isKw('DATABASE', 1))) { create(ctx, p, t, first, state); return; }
  if (w === 'ALTER' && p.isKw('TABLE', 1)) {
    p.pos += 2;
    const save = p.pos;
    if (!parseAlterTable(p, ctx, t)) {
      p.pos = save;
      const name = objectName(p);
      code.skipStatement();
      const span = p.spanFrom(t);
      ctx.diag(TS.unknownTable, span, `ALTER TABLE ${name.name}: the table is not defined earlier in the scripts; the statement is kept as text`);
      ctx.add({ kind: 'UnparsedObject', objectType: 'alter table', name, statement: { kind: 'Unparsed', text: p.textBetween(t), reason: 'table not defined in the scripts', span }, span });
    }
    return;
  }
  if (w === 'INSERT') { insert(ctx, p, t); return; }
  if (w === 'SET') { if (setOption(ctx, p, t, state)) return; }
  if (w === 'USE') { p.next(); ctx.database = p.ident('a database name').name; return; }
  if (w === 'DROP') { drop(ctx, p, t, code); return; }
  if (w === 'IF' && environmentCheck(ctx, p, code, t, state)) return;
  if (w === 'GRANT' || w === 'REVOKE' || w === 'DENY') { skipPermission(p); ignore(state, t); return; }
  if (IGNORED.has(w) || (w === 'UPDATE' && p.isKw('STATISTICS', 1)) || (w === 'ALTER' && p.isKw('DATABASE', 1))) { code.skipStatement(); ignore(state, t); return; }
  if ((w === 'EXEC' || w === 'EXECUTE') && p.isAnyKwAt(1, 'SP_ADDTYPE')) { addType(ctx, p, t); return; }
  if ((w === 'EXEC' || w === 'EXECUTE') && (p.isAnyKwAt(1, 'SP_ADDEXTENDEDPROPERTY', 'SP_UPDATEEXTENDEDPROPERTY') || (p.isKw('SYS', 1) && p.isOp('.', 2) && p.isAnyKwAt(3, 'SP_ADDEXTENDEDPROPERTY', 'SP_UPDATEEXTENDEDPROPERTY')))) {
    if (!extendedProperty(ctx, p, t)) ignore(state, t);
    return;
  }
  if (w === 'EXEC' || w === 'EXECUTE') {
    const n = p.peek(1).type === 'word' ? p.peek(1).upper : '';
    if (/^SP_(DBOPTION|CONFIGURE|ADDLOGIN|GRANTDBACCESS|ADDUSER|ADDROLEMEMBER|ADDSRVROLEMEMBER|DROPLOGIN|DEFAULTDB|CHANGEDBOWNER|ADDEXTENDEDPROPERTY|UPDATEEXTENDEDPROPERTY|BINDRULE|UNBINDEFAULT|SETTABLEOPTION|FULLTEXT_DATABASE)$/.test(n)) { code.skipStatement(); ignore(state, t); return; }
  }
  if (w === 'RAISERROR' || w === 'PRINT') {
    const st = code.statement();
    if (st.kind === 'Raise' && st.level !== 'exception') { ignore(state, t); return; }
    scriptCode(ctx, p, t, 'RAISERROR with error severity at script level');
    return;
  }
  // Other script-level code (DECLARE/SET/IF/EXEC/UPDATE … outside any routine): kept with a finding.
  if (!isStatementStart(t) && !(t.type === 'op' && t.value === '(')) throw p.error(`unexpected ${describeToken(t)}: not a T-SQL statement`);
  const st = code.statementOrUnparsed();
  // Script variables for progress messages (DECLARE @v; SELECT @v = expr without FROM): no schema effect.
  if (st.kind === 'VarDecl' || (st.kind === 'SqlStatement' && st.statement.kind === 'Select' && st.statement.into && st.statement.from.length === 0)) { ignore(state, t); return; }
  scriptCode(ctx, p, t, 'script-level T-SQL code (outside any procedure, function or trigger)');
}

function scriptCode(ctx: TsContext, p: Parser, t: Token, what: string): void {
  const span = p.spanFrom(t);
  ctx.diag(TS.unsupportedStatement, span, `${what} is not converted: ${p.textBetween(t).split('\n')[0]!.slice(0, 100)}`);
  ctx.add({ kind: 'UnparsedObject', objectType: 'script code', statement: { kind: 'Unparsed', text: p.textBetween(t), reason: what, span }, span });
}

/** CREATE … / ALTER PROCEDURE|FUNCTION|VIEW|TRIGGER … (ALTER replaces an earlier definition). */
function create(ctx: TsContext, p: Parser, t: Token, first: boolean, state: BatchState): void {
  const isAlter = p.next().upper === 'ALTER';
  const orAlter = isAlter || p.acceptKws('OR', 'ALTER');
  const kw = p.cur.type === 'word' ? p.cur.upper : '';
  if (BATCH_FIRST.has(kw) && !first) {
    ctx.diag(TS.notFirstInBatch, p.spanFrom(t), `CREATE ${kw} at line ${t.line} is not the first statement of its batch (SQL Server rejects it: a GO is missing before it); it is read as if the batch started here`);
  }
  const replace = (o: CatalogObject, name: QualifiedName): void => {
    if (orAlter) ctx.remove(o.kind, name);
    ctx.add(o);
  };
  switch (kw) {
    case 'TABLE': {
      p.next();
      const { table, indexes } = parseCreateTable(p, ctx, t);
      ctx.add(table);
      for (const ix of indexes) ctx.add(ix);
      return;
    }
    case 'UNIQUE': case 'CLUSTERED': case 'NONCLUSTERED': case 'INDEX': {
      const ix = parseCreateIndex(p, ctx, t);
      if (!ctx.find('Table', ix.table)) ctx.diag(TS.unknownTable, ix.span, `Index ${ix.name}: table ${ix.table.name} is not defined earlier in the scripts`);
      ctx.add(ix);
      return;
    }
    case 'VIEW': { p.next(); const v = parseCreateView(p, ctx, t, orAlter); replace(v, v.name); return; }
    case 'PROC': case 'PROCEDURE': { p.next(); const r = parseCreateProcedure(p, ctx, t, orAlter); replace(r, r.name); return; }
    case 'FUNCTION': { p.next(); const r = parseCreateFunction(p, ctx, t, orAlter); replace(r, r.name); return; }
    case 'TRIGGER': {
      p.next();
      const tr = parseCreateTrigger(p, ctx, t);
      if (!tr) {
        p.pos = p.tokens.length - 1;
        const span = p.spanFrom(t);
        ctx.diag(TS.ddlTrigger, span, 'DDL / logon trigger (ON DATABASE / ALL SERVER) is not converted');
        ctx.add({ kind: 'UnparsedObject', objectType: 'trigger', statement: { kind: 'Unparsed', text: p.textBetween(t), reason: 'DDL trigger', span }, span });
        return;
      }
      replace(tr, tr.name);
      return;
    }
    case 'TYPE': { p.next(); ctx.add(parseCreateType(p, ctx, t)); return; }
    case 'SEQUENCE': { p.next(); ctx.add(parseCreateSequence(p, ctx, t)); return; }
    case 'SCHEMA': {
      p.next();
      const name = p.ident('a schema name').name;
      if (p.acceptKw('AUTHORIZATION')) p.ident();
      ctx.add({ kind: 'Schema', name: { name }, span: p.spanFrom(t) });
      return;
    }
    case 'SYNONYM': {
      p.next();
      const name = ctx.qualify(objectName(p, 'a synonym name'));
      p.expectKw('FOR');
      const target = objectName(p, 'an object name');
      ctx.add({ kind: 'Synonym', name, target, span: p.spanFrom(t) });
      return;
    }
    case 'DATABASE': case 'LOGIN': case 'USER': case 'ROLE': case 'STATISTICS': case 'FULLTEXT': case 'CERTIFICATE': case 'MASTER':
      new TsqlCode(p, ctx).skipStatement();
      ignore(state, t);
      return;
    default:
      throw p.error(`CREATE ${describeToken(p.cur)} is not converted`);
  }
}

function drop(ctx: TsContext, p: Parser, t: Token, code: TsqlCode): void {
  p.next();
  const kinds: Record<string, CatalogObject['kind']> = { TABLE: 'Table', VIEW: 'View', PROCEDURE: 'Routine', PROC: 'Routine', FUNCTION: 'Routine', TRIGGER: 'Trigger', TYPE: 'Domain', SEQUENCE: 'Sequence', SYNONYM: 'Synonym' };
  const kind = p.cur.type === 'word' ? kinds[p.cur.upper] : undefined;
  if (!kind) { code.skipStatement(); return; }
  p.next();
  p.acceptKws('IF', 'EXISTS');
  do { const n = objectName(p); ctx.remove(kind, ctx.qualify(n)); } while (p.acceptOp(','));
}

/**
 * IF EXISTS (SELECT … FROM sysobjects …) DROP … and IF OBJECT_ID(…) IS NULL EXEC('CREATE …'):
 * environment checks of re-runnable scripts. The DROP is applied to what was read so far; a
 * CREATE in EXEC('…') is read as the object. Returns false for other IFs.
 */
function environmentCheck(ctx: TsContext, p: Parser, code: TsqlCode, t: Token, state: BatchState): boolean {
  const save = p.pos;
  p.next();
  const condStart = p.cur;
  parseExpression(p);
  if (!ENVIRONMENT.test(p.textBetween(condStart))) { p.pos = save; return false; }
  const bodyTok = p.cur;
  if (p.isKw('DROP')) { drop(ctx, p, bodyTok, code); return true; }
  if ((p.isKw('EXEC') || p.isKw('EXECUTE')) && p.isOp('(', 1) && p.peek(2).type === 'string' && p.isOp(')', 3)) {
    const s = p.peek(2);
    p.pos += 4;
    if (/^\s*(create|alter)\b/i.test(s.value)) {
      // The string's text starts one character after its quote; doubled quotes make later columns drift (noted in the README).
      const inner = new Parser(s.value, p.file, ctx.dialect, { offset: s.offset + 1, line: s.line, column: s.column + 1 });
      installTsqlHooks(inner);
      parseBatchTokens(ctx, inner, state);
    }
    return true;
  }
  // Anything else under an environment check (raiserror, ALTER DATABASE, BEGIN … END): not schema content.
  const keep = ctx.diagnostics.length;
  code.statementOrUnparsed();
  while (p.acceptOp(';')) { /* */ }
  if (p.acceptKw('ELSE')) code.statementOrUnparsed();
  ctx.diagnostics.length = keep;
  ignore(state, t);
  return true;
}

function parseBatchTokens(ctx: TsContext, p: Parser, state: BatchState): void {
  const code = new TsqlCode(p, ctx);
  let first = true;
  while (!p.atEnd()) {
    if (p.acceptOp(';')) continue;
    const start = p.cur;
    try { topStatement(ctx, p, code, first, state); } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      ctx.diag(TS.syntax, e.span, `${e.detail} (in EXEC('…')); the statement is kept as text`);
      p.pos = p.tokens.length - 1;
      const span = p.spanFrom(start);
      ctx.add({ kind: 'UnparsedObject', statement: { kind: 'Unparsed', text: p.textBetween(start), reason: e.detail, span }, span });
    }
    first = false;
  }
}

/** SET options that matter to the script: QUOTED_IDENTIFIER, ANSI_NULLS, IDENTITY_INSERT, DATEFORMAT. */
function setOption(ctx: TsContext, p: Parser, t: Token, state: BatchState): boolean {
  const opt = p.peek(1).type === 'word' ? p.peek(1).upper : '';
  if (opt === 'IDENTITY_INSERT') {
    p.pos += 2;
    const name = ctx.qualify(objectName(p, 'a table name'));
    const on = p.expectAnyKw('ON', 'OFF') === 'ON';
    const key = `${(name.schema ?? '').toLowerCase()}.${name.name.toLowerCase()}`;
    if (on) { ctx.identityInsert.add(key); ctx.diag(TS.identityInsert, p.spanFrom(t), `Rows for ${name.name} carry explicit identity values`); }
    else ctx.identityInsert.delete(key);
    return true;
  }
  if (p.peek(1).type === 'variable') return false;
  if (opt === 'QUOTED_IDENTIFIER' || opt === 'ANSI_NULLS') {
    p.pos += 2;
    const on = p.expectAnyKw('ON', 'OFF') === 'ON';
    if (opt === 'QUOTED_IDENTIFIER') ctx.quotedIdentifier = on;
    else {
      ctx.ansiNulls = on;
      if (!on) ctx.diag(TS.unsupportedStatement, p.spanFrom(t), 'SET ANSI_NULLS OFF: code created after this compares = NULL as true; the targets always use ANSI semantics (x = NULL is never true)');
    }
    return true;
  }
  // NOCOUNT, DATEFORMAT, XACT_ABORT, LANGUAGE …: session settings for running the script.
  p.next();
  if (p.acceptKws('TRANSACTION', 'ISOLATION', 'LEVEL')) { p.next(); if (p.isAnyKw('COMMITTED', 'UNCOMMITTED', 'READ')) p.next(); }
  else {
    do p.next(); while (p.acceptOp(','));
    if (!p.atEnd() && !p.isOp(';') && !isStatementStart(p.cur)) p.next();
  }
  ignore(state, t);
  return true;
}

/** INSERT [INTO] t [(cols)] VALUES … | SELECT … [UNION ALL SELECT …] → DataScript. */
function insert(ctx: TsContext, p: Parser, t: Token): void {
  const ins: Insert = parseInsert(p);
  if (p.isKw('OUTPUT') || ins.outputInto) throw p.error('INSERT … OUTPUT at script level is not converted', t);
  ins.table = ctx.qualify(ins.table);
  ctx.addData(ins, ins.table, rowCount(ins.source), p.spanFrom(t));
}

function rowCount(source: Insert['source']): number {
  if (source.kind === 'DefaultValues') return 1;
  if (source.kind === 'Values') return source.rows.length;
  return queryRows(source as Query);
}

/** Rows of INSERT … SELECT consts UNION ALL SELECT consts (Northwind style); 0 when the query reads tables. */
function queryRows(q: Query): number {
  if (q.kind === 'Values') return q.rows.length;
  if (q.kind === 'SetOperation') { const l = queryRows(q.left), r = queryRows(q.right); return l && r ? l + r : 0; }
  if (q.kind === 'Select') return q.from.length === 0 && !q.where ? 1 : 0;
  return 0;
}

/** EXEC sp_addtype name, 'base type', ['NULL' | 'NOT NULL'] → Domain (an alias type). */
function addType(ctx: TsContext, p: Parser, t: Token): void {
  const st = new TsqlCode(p, ctx).statement();
  if (st.kind !== 'Call' || st.args.length < 2) throw p.error('sp_addtype needs a name and a base type');
  const str = (e: Expr | undefined): string | undefined => (e && e.kind === 'Literal' && e.type === 'string' ? e.value : undefined);
  const name = str(st.args[0]);
  const base = str(st.args[1]);
  if (!name || !base) throw p.error('sp_addtype arguments must be names or strings');
  const span = p.spanFrom(t);
  let baseType;
  try { baseType = parseDataTypeText(base, ctx.dialect, p.file); } catch { throw p.error(`sp_addtype: cannot read the type '${base}'`); }
  baseType.span = span;
  const notNull = /^\s*not\s+null\s*$/i.test(str(st.args[2]) ?? '');
  ctx.add({ kind: 'Domain', name: ctx.qualify({ name }), baseType, checks: [], ...(notNull ? { notNull } : {}), span });
}

/** GRANT|REVOKE|DENY perms [ON obj] TO|FROM principals [WITH GRANT OPTION] [CASCADE] [AS p]: permission names look like statements. */
function skipPermission(p: Parser): void {
  p.next();
  while (!p.atEnd() && !p.isAnyKw('TO', 'FROM')) { if (p.isOp('(')) p.skipParens(); else p.next(); }
  if (p.atEnd()) return;
  p.next();
  do p.next(); while (p.acceptOp(','));
  p.acceptKws('WITH', 'GRANT', 'OPTION');
  p.acceptKw('CASCADE');
  if (p.acceptKw('AS')) p.next();
}

/**
 * EXEC sp_addextendedproperty @name = N'MS_Description', @value = N'…', @level0type = N'SCHEMA',
 * @level0name = …, @level1type = N'TABLE', @level1name = …[, @level2type = N'COLUMN', @level2name = …]:
 * the description SSMS shows becomes the table's / column's comment. Other properties: false.
 */
function extendedProperty(ctx: TsContext, p: Parser, t: Token): boolean {
  const st = new TsqlCode(p, ctx).statement();
  if (st.kind !== 'Call') return false;
  const named = new Map<string, string>();
  const positional = ['name', 'value', 'level0type', 'level0name', 'level1type', 'level1name', 'level2type', 'level2name'];
  st.args.forEach((a, i) => {
    const e = a.kind === 'NamedArg' ? a.value : a;
    const key = a.kind === 'NamedArg' ? a.name.toLowerCase() : positional[i];
    if (key && e.kind === 'Literal' && e.type === 'string') named.set(key, e.value);
  });
  if ((named.get('name') ?? '').toLowerCase() !== 'ms_description' || named.get('value') === undefined) return false;
  const schema = named.get('level0name');
  const l1 = (named.get('level1type') ?? '').toUpperCase();
  const name = named.get('level1name');
  if (!name) return false;
  const q = { ...(schema ? { schema } : {}), name };
  const text = named.get('value')!;
  const l2 = (named.get('level2type') ?? '').toUpperCase();
  const col = named.get('level2name');
  if (l1 === 'TABLE') {
    const table = ctx.find('Table', q);
    if (table && !l2) { table.comment = text; return true; }
    const c = table && l2 === 'COLUMN' && col ? table.columns.find((x) => x.name.toLowerCase() === col.toLowerCase()) : undefined;
    if (c) { c.comment = text; return true; }
  }
  const objectType = l1.toLowerCase() || 'object';
  ctx.add({ kind: 'Comment', target: { objectType, name: ctx.qualify(q), ...(l2 === 'COLUMN' && col ? { column: col } : {}) }, text, span: p.spanFrom(t) });
  return true;
}

/** ALTER INDEX n|ALL ON t DISABLE drops the index from the catalog (SQL Server neither maintains nor uses it); REBUILD etc. are maintenance. */
function alterIndex(ctx: TsContext, p: Parser, t: Token, code: TsqlCode, state: BatchState): void {
  p.pos += 2;
  const all = p.acceptKw('ALL');
  const name = all ? '' : p.ident('an index name').name;
  p.expectKw('ON');
  const table = ctx.qualify(objectName(p, 'a table name'));
  if (p.acceptKw('DISABLE')) {
    const drop = ctx.objects.filter((o) => o.kind === 'Index' && o.table.name.toLowerCase() === table.name.toLowerCase() && (all || o.name.toLowerCase() === name.toLowerCase()));
    for (const o of drop) if (o.kind === 'Index') ctx.remove('Index', { ...(o.table.schema ? { schema: o.table.schema } : {}), name: o.name });
    ctx.diag(TS.ignoredClause, p.spanFrom(t), `Index ${all ? 'ALL' : name} on ${table.name} is disabled in SQL Server: it is not created on the target`);
    return;
  }
  code.skipStatement();
  ignore(state, t);
}

/** ENABLE|DISABLE TRIGGER name[, …] ON table: Trigger.enabled (a disabled trigger is not created on the target by the rules). */
function enableTrigger(ctx: TsContext, p: Parser): void {
  const on = p.next().upper === 'ENABLE';
  p.next();
  const names: QualifiedName[] = [];
  if (!p.acceptKw('ALL')) do names.push(ctx.qualify(objectName(p, 'a trigger name'))); while (p.acceptOp(','));
  p.expectKw('ON');
  if (p.acceptKw('DATABASE') || p.acceptKws('ALL', 'SERVER')) return;
  const table = ctx.qualify(objectName(p, 'a table name'));
  const targets = names.length ? names.map((n) => ctx.find('Trigger', n)) : ctx.objects.filter((o) => o.kind === 'Trigger' && o.table.name.toLowerCase() === table.name.toLowerCase());
  for (const tr of targets) if (tr && tr.kind === 'Trigger') { if (on) delete tr.enabled; else tr.enabled = false; }
}

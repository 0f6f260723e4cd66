import type { Block, Parameter, Routine, Statement, Trigger, TriggerEvent } from '../../../model/index.js';
import { NO_SPAN, withSchema } from '../../../model/index.js';
import { Parser, ParseError, describeToken } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import { parseQuery } from '../../common/query.js';
import type { Token } from '../../common/tokens.js';
import type { TsContext } from '../context.js';
import { TS } from '../codes.js';
import { parseTsqlDataType } from '../datatype.js';
import { TsqlCode } from '../procedural/statements.js';
import { ClrObject } from './objects.js';
import { objectName } from './parts.js';
import { checkType, parseColumnDef } from './table.js';

/** @p type [VARYING] [= default] [OUT|OUTPUT] [READONLY], … (optionally parenthesised). */
function parseParams(p: Parser, ctx: TsContext, parens: boolean): Parameter[] {
  const params: Parameter[] = [];
  const wrapped = parens || (p.isOp('(') && p.peek(1).type === 'variable');
  if (wrapped) p.expectOp('(');
  if (wrapped && p.acceptOp(')')) return params;
  if (!wrapped && p.peek(0).type !== 'variable') return params;
  do {
    const t = p.cur;
    if (t.type !== 'variable' || t.prefix !== '@') throw p.error(`expected a @parameter but found ${describeToken(t)}`);
    p.next();
    p.acceptKw('AS');
    const dataType = parseTsqlDataType(p);
    checkType(ctx, { name: `@${t.value}`, dataType });
    const param: Parameter = { name: t.value, mode: 'in', dataType, span: NO_SPAN };
    p.acceptKw('VARYING');
    if (p.acceptOp('=')) param.default = parseExpression(p);
    // OUTPUT parameters are read-write in T-SQL: the caller's value comes in (INOUT).
    if (p.acceptAnyKw('OUT', 'OUTPUT')) param.mode = 'inout';
    p.acceptKw('READONLY');
    param.span = p.spanFrom(t);
    params.push(param);
  } while (p.acceptOp(','));
  if (wrapped) p.expectOp(')');
  return params;
}

/** WITH RECOMPILE, ENCRYPTION, EXECUTE AS …, SCHEMABINDING, RETURNS NULL ON NULL INPUT, NATIVE_COMPILATION … */
function parseRoutineOptions(p: Parser, ctx: TsContext, r: Routine | Trigger): void {
  if (!p.acceptKw('WITH')) return;
  do {
    const t = p.cur;
    if (p.acceptKws('EXECUTE', 'AS') || p.acceptKws('EXEC', 'AS')) {
      const who = p.next();
      if (r.kind === 'Routine') r.security = who.upper === 'CALLER' ? 'invoker' : 'definer';
      if (who.upper !== 'CALLER' && who.upper !== 'OWNER' && who.upper !== 'SELF') ctx.diag(TS.ignoredClause, p.spanFrom(t), `EXECUTE AS ${who.text}: runs with that user's rights; the target function is SECURITY DEFINER (its owner's rights)`);
      continue;
    }
    if (p.acceptKws('RETURNS', 'NULL', 'ON', 'NULL', 'INPUT')) { if (r.kind === 'Routine') r.strict = true; continue; }
    if (p.acceptKws('CALLED', 'ON', 'NULL', 'INPUT')) continue;
    if (p.acceptAnyKw('RECOMPILE', 'SCHEMABINDING', 'VIEW_METADATA', 'NATIVE_COMPILATION')) continue;
    if (p.acceptKw('ENCRYPTION')) { ctx.diag(TS.ignoredClause, p.spanFrom(t), 'WITH ENCRYPTION: the target stores the code readable'); continue; }
    if (p.acceptKw('INLINE')) { p.expectOp('='); p.next(); continue; }
    throw p.error(`unknown routine option ${describeToken(t)}`);
  } while (p.acceptOp(','));
}

/** The rest of the batch as a T-SQL body; unbalanced BEGIN/END keeps it as text with TS0017. */
function parseBody(p: Parser, ctx: TsContext, what: string): Block | { kind: 'Unparsed'; text: string; reason: string; span: Routine['span'] } {
  const start = p.cur;
  try {
    const body = new TsqlCode(p, ctx).list(false);
    return { kind: 'Block', declarations: [], body, exceptionHandlers: [], span: p.spanFrom(start) };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    ctx.diag(e.detail.startsWith('BEGIN') ? TS.unbalanced : TS.bodyNotParsed, e.span, `${what}: ${e.detail}`);
    const text = p.textFrom(start);
    p.pos = p.tokens.length - 1;
    return { kind: 'Unparsed', text, reason: e.detail, span: p.spanFrom(start) };
  }
}

/** CREATE [OR ALTER] PROC[EDURE] — after the keyword. */
export function parseCreateProcedure(p: Parser, ctx: TsContext, start: Token, orReplace: boolean): Routine {
  const name = ctx.qualify(objectName(p, 'a procedure name'));
  if (p.acceptOp(';')) throw p.error('numbered procedures (name;n) are not converted');
  const r: Routine = { kind: 'Routine', routineKind: 'procedure', name, params: [], language: 'tsql', body: { kind: 'Block', declarations: [], body: [], exceptionHandlers: [], span: NO_SPAN }, span: NO_SPAN };
  if (orReplace) r.orReplace = true;
  ctx.current = { schema: name.schema, name: name.name, type: 'procedure' };
  r.params = parseParams(p, ctx, false);
  parseRoutineOptions(p, ctx, r);
  p.acceptKws('FOR', 'REPLICATION');
  p.expectKw('AS');
  if (p.acceptKws('EXTERNAL', 'NAME')) throw new ClrObject();
  r.body = parseBody(p, ctx, `Procedure ${name.name}`);
  r.span = p.spanFrom(start);
  return r;
}

/** CREATE [OR ALTER] FUNCTION — scalar, inline table-valued, multi-statement table-valued. */
export function parseCreateFunction(p: Parser, ctx: TsContext, start: Token, orReplace: boolean): Routine {
  const name = ctx.qualify(objectName(p, 'a function name'));
  const r: Routine = { kind: 'Routine', routineKind: 'function', name, params: [], language: 'tsql', body: { kind: 'Block', declarations: [], body: [], exceptionHandlers: [], span: NO_SPAN }, span: NO_SPAN };
  if (orReplace) r.orReplace = true;
  ctx.current = { schema: name.schema, name: name.name, type: 'function' };
  r.params = parseParams(p, ctx, true);
  p.expectKw('RETURNS');
  let returnTable: Statement | undefined;
  if (p.acceptKw('TABLE')) {
    r.returns = { kind: 'table', columns: [] };
  } else if (p.peek(0).type === 'variable') {
    const vStart = p.cur;
    const vname = p.next().value;
    const tableTok = p.expectKw('TABLE');
    p.expectOp('(');
    const columns: import('../../../model/index.js').Column[] = [];
    const constraints: import('../../../model/index.js').Constraint[] = [];
    do {
      if (p.isOp(')')) break;
      if (p.isAnyKw('PRIMARY', 'UNIQUE', 'CHECK', 'CONSTRAINT', 'INDEX')) { while (!p.isOp(',') && !p.isOp(')') && !p.atEnd()) { if (p.isOp('(')) p.skipParens(); else p.next(); } continue; }
      columns.push(parseColumnDef(p, ctx, constraints, p.cur));
    } while (p.acceptOp(','));
    p.expectOp(')');
    r.returns = { kind: 'table', columns: columns.map((c) => ({ name: c.name, dataType: c.dataType })) };
    returnTable = { kind: 'VarDecl', names: [vname], table: { columns, constraints }, dataType: { kind: 'DataType', name: 'unknown', sourceText: 'TABLE', span: p.tokenSpan(tableTok) }, span: p.spanFrom(vStart) };
  } else {
    const dataType = parseTsqlDataType(p);
    checkType(ctx, { name: 'return value', dataType });
    r.returns = { kind: 'type', dataType };
  }
  parseRoutineOptions(p, ctx, r);
  p.acceptKw('AS');
  if (p.acceptKws('EXTERNAL', 'NAME')) throw new ClrObject();
  if (r.returns.kind === 'table' && !returnTable) {
    // Inline TVF: RETURN [(] select [)]
    const rt = p.expectKw('RETURN');
    const query = parseQuery(p);
    p.acceptOp(';');
    if (!p.atEnd()) throw p.error(`unexpected ${describeToken(p.cur)} after the function's RETURN query`);
    r.body = { kind: 'Block', declarations: [], body: [{ kind: 'Return', query, span: p.spanFrom(rt) }], exceptionHandlers: [], span: p.spanFrom(rt) };
  } else {
    const body = parseBody(p, ctx, `Function ${name.name}`);
    if (body.kind === 'Block' && returnTable) body.declarations.push(returnTable);
    r.body = body;
  }
  r.span = p.spanFrom(start);
  return r;
}

/** CREATE [OR ALTER] TRIGGER n ON t {FOR|AFTER|INSTEAD OF} events AS body. DDL/logon triggers: undefined (caller reports). */
export function parseCreateTrigger(p: Parser, ctx: TsContext, start: Token): Trigger | undefined {
  const name = ctx.qualify(objectName(p, 'a trigger name'));
  p.expectKw('ON');
  if (p.isKw('DATABASE') || p.isKws('ALL', 'SERVER')) return undefined;
  const table = ctx.qualify(objectName(p, 'a table name'));
  const tr: Trigger = { kind: 'Trigger', name: withSchema(name, name.schema ?? table.schema), table, timing: 'after', events: [], forEach: 'statement', span: NO_SPAN };
  ctx.current = { schema: tr.name.schema, name: name.name, type: 'trigger' };
  parseRoutineOptions(p, ctx, tr);
  if (p.acceptKws('INSTEAD', 'OF')) tr.timing = 'instead of';
  else p.expectAnyKw('FOR', 'AFTER');
  do tr.events.push(p.expectAnyKw('INSERT', 'UPDATE', 'DELETE').toLowerCase() as TriggerEvent); while (p.acceptOp(','));
  p.acceptKws('WITH', 'APPEND');
  p.acceptKws('NOT', 'FOR', 'REPLICATION');
  p.expectKw('AS');
  if (p.acceptKws('EXTERNAL', 'NAME')) throw new ClrObject();
  // Statement-level trigger reading the inserted/deleted pseudo-tables (transition tables).
  tr.referencing = { newTable: 'inserted', oldTable: 'deleted' };
  tr.body = parseBody(p, ctx, `Trigger ${name.name}`);
  tr.span = p.spanFrom(start);
  return tr;
}

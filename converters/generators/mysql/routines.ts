import type { Block, Routine, Statement, Trigger, Event } from '../../model/index.js';
import { GM } from './codes.js';
import type { GenContext } from './context.js';
import { routineBodySql, statementSql } from './code.js';
import { exprSql } from './expr.js';
import { ident, qname, str } from './quote.js';
import { typeSql } from './types.js';

function bodyStatement(body: Routine['body'] | Trigger['body'] | Event['body'], ctx: GenContext): Statement | undefined {
  if (!body) return undefined;
  if (body.kind === 'SqlBody') {
    if (body.statements.length === 1) return body.statements[0];
    return { kind: 'Block', declarations: [], body: body.statements, exceptionHandlers: [], span: body.span } satisfies Block;
  }
  if (body.kind === 'Unparsed') {
    ctx.broken = true;
    ctx.report(GM.unparsedFragment, body.span, `Body could not be parsed: ${body.reason}`);
    return body;
  }
  return body;
}

export function createRoutineSql(r: Routine, ctx: GenContext): string {
  ctx.routineKind = r.routineKind;
  const isFn = r.routineKind === 'function';
  const params = r.params.map((p) => {
    if (p.default) ctx.report(GM.unsupportedExpr, p.span, `Parameter ${p.name} has a default; MySQL parameters have none, callers must pass it`);
    if (isFn && p.mode !== 'in') ctx.report(GM.unsupportedExpr, p.span, `Function parameter ${p.name} is ${p.mode.toUpperCase()}; MySQL functions take IN parameters only`);
    const mode = isFn ? '' : `${p.mode === 'variadic' ? 'IN' : p.mode.toUpperCase()} `;
    return `${mode}${ident(p.name)} ${typeSql(p.dataType, ctx)}`;
  });
  let head = `CREATE ${isFn ? 'FUNCTION' : 'PROCEDURE'} ${qname(r.name)}(${params.join(', ')})`;
  if (isFn) {
    if (r.returns?.kind === 'type') head += ` RETURNS ${typeSql(r.returns.dataType, ctx)}`;
    else {
      ctx.report(GM.unsupportedObject, r.span, `Function ${r.name.name} returns ${r.returns?.kind ?? 'nothing'}; MySQL functions return one scalar`);
      head += ' RETURNS INT';
    }
  }
  const chars: string[] = [];
  if (r.comment) chars.push(`COMMENT ${str(r.comment)}`);
  const deterministic = r.deterministic ?? r.volatility === 'immutable';
  chars.push(deterministic ? 'DETERMINISTIC' : 'NOT DETERMINISTIC');
  const access = r.dataAccess ?? (r.volatility === 'immutable' ? 'no sql' : r.volatility === 'stable' ? 'reads sql data' : isFn ? 'reads sql data' : 'modifies sql data');
  chars.push(access.toUpperCase());
  if (r.security) chars.push(`SQL SECURITY ${r.security.toUpperCase()}`);
  const body = bodyStatement(r.body, ctx);
  if (!body) return head;
  if (!isFn) ctx.bodyLabel = 'routine_body';
  const sql = routineBodySql(body, ctx, isFn ? undefined : ctx.bodyLabel);
  return `${head}\n${chars.join('\n')}\n${sql}`;
}

export function createTriggerSql(t: Trigger, event: Trigger['events'][number], name: string, ctx: GenContext): string {
  ctx.routineKind = 'trigger';
  ctx.bodyLabel = 'trigger_body';
  if (t.forEach === 'statement') ctx.report(GM.unsupportedObject, t.span, `Statement-level trigger ${t.name.name}: MySQL triggers fire for each row`);
  if (t.timing === 'instead of') ctx.report(GM.unsupportedObject, t.span, `INSTEAD OF trigger ${t.name.name} has no MySQL equivalent`);
  if (event === 'truncate') ctx.report(GM.unsupportedObject, t.span, `TRUNCATE trigger ${t.name.name} has no MySQL equivalent`);
  let body = bodyStatement(t.body, ctx);
  if (!body) {
    ctx.broken = true;
    ctx.report(GM.unsupportedObject, t.span, `Trigger ${t.name.name} calls a function that was not inlined`);
    // Printed commented out: shows what the source trigger ran.
    const fn = t.function ? `EXECUTE FUNCTION ${qname(t.function.name)}(${t.function.args.map((a) => exprSql(a, ctx)).join(', ')})` : 'DO 0';
    return `CREATE TRIGGER ${qname({ schema: t.name.schema, name })} ${t.timing.toUpperCase()} ${t.events.map((e) => e.toUpperCase()).join(' OR ')} ON ${qname(t.table)}\nFOR EACH ${t.forEach.toUpperCase()}\n${fn}`;
  }
  if (t.when) {
    const span = t.when.span;
    body = { kind: 'Block', declarations: [], exceptionHandlers: [], span, body: [{ kind: 'If', branches: [{ condition: t.when, body: [body] }], span }] };
  }
  if (t.updateOf?.length && event === 'update') ctx.report(GM.unsupportedExpr, t.span, `UPDATE OF ${t.updateOf.join(', ')}: MySQL triggers fire on any update`);
  const order = t.order ? `\n${t.order.position.toUpperCase()} ${ident(t.order.other)}` : '';
  const timing = t.timing === 'instead of' ? 'BEFORE' : t.timing.toUpperCase();
  const ev = event === 'truncate' ? 'DELETE' : event.toUpperCase();
  const sql = body.kind === 'Block' ? routineBodySql(body, ctx, ctx.bodyLabel) : statementSql(body, ctx);
  return `CREATE TRIGGER ${qname({ schema: t.name.schema, name })} ${timing} ${ev} ON ${qname(t.table)}\nFOR EACH ROW${order}\n${sql}`;
}

export function createEventSql(e: Event, ctx: GenContext): string {
  ctx.routineKind = 'procedure';
  const s = e.schedule;
  let sched: string;
  if (s.at) sched = `AT ${exprSql(s.at, ctx)}`;
  else if (s.every) sched = `EVERY ${exprSql(s.every.value, ctx)} ${s.every.unit.toUpperCase()}${s.starts ? ` STARTS ${exprSql(s.starts, ctx)}` : ''}${s.ends ? ` ENDS ${exprSql(s.ends, ctx)}` : ''}`;
  else { ctx.report(GM.unsupportedObject, e.span, 'Event without a schedule'); sched = 'AT CURRENT_TIMESTAMP'; }
  const body = bodyStatement(e.body, ctx) ?? { kind: 'Null', span: e.span };
  return `CREATE EVENT ${qname(e.name)} ON SCHEDULE ${sched}${e.onCompletionPreserve ? ' ON COMPLETION PRESERVE' : ''} ${e.enabled ? 'ENABLE' : 'DISABLE'}${e.comment ? ` COMMENT ${str(e.comment)}` : ''}\nDO ${routineBodySql(body, ctx)}`;
}

import type { Block, Event, Parameter, Routine, Trigger, TriggerEvent, Unparsed } from '../../../model/index.js';
import { Parser, ParseError, describeToken } from '../../common/parser.js';
import { parseDataType } from '../../common/datatype.js';
import { parseExpression, INTERVAL_UNITS } from '../../common/expr.js';
import type { Token } from '../../common/tokens.js';
import type { MyContext } from '../context.js';
import { MY } from '../codes.js';
import { Proc } from '../procedural/block.js';
import { objectName, parseIfNotExists, stringValue, type CreatePrefix } from './parts.js';

/**
 * Parses a body; a failure keeps the whole body as text (the object's header is still modelled).
 */
function parseBodyOrText(p: Parser, ctx: MyContext, params: string[]): Block | Unparsed {
  const start = p.cur;
  const startPos = p.pos;
  try {
    const proc = new Proc(p, ctx, params);
    const body = proc.parseBody();
    p.expectEnd();
    return body;
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    p.pos = startPos;
    const text = p.textFrom(start).trim();
    const span = p.spanFrom(start, p.tokens[p.tokens.length - 2] ?? start);
    ctx.diag(MY.proceduralUnparsed, e.span, `Could not parse the body: ${e.detail}. The body is kept as text`);
    p.pos = p.tokens.length - 1;
    return { kind: 'Unparsed', text, reason: e.detail, span };
  } finally {
    p.hooks = {};
  }
}

/** CREATE … PROCEDURE|FUNCTION name (params) [RETURNS type] characteristics body — cursor at the kind word. */
export function parseCreateRoutine(p: Parser, ctx: MyContext, prefix: CreatePrefix, start: Token): Routine {
  const kind = p.expectAnyKw('PROCEDURE', 'FUNCTION') === 'PROCEDURE' ? 'procedure' : 'function';
  parseIfNotExists(p);
  const name = ctx.qualify(objectName(p, `a ${kind} name`));
  const routine: Routine = { kind: 'Routine', routineKind: kind, name, params: [], language: 'mysql', body: { kind: 'Unparsed', text: '', reason: '', span: p.tokenSpan(start) }, span: p.tokenSpan(start) };
  if (prefix.definer) routine.definer = prefix.definer;
  if (prefix.orReplace) routine.orReplace = true;
  ctx.current = { type: kind, name: name.name, ...(name.schema ? { schema: name.schema } : {}) };
  p.expectOp('(');
  if (!p.isOp(')')) {
    do {
      const pstart = p.cur;
      let mode: Parameter['mode'] = 'in';
      const m = kind === 'procedure' ? p.acceptAnyKw('IN', 'OUT', 'INOUT') : undefined;
      if (m) mode = m.toLowerCase() as Parameter['mode'];
      const pname = p.ident('a parameter name').name;
      const dataType = parseDataType(p);
      if (dataType.name === 'unknown') ctx.diag(MY.unknownType, dataType.span, `Unknown data type ${dataType.sourceText} for parameter ${pname}`);
      routine.params.push({ name: pname, mode, dataType, span: p.spanFrom(pstart) });
    } while (p.acceptOp(','));
  }
  p.expectOp(')');
  if (kind === 'function') {
    p.expectKw('RETURNS');
    if (p.isKw('STRING') || p.isKw('SONAME')) throw p.error('loadable (UDF) functions implemented in a shared library cannot be converted');
    routine.returns = { kind: 'type', dataType: parseDataType(p) };
  }
  for (;;) {
    if (p.acceptKw('COMMENT')) { routine.comment = stringValue(p); continue; }
    if (p.acceptKw('LANGUAGE')) { p.expectKw('SQL'); continue; }
    if (p.acceptKws('NOT', 'DETERMINISTIC')) { routine.deterministic = false; continue; }
    if (p.acceptKw('DETERMINISTIC')) { routine.deterministic = true; continue; }
    if (p.acceptKws('CONTAINS', 'SQL')) { routine.dataAccess = 'contains sql'; continue; }
    if (p.acceptKws('NO', 'SQL')) { routine.dataAccess = 'no sql'; continue; }
    if (p.acceptKws('READS', 'SQL', 'DATA')) { routine.dataAccess = 'reads sql data'; continue; }
    if (p.acceptKws('MODIFIES', 'SQL', 'DATA')) { routine.dataAccess = 'modifies sql data'; continue; }
    if (p.acceptKws('SQL', 'SECURITY')) { routine.security = p.expectAnyKw('DEFINER', 'INVOKER') === 'DEFINER' ? 'definer' : 'invoker'; continue; }
    break;
  }
  routine.body = parseBodyOrText(p, ctx, routine.params.map((x) => x.name));
  routine.span = p.spanFrom(start);
  return routine;
}

/** CREATE … TRIGGER name BEFORE|AFTER INSERT|UPDATE|DELETE ON t FOR EACH ROW [FOLLOWS|PRECEDES x] body */
export function parseCreateTrigger(p: Parser, ctx: MyContext, prefix: CreatePrefix, start: Token): Trigger {
  p.expectKw('TRIGGER');
  parseIfNotExists(p);
  const name = ctx.qualify(objectName(p, 'a trigger name'));
  ctx.current = { type: 'trigger', name: name.name, ...(name.schema ? { schema: name.schema } : {}) };
  const timing = p.expectAnyKw('BEFORE', 'AFTER') === 'BEFORE' ? 'before' : 'after';
  const events: TriggerEvent[] = [];
  do events.push(p.expectAnyKw('INSERT', 'UPDATE', 'DELETE').toLowerCase() as TriggerEvent); while (p.acceptKw('OR'));
  p.expectKw('ON');
  const table = ctx.qualify(objectName(p, 'a table name'));
  p.expectKws('FOR', 'EACH', 'ROW');
  const trig: Trigger = { kind: 'Trigger', name, table, timing, events, forEach: 'row', span: p.tokenSpan(start) };
  const order = p.acceptAnyKw('FOLLOWS', 'PRECEDES');
  if (order) trig.order = { position: order === 'FOLLOWS' ? 'follows' : 'precedes', other: p.ident('a trigger name').name };
  if (prefix.definer) trig.definer = prefix.definer;
  trig.body = parseBodyOrText(p, ctx, []);
  trig.span = p.spanFrom(start);
  return trig;
}

/** CREATE … EVENT name ON SCHEDULE … [ON COMPLETION [NOT] PRESERVE] [ENABLE|DISABLE …] [COMMENT '…'] DO body */
export function parseCreateEvent(p: Parser, ctx: MyContext, _prefix: CreatePrefix, start: Token): Event {
  p.expectKw('EVENT');
  parseIfNotExists(p);
  const name = ctx.qualify(objectName(p, 'an event name'));
  ctx.current = { type: 'event', name: name.name, ...(name.schema ? { schema: name.schema } : {}) };
  p.expectKws('ON', 'SCHEDULE');
  const ev: Event = { kind: 'Event', name, schedule: {}, enabled: true, body: { kind: 'Unparsed', text: '', reason: '', span: p.tokenSpan(start) }, span: p.tokenSpan(start) };
  if (p.acceptKw('AT')) ev.schedule.at = parseExpression(p);
  else {
    p.expectKw('EVERY');
    const value = parseExpression(p);
    const unit = p.cur;
    if (unit.type !== 'word' || !INTERVAL_UNITS.has(unit.upper)) throw p.error(`expected an interval unit (DAY, HOUR …) but found ${describeToken(unit)}`);
    p.next();
    ev.schedule.every = { value, unit: unit.upper };
    if (p.acceptKw('STARTS')) ev.schedule.starts = parseExpression(p);
    if (p.acceptKw('ENDS')) ev.schedule.ends = parseExpression(p);
  }
  for (;;) {
    if (p.acceptKws('ON', 'COMPLETION')) { ev.onCompletionPreserve = !p.acceptKw('NOT'); p.expectKw('PRESERVE'); continue; }
    if (p.acceptKw('ENABLE')) { ev.enabled = true; continue; }
    if (p.acceptKw('DISABLE')) { ev.enabled = false; p.acceptKws('ON', 'SLAVE') || p.acceptKws('ON', 'REPLICA'); continue; }
    if (p.acceptKw('COMMENT')) { ev.comment = stringValue(p); continue; }
    break;
  }
  p.expectKw('DO');
  ev.body = parseBodyOrText(p, ctx, []);
  ev.span = p.spanFrom(start);
  return ev;
}

import type { Block, QualifiedName, Statement, Trigger, TriggerEvent } from '../../../model/index.js';
import { describeToken } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import { qualifiedName } from '../../common/names.js';
import type { Token } from '../../common/tokens.js';
import type { PlParser } from './block.js';
import { OP } from './codes.js';
import { parseDeclarations } from './declarations.js';
import { parseCallArgs } from './exprs.js';

type Compound = NonNullable<Trigger['compound']>[number];

const DML_EVENTS: Record<string, TriggerEvent> = { INSERT: 'insert', UPDATE: 'update', DELETE: 'delete' };

/**
 * CREATE TRIGGER name {BEFORE | AFTER | INSTEAD OF | FOR} events ON table [REFERENCING …]
 * [FOR EACH ROW] [FOLLOWS | PRECEDES t] [ENABLE | DISABLE] [WHEN (cond)] body, where body is a
 * block, CALL routine(…) or COMPOUND TRIGGER … END. DDL and database event triggers (ON SCHEMA,
 * ON DATABASE) are kept as text with an action item.
 */
export function parseTrigger(pl: PlParser, start: Token, qname: (pl: PlParser) => QualifiedName): void {
  const p = pl.p;
  p.expectKw('TRIGGER');
  const name = qname(pl);
  while (p.acceptKw('SHARING') || p.acceptKws('DEFAULT', 'COLLATION')) { p.acceptOp('='); p.next(); }
  const timingTok = p.cur;
  const timingWord = p.expectAnyKw('BEFORE', 'AFTER', 'INSTEAD', 'FOR');
  if (timingWord === 'INSTEAD') p.expectKw('OF');
  const events: TriggerEvent[] = [];
  let updateOf: string[] | undefined;
  let system = false;
  do {
    const ev = p.cur;
    const dml = ev.type === 'word' ? DML_EVENTS[ev.upper] : undefined;
    if (!dml) { system = true; p.next(); continue; }
    p.next();
    events.push(dml);
    if (dml === 'update' && p.acceptKw('OF')) {
      updateOf = [];
      do updateOf.push(p.ident('a column name').name); while (p.acceptOp(','));
    }
  } while (p.acceptKw('OR'));
  p.expectKw('ON');
  if (p.isKw('NESTED')) throw p.error('INSTEAD OF triggers ON NESTED TABLE columns are not converted');
  if (p.isKw('DATABASE') || p.isKws('PLUGGABLE', 'DATABASE') || p.isKw('SCHEMA') || (p.isIdent() && p.isOp('.', 1) && p.isKw('SCHEMA', 2))) system = true;
  if (system) {
    while ((p.isIdent() && !p.isAnyKw('BEGIN', 'DECLARE', 'WHEN', 'CALL', 'FOLLOWS', 'PRECEDES', 'ENABLE', 'DISABLE')) || p.isOp('.')) p.next();
    const events = p.textBetween(timingTok).replace(/\s+/g, ' ');
    pl.diag(OP.systemTrigger, p.spanFrom(timingTok), `trigger ${name.name} fires ${events}: DDL and database event triggers are not converted`);
    // the caller keeps the whole unit as text
    while (!p.atEnd()) p.next();
    pl.add({ kind: 'UnparsedObject', objectType: 'trigger', name, statement: { kind: 'Unparsed', text: p.text, reason: 'DDL or database event trigger', span: p.spanFrom(start) }, span: p.spanFrom(start) });
    return;
  }
  const tq = p.qualifiedParts('a table or view name');
  const table = pl.ctx.qualify(qualifiedName(tq.parts, tq.quoted));
  const trig: Trigger = {
    kind: 'Trigger', name, table, timing: timingWord === 'BEFORE' ? 'before' : timingWord === 'AFTER' ? 'after' : 'instead of',
    events, forEach: 'statement', span: p.spanFrom(start),
  };
  if (updateOf) trig.updateOf = updateOf;
  const rows = { newRow: 'NEW', oldRow: 'OLD', parentRow: 'PARENT' };
  if (p.acceptKw('REFERENCING')) {
    const referencing: NonNullable<Trigger['referencing']> = {};
    while (p.isAnyKw('NEW', 'OLD', 'PARENT')) {
      const which = p.next().upper;
      p.acceptKw('AS');
      const alias = p.ident('a correlation name').name;
      if (which === 'NEW') { rows.newRow = alias; referencing.newRow = alias; }
      else if (which === 'OLD') { rows.oldRow = alias; referencing.oldRow = alias; }
      else rows.parentRow = alias;
    }
    trig.referencing = referencing;
  }
  pl.scope.triggerRows = rows;
  if (p.acceptKws('FOR', 'EACH', 'ROW')) trig.forEach = 'row';
  for (;;) {
    if (p.acceptAnyKw('FOLLOWS', 'PRECEDES')) {
      const position = p.prev.upper === 'FOLLOWS' ? 'follows' : 'precedes';
      const other = p.qualifiedParts('a trigger name').parts.join('.');
      while (p.acceptOp(',')) p.qualifiedParts('a trigger name');
      trig.order = { position, other };
      continue;
    }
    if (p.acceptKw('ENABLE')) { trig.enabled = true; continue; }
    if (p.acceptKw('DISABLE')) { trig.enabled = false; continue; }
    break;
  }
  if (p.acceptKw('WHEN')) {
    p.expectOp('(');
    pl.scope.inWhen = true;
    try { trig.when = parseExpression(p); } finally { pl.scope.inWhen = false; }
    p.expectOp(')');
  }
  if (timingWord === 'FOR' || p.isKws('COMPOUND', 'TRIGGER')) {
    parseCompound(pl, trig, name.name);
  } else if (p.isKw('CALL')) {
    const callTok = p.next();
    const q = p.qualifiedParts('a routine name');
    const args = p.isOp('(') ? parseCallArgs(p) : [];
    p.acceptOp(';');
    const call: Statement = { kind: 'Call', name: qualifiedName(q.parts, q.quoted), args, span: p.spanFrom(callTok) };
    trig.body = { kind: 'Block', declarations: [], body: [call], exceptionHandlers: [], span: p.spanFrom(callTok) };
  } else {
    if (!p.isAnyKw('DECLARE', 'BEGIN')) throw p.error(`expected the trigger body (DECLARE, BEGIN, CALL or COMPOUND TRIGGER) but found ${describeToken(p.cur)}`);
    trig.body = pl.parseBlock();
  }
  trig.span = p.spanFrom(start);
  pl.add(trig);
}

const SECTION_TIMINGS: Record<string, Compound['timing']> = {
  'BEFORE STATEMENT': 'before statement', 'BEFORE EACH ROW': 'before each row', 'AFTER EACH ROW': 'after each row',
  'AFTER STATEMENT': 'after statement', 'INSTEAD OF EACH ROW': 'instead of each row',
};

/** BEFORE STATEMENT | BEFORE EACH ROW | AFTER EACH ROW | AFTER STATEMENT | INSTEAD OF EACH ROW */
function sectionTiming(pl: PlParser): Compound['timing'] | undefined {
  const p = pl.p;
  for (const [words, timing] of Object.entries(SECTION_TIMINGS)) {
    const ws = words.split(' ');
    if (p.isKws(...ws)) { p.pos += ws.length; return timing; }
  }
  return undefined;
}

/** COMPOUND TRIGGER [declarations] timing-point sections END [name]; */
function parseCompound(pl: PlParser, trig: Trigger, name: string): void {
  const p = pl.p;
  const open = p.cur;
  p.expectKws('COMPOUND', 'TRIGGER');
  pl.scope.push();
  try {
    const d = parseDeclarations(pl, ['BEFORE', 'AFTER', 'INSTEAD', 'END'], { inPackage: false });
    const sections: Compound[] = [];
    for (;;) {
      const secStart = p.cur;
      const timing = sectionTiming(pl);
      if (!timing) break;
      p.expectKw('IS');
      const begin = p.expectKw('BEGIN');
      const body = pl.parseList();
      const exceptionHandlers = p.isKw('EXCEPTION') ? pl.parseHandlers() : [];
      pl.expectEnd(begin);
      if (!sectionTiming(pl)) throw p.error(`expected END ${secStart.upper} … (the timing point) but found ${describeToken(p.cur)}`);
      p.expectOp(';');
      const block: Block = { kind: 'Block', declarations: [], body, exceptionHandlers, span: p.spanFrom(secStart) };
      sections.push({ timing, body: block });
    }
    if (!sections.length) throw p.error(`expected a timing-point section (BEFORE STATEMENT, BEFORE EACH ROW …) but found ${describeToken(p.cur)}`);
    pl.endName(open, name);
    trig.compound = sections;
    const first = sections[0]!.timing;
    trig.timing = first.startsWith('before') ? 'before' : first.startsWith('after') ? 'after' : 'instead of';
    if (sections.some((s) => s.timing.endsWith('row'))) trig.forEach = 'row';
    const shared: Block = { kind: 'Block', declarations: d.declarations, body: [], exceptionHandlers: [], span: p.spanFrom(open) };
    if (d.routines.length) shared.routines = d.routines;
    trig.body = shared;
  } finally {
    pl.scope.pop();
  }
}

import type { DataType, Parameter, Routine, SourceSpan, Statement, Trigger, TriggerEvent } from '../../../model/index.js';
import type { PgParser, Tok } from '../parser.js';
import { PG } from '../codes.js';
import type { PgContext } from '../context.js';
import { parseRoutineBody } from '../plpgsql/body.js';
import { Scope } from '../plpgsql/scope.js';

/** CREATE [OR REPLACE] FUNCTION|PROCEDURE — the parser stands after FUNCTION/PROCEDURE. */
export function parseCreateRoutine(p: PgParser, ctx: PgContext, start: Tok, kind: 'function' | 'procedure', orReplace: boolean): Routine {
  const name = ctx.qualify(p.qname());
  const params = parseParams(p);
  const r: Routine = {
    kind: 'Routine', routineKind: kind, name, params, language: 'sql',
    body: { kind: 'Unparsed', text: '', reason: 'no body', span: p.spanFrom(start) }, span: p.spanFrom(start),
    ...(orReplace ? { orReplace: true } : {}),
  };
  if (p.acceptWord('RETURNS')) {
    if (p.acceptWord('TABLE')) {
      p.expectPunct('(');
      const columns: { name: string; dataType: DataType }[] = [];
      do columns.push({ name: p.ident().name, dataType: p.dataType() }); while (p.acceptPunct(','));
      p.expectPunct(')');
      r.returns = { kind: 'table', columns };
    } else if (p.acceptWord('SETOF')) {
      r.returns = { kind: 'type', dataType: p.dataType(), setOf: true };
    } else if (p.isWord('TRIGGER', 'EVENT_TRIGGER') && !p.isPunctAt(1, '.')) {
      p.next();
      r.returns = { kind: 'trigger' };
    } else if (p.isWord('VOID') && !p.isPunctAt(1, '.')) {
      p.next();
      r.returns = { kind: 'void' };
    } else {
      r.returns = { kind: 'type', dataType: p.dataType() };
    }
  }
  let bodyTok: Tok | undefined;
  let atomic: { from: Tok; to: Tok } | undefined;
  for (;;) {
    if (p.acceptWord('LANGUAGE')) r.language = (p.cur.type === 'string' ? p.stringValue() : p.ident().name).toLowerCase();
    else if (p.acceptWord('AS')) {
      bodyTok = p.cur;
      p.stringValue('the routine body');
      if (p.acceptPunct(',')) { p.stringValue(); } // C functions: obj_file, link_symbol
    } else if (p.acceptWord('IMMUTABLE')) r.volatility = 'immutable';
    else if (p.acceptWord('STABLE')) r.volatility = 'stable';
    else if (p.acceptWord('VOLATILE')) r.volatility = 'volatile';
    else if (p.acceptWord('STRICT') || p.acceptSeq('RETURNS', 'NULL', 'ON', 'NULL', 'INPUT')) r.strict = true;
    else if (p.acceptSeq('CALLED', 'ON', 'NULL', 'INPUT')) r.strict = false;
    else if (p.acceptSeq('EXTERNAL', 'SECURITY', 'DEFINER') || p.acceptSeq('SECURITY', 'DEFINER')) r.security = 'definer';
    else if (p.acceptSeq('EXTERNAL', 'SECURITY', 'INVOKER') || p.acceptSeq('SECURITY', 'INVOKER')) r.security = 'invoker';
    else if (p.acceptWord('PARALLEL')) r.parallel = p.expectOneOf('SAFE', 'RESTRICTED', 'UNSAFE') as Routine['parallel'];
    else if (p.acceptSeq('NOT', 'LEAKPROOF') || p.acceptWord('LEAKPROOF') || p.acceptWord('WINDOW')) { /* planner detail */ }
    else if (p.acceptWord('COST') || p.acceptWord('ROWS')) p.next();
    else if (p.acceptWord('SUPPORT')) p.qname();
    else if (p.acceptWord('TRANSFORM')) { do { p.expectWord('FOR'); p.expectWord('TYPE'); p.dataType(); } while (p.acceptPunct(',')); }
    else if (p.acceptWord('SET')) {
      p.qnameText();
      if (p.acceptSeq('FROM', 'CURRENT')) continue;
      if (!p.acceptWord('TO')) p.expectPunct('=');
      do p.rawValue(); while (p.acceptPunct(','));
    } else if (p.isWord('BEGIN') && p.isWordAt(1, 'ATOMIC')) {
      const from = p.next();
      p.next();
      let depth = 1;
      while (!p.atEnd() && depth > 0) {
        const t = p.next();
        if (t.type === 'word' && (t.upper === 'BEGIN' || t.upper === 'CASE')) depth++;
        else if (t.type === 'word' && t.upper === 'END') depth--;
      }
      atomic = { from, to: p.prev };
    } else if (p.acceptWord('RETURN')) {
      // SQL-standard body: RETURN expr
      const from = p.prev;
      const scope = new Scope();
      for (const prm of r.params) if (prm.name) scope.declare(prm.name, { kind: 'variable' });
      const saved = p.hooks;
      p.hooks = { ...saved, identifier: (parts, quoted, span) => scope.resolve(parts, quoted, span) };
      let value;
      try { value = p.expr(); } finally { p.hooks = saved; }
      r.body = { kind: 'SqlBody', statements: [{ kind: 'Return', value, span: p.spanFrom(from) }], span: p.spanFrom(from) };
    } else break;
  }
  if (!p.atEnd()) throw p.error(`unexpected '${p.cur.text}' in the routine definition`);
  r.span = p.spanFrom(start);
  if (bodyTok) {
    r.body = parseRoutineBody(ctx, r, bodyTok, p.file);
  } else if (atomic) {
    const span = p.spanFrom(atomic.from, atomic.to);
    r.body = parseRoutineBody(ctx, r, undefined, p.file, { text: p.textOf(span), span, atomic: true });
  }
  if (r.routineKind === 'procedure') delete r.returns;
  if (r.language !== 'sql' && r.language !== 'plpgsql') {
    ctx.diag(PG.unsupportedLanguage, r.span, `Routine ${r.name.name} is written in LANGUAGE ${r.language}; its body is kept as text`, { type: kind, name: r.name });
  }
  return r;
}

function parseParams(p: PgParser): Parameter[] {
  p.expectPunct('(');
  const params: Parameter[] = [];
  if (!p.isPunct(')')) {
    do {
      const start = p.cur;
      let mode: Parameter['mode'] = 'in';
      const m = p.acceptAnyKw('IN', 'OUT', 'INOUT', 'VARIADIC');
      if (m) {
        mode = m.toLowerCase() as Parameter['mode'];
        if (m === 'IN' && p.acceptWord('OUT')) mode = 'inout';
      }
      // name type | type: a name is present when an identifier is followed by something that
      // starts a type (another identifier or a quoted identifier), not by ',' ')' '(' '.' '[' '%' DEFAULT =
      let name = '';
      if (p.isIdent() && (p.isIdentAt(1)) && !p.isWordAt(1, 'DEFAULT', 'VARYING', 'PRECISION', 'WITH', 'WITHOUT', 'ARRAY')
        && !(p.isWord('DOUBLE', 'CHARACTER', 'CHAR', 'NATIONAL', 'BIT', 'TIME', 'TIMESTAMP', 'INTERVAL') && p.isWordAt(1, 'PRECISION', 'VARYING', 'CHARACTER', 'CHAR', 'WITH', 'WITHOUT', 'ZONE', 'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'))) {
        name = p.ident().name;
      }
      const dataType = p.dataType();
      const param: Parameter = { name, mode, dataType, span: p.spanFrom(start) };
      if (p.acceptWord('DEFAULT') || p.acceptPunct('=')) param.default = p.expr();
      param.span = p.spanFrom(start);
      params.push(param);
    } while (p.acceptPunct(','));
  }
  p.expectPunct(')');
  return params;
}

const EVENTS: Record<string, TriggerEvent> = { INSERT: 'insert', UPDATE: 'update', DELETE: 'delete', TRUNCATE: 'truncate' };

/** CREATE [OR REPLACE] [CONSTRAINT] TRIGGER — the parser stands after TRIGGER. */
export function parseCreateTrigger(p: PgParser, ctx: PgContext, start: Tok, constraint: boolean): Trigger {
  const id = p.ident();
  const timingWord = p.expectOneOf('BEFORE', 'AFTER', 'INSTEAD');
  if (timingWord === 'instead') p.expectWord('OF');
  const timing: Trigger['timing'] = timingWord === 'instead' ? 'instead of' : (timingWord as 'before' | 'after');
  const events: TriggerEvent[] = [];
  let updateOf: string[] | undefined;
  do {
    const e = p.expectOneOf('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE');
    events.push(EVENTS[e.toUpperCase()]!);
    if (e === 'update' && p.acceptWord('OF')) {
      updateOf = [];
      do updateOf.push(p.ident().name); while (p.acceptPunct(','));
    }
  } while (p.acceptWord('OR'));
  p.expectWord('ON');
  const table = ctx.qualify(p.qname());
  const tr: Trigger = {
    kind: 'Trigger', name: { ...(table.schema ? { schema: table.schema } : {}), name: id.name, ...(id.quoted ? { quoted: true } : {}) },
    table, timing, events, forEach: 'statement', span: p.spanFrom(start), ...(updateOf ? { updateOf } : {}), ...(constraint ? { constraint: true } : {}),
  };
  for (;;) {
    if (p.acceptWord('FROM')) p.qname();
    else if (p.acceptSeq('NOT', 'DEFERRABLE') || p.acceptWord('DEFERRABLE') || p.acceptSeq('INITIALLY', 'DEFERRED') || p.acceptSeq('INITIALLY', 'IMMEDIATE')) { /* constraint trigger timing */ }
    else if (p.acceptWord('REFERENCING')) {
      const ref: NonNullable<Trigger['referencing']> = {};
      while (p.isWord('OLD', 'NEW')) {
        const which = p.next().upper;
        p.expectOneOf('TABLE', 'ROW');
        p.acceptWord('AS');
        const n = p.ident().name;
        if (which === 'OLD') ref.oldTable = n; else ref.newTable = n;
      }
      tr.referencing = ref;
    } else if (p.acceptWord('FOR')) {
      p.acceptWord('EACH');
      tr.forEach = p.expectOneOf('ROW', 'STATEMENT') as 'row' | 'statement';
    } else if (p.acceptWord('WHEN')) {
      p.expectPunct('(');
      tr.when = p.expr();
      p.expectPunct(')');
    } else break;
  }
  p.expectWord('EXECUTE');
  p.expectOneOf('FUNCTION', 'PROCEDURE');
  const fname = p.qname();
  p.expectPunct('(');
  const args = [];
  if (!p.isPunct(')')) do args.push(p.expr()); while (p.acceptPunct(','));
  p.expectPunct(')');
  tr.function = { name: fname, args };
  tr.span = p.spanFrom(start);
  return tr;
}

/** Parameters by name and position, for scope resolution inside bodies. */
export function paramNames(r: Routine): string[] {
  return r.params.map((x) => x.name);
}

export type BodySource = { text: string; span: SourceSpan; atomic?: boolean };
export type { Statement };

import type {
  Block, CatalogObject, DataType, Expr, HandlerCondition, NodeLike, Routine, Statement, Trigger, TriggerEvent,
} from '../../model/index.js';
import { objectRef, rewrite, walk } from '../../model/index.js';
import { PM } from './codes.js';
import type { RuleContext } from './context.js';
import { identifier, targetName } from './names.js';
import { mapType } from './types.js';
import { isNowLike } from './tables.js';
import { cursorLoop } from './forloops.js';
import { collectRows } from './setof.js';
import { nullBeforeSelectInto } from './selectinto.js';

type Conv = <T>(node: T) => T;

/** Parameters without a name get p1, p2 … so positional $n references can name them. */
function paramName(r: Routine, i: number): string {
  return r.params[i]?.name || `p${i + 1}`;
}

function bindPositional<T>(node: T, r: Routine): T {
  return rewrite(node, (n) => {
    const v = n as Expr;
    if (v.kind === 'Variable' && v.scope === 'positional') {
      const i = Number(v.name.replace('$', '')) - 1;
      return { kind: 'Variable', name: paramName(r, i), scope: 'local', span: v.span } as NodeLike;
    }
    return undefined;
  });
}

/** PostgreSQL condition names / SQLSTATEs → what MySQL raises for the same error. */
const CONDITIONS: Record<string, HandlerCondition> = {
  unique_violation: { kind: 'sqlstate', value: '23000' },
  foreign_key_violation: { kind: 'sqlstate', value: '23000' },
  not_null_violation: { kind: 'sqlstate', value: '23000' },
  integrity_constraint_violation: { kind: 'sqlstate', value: '23000' },
  raise_exception: { kind: 'sqlstate', value: '45000' },
  no_data_found: { kind: 'notFound' },
  division_by_zero: { kind: 'sqlstate', value: '22012' },
  numeric_value_out_of_range: { kind: 'sqlstate', value: '22003' },
  string_data_right_truncation: { kind: 'sqlstate', value: '22001' },
  invalid_datetime_format: { kind: 'sqlstate', value: '22007' },
  datetime_field_overflow: { kind: 'sqlstate', value: '22008' },
  P0001: { kind: 'sqlstate', value: '45000' },
};

function mapCondition(c: HandlerCondition, ctx: RuleContext, span: Statement['span']): HandlerCondition {
  if (c.kind === 'others') return { kind: 'sqlException' };
  const key = c.kind === 'named' ? c.name.toLowerCase() : c.kind === 'sqlstate' ? c.value.toUpperCase() : undefined;
  if (key === undefined) return c;
  const m = CONDITIONS[key] ?? CONDITIONS[key.toLowerCase()];
  if (m) return m;
  if (c.kind === 'sqlstate' && /^[0-9A-Z]{5}$/.test(c.value) && !c.value.startsWith('P')) return c;
  ctx.report(PM.unsupportedStatement, span, `Exception condition ${key} has no MySQL equivalent; the handler catches every SQL exception`);
  return { kind: 'sqlException' };
}

/** Statement-level fixes: RAISE levels, EXECUTE, %TYPE, FOUND. */
function convertStatements<T>(node: T, ctx: RuleContext): T {
  const recordVars = new Set<string>();
  return rewrite(node, (n) => {
    const s = n as Statement | Expr;
    switch (s.kind) {
      case 'Raise':
        if (s.level !== 'exception' && !s.reraise) {
          ctx.report(PM.raiseNotice, s.span, `RAISE ${s.level.toUpperCase()} dropped`);
          return { kind: 'Null', span: s.span } as NodeLike;
        }
        if (s.reraise) return undefined;
        if (s.conditionName || (s.sqlstate && (s.sqlstate.startsWith('P') || !/^[0-9A-Z]{5}$/.test(s.sqlstate)))) {
          const m = mapCondition(s.conditionName ? { kind: 'named', name: s.conditionName } : { kind: 'sqlstate', value: s.sqlstate! }, ctx, s.span);
          const out = { ...s, sqlstate: m.kind === 'sqlstate' ? m.value : '45000' };
          delete out.conditionName;
          return out as NodeLike;
        }
        if (s.sqlstate === undefined) return { ...s, sqlstate: '45000' } as NodeLike;
        return undefined;
      case 'DynamicSql': ctx.report(PM.dynamicSql, s.span); return undefined;
      case 'VarDecl': {
        if (s.typeRef && !s.typeRef.rowtype) {
          const t = ctx.lookup(ctx.tables, s.typeRef.of);
          const c = t?.columns.find((x) => x.name === s.typeRef!.column);
          if (c) { const out = { ...s, dataType: mapType(c.dataType, ctx, `variable ${s.names.join(', ')}`).type }; delete out.typeRef; return out as NodeLike; }
        }
        if (s.typeRef || s.record) return undefined; // loop records are replaced at the block; others reported there
        return { ...s, dataType: mapType(s.dataType, ctx, `variable ${s.names.join(', ')}`).type } as NodeLike;
      }
      case 'Block': {
        const decls = s.declarations.filter((d) => !(d.kind === 'VarDecl' && (d.record || d.typeRef?.rowtype) && d.names.every((n) => recordVars.has(n))));
        const b = decls.length !== s.declarations.length ? { ...s, declarations: decls } : s;
        for (const d of decls) if (d.kind === 'VarDecl' && (d.record || d.typeRef)) ctx.report(PM.recordVariable, d.span, `Variable ${d.names.join(', ')} is a record/%ROWTYPE that could not be split into fields`);
        if (!b.exceptionHandlers.length) return b === s ? undefined : b as NodeLike;
        ctx.report(PM.exceptionBlock, s.span);
        return { ...b, exceptionHandlers: b.exceptionHandlers.map((h) => ({ ...h, conditions: h.conditions.map((c) => mapCondition(c, ctx, h.span)) })) } as NodeLike;
      }
      case 'ForQuery': {
        const loop = cursorLoop(s, ctx, recordVars);
        if (loop) return loop as NodeLike;
        ctx.report(PM.unsupportedStatement, s.span, `FOR ${s.variable} IN ${s.dynamic ? 'EXECUTE' : 'query'} loop: rewrite as a cursor loop`);
        return undefined;
      }
      case 'Variable':
        if (s.scope === 'local' && s.name.toLowerCase() === 'found') {
          ctx.report(PM.foundVariable, s.span);
          return { kind: 'Raw', text: '(ROW_COUNT() > 0)', span: s.span } as NodeLike;
        }
        return undefined;
      case 'ColumnRef':
        if (s.parts.length === 1 && s.parts[0]!.toLowerCase() === 'found') {
          ctx.report(PM.foundVariable, s.span);
          return { kind: 'Raw', text: '(ROW_COUNT() > 0)', span: s.span } as NodeLike;
        }
        return undefined;
      default: return undefined;
    }
  });
}

function hasSideEffects(body: Routine['body']): boolean {
  let found = false;
  const sqlBody = body.kind === 'SqlBody';
  walk(body, (n) => {
    if (n.kind === 'Insert' || n.kind === 'Update' || n.kind === 'Delete' || n.kind === 'DynamicSql' || n.kind === 'Transaction' || n.kind === 'DdlStatement') found = true;
    if (!sqlBody && n.kind === 'SqlStatement' && (n as unknown as { statement: { kind: string; into?: unknown[] } }).statement.kind === 'Select' && !(n as unknown as { statement: { into?: unknown[] } }).statement.into?.length && !(n as unknown as { perform?: boolean }).perform) found = true;
  });
  return found;
}

/** RETURN x in a function that became a procedure: the value is the procedure's one-row result set. */
function returnAsResultSet<T>(body: T): T {
  return rewrite(body, (n) => {
    const s = n as Statement;
    if (s.kind !== 'Return' || !s.value) return undefined;
    const select: Statement = { kind: 'SqlStatement', statement: { kind: 'Select', items: [{ expr: s.value, alias: 'result' }], from: [], groupBy: [], orderBy: [], span: s.span }, span: s.span };
    return { kind: 'Block', declarations: [], exceptionHandlers: [], body: [select, { kind: 'Return', span: s.span }], span: s.span } as NodeLike;
  });
}

/** Parameter and variable names → PostgreSQL type names (same-named variables in inner blocks: last wins). */
function declaredTypes(r: Routine): Map<string, string> {
  const out = new Map<string, string>();
  r.params.forEach((p, i) => out.set(paramName(r, i), p.dataType.name));
  walk(r.body, (n) => {
    if (n.kind === 'VarDecl') { const d = n as unknown as { names: string[]; dataType: DataType }; for (const x of d.names) out.set(x, d.dataType.name); }
    if (n.kind === 'ForRange') out.set((n as unknown as { variable: string }).variable, 'int');
  });
  return out;
}

/** PostgreSQL function/procedure → MySQL routine. Returns undefined for trigger functions (inlined into triggers). */
export function convertRoutine(r: Routine, conv: Conv, ctx: RuleContext): CatalogObject | undefined {
  if (r.returns?.kind === 'trigger') return undefined;
  if (r.body.kind === 'Unparsed') ctx.report(PM.routineNotConverted, r.span, `${r.name.name}: body could not be parsed (${r.body.reason})`);
  const params = r.params.filter((p) => !(r.routineKind === 'function' && p.mode === 'out' && r.returns)).map((p, i) => {
    if (p.default) ctx.report(PM.namedParams, p.span, `Default of parameter ${p.name} dropped`);
    const out = { ...p, name: identifier(paramName(r, i), ctx), dataType: mapType(p.dataType, ctx, `parameter ${p.name || i + 1}`).type, mode: p.mode === 'variadic' ? 'in' as const : p.mode };
    delete out.default;
    return out;
  });
  ctx.varTypes = declaredTypes(r);
  let body = nullBeforeSelectInto(convertStatements(conv(bindPositional(r.body, r)), ctx));
  ctx.varTypes = new Map();
  let routineKind = r.routineKind;
  let returns = r.returns;
  if (r.routineKind === 'function') {
    const setLike = (r.returns?.kind === 'type' && r.returns.setOf) || r.returns?.kind === 'table';
    if (setLike) {
      ctx.report(PM.setReturning, r.span, `${r.name.name} returns a set; it became a procedure returning a result set`);
      let next = 0;
      let queries = 0;
      walk(r.body, (n) => { if (n.kind === 'Return') { const x = n as unknown as { next?: boolean; query?: unknown }; if (x.next) next++; if (x.query) queries++; } });
      if (next || queries > 1) {
        const collected = body.kind === 'Block' ? collectRows(r, body, ctx) : undefined;
        if (collected) body = collected;
        else ctx.report(PM.setReturning, r.span, `${r.name.name}: ${next ? 'RETURN NEXT rows are not returned' : `its ${queries} RETURN QUERY statements return ${queries} separate result sets`}; collect the rows in a temporary table and SELECT it once`);
      }
    }
    else if (!r.returns || r.returns.kind === 'void') ctx.report(PM.setReturning, r.span, `${r.name.name} returns void; it became a procedure (callers must use CALL)`);
    else if (hasSideEffects(body)) ctx.report(PM.setReturning, r.span, `${r.name.name} changes data or returns a result set; it became a procedure`);
    if (setLike || !r.returns || r.returns.kind === 'void' || hasSideEffects(body)) {
      routineKind = 'procedure';
      if (r.returns?.kind === 'type' && !setLike) body = returnAsResultSet(body);
      returns = undefined;
      if (body.kind === 'SqlBody') body = { ...body, statements: body.statements.map((s) => s) };
    } else if (r.returns.kind === 'type') {
      returns = { kind: 'type', dataType: mapType(r.returns.dataType, ctx, `${r.name.name} result`).type };
      if (body.kind === 'SqlBody') {
        // LANGUAGE sql: the single SELECT becomes RETURN (expr) or RETURN (subquery).
        const only = body.statements.length === 1 ? body.statements[0] : undefined;
        if (only?.kind === 'SqlStatement' && only.statement.kind === 'Select' && only.statement.items.length === 1) {
          const q = only.statement;
          const value: Expr = q.from.length === 0 && !q.where ? q.items[0]!.expr : { kind: 'ScalarSubquery', query: q, span: q.span };
          body = { kind: 'Block', declarations: [], exceptionHandlers: [], body: [{ kind: 'Return', value, span: only.span }], span: body.span };
        } else {
          ctx.report(PM.sqlFunctionAsProcedure, r.span, `${r.name.name}: SQL body is not a single SELECT`);
          routineKind = 'procedure';
          returns = undefined;
        }
      }
    }
  }
  if (r.security || r.volatility) ctx.report(PM.security, r.span, `${r.name.name}: ${[r.security && `SECURITY ${r.security.toUpperCase()}`, r.volatility && r.volatility.toUpperCase()].filter(Boolean).join(', ')} mapped`);
  const out: Routine = {
    ...r, routineKind, name: targetName(r.name, ctx), params, returns, body, language: 'mysql',
    origin: objectRef(r.routineKind, r.name),
  };
  if (routineKind === 'procedure') { delete out.deterministic; out.volatility = r.volatility === 'immutable' ? 'stable' : r.volatility; }
  return out;
}

function foldTriggerVars<T>(node: T, event: TriggerEvent, table: string): T {
  return rewrite(node, (n) => {
    const e = n as Expr;
    const name = e.kind === 'Variable' ? e.name : e.kind === 'ColumnRef' && e.parts.length === 1 ? e.parts[0]! : undefined;
    if (!name) return undefined;
    const v = name.toLowerCase();
    if (v === 'tg_op') return { kind: 'Literal', type: 'string', value: event.toUpperCase(), span: e.span } as NodeLike;
    if (v === 'tg_table_name' || v === 'tg_relname') return { kind: 'Literal', type: 'string', value: table, span: e.span } as NodeLike;
    if (v === 'tg_when') return undefined;
    return undefined;
  });
}

/** Makes `new.x`/`old.x` record references plain ColumnRefs the generator prints as NEW.x / OLD.x. */
function recordRefs<T>(node: T): T {
  return rewrite(node, (n) => {
    const e = n as Expr;
    if (e.kind === 'ColumnRef' && e.parts.length === 2 && /^(new|old)$/i.test(e.parts[0]!)) return { ...e, parts: [e.parts[0]!.toUpperCase(), e.parts[1]!] } as NodeLike;
    return undefined;
  });
}

/**
 * The ON UPDATE CURRENT_TIMESTAMP emulation (BEFORE UPDATE: IF NEW IS DISTINCT FROM OLD AND
 * NEW.c IS NOT DISTINCT FROM OLD.c THEN NEW.c := now) is MySQL's column attribute: returns c.
 */
export function onUpdateColumn(t: Trigger, routines: Map<string, CatalogObject[]>): string | undefined {
  if (t.timing !== 'before' || t.events.length !== 1 || t.events[0] !== 'update' || t.forEach !== 'row' || !t.function) return undefined;
  const fn = (routines.get(t.function.name.name.toLowerCase()) ?? []).find((r): r is Routine => r.kind === 'Routine' && r.returns?.kind === 'trigger');
  if (!fn || fn.body.kind !== 'Block') return undefined;
  const stmts = fn.body.body.filter((s) => s.kind !== 'Return');
  const only = stmts.length === 1 ? stmts[0] : undefined;
  if (only?.kind !== 'If' || only.branches.length !== 1 || only.else?.length) return undefined;
  const b = only.branches[0]!;
  const assign = b.body.length === 1 ? b.body[0] : undefined;
  if (assign?.kind !== 'Assign' || assign.target.kind !== 'ColumnRef' || !/^new$/i.test(assign.target.parts[0] ?? '')) return undefined;
  if (!isNowLike(assign.value)) return undefined;
  const col = assign.target.parts[1]!;
  const text = JSON.stringify(b.condition);
  return text.includes('is distinct from') && text.includes('is not distinct from') && text.includes(`"${col}"`) ? col : undefined;
}

/** PostgreSQL trigger (EXECUTE FUNCTION f()) → one MySQL trigger per event with the function body inlined. */
export function convertTrigger(t: Trigger, conv: Conv, ctx: RuleContext, routines: Map<string, CatalogObject[]>, sharedNames: Set<string>): Trigger[] {
  const origin = objectRef('trigger', t.name);
  // Triggers that cannot be converted still appear in the output, as not converted, with their findings.
  const kept = (): Trigger[] => {
    const out: Trigger = { ...t, name: targetName(t.name, ctx), table: targetName(t.table, ctx), origin };
    delete out.body; delete out.when;
    return [out];
  };
  if (t.forEach === 'statement') { ctx.report(PM.statementTrigger, t.span, `Statement-level trigger ${t.name.name} not converted`); return kept(); }
  if (t.timing === 'instead of') { ctx.report(PM.unsupportedStatement, t.span, `INSTEAD OF trigger ${t.name.name}: MySQL has no triggers on views; not converted`); return kept(); }
  const events = t.events.filter((e) => {
    if (e === 'truncate') ctx.report(PM.truncateTrigger, t.span, `TRUNCATE event of ${t.name.name} dropped`);
    return e !== 'truncate';
  });
  let body: Block | undefined;
  if (t.function) {
    const fn = (routines.get(t.function.name.name.toLowerCase()) ?? []).find((r): r is Routine => r.kind === 'Routine' && r.returns?.kind === 'trigger');
    if (!fn) {
      const builtin = /tsvector_update_trigger/i.test(t.function.name.name);
      ctx.report(builtin ? PM.textSearch : PM.routineNotConverted, t.span, `Trigger ${t.name.name} calls ${t.function.name.name}(), which is not a PL/pgSQL function of this script; not converted`);
      return kept();
    }
    if (fn.body.kind !== 'Block') {
      const why = fn.body.kind === 'Unparsed' ? ` (its body could not be parsed: ${fn.body.reason})` : '';
      ctx.report(PM.routineNotConverted, t.span, `Trigger function ${fn.name.name} could not be inlined into ${t.name.name}${why}`);
      return kept();
    }
    body = fn.body;
    ctx.report(PM.triggerInlined, t.span, `Trigger function ${fn.name.name}() inlined into ${t.name.name}`);
  } else if (t.body?.kind === 'Block') body = t.body;
  if (!body) return kept();
  if (t.timing === 'before') {
    let skipsRow = false;
    walk(body, (n) => { if (n.kind === 'Return' && (n as unknown as { value?: Expr }).value?.kind === 'Literal' && (n as unknown as { value: { type: string } }).value.type === 'null') skipsRow = true; });
    if (skipsRow) ctx.report(PM.unsupportedStatement, t.span, `${t.name.name}: RETURN NULL (skip the row) has no MySQL equivalent; the row is still written. SIGNAL an error to reject it`);
  }
  if (events.length > 1) ctx.report(PM.triggerInlined, t.span, `${t.name.name} split into ${events.length} MySQL triggers (${events.join(', ')})`);
  if (t.timing === 'after') {
    let assigns = false;
    walk(body, (n) => { if (n.kind === 'Assign' && /^new$/i.test(((n as unknown as { target: { parts?: string[] } }).target.parts ?? [])[0] ?? '')) assigns = true; });
    if (assigns) ctx.report(PM.unsupportedStatement, t.span, `AFTER trigger ${t.name.name} assigns NEW: MySQL forbids it; those assignments had no effect in PostgreSQL either`);
  }
  return events.map((ev) => {
    let b = foldTriggerVars(body, ev, t.table.name);
    if (events.length > 1 || /tg_op/i.test(JSON.stringify(body))) ctx.report(PM.tgOp, t.span);
    b = recordRefs(nullBeforeSelectInto(convertStatements(conv(b), ctx)));
    // Trigger names are per table in PostgreSQL, per database in MySQL: shared names get the table as prefix.
    const base = sharedNames.has(t.name.name.toLowerCase()) ? `${t.table.name}_${t.name.name}` : t.name.name;
    const out: Trigger = { ...t, name: { ...targetName(t.name, ctx), name: identifier(events.length > 1 ? `${base}_${ev}` : base, ctx) }, table: targetName(t.table, ctx), events: [ev], body: b, origin };
    delete out.function;
    if (out.when) out.when = recordRefs(conv(out.when));
    return out;
  });
}

export type { DataType };

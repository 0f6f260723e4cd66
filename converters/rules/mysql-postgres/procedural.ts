import type { Block, Statement, Routine, HandlerDecl, HandlerCondition, ExceptionHandler, Expr, Parameter, Trigger, VarDecl, Raise, DataType, Select, Table } from '../../model/index.js';
import { walk, rewrite } from '../../model/index.js';
import { dataType, raw } from '../common/nodes.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';
import { mapType } from './types.js';
import { toBoolLiteral } from './expressions.js';
import { convertTable } from './tables.js';

/** MySQL error numbers → PostgreSQL SQLSTATEs for handlers. */
const ERROR_CODES: Record<number, string> = {
  1062: '23505', 1586: '23505', 1048: '23502', 1451: '23503', 1452: '23503', 1216: '23503', 1217: '23503',
  1146: '42P01', 1051: '42P01', 1054: '42703', 1064: '42601', 1050: '42P07', 1213: '40P01', 1205: '55P03',
  1365: '22012', 1264: '22003', 1406: '22001', 1329: 'P0002', 1172: 'P0003', 1242: '21000', 1292: '22007', 1366: '22P02',
};

interface Scope {
  /** Statements to run after a FETCH / SELECT INTO finds no row. */
  notFound?: Statement[];
  /**
   * Handlers for errors. MySQL keeps the effects of earlier statements when a handler fires, while
   * a PL/pgSQL EXCEPTION block rolls back its whole body: so each statement runs in its own block
   * (CONTINUE handlers then resume with the next statement, EXIT handlers leave the scope).
   */
  onError?: ExceptionHandler[];
}

const FALLIBLE = new Set<Statement['kind']>(['SqlStatement', 'Call', 'DynamicSql', 'DdlStatement', 'Assign', 'Raise']);

interface RoutineState {
  isProcedure: boolean;
  topLabel?: string;
  results: string[];
  userVars: Map<string, Expr | undefined>;
  prepared: Map<string, Expr>;
  tempTables: Set<string>;
  booleans: Set<string>;
  labelCount: number;
}

const notFoundCheck = (body: Statement[], span: Statement['span']): Statement =>
  ({ kind: 'If', branches: [{ condition: raw('NOT FOUND', span), body }], span });

const endsWithJump = (stmts: Statement[]): boolean => {
  const last = stmts[stmts.length - 1];
  return !!last && (last.kind === 'Return' || last.kind === 'Leave' || last.kind === 'Raise');
};

function handlerConditions(h: HandlerDecl, ctx: RuleContext): HandlerCondition[] {
  return h.conditions.map((c) => {
    if (c.kind !== 'errorCode') return c;
    const state = ERROR_CODES[c.value];
    if (state) return { kind: 'sqlstate', value: state };
    ctx.report(MP.handlerErrorCode, h.span, `Handler for MySQL error ${c.value} became WHEN OTHERS`);
    return { kind: 'others' };
  });
}

function convertStatementList(stmts: Statement[], ctx: RuleContext, st: RoutineState, scope: Scope): Statement[] {
  return stmts.flatMap((s) => {
    const out = convertStatement(s, ctx, st, scope);
    if (!scope.onError?.length || !FALLIBLE.has(s.kind)) return out;
    return [{ kind: 'Block', declarations: [], body: out, exceptionHandlers: scope.onError, span: s.span } satisfies Block];
  });
}

function isSelectInto(s: Statement): boolean {
  return s.kind === 'SqlStatement' && s.statement.kind === 'Select' && !!s.statement.into?.length;
}

function convertStatement(s: Statement, ctx: RuleContext, st: RoutineState, scope: Scope): Statement[] {
  const list = (x: Statement[]): Statement[] => convertStatementList(x, ctx, st, scope);
  switch (s.kind) {
    case 'Block': return [convertBlock(s, ctx, st, scope, false)];
    case 'If': return [{ ...s, branches: s.branches.map((b) => ({ ...b, body: list(b.body) })), ...(s.else ? { else: list(s.else) } : {}) }];
    case 'CaseStatement': return [{ ...s, whens: s.whens.map((w) => ({ ...w, body: list(w.body) })), ...(s.else ? { else: list(s.else) } : {}) }];
    case 'Loop': case 'While': case 'Repeat': case 'ForRange': case 'ForQuery': return [{ ...s, body: list(s.body) } as Statement];
    case 'Leave':
      if (st.isProcedure && st.topLabel && s.label === st.topLabel && !s.when) return [{ kind: 'Return', span: s.span }];
      return [s];
    case 'Fetch': return scope.notFound ? [s, notFoundCheck(scope.notFound, s.span)] : [s];
    case 'Assign': {
      if (s.target.kind === 'Variable' && s.target.scope === 'user') st.userVars.set(s.target.name, s.value);
      const target = s.target;
      const name = target.kind === 'Variable' ? target.name : target.kind === 'ColumnRef' ? target.parts[target.parts.length - 1]! : '';
      if (st.booleans.has(name)) { const b = toBoolLiteral(s.value); if (b) return [{ ...s, value: b }]; }
      return [s];
    }
    case 'SqlStatement': {
      const q = s.statement;
      if (q.kind !== 'Insert' && q.kind !== 'Update' && q.kind !== 'Delete' && q.kind !== 'Merge' && !(q.kind === 'Select' && q.into?.length) && !s.perform) {
        if (!st.isProcedure) return [s];
        const name = `result_${st.results.length + 1}`;
        st.results.push(name);
        return [{ kind: 'OpenCursor', name, query: q, span: s.span }];
      }
      if (q.kind === 'Select' && q.into?.some((e) => e.kind === 'Variable' && e.scope === 'user')) {
        for (const e of q.into) if (e.kind === 'Variable' && e.scope === 'user') st.userVars.set(e.name, undefined);
      }
      return isSelectInto(s) && scope.notFound ? [s, notFoundCheck(scope.notFound, s.span)] : [s];
    }
    case 'DynamicSql': {
      ctx.report(MP.dynamicSql, s.span);
      if (s.phase === 'prepare' && s.preparedName) { st.prepared.set(s.preparedName.toLowerCase(), s.sql); return []; }
      if (s.phase === 'deallocate') return [];
      if (s.phase === 'execute' && s.preparedName) {
        const sql = st.prepared.get(s.preparedName.toLowerCase());
        if (sql) return [{ ...s, sql: numberPlaceholders(sql), phase: 'immediate' }];
      }
      return [s];
    }
    case 'Raise': return [convertSignal(s)];
    case 'DdlStatement': {
      if (s.action === 'create' && s.object?.kind === 'Table') {
        const t = s.object;
        const conv = convertTable(t, ctx, true).table;
        const name = { name: t.name.name };
        if (t.temporary) { st.tempTables.add(t.name.name); ctx.reportOnce(MP.tempTable, s.span); }
        return [{ ...s, object: { ...conv, name } satisfies Table }];
      }
      if (s.action === 'drop' && s.target && st.tempTables.has(s.target.name.name)) {
        const plain = { ...s, target: { ...s.target, name: { name: s.target.name.name } } };
        // A result cursor still reads the temp table: it must outlive the call (ON COMMIT DROP).
        if (st.results.length) return [];
        return [plain];
      }
      return [s];
    }
    default: return [s];
  }
}

/** MySQL `?` parameters of a literal prepared statement → PostgreSQL `$1`, `$2` … (outside quotes). */
export function numberPlaceholders(sql: Expr): Expr {
  if (sql.kind !== 'Literal' || sql.type !== 'string') return sql;
  let n = 0;
  let quote: string | undefined;
  let out = '';
  for (const ch of sql.value) {
    if (quote) { if (ch === quote) quote = undefined; out += ch; continue; }
    if (ch === "'" || ch === '"' || ch === '`') { quote = ch; out += ch; continue; }
    out += ch === '?' ? `$${++n}` : ch;
  }
  return { ...sql, value: out };
}

/** SIGNAL … SET MESSAGE_TEXT = x → RAISE EXCEPTION x USING ERRCODE. */
function convertSignal(r: Raise): Raise {
  const items = r.items ?? [];
  const msg = items.find((i) => i.name.toUpperCase() === 'MESSAGE_TEXT');
  const rest = items.filter((i) => !['MESSAGE_TEXT', 'MYSQL_ERRNO'].includes(i.name.toUpperCase()));
  const out: Raise = { ...r, items: rest };
  if (msg && !r.message) out.message = msg.value;
  if (!out.message && !r.reraise) out.message = { kind: 'Literal', type: 'string', value: `Unhandled user-defined exception condition${r.sqlstate ? ` ${r.sqlstate}` : ''}`, span: r.span };
  if (!out.items?.length) delete out.items;
  return out;
}

function convertDecl(d: VarDecl, ctx: RuleContext, st: RoutineState): VarDecl {
  const m = mapType(d.dataType, ctx, 'other');
  if (m.boolean) d.names.forEach((n) => st.booleans.add(n));
  const out: VarDecl = { ...d, dataType: m.type };
  if (m.boolean && d.default) { const b = toBoolLiteral(d.default); if (b) out.default = b; }
  return out;
}

function convertBlock(b: Block, ctx: RuleContext, st: RoutineState, outer: Scope, top: boolean): Block {
  const handlers = b.declarations.filter((d): d is HandlerDecl => d.kind === 'HandlerDecl');
  const declarations = b.declarations.filter((d) => d.kind !== 'HandlerDecl').map((d) => (d.kind === 'VarDecl' ? convertDecl(d, ctx, st) : d));
  let label = b.label;
  const scope: Scope = { ...outer };
  const exceptionHandlers: ExceptionHandler[] = [...b.exceptionHandlers];
  for (const h of handlers) {
    ctx.reportOnce(MP.handler, h.span);
    const body = h.body.kind === 'Block' && !h.body.declarations.length ? h.body.body : [h.body];
    const notFound = h.conditions.some((c) => c.kind === 'notFound' || (c.kind === 'sqlstate' && c.value === '02000'));
    if (notFound) {
      let stmts = convertStatementList(body, ctx, st, {});
      if (h.action !== 'continue' && !endsWithJump(stmts)) {
        if (top && st.isProcedure) stmts = [...stmts, { kind: 'Return', span: h.span }];
        else {
          label ??= `block_${++st.labelCount}`;
          stmts = [...stmts, { kind: 'Leave', label, span: h.span }];
        }
      }
      scope.notFound = stmts;
    }
    const others = h.conditions.filter((c) => !(c.kind === 'notFound' || (c.kind === 'sqlstate' && c.value === '02000')));
    if (others.length) {
      let stmts = convertStatementList(body, ctx, st, {});
      if (h.action !== 'continue' && !endsWithJump(stmts)) {
        if (top && st.isProcedure) stmts = [...stmts, { kind: 'Return', span: h.span }];
        else {
          label ??= `block_${++st.labelCount}`;
          stmts = [...stmts, { kind: 'Leave', label, span: h.span }];
        }
      }
      scope.onError = [...(scope.onError ?? []), { conditions: handlerConditions({ ...h, conditions: others }, ctx), body: stmts, span: h.span }];
    }
  }
  const body = convertStatementList(b.body, ctx, st, scope);
  return { ...b, ...(label ? { label } : {}), declarations, body, exceptionHandlers };
}

const NUMERIC_RESULT = new Set(['count', 'sum', 'avg', 'min', 'max', 'abs', 'round', 'floor', 'ceil', 'ceiling', 'length', 'char_length', 'last_insert_id', 'row_count']);
/** Numeric when the first value assigned is a number, arithmetic or a numeric function; else text. */
function isNumericValue(value: Expr | undefined): boolean {
  if (!value) return false;
  if (value.kind === 'Literal') return value.type === 'number';
  if (value.kind === 'Binary') return ['+', '-', '*', '/', '%', 'div'].includes(value.op);
  if (value.kind === 'Unary') return value.op === '-' || value.op === '+';
  if (value.kind === 'FunctionCall') return NUMERIC_RESULT.has(value.name.name.toLowerCase());
  return false;
}

function userVarDecls(st: RoutineState, span: Block['span']): VarDecl[] {
  return [...st.userVars.entries()].map(([name, value]) => {
    const t: DataType = dataType(isNumericValue(value) ? 'decimal' : 'text', span);
    return { kind: 'VarDecl', names: [name], dataType: t, span };
  });
}

/** User variables (@x) become local variables of the routine. */
function localizeUserVariables<T>(root: T, st: RoutineState): T {
  // The first value assigned decides the declared type (see userVarDecls).
  walk(root, (n) => {
    if (n.kind !== 'Assign') return;
    const a = n as unknown as { target: Expr; value: Expr };
    if (a.target.kind === 'Variable' && a.target.scope === 'user' && st.userVars.get(a.target.name) === undefined) st.userVars.set(a.target.name, a.value);
  });
  walk(root, (n) => { if (n.kind === 'Variable' && (n as unknown as { scope: string }).scope === 'user') { const name = (n as unknown as { name: string }).name; if (!st.userVars.has(name)) st.userVars.set(name, undefined); } });
  return rewrite(root, (n) => (n.kind === 'Variable' && (n as unknown as { scope: string }).scope === 'user' ? { ...n, scope: 'local' } as typeof n : undefined));
}

function volatility(r: Routine, body: unknown): Routine['volatility'] {
  let writes = false; let reads = false; let random = false;
  walk(body, (n) => {
    if (n.kind === 'Insert' || n.kind === 'Update' || n.kind === 'Delete' || n.kind === 'DdlStatement' || n.kind === 'Call' || n.kind === 'DynamicSql') writes = true;
    if (n.kind === 'TableRef') reads = true;
    if (n.kind === 'FunctionCall' && ['random', 'gen_random_uuid', 'nextval', 'lastval'].includes((n as unknown as { name: { name: string } }).name.name)) random = true;
  });
  if (writes || random || r.dataAccess === 'modifies sql data') return 'volatile';
  if (reads || r.dataAccess === 'reads sql data') return 'stable';
  return r.deterministic ? 'immutable' : 'volatile';
}

export function convertRoutine(r: Routine, ctx: RuleContext, booleans: Set<string>): Routine {
  const st: RoutineState = { isProcedure: r.routineKind === 'procedure', results: [], userVars: new Map(), prepared: new Map(), tempTables: new Set(), booleans: new Set(booleans), labelCount: 0 };
  const params: Parameter[] = r.params.map((p) => {
    const m = mapType(p.dataType, ctx, 'other');
    if (m.boolean) st.booleans.add(p.name);
    return { ...p, dataType: m.type };
  });
  let returns = r.returns;
  if (returns?.kind === 'type') returns = { ...returns, dataType: mapType(returns.dataType, ctx, 'other').type };
  if (r.body.kind !== 'Block') return { ...r, params, ...(returns ? { returns } : {}), language: 'plpgsql' };
  const localized = localizeUserVariables(r.body, st);
  if (st.userVars.size) ctx.report(MP.userVariable, r.span, `User variables ${[...st.userVars.keys()].map((v) => `@${v}`).join(', ')} became local variables`);
  st.topLabel = localized.label;
  let body = convertBlock(localized, ctx, st, {}, true);
  // Result cursors over temp tables: keep the tables until the caller's transaction ends.
  if (st.results.length && st.tempTables.size) {
    body = rewrite(body, (n) => (n.kind === 'DdlStatement' && (n as unknown as { object?: Table }).object?.temporary
      ? { ...n, object: { ...(n as unknown as { object: Table }).object, options: { on_commit: 'drop' } } } as typeof n : undefined));
  }
  body = { ...body, declarations: [...userVarDecls(st, r.span), ...body.declarations] };
  for (const name of st.results) params.push({ name, mode: 'inout', dataType: dataType('user', r.span, { sourceText: 'refcursor', userType: { name: 'refcursor' } }), default: { kind: 'Literal', type: 'null', value: 'NULL', span: r.span }, span: r.span });
  if (st.results.length) ctx.report(MP.resultSet, r.span, `Procedure returns ${st.results.length} result set(s) through INOUT refcursor parameter(s) ${st.results.join(', ')}`);
  if (st.isProcedure && params.some((p) => p.mode === 'out' || p.mode === 'inout')) ctx.report(MP.outParams, r.span);
  if (r.security === 'definer') ctx.reportOnce(MP.sqlSecurity, r.span);
  const out: Routine = { ...r, params, ...(returns ? { returns } : {}), body, language: 'plpgsql' };
  if (r.routineKind === 'function') { out.volatility = volatility(r, body); ctx.reportOnce(MP.deterministic, r.span); }
  // A temp table name must not be qualified: it lives in pg_temp.
  return st.tempTables.size ? rewrite(out, (n) => (n.kind === 'TableRef' && st.tempTables.has((n as unknown as { name: { name: string } }).name.name)
    ? { ...n, name: { name: (n as unknown as { name: { name: string } }).name.name } } as typeof n
    : n.kind === 'Insert' && st.tempTables.has((n as unknown as { table: { name: string } }).table.name)
      ? { ...n, table: { name: (n as unknown as { table: { name: string } }).table.name } } as typeof n : undefined)) : out;
}

/** MySQL trigger body → trigger function body ending in RETURN NEW (BEFORE) or RETURN NULL (AFTER). */
export function convertTriggerBody(t: Trigger, ctx: RuleContext, booleans: Set<string>): Trigger {
  if (t.order) ctx.report(MP.triggerOrder, t.span, `${t.order.position.toUpperCase()} ${t.order.other}: PostgreSQL fires triggers in name order`);
  if (!t.body || t.body.kind === 'Unparsed') return t;
  const st: RoutineState = { isProcedure: false, results: [], userVars: new Map(), prepared: new Map(), tempTables: new Set(), booleans: new Set(booleans), labelCount: 0 };
  const localized = localizeUserVariables(t.body, st);
  const block = convertBlock(localized, ctx, st, {}, true);
  const ret: Statement = { kind: 'Return', value: raw(t.timing === 'before' && t.forEach === 'row' ? 'NEW' : 'NULL', t.span), span: t.span };
  return { ...t, body: { ...block, declarations: [...userVarDecls(st, t.span), ...block.declarations], body: [...block.body, ret] } };
}

export type { Select };

const isRowCount = (e: Expr | undefined): boolean =>
  !!e && e.kind === 'FunctionCall' && !e.name.schema && e.name.name.toLowerCase() === 'row_count' && e.args.length === 0;

/**
 * `SET v = ROW_COUNT()` and `SELECT ROW_COUNT() INTO v` become GET DIAGNOSTICS v = ROW_COUNT, the
 * exact PL/pgSQL equivalent. Runs before expressions are converted (which report other uses).
 */
export function rowCountToDiagnostics<T>(root: T): T {
  return rewrite(root, (n) => {
    const s = n as unknown as Statement;
    if (s.kind === 'Assign' && isRowCount(s.value)) return { kind: 'GetDiagnostics', items: [{ target: s.target, item: 'ROW_COUNT' }], span: s.span } as never;
    if (s.kind === 'SqlStatement' && s.statement.kind === 'Select' && s.statement.into?.length === 1 && s.statement.items.length === 1
      && !s.statement.from.length && isRowCount(s.statement.items[0]!.expr)) {
      return { kind: 'GetDiagnostics', items: [{ target: s.statement.into[0]!, item: 'ROW_COUNT' }], span: s.span } as never;
    }
    return undefined;
  });
}

import type {
  Block, CatalogObject, CursorDecl, DataType, Expr, ForQuery, HandlerCondition, NodeLike, Query, Routine, SelectItem, Statement, TableExpr, Trigger, TriggerEvent, VarDecl,
} from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { applyNamingStyle } from '../common/identifiers.js';
import { bool, dataType } from '../common/nodes.js';
import { kindOf } from './typeof.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';
import { ExceptionScope, NO_DATA_FOUND_STATE } from './exceptions.js';
import { routineTarget } from './expressions.js';
import { splitMultiInsertStatement } from './multi-insert.js';
import { statementTriggerBlocker } from './statement-trigger.js';
import { mapType } from './types.js';
import { completeCursorArgs } from '../oracle-postgres/cursor-defaults.js';

type Sql = <T>(x: T) => T;
const local = (name: string, span: Expr['span']): Expr => ({ kind: 'Variable', name, scope: 'local', span });

/** %TYPE / %ROWTYPE → the (converted) column type from the script's tables. */
export function resolveTypeRef(ref: VarDecl['typeRef'], t: DataType, ctx: OmContext): DataType {
  if (!ref) return mapType(t, ctx, 'other');
  if (ref.rowtype || !ref.column) {
    ctx.reportOnce(OM.collection, t.span, `%ROWTYPE of ${ref.of.name}: MySQL has no record variables`);
    return dataType('text', t.span, { sizeClass: 'long' });
  }
  const n = (s: string): string => applyNamingStyle(s, ctx.options.naming);
  const table = [...ctx.tables.values()].find((x) => x.name.name.toLowerCase() === n(ref.of.name).toLowerCase());
  const c = table?.columns.find((x) => x.name.toLowerCase() === n(ref.column!).toLowerCase());
  if (c) return { ...c.dataType, span: t.span };
  const v = !ref.of.schema ? ctx.variables.get(ref.of.name.toLowerCase()) : undefined;
  if (v && !ref.column) return v;
  ctx.reportOnce(OM.typeRef, t.span, `${ref.of.name}.${ref.column}%TYPE could not be resolved from the script; LONGTEXT was used`);
  return dataType('text', t.span, { sizeClass: 'long' });
}

function tablesOf(from: TableExpr[], out: { alias: string; name: string }[] = []): { alias: string; name: string }[] {
  for (const t of from) {
    if (t.kind === 'TableRef') out.push({ alias: (t.alias ?? t.name.name).toLowerCase(), name: t.name.name.toLowerCase() });
    if (t.kind === 'Join') tablesOf([t.left, t.right], out);
  }
  return out;
}

const EXACT_INTEGER_DIGITS: Readonly<Record<string, number>> = { tinyint: 3, smallint: 5, mediumint: 7, int: 10, bigint: 19 };

/**
 * %TYPE of a formal parameter or a function's RETURN: Oracle keeps the range of a constrained numeric
 * type there but not its precision or scale (col NUMBER(6): p(2.5) sees 2.5). An exact numeric column
 * type (INT, DECIMAL(p,s)) gives DECIMAL(65,30), which holds every value of the column and any argument
 * with at most 30 decimals; a column of more than 35 integer digits keeps them and fewer decimals.
 */
export function resolveFormalTypeRef(ref: VarDecl['typeRef'], t: DataType, ctx: OmContext): DataType {
  const r = resolveTypeRef(ref, t, ctx);
  if (!ref?.column || r.arrayDims) return r;
  const intDigits = r.name === 'decimal' ? (r.precision ?? 65) - (r.scale ?? 0) : EXACT_INTEGER_DIGITS[r.name];
  if (intDigits === undefined) return r;
  const scale = Math.min(30, 65 - intDigits);
  if (scale < 30) ctx.reportOnce(OM.formalNumberScale, t.span, `${ref.of.name}.${ref.column}%TYPE parameter became DECIMAL(65,${scale}): Oracle keeps up to 38 significant digits in it, MySQL rounds an argument to ${scale} decimals`);
  return { kind: 'DataType', name: 'decimal', precision: 65, scale, sourceText: r.sourceText, span: r.span };
}

/** Field names and MySQL types of the rows a cursor query returns. */
function fieldsOf(q: Query, ctx: OmContext): { name: string; type: DataType }[] | undefined {
  if (q.kind === 'SetOperation') return fieldsOf(q.left, ctx);
  if (q.kind !== 'Select') return undefined;
  const tables = tablesOf(q.from);
  const tableOf = (name: string) => [...ctx.tables.values()].find((x) => x.name.name.toLowerCase() === name);
  const column = (parts: string[]): DataType | undefined => {
    const c = parts[parts.length - 1]!.toLowerCase();
    const cands = parts.length > 1 ? tables.filter((t) => t.alias === parts[parts.length - 2]!.toLowerCase()) : tables;
    for (const t of cands) {
      const found = tableOf(t.name)?.columns.find((x) => x.name.toLowerCase() === c);
      if (found) return found.dataType;
    }
    return undefined;
  };
  const out: { name: string; type: DataType }[] = [];
  for (const item of q.items as SelectItem[]) {
    const e = item.expr;
    if (e.kind === 'Star') {
      const ts = e.qualifier?.length ? tables.filter((t) => t.alias === e.qualifier![e.qualifier!.length - 1]!.toLowerCase()) : tables;
      for (const t of ts) {
        const table = tableOf(t.name);
        if (!table) return undefined;
        for (const c of table.columns) out.push({ name: c.name, type: c.dataType });
      }
      continue;
    }
    const name = item.alias ?? (e.kind === 'ColumnRef' ? e.parts[e.parts.length - 1]! : undefined);
    if (!name) return undefined;
    let type = e.kind === 'ColumnRef' ? column(e.parts) : undefined;
    if (!type) {
      const k = kindOf(e, ctx);
      type = k === 'number' ? dataType('decimal', e.span, { precision: 65, scale: 30 }) : k === 'datetime' ? dataType('datetime', e.span) : dataType('text', e.span, { sizeClass: 'long' });
    }
    out.push({ name, type });
  }
  return out;
}

/** Lowers PL/SQL statements of one routine/trigger body to what MySQL stored programs have. */
class BodyLowering {
  private seq = 0;
  private readonly cursors = new Map<string, CursorDecl>();
  constructor(private readonly ctx: OmContext, private readonly exceptions: ExceptionScope, private readonly kind: 'procedure' | 'function' | 'trigger') {}

  block(b: Block): Block {
    const decls: Statement[] = [];
    for (const d of b.declarations) {
      switch (d.kind) {
        case 'VarDecl': {
          const t = resolveTypeRef(d.typeRef, d.dataType, this.ctx);
          if (d.record || d.table) this.ctx.reportOnce(OM.collection, d.span, `Record/table variable ${d.names.join(', ')} has no MySQL form`);
          for (const n of d.names) this.ctx.variables.set(n.toLowerCase(), t);
          const { typeRef: _r, ...rest } = d;
          decls.push({ ...rest, dataType: t, ...(d.record ? {} : {}) });
          break;
        }
        case 'ConditionDecl': this.exceptions.declare(d.name, d.errorCode, d.span, this.ctx); break;
        case 'Pragma':
          if (d.name.toUpperCase() === 'AUTONOMOUS_TRANSACTION') this.ctx.report(OM.autonomous, d.span);
          break;
        case 'CursorDecl':
          this.cursors.set(d.name.toLowerCase(), d);
          // Parameterised cursors are declared where they are opened (see forCursor).
          if (!d.params?.length) decls.push(d);
          break;
        case 'TypeDecl':
          this.ctx.reportOnce(OM.collection, d.span, `Type ${d.name} (${d.def.kind}) has no MySQL form`);
          decls.push(d);
          break;
        default: decls.push(d);
      }
    }
    let usesNotFound = false;
    walk(b.body, (n) => { if (n.kind === 'CursorAttr' && (n as unknown as { cursor?: string }).cursor) usesNotFound = true; });
    let hasFetch = false;
    walk(b.body, (n) => { if (n.kind === 'Fetch') hasFetch = true; });
    let body = this.list(b.body);
    if (usesNotFound) {
      // c%NOTFOUND / c%FOUND: a flag set by a NOT FOUND handler, cleared before each FETCH.
      const span = b.span;
      decls.push({ kind: 'VarDecl', names: ['dbshift_notfound'], dataType: dataType('bool', span), default: bool(false, span), span });
      decls.push({ kind: 'HandlerDecl', action: 'continue', conditions: [{ kind: 'notFound' }], body: { kind: 'Assign', target: local('dbshift_notfound', span), value: bool(true, span), span }, span });
      body = rewrite(body, (n: NodeLike) => {
        const e = n as Expr;
        if (e.kind !== 'CursorAttr' || !e.cursor) return undefined;
        if (e.attr === 'notfound') return local('dbshift_notfound', e.span);
        if (e.attr === 'found') return { kind: 'Unary', op: 'NOT', operand: local('dbshift_notfound', e.span), span: e.span } as Expr;
        this.ctx.reportOnce(OM.cursorAttr, e.span, `${e.cursor}%${e.attr.toUpperCase()} has no MySQL equivalent`);
        return undefined;
      });
    }
    const handlers = b.exceptionHandlers.map((h) => ({ ...h, conditions: this.exceptions.conditions(h.conditions, this.ctx, h.span, hasFetch), body: this.list(h.body) }));
    return { ...b, declarations: decls, body, exceptionHandlers: handlers };
  }

  list(stmts: Statement[]): Statement[] {
    return stmts.flatMap((s) => this.statement(s));
  }

  private statement(s: Statement): Statement[] {
    const ctx = this.ctx;
    switch (s.kind) {
      case 'Block': return [this.block(s)];
      case 'If': return [{ ...s, branches: s.branches.map((b) => ({ ...b, body: this.list(b.body) })), ...(s.else ? { else: this.list(s.else) } : {}) }];
      case 'CaseStatement': return [{ ...s, whens: s.whens.map((w) => ({ ...w, body: this.list(w.body) })), ...(s.else ? { else: this.list(s.else) } : {}) }];
      case 'Loop': case 'While': case 'Repeat': case 'ForRange': return [{ ...s, body: this.list(s.body) } as Statement];
      case 'ForQuery': return [this.forQuery(s)];
      case 'Raise': return [this.exceptions.raise(s, ctx)];
      case 'Fetch':
        if (s.bulk) { ctx.reportOnce(OM.collection, s.span, 'FETCH … BULK COLLECT INTO has no MySQL form'); return [s]; }
        return [{ kind: 'Assign', target: local('dbshift_notfound', s.span), value: bool(false, s.span), span: s.span }, s];
      case 'Call': {
        const schema = s.name.schema?.toLowerCase();
        if (schema === 'dbms_output') { ctx.reportOnce(OM.dbmsOutput, s.span); return [{ kind: 'Null', span: s.span }]; }
        const target = routineTarget(s.name, ctx);
        if (target) return [{ ...s, name: { name: target } }];
        if (schema && /^(dbms|utl)_/.test(schema)) ctx.reportOnce(OM.unsupportedPackage, s.span, `${s.name.schema}.${s.name.name} has no MySQL equivalent`);
        return [s];
      }
      case 'Transaction':
        if (this.kind !== 'procedure') ctx.reportOnce(OM.commitInCode, s.span, `${s.action.toUpperCase()} in a ${this.kind}: MySQL does not allow it there`);
        return [s];
      case 'SqlStatement':
        if (s.bulk) ctx.reportOnce(OM.collection, s.span, 'BULK COLLECT has no MySQL form');
        if (s.statement.kind === 'Insert' && s.statement.multiTable) return splitMultiInsertStatement(s, ctx);
        if ((s.statement.kind === 'Insert' && s.statement.valuesRecord) || (s.statement.kind === 'Update' && s.statement.setRow)) {
          const what = s.statement.kind === 'Insert' ? 'INSERT … VALUES record' : 'UPDATE … SET ROW = record';
          ctx.report(OM.collection, s.span, `${what}: MySQL has no record variables; not converted`);
          return [{ kind: 'Unparsed', text: what, reason: 'record DML', span: s.span }];
        }
        return [s];
      case 'DynamicSql': return this.dynamic(s);
      case 'ForAll': ctx.reportOnce(OM.collection, s.span, 'FORALL has no MySQL form'); return [s];
      case 'Pragma': return [];
      case 'OpenCursor':
        if (s.args?.length) ctx.report(OM.unsupportedStatement, s.span, `OPEN ${s.name}(…) with arguments: MySQL cursors take no parameters`);
        return [s];
      default: return [s];
    }
  }

  private dynamic(s: Extract<Statement, { kind: 'DynamicSql' }>): Statement[] {
    const ctx = this.ctx;
    if (s.bulk) { ctx.report(OM.dynamicSql, s.span, 'EXECUTE IMMEDIATE … BULK COLLECT INTO has no MySQL form (MySQL has no collections); not converted'); return [s]; }
    const into = s.into ?? [];
    if (into.length && this.kind !== 'procedure') {
      ctx.report(OM.dynamicSql, s.span, `EXECUTE IMMEDIATE … INTO in a ${this.kind}: MySQL allows no dynamic SQL (PREPARE) in stored functions or triggers; not converted — move the statement into a procedure with OUT parameters`); return [s];
    }
    if (into.length && !into.every((e) => e.kind === 'Variable' || e.kind === 'ColumnRef')) {
      ctx.report(OM.dynamicSql, s.span, 'EXECUTE IMMEDIATE … INTO a target other than variables has no MySQL form; not converted'); return [s];
    }
    const span = s.span;
    const user = (n: string): Expr => ({ kind: 'Variable', name: n, scope: 'user', span });
    const str = (v: string): Expr => ({ kind: 'Literal', type: 'string', value: v, span });
    let text = s.sql.kind === 'Literal' && s.sql.type === 'string' ? str(positionalBinds(s.sql.value)) : s.sql;
    if (into.length) {
      // PREPARE cannot hand values back to locals: the query runs as SELECT * INTO @user variables
      // FROM (original) and the locals are assigned from them afterwards.
      const vars = into.map((_, i) => `@\`dbshift_into${i + 1}\``).join(', ');
      text = { kind: 'FunctionCall', name: { name: 'CONCAT' }, args: [str(`SELECT * INTO ${vars} FROM (`), text, str(') AS `dbshift_q`')], span };
      ctx.report(OM.dynamicSql, s.span, `EXECUTE IMMEDIATE … INTO became PREPARE/EXECUTE of SELECT * INTO @dbshift_into… FROM (the query), then assignments to ${into.length} variable(s); the query text is Oracle SQL and was not converted${s.sql.kind === 'Literal' ? ' (bind placeholders :x became ?)' : '; bind placeholders (:x) in the text built at run time must be changed to ?'}`);
    } else ctx.reportOnce(OM.dynamicSql, s.span);
    const name = `${into.length ? 'dbshift_into_stmt' : 'dbshift_stmt'}${++this.seq}`;
    const out: Statement[] = [{ kind: 'Assign', target: user('dbshift_sql'), value: text, span }];
    const using = (s.using ?? []).map((u, i) => {
      out.push({ kind: 'Assign', target: user(`dbshift_arg${i + 1}`), value: u, span });
      return user(`dbshift_arg${i + 1}`);
    });
    out.push({ kind: 'DynamicSql', phase: 'prepare', preparedName: name, sql: user('dbshift_sql'), span });
    out.push({ kind: 'DynamicSql', phase: 'execute', preparedName: name, sql: user('dbshift_sql'), ...(using.length ? { using } : {}), span });
    out.push({ kind: 'DynamicSql', phase: 'deallocate', preparedName: name, sql: user('dbshift_sql'), span });
    into.forEach((target, i) => out.push({ kind: 'Assign', target, value: user(`dbshift_into${i + 1}`), span }));
    return out;
  }

  /**
   * FOR r IN (query) | cursor[(args)] LOOP … → a nested block with one variable per field
   * (r.f → r_f), a cursor, a NOT FOUND flag (reset before each FETCH) and LEAVE at the end.
   */
  private forQuery(f: ForQuery): Statement {
    const ctx = this.ctx;
    const span = f.span;
    let query: Query | undefined = f.query && f.query.kind !== 'Unparsed' ? f.query : undefined;
    if (f.cursor) {
      const decl = this.cursors.get(f.cursor.name.toLowerCase());
      if (decl && decl.query.kind !== 'Unparsed') {
        query = decl.query;
        // Cursor parameters become the argument expressions (evaluated at OPEN, as in Oracle).
        const params = decl.params ?? [];
        if (params.length) {
          // Omitted arguments take the parameter's DEFAULT, named ones their place.
          const args = completeCursorArgs(params, f.cursor.args ?? []) ?? f.cursor.args ?? [];
          const byName = new Map(params.map((p, i) => [p.name.toLowerCase(), args[i]]));
          query = rewrite(query, (n: NodeLike) => {
            const e = n as Expr;
            const name = e.kind === 'Variable' ? e.name : e.kind === 'ColumnRef' && e.parts.length === 1 ? e.parts[0]! : undefined;
            const a = name ? byName.get(name.toLowerCase()) : undefined;
            return a ?? undefined;
          });
        }
      }
    }
    if (!query || f.dynamic) { ctx.report(OM.unsupportedStatement, span, `FOR ${f.variable} IN … LOOP over a dynamic or unknown cursor was not converted`); return f; }
    const fields = fieldsOf(query, ctx);
    if (!fields) { ctx.report(OM.unsupportedStatement, span, `FOR ${f.variable} IN … LOOP: the fields of the query could not be determined`); return f; }
    const n = ++this.seq;
    const rec = f.variable;
    const v = (field: string): string => `${rec}_${field}`;
    const done = `dbshift_done${n}`;
    const cur = `dbshift_cur${n}`;
    const label = f.label ?? `dbshift_for${n}`;
    for (const x of fields) ctx.variables.set(v(x.name).toLowerCase(), x.type);
    const body = rewrite(this.list(f.body), (node: NodeLike) => {
      const e = node as Expr;
      if (e.kind === 'ColumnRef' && e.parts.length === 2 && e.parts[0]!.toLowerCase() === rec.toLowerCase()) {
        const field = fields.find((x) => x.name.toLowerCase() === e.parts[1]!.toLowerCase());
        if (field) return local(v(field.name), e.span);
      }
      if ((e.kind === 'Variable' || (e.kind === 'ColumnRef' && e.parts.length === 1)) && (e.kind === 'Variable' ? e.name : e.parts[0]!).toLowerCase() === rec.toLowerCase()) {
        ctx.reportOnce(OM.collection, e.span, `Loop record ${rec} used as a whole has no MySQL form`);
      }
      return undefined;
    });
    return {
      kind: 'Block', span, exceptionHandlers: [],
      declarations: [
        ...fields.map((x): Statement => ({ kind: 'VarDecl', names: [v(x.name)], dataType: x.type, span })),
        { kind: 'VarDecl', names: [done], dataType: dataType('bool', span), default: bool(false, span), span },
        { kind: 'CursorDecl', name: cur, query, span },
        { kind: 'HandlerDecl', action: 'continue', conditions: [{ kind: 'notFound' }], body: { kind: 'Assign', target: local(done, span), value: bool(true, span), span }, span },
      ],
      body: [
        { kind: 'OpenCursor', name: cur, span },
        { kind: 'Loop', label, span, body: [
          { kind: 'Assign', target: local(done, span), value: bool(false, span), span },
          { kind: 'Fetch', cursor: cur, into: fields.map((x) => local(v(x.name), span)), span },
          { kind: 'Leave', label, when: local(done, span), span },
          ...body,
        ] },
        { kind: 'CloseCursor', name: cur, span },
      ],
    };
  }
}

/**
 * Oracle: SELECT … INTO without rows raises NO_DATA_FOUND. MySQL only raises NOT FOUND, which ends
 * nothing when unhandled. A routine that selects INTO (and fetches no cursor in its own scope) gets
 * an outermost EXIT handler turning NOT FOUND into an error; handlers nearer the statement (the
 * routine's own NO_DATA_FOUND handlers, cursor loops) still see the condition first.
 */
function noDataFoundIsAnError(b: Block, ctx: OmContext): Block {
  let selectsInto = false;
  let fetches = false;
  walk(b, (n) => {
    if (n.kind === 'DynamicSql' && (n as unknown as { preparedName?: string }).preparedName?.startsWith('dbshift_into')) selectsInto = true;
    if (n.kind === 'SqlStatement') { const q = (n as unknown as { statement: { kind: string; into?: unknown[] } }).statement; if (q.kind === 'Select' && q.into?.length) selectsInto = true; }
    if (n.kind === 'Fetch' && !(n as unknown as { cursor: string }).cursor.startsWith('dbshift_cur')) fetches = true;
  });
  if (!selectsInto) return b;
  if (fetches) {
    ctx.reportOnce(OM.exceptionApprox, b.span, 'SELECT … INTO without rows: Oracle raises NO_DATA_FOUND; in this routine (it FETCHes a cursor, which also raises NOT FOUND) MySQL leaves the variables unchanged unless a handler catches it');
    return b;
  }
  const span = b.span;
  const handler: Statement = { kind: 'HandlerDecl', action: 'exit', conditions: [{ kind: 'notFound' }],
    body: { kind: 'Raise', level: 'exception', sqlstate: NO_DATA_FOUND_STATE, message: { kind: 'Literal', type: 'string', value: 'ORA-01403: no data found', span }, span }, span };
  return { ...b, declarations: [...b.declarations, handler] };
}

/** Oracle binds (:1, :name) in a literal dynamic SQL text → MySQL's ? placeholders (outside quotes). */
function positionalBinds(sqlText: string): string {
  return sqlText.replace(/('(?:[^']|'')*'|"[^"]*")|:(\w+)/g, (m, quoted: string | undefined) => (quoted ? m : '?'));
}

function hasOutParams(r: Routine): boolean {
  return r.params.some((p) => p.mode === 'out' || p.mode === 'inout');
}

/**
 * Oracle resolves a name in SQL to the column before the PL/SQL variable; MySQL to the variable.
 * Variables and parameters named like a column of the script are renamed (v_x / p_x) so every
 * reference keeps its Oracle meaning (the front end already tells columns from variables).
 */
export function renameShadowingVariables<T extends Routine | Trigger>(o: T, ctx: OmContext): T {
  const names = new Set<string>();
  if (o.kind === 'Routine') for (const p of o.params) names.add(p.name);
  walk(o.body, (n) => { if (n.kind === 'VarDecl') for (const x of (n as VarDecl).names) names.add(x); });
  const taken = new Set([...names].map((x) => x.toLowerCase()));
  const map = new Map<string, string>();
  const params = new Set(o.kind === 'Routine' ? o.params.map((p) => p.name) : []);
  for (const n of names) {
    if (!ctx.columnTypes(n).length && !ctx.columnTypes(n.toLowerCase()).length) continue;
    let to = `${params.has(n) ? 'p' : 'v'}_${n}`;
    while (taken.has(to.toLowerCase()) || ctx.columnTypes(to).length) to = `${to}_`;
    taken.add(to.toLowerCase());
    map.set(n.toLowerCase(), to);
  }
  if (!map.size) return o;
  ctx.report(OM.variableRenamed, o.span, `Renamed (named like columns): ${[...map].map(([a, b]) => `${a} → ${b}`).join(', ')}`);
  const to = (n: string): string => map.get(n.toLowerCase()) ?? n;
  const out = rewrite(o, (n: NodeLike) => {
    if (n.kind === 'Variable' && (n as unknown as { scope: string }).scope === 'local') { const v = n as unknown as { name: string }; return map.has(v.name.toLowerCase()) ? { ...n, name: to(v.name) } as NodeLike : undefined; }
    if (n.kind === 'VarDecl') { const d = n as unknown as VarDecl; return d.names.some((x) => map.has(x.toLowerCase())) ? { ...d, names: d.names.map(to) } as NodeLike : undefined; }
    return undefined;
  });
  return out.kind === 'Routine' ? { ...out, params: out.params.map((p) => ({ ...p, name: to(p.name) })) } : out;
}

/** Oracle routine → MySQL routine, or an unconverted object with a finding. */
export function convertRoutine(source: Routine, ctx: OmContext, sql: Sql, exceptions = new ExceptionScope()): CatalogObject {
  const r = renameShadowingVariables(source, ctx);
  if (r.routineKind === 'function' && hasOutParams(r)) {
    ctx.report(OM.functionOutParams, r.span, `Function ${r.name.name} has OUT/IN OUT parameters; MySQL functions take IN parameters only`);
    return unconverted(r, 'function with OUT parameters');
  }
  if (r.pipelined) ctx.report(OM.collection, r.span, `Pipelined function ${r.name.name} has no MySQL form`);
  ctx.variables = new Map();
  ctx.routineKind = r.routineKind;
  const params = r.params.map((p) => {
    const t = resolveFormalTypeRef(p.typeRef, p.dataType, ctx);
    ctx.variables.set(p.name.toLowerCase(), t);
    const { typeRef: _t, nocopy: _n, ...rest } = p;
    return { ...rest, dataType: t };
  });
  const returns = r.returns?.kind === 'type' ? { kind: 'type' as const, dataType: resolveFormalTypeRef(r.returns.typeRef, r.returns.dataType, ctx) } : r.returns;
  let body = r.body.kind === 'Block' ? new BodyLowering(ctx, exceptions, r.routineKind).block(r.body) : r.body;
  if (body.kind === 'Block') body = noDataFoundIsAnError(body, ctx);
  const out: Routine = { ...r, params, ...(returns ? { returns } : {}), body, language: 'sql' };
  if (r.routineKind === 'function' && out.deterministic === undefined) out.deterministic = false;
  return sql(out);
}

function unconverted(o: Routine | Trigger, reason: string): CatalogObject {
  return { kind: 'UnparsedObject', objectType: o.kind === 'Routine' ? o.routineKind : 'trigger', name: o.name, span: o.span, ...(o.origin ? { origin: o.origin } : {}), reported: true,
    statement: { kind: 'Unparsed', text: `${o.kind === 'Routine' ? o.routineKind.toUpperCase() : 'TRIGGER'} ${o.name.name} (${reason})`, reason, span: o.span } };
}

/** INSERTING/UPDATING/DELETING → TRUE/FALSE for the event of one generated trigger. */
function resolveEventPredicates<T>(x: T, ev: TriggerEvent, ctx: OmContext): T {
  return rewrite(x, (n: NodeLike) => {
    const e = n as Expr;
    if (e.kind !== 'FunctionCall' || e.name.schema) return undefined;
    const name = e.name.name.toLowerCase();
    if (name !== 'inserting' && name !== 'updating' && name !== 'deleting') return undefined;
    if (name === 'updating' && e.args.length && ev === 'update') {
      ctx.reportOnce(OM.triggerSplit, e.span, "UPDATING('col') became TRUE in the UPDATE trigger: Oracle tests whether the column is in the SET list");
    }
    return bool(name === `${ev === 'insert' ? 'insert' : ev === 'update' ? 'updat' : 'delet'}ing`, e.span);
  });
}

const boolValue = (e: Expr): boolean | undefined => {
  if (e.kind === 'Literal' && e.type === 'boolean') return e.value.toUpperCase() === 'TRUE';
  if (e.kind === 'Unary' && e.op === 'NOT') { const v = boolValue(e.operand); return v === undefined ? undefined : !v; }
  return undefined;
};

/** IF branches decided by a constant (INSERTING in an INSERT trigger …) are kept or dropped: MySQL rejects OLD in INSERT triggers even in dead code. */
function pruneConstantIfs<T>(root: T): T {
  return rewrite(root, (n: NodeLike) => {
    if (n.kind !== 'If') return undefined;
    const s = n as Extract<Statement, { kind: 'If' }>;
    const branches: typeof s.branches = [];
    let els = s.else;
    for (const b of s.branches) {
      const v = boolValue(b.condition);
      if (v === false) continue;
      if (v === true) { els = b.body; break; }
      branches.push(b);
    }
    if (branches.length === s.branches.length && els === s.else) return undefined;
    if (!branches.length) return { kind: 'Block', declarations: [], body: els ?? [], exceptionHandlers: [], span: s.span } as NodeLike;
    return { ...s, branches, ...(els ? { else: els } : {}) } as NodeLike;
  });
}

/** Oracle row trigger → one MySQL trigger per event. */
export function convertTrigger(source: Trigger, ctx: OmContext, sql: Sql): CatalogObject[] {
  let t = source;
  const kept = (def: typeof OM[keyof typeof OM], why: string): CatalogObject[] => {
    ctx.report(def, t.span, why);
    return [unconverted(t, why)];
  };
  if (t.compound) return kept(OM.statementTrigger, `Compound trigger ${t.name.name} has no MySQL equivalent; not converted`);
  if (t.forEach === 'statement') {
    const why = t.timing === 'instead of' ? undefined : statementTriggerBlocker(t, ctx.sourceRoutines);
    if (why !== undefined || t.timing === 'instead of') return kept(OM.statementTrigger, `Statement-level trigger ${t.name.name} (no FOR EACH ROW) is not converted: MySQL triggers are row-level only (FOR EACH ROW) and would fire once per row instead of once per statement${why ? `, and ${why}` : ''}`);
    ctx.report(OM.statementAsRow, t.span, `Statement-level trigger ${t.name.name} became a row trigger: its body changes no data, so running it per row only repeats it; a statement changing no row does not run it (Oracle runs it once)`);
    t = { ...t, forEach: 'row' };
  }
  if (t.timing === 'instead of') return kept(OM.statementTrigger, `INSTEAD OF trigger ${t.name.name}: MySQL has no triggers on views; not converted`);
  if (t.enabled === false) return kept(OM.disabledTrigger, `Trigger ${t.name.name} is disabled in the source; not created (MySQL has no disabled triggers)`);
  if (!t.body || t.body.kind !== 'Block') return [t];
  t = renameShadowingVariables(t, ctx);
  ctx.variables = new Map();
  ctx.routineKind = 'trigger';
  const body = noDataFoundIsAnError(new BodyLowering(ctx, new ExceptionScope(), 'trigger').block(t.body as Block), ctx);
  if (t.events.length > 1) ctx.report(OM.triggerSplit, t.span, `${t.name.name} split into ${t.events.length} MySQL triggers (${t.events.join(', ')})`);
  if (t.updateOf?.length) ctx.reportOnce(OM.triggerSplit, t.span, `UPDATE OF ${t.updateOf.join(', ')}: MySQL triggers fire on every UPDATE; the body runs only when one of the columns changed (Oracle: when it is in the SET list)`);
  return t.events.map((ev) => {
    let b: Block = pruneConstantIfs(resolveEventPredicates(body, ev, ctx));
    if (ev === 'update' && t.updateOf?.length) {
      const changed = t.updateOf.map((c): Expr => ({ kind: 'Unary', op: 'NOT', operand: { kind: 'Binary', op: '<=>', left: { kind: 'ColumnRef', parts: ['OLD', c], span: t.span }, right: { kind: 'ColumnRef', parts: ['NEW', c], span: t.span }, span: t.span }, span: t.span }));
      const cond = changed.reduce((l, r) => ({ kind: 'Binary', op: 'or', left: l, right: r, span: t.span }));
      b = { kind: 'Block', declarations: [], exceptionHandlers: [], span: b.span, body: [{ kind: 'If', branches: [{ condition: cond, body: [b] }], span: b.span }] };
    }
    const name = t.events.length > 1 ? `${t.name.name}_${ev}` : t.name.name;
    const out: Trigger = { ...t, name: { ...t.name, name }, events: [ev], body: b, ...(t.when ? { when: resolveEventPredicates(t.when, ev, ctx) } : {}) };
    delete out.updateOf;
    return sql(out);
  });
}

export type { HandlerCondition };

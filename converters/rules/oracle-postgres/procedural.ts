import type { Block, DataType, TypeName, Diagnostic, Expr, FunctionCall, NodeLike, Routine, Statement, Trigger, VarDecl, ExceptionHandler, Select, SqlStatement, Parameter, QualifiedName, Raise, Insert, Update } from '../../model/index.js';
import { qnameKey, rewrite, walk } from '../../model/index.js';
import { bin, call, cast, dataType, num, raw, str } from '../common/nodes.js';
import { OG } from './codes.js';
import { withCursorDefaults } from './cursor-defaults.js';
import type { OraRuleContext } from './context.js';
import { ExceptionScope } from './exceptions.js';
import { EMULATION_SCHEMA } from './emulation.js';
import { mapType } from './types.js';
import { SUPPLIED_UNSUPPORTED } from './expressions.js';
import { convertQueries, convertQueryNode } from './queries.js';
import { reportMultiInsert } from './multi-insert.js';
import { recordBulkItems } from './bulk-records.js';
import { applyNamingStyle, shortenIdentifier } from '../common/identifiers.js';
import { statementWalk } from './statement-walk.js';

const qid = (n: string): string => (/^[a-z_][a-z0-9_]*$/.test(n) ? n : `"${n.replace(/"/g, '""')}"`);
const refcursor = (t: DataType): DataType => ({ kind: 'DataType', name: 'user', userType: { name: 'refcursor' }, sourceText: t.sourceText, span: t.span });

/** Per-routine facts the statement rules need. */
interface Scope {
  exceptions: ExceptionScope;
  routine: 'procedure' | 'function' | 'trigger';
  /** Local collection types (TABLE OF / VARRAY) by lower-case name → element type. */
  collections: Map<string, DataType>;
  /** Local RECORD types → the composite type created for them. */
  recordTypes: Map<string, QualifiedName>;
  /** Routine/trigger the local types belong to (names the composite types). */
  owner?: QualifiedName;
  refCursorTypes: Set<string>;
  /** Cursor names declared (c%ROWTYPE → RECORD). */
  cursors: Set<string>;
  usesRowcount: boolean;
  /** Explicit cursors whose %ROWCOUNT is read (lower case): counted in a variable after each FETCH. */
  cursorRowcounts: Set<string>;
  usesSqlcode: boolean;
  beforeRow?: boolean;
  /** Cursors FETCHed with BULK COLLECT (lower case): their %FOUND/%NOTFOUND read a flag set after each FETCH. */
  bulkFetched: Set<string>;
  /** Variables declared <table>%ROWTYPE (lower case) → that table's name (record DML spreads them). */
  rowtypeOf: Map<string, QualifiedName>;
}

/** %TYPE of a table column → the mapped column type; undefined when the column is unknown. */
function typeFromRef(ref: VarDecl['typeRef'], ctx: OraRuleContext): DataType | undefined {
  if (!ref || ref.rowtype || !ref.column) return undefined;
  const c = ctx.column({ ...ref.of, name: ref.of.name.toLowerCase(), ...(ref.of.schema ? { schema: ref.of.schema.toLowerCase() } : {}) }, ref.column.toLowerCase());
  return c?.dataType;
}

function lowerRef(ref: NonNullable<VarDecl['typeRef']>): NonNullable<VarDecl['typeRef']> {
  return { of: { name: ref.of.name.toLowerCase(), ...(ref.of.schema ? { schema: ref.of.schema.toLowerCase() } : {}) }, ...(ref.column ? { column: ref.column.toLowerCase() } : {}), ...(ref.rowtype ? { rowtype: true } : {}) };
}

const INTEGER_TYPES: ReadonlySet<TypeName> = new Set(['smallint', 'int', 'bigint']);

/**
 * %TYPE of a formal parameter or a function's RETURN: Oracle keeps the range of a constrained numeric
 * type there but not its precision or scale (col NUMBER(6): p(2.5) sees 2.5, RETURN 2.5 returns 2.5).
 * PostgreSQL drops numeric(p,s) on parameters and results, but int/bigint/smallint would round, so a
 * column mapped to an integer type gives numeric here.
 */
function formalTypeFromRef(ref: VarDecl['typeRef'], ctx: OraRuleContext): DataType | undefined {
  const t = typeFromRef(ref, ctx);
  return t && INTEGER_TYPES.has(t.name) && !t.arrayDims ? { kind: 'DataType', name: 'decimal', sourceText: t.sourceText, span: t.span } : t;
}

function paramType(p: Parameter, ctx: OraRuleContext): DataType {
  const fromRef = formalTypeFromRef(p.typeRef, ctx);
  if (fromRef) return fromRef;
  if (p.typeRef?.rowtype) return { kind: 'DataType', name: 'user', userType: lowerRef(p.typeRef).of, sourceText: p.dataType.sourceText, span: p.dataType.span };
  // Oracle parameters carry no length (VARCHAR2, NUMBER): the plain PostgreSQL type.
  return mapType(p.dataType, ctx, 'other');
}

function declareTypes(decls: Statement[], scope: Scope, ctx: OraRuleContext): Statement[] {
  const out: Statement[] = [];
  for (const d of decls) {
    if (d.kind === 'TypeDecl') {
      const def = d.def;
      const n = d.name.toLowerCase();
      if (def.kind === 'table' || def.kind === 'varray') {
        if (def.kind === 'table' && def.indexBy && !/INTEGER|PLS_INTEGER|BINARY_INTEGER|NATURAL|POSITIVE/i.test(def.indexBy.sourceText) && def.indexBy.name !== 'int') {
          ctx.report(OG.collection, d.span, `Associative array ${d.name} indexed by ${def.indexBy.sourceText} has no array equivalent; not converted`);
          out.push({ kind: 'Unparsed', text: `TYPE ${d.name} IS TABLE OF … INDEX BY ${def.indexBy.sourceText}`, reason: 'string-indexed associative array', span: d.span });
          continue;
        }
        const el = typeFromRef(def.elementRef, ctx) ?? (def.elementRef?.rowtype ? { kind: 'DataType' as const, name: 'user' as const, userType: lowerRef(def.elementRef).of, sourceText: def.element.sourceText, span: def.element.span } : localType(def.element, scope, ctx));
        scope.collections.set(n, el);
        ctx.reportOnce(OG.collection, d.span, `Collection type ${d.name} became an array of ${el.sourceText}`);
        continue;
      }
      if (def.kind === 'refCursor') { scope.refCursorTypes.add(n); continue; }
      if (def.kind === 'record') {
        // A composite type per local record type, so fields can be assigned one by one (a RECORD cannot before its first row).
        const owner = scope.owner;
        const name: QualifiedName = { ...(owner?.schema ? { schema: owner.schema } : {}), name: shortenIdentifier(`${owner?.name ?? 'block'}_${n}`).name };
        const attributes = def.fields.map((f) => ({ name: applyNamingStyle(f.name, ctx.options.naming), dataType: typeFromRef(f.typeRef, ctx) ?? localType(f.dataType, scope, ctx) }));
        ctx.extraObjects.push({ kind: 'CompositeType', name, attributes, span: d.span, origin: { type: 'Type', name: name.name, ...(name.schema ? { schema: name.schema } : {}) } });
        ctx.composites.set(qnameKey(name), attributes);
        scope.recordTypes.set(n, name);
        continue;
      }
      if (def.kind === 'subtype') { scope.collections.delete(n); out.push({ kind: 'Unparsed', text: `SUBTYPE ${d.name}`, reason: 'subtype', span: d.span }); continue; }
    }
    out.push(d);
  }
  return out;
}

/** A declared type that may name a local record type. */
function localType(t: DataType, scope: Scope, ctx: OraRuleContext): DataType {
  const tn = t.name === 'user' ? t.userType?.name.toLowerCase() : undefined;
  if (tn && scope.recordTypes.has(tn)) return { ...t, userType: scope.recordTypes.get(tn)! };
  return mapType(t, ctx, 'other');
}

/** Declarations: types mapped, collections → arrays, records → composite types, cursor rowtypes → RECORD. */
function convertDeclaration(d: Statement, scope: Scope, ctx: OraRuleContext): Statement[] {
  switch (d.kind) {
    case 'VarDecl': {
      const tn = d.dataType.name === 'user' ? d.dataType.userType?.name.toLowerCase() : undefined;
      let dt: DataType;
      let extra: Partial<VarDecl> = {};
      if (tn && scope.collections.has(tn)) dt = { ...scope.collections.get(tn)!, arrayDims: 1 };
      else if (tn && scope.refCursorTypes.has(tn)) dt = refcursor(d.dataType);
      else if (tn === 'sys_refcursor') dt = refcursor(d.dataType);
      else if (tn && scope.recordTypes.has(tn)) { dt = { ...d.dataType, userType: scope.recordTypes.get(tn)! }; extra = { record: false }; }
      else if (d.typeRef) {
        const t = typeFromRef(d.typeRef, ctx);
        if (t) dt = t;
        else if (d.typeRef.rowtype && scope.cursors.has(d.typeRef.of.name.toLowerCase())) { dt = d.dataType; extra = { record: true }; }
        else { dt = d.dataType; extra = { typeRef: lowerRef(d.typeRef) }; }
      } else dt = mapType(d.dataType, ctx, 'other');
      for (const n of d.names) ctx.variables.set(n.toLowerCase(), dt);
      const out: VarDecl = { ...d, dataType: dt, ...extra };
      if (!extra.typeRef) delete out.typeRef;
      if (dt.arrayDims && !d.default) out.default = cast(raw("'{}'", d.span), dt, d.span);
      return [out];
    }
    case 'CursorDecl':
      scope.cursors.add(d.name.toLowerCase());
      // A cursor parameter is a formal parameter: %TYPE resolves as for routine parameters. Omitted
      // arguments got their DEFAULT at each OPEN/FOR (withCursorDefaults).
      return [{ ...d, ...(d.params ? { params: d.params.map(({ typeRef, default: _d, ...p }) => ({ ...p, dataType: formalTypeFromRef(typeRef, ctx) ?? mapType(p.dataType, ctx, 'other') })) } : {}) }];
    case 'ConditionDecl':
      scope.exceptions.declare(d.name, d.errorCode, d.span, ctx);
      return [];
    case 'Pragma': {
      const n = d.name.toUpperCase();
      if (n === 'AUTONOMOUS_TRANSACTION') ctx.report(OG.autonomous, d.span);
      return [];
    }
    default: return [d];
  }
}

/** Collection methods v.COUNT, v.FIRST, v.LAST, v.EXISTS(i) → array functions. */
function collectionMethod(f: FunctionCall, scope: Scope, ctx: OraRuleContext): Expr | undefined {
  if (!f.name.schema) return undefined;
  const v = f.name.schema.toLowerCase();
  const t = ctx.variables.get(v);
  if (!t?.arrayDims) return undefined;
  void scope;
  const s = f.span;
  const arr: Expr = { kind: 'Variable', name: v, scope: 'local', span: s };
  switch (f.name.name.toUpperCase()) {
    case 'COUNT': return call('coalesce', [call('cardinality', [arr], s), num(0, s)], s);
    case 'FIRST': return call('array_lower', [arr, num(1, s)], s);
    case 'LAST': return call('array_upper', [arr, num(1, s)], s);
    case 'EXISTS': return { kind: 'Between', expr: f.args[0]!, low: num(1, s), high: call('coalesce', [call('cardinality', [arr], s), num(0, s)], s), not: false, span: s };
    case 'LIMIT': return raw('NULL', s);
    default: return undefined;
  }
}

const isDml = (s: Statement): boolean => s.kind === 'SqlStatement' && s.statement.kind !== 'Select' && s.statement.kind !== 'SetOperation' && s.statement.kind !== 'Values';

/** NULL of a collection's element type (array_fill needs it typed: EXTEND of a NUMBER collection). */
function elementNull(t: DataType, s: import('../../model/index.js').SourceSpan): Expr {
  const { arrayDims: _a, ...element } = t;
  return cast(raw('NULL', s), element, s);
}

/** One statement (children already converted). Returns the replacement list. */
function convertStatement(st: Statement, scope: Scope, ctx: OraRuleContext, inHandler: boolean): Statement[] {
  const s = st.span;
  switch (st.kind) {
    case 'Raise': return [scope.exceptions.raise(st, ctx)];
    case 'Call': {
      const full = `${st.name.schema ?? ''}.${st.name.name}`.toLowerCase();
      if (full === 'dbms_output.put_line' || full === 'dbms_output.put') {
        ctx.reportOnce(OG.dbmsOutput, s);
        const r: Raise = { kind: 'Raise', level: 'notice', message: str('%', s), formatArgs: [st.args[0] ?? str('', s)], span: s };
        return [r];
      }
      if (full.startsWith('dbms_output.')) return [];
      if (st.name.schema && SUPPLIED_UNSUPPORTED.has(st.name.schema.toLowerCase())) {
        ctx.report(OG.unsupportedPackage, s, `${full.toUpperCase()} has no PostgreSQL equivalent; the call was not converted`);
        return [{ kind: 'Unparsed', text: `${full.toUpperCase()}(…)`, reason: 'Oracle supplied package', span: s }];
      }
      if (st.name.schema && ctx.variables.get(st.name.schema.toLowerCase())?.arrayDims) {
        const v = st.name.schema.toLowerCase();
        const arr: Expr = { kind: 'Variable', name: v, scope: 'local', span: s };
        const m = st.name.name.toUpperCase();
        if (m === 'EXTEND') return [{ kind: 'Assign', target: arr, value: call('array_cat', [arr, call('array_fill', [elementNull(ctx.variables.get(v)!, s), { kind: 'Array', items: [st.args[0] ?? num(1, s)], span: s }], s)], s), span: s }];
        if (m === 'DELETE' && st.args.length === 0) return [{ kind: 'Assign', target: arr, value: raw("'{}'", s), span: s }];
        if (m === 'TRIM') return [{ kind: 'Assign', target: arr, value: { kind: 'Subscript', expr: arr, index: num(1, s), upper: bin('-', call('coalesce', [call('cardinality', [arr], s), num(0, s)], s), st.args[0] ?? num(1, s), s), span: s }, span: s }];
      }
      return [st];
    }
    case 'Transaction':
      if (st.action === 'commit' || st.action === 'rollback') {
        if (scope.routine !== 'procedure' || inHandler) {
          ctx.report(OG.commitInCode, s, `${st.action.toUpperCase()} in a ${inHandler ? 'exception handler' : scope.routine} is not allowed in PostgreSQL; it was removed — the caller's transaction now decides`);
          return [];
        }
        ctx.reportOnce(OG.commitInCode, s, `${st.action.toUpperCase()} kept: works only when the procedure is called outside a transaction block (CALL at top level, autocommit)`);
      }
      return [st];
    case 'SqlStatement': {
      if (st.statement.kind === 'Insert' && st.statement.multiTable) reportMultiInsert(st.statement, ctx);
      if ((st.statement.kind === 'Insert' && st.statement.valuesRecord) || (st.statement.kind === 'Update' && st.statement.setRow)) return [recordDml(st, scope, ctx)];
      const out: Statement[] = [];
      let x: SqlStatement = st;
      const q = st.statement;
      if (q.kind === 'Select' && (q.into?.length || st.into?.length)) {
        const into = q.into ?? st.into!;
        if (st.bulk) {
          ctx.reportOnce(OG.bulkCollect, s);
          const records = recordBulkItems(q, into, ctx, s);
          if (!records && into.length !== q.items.length && !(into.length === 1 && q.items.length === 1)) {
            ctx.report(OG.unsupportedStatement, s, 'BULK COLLECT INTO with a different number of targets and columns');
            return [{ kind: 'Unparsed', text: 'SELECT … BULK COLLECT INTO', reason: 'bulk collect shape', span: s }];
          }
          const items = (records ?? q.items).map((i) => ({ ...i, expr: { kind: 'FunctionCall' as const, name: { name: 'array_agg' }, args: [i.expr.kind === 'Star' ? raw('ROW(' + '*' + ')', s) : i.expr], span: s } }));
          const agg: Select = { ...q, items, into, orderBy: [] };
          // array_agg(x ORDER BY …) keeps the query's order.
          if (q.orderBy.length) agg.items = agg.items.map((i) => ({ ...i, expr: { ...(i.expr as FunctionCall), orderBy: q.orderBy } }));
          const inner: Select = { ...agg, items: agg.items.map((i) => ({ ...i, expr: call('coalesce', [i.expr, raw("'{}'", s)], s) })) };
          x = { kind: 'SqlStatement', statement: inner, span: s };
        } else {
          // Oracle SELECT INTO raises NO_DATA_FOUND / TOO_MANY_ROWS: PL/pgSQL does with STRICT.
          const { into: _moved, ...rest } = st;
          x = { ...rest, statement: { ...q, into }, strict: true };
        }
      }
      out.push(x);
      if (scope.usesRowcount && isDml(st)) out.push({ kind: 'GetDiagnostics', items: [{ target: { kind: 'Variable', name: 'dbshift_rowcount', scope: 'local', span: s }, item: 'ROW_COUNT' }], span: s });
      return out;
    }
    case 'ForAll': {
      ctx.reportOnce(OG.bulkCollect, s);
      const v = applyNamingStyle(st.variable, ctx.options.naming);
      const over = st.indicesOf ?? st.valuesOf;
      if (over) {
        if (st.valuesOf) { ctx.report(OG.unsupportedStatement, s, 'FORALL … VALUES OF'); return [{ kind: 'Unparsed', text: 'FORALL … VALUES OF', reason: 'values of', span: s }]; }
        return [{ kind: 'ForRange', variable: v, from: num(1, s), to: call('coalesce', [call('cardinality', [over], s), num(0, s)], s), body: [st.statement], span: s }];
      }
      return [{ kind: 'ForRange', variable: v, from: st.from!, to: st.to!, body: [st.statement], span: s }];
    }
    case 'DynamicSql': {
      ctx.reportOnce(OG.dynamicSql, s);
      const sql = st.sql;
      if (sql.kind === 'Literal' && sql.type === 'string') {
        const names: string[] = [];
        const text = sql.value.replace(/:(\w+)/g, (_m, n: string) => {
          const k = n.toLowerCase();
          if (!names.includes(k)) names.push(k);
          return `$${names.indexOf(k) + 1}`;
        });
        return [{ ...st, sql: { ...sql, value: text } }];
      }
      return [st];
    }
    case 'Return':
      if (scope.routine === 'trigger' && !st.value) return triggerReturn(scope, s);
      return [st];
    case 'Goto': case 'Label':
      ctx.report(OG.unsupportedStatement, s, `${st.kind === 'Goto' ? `GOTO ${st.label}` : `Label ${st.name}`}: PL/pgSQL has no GOTO`);
      return [{ kind: 'Unparsed', text: st.kind === 'Goto' ? `GOTO ${st.label}` : `<<${st.name}>>`, reason: 'GOTO', span: s }];
    case 'Fetch':
      if (st.bulk) {
        const loop = bulkFetch(st, scope, ctx);
        if (loop) return loop;
        ctx.report(OG.unsupportedStatement, s, 'FETCH … BULK COLLECT INTO a collection whose element type is not known (or not a plain array): rewrite as a loop of FETCH … INTO with array_append');
        return [{ kind: 'Unparsed', text: `FETCH ${st.cursor} BULK COLLECT INTO …`, reason: 'fetch bulk collect', span: s }];
      }
      {
        const after: Statement[] = [];
        if (scope.cursorRowcounts.has(st.cursor.toLowerCase())) {
          const v = rowcountVar(st.cursor, s);
          after.push({ kind: 'If', branches: [{ condition: raw('FOUND', s), body: [{ kind: 'Assign', target: v, value: bin('+', v, num(1, s), s), span: s }] }], span: s });
        }
        if (scope.bulkFetched.has(st.cursor.toLowerCase())) after.push({ kind: 'Assign', target: foundVar(st.cursor, s), value: raw('FOUND', s), span: s });
        return [st, ...after];
      }
    case 'OpenCursor':
      if (scope.cursorRowcounts.has(st.name.toLowerCase())) return [st, { kind: 'Assign', target: rowcountVar(st.name, s), value: num(0, s), span: s }];
      return [st];
    default: return [st];
  }
}

/**
 * FETCH c BULK COLLECT INTO a, b [LIMIT n] → a block that empties the arrays, then FETCHes row by
 * row into element-typed temporaries and appends them, at most n times. A plain LOOP (not FOR,
 * which sets FOUND itself) leaves FOUND as the last FETCH left it: false exactly when fewer than n
 * rows were left, which is what c%NOTFOUND says after a bulk fetch with LIMIT in Oracle.
 */
function bulkFetch(st: Statement & { kind: 'Fetch' }, scope: Scope, ctx: OraRuleContext): Statement[] | undefined {
  const s = st.span;
  const arrays: { target: Expr; element: DataType }[] = [];
  for (const t of st.into) {
    const dt = t.kind === 'Variable' ? ctx.variables.get(t.name.toLowerCase()) : undefined;
    if (!dt || dt.arrayDims !== 1 || dt.name === 'unknown') return undefined;
    arrays.push({ target: t, element: { ...dt, arrayDims: undefined } });
  }
  if (!arrays.length) return undefined;
  ctx.reportOnce(OG.bulkCollect, s);
  const temp = (i: number): Expr => ({ kind: 'Variable', name: `dbshift_fetched_${i + 1}`, scope: 'local', span: s });
  const count: Expr = { kind: 'Variable', name: 'dbshift_fetch_count', scope: 'local', span: s };
  const body: Statement[] = [];
  if (st.limit) body.push({ kind: 'Leave', when: bin('>=', count, st.limit, s), span: s });
  body.push({ ...st, bulk: undefined, limit: undefined, into: arrays.map((_, i) => temp(i)) } as Statement);
  body.push({ kind: 'Leave', when: raw('NOT FOUND', s), span: s });
  arrays.forEach((a, i) => body.push({ kind: 'Assign', target: a.target, value: call('array_append', [a.target, temp(i)], s), span: s }));
  if (st.limit) body.push({ kind: 'Assign', target: count, value: bin('+', count, num(1, s), s), span: s });
  if (scope.cursorRowcounts.has(st.cursor.toLowerCase())) {
    const v = rowcountVar(st.cursor, s);
    body.push({ kind: 'Assign', target: v, value: bin('+', v, num(1, s), s), span: s });
  }
  const declarations: Statement[] = arrays.map((a, i) => ({ kind: 'VarDecl', names: [`dbshift_fetched_${i + 1}`], dataType: a.element, span: s }));
  if (st.limit) declarations.push({ kind: 'VarDecl', names: ['dbshift_fetch_count'], dataType: dataType('bigint', s), default: num(0, s), span: s });
  return [{ kind: 'Block', declarations, body: [
    ...arrays.map((a): Statement => ({ kind: 'Assign', target: a.target, value: raw("'{}'", s), span: s })),
    { kind: 'Loop', body, span: s },
    { kind: 'Assign', target: foundVar(st.cursor, s), value: raw('FOUND', s), span: s },
  ], exceptionHandlers: [], span: s }];
}

/**
 * INSERT INTO t VALUES rec / UPDATE t SET ROW = rec with rec declared t%ROWTYPE: the record's
 * fields are t's columns in order, so both spread to t's columns by name. Any other record (another
 * table's, a cursor's, a RECORD type) or an explicit column list stays an action item.
 */
function recordDml(st: SqlStatement, scope: Scope, ctx: OraRuleContext): Statement {
  const s = st.span;
  const q = st.statement as Insert | Update;
  const rec = q.kind === 'Insert' ? (q.source.kind === 'Values' ? q.source.rows[0]?.[0] : undefined) : q.set[0]?.value;
  const target = q.kind === 'Insert' ? q.table : q.table.kind === 'TableRef' ? q.table.name : undefined;
  const name = rec?.kind === 'Variable' ? rec.name : undefined;
  const of = name ? scope.rowtypeOf.get(name.toLowerCase()) : undefined;
  const table = target ? ctx.table(target) : undefined;
  const what = q.kind === 'Insert' ? 'INSERT … VALUES record' : 'UPDATE … SET ROW = record';
  if (!name || !of || !table || !target || of.name.toLowerCase() !== target.name.toLowerCase() || (of.schema && target.schema && of.schema.toLowerCase() !== target.schema.toLowerCase())
    || (q.kind === 'Insert' && q.columns?.length)) {
    ctx.report(OG.unsupportedStatement, s, `${what}: only a record declared as the same table's %ROWTYPE is spread to its columns; write the column list by hand`);
    return { kind: 'Unparsed', text: what, reason: 'record DML', span: s };
  }
  const cols = table.columns.filter((c) => !c.generated).map((c) => c.name);
  const field = (c: string): Expr => ({ kind: 'ColumnRef', parts: [name, c], span: s });
  if (q.kind === 'Insert') {
    const { valuesRecord: _r, ...rest } = q;
    return { ...st, statement: { ...rest, columns: cols, source: { kind: 'Values', rows: [cols.map(field)], span: s } } };
  }
  const { setRow: _r, ...rest } = q;
  return { ...st, statement: { ...rest, set: cols.map((c) => ({ column: [c], value: field(c) })) } };
}

const foundVar = (cursor: string, span: import('../../model/index.js').SourceSpan): Expr => ({ kind: 'Variable', name: `dbshift_found_${cursor.toLowerCase()}`, scope: 'local', span });

const rowcountVar = (cursor: string, span: import('../../model/index.js').SourceSpan): Expr => ({ kind: 'Variable', name: `dbshift_rowcount_${cursor.toLowerCase()}`, scope: 'local', span });

function triggerReturn(scope: Scope, span: import('../../model/index.js').SourceSpan): Statement[] {
  if (!scope.beforeRow) return [{ kind: 'Return', value: raw('NULL', span), span }];
  return [{ kind: 'If', branches: [{ condition: raw("TG_OP = 'DELETE'", span), body: [{ kind: 'Return', value: raw('OLD', span), span }] }], span },
    { kind: 'Return', value: raw('NEW', span), span }];
}

/** Kinds codeExpression and the variable qualifier never change and that hold no node they change. */
const CODE_LEAVES: ReadonlySet<string> = new Set(['DataType', 'Literal', 'ColumnRef']);

/**
 * Expressions inside code: cursor attributes, SQLCODE/SQLERRM, collection methods, trigger
 * predicates; then `then` on every node of the result (a replacement's new nodes included). The
 * query pass (DUAL, (+), ROWNUM, CONNECT BY, MERGE) runs in the same walk on each node after them —
 * what it saw when it ran as a pass of its own afterwards: its children done, code replacements
 * holding no query of their own. Its findings go to `queryFindings`, so they can be filed after the
 * code pass's as before.
 */
function convertCodeAndQueries<T>(root: T, scope: Scope, ctx: OraRuleContext, then: (n: NodeLike) => NodeLike | undefined, queryFindings: Diagnostic[]): T {
  return rewrite(root, (n: NodeLike) => {
    const r = codeExpression(n, scope, ctx);
    const x = r ? rewrite(r as NodeLike, then, CODE_LEAVES) : then(n);
    const mark = ctx.diagnostics.length;
    const q = convertQueryNode(x ?? n, ctx);
    if (ctx.diagnostics.length > mark) queryFindings.push(...ctx.diagnostics.splice(mark));
    return q ?? x;
  }, CODE_LEAVES);
}

/**
 * Routines and triggers whose query pass is done (convertRoutine/convertTrigger ran it with the code
 * pass): the caller runs only the expression pass on them. Anything not in here gets both.
 */
export const queriesDone = new WeakSet<object>();

/** The query pass on the parts of a routine or trigger other than its body (parameter defaults, WHEN), then the body's query findings. */
function queriesAround<T extends Routine | Trigger>(o: T, ctx: OraRuleContext, queryFindings: Diagnostic[]): T {
  const { body, ...rest } = o;
  const out = { ...convertQueries(rest, ctx), body } as T;
  ctx.diagnostics.push(...queryFindings);
  queriesDone.add(out);
  return out;
}

function codeExpression(n: NodeLike, scope: Scope, ctx: OraRuleContext): Expr | undefined {
  {
    const e = n as Expr;
    if (e.kind === 'CursorAttr') {
      if (e.cursor && (e.attr === 'found' || e.attr === 'notfound') && scope.bulkFetched.has(e.cursor.toLowerCase())) {
        const flag = foundVar(e.cursor, e.span);
        return e.attr === 'found' ? flag : { kind: 'Unary', op: 'NOT', operand: flag, span: e.span } as Expr;
      }
      switch (e.attr) {
        case 'found': return raw('FOUND', e.span);
        case 'notfound': return raw('NOT FOUND', e.span);
        case 'rowcount':
          if (!e.cursor) return { kind: 'Variable', name: 'dbshift_rowcount', scope: 'local', span: e.span };
          if (scope.cursorRowcounts.has(e.cursor.toLowerCase())) return rowcountVar(e.cursor, e.span);
          break;
        case 'isopen':
          // A PL/pgSQL OPEN creates a portal named by the cursor variable's value; pg_cursors lists open portals.
          if (e.cursor) return raw(`(${qid(applyNamingStyle(e.cursor, ctx.options.naming))}::text IN (SELECT name FROM pg_cursors))`, e.span);
          break;
        default: break;
      }
      ctx.report(OG.cursorAttr, e.span, `${e.cursor ?? 'SQL'}%${e.attr.toUpperCase()} has no PL/pgSQL equivalent`);
      return { kind: 'Unparsed', text: `${e.cursor ?? 'SQL'}%${e.attr.toUpperCase()}`, reason: 'cursor attribute', span: e.span };
    }
    if (e.kind === 'FunctionCall') {
      const name = e.name.name.toUpperCase();
      if (!e.name.schema && name === 'SQLCODE') {
        if (!ctx.useEmulation('sqlcode', e.span, 'SQLCODE', 'not converted: SQLSTATE holds the PostgreSQL error code instead')) {
          return { kind: 'Unparsed', text: 'SQLCODE', reason: 'SQLCODE needs an emulation (nativeOnly)', span: e.span };
        }
        ctx.reportOnce(OG.sqlcode, e.span);
        return call({ schema: EMULATION_SCHEMA, name: 'sqlcode' }, [raw('SQLSTATE', e.span), { kind: 'Variable', name: 'dbshift_detail', scope: 'local', span: e.span }], e.span);
      }
      if (!e.name.schema && name === 'SQLERRM') return raw('SQLERRM', e.span);
      if (!e.name.schema && scope.routine === 'trigger' && (name === 'INSERTING' || name === 'DELETING' || name === 'UPDATING')) {
        const op = bin('=', raw('TG_OP', e.span), str(name === 'INSERTING' ? 'INSERT' : name === 'DELETING' ? 'DELETE' : 'UPDATE', e.span), e.span);
        if (name === 'UPDATING' && e.args[0]?.kind === 'Literal') {
          const c = applyNamingStyle(e.args[0].value, ctx.options.naming);
          return bin('and', op, bin('is distinct from', raw(`NEW.${qid(c)}`, e.span), raw(`OLD.${qid(c)}`, e.span), e.span), e.span);
        }
        return op;
      }
      const m = collectionMethod(e, scope, ctx);
      if (m) return m;
      // Collection constructor t_coll(a, b) → ARRAY[a, b] of the element type.
      const el = !e.name.schema ? scope.collections.get(e.name.name.toLowerCase()) : undefined;
      if (el) return cast({ kind: 'Array', items: e.args, span: e.span }, { ...el, arrayDims: 1 }, e.span);
    }
    return undefined;
  }
}

/** Walks a block: declarations, statements (recursively), exception handlers. */
function convertBlock(b: Block, scope: Scope, ctx: OraRuleContext, inHandler = false): Block {
  if (b.routines?.length) ctx.report(OG.unsupportedStatement, b.span, `Local subprograms (${b.routines.map((r) => r.name.name).join(', ')}) must become separate functions; not converted`);
  const decls = declareTypes(b.declarations, scope, ctx).flatMap((d) => convertDeclaration(d, scope, ctx));
  const body = statements(b.body, scope, ctx, inHandler);
  const handlers: ExceptionHandler[] = b.exceptionHandlers.map((h) => {
    const conditions = h.conditions.flatMap((c) => scope.exceptions.condition(c, ctx, h.span));
    let hb = statements(h.body, scope, ctx, true);
    if (scope.usesSqlcode) hb = [{ kind: 'GetDiagnostics', stacked: true, items: [{ target: { kind: 'Variable', name: 'dbshift_detail', scope: 'local', span: h.span }, item: 'PG_EXCEPTION_DETAIL' }], span: h.span }, ...hb];
    return { ...h, conditions, body: hb };
  });
  const out: Block = { ...b, declarations: decls, body, exceptionHandlers: handlers };
  delete out.routines;
  return out;
}

function statements(list: Statement[], scope: Scope, ctx: OraRuleContext, inHandler: boolean): Statement[] {
  const out: Statement[] = [];
  for (const st of list) {
    let x: Statement = st;
    switch (st.kind) {
      case 'Block': x = convertBlock(st, scope, ctx, inHandler); break;
      case 'If': x = { ...st, branches: st.branches.map((b) => ({ ...b, body: statements(b.body, scope, ctx, inHandler) })), ...(st.else ? { else: statements(st.else, scope, ctx, inHandler) } : {}) }; break;
      case 'CaseStatement': x = { ...st, whens: st.whens.map((w) => ({ ...w, body: statements(w.body, scope, ctx, inHandler) })), ...(st.else ? { else: statements(st.else, scope, ctx, inHandler) } : {}) }; break;
      case 'Loop': case 'While': case 'Repeat': case 'ForRange': case 'ForQuery': x = { ...st, body: statements(st.body, scope, ctx, inHandler) } as Statement; break;
      case 'ForAll': {
        const inner = statements([st.statement], scope, ctx, inHandler);
        x = inner.length === 1 && (inner[0]!.kind === 'SqlStatement' || inner[0]!.kind === 'DynamicSql') ? { ...st, statement: inner[0] as SqlStatement } : st;
        break;
      }
      default: break;
    }
    out.push(...convertStatement(x, scope, ctx, inHandler));
  }
  return out;
}

function newScope(kind: Scope['routine'], root: unknown, owner?: QualifiedName): Scope {
  let usesRowcount = false;
  let usesSqlcode = false;
  const cursorRowcounts = new Set<string>();
  const forLoops = new Set<string>();
  const bulkFetched = new Set<string>();
  const rowtypeOf = new Map<string, QualifiedName>();
  walk(root, (n) => {
    const a = n as unknown as { attr?: string; cursor?: unknown };
    if (n.kind === 'CursorAttr' && a.attr === 'rowcount' && typeof a.cursor === 'string') cursorRowcounts.add(a.cursor.toLowerCase());
    if (n.kind === 'ForQuery' && a.cursor) forLoops.add((a.cursor as { name: string }).name.toLowerCase());
    if (n.kind === 'CursorAttr' && (n as unknown as { attr: string; cursor?: string }).attr === 'rowcount' && !(n as unknown as { cursor?: string }).cursor) usesRowcount = true;
    if (n.kind === 'FunctionCall') {
      const name = (n as unknown as { name: QualifiedName }).name.name;
      // Length first: upper-casing every call's name costs more than the rest of this walk.
      if (name.length === 7 && name.toUpperCase() === 'SQLCODE') usesSqlcode = true;
    }
    if (n.kind === 'Fetch' && (n as unknown as { bulk?: boolean }).bulk) bulkFetched.add((n as unknown as { cursor: string }).cursor.toLowerCase());
    if (n.kind === 'VarDecl') {
      const d = n as unknown as VarDecl;
      if (d.typeRef?.rowtype && !d.typeRef.column) for (const x of d.names) rowtypeOf.set(x.toLowerCase(), d.typeRef.of);
    }
  });
  // A cursor FOR loop fetches implicitly: its count is not tracked (OG0048 stays).
  for (const c of forLoops) cursorRowcounts.delete(c);
  return { exceptions: new ExceptionScope(), routine: kind, collections: new Map(), recordTypes: new Map(), refCursorTypes: new Set(), cursors: new Set(), usesRowcount, cursorRowcounts, usesSqlcode, owner, bulkFetched, rowtypeOf };
}

/** Declarations PL/pgSQL needs that PL/SQL implies (loop records, row counts, error detail). */
function helperDeclarations(b: Block, scope: Scope): Statement[] {
  const extra: Statement[] = [];
  const span = b.span;
  // Oracle declares the record of FOR r IN (query) LOOP implicitly; PL/pgSQL needs a RECORD variable.
  const declared = new Set<string>();
  const loops = new Set<string>();
  statementWalk(b, (n) => {
    if (n.kind === 'VarDecl') for (const x of n.names) declared.add(x.toLowerCase());
    else if (n.kind === 'ForQuery' && !n.cursor) loops.add(n.variable);
  });
  for (const v of loops) if (!declared.has(v.toLowerCase())) extra.push({ kind: 'VarDecl', names: [v], dataType: dataType('unknown', span), record: true, span });
  if (scope.usesRowcount) extra.push({ kind: 'VarDecl', names: ['dbshift_rowcount'], dataType: dataType('bigint', span), default: num(0, span), span });
  for (const c of scope.cursorRowcounts) extra.push({ kind: 'VarDecl', names: [`dbshift_rowcount_${c}`], dataType: dataType('bigint', span), default: num(0, span), span });
  if (scope.usesSqlcode) extra.push({ kind: 'VarDecl', names: ['dbshift_detail'], dataType: dataType('text', span), span });
  // NULL until the first FETCH, as Oracle's %FOUND.
  for (const c of scope.bulkFetched) extra.push({ kind: 'VarDecl', names: [`dbshift_found_${c}`], dataType: dataType('bool', span), span });
  return extra;
}

const withHelpers = (b: Block, extra: Statement[]): Block => (extra.length ? { ...b, declarations: [...extra, ...b.declarations] } : b);

const MAIN_LABEL = 'dbshift_main';

/**
 * PL/SQL resolves a name inside SQL to a column first (the body says #variable_conflict
 * use_column); parameters and top-level variables that share a column's name are therefore written
 * qualified — by the function name or the body's label — so they still mean the variable.
 */
function variableQualifier(declarations: Statement[], params: Set<string>, fname: string | undefined, ctx: OraRuleContext): { visit: (n: NodeLike) => NodeLike | undefined; labelled: (b: Block) => Block } {
  const columns = ctx.columnNamesLower();
  const locals = new Set<string>();
  for (const d of declarations) if (d.kind === 'VarDecl') for (const n of d.names) locals.add(n.toLowerCase());
  let usedLabel = false;
  const visit = (n: NodeLike): NodeLike | undefined => {
    if (n.kind !== 'Variable') return undefined;
    const v = n as unknown as { name: string; scope: string; span: Block['span'] };
    const k = v.name.toLowerCase();
    if (v.scope !== 'local' || !columns.has(k)) return undefined;
    if (locals.has(k)) { usedLabel = true; return { kind: 'ColumnRef', parts: [MAIN_LABEL, v.name], span: v.span } as NodeLike; }
    if (fname && params.has(k)) return { kind: 'ColumnRef', parts: [fname, v.name], span: v.span } as NodeLike;
    return undefined;
  };
  return { visit, labelled: (b) => (usedLabel && !b.label ? { ...b, label: MAIN_LABEL } : b) };
}

export function convertRoutine(r: Routine, ctx: OraRuleContext): Routine {
  ctx.variables = new Map();
  const params = r.params.map((p) => {
    const dataType = paramType(p, ctx);
    ctx.variables.set(p.name.toLowerCase(), dataType);
    const out: Parameter = { ...p, dataType };
    delete out.typeRef;
    return out;
  });
  let returns = r.returns;
  if (returns?.kind === 'type') {
    const t = formalTypeFromRef(returns.typeRef, ctx) ?? mapType(returns.dataType, ctx, 'other');
    returns = { kind: 'type', dataType: t.name === 'user' && t.userType?.name.toLowerCase() === 'sys_refcursor' ? refcursor(t) : t, ...(returns.setOf ? { setOf: true } : {}) };
  }
  if (r.routineKind === 'function' && params.some((p) => p.mode !== 'in')) ctx.reportOnce(OG.outParams, r.span);
  // PostgreSQL procedures count OUT parameters in the call: none may follow a parameter with a default.
  if (r.routineKind === 'procedure') {
    const lastOut = params.map((p) => p.mode !== 'in').lastIndexOf(true);
    for (let i = 0; i < lastOut; i++) {
      if (params[i]!.default && params[i]!.mode === 'in') {
        ctx.report(OG.outParams, params[i]!.span, `Default of parameter ${params[i]!.name} was dropped: in PostgreSQL an OUT parameter (${params[lastOut]!.name}) cannot follow a parameter with a default; callers must pass it`);
        delete params[i]!.default;
      }
    }
  }
  if (r.body.kind !== 'Block') return { ...r, params, ...(returns ? { returns } : {}), language: 'plpgsql' };
  const scope = newScope(r.routineKind, r.body, r.name);
  const block = convertBlock(withCursorDefaults(r.body), scope, ctx);
  const helpers = helperDeclarations(block, scope);
  // Variables are qualified in the same pass that converts the code's expressions.
  const q = variableQualifier([...helpers, ...block.declarations], new Set(params.map((p) => p.name.toLowerCase())), r.anonymous ? undefined : r.name.name, ctx);
  const queryFindings: Diagnostic[] = [];
  const body = q.labelled(withHelpers(convertCodeAndQueries(block, scope, ctx, q.visit, queryFindings), helpers));
  const out: Routine = { ...r, params, ...(returns ? { returns } : {}), body, language: 'plpgsql' };
  delete out.packageName;
  return queriesAround(out, ctx, queryFindings);
}

export function convertTrigger(t: Trigger, ctx: OraRuleContext): Trigger {
  ctx.variables = new Map();
  if (t.compound) {
    ctx.report(OG.compoundTrigger, t.span);
    return { ...t, body: { kind: 'Unparsed', text: `compound trigger ${t.name.name}`, reason: 'compound trigger', span: t.span } };
  }
  if (t.enabled === false) ctx.reportOnce(OG.disabledTrigger, t.span);
  if (!t.body || t.body.kind !== 'Block') return t;
  const scope = newScope('trigger', t.body, t.name);
  scope.beforeRow = t.timing !== 'after' && t.forEach === 'row';
  const block = convertBlock(withCursorDefaults(t.body), scope, ctx);
  const helpers = helperDeclarations(block, scope);
  const q = variableQualifier([...helpers, ...block.declarations], new Set(), undefined, ctx);
  const queryFindings: Diagnostic[] = [];
  const converted = convertCodeAndQueries(block, scope, ctx, q.visit, queryFindings);
  const body = q.labelled(withHelpers({ ...converted, body: [...converted.body, ...triggerReturn(scope, t.span)] }, helpers));
  const out: Trigger = { ...t, body };
  delete out.referencing;
  if (t.when) out.when = t.when;
  return queriesAround(out, ctx, queryFindings);
}


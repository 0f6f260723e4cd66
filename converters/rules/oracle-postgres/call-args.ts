import type { Block, CatalogObject, DataType, Expr, NodeLike, Parameter, QualifiedName, Routine, Statement, TypeName } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { applyNamingStyle } from '../common/identifiers.js';
import type { OraRuleContext } from './context.js';
import { kindOf, type Kind } from './typeof.js';
import { statementWalk } from './statement-walk.js';

/**
 * Oracle converts call arguments to the parameter's type implicitly (a NUMBER passed to a
 * PLS_INTEGER / POSITIVE parameter is rounded; a col%TYPE parameter keeps the fraction and is
 * numeric already, see formalTypeFromRef in procedural.ts); PostgreSQL resolves routines by
 * argument type and has no implicit numeric → integer cast, so `f(numeric)` "does not exist".
 * After conversion, every call of a converted routine (CALL, function calls in code, SQL and views)
 * is matched to its overload as Oracle does; an IN argument for an integer parameter that is not
 * known to be an integer that fits gets CAST(… AS int) (PostgreSQL rounds half away from zero, as
 * Oracle does); an OUT / IN OUT variable of another scalar type goes through a variable of the
 * parameter's type. Where overloads differ only by numeric type at a position, nothing is cast:
 * PostgreSQL then picks the same overload Oracle does (integer → PLS_INTEGER one, NUMBER → NUMBER one).
 */
export function coerceCallArguments(objects: CatalogObject[], ctx: OraRuleContext): CatalogObject[] {
  const coercer = callCoercer(objects, ctx);
  return objects.map((o) => {
    const visit = coercer(o);
    return visit ? rewrite(o, visit, NO_CALLS) : o;
  });
}

/**
 * The coercing visitor for each object (undefined: not code), for `rewrite` with NO_CALLS as
 * leaves; asking for it sets ctx.variables to the object's variables. Same routines as
 * coerceCallArguments: `objects` are the converted objects.
 */
export function callCoercer(objects: CatalogObject[], ctx: OraRuleContext): (o: CatalogObject) => ((n: NodeLike) => NodeLike | undefined) | undefined {
  const byName = new Map<string, Routine[]>();
  for (const o of objects) {
    if (o.kind !== 'Routine') continue;
    const k = o.name.name.toLowerCase();
    const list = byName.get(k);
    if (list) list.push(o); else byName.set(k, [o]);
  }
  return (o) => {
    if (o.kind !== 'Routine' && o.kind !== 'Trigger' && o.kind !== 'View' && o.kind !== 'DataScript') return undefined;
    const types = scopeTypes(o, ctx);
    ctx.variables = types.vars;
    return coercion(byName, types, ctx);
  };
}

type Types = { vars: Map<string, DataType>; rowColumns?: Map<string, DataType> };

const WIDTH: Partial<Record<TypeName, number>> = { smallint: 2, int: 4, bigint: 8 };
const CATEGORY: Partial<Record<TypeName, 'number' | 'text' | 'datetime'>> = {
  smallint: 'number', int: 'number', bigint: 'number', decimal: 'number', real: 'number', double: 'number',
  char: 'text', varchar: 'text', text: 'text', nchar: 'text', nvarchar: 'text', clob: 'text',
  timestamp: 'datetime', date: 'datetime', time: 'datetime',
};
const scalar = (t: DataType): boolean => !t.arrayDims && t.name !== 'user' && t.name !== 'unknown';

/** Variables and parameters of a routine or trigger function (name → type), and a trigger's row columns. */
function scopeTypes(o: CatalogObject, ctx: OraRuleContext): Types {
  const vars = new Map<string, DataType>();
  const conflicting = new Set<string>();
  const add = (name: string, t: DataType): void => {
    const k = name.toLowerCase();
    const was = vars.get(k);
    if (was && was.name !== t.name) conflicting.add(k);
    vars.set(k, t);
  };
  if (o.kind === 'Routine') for (const p of o.params) add(p.name, p.dataType);
  if (o.kind === 'Routine' || o.kind === 'Trigger') {
    // Declarations are statements: a Block body needs no walk through its expressions.
    const body = o.body;
    const visit = (fn: (n: { kind: string }) => void): void => (body?.kind === 'Block' ? statementWalk(body, fn) : walk(body, fn));
    visit((n) => {
      if (n.kind !== 'VarDecl') return;
      const d = n as unknown as { names: string[]; dataType: DataType; typeRef?: { of: QualifiedName; column?: string } };
      const t = d.typeRef?.column ? ctx.column(d.typeRef.of, d.typeRef.column.toLowerCase())?.dataType : d.dataType;
      if (t) for (const x of d.names) add(x, t);
    });
  }
  for (const k of conflicting) vars.delete(k);
  const types: Types = { vars };
  if (o.kind === 'Trigger') {
    const t = ctx.table(o.table);
    if (t) types.rowColumns = new Map(t.columns.map((c) => [c.name.toLowerCase(), c.dataType]));
  }
  return types;
}

const FROM_KIND: Partial<Record<Kind, TypeName>> = { number: 'decimal', text: 'varchar', datetime: 'timestamp' };

/** The argument's type where known exactly; else a stand-in of its family (decimal for any number). */
function typeOf(e: Expr, types: Types, byName: Map<string, Routine[]>, ctx: OraRuleContext): DataType | 'null' | undefined {
  const t = exactType(e, types, byName, ctx);
  if (t) return t;
  const k = FROM_KIND[kindOf(e, ctx)];
  return k ? synthetic(k) : undefined;
}

function exactType(e: Expr, types: Types, byName: Map<string, Routine[]>, ctx: OraRuleContext): DataType | 'null' | undefined {
  switch (e.kind) {
    case 'Literal': {
      if (e.type === 'null') return 'null';
      if (e.type === 'string') return synthetic('varchar');
      if (e.type !== 'number') return undefined;
      if (!/^\d+$/.test(e.value)) return synthetic('decimal');
      const v = BigInt(e.value);
      return synthetic(v <= 2147483647n ? 'int' : v <= 9223372036854775807n ? 'bigint' : 'decimal');
    }
    case 'Cast': return e.type;
    case 'Variable': return types.vars.get(e.name.toLowerCase());
    case 'ColumnRef': {
      const last = e.parts[e.parts.length - 1]!.toLowerCase();
      if (e.parts.length === 1) return types.vars.get(last) ?? unique(ctx.columnTypes(last));
      const first = e.parts[0]!.toLowerCase();
      if (e.parts.length === 2 && (first === 'new' || first === 'old') && types.rowColumns) return types.rowColumns.get(last);
      // fn.param / <<label>>.var written by the variable qualifier.
      if (e.parts.length === 2 && types.vars.has(last) && !ctx.columnTypes(first).length) return types.vars.get(last);
      return unique(ctx.columnTypes(last));
    }
    case 'Unary': {
      if (e.op !== '-' && e.op !== '+') return undefined;
      const t = typeOf(e.operand, types, byName, ctx);
      return t === 'null' ? undefined : t;
    }
    case 'Binary': {
      if (e.op !== '+' && e.op !== '-' && e.op !== '*') return undefined;
      const l = typeOf(e.left, types, byName, ctx);
      const r = typeOf(e.right, types, byName, ctx);
      if (!l || !r || l === 'null' || r === 'null') return undefined;
      const lw = WIDTH[l.name];
      const rw = WIDTH[r.name];
      return lw && rw ? (lw >= rw ? l : r) : undefined;
    }
    case 'FunctionCall': {
      const cands = (byName.get(e.name.name.toLowerCase()) ?? []).filter((r) => r.routineKind === 'function' && sameSchema(r.name, e.name));
      const rets = new Set(cands.map((r) => (r.returns?.kind === 'type' ? r.returns.dataType.name : 'unknown')));
      return cands.length && rets.size === 1 && cands[0]!.returns?.kind === 'type' ? cands[0]!.returns.dataType : undefined;
    }
    default: return undefined;
  }
}

const unique = (ts: DataType[]): DataType | undefined => (ts.length === 1 ? ts[0] : undefined);
const synthetic = (name: TypeName): DataType => ({ kind: 'DataType', name, sourceText: name, span: { file: '', line: 0, column: 0 } } as DataType);
const sameSchema = (r: QualifiedName, call: QualifiedName): boolean => (call.schema ? r.schema?.toLowerCase() === call.schema.toLowerCase() : !r.schema);

/** The parameter each argument binds to, or undefined when the call does not fit the routine. */
function bind(r: Routine, args: Expr[], statement: boolean): Parameter[] | undefined {
  // Oracle functions with OUT parameters are an action item already; PostgreSQL does not pass OUT arguments to functions.
  const params = statement ? r.params : r.params.filter((p) => p.mode !== 'out');
  if (!statement && r.params.length !== params.length) return undefined;
  const bound: Parameter[] = [];
  const used = new Set<Parameter>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const p = a.kind === 'NamedArg' ? params.find((x) => x.name.toLowerCase() === a.name.toLowerCase()) : params[i];
    if (!p || used.has(p)) return undefined;
    used.add(p);
    bound.push(p);
  }
  for (const p of params) if (!used.has(p) && (p.default === undefined || p.mode !== 'in')) return undefined;
  return bound;
}

function coercion(byName: Map<string, Routine[]>, types: Types, ctx: OraRuleContext): (n: NodeLike) => NodeLike | undefined {
  let temp = 0;
  return (n: NodeLike) => {
    // coll(i).field: the shared naming pass does not name record fields picked from a collection element.
    if (n.kind === 'Subscript') {
      const sub = n as unknown as { field?: string[] };
      const named = sub.field?.map((f) => applyNamingStyle(f, ctx.options.naming));
      return named && named.some((f, i) => f !== sub.field![i]) ? { ...n, field: named } as NodeLike : undefined;
    }
    if (n.kind !== 'FunctionCall' && n.kind !== 'Call') return undefined;
    const call = n as unknown as { kind: 'FunctionCall' | 'Call'; name: QualifiedName; args: Expr[]; span: Block['span'] };
    const statement = call.kind === 'Call';
    const all = byName.get(call.name.name.toLowerCase());
    if (!all) return undefined;
    let cands = all.filter((r) => (r.routineKind === 'procedure') === statement && sameSchema(r.name, call.name));
    const bindings = new Map<Routine, Parameter[]>();
    cands = cands.filter((r) => { const b = bind(r, call.args, statement); if (b) bindings.set(r, b); return !!b; });
    if (!cands.length) return undefined;
    const argTypes = call.args.map((a) => typeOf(a.kind === 'NamedArg' ? a.value : a, types, byName, ctx));
    if (cands.length > 1) {
      // Oracle: an argument's type family (number, character, datetime) rules out overloads of another family.
      const fits = cands.filter((r) => bindings.get(r)!.every((p, i) => {
        const t = argTypes[i];
        if (!t || t === 'null') return true;
        const a = CATEGORY[t.name];
        const b = CATEGORY[p.dataType.name];
        return !a || !b || a === b;
      }));
      if (fits.length) cands = fits;
    }
    const args = call.args.slice();
    const pre: Statement[] = [];
    const post: Statement[] = [];
    const decls: Statement[] = [];
    let changed = false;
    for (let i = 0; i < args.length; i++) {
      const ps = cands.map((r) => bindings.get(r)![i]!);
      const p = ps[0]!;
      // Overloads that differ at this position: PostgreSQL resolves them as Oracle does (see above).
      if (ps.some((x) => x.dataType.name !== p.dataType.name || x.mode !== p.mode)) continue;
      const t = argTypes[i];
      const a = args[i]!;
      const value = a.kind === 'NamedArg' ? a.value : a;
      const wrap = (v: Expr): Expr => (a.kind === 'NamedArg' ? { ...a, value: v } : v);
      if (p.mode === 'in') {
        const pw = WIDTH[p.dataType.name];
        if (!pw || t === 'null') continue;
        const aw = t ? WIDTH[t.name] : undefined;
        if (aw !== undefined && aw <= pw && !(pw === 2 && t !== undefined && value.kind === 'Literal')) continue;
        args[i] = wrap({ kind: 'Cast', expr: value, type: { ...p.dataType, span: value.span }, syntax: 'cast', span: value.span });
        changed = true;
      } else if (statement && t && t !== 'null' && scalar(t) && scalar(p.dataType) && t.name !== p.dataType.name) {
        // CALL needs an OUT argument of the parameter's type: go through a variable of that type.
        const v = `dbshift_out${++temp}`;
        const span = value.span;
        decls.push({ kind: 'VarDecl', names: [v], dataType: { ...p.dataType, span }, span } as Statement);
        if (p.mode === 'inout') pre.push({ kind: 'Assign', target: { kind: 'Variable', name: v, scope: 'local', span }, value, span } as unknown as Statement);
        post.push({ kind: 'Assign', target: value, value: { kind: 'Variable', name: v, scope: 'local', span }, span } as unknown as Statement);
        args[i] = wrap({ kind: 'Variable', name: v, scope: 'local', span });
        changed = true;
      }
    }
    if (!changed) return undefined;
    const out = { ...call, args } as unknown as NodeLike;
    if (!decls.length) return out;
    return { kind: 'Block', declarations: decls, body: [...pre, out as unknown as Statement, ...post], exceptionHandlers: [], span: call.span } as unknown as NodeLike;
  };
}

/** Kinds that hold no call or subscript: not entered. */
export const NO_CALLS: ReadonlySet<string> = new Set(['DataType', 'Literal', 'ColumnRef', 'Variable']);

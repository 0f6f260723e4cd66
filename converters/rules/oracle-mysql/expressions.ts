import type { Expr, FunctionCall, NodeLike, Binary, ColumnRef, Cast, QualifiedName } from '../../model/index.js';
import { rewrite } from '../../model/index.js';
import { bin, call, num, str } from '../common/nodes.js';
import { SUPPLIED_UNSUPPORTED } from '../oracle-postgres/expressions.js';
import { kindOf } from './typeof.js';
import { templ } from '../postgres-mysql/datetime.js';
import { TEMPLATE_FUNCTION } from '../../generators/mysql/index.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';
import { FUNCTIONS } from './functions.js';
import { mapType } from './types.js';

/** Calls into Oracle supplied packages that have a MySQL form. */
const SUPPLIED: Record<string, (a: Expr[], f: FunctionCall) => Expr> = {
  'dbms_random.value': (a, f) => (a.length === 2 ? templ('(? + RAND() * (? - ?))', [a[0]!, a[1]!, a[0]!], f.span) : call('RAND', [], f.span)),
  'dbms_random.random': (_a, f) => templ('(FLOOR(RAND() * 4294967296) - 2147483648)', [], f.span),
  'dbms_lob.getlength': (a, f) => call('CHAR_LENGTH', [a[0]!], f.span),
  'dbms_lob.substr': (a, f) => call('SUBSTRING', [a[0]!, a[2] ?? num(1, f.span), a[1] ?? num(32767, f.span)], f.span),
  'dbms_lob.instr': (a, f) => call('INSTR', [a[0]!, a[1]!], f.span),
  'utl_raw.cast_to_raw': (a, f) => templ('CAST(? AS BINARY)', [a[0]!], f.span),
  'utl_raw.cast_to_varchar2': (a, f) => templ('CONVERT(? USING utf8mb4)', [a[0]!], f.span),
};

/** Target name of a user routine call (package routines are renamed <pkg>__<routine>). */
export function routineTarget(name: QualifiedName, ctx: OmContext): string | undefined {
  if (name.schema) return ctx.qualifiedRoutines.get(`${name.schema.toLowerCase()}.${name.name.toLowerCase()}`);
  return ctx.packageRoutines.get(name.name.toLowerCase());
}

function convertFunction(f: FunctionCall, ctx: OmContext, routines: Set<string>): Expr | undefined {
  if (f.name.name === TEMPLATE_FUNCTION) return undefined;
  const name = f.name.name.toLowerCase();
  const target = routineTarget(f.name, ctx);
  if (target) return { ...f, name: { name: target, quoted: true } };
  if (f.name.schema) {
    const key = `${f.name.schema.toLowerCase()}.${name}`;
    const supplied = SUPPLIED[key];
    if (supplied) return supplied(f.args, f);
    if (SUPPLIED_UNSUPPORTED.has(f.name.schema.toLowerCase()) || /^(dbms|utl)_/i.test(f.name.schema)) ctx.reportOnce(OM.unsupportedPackage, f.span, `${key.toUpperCase()} has no MySQL equivalent`);
    return undefined;
  }
  if (routines.has(name)) return undefined;
  const rule = FUNCTIONS[name];
  if (rule) return rule(f.args, f, ctx);
  if (name === 'sqlcode' || name === 'sqlerrm') {
    ctx.reportOnce(OM.unsupportedStatement, f.span, `${name.toUpperCase()} has no MySQL function; read the error with GET DIAGNOSTICS CONDITION 1 … RETURNED_SQLSTATE/MYSQL_ERRNO/MESSAGE_TEXT`);
    return undefined;
  }
  if (name === 'inserting' || name === 'updating' || name === 'deleting') return undefined;
  ctx.reportOnce(OM.unknownFunction, f.span, `Function ${f.name.name} has no known MySQL equivalent and was kept as is`);
  return undefined;
}

function sequenceCall(c: ColumnRef, ctx: OmContext): Expr | undefined {
  const last = c.parts[c.parts.length - 1]!.toLowerCase();
  if ((last !== 'nextval' && last !== 'currval') || c.parts.length < 2 || c.parts.length > 3) return undefined;
  if (ctx.flavor === 'mysql') {
    ctx.reportOnce(OM.sequenceMysql, c.span, `${c.parts.join('.')}: MySQL has no sequences; kept as written`);
    return undefined;
  }
  const seq: ColumnRef = { kind: 'ColumnRef', parts: c.parts.slice(0, -1), span: c.span };
  return templ(last === 'nextval' ? 'NEXTVAL(?)' : 'LASTVAL(?)', [seq], c.span);
}

function dateArithmetic(b: Binary, ctx: OmContext): Expr | undefined {
  const l = kindOf(b.left, ctx);
  const r = kindOf(b.right, ctx);
  const s = b.span;
  const add = (d: Expr, n: Expr, sub: boolean): Expr => {
    ctx.reportOnce(OM.dateArithmetic, s);
    const fn = sub ? 'DATE_SUB' : 'DATE_ADD';
    if (n.kind === 'Literal' && /^\d+$/.test(n.value)) return templ(`${fn}(?, INTERVAL ? DAY)`, [d, n], s);
    // Oracle adds fractions of days: whole seconds keep DATE precision.
    return templ(`${fn}(?, INTERVAL ROUND(? * 86400) SECOND)`, [d, n], s);
  };
  if (l === 'datetime' && r === 'number') return add(b.left, b.right, b.op === '-');
  if (l === 'number' && r === 'datetime' && b.op === '+') return add(b.right, b.left, false);
  if (l === 'datetime' && r === 'datetime' && b.op === '-') {
    ctx.reportOnce(OM.dateArithmetic, s);
    return templ('(TIMESTAMPDIFF(SECOND, ?, ?) / 86400)', [b.right, b.left], s);
  }
  return undefined;
}

const CMP = new Set(['=', '<>', '<', '>', '<=', '>=']);
const isNullLiteral = (e: Expr): boolean => e.kind === 'Literal' && e.type === 'null';

/**
 * Rewrites Oracle expressions in `root` (bottom-up): functions, sequences, '' as NULL, ||, date
 * arithmetic, casts, package variables and routine names.
 */
export function convertExpressions<T>(root: T, ctx: OmContext, routines: Set<string>): T {
  const concats = new WeakMap<object, Expr[]>();
  return rewrite(root, (node: NodeLike): NodeLike | undefined => {
    const e = node as Expr;
    switch (e.kind) {
      case 'Literal':
        if (e.type === 'string' && e.value === '') { ctx.reportOnce(OM.emptyStringInsert, e.span); return { kind: 'Literal', type: 'null', value: 'NULL', span: e.span } as Expr; }
        return undefined;
      case 'Variable': {
        const pv = ctx.packageVars.get(e.name.toLowerCase());
        if (pv && e.scope === 'local' && !ctx.variables.has(e.name.toLowerCase())) { ctx.reportOnce(OM.packageVariable, e.span); return { kind: 'Variable', name: pv.user, scope: 'user', span: e.span } as Expr; }
        return undefined;
      }
      case 'ColumnRef': {
        const seq = sequenceCall(e, ctx);
        if (seq) return seq;
        const lower = e.parts.map((p) => p.toLowerCase());
        const pv = lower.length === 2 ? ctx.packageVars.get(`${lower[0]}.${lower[1]}`) : lower.length === 1 && !ctx.variables.has(lower[0]!) ? ctx.packageVars.get(lower[0]!) : undefined;
        if (pv) { ctx.reportOnce(OM.packageVariable, e.span); return { kind: 'Variable', name: pv.user, scope: 'user', span: e.span } as Expr; }
        if (lower.length <= 2) {
          const qn: QualifiedName = lower.length === 2 ? { schema: e.parts[0]!, name: e.parts[1]! } : { name: e.parts[0]! };
          const target = routineTarget(qn, ctx);
          if (target && !ctx.variables.has(lower[lower.length - 1]!)) return call({ name: target, quoted: true }, [], e.span) as Expr;
        }
        // PL/SQL calls functions without arguments without parentheses.
        if (lower.length === 1 && routines.has(lower[0]!) && !ctx.variables.has(lower[0]!) && ctx.columnTypes(e.parts[0]!).length === 0) return call({ name: e.parts[0]! }, [], e.span);
        if (lower.length === 1 && lower[0] === 'rownum') {
          ctx.reportOnce(OM.rownum, e.span, 'ROWNUM in an expression became ROW_NUMBER() OVER (): the numbering follows the order rows are produced in, which MySQL does not guarantee');
          return { kind: 'FunctionCall', name: { name: 'ROW_NUMBER' }, args: [], over: { partitionBy: [], orderBy: [] }, span: e.span } as Expr;
        }
        return undefined;
      }
      case 'FunctionCall': return convertFunction(e, ctx, routines);
      case 'CursorAttr':
        if (!e.cursor && e.attr === 'rowcount') return call('ROW_COUNT', [], e.span);
        return undefined; // cursor loops handle %FOUND/%NOTFOUND; the generator reports the rest
      case 'Cast': return { ...e, type: mapType((e as Cast).type, ctx, 'other') } as Cast;
      case 'Binary': {
        if (e.op === 'concat') {
          const parts = [e.left, e.right].flatMap((x) => concats.get(x) ?? [x]);
          const out = call('NULLIF', [call('CONCAT_WS', [str('', e.span), ...parts], e.span), str('', e.span)], e.span);
          concats.set(out, parts);
          ctx.reportOnce(OM.concatNull, e.span);
          return out;
        }
        if (CMP.has(e.op) && (isNullLiteral(e.left) || isNullLiteral(e.right))) {
          ctx.reportOnce(OM.emptyString, e.span, `Comparison with NULL or '' (Oracle's empty string is NULL) is never true; kept as written — probably meant IS ${e.op === '<>' ? 'NOT ' : ''}NULL`);
          return undefined;
        }
        if (e.op === '+' || e.op === '-') return dateArithmetic(e, ctx);
        return undefined;
      }
      default: return undefined;
    }
  });
}

export { bin };

import type { Expr, FunctionCall, NodeLike, Binary, ColumnRef, Cast } from '../../model/index.js';
import { rewrite } from '../../model/index.js';
import { applyNamingStyle } from '../common/identifiers.js';
import { bin, call, cast, dataType, num, raw, str } from '../common/nodes.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';
import { FUNCTIONS, numberText } from './functions.js';
import { mapType } from './types.js';
import { kindOf } from './typeof.js';

export const SUPPLIED_UNSUPPORTED = new Set(['utl_file', 'dbms_sql', 'dbms_job', 'dbms_scheduler', 'dbms_pipe', 'dbms_alert', 'utl_http', 'utl_smtp', 'utl_mail', 'dbms_crypto', 'dbms_xmlgen', 'owa_util', 'htp', 'dbms_lock', 'dbms_session', 'dbms_application_info', 'dbms_utility', 'dbms_stats', 'dbms_metadata']);

/** Calls into Oracle supplied packages that have a PostgreSQL form. */
const SUPPLIED: Record<string, (a: Expr[], f: FunctionCall, ctx: OraRuleContext) => Expr> = {
  'dbms_random.value': (a, f) => (a.length === 2
    ? bin('+', a[0]!, bin('*', call('random', [], f.span), bin('-', a[1]!, a[0]!, f.span), f.span), f.span)
    : call('random', [], f.span)),
  'dbms_random.random': (_a, f) => cast(bin('-', call('floor', [bin('*', call('random', [], f.span), num(4294967296, f.span), f.span)], f.span), num(2147483648, f.span), f.span), dataType('int', f.span), f.span),
  'dbms_random.string': (a, f) => call('upper', [call('substr', [call('md5', [cast(call('random', [], f.span), dataType('text', f.span), f.span)], f.span), num(1, f.span), a[1]!], f.span)], f.span),
  'utl_raw.cast_to_raw': (a, f) => call('convert_to', [a[0]!, str('UTF8', f.span)], f.span),
  'utl_raw.cast_to_varchar2': (a, f) => call('convert_from', [a[0]!, str('UTF8', f.span)], f.span),
  'dbms_lob.getlength': (a, f) => call('length', [a[0]!], f.span),
  'dbms_lob.substr': (a, f) => call('substr', [a[0]!, a[2] ?? num(1, f.span), a[1] ?? num(32767, f.span)], f.span),
  'dbms_lob.instr': (a, f) => call('strpos', [a[0]!, a[1]!], f.span),
  'dbms_utility.get_time': (_a, f) => cast(bin('*', raw('extract(epoch FROM clock_timestamp())', f.span), num(100, f.span), f.span), dataType('bigint', f.span), f.span),
};

const isNullLiteral = (e: Expr): boolean => e.kind === 'Literal' && e.type === 'null';
const isLiteral = (e: Expr): boolean => e.kind === 'Literal' && e.type !== 'null';

function concatOperands(e: Expr, out: Expr[]): Expr[] {
  if (e.kind === 'FunctionCall' && e.name.name === 'concat' && !e.name.schema && (e as FunctionCall & { fromPipes?: boolean }).fromPipes) {
    out.push(...e.args);
  } else out.push(e);
  return out;
}

function convertFunction(f: FunctionCall, ctx: OraRuleContext, routines: Set<string>): Expr | undefined {
  const name = f.name.name.toLowerCase();
  if (f.name.schema) {
    const key = `${f.name.schema.toLowerCase()}.${name}`;
    const supplied = SUPPLIED[key];
    if (supplied) return supplied(f.args, f, ctx);
    if (SUPPLIED_UNSUPPORTED.has(f.name.schema.toLowerCase())) {
      ctx.reportOnce(OG.unsupportedPackage, f.span, `${key.toUpperCase()} has no PostgreSQL equivalent`);
    }
    return undefined;
  }
  if (routines.has(name)) return undefined;
  const rule = FUNCTIONS[name];
  if (rule) {
    const out = rule(f.args, f, ctx);
    // Built-ins print bare only in lower case (an upper-case name would be quoted, i.e. another function).
    return out.kind === 'FunctionCall' && !out.name.schema && out.name.name.toLowerCase() === name && out.name.name !== name ? { ...out, name: { name } } : out;
  }
  if (name === 'sqlcode' || name === 'sqlerrm' || name === 'inserting' || name === 'updating' || name === 'deleting') return undefined;
  ctx.reportOnce(OG.unknownFunction, f.span, `Function ${f.name.name} has no known PostgreSQL equivalent and was kept as is`);
  return f.name.name !== name ? { ...f, name: { name } } : undefined;
}

function sequenceCall(c: ColumnRef): Expr | undefined {
  const last = c.parts[c.parts.length - 1]!.toLowerCase();
  if ((last !== 'nextval' && last !== 'currval') || c.parts.length < 2 || c.parts.length > 3) return undefined;
  const seq = c.parts.slice(0, -1).map((p) => (/^[a-z_][a-z0-9_$]*$/.test(p) ? p : `"${p.replace(/"/g, '""')}"`)).join('.');
  return call(last, [str(seq, c.span)], c.span);
}

function dateArithmetic(b: Binary, ctx: OraRuleContext): Expr | undefined {
  const l = kindOf(b.left, ctx);
  const r = kindOf(b.right, ctx);
  const s = b.span;
  const dayInterval = (n: Expr): Expr => bin('*', n, raw("INTERVAL '1 day'", s), s);
  if (l === 'datetime' && r === 'number') { ctx.reportOnce(OG.dateArithmetic, s); return bin(b.op, b.left, dayInterval(b.right), s); }
  if (l === 'number' && r === 'datetime' && b.op === '+') { ctx.reportOnce(OG.dateArithmetic, s); return bin('+', b.right, dayInterval(b.left), s); }
  if (l === 'datetime' && r === 'datetime' && b.op === '-') {
    ctx.reportOnce(OG.dateArithmetic, s);
    return bin('/', { kind: 'FunctionCall', name: { name: 'extract' }, args: [bin('-', b.left, b.right, s)], keywordForm: { keyword: 'FROM', leading: 'EPOCH' }, span: s }, num(86400, s), s);
  }
  return undefined;
}

const CMP = new Set(['=', '<>', '<', '>', '<=', '>=']);

/** Kinds the expression pass never changes and that hold no node it changes (a Cast's type is mapped at the Cast). */
const EXPRESSION_LEAVES: ReadonlySet<string> = new Set(['DataType']);

/**
 * Rewrites Oracle expressions in `root` (bottom-up): functions, sequences, '' as NULL, ||,
 * date arithmetic, exact division, cast types. `watch` sees every TableRef, Select and SetOperation
 * of the result (the pass makes none of them).
 */
export function convertExpressions<T>(root: T, ctx: OraRuleContext, routines: Set<string>, watch?: (n: NodeLike) => void): T {
  return rewrite(root, (node: NodeLike): NodeLike | undefined => {
    const e = node as Expr;
    switch (e.kind) {
      case 'Literal':
        // Oracle stores and compares '' as NULL.
        if (e.type === 'string' && e.value === '') return { kind: 'Literal', type: 'null', value: 'NULL', span: e.span } as Expr;
        return undefined;
      case 'ColumnRef': {
        const seq = sequenceCall(e);
        if (seq) return seq;
        // PL/SQL calls functions without arguments without parentheses.
        if (e.parts.length === 1 && routines.has(e.parts[0]!.toLowerCase()) && !ctx.variables.has(e.parts[0]!.toLowerCase()) && ctx.columnTypes(e.parts[0]!).length === 0) {
          return { kind: 'FunctionCall', name: { name: e.parts[0]! }, args: [], span: e.span } as Expr;
        }
        if (e.parts.length === 1 && e.parts[0]!.toLowerCase() === 'rownum') {
          ctx.reportOnce(OG.rownum, e.span, 'ROWNUM in an expression became row_number() OVER (): numbering follows the order rows are produced in, as in Oracle, but is not guaranteed by PostgreSQL');
          return { kind: 'FunctionCall', name: { name: 'row_number' }, args: [], over: { partitionBy: [], orderBy: [] }, span: e.span } as Expr;
        }
        return undefined;
      }
      case 'FunctionCall': return convertFunction(e, ctx, routines);
      case 'NamedArg': {
        const name = applyNamingStyle(e.name, ctx.options.naming);
        return name !== e.name ? { ...e, name } as Expr : undefined;
      }
      case 'Cast': return { ...e, type: mapType((e as Cast).type, ctx, 'other') } as Cast;
      case 'Binary': {
        if (e.op === 'concat') {
          const args = concatOperands(e.right, concatOperands(e.left, [])).map((x) => (x.kind !== 'Literal' && kindOf(x, ctx) === 'number' ? numberText(x, x.span) : x));
          if (args.every(isLiteral)) return undefined;
          ctx.reportOnce(OG.concatNull, e.span);
          return { kind: 'FunctionCall', name: { name: 'concat' }, args, span: e.span, fromPipes: true } as FunctionCall;
        }
        if (CMP.has(e.op) && (isNullLiteral(e.left) || isNullLiteral(e.right))) {
          ctx.reportOnce(OG.emptyString, e.span, `Comparison with NULL or '' (Oracle's empty string is NULL) is never true, in Oracle as in PostgreSQL; kept as written — probably meant IS ${e.op === '<>' ? 'NOT ' : ''}NULL`);
          return undefined;
        }
        if (e.op === '+' || e.op === '-') return dateArithmetic(e, ctx);
        if (e.op === '/') {
          // Oracle NUMBER division is exact; PostgreSQL divides integers to an integer.
          if (e.left.kind === 'Literal' && e.left.value.includes('.')) return undefined;
          if (e.left.kind === 'Cast' && e.left.type.name === 'decimal') return undefined;
          return bin('/', cast(e.left, dataType('decimal', e.span), e.span), e.right, e.span);
        }
        return undefined;
      }
      default:
        if (watch && (node.kind === 'TableRef' || node.kind === 'Select' || node.kind === 'SetOperation')) watch(node);
        return undefined;
    }
  }, EXPRESSION_LEAVES);
}

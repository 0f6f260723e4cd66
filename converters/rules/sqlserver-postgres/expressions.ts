import type { Binary, Cast, DataType, Expr, SourceSpan } from '../../model/index.js';
import { rewriteTsqlExpressions, type TsqlExpressionRules } from '../common/tsql-expressions.js';
import { bin, bool, call, cast, dataType, literalValue, raw, str } from '../common/nodes.js';
import { TG } from './codes.js';

export { likeToRegex } from '../common/tsql-expressions.js';
import type { MsRuleContext } from './context.js';
import { EMULATION_SCHEMA, tryCastFunction } from './emulation.js';
import { FUNCTIONS } from './functions.js';
import { mapType } from './types.js';
import { kindOf } from './typeof.js';

/** CONVERT(char type, date, style) masks (to_char / to_timestamp). */
const DATE_STYLES: Record<number, string> = {
  1: 'MM/DD/YY', 101: 'MM/DD/YYYY', 2: 'YY.MM.DD', 102: 'YYYY.MM.DD', 3: 'DD/MM/YY', 103: 'DD/MM/YYYY', 4: 'DD.MM.YY', 104: 'DD.MM.YYYY',
  5: 'DD-MM-YY', 105: 'DD-MM-YYYY', 10: 'MM-DD-YY', 110: 'MM-DD-YYYY', 11: 'YY/MM/DD', 111: 'YYYY/MM/DD', 12: 'YYMMDD', 112: 'YYYYMMDD',
  8: 'HH24:MI:SS', 108: 'HH24:MI:SS', 24: 'HH24:MI:SS', 20: 'YYYY-MM-DD HH24:MI:SS', 120: 'YYYY-MM-DD HH24:MI:SS',
  21: 'YYYY-MM-DD HH24:MI:SS.MS', 121: 'YYYY-MM-DD HH24:MI:SS.MS', 25: 'YYYY-MM-DD HH24:MI:SS.MS', 23: 'YYYY-MM-DD',
  6: 'DD Mon YY', 106: 'DD Mon YYYY', 7: 'Mon DD, YY', 107: 'Mon DD, YYYY', 126: 'YYYY-MM-DD"T"HH24:MI:SS',
};

const TEXTY = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'text']);

/** CAST/CONVERT to char types without a length: T-SQL uses 30 there (a declaration would use 1). */
function castType(t: DataType, ctx: MsRuleContext): DataType {
  const noLength = TEXTY.has(t.name) && !t.sourceText.includes('(');
  return mapType(noLength ? { ...t, length: 30 } : t, ctx, 'other');
}

function styled(e: Cast, target: DataType, ctx: MsRuleContext): Expr {
  const s = e.span;
  const v = literalValue(e.style, 'number');
  const style = v === undefined ? undefined : Number(v);
  const fromKind = kindOf(e.expr, ctx);
  const plain = (): Expr => cast(e.expr, target, s);
  if (style === undefined) {
    ctx.reportOnce(TG.convertStyle, s, 'CONVERT with a style that is not a number literal: a plain cast was used');
    return plain();
  }
  if (style === 0 && fromKind !== 'datetime') return plain();
  const mask = DATE_STYLES[style];
  const toText = TEXTY.has(target.name) || target.name === 'text';
  if (mask && toText && fromKind !== 'text') {
    let out: Expr = call('to_char', [e.expr, str(mask, s)], s);
    // ISO 8601 (126) prints milliseconds only when they are not zero.
    if (style === 126) out = bin('concat', out, { kind: 'Case', whens: [{ when: bin('=', call('to_char', [e.expr, str('MS', s)], s), str('000', s), s), then: str('', s) }], else: call('to_char', [e.expr, str('.MS', s)], s), span: s }, s);
    return target.name === 'text' ? out : cast(out, target, s);
  }
  const toDate = target.name === 'date' || target.name === 'timestamp' || target.name === 'time';
  if (mask && toDate && fromKind === 'text') {
    // ISO styles read the same with a plain cast (and keep fractional seconds).
    if ([20, 120, 21, 121, 23, 126, 112].includes(style)) return plain();
    return cast(call('to_timestamp', [e.expr, str(mask, s)], s), target, s);
  }
  if (style === 1 || style === 2 || style === 3 || style === 126 || style === 128 || style === 129) {
    ctx.reportOnce(TG.convertStyle, s, `CONVERT style ${style} (number/money formatting) became a plain cast`);
    return plain();
  }
  ctx.reportOnce(TG.convertStyle, s, `CONVERT style ${style} between these types has no exact PostgreSQL form: a plain cast was used`);
  return plain();
}

function convertCast(e: Cast, ctx: MsRuleContext): Expr {
  const target = castType(e.type, ctx);
  if (e.try) {
    const fn = tryCastFunction(target);
    if (!fn) {
      ctx.reportOnce(TG.unsupported, e.span, `TRY_${e.syntax === 'convert' ? 'CONVERT' : 'CAST'} to ${e.type.sourceText}: no NULL-on-error form; a plain cast was used (errors instead of NULL)`);
      return cast(e.expr, target, e.span);
    }
    if (!ctx.useEmulation(fn, e.span, `TRY_CAST/TRY_CONVERT to ${e.type.sourceText}`, TG.tryCast)) return cast(e.expr, target, e.span);
    const out = call({ schema: EMULATION_SCHEMA, name: fn }, [cast(e.expr, dataType('text', e.span), e.span)], e.span);
    return target.name === 'decimal' && target.precision !== undefined ? cast(out, target, e.span) : out;
  }
  if (e.style) return styled(e, target, ctx);
  return { ...e, type: target, syntax: 'cast', style: undefined };
}

const SYSTEM: Record<string, (s: SourceSpan, ctx: MsRuleContext) => Expr> = {
  identity: (s, ctx) => { ctx.reportOnce(TG.identity, s); return call('lastval', [], s); },
  spid: (s) => call('pg_backend_pid', [], s),
  version: (s) => call('version', [], s),
  servername: (s) => raw('inet_server_addr()::text', s),
};

const isBool = (e: Expr, ctx: MsRuleContext): boolean => kindOf(e, ctx) === 'bool';
const bitLiteral = (e: Expr): boolean => e.kind === 'Literal' && e.type === 'number' && (e.value === '0' || e.value === '1');
const toBool = (e: Expr): Expr => bool(literalValue(e) === '1', e.span);

/** A 0/1 literal where a bit (now boolean) value is expected becomes FALSE/TRUE. */
export function boolLiteral(e: Expr | undefined, t: DataType | undefined): Expr | undefined {
  if (!e || !t || t.name !== 'bool') return e;
  // SQL Server stores any non-zero number in a bit as 1.
  if (e.kind === 'Literal' && e.type === 'number') return bool(Number(e.value) !== 0, e.span);
  if (e.kind === 'Literal' && e.type === 'string' && (e.value === '0' || e.value === '1')) return toBool(e);
  return e;
}

function binary(e: Binary, ctx: MsRuleContext): Expr | undefined {
  if (e.op === '+') {
    const l = kindOf(e.left, ctx);
    const r = kindOf(e.right, ctx);
    if ((l === 'text' && r !== 'number' && r !== 'datetime') || (r === 'text' && l !== 'number' && l !== 'datetime')) return { ...e, op: 'concat' } as Expr;
    if (l === 'datetime' && r === 'number') return bin('+', e.left, bin('*', e.right, raw("INTERVAL '1 day'", e.span), e.span), e.span);
    if (l === 'unknown' && r === 'unknown') ctx.reportOnce(TG.stringPlus, e.span);
    return undefined;
  }
  if (e.op === '-' && kindOf(e.left, ctx) === 'datetime' && kindOf(e.right, ctx) === 'number') {
    return bin('-', e.left, bin('*', e.right, raw("INTERVAL '1 day'", e.span), e.span), e.span);
  }
  if (['=', '<>'].includes(e.op)) {
    if (bitLiteral(e.right) && isBool(e.left, ctx)) return { ...e, right: toBool(e.right) } as Expr;
    if (bitLiteral(e.left) && isBool(e.right, ctx)) return { ...e, left: toBool(e.left) } as Expr;
  }
  return undefined;
}

const RULES: TsqlExpressionRules<MsRuleContext> = {
  target: 'PostgreSQL', functions: FUNCTIONS, system: SYSTEM, cast: convertCast, binary,
  codes: { unknownFunction: TG.unknownFunction, likeClass: TG.likeClass, systemVariable: TG.unsupported },
};

/**
 * Rewrites T-SQL expressions in `root` (bottom-up): functions, CAST/CONVERT styles, TRY_CAST,
 * string +, bit comparisons, @@ variables. Call `annotate` on the tree first (column types by scope).
 */
export function convertExpressions<T>(root: T, ctx: MsRuleContext, routines: Set<string>): T {
  return rewriteTsqlExpressions(root, ctx, routines, RULES);
}

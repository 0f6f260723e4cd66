import type { Binary, Cast, DataType, Expr, SourceSpan } from '../../model/index.js';
import { rewriteTsqlExpressions, type TsqlExpressionRules } from '../common/tsql-expressions.js';
import { call, literalValue, raw, str } from '../common/nodes.js';
import { kindOf } from '../sqlserver-postgres/typeof.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';
import { FUNCTIONS } from './functions.js';
import { mapType } from './types.js';

/** CONVERT(char type, date, style) → DATE_FORMAT masks (also STR_TO_DATE formats). */
const DATE_STYLES: Record<number, string> = {
  1: '%m/%d/%y', 101: '%m/%d/%Y', 2: '%y.%m.%d', 102: '%Y.%m.%d', 3: '%d/%m/%y', 103: '%d/%m/%Y', 4: '%d.%m.%y', 104: '%d.%m.%Y',
  5: '%d-%m-%y', 105: '%d-%m-%Y', 10: '%m-%d-%y', 110: '%m-%d-%Y', 11: '%y/%m/%d', 111: '%Y/%m/%d', 12: '%y%m%d', 112: '%Y%m%d',
  8: '%H:%i:%s', 108: '%H:%i:%s', 24: '%H:%i:%s', 20: '%Y-%m-%d %H:%i:%s', 120: '%Y-%m-%d %H:%i:%s', 23: '%Y-%m-%d',
  6: '%d %b %y', 106: '%d %b %Y', 7: '%b %d, %y', 107: '%b %d, %Y',
};

const TEXTY = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'text']);

/** CAST/CONVERT to char types without a length: T-SQL uses 30 there. */
function castType(t: DataType, ctx: TmContext): DataType {
  const noLength = TEXTY.has(t.name) && !t.sourceText.includes('(');
  return mapType(noLength ? { ...t, length: 30 } : t, ctx, 'other');
}

function convertCast(e: Cast, ctx: TmContext): Expr {
  const s = e.span;
  const target = castType(e.type, ctx);
  const plain: Expr = { ...e, type: target, syntax: 'cast', style: undefined, try: undefined } as Expr;
  if (e.try) ctx.reportOnce(TM.tryCast, s);
  if (!e.style) return plain;
  const v = literalValue(e.style, 'number');
  const style = v === undefined ? undefined : Number(v);
  const from = kindOf(e.expr, ctx);
  if (style === 0 || style === undefined) {
    if (style === undefined) ctx.reportOnce(TM.convertStyle, s, 'CONVERT with a style that is not a number literal: a plain CAST was used');
    return plain;
  }
  const mask = DATE_STYLES[style];
  const toText = TEXTY.has(e.type.name);
  if (mask && toText && from !== 'text') {
    const out = call('DATE_FORMAT', [e.expr, str(mask, s)], s);
    return typeof target.length === 'number' ? call('LEFT', [out, { kind: 'Literal', type: 'number', value: String(target.length), span: s }], s) : out;
  }
  const toDate = ['date', 'datetime', 'timestamp', 'time'].includes(e.type.name);
  if (mask && toDate && from === 'text') return { ...plain, expr: call('STR_TO_DATE', [e.expr, str(mask, s)], s) } as Expr;
  ctx.reportOnce(TM.convertStyle, s, `CONVERT style ${style} has no exact MySQL form here: a plain CAST was used`);
  return plain;
}

const SYSTEM: Record<string, (s: SourceSpan) => Expr> = {
  rowcount: (s) => call('ROW_COUNT', [], s),
  identity: (s) => call('LAST_INSERT_ID', [], s),
  spid: (s) => call('CONNECTION_ID', [], s),
  version: (s) => call('VERSION', [], s),
  servername: (s) => raw('@@hostname', s),
};

function binary(e: Binary, ctx: TmContext): Expr | undefined {
  if (e.op !== '+') return undefined;
  const l = kindOf(e.left, ctx);
  const r = kindOf(e.right, ctx);
  if ((l === 'text' && r !== 'number' && r !== 'datetime') || (r === 'text' && l !== 'number' && l !== 'datetime')) {
    ctx.reportOnce(TM.concat, e.span);
    const parts = (x: Expr): Expr[] => (x.kind === 'FunctionCall' && x.name.name === 'CONCAT' && !x.name.schema ? x.args : [x]);
    return call('CONCAT', [...parts(e.left), ...parts(e.right)], e.span);
  }
  if (l === 'datetime' && r === 'number') return call('DATE_ADD', [e.left, { kind: 'Interval', value: e.right, unit: 'DAY', span: e.span }], e.span);
  if (l === 'unknown' || r === 'unknown') ctx.reportOnce(TM.stringPlus, e.span);
  return undefined;
}

const RULES: TsqlExpressionRules<TmContext> = {
  target: 'MySQL', functions: FUNCTIONS, system: SYSTEM, cast: convertCast, binary,
  codes: { unknownFunction: TM.unknownFunction, likeClass: TM.likeClass, systemVariable: TM.systemVariable },
};

/**
 * Rewrites T-SQL expressions in `root` (bottom-up): functions, CAST/CONVERT styles, string +,
 * @@ variables. Call `annotate` (sqlserver-postgres/typeof) on the tree first.
 */
export function convertExpressions<T>(root: T, ctx: TmContext, routines: Set<string>): T {
  return rewriteTsqlExpressions(root, ctx, routines, RULES);
}

import type { Binary, Expr } from '../../model/index.js';
import { PM } from './codes.js';
import type { RuleContext } from './context.js';
import { templ } from './datetime.js';

/**
 * PostgreSQL intervals computed in expressions (ts - ts, n * interval '1 day') have no MySQL
 * value type. They become numbers of seconds: ts - ts → TIMESTAMPDIFF(SECOND, b, a), n * INTERVAL
 * k UNIT → n * k * seconds(UNIT). Comparisons and sums of such values then keep their meaning.
 */
const SECONDS: Record<string, number> = { SECOND: 1, MINUTE: 60, HOUR: 3600, DAY: 86400, WEEK: 604800 };

const TEMPORAL = new Set(['timestamp', 'datetime', 'date']);

/** Type name of a column reference, looked up in the source catalog's tables. */
function columnType(e: Expr, ctx: RuleContext): string | undefined {
  if (e.kind !== 'ColumnRef') return undefined;
  const col = e.parts[e.parts.length - 1]!;
  if (e.parts.length >= 2) {
    const t = ctx.lookup(ctx.tables, { name: e.parts[e.parts.length - 2]! });
    const c = t?.columns.find((x) => x.name === col);
    if (c) return c.dataType.name;
  }
  const types = new Set<string>();
  for (const [k, t] of ctx.tables) if (k.startsWith('.')) for (const c of t.columns) if (c.name === col) types.add(c.dataType.name);
  return types.size === 1 ? [...types][0] : undefined;
}

/** 'datetime' / 'date' / 'timestamp' when `e` is known to be a point in time. */
function temporalType(e: Expr, ctx: RuleContext): string | undefined {
  switch (e.kind) {
    case 'ColumnRef': return columnType(e, ctx);
    case 'Variable': return ctx.varTypes.get(e.name);
    case 'Cast': return e.type.name;
    case 'Binary': {
      if ((e.op === '+' || e.op === '-') && e.right.kind === 'Interval') { const t = temporalType(e.left, ctx); return t === 'date' ? 'datetime' : t; }
      return undefined;
    }
    case 'FunctionCall': {
      const text = e.args[0]?.kind === 'Literal' ? e.args[0].value : '';
      if (e.name.name.startsWith('\u0000') && /^(NOW|SYSDATE)\(/.test(text)) return 'datetime';
      if (e.name.name.startsWith('\u0000') && /^CURDATE\(/.test(text)) return 'date';
      return /^(now|current_timestamp|localtimestamp|clock_timestamp)$/i.test(e.name.name) ? 'datetime' : undefined;
    }
    default: return undefined;
  }
}

export function isSecondsValue(e: Expr): boolean {
  return e.kind === 'FunctionCall' && e.name.name.startsWith('\u0000') && e.args[0]?.kind === 'Literal' && e.args[0].value.startsWith('/*seconds*/');
}

const seconds = (text: string, args: Expr[], span: Expr['span']): Expr => templ(`/*seconds*/${text}`, args, span);

export function intervalAsSeconds(b: Binary, ctx: RuleContext): Expr | undefined {
  if (b.op === '*') {
    const [iv, n] = b.right.kind === 'Interval' ? [b.right, b.left] : b.left.kind === 'Interval' ? [b.left, b.right] : [undefined, undefined];
    if (!iv || !n || iv.value.kind !== 'Literal') return undefined;
    const f = SECONDS[iv.unit.toUpperCase()];
    if (!f) return undefined;
    ctx.report(PM.interval, b.span, 'Interval arithmetic computed in seconds');
    return seconds(`(? * ${Number(iv.value.value) * f})`, [n], b.span);
  }
  if (b.op === '-') {
    const lt = temporalType(b.left, ctx);
    const rt = temporalType(b.right, ctx);
    if (lt && rt && TEMPORAL.has(lt) && TEMPORAL.has(rt) && !(lt === 'date' && rt === 'date')) {
      ctx.report(PM.interval, b.span, 'Timestamp difference computed as seconds (TIMESTAMPDIFF)');
      return seconds('TIMESTAMPDIFF(SECOND, ?, ?)', [b.right, b.left], b.span);
    }
    if (lt === 'date' && rt === 'date') return templ('DATEDIFF(?, ?)', [b.left, b.right], b.span);
  }
  return undefined;
}

const INTEGER = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);
const INT_FUNCS = /^(count|length|char_length|character_length|octet_length|strpos|position|ascii|extract_int)$/i;

/** True when PostgreSQL types `e` as an integer (so `/` truncates). Unknown → false. */
export function isIntegerExpr(e: Expr, ctx: RuleContext): boolean {
  switch (e.kind) {
    case 'Literal': return e.type === 'number' && /^-?\d+$/.test(e.value);
    case 'ColumnRef': { const t = columnType(e, ctx); return t !== undefined && INTEGER.has(t); }
    case 'Variable': { const t = ctx.varTypes.get(e.name); return t !== undefined && INTEGER.has(t); }
    case 'Cast': return INTEGER.has(e.type.name);
    case 'Unary': return (e.op === '-' || e.op === '+') && isIntegerExpr(e.operand, ctx);
    case 'Binary': return ['+', '-', '*', '%', 'div'].includes(e.op) && isIntegerExpr(e.left, ctx) && isIntegerExpr(e.right, ctx);
    case 'FunctionCall': return INT_FUNCS.test(e.name.name) && !e.over;
    default: return false;
  }
}

/** integer / integer truncates in PostgreSQL; MySQL's `/` gives a decimal: use DIV. */
export function integerDivision(b: Binary, ctx: RuleContext): Expr | undefined {
  if (b.op !== '/' || !isIntegerExpr(b.left, ctx) || !isIntegerExpr(b.right, ctx)) return undefined;
  return { ...b, op: 'div' };
}

import type { Expr, Select } from '../../model/index.js';
import { call, cast, dataType, str } from '../common/nodes.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';

const FOR_CLAUSE = /^FOR\s+(XML|JSON|BROWSE)\b/i;
const PATH_EMPTY = /^FOR\s+XML\s+PATH\s*\(\s*N?''\s*\)$/i;

/** XML text escaping FOR XML applies to a value: & < > (and carriage returns as &#x0D;). */
function xmlEscaped(e: Expr): Expr {
  const s = e.span;
  let out = cast(e, dataType('text', s), s);
  for (const [from, to] of [['&', '&amp;'], ['<', '&lt;'], ['>', '&gt;'], ['\r', '&#x0D;']] as const) out = call('replace', [out, str(from, s), str(to, s)], s);
  return out;
}

/**
 * SELECT expr FROM … [ORDER BY …] FOR XML PATH('') — T-SQL's string concatenation idiom: one
 * unnamed column becomes the text of every row run together (NULLs skipped, no rows → NULL, XML
 * special characters escaped) → string_agg(escaped expr, '' ORDER BY …). Other FOR XML / FOR JSON
 * forms are reported and left as they are.
 */
export function forXml(s: Select, ctx: MsRuleContext): Select | undefined {
  const clause = s.modifiers?.find((m) => FOR_CLAUSE.test(m));
  if (!clause) return undefined;
  const item = s.items.length === 1 ? s.items[0]! : undefined;
  // A named column (alias or bare column reference) is wrapped in <name>…</name>; '*' and several columns likewise.
  const unnamed = item && !item.alias && item.expr.kind !== 'ColumnRef' && item.expr.kind !== 'Star';
  if (!PATH_EMPTY.test(clause.trim()) || !unnamed || s.groupBy.length || s.distinct || s.limit || s.having) {
    ctx.reportOnce(TG.unsupported, s.span, `${clause}: only the string concatenation form (one unnamed column, FOR XML PATH('')) is converted; rewrite with string_agg / xmlagg / json_agg by hand`);
    return undefined;
  }
  ctx.reportOnce(TG.forXmlPath, s.span);
  const agg: Expr = { kind: 'FunctionCall', name: { name: 'string_agg' }, args: [xmlEscaped(item.expr), str('', s.span)], ...(s.orderBy.length ? { orderBy: s.orderBy } : {}), span: s.span };
  return { ...s, items: [{ expr: agg }], orderBy: [], modifiers: s.modifiers!.filter((m) => m !== clause) };
}

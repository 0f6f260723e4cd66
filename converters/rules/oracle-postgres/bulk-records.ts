import type { Expr, Select, SelectItem, SourceSpan } from '../../model/index.js';
import type { OraRuleContext } from './context.js';

/**
 * SELECT a, b, c BULK COLLECT INTO recs: one collection of records receives several columns. The
 * select list becomes one item, ROW(a, b, c) cast to the record's composite type, which the
 * BULK COLLECT conversion then aggregates (array_agg). Undefined when the target is not a
 * collection of a composite type.
 */
export function recordBulkItems(q: Select, into: Expr[], ctx: OraRuleContext, span: SourceSpan): SelectItem[] | undefined {
  if (into.length !== 1 || q.items.length < 2 || q.items.some((i) => i.expr.kind === 'Star')) return undefined;
  const target = into[0]!;
  const name = target.kind === 'Variable' ? target.name : target.kind === 'ColumnRef' && target.parts.length === 1 ? target.parts[0]! : undefined;
  const t = name ? ctx.variables.get(name.toLowerCase()) : undefined;
  if (!t?.arrayDims || t.name !== 'user' || !t.userType) return undefined;
  const { arrayDims: _a, ...element } = t;
  return [{ expr: { kind: 'Cast', expr: { kind: 'Row', items: q.items.map((i) => i.expr), span }, type: element, syntax: 'cast', span } }];
}

import type { Expr, NodeLike, OrderItem, WindowSpec } from '../../model/index.js';
import type { RuleContext } from './context.js';

/** True when the sort key cannot be NULL: a column declared NOT NULL in every table that has it. */
function neverNull(e: Expr, ctx: RuleContext): boolean {
  if (e.kind === 'Literal') return e.type !== 'null';
  if (e.kind !== 'ColumnRef') return false;
  const name = e.parts[e.parts.length - 1]!;
  const cols = [...ctx.tables.values()].flatMap((t) => t.columns.filter((c) => c.name === name));
  return cols.length > 0 && cols.every((c) => !c.nullable);
}

/**
 * MySQL sorts NULLs first in ascending order and last in descending order; PostgreSQL does the
 * opposite. Sort keys that may be NULL get the MySQL placement spelled out.
 */
function mysqlNulls(items: OrderItem[] | undefined, ctx: RuleContext): OrderItem[] | undefined {
  return items?.length ? withMysqlNulls(items, ctx) : undefined;
}

// Apart from mysqlNulls: its closure over `ctx` would make every call allocate a context, and
// mysqlNulls runs for every function call (most without ORDER BY).
function withMysqlNulls(items: OrderItem[], ctx: RuleContext): OrderItem[] | undefined {
  let changed = false;
  const out = items.map((o) => {
    if (o.nulls || neverNull(o.expr, ctx)) return o;
    changed = true;
    return { ...o, nulls: o.direction === 'desc' ? 'last' as const : 'first' as const };
  });
  return changed ? out : undefined;
}

/** Rewrites the ORDER BY lists held by one node; undefined when nothing changed. */
export function fixNullOrdering(node: NodeLike, ctx: RuleContext): NodeLike | undefined {
  const n = node as NodeLike & { orderBy?: OrderItem[]; over?: WindowSpec };
  if (n.kind !== 'Select' && n.kind !== 'SetOperation' && n.kind !== 'FunctionCall') return undefined;
  const orderBy = mysqlNulls(n.orderBy, ctx);
  const overOrder = n.kind === 'FunctionCall' && n.over ? mysqlNulls(n.over.orderBy, ctx) : undefined;
  if (!orderBy && !overOrder) return undefined;
  return { ...n, ...(orderBy ? { orderBy } : {}), ...(overOrder ? { over: { ...n.over!, orderBy: overOrder } } : {}) } as NodeLike;
}

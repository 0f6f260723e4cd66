import type { Expr, NodeLike, OrderItem, Query, Select } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { num } from '../common/nodes.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';

const AGGREGATES = /^(avg|sum|count|count_big|min|max|stdev|stdevp|var|varp|string_agg|checksum_agg)$/i;

const same = (a: Expr, b: Expr): boolean => JSON.stringify(a, (k, v) => (k === 'span' || k === 'resolved' || k === 'resolvedType' ? undefined : v)).toLowerCase()
  === JSON.stringify(b, (k, v) => (k === 'span' || k === 'resolved' || k === 'resolvedType' ? undefined : v)).toLowerCase();

/** The GROUP BY expressions of a single-column ROLLUP (GROUP BY a, b WITH ROLLUP or GROUP BY ROLLUP (a, b)). */
function rollupColumns(s: Select): Expr[] | undefined {
  if (s.rollup && !s.groupingSets?.length) return s.groupBy;
  const g = s.groupingSets;
  if (g?.length === 1 && !s.groupBy.length && g[0]!.type === 'rollup' && g[0]!.groups.every((x) => x.length === 1)) return g[0]!.groups.map((x) => x[0]!);
  return undefined;
}

type Marked = Expr & { dbshiftOriginal?: Expr };

/**
 * One grouping level: GROUPING(c) → 1 for the rolled-up columns else 0, and rolled-up columns
 * outside aggregates → NULL (what ROLLUP's super-aggregate rows hold).
 */
function level<T>(x: T, cols: Expr[], kept: number): T {
  return rewrite(x, (n: NodeLike) => {
    const e = n as Marked;
    if (e.kind === 'FunctionCall' && !e.name.schema && e.name.name.toLowerCase() === 'grouping' && e.args.length === 1) {
      const i = cols.findIndex((c) => same(c, (e.args[0] as Marked).dbshiftOriginal ?? e.args[0]!));
      if (i >= 0) return num(i >= kept ? 1 : 0, e.span);
    }
    if (e.kind === 'FunctionCall' && AGGREGATES.test(e.name.name)) {
      // Aggregates read the rows' values: undo the NULL markers inside them.
      return rewrite(e, (m: NodeLike) => (m as Marked).dbshiftOriginal as NodeLike | undefined);
    }
    const i = cols.findIndex((c) => same(c, e));
    if (i >= kept) return { kind: 'Literal', type: 'null', value: 'NULL', span: e.span, dbshiftOriginal: e } as Marked as NodeLike;
    return undefined;
  });
}

/** Output names an ORDER BY of the union can use. */
function outputName(s: Select, o: OrderItem): boolean {
  if (o.expr.kind !== 'ColumnRef' || o.expr.parts.length !== 1) return false;
  const n = o.expr.parts[0]!.toLowerCase();
  return s.items.some((i) => (i.alias ?? (i.expr.kind === 'ColumnRef' ? i.expr.parts[i.expr.parts.length - 1] : ''))?.toLowerCase() === n);
}

const strip = <T>(x: T): T => rewrite(x, (n: NodeLike) => {
  const m = n as Marked;
  if (!m.dbshiftOriginal) return undefined;
  const { dbshiftOriginal: _o, ...rest } = m;
  return rest as NodeLike;
});

/**
 * MariaDB has no GROUPING() and refuses ORDER BY with WITH ROLLUP: such queries become a UNION ALL
 * of their grouping levels (GROUP BY a, b; GROUP BY a; no GROUP BY), which returns the same rows.
 */
export function rollupForMariadb<T>(root: T, ctx: TmContext): T {
  return rewrite(root, (n: NodeLike) => {
    if (n.kind !== 'Select') return undefined;
    const s = n as unknown as Select;
    const cols = rollupColumns(s);
    if (!cols?.length) return undefined;
    let grouping = false;
    walk(s, (x) => { if (x.kind === 'FunctionCall' && (x as unknown as { name: { name: string } }).name.name.toLowerCase() === 'grouping') grouping = true; });
    if (!grouping && !s.orderBy.length) return undefined;
    if (s.orderBy.some((o) => !outputName(s, o)) || s.limit || s.with) {
      ctx.reportOnce(TM.unsupportedQuery, s.span, 'GROUP BY … WITH ROLLUP with GROUPING() or ORDER BY by expressions: MariaDB has neither GROUPING() nor ORDER BY with ROLLUP; rewrite it as a UNION ALL of GROUP BY queries');
      return undefined;
    }
    ctx.reportOnce(TM.rollup, s.span);
    const branches: Select[] = [];
    for (let kept = cols.length; kept >= 0; kept--) {
      const b: Select = { ...s, items: level(s.items, cols, kept), groupBy: cols.slice(0, kept), rollup: undefined, groupingSets: undefined, orderBy: [], ...(s.having ? { having: level(s.having, cols, kept) } : {}) };
      branches.push(strip(b));
    }
    const union = branches.slice(1).reduce((l: Query, r): Query => ({ kind: 'SetOperation', op: 'union', all: true, left: l, right: r, orderBy: [], span: s.span }), branches[0]!);
    if (union.kind !== 'SetOperation') return undefined;
    return { ...union, orderBy: s.orderBy } as unknown as NodeLike;
  });
}

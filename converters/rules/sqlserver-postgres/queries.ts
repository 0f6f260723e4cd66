import type { Expr, Insert, NodeLike, Query, Select, SelectItem, Table } from '../../model/index.js';
import { rewrite } from '../../model/index.js';
import { bin, call, cast, col, dataType, num } from '../common/nodes.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';

const RANK = 'dbshift_rank';

/** TOP (n) PERCENT: LIMIT ceil(count * n / 100) over the same rows (SQL Server rounds up). */
function topPercent(s: Select): Select {
  const sp = s.span;
  const inner: Select = { ...s, items: s.distinct ? s.items : [{ expr: num(1, sp), alias: 'x' }], orderBy: [], limit: undefined, limitPercent: undefined, withTies: undefined, with: undefined };
  const count: Select = {
    kind: 'Select', items: [{ expr: cast(call('ceil', [bin('/', bin('*', { kind: 'FunctionCall', name: { name: 'count' }, args: [], star: true, span: sp }, s.limit!, sp), num('100.0', sp), sp)], sp), dataType('bigint', sp), sp) }],
    from: [{ kind: 'DerivedTable', query: inner, alias: 'dbshift_p', span: sp }], groupBy: [], orderBy: [], span: sp,
  };
  return { ...s, limit: { kind: 'ScalarSubquery', query: count, span: sp }, limitPercent: undefined };
}

function itemName(i: SelectItem, n: number): string {
  if (i.alias) return i.alias;
  if (i.expr.kind === 'ColumnRef') return i.expr.parts[i.expr.parts.length - 1]!;
  return `col${n + 1}`;
}

/**
 * TOP (n) WITH TIES: rank() over the ORDER BY, rows ranked ≤ n (PostgreSQL's FETCH … WITH TIES is
 * not in the IR's printer; rank gives the same rows).
 */
function withTies(s: Select, ctx: MsRuleContext): Select {
  const sp = s.span;
  if (s.items.some((i) => i.expr.kind === 'Star') || !s.orderBy.length) {
    ctx.reportOnce(TG.unsupported, sp, 'TOP … WITH TIES with SELECT * or without ORDER BY: printed as a plain LIMIT (ties are not returned)');
    return { ...s, withTies: undefined };
  }
  const names = s.items.map(itemName);
  const rank: Expr = { kind: 'FunctionCall', name: { name: 'rank' }, args: [], over: { partitionBy: [], orderBy: s.orderBy }, span: sp };
  const inner: Select = { ...s, items: [...s.items.map((i, n) => ({ expr: i.expr, alias: names[n]! })), { expr: rank, alias: RANK }], orderBy: [], limit: undefined, withTies: undefined, limitPercent: undefined, with: undefined };
  let limit = s.limit!;
  if (s.limitPercent) limit = topPercent({ ...s, limitPercent: true }).limit!;
  return {
    kind: 'Select', ...(s.with ? { with: s.with } : {}), items: names.map((n) => ({ expr: col(['dbshift_t', n], sp), alias: n })),
    from: [{ kind: 'DerivedTable', query: inner, alias: 'dbshift_t', span: sp }], where: bin('<=', col(['dbshift_t', RANK], sp), limit, sp),
    groupBy: [], orderBy: [{ expr: col(['dbshift_t', RANK], sp) }], span: sp,
  };
}

/** Query-level rewrites: TOP PERCENT / WITH TIES, table hints, STRING_SPLIT. */
export function convertQueries<T>(root: T, ctx: MsRuleContext): T {
  return rewrite(root, (node: NodeLike): NodeLike | undefined => {
    switch (node.kind) {
      case 'TableRef': {
        const t = node as unknown as { hints?: string[]; span: Select['span']; name: { name: string } };
        if (t.name.name.startsWith('##')) ctx.reportOnce(TG.globalTemp, t.span, `Global temporary table ${t.name.name}`);
        if (!t.hints?.length) return undefined;
        ctx.reportOnce(TG.tableHints, t.span, `Table hints ${t.hints.join(', ')} dropped`);
        return { ...node, hints: undefined } as NodeLike;
      }
      case 'TableFunction': {
        const f = node as unknown as { call: Expr; columnAliases?: string[] };
        if (f.call.kind === 'FunctionCall' && f.call.name.name.toLowerCase() === 'string_split' && !f.call.name.schema) {
          if (f.call.args.length > 2) ctx.reportOnce(TG.unsupported, f.call.span, 'STRING_SPLIT(…, enable_ordinal): use string_to_table … WITH ORDINALITY by hand');
          return { ...node, call: { ...f.call, name: { name: 'string_to_table' }, args: f.call.args.slice(0, 2) }, columnAliases: f.columnAliases ?? ['value'] } as NodeLike;
        }
        return undefined;
      }
      case 'Insert': {
        // Without a column list, T-SQL VALUES skip identity, computed and rowversion columns; PostgreSQL's cover every column.
        const ins = node as unknown as Insert;
        if (ins.columns?.length) return undefined;
        const t = ctx.table(ins.table);
        if (!t) return undefined;
        const skipped = (c: Table['columns'][number]): boolean => !!c.identity || !!c.generated || /^(ROWVERSION|TIMESTAMP)\b/i.test(c.dataType.sourceText.trim());
        if (!t.columns.some(skipped)) return undefined;
        const cols = t.columns.filter((c) => !skipped(c)).map((c) => c.name);
        const width = ins.source.kind === 'Values' ? ins.source.rows[0]?.length : ins.source.kind === 'Select' ? ins.source.items.length : undefined;
        if (width !== cols.length) return undefined;
        return { ...ins, columns: cols } as unknown as NodeLike;
      }
      case 'Select': {
        let s = node as Select;
        if (s.withTies && s.limit) return withTies(s, ctx);
        if (s.limitPercent && s.limit) {
          ctx.reportOnce(TG.topPercent, s.span);
          s = topPercent(s);
          return s;
        }
        return undefined;
      }
      default: return undefined;
    }
  });
}

export type { Query };

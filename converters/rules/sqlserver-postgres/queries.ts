import type { Delete, Expr, Insert, NodeLike, Query, Select, SelectItem, Table, TableExpr, TableRef, Update } from '../../model/index.js';
import { rewrite } from '../../model/index.js';
import { bin, call, cast, col, dataType, num } from '../common/nodes.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';
import { forXml } from './for-xml.js';

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

/** The TableRef in `from` (top level or inside inner joins) that names the DML target (by name or alias). */
function targetIn(e: TableExpr, name: string): TableRef | undefined {
  if (e.kind === 'TableRef') return (e.alias ?? e.name.name).toLowerCase() === name || (!e.alias && e.name.name.toLowerCase() === name) ? e : undefined;
  if (e.kind === 'Join' && (e.type === 'inner' || e.type === 'cross')) return targetIn(e.left, name) ?? targetIn(e.right, name);
  return undefined;
}

/** `from` without `target`; the ON conditions of the inner joins it took part in are returned. */
function without(e: TableExpr, target: TableRef, conds: Expr[]): TableExpr | undefined {
  if (e === target) return undefined;
  if (e.kind !== 'Join') return e;
  const l = without(e.left, target, conds);
  const r = without(e.right, target, conds);
  if (l && r) return l === e.left && r === e.right ? e : { ...e, left: l, right: r };
  if (e.on) conds.push(e.on);
  return l ?? r;
}

/**
 * T-SQL `UPDATE t … FROM t JOIN s ON …` / `DELETE t FROM t JOIN s ON …` list the target again in
 * FROM; PostgreSQL's FROM/USING would join a second copy of it. The target leaves FROM and the
 * join conditions move to WHERE.
 */
function dmlFrom(targetName: string, from: TableExpr[], where: Expr | undefined, ctx: MsRuleContext, span: Select['span']): { target?: TableRef; from: TableExpr[]; where?: Expr } | undefined {
  const lname = targetName.toLowerCase();
  for (let i = 0; i < from.length; i++) {
    const t = targetIn(from[i]!, lname);
    if (!t) continue;
    const conds: Expr[] = [];
    const rest = without(from[i]!, t, conds);
    const all = [...conds, ...(where ? [where] : [])];
    const w = all.length ? all.reduce((a, b) => bin('and', a, b, span)) : undefined;
    return { target: t, from: [...from.slice(0, i), ...(rest ? [rest] : []), ...from.slice(i + 1)], ...(w ? { where: w } : {}) };
  }
  if (from.some((f) => f.kind === 'Join' && f.type !== 'inner' && f.type !== 'cross' && JSON.stringify(f).toLowerCase().includes(`"${lname}"`))) {
    ctx.reportOnce(TG.unsupported, span, 'UPDATE/DELETE … FROM with the target inside an outer join: PostgreSQL cannot outer-join the target; rewrite by hand');
  }
  return undefined;
}

/** OUTPUT inserted.x / deleted.x → RETURNING x (the row as written / as removed). */
function returning(list: { expr: Expr; alias?: string }[], keep: 'inserted' | 'deleted', ctx: MsRuleContext): { expr: Expr; alias?: string }[] {
  return list.map((r) => ({
    ...r,
    expr: rewrite(r.expr, (n: NodeLike) => {
      if (n.kind !== 'ColumnRef') return undefined;
      const c = n as unknown as Expr & { kind: 'ColumnRef' };
      const q = c.parts.length === 2 ? c.parts[0]!.toLowerCase() : '';
      if (q === keep) return { ...c, parts: [c.parts[1]!] } as NodeLike;
      if (q === 'inserted' || q === 'deleted') ctx.reportOnce(TG.unsupported, c.span, `OUTPUT ${c.parts.join('.')}: PostgreSQL RETURNING sees only the ${keep === 'inserted' ? 'new' : 'old'} row (OLD/NEW in RETURNING need PostgreSQL 18)`);
      return undefined;
    }),
    ...(r.alias ? {} : r.expr.kind === 'ColumnRef' ? { alias: r.expr.parts[r.expr.parts.length - 1]! } : {}),
  }));
}

/** Without a column list, T-SQL VALUES skip identity, computed and rowversion columns; PostgreSQL's cover every column. */
export function insertColumns(ins: Insert, ctx: MsRuleContext): Insert {
  if (ins.columns?.length) return ins;
  const t = ctx.table(ins.table);
  if (!t) return ins;
  const skipped = (c: Table['columns'][number]): boolean => !!c.identity || !!c.generated || /^(ROWVERSION|TIMESTAMP)\b/i.test(c.dataType.sourceText.trim());
  if (!t.columns.some(skipped)) return ins;
  const cols = t.columns.filter((c) => !skipped(c)).map((c) => c.name);
  const width = ins.source.kind === 'Values' ? ins.source.rows[0]?.length : ins.source.kind === 'Select' ? ins.source.items.length : undefined;
  if (width !== cols.length) return ins;
  return { ...ins, columns: cols };
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
      case 'Join': {
        // APPLY: the join and its derived table may both say LATERAL; PostgreSQL takes the keyword once.
        const j = node as unknown as TableExpr & { kind: 'Join' };
        if (j.lateral && j.right.kind === 'DerivedTable' && j.right.lateral) return { ...j, right: { ...j.right, lateral: undefined } } as unknown as NodeLike;
        return undefined;
      }
      case 'Update': {
        let u = node as unknown as Update;
        if (u.returning?.length) u = { ...u, returning: returning(u.returning, 'inserted', ctx) };
        if (u.table.kind === 'TableRef' && u.from?.length && !u.table.name.schema) {
          const r = dmlFrom(u.table.name.name, u.from, u.where, ctx, u.span);
          if (r?.target) u = { ...u, table: r.target, from: r.from, where: r.where };
        }
        return u as unknown as NodeLike;
      }
      case 'Delete': {
        let d = node as unknown as Delete;
        if (d.returning?.length) d = { ...d, returning: returning(d.returning, 'deleted', ctx) };
        if (d.targets.length === 1 && d.using?.length) {
          const r = dmlFrom(d.targets[0]!.name, d.using, d.where, ctx, d.span);
          if (r?.target) d = { ...d, targets: [r.target.name], from: [r.target], using: r.from.length ? r.from : undefined, where: r.where };
        }
        return d as unknown as NodeLike;
      }
      case 'Insert': {
        let ins = node as unknown as Insert;
        if (ins.returning?.length) ins = { ...ins, returning: returning(ins.returning, 'inserted', ctx) };
        return insertColumns(ins, ctx) as unknown as NodeLike;
      }
      case 'Select': {
        let s = node as Select;
        s = forXml(s, ctx) ?? s;
        if (s.withTies && s.limit) return withTies(s, ctx);
        if (s.limitPercent && s.limit) {
          ctx.reportOnce(TG.topPercent, s.span);
          s = topPercent(s);
          return s;
        }
        return s === node ? undefined : s;
      }
      default: return undefined;
    }
  });
}

export type { Query };

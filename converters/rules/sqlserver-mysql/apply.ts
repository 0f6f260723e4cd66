import type { DerivedTable, Expr, Join, NodeLike, Select, TableExpr } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { literalValue, num, raw } from '../common/nodes.js';
import { NotConvertible } from './blocked.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';

const AGGREGATE = /^(sum|count|count_big|avg|min|max|string_agg|stdev|stdevp|var|varp|checksum_agg|group_concat)$/i;
const lower = (s: string): string => s.toLowerCase();

const isApply = (t: TableExpr): boolean => t.kind === 'Join' && !!t.lateral;

function hasAggregate(q: Select): boolean {
  let found = false;
  walk(q.items, (n) => { if (n.kind === 'FunctionCall' && AGGREGATE.test((n as unknown as { name: { name: string } }).name.name) && !(n as unknown as { over?: unknown }).over) found = true; });
  return found;
}

/**
 * Rows the applied query gives per outer row: 'one' (an aggregate without GROUP BY / HAVING),
 * 'atMostOne' (TOP 1), or undefined (possibly several: no correlated-subquery form).
 */
function rowsPerOuterRow(q: Select): 'one' | 'atMostOne' | undefined {
  if (q.withTies || q.limitPercent || q.offset) return undefined;
  if (!q.groupBy.length && !q.groupingSets?.length && !q.having && hasAggregate(q) && !q.limit) return 'one';
  return literalValue(q.limit, 'number') === '1' ? 'atMostOne' : undefined;
}

/** The join tree with the APPLY at its left spine replaced by its left side; the applies found, outermost last. */
function unwrap(t: TableExpr, found: { join: Join; path: string[] }[], path: string[]): TableExpr {
  if (t.kind !== 'Join') return t;
  if (isApply(t)) {
    found.push({ join: t as Join, path });
    return unwrap(t.left, found, path);
  }
  const left = unwrap(t.left, found, [...path, t.type]);
  if (walkHasApply(t.right)) throw new NotConvertible('CROSS/OUTER APPLY on the right side of a join has no MariaDB form (MariaDB has no LATERAL); not converted', t.span);
  return left === t.left ? t : { ...t, left };
}

function walkHasApply(t: TableExpr): boolean {
  let found = false;
  walk(t, (n) => { if (n.kind === 'Join' && (n as unknown as Join).lateral) found = true; });
  return found;
}

/** Unqualified column references of a SELECT outside its nested queries. */
function topLevelBareColumns(s: Select): { parts: string[]; span: Expr['span'] }[] {
  const out: { parts: string[]; span: Expr['span'] }[] = [];
  const visit = (v: unknown, top: boolean): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) { for (const x of v) visit(x, false); return; }
    const r = v as Record<string, unknown>;
    if (!top && (r['kind'] === 'Select' || r['kind'] === 'SetOperation' || r['kind'] === 'Values')) return;
    if (r['kind'] === 'ColumnRef' && (r['parts'] as string[]).length === 1) out.push(r as unknown as { parts: string[]; span: Expr['span'] });
    for (const k in r) if (k !== 'span') visit(r[k], false);
  };
  visit(s, true);
  return out;
}

/** CROSS/OUTER APPLY (SELECT … one row …) x in a SELECT → correlated scalar subqueries for x's columns (MariaDB has no LATERAL). */
function correlated(s: Select, ctx: TmContext): Select {
  const found: { join: Join; path: string[] }[] = [];
  const from = s.from.map((f) => unwrap(f, found, []));
  const tests: Expr[] = [];
  const columns = new Map<string, Map<string, Expr>>();
  for (const { join, path } of found) {
    const d = join.right;
    const fail = (why: string): never => { throw new NotConvertible(`${join.type === 'left' ? 'OUTER' : 'CROSS'} APPLY: ${why}; MariaDB has no LATERAL, so it has no exact form; not converted`, join.right.span); };
    if (path.some((p) => p === 'right' || p === 'full')) fail('it sits under a RIGHT/FULL join');
    if (d.kind !== 'DerivedTable' || d.query.kind !== 'Select' || !d.alias) return fail(d.kind === 'TableFunction' ? 'a table-valued function' : 'not a SELECT with an alias');
    const q = d.query;
    const rows = rowsPerOuterRow(q);
    if (!rows) fail('the applied query can return several rows per outer row (only TOP 1 or an aggregate without GROUP BY has a correlated-subquery form)');
    const cols = new Map<string, Expr>();
    q.items.forEach((it, i) => {
      const name = d.columnAliases?.[i] ?? it.alias ?? (it.expr.kind === 'ColumnRef' ? it.expr.parts[it.expr.parts.length - 1] : undefined);
      if (it.expr.kind === 'Star' || !name) fail('a column of the applied query has no name (or is *)');
      cols.set(lower(name!), { kind: 'ScalarSubquery', query: { ...q, items: [{ expr: it.expr }] }, span: it.expr.span } as Expr);
    });
    columns.set(lower(d.alias), cols);
    if (join.type !== 'left' && rows === 'atMostOne') {
      const { limit: _l, orderBy: _o, ...probe } = q;
      const test: Expr = { kind: 'Exists', not: false, query: { ...probe, orderBy: [], items: [{ expr: num(1, q.span) }] }, span: join.span };
      tests.push(test);
    }
  }
  const names = new Set([...columns.values()].flatMap((m) => [...m.keys()]));
  const bare = topLevelBareColumns({ ...s, from }).find((c) => names.has(lower(c.parts[0]!)));
  if (bare) throw new NotConvertible(`column ${bare.parts[0]} of an APPLY without its alias: qualify it`, bare.span);
  // A select item `x.col` keeps its name (T-SQL names the result column col).
  const items = s.items.map((it) => (!it.alias && it.expr.kind === 'ColumnRef' && it.expr.parts.length === 2 && columns.has(lower(it.expr.parts[0]!)) ? { ...it, alias: it.expr.parts[1]! } : it));
  let out = rewrite({ ...s, items, from }, (n: NodeLike) => {
    if (n.kind === 'Star' && (n as unknown as { table?: string }).table && columns.has(lower((n as unknown as { table: string }).table))) {
      throw new NotConvertible('SELECT x.* of an APPLY alias: list the columns', (n as unknown as Expr).span);
    }
    if (n.kind !== 'ColumnRef') return undefined;
    const c = n as unknown as { parts: string[] };
    if (c.parts.length !== 2) return undefined;
    return columns.get(lower(c.parts[0]!))?.get(lower(c.parts[1]!)) as NodeLike | undefined;
  });
  for (const t of tests) out = { ...out, where: out.where ? { kind: 'Binary', op: 'and', left: t, right: out.where, span: t.span } : t };
  ctx.reportOnce(TM.apply, s.span);
  return out;
}

/**
 * T-SQL CROSS/OUTER APPLY: on MySQL a LATERAL derived table (8.0.14+), on MariaDB correlated
 * subqueries where the applied query gives at most one row; anything else throws NotConvertible.
 */
export function applyJoins<T>(root: T, ctx: TmContext): T {
  return rewrite(root, (n: NodeLike) => {
    if ((n.kind === 'Update' || n.kind === 'Delete') && ctx.flavor === 'mariadb') {
      const d = n as unknown as { from?: TableExpr[]; using?: TableExpr[]; table?: TableExpr; span: Expr['span'] };
      if ([...(d.from ?? []), ...(d.using ?? []), ...(d.table ? [d.table] : [])].some(walkHasApply)) throw new NotConvertible(`${n.kind.toUpperCase()} … FROM with CROSS/OUTER APPLY: MariaDB has no LATERAL; not converted`, d.span);
      return undefined;
    }
    if (ctx.flavor === 'mysql') {
      if (n.kind !== 'Join' || !(n as unknown as Join).lateral) return undefined;
      const j = n as unknown as Join;
      if (j.right.kind !== 'DerivedTable') throw new NotConvertible(`${j.type === 'left' ? 'OUTER' : 'CROSS'} APPLY of a table-valued function has no MySQL form; not converted`, j.right.span);
      ctx.reportOnce(TM.applyLateral, j.span);
      const right: DerivedTable = { ...j.right, lateral: true };
      return { ...j, lateral: undefined, right, ...(j.type === 'left' ? { on: raw('TRUE', j.span) } : {}) } as unknown as NodeLike;
    }
    if (n.kind !== 'Select') return undefined;
    const s = n as unknown as Select;
    return s.from.some(walkHasApply) ? (correlated(s, ctx) as unknown as NodeLike) : undefined;
  }, LEAVES);
}

/** Nodes an APPLY never sits in: not entered. */
const LEAVES: ReadonlySet<string> = new Set(['DataType', 'Literal', 'ColumnRef', 'Variable', 'Column']);

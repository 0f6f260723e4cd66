import type { Expr, Select, TableExpr, ColumnRef, Join } from '../../model/index.js';
import { walk, rewrite } from '../../model/index.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';

/** AND-ed conditions of a WHERE clause. */
export function conjuncts(e: Expr | undefined): Expr[] {
  if (!e) return [];
  if (e.kind === 'Binary' && e.op === 'and') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

export function andAll(list: Expr[]): Expr | undefined {
  return list.length ? list.reduce((l, r) => ({ kind: 'Binary', op: 'and', left: l, right: r, span: l.span })) : undefined;
}

function hasMarker(e: Expr): boolean {
  let found = false;
  walk(e, (n) => { if (n.kind === 'ColumnRef' && (n as ColumnRef).outerJoin) found = true; });
  return found;
}

interface FromItem { item: TableExpr; names: string[] }

/** Names a FROM item answers to (alias, else table name), lower case. */
function namesOf(t: TableExpr): string[] | undefined {
  if (t.kind === 'TableRef') return [(t.alias ?? t.name.name).toLowerCase()];
  if (t.kind === 'DerivedTable' || t.kind === 'TableFunction') return t.alias ? [t.alias.toLowerCase()] : [];
  return undefined;
}

/**
 * Rewrites Oracle `(+)` joins of one SELECT into ANSI joins: every table marked optional is
 * LEFT JOINed after the tables its conditions mention, with all its (+) conditions in ON;
 * other conditions stay in WHERE (Oracle filters them after the join too).
 */
export function convertOuterJoins(s: Select, ctx: OraRuleContext): Select {
  if (!s.where || !hasMarker(s.where)) return s;
  const fail = (why: string): Select => {
    ctx.report(OG.outerJoin, s.span, `Oracle (+) outer join not converted: ${why}`);
    // Never printed as an inner join: the query is kept out of the output (not converted).
    return { ...s, where: { kind: 'Unparsed', text: '… (+) …', reason: `(+) join not converted: ${why}`, span: s.span } };
  };
  const items: FromItem[] = [];
  for (const t of s.from) {
    const names = namesOf(t);
    if (!names) return fail('the FROM clause already holds ANSI joins');
    items.push({ item: t, names });
  }
  const tableOf = (c: ColumnRef): number | 'unknown' | 'none' => {
    if (c.parts.length >= 2) {
      const q = c.parts[c.parts.length - 2]!.toLowerCase();
      const i = items.findIndex((it) => it.names.includes(q));
      return i < 0 ? 'none' : i;
    }
    const name = c.parts[0]!;
    const hits = items.map((it, i) => (it.item.kind === 'TableRef' && ctx.column(it.item.name, name) ? i : -1)).filter((i) => i >= 0);
    if (hits.length === 1) return hits[0]!;
    return items.length === 1 ? 0 : 'unknown';
  };

  const on = new Map<number, Expr[]>();
  const after = new Map<number, Set<number>>();
  const where: Expr[] = [];
  for (const c of conjuncts(s.where)) {
    if (!hasMarker(c)) { where.push(c); continue; }
    let bad: string | undefined;
    const optional = new Set<number>();
    const others = new Set<number>();
    walk(c, (n) => {
      if (n.kind === 'Select' || (n.kind === 'Binary' && (n as unknown as { op: string }).op === 'or')) bad = 'a (+) condition with OR or a subquery';
      if (n.kind !== 'ColumnRef') return;
      const ref = n as unknown as ColumnRef;
      const t = tableOf(ref);
      if (t === 'unknown') { bad = `column ${ref.parts.join('.')} cannot be attributed to one table`; return; }
      if (t === 'none') return;
      (ref.outerJoin ? optional : others).add(t);
    });
    if (bad) return fail(bad);
    if (optional.size !== 1) return fail('a condition marks columns of more than one table with (+)');
    const t = [...optional][0]!;
    others.delete(t);
    on.set(t, [...(on.get(t) ?? []), c]);
    const deps = after.get(t) ?? new Set<number>();
    for (const o of others) deps.add(o);
    after.set(t, deps);
  }
  // Required tables first (FROM order), then optional ones once everything they join to is placed.
  const order: number[] = items.map((_, i) => i).filter((i) => !on.has(i));
  const pending = [...on.keys()].sort((a, b) => a - b);
  while (pending.length) {
    const placed = new Set(order);
    const k = pending.findIndex((i) => [...(after.get(i) ?? [])].every((d) => placed.has(d)));
    if (k < 0) return fail('the (+) conditions form a cycle between tables');
    order.push(pending.splice(k, 1)[0]!);
  }
  if (order.some((v, i) => v !== i) && s.items.some((i) => i.expr.kind === 'Star' && !i.expr.qualifier)) {
    return fail('SELECT * would change its column order once the tables are reordered into joins');
  }
  const unmark = <T>(x: T): T => rewrite(x, (n) => (n.kind === 'ColumnRef' && (n as ColumnRef).outerJoin ? { ...(n as ColumnRef), outerJoin: undefined } as ColumnRef : undefined));
  let tree: TableExpr = items[order[0]!]!.item;
  for (const i of order.slice(1)) {
    const cond = on.get(i);
    const right = items[i]!.item;
    tree = cond
      ? { kind: 'Join', type: 'left', left: tree, right, on: unmark(andAll(cond)!), span: right.span } as Join
      : { kind: 'Join', type: 'cross', left: tree, right, span: right.span } as Join;
  }
  const rest = andAll(where);
  const out: Select = { ...s, from: [tree] };
  if (rest) out.where = rest; else delete out.where;
  return out;
}

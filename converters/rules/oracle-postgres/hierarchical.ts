import type { Expr, Select, ColumnRef, FunctionCall, SelectItem, TableRef, OrderItem } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { bin, call, col, num } from '../common/nodes.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';

const CTE = 'dbshift_h';
const LEVEL = 'dbshift_level';
const CYCLE = 'dbshift_cycle';
const ORDER = 'dbshift_order';

const isLevel = (e: Expr): boolean => e.kind === 'ColumnRef' && e.parts.length === 1 && e.parts[0]!.toLowerCase() === 'level';
const fname = (e: Expr): string | undefined => (e.kind === 'FunctionCall' && !e.name.schema ? e.name.name.toLowerCase() : undefined);

/** Qualifies the plain column references of `e` with `alias` (the recursive term sees two rows). */
function qualify(e: Expr, alias: string): Expr {
  return rewrite(e, (n) => {
    if (n.kind !== 'ColumnRef') return undefined;
    const c = n as ColumnRef;
    if (c.parts.length !== 1 || isLevel(c)) return undefined;
    return { ...c, parts: [alias, c.parts[0]!] };
  });
}

/** Re-points references of the base alias (qualified or not) to `to`. */
function retarget(e: Expr, alias: string, to: string): Expr {
  return rewrite(qualify(e, alias), (n) => {
    if (n.kind !== 'ColumnRef') return undefined;
    const c = n as ColumnRef;
    if (c.parts.length === 2 && c.parts[0]!.toLowerCase() === alias.toLowerCase()) return { ...c, parts: [to, c.parts[1]!] };
    return undefined;
  });
}

/**
 * START WITH … CONNECT BY [NOCYCLE] … [ORDER SIBLINGS BY …] → WITH RECURSIVE. The CTE carries
 * the base table's rows plus the level, a path of ctids (cycle check, and Oracle's depth-first
 * order) and a path of sibling keys (ORDER SIBLINGS BY); SYS_CONNECT_BY_PATH and CONNECT_BY_ROOT
 * become columns built along the recursion. The outer query reads the CTE under the base alias,
 * so its column references stay as written.
 */
export function convertConnectBy(s: Select, ctx: OraRuleContext): Select {
  const h = s.hierarchical;
  if (!h) return s;
  const span = s.span;
  const fail = (why: string): Select => {
    ctx.report(OG.connectByUnsupported, span, `CONNECT BY not converted: ${why}`);
    // Kept out of the output (not converted) rather than printed without its hierarchy.
    return { ...s, where: { kind: 'Unparsed', text: 'START WITH … CONNECT BY …', reason: `CONNECT BY not converted: ${why}`, span } };
  };
  if (s.from.length > 1 || (s.from[0] && s.from[0].kind !== 'TableRef')) return fail('only a single table (or DUAL) in FROM is supported');
  if (s.groupBy.length || s.having) return fail('GROUP BY with CONNECT BY');
  const base = s.from[0] as TableRef | undefined;
  const alias = base ? (base.alias ?? base.name.name) : CTE;
  const table = base ? ctx.table(base.name) : undefined;
  let bad: string | undefined;
  walk(h.connectBy, (n) => { if (n.kind === 'Unary' && (n as unknown as { op: string }).op === 'connect_by_root') bad = 'CONNECT_BY_ROOT inside CONNECT BY'; });
  if (bad) return fail(bad);

  // Columns computed along the recursion.
  const extra: { name: string; anchor: Expr; step: Expr }[] = [];
  const p = 'dbshift_p';
  const lvl = (q: string): Expr => col([q, LEVEL], span);

  // Outer expressions: LEVEL, SYS_CONNECT_BY_PATH, CONNECT_BY_ROOT, CONNECT_BY_ISLEAF.
  const outer = (e: Expr): Expr => rewrite(e, (n) => {
    const x = n as Expr;
    if (isLevel(x)) return lvl(alias);
    if (x.kind === 'Unary' && x.op === 'connect_by_root') {
      const name = `dbshift_c${extra.length + 1}`;
      extra.push({ name, anchor: x.operand, step: col([p, name], span) });
      return col([alias, name], span);
    }
    if (x.kind === 'Unary' && x.op === 'prior') { bad = 'PRIOR outside the CONNECT BY condition'; return undefined; }
    const f = fname(x);
    if (f === 'sys_connect_by_path') {
      const [v, sep] = (x as FunctionCall).args;
      const name = `dbshift_c${extra.length + 1}`;
      extra.push({ name, anchor: call('concat', [sep!, v!], span), step: call('concat', [col([p, name], span), sep!, v!], span) });
      return col([alias, name], span);
    }
    if (f === 'connect_by_isleaf' || (x.kind === 'ColumnRef' && x.parts.length === 1 && x.parts[0]!.toLowerCase() === 'connect_by_isleaf')) {
      if (!base) { bad = 'CONNECT_BY_ISLEAF without a table'; return undefined; }
      const child = 'dbshift_leaf';
      const cond = childCondition(h.connectBy, child, alias);
      return { kind: 'Case', whens: [{ when: { kind: 'Exists', not: false, query: { kind: 'Select', items: [{ expr: num(1, span) }], from: [{ ...base, alias: child }], where: cond, groupBy: [], orderBy: [], span }, span }, then: num(0, span) }], else: num(1, span), span };
    }
    if (f === 'connect_by_iscycle' || (x.kind === 'ColumnRef' && x.parts.length === 1 && x.parts[0]!.toLowerCase() === 'connect_by_iscycle')) { bad = 'CONNECT_BY_ISCYCLE'; return undefined; }
    return undefined;
  });

  const expandStar = (items: SelectItem[]): SelectItem[] | undefined => {
    const out: SelectItem[] = [];
    for (const i of items) {
      if (i.expr.kind === 'Star' && (!i.expr.qualifier || i.expr.qualifier[i.expr.qualifier.length - 1]!.toLowerCase() === alias.toLowerCase())) {
        if (!table) return undefined;
        out.push(...table.columns.map((c) => ({ expr: col([alias, c.name], i.expr.span) })));
      } else out.push(i);
    }
    return out;
  };
  const items = expandStar(s.items);
  if (!items) return fail('SELECT * over a table whose columns are unknown');
  const outItems = items.map((i) => ({ ...i, expr: outer(i.expr), ...(i.alias === undefined && isLevel(i.expr) ? { alias: 'level' } : {}) }));
  const outWhere = s.where ? outer(s.where) : undefined;
  const outOrder = s.orderBy.map((o) => ({ ...o, expr: outer(o.expr) }));
  if (bad) return fail(bad);

  // Recursive term condition: PRIOR x → the parent row (CTE), the rest → the child row.
  const step = rewrite(qualify(h.connectBy, alias), (n) => {
    const x = n as Expr;
    if (x.kind === 'Unary' && x.op === 'prior') return retarget(x.operand, alias, p);
    if (isLevel(x)) return bin('+', lvl(p), num(1, span), span);
    return undefined;
  });

  let siblings: OrderItem | undefined;
  if (h.orderSiblingsBy?.length) {
    if (h.orderSiblingsBy.length > 1) return fail('ORDER SIBLINGS BY with more than one key');
    siblings = h.orderSiblingsBy[0]!;
    if (siblings.direction === 'desc') return fail('ORDER SIBLINGS BY … DESC');
  }

  const anchorItems: SelectItem[] = [];
  const stepItems: SelectItem[] = [];
  if (base) {
    anchorItems.push({ expr: { kind: 'Star', qualifier: [alias], span } });
    stepItems.push({ expr: { kind: 'Star', qualifier: [alias], span } });
  }
  anchorItems.push({ expr: num(1, span), alias: LEVEL });
  stepItems.push({ expr: bin('+', lvl(p), num(1, span), span), alias: LEVEL });
  if (base) {
    const ctid = col([alias, 'ctid'], span);
    anchorItems.push({ expr: { kind: 'Array', items: [ctid], span }, alias: CYCLE });
    stepItems.push({ expr: call('array_append', [col([p, CYCLE], span), ctid], span), alias: CYCLE });
    if (siblings) {
      const key = qualify(siblings.expr, alias);
      // array_append(NULL, k): an array without the column's typmod, as the recursive term builds it.
      anchorItems.push({ expr: call('array_append', [{ kind: 'Literal', type: 'null', value: 'NULL', span }, key], span), alias: ORDER });
      stepItems.push({ expr: call('array_append', [col([p, ORDER], span), key], span), alias: ORDER });
    }
  }
  for (const x of extra) {
    anchorItems.push({ expr: qualify(x.anchor, alias), alias: x.name });
    stepItems.push({ expr: qualify(x.step, alias), alias: x.name });
  }
  const cteRef = (a: string): TableRef => ({ kind: 'TableRef', name: { name: CTE }, alias: a, span });
  const anchor: Select = { kind: 'Select', items: anchorItems, from: base ? [{ ...base, alias }] : [], groupBy: [], orderBy: [], span,
    ...(h.startWith ? { where: base ? qualify(h.startWith, alias) : h.startWith } : {}) };
  const cycleCheck: Expr | undefined = base ? { kind: 'Unary', op: 'NOT', operand: { kind: 'Binary', op: 'any', quantifiedOp: '=', left: col([alias, 'ctid'], span), right: col([p, CYCLE], span), span }, span } : undefined;
  const recursive: Select = base
    ? { kind: 'Select', items: stepItems, from: [{ kind: 'Join', type: 'inner', left: { ...base, alias }, right: cteRef(p), on: step, span }], where: cycleCheck, groupBy: [], orderBy: [], span }
    : { kind: 'Select', items: stepItems, from: [cteRef(p)], where: step, groupBy: [], orderBy: [], span };
  ctx.reportOnce(OG.connectBy, span, h.noCycle ? undefined : 'CONNECT BY became WITH RECURSIVE; rows that would close a cycle are skipped (Oracle raises ORA-01436 without NOCYCLE)');
  const order: OrderItem[] = outOrder.length ? outOrder
    : base ? [{ expr: col([alias, siblings ? ORDER : CYCLE], span) }] : [{ expr: lvl(alias) }];
  const out: Select = {
    ...s,
    with: [...(s.with ?? []), { name: CTE, recursive: true, query: { kind: 'SetOperation', op: 'union', all: true, left: anchor, right: recursive, orderBy: [], span } }],
    items: outItems,
    from: [cteRef(alias)],
    orderBy: siblings && outOrder.length === 0 ? [{ expr: col([alias, ORDER], span) }] : order,
    groupBy: [],
  };
  delete out.hierarchical;
  if (outWhere) out.where = outWhere; else delete out.where;
  return out;
}

/** CONNECT BY condition for testing whether a row of the CTE (under `alias`) has a child row named `child`. */
function childCondition(connectBy: Expr, child: string, alias: string): Expr {
  return rewrite(retarget(connectBy, alias, child), (n) => {
    const x = n as Expr;
    if (x.kind === 'Unary' && x.op === 'prior') return retarget(x.operand, child, alias);
    if (isLevel(x)) return bin('+', col([alias, LEVEL], x.span), num(1, x.span), x.span);
    return undefined;
  });
}

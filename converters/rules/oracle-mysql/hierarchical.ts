import type { Expr, Select, ColumnRef, FunctionCall, SelectItem, TableRef, OrderItem } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { bin, col, num, str } from '../common/nodes.js';
import { kindOf } from './typeof.js';
import { templ } from '../postgres-mysql/datetime.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';

const CTE = 'dbshift_h';
const LEVEL = 'dbshift_level';
const PATH = 'dbshift_path';
const ORDER = 'dbshift_order';
const P = 'dbshift_p';

const isLevel = (e: Expr): boolean => e.kind === 'ColumnRef' && e.parts.length === 1 && e.parts[0]!.toLowerCase() === 'level';
const isWord = (e: Expr, w: string): boolean => (e.kind === 'ColumnRef' && e.parts.length === 1 && e.parts[0]!.toLowerCase() === w) || (e.kind === 'FunctionCall' && !e.name.schema && e.name.name.toLowerCase() === w && e.args.length === 0);

function qualify(e: Expr, alias: string): Expr {
  return rewrite(e, (n) => {
    const c = n as ColumnRef;
    if (c.kind !== 'ColumnRef' || c.parts.length !== 1 || isLevel(c)) return undefined;
    return { ...c, parts: [alias, c.parts[0]!] };
  });
}

function retarget(e: Expr, alias: string, to: string): Expr {
  return rewrite(qualify(e, alias), (n) => {
    const c = n as ColumnRef;
    if (c.kind === 'ColumnRef' && c.parts.length === 2 && c.parts[0]!.toLowerCase() === alias.toLowerCase()) return { ...c, parts: [to, c.parts[1]!] };
    return undefined;
  });
}

/** Text column built along the recursion: the anchor is CAST to a wide CHAR (MySQL types CTE columns from the anchor). */
const wide = (e: Expr): Expr => templ('CAST(? AS CHAR(4000))', [e], e.span);

/**
 * START WITH … CONNECT BY [NOCYCLE] … → WITH RECURSIVE over the single base table. Each row
 * carries its level and a path of primary-key values ('/k1/k2/…'): the path orders rows depth
 * first (as Oracle returns them) and cuts cycles; SYS_CONNECT_BY_PATH and CONNECT_BY_ROOT become
 * columns built along the recursion.
 */
export function convertConnectBy(s: Select, ctx: OmContext): Select {
  const h = s.hierarchical;
  if (!h) return s;
  const span = s.span;
  const fail = (why: string): Select => { ctx.report(OM.connectByUnsupported, span, `CONNECT BY not converted: ${why}`); return s; };
  if (s.from.length !== 1 || s.from[0]!.kind !== 'TableRef') return fail('only a single table in FROM is supported');
  if (s.groupBy.length || s.having) return fail('GROUP BY with CONNECT BY');
  const base = s.from[0] as TableRef;
  const alias = base.alias ?? base.name.name;
  const table = ctx.table(base.name);
  if (!table) return fail(`table ${base.name.name} is not in the script (its key and columns are needed)`);
  const pk = table.constraints.find((c) => c.kind === 'PrimaryKey' || c.kind === 'Unique');
  const keyCols = pk && (pk.kind === 'PrimaryKey' || pk.kind === 'Unique') ? pk.columns.map((c) => c.column).filter((c): c is string => !!c) : [];
  if (!keyCols.length) return fail(`table ${table.name.name} has no primary or unique key to track the path with`);
  let bad: string | undefined;

  const extra: { name: string; anchor: Expr; step: Expr }[] = [];
  const outer = (e: Expr): Expr => rewrite(e, (n) => {
    const x = n as Expr;
    if (isLevel(x)) return col([alias, LEVEL], x.span);
    if (x.kind === 'Unary' && x.op === 'connect_by_root') {
      const name = `dbshift_c${extra.length + 1}`;
      extra.push({ name, anchor: x.operand, step: col([P, name], span) });
      return col([alias, name], span);
    }
    if (x.kind === 'Unary' && x.op === 'prior') { bad = 'PRIOR outside the CONNECT BY condition'; return undefined; }
    if (x.kind === 'FunctionCall' && !x.name.schema && x.name.name.toLowerCase() === 'sys_connect_by_path') {
      const [v, sep] = (x as FunctionCall).args;
      const name = `dbshift_c${extra.length + 1}`;
      extra.push({ name, anchor: wide(templ('CONCAT(?, ?)', [sep!, v!], span)), step: templ('CONCAT(?, ?, ?)', [col([P, name], span), sep!, v!], span) });
      return col([alias, name], span);
    }
    if (isWord(x, 'connect_by_isleaf')) {
      const child = 'dbshift_leaf';
      const cond = rewrite(retarget(h.connectBy, alias, child), (m) => {
        const y = m as Expr;
        if (y.kind === 'Unary' && y.op === 'prior') return retarget(y.operand, child, alias);
        return undefined;
      });
      return { kind: 'Case', whens: [{ when: { kind: 'Exists', not: false, query: { kind: 'Select', items: [{ expr: num(1, span) }], from: [{ ...base, alias: child }], where: cond, groupBy: [], orderBy: [], span }, span }, then: num(0, span) }], else: num(1, span), span };
    }
    if (isWord(x, 'connect_by_iscycle')) { bad = 'CONNECT_BY_ISCYCLE'; return undefined; }
    return undefined;
  });
  walk(h.connectBy, (n) => { if (n.kind === 'Unary' && (n as unknown as { op: string }).op === 'connect_by_root') bad = 'CONNECT_BY_ROOT inside CONNECT BY'; });

  const items: SelectItem[] = [];
  for (const i of s.items) {
    if (i.expr.kind === 'Star' && (!i.expr.qualifier || i.expr.qualifier[i.expr.qualifier.length - 1]!.toLowerCase() === alias.toLowerCase())) items.push(...table.columns.map((c) => ({ expr: col([alias, c.name], i.expr.span) })));
    else items.push(i);
  }
  const outItems = items.map((i) => ({ ...i, expr: outer(i.expr), ...(i.alias === undefined && isLevel(i.expr) ? { alias: 'LEVEL' } : {}) }));
  const outWhere = s.where ? outer(s.where) : undefined;
  const outOrder = s.orderBy.map((o) => ({ ...o, expr: outer(o.expr) }));
  if (bad) return fail(bad);

  const step = rewrite(qualify(h.connectBy, alias), (n) => {
    const x = n as Expr;
    if (x.kind === 'Unary' && x.op === 'prior') return retarget(x.operand, alias, P);
    if (isLevel(x)) return bin('+', col([P, LEVEL], span), num(1, span), span);
    return undefined;
  });
  // Path segment: the key values; numbers zero-padded so the text order is the numeric order.
  const seg = (q: string): Expr => {
    const parts = keyCols.map((k) => {
      const c = col([q, k], span);
      return kindOf(c, ctx) === 'number' ? templ("LPAD(CAST(? AS CHAR), 20, '0')", [c], span) : templ('CAST(? AS CHAR)', [c], span);
    });
    return parts.length === 1 ? parts[0]! : templ(`CONCAT_WS(',', ${parts.map(() => '?').join(', ')})`, parts, span);
  };
  let orderSeg: ((q: string) => Expr) | undefined;
  if (h.orderSiblingsBy?.length) {
    if (h.orderSiblingsBy.length > 1 || h.orderSiblingsBy[0]!.direction === 'desc') return fail('ORDER SIBLINGS BY with several keys or DESC');
    const key = h.orderSiblingsBy[0]!.expr;
    orderSeg = (q: string) => {
      const k = qualify(key, q);
      return kindOf(k, ctx) === 'number' ? templ("LPAD(CAST(? AS CHAR), 20, '0')", [k], span) : templ("RPAD(CAST(? AS CHAR), 100, ' ')", [k], span);
    };
  }
  const anchorItems: SelectItem[] = [
    { expr: { kind: 'Star', qualifier: [alias], span } },
    { expr: num(1, span), alias: LEVEL },
    { expr: wide(templ("CONCAT('/', ?)", [seg(alias)], span)), alias: PATH },
    ...(orderSeg ? [{ expr: wide(templ("CONCAT('/', ?, '|', ?)", [orderSeg(alias), seg(alias)], span)), alias: ORDER }] : []),
    ...extra.map((x) => ({ expr: qualify(x.anchor, alias), alias: x.name })),
  ];
  const stepItems: SelectItem[] = [
    { expr: { kind: 'Star', qualifier: [alias], span } },
    { expr: bin('+', col([P, LEVEL], span), num(1, span), span), alias: LEVEL },
    { expr: templ("CONCAT(?, '/', ?)", [col([P, PATH], span), seg(alias)], span), alias: PATH },
    ...(orderSeg ? [{ expr: templ("CONCAT(?, '/', ?, '|', ?)", [col([P, ORDER], span), orderSeg(alias), seg(alias)], span), alias: ORDER }] : []),
    ...extra.map((x) => ({ expr: qualify(x.step, alias), alias: x.name })),
  ];
  const cteRef = (a: string): TableRef => ({ kind: 'TableRef', name: { name: CTE }, alias: a, span });
  const anchor: Select = { kind: 'Select', items: anchorItems, from: [{ ...base, alias }], groupBy: [], orderBy: [], span, ...(h.startWith ? { where: qualify(h.startWith, alias) } : {}) };
  // A row already on its path would close a cycle: Oracle stops there with NOCYCLE (and raises ORA-01436 without).
  const cycleCheck = templ("LOCATE(CONCAT('/', ?, '/'), CONCAT(?, '/')) = 0", [seg(alias), col([P, PATH], span)], span);
  const recursive: Select = { kind: 'Select', items: stepItems, from: [{ kind: 'Join', type: 'inner', left: { ...base, alias }, right: cteRef(P), on: step, span }], where: cycleCheck, groupBy: [], orderBy: [], span };
  ctx.reportOnce(OM.connectBy, span, h.noCycle ? undefined : 'CONNECT BY became WITH RECURSIVE; rows that would close a cycle are skipped (Oracle raises ORA-01436 without NOCYCLE)');
  const order: OrderItem[] = outOrder.length ? outOrder : [{ expr: col([alias, orderSeg ? ORDER : PATH], span) }];
  const out: Select = {
    ...s,
    with: [...(s.with ?? []), { name: CTE, recursive: true, query: { kind: 'SetOperation', op: 'union', all: true, left: anchor, right: recursive, orderBy: [], span } }],
    items: outItems, from: [cteRef(alias)], orderBy: order, groupBy: [],
  };
  delete out.hierarchical;
  if (outWhere) out.where = outWhere; else delete out.where;
  void str;
  return out;
}

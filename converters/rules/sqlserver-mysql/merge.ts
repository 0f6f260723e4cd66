import type { Assignment, Delete, Expr, Insert, Merge, MergeClause, Select, Statement, Table, TableExpr, Update } from '../../model/index.js';
import { qnameKey, walk } from '../../model/index.js';
import { num, raw } from '../common/nodes.js';
import { NotConvertible } from './blocked.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';
import { tempTableName } from './names.js';

type Span = Merge['span'];
type Action<K> = Extract<MergeClause['action'], { kind: K }>;

const lower = (s: string): string => s.toLowerCase();
const and = (a: Expr, b: Expr | undefined, span: Span): Expr => (b ? { kind: 'Binary', op: 'and', left: a, right: b, span } : a);
const select = (items: Expr[], from: TableExpr[], where: Expr | undefined, span: Span): Select =>
  ({ kind: 'Select', items: items.map((expr) => ({ expr })), from, ...(where ? { where } : {}), groupBy: [], orderBy: [], span });
const exists = (from: TableExpr, where: Expr, not: boolean, span: Span): Expr => ({ kind: 'Exists', not, query: select([num(1, span)], [from], where, span), span });

function aliasOf(t: TableExpr): string | undefined {
  if (t.kind === 'TableRef') return t.alias ?? t.name.name;
  return t.kind === 'DerivedTable' || t.kind === 'TableFunction' ? t.alias : undefined;
}

/**
 * The clauses of one match kind with the condition each really applies under: T-SQL takes the first
 * clause whose AND condition is true, so later clauses also need the earlier conditions not true.
 */
function effective(clauses: MergeClause[], span: Span): { clause: MergeClause; where: Expr | undefined }[] {
  return clauses.map((c, i) => {
    let where = c.condition;
    for (const e of clauses.slice(0, i)) {
      if (!e.condition) continue;
      const notBefore: Expr = { kind: 'IsTest', expr: e.condition, test: 'true', not: true, span };
      where = where ? and(where, notBefore, span) : notBefore;
    }
    return { clause: c, where };
  });
}

/** Target columns the ON condition reads (qualified with the target alias, or bare: either side). */
function onTargetColumns(on: Expr, ta: string): Set<string> {
  const out = new Set<string>();
  walk(on, (n) => {
    if (n.kind !== 'ColumnRef') return;
    const p = (n as unknown as { parts: string[] }).parts;
    if (p.length === 1 || lower(p[p.length - 2]!) === lower(ta)) out.add(lower(p[p.length - 1]!));
  });
  return out;
}

/** `t.a = s.b AND …` → target column → source expression; undefined when ON is anything else. */
function keyEqualities(on: Expr, ta: string, sa: string): Map<string, Expr> | undefined {
  const out = new Map<string, Expr>();
  const side = (e: Expr): 't' | 's' | undefined => (e.kind === 'ColumnRef' && e.parts.length === 2 ? (lower(e.parts[0]!) === lower(ta) ? 't' : lower(e.parts[0]!) === lower(sa) ? 's' : undefined) : undefined);
  const visit = (e: Expr): boolean => {
    if (e.kind === 'Binary' && e.op === 'and') return visit(e.left) && visit(e.right);
    if (e.kind !== 'Binary' || e.op !== '=') return false;
    const [t, s] = side(e.left) === 't' && side(e.right) === 's' ? [e.left, e.right] : side(e.left) === 's' && side(e.right) === 't' ? [e.right, e.left] : [];
    if (!t || !s || t.kind !== 'ColumnRef') return false;
    out.set(lower(t.parts[1]!), s);
    return true;
  };
  return ta.toLowerCase() !== sa.toLowerCase() && visit(on) ? out : undefined;
}

const sameRef = (a: Expr, b: Expr): boolean => a.kind === 'ColumnRef' && b.kind === 'ColumnRef' && a.parts.length === b.parts.length && a.parts.every((p, i) => lower(p) === lower(b.parts[i]!));

/**
 * WHEN MATCHED THEN UPDATE + WHEN NOT MATCHED THEN INSERT on ON t.k = s.k where k is the target's
 * only unique key → INSERT … SELECT … ON DUPLICATE KEY UPDATE. Undefined when not exactly the same.
 */
function upsert(m: Merge, ctx: TmContext, ta: string, sa: string): Insert | undefined {
  const [a, b] = m.clauses;
  if (m.clauses.length !== 2 || !a || !b || a.condition || b.condition) return undefined;
  const [upd, ins] = a.match === 'matched' && b.match === 'not matched' ? [a, b] : b.match === 'matched' && a.match === 'not matched' ? [b, a] : [];
  if (upd?.action.kind !== 'update' || ins?.action.kind !== 'insert' || upd.action.where || ins.action.values === 'default' || !ins.action.columns?.length) return undefined;
  const table = ctx.tables.get(qnameKey(m.target.name));
  const key = lower(m.target.name.name);
  // An INSERT trigger fires for every row of INSERT … ON DUPLICATE KEY UPDATE, also for rows that are then updated.
  if (!table || ctx.triggered.has(key)) return undefined;
  const keys = [
    ...table.constraints.flatMap((c) => (c.kind === 'PrimaryKey' || c.kind === 'Unique' ? [c.columns.map((x) => lower(x.column ?? ''))] : [])),
    ...(ctx.uniqueIndexes.get(key) ?? []),
  ];
  const eq = keyEqualities(m.on, ta, sa);
  if (!eq || keys.length !== 1 || keys[0]!.length !== eq.size || !keys[0]!.every((k) => eq.has(k))) return undefined;
  const columns = ins.action.columns;
  const values = ins.action.values;
  if (![...eq].every(([k, s]) => columns.some((c, i) => lower(c) === k && sameRef(values[i]!, s)))) return undefined;
  // In the UPDATE part: s.x → VALUES(c) where the INSERT puts s.x into c; t.x → the existing row's x.
  let exact = true;
  const swap = (e: Expr): Expr => {
    if (e.kind === 'ColumnRef') {
      if (e.parts.length !== 2) { exact = false; return e; }
      if (lower(e.parts[0]!) === lower(ta)) return { ...e, parts: [m.target.name.name, e.parts[1]!] };
      const i = values.findIndex((v) => sameRef(v, e));
      if (i < 0) { exact = false; return e; }
      return raw(`VALUES(\`${columns[i]!.replace(/`/g, '``')}\`)`, e.span);
    }
    if (e.kind === 'Binary') return { ...e, left: swap(e.left), right: swap(e.right) };
    if (e.kind === 'FunctionCall') return { ...e, args: e.args.map(swap) };
    if (e.kind === 'Literal' || e.kind === 'Variable') return e;
    exact = false;
    return e;
  };
  const set: Assignment[] = upd.action.set.map((x) => ({ column: [x.column[x.column.length - 1]!], value: swap(x.value) }));
  if (!exact) return undefined;
  return { kind: 'Insert', table: { name: m.target.name.name }, columns, source: select(values, [m.source], undefined, m.span), onDuplicateKeyUpdate: set, span: m.span };
}

/**
 * T-SQL MERGE inside a stored program → MySQL statements with the same effect (see TM0058), or one
 * INSERT … ON DUPLICATE KEY UPDATE where that is exactly the same (TM0059). Throws NotConvertible
 * when no order of the statements gives the MERGE's result.
 */
export function lowerMerge(m: Merge, ctx: TmContext, rowcount: (sp: Span) => Statement[] | undefined, seq: () => number): Statement[] {
  const sp = m.span;
  const ta = m.target.alias ?? m.target.name.name;
  const sa = aliasOf(m.source);
  const fail = (why: string): never => { throw new NotConvertible(`MERGE INTO ${m.target.name.name}: ${why}; not converted`, sp); };
  if (!sa) fail('the USING source has no alias');
  if (m.returning?.length) fail('OUTPUT of a MERGE ($action, inserted/deleted) has no MySQL form');
  walk(m.source, (n) => { if (n.kind === 'TableRef' && lower((n as unknown as { name: { name: string } }).name.name) === lower(m.target.name.name)) fail('the source reads the target table, which the first statements would already have changed'); });
  const counted = rowcount(sp);
  if (!counted) {
    const up = upsert(m, ctx, ta, sa!);
    if (up) { ctx.report(TM.mergeUpsert, sp); return [{ kind: 'SqlStatement', statement: up, span: sp }]; }
  }
  const of = (k: MergeClause['match']) => effective(m.clauses.filter((c) => c.match === k), sp);
  const bySource = of('not matched by source');
  const matched = of('matched');
  const notMatched = of('not matched');
  const onCols = onTargetColumns(m.on, ta);
  for (const c of m.clauses) {
    if (c.action.kind !== 'update') continue;
    const changed = c.action.set.find((x) => onCols.has(lower(x.column[x.column.length - 1]!)));
    if (changed) fail(`it updates ${changed.column.join('.')}, which its ON condition reads: the statements run one after the other would match different rows`);
    if (c.action.where || c.action.deleteWhere) fail('UPDATE … WHERE / DELETE WHERE in a MERGE clause is not T-SQL');
  }
  // Once matched rows are deleted their source rows would look unmatched: the rows to insert are then picked first.
  const early = matched.some((x) => x.clause.action.kind === 'delete') && notMatched.length > 0;
  const target = (): TableExpr => m.target;
  const joined = (): TableExpr => ({ kind: 'Join', type: 'inner', left: target(), right: m.source, on: m.on, span: sp });
  // SET columns are not renamed with the #temp / @table names later, as column references are.
  const qualified = (set: Assignment[]): Assignment[] => set.map((x) => ({ ...x, column: [tempTableName(ta) ?? ta, x.column[x.column.length - 1]!] }));
  const unmatched = (): Expr => exists(m.source, m.on, true, sp);
  const out: Statement[] = [];
  const add = (statement: Update | Delete | Insert): void => { out.push({ kind: 'SqlStatement', statement, span: sp }, ...(counted ?? [])); };
  // Deletes first: they remove rows no later statement may touch; updates then see the rows they would have.
  const deletesFirst = <T extends { clause: MergeClause }>(l: T[]): T[] => [...l.filter((x) => x.clause.action.kind === 'delete'), ...l.filter((x) => x.clause.action.kind !== 'delete')];
  for (const { clause, where } of deletesFirst(bySource)) {
    const w = and(unmatched(), where, sp);
    if (clause.action.kind === 'delete') add({ kind: 'Delete', targets: [{ name: ta }], from: [target()], where: w, span: sp });
    else if (clause.action.kind === 'update') add({ kind: 'Update', table: target(), set: qualified(clause.action.set), where: w, span: sp });
  }
  for (const { clause, where } of deletesFirst(matched)) {
    if (clause.action.kind === 'delete') add({ kind: 'Delete', targets: [{ name: ta }], from: [joined()], ...(where ? { where } : {}), span: sp });
    else if (clause.action.kind === 'update') add({ kind: 'Update', table: joined(), set: qualified((clause.action as Action<'update'>).set), ...(where ? { where } : {}), span: sp });
  }
  let inserts: Statement[] = [];
  const picked: Statement[] = [];
  for (const { clause, where } of notMatched) {
    const a = clause.action;
    if (a.kind !== 'insert') continue;
    if (a.values === 'default') fail('WHEN NOT MATCHED THEN INSERT DEFAULT VALUES has no INSERT … SELECT form');
    const w = and(exists(target(), m.on, true, sp), where, sp);
    let source = select(a.values as Expr[], [m.source], w, sp);
    if (early) {
      const name = `dbshift_merge${seq()}`;
      const drop: Statement = { kind: 'DdlStatement', action: 'drop', ifExists: true, target: { objectType: 'temporary table', name: { name } }, text: `DROP TEMPORARY TABLE IF EXISTS ${name}`, span: sp };
      const rows = { ...source, items: source.items.map((it, i) => ({ ...it, alias: `c${i + 1}` })) };
      const table: Table = { kind: 'Table', name: { name }, columns: [], constraints: [], options: {}, temporary: true, asQuery: rows, span: sp };
      picked.push(drop, { kind: 'DdlStatement', action: 'create', object: table, text: `MERGE INTO ${m.target.name.name} (rows to insert)`, span: sp });
      source = select(rows.items.map((it) => ({ kind: 'ColumnRef', parts: [it.alias], span: sp }) as Expr), [{ kind: 'TableRef', name: { name }, span: sp }], undefined, sp);
      inserts.push(drop);
    }
    const before = out.length;
    add({ kind: 'Insert', table: { name: m.target.name.name }, ...(a.columns?.length ? { columns: a.columns } : {}), source, span: sp });
    inserts = [...out.splice(before), ...inserts];
  }
  ctx.report(TM.merge, sp);
  return [...picked, ...out, ...inserts];
}

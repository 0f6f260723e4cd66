import type { Expr, Select, Merge, NodeLike, Insert, Assignment, ColumnRef, SetOperation } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { andAll, conjuncts, convertOuterJoins } from '../oracle-postgres/outer-join.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';
import { convertConnectBy } from './hierarchical.js';
import { dropDual } from '../oracle-postgres/queries.js';
import { mentionsRownum, rownumLimit } from '../oracle-postgres/rownum.js';

function aggregates(s: Select): boolean {
  let found = false;
  for (const i of s.items) walk(i.expr, (n) => { if (n.kind === 'FunctionCall' && /^(count|sum|avg|min|max|listagg)$/i.test((n as unknown as { name: { name: string } }).name.name) && !(n as unknown as { over?: unknown }).over) found = true; });
  return found;
}

/** WHERE ROWNUM <= n → LIMIT n (MySQL LIMIT takes a literal or a routine variable). */
function convertRownum(s: Select, ctx: OmContext): Select {
  if (!s.where || !mentionsRownum(s.where)) return s;
  const keep: Expr[] = [];
  let limit: Expr | undefined;
  let bad = false;
  for (const c of conjuncts(s.where)) {
    if (!mentionsRownum(c)) { keep.push(c); continue; }
    const n = rownumLimit(c);
    if (n && !limit) limit = n; else bad = true;
  }
  // Oracle numbers rows before ORDER BY/GROUP BY/DISTINCT; LIMIT applies after them.
  if (limit && (s.orderBy.length || s.groupBy.length || s.distinct || aggregates(s) || s.limit)) bad = true;
  if (limit && limit.kind !== 'Literal' && limit.kind !== 'Variable' && limit.kind !== 'ColumnRef') bad = true;
  if (bad || !limit) {
    ctx.report(OM.rownum, s.span, 'ROWNUM condition in WHERE has no exact MySQL form here (ROWNUM is numbered before ORDER BY/GROUP BY, or compared other than ROWNUM <= n); the query was not converted');
    return { ...s, where: { kind: 'Unparsed', text: 'ROWNUM condition', reason: 'ROWNUM in WHERE not convertible', span: s.where.span } };
  }
  ctx.reportOnce(OM.rownumLimit, s.span);
  // Top-N over an ordered subquery: MariaDB drops ORDER BY of a derived table without LIMIT, so
  // the LIMIT goes inside, next to the ORDER BY it depends on.
  const d = s.from.length === 1 ? s.from[0]! : undefined;
  if (!keep.length && d?.kind === 'DerivedTable' && d.query.kind === 'Select' && d.query.orderBy.length && !d.query.limit) {
    const out: Select = { ...s, from: [{ ...d, query: { ...d.query, limit } }] };
    delete out.where;
    return out;
  }
  const out: Select = { ...s, limit };
  const rest = andAll(keep);
  if (rest) out.where = rest; else delete out.where;
  return out;
}

const lastPart = (c: ColumnRef): string => c.parts[c.parts.length - 1]!;

/**
 * MERGE INTO t USING s ON (t.k = s.x …) WHEN MATCHED THEN UPDATE … WHEN NOT MATCHED THEN INSERT …
 * → INSERT INTO t (…) SELECT … FROM s ON DUPLICATE KEY UPDATE …, when the ON columns are exactly
 * a primary/unique key of t and the clauses have no conditions. Else a finding.
 */
function convertMerge(m: Merge, ctx: OmContext): Merge | Insert {
  const fail = (why: string): Merge => { ctx.report(OM.merge, m.span, `MERGE INTO ${m.target.name.name} not converted: ${why}`); return m; };
  const table = ctx.table(m.target.name);
  if (!table) return fail('the target table is not in the script');
  const talias = (m.target.alias ?? m.target.name.name).toLowerCase();
  const onCols: string[] = [];
  for (const c of conjuncts(m.on)) {
    if (c.kind !== 'Binary' || c.op !== '=') return fail('the ON condition is not a conjunction of equalities');
    const side = [c.left, c.right].find((x) => x.kind === 'ColumnRef' && x.parts.length === 2 && x.parts[0]!.toLowerCase() === talias) as ColumnRef | undefined;
    if (!side) return fail('the ON condition does not compare target columns');
    onCols.push(lastPart(side).toLowerCase());
  }
  const keys = table.constraints.flatMap((k) => (k.kind === 'PrimaryKey' || k.kind === 'Unique' ? [k.columns.map((x) => (x.column ?? '').toLowerCase())] : []));
  const onSet = new Set(onCols);
  if (!keys.some((k) => k.length === onSet.size && k.every((x) => onSet.has(x)))) return fail(`ON (${onCols.join(', ')}) is not a primary or unique key of ${table.name.name} (INSERT … ON DUPLICATE KEY UPDATE matches on keys only)`);
  const ins = m.clauses.find((c) => c.match === 'not matched');
  const upd = m.clauses.find((c) => c.match === 'matched');
  if (m.clauses.some((c) => c.condition || (c.action.kind === 'update' && (c.action.where || c.action.deleteWhere)) || (c.action.kind === 'insert' && c.action.where))) return fail('WHERE/DELETE WHERE in a WHEN clause');
  if (!ins || ins.action.kind !== 'insert' || ins.action.values === 'default' || !ins.action.columns) return fail('no WHEN NOT MATCHED THEN INSERT (columns) VALUES (…) clause');
  const cols = ins.action.columns.map((c) => c.split('.').pop()!);
  if (!onCols.every((k) => cols.some((c) => c.toLowerCase() === k))) return fail('the INSERT does not set every ON column');
  // The ON DUPLICATE KEY UPDATE clause sees the target row by table name.
  const retarget = <T>(x: T): T => rewrite(x, (n: NodeLike) => {
    if (n.kind !== 'ColumnRef') return undefined;
    const c = n as ColumnRef;
    return c.parts.length === 2 && c.parts[0]!.toLowerCase() === talias ? { ...c, parts: [table.name.name, c.parts[1]!] } : undefined;
  });
  const set: Assignment[] = upd && upd.action.kind === 'update' ? upd.action.set.map((a) => ({ ...a, column: [a.column[a.column.length - 1]!], value: retarget(a.value) })) : [];
  if (upd && upd.action.kind !== 'update') return fail('WHEN MATCHED THEN DELETE');
  ctx.reportOnce(OM.mergeUpsert, m.span);
  const source: Select = { kind: 'Select', items: ins.action.values.map((v) => ({ expr: v })), from: [m.source], groupBy: [], orderBy: [], span: m.span };
  const noop: Assignment[] = [{ column: [cols[0]!], value: { kind: 'ColumnRef', parts: [table.name.name, cols[0]!], span: m.span } }];
  return { kind: 'Insert', table: m.target.name, columns: cols, source, onDuplicateKeyUpdate: set.length ? set : noop, span: m.span };
}

/** Query-level rewrites (before expressions): (+) joins, ROWNUM limits, CONNECT BY, MINUS, MERGE. */
export function convertQueries<T>(root: T, ctx: OmContext): T {
  return rewrite(root, (node: NodeLike) => {
    if (node.kind === 'Select') return convertConnectBy(convertRownum(convertOuterJoins(dropDual(node as Select), ctx), ctx), ctx);
    if (node.kind === 'SetOperation' && (node as SetOperation).op === 'except') { ctx.reportOnce(OM.exceptSetOp, (node as SetOperation).span); return undefined; }
    if (node.kind === 'Merge') return convertMerge(node as Merge, ctx);
    if (node.kind === 'Update') {
      const u = node as unknown as { set: Assignment[] };
      return { ...node, set: u.set.map((a) => ({ ...a, column: [a.column[a.column.length - 1]!] })) } as NodeLike;
    }
    return undefined;
  });
}

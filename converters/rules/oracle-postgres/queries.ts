import type { Expr, Select, Merge, MergeClause, NodeLike, Update, Assignment } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { applyNamingStyle } from '../common/identifiers.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';
import { convertConnectBy } from './hierarchical.js';
import { mentionsRownum, rownumLimit } from './rownum.js';
import { andAll, conjuncts, convertOuterJoins } from './outer-join.js';

const hasAggregate = (s: Select): boolean => {
  let found = false;
  const AGG = new Set(['count', 'sum', 'avg', 'min', 'max', 'listagg', 'string_agg']);
  for (const i of s.items) walk(i.expr, (n) => { if (n.kind === 'FunctionCall' && AGG.has((n as unknown as { name: { name: string } }).name.name.toLowerCase()) && !(n as unknown as { over?: unknown }).over) found = true; });
  return found;
};

function convertRownum(s: Select, ctx: OraRuleContext): Select {
  if (!s.where || !mentionsRownum(s.where)) return s;
  const keep: Expr[] = [];
  let limit: Expr | undefined;
  let unsupported = false;
  for (const c of conjuncts(s.where)) {
    if (!mentionsRownum(c)) { keep.push(c); continue; }
    const n = rownumLimit(c);
    if (n && !limit) limit = n; else unsupported = true;
  }
  // Oracle numbers rows before ORDER BY, GROUP BY and DISTINCT; LIMIT applies after them.
  if (limit && (s.orderBy.length || s.groupBy.length || s.distinct || hasAggregate(s) || s.limit)) unsupported = true;
  if (unsupported || !limit) {
    ctx.report(OG.rownum, s.span, 'ROWNUM condition in WHERE has no exact PostgreSQL form here (ROWNUM is assigned before ORDER BY/GROUP BY, or compared other than ROWNUM <= n); the query was not converted');
    return { ...s, where: { kind: 'Unparsed', text: 'ROWNUM condition', reason: 'ROWNUM in WHERE not convertible', span: s.where.span } };
  }
  ctx.reportOnce(OG.rownumLimit, s.span);
  const out: Select = { ...s, limit };
  const rest = andAll(keep);
  if (rest) out.where = rest; else delete out.where;
  return out;
}

/** FROM DUAL → no FROM clause. */
export function dropDual(s: Select): Select {
  if (s.from.length !== 1) return s;
  const t = s.from[0]!;
  if (t.kind !== 'TableRef' || t.name.name.toLowerCase() !== 'dual' || (t.name.schema && t.name.schema.toLowerCase() !== 'sys')) return s;
  return { ...s, from: [] };
}

/** PostgreSQL SET lists take bare column names (Oracle allows t.col). */
const bareColumns = (set: Assignment[], n: (s: string) => string = (s) => s): Assignment[] => set.map((a) => ({ ...a, column: [n(a.column[a.column.length - 1]!)] }));

function convertMerge(m: Merge, ctx: OraRuleContext): Merge {
  const n = (s: string): string => applyNamingStyle(s, ctx.options.naming);
  const clauses: MergeClause[] = [];
  for (const c of m.clauses) {
    const a = c.action;
    if (a.kind === 'update') {
      const cond = andAll([...(c.condition ? [c.condition] : []), ...(a.where ? [a.where] : [])]);
      if (a.deleteWhere) {
        // Oracle deletes updated rows that satisfy DELETE WHERE (on their new values); the extra
        // clause tests the old values, which is the same when DELETE WHERE reads no updated column.
        const updated = new Set(a.set.map((x) => x.column[x.column.length - 1]!.toLowerCase()));
        let readsUpdated = false;
        walk(a.deleteWhere, (n) => { if (n.kind === 'ColumnRef') { const p = (n as unknown as { parts: string[] }).parts; if (updated.has(p[p.length - 1]!.toLowerCase())) readsUpdated = true; } });
        if (readsUpdated) ctx.report(OG.mergeUnsupported, c.span, 'MERGE … DELETE WHERE reads a column the UPDATE sets: Oracle tests the new value, the converted clause tests the old one');
        else ctx.reportOnce(OG.mergeDelete, c.span);
        clauses.push({ match: 'matched', condition: andAll([...(cond ? [cond] : []), a.deleteWhere])!, action: { kind: 'delete' }, span: c.span });
      }
      clauses.push({ ...c, ...(cond ? { condition: cond } : {}), action: { kind: 'update', set: bareColumns(a.set, n) } });
    } else if (a.kind === 'insert') {
      const { where, ...rest } = a;
      const cond = andAll([...(c.condition ? [c.condition] : []), ...(where ? [where] : [])]);
      clauses.push({ ...c, ...(cond ? { condition: cond } : {}), action: { ...rest, ...(rest.columns ? { columns: rest.columns.map(n) } : {}) } });
    } else clauses.push(c);
  }
  return { ...m, clauses };
}

/** Kinds that hold no Select, Merge or Update: not entered by the query pass. */
const QUERY_LEAVES: ReadonlySet<string> = new Set(['DataType', 'Literal', 'ColumnRef', 'Variable']);

/** One node of the query pass (its children already done); undefined keeps it. */
export function convertQueryNode(node: NodeLike, ctx: OraRuleContext): NodeLike | undefined {
  if (node.kind === 'Select') return convertConnectBy(convertRownum(convertOuterJoins(dropDual(node as Select), ctx), ctx), ctx);
  if (node.kind === 'Merge') return convertMerge(node as Merge, ctx);
  if (node.kind === 'Update') return { ...(node as Update), set: bareColumns((node as Update).set) } as Update;
  return undefined;
}

/** Query-level rewrites (before expressions): DUAL, (+) joins, ROWNUM limits, CONNECT BY, MERGE. */
export function convertQueries<T>(root: T, ctx: OraRuleContext): T {
  return rewrite(root, (node: NodeLike) => convertQueryNode(node, ctx), QUERY_LEAVES);
}

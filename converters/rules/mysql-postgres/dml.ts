import type { Insert, Update, Delete, Expr, TableExpr, Assignment, QualifiedName } from '../../model/index.js';
import { qnameKey, rewrite } from '../../model/index.js';
import { bin, col } from '../common/nodes.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';

/** Columns of the primary key (else first unique constraint) of a table, as the conflict target. */
function conflictTarget(table: QualifiedName, ctx: RuleContext): string[] | undefined {
  const t = ctx.tables.get(qnameKey(table));
  const key = t?.constraints.find((c) => c.kind === 'PrimaryKey') ?? t?.constraints.find((c) => c.kind === 'Unique');
  return key && (key.kind === 'PrimaryKey' || key.kind === 'Unique') ? key.columns.map((c) => c.column!).filter(Boolean) : undefined;
}

/** VALUES(col) in ON DUPLICATE KEY UPDATE → EXCLUDED.col; bare columns are the existing row's. */
const excluded = (e: Expr, table: string): Expr => rewrite(e, (n) => {
  if (n.kind === 'ColumnRef') {
    const c = n as unknown as { parts: string[]; span: Expr['span'] };
    return c.parts.length === 1 ? col([table, c.parts[0]!], c.span) as never : undefined;
  }
  if (n.kind !== 'FunctionCall') return undefined;
  const f = n as unknown as { name: { name: string }; args: Expr[]; span: Expr['span'] };
  const a = f.args[0];
  return f.name.name.toLowerCase() === 'values' && a?.kind === 'ColumnRef' ? col(['excluded', a.parts[a.parts.length - 1]!], f.span) as never : undefined;
});

export function convertInsert(i: Insert, ctx: RuleContext): Insert | undefined {
  if (!i.ignore && !i.replace && !i.onDuplicateKeyUpdate) return undefined;
  ctx.report(MP.insertIgnore, i.span);
  const target = conflictTarget(i.table, ctx);
  const out: Insert = { ...i };
  delete out.ignore; delete out.replace; delete out.onDuplicateKeyUpdate;
  if (i.ignore && !i.onDuplicateKeyUpdate) out.onConflict = { action: 'nothing' };
  else if (i.onDuplicateKeyUpdate) {
    out.onConflict = { ...(target ? { target } : {}), action: 'update', set: i.onDuplicateKeyUpdate.map((a) => ({ column: [a.column[a.column.length - 1]!], value: excluded(a.value, i.alias ?? i.table.name) })) };
  } else {
    // REPLACE: delete-then-insert of the conflicting row, close to an upsert of every column.
    const cols = i.columns ?? ctx.tables.get(qnameKey(i.table))?.columns.map((c) => c.name) ?? [];
    const set: Assignment[] = cols.filter((c) => !target?.includes(c)).map((c) => ({ column: [c], value: col(['excluded', c], i.span) }));
    out.onConflict = { ...(target ? { target } : {}), action: set.length ? 'update' : 'nothing', ...(set.length ? { set } : {}) };
  }
  return out;
}

/** Inner-join tree → its tables and the ON conditions (undefined if an outer join is involved). */
function flatten(t: TableExpr): { tables: TableExpr[]; conditions: Expr[] } | undefined {
  if (t.kind !== 'Join') return { tables: [t], conditions: [] };
  if (!['inner', 'cross', 'straight'].includes(t.type) || t.natural || t.using) return undefined;
  const l = flatten(t.left);
  const r = flatten(t.right);
  if (!l || !r) return undefined;
  return { tables: [...l.tables, ...r.tables], conditions: [...l.conditions, ...r.conditions, ...(t.on ? [t.on] : [])] };
}

const andAll = (conds: Expr[], span: Expr['span']): Expr | undefined => (conds.length ? conds.reduce((a, b) => bin('and', a, b, span)) : undefined);

export function convertUpdate(u: Update, ctx: RuleContext): Update | undefined {
  if (u.table.kind !== 'Join') return undefined;
  const flat = flatten(u.table);
  if (!flat) { ctx.report(MP.multiTable, u.span, 'Multi-table UPDATE with outer joins must be rewritten by hand'); return undefined; }
  ctx.report(MP.multiTable, u.span);
  // The updated table is the one the SET list names first.
  const alias = u.set[0]?.column.length === 2 ? u.set[0].column[0] : undefined;
  const idx = Math.max(0, flat.tables.findIndex((t) => t.kind === 'TableRef' && (t.alias === alias || t.name.name === alias)));
  const where = andAll([...flat.conditions, ...(u.where ? [u.where] : [])], u.span);
  return { ...u, table: flat.tables[idx]!, from: [...flat.tables.filter((_, i) => i !== idx), ...(u.from ?? [])], ...(where ? { where } : {}) };
}

export function convertDelete(d: Delete, ctx: RuleContext): Delete | undefined {
  if (d.from.length <= 1 && d.from[0]?.kind !== 'Join') return undefined;
  const flat = d.from.map(flatten);
  if (flat.some((f) => !f) || d.targets.length !== 1) { ctx.report(MP.multiTable, d.span, 'Multi-table DELETE must be rewritten by hand'); return undefined; }
  ctx.report(MP.multiTable, d.span);
  const tables = flat.flatMap((f) => f!.tables);
  const target = d.targets[0]!;
  const idx = Math.max(0, tables.findIndex((t) => t.kind === 'TableRef' && (t.alias === target.name || t.name.name === target.name)));
  const where = andAll([...flat.flatMap((f) => f!.conditions), ...(d.where ? [d.where] : [])], d.span);
  return { ...d, from: [tables[idx]!], using: [...tables.filter((_, i) => i !== idx), ...(d.using ?? [])], ...(where ? { where } : {}) };
}

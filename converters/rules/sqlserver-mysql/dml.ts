import type { Delete, NodeLike, TableExpr, TableRef, Update } from '../../model/index.js';
import { rewrite } from '../../model/index.js';

/** The TableRef in `e` (top level or inside inner/cross joins) that names the DML target (by alias, or by name when it has none). */
function targetIn(e: TableExpr, name: string): TableRef | undefined {
  if (e.kind === 'TableRef') return (e.alias ?? e.name.name).toLowerCase() === name ? e : undefined;
  if (e.kind === 'Join') return targetIn(e.left, name) ?? targetIn(e.right, name);
  return undefined;
}

/** FROM items joined with commas → one cross-joined tree (MySQL multi-table UPDATE takes a table reference list). */
function joined(from: TableExpr[], span: Update['span']): TableExpr {
  return from.slice(1).reduce((l, r): TableExpr => ({ kind: 'Join', type: 'cross', left: l, right: r, span }), from[0]!);
}

/**
 * T-SQL `UPDATE t SET … FROM t JOIN s ON …` / `DELETE t FROM t JOIN s …` → MySQL multi-table
 * `UPDATE t JOIN s ON … SET t.c = …` / `DELETE t FROM t JOIN s …`. When FROM does not list the
 * target, it is joined in front (T-SQL then joins it implicitly too).
 */
export function multiTableDml<T>(root: T): T {
  return rewrite(root, (n: NodeLike) => {
    if (n.kind === 'Update') {
      const u = n as unknown as Update;
      if (!u.from?.length || u.table.kind !== 'TableRef') return undefined;
      const name = u.table.name.name.toLowerCase();
      const found = u.from.some((f) => targetIn(f, name));
      const alias = found ? name : (u.table.alias ?? u.table.name.name).toLowerCase();
      const table = found ? joined(u.from, u.span) : joined([u.table, ...u.from], u.span);
      // In a multi-table UPDATE an unqualified SET column could be ambiguous; in T-SQL it is the target's.
      const set = u.set.map((a) => (a.column.length === 1 ? { ...a, column: [found ? (targetIn(table, name)!.alias ?? targetIn(table, name)!.name.name) : alias, a.column[0]!] } : a));
      return { ...u, table, from: undefined, set } as unknown as NodeLike;
    }
    if (n.kind === 'Delete') {
      const d = n as unknown as Delete;
      if (!d.using?.length || d.targets.length !== 1) return undefined;
      const name = d.targets[0]!.name.toLowerCase();
      const found = d.using.some((f) => targetIn(f, name));
      if (found) return { ...d, from: d.using, using: undefined } as unknown as NodeLike;
      return { ...d, from: [...d.from, ...d.using], using: undefined } as unknown as NodeLike;
    }
    return undefined;
  });
}

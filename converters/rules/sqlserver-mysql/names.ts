import type { Block, DataType, Expr, NodeLike, Parameter, QualifiedName, Routine, Statement, Table } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';
import { mapType } from './types.js';
import { renameLocalVariables } from '../sqlserver-postgres/procedural.js';

/** #t / ##t → tmp_t (temporary table); @t (table variable) → tvar_t. */
export function tempTableName(n: string): string | undefined {
  if (n.startsWith('#')) return n.replace(/^#+/, 'tmp_');
  if (n.startsWith('@')) return `tvar_${n.slice(1)}`;
  return undefined;
}

const renamedQ = (q: QualifiedName): QualifiedName | undefined => {
  const to = tempTableName(q.name);
  return to ? { name: to } : undefined;
};

/** References to #temp tables and table variables get the names their CREATE TEMPORARY TABLE uses. */
export function renameTempTables<T>(root: T): T {
  return rewrite(root, (n: NodeLike) => {
    const x = n as unknown as Record<string, unknown> & { kind: string };
    switch (x.kind) {
      case 'TableRef': { const q = renamedQ(x['name'] as QualifiedName); return q ? { ...n, name: q } as NodeLike : undefined; }
      case 'Insert': { const q = renamedQ(x['table'] as QualifiedName); return q ? { ...n, table: q } as NodeLike : undefined; }
      case 'Delete': {
        const ts = x['targets'] as QualifiedName[];
        return ts.some((t) => tempTableName(t.name)) ? { ...n, targets: ts.map((t) => renamedQ(t) ?? t) } as NodeLike : undefined;
      }
      case 'DdlStatement': {
        const t = x['target'] as { objectType: string; name: QualifiedName } | undefined;
        const q = t ? renamedQ(t.name) : undefined;
        return q && t ? { ...n, target: { objectType: x['action'] === 'drop' && t.objectType === 'table' ? 'temporary table' : t.objectType, name: q } } as NodeLike : undefined;
      }
      case 'ColumnRef': {
        const parts = x['parts'] as string[];
        return parts.length > 1 && /^[#@]/.test(parts[0]!) ? { ...n, parts: [tempTableName(parts[0]!)!, ...parts.slice(1)] } as NodeLike : undefined;
      }
      default: return undefined;
    }
  });
}

/** Lower-case names of every column of the script's tables and of `extra` tables (temp tables of the routine). */
export function columnNames(ctx: TmContext, extra: Table[] = []): Set<string> {
  const out = new Set<string>();
  for (const t of [...ctx.tables.values(), ...extra]) for (const c of t.columns) out.add(c.name.toLowerCase());
  return out;
}

/** Parameters of `r` named like a column (lower-case name → p_name). */
export function paramRenames(r: Routine, cols: Set<string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of r.params) if (cols.has(p.name.toLowerCase())) map.set(p.name.toLowerCase(), `p_${p.name}`);
  return map;
}

/**
 * In MySQL a routine variable wins over a column of the same name inside SQL statements (T-SQL
 * tells them apart by the @): parameters and variables named like a column are renamed.
 */
export function renameVariables(r: Routine, ctx: TmContext, cols: Set<string>): Routine {
  const map = paramRenames(r, cols);
  walk(r.body, (n) => {
    if (n.kind !== 'VarDecl') return;
    for (const name of (n as unknown as { names: string[] }).names) if (cols.has(name.toLowerCase()) && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), `v_${name}`);
  });
  if (!map.size) return r;
  ctx.reportOnce(TM.variableRenamed, r.span, `Renamed: ${[...map].map(([a, b]) => `@${a} → ${b}`).join(', ')}`);
  const body = renameLocalVariables(r.body, map);
  return { ...r, params: r.params.map((p) => ({ ...p, name: map.get(p.name.toLowerCase()) ?? p.name })), body };
}

/** Declared types (MySQL) of the parameters and variables of a routine, for expression typing. */
export function collectVariables(params: Parameter[], body: Block | Statement[], ctx: TmContext): void {
  ctx.variables = new Map();
  for (const p of params) ctx.variables.set(p.name.toLowerCase(), mapType(p.dataType, ctx, 'other'));
  walk(body, (n) => {
    if (n.kind !== 'VarDecl') return;
    const d = n as unknown as { names: string[]; dataType: DataType; table?: unknown };
    if (d.table) return;
    for (const name of d.names) ctx.variables.set(name.toLowerCase(), mapType(d.dataType, ctx, 'other'));
  });
}

export const localVar = (name: string, span: Expr['span']): Expr => ({ kind: 'Variable', name, scope: 'local', span });
export const userVar = (name: string, span: Expr['span']): Expr => ({ kind: 'Variable', name, scope: 'user', span });

import type { DataType, Expr, NodeLike, Table, TableExpr } from '../../model/index.js';
import type { MsRuleContext } from './context.js';
import { isTextType } from './types.js';

export type Kind = 'text' | 'number' | 'datetime' | 'bool' | 'binary' | 'unknown';

/** Types of column references resolved against the FROM scope they appear in (filled by `annotate`). */
const resolved = new WeakMap<object, DataType>();
/** Alias/table an unqualified ColumnRef belongs to (filled by `annotate`). */
const qualifiers = new WeakMap<object, string>();

function scopeOf(from: TableExpr[], ctx: MsRuleContext, into: Map<string, Table>): void {
  for (const f of from) {
    if (f.kind === 'TableRef') {
      const t = ctx.table(f.name);
      if (t) { into.set((f.alias ?? f.name.name).toLowerCase(), t); into.set(f.name.name.toLowerCase(), t); }
    } else if (f.kind === 'Join') scopeOf([f.left, f.right], ctx, into);
  }
}

/**
 * Walks `root` top-down keeping the FROM scope of each query, and records the column type each
 * ColumnRef resolves to. Rewrites that keep ColumnRef nodes unchanged can then ask `kindOf`.
 */
export function annotate(root: unknown, ctx: MsRuleContext): void {
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    const n = v as NodeLike & Record<string, unknown>;
    let pushed = false;
    if (n.kind === 'Select' || n.kind === 'Update' || n.kind === 'Delete' || n.kind === 'Insert' || n.kind === 'Merge') {
      const m = new Map<string, Table>();
      if (n.kind === 'Select') scopeOf(n['from'] as TableExpr[], ctx, m);
      if (n.kind === 'Update') scopeOf([n['table'] as TableExpr, ...((n['from'] as TableExpr[] | undefined) ?? [])], ctx, m);
      if (n.kind === 'Delete') scopeOf([...(n['from'] as TableExpr[]), ...((n['using'] as TableExpr[] | undefined) ?? [])], ctx, m);
      if (n.kind === 'Insert') scopeOf([{ kind: 'TableRef', name: n['table'], span: n['span'] } as TableExpr], ctx, m);
      if (n.kind === 'Merge') scopeOf([n['target'] as TableExpr, n['source'] as TableExpr], ctx, m);
      ctx.scope.push(m);
      pushed = true;
    }
    if (n.kind === 'ColumnRef') {
      const t = ctx.columnType(n['parts'] as string[]);
      if (t) resolved.set(n, t);
      const parts = n['parts'] as string[];
      if (parts.length === 1) { const q = ctx.qualifierOf(parts[0]!); if (q) qualifiers.set(n, q); }
    }
    for (const k in n) if (k !== 'span' && k !== 'origin') visit(n[k]);
    if (pushed) ctx.scope.pop();
  };
  visit(root);
}

const TEXT_FUNCS = new Set(['substring', 'substr', 'left', 'right', 'upper', 'lower', 'ltrim', 'rtrim', 'btrim', 'trim', 'replace', 'reverse', 'concat', 'concat_ws', 'repeat', 'replicate', 'space', 'stuff', 'overlay', 'to_char', 'chr', 'char', 'nchar', 'quotename', 'format', 'lpad', 'rpad', 'string_agg', 'str', 'datename']);
const NUMBER_FUNCS = new Set(['abs', 'ceiling', 'ceil', 'floor', 'round', 'power', 'sqrt', 'len', 'length', 'datalength', 'octet_length', 'charindex', 'strpos', 'patindex', 'count', 'count_big', 'datepart', 'year', 'month', 'day', 'datediff', 'extract', 'sign', 'rand', 'random', 'pi', 'log', 'ln', 'log10', 'exp', 'ascii', 'unicode']);
const DATE_FUNCS = new Set(['getdate', 'sysdatetime', 'getutcdate', 'sysutcdatetime', 'dateadd', 'eomonth', 'statement_timestamp', 'now', 'current_timestamp', 'localtimestamp', 'to_timestamp', 'make_timestamp', 'date_trunc']);

function kindOfType(t: DataType | undefined): Kind {
  if (!t) return 'unknown';
  if (isTextType(t)) return 'text';
  switch (t.name) {
    case 'tinyint': case 'smallint': case 'int': case 'bigint': case 'decimal': case 'real': case 'double': case 'money': return 'number';
    case 'date': case 'time': case 'timestamp': case 'datetime': return 'datetime';
    case 'bool': case 'bit': return t.name === 'bit' ? 'number' : 'bool';
    case 'binary': case 'varbinary': case 'blob': return 'binary';
    default: return 'unknown';
  }
}

/** What kind of value `e` has, from literals, declarations and catalog column types. */
export function kindOf(e: Expr, ctx: MsRuleContext): Kind {
  switch (e.kind) {
    case 'Literal':
      if (e.type === 'string') return 'text';
      if (e.type === 'number') return 'number';
      if (e.type === 'date' || e.type === 'timestamp' || e.type === 'time') return 'datetime';
      return 'unknown';
    case 'ColumnRef': return kindOfType(resolved.get(e));
    case 'Variable': return e.scope === 'local' ? kindOfType(ctx.variables.get(e.name.toLowerCase())) : 'unknown';
    case 'Cast': return kindOfType(e.type);
    case 'Binary':
      if (e.op === 'concat') return 'text';
      if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/' || e.op === '%') {
        const l = kindOf(e.left, ctx);
        const r = kindOf(e.right, ctx);
        if (l === 'datetime' || r === 'datetime') return 'datetime';
        if (l === 'text' && r === 'text') return 'text';
        return l === 'number' || r === 'number' ? 'number' : 'unknown';
      }
      return 'bool';
    case 'FunctionCall': {
      const n = e.name.name.toLowerCase();
      if (e.name.schema) return 'unknown';
      if (TEXT_FUNCS.has(n)) return 'text';
      if (NUMBER_FUNCS.has(n)) return 'number';
      if (DATE_FUNCS.has(n)) return 'datetime';
      if ((n === 'coalesce' || n === 'isnull' || n === 'nullif' || n === 'max' || n === 'min') && e.args.length) {
        for (const a of e.args) { const k = kindOf(a, ctx); if (k !== 'unknown') return k; }
      }
      if (n === 'sum' || n === 'avg') return 'number';
      return 'unknown';
    }
    case 'Case': {
      for (const w of e.whens) { const k = kindOf(w.then, ctx); if (k !== 'unknown') return k; }
      return e.else ? kindOf(e.else, ctx) : 'unknown';
    }
    case 'ScalarSubquery': {
      const q = e.query;
      return q.kind === 'Select' && q.items.length === 1 ? kindOf(q.items[0]!.expr, ctx) : 'unknown';
    }
    case 'Raw': return 'unknown';
    default: return 'unknown';
  }
}

/** The alias an unqualified ColumnRef resolved to during `annotate`. */
export function resolvedQualifier(e: Expr): string | undefined {
  return qualifiers.get(e);
}

/** The column type a ColumnRef resolved to during `annotate`. */
export function resolvedType(e: Expr): DataType | undefined {
  return resolved.get(e);
}

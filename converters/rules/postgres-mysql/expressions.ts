import type { Binary, Cast, DataType, Expr, Insert, NodeLike, Select, Assignment } from '../../model/index.js';
import { rewrite } from '../../model/index.js';
import { call } from '../common/index.js';
import { PM } from './codes.js';
import type { RuleContext } from './context.js';
import { parseInterval } from './datetime.js';
import { integerDivision, intervalAsSeconds } from './intervals.js';
import { groupConcatCall } from './aggregates.js';
import { convertFunction } from './functions.js';
import { identifier, targetName } from './names.js';
import { mapType } from './types.js';

const NULL_IGNORING = new Set(['count', 'sum', 'avg', 'min', 'max', 'string_agg', 'bool_and', 'bool_or', 'every', 'stddev', 'variance', 'bit_and', 'bit_or']);

/** An interval given as a literal or a string cast to interval, as MySQL INTERVAL pieces. */
function intervalPieces(e: Expr): { value: string; unit: string }[] | undefined {
  if (e.kind === 'Literal' && e.type === 'interval') return parseInterval(e.value);
  if (e.kind === 'Cast' && e.type.name === 'interval' && e.expr.kind === 'Literal' && e.expr.type === 'string') return parseInterval(e.expr.value);
  return undefined;
}

function intervalArithmetic(b: Binary, ctx: RuleContext): Expr | undefined {
  if (b.op !== '+' && b.op !== '-') return undefined;
  const pieces = intervalPieces(b.right) ?? (b.op === '+' ? intervalPieces(b.left) : undefined);
  if (!pieces) {
    if (b.right.kind === 'Cast' && b.right.type.name === 'interval') ctx.report(PM.interval, b.span, 'Interval arithmetic with a computed interval has no MySQL form');
    return undefined;
  }
  let acc = intervalPieces(b.right) ? b.left : b.right;
  for (const p of pieces) {
    acc = { kind: 'Binary', op: b.op, left: acc, right: { kind: 'Interval', value: { kind: 'Literal', type: 'number', value: p.value, span: b.span }, unit: p.unit, span: b.span }, span: b.span };
  }
  return acc;
}

function castExpr(c: Cast, ctx: RuleContext): Expr | undefined {
  if (c.type.name === 'interval') {
    const pieces = intervalPieces(c);
    if (pieces?.length === 1) return { kind: 'Interval', value: { kind: 'Literal', type: 'number', value: pieces[0]!.value, span: c.span }, unit: pieces[0]!.unit, span: c.span };
    return undefined;
  }
  if (c.type.name === 'user' && c.expr.kind === 'Literal') return c.expr;
  // 'x'::text / 'x'::varchar only types the literal.
  if (c.expr.kind === 'Literal' && c.expr.type === 'string' && (c.type.name === 'text' || (c.type.name === 'varchar' && c.type.length === undefined))) return c.expr;
  // regclass / regtype / text casts of literals are just the literal.
  if (c.type.name === 'oid' || /^reg/i.test(c.type.sourceText)) return c.expr;
  if (c.type.name === 'bool') {
    if (c.expr.kind === 'Literal' && c.expr.type === 'string') return { kind: 'Literal', type: 'boolean', value: /^(t|true|y|yes|on|1)$/i.test(c.expr.value.trim()) ? 'TRUE' : 'FALSE', span: c.span };
    return { kind: 'Binary', op: '<>', left: c.expr, right: { kind: 'Literal', type: 'number', value: '0', span: c.span }, span: c.span };
  }
  const mapped: DataType = mapType(c.type, quietCtx(ctx), 'cast').type;
  return { ...c, type: mapped };
}

/** Cast types map silently: the generator turns them into CAST targets MySQL accepts. */
function quietCtx(ctx: RuleContext): RuleContext {
  return Object.assign(Object.create(Object.getPrototypeOf(ctx)) as RuleContext, ctx, { report: () => undefined });
}

function excludedToValues(set: Assignment[]): Assignment[] {
  return set.map((a) => ({
    ...a,
    value: rewrite(a.value, (n) => {
      const e = n as Expr;
      if (e.kind === 'ColumnRef' && e.parts.length === 2 && e.parts[0]!.toLowerCase() === 'excluded') return call('VALUES', [{ kind: 'ColumnRef', parts: [e.parts[1]!], span: e.span }], e.span) as NodeLike;
      return undefined;
    }),
  }));
}

/** Rewrites every expression, query and DML node below `root` for MySQL. */
/** False only for columns the catalog declares NOT NULL (looked up by name). Literals and aggregates count as not null. */
function mayBeNull(e: Expr, ctx: RuleContext): boolean {
  if (e.kind === 'Literal') return e.type === 'null';
  if (e.kind !== 'ColumnRef') return false;
  const name = e.parts[e.parts.length - 1]!;
  let seen = false;
  for (const [k, t] of ctx.tables) {
    if (!k.startsWith('.')) continue;
    const c = t.columns.find((x) => x.name === name);
    if (c) { seen = true; if (c.nullable && !c.identity) return true; }
  }
  return !seen;
}

function renameSet(set: Assignment[], ctx: RuleContext): Assignment[] {
  return set.map((a) => ({ ...a, column: a.column.map((c) => identifier(c, ctx)) }));
}

export function convertTree<T>(root: T, ctx: RuleContext, isUserRoutine: (name: string) => boolean): T {
  const renaming = !!ctx.options.naming && ctx.options.naming !== 'preserve';
  return rewrite(root, (n) => {
    const e = n as Expr | Select | Insert | NodeLike;
    switch (e.kind) {
      case 'FunctionCall': {
        const f = e as Extract<Expr, { kind: 'FunctionCall' }>;
        if (f.filter && NULL_IGNORING.has(f.name.name.toLowerCase())) {
          // agg(x) FILTER (WHERE c) is agg(CASE WHEN c THEN x END) for aggregates that skip NULLs.
          const one: Expr = { kind: 'Literal', type: 'number', value: '1', span: f.span };
          const args = f.star ? [one] : f.args;
          const cased = args.map((a, i) => (i === 0 ? { kind: 'Case', whens: [{ when: f.filter!, then: a }], span: f.span } as Expr : a));
          const g: typeof f = { ...f, args: cased, star: false };
          delete g.filter;
          const out = convertFunction(g, ctx, isUserRoutine);
          return out as NodeLike;
        }
        const sep = ctx.joinAggregates.get(f.name.name.toLowerCase());
        if (sep !== undefined) {
          ctx.report(PM.aggregate, f.span, `Aggregate ${f.name.name}() replaced by GROUP_CONCAT(… SEPARATOR '${sep}'), which joins the same way`);
          return groupConcatCall(f, sep) as NodeLike;
        }
        const out = convertFunction(f, ctx, isUserRoutine);
        if (out === f && isUserRoutine(f.name.name.toLowerCase())) return { ...f, name: { ...targetName(f.name, ctx), quoted: true } } as NodeLike;
        return out as NodeLike;
      }
      case 'Call': {
        const c = e as unknown as { name: { schema?: string; name: string } };
        return { ...(e as object), name: targetName(c.name, ctx) } as unknown as NodeLike;
      }
      case 'Cast': return castExpr(e as Cast, ctx) as NodeLike | undefined;
      case 'Binary': {
        const b = e as Binary;
        if (b.op === 'is distinct from' || b.op === 'is not distinct from' || b.op === 'concat') return undefined;
        return (intervalArithmetic(b, ctx) ?? intervalAsSeconds(b, ctx) ?? integerDivision(b, ctx)) as NodeLike | undefined;
      }
      case 'Like': {
        const l = e as Extract<Expr, { kind: 'Like' }>;
        if (l.op === 'ilike') {
          // Text columns are case-sensitive (utf8mb4_bin): compare lower-cased sides.
          ctx.report(PM.ilike, l.span);
          const lower = (x: Expr): Expr => ({ kind: 'FunctionCall', name: { name: 'LOWER' }, args: [x], span: x.span });
          return { ...l, op: 'like', expr: lower(l.expr), pattern: lower(l.pattern) } as NodeLike;
        }
        if (l.op === 'similar') ctx.report(PM.similarTo, l.span);
        if (l.op === 'regexp') ctx.report(PM.regexCase, l.span);
        return undefined;
      }
      case 'Literal': {
        const lit = e as Extract<Expr, { kind: 'Literal' }>;
        if (lit.type === 'interval') {
          const p = parseInterval(lit.value);
          if (p?.length === 1) return { kind: 'Interval', value: { kind: 'Literal', type: 'number', value: p[0]!.value, span: lit.span }, unit: p[0]!.unit, span: lit.span } as NodeLike;
        }
        return undefined;
      }
      case 'TableRef': {
        const t = e as unknown as { name: { schema?: string; name: string }; alias?: string };
        return { ...(e as object), name: targetName(t.name, ctx), ...(t.alias && renaming ? { alias: identifier(t.alias, ctx) } : {}) } as unknown as NodeLike;
      }
      case 'DerivedTable': {
        const d = e as unknown as { alias?: string };
        return d.alias && renaming ? { ...(e as object), alias: identifier(d.alias, ctx) } as unknown as NodeLike : undefined;
      }
      case 'ColumnRef': {
        if (ctx.options.naming && ctx.options.naming !== 'preserve') {
          const c = e as Extract<Expr, { kind: 'ColumnRef' }>;
          return { ...c, parts: c.parts.map((p) => identifier(p, ctx)) } as NodeLike;
        }
        return undefined;
      }
      case 'Select': {
        const s = e as Select;
        if (s.distinctOn?.length) ctx.report(PM.distinctOn, s.span);
        const nullable = s.orderBy.find((o) => !o.nulls && mayBeNull(o.expr, ctx));
        if (nullable) ctx.report(PM.nullsOrder, nullable.expr.span, 'ORDER BY on a column that can be NULL: NULLs sort first ascending in MySQL, last in PostgreSQL');
        return undefined;
      }
      case 'Insert': {
        const i = e as Insert;
        if (i.returning?.length) ctx.report(PM.returning, i.span);
        const out: Insert = { ...i, table: targetName(i.table, ctx), ...(i.columns && renaming ? { columns: i.columns.map((c) => identifier(c, ctx)) } : {}) };
        if (renaming && out.onDuplicateKeyUpdate) out.onDuplicateKeyUpdate = renameSet(out.onDuplicateKeyUpdate, ctx);
        if (renaming && out.onConflict?.set) out.onConflict = { ...out.onConflict, set: renameSet(out.onConflict.set, ctx) };
        if (i.onConflict?.action === 'nothing') { ctx.report(PM.onConflictNothing, i.span); out.ignore = true; delete out.onConflict; }
        if (i.onConflict?.action === 'update') {
          ctx.report(PM.onConflictUpdate, i.span);
          out.onDuplicateKeyUpdate = excludedToValues(i.onConflict.set ?? []);
          delete out.onConflict;
        }
        return out as unknown as NodeLike;
      }
      case 'Update': case 'Delete': {
        const u = e as unknown as { returning?: unknown[]; span: Select['span']; targets?: { schema?: string; name: string }[]; set?: Assignment[] };
        if (u.returning?.length) ctx.report(PM.returning, u.span);
        if (u.set && renaming) return { ...(e as object), set: renameSet(u.set, ctx) } as unknown as NodeLike;
        if (u.targets) return { ...(e as object), targets: u.targets.map((t) => targetName(t, ctx)) } as unknown as NodeLike;
        return undefined;
      }
      default: return undefined;
    }
  });
}

import type { Expr, FunctionCall, NodeLike, Select, Binary, DataType, Cast, Insert, Update, Delete } from '../../model/index.js';
import { convertInsert, convertUpdate, convertDelete } from './dml.js';
import { rewrite, walk } from '../../model/index.js';
import { bin, bool, call, cast, dataType, literalValue, num } from '../common/nodes.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';
import { FUNCTIONS, applyRule } from './functions.js';
import { fixConditions, numericVariables } from './conditions.js';
import { fixNullOrdering } from './ordering.js';
import { mapType } from './types.js';

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'string_agg', 'group_concat', 'array_agg', 'bit_and', 'bit_or',
  'stddev_pop', 'stddev_samp', 'var_pop', 'var_samp', 'json_agg', 'jsonb_agg', 'bool_and', 'bool_or', 'every']);
const KEYWORD_CONSTANTS = new Set(['current_timestamp', 'current_date', 'current_time', 'localtime', 'localtimestamp', 'current_user']);

/** Names (last identifier part) that refer to boolean columns/variables in the current object. */
export type BooleanNames = Set<string>;

const isBoolRef = (e: Expr, names: BooleanNames): boolean =>
  (e.kind === 'ColumnRef' && names.has(e.parts[e.parts.length - 1]!)) || (e.kind === 'Variable' && names.has(e.name));

/** 0/1 literal → FALSE/TRUE when it meets a boolean column. */
export function toBoolLiteral(e: Expr): Expr | undefined {
  const v = literalValue(e, 'number');
  if (v === undefined) return undefined;
  return bool(Number(v) !== 0, e.span);
}

const CHAR_TYPES = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'text']);
function isStringColumn(e: Expr, ctx: RuleContext): boolean {
  if (e.kind !== 'ColumnRef') return false;
  const types = ctx.columnTypes(e.parts[e.parts.length - 1]!);
  if (types.length === 0) return false;
  for (const t of types) if (!CHAR_TYPES.has(t.name)) return false;
  return true;
}

/** MySQL compares a string with a number as numbers: its leading number, or 0 ('7x' → 7, 'x' → 0). */
function mysqlNumber(e: Expr): Expr {
  const s = e.span;
  const prefix: Expr = { kind: 'FunctionCall', name: { name: 'substring' }, args: [e, { kind: 'Literal', type: 'string', value: '^\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)', span: s }], keywordForm: { keyword: 'FROM' }, span: s };
  const zero: Expr = { kind: 'Case', whens: [{ when: { kind: 'IsTest', expr: e, test: 'null', not: true, span: s }, then: { kind: 'Literal', type: 'string', value: '0', span: s } }], span: s };
  return cast(call('coalesce', [prefix, zero], s), dataType('decimal', s), s);
}

function isNumericLiteral(e: Expr): boolean {
  return e.kind === 'Literal' && e.type === 'number' && /[.eE]/.test(e.value);
}

function convertBinary(b: Binary, ctx: RuleContext, booleanNames: () => BooleanNames): Expr | undefined {
  const s = b.span;
  switch (b.op) {
    case '/':
      ctx.reportOnce(MP.division, s);
      // MySQL: exact division, and NULL (not an error) when dividing by zero.
      return bin('/', isNumericLiteral(b.left) ? b.left : cast(b.left, dataType('decimal', s), s), call('nullif', [b.right, num(0, s)], s), s);
    case 'div':
      return { ...b, op: 'div', right: call('nullif', [b.right, num(0, s)], s) };
    case '<=>': return { ...b, op: 'is not distinct from' };
    case '=': case '<>': case '<': case '>': case '<=': case '>=': {
      if (b.op === '=' || b.op === '<>') {
        const booleans = booleanNames();
        if (isBoolRef(b.left, booleans)) { const r = toBoolLiteral(b.right); if (r) return { ...b, right: r }; }
        if (isBoolRef(b.right, booleans)) { const l = toBoolLiteral(b.left); if (l) return { ...b, left: l }; }
      }
      if (isStringColumn(b.left, ctx) && literalValue(b.right, 'number') !== undefined) { ctx.reportOnce(MP.implicitCast, s); return { ...b, left: mysqlNumber(b.left) }; }
      if (isStringColumn(b.right, ctx) && literalValue(b.left, 'number') !== undefined) { ctx.reportOnce(MP.implicitCast, s); return { ...b, right: mysqlNumber(b.right) }; }
      return undefined;
    }
    default: return undefined;
  }
}

/** PostgreSQL functions that rules themselves emit (checks, index expressions): already target SQL. */
const PG_NATIVE = new Set(['string_to_array', 'to_tsvector', 'array_position', 'date_trunc', 'to_char', 'to_date', 'to_timestamp', 'strpos',
  'age', 'trunc', 'random', 'lastval', 'current_schema', 'gen_random_uuid', 'jsonb_path_query_first', 'string_agg', 'octet_length']);

/** TINYINT(1) columns became boolean, but MySQL code still adds them up: SUM(active) → sum(active::int). */
const NUMERIC_AGGREGATES = new Set(['sum', 'avg', 'bit_and', 'bit_or', 'std', 'stddev', 'variance']);
function booleanArgsAsInt(f: FunctionCall, name: string, booleanNames: () => BooleanNames): FunctionCall {
  return NUMERIC_AGGREGATES.has(name) ? booleanArgsCast(f, booleanNames()) : f;
}

// Apart from booleanArgsAsInt: its closures would make every call (every function call converted) allocate a context.
function booleanArgsCast(f: FunctionCall, booleans: BooleanNames): FunctionCall {
  if (!f.args.some((a) => isBoolRef(a, booleans))) return f;
  return { ...f, args: f.args.map((a) => (isBoolRef(a, booleans) ? cast(a, dataType('int', a.span), a.span) : a)) };
}

/** `name`: the function's name in lower case. */
function convertCall(f: FunctionCall, name: string, ctx: RuleContext, userRoutines: Set<string>): Expr | undefined {
  if (f.name.schema || userRoutines.has(name) || (PG_NATIVE.has(name) && f.name.name === name)) return undefined;
  const rule = FUNCTIONS[name];
  if (rule) return applyRule(ctx, rule, f.args, f);
  ctx.reportOnce(MP.unknownFunction, f.span, `Function ${f.name.name} has no known PostgreSQL equivalent and was kept`);
  return { ...f, name: { name } };
}

/** MySQL lets a SELECT with GROUP BY list columns that are not grouped; PostgreSQL needs them grouped. */
function completeGroupBy(s: Select): Select | undefined {
  if (!s.groupBy.length) return undefined;
  const key = (e: Expr): string => JSON.stringify(e, (k, v) => (k === 'span' ? undefined : v));
  const grouped = new Set(s.groupBy.map(key));
  // GROUP BY customer_id already groups p.customer_id (and the other way round).
  const groupedNames = new Set(s.groupBy.flatMap((g) => (g.kind === 'ColumnRef' ? [g.parts[g.parts.length - 1]!] : [])));
  const bareGrouped = new Set(s.groupBy.flatMap((g) => (g.kind === 'ColumnRef' && g.parts.length === 1 ? [g.parts[0]!] : [])));
  const aliases = new Set(s.items.map((i) => i.alias).filter((a): a is string => !!a));
  const missing: Expr[] = [];
  const collect = (e: Expr): void => {
    const visit = (n: NodeLike): boolean => {
      if (n.kind === 'FunctionCall' && AGGREGATES.has((n as FunctionCall).name.name.toLowerCase())) return false;
      if (n.kind === 'ScalarSubquery' || n.kind === 'Exists' || n.kind === 'InQuery') return false;
      if (n.kind === 'ColumnRef') {
        const c = n as Expr & { parts: string[] };
        if (c.parts.length === 1 && aliases.has(c.parts[0]!)) return false;
        const last = c.parts[c.parts.length - 1]!;
        if (bareGrouped.has(last) || (c.parts.length === 1 && groupedNames.has(last))) return false;
        const k = key(c);
        if (!grouped.has(k)) { grouped.add(k); missing.push(c); }
      }
      return true;
    };
    const rec = (n: unknown): void => {
      if (Array.isArray(n)) { n.forEach(rec); return; }
      if (typeof n !== 'object' || n === null) return;
      const node = n as NodeLike;
      if (typeof node.kind === 'string' && !visit(node)) return;
      for (const [k, v] of Object.entries(n)) if (k !== 'span' && typeof v === 'object') rec(v);
    };
    rec(e);
  };
  if (grouped.has(key({ kind: 'Star', span: s.span }))) return undefined;
  for (const i of s.items) collect(i.expr);
  for (const o of s.orderBy) collect(o.expr);
  return missing.length ? { ...s, groupBy: [...s.groupBy, ...missing] } : undefined;
}

/** Names of boolean columns across the catalog, for 0/1 comparisons. */
export function booleanColumnNames(ctx: RuleContext, isBoolean: (t: DataType) => boolean): BooleanNames {
  const out: BooleanNames = new Set();
  // Indexed loops: this runs once per transform, often before it is optimized, and an unoptimized
  // for…of allocates a result object per step (one per column of every table).
  ctx.tables.forEach((t) => {
    const columns = t.columns;
    for (let i = 0; i < columns.length; i++) if (isBoolean(columns[i]!.dataType)) out.add(columns[i]!.name);
  });
  return out;
}

/**
 * Converts every expression inside `root`: functions, operators, casts, boolean literals, GROUP BY.
 * Data types inside expressions (CAST, DECLARE) are mapped too.
 */
export function convertExpressions<T>(root: T, ctx: RuleContext, booleans: BooleanNames, userRoutines: Set<string>): T {
  return expressionPass(ctx, () => booleans, userRoutines)(root);
}

/**
 * convertExpressions for many roots with the same context, booleans and routines: the pass's
 * closures are made once, not per object converted. `booleans` is asked for only when a rule needs
 * the names (0/1 comparisons, SUM of a boolean), so they may be collected on first use.
 */
export function expressionPass(ctx: RuleContext, booleans: () => BooleanNames, userRoutines: Set<string>): <T>(root: T) => T {
  // Per root: whether a LIKE was reported, and (looked up only when a condition needs them,
  // rarely outside routines) the numeric variables declared in it.
  let sawLike = false;
  let root: unknown;
  let declared: Set<string> | undefined;
  // Function names in lower case, once per name (a default of CURRENT_TIMESTAMP in every table).
  const lowerNames = new Map<string, string>();
  const lower = (s: string): string => {
    let l = lowerNames.get(s);
    if (l === undefined) lowerNames.set(s, (l = s.toLowerCase()));
    return l;
  };
  const vars = { has: (name: string): boolean => (declared ??= numericVariables(root, ctx)).has(name) };
  const fn = (node: NodeLike): NodeLike | undefined => {
    // Conditions are fixed before and after conversion: IF(n, …) only becomes a CASE here.
    // (Steps in line, not a list of closures: this runs for every node of every object.)
    let cur = node;
    let changed = false;
    let next = fixConditions(cur, ctx, vars);
    if (next) { cur = next; changed = true; }
    next = convertOne(cur) as NodeLike | undefined;
    if (next) { cur = next; changed = true; }
    next = fixConditions(cur, ctx, vars);
    if (next) { cur = next; changed = true; }
    next = fixNullOrdering(cur, ctx);
    if (next) { cur = next; changed = true; }
    return changed ? cur : undefined;
  };
  return <T>(r: T): T => {
    // The outer root's state is put back after (a rule converting a nested root meanwhile).
    const outerRoot = root;
    const outerDeclared = declared;
    const outerLike = sawLike;
    root = r;
    declared = undefined;
    sawLike = false;
    try {
      return rewrite(r, fn);
    } finally {
      root = outerRoot;
      declared = outerDeclared;
      sawLike = outerLike;
    }
  };

  function convertOne(node: NodeLike): unknown {
    switch (node.kind) {
      case 'FunctionCall': {
        const name = lower((node as FunctionCall).name.name);
        const f = booleanArgsAsInt(node as FunctionCall, name, booleans);
        return convertCall(f, name, ctx, userRoutines) ?? (f !== node ? f : undefined);
      }
      case 'ColumnRef': {
        const parts = (node as unknown as { parts: string[] }).parts;
        if (parts.length === 1 && KEYWORD_CONSTANTS.has(lower(parts[0]!))) {
          const f: FunctionCall = { kind: 'FunctionCall', name: { name: parts[0]! }, args: [], span: (node as Expr).span };
          return convertCall(f, lower(parts[0]!), ctx, userRoutines);
        }
        return undefined;
      }
      case 'Binary': return convertBinary(node as Binary, ctx, booleans);
      case 'Like': {
        const l = node as Extract<Expr, { kind: 'Like' }>;
        if (l.op === 'like' && !sawLike) { sawLike = true; ctx.reportOnce(MP.likeCase, l.span); }
        if (l.op === 'rlike' || l.op === 'regexp') return { ...l, op: 'regexp' };
        return undefined;
      }
      case 'Cast': {
        const c = node as Cast;
        if (c.type.name === 'char' || c.type.name === 'nchar') {
          // MySQL CAST(x AS CHAR[(n)]) yields a VARCHAR (any length without n), never blank-padded.
          const n = c.type.sourceText.includes('(') && typeof c.type.length === 'number' ? c.type.length : undefined;
          return { ...c, type: n === undefined ? dataType('text', c.type.span) : dataType('varchar', c.type.span, { length: n }), syntax: 'cast' };
        }
        return { ...c, type: mapType(c.type, ctx, 'other').type, syntax: 'cast' };
      }
      case 'Select': {
        const sel = node as unknown as Select;
        if (sel.modifiers?.length) ctx.reportOnce(MP.queryModifier, sel.span, `Query modifiers ${sel.modifiers.join(', ')} were dropped`);
        return completeGroupBy(sel);
      }
      case 'TableRef': {
        const t = node as unknown as { hints?: string[]; span: Expr['span'] };
        if (!t.hints?.length) return undefined;
        ctx.reportOnce(MP.queryModifier, t.span, `Index hints ${t.hints.join(', ')} were dropped`);
        return { ...node, hints: undefined } as NodeLike;
      }
      case 'Collate': {
        const c = node as Extract<Expr, { kind: 'Collate' }>;
        ctx.reportOnce(MP.collation, c.span, `COLLATE ${c.collation} was dropped`);
        return c.expr;
      }
      case 'Insert': return convertInsert(node as unknown as Insert, ctx) as unknown as NodeLike | undefined;
      case 'Update': return convertUpdate(node as unknown as Update, ctx) as unknown as NodeLike | undefined;
      case 'Delete': return convertDelete(node as unknown as Delete, ctx) as unknown as NodeLike | undefined;
      default: return undefined;
    }
  }
}

/** True if the tree contains a node of the kind. */
export function contains(root: unknown, pred: (n: NodeLike) => boolean): boolean {
  let found = false;
  walk(root, (n) => { if (!found && pred(n)) found = true; });
  return found;
}

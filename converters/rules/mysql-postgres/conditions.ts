import type { Expr, NodeLike, DataType } from '../../model/index.js';
import { walk } from '../../model/index.js';
import { bin, bool, num } from '../common/nodes.js';
import type { RuleContext } from './context.js';
import { isTinyint1 } from './types.js';

const NUMERIC_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint', 'decimal', 'real', 'double', 'year']);
const NUMERIC_FUNCTIONS = new Set(['count', 'sum', 'avg', 'length', 'octet_length', 'char_length', 'character_length', 'strpos', 'locate', 'instr',
  'abs', 'ceil', 'ceiling', 'floor', 'round', 'mod', 'sign', 'find_in_set', 'datediff', 'timestampdiff', 'year', 'month', 'day', 'hour', 'minute', 'second']);

const ARITHMETIC_OPS = new Set<string>(['+', '-', '*', '/', '%', 'div', '&', '|', '^', '<<', '>>']);

const isNumericType = (t: DataType, ctx: RuleContext): boolean => NUMERIC_TYPES.has(t.name) && !isTinyint1(t, ctx);

/** Names of variables and parameters declared with a numeric (not boolean) type in `root`. */
export function numericVariables(root: unknown, ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  walk(root, (n) => {
    const a = n as NodeLike & Record<string, unknown>;
    if (n.kind === 'VarDecl' && isNumericType(a.dataType as DataType, ctx)) for (const name of a.names as string[]) out.add(name);
    if (n.kind === 'Routine') for (const p of a.params as { name: string; dataType: DataType }[]) if (isNumericType(p.dataType, ctx)) out.add(p.name);
  });
  return out;
}

/** Names to test membership of (a Set, or one computed on first use). */
export interface NameSet { has(name: string): boolean }

/** True when MySQL would use `e` as a number where a condition is expected. */
function isNumeric(e: Expr, ctx: RuleContext, vars: NameSet): boolean {
  switch (e.kind) {
    case 'Literal': return e.type === 'number';
    case 'Binary': return ARITHMETIC_OPS.has(e.op);
    case 'Variable': return vars.has(e.name);
    case 'FunctionCall': return !e.name.schema && NUMERIC_FUNCTIONS.has(e.name.name.toLowerCase());
    case 'ColumnRef': {
      const name = e.parts[e.parts.length - 1]!;
      if (e.parts.length === 1 && vars.has(name)) return true;
      const types = ctx.columnTypes(name);
      return types.length > 0 && types.every((t) => isNumericType(t, ctx));
    }
    default: return false;
  }
}

/** A number used as a condition (IF(n, …), WHERE n, NOT n) becomes `n <> 0`, as MySQL reads it. */
export function asCondition(e: Expr, ctx: RuleContext, vars: NameSet): Expr | undefined {
  if (!isNumeric(e, ctx, vars)) return undefined;
  if (e.kind === 'Literal') return bool(Number(e.value) !== 0, e.span);
  return bin('<>', e, num(0, e.span), e.span);
}

/** Rewrites the condition positions of one node; undefined when nothing changed. */
const CONDITION_HOLDERS = new Set(['Binary', 'Unary', 'Select', 'Join', 'Update', 'Delete', 'While', 'Repeat', 'Leave', 'Iterate', 'Case', 'If']);

const LOGICAL_OPS = new Set(['and', 'or', 'xor']);

function fixCondition(e: unknown, ctx: RuleContext, vars: NameSet): Expr | undefined {
  return e && typeof e === 'object' ? asCondition(e as Expr, ctx, vars) : undefined;
}

function patchConditions(n: NodeLike & Record<string, unknown>, fields: readonly string[], ctx: RuleContext, vars: NameSet): NodeLike | undefined {
  let out: (NodeLike & Record<string, unknown>) | undefined;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const c = fixCondition(n[f], ctx, vars);
    if (c) { out ??= { ...n }; out[f] = c; }
  }
  return out;
}

// The condition fields of each holder, made once (not an array literal per node).
const LEFT_RIGHT = ['left', 'right'];
const OPERAND = ['operand'];
const WHERE_HAVING = ['where', 'having'];
const ON = ['on'];
const WHERE = ['where'];
const CONDITION = ['condition'];
const UNTIL = ['until'];
const WHEN = ['when'];

/**
 * Runs for every node of every expression pass: no closure in it, as a closure over its
 * parameters would make every call allocate a context (the CASE and IF work is in helpers).
 */
export function fixConditions(node: NodeLike, ctx: RuleContext, vars: NameSet): NodeLike | undefined {
  if (!CONDITION_HOLDERS.has(node.kind)) return undefined;
  const n = node as NodeLike & Record<string, unknown>;
  switch (n.kind) {
    // Checked before anything is allocated: comparisons are by far the most common holders.
    case 'Binary': return LOGICAL_OPS.has(n.op as string) ? patchConditions(n, LEFT_RIGHT, ctx, vars) : undefined;
    case 'Unary': return n.op === 'NOT' || n.op === '!' ? patchConditions(n, OPERAND, ctx, vars) : undefined;
    case 'Select': return patchConditions(n, WHERE_HAVING, ctx, vars);
    case 'Join': return patchConditions(n, ON, ctx, vars);
    case 'Update': case 'Delete': return patchConditions(n, WHERE, ctx, vars);
    case 'While': return patchConditions(n, CONDITION, ctx, vars);
    case 'Repeat': return patchConditions(n, UNTIL, ctx, vars);
    case 'Leave': case 'Iterate': return patchConditions(n, WHEN, ctx, vars);
    case 'Case': return n.operand ? undefined : fixCaseConditions(n, ctx, vars);
    case 'If': return fixIfConditions(n, ctx, vars);
    default: return undefined;
  }
}

function fixCaseConditions(n: NodeLike & Record<string, unknown>, ctx: RuleContext, vars: NameSet): NodeLike | undefined {
  const whens = n.whens as { when: Expr; then: Expr }[];
  let changed = false;
  const next = whens.map((w) => { const c = fixCondition(w.when, ctx, vars); if (c) { changed = true; return { ...w, when: c }; } return w; });
  return changed ? ({ ...n, whens: next } as NodeLike) : undefined;
}

function fixIfConditions(n: NodeLike & Record<string, unknown>, ctx: RuleContext, vars: NameSet): NodeLike | undefined {
  const branches = n.branches as { condition: Expr; body: unknown[] }[];
  let changed = false;
  const next = branches.map((b) => { const c = fixCondition(b.condition, ctx, vars); if (c) { changed = true; return { ...b, condition: c }; } return b; });
  return changed ? ({ ...n, branches: next } as NodeLike) : undefined;
}

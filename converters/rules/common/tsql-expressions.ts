import type { Binary, Cast, DiagnosticDef, Expr, FunctionCall, NodeLike, SourceSpan } from '../../model/index.js';
import { rewrite } from '../../model/index.js';
import { literalValue, str } from './nodes.js';

/**
 * T-SQL LIKE pattern with [set] classes → anchored POSIX regex (PostgreSQL and MySQL LIKE have no classes).
 * Undefined when the pattern has no class (LIKE then means the same in both).
 */
export function likeToRegex(p: string, escape?: string): string | undefined {
  if (!p.includes('[')) return undefined;
  let out = '^';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (escape && c === escape && i + 1 < p.length) { out += p[++i]!.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'); continue; }
    if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end < 0) return undefined;
      let body = p.slice(i + 1, end);
      const neg = body.startsWith('^');
      if (neg) body = body.slice(1);
      out += `[${neg ? '^' : ''}${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else out += c.replace(/[\\^$.*+?(){}|\]]/g, '\\$&');
  }
  return `${out}$`;
}

/** What one target changes in the shared T-SQL expression pass. */
export interface TsqlExpressionRules<C> {
  /** Target name for messages ("MySQL", "PostgreSQL"). */
  target: string;
  functions: Readonly<Record<string, (args: Expr[], f: FunctionCall, ctx: C) => Expr>>;
  /** @@name (lower case, without @@) → target expression. */
  system: Readonly<Record<string, (span: SourceSpan, ctx: C) => Expr>>;
  cast(e: Cast, ctx: C): Expr | undefined;
  binary(e: Binary, ctx: C): Expr | undefined;
  codes: { unknownFunction: DiagnosticDef; likeClass: DiagnosticDef; systemVariable: DiagnosticDef };
}

/**
 * Rewrites T-SQL expressions in `root` (bottom-up) for one target: function calls by the target's
 * table (calls of routines of the script are left alone), CAST/CONVERT, LIKE with [set] classes →
 * REGEXP, @@ variables, binary operators. Call `annotate` (sqlserver-postgres/typeof) first.
 */
export function rewriteTsqlExpressions<T, C extends { reportOnce(def: DiagnosticDef, span: SourceSpan, message?: string): void }>(
  root: T, ctx: C, routines: Set<string>, rules: TsqlExpressionRules<C>): T {
  return rewrite(root, (node: NodeLike): NodeLike | undefined => {
    const e = node as Expr;
    switch (e.kind) {
      case 'FunctionCall': {
        if (e.name.schema || e.name.catalog) return undefined;
        const name = e.name.name.toLowerCase();
        if (routines.has(name)) return undefined;
        const rule = rules.functions[name];
        if (rule) return rule(e.args, e, ctx);
        ctx.reportOnce(rules.codes.unknownFunction, e.span, `Function ${e.name.name} has no known ${rules.target} equivalent and was kept as is`);
        return undefined;
      }
      case 'Cast': return rules.cast(e, ctx);
      case 'Like': {
        const pat = e.op === 'like' ? literalValue(e.pattern, 'string') : undefined;
        const re = pat === undefined ? undefined : likeToRegex(pat, literalValue(e.escape, 'string'));
        if (re === undefined) return undefined;
        ctx.reportOnce(rules.codes.likeClass, e.span);
        return { ...e, op: 'regexp', pattern: str(re, e.pattern.span), escape: undefined } as Expr;
      }
      case 'Variable': {
        if (e.scope !== 'system') return undefined;
        const f = rules.system[e.name.toLowerCase().replace(/^@@/, '')];
        if (f) return f(e.span, ctx);
        ctx.reportOnce(rules.codes.systemVariable, e.span, `@@${e.name.replace(/^@@/, '')} has no ${rules.target} equivalent here; kept as written`);
        return undefined;
      }
      case 'Binary': return rules.binary(e, ctx);
      default: return undefined;
    }
  });
}

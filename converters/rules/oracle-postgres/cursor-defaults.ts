import type { CursorDecl, Expr, ForQuery, NodeLike, OpenCursor } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';

type CursorParams = NonNullable<CursorDecl['params']>;

/**
 * The arguments of OPEN c(…) / FOR r IN c(…) in declaration order, with the DEFAULT of every omitted
 * parameter filled in (Oracle evaluates it at OPEN; PL/pgSQL and MySQL cursors have no defaults).
 * Undefined when the call cannot be completed (a parameter without default is missing, unknown name).
 */
export function completeCursorArgs(params: CursorParams, args: readonly Expr[]): Expr[] | undefined {
  const byPosition: (Expr | undefined)[] = params.map(() => undefined);
  let i = 0;
  for (const a of args) {
    if (a.kind === 'NamedArg') {
      const at = params.findIndex((p) => p.name.toLowerCase() === a.name.toLowerCase());
      if (at < 0) return undefined;
      byPosition[at] = a.value;
    } else {
      if (i >= params.length) return undefined;
      byPosition[i++] = a;
    }
  }
  const out: Expr[] = [];
  for (let k = 0; k < params.length; k++) {
    const v = byPosition[k] ?? params[k]!.default;
    if (!v) return undefined;
    out.push(v);
  }
  return out;
}

/**
 * Every OPEN/FOR of a cursor declared in `root` with parameter defaults or named arguments gets
 * its full positional argument list. A name declared twice with different parameters is left alone.
 */
export function withCursorDefaults<T>(root: T): T {
  const decls = new Map<string, CursorParams | null>();
  walk(root, (n) => {
    if (n.kind !== 'CursorDecl') return;
    const d = n as CursorDecl;
    const key = d.name.toLowerCase();
    decls.set(key, decls.has(key) ? null : d.params ?? []);
  });
  const needs = (name: string, args: readonly Expr[] | undefined): Expr[] | undefined => {
    const params = decls.get(name.toLowerCase());
    if (!params?.length) return undefined;
    const given = args ?? [];
    if (given.length === params.length && !given.some((a) => a.kind === 'NamedArg')) return undefined;
    return completeCursorArgs(params, given);
  };
  if (![...decls.values()].some((p) => p?.some((x) => x.default))) return root;
  return rewrite(root, (n: NodeLike) => {
    if (n.kind === 'OpenCursor') {
      const o = n as OpenCursor;
      if (o.query || o.dynamic) return undefined;
      const args = needs(o.name, o.args);
      return args ? { ...o, args } : undefined;
    }
    if (n.kind === 'ForQuery') {
      const f = n as ForQuery;
      if (!f.cursor) return undefined;
      const args = needs(f.cursor.name, f.cursor.args);
      return args ? { ...f, cursor: { ...f.cursor, args } } : undefined;
    }
    return undefined;
  });
}

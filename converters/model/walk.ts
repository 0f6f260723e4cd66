/**
 * Generic tree rewriting for rules. Every IR node is a plain object with a `kind`; `rewrite`
 * visits nodes bottom-up and lets `fn` return a replacement (or undefined to keep the node).
 * Unchanged subtrees are shared, not copied.
 */
export type NodeLike = { kind: string };

function isNode(v: unknown): v is NodeLike {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
}

export function rewrite<T>(root: T, fn: (node: NodeLike) => NodeLike | undefined): T {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((v) => {
        const r = visit(v);
        if (r !== v) changed = true;
        return r;
      });
      return changed ? out : value;
    }
    if (typeof value !== 'object' || value === null) return value;
    let copy: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      if (k === 'span' || k === 'origin') continue;
      if (typeof v !== 'object' || v === null) continue;
      const r = visit(v);
      if (r !== v) {
        copy ??= { ...(value as Record<string, unknown>) };
        copy[k] = r;
      }
    }
    const node = copy ?? value;
    if (isNode(node)) return fn(node) ?? node;
    return node;
  };
  return visit(root) as T;
}

/** Calls `fn` for every node (pre-order). */
export function walk(root: unknown, fn: (node: NodeLike) => void): void {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) { for (const v of value) visit(v); return; }
    if (typeof value !== 'object' || value === null) return;
    if (isNode(value)) fn(value);
    for (const [k, v] of Object.entries(value)) {
      if (k === 'span' || k === 'origin') continue;
      if (typeof v === 'object' && v !== null) visit(v);
    }
  };
  visit(root);
}

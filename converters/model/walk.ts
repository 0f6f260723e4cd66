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
  // Hot path of every rule set: plain loops, no per-node Object.entries/map allocations.
  const visit = (value: object): object => {
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v !== 'object' || v === null) continue;
        const r = visit(v);
        if (r !== v) (out ??= value.slice())[i] = r;
      }
      return out ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    const rec = value as Record<string, unknown>;
    for (const k in rec) {
      if (k === 'span' || k === 'origin') continue;
      const v = rec[k];
      if (typeof v !== 'object' || v === null) continue;
      const r = visit(v);
      if (r !== v) (copy ??= { ...rec })[k] = r;
    }
    const node = copy ?? value;
    if (isNode(node)) return fn(node) ?? node;
    return node;
  };
  return (typeof root === 'object' && root !== null ? visit(root) : root) as T;
}

/** Calls `fn` for every node (pre-order). */
export function walk(root: unknown, fn: (node: NodeLike) => void): void {
  const visit = (value: object): void => {
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'object' && v !== null) visit(v);
      return;
    }
    if (isNode(value)) fn(value);
    const rec = value as Record<string, unknown>;
    for (const k in rec) {
      if (k === 'span' || k === 'origin') continue;
      const v = rec[k];
      if (typeof v === 'object' && v !== null) visit(v);
    }
  };
  if (typeof root === 'object' && root !== null) visit(root);
}

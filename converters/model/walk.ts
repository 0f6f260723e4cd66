/**
 * Generic tree rewriting for rules. Every IR node is a plain object with a `kind`; `rewrite`
 * visits nodes bottom-up and lets `fn` return a replacement (or undefined to keep the node).
 * Unchanged subtrees are shared, not copied.
 */
export type NodeLike = { kind: string };

function isNode(v: unknown): v is NodeLike {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
}

type RewriteFn = (node: NodeLike) => NodeLike | undefined;

// Module-level (not a closure per call): rewrite runs several times per object, and a closure
// per call shows up in profiles as allocation and, under tsx/esbuild keepNames, a __name call.
function rewriteValue(value: object, fn: RewriteFn, leaves: ReadonlySet<string> | undefined): object {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v !== 'object' || v === null) continue;
      const r = rewriteValue(v, fn, leaves);
      if (r !== v) (out ??= value.slice())[i] = r;
    }
    return out ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const rec = value as Record<string, unknown>;
  if (leaves !== undefined && typeof rec.kind === 'string' && leaves.has(rec.kind)) return value;
  for (const k in rec) {
    if (k === 'span' || k === 'origin') continue;
    const v = rec[k];
    if (typeof v !== 'object' || v === null) continue;
    const r = rewriteValue(v, fn, leaves);
    if (r !== v) (copy ??= { ...rec })[k] = r;
  }
  const node = copy ?? value;
  if (isNode(node)) return fn(node) ?? node;
  return node;
}

/**
 * `leaves`: node kinds kept as they are, neither entered nor passed to `fn` — for passes that never
 * change them (e.g. DataType and Literal when renaming), so every column's type is not walked.
 */
export function rewrite<T>(root: T, fn: RewriteFn, leaves?: ReadonlySet<string>): T {
  // Hot path of every rule set: plain loops, no per-node Object.entries/map allocations.
  return (typeof root === 'object' && root !== null ? rewriteValue(root, fn, leaves) : root) as T;
}

function walkValue(value: object, fn: (node: NodeLike) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) if (typeof v === 'object' && v !== null) walkValue(v, fn);
    return;
  }
  if (isNode(value)) fn(value);
  const rec = value as Record<string, unknown>;
  for (const k in rec) {
    if (k === 'span' || k === 'origin') continue;
    const v = rec[k];
    if (typeof v === 'object' && v !== null) walkValue(v, fn);
  }
}

/** Calls `fn` for every node (pre-order). */
export function walk(root: unknown, fn: (node: NodeLike) => void): void {
  if (typeof root === 'object' && root !== null) walkValue(root, fn);
}

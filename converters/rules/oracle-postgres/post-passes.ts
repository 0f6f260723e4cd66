import type { CatalogObject, NodeLike } from '../../model/index.js';
import { rewrite } from '../../model/index.js';
import { callCoercer, NO_CALLS } from './call-args.js';
import type { OraRuleContext } from './context.js';
import { qualifiedObject, referenceQualifier } from './schema-bound.js';

/**
 * The two passes over converted objects — schema qualification of references (schema-bound.ts),
 * then call-argument coercion (call-args.ts) — as one rewrite per object: at each node the
 * coercion sees the node as qualification left it and its children final, which is what it saw
 * when it ran as a pass of its own afterwards (qualification changes names only; both skip the
 * same leaf kinds). `ctesOf`: CTE names per object (reportDictionaryViews collects them).
 */
export function qualifyAndCoerce(objects: CatalogObject[], ctesOf: WeakMap<object, Set<string>>, ctx: OraRuleContext): CatalogObject[] {
  const qualifier = referenceQualifier(objects, ctesOf);
  // Qualification leaves routines' parameters, return types and names as they are: the coercion
  // may read the routines before it.
  const coercer = callCoercer(objects, ctx);
  return objects.map((o) => {
    const q = qualifier(o);
    const c = coercer(o);
    if (q && c) {
      return qualifiedObject(o, (n: NodeLike) => {
        const a = q(n);
        return c(a ?? n) ?? a;
      });
    }
    if (q) return qualifiedObject(o, q);
    return c ? rewrite(o, c, NO_CALLS) : o;
  });
}

import type { ConvertedObject } from './model/index.js';
import { refKey } from './model/index.js';

/**
 * Stable topological order: objects keep generator order unless something they depend on comes
 * later. Dependencies on objects that are not in the set are ignored (they exist on the target or
 * were not selected); cycles are broken at the first object of the cycle, in generator order.
 */
export function orderByDependencies(objects: ConvertedObject[]): ConvertedObject[] {
  const byKey = new Map<string, ConvertedObject>();
  for (const o of objects) byKey.set(refKey(o.ref), o);
  const state = new Map<ConvertedObject, 'visiting' | 'done'>();
  const out: ConvertedObject[] = [];
  const visit = (o: ConvertedObject): void => {
    const s = state.get(o);
    if (s) return;
    state.set(o, 'visiting');
    for (const dep of o.dependsOn) {
      const d = byKey.get(dep);
      if (d && d !== o && state.get(d) !== 'visiting') visit(d);
    }
    state.set(o, 'done');
    out.push(o);
  };
  for (const o of objects) visit(o);
  return out;
}

import type { ConvertedObject } from './model/index.js';
import { refKey } from './model/index.js';
import { lowerCase } from './rules/common/identifiers.js';

/**
 * Stable topological order: objects keep generator order unless something they depend on comes
 * later. Dependencies on objects that are not in the set are ignored (they exist on the target or
 * were not selected); cycles are broken at the first object of the cycle, in generator order.
 */
/**
 * Positions by refKey, with the `Type:.` start of keys without a schema made once per type and no
 * copies of lower-case names. (A function of its own: see Placed in generators/postgres.)
 */
function positionsByKey(objects: ConvertedObject[]): Map<string, number> {
  const byKey = new Map<string, number>();
  const starts = new Map<string, string>();
  for (let i = 0; i < objects.length; i++) {
    const r = objects[i]!.ref;
    if (r.schema) { byKey.set(refKey(r), i); continue; }
    let start = starts.get(r.type);
    if (start === undefined) starts.set(r.type, (start = `${r.type}:.`));
    byKey.set(start + lowerCase(r.name), i);
  }
  return byKey;
}

export function orderByDependencies(objects: ConvertedObject[]): ConvertedObject[] {
  // Objects by position: the state of each is a byte, not an entry in a map keyed by object.
  const byKey = positionsByKey(objects);
  const state = new Uint8Array(objects.length); // 0 new, 1 visiting, 2 done
  // Every object is placed exactly once: a copy of the list is overwritten in order (no regrowth).
  const out = objects.slice();
  let placed = 0;
  const visit = (i: number): void => {
    if (state[i] !== 0) return;
    state[i] = 1;
    const o = objects[i]!;
    const deps = o.dependsOn;
    for (let j = 0; j < deps.length; j++) {
      const d = byKey.get(deps[j]!);
      if (d !== undefined && objects[d] !== o && state[d] !== 1) visit(d);
    }
    state[i] = 2;
    out[placed++] = o;
  };
  for (let i = 0; i < objects.length; i++) visit(i);
  return out;
}

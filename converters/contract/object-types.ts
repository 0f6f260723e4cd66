// The object types the trees group and filter by, derived from the model's catalog kinds: a new
// ObjectKind breaks the build here until it has a place in the type filter.
import type { ObjectKind } from '../model/index.js';

/**
 * The tree type (ObjectRef.type, see model/refs.ts catalogObjectRef) each catalog kind shows
 * under, with the kinds named for the filter's label. Routines split into procedures and
 * functions; domains, enums, composite and collection types are all `Type`.
 */
export const KIND_TREE_TYPES: Record<ObjectKind, readonly string[]> = {
  Schema: ['Schema'], Table: ['Table'], View: ['View'], Index: ['Index'], Sequence: ['Sequence'], Trigger: ['Trigger'],
  Routine: ['Procedure', 'Function'], Package: ['Package'], Domain: ['Type'], EnumType: ['Type'], CompositeType: ['Type'],
  CollectionType: ['Type'], Synonym: ['Synonym'], Event: ['Event'], Comment: ['Comment'], DataScript: ['Data'],
  UnparsedObject: ['Statement'],
};

/** Unparsed objects carry the front end's own word (`alter table`, `anonymous block` …): they all filter as this. */
export const UNPARSED_TREE_TYPE = 'Statement';

export interface TreeTypeOption { value: string; label: string }

/** The type filter's options: every tree type once, with the catalog kinds it holds when they differ. */
export function treeTypeOptions(): TreeTypeOption[] {
  const kinds = new Map<string, ObjectKind[]>();
  for (const [kind, types] of Object.entries(KIND_TREE_TYPES) as [ObjectKind, readonly string[]][]) {
    for (const t of types) kinds.set(t, [...(kinds.get(t) ?? []), kind]);
  }
  return [...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([value, ks]) => ({
    value,
    label: value === UNPARSED_TREE_TYPE ? 'Statement (not parsed)' : ks.length > 1 || ks[0] !== value && ks[0] !== 'Routine' ? `${value} (${ks.map(kindWords).join(', ')})` : value,
  }));
}

const kindWords = (k: ObjectKind): string => k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

import type { QualifiedName } from '../../model/index.js';

/** [catalog.][schema.]name parts → QualifiedName (quoted records the last part's quoting). */
export function qualifiedName(parts: string[], quoted?: boolean[]): QualifiedName {
  const n = parts.length;
  const q: QualifiedName = { name: parts[n - 1]! };
  if (n > 1) q.schema = parts[n - 2]!;
  if (n > 2) q.catalog = parts[n - 3]!;
  if (quoted?.[n - 1]) q.quoted = true;
  return q;
}

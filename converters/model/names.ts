/**
 * An object name as the source engine sees it. `name` is the identifier's real value after the
 * source's own case rules (PostgreSQL folds unquoted names to lower case; MySQL keeps them).
 * `quoted` records whether the source quoted it, so generators can keep user intent.
 */
export interface QualifiedName {
  catalog?: string;
  schema?: string;
  name: string;
  quoted?: boolean;
}

export function qnameText(q: QualifiedName): string {
  return [q.catalog, q.schema, q.name].filter((p): p is string => !!p).join('.');
}

export function qnameKey(q: QualifiedName): string {
  return `${(q.schema ?? '').toLowerCase()}.${q.name.toLowerCase()}`;
}

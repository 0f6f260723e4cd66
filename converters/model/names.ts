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

/**
 * `{ ...name, schema }` with the same keys in the same order, made with Object.assign: in V8 11
 * (Node 20) a property a spread literal adds to the copy gives each copy a hidden class of its own,
 * and code reading thousands of such names goes megamorphic.
 */
export function withSchema(name: QualifiedName, schema: string | undefined): QualifiedName {
  return Object.assign({}, name, { schema });
}

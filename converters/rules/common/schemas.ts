import type { CatalogObject } from '../../model/index.js';

/**
 * CREATE SCHEMA objects for the schemas `objects` live in that no Schema object among them creates
 * (PostgreSQL's public always exists). Source scripts rarely create their schemas (Oracle users, dbo).
 */
export function schemasToCreate(objects: CatalogObject[]): CatalogObject[] {
  const have = new Set(objects.flatMap((o) => (o.kind === 'Schema' ? [o.name.name.toLowerCase()] : [])));
  const schemas: CatalogObject[] = [];
  for (const o of objects) {
    const name = 'name' in o && o.name && typeof o.name === 'object' ? o.name.schema : undefined;
    if (!name || have.has(name.toLowerCase()) || name.toLowerCase() === 'public') continue;
    have.add(name.toLowerCase());
    schemas.push({ kind: 'Schema', name: { name }, span: o.span, origin: { type: 'Schema', name } });
  }
  return schemas;
}

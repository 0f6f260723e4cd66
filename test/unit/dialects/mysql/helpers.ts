import assert from 'node:assert/strict';
import type { CatalogObject, Diagnostic } from '../../../../converters/model/index.js';
import { mysqlFrontEnd } from '../../../../converters/dialects/mysql/index.js';
export { assertShape, strip } from '../common/helpers.js';

export function parse(sql: string, defaultSchema?: string): { objects: CatalogObject[]; diagnostics: Diagnostic[] } {
  const r = mysqlFrontEnd.parse([{ path: 't.sql', text: sql }], defaultSchema ? { defaultSchema } : {});
  return { objects: r.catalog.objects, diagnostics: r.diagnostics };
}

/** Parses and asserts there is no diagnostic above `info`. */
export function parseClean(sql: string, defaultSchema?: string): CatalogObject[] {
  const r = parse(sql, defaultSchema);
  const bad = r.diagnostics.filter((d) => d.severity !== 'info');
  assert.deepEqual(bad.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`), [], sql.slice(0, 200));
  return r.objects;
}

export function one<K extends CatalogObject['kind']>(objects: CatalogObject[], kind: K): Extract<CatalogObject, { kind: K }> {
  const found = objects.filter((o) => o.kind === kind);
  assert.equal(found.length, 1, `expected one ${kind}, got ${found.length}: ${objects.map((o) => o.kind).join(', ')}`);
  return found[0] as Extract<CatalogObject, { kind: K }>;
}

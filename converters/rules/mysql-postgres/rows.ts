import type { CatalogObject, DataScript, Expr } from '../../model/index.js';

const literalRow = (r: Expr[]): boolean => r.every((e) => e.kind === 'Literal');

/**
 * Runs a tree pass over an object without walking data rows made only of literals (nothing in them
 * to rename, qualify or convert): a 16,000-row data script then costs as much as its statements.
 */
export function sparingRows<T extends CatalogObject>(o: T, pass: (x: T) => T): T {
  return o.kind === 'DataScript' ? sparingDataRows(o as T & DataScript, pass) : pass(o);
}

// Apart from sparingRows: its closures would make every call (two per object) allocate a context.
function sparingDataRows<T extends CatalogObject>(o: T & DataScript, pass: (x: T) => T): T {
  const kept: (Expr[][] | undefined)[] = [];
  const slim = {
    ...o,
    statements: o.statements.map((s, i) => {
      if (s.kind !== 'Insert' || s.source.kind !== 'Values' || !s.source.rows.every(literalRow)) return s;
      kept[i] = s.source.rows;
      return { ...s, source: { ...s.source, rows: [] } };
    }),
  } as T;
  const out = pass(slim);
  if (out.kind !== 'DataScript') return out;
  return {
    ...out,
    statements: out.statements.map((s, i) => (kept[i] && s.kind === 'Insert' && s.source.kind === 'Values' ? { ...s, source: { ...s.source, rows: kept[i]! } } : s)),
  } as T;
}

// Shared helpers for the SQL Server → MySQL/MariaDB behaviour tests.
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertResult, type Diagnostic } from '../../../converters/index.js';
import type { FreshDatabase } from '../../harness/db.js';

/**
 * T-SQL script text → MariaDB conversion result; the parse findings must all pass `allowed`
 * (default: none at all).
 */
export function convertForMariadb(text: string, file = 't.sql', allowed: (d: Diagnostic) => boolean = () => false): ConvertResult {
  const parsed = parseScripts('sqlserver', [{ path: file, text }]);
  assert.deepEqual(parsed.diagnostics.filter((d) => !allowed(d)).map((d) => `${d.code} ${d.message}`), []);
  return convert(parsed.catalog, { target: 'mysql', mysqlFlavor: 'mariadb' });
}

export const diagnosticsOf = (r: ConvertResult): Diagnostic[] => [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)];

/** Runs every statement of every object on `db`, in order; each object must have converted. */
export async function applyConverted(db: FreshDatabase, r: ConvertResult): Promise<void> {
  for (const o of r.objects) {
    assert.notEqual(o.status, 'not-converted', `${o.ref.type} ${o.ref.name}: ${o.diagnostics.map((d) => d.message).join('; ')}`);
    for (const s of o.statements) {
      try { await db.query(s); } catch (e) { throw new Error(`${(e as Error).message}\n${s}`); }
    }
  }
}

/** Rows with the numbers MariaDB returns as text (DECIMAL, SUM, user variables) as numbers. */
export const numbers = (rows: unknown[]): Record<string, unknown>[] => (rows as Record<string, unknown>[])
  .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v])));

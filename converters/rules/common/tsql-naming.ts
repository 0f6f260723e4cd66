import type { Catalog, Diagnostic, DiagnosticDef, NamingStyle } from '../../model/index.js';
import { RuleContext as NamingContext } from '../mysql-postgres/context.js';
import { applyNaming } from '../mysql-postgres/naming.js';

/**
 * Names of a T-SQL catalog after the naming style and schema map (the MySQL → PostgreSQL naming
 * pass); its findings (shortened identifiers) are pushed to `diagnostics` under `shortened`'s code.
 */
export function namedTsqlCatalog(catalog: Catalog, options: { naming: NamingStyle; schemaMap: Record<string, string> }, diagnostics: Diagnostic[], shortened: DiagnosticDef): Catalog {
  const nctx = new NamingContext({ naming: options.naming, schemaMap: options.schemaMap, tinyint1AsBoolean: false, timestampWithTimeZone: false, postgis: false });
  const routines = new Set<string>();
  for (const o of catalog.objects) if (o.kind === 'Routine') routines.add(o.name.name.toLowerCase());
  const out = applyNaming(catalog, nctx, routines);
  for (const d of nctx.diagnostics) diagnostics.push({ ...d, code: shortened.code, recommendation: shortened.recommendation } as Diagnostic);
  return out;
}

import type { DiagnosticDef } from '../../model/index.js';

/** PostgreSQL generator findings. Codes are stable: never renumber, only append. */
export const GP = {
  unparsed: { code: 'GP0001', severity: 'high', effort: 'medium', title: 'Source text could not be parsed; it is kept as a comment and not converted', recommendation: 'Convert this statement by hand and run it on the target.' },
  typeNotMapped: { code: 'GP0002', severity: 'medium', effort: 'simple', title: 'Data type reached the PostgreSQL generator without a mapping rule; a fallback type was used', recommendation: 'Check the column type on the target and adjust it if needed.' },
  unparsedObject: { code: 'GP0003', severity: 'high', effort: 'medium', title: 'Statement could not be parsed; it is kept as a comment in the output and not converted', recommendation: 'Convert this statement by hand and run it on the target.' },
  unsupportedExpr: { code: 'GP0004', severity: 'high', effort: 'simple', title: 'Expression form has no PostgreSQL equivalent in the generator', recommendation: 'Rewrite the expression by hand.' },
  unsupportedStatement: { code: 'GP0005', severity: 'high', effort: 'medium', title: 'Procedural statement has no PL/pgSQL equivalent in the generator', recommendation: 'Rewrite the statement by hand.' },
  objectNotSupported: { code: 'GP0006', severity: 'high', effort: 'medium', title: 'Object type has no PostgreSQL equivalent; it was not converted', recommendation: 'Re-create the behaviour by hand on the target.' },
  mysqlOnlyDml: { code: 'GP0007', severity: 'high', effort: 'simple', title: 'MySQL-only DML clause reached the generator and was dropped', recommendation: 'Rewrite the statement for PostgreSQL (ON CONFLICT, UPDATE … FROM, DELETE … USING).' },
  handlerLeft: { code: 'GP0008', severity: 'high', effort: 'medium', title: 'A MySQL condition handler reached the generator unconverted', recommendation: 'Re-create the handler with an EXCEPTION block or IF NOT FOUND checks.' },
  generatedStored: { code: 'GP0009', severity: 'low', effort: 'none', title: 'VIRTUAL generated column became STORED (PostgreSQL 15 has only stored generated columns); values are the same, storage grows', recommendation: 'Nothing to do unless storage matters; a view can compute the column instead.' },
  sourceOnlySyntax: { code: 'GP0010', severity: 'high', effort: 'medium', title: 'A source-dialect construct (CONNECT BY, (+) join, cursor attribute, TOP PERCENT, SELECT INTO table, MERGE … NOT MATCHED BY SOURCE …) reached the generator unconverted', recommendation: 'Rewrite this construct by hand for PostgreSQL.' },
  internalError: { code: 'GP0099', severity: 'critical', effort: 'medium', title: 'Internal generator error; the object was not converted', recommendation: 'Report this bug; convert the object by hand.' },
} as const satisfies Record<string, DiagnosticDef>;

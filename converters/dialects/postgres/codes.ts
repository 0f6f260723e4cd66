import type { DiagnosticDef } from '../../model/index.js';

/** Findings of the PostgreSQL front end. Codes are stable: add new ones at the end, never renumber. */
export const PG = {
  syntax: {
    code: 'PG0001', severity: 'high', effort: 'medium',
    title: 'Statement could not be parsed',
    recommendation: 'Check the statement at the given position; it is kept as text and must be converted by hand.',
  },
  unterminated: {
    code: 'PG0002', severity: 'high', effort: 'simple',
    title: 'Script ends inside an unterminated string, dollar quote, comment or COPY data',
    recommendation: 'The script is truncated or malformed: complete it and convert again.',
  },
  unsupportedStatement: {
    code: 'PG0003', severity: 'medium', effort: 'medium',
    title: 'Statement kind is not modelled',
    recommendation: 'Recreate the object by hand in the target database if it is needed there.',
  },
  notModelledObject: {
    code: 'PG0004', severity: 'medium', effort: 'medium',
    title: 'Object kind is not converted (aggregate, operator, cast, rule, policy …)',
    recommendation: 'Implement an equivalent by hand in the target database if the application needs it.',
  },
  extension: {
    code: 'PG0005', severity: 'info', effort: 'none',
    title: 'Extension used by the schema',
    recommendation: 'Objects that depend on the extension (types, functions, index methods) need an equivalent in the target.',
  },
  ignoredStatements: {
    code: 'PG0006', severity: 'info', effort: 'none',
    title: 'Privileges and ownership statements ignored',
    recommendation: 'GRANT/REVOKE/OWNER TO are not schema content; recreate users and privileges in the target separately.',
  },
  rangeType: {
    code: 'PG0007', severity: 'high', effort: 'significant',
    title: 'Range type is not modelled',
    recommendation: 'Replace the range type by two bound columns (and a CHECK) in the target.',
  },
  metaCommand: {
    code: 'PG0008', severity: 'info', effort: 'none',
    title: 'psql meta-command ignored',
    recommendation: 'Meta-commands such as \\connect only steer psql; the target script chooses its own database.',
  },
  unknownTarget: {
    code: 'PG0009', severity: 'low', effort: 'simple',
    title: 'Statement refers to an object not defined earlier in the scripts',
    recommendation: 'Make sure the referenced object is part of the converted scripts or exists in the target.',
  },
  plpgsqlUnparsed: {
    code: 'PG0010', severity: 'high', effort: 'medium',
    title: 'PL/pgSQL statement could not be parsed',
    recommendation: 'The statement is kept as text inside the routine; convert it by hand.',
  },
  foreach: {
    code: 'PG0011', severity: 'medium', effort: 'medium',
    title: 'FOREACH … IN ARRAY loop is not modelled',
    recommendation: 'Rewrite the loop over the array by hand (e.g. a FOR loop over its indexes or a JSON table).',
  },
  unsupportedLanguage: {
    code: 'PG0012', severity: 'high', effort: 'significant',
    title: 'Routine written in a language other than SQL or PL/pgSQL',
    recommendation: 'The body is kept as text; rewrite the routine in the target procedural language.',
  },
  copyFormat: {
    code: 'PG0013', severity: 'high', effort: 'simple',
    title: 'COPY data could not be read',
    recommendation: 'Only the text format from stdin is read; load this data separately.',
  },
  ignoredSetting: {
    code: 'PG0014', severity: 'info', effort: 'none',
    title: 'Session setting ignored',
    recommendation: 'Session settings such as statement_timeout do not change the schema.',
  },
  dropUnknown: {
    code: 'PG0015', severity: 'info', effort: 'none',
    title: 'DROP of an object not defined earlier in the scripts',
    recommendation: 'Nothing to convert; the drop only matters for an existing target database.',
  },
  alterIgnored: {
    code: 'PG0016', severity: 'low', effort: 'simple',
    title: 'ALTER action not applied to the model',
    recommendation: 'Apply this change by hand in the target database if it matters.',
  },
  virtualGenerated: {
    code: 'PG0017', severity: 'info', effort: 'none',
    title: 'Generated column is VIRTUAL (computed on read)',
    recommendation: 'Targets without virtual generated columns store the value instead.',
  },
  topLevelQuery: {
    code: 'PG0018', severity: 'info', effort: 'none',
    title: 'Query at script level ignored',
    recommendation: 'A SELECT in a schema script has no effect on the schema; run it by hand if its side effects matter.',
  },
  replaced: {
    code: 'PG0019', severity: 'info', effort: 'none',
    title: 'Object defined twice; the later definition replaces the earlier one',
    recommendation: 'Only the last definition is converted, as PostgreSQL keeps only that one (CREATE OR REPLACE).',
  },
} as const satisfies Record<string, DiagnosticDef>;

export type PgCode = keyof typeof PG;

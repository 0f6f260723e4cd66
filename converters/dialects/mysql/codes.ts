import type { DiagnosticDef } from '../../model/index.js';

/** Findings of the MySQL/MariaDB front end. Codes are stable: add new ones at the end, never renumber. */
export const MY = {
  syntax: {
    code: 'MY0001', severity: 'high', effort: 'medium',
    title: 'Statement could not be parsed',
    recommendation: 'Check the statement at the given position; it is kept as text and must be converted by hand.',
  },
  unterminated: {
    code: 'MY0002', severity: 'high', effort: 'simple',
    title: 'Script ends inside an unterminated string, quoted identifier or comment',
    recommendation: 'The script is truncated or malformed: complete it and convert again.',
  },
  notText: {
    code: 'MY0003', severity: 'high', effort: 'simple',
    title: 'File is not SQL text (NUL bytes or invalid characters)',
    recommendation: 'Check that the file is a SQL script saved as text in the expected encoding (UTF-8, Latin-1).',
  },
  missingDelimiter: {
    code: 'MY0004', severity: 'low', effort: 'simple',
    title: 'Last statement has no terminating delimiter',
    recommendation: 'The mysql client runs it anyway; check that the script is not truncated.',
  },
  unsupportedStatement: {
    code: 'MY0005', severity: 'medium', effort: 'medium',
    title: 'Statement kind is not converted',
    recommendation: 'Recreate its effect by hand in the target database if it is needed there.',
  },
  ignoredPrivileges: {
    code: 'MY0006', severity: 'info', effort: 'none',
    title: 'Users and privileges statements ignored',
    recommendation: 'GRANT/REVOKE/CREATE USER are not schema content; recreate users and privileges in the target separately.',
  },
  proceduralUnparsed: {
    code: 'MY0007', severity: 'high', effort: 'medium',
    title: 'Statement inside a routine, trigger or event could not be parsed',
    recommendation: 'The statement is kept as text inside the body; convert it by hand.',
  },
  createTableLike: {
    code: 'MY0008', severity: 'medium', effort: 'simple',
    title: 'CREATE TABLE … LIKE / AS SELECT refers to a table or query the converter cannot resolve',
    recommendation: 'Write the table definition out with its columns, or include the source table in the converted scripts.',
  },
  unknownTarget: {
    code: 'MY0009', severity: 'low', effort: 'simple',
    title: 'ALTER/CREATE INDEX refers to a table not defined earlier in the scripts',
    recommendation: 'Make sure the table is part of the converted scripts or exists in the target; the change is kept as text.',
  },
  unknownType: {
    code: 'MY0010', severity: 'high', effort: 'medium',
    title: 'Unknown data type',
    recommendation: 'Check the type name (a plugin or newer server type?) and choose a target type by hand.',
  },
  ignoredClause: {
    code: 'MY0011', severity: 'low', effort: 'simple',
    title: 'Clause has no effect on the converted schema and was ignored',
    recommendation: 'Check whether the clause matters for the application (it is not carried over).',
  },
  alterNotModelled: {
    code: 'MY0012', severity: 'medium', effort: 'simple',
    title: 'ALTER TABLE action is not modelled',
    recommendation: 'Apply this change by hand in the target database after conversion.',
  },
} as const satisfies Record<string, DiagnosticDef>;

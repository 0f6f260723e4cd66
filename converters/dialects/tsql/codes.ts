import type { DiagnosticDef } from '../../model/index.js';

/** Findings of the T-SQL (SQL Server) front end. Codes are stable: add new ones at the end, never renumber. */
export const TS = {
  syntax: {
    code: 'TS0001', severity: 'high', effort: 'medium',
    title: 'Statement could not be parsed',
    recommendation: 'Check the statement at the given position; it is kept as text and must be converted by hand.',
  },
  unterminated: {
    code: 'TS0002', severity: 'high', effort: 'simple',
    title: 'Batch ends inside an unterminated string, quoted identifier or comment',
    recommendation: 'The script is truncated or malformed: complete it and convert again.',
  },
  notText: {
    code: 'TS0003', severity: 'high', effort: 'simple',
    title: 'File is not SQL text (NUL bytes or invalid characters)',
    recommendation: 'Save the script as text (UTF-8 or UTF-16 exported as UTF-8) and convert again.',
  },
  sqlcmdCommand: {
    code: 'TS0004', severity: 'medium', effort: 'simple',
    title: 'SQLCMD command not supported',
    recommendation: 'The command is ignored; reproduce its effect by hand if the converted script needs it.',
  },
  sqlcmdVariable: {
    code: 'TS0005', severity: 'high', effort: 'simple',
    title: 'SQLCMD variable $(name) has no value',
    recommendation: 'Give the value with :setvar in the script or as a variable when converting; the reference is kept as written.',
  },
  includeMissing: {
    code: 'TS0006', severity: 'high', effort: 'simple',
    title: 'SQLCMD :r include not found among the given files',
    recommendation: 'Add the included file to the converted scripts (its path is relative to the including script).',
  },
  unsupportedStatement: {
    code: 'TS0007', severity: 'medium', effort: 'medium',
    title: 'Statement kind is not converted',
    recommendation: 'Recreate its effect by hand in the target database if it is needed there.',
  },
  ignoredStatement: {
    code: 'TS0008', severity: 'info', effort: 'none',
    title: 'Script-control statement with no effect on the converted schema',
    recommendation: 'Nothing to do: session settings, CHECKPOINT, UPDATE STATISTICS, progress messages, privilege and database statements are not schema content.',
  },
  notFirstInBatch: {
    code: 'TS0009', severity: 'high', effort: 'simple',
    title: 'CREATE PROCEDURE/FUNCTION/TRIGGER/VIEW must be the first statement in a batch',
    recommendation: 'SQL Server rejects this script: put GO before the CREATE statement. The object is read as if the batch started there.',
  },
  bodyNotParsed: {
    code: 'TS0010', severity: 'high', effort: 'medium',
    title: 'T-SQL code could not be parsed; it is kept as text',
    recommendation: 'Convert this code by hand; the reason names the construct that was not understood.',
  },
  unknownType: {
    code: 'TS0011', severity: 'high', effort: 'medium',
    title: 'Data type has no portable equivalent',
    recommendation: 'Choose a target type by hand (sql_variant, hierarchyid and CLR types have no direct equivalent).',
  },
  rowversion: {
    code: 'TS0012', severity: 'medium', effort: 'medium',
    title: 'TIMESTAMP/ROWVERSION column: an automatically changing row version, not a date',
    recommendation: 'Read as binary(8); the target must maintain it (trigger or application) if the application uses it for optimistic concurrency.',
  },
  clrObject: {
    code: 'TS0013', severity: 'high', effort: 'significant',
    title: 'CLR object (EXTERNAL NAME) cannot be converted',
    recommendation: 'Reimplement the .NET code in the target database language or in the application.',
  },
  ddlTrigger: {
    code: 'TS0014', severity: 'high', effort: 'medium',
    title: 'DDL or logon trigger is not converted',
    recommendation: 'Use the target database event triggers (PostgreSQL CREATE EVENT TRIGGER) or auditing instead.',
  },
  ignoredClause: {
    code: 'TS0015', severity: 'low', effort: 'simple',
    title: 'Storage or physical clause ignored',
    recommendation: 'Filegroups, CLUSTERED/NONCLUSTERED, index WITH options and similar have no effect on the converted schema; review physical design on the target.',
  },
  unknownTable: {
    code: 'TS0016', severity: 'low', effort: 'simple',
    title: 'ALTER TABLE / CREATE INDEX refers to a table not defined earlier in the scripts',
    recommendation: 'Include the table in the converted scripts or make sure it exists in the target; the change is kept as text.',
  },
  unbalanced: {
    code: 'TS0017', severity: 'high', effort: 'simple',
    title: 'Unbalanced BEGIN … END',
    recommendation: 'The batch is malformed: add the missing END (or remove the extra one) and convert again.',
  },
  identityInsert: {
    code: 'TS0018', severity: 'info', effort: 'none',
    title: 'SET IDENTITY_INSERT: explicit values for an identity column',
    recommendation: 'Rows keep their key values; after loading, the target identity/sequence must be set past the highest value (the rules do this when they can).',
  },
} as const satisfies Record<string, DiagnosticDef>;

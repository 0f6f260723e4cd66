import type { DiagnosticDef } from '../../model/index.js';

/** Findings of the Oracle front end (SQL*Plus layer, DDL, SQL). Codes are stable: add at the end, never renumber. */
export const OS = {
  syntax: {
    code: 'OS0001', severity: 'high', effort: 'medium',
    title: 'Statement could not be parsed',
    recommendation: 'Check the statement at the given position; it is kept as text and must be converted by hand.',
  },
  unterminated: {
    code: 'OS0002', severity: 'high', effort: 'simple',
    title: 'Unterminated statement, PL/SQL unit, string or comment',
    recommendation: "End every PL/SQL unit (CREATE PROCEDURE/FUNCTION/PACKAGE/TRIGGER/TYPE, DECLARE/BEGIN blocks) with a '/' on a line of its own, close every string and comment, and convert again.",
  },
  unknownCommand: {
    code: 'OS0003', severity: 'medium', effort: 'simple',
    title: 'Unknown SQL*Plus command or statement',
    recommendation: 'The line is neither a SQL statement nor a SQL*Plus command dbshift knows; it is skipped. Check it and run its equivalent by hand if it matters.',
  },
  missingVariable: {
    code: 'OS0004', severity: 'high', effort: 'simple',
    title: 'Substitution variable has no value',
    recommendation: 'Give the variable a value in the conversion settings (variables: { NAME: "value" }) or add DEFINE name = value before its use; the statement is kept as text until then.',
  },
  missingInclude: {
    code: 'OS0005', severity: 'high', effort: 'simple',
    title: 'Included script (@, @@, START) is not among the converted files',
    recommendation: 'Add the included script to the files being converted (with its relative path) so its objects are converted too.',
  },
  includeByName: {
    code: 'OS0006', severity: 'info', effort: 'none',
    title: 'Included script found by file name only',
    recommendation: 'The include path did not match the given files exactly; the file with the same name was used. Check that it is the right one.',
  },
  formatting: {
    code: 'OS0007', severity: 'info', effort: 'none',
    title: 'SQL*Plus report formatting commands ignored',
    recommendation: 'COLUMN, TTITLE, BREAK, COMPUTE and similar commands only format SQL*Plus output; they have no equivalent in the target schema.',
  },
  sessionSetting: {
    code: 'OS0008', severity: 'low', effort: 'simple',
    title: 'SQL*Plus or session setting that changes behaviour',
    recommendation: 'The setting affects how the script runs (error handling, substitution, NLS formats); make sure the target script runs under equivalent settings.',
  },
  ignoredStatements: {
    code: 'OS0009', severity: 'info', effort: 'none',
    title: 'Users, privileges and session statements ignored',
    recommendation: 'GRANT/REVOKE, CREATE/ALTER/DROP USER and ALTER SESSION are not schema content; recreate users and privileges in the target separately.',
  },
  notModelled: {
    code: 'OS0010', severity: 'medium', effort: 'medium',
    title: 'Statement kind is not converted',
    recommendation: 'Recreate the object or effect by hand in the target database if it is needed there.',
  },
  unsupportedSql: {
    code: 'OS0011', severity: 'high', effort: 'medium',
    title: 'Oracle SQL construct not modelled (kept as text)',
    recommendation: 'The construct (PIVOT, CAST(MULTISET …), KEEP (DENSE_RANK …) …) is kept as text; rewrite it for the target by hand.',
  },
  // OS0012 unused: Latin-1 decoding is reported by the CLI's input reader (IN0001).
  alterIgnored: {
    code: 'OS0013', severity: 'low', effort: 'simple',
    title: 'ALTER action not applied to the model',
    recommendation: 'Apply this change by hand in the target database if it matters.',
  },
  unknownTarget: {
    code: 'OS0014', severity: 'low', effort: 'simple',
    title: 'Statement refers to an object not defined earlier in the scripts',
    recommendation: 'Make sure the referenced object is part of the converted scripts or exists in the target.',
  },
  storageOptions: {
    code: 'OS0015', severity: 'info', effort: 'none',
    title: 'Physical storage options kept for reference only',
    recommendation: 'TABLESPACE, STORAGE, PCTFREE, LOGGING, COMPRESS and similar clauses describe Oracle storage; the target chooses its own.',
  },
  topLevelQuery: {
    code: 'OS0016', severity: 'info', effort: 'none',
    title: 'Query at script level ignored',
    recommendation: 'A SELECT in a schema script has no effect on the schema; run it by hand if its output matters.',
  },
  exitCommand: {
    code: 'OS0017', severity: 'info', effort: 'none',
    title: 'EXIT/QUIT ends the script; the rest of the file is not read',
    recommendation: 'Text after EXIT is never run by SQL*Plus; move it before EXIT if it should be converted.',
  },
  dropStatement: {
    code: 'OS0018', severity: 'info', effort: 'none',
    title: 'DROP of an object not defined earlier in the scripts',
    recommendation: 'Nothing to convert; the drop only matters for an existing target database.',
  },
  wrapped: {
    code: 'OS0019', severity: 'critical', effort: 'significant',
    title: 'Wrapped (obfuscated) PL/SQL cannot be read',
    recommendation: 'Obtain the unwrapped source of this unit from its owner and convert that.',
  },
  backingIndex: {
    code: 'OS0020', severity: 'info', effort: 'none',
    title: 'Unique index backs a primary key or unique constraint',
    recommendation: 'Oracle uses the index created first for the constraint added later; the target creates the constraint with its own index, so the separate index is not converted.',
  },
  dataStatement: {
    code: 'OS0021', severity: 'medium', effort: 'medium',
    title: 'Data statement not converted',
    recommendation: 'The statement changes data in a way dbshift does not carry into the data scripts (e.g. top-level MERGE); run its equivalent by hand after loading.',
  },
  mviewOptions: {
    code: 'OS0022', severity: 'medium', effort: 'simple',
    title: 'Materialized view refresh options not converted',
    recommendation: 'REFRESH FAST/ON COMMIT, BUILD DEFERRED and QUERY REWRITE have no direct equivalent; schedule a REFRESH MATERIALIZED VIEW on the target.',
  },
  notRun: {
    code: 'OS0023', severity: 'low', effort: 'simple',
    title: 'Statement that SQL*Plus would not run',
    recommendation: 'The statement is not terminated the way SQL*Plus needs (e.g. ended by a blank line without ";"); dbshift converts it anyway. Fix the script so both agree.',
  },
  sqlDetail: {
    code: 'OS0024', severity: 'low', effort: 'simple',
    title: 'Oracle SQL detail not kept',
    recommendation: 'A clause that only matters in edge cases (e.g. LISTAGG … ON OVERFLOW TRUNCATE) is dropped; check that the target result is acceptable.',
  },
  secretMasked: {
    code: 'OS0025', severity: 'info', effort: 'none',
    title: 'Password substitution variable not copied into the converted code',
    recommendation: "The script uses a password variable inside code (e.g. IF '&pass' IS NULL); dbshift puts '********' there so no password reaches the output. Review that code: it usually only checks the installation input.",
  },
} as const satisfies Record<string, DiagnosticDef>;

export type OsCode = keyof typeof OS;

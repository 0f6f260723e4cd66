import type { DiagnosticDef } from '../../../model/index.js';

const ORACLE_DOC = 'https://docs.oracle.com/en/database/oracle/oracle-database/19/lnpls/';

/** Findings of the PL/SQL parser. Codes are stable: add new ones at the end, never renumber. */
export const OP = {
  unitUnparsed: {
    code: 'OP0001', severity: 'high', effort: 'medium',
    title: 'PL/SQL unit could not be parsed',
    recommendation: 'Check the unit at the given position; it is kept as text and must be converted by hand.',
    docUrl: `${ORACLE_DOC}`,
  },
  statementUnparsed: {
    code: 'OP0002', severity: 'high', effort: 'simple',
    title: 'PL/SQL statement could not be parsed',
    recommendation: 'The statement is kept as text inside the converted routine and must be converted by hand; the rest of the unit converts.',
  },
  unterminated: {
    code: 'OP0003', severity: 'high', effort: 'simple',
    title: 'PL/SQL unit ends inside an unterminated block',
    recommendation: 'A BEGIN, IF, LOOP or CASE has no matching END (the script may be truncated). Complete the unit and convert again.',
  },
  wrapped: {
    code: 'OP0004', severity: 'critical', effort: 'significant',
    title: 'Wrapped (obfuscated) PL/SQL cannot be converted',
    recommendation: 'Obtain the unwrapped source of this unit from its owner (the wrap utility is one-way) and convert that instead.',
    docUrl: `${ORACLE_DOC}plsql-source-text-wrapping.html`,
  },
  externalRoutine: {
    code: 'OP0005', severity: 'high', effort: 'significant',
    title: 'External routine (LANGUAGE C / JAVA) is not converted',
    recommendation: 'The routine is implemented outside PL/SQL (a C library or a Java class). Reimplement it for the target, e.g. as a PL/pgSQL function or in the application.',
  },
  systemTrigger: {
    code: 'OP0006', severity: 'high', effort: 'medium',
    title: 'DDL or database event trigger is not converted',
    recommendation: 'Triggers ON SCHEMA / ON DATABASE (LOGON, STARTUP, DDL events …) have no direct equivalent; use PostgreSQL event triggers or login hooks, or move the logic to the application.',
  },
  nestedRoutine: {
    code: 'OP0007', severity: 'low', effort: 'simple',
    title: 'Local subprogram declared inside a PL/SQL block',
    recommendation: 'The target has no nested routines: it becomes a separate routine. Check that it does not rely on variables of the enclosing block.',
  },
  outBind: {
    code: 'OP0008', severity: 'medium', effort: 'simple',
    title: 'EXECUTE IMMEDIATE … USING OUT / IN OUT bind argument',
    recommendation: 'Dynamic SQL that writes into bind arguments (anonymous blocks, RETURNING) must be rewritten with EXECUTE … INTO on the target.',
  },
  specOnly: {
    code: 'OP0009', severity: 'medium', effort: 'medium',
    title: 'Subprogram declared in a specification without a body',
    recommendation: 'The PACKAGE BODY / TYPE BODY defining this subprogram was not among the converted files; add it and convert again.',
  },
  unsupportedConstruct: {
    code: 'OP0010', severity: 'medium', effort: 'medium',
    title: 'PL/SQL construct is not modelled',
    recommendation: 'The construct is kept as text in the converted code and must be rewritten by hand.',
  },
  incompleteType: {
    code: 'OP0011', severity: 'info', effort: 'none',
    title: 'Forward type declaration (CREATE TYPE t;) skipped',
    recommendation: 'Nothing to do: the full declaration of the type defines it.',
  },
  variableIsColumn: {
    code: 'OP0012', severity: 'medium', effort: 'simple',
    title: 'Name is both a PL/SQL variable and a column of the statement\'s table',
    recommendation: 'Oracle reads the name as the column inside SQL statements (so e.g. WHERE id = id is always true); the conversion keeps that meaning. Rename the variable (or qualify it with the routine name) if the variable was meant.',
  },
} satisfies Record<string, DiagnosticDef>;

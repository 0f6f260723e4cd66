// Vendor documentation per action-item code, and the emulations that existing codes stand for.
// A code's own DiagnosticDef.docUrl / .emulation win; these tables cover the codes written before
// those fields existed. Codes missing here fall back to their family's reference (by prefix).

const PG = (page: string): string => `https://www.postgresql.org/docs/current/${page}.html`;
const MY = (page: string): string => `https://dev.mysql.com/doc/refman/8.0/en/${page}.html`;

/** One line per code: code → page. */
const PAGES: Record<string, string> = {
  // MySQL → PostgreSQL: where PostgreSQL documents the replacement.
  MP0001: PG('sql-syntax-lexical'), MP0002: PG('sql-createindex'), MP0003: PG('collation'), MP0004: PG('datatype-numeric'),
  MP0005: PG('datatype-numeric'), MP0006: PG('datatype-boolean'), MP0007: PG('datatype-datetime'), MP0008: PG('datatype-numeric'),
  MP0009: PG('datatype-enum'), MP0010: MY('set'), MP0011: MY('spatial-types'), MP0012: PG('plpgsql-trigger'),
  MP0013: PG('sql-createtable'), MP0014: PG('indexes-expressional'), MP0015: PG('textsearch-tables'), MP0016: MY('creating-spatial-indexes'),
  MP0017: PG('functions'), MP0018: PG('functions-aggregate'), MP0019: PG('functions-conditional'), MP0020: PG('plpgsql-statements'),
  MP0021: PG('functions-formatting'), MP0022: PG('functions-matching'), MP0023: MY('user-variables'), MP0024: PG('plpgsql-cursors'),
  MP0025: PG('plpgsql-control-structures'), MP0026: PG('errcodes-appendix'), MP0027: PG('plpgsql-statements'), MP0028: PG('trigger-definition'),
  MP0029: MY('event-scheduler'), MP0030: PG('ddl-partitioning'), MP0031: PG('xfunc-volatility'), MP0032: PG('functions-math'),
  MP0033: PG('sql-createtable'), MP0034: PG('sql-insert'), MP0035: PG('sql-update'), MP0036: PG('ddl-schemas'),
  MP0037: PG('sql-commands'), MP0038: PG('sql-createfunction'), MP0039: PG('functions-json'), MP0040: PG('typeconv'),
  MP0041: PG('sql-createprocedure'), MP0042: PG('datatype-bit'), MP0043: PG('datatype'), MP0044: MY('select'),
  MP0045: MY('sql-mode'), MP0046: PG('sql-commands'), MP0047: MY('invisible-columns'), MP0048: PG('textsearch-controls'),
  MP0049: PG('multibyte'),
  // PostgreSQL → MySQL: where MySQL documents the replacement.
  PM0001: MY('creating-database'), PM0002: MY('identifier-length'), PM0003: MY('fixed-point-types'), PM0004: MY('datetime'),
  PM0005: MY('date-and-time-functions'), PM0006: MY('miscellaneous-functions'), PM0007: MY('json'), PM0008: MY('fixed-point-types'),
  PM0009: MY('miscellaneous-functions'), PM0010: MY('fulltext-search'), PM0011: MY('xml-functions'), PM0012: MY('enum'),
  PM0013: PG('sql-createdomain'), PM0014: PG('rowtypes'), PM0015: PG('sql-createextension'), PM0016: MY('example-auto-increment'),
  PM0017: MY('information-functions'), PM0018: MY('example-auto-increment'), PM0019: MY('partitioning-limitations-partitioning-keys-unique-keys'),
  PM0020: MY('partitioning'), PM0021: MY('create-index'), PM0022: MY('create-index'), PM0023: MY('create-table-generated-columns'),
  PM0024: MY('create-index'), PM0025: MY('column-indexes'), PM0026: PG('rules-materializedviews'), PM0027: MY('built-in-function-reference'),
  PM0028: MY('built-in-function-reference'), PM0029: MY('built-in-function-reference'), PM0030: MY('string-comparison-functions'),
  PM0031: MY('regexp'), PM0032: MY('aggregate-functions'), PM0033: MY('aggregate-functions'), PM0034: MY('window-functions'),
  PM0035: MY('information-functions'), PM0036: MY('insert'), PM0037: MY('insert-on-duplicate'), PM0038: MY('cast-functions'),
  PM0039: MY('with'), PM0040: MY('create-procedure'), PM0041: MY('create-trigger'), PM0042: MY('create-trigger'),
  PM0043: MY('signal'), PM0044: MY('declare-handler'), PM0045: MY('sql-prepared-statements'), PM0046: MY('select-into'),
  PM0047: MY('information-functions'), PM0048: PG('sql-createaggregate'), PM0049: MY('stored-routines'), PM0050: MY('declare-local-variable'),
  PM0051: MY('trigger-syntax'), PM0052: MY('create-procedure'), PM0053: MY('partitioning-limitations'), PM0054: MY('working-with-null'),
  PM0055: MY('create-table-foreign-keys'), PM0056: PG('ddl-constraints'), PM0057: PG('ddl-inherit'), PM0058: PG('sql-comment'),
  PM0059: MY('charset-mysql'), PM0060: MY('time'), PM0061: MY('create-procedure'), PM0062: MY('time-zone-support'),
  PM0063: MY('string-types'), PM0064: MY('bit-type'), PM0065: MY('regexp'), PM0066: PG('sql-createtrigger'),
  PM0067: MY('sql-compound-statements'), PM0068: MY('create-procedure'), PM0069: MY('create-view'), PM0070: MY('create-table-check-constraints'),
  PM0071: MY('timestamp-initialization'), PM0072: MY('charset-binary-collations'), PM0073: MY('char'), PM0074: MY('example-auto-increment'),
  // Front ends and generators.
  MY0005: MY('sql-statements'), MY0006: MY('account-management-statements'), MY0010: MY('data-types'), MY0012: MY('alter-table'),
  PG0004: PG('sql-commands'), PG0005: PG('contrib'), PG0007: PG('rangetypes'), PG0008: PG('app-psql'), PG0011: PG('plpgsql-control-structures'),
  PG0012: PG('xplang'), PG0013: PG('sql-copy'), PG0017: PG('ddl-generated-columns'),
  GP0009: PG('ddl-generated-columns'), GM0003: MY('data-types'), GM0004: MY('sql-statements'),
};

/** Family references for codes without their own page. */
const ORA = (book: string): string => `https://docs.oracle.com/en/database/oracle/oracle-database/19/${book}/`;

const FAMILIES: Record<string, string> = {
  MP: PG('index'), PM: MY('index'), MY: MY('sql-statements'), PG: PG('sql-commands'), GP: PG('sql-commands'), GM: MY('sql-statements'),
  // Oracle: scripts (SQL*Plus), PL/SQL, and Oracle → PostgreSQL (PostgreSQL's porting guide).
  OS: ORA('sqpug'), OP: ORA('lnpls'), OG: PG('plpgsql-porting'),
};

export function docUrlFor(code: string, own?: string): string | undefined {
  return own ?? PAGES[code] ?? FAMILIES[code.slice(0, 2)];
}

/**
 * Existing codes whose conversion installs an emulation on the target (new rules set
 * DiagnosticDef.emulation or ConvertedObject.usesEmulation instead).
 */
const EMULATIONS: Record<string, string> = {
  MP0010: 'SET column as varchar with a membership CHECK',
  MP0012: 'ON UPDATE CURRENT_TIMESTAMP as a BEFORE UPDATE trigger function',
  PM0017: 'sequence as a counter table and a nextval function',
  PM0026: 'materialized view as a table refreshed by hand',
};

export function emulationFor(code: string, own?: string): string | undefined {
  return own ?? EMULATIONS[code];
}

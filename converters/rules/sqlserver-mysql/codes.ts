import type { DiagnosticDef } from '../../model/index.js';

const def = (code: string, severity: DiagnosticDef['severity'], effort: DiagnosticDef['effort'], title: string, recommendation: string): DiagnosticDef =>
  ({ code, severity, effort, title, recommendation });

/** SQL Server → MySQL/MariaDB rule findings. Codes are stable: never renumber, only append. */
export const TM = {
  identifierShortened: def('TM0001', 'info', 'none', 'Identifier longer than 64 characters was shortened', 'Check that applications do not use the long name.'),
  identityStep: def('TM0002', 'medium', 'simple', 'IDENTITY increment other than 1: AUTO_INCREMENT steps by auto_increment_increment (a server setting), so the step was dropped', 'Set auto_increment_increment for the session or generate the values in the application.'),
  tinyint: def('TM0003', 'info', 'none', 'TINYINT (0..255 in SQL Server) became TINYINT UNSIGNED', 'Nothing to do.'),
  money: def('TM0004', 'info', 'none', 'MONEY/SMALLMONEY became DECIMAL(19,4)/DECIMAL(10,4)', 'Nothing to do.'),
  datetimeoffset: def('TM0005', 'high', 'medium', 'DATETIMEOFFSET has no MySQL equivalent; it became DATETIME(6) and the offset is not stored', 'Store UTC values and keep the offset in a separate column if needed.'),
  fractionalSeconds: def('TM0006', 'low', 'simple', 'DATETIME2/TIME with 7 fractional digits became 6 digits: the 100 ns digit is lost', 'Nothing to do unless the 7th digit matters.'),
  xml: def('TM0007', 'medium', 'medium', 'XML has no MySQL type; it became LONGTEXT (ExtractValue/UpdateXML work on text)', 'Rewrite XML methods (.value, .query, .nodes).'),
  rowversion: def('TM0008', 'high', 'medium', 'ROWVERSION/TIMESTAMP became BINARY(8) that nothing fills: MySQL has no automatic row version', 'Use a DATETIME(6) … ON UPDATE CURRENT_TIMESTAMP(6) column or a version counter maintained by a trigger.'),
  unsupportedType: def('TM0009', 'high', 'medium', 'Data type has no MySQL equivalent; LONGTEXT/LONGBLOB was used', 'Choose a target type by hand.'),
  computed: def('TM0010', 'low', 'simple', 'Computed column became a generated column (PERSISTED → STORED, else VIRTUAL); MySQL allows only deterministic built-in functions there', 'Check the expression is accepted by the server.'),
  filteredIndex: def('TM0011', 'high', 'medium', 'Filtered index (WHERE …) has no MySQL equivalent; not created', 'Index a generated column that is NULL outside the filter, or create the plain index.'),
  includeColumns: def('TM0012', 'low', 'simple', 'INCLUDE columns of an index were dropped (MySQL has no covering-only columns)', 'Add them as key columns if the index must cover the query.'),
  clustered: def('TM0013', 'info', 'none', 'CLUSTERED/NONCLUSTERED dropped: InnoDB always clusters rows by the primary key', 'Nothing to do unless a non-key clustered index mattered.'),
  collation: def('TM0014', 'info', 'none', "SQL Server's default collation is case-insensitive, as are MySQL's default utf8mb4 _ci collations: comparisons and keys behave alike. Explicit COLLATE clauses were dropped", 'Check columns that used a case-sensitive (_CS) collation.'),
  userType: def('TM0015', 'medium', 'simple', 'User-defined alias type was replaced by its base type (MySQL has no alias types)', 'Nothing to do.'),
  unknownFunction: def('TM0016', 'medium', 'simple', 'Function has no known MySQL equivalent and was kept as is', 'Create a function of that name on the target or rewrite the call.'),
  convertStyle: def('TM0017', 'medium', 'simple', 'CONVERT style has no exact MySQL form; a plain CAST was used', 'Check the formatted values.'),
  tryCast: def('TM0018', 'high', 'simple', 'TRY_CAST/TRY_CONVERT has no MySQL equivalent; a plain CAST was used (MySQL casts bad text to 0/NULL with a warning instead of NULL)', 'Guard the cast with a REGEXP test if bad values occur.'),
  stringPlus: def('TM0019', 'medium', 'simple', 'Operand types of + could not be resolved; kept as numeric addition (in MySQL + on strings adds numbers)', 'Use CONCAT if the operands are strings.'),
  concat: def('TM0020', 'info', 'none', "String + became CONCAT(): NULL operands still give NULL (as with CONCAT_NULL_YIELDS_NULL ON, SQL Server's default)", 'If the source ran with CONCAT_NULL_YIELDS_NULL OFF, wrap operands in IFNULL(x, \'\').'),
  topTies: def('TM0021', 'high', 'medium', 'TOP … WITH TIES / TOP … PERCENT have no MySQL form; LIMIT n (without ties / the percentage as a count) is NOT the same', 'Rewrite with RANK() OVER (ORDER BY …) <= n in a derived table, or compute the row count first.'),
  datepart: def('TM0022', 'medium', 'simple', 'Date part has no MySQL form; kept as written', 'Rewrite the date arithmetic by hand.'),
  systemVariable: def('TM0023', 'medium', 'simple', '@@ variable has no MySQL equivalent here; kept as written', 'Rewrite by hand.'),
  unsupportedQuery: def('TM0024', 'high', 'medium', 'T-SQL query construct has no MySQL form in this version of the rules (APPLY, OUTPUT, MERGE, SELECT INTO, UPDATE/DELETE … FROM); the object was not converted', 'Rewrite by hand: LATERAL (MySQL 8.0.14+), INSERT … ON DUPLICATE KEY UPDATE, CREATE TABLE … AS SELECT, multi-table UPDATE/DELETE.'),
  procedural: def('TM0025', 'high', 'significant', 'T-SQL procedures, functions and triggers are not converted to MySQL stored programs yet; the object was left out', 'Convert the routine by hand (parameters without @, DECLARE … HANDLER for TRY/CATCH, SIGNAL for THROW, FOR EACH ROW triggers with NEW/OLD).'),
  internalError: def('TM0026', 'critical', 'medium', 'Internal error in a conversion rule; the object was not converted', 'Report this bug with the object; convert the object by hand.'),
  objectType: def('TM0027', 'medium', 'medium', 'Object type has no MySQL equivalent; not converted', 'Rewrite by hand.'),
  schemaDropped: def('TM0028', 'info', 'none', 'Schema names were dropped (dbo.T → T): objects are created in the target database', 'Map schemas to databases with the schema map if several schemas hold objects of the same name.'),
  datetime: def('TM0029', 'info', 'none', 'DATETIME (3.33 ms steps) became DATETIME(3)', 'Nothing to do.'),
  cursorType: def('TM0030', 'medium', 'simple', 'SQL_VARIANT/HIERARCHYID/GEOGRAPHY/GEOMETRY: no equivalent with the same behaviour', 'Choose a target type by hand.'),
  checkNondeterministic: def('TM0031', 'high', 'simple', 'CHECK constraint calls a non-deterministic function (GETDATE() …), which MySQL/MariaDB refuse in CHECK; the constraint was not created', 'Enforce the rule in a BEFORE INSERT/UPDATE trigger.'),
  likeClass: def('TM0032', 'info', 'none', 'LIKE pattern with [set] classes became REGEXP (MySQL LIKE has no classes)', 'Nothing to do.'),
} as const satisfies Record<string, DiagnosticDef>;

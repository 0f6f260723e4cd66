import { POSTGRES_TOKENIZER, type Dialect } from '../common/dialect.js';
import type { TokenizerConfig } from '../common/tokens.js';
import { parseTsqlDataType, TSQL_TYPES } from './datatype.js';

/**
 * T-SQL configuration of the common tokenizer: [bracketed] identifiers, "…" identifiers while
 * QUOTED_IDENTIFIER is ON (the default; OFF makes "…" a string), N'…' strings, 0x… binary
 * literals, @local and @@system variables, #temp / ##global names, -- and nested /* *\/ comments,
 * no backslash escapes. Identifiers keep their case (the default collation compares them
 * case-insensitively; the front end does not fold).
 */
export const TSQL_TOKENIZER: TokenizerConfig = {
  ...POSTGRES_TOKENIZER,
  bracketIdents: true,
  doubleQuoteIdents: true,
  nestedComments: true,
  dollarQuotes: false,
  dollarParams: false,
  colonBinds: false,
  postgresStringPrefixes: false,
  atVariables: true,
  zeroXLiterals: true,
  hashIdentStart: true,
  hashInIdents: true,
  operators: ['<=', '>=', '<>', '!=', '!<', '!>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '::', '||'],
};

const RESERVED = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'OFFSET', 'FETCH', 'UNION', 'INTERSECT', 'EXCEPT',
  'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'ON', 'INTO', 'VALUES', 'SET',
  'FOR', 'WITH', 'AND', 'OR', 'NOT', 'AS', 'IS', 'IN', 'LIKE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE',
  'END', 'RETURN', 'ASC', 'DESC', 'NULL', 'DISTINCT', 'ALL', 'ANY', 'UNIQUE', 'TOP', 'PERCENT',
  'CREATE', 'ALTER', 'DROP', 'TABLE', 'CHECK', 'CONSTRAINT', 'DEFAULT', 'UPDATE', 'DELETE', 'INSERT',
  'PIVOT', 'UNPIVOT', 'BEGIN', 'DECLARE', 'IF', 'WHILE', 'BREAK', 'CONTINUE', 'GOTO', 'EXEC', 'EXECUTE',
  'PRINT', 'RAISERROR', 'THROW', 'MERGE', 'OUTPUT', 'OPTION', 'APPLY', 'USE', 'GO', 'COMMIT', 'ROLLBACK',
  'SAVE', 'TRUNCATE', 'WAITFOR', 'OPEN', 'CLOSE', 'DEALLOCATE', 'GRANT', 'REVOKE', 'DENY', 'CHECKPOINT',
];

export const TSQL_RESERVED: ReadonlySet<string> = new Set(RESERVED);

export const TSQL_DIALECT: Dialect = {
  name: 'sqlserver',
  tokenizer: TSQL_TOKENIZER,
  pipesAsConcat: false,
  foldUnquoted: 'none',
  types: TSQL_TYPES,
  userTypes: true,
  reserved: TSQL_RESERVED,
  dataType: parseTsqlDataType,
};

/** SET QUOTED_IDENTIFIER OFF: "…" is a string literal. */
export const TSQL_DIALECT_QI_OFF: Dialect = {
  ...TSQL_DIALECT,
  tokenizer: { ...TSQL_TOKENIZER, doubleQuoteIdents: false },
};

export function tsqlDialect(quotedIdentifier: boolean): Dialect {
  return quotedIdentifier ? TSQL_DIALECT : TSQL_DIALECT_QI_OFF;
}

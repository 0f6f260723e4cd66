import type { TokenizerConfig } from './tokens.js';
import { MYSQL_TYPES } from './types-mysql.js';
import { POSTGRES_TYPES } from './types-postgres.js';
import type { TypeSpelling } from './datatype.js';
import type { Parser } from './parser.js';
import type { DataType } from '../../model/index.js';

/**
 * Everything the shared parser needs to know about a source dialect. Front ends start from
 * MYSQL_DIALECT / POSTGRES_DIALECT and override fields (sql_mode, server version) with a spread.
 */
export interface Dialect {
  name: 'mysql' | 'postgres' | 'oracle' | 'sqlserver';
  tokenizer: TokenizerConfig;
  /** MySQL PIPES_AS_CONCAT: || is concatenation instead of OR. */
  pipesAsConcat: boolean;
  /** PostgreSQL folds unquoted identifiers to lower case, Oracle to upper case; MySQL keeps them. */
  foldUnquoted: 'lower' | 'upper' | 'none';
  /** Type spellings (upper case, words joined by one space) → canonical type. */
  types: Record<string, TypeSpelling>;
  /** An unknown type name is a user-defined type (PostgreSQL) rather than 'unknown' (MySQL). */
  userTypes: boolean;
  /** Words that never start an implicit alias (SELECT a b / FROM t x). */
  reserved: ReadonlySet<string>;
  /** The dialect's own type parser (Oracle); parseDataType delegates to it when set. */
  dataType?: (p: Parser) => DataType;
}

const COMMON_RESERVED = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'INTERSECT', 'EXCEPT',
  'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'ON', 'USING', 'INTO', 'VALUES', 'SET',
  'FOR', 'WINDOW', 'WITH', 'AND', 'OR', 'NOT', 'AS', 'IS', 'IN', 'LIKE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE',
  'END', 'RETURNING', 'LATERAL', 'DO', 'ASC', 'DESC', 'NULL', 'TRUE', 'FALSE', 'DISTINCT', 'ALL', 'ANY',
  'CREATE', 'ALTER', 'DROP', 'TABLE', 'PRIMARY', 'FOREIGN', 'REFERENCES', 'CHECK', 'CONSTRAINT', 'UNIQUE', 'DEFAULT',
  'COLLATE', 'UPDATE', 'DELETE', 'INSERT',
];

export const MYSQL_RESERVED: ReadonlySet<string> = new Set([
  ...COMMON_RESERVED, 'STRAIGHT_JOIN', 'USE', 'FORCE', 'IGNORE', 'LOCK', 'DIV', 'MOD', 'XOR', 'REGEXP', 'RLIKE',
  'PARTITION', 'KEY', 'INDEX', 'SEPARATOR', 'DUPLICATE', 'INTERVAL', 'STARTS', 'ENDS', 'DECLARE', 'SIGNAL', 'LEAVE',
  'ITERATE', 'UNTIL', 'WHILE', 'REPEAT', 'LOOP', 'ELSEIF', 'RETURN',
]);

export const POSTGRES_RESERVED: ReadonlySet<string> = new Set([
  ...COMMON_RESERVED, 'ILIKE', 'SIMILAR', 'ISNULL', 'NOTNULL', 'ONLY', 'FILTER', 'OVER', 'TABLESAMPLE', 'LOOP',
  'ANALYSE', 'ANALYZE', 'CONCURRENTLY', 'VARIADIC',
]);

export const MYSQL_TOKENIZER: TokenizerConfig = {
  backtickIdents: true,
  doubleQuoteIdents: false,
  backslashEscapes: true,
  hashComments: true,
  dashCommentNeedsSpace: true,
  nestedComments: false,
  versionComments: true,
  serverVersion: 80000,
  dollarQuotes: false,
  atVariables: true,
  dollarParams: false,
  colonBinds: false,
  questionParams: true,
  postgresStringPrefixes: false,
  introducers: true,
  zeroXLiterals: true,
  digitLeadingIdents: true,
  operators: [':=', '<=>', '<=', '>=', '<>', '!=', '<<', '>>', '&&', '||', '->>', '->'],
};

export const POSTGRES_TOKENIZER: TokenizerConfig = {
  backtickIdents: false,
  doubleQuoteIdents: true,
  backslashEscapes: false,
  hashComments: false,
  dashCommentNeedsSpace: false,
  nestedComments: true,
  versionComments: false,
  serverVersion: 0,
  dollarQuotes: true,
  atVariables: false,
  dollarParams: true,
  colonBinds: true,
  questionParams: false,
  postgresStringPrefixes: true,
  introducers: false,
  zeroXLiterals: false,
  digitLeadingIdents: false,
  operators: [
    '::', ':=', '=>', '<=', '>=', '<>', '!=', '<<=', '>>=', '<<', '>>', '&&', '||/', '||', '|/', '->>', '->', '#>>', '#>',
    '@>', '<@', '@@', '@?', '?|', '?&', '~~*', '~~', '!~~*', '!~~', '~*', '!~*', '!~', '<->', '-|-', '^@', '&<', '&>',
  ],
};

export const MYSQL_DIALECT: Dialect = {
  name: 'mysql',
  tokenizer: MYSQL_TOKENIZER,
  pipesAsConcat: false,
  foldUnquoted: 'none',
  types: MYSQL_TYPES,
  userTypes: false,
  reserved: MYSQL_RESERVED,
};

export const POSTGRES_DIALECT: Dialect = {
  name: 'postgres',
  tokenizer: POSTGRES_TOKENIZER,
  pipesAsConcat: true,
  foldUnquoted: 'lower',
  types: POSTGRES_TYPES,
  userTypes: true,
  reserved: POSTGRES_RESERVED,
};

/** MySQL with sql_mode options applied. */
export interface MysqlDialectOptions {
  ansiQuotes?: boolean;
  pipesAsConcat?: boolean;
  noBackslashEscapes?: boolean;
  /** e.g. 80036 for 8.0.36, 101106 for MariaDB 10.11.6; decides which /*!NNNNN *\/ comments are code. */
  serverVersion?: number;
  /** Read version comments the way MariaDB does. */
  mariadb?: boolean;
}

export function mysqlDialect(options: MysqlDialectOptions = {}): Dialect {
  return {
    ...MYSQL_DIALECT,
    pipesAsConcat: options.pipesAsConcat ?? false,
    tokenizer: {
      ...MYSQL_TOKENIZER,
      doubleQuoteIdents: options.ansiQuotes ?? false,
      backslashEscapes: !(options.noBackslashEscapes ?? false),
      serverVersion: options.serverVersion ?? MYSQL_TOKENIZER.serverVersion,
      mariadbVersionComments: options.mariadb ?? false,
    },
  };
}

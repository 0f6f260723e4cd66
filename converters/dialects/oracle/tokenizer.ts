import { POSTGRES_TOKENIZER, type Dialect } from '../common/dialect.js';
import type { TokenizerConfig } from '../common/tokens.js';
import { ORACLE_TYPES, parseOracleDataType } from './datatype.js';

/**
 * Oracle configuration of the common tokenizer: "…" identifiers (case-sensitive), unquoted names
 * fold to UPPER case, q'[…]' strings, no backslash escapes, -- and /* *\/ comments (not nested),
 * :bind / :new / :old variables, `||` concatenation, `=>`, `..`, `%`, `<<label>>`, `(+)` as tokens.
 */
export const ORACLE_TOKENIZER: TokenizerConfig = {
  ...POSTGRES_TOKENIZER,
  nestedComments: false,
  dollarQuotes: false,
  dollarParams: false,
  postgresStringPrefixes: false,
  colonBinds: true,
  qQuotes: true,
  hashInIdents: true,
  operators: [':=', '=>', '..', '<=', '>=', '<>', '!=', '^=', '~=', '||', '**', '<<', '>>'],
};

const RESERVED = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'OFFSET', 'FETCH', 'UNION', 'INTERSECT', 'MINUS', 'EXCEPT',
  'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'ON', 'USING', 'INTO', 'VALUES', 'SET',
  'FOR', 'WITH', 'AND', 'OR', 'NOT', 'AS', 'IS', 'IN', 'LIKE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE',
  'END', 'RETURNING', 'RETURN', 'ASC', 'DESC', 'NULL', 'DISTINCT', 'ALL', 'ANY', 'UNIQUE', 'PRIOR',
  'CREATE', 'ALTER', 'DROP', 'TABLE', 'CHECK', 'CONSTRAINT', 'DEFAULT', 'UPDATE', 'DELETE', 'INSERT',
  'CONNECT', 'START', 'PIVOT', 'UNPIVOT', 'MODEL', 'PARTITION', 'SAMPLE', 'LOOP', 'BEGIN', 'DECLARE',
  'EXCEPTION', 'BULK', 'LIMIT', 'MERGE', 'WINDOW', 'QUALIFY', 'LATERAL', 'APPLY',
];

/** Words that never start an implicit alias. */
export const ORACLE_RESERVED: ReadonlySet<string> = new Set(RESERVED);

export const ORACLE_DIALECT: Dialect = {
  name: 'oracle',
  tokenizer: ORACLE_TOKENIZER,
  pipesAsConcat: true,
  foldUnquoted: 'upper',
  types: ORACLE_TYPES,
  userTypes: true,
  reserved: ORACLE_RESERVED,
  dataType: parseOracleDataType,
};

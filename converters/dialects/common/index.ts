export type { Token, TokenType, TokenizerConfig, LexError, LexStart } from './tokens.js';
export { tokenize, type TokenizeResult } from './tokenizer.js';
export { TokenArena } from './token-arena.js';
export { Parser, ParseError, describeToken, type ParserHooks } from './parser.js';
export {
  type Dialect, MYSQL_DIALECT, POSTGRES_DIALECT, MYSQL_TOKENIZER, POSTGRES_TOKENIZER, MYSQL_RESERVED, POSTGRES_RESERVED, mysqlDialect, type MysqlDialectOptions,
} from './dialect.js';
export { parseDataType, parseDataTypeText, isDataTypeStart, type TypeSpelling, type DataTypeOptions } from './datatype.js';
export { parseExpression, parseExpressionList, parseStringLiteral, INTERVAL_UNITS } from './expr.js';
export { parseFunctionCall, parseWindowSpecBody, NILADIC } from './expr-functions.js';
export {
  parseQuery, isQueryStart, parseOrderByList, parseFromList, parseJoinedTable, parseNameList, parseAlias, parseValues,
} from './query.js';
export { parseDml, parseInsert, parseUpdate, parseDelete } from './dml.js';
export { qualifiedName } from './names.js';
export { spanOf, locate } from './spans.js';

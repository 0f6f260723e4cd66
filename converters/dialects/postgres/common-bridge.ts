import type { DataType, Delete, Expr, Insert, Query, Update } from '../../model/index.js';
import type { Parser } from '../common/parser.js';
import { parseDataType } from '../common/datatype.js';
import { parseExpression } from '../common/expr.js';
import { parseQuery } from '../common/query.js';
import { parseDml } from '../common/dml.js';

/** The one place the PostgreSQL front end calls the common expression, query, DML and type parsers. */
export function commonExpr(p: Parser): Expr {
  return parseExpression(p);
}
export function commonQuery(p: Parser): Query {
  return parseQuery(p);
}
export function commonDml(p: Parser): Query | Insert | Update | Delete {
  return parseDml(p);
}
/** COLLATE after a type belongs to the column/domain/attribute in PostgreSQL: callers read it. */
export function commonDataType(p: Parser): DataType {
  return parseDataType(p, { noCollate: true });
}

import type { SourceSpan } from './span.js';
import type { DataType } from './datatype.js';
import type { QualifiedName } from './names.js';
import type { Query } from './dml.js';
import type { Unparsed } from './unparsed.js';

/** Expressions. Function names stay as the source spelled them; rules/<src>-<tgt> rewrite them. */
export type Expr =
  | Literal
  | ColumnRef
  | Variable
  | Star
  | Unary
  | Binary
  | Like
  | FunctionCall
  | CaseExpr
  | Cast
  | Between
  | InList
  | InQuery
  | Exists
  | ScalarSubquery
  | IsTest
  | IntervalExpr
  | Collate
  | ArrayExpr
  | Subscript
  | RowExpr
  | DefaultValue
  | NamedArg
  | CursorAttr
  | RawExpr
  | Unparsed;

export type ExprKind = Expr['kind'];

interface Node { span: SourceSpan }

export interface Literal extends Node {
  kind: 'Literal';
  type: 'string' | 'number' | 'null' | 'boolean' | 'hex' | 'bit' | 'date' | 'time' | 'timestamp' | 'interval';
  /** Unquoted value: for strings the decoded text; for numbers the digits as written. */
  value: string;
  /** N'…' national string, _utf8mb4'…' introducer, E'…' escape string. */
  national?: boolean;
  introducer?: string;
}

/** A possibly qualified column (or NEW.col / OLD.col / record.field) reference. */
export interface ColumnRef extends Node {
  kind: 'ColumnRef';
  parts: string[];
  quoted?: boolean[];
  /** Oracle `col(+)` outer-join marker in WHERE; rules turn it into an ANSI join. */
  outerJoin?: boolean;
}

/**
 * A variable: `local` routine variables/parameters that the parser could tell apart from columns,
 * `user` @x, `system` @@x, `bind` :x, `positional` $1.
 */
export interface Variable extends Node {
  kind: 'Variable';
  name: string;
  scope: 'local' | 'user' | 'system' | 'bind' | 'positional';
}

export interface Star extends Node {
  kind: 'Star';
  qualifier?: string[];
}

export interface Unary extends Node {
  kind: 'Unary';
  /** `prior` and `connect_by_root` only occur under Select.hierarchical (Oracle CONNECT BY). */
  op: '-' | '+' | 'NOT' | '~' | '!' | 'prior' | 'connect_by_root';
  operand: Expr;
}

/**
 * `concat` is string concatenation with NULL propagation (PostgreSQL ||, MySQL with PIPES_AS_CONCAT);
 * `or` is logical OR whatever the source spelling (MySQL || defaults to OR).
 */
export type BinaryOp =
  | '+' | '-' | '*' | '/' | 'div' | '%'
  | '=' | '<>' | '<' | '>' | '<=' | '>=' | '<=>'
  | 'and' | 'or' | 'xor'
  | 'concat'
  | '&' | '|' | '^' | '<<' | '>>'
  | 'is distinct from' | 'is not distinct from'
  | '->' | '->>' | '#>' | '#>>' | '@>' | '<@' | '?' | '&&' | '@@'
  | 'any' | 'all';

export interface Binary extends Node {
  kind: 'Binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  /** For `x = ANY(…)`: the comparison operator applied. */
  quantifiedOp?: string;
}

export interface Like extends Node {
  kind: 'Like';
  op: 'like' | 'ilike' | 'regexp' | 'similar' | 'rlike';
  not: boolean;
  expr: Expr;
  pattern: Expr;
  escape?: Expr;
  /** PostgreSQL ~ ~* !~ !~*: case-insensitive regex. */
  caseInsensitive?: boolean;
}

export interface OrderItem {
  expr: Expr;
  direction?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

export interface WindowSpec {
  name?: string;
  partitionBy: Expr[];
  orderBy: OrderItem[];
  frame?: string;
}

export interface FunctionCall extends Node {
  kind: 'FunctionCall';
  name: QualifiedName;
  args: Expr[];
  distinct?: boolean;
  /** count(*) */
  star?: boolean;
  /** Aggregate ORDER BY (GROUP_CONCAT, string_agg, array_agg). */
  orderBy?: OrderItem[];
  /** GROUP_CONCAT(… SEPARATOR x) */
  separator?: Expr;
  filter?: Expr;
  over?: WindowSpec;
  /** Keyword arguments forms such as EXTRACT(field FROM x), TRIM(LEADING x FROM y), POSITION(a IN b). */
  keywordForm?: { keyword: string; leading?: string };
}

export interface CaseExpr extends Node {
  kind: 'Case';
  operand?: Expr;
  whens: { when: Expr; then: Expr }[];
  else?: Expr;
}

export interface Cast extends Node {
  kind: 'Cast';
  expr: Expr;
  type: DataType;
  syntax: 'cast' | 'convert' | 'coloncolon';
  /** T-SQL CONVERT(type, x, style): the style number (date/money/binary formatting). */
  style?: Expr;
  /** T-SQL TRY_CAST / TRY_CONVERT: NULL instead of an error when the value does not convert. */
  try?: boolean;
}

export interface Between extends Node {
  kind: 'Between';
  expr: Expr;
  low: Expr;
  high: Expr;
  not: boolean;
}

export interface InList extends Node {
  kind: 'InList';
  expr: Expr;
  list: Expr[];
  not: boolean;
}

export interface InQuery extends Node {
  kind: 'InQuery';
  expr: Expr;
  query: Query;
  not: boolean;
}

export interface Exists extends Node {
  kind: 'Exists';
  query: Query;
  not: boolean;
}

export interface ScalarSubquery extends Node {
  kind: 'ScalarSubquery';
  query: Query;
}

/** IS [NOT] NULL / TRUE / FALSE / UNKNOWN */
export interface IsTest extends Node {
  kind: 'IsTest';
  expr: Expr;
  test: 'null' | 'true' | 'false' | 'unknown';
  not: boolean;
}

/** MySQL INTERVAL expr unit, or a PostgreSQL interval given as value + unit. */
export interface IntervalExpr extends Node {
  kind: 'Interval';
  value: Expr;
  unit: string;
}

export interface Collate extends Node {
  kind: 'Collate';
  expr: Expr;
  collation: string;
}

export interface ArrayExpr extends Node {
  kind: 'Array';
  items: Expr[];
}

export interface Subscript extends Node {
  kind: 'Subscript';
  expr: Expr;
  index: Expr;
  upper?: Expr;
  /**
   * PL/SQL `coll(i).field[.sub]`: record fields selected from the element (PostgreSQL
   * `(coll[i]).field`). Rules/generators that do not print it must report it, never drop it.
   */
  field?: string[];
}

export interface RowExpr extends Node {
  kind: 'Row';
  items: Expr[];
}

/** DEFAULT in VALUES lists and SET col = DEFAULT. */
export interface DefaultValue extends Node {
  kind: 'Default';
}

/** Named-notation argument `name => value` (PL/SQL and PostgreSQL calls). */
export interface NamedArg extends Node {
  kind: 'NamedArg';
  name: string;
  value: Expr;
}

/**
 * PL/SQL cursor attribute: `c%FOUND`, `SQL%ROWCOUNT` (no `cursor`: the implicit SQL cursor),
 * `SQL%BULK_ROWCOUNT(i)` (`index`). Rules turn them into FOUND / GET DIAGNOSTICS / variables.
 */
export interface CursorAttr extends Node {
  kind: 'CursorAttr';
  cursor?: string;
  attr: 'found' | 'notfound' | 'rowcount' | 'isopen' | 'bulk_rowcount' | 'bulk_exceptions';
  index?: Expr;
  /** `SQL%BULK_EXCEPTIONS.COUNT` → 'COUNT'; `SQL%BULK_EXCEPTIONS(i).ERROR_INDEX` / `.ERROR_CODE`. */
  field?: string;
}

/**
 * Text emitted as is in the target. Only rules create it, for target-specific fragments
 * they have already verified; never a front end.
 */
export interface RawExpr extends Node {
  kind: 'Raw';
  text: string;
}

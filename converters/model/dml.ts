import type { SourceSpan } from './span.js';
import type { QualifiedName } from './names.js';
import type { Expr, OrderItem, WindowSpec } from './expr.js';
import type { Unparsed } from './unparsed.js';

interface Node { span: SourceSpan }

export type Query = Select | SetOperation | Values;

export interface SelectItem {
  expr: Expr;
  alias?: string;
}

export interface Cte {
  name: string;
  columns?: string[];
  query: Query;
  recursive?: boolean;
}

export interface Select extends Node {
  kind: 'Select';
  with?: Cte[];
  distinct?: boolean;
  /** PostgreSQL DISTINCT ON (…) */
  distinctOn?: Expr[];
  items: SelectItem[];
  /** SELECT … INTO var, … (procedural) */
  into?: Expr[];
  from: TableExpr[];
  where?: Expr;
  groupBy: Expr[];
  /** MySQL GROUP BY … WITH ROLLUP */
  rollup?: boolean;
  /** GROUP BY ROLLUP / CUBE / GROUPING SETS, after the plain groupBy expressions (Oracle). */
  groupingSets?: GroupingSpec[];
  having?: Expr;
  windows?: { name: string; spec: WindowSpec }[];
  orderBy: OrderItem[];
  limit?: Expr;
  offset?: Expr;
  /** FETCH FIRST n ROWS WITH TIES */
  withTies?: boolean;
  /** T-SQL TOP (n) PERCENT: `limit` is a percentage. */
  limitPercent?: boolean;
  /** Oracle START WITH … CONNECT BY [NOCYCLE] … [ORDER SIBLINGS BY …]; rules rewrite it (WITH RECURSIVE). */
  hierarchical?: Hierarchical;
  /** T-SQL SELECT … INTO new_table (creates the table); rules lower it to CREATE TABLE AS. */
  intoTable?: { name: QualifiedName; temporary?: boolean };
  lock?: 'update' | 'share';
  /** MySQL SQL_CALC_FOUND_ROWS, STRAIGHT_JOIN, HIGH_PRIORITY … kept so rules can flag them. */
  modifiers?: string[];
}

export interface Hierarchical {
  startWith?: Expr;
  /** The CONNECT BY condition; PRIOR appears as Unary op 'prior'. */
  connectBy: Expr;
  noCycle?: boolean;
  orderSiblingsBy?: OrderItem[];
}

export interface SetOperation extends Node {
  kind: 'SetOperation';
  with?: Cte[];
  op: 'union' | 'intersect' | 'except';
  all: boolean;
  left: Query;
  right: Query;
  orderBy: OrderItem[];
  limit?: Expr;
  offset?: Expr;
}

export interface Values extends Node {
  kind: 'Values';
  rows: Expr[][];
}

export type TableExpr = TableRef | Join | DerivedTable | TableFunction;

export interface TableRef extends Node {
  kind: 'TableRef';
  name: QualifiedName;
  alias?: string;
  /** MySQL index hints (USE/FORCE/IGNORE INDEX …), kept for diagnostics. */
  hints?: string[];
  /** PostgreSQL ONLY t */
  only?: boolean;
}

export interface Join extends Node {
  kind: 'Join';
  type: 'inner' | 'left' | 'right' | 'full' | 'cross' | 'straight';
  natural?: boolean;
  lateral?: boolean;
  left: TableExpr;
  right: TableExpr;
  on?: Expr;
  using?: string[];
}

export interface DerivedTable extends Node {
  kind: 'DerivedTable';
  query: Query;
  alias?: string;
  columnAliases?: string[];
  lateral?: boolean;
}

export interface TableFunction extends Node {
  kind: 'TableFunction';
  call: Expr;
  alias?: string;
  columnAliases?: string[];
  /** T-SQL CROSS/OUTER APPLY fn(t.col): the call reads columns of tables to its left. */
  lateral?: boolean;
}

export interface Assignment {
  /** Column name, possibly qualified (t.col). */
  column: string[];
  value: Expr;
}

export interface Insert extends Node {
  kind: 'Insert';
  table: QualifiedName;
  alias?: string;
  columns?: string[];
  source: Query | { kind: 'DefaultValues' };
  /** INSERT IGNORE */
  ignore?: boolean;
  /** REPLACE INTO */
  replace?: boolean;
  /** MySQL ON DUPLICATE KEY UPDATE */
  onDuplicateKeyUpdate?: Assignment[];
  /** PostgreSQL ON CONFLICT */
  onConflict?: { target?: string[]; constraint?: string; action: 'nothing' | 'update'; set?: Assignment[]; where?: Expr };
  returning?: { expr: Expr; alias?: string }[];
  /** T-SQL OUTPUT … INTO table [(columns)]: the `returning` rows are inserted into that table (rules lower it). */
  outputInto?: OutputInto;
  /**
   * PostgreSQL `WITH name AS (data-modifying statement) INSERT …`: the statement runs and its
   * RETURNING rows are readable as `name` in this INSERT's source.
   */
  dataCte?: { name: string; statement: Insert | Update | Delete };
  /**
   * PL/SQL INSERT INTO t VALUES rec: the source is one VALUES row holding only the record variable,
   * whose fields go to the table's columns in order. Rules must spread it (or report it).
   */
  valuesRecord?: boolean;
  /**
   * Oracle multi-table INSERT ALL / FIRST: this INSERT and the ones chained in `dataCte` are its INTO
   * clauses (innermost first), independent of each other, each reading the source query as a derived
   * table filtered by its WHEN (FIRST: earlier WHENs negated). PostgreSQL runs the chain as one
   * statement; targets without data-modifying CTEs split it.
   */
  multiTable?: 'all' | 'first';
}

export interface OutputInto {
  table: QualifiedName;
  columns?: string[];
}

/**
 * One ROLLUP (…), CUBE (…) or GROUPING SETS (…) of a GROUP BY. A group is a parenthesised list of
 * expressions (one expression when written bare); GROUPING SETS' () is an empty group.
 */
export interface GroupingSpec {
  type: 'rollup' | 'cube' | 'sets';
  groups: Expr[][];
}

export interface Update extends Node {
  kind: 'Update';
  /** The updated table, joined with others for MySQL multi-table UPDATE. */
  table: TableExpr;
  set: Assignment[];
  /** PostgreSQL UPDATE … FROM */
  from?: TableExpr[];
  where?: Expr;
  orderBy?: OrderItem[];
  limit?: Expr;
  returning?: { expr: Expr; alias?: string }[];
  /** T-SQL OUTPUT … INTO table [(columns)] (see Insert.outputInto). */
  outputInto?: OutputInto;
  /** Oracle/PostgreSQL WHERE CURRENT OF cursor (instead of where): the row the cursor is on. */
  currentOf?: string;
  /**
   * PL/SQL UPDATE t SET ROW = rec: `set` holds one assignment to the column ROW whose value is the
   * record variable; every column gets the record's field in order. Rules must spread it (or report it).
   */
  setRow?: boolean;
}

export interface Delete extends Node {
  kind: 'Delete';
  /** Tables rows are deleted from (MySQL multi-table DELETE t1, t2 FROM …). */
  targets: QualifiedName[];
  from: TableExpr[];
  /** PostgreSQL DELETE … USING */
  using?: TableExpr[];
  where?: Expr;
  orderBy?: OrderItem[];
  limit?: Expr;
  returning?: { expr: Expr; alias?: string }[];
  /** T-SQL OUTPUT … INTO table [(columns)] (see Insert.outputInto). */
  outputInto?: OutputInto;
  /** Oracle/PostgreSQL WHERE CURRENT OF cursor (instead of where): the row the cursor is on. */
  currentOf?: string;
}

export interface MergeClause {
  /** WHEN MATCHED / WHEN NOT MATCHED [BY TARGET] / WHEN NOT MATCHED BY SOURCE (T-SQL) */
  match: 'matched' | 'not matched' | 'not matched by source';
  /** WHEN … AND condition (T-SQL, PostgreSQL) */
  condition?: Expr;
  action:
    /** Oracle's `UPDATE SET … WHERE w DELETE WHERE d` keeps w in `where`, d in `deleteWhere`. */
    | { kind: 'update'; set: Assignment[]; where?: Expr; deleteWhere?: Expr }
    | { kind: 'delete' }
    | { kind: 'insert'; columns?: string[]; values: Expr[] | 'default'; where?: Expr }
    | { kind: 'nothing' };
  span: SourceSpan;
}

/** MERGE INTO target USING source ON … WHEN … (Oracle, T-SQL, PostgreSQL 15). */
export interface Merge extends Node {
  kind: 'Merge';
  target: TableRef;
  source: TableExpr;
  on: Expr;
  clauses: MergeClause[];
  returning?: { expr: Expr; alias?: string }[];
}

export type Dml = Query | Insert | Update | Delete | Merge | Unparsed;

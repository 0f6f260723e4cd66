import type { SourceSpan } from './span.js';
import type { DataType } from './datatype.js';
import type { QualifiedName } from './names.js';
import type { Expr } from './expr.js';
import type { Query, Insert, Update, Delete, Merge } from './dml.js';
import type { Unparsed } from './unparsed.js';
import type { CatalogObject, Column, Constraint, Routine } from './catalog.js';

interface Node { span: SourceSpan }

/**
 * Procedural code: MySQL compound statements, PL/pgSQL, and (later) PL/SQL and T-SQL share this
 * tree. Oracle packages map to Package + Routine; T-SQL batches are Blocks with their statements.
 */
export type Statement =
  | Block
  | VarDecl
  | CursorDecl
  | ConditionDecl
  | HandlerDecl
  | Assign
  | If
  | CaseStatement
  | Loop
  | While
  | Repeat
  | ForRange
  | ForQuery
  | Leave
  | Iterate
  | Return
  | OpenCursor
  | Fetch
  | CloseCursor
  | SqlStatement
  | Call
  | Raise
  | DynamicSql
  | Transaction
  | GetDiagnostics
  | NullStatement
  | DdlStatement
  | TypeDecl
  | Pragma
  | ForAll
  | Goto
  | Label
  | SessionSet
  | Unparsed;

export type StatementKind = Statement['kind'];

export interface Block extends Node {
  kind: 'Block';
  label?: string;
  /** Declarations in order (variables, cursors, conditions, handlers). */
  declarations: Statement[];
  body: Statement[];
  /** PL/pgSQL / PL/SQL EXCEPTION WHEN … sections. MySQL handlers stay HandlerDecl in declarations. */
  exceptionHandlers: ExceptionHandler[];
  /** MySQL BEGIN NOT ATOMIC and similar modifiers. */
  atomic?: boolean;
  /**
   * PL/SQL local subprograms (PROCEDURE/FUNCTION declared in the block's declaration section), in
   * order; they see the block's earlier declarations. Targets without nested routines must lift them out.
   */
  routines?: Routine[];
}

export interface VarDecl extends Node {
  kind: 'VarDecl';
  /** T-SQL table variable DECLARE @t TABLE (…): its columns and constraints (dataType is then 'unknown' with sourceText 'TABLE'). */
  table?: { columns: Column[]; constraints: Constraint[] };
  names: string[];
  dataType: DataType;
  default?: Expr;
  constant?: boolean;
  notNull?: boolean;
  /** PL/pgSQL `x table.col%TYPE` / `r table%ROWTYPE` / `r RECORD` */
  typeRef?: { of: QualifiedName; column?: string; rowtype?: boolean };
  record?: boolean;
}

export interface CursorDecl extends Node {
  kind: 'CursorDecl';
  name: string;
  /** typeRef: PL/SQL `p t.col%TYPE` (dataType is then 'unknown'); default: PL/SQL `p … DEFAULT expr`, used when OPEN/FOR omits the argument. */
  params?: { name: string; dataType: DataType; typeRef?: VarDecl['typeRef']; default?: Expr }[];
  query: Query | Unparsed;
  scroll?: boolean;
}

export interface ConditionDecl extends Node {
  kind: 'ConditionDecl';
  name: string;
  sqlstate?: string;
  errorCode?: number;
}

/** A condition a handler catches. */
export type HandlerCondition =
  | { kind: 'sqlstate'; value: string }
  | { kind: 'errorCode'; value: number }
  | { kind: 'named'; name: string }
  | { kind: 'notFound' }
  | { kind: 'sqlException' }
  | { kind: 'sqlWarning' }
  | { kind: 'others' };

/** MySQL DECLARE CONTINUE|EXIT HANDLER FOR … statement */
export interface HandlerDecl extends Node {
  kind: 'HandlerDecl';
  action: 'continue' | 'exit' | 'undo';
  conditions: HandlerCondition[];
  body: Statement;
}

export interface ExceptionHandler {
  conditions: HandlerCondition[];
  body: Statement[];
  span: SourceSpan;
}

export interface Assign extends Node {
  kind: 'Assign';
  target: Expr;
  value: Expr;
}

export interface If extends Node {
  kind: 'If';
  branches: { condition: Expr; body: Statement[] }[];
  else?: Statement[];
}

export interface CaseStatement extends Node {
  kind: 'CaseStatement';
  operand?: Expr;
  whens: { when: Expr; body: Statement[] }[];
  else?: Statement[];
}

export interface Loop extends Node {
  kind: 'Loop';
  label?: string;
  body: Statement[];
}

export interface While extends Node {
  kind: 'While';
  label?: string;
  condition: Expr;
  body: Statement[];
}

export interface Repeat extends Node {
  kind: 'Repeat';
  label?: string;
  body: Statement[];
  until: Expr;
}

export interface ForRange extends Node {
  kind: 'ForRange';
  label?: string;
  variable: string;
  from: Expr;
  to: Expr;
  step?: Expr;
  reverse?: boolean;
  body: Statement[];
}

/** FOR rec IN query / cursor LOOP */
export interface ForQuery extends Node {
  kind: 'ForQuery';
  label?: string;
  variable: string;
  query?: Query | Unparsed;
  cursor?: { name: string; args?: Expr[] };
  /** FOR r IN EXECUTE … */
  dynamic?: Expr;
  /** FOR r IN EXECUTE … USING args */
  using?: Expr[];
  body: Statement[];
}

/** LEAVE label / EXIT [label] [WHEN cond] */
export interface Leave extends Node {
  kind: 'Leave';
  label?: string;
  when?: Expr;
}

/** ITERATE label / CONTINUE [label] [WHEN cond] */
export interface Iterate extends Node {
  kind: 'Iterate';
  label?: string;
  when?: Expr;
}

export interface Return extends Node {
  kind: 'Return';
  value?: Expr;
  /** RETURN QUERY … / RETURN NEXT x (PL/pgSQL set-returning functions) */
  query?: Query;
  next?: boolean;
  /** PL/pgSQL RETURN QUERY EXECUTE sql [USING …] */
  dynamic?: DynamicSql;
}

export interface OpenCursor extends Node {
  kind: 'OpenCursor';
  name: string;
  args?: Expr[];
  /** OPEN c FOR query */
  query?: Query;
  /** OPEN c FOR sql_string [USING …] (PL/SQL REF CURSOR, PL/pgSQL OPEN … FOR EXECUTE) */
  dynamic?: Expr;
  using?: Expr[];
}

export interface Fetch extends Node {
  kind: 'Fetch';
  cursor: string;
  into: Expr[];
  direction?: string;
  /** PL/SQL FETCH c BULK COLLECT INTO coll [LIMIT n] */
  bulk?: boolean;
  limit?: Expr;
}

export interface CloseCursor extends Node {
  kind: 'CloseCursor';
  name: string;
}

/** A SQL statement inside procedural code (or at script level for data scripts). */
export interface SqlStatement extends Node {
  kind: 'SqlStatement';
  statement: Query | Insert | Update | Delete | Merge;
  /** PL/SQL BULK COLLECT INTO: the targets are collections that receive every row. */
  bulk?: boolean;
  /** PL/pgSQL PERFORM: a query whose result is discarded. */
  perform?: boolean;
  /**
   * PL/pgSQL `INSERT/UPDATE/DELETE … RETURNING … INTO targets` (and SELECT … INTO when the
   * front end keeps the targets here rather than on Select.into).
   */
  into?: Expr[];
  /** INTO STRICT: exactly one row or an error (PL/pgSQL, PL/SQL SELECT INTO semantics). */
  strict?: boolean;
}

export interface Call extends Node {
  kind: 'Call';
  name: QualifiedName;
  args: Expr[];
  /** T-SQL EXEC p @a OUTPUT: indexes into args passed as OUTPUT (the callee writes them back). */
  outputArgs?: number[];
  /** T-SQL EXEC @rc = p …: the variable receiving the procedure's return status. */
  returnStatus?: Expr;
}

/**
 * MySQL SIGNAL/RESIGNAL, PL/pgSQL RAISE, PL/SQL RAISE_APPLICATION_ERROR, T-SQL THROW/RAISERROR.
 */
export interface Raise extends Node {
  kind: 'Raise';
  level: 'exception' | 'warning' | 'notice' | 'info' | 'log' | 'debug';
  /** Re-raise the current exception (RESIGNAL / RAISE;) */
  reraise?: boolean;
  sqlstate?: string;
  conditionName?: string;
  /** Message expression; with `formatArgs`, a PL/pgSQL % format string. */
  message?: Expr;
  formatArgs?: Expr[];
  /** Other diagnostic items: MYSQL_ERRNO, DETAIL, HINT … */
  items?: { name: string; value: Expr }[];
}

/** PREPARE/EXECUTE, EXECUTE IMMEDIATE, PL/pgSQL EXECUTE. */
export interface DynamicSql extends Node {
  kind: 'DynamicSql';
  sql: Expr;
  into?: Expr[];
  using?: Expr[];
  /** MySQL PREPARE stmt FROM …; EXECUTE stmt; DEALLOCATE … */
  preparedName?: string;
  phase?: 'prepare' | 'execute' | 'deallocate' | 'immediate';
  /** EXECUTE IMMEDIATE … BULK COLLECT INTO */
  bulk?: boolean;
}

export interface Transaction extends Node {
  kind: 'Transaction';
  action: 'begin' | 'commit' | 'rollback' | 'savepoint' | 'rollback to' | 'release';
  savepoint?: string;
}

export interface GetDiagnostics extends Node {
  kind: 'GetDiagnostics';
  /** GET [STACKED|CURRENT] DIAGNOSTICS */
  stacked?: boolean;
  conditionNumber?: Expr;
  items: { target: Expr; item: string }[];
}

/** PL/pgSQL NULL; and empty statements kept for fidelity. */
export interface NullStatement extends Node {
  kind: 'Null';
}

/**
 * DDL inside procedural code (MySQL CREATE TEMPORARY TABLE in a procedure, PL/pgSQL
 * CREATE TEMP TABLE / DROP TABLE / TRUNCATE). `object` holds the parsed object for CREATE, so
 * generators print it with the same code as top-level objects.
 */
export interface DdlStatement extends Node {
  kind: 'DdlStatement';
  action: 'create' | 'drop' | 'alter' | 'truncate';
  object?: CatalogObject;
  target?: { objectType: string; name: QualifiedName };
  ifExists?: boolean;
  /** The statement as written, for diagnostics and for actions the IR does not model (alter). */
  text: string;
}

/** Field of a PL/SQL RECORD type. */
export interface RecordField {
  name: string;
  dataType: DataType;
  default?: Expr;
  notNull?: boolean;
  typeRef?: VarDecl['typeRef'];
}

/**
 * Local type declarations: PL/SQL `TYPE t IS RECORD (…) | TABLE OF x [INDEX BY y] | VARRAY(n) OF x |
 * REF CURSOR [RETURN r]`, `SUBTYPE s IS base`; T-SQL table variables use VarDecl with a table type.
 */
export interface TypeDecl extends Node {
  kind: 'TypeDecl';
  name: string;
  def:
    | { kind: 'record'; fields: RecordField[] }
    | { kind: 'table'; element: DataType; elementRef?: VarDecl['typeRef']; indexBy?: DataType }
    | { kind: 'varray'; element: DataType; elementRef?: VarDecl['typeRef']; limit: number }
    | { kind: 'refCursor'; returnType?: DataType; returnRef?: VarDecl['typeRef'] }
    | { kind: 'subtype'; base: DataType; baseRef?: VarDecl['typeRef']; notNull?: boolean };
}

/**
 * A session option set inside code (T-SQL `SET ROWCOUNT n`, `SET DATEFORMAT dmy`, `SET XACT_ABORT ON`, …).
 * `name` is the option upper-cased; `value` is an expression (ROWCOUNT n / @v) or the word as written
 * upper-cased (ON/OFF/DMY). Rules decide (e.g. ROWCOUNT n … ROWCOUNT 0 around a SELECT → LIMIT).
 */
export interface SessionSet extends Node {
  kind: 'SessionSet';
  name: string;
  value: Expr | string;
}

/** PRAGMA AUTONOMOUS_TRANSACTION / EXCEPTION_INIT(e, -n) / SERIALLY_REUSABLE / … */
export interface Pragma extends Node {
  kind: 'Pragma';
  name: string;
  args: Expr[];
}

/** PL/SQL FORALL i IN lo..hi | INDICES OF c | VALUES OF c [SAVE EXCEPTIONS] dml */
export interface ForAll extends Node {
  kind: 'ForAll';
  variable: string;
  from?: Expr;
  to?: Expr;
  indicesOf?: Expr;
  valuesOf?: Expr;
  saveExceptions?: boolean;
  statement: SqlStatement | DynamicSql;
}

/** GOTO label (PL/SQL, T-SQL). */
export interface Goto extends Node {
  kind: 'Goto';
  label: string;
}

/** A statement label that is a GOTO target (`<<l>>` before a statement, T-SQL `l:`). */
export interface Label extends Node {
  kind: 'Label';
  name: string;
}

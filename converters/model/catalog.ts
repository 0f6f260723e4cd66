import type { SourceSpan } from './span.js';
import type { DataType } from './datatype.js';
import type { QualifiedName } from './names.js';
import type { Expr } from './expr.js';
import type { Query, Insert, Update, Delete } from './dml.js';
import type { Block, Statement } from './code.js';
import type { Unparsed } from './unparsed.js';
import type { ObjectRef } from './diagnostics.js';

export type SourceDialect = 'mysql' | 'postgres' | 'oracle' | 'sqlserver';
export type TargetDialect = 'postgres' | 'mysql';

interface Node {
  span: SourceSpan;
  /** The source object this one was converted from, set by rules when they rename or split objects. */
  origin?: ObjectRef;
}

/** Every catalog object; generators hold Record<ObjectKind, …>. */
export type CatalogObject =
  | Schema
  | Table
  | View
  | Index
  | Sequence
  | Trigger
  | Routine
  | Package
  | Domain
  | EnumType
  | CompositeType
  | CollectionType
  | Synonym
  | Event
  | Comment
  | DataScript
  | UnparsedObject;

export type ObjectKind = CatalogObject['kind'];

export interface Schema extends Node {
  kind: 'Schema';
  name: QualifiedName;
  charset?: string;
  collation?: string;
  comment?: string;
}

export interface Identity {
  /** auto_increment (MySQL), always / byDefault (SQL standard), serial (PostgreSQL serial types). */
  style: 'auto_increment' | 'always' | 'byDefault' | 'serial';
  start?: number;
  increment?: number;
  minValue?: number;
  maxValue?: number;
  cache?: number;
  cycle?: boolean;
  /** Backing sequence, for serial and Oracle's sequence + trigger pattern. */
  sequence?: QualifiedName;
}

export interface Column extends Node {
  kind: 'Column';
  name: string;
  quoted?: boolean;
  dataType: DataType;
  nullable: boolean;
  default?: Expr;
  /** Name of the default's constraint (T-SQL `CONSTRAINT DF_x DEFAULT …`), kept so ALTER TABLE … DROP CONSTRAINT DF_x can remove it. */
  defaultName?: string;
  identity?: Identity;
  generated?: { expr: Expr; stored: boolean };
  /** MySQL ON UPDATE CURRENT_TIMESTAMP */
  onUpdate?: Expr;
  collation?: string;
  charset?: string;
  comment?: string;
  invisible?: boolean;
}

export interface IndexColumn {
  /** A plain column name, or an expression for expression/function-based indexes. */
  column?: string;
  expr?: Expr;
  /** MySQL prefix length: KEY (name(10)) */
  prefixLength?: number;
  direction?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
  opclass?: string;
  collation?: string;
}

interface ConstraintBase extends Node {
  name?: string;
  deferrable?: boolean;
  initiallyDeferred?: boolean;
  /** false for NOT ENFORCED / DISABLE / NOT VALID */
  enforced?: boolean;
  /**
   * Oracle ENABLE NOVALIDATE: enforced for new and changed rows, existing rows never checked
   * (PostgreSQL: added after the data as NOT VALID).
   */
  notValidated?: boolean;
}

export interface PrimaryKey extends ConstraintBase {
  kind: 'PrimaryKey';
  columns: IndexColumn[];
}

export interface UniqueConstraint extends ConstraintBase {
  kind: 'Unique';
  columns: IndexColumn[];
  nullsNotDistinct?: boolean;
}

export type ReferentialAction = 'cascade' | 'set null' | 'set default' | 'restrict' | 'no action';

export interface ForeignKey extends ConstraintBase {
  kind: 'ForeignKey';
  columns: string[];
  refTable: QualifiedName;
  refColumns: string[];
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  match?: 'full' | 'partial' | 'simple';
}

export interface CheckConstraint extends ConstraintBase {
  kind: 'Check';
  expr: Expr;
  noInherit?: boolean;
}

/** PostgreSQL EXCLUDE and anything else kept only as text. */
export interface OtherConstraint extends ConstraintBase {
  kind: 'OtherConstraint';
  text: string;
  reason: string;
}

export type Constraint = PrimaryKey | UniqueConstraint | ForeignKey | CheckConstraint | OtherConstraint;

export interface PartitionDef {
  name: string;
  /** RANGE: VALUES LESS THAN (…) — MAXVALUE as a ColumnRef ['MAXVALUE']. */
  lessThan?: Expr[];
  /** LIST: VALUES IN (…) */
  in?: Expr[];
  /** PostgreSQL FROM (…) TO (…) */
  from?: Expr[];
  to?: Expr[];
  /** HASH: MODULUS/REMAINDER */
  modulus?: number;
  remainder?: number;
  isDefault?: boolean;
  tablespace?: string;
  comment?: string;
  span: SourceSpan;
}

export interface Partitioning {
  method: 'range' | 'list' | 'hash' | 'key';
  /** RANGE COLUMNS / LIST COLUMNS / KEY (cols) / PostgreSQL PARTITION BY RANGE (cols) */
  columns: string[];
  /** RANGE (expr) / HASH (expr) */
  expr?: Expr;
  linear?: boolean;
  /** PARTITIONS n with no definitions */
  count?: number;
  partitions: PartitionDef[];
  subpartitioning?: Omit<Partitioning, 'partitions' | 'subpartitioning'>;
}

export interface Table extends Node {
  kind: 'Table';
  name: QualifiedName;
  columns: Column[];
  constraints: Constraint[];
  temporary?: boolean;
  unlogged?: boolean;
  /** ENGINE, ROW_FORMAT, WITH (fillfactor …) and other storage options, kept for diagnostics. */
  options: Record<string, string>;
  charset?: string;
  collation?: string;
  autoIncrementStart?: number;
  comment?: string;
  partitioning?: Partitioning;
  /** PostgreSQL CREATE TABLE child PARTITION OF parent FOR VALUES … */
  partitionOf?: { parent: QualifiedName; bound: PartitionDef };
  inherits?: QualifiedName[];
  tablespace?: string;
  /**
   * CREATE TABLE … AS query (rules build it, e.g. from T-SQL SELECT … INTO #t inside a routine);
   * `columns` may then be empty. Printed by the MySQL generator.
   */
  asQuery?: Query;
  /** With asQuery: only the structure is created (PostgreSQL WITH NO DATA); rows come from a data script (Oracle CTAS). */
  withNoData?: boolean;
}

export interface View extends Node {
  kind: 'View';
  name: QualifiedName;
  columns?: string[];
  query: Query | Unparsed;
  materialized?: boolean;
  orReplace?: boolean;
  checkOption?: 'local' | 'cascaded';
  /** Oracle WITH READ ONLY: no DML through the view. */
  readOnly?: boolean;
  security?: 'definer' | 'invoker';
  algorithm?: string;
  definer?: string;
  comment?: string;
}

export interface Index extends Node {
  kind: 'Index';
  name: string;
  table: QualifiedName;
  columns: IndexColumn[];
  unique: boolean;
  method?: 'btree' | 'hash' | 'gin' | 'gist' | 'brin' | 'spgist' | 'fulltext' | 'spatial' | 'bitmap' | 'other';
  /** PostgreSQL partial index */
  where?: Expr;
  include?: string[];
  /** FULLTEXT … WITH PARSER ngram */
  parser?: string;
  comment?: string;
  /** Oracle REVERSE key index (bytes of the key stored reversed). */
  reverse?: boolean;
  /** true when declared inside CREATE TABLE (MySQL KEY …) rather than CREATE INDEX. */
  inline?: boolean;
  concurrently?: boolean;
}

export interface Sequence extends Node {
  kind: 'Sequence';
  name: QualifiedName;
  dataType?: DataType;
  start?: number;
  increment?: number;
  minValue?: number;
  maxValue?: number;
  cache?: number;
  cycle?: boolean;
  ownedBy?: { table: QualifiedName; column: string };
  /** Current value when extracted from a live database. */
  currentValue?: number;
}

export type TriggerEvent = 'insert' | 'update' | 'delete' | 'truncate';

export interface Trigger extends Node {
  kind: 'Trigger';
  name: QualifiedName;
  table: QualifiedName;
  timing: 'before' | 'after' | 'instead of';
  events: TriggerEvent[];
  updateOf?: string[];
  forEach: 'row' | 'statement';
  when?: Expr;
  /** MySQL/Oracle/T-SQL: the body inline. */
  body?: Block | Unparsed;
  /** PostgreSQL: EXECUTE FUNCTION f(args). */
  function?: { name: QualifiedName; args: Expr[] };
  /** MySQL FOLLOWS/PRECEDES other_trigger */
  order?: { position: 'follows' | 'precedes'; other: string };
  definer?: string;
  /** REFERENCING: PostgreSQL OLD/NEW TABLE AS … (transition tables); Oracle OLD/NEW AS … (row names). */
  referencing?: { oldTable?: string; newTable?: string; oldRow?: string; newRow?: string };
  /** Oracle compound trigger: one block per timing point; shared declarations in `body`'s declarations. */
  compound?: { timing: 'before statement' | 'before each row' | 'after each row' | 'after statement' | 'instead of each row'; body: Block }[];
  /** Oracle DISABLE / ALTER TRIGGER … DISABLE */
  enabled?: boolean;
  constraint?: boolean;
}

export interface Parameter {
  name: string;
  mode: 'in' | 'out' | 'inout' | 'variadic';
  dataType: DataType;
  default?: Expr;
  span: SourceSpan;
  /** PL/SQL `p table.col%TYPE` / `p table%ROWTYPE` (dataType is then 'unknown' with the source text). */
  typeRef?: { of: QualifiedName; column?: string; rowtype?: boolean };
  /** PL/SQL NOCOPY hint (no semantic effect). */
  nocopy?: boolean;
}

export interface Routine extends Node {
  kind: 'Routine';
  routineKind: 'procedure' | 'function';
  name: QualifiedName;
  params: Parameter[];
  /** Function result. `trigger` for PostgreSQL trigger functions. */
  returns?:
    | { kind: 'type'; dataType: DataType; setOf?: boolean; typeRef?: Parameter['typeRef'] }
    | { kind: 'table'; columns: { name: string; dataType: DataType }[] }
    | { kind: 'trigger' }
    | { kind: 'void' };
  /** 'sql' (plain SQL body), 'plpgsql', 'mysql' (compound statement), 'plsql', 'tsql', or other. */
  language: string;
  body: Block | Unparsed | { kind: 'SqlBody'; statements: Statement[]; span: SourceSpan };
  deterministic?: boolean;
  volatility?: 'immutable' | 'stable' | 'volatile';
  dataAccess?: 'contains sql' | 'no sql' | 'reads sql data' | 'modifies sql data';
  security?: 'definer' | 'invoker';
  strict?: boolean;
  parallel?: 'safe' | 'restricted' | 'unsafe';
  definer?: string;
  comment?: string;
  orReplace?: boolean;
  /** Package this routine belongs to (Oracle). */
  packageName?: string;
  /** PL/SQL anonymous block (DECLARE/BEGIN … END at script level), named anonymous_block_<line>. */
  anonymous?: boolean;
  /** Oracle object type methods: MEMBER / STATIC / CONSTRUCTOR (MAP / ORDER are member functions). */
  methodKind?: 'member' | 'static' | 'constructor' | 'map' | 'order';
  /** PL/SQL PIPELINED table function (returns.setOf is set; rows come from PIPE ROW = Return.next). */
  pipelined?: boolean;
  /** A subprogram declared in a specification (package/type spec, forward declaration) whose body was not seen. */
  specOnly?: boolean;
}

/** Oracle package: spec + body. Routines inside are Routine objects with packageName set. */
export interface Package extends Node {
  kind: 'Package';
  name: QualifiedName;
  /** Package-level variables, constants, types, cursors. */
  declarations: Statement[];
  routines: Routine[];
  /** Package initialization block. */
  initialization?: Statement[];
  hasBody: boolean;
}

export interface Domain extends Node {
  kind: 'Domain';
  name: QualifiedName;
  baseType: DataType;
  default?: Expr;
  notNull?: boolean;
  checks: { name?: string; expr: Expr }[];
  collation?: string;
}

export interface EnumType extends Node {
  kind: 'EnumType';
  name: QualifiedName;
  values: string[];
}

export interface CompositeType extends Node {
  kind: 'CompositeType';
  name: QualifiedName;
  attributes: { name: string; dataType: DataType }[];
  /** Oracle object types: member/static functions and procedures (from the TYPE BODY). */
  methods?: Routine[];
  /** Oracle NOT FINAL / UNDER supertype */
  final?: boolean;
  under?: QualifiedName;
}

/** Schema-level collection type: Oracle `CREATE TYPE t AS TABLE OF x` / `AS VARRAY(n) OF x`. */
export interface CollectionType extends Node {
  kind: 'CollectionType';
  name: QualifiedName;
  collection: 'table' | 'varray';
  element: DataType;
  limit?: number;
}

export interface Synonym extends Node {
  kind: 'Synonym';
  name: QualifiedName;
  target: QualifiedName;
  public?: boolean;
}

export interface Event extends Node {
  kind: 'Event';
  name: QualifiedName;
  /** EVERY n unit [STARTS …] [ENDS …] or AT timestamp, as structured as the front end could. */
  schedule: { at?: Expr; every?: { value: Expr; unit: string }; starts?: Expr; ends?: Expr };
  onCompletionPreserve?: boolean;
  enabled: boolean;
  body: Block | Unparsed;
  comment?: string;
}

/** COMMENT ON … that the front end could not attach to an object it knows. */
export interface Comment extends Node {
  kind: 'Comment';
  target: { objectType: string; name: QualifiedName; column?: string };
  text: string | null;
}

/** Data statements of a script (INSERT … VALUES, data loads), in order, per target table. */
export interface DataScript extends Node {
  kind: 'DataScript';
  table: QualifiedName;
  statements: (Insert | Update | Delete)[];
  rowCount: number;
}

/** A top-level statement the front end could not model. */
export interface UnparsedObject extends Node {
  kind: 'UnparsedObject';
  /** Best guess of what it was (e.g. 'procedure'), and its name if it could be read. */
  objectType?: string;
  name?: QualifiedName;
  statement: Unparsed;
  /** A rule already reported exactly why this is not converted: generators add no finding of their own. */
  reported?: boolean;
}

export interface Catalog {
  dialect: SourceDialect;
  /** Objects in source order. Names are as the source engine sees them. */
  objects: CatalogObject[];
  /** Server version when extracted live. */
  serverVersion?: string;
}

export type { Query, Statement, Block };

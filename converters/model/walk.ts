/**
 * Generic tree rewriting for rules. Every IR node is a plain object with a `kind`; `rewrite`
 * visits nodes bottom-up and lets `fn` return a replacement (or undefined to keep the node).
 * Unchanged subtrees are shared, not copied.
 */
import type { CatalogObject, Constraint, Routine } from './catalog.js';
import type { Statement, HandlerCondition, TypeDecl } from './code.js';
import type { Expr } from './expr.js';
import type { Query, TableExpr, MergeClause } from './dml.js';

export type NodeLike = { kind: string };

/**
 * Every `kind` a node of the IR can have: the node unions, and the small tagged objects inside
 * nodes (Routine.returns, TypeDecl.def, a MERGE clause's action, handler conditions …), which the
 * walkers pass to `fn` as nodes too.
 */
export type NodeKind =
  | Expr['kind'] | Statement['kind'] | CatalogObject['kind'] | Query['kind'] | TableExpr['kind']
  | Constraint['kind'] | 'Column' | 'DataType' | 'Insert' | 'Update' | 'Delete' | 'Merge'
  | 'DefaultValues' | 'SqlBody' | NonNullable<Routine['returns']>['kind'] | TypeDecl['def']['kind']
  | MergeClause['action']['kind'] | HandlerCondition['kind'];

/**
 * The fields of each kind that may hold nodes (directly, in arrays, or in plain objects such as
 * SelectItem or IndexColumn, which are entered field by field). Fields holding only names, strings,
 * numbers, QualifiedNames and spans are not listed: the walkers skip them without looking.
 * Exhaustive: a new kind breaks the build until its fields are listed here. A field added to a
 * kind that can hold a node must be added to its list, or walk/rewrite will not see inside it.
 * Orders follow the front ends' construction order (the order a for…in over the node gave).
 */
export const CHILD_FIELDS: Record<NodeKind, readonly string[]> = {
  // Expressions
  // dbshiftOriginal: the SQL Server → MySQL ROLLUP lowering marks a NULL literal with the
  // expression it stands for (rules/sqlserver-mysql/rollup.ts) and rewrites inside it.
  Literal: ['dbshiftOriginal'], ColumnRef: [], Variable: [], Star: [], Default: [], Raw: [], Unparsed: [],
  Unary: ['operand'],
  Binary: ['left', 'right'],
  Like: ['expr', 'pattern', 'escape'],
  FunctionCall: ['args', 'orderBy', 'separator', 'filter', 'over'],
  Case: ['operand', 'whens', 'else'],
  Cast: ['expr', 'type', 'style'],
  Between: ['expr', 'low', 'high'],
  InList: ['expr', 'list'],
  InQuery: ['expr', 'query'],
  Exists: ['query'],
  ScalarSubquery: ['query'],
  IsTest: ['expr'],
  Interval: ['value'],
  Collate: ['expr'],
  Array: ['items'],
  Subscript: ['expr', 'index', 'upper'],
  Row: ['items'],
  NamedArg: ['value'],
  CursorAttr: ['index'],
  DataType: [],
  // Queries and DML
  Select: ['with', 'distinctOn', 'items', 'into', 'from', 'where', 'hierarchical', 'groupBy', 'groupingSets', 'having', 'windows', 'orderBy', 'limit', 'offset'],
  SetOperation: ['with', 'left', 'right', 'orderBy', 'limit', 'offset'],
  Values: ['rows'],
  TableRef: [],
  Join: ['left', 'right', 'on'],
  DerivedTable: ['query'],
  TableFunction: ['call'],
  Insert: ['source', 'onDuplicateKeyUpdate', 'onConflict', 'returning', 'dataCte'],
  Update: ['table', 'set', 'from', 'where', 'orderBy', 'limit', 'returning'],
  Delete: ['from', 'using', 'where', 'orderBy', 'limit', 'returning'],
  Merge: ['target', 'source', 'on', 'clauses', 'returning'],
  DefaultValues: [],
  update: ['set', 'where', 'deleteWhere'],
  delete: [],
  insert: ['values', 'where'],
  nothing: [],
  // Catalog objects
  Schema: [],
  Table: ['columns', 'constraints', 'partitioning', 'partitionOf', 'asQuery'],
  Column: ['dataType', 'default', 'generated', 'onUpdate'],
  PrimaryKey: ['columns'],
  Unique: ['columns'],
  ForeignKey: [],
  Check: ['expr'],
  OtherConstraint: [],
  View: ['query'],
  Index: ['columns', 'where'],
  Sequence: ['dataType'],
  Trigger: ['when', 'body', 'function', 'compound'],
  Routine: ['params', 'returns', 'body'],
  type: ['dataType'],
  // Routine.returns { kind: 'table', columns } and TypeDecl.def { kind: 'table', element, indexBy }
  table: ['columns', 'element', 'indexBy'],
  trigger: [],
  void: [],
  SqlBody: ['statements'],
  Package: ['declarations', 'routines', 'initialization'],
  Domain: ['baseType', 'default', 'checks'],
  EnumType: [],
  CompositeType: ['attributes', 'methods'],
  CollectionType: ['element'],
  Synonym: [],
  Event: ['schedule', 'body'],
  Comment: [],
  DataScript: ['statements'],
  UnparsedObject: ['statement'],
  // Procedural code
  Block: ['declarations', 'body', 'exceptionHandlers', 'routines'],
  VarDecl: ['table', 'dataType', 'default'],
  CursorDecl: ['params', 'query'],
  ConditionDecl: [],
  HandlerDecl: ['conditions', 'body'],
  sqlstate: [], errorCode: [], named: [], notFound: [], sqlException: [], sqlWarning: [], others: [],
  Assign: ['target', 'value'],
  If: ['branches', 'else'],
  CaseStatement: ['operand', 'whens', 'else'],
  Loop: ['body'],
  While: ['condition', 'body'],
  Repeat: ['body', 'until'],
  ForRange: ['from', 'to', 'step', 'body'],
  ForQuery: ['query', 'cursor', 'dynamic', 'using', 'body'],
  Leave: ['when'],
  Iterate: ['when'],
  Return: ['value', 'query', 'dynamic'],
  OpenCursor: ['args', 'query', 'dynamic', 'using'],
  Fetch: ['into', 'limit'],
  CloseCursor: [],
  SqlStatement: ['statement', 'into'],
  Call: ['args', 'returnStatus'],
  Raise: ['message', 'formatArgs', 'items'],
  DynamicSql: ['sql', 'into', 'using'],
  Transaction: [],
  GetDiagnostics: ['conditionNumber', 'items'],
  Null: [],
  DdlStatement: ['object'],
  TypeDecl: ['def'],
  record: ['fields'],
  varray: ['element'],
  refCursor: ['returnType'],
  subtype: ['base'],
  Pragma: ['args'],
  ForAll: ['from', 'to', 'indicesOf', 'valuesOf', 'statement'],
  Goto: [],
  Label: [],
  SessionSet: ['value'],
};

const childFields = new Map<string, readonly string[]>(Object.entries(CHILD_FIELDS));

type RewriteFn = (node: NodeLike) => NodeLike | undefined;

// Module-level (not a closure per call): rewrite runs several times per object, and a closure
// per call shows up in profiles as allocation and, under tsx/esbuild keepNames, a __name call.
function rewriteValue(value: object, fn: RewriteFn, leaves: ReadonlySet<string> | undefined): object {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v !== 'object' || v === null) continue;
      const r = rewriteValue(v, fn, leaves);
      if (r !== v) (out ??= value.slice())[i] = r;
    }
    return out ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const rec = value as Record<string, unknown>;
  const kind = rec.kind;
  if (typeof kind === 'string') {
    if (leaves !== undefined && leaves.has(kind)) return value;
    const fields = childFields.get(kind);
    if (fields !== undefined) {
      for (let i = 0; i < fields.length; i++) {
        const k = fields[i]!;
        const v = rec[k];
        if (typeof v !== 'object' || v === null) continue;
        const r = rewriteValue(v, fn, leaves);
        if (r !== v) (copy ??= { ...rec })[k] = r;
      }
      const node = (copy ?? value) as NodeLike;
      return fn(node) ?? node;
    }
  }
  // A plain object inside a node (SelectItem, IndexColumn, a WHEN branch …), or a kind the table
  // does not know (a rule's own tagged object): every field.
  for (const k in rec) {
    if (k === 'span' || k === 'origin') continue;
    const v = rec[k];
    if (typeof v !== 'object' || v === null) continue;
    const r = rewriteValue(v, fn, leaves);
    if (r !== v) (copy ??= { ...rec })[k] = r;
  }
  const node = copy ?? value;
  if (typeof kind === 'string') return fn(node as NodeLike) ?? node;
  return node;
}

/**
 * `leaves`: node kinds kept as they are, neither entered nor passed to `fn` — for passes that never
 * change them (e.g. DataType and Literal when renaming), so every column's type is not walked.
 */
export function rewrite<T>(root: T, fn: RewriteFn, leaves?: ReadonlySet<string>): T {
  // Hot path of every rule set: plain loops, no per-node Object.entries/map allocations.
  return (typeof root === 'object' && root !== null ? rewriteValue(root, fn, leaves) : root) as T;
}

function walkValue(value: object, fn: (node: NodeLike) => void): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'object' && v !== null) walkValue(v, fn);
    }
    return;
  }
  const rec = value as Record<string, unknown>;
  const kind = rec.kind;
  if (typeof kind === 'string') {
    fn(value as NodeLike);
    const fields = childFields.get(kind);
    if (fields !== undefined) {
      for (let i = 0; i < fields.length; i++) {
        const v = rec[fields[i]!];
        if (typeof v === 'object' && v !== null) walkValue(v, fn);
      }
      return;
    }
  }
  for (const k in rec) {
    if (k === 'span' || k === 'origin') continue;
    const v = rec[k];
    if (typeof v === 'object' && v !== null) walkValue(v, fn);
  }
}

/** Calls `fn` for every node (pre-order). */
export function walk(root: unknown, fn: (node: NodeLike) => void): void {
  if (typeof root === 'object' && root !== null) walkValue(root, fn);
}

import type { Statement, StatementKind } from '../../model/index.js';
import { walk } from '../../model/index.js';

type Visit = (s: Statement) => void;
type Nested<K extends StatementKind> = (s: Extract<Statement, { kind: K }>, fn: Visit) => void;

const none = (): void => undefined;

function list(l: readonly Statement[] | undefined, fn: Visit): void {
  if (l) for (const s of l) statementWalk(s, fn);
}

/**
 * How each statement kind holds other statements (expressions are not entered). Exhaustive: a new
 * statement kind breaks the build until it says whether it nests statements. Orders follow the
 * generic walk's child fields, so statements are met in the same pre-order as `walk` meets them.
 */
const NESTED: { [K in StatementKind]: Nested<K> } = {
  Block: (s, fn) => {
    list(s.declarations, fn);
    list(s.body, fn);
    for (const h of s.exceptionHandlers) list(h.body, fn);
    // Local subprograms are rare (and lifted before conversion): the generic walk sees all of them.
    if (s.routines?.length) for (const r of s.routines) walk(r, fn as (n: unknown) => void);
  },
  If: (s, fn) => { for (const b of s.branches) list(b.body, fn); list(s.else, fn); },
  CaseStatement: (s, fn) => { for (const w of s.whens) list(w.body, fn); list(s.else, fn); },
  Loop: (s, fn) => list(s.body, fn),
  While: (s, fn) => list(s.body, fn),
  Repeat: (s, fn) => list(s.body, fn),
  ForRange: (s, fn) => list(s.body, fn),
  ForQuery: (s, fn) => list(s.body, fn),
  HandlerDecl: (s, fn) => statementWalk(s.body, fn),
  ForAll: (s, fn) => statementWalk(s.statement, fn),
  // A CREATE inside code may hold a routine or trigger body: the generic walk.
  DdlStatement: (s, fn) => { if (s.object) walk(s.object, fn as (n: unknown) => void); },
  VarDecl: none, CursorDecl: none, ConditionDecl: none, Assign: none, Leave: none, Iterate: none, Return: none,
  OpenCursor: none, Fetch: none, CloseCursor: none, SqlStatement: none, Call: none, Raise: none, DynamicSql: none,
  Transaction: none, GetDiagnostics: none, Null: none, TypeDecl: none, Pragma: none, Goto: none, Label: none,
  SessionSet: none, Unparsed: none,
};

/** Every statement kind (Unparsed is an expression kind too). */
export const STATEMENT_KINDS: ReadonlySet<string> = new Set(Object.keys(NESTED));

/**
 * Calls `fn` for every statement under (and including) `s`, pre-order, without entering
 * expressions or queries: a fraction of the generic walk's nodes, for passes that only look at
 * statements (declarations, loops). Statements never sit inside expressions or queries.
 */
export function statementWalk(s: Statement, fn: Visit): void {
  fn(s);
  (NESTED[s.kind] as Nested<StatementKind>)(s as never, fn);
}

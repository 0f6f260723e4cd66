import type { Block, CatalogObject, Expr, NodeLike, Select, Statement, Table, TableExpr, Trigger, TriggerEvent } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { bool, col } from '../common/nodes.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';

type Pseudo = 'inserted' | 'deleted';

function mentions(root: unknown, names: Set<string>): boolean {
  let found = false;
  walk(root, (n) => {
    if (n.kind === 'TableRef' && names.has((n as unknown as { name: { name: string; schema?: string } }).name.name.toLowerCase())) found = true;
  });
  return found;
}

function modifies(root: unknown, table: string): boolean {
  let found = false;
  walk(root, (n) => {
    const x = n as unknown as { kind: string; table?: { kind?: string; name?: { name: string } }; targets?: { name: string }[] };
    if (x.kind === 'Insert' && (x.table as { name?: string } | undefined)?.name?.toLowerCase() === table) found = true;
    if (x.kind === 'Update' && x.table?.kind === 'TableRef' && x.table.name?.name.toLowerCase() === table) found = true;
    if (x.kind === 'Delete' && x.targets?.some((t) => t.name.toLowerCase() === table)) found = true;
  });
  return found;
}

/** Columns of the trigger table's primary key (or first unique key), lower case. */
function keyColumns(t: Table | undefined): Set<string> {
  const k = t?.constraints.find((c) => c.kind === 'PrimaryKey') ?? t?.constraints.find((c) => c.kind === 'Unique');
  const cols = k && (k.kind === 'PrimaryKey' || k.kind === 'Unique') ? k.columns : [];
  return new Set(cols.flatMap((c) => (c.column ? [c.column.toLowerCase()] : [])));
}

/** Does `cond` equate a key column of the pseudo-table (alias `alias`) with something (the join of one target row to one inserted row)? */
function joinsOnKey(cond: unknown, aliases: Set<string>, key: Set<string>): boolean {
  if (!key.size) return false;
  const hit = new Set<string>();
  walk(cond, (n) => {
    const b = n as unknown as Expr;
    if (b.kind !== 'Binary' || b.op !== '=') return;
    for (const side of [b.left, b.right]) {
      if (side.kind === 'ColumnRef' && side.parts.length === 2 && aliases.has(side.parts[0]!.toLowerCase()) && key.has(side.parts[1]!.toLowerCase())) hit.add(side.parts[1]!.toLowerCase());
    }
  });
  return [...key].every((k) => hit.has(k));
}

function aliasesOf(root: unknown, names: Set<string>): Set<string> {
  const out = new Set<string>();
  walk(root, (n) => {
    const r = n as unknown as { kind: string; name: { name: string }; alias?: string };
    if (r.kind === 'TableRef' && names.has(r.name.name.toLowerCase())) out.add((r.alias ?? r.name.name).toLowerCase());
  });
  return out;
}

const AGGREGATE = /^(sum|count|count_big|avg|min|max|string_agg)$/i;

/** Is running `s` once per row of inserted/deleted the same as running it once over all of them? */
function rowwiseExact(s: Statement, names: Set<string>, key: Set<string>): boolean {
  if (!mentions(s, names)) return s.kind === 'Null' || s.kind === 'SessionSet' || s.kind === 'Raise' || s.kind === 'Return' || (s.kind === 'VarDecl' && !s.default);
  let agg = false;
  walk(s, (n) => { if (n.kind === 'FunctionCall' && AGGREGATE.test((n as unknown as { name: { name: string } }).name.name)) agg = true; });
  if (agg) return false;
  if (s.kind === 'SqlStatement') {
    const q = s.statement;
    if (q.kind === 'Insert') return q.source.kind === 'Select' && !q.source.distinct && !q.source.limit && !q.source.groupBy.length;
    // A row is deleted when some inserted/deleted row matches it: the per-row deletes add up to the same rows.
    if (q.kind === 'Delete') return true;
    // An UPDATE matched to one pseudo row through its key updates each target row once, as the statement did.
    if (q.kind === 'Update') return joinsOnKey(q, aliasesOf(q, names), key);
    return false;
  }
  // IF EXISTS (… inserted …) error: an error for any row is an error for the statement.
  if (s.kind === 'If' && s.branches.length === 1 && !s.else?.length) {
    const c = s.branches[0]!.condition;
    const stops = s.branches[0]!.body.every((b) => b.kind === 'Raise' || (b.kind === 'Transaction' && b.action === 'rollback') || b.kind === 'Return');
    return c.kind === 'Exists' && !(c as { not?: boolean }).not && stops && !mentions(s.branches[0]!.body, names);
  }
  if (s.kind === 'Block') return s.body.every((x) => rowwiseExact(x, names, key)) && !s.exceptionHandlers.length;
  return false;
}

/** inserted → a one-row derived table of NEW (OLD for deleted); the pseudo-table the event lacks → no rows. */
function pseudoTables<T>(root: T, t: Table, ev: TriggerEvent, tableName: string): T {
  const has = { inserted: ev !== 'delete', deleted: ev !== 'insert' };
  return rewrite(root, (n: NodeLike) => {
    if (n.kind !== 'TableRef') return undefined;
    const r = n as unknown as TableExpr & { kind: 'TableRef' };
    const nm = r.name.name.toLowerCase() as Pseudo;
    if (r.name.schema || (nm !== 'inserted' && nm !== 'deleted')) return undefined;
    const sp = r.span;
    const row = nm === 'inserted' ? 'NEW' : 'OLD';
    const query: Select = has[nm]
      ? { kind: 'Select', items: t.columns.map((c) => ({ expr: col([row, c.name], sp), alias: c.name })), from: [], groupBy: [], orderBy: [], span: sp }
      : { kind: 'Select', items: [{ expr: { kind: 'Star', span: sp } }], from: [{ kind: 'TableRef', name: { name: tableName }, span: sp }], where: bool(false, sp), groupBy: [], orderBy: [], span: sp };
    return { kind: 'DerivedTable', query, alias: r.alias ?? r.name.name, span: sp } as NodeLike;
  });
}

/** UPDATE(col) → whether the row's value changed (INSERT: true; DELETE: false). */
function updateFunction<T>(root: T, ev: TriggerEvent, ctx: TmContext): T {
  return rewrite(root, (n: NodeLike) => {
    const f = n as unknown as Expr;
    if (f.kind !== 'FunctionCall' || f.name.schema || f.name.name.toLowerCase() !== 'update' || f.args.length !== 1) return undefined;
    if (ev !== 'update') return bool(ev === 'insert', f.span) as NodeLike;
    const c = f.args[0]!;
    const name = c.kind === 'ColumnRef' ? c.parts[c.parts.length - 1]! : undefined;
    if (!name) return undefined;
    ctx.reportOnce(TM.triggerRowwise, f.span, `UPDATE(${name}) became "the value changed" (NOT NEW.${name} <=> OLD.${name}): SQL Server is true when the column is in the SET list even if the value stays the same`);
    return { kind: 'Unary', op: 'NOT', operand: { kind: 'Binary', op: '<=>', left: col(['NEW', name], f.span), right: col(['OLD', name], f.span), span: f.span }, span: f.span } as NodeLike;
  });
}

/** `IF @@ROWCOUNT = 0 RETURN` at the top of a trigger: a row trigger always has a row. */
function isRowcountGuard(s: Statement): boolean {
  if (s.kind !== 'If' || s.branches.length !== 1 || s.else?.length) return false;
  const c = s.branches[0]!.condition;
  const body = s.branches[0]!.body;
  return c.kind === 'Binary' && c.op === '=' && c.left.kind === 'Variable' && c.left.scope === 'system' && /rowcount$/i.test(c.left.name)
    && c.right.kind === 'Literal' && c.right.value === '0' && body.length === 1 && body[0]!.kind === 'Return';
}

/**
 * T-SQL AFTER triggers (once per statement, over inserted/deleted) → MySQL FOR EACH ROW triggers,
 * one per event, with inserted/deleted as one-row derived tables of NEW/OLD.
 */
export function convertTrigger(t: Trigger, ctx: TmContext, lowerBody: (b: Block, ev: TriggerEvent) => Block): CatalogObject[] {
  const table = ctx.table(t.table);
  if (t.timing === 'instead of' || !t.body || t.body.kind !== 'Block' || !table) {
    const why = t.timing === 'instead of' ? 'INSTEAD OF triggers have no MySQL equivalent' : !table ? `its table ${t.table.name} is not in the script` : 'its body could not be read';
    ctx.report(TM.triggerNotConverted, t.span, `Trigger ${t.name.name}: ${why}; not converted`);
    return [];
  }
  const unguarded = (list: Statement[]): Statement[] => list.filter((s) => !isRowcountGuard(s)).map((s) => (s.kind === 'Block' && !s.exceptionHandlers.length ? { ...s, body: unguarded(s.body) } : s));
  const body0: Block = { ...t.body, body: unguarded(t.body.body) };
  if (modifies(body0, table.name.name.toLowerCase())) {
    ctx.report(TM.triggerNotConverted, t.span, `Trigger ${t.name.name} changes its own table ${table.name.name}: MySQL triggers cannot (error 1442); not converted — compute the values in a BEFORE trigger with SET NEW.col = …`);
    return [];
  }
  let rowcount = false;
  walk(body0, (n) => { if (n.kind === 'Variable' && /^(@@)?rowcount$/i.test((n as unknown as { name: string }).name) && (n as unknown as { scope: string }).scope === 'system') rowcount = true; });
  if (rowcount) ctx.report(TM.triggerRowwise, t.span, `Trigger ${t.name.name} reads @@ROWCOUNT: in SQL Server it starts as the number of rows of the triggering statement; in the row trigger it is 0 until a statement of the trigger sets it`);
  const names = new Set<string>(['inserted', 'deleted']);
  const key = keyColumns(table);
  // Reading the trigger's own table mid-statement sees only the rows changed so far (SQL Server: all of them).
  const readsOwn = mentions(body0, new Set([table.name.name.toLowerCase()]));
  const exact = !readsOwn && [...body0.declarations, ...body0.body].every((s) => rowwiseExact(s, names, key));
  if (exact) ctx.reportOnce(TM.trigger, t.span);
  else ctx.report(TM.triggerRowwise, t.span, `Trigger ${t.name.name} runs once per statement in SQL Server; its body (variables assigned from inserted/deleted, aggregates, reads of its own table, or statements that do not join them on the key) became FOR EACH ROW and may differ for statements that touch several rows`);
  return t.events.map((ev): Trigger => {
    const b = lowerBody(updateFunction(pseudoTables(body0, table, ev, table.name.name), ev, ctx), ev);
    return { ...t, events: [ev], forEach: 'row', timing: 'after', name: t.events.length > 1 ? { ...t.name, name: `${t.name.name}_${ev}` } : t.name, referencing: undefined, body: b };
  });
}

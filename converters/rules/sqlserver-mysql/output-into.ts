import type { Delete, Expr, Insert, NodeLike, Query, Select, Statement, Table, TableExpr, Update } from '../../model/index.js';
import { qnameKey, rewrite, walk } from '../../model/index.js';
import { bin, dataType, raw } from '../common/nodes.js';
import { NotConvertible } from './blocked.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';
import { localVar } from './names.js';

type Dml = Insert | Update | Delete;
const lower = (s: string): string => s.toLowerCase();
const NONDETERMINISTIC = /^(rand|newid|newsequentialid|crypt_gen_random|getdate|getutcdate|sysdatetime|sysutcdatetime|sysdatetimeoffset|current_timestamp)$/i;

const select = (items: Expr[], from: TableExpr[], where: Expr | undefined, span: Dml['span']): Select =>
  ({ kind: 'Select', items: items.map((expr) => ({ expr })), from, ...(where ? { where } : {}), groupBy: [], orderBy: [], span });

/** `inserted.c` / `deleted.c` in the OUTPUT list → what `to` gives for them; any other column is refused. */
function outputList(s: Dml, to: (side: 'inserted' | 'deleted', column: string, e: Expr) => Expr, fail: (why: string) => never): Expr[] {
  return s.returning!.map((r) => rewrite(r.expr, (n: NodeLike) => {
    if (n.kind === 'Star') fail('OUTPUT inserted.* / deleted.*: list the columns');
    if (n.kind !== 'ColumnRef') return undefined;
    const c = n as unknown as Expr & { parts: string[] };
    const side = c.parts.length === 2 ? lower(c.parts[0]!) : '';
    if (side !== 'inserted' && side !== 'deleted') fail(`OUTPUT column ${c.parts.join('.')} is not inserted.x or deleted.x`);
    return to(side as 'inserted' | 'deleted', c.parts[1]!, c) as unknown as NodeLike;
  }));
}

function sides(s: Dml): Set<string> {
  const out = new Set<string>();
  walk(s.returning, (n) => { if (n.kind === 'ColumnRef') out.add(lower((n as unknown as { parts: string[] }).parts[0] ?? '')); });
  return out;
}

/** Lower-case target columns the OUTPUT list reads as inserted.c / deleted.c. */
function outputColumns(s: Dml): Set<string> {
  const out = new Set<string>();
  walk(s.returning, (n) => {
    const p = (n as unknown as { parts?: string[] }).parts;
    if (n.kind === 'ColumnRef' && p?.length === 2) out.add(lower(p[1]!));
  });
  return out;
}

/**
 * INSERT … OUTPUT inserted.c … whose OUTPUT columns the INSERT sets itself: the source rows go to a
 * temporary table first, the INSERT and the OUTPUT rows both read them (the source runs once).
 */
function viaTemporaryTable(s: Insert, source: Query, listed: string[], into: NonNullable<Insert['outputInto']>, seq: () => number,
  counted: (rows: Expr) => Statement[], save: (items: Expr[], from: TableExpr[]) => Statement, fail: (why: string) => never): Statement[] {
  const sp = s.span;
  const name = `dbshift_output${seq()}`;
  const col = (i: number): string => `c${i + 1}`;
  const rows: Query = source.kind === 'Values'
    ? source.rows.map((r): Query => select(r, [], undefined, sp)).reduce((l, r): Query => ({ kind: 'SetOperation', op: 'union', all: true, left: l, right: r, orderBy: [], span: sp }))
    : source;
  const first = (q: Query): Select | undefined => (q.kind === 'Select' ? q : q.kind === 'SetOperation' ? first(q.left) : undefined);
  const head = first(rows);
  if (!head || head.items.length !== listed.length || head.items.some((i) => i.expr.kind === 'Star')) return fail('its source does not list one value per inserted column');
  // Column names of the temporary table: c1, c2 … from the first SELECT of the source.
  const named = (q: Query): Query => (q.kind === 'Select' ? { ...q, items: q.items.map((it, i) => ({ ...it, alias: col(i) })) } : q.kind === 'SetOperation' ? { ...q, left: named(q.left) } : q);
  const table: Table = { kind: 'Table', name: { name }, columns: [], constraints: [], options: {}, temporary: true, asQuery: named(rows), span: sp };
  const drop: Statement = { kind: 'DdlStatement', action: 'drop', ifExists: true, target: { objectType: 'temporary table', name: { name } }, text: `DROP TEMPORARY TABLE IF EXISTS ${name}`, span: sp };
  const tref: TableExpr = { kind: 'TableRef', name: { name }, span: sp };
  const ref = (c: string, e: Expr): Expr => ({ ...e, parts: [name, col(listed.findIndex((l) => lower(l) === lower(c)))] } as Expr);
  const items = outputList(s, (side, c, e) => (side === 'inserted' ? ref(c, e) : fail('INSERT has no deleted rows')), fail);
  const { outputInto: _o, returning: _r, ...dml } = s;
  const insert: Insert = { ...dml, columns: listed, source: select(listed.map((_c, i) => ({ kind: 'ColumnRef', parts: [name, col(i)], span: sp }) as Expr), [tref], undefined, sp) };
  return [drop, { kind: 'DdlStatement', action: 'create', object: table, text: `INSERT … OUTPUT … INTO ${into.table.name}`, span: sp },
    { kind: 'SqlStatement', statement: insert, span: sp }, ...counted(raw('ROW_COUNT()', sp)), save(items, [tref]), drop];
}

function deterministic(e: unknown, fail: (why: string) => never): void {
  walk(e, (n) => {
    const f = n as unknown as { kind: string; name?: { name?: string } };
    if (f.kind === 'FunctionCall' && NONDETERMINISTIC.test(f.name?.name ?? '')) fail(`its condition calls ${f.name!.name}(), which can give another value in the statement that reads the rows`);
  });
}

/**
 * DML … OUTPUT list INTO t inside a stored program (MySQL has no OUTPUT/RETURNING): the OUTPUT rows
 * are read with the statement's own condition — deleted values right before it, inserted values by
 * primary key (UPDATE) or by the generated AUTO_INCREMENT ids (INSERT) right after it — and inserted
 * into t. Throws NotConvertible where that would not give the same rows.
 */
export function lowerOutputInto(s: Dml, ctx: TmContext, seq: () => number, counted: (rows: Expr) => Statement[]): Statement[] {
  const sp = s.span;
  const into = s.outputInto!;
  const target = s.kind === 'Insert' ? s.table : s.kind === 'Update' ? (s.table.kind === 'TableRef' ? s.table.name : undefined) : s.targets[0];
  const fail = (why: string): never => { throw new NotConvertible(`${s.kind.toUpperCase()} … OUTPUT … INTO ${into.table.name}: ${why}; not converted`, sp); };
  if (!target) return fail('UPDATE of a join');
  const { outputInto: _o, returning: _r, ...dml } = s;
  const save = (items: Expr[], from: TableExpr[], where?: Expr, extra: Partial<Select> = {}): Statement =>
    ({ kind: 'SqlStatement', statement: { kind: 'Insert', table: into.table, ...(into.columns?.length ? { columns: into.columns } : {}), source: { ...select(items, from, where, sp), ...extra }, span: sp }, span: sp });
  const run: Statement = { kind: 'SqlStatement', statement: dml as Dml, span: sp };
  const rowCount = raw('ROW_COUNT()', sp);
  ctx.report(TM.outputInto, sp);
  if (s.kind === 'Delete') {
    if (s.using?.length || s.from.length !== 1 || s.from[0]!.kind !== 'TableRef' || s.limit) fail('only a single-table DELETE without TOP has an exact form');
    deterministic(s.where, fail);
    const t = s.from[0] as Extract<TableExpr, { kind: 'TableRef' }>;
    const alias = t.alias ?? t.name.name;
    const items = outputList(s, (side, c, e) => (side === 'deleted' ? { ...e, parts: [alias, c] } : fail('DELETE has no inserted rows')), fail);
    return [save(items, [t], s.where), run, ...counted(rowCount)];
  }
  if (s.kind === 'Update') {
    if (s.from?.length || s.limit || s.table.kind !== 'TableRef') fail('only a single-table UPDATE without FROM or TOP has an exact form');
    deterministic(s.where, fail);
    const t = s.table as Extract<TableExpr, { kind: 'TableRef' }>;
    const alias = t.alias ?? t.name.name;
    if (!sides(s).has('inserted')) return [save(outputList(s, (_side, c, e) => ({ ...e, parts: [alias, c] }), fail), [t], s.where), run, ...counted(rowCount)];
    // New values: remember the keys (and the old values read) before, join them back after.
    const pk = ctx.tables.get(qnameKey(t.name))?.constraints.find((c) => c.kind === 'PrimaryKey')?.columns.map((c) => c.column);
    if (!pk?.length || pk.some((c) => !c)) return fail('inserted values of an UPDATE are read back by primary key, and the table has none');
    if (s.set.some((a) => pk.some((k) => lower(k!) === lower(a.column[a.column.length - 1]!)))) fail('the UPDATE changes the primary key by which the new values are read back');
    const name = `dbshift_output${seq()}`;
    const old: string[] = [];
    const items = outputList(s, (side, c, e) => {
      if (side === 'inserted') return { ...e, parts: [alias, c] };
      if (!old.some((o) => lower(o) === lower(c))) old.push(c);
      return { ...e, parts: [name, `old_${c}`] };
    }, fail);
    const snapshot = select([...pk.map((k) => ({ kind: 'ColumnRef', parts: [alias, k!], span: sp }) as Expr), ...old.map((c) => ({ kind: 'ColumnRef', parts: [alias, c], span: sp }) as Expr)], [t], s.where, sp);
    snapshot.items = snapshot.items.map((it, i) => (i < pk.length ? it : { ...it, alias: `old_${old[i - pk.length]!}` }));
    const table: Table = { kind: 'Table', name: { name }, columns: [], constraints: [], options: {}, temporary: true, asQuery: snapshot, span: sp };
    const drop: Statement = { kind: 'DdlStatement', action: 'drop', ifExists: true, target: { objectType: 'temporary table', name: { name } }, text: `DROP TEMPORARY TABLE IF EXISTS ${name}`, span: sp };
    const on = pk.map((k) => bin('=', { kind: 'ColumnRef', parts: [alias, k!], span: sp }, { kind: 'ColumnRef', parts: [name, k!], span: sp }, sp)).reduce((a, b) => bin('and', a, b, sp));
    const joined: TableExpr = { kind: 'Join', type: 'inner', left: { kind: 'TableRef', name: { name }, span: sp }, right: t, on, span: sp };
    return [drop, { kind: 'DdlStatement', action: 'create', object: table, text: `OUTPUT … INTO ${into.table.name}`, span: sp }, run, ...counted(rowCount), save(items, [joined]), drop];
  }
  const table = ctx.tables.get(qnameKey(target));
  const listed = s.columns?.length ? s.columns : table?.columns.map((c) => c.name);
  const read = [...outputColumns(s)];
  if (listed && s.source.kind !== 'DefaultValues' && read.every((c) => listed.some((l) => lower(l) === c))) return viaTemporaryTable(s, s.source, listed, into, seq, counted, save, fail);
  // The new rows are the AUTO_INCREMENT ids the statement generated (consecutive for one statement).
  const id = table?.columns.find((c) => c.identity);
  if (!table || !id) return fail('it outputs a column the INSERT does not set (a default or computed value) and the table has no IDENTITY column to read the new rows back by');
  if (s.columns?.some((c) => lower(c) === lower(id.name))) fail(`the INSERT sets ${id.name} itself (IDENTITY_INSERT), so no ids are generated`);
  const first = `dbshift_first_id${seq()}`;
  const count = `${first.replace('first_id', 'rows')}`;
  const tref: TableExpr = { kind: 'TableRef', name: target, span: sp };
  const items = outputList(s, (side, c, e) => (side === 'inserted' ? { ...e, parts: [target.name, c] } : fail('INSERT has no deleted rows')), fail);
  const idRef: Expr = { kind: 'ColumnRef', parts: [target.name, id.name], span: sp };
  const captured: Statement[] = [
    { kind: 'VarDecl', names: [first], dataType: dataType('bigint', sp), span: sp },
    { kind: 'VarDecl', names: [count], dataType: dataType('bigint', sp), span: sp },
  ];
  return [
    { kind: 'Block', declarations: captured, body: [
      run,
      // Read both before any other statement: the INSERT into the OUTPUT table changes them.
      { kind: 'Assign', target: localVar(count, sp), value: raw('ROW_COUNT()', sp), span: sp },
      { kind: 'Assign', target: localVar(first, sp), value: raw('LAST_INSERT_ID()', sp), span: sp },
      ...counted(localVar(count, sp)),
      save(items, [tref], bin('>=', idRef, localVar(first, sp), sp), { orderBy: [{ expr: idRef }], limit: localVar(count, sp) }),
    ], exceptionHandlers: [], span: sp },
  ];
}

import type { Expr, Query, Select, TableExpr, Insert, Update, Delete, Merge, Assignment, Cte, GroupingSpec } from '../../model/index.js';
import { GP } from './codes.js';
import type { GenContext } from './context.js';
import { ident, qname } from './quote.js';
import { printExpr, printOrderBy, printWindow } from './expr.js';
import { indent } from './quote.js';

function withClause(ctes: Cte[] | undefined, ctx: GenContext): string {
  if (!ctes?.length) return '';
  const rec = ctes.some((c) => c.recursive) ? 'RECURSIVE ' : '';
  return `WITH ${rec}${ctes.map((c) => `${ident(c.name)}${c.columns ? ` (${c.columns.map(ident).join(', ')})` : ''} AS (\n${indent(printQuery(c.query, ctx))}\n)`).join(',\n')}\n`;
}

function limitOffset(limit: { limit?: Expr; offset?: Expr; withTies?: boolean }, ctx: GenContext): string[] {
  const out: string[] = [];
  if (limit.limit && limit.withTies) {
    // WITH TIES exists only in the standard FETCH form (PostgreSQL 13+), and needs ORDER BY.
    if (limit.offset) out.push(`OFFSET ${printExpr(limit.offset, ctx)} ROWS`);
    out.push(`FETCH FIRST (${printExpr(limit.limit, ctx)}) ROWS WITH TIES`);
    return out;
  }
  if (limit.limit) out.push(`LIMIT ${printExpr(limit.limit, ctx)}`);
  if (limit.offset) out.push(`OFFSET ${printExpr(limit.offset, ctx)}`);
  return out;
}

function select(s: Select, ctx: GenContext): string {
  if (s.hierarchical) ctx.report(GP.sourceOnlySyntax, s.span, 'CONNECT BY reached the generator unconverted; the hierarchy clause was dropped');
  if (s.limitPercent) ctx.report(GP.sourceOnlySyntax, s.span, 'TOP … PERCENT reached the generator unconverted; the limit is printed as a row count');
  if (s.intoTable) ctx.report(GP.sourceOnlySyntax, s.span, `SELECT … INTO ${s.intoTable.name.name} reached the generator unconverted; the new table is not created`);
  const lines: string[] = [];
  let head = 'SELECT';
  if (s.distinctOn?.length) head += ` DISTINCT ON (${s.distinctOn.map((e) => printExpr(e, ctx)).join(', ')})`;
  else if (s.distinct) head += ' DISTINCT';
  const items = s.items.map((i) => `${printExpr(i.expr, ctx)}${i.alias !== undefined ? ` AS ${ident(i.alias)}` : ''}`);
  lines.push(`${head} ${items.join(', ')}`);
  if (s.into?.length) {
    const strict = ctx.strictInto ? 'STRICT ' : '';
    ctx.strictInto = false;
    lines.push(`INTO ${strict}${s.into.map((e) => printExpr(e, ctx)).join(', ')}`);
  }
  if (s.from.length) lines.push(`FROM ${s.from.map((t) => printTableExpr(t, ctx)).join(', ')}`);
  if (s.where) lines.push(`WHERE ${printExpr(s.where, ctx)}`);
  if (s.groupingSets?.length) {
    const group = (g: Expr[]): string => (g.length === 1 ? printExpr(g[0]!, ctx) : `(${g.map((e) => printExpr(e, ctx)).join(', ')})`);
    const specs = s.groupingSets.map((x) => `${GROUPING_WORD[x.type]} (${x.groups.map(group).join(', ')})`);
    lines.push(`GROUP BY ${[...s.groupBy.map((e) => printExpr(e, ctx)), ...specs].join(', ')}`);
  } else if (s.groupBy.length) {
    const g = s.groupBy.map((e) => printExpr(e, ctx)).join(', ');
    lines.push(s.rollup ? `GROUP BY ROLLUP (${g})` : `GROUP BY ${g}`);
  }
  if (s.having) lines.push(`HAVING ${printExpr(s.having, ctx)}`);
  if (s.windows?.length) lines.push(`WINDOW ${s.windows.map((w) => `${ident(w.name)} AS (${printWindow(w.spec, ctx)})`).join(', ')}`);
  if (s.orderBy.length) lines.push(`ORDER BY ${printOrderBy(s.orderBy, ctx)}`);
  lines.push(...limitOffset(s, ctx));
  if (s.lock) lines.push(`FOR ${s.lock.toUpperCase()}`);
  return withClause(s.with, ctx) + lines.join('\n');
}

export function printQuery(q: Query, ctx: GenContext): string {
  switch (q.kind) {
    case 'Select': return select(q, ctx);
    case 'Values': return `VALUES ${q.rows.map((r) => `(${r.map((e) => printExpr(e, ctx)).join(', ')})`).join(',\n       ')}`;
    case 'SetOperation': {
      const side = (x: Query): string => (x.kind === 'Select' && !x.orderBy.length && !x.limit ? printQuery(x, ctx) : `(${printQuery(x, ctx)})`);
      const lines = [side(q.left), `${q.op.toUpperCase()}${q.all ? ' ALL' : ''}`, side(q.right)];
      if (q.orderBy.length) lines.push(`ORDER BY ${printOrderBy(q.orderBy, ctx)}`);
      lines.push(...limitOffset(q, ctx));
      return withClause(q.with, ctx) + lines.join('\n');
    }
  }
}

const alias = (a: string | undefined, cols?: string[]): string =>
  (a ? ` AS ${ident(a)}${cols?.length ? ` (${cols.map(ident).join(', ')})` : ''}` : '');

export function printTableExpr(t: TableExpr, ctx: GenContext): string {
  switch (t.kind) {
    case 'TableRef': return `${t.only ? 'ONLY ' : ''}${qname(t.name)}${alias(t.alias)}`;
    case 'DerivedTable': return `${t.lateral ? 'LATERAL ' : ''}(\n${indent(printQuery(t.query, ctx))}\n)${alias(t.alias ?? 'subquery', t.columnAliases)}`;
    case 'TableFunction': return `${printExpr(t.call, ctx)}${alias(t.alias, t.columnAliases)}`;
    case 'Join': {
      const left = printTableExpr(t.left, ctx);
      const rightText = printTableExpr(t.right, ctx);
      const right = t.right.kind === 'Join' ? `(${rightText})` : rightText;
      const type = t.type === 'straight' ? 'INNER' : t.type.toUpperCase();
      const kw = `${t.natural ? 'NATURAL ' : ''}${type} JOIN${t.lateral ? ' LATERAL' : ''}`;
      let cond = '';
      if (t.on) cond = ` ON ${printExpr(t.on, ctx)}`;
      else if (t.using?.length) cond = ` USING (${t.using.map(ident).join(', ')})`;
      else if (t.type !== 'cross' && !t.natural) cond = ' ON TRUE';
      return `${left}\n${kw} ${right}${cond}`;
    }
  }
}

/** PostgreSQL SET targets are bare column names (no table qualifier). */
const setList = (set: Assignment[], ctx: GenContext): string =>
  set.map((a) => `${ident(a.column[a.column.length - 1]!)} = ${printExpr(a.value, ctx)}`).join(',\n    ');

const returning = (r: { expr: Expr; alias?: string }[] | undefined, ctx: GenContext): string =>
  (r?.length ? `\nRETURNING ${r.map((x) => `${printExpr(x.expr, ctx)}${x.alias ? ` AS ${ident(x.alias)}` : ''}`).join(', ')}` : '');

/** T-SQL OUTPUT … INTO is lowered by the rules (data-modifying CTE); one that gets here would lose its INTO. */
function outputInto(s: Insert | Update | Delete, ctx: GenContext): void {
  if (s.outputInto) ctx.report(GP.sourceOnlySyntax, s.span, `OUTPUT … INTO ${s.outputInto.table.name} reached the generator unconverted; the rows are not inserted there`);
}

export function printInsert(i: Insert, ctx: GenContext): string {
  if (i.ignore || i.replace || i.onDuplicateKeyUpdate) {
    ctx.report(GP.mysqlOnlyDml, i.span, 'INSERT IGNORE / REPLACE / ON DUPLICATE KEY UPDATE reached the generator unconverted');
  }
  outputInto(i, ctx);
  // PostgreSQL allows data-modifying CTEs only at the top level: a chain (each statement's own dataCte) is one WITH list.
  const ctes: string[] = [];
  for (let c = i.dataCte; c; c = c.statement.kind === 'Insert' ? c.statement.dataCte : undefined) {
    const st = c.statement.kind === 'Insert' && c.statement.dataCte ? { ...c.statement, dataCte: undefined } : c.statement;
    ctes.unshift(`${ident(c.name)} AS (\n${printDml(st, ctx)}\n)`);
  }
  let out = ctes.length ? `WITH ${ctes.join(',\n')}\n` : '';
  out += `INSERT INTO ${qname(i.table)}${i.alias ? ` AS ${ident(i.alias)}` : ''}`;
  if (i.columns?.length) out += ` (${i.columns.map(ident).join(', ')})`;
  out += i.source.kind === 'DefaultValues' ? ' DEFAULT VALUES' : `\n${printQuery(i.source, ctx)}`;
  if (i.onConflict) {
    const c = i.onConflict;
    out += '\nON CONFLICT';
    if (c.constraint) out += ` ON CONSTRAINT ${ident(c.constraint)}`;
    else if (c.target?.length) out += ` (${c.target.map(ident).join(', ')})`;
    out += c.action === 'nothing' ? ' DO NOTHING' : ` DO UPDATE SET ${setList(c.set ?? [], ctx)}${c.where ? ` WHERE ${printExpr(c.where, ctx)}` : ''}`;
  }
  return out + returning(i.returning, ctx);
}

const GROUPING_WORD: Record<GroupingSpec['type'], string> = { rollup: 'ROLLUP', cube: 'CUBE', sets: 'GROUPING SETS' };

export function printUpdate(u: Update, ctx: GenContext): string {
  let target = u.table;
  const from = [...(u.from ?? [])];
  if (target.kind === 'Join') {
    ctx.report(GP.mysqlOnlyDml, u.span, 'Multi-table UPDATE reached the generator unconverted; only the first table is updated');
    let first: TableExpr = target;
    while (first.kind === 'Join') { from.unshift(first.right); first = first.left; }
    target = first;
  }
  if (u.orderBy?.length || u.limit) ctx.report(GP.mysqlOnlyDml, u.span, 'UPDATE … ORDER BY / LIMIT has no PostgreSQL equivalent and was dropped');
  outputInto(u, ctx);
  let out = `UPDATE ${printTableExpr(target, ctx)}\nSET ${setList(u.set, ctx)}`;
  if (from.length) out += `\nFROM ${from.map((t) => printTableExpr(t, ctx)).join(', ')}`;
  if (u.where) out += `\nWHERE ${printExpr(u.where, ctx)}`;
  else if (u.currentOf !== undefined) out += `\nWHERE CURRENT OF ${ident(u.currentOf)}`;
  return out + returning(u.returning, ctx);
}

export function printDelete(d: Delete, ctx: GenContext): string {
  const using = [...(d.using ?? [])];
  let target = d.from[0];
  if (d.targets.length > 1 || d.from.length > 1 || target?.kind === 'Join') {
    ctx.report(GP.mysqlOnlyDml, d.span, 'Multi-table DELETE reached the generator unconverted; only the first table is deleted from');
  }
  if (!target || target.kind !== 'TableRef') {
    const name = d.targets[0] ?? { name: '?' };
    if (target) using.push(target);
    target = { kind: 'TableRef', name, span: d.span };
  }
  if (d.orderBy?.length || d.limit) ctx.report(GP.mysqlOnlyDml, d.span, 'DELETE … ORDER BY / LIMIT has no PostgreSQL equivalent and was dropped');
  outputInto(d, ctx);
  let out = `DELETE FROM ${printTableExpr(target, ctx)}`;
  if (using.length) out += `\nUSING ${using.map((t) => printTableExpr(t, ctx)).join(', ')}`;
  if (d.where) out += `\nWHERE ${printExpr(d.where, ctx)}`;
  else if (d.currentOf !== undefined) out += `\nWHERE CURRENT OF ${ident(d.currentOf)}`;
  return out + returning(d.returning, ctx);
}

const MATCH: Record<Merge['clauses'][number]['match'], string> = { matched: 'MATCHED', 'not matched': 'NOT MATCHED', 'not matched by source': 'NOT MATCHED BY SOURCE' };

/** PostgreSQL 15 MERGE: WHEN [NOT] MATCHED [AND c] THEN UPDATE | DELETE | INSERT | DO NOTHING. */
export function printMerge(m: Merge, ctx: GenContext): string {
  const lines = [`MERGE INTO ${printTableExpr(m.target, ctx)}`, `USING ${printTableExpr(m.source, ctx)}`, `ON ${printExpr(m.on, ctx)}`];
  for (const c of m.clauses) {
    const a = c.action;
    let cond = c.condition;
    if (c.match === 'not matched by source') ctx.report(GP.sourceOnlySyntax, c.span, 'WHEN NOT MATCHED BY SOURCE needs PostgreSQL 17; this clause is printed but fails on older servers');
    if ((a.kind === 'update' && a.where) || (a.kind === 'insert' && a.where)) {
      const w = a.where!;
      cond = cond ? { kind: 'Binary', op: 'and', left: cond, right: w, span: w.span } : w;
    }
    if (a.kind === 'update' && a.deleteWhere) ctx.report(GP.sourceOnlySyntax, c.span, 'UPDATE … DELETE WHERE inside MERGE reached the generator unconverted; the DELETE WHERE part was dropped');
    const head = `WHEN ${MATCH[c.match]}${cond ? ` AND ${printExpr(cond, ctx)}` : ''} THEN`;
    switch (a.kind) {
      case 'update': lines.push(`${head} UPDATE SET ${setList(a.set, ctx)}`); break;
      case 'delete': lines.push(`${head} DELETE`); break;
      case 'nothing': lines.push(`${head} DO NOTHING`); break;
      case 'insert': lines.push(`${head} INSERT${a.columns?.length ? ` (${a.columns.map(ident).join(', ')})` : ''} ${a.values === 'default' ? 'DEFAULT VALUES' : `VALUES (${a.values.map((v) => printExpr(v, ctx)).join(', ')})`}`); break;
    }
  }
  if (m.returning?.length) ctx.report(GP.sourceOnlySyntax, m.span, 'MERGE … RETURNING needs PostgreSQL 17; dropped');
  return lines.join('\n');
}

export function printDml(s: Query | Insert | Update | Delete | Merge, ctx: GenContext): string {
  switch (s.kind) {
    case 'Merge': return printMerge(s, ctx);
    case 'Insert': return printInsert(s, ctx);
    case 'Update': return printUpdate(s, ctx);
    case 'Delete': return printDelete(s, ctx);
    default: return printQuery(s, ctx);
  }
}

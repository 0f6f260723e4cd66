import type { Cte, Delete, Expr, Insert, Query, Select, TableExpr, Update, Assignment } from '../../model/index.js';
import { GM } from './codes.js';
import type { GenContext } from './context.js';
import { exprSql, orderItemsSql, windowSql } from './expr.js';
import { ident, qname } from './quote.js';

const MAX_LIMIT = '18446744073709551615';

function withSql(ctes: Cte[] | undefined, ctx: GenContext): string {
  if (!ctes?.length) return '';
  const rec = ctes.some((c) => c.recursive) ? 'RECURSIVE ' : '';
  return `WITH ${rec}${ctes.map((c) => `${ident(c.name)}${c.columns?.length ? ` (${c.columns.map(ident).join(', ')})` : ''} AS (${querySql(c.query, ctx)})`).join(', ')} `;
}

export function tableExprSql(t: TableExpr, ctx: GenContext): string {
  switch (t.kind) {
    case 'TableRef':
      return `${qname(t.name)}${t.alias ? ` AS ${ident(t.alias)}` : ''}`;
    case 'DerivedTable': {
      if (t.lateral && ctx.flavor === 'mariadb') ctx.fail(GM.unsupportedExpr, t.span, 'LATERAL derived tables are not supported by MariaDB');
      const cols = t.columnAliases?.length ? ` (${t.columnAliases.map(ident).join(', ')})` : '';
      return `${t.lateral ? 'LATERAL ' : ''}(${querySql(t.query, ctx)}) AS ${ident(t.alias ?? 'dt')}${cols}`;
    }
    case 'TableFunction':
      ctx.fail(GM.unsupportedExpr, t.span, 'Table functions in FROM have no MySQL equivalent');
      return `${exprSql(t.call, ctx)}${t.alias ? ` AS ${ident(t.alias)}` : ''}`;
    case 'Join': {
      const left = tableExprSql(t.left, ctx);
      const right = t.right.kind === 'Join' ? `(${tableExprSql(t.right, ctx)})` : tableExprSql(t.right, ctx);
      let kw: string;
      switch (t.type) {
        case 'inner': kw = 'JOIN'; break;
        case 'left': kw = 'LEFT JOIN'; break;
        case 'right': kw = 'RIGHT JOIN'; break;
        case 'cross': kw = 'CROSS JOIN'; break;
        case 'straight': kw = 'STRAIGHT_JOIN'; break;
        case 'full':
          ctx.fail(GM.unsupportedExpr, t.span, 'FULL OUTER JOIN is not supported by MySQL; rewrite as LEFT JOIN UNION RIGHT JOIN');
          kw = 'FULL JOIN';
      }
      if (t.natural) kw = `NATURAL ${kw === 'JOIN' ? '' : kw.replace(' JOIN', ' ')}JOIN`.replace('  ', ' ');
      const cond = t.on ? ` ON ${exprSql(t.on, ctx)}` : t.using?.length ? ` USING (${t.using.map(ident).join(', ')})` : '';
      return `${left} ${kw} ${t.lateral ? 'LATERAL ' : ''}${right}${cond}`;
    }
  }
}

function limitSql(limit: Select['limit'], offset: Select['offset'], ctx: GenContext): string {
  if (!limit && !offset) return '';
  const l = limit ? exprSql(limit, ctx) : MAX_LIMIT;
  return ` LIMIT ${l}${offset ? ` OFFSET ${exprSql(offset, ctx)}` : ''}`;
}

function selectSql(s: Select, ctx: GenContext): string {
  let out = withSql(s.with, ctx) + 'SELECT ';
  if (s.distinctOn?.length) {
    ctx.fail(GM.unsupportedExpr, s.span, 'DISTINCT ON has no MySQL equivalent');
    out += 'DISTINCT ';
  } else if (s.distinct) out += 'DISTINCT ';
  out += s.items.map((i) => `${exprSql(i.expr, ctx)}${i.alias ? ` AS ${ident(i.alias)}` : ''}`).join(', ');
  if (s.into?.length) out += ` INTO ${s.into.map((x) => exprSql(x, ctx)).join(', ')}`;
  if (s.from.length) out += ` FROM ${s.from.map((t) => tableExprSql(t, ctx)).join(', ')}`;
  if (s.where) out += ` WHERE ${exprSql(s.where, ctx)}`;
  if (s.groupingSets?.length) out += groupingSql(s, ctx);
  else if (s.groupBy.length) out += ` GROUP BY ${s.groupBy.map((g) => exprSql(g, ctx)).join(', ')}${s.rollup ? ' WITH ROLLUP' : ''}`;
  if (s.having) out += ` HAVING ${exprSql(s.having, ctx)}`;
  if (s.windows?.length) out += ` WINDOW ${s.windows.map((w) => `${ident(w.name)} AS (${windowSql(w.spec, ctx)})`).join(', ')}`;
  if (s.orderBy.length) out += ` ORDER BY ${orderItemsSql(s.orderBy, ctx)}`;
  out += limitSql(s.limit, s.offset, ctx);
  if (s.withTies) ctx.fail(GM.unsupportedExpr, s.span, 'FETCH … WITH TIES has no MySQL equivalent; ties are cut');
  if (s.lock === 'update') out += ' FOR UPDATE';
  if (s.lock === 'share') out += ' LOCK IN SHARE MODE';
  return out;
}

function operandQuery(q: Query, ctx: GenContext): string {
  const s = querySql(q, ctx);
  return q.kind === 'Select' && (q.orderBy.length || q.limit || q.offset) ? `(${s})` : s;
}

export function querySql(q: Query, ctx: GenContext): string {
  switch (q.kind) {
    case 'Select': return selectSql(q, ctx);
    case 'SetOperation': {
      let out = withSql(q.with, ctx) + `${operandQuery(q.left, ctx)} ${q.op.toUpperCase()}${q.all ? ' ALL' : ''} ${operandQuery(q.right, ctx)}`;
      if (q.orderBy.length) out += ` ORDER BY ${orderItemsSql(q.orderBy, ctx)}`;
      return out + limitSql(q.limit, q.offset, ctx);
    }
    case 'Values': {
      const row = ctx.flavor === 'mysql' ? 'ROW' : '';
      return `VALUES ${q.rows.map((r) => `${row}(${r.map((x) => exprSql(x, ctx)).join(', ')})`).join(', ')}`;
    }
  }
}

function assignmentsSql(set: Assignment[], ctx: GenContext): string {
  return set.map((a) => `${a.column.map(ident).join('.')} = ${exprSql(a.value, ctx)}`).join(', ');
}

function returning(r: { span: Insert['span']; returning?: unknown[] }, ctx: GenContext): void {
  if (r.returning?.length) ctx.fail(GM.unsupportedExpr, r.span, 'RETURNING has no MySQL equivalent');
}

export function insertSql(i: Insert, ctx: GenContext): string {
  const ignore = i.ignore || i.onConflict?.action === 'nothing' ? 'IGNORE ' : '';
  let out = `${i.replace ? 'REPLACE' : 'INSERT'} ${ignore}INTO ${qname(i.table)}`;
  if (i.columns?.length) out += ` (${i.columns.map(ident).join(', ')})`;
  if (i.source.kind === 'DefaultValues') out += ' () VALUES ()';
  else if (i.source.kind === 'Values') out += ` VALUES ${i.source.rows.map((r) => `(${r.map((x) => exprSql(x, ctx)).join(', ')})`).join(', ')}`;
  else out += ` ${querySql(i.source, ctx)}`;
  const odku = i.onDuplicateKeyUpdate ?? (i.onConflict?.action === 'update' ? i.onConflict.set : undefined);
  if (odku?.length) out += ` ON DUPLICATE KEY UPDATE ${assignmentsSql(odku, ctx)}`;
  returning(i, ctx);
  return out;
}

/** One ROLLUP of single expressions is MySQL's WITH ROLLUP; anything else (CUBE, GROUPING SETS, mixed) has no MySQL form. */
function groupingSql(s: Select, ctx: GenContext): string {
  const only = s.groupingSets!.length === 1 && !s.groupBy.length ? s.groupingSets![0]! : undefined;
  if (only?.type === 'rollup' && only.groups.every((g) => g.length === 1)) return ` GROUP BY ${only.groups.map((g) => exprSql(g[0]!, ctx)).join(', ')} WITH ROLLUP`;
  ctx.fail(GM.unsupportedExpr, s.span, 'GROUP BY CUBE / GROUPING SETS / ROLLUP of column groups has no MySQL form; rewrite it as a UNION ALL of GROUP BY queries');
  const word = { rollup: 'ROLLUP', cube: 'CUBE', sets: 'GROUPING SETS' } as const;
  const group = (g: Expr[]): string => `(${g.map((e) => exprSql(e, ctx)).join(', ')})`;
  return ` GROUP BY ${[...s.groupBy.map((e) => exprSql(e, ctx)), ...s.groupingSets!.map((x) => `${word[x.type]} (${x.groups.map(group).join(', ')})`)].join(', ')}`;
}

/** MySQL has no WHERE CURRENT OF: printed as written (the routine fails to create rather than changing every row). */
function currentOf(s: Update | Delete, ctx: GenContext): string {
  ctx.fail(GM.unsupportedExpr, s.span, `WHERE CURRENT OF ${s.currentOf} has no MySQL form; rewrite it with the row's key (fetch the key into a variable and compare)`);
  return ` WHERE CURRENT OF ${ident(s.currentOf!)}`;
}

export function updateSql(u: Update, ctx: GenContext): string {
  const tables = [tableExprSql(u.table, ctx), ...(u.from ?? []).map((t) => tableExprSql(t, ctx))];
  let out = `UPDATE ${tables.join(', ')} SET ${assignmentsSql(u.set, ctx)}`;
  if (u.where) out += ` WHERE ${exprSql(u.where, ctx)}`;
  else if (u.currentOf !== undefined) out += currentOf(u, ctx);
  if (u.orderBy?.length) out += ` ORDER BY ${orderItemsSql(u.orderBy, ctx)}`;
  if (u.limit) out += ` LIMIT ${exprSql(u.limit, ctx)}`;
  returning(u, ctx);
  return out;
}

export function deleteSql(d: Delete, ctx: GenContext): string {
  const using = d.using ?? [];
  let out: string;
  const first = d.from[0];
  if (using.length || d.targets.length > 1 || d.from.length > 1 || first?.kind === 'Join' || (first?.kind === 'TableRef' && first.alias)) {
    const targets = d.targets.length > 1 || first?.kind !== 'TableRef' ? d.targets : [first.alias ? { name: first.alias } : first.name];
    out = `DELETE ${targets.map((t) => qname(t)).join(', ')} FROM ${[...d.from, ...using].map((t) => tableExprSql(t, ctx)).join(', ')}`;
  } else {
    out = `DELETE FROM ${d.from.map((t) => tableExprSql(t, ctx)).join(', ')}`;
  }
  if (d.where) out += ` WHERE ${exprSql(d.where, ctx)}`;
  else if (d.currentOf !== undefined) out += currentOf(d, ctx);
  if (d.orderBy?.length) out += ` ORDER BY ${orderItemsSql(d.orderBy, ctx)}`;
  if (d.limit) out += ` LIMIT ${exprSql(d.limit, ctx)}`;
  returning(d, ctx);
  return out;
}

export function dmlSql(s: Query | Insert | Update | Delete, ctx: GenContext): string {
  switch (s.kind) {
    case 'Insert': return insertSql(s, ctx);
    case 'Update': return updateSql(s, ctx);
    case 'Delete': return deleteSql(s, ctx);
    default: return querySql(s, ctx);
  }
}

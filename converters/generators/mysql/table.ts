import type { Column, Constraint, DataType, Expr, ForeignKey, Index, IndexColumn, Partitioning, PartitionDef, Table } from '../../model/index.js';
import { GM } from './codes.js';
import type { GenContext } from './context.js';
import { exprSql } from './expr.js';
import { querySql } from './query.js';
import { ident, indent, qname, str } from './quote.js';
import { typeSql } from './types.js';

const EXPR_DEFAULT_ONLY = new Set<DataType['name']>(['text', 'clob', 'nclob', 'blob', 'json', 'jsonb', 'geometry', 'geography']);

function isCurrentTimestamp(e: Expr): boolean {
  return e.kind === 'FunctionCall' && !e.name.schema && /^(current_timestamp|now|localtimestamp)$/i.test(e.name.name)
    || (e.kind === 'Raw' && /^CURRENT_TIMESTAMP(\(\d\))?$/i.test(e.text));
}

/** MySQL accepts literals bare, CURRENT_TIMESTAMP on temporal columns, and any other expression in parentheses. */
export function defaultSql(e: Expr, t: DataType, ctx: GenContext): string {
  const temporal = t.name === 'datetime' || t.name === 'timestamp';
  if (isCurrentTimestamp(e) && temporal) {
    const p = t.fractionalSeconds ?? 0;
    return p > 0 ? `CURRENT_TIMESTAMP(${p})` : 'CURRENT_TIMESTAMP';
  }
  const literal = e.kind === 'Literal' || (e.kind === 'Unary' && e.op === '-' && e.operand.kind === 'Literal');
  if (literal && !EXPR_DEFAULT_ONLY.has(t.name)) {
    if (e.kind === 'Literal' && e.type === 'boolean') return exprSql(e, ctx) === 'TRUE' ? '1' : '0';
    return exprSql(e, ctx);
  }
  if (e.kind === 'Literal' && e.type === 'null') return 'NULL';
  return `(${exprSql(e, ctx)})`;
}

function columnSql(c: Column, ctx: GenContext): string {
  let out = `${ident(c.name)} ${typeSql(c.dataType, ctx)}`;
  if (c.charset) out += ` CHARACTER SET ${c.charset}`;
  if (c.collation) out += ` COLLATE ${c.collation}`;
  if (c.generated) out += ` GENERATED ALWAYS AS (${exprSql(c.generated.expr, ctx)}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`;
  // MariaDB allows no NULL/NOT NULL on generated columns; MySQL accepts NOT NULL.
  if (!c.generated) out += c.nullable ? ' NULL' : ' NOT NULL';
  else if (!c.nullable && ctx.flavor === 'mysql') out += ' NOT NULL';
  if (c.default && !c.generated && !c.identity) out += ` DEFAULT ${defaultSql(c.default, c.dataType, ctx)}`;
  if (c.onUpdate) out += ` ON UPDATE ${defaultSql(c.onUpdate, c.dataType, ctx)}`;
  if (c.identity) out += ' AUTO_INCREMENT';
  if (c.invisible) out += ' INVISIBLE';
  if (c.comment) out += ` COMMENT ${str(c.comment)}`;
  return out;
}

export function keyPartSql(k: IndexColumn, ctx: GenContext): string {
  let out = k.column !== undefined ? ident(k.column) : k.expr ? `(${exprSql(k.expr, ctx)})` : '';
  if (k.prefixLength) out += `(${k.prefixLength})`;
  if (k.direction === 'desc') out += ' DESC';
  return out;
}

function constraintSql(c: Constraint, ctx: GenContext): string | undefined {
  const named = (kw: string): string => (c.name ? `CONSTRAINT ${ident(c.name)} ${kw}` : kw);
  switch (c.kind) {
    case 'PrimaryKey': return `PRIMARY KEY (${c.columns.map((k) => keyPartSql(k, ctx)).join(', ')})`;
    case 'Unique': return `${c.name ? `UNIQUE KEY ${ident(c.name)}` : 'UNIQUE KEY'} (${c.columns.map((k) => keyPartSql(k, ctx)).join(', ')})`;
    case 'Check': return `${named('CHECK')} (${exprSql(c.expr, ctx)})`;
    case 'ForeignKey': return undefined;
    case 'OtherConstraint':
      ctx.report(GM.unsupportedObject, c.span, `Constraint ${c.name ?? ''} (${c.reason}) is not converted: ${c.text}`);
      return undefined;
  }
}

function boundSql(values: Expr[] | undefined, ctx: GenContext): string {
  return (values ?? []).map((v) => (v.kind === 'ColumnRef' && v.parts.length === 1 && /^maxvalue$/i.test(v.parts[0]!) ? 'MAXVALUE' : exprSql(v, ctx))).join(', ');
}

function partitionDefSql(p: PartitionDef, method: Partitioning['method'], ctx: GenContext): string {
  let out = `PARTITION ${ident(p.name)}`;
  if (method === 'range') out += ` VALUES LESS THAN (${boundSql(p.lessThan, ctx)})`;
  if (method === 'list') out += p.isDefault ? ' DEFAULT' : ` VALUES IN (${boundSql(p.in, ctx)})`;
  if (p.comment) out += ` COMMENT = ${str(p.comment)}`;
  return out;
}

export function partitioningSql(p: Partitioning, ctx: GenContext): string {
  const cols = p.columns.map(ident).join(', ');
  let head: string;
  switch (p.method) {
    case 'range': head = p.expr ? `RANGE (${exprSql(p.expr, ctx)})` : `RANGE COLUMNS(${cols})`; break;
    case 'list': head = p.expr ? `LIST (${exprSql(p.expr, ctx)})` : `LIST COLUMNS(${cols})`; break;
    case 'hash': head = `${p.linear ? 'LINEAR ' : ''}HASH (${p.expr ? exprSql(p.expr, ctx) : cols})`; break;
    case 'key': head = `${p.linear ? 'LINEAR ' : ''}KEY (${cols})`; break;
  }
  let out = `PARTITION BY ${head}`;
  if ((p.method === 'hash' || p.method === 'key') && !p.partitions.length) out += ` PARTITIONS ${p.count ?? 1}`;
  if (p.partitions.length) out += `\n(${p.partitions.map((d) => partitionDefSql(d, p.method, ctx)).join(',\n ')})`;
  return out;
}

export function createTableSql(t: Table, ctx: GenContext, indexes: Index[] = []): string {
  if (t.asQuery) {
    const head = `CREATE ${t.temporary ? 'TEMPORARY ' : ''}TABLE ${qname(t.name)} AS `;
    if (!t.withNoData) return head + querySql(t.asQuery, ctx);
    // Structure only: the rows come from a data script.
    const q = t.asQuery;
    const zero = { kind: 'Literal', type: 'number', value: '0', span: q.span } as const;
    if (q.kind !== 'Values' && !q.limit && !q.offset) return head + querySql({ ...q, limit: zero }, ctx);
    return `${head}SELECT * FROM (${querySql(q, ctx)}) AS \`dbshift_ctas\` LIMIT 0`;
  }
  const lines = t.columns.map((c) => columnSql(c, ctx));
  for (const c of t.constraints) {
    const s = constraintSql(c, ctx);
    if (s) lines.push(s);
  }
  for (const i of indexes) lines.push(inlineIndexSql(i, ctx));
  const opts = ['ENGINE=InnoDB', `DEFAULT CHARSET=${t.charset ?? 'utf8mb4'}`];
  if (t.collation) opts.push(`COLLATE=${t.collation}`);
  if (t.autoIncrementStart !== undefined) opts.push(`AUTO_INCREMENT=${t.autoIncrementStart}`);
  if (t.comment) opts.push(`COMMENT=${str(t.comment)}`);
  let out = `CREATE ${t.temporary ? 'TEMPORARY ' : ''}TABLE ${qname(t.name)} (\n${indent(lines.join(',\n'))}\n) ${opts.join(' ')}`;
  if (t.partitioning) out += `\n${partitioningSql(t.partitioning, ctx)}`;
  return out;
}

function indexKind(i: Index): string {
  if (i.method === 'fulltext') return 'FULLTEXT ';
  if (i.method === 'spatial') return 'SPATIAL ';
  return i.unique ? 'UNIQUE ' : '';
}

function checkIndex(i: Index, ctx: GenContext): void {
  if (i.where) ctx.report(GM.unsupportedExpr, i.span, `Partial index ${i.name}: MySQL has no WHERE on indexes; the condition is dropped`);
  if (i.include?.length) ctx.report(GM.unsupportedExpr, i.span, `INCLUDE columns of ${i.name} are dropped`);
}

function inlineIndexSql(i: Index, ctx: GenContext): string {
  checkIndex(i, ctx);
  return `${indexKind(i)}KEY ${ident(i.name)} (${i.columns.map((k) => keyPartSql(k, ctx)).join(', ')})`;
}

export function createIndexSql(i: Index, ctx: GenContext): string {
  checkIndex(i, ctx);
  const parser = i.parser ? ` WITH PARSER ${i.parser}` : '';
  const comment = i.comment ? ` COMMENT ${str(i.comment)}` : '';
  return `CREATE ${indexKind(i)}INDEX ${ident(i.name)} ON ${qname(i.table)} (${i.columns.map((k) => keyPartSql(k, ctx)).join(', ')})${parser}${comment}`;
}

export function foreignKeySql(table: Table, fk: ForeignKey, name: string, ctx: GenContext): string {
  let out = `ALTER TABLE ${qname(table.name)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${fk.columns.map(ident).join(', ')}) REFERENCES ${qname(fk.refTable)} (${fk.refColumns.map(ident).join(', ')})`;
  const action = (a: ForeignKey['onDelete']): string => {
    if (a === 'set default') { ctx.report(GM.unsupportedExpr, fk.span, `ON … SET DEFAULT is not supported by InnoDB; printed as NO ACTION`); return 'NO ACTION'; }
    return (a ?? 'no action').toUpperCase();
  };
  if (fk.onDelete && fk.onDelete !== 'no action') out += ` ON DELETE ${action(fk.onDelete)}`;
  if (fk.onUpdate && fk.onUpdate !== 'no action') out += ` ON UPDATE ${action(fk.onUpdate)}`;
  return out;
}

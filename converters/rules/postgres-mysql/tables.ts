import type { Column, Constraint, Expr, Index, IndexColumn, PartitionDef, Table } from '../../model/index.js';
import { objectRef } from '../../model/index.js';
import { PM } from './codes.js';
import type { RuleContext } from './context.js';
import { identifier, targetName } from './names.js';
import { domainCheckFor, mapType } from './types.js';

type Conv = <T>(node: T) => T;

/** Case- and accent-sensitive, in MySQL 8.0 and MariaDB alike. */
export const TEXT_COLLATION = 'utf8mb4_bin';

const NON_KEY_TYPES = new Set(['text', 'blob', 'json']);
const NOW_NAMES = /^(now|current_timestamp|localtimestamp|transaction_timestamp|statement_timestamp)$/i;

function defaultFor(col: Column, e: Expr, conv: Conv, ctx: RuleContext): Expr | undefined {
  if (isNowLike(e)) return { kind: 'FunctionCall', name: { name: 'CURRENT_TIMESTAMP' }, args: [], span: e.span };
  if (e.kind === 'FunctionCall' && /^nextval$/i.test(e.name.name) && ctx.flavor === 'mysql') {
    ctx.report(PM.sequenceEmulated, e.span, `Default nextval() of ${col.name} dropped: MySQL has no sequences`);
    return undefined;
  }
  const out = conv(e);
  let unknown = false;
  const visit = (x: unknown): void => {
    if (typeof x !== 'object' || x === null) return;
    if ((x as { kind?: string }).kind === 'FunctionCall' && /^[a-z_][a-z0-9_]*$/.test((x as { name: { name: string } }).name.name)) unknown = true;
    for (const [k, v] of Object.entries(x)) if (k !== 'span') visit(v);
  };
  visit(out);
  if (unknown) {
    ctx.report(PM.functionUnknown, e.span, `Default of ${col.name} uses a function MySQL lacks; the default was dropped`);
    return undefined;
  }
  return out;
}

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);

/** CHECK (col >= 0) on an integer column is what UNSIGNED means. */
function nonNegativeCheck(e: Expr, columns: Column[]): Column | undefined {
  if (e.kind !== 'Binary' || e.op !== '>=' || e.left.kind !== 'ColumnRef' || e.left.parts.length !== 1) return undefined;
  if (e.right.kind !== 'Literal' || e.right.type !== 'number' || Number(e.right.value) !== 0) return undefined;
  const name = e.left.parts[0]!;
  const col = columns.find((c) => c.name === name);
  return col && INTEGER_TYPES.has(col.dataType.name) ? col : undefined;
}

/** Names of calls the function table left as written (lower case), i.e. that MySQL may not have. */
export function unconvertedFunctions(e: unknown): string[] {
  const out: string[] = [];
  const visit = (x: unknown): void => {
    if (typeof x !== 'object' || x === null) return;
    const f = x as { kind?: string; name?: { name?: string; schema?: string } };
    if (f.kind === 'FunctionCall' && f.name?.name && !f.name.schema && /^[a-z_][a-z0-9_]*$/.test(f.name.name)) out.push(f.name.name);
    for (const [k, v] of Object.entries(x)) if (k !== 'span') visit(v);
  };
  visit(e);
  return out;
}

/** col = '' OR ARRAY[…] @> string_to_array(col, ','): the SET emulation of MySQL→PostgreSQL. */
function setCheck(e: Expr, columns: Column[]): { col: Column; values: string[] } | undefined {
  if (e.kind !== 'Binary' || e.op !== 'or') return undefined;
  const l = e.left;
  if (l.kind !== 'Binary' || l.op !== '=' || l.left.kind !== 'ColumnRef' || l.right.kind !== 'Literal' || l.right.value !== '') return undefined;
  const name = l.left.parts[l.left.parts.length - 1]!;
  const text = JSON.stringify(e.right);
  if (!/string_to_array/i.test(text)) return undefined;
  const values: string[] = [];
  let arr: Expr | undefined;
  const find = (x: unknown): void => {
    if (typeof x !== 'object' || x === null || arr) return;
    if ((x as Expr).kind === 'Array') { arr = x as Expr; return; }
    for (const [k, v] of Object.entries(x)) if (k !== 'span') find(v);
  };
  find(e.right);
  if (!arr || arr.kind !== 'Array') return undefined;
  for (const i of arr.items) { if (i.kind !== 'Literal') return undefined; values.push(i.value); }
  const col = columns.find((c) => c.name === name);
  return col ? { col, values } : undefined;
}

/** now(), LOCALTIMESTAMP, date_trunc('second', now()) … as a column default or ON UPDATE value. */
export function isNowLike(e: Expr): boolean {
  if (e.kind !== 'FunctionCall') return false;
  if (NOW_NAMES.test(e.name.name)) return true;
  return /^date_trunc$/i.test(e.name.name) && e.args[0]?.kind === 'Literal' && /^(second|seconds)$/i.test(e.args[0].value) && !!e.args[1] && isNowLike(e.args[1]);
}

/** PostgreSQL Table → MySQL Table (types, identity, defaults, domain checks, keys). Partitions are merged later. */
export function convertTable(t: Table, conv: Conv, ctx: RuleContext): Table {
  const where = (c: Column): string => `${t.name.name}.${c.name}`;
  const checks: Constraint[] = [];
  let startAt: number | undefined;
  const columns: Column[] = t.columns.map((c) => {
    const { type, domain } = mapType(c.dataType, ctx, where(c));
    const col: Column = { ...c, name: identifier(c.name, ctx), dataType: type };
    if (c.dataType.name === 'tsvector' && !c.nullable) {
      // PostgreSQL fills it from a text search trigger MySQL cannot run: NOT NULL would reject every insert.
      col.nullable = true;
      ctx.report(PM.textSearch, c.span, `${where(c)}: NOT NULL dropped, nothing fills this column in MySQL`);
    }
    delete col.collation;
    if (c.collation) ctx.report(PM.collation, c.span, `${where(c)}: collation ${c.collation} dropped`);
    if (domain) {
      if (domain.notNull) col.nullable = false;
      if (!col.default && domain.default) col.default = domain.default;
      for (const ch of domain.checks) checks.push({ kind: 'Check', name: identifier(`${t.name.name}_${c.name}_${ch.name ?? 'check'}`, ctx), expr: conv(domainCheckFor(ch.expr, col.name, c.span)), span: c.span });
    }
    if (type.name === 'char' && typeof type.length === 'number' && type.length > 1) ctx.report(PM.charPadding, c.span, `${where(c)}: CHAR(${type.length}) values lose trailing spaces when read`);
    if (col.identity?.style === 'always') ctx.report(PM.identityAlways, c.span, `${where(c)}: GENERATED ALWAYS identity accepts explicit values in MySQL`);
    if (col.identity) {
      col.identity = { ...col.identity, style: 'auto_increment' };
      if (col.identity.start !== undefined && col.identity.start > 1) startAt = col.identity.start;
      delete col.default;
    } else if (col.default) {
      const d = defaultFor(col, col.default, conv, ctx);
      if (d) col.default = d; else delete col.default;
    }
    if (col.generated) col.generated = { ...col.generated, expr: conv(col.generated.expr) };
    return col;
  });
  const constraints: Constraint[] = [];
  for (const c of t.constraints) {
    if (c.deferrable) ctx.report(PM.deferrable, c.span, `Constraint ${c.name ?? ''} on ${t.name.name} is DEFERRABLE`);
    switch (c.kind) {
      case 'PrimaryKey': case 'Unique':
        constraints.push({ ...c, name: c.name ? identifier(c.name, ctx) : undefined, columns: keyColumns(c.columns, columns, true, ctx, t.name.name) });
        break;
      case 'ForeignKey':
        constraints.push({ ...c, name: c.name ? identifier(c.name, ctx) : undefined, columns: c.columns.map((x) => identifier(x, ctx)), refColumns: c.refColumns.map((x) => identifier(x, ctx)), refTable: targetName(c.refTable, ctx) });
        break;
      case 'Check': {
        const col = nonNegativeCheck(c.expr, columns);
        if (col) { col.dataType = { ...col.dataType, unsigned: true }; break; } // the UNSIGNED emulation of MySQL→PostgreSQL, undone
        const set = setCheck(c.expr, columns);
        if (set) { set.col.dataType = { ...set.col.dataType, name: 'set', values: set.values, length: undefined }; break; }
        const expr = conv(c.expr);
        const missing = unconvertedFunctions(expr);
        if (missing.length) {
          ctx.report(PM.checkWithSubquery, c.span, `CHECK ${c.name ?? ''} on ${t.name.name} uses ${missing.join(', ')}(), which MySQL lacks or forbids in CHECK; dropped`);
          break;
        }
        constraints.push({ ...c, name: c.name ? identifier(c.name, ctx) : undefined, expr });
        break;
      }
      case 'OtherConstraint':
        ctx.report(PM.excludeConstraint, c.span, `${c.name ?? 'Constraint'} on ${t.name.name}: ${c.text}`);
        break;
    }
  }
  constraints.push(...checks);
  if (t.inherits?.length) ctx.report(PM.inheritance, t.span, `${t.name.name} INHERITS ${t.inherits.map((i) => i.name).join(', ')}`);
  const out: Table = { ...t, name: targetName(t.name, ctx), columns, constraints, options: {}, origin: objectRef('table', t.name), ...(startAt !== undefined ? { autoIncrementStart: startAt } : {}) };
  delete out.inherits;
  delete out.tablespace;
  // PostgreSQL compares text case- and accent-sensitively; MySQL's default collations do not.
  out.collation = TEXT_COLLATION;
  if (columns.some((c) => ['char', 'varchar', 'text', 'enum', 'set'].includes(c.dataType.name))) {
    ctx.report(PM.caseSensitive, t.span, `${t.name.name}: text columns use ${TEXT_COLLATION} so comparisons, keys and GROUP BY stay case-sensitive as in PostgreSQL`);
  }
  return out;
}

/** Call after partitions are merged (keys may have changed). */
export { fixAutoIncrement };

/** Key columns of TEXT/BLOB/JSON types: unique keys make the column VARCHAR(255), other indexes use a prefix. */
function keyColumns(cols: IndexColumn[], columns: Column[], unique: boolean, ctx: RuleContext, table: string): IndexColumn[] {
  return cols.map((k) => {
    const name = k.column !== undefined ? identifier(k.column, ctx) : undefined;
    const col = name !== undefined ? columns.find((c) => c.name === name) : undefined;
    const out: IndexColumn = { ...k, ...(name !== undefined ? { column: name } : {}) };
    delete out.opclass;
    delete out.collation;
    delete out.nulls;
    if (col && NON_KEY_TYPES.has(col.dataType.name)) {
      if (unique && col.dataType.name === 'text') {
        ctx.report(PM.textKey, col.span, `${table}.${col.name} is in a unique key: TEXT became VARCHAR(255)`);
        col.dataType = { ...col.dataType, name: 'varchar', length: 255, sizeClass: undefined };
      } else if (col.dataType.name !== 'json') {
        ctx.report(PM.textKey, col.span, `${table}.${col.name} is indexed with a 255-character prefix`);
        out.prefixLength = 255;
      }
    }
    return out;
  });
}

/** MySQL: one AUTO_INCREMENT per table, and it must lead some index (a plain inline KEY is added if none does). */
function fixAutoIncrement(t: Table, ctx: RuleContext): Index[] {
  const extra: Index[] = [];
  const ids = t.columns.filter((c) => c.identity);
  ids.forEach((c, i) => {
    const keys = t.constraints.filter((k): k is Extract<Constraint, { kind: 'PrimaryKey' | 'Unique' }> => k.kind === 'PrimaryKey' || k.kind === 'Unique');
    const inKey = keys.some((k) => k.columns.some((x) => x.column === c.name));
    if (i > 0 || !inKey) {
      ctx.report(PM.identityNotKey, c.span, `${t.name.name}.${c.name}: ${i > 0 ? 'a second identity column' : 'identity column is not part of a key'}; kept as a plain integer`);
      delete c.identity;
      return;
    }
    if (!keys.some((k) => k.columns[0]?.column === c.name)) {
      extra.push({ kind: 'Index', name: identifier(`${t.name.name}_${c.name}_key`, ctx), table: t.name, columns: [{ column: c.name }], unique: false, inline: true, span: c.span, origin: objectRef('table', t.origin ? { schema: t.origin.schema, name: t.origin.name } : t.name) });
    }
  });
  return extra;
}

/** Index on a converted table. Returns undefined when MySQL cannot have it. */
export function convertIndex(i: Index, table: Table | undefined, conv: Conv, ctx: RuleContext): { index?: Index; extraColumn?: Column } {
  const name = identifier(i.name, ctx);
  const out: Index = { ...i, name, table: targetName(i.table, ctx), origin: objectRef('index', { schema: i.table.schema, name: `${i.table.name}.${i.name}` }) };
  delete out.where; delete out.include; delete out.concurrently;
  if (i.where) ctx.report(PM.partialIndex, i.span, `Partial index ${i.name}: WHERE dropped`);
  const cols = table?.columns ?? [];
  if (i.method && ['gin', 'gist', 'brin', 'spgist'].includes(i.method)) {
    const types = i.columns.map((k) => cols.find((c) => c.name === (k.column !== undefined ? identifier(k.column, ctx) : ''))?.dataType.name);
    if (types.some((x) => x === undefined || NON_KEY_TYPES.has(x))) {
      ctx.report(PM.indexMethod, i.span, `${i.method.toUpperCase()} index ${i.name} is not created: its columns cannot be B-tree indexed in MySQL`);
      return {};
    }
    ctx.report(PM.indexMethod, i.span, `${i.method.toUpperCase()} index ${i.name} became a B-tree index`);
  }
  delete out.method;
  let columns = i.columns;
  if (i.include?.length) {
    ctx.report(PM.includeColumns, i.span, `INCLUDE (${i.include.join(', ')}) of ${i.name} ${i.unique ? 'dropped' : 'appended to the key'}`);
    if (!i.unique) columns = [...columns, ...i.include.map((c) => ({ column: c }))];
  }
  let extraColumn: Column | undefined;
  const exprCols = columns.filter((k) => k.expr);
  if (exprCols.length) {
    if (ctx.flavor === 'mysql') {
      ctx.report(PM.expressionIndex, i.span, `Expression index ${i.name} uses a functional key part`);
      columns = columns.map((k) => (k.expr ? { ...k, expr: conv(k.expr) } : k));
    } else {
      if (exprCols.length > 1 || columns.length > 1 || !table) {
        ctx.report(PM.expressionIndex, i.span, `Expression index ${i.name} is not created (several expressions)`);
        return {};
      }
      const expr = conv(exprCols[0]!.expr!);
      const refd = new Set<string>();
      JSON.stringify(expr, (k, v: unknown) => { if (k === 'parts' && Array.isArray(v)) refd.add(String(v[v.length - 1])); return v; });
      const base = cols.find((c) => refd.has(c.name));
      const type = base && !NON_KEY_TYPES.has(base.dataType.name) ? base.dataType : { kind: 'DataType' as const, name: 'varchar' as const, length: 255, sourceText: 'varchar(255)', span: i.span };
      extraColumn = { kind: 'Column', name: identifier(`${i.name}_expr`, ctx), dataType: type, nullable: true, generated: { expr, stored: false }, span: i.span };
      ctx.report(PM.expressionIndex, i.span, `Expression index ${i.name} indexes generated column ${extraColumn.name}`);
      columns = [{ column: extraColumn.name, direction: exprCols[0]!.direction }];
    }
  }
  out.columns = table ? keyColumns(columns, cols, i.unique, ctx, table.name.name) : columns.map((k) => ({ ...k, column: k.column !== undefined ? identifier(k.column, ctx) : undefined }));
  return { index: out, extraColumn };
}

/** UTC text of a timestamptz literal ('2022-02-01 00:00:00+00' → '2022-02-01 00:00:00'). */
export function utcTimestamp(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(?:([+-])(\d{2})(?::?(\d{2}))?|Z)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', sign, oh = '0', om = '0'] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (sign) ms -= (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60000;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac}`;
}

function boundValue(e: Expr): Expr {
  if (e.kind === 'Literal' && e.type === 'string') {
    const u = utcTimestamp(e.value);
    if (u && /[+-]\d{2}(:?\d{2})?$|Z$/.test(e.value.trim())) return { ...e, value: u };
  }
  if (e.kind === 'ColumnRef' && e.parts.length === 1 && /^(maxvalue|minvalue)$/i.test(e.parts[0]!)) return { ...e, parts: [e.parts[0]!.toUpperCase()] };
  return e;
}

/** Folds PARTITION OF children into their parent's PARTITION BY clause. Returns the child tables consumed. */
export function mergePartitions(parent: Table, children: Table[], ctx: RuleContext): void {
  const p = parent.partitioning;
  if (!p) return;
  ctx.report(PM.partitioned, parent.span, `${children.length} partitions of ${parent.name.name} merged into one MySQL partitioned table`);
  const defs: PartitionDef[] = [];
  const sorted = [...children];
  for (const c of sorted) {
    const b = c.partitionOf!.bound;
    const name = identifier(c.name.name, ctx);
    if (p.method === 'range') defs.push({ name, lessThan: b.isDefault ? [{ kind: 'ColumnRef', parts: ['MAXVALUE'], span: b.span }] : (b.to ?? []).map(boundValue), span: b.span });
    else if (p.method === 'list') defs.push({ name, in: (b.in ?? []).map(boundValue), isDefault: b.isDefault, span: b.span });
  }
  if (p.method === 'range') defs.sort((a, b) => (a.lessThan?.[0]?.kind === 'ColumnRef' ? 1 : 0) - (b.lessThan?.[0]?.kind === 'ColumnRef' ? 1 : 0) || JSON.stringify(a.lessThan?.map((x) => (x as { value?: string }).value)).localeCompare(JSON.stringify(b.lessThan?.map((x) => (x as { value?: string }).value))));
  if (p.method === 'list' && ctx.flavor === 'mysql' && defs.some((d) => d.isDefault)) {
    ctx.report(PM.partitionKey, parent.span, `DEFAULT list partition of ${parent.name.name} dropped: MySQL has none; rows outside every list are rejected`);
  }
  const cols = p.columns.map((c) => identifier(c, ctx));
  parent.partitioning = {
    method: p.method,
    columns: cols,
    ...(p.expr ? { expr: p.expr } : {}),
    partitions: p.method === 'hash' ? [] : defs.filter((d) => !(p.method === 'list' && ctx.flavor === 'mysql' && d.isDefault)),
    ...(p.method === 'hash' ? { count: Math.max(1, ...children.map((c) => c.partitionOf!.bound.modulus ?? 1)) } : {}),
  };
  // Every unique key must contain the partition columns; no foreign keys.
  for (const k of parent.constraints) {
    if ((k.kind === 'PrimaryKey' || k.kind === 'Unique') && cols.some((c) => !k.columns.some((x) => x.column === c))) {
      ctx.report(PM.partitionKey, k.span, `${k.kind === 'PrimaryKey' ? 'Primary key' : `Unique key ${k.name ?? ''}`} of ${parent.name.name} extended with the partition columns ${cols.join(', ')}`);
      for (const c of cols) if (!k.columns.some((x) => x.column === c)) k.columns.push({ column: c });
    }
  }
  const fks = [...parent.constraints, ...children.flatMap((c) => c.constraints)].filter((k) => k.kind === 'ForeignKey');
  const groups = new Map<string, { span: PartitionDef['span']; n: number }>();
  for (const fk of fks) {
    if (fk.kind !== 'ForeignKey') continue;
    const k = `(${fk.columns.join(', ')}) → ${fk.refTable.name}(${fk.refColumns.join(', ')})`;
    const g = groups.get(k) ?? { span: fk.span, n: 0 };
    g.n += 1;
    groups.set(k, g);
  }
  for (const [k, g] of groups) ctx.report(PM.fkPartitioned, g.span, `Foreign key ${k} of partitioned table ${parent.name.name}${g.n > 1 ? ` (declared on ${g.n} partitions)` : ''} dropped`);
  parent.constraints = parent.constraints.filter((k) => k.kind !== 'ForeignKey');
}

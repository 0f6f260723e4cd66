import type { Table, Column, Constraint, ForeignKey, Index, IndexColumn, PartitionDef, Partitioning, Expr } from '../../model/index.js';
import { GP } from './codes.js';
import type { GenContext } from './context.js';
import { type Emitted, type GenEnv, ref, keyOf, schemaKey, typeDeps } from './emitted.js';
import { printExpr } from './expr.js';
import { printQuery } from './query.js';
import { queryDependencies } from './objects.js';
import { ident, qname, stringLiteral, dollarQuote } from './quote.js';
import { qnameKey } from '../../model/index.js';
import { printType } from './types.js';

function column(c: Column, ctx: GenContext): string {
  // Appended to one string (not an array joined): one line per column of every table.
  let s = `${ident(c.name)} ${printType(c.dataType, ctx)}`;
  if (c.collation) s += ` COLLATE ${ident(c.collation)}`;
  if (c.identity) {
    const id = c.identity;
    const opts: string[] = [];
    if (id.start !== undefined) opts.push(`START WITH ${id.start}`);
    if (id.increment !== undefined) opts.push(`INCREMENT BY ${id.increment}`);
    if (id.minValue !== undefined) opts.push(`MINVALUE ${id.minValue}`);
    if (id.maxValue !== undefined) opts.push(`MAXVALUE ${id.maxValue}`);
    if (id.cache !== undefined) opts.push(`CACHE ${id.cache}`);
    if (id.cycle) opts.push('CYCLE');
    s += ` GENERATED ${id.style === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`;
  }
  if (c.generated) {
    if (!c.generated.stored) ctx.report(GP.generatedStored, c.span, `Generated column ${c.name} is now STORED`);
    s += ` GENERATED ALWAYS AS (${printExpr(c.generated.expr, ctx)}) STORED`;
  } else if (c.default && !c.identity) s += ` DEFAULT ${printExpr(c.default, ctx)}`;
  if (!c.nullable) s += ' NOT NULL';
  return s;
}

export function indexColumn(c: IndexColumn, ctx: GenContext): string {
  return indexColumnText(c, ctx, true);
}

/** Constraint key columns take no direction (printed without one, the column not copied). */
function keyColumn(c: IndexColumn, ctx: GenContext): string {
  return indexColumnText(c, ctx, false);
}

function indexColumnText(c: IndexColumn, ctx: GenContext, direction: boolean): string {
  let s = c.expr ? `(${printExpr(c.expr, ctx)})` : ident(c.column ?? '?');
  if (c.collation) s += ` COLLATE ${ident(c.collation)}`;
  if (c.opclass) s += ` ${c.opclass}`;
  if (direction && c.direction) s += ` ${c.direction.toUpperCase()}`;
  if (c.nulls) s += ` NULLS ${c.nulls.toUpperCase()}`;
  return s;
}

const named = (c: Constraint): string => (c.name ? `CONSTRAINT ${ident(c.name)} ` : '');
const deferral = (c: Constraint): string =>
  `${c.deferrable ? ' DEFERRABLE' : ''}${c.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}`;

function inlineConstraint(c: Constraint, ctx: GenContext): string | undefined {
  switch (c.kind) {
    case 'PrimaryKey': return `${named(c)}PRIMARY KEY (${c.columns.map((x) => keyColumn(x, ctx)).join(', ')})${deferral(c)}`;
    case 'Unique': return `${named(c)}UNIQUE${c.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${c.columns.map((x) => keyColumn(x, ctx)).join(', ')})${deferral(c)}`;
    case 'Check': return `${named(c)}CHECK (${printExpr(c.expr, ctx)})${c.noInherit ? ' NO INHERIT' : ''}${c.enforced === false ? ' NOT VALID' : ''}`;
    case 'ForeignKey': return undefined;
    case 'OtherConstraint':
      if (ctx.sourceDialect === 'postgres') return `${named(c)}${c.text}`;
      ctx.report(GP.unsupportedExpr, c.span, `Constraint not converted (${c.reason}): ${c.text}`);
      return undefined;
  }
}

export function foreignKeyClause(fk: ForeignKey): string {
  let s = `FOREIGN KEY (${fk.columns.map(ident).join(', ')}) REFERENCES ${qname(fk.refTable)} (${fk.refColumns.map(ident).join(', ')})`;
  if (fk.match && fk.match !== 'simple') s += ` MATCH ${fk.match.toUpperCase()}`;
  if (fk.onDelete) s += ` ON DELETE ${fk.onDelete.toUpperCase()}`;
  if (fk.onUpdate) s += ` ON UPDATE ${fk.onUpdate.toUpperCase()}`;
  return s + deferral(fk);
}

/**
 * Tables loaded by the script get their foreign keys NOT VALID first, then validated where the
 * data allows: dumps load with FOREIGN_KEY_CHECKS=0, and rows MySQL kept without a parent must
 * not abort the load (the constraint then stays NOT VALID, like MySQL's, with a warning).
 */
function foreignKey(t: Table, fk: ForeignKey, i: number, loaded: boolean): Emitted {
  const name = fk.name ?? `${t.name.name}_fk${i + 1}`;
  const add = `ALTER TABLE ${qname(t.name)} ADD CONSTRAINT ${ident(name)} ${foreignKeyClause(fk)}`;
  const statements = fk.enforced === false || fk.notValidated ? [`${add} NOT VALID`]
    : !loaded ? [add]
      : [`${add} NOT VALID`, `DO ${dollarQuote(`BEGIN
  ALTER TABLE ${qname(t.name)} VALIDATE CONSTRAINT ${ident(name)};
EXCEPTION WHEN foreign_key_violation THEN
  RAISE WARNING '%', ${stringLiteral(`foreign key ${name} on ${t.name.name} stays NOT VALID: loaded rows reference missing parents`)};
END;`, 'validate')}`];
  return {
    ref: { ...ref('ForeignKey', t.name), name: `${t.name.name}.${name}` },
    statements,
    dependsOn: [keyOf('Table', t.name), keyOf('Table', fk.refTable)],
    category: 'storage',
    late: true,
  };
}

/** Oracle ENABLE NOVALIDATE CHECK: NOT VALID, after the data, so rows Oracle tolerated still load. */
function notValidatedCheck(t: Table, c: Constraint & { kind: 'Check' }, i: number, ctx: GenContext): Emitted {
  const name = c.name ?? `${t.name.name}_check${i + 1}`;
  return {
    ref: { ...ref('Constraint', t.name), name: `${t.name.name}.${name}` },
    statements: [`ALTER TABLE ${qname(t.name)} ADD CONSTRAINT ${ident(name)} CHECK (${printExpr(c.expr, ctx)}) NOT VALID`],
    dependsOn: [keyOf('Table', t.name)],
    category: 'storage',
    late: true,
  };
}

function bound(values: Expr[], ctx: GenContext): string {
  return values.map((v) => (v.kind === 'ColumnRef' && v.parts.length === 1 && /^(maxvalue|minvalue)$/i.test(v.parts[0]!) ? v.parts[0]!.toUpperCase() : printExpr(v, ctx))).join(', ');
}

/** FOR VALUES … of one partition; MySQL LESS THAN bounds start where the previous one ended. */
function forValues(p: PartitionDef, previous: PartitionDef | undefined, ctx: GenContext): string {
  if (p.isDefault) return 'DEFAULT';
  if (p.in) return `FOR VALUES IN (${bound(p.in, ctx)})`;
  if (p.modulus !== undefined) return `FOR VALUES WITH (MODULUS ${p.modulus}, REMAINDER ${p.remainder ?? 0})`;
  if (p.from && p.to) return `FOR VALUES FROM (${bound(p.from, ctx)}) TO (${bound(p.to, ctx)})`;
  if (p.lessThan) {
    const from = previous?.lessThan ? bound(previous.lessThan, ctx) : p.lessThan.map(() => 'MINVALUE').join(', ');
    return `FOR VALUES FROM (${from}) TO (${bound(p.lessThan, ctx)})`;
  }
  return 'DEFAULT';
}

function partitionBy(p: Partitioning, ctx: GenContext): string {
  const method = p.method === 'key' ? 'HASH' : p.method.toUpperCase();
  const cols = p.expr ? `(${printExpr(p.expr, ctx)})` : p.columns.map(ident).join(', ');
  return `PARTITION BY ${method} (${cols})`;
}

function partitions(t: Table, ctx: GenContext): string[] {
  const p = t.partitioning;
  if (!p) return [];
  let defs = p.partitions;
  if (!defs.length && p.count && (p.method === 'hash' || p.method === 'key')) {
    defs = Array.from({ length: p.count }, (_, i) => ({ name: `p${i}`, modulus: p.count, remainder: i, span: t.span }));
  }
  return defs.map((d, i) => `CREATE TABLE ${qname({ ...t.name, name: `${t.name.name}_${d.name}` })} PARTITION OF ${qname(t.name)} ${forValues(d, defs[i - 1], ctx)}`);
}

export function createTableStatements(t: Table, ctx: GenContext): string[] {
  const lines = t.columns.map((c) => column(c, ctx));
  for (const c of t.constraints) {
    if (c.kind === 'Check' && c.notValidated) continue; // added after the data: notValidatedCheck
    const s = inlineConstraint(c, ctx);
    if (s) lines.push(s);
  }
  let head = 'CREATE ';
  if (t.temporary) head += 'TEMP ';
  else if (t.unlogged) head += 'UNLOGGED ';
  let sql: string;
  if (t.asQuery) {
    // CREATE TABLE … AS (set by rules, e.g. SELECT … INTO): the query gives the columns.
    sql = `${head}TABLE ${qname(t.name)}${t.temporary && t.options['on_commit'] ? ` ON COMMIT ${t.options['on_commit'].toUpperCase()}` : ''} AS ${printQuery(t.asQuery, ctx)}${t.withNoData ? ' WITH NO DATA' : ''}`;
  } else if (t.partitionOf) {
    sql = `${head}TABLE ${qname(t.name)} PARTITION OF ${qname(t.partitionOf.parent)} ${forValues(t.partitionOf.bound, undefined, ctx)}`;
  } else {
    sql = `${head}TABLE ${qname(t.name)} (\n${lines.length ? `  ${lines.join(',\n  ')}` : ''}\n)`;
    if (t.inherits?.length) sql += ` INHERITS (${t.inherits.map(qname).join(', ')})`;
    if (t.partitioning) sql += ` ${partitionBy(t.partitioning, ctx)}`;
    if (t.temporary && t.options['on_commit']) sql += ` ON COMMIT ${t.options['on_commit'].toUpperCase()}`;
  }
  const out = [sql, ...partitions(t, ctx)];
  // CREATE TABLE AS copies no NOT NULL; rules list the columns that keep one (Oracle CTAS).
  if (t.asQuery) for (const c of t.columns) if (!c.nullable) out.push(`ALTER TABLE ${qname(t.name)} ALTER COLUMN ${ident(c.name)} SET NOT NULL`);
  if (t.comment) out.push(`COMMENT ON TABLE ${qname(t.name)} IS ${stringLiteral(t.comment)}`);
  for (const c of t.columns) if (c.comment) out.push(`COMMENT ON COLUMN ${qname(t.name)}.${ident(c.name)} IS ${stringLiteral(c.comment)}`);
  return out;
}

export function emitTable(t: Table, ctx: GenContext, env: GenEnv): Emitted[] {
  const deps = schemaKey(t.name);
  for (const c of t.columns) if (c.dataType.name === 'user') deps.push(...typeDeps(c.dataType));
  if (t.partitionOf) deps.push(keyOf('Table', t.partitionOf.parent));
  if (t.asQuery) deps.push(...queryDependencies(t.asQuery).filter((k) => k !== keyOf('Table', t.name)));
  for (const i of t.inherits ?? []) deps.push(keyOf('Table', i));
  const fks = t.constraints.filter((c): c is ForeignKey => c.kind === 'ForeignKey');
  return [
    { ref: ref('Table', t.name), statements: createTableStatements(t, ctx), dependsOn: deps, category: 'storage' },
    ...fks.map((fk, i) => foreignKey(t, fk, i, env.loaded.has(qnameKey(t.name)))),
    ...t.constraints.filter((c): c is Constraint & { kind: 'Check' } => c.kind === 'Check' && !!c.notValidated).map((c, i) => notValidatedCheck(t, c, i, ctx)),
  ];
}

const METHODS: Record<NonNullable<Index['method']>, string | undefined> = {
  btree: undefined, hash: 'hash', gin: 'gin', gist: 'gist', brin: 'brin', spgist: 'spgist',
  fulltext: undefined, spatial: 'gist', bitmap: undefined, other: undefined,
};

export function createIndexStatement(i: Index, ctx: GenContext): string {
  if (i.method && ['fulltext', 'bitmap', 'other'].includes(i.method)) {
    ctx.report(GP.unsupportedExpr, i.span, `Index method ${i.method} has no PostgreSQL equivalent; a btree index was created`);
  }
  const method = i.method ? METHODS[i.method] : undefined;
  let s = `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${i.concurrently ? 'CONCURRENTLY ' : ''}${ident(i.name)} ON ${qname(i.table)}`;
  if (method) s += ` USING ${method}`;
  s += ` (${i.columns.map((c) => indexColumn(c, ctx)).join(', ')})`;
  if (i.include?.length) s += ` INCLUDE (${i.include.map(ident).join(', ')})`;
  if (i.where) s += ` WHERE ${printExpr(i.where, ctx)}`;
  return s;
}

export function emitIndex(i: Index, ctx: GenContext, env: GenEnv): Emitted[] {
  const statements = [createIndexStatement(i, ctx)];
  if (i.comment) statements.push(`COMMENT ON INDEX ${qname({ schema: i.table.schema, name: i.name })} IS ${stringLiteral(i.comment)}`);
  // Non-unique indexes of loaded tables are built after the data (much faster than maintaining them
  // row by row); unique ones stay before it, since INSERT … ON CONFLICT needs them.
  return [{ ref: ref('Index', { schema: i.table.schema, name: i.name }), statements, dependsOn: [keyOf('Table', i.table)], category: 'storage',
    late: !i.unique && env.loaded.has(qnameKey(i.table)) }];
}

import type { CatalogObject, View, Query, QualifiedName } from '../../model/index.js';
import { walk } from '../../model/index.js';
import { GP } from './codes.js';
import type { GenContext } from './context.js';
import { type Emitted, type GenEnv, ref, keyOf, schemaKey, typeDeps } from './emitted.js';
import { printExpr } from './expr.js';
import { printQuery } from './query.js';
import { ident, qname, qnameBetween, stringLiteral } from './quote.js';
import { openBuf, closeBuf } from './buf.js';
import { printType } from './types.js';

type Emitter<K extends CatalogObject['kind']> = (o: Extract<CatalogObject, { kind: K }>, ctx: GenContext, env: GenEnv) => Emitted | Emitted[];

/** Tables, views and routines a query reads: views and functions must be created after them. */
export function queryDependencies(root: unknown): string[] {
  const out = new Set<string>();
  walk(root, (n) => {
    if (n.kind === 'TableRef') {
      const name = (n as unknown as { name: QualifiedName }).name;
      out.add(keyOf('Table', name));
      out.add(keyOf('View', name));
    } else if (n.kind === 'FunctionCall') {
      const name = (n as unknown as { name: QualifiedName }).name;
      if (name.schema) out.add(keyOf('Function', name));
    }
  });
  return [...out];
}

export const emitSchema: Emitter<'Schema'> = (s) => {
  const statements = [`CREATE SCHEMA IF NOT EXISTS ${ident(s.name.name)}`];
  if (s.comment) statements.push(`COMMENT ON SCHEMA ${ident(s.name.name)} IS ${stringLiteral(s.comment)}`);
  return [{ ref: { type: 'Schema', name: s.name.name }, statements, dependsOn: [], category: 'storage' }];
};

export const emitView: Emitter<'View'> = (v: View, ctx) => {
  if (v.query.kind === 'Unparsed') {
    ctx.markUnparsed(v.query);
    return [{ ref: ref('View', v.name), statements: [], dependsOn: [], category: 'code', notConverted: true }];
  }
  const opts: string[] = [];
  if (v.security === 'invoker') opts.push('security_invoker = true');
  const cols = v.columns?.length ? ` (${v.columns.map(ident).join(', ')})` : '';
  let sql = `CREATE ${v.materialized ? 'MATERIALIZED ' : ''}VIEW ${qname(v.name)}${cols}${opts.length ? ` WITH (${opts.join(', ')})` : ''} AS\n${printQuery(v.query as Query, ctx)}`;
  if (v.checkOption && !v.materialized) sql += `\nWITH ${v.checkOption.toUpperCase()} CHECK OPTION`;
  const statements = [sql];
  if (v.comment) statements.push(`COMMENT ON ${v.materialized ? 'MATERIALIZED ' : ''}VIEW ${qname(v.name)} IS ${stringLiteral(v.comment)}`);
  return [{ ref: ref('View', v.name), statements, dependsOn: [...schemaKey(v.name), ...queryDependencies(v.query).filter((k) => k !== keyOf('View', v.name))], category: 'code' }];
};

export const emitSequence: Emitter<'Sequence'> = (s, ctx) => {
  let sql = `CREATE SEQUENCE ${qname(s.name)}`;
  if (s.dataType) sql += ` AS ${printType(s.dataType, ctx)}`;
  if (s.increment !== undefined) sql += ` INCREMENT BY ${s.increment}`;
  if (s.minValue !== undefined) sql += ` MINVALUE ${s.minValue}`;
  if (s.maxValue !== undefined) sql += ` MAXVALUE ${s.maxValue}`;
  if (s.start !== undefined) sql += ` START WITH ${s.start}`;
  if (s.cache !== undefined) sql += ` CACHE ${s.cache}`;
  if (s.cycle) sql += ' CYCLE';
  const statements = [sql];
  const deps = schemaKey(s.name);
  if (s.ownedBy) {
    statements.push(`ALTER SEQUENCE ${qname(s.name)} OWNED BY ${qname(s.ownedBy.table)}.${ident(s.ownedBy.column)}`);
    deps.push(keyOf('Table', s.ownedBy.table));
  }
  if (s.currentValue !== undefined) statements.push(`SELECT setval(${stringLiteral(qname(s.name))}, ${s.currentValue})`);
  return [{ ref: ref('Sequence', s.name), statements, dependsOn: deps, category: 'storage' }];
};

export const emitDomain: Emitter<'Domain'> = (d, ctx) => {
  let sql = `CREATE DOMAIN ${qname(d.name)} AS ${printType(d.baseType, ctx)}`;
  if (d.collation) sql += ` COLLATE ${ident(d.collation)}`;
  if (d.default) sql += ` DEFAULT ${printExpr(d.default, ctx)}`;
  if (d.notNull) sql += ' NOT NULL';
  for (const c of d.checks) sql += `${c.name ? ` CONSTRAINT ${ident(c.name)}` : ''} CHECK (${printExpr(c.expr, ctx)})`;
  return [{ ref: ref('Type', d.name), statements: [sql], dependsOn: [...schemaKey(d.name), ...typeDeps(d.baseType)], category: 'storage' }];
};

export const emitEnum: Emitter<'EnumType'> = (e) => {
  const b = openBuf();
  qnameBetween(b, e.name, 'CREATE TYPE ', 'CREATE TYPE "', '" AS ENUM (', ' AS ENUM (');
  for (let i = 0; i < e.values.length; i++) {
    if (i) b.add(', ');
    b.add(stringLiteral(e.values[i]!));
  }
  b.add(')');
  return { ref: ref('Type', e.name), statements: [closeBuf(b)], dependsOn: schemaKey(e.name), category: 'storage' };
};

export const emitComposite: Emitter<'CompositeType'> = (c, ctx) => [{
  ref: ref('Type', c.name),
  statements: [`CREATE TYPE ${qname(c.name)} AS (\n${c.attributes.map((a) => `  ${ident(a.name)} ${printType(a.dataType, ctx)}`).join(',\n')}\n)`],
  dependsOn: [...schemaKey(c.name), ...c.attributes.flatMap((a) => typeDeps(a.dataType))], category: 'storage',
}];

/** A collection type becomes a domain over an array; a VARRAY keeps its bound as a CHECK. */
export const emitCollection: Emitter<'CollectionType'> = (c, ctx) => {
  let sql = `CREATE DOMAIN ${qname(c.name)} AS ${printType({ ...c.element, arrayDims: 1 }, ctx)}`;
  if (c.collection === 'varray' && c.limit !== undefined) sql += ` CHECK (cardinality(VALUE) <= ${c.limit})`;
  return [{ ref: ref('Type', c.name), statements: [sql], dependsOn: [...schemaKey(c.name), ...typeDeps(c.element)], category: 'storage' }];
};

const COMMENT_TARGETS: Record<string, string> = { table: 'TABLE', column: 'COLUMN', view: 'VIEW', index: 'INDEX', sequence: 'SEQUENCE', schema: 'SCHEMA', type: 'TYPE', domain: 'DOMAIN', function: 'FUNCTION', procedure: 'PROCEDURE', 'materialized view': 'MATERIALIZED VIEW' };

export const emitComment: Emitter<'Comment'> = (c, ctx) => {
  const type = COMMENT_TARGETS[c.target.objectType.toLowerCase()];
  if (!type) {
    ctx.report(GP.objectNotSupported, c.span, `COMMENT ON ${c.target.objectType} was not converted`);
    return [{ ref: ref('Comment', c.target.name), statements: [], dependsOn: [], category: 'code', notConverted: true }];
  }
  const target = c.target.column ? `${qname(c.target.name)}.${ident(c.target.column)}` : qname(c.target.name);
  const kind = c.target.column ? 'COLUMN' : type;
  const text = c.text === null ? 'NULL' : stringLiteral(c.text);
  const owner = kind === 'COLUMN' ? 'Table' : type.charAt(0) + type.slice(1).toLowerCase();
  return [{ ref: { ...ref('Comment', c.target.name), name: `${c.target.name.name}${c.target.column ? `.${c.target.column}` : ''}` },
    statements: [`COMMENT ON ${kind} ${target} IS ${text}`], dependsOn: [keyOf(owner, c.target.name)], category: 'code' }];
};

const notSupported = (type: string, what: string) => (o: { name: QualifiedName; span: import('../../model/index.js').SourceSpan }, ctx: GenContext): Emitted[] => {
  ctx.report(GP.objectNotSupported, o.span, `${what} ${o.name.name} has no PostgreSQL equivalent and was not converted`);
  return [{ ref: ref(type, o.name), statements: [], dependsOn: [], category: 'code', notConverted: true }];
};

export const emitSynonym: Emitter<'Synonym'> = (s, ctx) => notSupported('Synonym', 'Synonym')(s, ctx);
export const emitEvent: Emitter<'Event'> = (e, ctx) => notSupported('Event', 'Scheduled event')(e, ctx);
export const emitPackage: Emitter<'Package'> = (p, ctx) => notSupported('Package', 'Package')(p, ctx);

export const emitUnparsedObject: Emitter<'UnparsedObject'> = (u, ctx) => {
  // A rule that made this object already said why it is not converted (UnparsedObject.reported).
  if (!u.reported) ctx.report(GP.unparsedObject, u.span, `Not converted (${u.statement.reason}): ${u.statement.text.slice(0, 200)}`);
  ctx.addUnparsed(u.statement);
  return [{ ref: { type: u.objectType ?? 'Statement', name: u.name?.name ?? `line ${u.span.line}`, ...(u.name?.schema ? { schema: u.name.schema } : {}) },
    statements: [], dependsOn: [], category: 'code', notConverted: true }];
};

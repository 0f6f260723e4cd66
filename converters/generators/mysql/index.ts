import type {
  CatalogObject, ConvertedObject, ConvertOptions, ConvertResult, Diagnostic, Generator, ObjectKind, ObjectRef,
  QualifiedName, Table, Index,
} from '../../model/index.js';
import { objectRef, qnameKey, refKey, walk } from '../../model/index.js';
import { GM } from './codes.js';
import { GenContext, type MysqlFlavor } from './context.js';
import { setDdlPrinter } from './code.js';
import { dataSql } from './data.js';
import { querySql } from './query.js';
import { ident, qname, str } from './quote.js';
import { refOf, sourceRefOf, tableKey } from './refs.js';
import { createEventSql, createRoutineSql, createTriggerSql } from './routines.js';
import { createIndexSql, createTableSql, foreignKeySql } from './table.js';

export { GenContext } from './context.js';
export type { MysqlFlavor } from './context.js';
export { refOf, refTypeOf, sourceRefOf } from './refs.js';
export { ident, qname, str } from './quote.js';
export { TEMPLATE_FUNCTION } from './expr.js';

/** One target object as an emitter returns it; the generator adds source, status and diagnostics. */
interface Emitted {
  ref: ObjectRef;
  statements: string[];
  dependsOn: string[];
  category: ConvertedObject['category'];
  notConverted?: boolean;
}

type Emitter<K extends ObjectKind> = (o: Extract<CatalogObject, { kind: K }>, ctx: GenContext) => Emitted[];

const comment = (text: string): string => text.split('\n').map((l) => `-- ${l}`).join('\n');

function schemaDeps(name: QualifiedName): string[] {
  return name.schema ? [refKey(objectRef('schema', { name: name.schema }))] : [];
}

/** Tables, views and functions a query or body reads, as ref keys (missing ones are ignored by the orderer). */
function readsFrom(node: unknown): string[] {
  const keys = new Set<string>();
  walk(node, (n) => {
    if (n.kind === 'TableRef') {
      const name = (n as unknown as { name: QualifiedName }).name;
      keys.add(refKey(objectRef('table', name)));
      keys.add(refKey(objectRef('view', name)));
    }
    if (n.kind === 'FunctionCall') keys.add(refKey(objectRef('function', (n as unknown as { name: QualifiedName }).name)));
  });
  return [...keys];
}

function notSupported(kind: string): Emitter<ObjectKind> {
  return (o, ctx) => {
    ctx.report(GM.unsupportedObject, o.span, `${kind} ${'name' in o && o.name ? (o.name as QualifiedName).name : ''} has no MySQL equivalent and was not converted by the rules`);
    return [{ ref: refOf(o), statements: [comment(`${kind} not converted`)], dependsOn: [], category: 'storage', notConverted: true }];
  };
}

function tableEmitter(t: Table, ctx: GenContext): Emitted[] {
  const out: Emitted[] = [{ ref: refOf(t), statements: [createTableSql(t, ctx, ctx.inlineIndexes.get(qnameKey(t.name)))], dependsOn: schemaDeps(t.name), category: 'storage' }];
  let n = 0;
  for (const c of t.constraints) {
    if (c.kind !== 'ForeignKey') continue;
    n += 1;
    const name = c.name ?? `${t.name.name}_fk${n}`;
    out.push({
      ref: objectRef('foreign key', { schema: t.name.schema, name: `${t.name.name}.${name}` }),
      statements: [foreignKeySql(t, c, name, ctx)],
      // After both tables' data: rows load in any order, the key is checked once.
      dependsOn: [tableKey(t.name), tableKey(c.refTable), refKey(objectRef('data', t.name)), refKey(objectRef('data', c.refTable))],
      category: 'storage',
    });
  }
  return out;
}

const EMITTERS: { [K in ObjectKind]: Emitter<K> } = {
  Schema: (s) => [{
    ref: refOf(s),
    statements: [`CREATE DATABASE IF NOT EXISTS ${ident(s.name.name)} CHARACTER SET ${s.charset ?? 'utf8mb4'}${s.collation ? ` COLLATE ${s.collation}` : ''}${s.comment ? ` COMMENT ${str(s.comment)}` : ''}`],
    dependsOn: [], category: 'storage',
  }],
  Table: tableEmitter,
  View: (v, ctx) => {
    if (v.query.kind === 'Unparsed') {
      ctx.broken = true;
      ctx.report(GM.unparsedFragment, v.query.span, `View query could not be parsed: ${v.query.reason}`);
      return [{ ref: refOf(v), statements: [comment(v.query.text)], dependsOn: [], category: 'code', notConverted: true }];
    }
    if (v.materialized) {
      // MySQL has no materialized views: a table filled from the query once (the rules say how to refresh it).
      const cols = v.columns?.length ? ` (${v.columns.map(ident).join(', ')})` : '';
      if (cols) ctx.report(GM.unsupportedExpr, v.span, 'Column names of the materialized view are taken from the query');
      const sql = `CREATE TABLE ${qname(v.name)} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 AS\n${querySql(v.query, ctx)}`;
      return [{ ref: objectRef('table', v.name), statements: [sql], dependsOn: [...schemaDeps(v.name), ...readsFrom(v.query), ...readsFrom(v.query).map((k) => k.replace(/^table:/, 'data:'))], category: 'storage' }];
    }
    const opts = [v.orReplace ? 'OR REPLACE' : '', v.algorithm ? `ALGORITHM = ${v.algorithm.toUpperCase()}` : '', v.security ? `SQL SECURITY ${v.security.toUpperCase()}` : ''].filter((x) => x);
    const cols = v.columns?.length ? ` (${v.columns.map(ident).join(', ')})` : '';
    const check = v.checkOption ? ` WITH ${v.checkOption.toUpperCase()} CHECK OPTION` : '';
    const sql = `CREATE ${opts.length ? `${opts.join(' ')} ` : ''}VIEW ${qname(v.name)}${cols} AS\n${querySql(v.query, ctx)}${check}`;
    return [{ ref: objectRef('view', v.name), statements: [sql], dependsOn: [...schemaDeps(v.name), ...readsFrom(v.query)], category: 'code' }];
  },
  Index: (i, ctx) => (i.inline ? [] : [{ ref: refOf(i), statements: [createIndexSql(i, ctx)], dependsOn: [tableKey(i.table), ...readsFrom(i.columns)], category: 'storage' }]),
  Sequence: (s, ctx) => {
    if (ctx.flavor === 'mysql') {
      ctx.report(GM.unsupportedObject, s.span, `Sequence ${s.name.name}: MySQL has no sequences`);
      return [{ ref: refOf(s), statements: [comment(`sequence ${qname(s.name)} not converted`)], dependsOn: [], category: 'storage', notConverted: true }];
    }
    const parts = [`CREATE SEQUENCE ${qname(s.name)}`];
    if (s.start !== undefined) parts.push(`START WITH ${s.currentValue !== undefined ? s.currentValue + (s.increment ?? 1) : s.start}`);
    if (s.increment !== undefined) parts.push(`INCREMENT BY ${s.increment}`);
    parts.push(s.minValue !== undefined ? `MINVALUE ${s.minValue}` : 'NO MINVALUE');
    parts.push(s.maxValue !== undefined ? `MAXVALUE ${s.maxValue}` : 'NO MAXVALUE');
    if (s.cache !== undefined) parts.push(`CACHE ${s.cache}`);
    parts.push(s.cycle ? 'CYCLE' : 'NOCYCLE');
    return [{ ref: refOf(s), statements: [parts.join(' ')], dependsOn: schemaDeps(s.name), category: 'storage' }];
  },
  Trigger: (t, ctx) => (t.body ? t.events : t.events.slice(0, 1)).map((ev) => {
    const name = t.events.length > 1 && t.body ? `${t.name.name}_${ev}` : t.name.name;
    const c = new GenContext(ctx.flavor, ctx.object);
    const sql = createTriggerSql(t, ev, name, c);
    ctx.diagnostics.push(...c.diagnostics);
    if (c.broken) ctx.broken = true;
    return { ref: objectRef('trigger', { schema: t.name.schema, name }), statements: [sql], dependsOn: [tableKey(t.table)], category: 'code' as const };
  }),
  Routine: (r, ctx) => {
    if (!r.anonymous) return [{ ref: refOf(r), statements: [createRoutineSql(r, ctx)], dependsOn: schemaDeps(r.name), category: 'code' }];
    // A script-level anonymous block (PL/SQL DECLARE/BEGIN … END) runs once where it stands: MySQL has no
    // anonymous compound statements outside programs, so a procedure is created, called and dropped.
    const writes: string[] = [];
    walk(r.body, (n) => { if (n.kind === 'Insert') writes.push(tableKey((n as unknown as { table: QualifiedName }).table)); });
    return [{ ref: refOf(r), statements: [createRoutineSql(r, ctx), `CALL ${qname(r.name)}()`, `DROP PROCEDURE ${qname(r.name)}`],
      dependsOn: [...schemaDeps(r.name), ...readsFrom(r.body), ...writes], category: 'data' }];
  },
  Package: notSupported('Package') as Emitter<'Package'>,
  Domain: notSupported('Domain') as Emitter<'Domain'>,
  EnumType: notSupported('Enum type') as Emitter<'EnumType'>,
  CompositeType: notSupported('Composite type') as Emitter<'CompositeType'>,
  CollectionType: notSupported('Collection type') as Emitter<'CollectionType'>,
  Synonym: notSupported('Synonym') as Emitter<'Synonym'>,
  Event: (e, ctx) => [{ ref: refOf(e), statements: [createEventSql(e, ctx)], dependsOn: schemaDeps(e.name), category: 'code' }],
  Comment: (c, ctx) => {
    if (c.target.objectType.toLowerCase() === 'table' && !c.target.column) {
      return [{ ref: refOf(c), statements: [`ALTER TABLE ${qname(c.target.name)} COMMENT = ${str(c.text ?? '')}`], dependsOn: [tableKey(c.target.name)], category: 'storage' }];
    }
    ctx.report(GM.unsupportedObject, c.span, `Comment on ${c.target.objectType} ${c.target.name.name}${c.target.column ? `.${c.target.column}` : ''} is not converted`);
    return [{ ref: refOf(c), statements: [comment(`COMMENT: ${c.text ?? ''}`)], dependsOn: [], category: 'storage', notConverted: true }];
  },
  DataScript: (d, ctx) => [{ ref: refOf(d), statements: dataSql(d, ctx), dependsOn: [tableKey(d.table)], category: 'data' }],
  UnparsedObject: (u, ctx) => {
    if (!u.reported) ctx.report(GM.unparsedObject, u.statement.span, `Statement could not be parsed (${u.statement.reason})`);
    return [{ ref: refOf(u), statements: [comment(u.statement.text)], dependsOn: [], category: 'storage', notConverted: true }];
  },
};

setDdlPrinter((o, ctx) => {
  const e = (EMITTERS[o.kind] as Emitter<typeof o.kind>)(o as never, ctx);
  return e.flatMap((x) => x.statements).join(';\n');
});

/** Catalog (already rewritten by the rules for MySQL) → MySQL statements, one ConvertedObject per target object. */
export function generateMysql(catalog: { objects: CatalogObject[] }, options: ConvertOptions & { mysqlFlavor?: MysqlFlavor }): ConvertResult {
  const flavor: MysqlFlavor = options.mysqlFlavor ?? 'mysql';
  const objects: ConvertedObject[] = [];
  const loose: Diagnostic[] = [];
  const inlineIndexes = new Map<string, Index[]>();
  for (const o of catalog.objects) {
    if (o.kind === 'Index' && o.inline) inlineIndexes.set(qnameKey(o.table), [...(inlineIndexes.get(qnameKey(o.table)) ?? []), o]);
  }
  for (const o of catalog.objects) {
    const source = sourceRefOf(o);
    const ctx = new GenContext(flavor, source);
    ctx.inlineIndexes = inlineIndexes;
    let emitted: Emitted[];
    try {
      emitted = (EMITTERS[o.kind] as Emitter<typeof o.kind>)(o as never, ctx);
    } catch (err) {
      // Never let one odd object stop the whole conversion.
      ctx.broken = true;
      ctx.report(GM.unsupportedObject, o.span, `Internal error while printing this object: ${(err as Error).message}`);
      emitted = [{ ref: refOf(o), statements: [], dependsOn: [], category: 'storage' }];
    }
    emitted.forEach((e, i) => {
      const diags = i === 0 ? ctx.diagnostics : [];
      const failed = e.notConverted || ctx.broken;
      const statements = failed && !e.notConverted ? [comment(`NOT CONVERTED (see action items):\n${e.statements.join(';\n')}`)] : e.statements;
      const status = failed ? 'not-converted' : diags.some((d) => d.severity !== 'info') ? 'converted-with-actions' : 'converted';
      objects.push({ ref: e.ref, source, statements, dependsOn: e.dependsOn.filter((k) => k !== refKey(e.ref)), status, diagnostics: [...diags], span: o.span, category: e.category });
    });
    if (!emitted.length) loose.push(...ctx.diagnostics);
  }
  // Foreign keys go last: placed with their tables they would pull every table's data ahead of
  // the triggers and code the script defines between them (the dependency order is stable).
  const isKey = (o: ConvertedObject): boolean => o.ref.type === 'foreign key';
  return { target: 'mysql', objects: [...objects.filter((o) => !isKey(o)), ...objects.filter(isKey)], diagnostics: loose };
}

export const mysqlGenerator: Generator = { target: 'mysql', generate: (catalog, options) => generateMysql(catalog, options) };

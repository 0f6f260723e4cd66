import type { Catalog, CatalogObject, ConvertOptions, Index, RuleSet, Table } from '../../model/index.js';
import { objectRef, qnameKey } from '../../model/index.js';
import { refOf } from '../../generators/mysql/index.js';
import { PM } from './codes.js';
import { RuleContext } from './context.js';
import { convertRoutine, convertTrigger, onUpdateColumn } from './code.js';
import { convertData } from './data.js';
import { convertTree } from './expressions.js';
import { stringJoinAggregates } from './aggregates.js';
import { emulateSequence, nextvalFunction } from './sequences.js';
import { identifier, targetName, targetSchema } from './names.js';
import { convertIndex, convertTable, fixAutoIncrement, mergePartitions } from './tables.js';

export { PM as POSTGRES_MYSQL_CODES } from './codes.js';
export { FUNCTIONS as POSTGRES_MYSQL_FUNCTIONS } from './functions.js';

/** PostgreSQL catalog → catalog the MySQL generator prints. Findings name the SOURCE objects. */
export function transformPostgresToMysql(catalog: Catalog, options: ConvertOptions): { catalog: Catalog; diagnostics: RuleContext['diagnostics'] } {
  const ctx = new RuleContext(catalog, options);
  ctx.joinAggregates = stringJoinAggregates(catalog);
  const userRoutines = new Set([...ctx.routinesByName.keys()]);
  const conv = <T>(n: T): T => convertTree(n, ctx, (name) => userRoutines.has(name));
  const out: CatalogObject[] = [];
  const tables = new Map<string, Table>();
  const children = new Map<string, Table[]>();
  const childKeys = new Set<string>();
  const schemasSeen = new Set<string>();
  const extraIndexes: Index[] = [];
  const triggerNameCount = new Map<string, number>();
  for (const o of catalog.objects) if (o.kind === 'Trigger') triggerNameCount.set(o.name.name.toLowerCase(), (triggerNameCount.get(o.name.name.toLowerCase()) ?? 0) + 1);
  const sharedTriggerNames = new Set([...triggerNameCount].filter(([, n]) => n > 1).map(([k]) => k));
  const matviews = new Set(catalog.objects.filter((o) => o.kind === 'View' && o.materialized).map((o) => qnameKey((o as { name: Table['name'] }).name)));

  const noteSchema = (schema: string | undefined, o: CatalogObject): void => {
    if (!schema || schemasSeen.has(schema)) return;
    schemasSeen.add(schema);
    const t = targetSchema(schema, ctx);
    ctx.report(PM.schemaMapped, o.span, t ? `Schema ${schema} → MySQL database ${t}` : `Schema ${schema} → the database the script is applied to (names unqualified)`, objectRef('schema', { name: schema }));
  };

  for (const o of catalog.objects) {
    ctx.object = refOf(o);
    ctx.span = o.span;
    if ('name' in o && o.name && typeof o.name === 'object') noteSchema(o.name.schema, o);
    switch (o.kind) {
      case 'Schema': {
        const t = targetSchema(o.name.name, ctx);
        if (t) out.push({ ...o, name: { name: t }, origin: objectRef('schema', o.name) });
        break;
      }
      case 'Table': {
        ctx.quiet = !!o.partitionOf;
        const t = convertTable(o, conv, ctx);
        ctx.quiet = false;
        tables.set(qnameKey(o.name), t);
        if (o.partitionOf) {
          const k = qnameKey(o.partitionOf.parent);
          children.set(k, [...(children.get(k) ?? []), { ...t, partitionOf: o.partitionOf }]);
          childKeys.add(qnameKey(o.name));
          break;
        }
        out.push(t);
        break;
      }
      case 'Index': {
        if (childKeys.has(qnameKey(o.table))) break; // per-partition indexes: the parent's index covers them
        if (matviews.has(qnameKey(o.table))) { ctx.report(PM.materializedView, o.span, `Index ${o.name} on materialized view ${o.table.name} not created: the column types of the table are only known once it is filled`); break; }
        const table = tables.get(qnameKey(o.table));
        const r = convertIndex(o, table, conv, ctx);
        if (r.extraColumn && table) table.columns.push(r.extraColumn);
        if (r.index) out.push(r.index);
        break;
      }
      case 'View':
        if (o.materialized) ctx.report(PM.materializedView, o.span, `Materialized view ${o.name.name} became a table filled from its query when the script runs`);
        out.push({ ...conv(o), name: targetName(o.name, ctx), origin: objectRef(o.materialized ? 'materialized view' : 'view', o.name) });
        break;
      case 'Sequence': {
        const owner = o.ownedBy ? ctx.lookup(ctx.tables, o.ownedBy.table)?.columns.find((c) => c.name === o.ownedBy!.column) : undefined;
        if (owner?.identity) { ctx.report(PM.sequenceAsAutoIncrement, o.span, `Sequence ${o.name.name} became AUTO_INCREMENT of ${o.ownedBy!.table.name}.${o.ownedBy!.column}`); break; }
        if (ctx.flavor === 'mysql') {
          ctx.report(PM.sequenceEmulated, o.span, `Sequence ${o.name.name} emulated by table ${targetName(o.name, ctx).name} and function ${nextvalFunction(o.name, ctx).name}() (no MINVALUE/MAXVALUE/CYCLE)`);
          out.push(...emulateSequence(o, ctx));
          break;
        }
        out.push({ ...o, name: targetName(o.name, ctx), dataType: undefined, origin: objectRef('sequence', o.name) });
        break;
      }
      case 'Trigger': {
        const onUpdate = onUpdateColumn(o, ctx.routinesByName);
        const table = tables.get(qnameKey(o.table));
        const col = onUpdate !== undefined ? table?.columns.find((c) => c.name === identifier(onUpdate, ctx)) : undefined;
        if (col) {
          col.onUpdate = { kind: 'FunctionCall', name: { name: 'CURRENT_TIMESTAMP' }, args: [], span: o.span };
          ctx.report(PM.onUpdateColumn, o.span, `Trigger ${o.name.name} became ON UPDATE CURRENT_TIMESTAMP on ${o.table.name}.${col.name}`);
          break;
        }
        out.push(...convertTrigger(o, conv, ctx, ctx.routinesByName, sharedTriggerNames));
        break;
      }
      case 'Routine': {
        const r = convertRoutine(o, conv, ctx);
        if (r) out.push(r);
        break;
      }
      case 'Domain': case 'EnumType': break; // inlined into the columns using them
      case 'CompositeType':
        ctx.report(PM.compositeType, o.span, `Composite type ${o.name.name} not converted`);
        break;
      case 'Comment': {
        const ot = o.target.objectType;
        if (ot === 'table' && !o.target.column) { const t = tables.get(qnameKey(o.target.name)); if (t) t.comment = o.text ?? undefined; break; }
        if (ot === 'column' || (ot === 'table' && o.target.column)) {
          const tname = o.target.column ? o.target.name : { schema: o.target.name.schema, name: o.target.name.name };
          const t = tables.get(qnameKey(tname));
          const c = t?.columns.find((x) => x.name === o.target.column);
          if (c) { c.comment = o.text ?? undefined; break; }
        }
        if (ot === 'function' || ot === 'procedure') {
          const r = out.find((x) => x.kind === 'Routine' && x.origin?.name === o.target.name.name);
          if (r && r.kind === 'Routine') { r.comment = o.text ?? undefined; break; }
        }
        ctx.report(PM.commentLost, o.span, `Comment on ${ot} ${o.target.name.name} not kept`);
        break;
      }
      case 'DataScript': {
        const src = ctx.lookup(ctx.tables, o.table);
        const parent = src?.partitionOf ? src.partitionOf.parent : undefined;
        const ds = convertData(o, src, conv, ctx);
        out.push(parent ? { ...ds, table: targetName(parent, ctx), statements: ds.statements.map((s) => (s.kind === 'Insert' ? { ...s, table: targetName(parent, ctx) } : s)) } : ds);
        break;
      }
      case 'UnparsedObject':
        if (o.objectType === 'aggregate') ctx.report(PM.aggregate, o.span, `Aggregate ${o.name?.name ?? ''} not converted`);
        out.push(o);
        break;
      default:
        out.push(o);
    }
  }
  for (const [k, kids] of children) {
    const parent = tables.get(k);
    if (parent) { ctx.object = parent.origin; mergePartitions(parent, kids, ctx); }
  }
  // Foreign keys pointing at partitioned tables are not allowed either.
  const partitioned = new Set([...tables.values()].filter((t) => t.partitioning).map((t) => qnameKey(t.name)));
  for (const [key, t] of tables) {
    if (childKeys.has(key)) continue;
    ctx.object = t.origin;
    t.constraints = t.constraints.filter((c) => {
      if (c.kind === 'ForeignKey' && partitioned.has(qnameKey(c.refTable))) {
        ctx.report(PM.fkPartitioned, c.span, `Foreign key ${c.name ?? ''} of ${t.name.name} references partitioned table ${c.refTable.name}; dropped`);
        return false;
      }
      return true;
    });
    extraIndexes.push(...fixAutoIncrement(t, ctx));
  }
  out.push(...extraIndexes);
  return { catalog: { dialect: catalog.dialect, objects: out, serverVersion: catalog.serverVersion }, diagnostics: ctx.diagnostics };
}

export const postgresToMysql: RuleSet = { source: 'postgres', target: 'mysql', transform: transformPostgresToMysql };

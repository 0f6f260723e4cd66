// The target schema of a task comes from dbshift's own conversion: the source catalog is read
// live, the DMS name transformations are applied to it, and the converted storage objects of the
// selected tables are created on the target (tables first; secondary indexes and foreign keys after
// the load, with their converted definitions).
import type { Catalog, Column, ConvertedObject, DataType, Table, TypeName } from '../../../converters/index.js';
import { convert, refKey } from '../../../converters/index.js';
import {
  addedColumns, isSelected, targetColumnName, targetSchemaName, targetTableName, type TableMappings, type TaskSettings,
  type TransformationRule,
} from './task/index.js';

export interface PlannedTable {
  source: { schema: string; table: string };
  target: { schema: string; table: string };
  /** Source column → target column name as converted (undefined: removed by a rule). */
  columnMap: Map<string, string | undefined>;
  added: TransformationRule[];
  /** CREATE TYPE / CREATE TABLE statements, in order. */
  create: string[];
  /** Primary key taken out of CREATE TABLE when CreatePkAfterFullLoad is set. */
  deferredPk?: string;
  /** CREATE INDEX / ADD CONSTRAINT … FOREIGN KEY, run after the load. */
  after: string[];
  typeNames: string[];
}

export interface SchemaPlan { tables: PlannedTable[]; notes: string[] }

const DMS_TYPES: Record<string, { name: TypeName; text: (t: { length?: number; precision?: number; scale?: number }) => string }> = {
  string: { name: 'varchar', text: (t) => `varchar(${t.length ?? 255})` },
  wstring: { name: 'varchar', text: (t) => `varchar(${t.length ?? 255})` },
  int1: { name: 'tinyint', text: () => 'tinyint' }, int2: { name: 'smallint', text: () => 'smallint' },
  int4: { name: 'int', text: () => 'int' }, int8: { name: 'bigint', text: () => 'bigint' },
  uint1: { name: 'tinyint', text: () => 'tinyint unsigned' }, uint2: { name: 'smallint', text: () => 'smallint unsigned' },
  uint4: { name: 'int', text: () => 'int unsigned' }, uint8: { name: 'bigint', text: () => 'bigint unsigned' },
  numeric: { name: 'decimal', text: (t) => `decimal(${t.precision ?? 38},${t.scale ?? 0})` },
  real4: { name: 'real', text: () => 'float' }, real8: { name: 'double', text: () => 'double' },
  boolean: { name: 'bool', text: () => 'boolean' }, date: { name: 'date', text: () => 'date' },
  time: { name: 'time', text: () => 'time' }, datetime: { name: 'datetime', text: () => 'datetime(6)' },
  clob: { name: 'text', text: () => 'longtext' }, nclob: { name: 'text', text: () => 'longtext' },
  blob: { name: 'blob', text: () => 'longblob' }, bytes: { name: 'varbinary', text: (t) => `varbinary(${t.length ?? 255})` },
};

function dmsColumn(rule: TransformationRule, like: Column): Column {
  const dt = rule['data-type']!;
  const m = DMS_TYPES[dt.type]!;
  const dataType: DataType = {
    kind: 'DataType', name: m.name, sourceText: m.text(dt), span: like.span,
    ...(dt.length !== undefined && (m.name === 'varchar' || m.name === 'varbinary') ? { length: dt.length } : {}),
    ...(m.name === 'decimal' ? { precision: dt.precision ?? 38, scale: dt.scale ?? 0 } : {}),
    ...(dt.type.startsWith('uint') ? { unsigned: true } : {}),
    ...(dt.type === 'datetime' ? { fractionalSeconds: 6 } : {}),
  };
  return { kind: 'Column', name: rule.value!, dataType, nullable: true, span: like.span };
}

function renameIndexColumns<T extends { column?: string }>(cols: T[], map: Map<string, string | undefined>): T[] | undefined {
  const out: T[] = [];
  for (const c of cols) {
    if (c.column === undefined) { out.push(c); continue; }
    const n = map.get(c.column);
    if (n === undefined) return undefined;
    out.push({ ...c, column: n });
  }
  return out;
}

/** The source catalog with the task's names: selected tables only, renamed, columns removed/added. */
function transformCatalog(catalog: Catalog, m: TableMappings, settings: TaskSettings, notes: string[]): { catalog: Catalog; origin: Map<string, PlannedTable> } {
  const origin = new Map<string, PlannedTable>();
  const renamedTable = new Map<string, { schema: string; name: string; map: Map<string, string | undefined> }>();
  const key = (s: string | undefined, n: string): string => `${(s ?? '').toLowerCase()}.${n.toLowerCase()}`;
  for (const o of catalog.objects) {
    if (o.kind !== 'Table') continue;
    const src = { schema: o.name.schema ?? '', table: o.name.name };
    if (!isSelected(m, src)) continue;
    const schemaByRule = targetSchemaName(m, src);
    const schema = schemaByRule !== src.schema ? schemaByRule : settings.TargetMetadata.TargetSchema || src.schema;
    const name = targetTableName(m, src);
    const map = new Map<string, string | undefined>();
    for (const c of o.columns) map.set(c.name, targetColumnName(m, src, c.name));
    renamedTable.set(key(src.schema, src.table), { schema, name, map });
  }
  const objects: Catalog['objects'] = [];
  for (const o of catalog.objects) {
    if (o.kind === 'Table') {
      const r = renamedTable.get(key(o.name.schema, o.name.name));
      if (!r) continue;
      const src = { schema: o.name.schema ?? '', table: o.name.name };
      const columns = o.columns.filter((c) => r.map.get(c.name) !== undefined).map((c) => ({ ...c, name: r.map.get(c.name)! }));
      const added = addedColumns(m, src);
      for (const a of added) columns.push(dmsColumn(a, o.columns[0]!));
      const constraints: Table['constraints'] = [];
      for (const c of o.constraints) {
        if (c.kind === 'PrimaryKey' || c.kind === 'Unique') {
          const cols = renameIndexColumns(c.columns, r.map);
          if (cols) constraints.push({ ...c, columns: cols });
          else notes.push(`${src.schema}.${src.table}: ${c.kind === 'PrimaryKey' ? 'primary key' : `unique constraint ${c.name ?? ''}`} dropped: it uses a removed column`);
        } else if (c.kind === 'ForeignKey') {
          const ref = renamedTable.get(key(c.refTable.schema ?? src.schema, c.refTable.name));
          const cols = c.columns.map((n) => r.map.get(n));
          const refCols = ref ? c.refColumns.map((n) => ref.map.get(n)) : [];
          if (!ref || cols.includes(undefined) || refCols.includes(undefined)) {
            notes.push(`${src.schema}.${src.table}: foreign key ${c.name ?? ''} not created: ${ref ? 'it uses a removed column' : `${c.refTable.name} is not part of the task`}`);
            continue;
          }
          constraints.push({ ...c, columns: cols as string[], refColumns: refCols as string[], refTable: { ...c.refTable, schema: ref.schema, name: ref.name } });
        } else if (c.kind === 'Check') {
          const renamed = [...r.map].some(([from, to]) => from !== to);
          if (renamed) notes.push(`${src.schema}.${src.table}: check constraint ${c.name ?? ''} not created: columns were renamed or removed by the table mapping`);
          else constraints.push(c);
        } else constraints.push(c);
      }
      const t: Table = { ...o, name: { ...o.name, schema: r.schema, name: r.name }, columns, constraints };
      objects.push(t);
      origin.set(key(r.schema, r.name), {
        source: src, target: { schema: r.schema, table: r.name }, columnMap: r.map, added,
        create: [], after: [], typeNames: [],
      });
    } else if (o.kind === 'Index') {
      const r = renamedTable.get(key(o.table.schema, o.table.name));
      if (!r) continue;
      const cols = renameIndexColumns(o.columns, r.map);
      if (!cols) { notes.push(`${o.table.schema}.${o.table.name}: index ${o.name} not created: it uses a removed column`); continue; }
      objects.push({ ...o, table: { ...o.table, schema: r.schema, name: r.name }, columns: cols });
    } else if (o.kind === 'Schema') {
      objects.push(o);
    } else if (o.kind === 'View' || o.kind === 'Trigger' || o.kind === 'Routine' || o.kind === 'Event') {
      notes.push(`${o.kind} ${'name' in o ? (o.name as { name: string }).name : ''}: not created by replication (apply converted code objects with dbshift convert/apply at cutover)`);
    }
  }
  const schemas = new Set([...renamedTable.values()].map((r) => r.schema.toLowerCase()));
  for (const o of catalog.objects) {
    if (o.kind === 'Schema' && !schemas.has(o.name.name.toLowerCase())) {
      const target = [...renamedTable.values()][0]?.schema;
      if (target && [...renamedTable.keys()].some((k) => k.startsWith(`${o.name.name.toLowerCase()}.`))) objects.push({ ...o, name: { ...o.name, name: target } });
    }
  }
  return { catalog: { ...catalog, objects }, origin };
}

function pkOutOfCreate(sql: string): { sql: string; pk?: string } {
  const m = /,\n\s*(?:CONSTRAINT "(?:[^"]|"")+" )?PRIMARY KEY \(((?:[^()"]|"(?:[^"]|"")*")*)\)/.exec(sql);
  if (!m) return { sql };
  return { sql: sql.slice(0, m.index) + sql.slice(m.index + m[0].length), pk: m[1] };
}

/** Converts the source catalog for the task and sorts the statements by table and phase. */
export function planSchema(catalog: Catalog, m: TableMappings, settings: TaskSettings, target: 'postgres' | 'mysql' = 'postgres'): SchemaPlan {
  const notes: string[] = [];
  const { catalog: cat, origin } = transformCatalog(catalog, m, settings, notes);
  const result = convert(cat, { target });
  // Generators spell object types differently ('Table' / 'table', 'ForeignKey' / 'foreign key').
  const kind = (o: ConvertedObject): string => o.ref.type.toLowerCase().replace(/\s+/g, '');
  const byTargetKey = new Map<string, PlannedTable>();
  const tableOf = (o: ConvertedObject): PlannedTable | undefined => {
    if (kind(o) === 'table') return byTargetKey.get(refKey(o.ref));
    return undefined;
  };
  // Converted table refs carry the converted (folded) names; map them back via the source ref.
  for (const o of result.objects) {
    if (kind(o) !== 'table') continue;
    const p = origin.get(`${(o.source.schema ?? '').toLowerCase()}.${o.source.name.toLowerCase()}`);
    if (!p) continue;
    p.target = { schema: o.ref.schema ?? p.target.schema, table: o.ref.name };
    byTargetKey.set(refKey(o.ref), p);
  }
  for (const o of result.objects) {
    if (o.status === 'not-converted') { notes.push(`${o.ref.type} ${o.ref.name}: not converted (${o.diagnostics.map((d) => d.message).join('; ')})`); continue; }
    const t = tableOf(o);
    if (t) {
      for (const s of o.statements) {
        if (settings.FullLoadSettings.CreatePkAfterFullLoad && /^CREATE TABLE/.test(s)) {
          const { sql, pk } = pkOutOfCreate(s);
          t.create.push(sql);
          if (pk) t.deferredPk = pk;
        } else t.create.push(s);
      }
      continue;
    }
    const deps = o.dependsOn.map((k) => byTargetKey.get(k.replace(/^Table:/, 'Table:'))).filter((x): x is PlannedTable => !!x);
    const owner = deps[0] ?? origin.get(`${(o.source.schema ?? '').toLowerCase()}.${o.source.name.toLowerCase()}`);
    if (!owner) continue;
    if (kind(o) === 'type') { owner.create.unshift(...o.statements); owner.typeNames.push(`${o.ref.schema ? `"${o.ref.schema}".` : ''}"${o.ref.name}"`); continue; }
    if (kind(o) === 'schema') continue;
    if (kind(o) === 'foreignkey') {
      const last = deps[deps.length - 1] ?? owner;
      last.after.push(...o.statements);
      continue;
    }
    owner.after.push(...o.statements);
  }
  return { tables: [...origin.values()], notes };
}

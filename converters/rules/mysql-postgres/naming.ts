import type { Catalog, CatalogObject, Column, QualifiedName, NodeLike, ObjectRef, Select, Insert, Update, IndexColumn, Routine, Table } from '../../model/index.js';
import { CHILD_FIELDS, rewrite, catalogObjectRef } from '../../model/index.js';
import { applyNamingStyle, lowerCase, PG_MAX_IDENTIFIER_BYTES, shortName } from '../common/identifiers.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';
import { sparingRows } from './rows.js';

type AnyNode = NodeLike & Record<string, unknown>;

/** The source ref of an object, as convert.ts matches findings to converted objects. */
export const sourceRefOf = catalogObjectRef;

/** Structural equality of the plain values the naming pass builds (names, name lists, small records). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k in ra) if (!sameValue(ra[k], rb[k])) return false;
  for (const k in rb) if (!(k in ra) && rb[k] !== undefined) return false;
  return true;
}

function onlyNameAndSchema(q: QualifiedName): boolean {
  for (const k in q) if (k !== 'name' && k !== 'schema' && (q as unknown as Record<string, unknown>)[k] !== undefined) return false;
  return true;
}

/** Nodes renameNode leaves alone and that hold no node it renames (types, literals): not walked. */
const NOTHING_TO_RENAME: ReadonlySet<string> = new Set(['DataType', 'Literal']);
/** The same, plus columns: renameTable renames a table's columns itself (Column nodes occur nowhere else in a table). */
const NOTHING_TO_RENAME_OUTSIDE_COLUMNS: ReadonlySet<string> = new Set(['DataType', 'Literal', 'Column']);
/** The fields of a table the tree pass walks (CHILD_FIELDS), but its columns. */
const TABLE_FIELDS_BUT_COLUMNS = CHILD_FIELDS.Table.filter((f) => f !== 'columns');

/**
 * Renames every identifier of the catalog with the naming style, maps schemas, and shortens names
 * over 63 bytes. MySQL identifiers are case-insensitive for columns and routines, so one mapping
 * applied everywhere keeps every reference matching its declaration.
 */
/**
 * For a caller that copies some objects anyway: objects of `kinds` the pass leaves unchanged come
 * back as they are, without their origin (the caller's copy adds it, as the last field when the
 * object had none); `origins[i]` receives the origin of every objects[i].
 */
export interface BareObjects {
  kinds: ReadonlySet<CatalogObject['kind']>;
  origins: ObjectRef[];
}

export function applyNaming(catalog: Catalog, ctx: RuleContext, userRoutines: Set<string>, bare?: BareObjects): Catalog {
  const style = ctx.options.naming;
  const cache = new Map<string, string>();
  let current: CatalogObject | undefined;
  const id = (name: string): string => {
    // Most names come out as they are (lower case already, short): no cache entry for those (one
    // per table and index name otherwise). Lower-casing a lower-case name allocates nothing.
    if (style !== 'snake' && name.length * 3 <= PG_MAX_IDENTIFIER_BYTES && (style === 'preserve' || lowerCase(name) === name)) return name;
    let out = cache.get(name);
    if (out === undefined) {
      const styled = applyNamingStyle(name, style);
      out = shortName(styled);
      if (out !== styled && current) ctx.report(MP.identifierShortened, current.span, `${name} → ${out}`, current.origin ?? sourceRefOf(current));
      cache.set(name, out);
    }
    return out;
  };
  const schema = (s: string | undefined): string | undefined => (s === undefined ? undefined : id(ctx.options.schemaMap[s] ?? s));
  // The name itself when it comes out the same: `set` then keeps the node without comparing.
  // (Same means what sameValue would say of the new { name, schema }: no other field set.)
  const qn = (q: QualifiedName): QualifiedName => {
    const name = id(q.name);
    const s = schema(q.schema);
    if (name === q.name && s === q.schema && onlyNameAndSchema(q)) return q;
    const out: QualifiedName = { name };
    if (s !== undefined) out.schema = s;
    return out;
  };
  const qnMaybe = (q: QualifiedName | undefined): QualifiedName | undefined => (q ? qn(q) : undefined);
  // Lists of names: the list itself when no name changes (nothing to copy, nothing to compare).
  const ids = (a: string[] | undefined): string[] | undefined => {
    if (!a) return undefined;
    for (let i = 0; i < a.length; i++) {
      if (id(a[i]!) === a[i]) continue;
      const out = a.slice(0, i);
      for (let j = i; j < a.length; j++) out.push(id(a[j]!));
      return out;
    }
    return a;
  };
  const idx = (cols: IndexColumn[]): IndexColumn[] => {
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!c.column || id(c.column) === c.column) continue;
      const out = cols.slice(0, i);
      for (let j = i; j < cols.length; j++) { const x = cols[j]!; out.push(x.column ? { ...x, column: id(x.column) } : x); }
      return out;
    }
    return cols;
  };
  const lbl = (l: unknown): string | undefined => (typeof l === 'string' ? id(l) : undefined);
  // Most names come out as they went in (already lower case, short): the node is then kept as it
  // is instead of being copied, which spares most of the pass's garbage.
  // Fields as key/value arguments, not a patch object per node; a key without value is skipped.
  const set = (n: AnyNode, k1: string, v1: unknown, k2?: string, v2?: unknown, k3?: string, v3?: unknown, k4?: string, v4?: unknown): AnyNode | undefined => {
    let out: AnyNode | undefined;
    if (v1 !== undefined && !sameValue(n[k1], v1)) (out ??= { ...n })[k1] = v1;
    if (k2 !== undefined && v2 !== undefined && !sameValue(n[k2], v2)) (out ??= { ...n })[k2] = v2;
    if (k3 !== undefined && v3 !== undefined && !sameValue(n[k3], v3)) (out ??= { ...n })[k3] = v3;
    if (k4 !== undefined && v4 !== undefined && !sameValue(n[k4], v4)) (out ??= { ...n })[k4] = v4;
    return out;
  };

  const renameNode = (node: NodeLike): NodeLike | undefined => {
    const n = node as AnyNode;
    // The commonest nodes first, without a patch object.
    if (n.kind === 'DataType' || n.kind === 'Literal') return undefined;
    if (n.kind === 'Column') {
      const name = id(n.name as string);
      return name === n.name ? undefined : ({ ...n, name } as AnyNode);
    }
    switch (n.kind) {
      case 'Schema': return set(n, 'name', { name: schema((n.name as QualifiedName).name) });
      case 'Table': case 'Sequence': case 'EnumType': case 'CompositeType': case 'Domain': case 'Synonym': case 'Event':
        return set(n, 'name', qn(n.name as QualifiedName), 'partitionOf', n.partitionOf ? { ...(n.partitionOf as object), parent: qn((n.partitionOf as { parent: QualifiedName }).parent) } : undefined, 'ownedBy', n.ownedBy ? { table: qn((n.ownedBy as { table: QualifiedName }).table), column: id((n.ownedBy as { column: string }).column) } : undefined, 'partitioning', n.partitioning ? { ...(n.partitioning as object), columns: ids((n.partitioning as { columns: string[] }).columns) } : undefined);
      case 'PrimaryKey': case 'Unique': return set(n, 'name', lbl(n.name), 'columns', idx(n.columns as IndexColumn[]));
      case 'Check': case 'OtherConstraint': return set(n, 'name', lbl(n.name));
      case 'ForeignKey': return set(n, 'name', lbl(n.name), 'columns', ids(n.columns as string[]), 'refTable', qn(n.refTable as QualifiedName), 'refColumns', ids(n.refColumns as string[]));
      case 'Index': return set(n, 'name', id(n.name as string), 'table', qn(n.table as QualifiedName), 'columns', idx(n.columns as IndexColumn[]), 'include', ids(n.include as string[] | undefined));
      case 'View': return set(n, 'name', qn(n.name as QualifiedName), 'columns', ids(n.columns as string[] | undefined));
      case 'Routine': return set(n, 'name', qn(n.name as QualifiedName), 'params', (n.params as Routine['params']).map((p) => ({ ...p, name: id(p.name) })));
      case 'Trigger': return set(n, 'name', qn(n.name as QualifiedName), 'table', qn(n.table as QualifiedName), 'updateOf', ids(n.updateOf as string[] | undefined), 'order', n.order ? { ...(n.order as object), other: id((n.order as { other: string }).other) } : undefined);
      case 'Comment': {
        const t = n.target as { objectType: string; name: QualifiedName; column?: string };
        return set(n, 'target', { ...t, name: qn(t.name), ...(t.column ? { column: id(t.column) } : {}) });
      }
      case 'DataScript': return set(n, 'table', qn(n.table as QualifiedName));
      case 'UnparsedObject': return set(n, 'name', qnMaybe(n.name as QualifiedName | undefined));
      case 'ColumnRef': return set(n, 'parts', ids(n.parts as string[]));
      case 'Star': return set(n, 'qualifier', ids(n.qualifier as string[] | undefined));
      case 'Variable': return n.scope === 'local' ? set(n, 'name', id(n.name as string)) : undefined;
      case 'TableRef': return set(n, 'name', qn(n.name as QualifiedName), 'alias', lbl(n.alias));
      case 'DerivedTable': case 'TableFunction': return set(n, 'alias', lbl(n.alias), 'columnAliases', ids(n.columnAliases as string[] | undefined));
      case 'Join': return set(n, 'using', ids(n.using as string[] | undefined));
      case 'Select': {
        const s = n as unknown as Select;
        return set(n, 'items', s.items.map((i) => (i.alias !== undefined ? { ...i, alias: id(i.alias) } : i)), 'with', s.with?.map((c) => ({ ...c, name: id(c.name), ...(c.columns ? { columns: c.columns.map(id) } : {}) })));
      }
      case 'Insert': {
        const i = n as unknown as Insert;
        return set(n, 'table', qn(i.table), 'alias', lbl(i.alias), 'columns', ids(i.columns), 'onDuplicateKeyUpdate', i.onDuplicateKeyUpdate?.map((a) => ({ ...a, column: a.column.map(id) })));
      }
      case 'Update': return set(n, 'set', (n as unknown as Update).set.map((a) => ({ ...a, column: a.column.map(id) })), 'currentOf', lbl(n.currentOf));
      case 'Delete': return set(n, 'targets', (n.targets as QualifiedName[]).map(qn), 'currentOf', lbl(n.currentOf));
      case 'FunctionCall': {
        const name = n.name as QualifiedName;
        return name.schema || (userRoutines.size > 0 && userRoutines.has(name.name.toLowerCase())) ? set(n, 'name', qn(name)) : undefined;
      }
      case 'Call': return set(n, 'name', qn(n.name as QualifiedName));
      case 'VarDecl': return set(n, 'names', ids(n.names as string[]));
      case 'CursorDecl': return set(n, 'name', id(n.name as string), 'params', (n.params as { name: string }[] | undefined)?.map((p) => ({ ...p, name: id(p.name) })));
      case 'ConditionDecl': return set(n, 'name', id(n.name as string));
      case 'OpenCursor': case 'CloseCursor': return set(n, 'name', id(n.name as string));
      case 'Fetch': return set(n, 'cursor', id(n.cursor as string));
      case 'Block': case 'Loop': case 'While': case 'Repeat': case 'Leave': case 'Iterate': return set(n, 'label', lbl(n.label));
      case 'ForRange': return set(n, 'label', lbl(n.label), 'variable', id(n.variable as string));
      case 'ForQuery': return set(n, 'label', lbl(n.label), 'variable', id(n.variable as string), 'cursor', n.cursor ? { ...(n.cursor as object), name: id((n.cursor as { name: string }).name) } : undefined);
      case 'DdlStatement': {
        const t = n.target as { objectType: string; name: QualifiedName } | undefined;
        return set(n, 'target', t ? { ...t, name: qn(t.name) } : undefined);
      }
      default: return undefined;
    }
  };

  // A column whose default (if any) is a literal holds nothing to rename but its name.
  const renameColumn = (c: Column): Column => {
    if (c.generated || (c.default && c.default.kind !== 'Literal') || (c.onUpdate && c.onUpdate.kind !== 'Literal')) return rewrite(c, renameNode, NOTHING_TO_RENAME);
    const name = id(c.name);
    return name === c.name ? c : { ...c, name };
  };
  // Tables: the columns (most of every schema) one by one, the rest of the table by the tree pass.
  const renameTable = (t: Table): Table => {
    // Columns first, as the tree pass meets them (findings about shortened names keep their order).
    let columns: Column[] | undefined;
    for (let i = 0; i < t.columns.length; i++) {
      const c = t.columns[i]!;
      const r = renameColumn(c);
      if (r !== c) (columns ??= t.columns.slice())[i] = r;
    }
    // Then what rewrite(t, …) would do, without walking the columns again: the table's other
    // fields that hold nodes, then the table itself.
    let copy: Table | undefined;
    const rec = t as unknown as Record<string, unknown>;
    for (let i = 0; i < TABLE_FIELDS_BUT_COLUMNS.length; i++) {
      const k = TABLE_FIELDS_BUT_COLUMNS[i]!;
      const v = rec[k];
      if (typeof v !== 'object' || v === null) continue;
      const r = rewrite(v, renameNode, NOTHING_TO_RENAME_OUTSIDE_COLUMNS);
      if (r !== v) ((copy ??= { ...t }) as unknown as Record<string, unknown>)[k] = r;
    }
    const node = copy ?? t;
    const shell = (renameNode(node) ?? node) as Table;
    return columns ? { ...shell, columns } : shell;
  };

  const renameTree = <T>(x: T): T => rewrite(x, renameNode, NOTHING_TO_RENAME);
  const objects: CatalogObject[] = [];
  // Indexed: an unoptimized for…of allocates a result object per step (this loop runs once per catalog).
  for (let i = 0; i < catalog.objects.length; i++) {
    const o = catalog.objects[i]!;
    current = o;
    const renamed = o.kind === 'Table' ? renameTable(o) : sparingRows(o, renameTree);
    const origin = o.origin ?? sourceRefOf(o);
    bare?.origins.push(origin);
    // A renamed object is this pass's own copy: it takes the origin in place (same fields, same
    // order as a copy with it would have).
    if (renamed === o) objects.push(bare?.kinds.has(o.kind) ? o : { ...o, origin });
    else {
      if (renamed.origin !== origin) renamed.origin = origin;
      objects.push(renamed);
    }
  }
  return { ...catalog, objects };
}

// Lazy tree listing: schemas → object types → objects, filtered by name (with % and _ wildcards)
// and type, one page at a time so a 10,000-object schema never travels whole.
import type { ConvertedObject, TargetDialect } from '../../../converters/index.js';
import type { ParsedParams, Result, TreeFilter, TreeNode } from '../../../converters/contract/index.js';
import { refKey } from '../../../converters/index.js';
import { KIND_TREE_TYPES, UNPARSED_TREE_TYPE } from '../../../converters/contract/index.js';
import type { OpenProject } from './session.js';

interface Row {
  id: string;
  key: string;
  schema: string;
  type: string;
  name: string;
  status?: TreeNode['status'];
  actionItems?: number;
  edited?: boolean;
  conflict?: boolean;
  /** Target side: the converted object. */
  target?: ConvertedObject;
}

/** `%` any run, `_` one character, case-insensitive; without wildcards: contains. */
export function namePattern(pattern: string | undefined): ((name: string) => boolean) | undefined {
  const p = pattern?.trim();
  if (!p) return undefined;
  if (!/[%_]/.test(p)) { const lower = p.toLowerCase(); return (n) => n.toLowerCase().includes(lower); }
  const re = new RegExp(`^${p.split('').map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 'i');
  return (n) => re.test(n);
}

const NO_SCHEMA = '(no schema)';

// Light rows (no status) per list identity: the root and group levels only count, so a
// 10,000-object tree's first request does not decorate 10,000 rows.
const cache = new WeakMap<object, Row[]>();

function lightRows(p: OpenProject, side: 'source' | 'target', target: TargetDialect | undefined): Row[] {
  const state = target ? p.targets.get(target) : undefined;
  const list: object | undefined = side === 'source' ? p.objects : state?.result.objects;
  if (!list) return [];
  const hit = cache.get(list);
  if (hit) return hit;
  const out: Row[] = side === 'source'
    ? p.objects.map((o) => ({ id: `src:${o.key}`, key: o.key, schema: o.ref.schema ?? NO_SCHEMA, type: o.ref.type, name: o.ref.name }))
    : state!.result.objects.map((o) => ({ id: `tgt:${refKey(o.ref)}`, key: refKey(o.source), schema: o.ref.schema ?? NO_SCHEMA, type: o.ref.type, name: o.ref.name, target: o }));
  cache.set(list, out);
  return out;
}

/** Builds the light rows now (after a load or a conversion), so the tree's first request only counts. */
export function warmTree(p: OpenProject): void {
  lightRows(p, 'source', undefined);
  for (const t of p.targets.keys()) lightRows(p, 'target', t);
}

/** Status, action items, edited/conflict flags for the rows actually sent. */
function decorate(p: OpenProject, side: 'source' | 'target', target: TargetDialect | undefined, r: Row): Row {
  const state = target ? p.targets.get(target) : undefined;
  if (!state) return r;
  if (side === 'target' && r.target) {
    return { ...r, status: r.target.status, actionItems: r.target.diagnostics.filter((d) => d.severity !== 'info').length, edited: state.edits.has(r.key), conflict: state.conflicts.has(r.key) };
  }
  const objs = state.byKey.get(r.key);
  if (!objs) return r;
  return {
    ...r,
    status: objs.some((x) => x.status === 'not-converted') ? 'not-converted'
      : objs.some((x) => x.status === 'converted-with-actions') ? 'converted-with-actions' : 'converted',
    actionItems: objs.reduce((n, x) => n + x.diagnostics.filter((d) => d.severity !== 'info').length, 0),
    edited: state.edits.has(r.key),
    conflict: state.conflicts.has(r.key),
  };
}

const KNOWN_TYPES = new Set(Object.values(KIND_TREE_TYPES).flat().map((t) => t.toLowerCase()));

/** Type matches case-insensitively; `Statement` also takes every unparsed object's own word (`alter table` …). */
function typeMatcher(types: string[] | undefined): ((type: string) => boolean) | undefined {
  if (!types?.length) return undefined;
  const set = new Set(types.map((t) => t.toLowerCase()));
  const unparsed = set.has(UNPARSED_TREE_TYPE.toLowerCase());
  return (type) => set.has(type.toLowerCase()) || (unparsed && !KNOWN_TYPES.has(type.toLowerCase()));
}

function filtered(all: Row[], filter: TreeFilter | undefined): Row[] {
  const match = namePattern(filter?.name);
  const type = typeMatcher(filter?.types);
  return all.filter((r) => (!match || match(r.name)) && (!type || type(r.type)));
}

const byName = (a: string, b: string): number => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : a > b ? 1 : 0);

export function treeChildren(p: OpenProject, q: ParsedParams<'tree.children'>): Result<'tree.children'> {
  const list = filtered(lightRows(p, q.side, q.target), q.filter);
  const page = (nodes: TreeNode[]): Result<'tree.children'> => ({ nodes: nodes.slice(q.offset, q.offset + q.limit), total: nodes.length });
  const parent = q.parentId;
  if (parent === null) {
    const counts = new Map<string, number>();
    for (const r of list) counts.set(r.schema, (counts.get(r.schema) ?? 0) + 1);
    return page([...counts.keys()].sort(byName).map((s) => ({
      id: `${q.side}|schema|${encodeURIComponent(s)}`, label: `${s} (${counts.get(s)})`, kind: 'schema' as const, hasChildren: true,
    })));
  }
  const [side, level, ...rest] = parent.split('|');
  const [schema, type] = rest.map((x) => { try { return decodeURIComponent(x); } catch { return x; } });
  if (side !== q.side || (level !== 'schema' && level !== 'group') || schema === undefined) return { nodes: [], total: 0 };
  const inSchema = list.filter((r) => r.schema === schema);
  if (level === 'schema') {
    const counts = new Map<string, number>();
    for (const r of inSchema) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return page([...counts.keys()].sort(byName).map((t) => ({
      id: `${q.side}|group|${encodeURIComponent(schema)}|${encodeURIComponent(t)}`, label: `${t} (${counts.get(t)})`, kind: 'group' as const, objectType: t, hasChildren: true,
    })));
  }
  const objs = inSchema.filter((r) => r.type === type).sort((a, b) => byName(a.name, b.name));
  return { total: objs.length, nodes: objs.slice(q.offset, q.offset + q.limit).map((x) => decorate(p, q.side, q.target, x)).map((r) => ({
    id: r.id, label: r.name, kind: 'object' as const, objectType: r.type, hasChildren: false, key: r.key,
    ...(r.status ? { status: r.status } : {}),
    ...(r.actionItems !== undefined ? { actionItems: r.actionItems } : {}),
    ...(r.edited ? { edited: true } : {}),
    ...(r.conflict ? { conflict: true } : {}),
  })) };
}

// Lazy tree listing: schemas → object types → objects, filtered by name (with % and _ wildcards)
// and type, one page at a time so a 10,000-object schema never travels whole.
import type { TargetDialect } from '../../../converters/index.js';
import type { ParsedParams, Result, TreeFilter, TreeNode } from '../../../converters/contract/index.js';
import { refKey } from '../../../converters/index.js';
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

function rows(p: OpenProject, side: 'source' | 'target', target: TargetDialect | undefined): Row[] {
  const state = target ? p.targets.get(target) : undefined;
  if (side === 'source') {
    return p.objects.map((o) => {
      const objs = state?.byKey.get(o.key);
      return {
        id: `src:${o.key}`, key: o.key, schema: o.ref.schema ?? NO_SCHEMA, type: o.ref.type, name: o.ref.name,
        ...(objs ? {
          status: objs.some((x) => x.status === 'not-converted') ? 'not-converted' as const
            : objs.some((x) => x.status === 'converted-with-actions') ? 'converted-with-actions' as const : 'converted' as const,
          actionItems: objs.reduce((n, x) => n + x.diagnostics.filter((d) => d.severity !== 'info').length, 0),
          edited: state!.edits.has(o.key),
          conflict: state!.conflicts.has(o.key),
        } : {}),
      };
    });
  }
  if (!state) return [];
  return state.result.objects.map((o) => {
    const key = refKey(o.source);
    return {
      id: `tgt:${refKey(o.ref)}`, key, schema: o.ref.schema ?? NO_SCHEMA, type: o.ref.type, name: o.ref.name, status: o.status,
      actionItems: o.diagnostics.filter((d) => d.severity !== 'info').length, edited: state.edits.has(key), conflict: state.conflicts.has(key),
    };
  });
}

function filtered(all: Row[], filter: TreeFilter | undefined): Row[] {
  const match = namePattern(filter?.name);
  const types = filter?.types?.length ? new Set(filter.types.map((t) => t.toLowerCase())) : undefined;
  return all.filter((r) => (!match || match(r.name)) && (!types || types.has(r.type.toLowerCase())));
}

const byName = (a: string, b: string): number => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : a > b ? 1 : 0);

export function treeChildren(p: OpenProject, q: ParsedParams<'tree.children'>): Result<'tree.children'> {
  const list = filtered(rows(p, q.side, q.target), q.filter);
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
  return page(objs.map((r) => ({
    id: r.id, label: r.name, kind: 'object' as const, objectType: r.type, hasChildren: false, key: r.key,
    ...(r.status ? { status: r.status } : {}),
    ...(r.actionItems !== undefined ? { actionItems: r.actionItems } : {}),
    ...(r.edited ? { edited: true } : {}),
    ...(r.conflict ? { conflict: true } : {}),
  })));
}

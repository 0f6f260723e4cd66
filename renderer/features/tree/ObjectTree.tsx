// Lazy, virtualized object tree (schemas → types → objects). Only the rows in view are in the
// DOM, children are fetched page by page, and the keyboard works as in a desktop tree.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Params, TreeFilter, TreeNode } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';

const ROW = 24;
const PAGE = 500;

interface Level { nodes: TreeNode[]; total: number }
type Row = { kind: 'node'; node: TreeNode; depth: number } | { kind: 'more'; parent: string; depth: number; left: number };

export interface TreeProps {
  api: Api;
  side: 'source' | 'target';
  target: 'postgres' | 'mysql' | undefined;
  filter: TreeFilter;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  checked: ReadonlySet<string>;
  onCheck: (key: string, on: boolean) => void;
  /** Bumped when the back end's data changed (loaded, converted, edited). */
  version: number;
  label: string;
}

/** The params of one tree level (the source side's schema level does not depend on the target). */
export function treeRequest(side: 'source' | 'target', target: TreeProps['target'], parent: string | null, filter: TreeFilter, offset: number): Params<'tree.children'> {
  return {
    side, ...(target && (side === 'target' || parent !== null) ? { target } : {}), parentId: parent,
    ...(filter.name || filter.types?.length ? { filter } : {}), offset, limit: PAGE,
  };
}

export function ObjectTree(p: TreeProps) {
  const [levels, setLevels] = useState<Map<string, Level>>(new Map());
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [active, setActive] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const filterKey = JSON.stringify(p.filter);

  const fetchLevel = useCallback(async (parent: string | null, offset: number): Promise<Level> => {
    return p.api.call('tree.children', treeRequest(p.side, p.target, parent, p.filter, offset));
  }, [p.api, p.side, p.target, filterKey]);

  // (Re)load the root; with a name filter, open every level so matches show at once.
  useEffect(() => {
    let stop = false;
    (async () => {
      try {
        const next = new Map<string, Level>();
        const open = new Set<string>(p.filter.name || p.filter.types?.length ? [] : expanded);
        const root = await fetchLevel(null, 0);
        next.set('', root);
        const autoOpen = !!(p.filter.name || p.filter.types?.length) || root.nodes.length === 1;
        const walk = async (nodes: TreeNode[]): Promise<void> => {
          for (const n of nodes) {
            if (!n.hasChildren) continue;
            if (autoOpen && n.kind === 'schema') open.add(n.id);
            if (autoOpen && n.kind === 'group' && (p.filter.name || p.filter.types?.length)) open.add(n.id);
            if (!open.has(n.id)) continue;
            const lv = await fetchLevel(n.id, 0);
            next.set(n.id, lv);
            await walk(lv.nodes);
          }
        };
        await walk(root.nodes);
        if (!stop) { setLevels(next); setExpanded(open); setError(null); }
      } catch (e) { if (!stop) setError(errorText(e)); }
    })();
    return () => { stop = true; };
  }, [fetchLevel, p.version]);


  const rows = useMemo(() => {
    const out: Row[] = [];
    const add = (parent: string, depth: number): void => {
      const lv = levels.get(parent);
      if (!lv) return;
      for (const n of lv.nodes) {
        out.push({ kind: 'node', node: n, depth });
        if (expanded.has(n.id)) add(n.id, depth + 1);
      }
      if (lv.nodes.length < lv.total) out.push({ kind: 'more', parent, depth, left: lv.total - lv.nodes.length });
    };
    add('', 0);
    return out;
  }, [levels, expanded]);
  const empty = rows.length === 0;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [empty]);

  const toggle = async (n: TreeNode, open?: boolean): Promise<void> => {
    const willOpen = open ?? !expanded.has(n.id);
    if (willOpen && !levels.has(n.id)) {
      try {
        const lv = await fetchLevel(n.id, 0);
        setLevels((m) => new Map(m).set(n.id, lv));
      } catch (e) { setError(errorText(e)); return; }
    }
    setExpanded((s) => { const x = new Set(s); if (willOpen) x.add(n.id); else x.delete(n.id); return x; });
  };
  const more = async (parent: string): Promise<void> => {
    const lv = levels.get(parent);
    if (!lv) return;
    const page = await fetchLevel(parent || null, lv.nodes.length);
    setLevels((m) => new Map(m).set(parent, { nodes: [...lv.nodes, ...page.nodes], total: page.total }));
  };
  const activate = (r: Row | undefined): void => {
    if (!r) return;
    if (r.kind === 'more') { void more(r.parent); return; }
    if (r.node.kind === 'object' && r.node.key) p.onSelect(r.node.key);
    else void toggle(r.node);
  };
  const moveTo = (i: number): void => {
    const k = Math.max(0, Math.min(rows.length - 1, i));
    setActive(k);
    const el = box.current;
    if (!el) return;
    if (k * ROW < el.scrollTop) el.scrollTop = k * ROW;
    else if ((k + 1) * ROW > el.scrollTop + el.clientHeight) el.scrollTop = (k + 1) * ROW - el.clientHeight;
  };
  const onKey = (e: React.KeyboardEvent): void => {
    const r = rows[active];
    switch (e.key) {
      case 'ArrowDown': moveTo(active + 1); break;
      case 'ArrowUp': moveTo(active - 1); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(rows.length - 1); break;
      case 'PageDown': moveTo(active + Math.floor(height / ROW)); break;
      case 'PageUp': moveTo(active - Math.floor(height / ROW)); break;
      case 'ArrowRight': if (r?.kind === 'node' && r.node.hasChildren) void toggle(r.node, true); break;
      case 'ArrowLeft': if (r?.kind === 'node' && expanded.has(r.node.id)) void toggle(r.node, false); break;
      case 'Enter': activate(r); break;
      case ' ': if (r?.kind === 'node' && r.node.key) p.onCheck(r.node.key, !p.checked.has(r.node.key)); break;
      default: return;
    }
    e.preventDefault();
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW) - 5);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW) + 5);
  const activeRow = rows[active];
  const activeId = activeRow && active >= first && active < last ? `${p.side}-row-${active}` : undefined;

  // An empty tree is not a tree (role=tree requires treeitems): just say why it is empty.
  if (empty) {
    return (
      <div className="tree-wrap">
        {error ? <div className="error" role="alert">{error}</div> : null}
        <div ref={box} className="tree" data-testid={`${p.side}-tree`}>
          <p className="muted pad tree-empty">{p.filter.name || p.filter.types?.length ? 'No objects match the filter.' : p.side === 'source' ? 'No source objects loaded.' : 'Nothing converted yet.'}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="tree-wrap">
      {error ? <div className="error" role="alert">{error}</div> : null}
      <div ref={box} className="tree" role="tree" aria-label={p.label} tabIndex={0} onKeyDown={onKey}
        {...(activeId ? { 'aria-activedescendant': activeId } : {})}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid={`${p.side}-tree`}>
        <div role="none" style={{ height: rows.length * ROW, position: 'relative' }}>
          {rows.slice(first, last).map((r, i) => {
            const idx = first + i;
            const style = { top: idx * ROW, paddingLeft: 6 + r.depth * 16 };
            if (r.kind === 'more') {
              return (
                <div key={`more-${r.parent}`} id={`${p.side}-row-${idx}`} role="treeitem" aria-level={r.depth + 1} aria-selected={false}
                  className={`tree-row more${idx === active ? ' active' : ''}`} style={style} onClick={() => { setActive(idx); void more(r.parent); }}>
                  Load {Math.min(PAGE, r.left)} more ({r.left} left)…
                </div>
              );
            }
            const n = r.node;
            const isObj = n.kind === 'object';
            const checked = !!(n.key && p.checked.has(n.key));
            return (
              <div key={n.id} id={`${p.side}-row-${idx}`} role="treeitem" aria-level={r.depth + 1}
                aria-selected={isObj && n.key === p.selectedKey}
                {...(n.hasChildren ? { 'aria-expanded': expanded.has(n.id) } : {})}
                {...(isObj ? { 'aria-checked': checked } : {})}
                data-key={n.key} data-label={n.label}
                className={`tree-row ${n.kind}${idx === active ? ' active' : ''}${isObj && n.key === p.selectedKey ? ' selected' : ''}`}
                style={style}
                onClick={() => { setActive(idx); activate(r); }}>
                {n.hasChildren ? <span className="twisty" aria-hidden="true">{expanded.has(n.id) ? '▾' : '▸'}</span> : null}
                {isObj ? (
                  <span className={`check${checked ? ' on' : ''}`} aria-hidden="true"
                    onClick={(e) => { e.stopPropagation(); if (n.key) p.onCheck(n.key, !checked); }}>{checked ? '☑' : '☐'}</span>
                ) : null}
                <span className="label">{n.label}</span>
                {n.status ? <span className={`badge ${n.status}`} title={n.status}>{n.status === 'converted' ? '✓' : n.status === 'not-converted' ? '✗' : '!'}</span> : null}
                {n.actionItems ? <span className="count" title="action items">{n.actionItems}</span> : null}
                {n.edited ? <span className="edited" title="edited by you">✎</span> : null}
                {n.conflict ? <span className="conflict" title="merge conflict">⚠</span> : null}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

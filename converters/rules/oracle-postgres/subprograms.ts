import type { CatalogObject, Expr, NodeLike, QualifiedName, Routine } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';

/**
 * PL/SQL local subprograms (PROCEDURE/FUNCTION declared inside a routine) → separate routines
 * named <routine>__<sub> in the routine's schema, when lifting them out is exact: the subprogram
 * reads nothing of the enclosing routine (no parameter, variable, type, cursor or exception of it —
 * checked conservatively on every name the subprogram mentions) and is not overloaded. Calls in
 * the routine and in its other subprograms are renamed. The others stay in the block and remain an
 * action item (OG0055), as before.
 */
export function liftLocalSubprograms(objects: CatalogObject[], ctx: OraRuleContext): CatalogObject[] {
  if (!objects.some((o) => o.kind === 'Routine' && o.body.kind === 'Block' && o.body.routines?.length)) return objects;
  const out: CatalogObject[] = [];
  for (const o of objects) {
    if (o.kind !== 'Routine' || o.body.kind !== 'Block' || !o.body.routines?.length) { out.push(o); continue; }
    out.push(...lift(o, ctx));
  }
  return out;
}

function lift(r: Routine, ctx: OraRuleContext): CatalogObject[] {
  const block = r.body as Extract<Routine['body'], { kind: 'Block' }>;
  const subs = block.routines!.filter((s) => !s.specOnly);
  const count = new Map<string, number>();
  for (const s of subs) count.set(s.name.name.toLowerCase(), (count.get(s.name.name.toLowerCase()) ?? 0) + 1);
  const outer = new Set<string>(r.params.map((p) => p.name.toLowerCase()));
  for (const d of block.declarations) {
    const x = d as { names?: string[]; name?: unknown };
    for (const n of x.names ?? []) outer.add(n.toLowerCase());
    if (typeof x.name === 'string') outer.add(x.name.toLowerCase());
  }
  let candidates = subs.filter((s) => count.get(s.name.name.toLowerCase()) === 1 && !mentionsAny(s, outer));
  // A lifted subprogram may call only lifted ones: drop those calling a subprogram that stays.
  for (;;) {
    const staying = new Set(subs.filter((s) => !candidates.includes(s)).map((s) => s.name.name.toLowerCase()));
    const next = candidates.filter((s) => !mentionsAny(s, staying));
    if (next.length === candidates.length) break;
    candidates = next;
  }
  const renamed = new Map<string, string>();
  for (const s of candidates) renamed.set(s.name.name.toLowerCase(), `${r.name.name}__${s.name.name}`);
  if (!renamed.size) return [r];
  const rename = <T>(x: T): T => rewrite(x, (n: NodeLike) => {
    if (n.kind === 'FunctionCall' || n.kind === 'Call') {
      const f = n as unknown as { name: QualifiedName };
      const to = !f.name.schema ? renamed.get(f.name.name.toLowerCase()) : undefined;
      return to ? { ...n, name: { name: to } } as NodeLike : undefined;
    }
    // A function without arguments is called without parentheses.
    if (n.kind === 'ColumnRef') {
      const c = n as unknown as Expr & { kind: 'ColumnRef' };
      const to = c.parts.length === 1 ? renamed.get(c.parts[0]!.toLowerCase()) : undefined;
      return to ? { kind: 'FunctionCall', name: { name: to }, args: [], span: c.span } as NodeLike : undefined;
    }
    return undefined;
  });
  const lifted: Routine[] = [];
  const kept: Routine[] = [];
  for (const s of block.routines!) {
    const to = renamed.get(s.name.name.toLowerCase());
    if (!to) { kept.push(s); continue; }
    if (s.specOnly) continue;
    // Its own object (own status and findings), named as it is created.
    const origin = { type: s.routineKind === 'function' ? 'Function' : 'Procedure', ...(r.name.schema ? { schema: r.name.schema } : {}), name: to };
    const was = ctx.object;
    ctx.object = origin;
    ctx.report(OG.localSubprogram, s.span, `Local ${s.routineKind} ${s.name.name} of ${r.name.name} became ${to}`);
    ctx.object = was;
    lifted.push(rename({ ...s, name: { ...(r.name.schema ? { schema: r.name.schema } : {}), name: to }, origin }));
  }
  const { routines: _all, ...rest } = block;
  const body = rename(kept.length ? { ...rest, routines: kept } : rest);
  return [...lifted, { ...r, body }];
}

/** True when any string in `s` (names, parts, types; literals too — conservative) is one of `names`. */
function mentionsAny(s: Routine, names: Set<string>): boolean {
  if (!names.size) return false;
  let hit = false;
  const own = new Set<string>(s.params.map((p) => p.name.toLowerCase()));
  walk(s, (n) => {
    const d = n as { kind: string; names?: string[] };
    if (d.kind === 'VarDecl') for (const x of d.names ?? []) own.add(x.toLowerCase());
  });
  const visit = (v: unknown): void => {
    if (hit) return;
    if (typeof v === 'string') { const k = v.toLowerCase(); if (names.has(k) && !own.has(k)) hit = true; return; }
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'span' && k !== 'origin' && k !== 'kind') visit(x);
  };
  visit({ params: s.params.map((p) => ({ ...p, name: undefined })), body: s.body, returns: s.returns });
  return hit;
}

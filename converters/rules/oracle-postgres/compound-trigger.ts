import type { Block, CatalogObject, Expr, NodeLike, Statement, Trigger, VarDecl } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';
import { readVar, writeVar, type PackageVar } from './packages.js';
import { mapType } from './types.js';

type Section = NonNullable<Trigger['compound']>[number];

const SHAPE: Record<Section['timing'], { timing: Trigger['timing']; forEach: Trigger['forEach']; slug: string }> = {
  'before statement': { timing: 'before', forEach: 'statement', slug: 'before_statement' },
  'before each row': { timing: 'before', forEach: 'row', slug: 'before_row' },
  'after each row': { timing: 'after', forEach: 'row', slug: 'after_row' },
  'after statement': { timing: 'after', forEach: 'statement', slug: 'after_statement' },
  'instead of each row': { timing: 'instead of', forEach: 'row', slug: 'instead_row' },
};

/**
 * Oracle compound trigger → one PostgreSQL trigger per timing point, named <trigger>__<timing>
 * (PostgreSQL fires same-event triggers by name: the BEFORE STATEMENT one first). The shared
 * declarations: a constant, or a variable only one statement-level section uses, is declared in
 * that section (it runs once per statement, as Oracle initialises the state once per statement).
 * Other shared scalar variables live for the statement in session settings
 * (dbshift_trg_<trigger>.<variable>), set to their initial value by the BEFORE STATEMENT trigger
 * (created for that when Oracle had none). Shared collections, records, cursors, types or
 * subprograms, and a WHEN clause, stay an action item (OG0058).
 */
export function splitCompoundTriggers(objects: CatalogObject[], ctx: OraRuleContext): CatalogObject[] {
  if (!objects.some((o) => o.kind === 'Trigger' && o.compound)) return objects;
  return objects.flatMap((o) => (o.kind === 'Trigger' && o.compound ? split(o, ctx) : [o]));
}

function split(t: Trigger, ctx: OraRuleContext): Trigger[] {
  const sections = t.compound!;
  const shared = t.body?.kind === 'Block' ? t.body : undefined;
  const was = ctx.object;
  ctx.object = t.origin;
  try {
    const why = blocker(t, shared);
    if (why) {
      ctx.report(OG.compoundTrigger, t.span, `Compound trigger ${t.name.name}: ${why}; not converted`);
      const { compound: _c, ...rest } = t;
      return [{ ...rest, body: { kind: 'Unparsed', text: `compound trigger ${t.name.name}`, reason: `compound trigger: ${why}`, span: t.span } }];
    }
    const decls = (shared?.declarations ?? []) as VarDecl[];
    const usedBy = new Map<VarDecl, Section[]>();
    for (const d of decls) usedBy.set(d, sections.filter((s) => mentions(s.body, d.names)));
    const local = new Map<Section, VarDecl[]>();
    const state: VarDecl[] = [];
    for (const d of decls) {
      const users = usedBy.get(d)!;
      if (d.constant || (users.length === 1 && SHAPE[users[0]!.timing].forEach === 'statement')) {
        for (const s of users) local.set(s, [...(local.get(s) ?? []), d]);
      } else if (users.length) state.push(d);
    }
    const pkg = `trg_${t.name.name.toLowerCase()}`;
    const vars = new Map<string, PackageVar>();
    for (const d of state) {
      for (const n of d.names) vars.set(n.toLowerCase(), { pkg, name: n.toLowerCase(), type: mapType(d.dataType, ctx, 'other'), ...(d.default ? { default: d.default } : {}) });
    }
    const out: Trigger[] = [];
    const ordered = [...sections];
    if (state.length && !sections.some((s) => s.timing === 'before statement')) {
      ordered.unshift({ timing: 'before statement', body: { kind: 'Block', declarations: [], body: [], exceptionHandlers: [], span: t.span } });
    }
    for (const s of ordered) {
      const shape = SHAPE[s.timing];
      let body: Block = { ...s.body, declarations: [...(local.get(s) ?? []), ...s.body.declarations] };
      if (vars.size) body = withState(body, vars, s.body.declarations);
      if (s.timing === 'before statement' && state.length) {
        // Oracle initialises the shared state at the start of each triggering statement.
        const init = [...vars.values()].map((v) => writeVar({ ...v, default: undefined }, v.default ?? { kind: 'Literal', type: 'null', value: '', span: t.span }, t.span));
        body = { ...body, body: [...init, ...body.body] };
      }
      const { compound: _c, ...plain } = t;
      out.push({ ...plain, name: { ...t.name, name: `${t.name.name}__${shape.slug}` }, timing: shape.timing, forEach: shape.forEach, body });
    }
    ctx.report(OG.compoundSplit, t.span, `Compound trigger ${t.name.name} became ${out.length} triggers (${out.map((x) => x.name.name).join(', ')})${state.length ? `; ${[...vars.keys()].join(', ')} kept for the statement in session settings (text, cast back on read)` : ''}`);
    return out;
  } finally {
    ctx.object = was;
  }
}

/** Why the trigger cannot be split exactly, or undefined. */
function blocker(t: Trigger, shared: Block | undefined): string | undefined {
  if (t.when) return 'a WHEN clause applies to row sections only in PostgreSQL';
  if (shared?.routines?.length) return 'shared subprograms';
  for (const d of shared?.declarations ?? []) {
    if (d.kind !== 'VarDecl') return `shared ${d.kind === 'CursorDecl' ? 'cursor' : d.kind === 'TypeDecl' ? 'type' : 'declaration'} ${(d as { name?: string }).name ?? ''}`.trim();
    if (d.typeRef?.rowtype || d.record || d.dataType.name === 'user' || d.dataType.arrayDims) return `shared variable ${d.names.join(', ')} is not a scalar (collections and records keep no per-statement state here)`;
  }
  return undefined;
}

/** Shared variables read and written through the settings; a section's own declaration of the name hides it. */
function withState(b: Block, vars: Map<string, PackageVar>, own: Statement[]): Block {
  const hidden = new Set<string>();
  for (const d of own) if (d.kind === 'VarDecl') for (const n of d.names) hidden.add(n.toLowerCase());
  const find = (e: Expr): PackageVar | undefined => {
    const name = e.kind === 'Variable' ? e.name : e.kind === 'ColumnRef' && e.parts.length === 1 ? e.parts[0]! : undefined;
    const k = name?.toLowerCase();
    return k && !hidden.has(k) ? vars.get(k) : undefined;
  };
  // Assignments first (top-down would see the target as a read).
  const assigned = rewrite(b, (n: NodeLike) => {
    if (n.kind !== 'Assign') return undefined;
    const a = n as unknown as { target: Expr; value: Expr; span: Expr['span'] };
    const v = find(a.target);
    return v ? (writeVar(v, a.value, a.span) as unknown as NodeLike) : undefined;
  });
  return rewrite(assigned, (n: NodeLike) => {
    if (n.kind !== 'Variable' && n.kind !== 'ColumnRef') return undefined;
    const v = find(n as Expr);
    return v ? (readVar(v, (n as Expr).span) as unknown as NodeLike) : undefined;
  });
}

function mentions(b: Block, names: string[]): boolean {
  const want = new Set(names.map((n) => n.toLowerCase()));
  let hit = false;
  walk(b, (n) => {
    if (hit) return;
    const e = n as unknown as Expr;
    if (e.kind === 'Variable' && want.has(e.name.toLowerCase())) hit = true;
    else if (e.kind === 'ColumnRef' && e.parts.length === 1 && want.has(e.parts[0]!.toLowerCase())) hit = true;
  });
  return hit;
}

import type { DdlStatement, Expr, Statement, VarDecl } from '../../model/index.js';

/**
 * Hoists T-SQL DECLAREs (variables and cursors) into `decls`: T-SQL variables live for the whole
 * batch, target routines declare them at the top. Initial values stay where they were, as the
 * assignments `assign` makes; table variables stay in place (rules lower them to tables). A block
 * left without statements, handlers or label goes; a block that only declared is spliced in.
 */
export function hoistDeclarations(body: Statement[], decls: Statement[], assign: (name: string, value: Expr, d: VarDecl) => Statement): Statement[] {
  const out: Statement[] = [];
  for (const s of body) {
    if (s.kind === 'VarDecl') {
      if (s.table) { out.push(s); continue; }
      const { default: init, ...d } = s;
      decls.push(d as Statement);
      if (init) for (const n of s.names) out.push(assign(n, init, s));
      continue;
    }
    if (s.kind === 'CursorDecl') { decls.push(s); continue; }
    if (s.kind === 'Block') {
      const inner = hoistDeclarations([...s.declarations, ...s.body], decls, assign);
      if (!s.exceptionHandlers.length && !s.label && !s.body.length) { out.push(...inner); continue; }
      const b = { ...s, body: inner, declarations: [], exceptionHandlers: s.exceptionHandlers.map((h) => ({ ...h, body: hoistDeclarations(h.body, decls, assign) })) };
      if (b.body.length || b.exceptionHandlers.length || s.label) out.push(b);
      continue;
    }
    if (s.kind === 'If') { out.push({ ...s, branches: s.branches.map((b) => ({ ...b, body: hoistDeclarations(b.body, decls, assign) })), ...(s.else ? { else: hoistDeclarations(s.else, decls, assign) } : {}) }); continue; }
    if (s.kind === 'While') { out.push({ ...s, body: hoistDeclarations(s.body, decls, assign) }); continue; }
    out.push(s);
  }
  return out;
}

const plainDropKey = (t: NonNullable<DdlStatement['target']>): string => `${t.objectType.toLowerCase()} ${(t.name.schema ?? '').toLowerCase()}.${t.name.name.toLowerCase()}`;

/**
 * `DROP … IF EXISTS x` right before the same DROP (a source `DROP TABLE IF EXISTS #t` before the
 * lowered drop + create): one is enough. `dropKey` names what a drop removes, when a target spells
 * the same table two ways (MySQL: a source #t is the temporary table tmp_t until renamed).
 */
export function withoutRepeatedDrops(list: Statement[], dropKey: (t: NonNullable<DdlStatement['target']>) => string = plainDropKey): Statement[] {
  const key = (s: Statement | undefined): string | undefined => (s?.kind === 'DdlStatement' && s.action === 'drop' && s.ifExists && s.target ? dropKey(s.target) : undefined);
  return list.filter((s, i) => { const k = key(s); return k === undefined || k !== key(list[i + 1]); });
}

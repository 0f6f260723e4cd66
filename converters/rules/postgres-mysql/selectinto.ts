import type { Expr, NodeLike, Statement } from '../../model/index.js';
import { rewrite } from '../../model/index.js';

/**
 * PL/pgSQL SELECT … INTO v with no row sets v to NULL; MySQL leaves v unchanged. Each such
 * statement gets `SET v = NULL` in front (only when v could already hold a value: it is assigned
 * elsewhere in the routine or the statement runs in a loop).
 */
function withNulls(stmts: Statement[], risky: (v: string) => boolean): Statement[] | undefined {
  let changed = false;
  const out: Statement[] = [];
  for (const s of stmts) {
    if (s.kind === 'SqlStatement' && s.statement.kind === 'Select' && s.statement.into?.length) {
      const vars = s.statement.into.filter((t): t is Extract<Expr, { kind: 'Variable' }> => t.kind === 'Variable' && t.scope === 'local' && risky(t.name));
      for (const v of vars) out.push({ kind: 'Assign', target: v, value: { kind: 'Literal', type: 'null', value: 'NULL', span: s.span }, span: s.span });
      if (vars.length) changed = true;
    }
    out.push(s);
  }
  return changed ? out : undefined;
}

const LOOPS = new Set(['Loop', 'While', 'Repeat', 'ForRange', 'ForQuery']);

/** Applies withNulls to every statement list of a routine body. */
export function nullBeforeSelectInto<T>(body: T): T {
  // Variables assigned more than once (by SET/:= or INTO) anywhere in the body.
  const counts = new Map<string, number>();
  const inLoop = new Set<string>();
  const visit = (v: unknown, loop: boolean): void => {
    if (Array.isArray(v)) { for (const x of v) visit(x, loop); return; }
    if (typeof v !== 'object' || v === null) return;
    const n = v as { kind?: string; target?: Expr; statement?: { kind: string; into?: Expr[] } };
    const nowLoop = loop || LOOPS.has(n.kind ?? '');
    const targets: Expr[] = n.kind === 'Assign' && n.target ? [n.target] : n.kind === 'SqlStatement' && n.statement?.kind === 'Select' ? n.statement.into ?? [] : n.kind === 'Fetch' ? (v as { into: Expr[] }).into : [];
    for (const t of targets) {
      if (t.kind !== 'Variable') continue;
      counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
      if (nowLoop) inLoop.add(t.name);
    }
    for (const [k, x] of Object.entries(v)) if (k !== 'span') visit(x, nowLoop);
  };
  visit(body, false);
  const risky = (name: string): boolean => (counts.get(name) ?? 0) > 1 || inLoop.has(name);
  const fix = (stmts: Statement[] | undefined): Statement[] | undefined => (stmts ? withNulls(stmts, risky) ?? stmts : stmts);
  return rewrite(body, (n) => {
    const s = n as Statement;
    switch (s.kind) {
      case 'Block': { const b = withNulls(s.body, risky); return b ? { ...s, body: b } as NodeLike : undefined; }
      case 'Loop': case 'While': case 'Repeat': case 'ForRange': case 'ForQuery': {
        const b = withNulls(s.body, risky); return b ? { ...s, body: b } as unknown as NodeLike : undefined;
      }
      case 'If': return { ...s, branches: s.branches.map((br) => ({ ...br, body: fix(br.body)! })), else: fix(s.else) } as NodeLike;
      case 'CaseStatement': return { ...s, whens: s.whens.map((w) => ({ ...w, body: fix(w.body)! })), else: fix(s.else) } as NodeLike;
      default: return undefined;
    }
  });
}

import type { Statement } from '../../model/index.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';

/** MySQL labels are at most 16 characters. */
const labelName = (name: string): string => name.slice(0, 16);

/** Calls `fn` on every statement list directly inside `s` (block and handler bodies, IF branches, loop bodies). */
function childLists(s: Statement, fn: (list: Statement[], inHandler: boolean) => Statement[]): Statement {
  switch (s.kind) {
    case 'Block': return { ...s, body: fn(s.body, false), exceptionHandlers: s.exceptionHandlers.map((h) => ({ ...h, body: fn(h.body, true) })) };
    case 'If': return { ...s, branches: s.branches.map((b) => ({ ...b, body: fn(b.body, false) })), ...(s.else ? { else: fn(s.else, false) } : {}) };
    case 'While': case 'Loop': case 'Repeat': return { ...s, body: fn(s.body, false) };
    default: return s;
  }
}

/** Whether a GOTO `name` occurs in `list`; `inHandler` tells whether one sits inside a CATCH body. */
function gotosTo(list: Statement[], name: string): { any: boolean; inHandler: boolean } {
  const res = { any: false, inHandler: false };
  const visit = (l: Statement[], handler: boolean): Statement[] => {
    for (const s of l) {
      if (s.kind === 'Goto' && s.label.toLowerCase() === name) { res.any = true; if (handler) res.inHandler = true; }
      childLists(s, (c, h) => visit(c, handler || h));
    }
    return l;
  };
  visit(list, false);
  return res;
}

/** GOTO name → LEAVE / ITERATE label everywhere in `list` (not inside CATCH bodies: the caller checked there is none). */
function replaceGotos(list: Statement[], name: string, label: string, kind: 'Leave' | 'Iterate'): Statement[] {
  return list.map((s) => (s.kind === 'Goto' && s.label.toLowerCase() === name ? { kind, label, span: s.span } : childLists(s, (c) => replaceGotos(c, name, label, kind))));
}

/**
 * GOTOs to a label of the same statement list (or from lists nested in it). All forward (the "GOTO
 * done / GOTO ErrorHandler … label: at the end" pattern): the statements before the label become a
 * block labelled like it, and each GOTO leaves that block, so execution continues right after the
 * label. All backward (a retry): the statements from the label on become a LOOP labelled like it that
 * each GOTO iterates and the end leaves. Jumps both ways to one label, into a nested list, or from a
 * CATCH body (a MySQL handler cannot LEAVE/ITERATE an outer label) stay action items.
 */
export function structureGotos(list: Statement[], ctx: TmContext): Statement[] {
  let out = list.map((s) => childLists(s, (c) => structureGotos(c, ctx)));
  for (let k = 0; k < out.length; k++) {
    const l = out[k]!;
    if (l.kind !== 'Label') continue;
    const name = l.name.toLowerCase();
    const before = gotosTo(out.slice(0, k), name);
    const after = gotosTo(out.slice(k + 1), name);
    if (!before.any && !after.any) { out = [...out.slice(0, k), ...out.slice(k + 1)]; k--; continue; }
    if ((after.any && before.any) || before.inHandler || after.inHandler) continue;
    const label = labelName(l.name);
    ctx.reportOnce(TM.gotoRewritten, l.span);
    if (after.any) {
      // Backward jumps only: the statements from the label on become a loop that GOTO iterates and the end leaves.
      const body = replaceGotos(structureGotos(out.slice(k + 1), ctx), name, label, 'Iterate');
      return [...out.slice(0, k), { kind: 'Loop', label, body: [...body, { kind: 'Leave', label, span: l.span }], span: l.span }];
    }
    const block: Statement = { kind: 'Block', label, declarations: [], body: replaceGotos(out.slice(0, k), name, label, 'Leave'), exceptionHandlers: [], span: l.span };
    out = [block, ...out.slice(k + 1)];
    k = 0;
  }
  return out;
}

import type { Block, Expr, NodeLike, Statement, TableExpr, Trigger, TriggerEvent } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { bool } from '../common/nodes.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';

/**
 * T-SQL triggers run once per statement and read `inserted`/`deleted`. PostgreSQL transition tables
 * need one event per trigger: a trigger for several events is split, and the pseudo-table an event
 * does not have (deleted on INSERT, inserted on DELETE) becomes an empty relation of the same shape.
 */
export function convertTrigger(t: Trigger, ctx: MsRuleContext, convertBody: (b: Block) => Block): Trigger[] {
  if (!t.body || t.body.kind !== 'Block') return [t];
  if (t.timing === 'instead of') {
    ctx.report(TG.insteadOf, t.span, `INSTEAD OF trigger ${t.name.name}: PostgreSQL INSTEAD OF triggers are FOR EACH ROW (views only) and have no transition tables; rewrite the body per row with NEW/OLD`);
  }
  ctx.reportOnce(TG.trigger, t.span);
  const body = convertBody(t.body);
  return t.events.map((ev) => {
    const has = { inserted: ev !== 'delete', deleted: ev !== 'insert' };
    const b = rewrite(body, (n: NodeLike) => {
      if (n.kind === 'TableRef') {
        const r = n as unknown as TableExpr & { kind: 'TableRef' };
        const nm = r.name.name.toLowerCase();
        if (!r.name.schema && ((nm === 'inserted' && !has.inserted) || (nm === 'deleted' && !has.deleted))) {
          const other = nm === 'inserted' ? 'deleted' : 'inserted';
          return { kind: 'DerivedTable', alias: r.alias ?? r.name.name, span: r.span,
            query: { kind: 'Select', items: [{ expr: { kind: 'Star', span: r.span } }], from: [{ kind: 'TableRef', name: { name: other }, span: r.span }], where: bool(false, r.span), groupBy: [], orderBy: [], span: r.span } } as NodeLike;
        }
      }
      if (n.kind === 'FunctionCall') {
        const f = n as unknown as Expr & { kind: 'FunctionCall' };
        if (f.name.name.toLowerCase() !== 'update' || f.name.schema) return undefined;
        // UPDATE(col): true for INSERT; for UPDATE, whether the column was in the SET list — unknown to PostgreSQL.
        if (ev === 'insert') return bool(true, f.span) as NodeLike;
        if (ev === 'delete') return bool(false, f.span) as NodeLike;
        ctx.reportOnce(TG.updateColumn, f.span);
        return bool(true, f.span) as NodeLike;
      }
      return undefined;
    });
    let returns = false;
    walk(b.body[b.body.length - 1], (n) => { if (n.kind === 'Return') returns = true; });
    const ret: Statement = { kind: 'Return', value: { kind: 'Literal', type: 'null', value: 'NULL', span: t.span }, span: t.span };
    const fixedBody = rewrite(b.body, (n: NodeLike) => (n.kind === 'Return' && !(n as unknown as { value?: Expr }).value ? ret as NodeLike : undefined));
    const out: Trigger = {
      ...t, events: [ev as TriggerEvent], forEach: 'statement', timing: t.timing === 'instead of' ? 'instead of' : 'after',
      name: t.events.length > 1 ? { ...t.name, name: `${t.name.name}_${ev}` } : t.name,
      referencing: { ...(has.deleted ? { oldTable: 'deleted' } : {}), ...(has.inserted ? { newTable: 'inserted' } : {}) },
      body: { ...b, body: returns ? fixedBody : [...fixedBody, ret] },
    };
    return out;
  });
}

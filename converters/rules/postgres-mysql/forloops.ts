import type { Block, DataType, Expr, ForQuery, NodeLike, Query, SelectItem, Statement, TableExpr } from '../../model/index.js';
import { rewrite } from '../../model/index.js';
import { PM } from './codes.js';
import type { RuleContext } from './context.js';
import { mapType } from './types.js';

const dt = (name: DataType['name'], span: Statement['span'], extra: Partial<DataType> = {}): DataType => ({ kind: 'DataType', name, sourceText: name, span, ...extra });

function tablesOf(from: TableExpr[], out: { alias: string; name: string }[] = []): { alias: string; name: string }[] {
  for (const t of from) {
    if (t.kind === 'TableRef') out.push({ alias: t.alias ?? t.name.name, name: t.name.name });
    if (t.kind === 'Join') tablesOf([t.left, t.right], out);
  }
  return out;
}

/** Field name and MySQL type of each column the loop query returns. */
function fieldsOf(q: Query, ctx: RuleContext): { name: string; type: DataType }[] | undefined {
  if (q.kind !== 'Select') return undefined;
  const tables = tablesOf(q.from);
  const column = (parts: string[]): DataType | undefined => {
    const col = parts[parts.length - 1]!;
    const cands = parts.length > 1 ? tables.filter((t) => t.alias === parts[parts.length - 2]) : tables;
    for (const t of cands) {
      const c = ctx.lookup(ctx.tables, { name: t.name })?.columns.find((x) => x.name === col);
      if (c) return mapType(c.dataType, { ...ctx, report: () => undefined } as unknown as RuleContext, '').type;
    }
    return undefined;
  };
  const out: { name: string; type: DataType }[] = [];
  for (const item of q.items as SelectItem[]) {
    const e = item.expr;
    if (e.kind === 'Star') {
      const ts = e.qualifier?.length ? tables.filter((t) => t.alias === e.qualifier![e.qualifier!.length - 1]) : tables;
      for (const t of ts) {
        const table = ctx.lookup(ctx.tables, { name: t.name });
        if (!table) return undefined;
        for (const c of table.columns) out.push({ name: c.name, type: column([t.alias, c.name])! });
      }
      continue;
    }
    const name = item.alias ?? (e.kind === 'ColumnRef' ? e.parts[e.parts.length - 1]! : e.kind === 'FunctionCall' ? e.name.name : undefined);
    if (!name) return undefined;
    let type = e.kind === 'ColumnRef' ? column(e.parts) : undefined;
    if (!type && e.kind === 'FunctionCall' && /^count$/i.test(e.name.name)) type = dt('bigint', e.span);
    if (!type && e.kind === 'FunctionCall' && /^(sum|avg)$/i.test(e.name.name)) type = dt('decimal', e.span, { precision: 65, scale: 30 });
    if (!type) {
      ctx.report(PM.recordVariable, e.span, `Loop field ${name}: type unknown, declared LONGTEXT`);
      type = dt('text', e.span, { sizeClass: 'long' });
    }
    out.push({ name, type });
  }
  return out;
}

/**
 * FOR r IN query LOOP … END LOOP → a cursor loop: one variable per field (r.f → r_f), a NOT FOUND
 * flag reset before each FETCH (so SELECT INTO without rows in the body does not end the loop).
 */
export function cursorLoop(f: ForQuery, ctx: RuleContext, recordVars: Set<string>): Statement | undefined {
  if (!f.query || f.query.kind === 'Unparsed' || f.dynamic || f.cursor) return undefined;
  const fields = fieldsOf(f.query, ctx);
  if (!fields) return undefined;
  ctx.loopSeq += 1;
  const seq = ctx.loopSeq;
  const span = f.span;
  const rec = f.variable;
  const v = (field: string): string => `${rec}_${field}`;
  const done = `dbshift_done_${seq}`;
  const cur = `dbshift_cursor_${seq}`;
  const label = f.label ?? `for_${rec}_${seq}`;
  const local = (name: string): Expr => ({ kind: 'Variable', name, scope: 'local', span });
  const body = rewrite(f.body, (n) => {
    const e = n as Expr;
    if (e.kind === 'ColumnRef' && e.parts.length === 2 && e.parts[0] === rec && fields.some((x) => x.name === e.parts[1])) return local(v(e.parts[1]!)) as NodeLike;
    return undefined;
  });
  recordVars.add(rec);
  const block: Block = {
    kind: 'Block', span, exceptionHandlers: [],
    declarations: [
      ...fields.map((x): Statement => ({ kind: 'VarDecl', names: [v(x.name)], dataType: x.type, span })),
      { kind: 'VarDecl', names: [done], dataType: dt('bool', span), default: { kind: 'Literal', type: 'boolean', value: 'FALSE', span }, span },
      { kind: 'CursorDecl', name: cur, query: f.query, span },
      { kind: 'HandlerDecl', action: 'continue', conditions: [{ kind: 'notFound' }], body: { kind: 'Assign', target: local(done), value: { kind: 'Literal', type: 'boolean', value: 'TRUE', span }, span }, span },
    ],
    body: [
      { kind: 'OpenCursor', name: cur, span },
      { kind: 'Loop', label, span, body: [
        { kind: 'Assign', target: local(done), value: { kind: 'Literal', type: 'boolean', value: 'FALSE', span }, span },
        { kind: 'Fetch', cursor: cur, into: fields.map((x) => local(v(x.name))), span },
        { kind: 'Leave', label, when: local(done), span },
        ...body,
      ] },
      { kind: 'CloseCursor', name: cur, span },
    ],
  };
  return block;
}

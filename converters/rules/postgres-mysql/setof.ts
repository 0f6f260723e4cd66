import type { Block, Column, DataType, Expr, NodeLike, Routine, Statement, Table } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import type { RuleContext } from './context.js';
import { identifier } from './names.js';
import { mapType } from './types.js';

const LABEL = 'dbshift_rows';

/** Result columns of a set-returning function: RETURNS TABLE (…), SETOF <table>, or SETOF <scalar>. */
function resultColumns(r: Routine, ctx: RuleContext): { name: string; type: DataType }[] | undefined {
  const quiet = { ...ctx, report: () => undefined } as unknown as RuleContext;
  if (r.returns?.kind === 'table') return r.returns.columns.map((c) => ({ name: c.name, type: mapType(c.dataType, quiet, '').type }));
  if (r.returns?.kind !== 'type') return undefined;
  const t = r.returns.dataType;
  if (t.name === 'user') {
    const table = ctx.lookup(ctx.tables, t.userType);
    return table?.columns.map((c) => ({ name: c.name, type: mapType(c.dataType, quiet, '').type }));
  }
  return [{ name: r.name.name, type: mapType(t, quiet, '').type }];
}

/**
 * PL/pgSQL set-returning functions add rows with RETURN NEXT / RETURN QUERY and end with RETURN.
 * As a MySQL procedure the rows go to a temporary table that is SELECTed once at the end, so
 * callers get one result set, as from the function. Returns undefined when the shape is unknown.
 */
export function collectRows(r: Routine, body: Block, ctx: RuleContext): Block | undefined {
  const cols = resultColumns(r, ctx);
  if (!cols?.length) return undefined;
  const span = body.span;
  const tmp = { name: identifier(`${r.name.name}_rows`, ctx) };
  const colRef = (n: string): Expr => ({ kind: 'Variable', name: n, scope: 'local', span });
  const names = cols.map((c) => identifier(c.name, ctx));
  let unknown = false;
  const inner = rewrite(body, (n) => {
    const s = n as Statement;
    if (s.kind !== 'Return') return undefined;
    if (s.query) return { kind: 'SqlStatement', statement: { kind: 'Insert', table: tmp, columns: names, source: s.query, span: s.span }, span: s.span } as NodeLike;
    if (s.next) {
      let values: Expr[];
      const v = s.value;
      if (!v) values = cols.map((c) => colRef(c.name));
      else if (cols.length > 1 && (v.kind === 'Variable' || (v.kind === 'ColumnRef' && v.parts.length === 1))) {
        const rec = v.kind === 'Variable' ? v.name : v.parts[0]!;
        values = cols.map((c) => colRef(`${rec}_${c.name}`));
      } else if (cols.length === 1) values = [v];
      else { unknown = true; return undefined; }
      return { kind: 'SqlStatement', statement: { kind: 'Insert', table: tmp, columns: names, source: { kind: 'Values', rows: [values], span: s.span }, span: s.span }, span: s.span } as NodeLike;
    }
    return { kind: 'Leave', label: LABEL, span: s.span } as NodeLike;
  });
  if (unknown) return undefined;
  let hasHandlers = false;
  walk(inner, (n) => { if (n.kind === 'Block' && (n as unknown as Block).exceptionHandlers.length) hasHandlers = true; });
  if (hasHandlers) return undefined;
  // A row counter keeps the rows in the order the function produced them.
  const ord = 'dbshift_row';
  const table: Table = {
    kind: 'Table', name: tmp, temporary: true, options: {}, span,
    constraints: [{ kind: 'PrimaryKey', columns: [{ column: ord }], span }],
    columns: [
      { kind: 'Column', name: ord, dataType: { kind: 'DataType', name: 'bigint', sourceText: 'bigint', span }, nullable: false, identity: { style: 'auto_increment' }, span },
      ...cols.map((c, i): Column => ({ kind: 'Column', name: names[i]!, dataType: c.type, nullable: true, span })),
    ],
  };
  const ddl = (action: 'create' | 'drop'): Statement => ({
    kind: 'DdlStatement', action, span, text: `${action} temporary table ${tmp.name}`,
    ...(action === 'create' ? { object: table } : { target: { objectType: 'temporary table', name: tmp }, ifExists: true }),
  });
  const col = (n: string): Expr => ({ kind: 'ColumnRef', parts: [n], span });
  const selectAll: Statement = { kind: 'SqlStatement', span, statement: {
    kind: 'Select', items: names.map((n) => ({ expr: col(n) })), from: [{ kind: 'TableRef', name: tmp, span }], groupBy: [], orderBy: [{ expr: col(ord) }], span,
  } };
  return {
    kind: 'Block', declarations: [], exceptionHandlers: [], span,
    body: [ddl('drop'), ddl('create'), { ...inner, label: LABEL }, selectAll, ddl('drop')],
  };
}

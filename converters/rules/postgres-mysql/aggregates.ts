import type { Catalog, Expr, FunctionCall, Routine } from '../../model/index.js';
import { walk } from '../../model/index.js';

/**
 * CREATE AGGREGATE whose state function only joins text with a fixed separator (Pagila's
 * group_concat over _group_concat: a || ', ' || b) is what MySQL's GROUP_CONCAT(x SEPARATOR s)
 * does, NULLs skipped included. Returns aggregate name (lower case) → separator.
 */
export function stringJoinAggregates(catalog: Catalog): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of catalog.objects) {
    if (o.kind !== 'UnparsedObject' || o.objectType !== 'aggregate' || !o.name) continue;
    const m = /SFUNC\s*=\s*(?:[\w"]+\.)?"?([\w]+)"?/i.exec(o.statement.text);
    if (!m || !/STYPE\s*=\s*(text|varchar|character varying)\b/i.test(o.statement.text)) continue;
    const sfunc = catalog.objects.find((r): r is Routine => r.kind === 'Routine' && r.name.name.toLowerCase() === m[1]!.toLowerCase());
    if (!sfunc || sfunc.params.length !== 2) continue;
    let sep: string | undefined;
    walk(sfunc.body, (n) => {
      const e = n as Expr;
      if (sep !== undefined) return;
      if (e.kind === 'Binary' && e.op === 'concat') {
        const lits: string[] = [];
        walk(e, (x) => { const l = x as Expr; if (l.kind === 'Literal' && l.type === 'string') lits.push(l.value); });
        if (lits.length === 1) sep = lits[0];
      }
    });
    if (sep !== undefined) out.set(o.name.name.toLowerCase(), sep);
  }
  return out;
}

export function groupConcatCall(f: FunctionCall, sep: string): FunctionCall {
  return { kind: 'FunctionCall', name: { name: 'GROUP_CONCAT' }, args: f.args.slice(0, 1), distinct: f.distinct, orderBy: f.orderBy, separator: { kind: 'Literal', type: 'string', value: sep, span: f.span }, span: f.span };
}

import type { CatalogObject, DataType, Expr, QualifiedName, Sequence, SourceSpan, Statement } from '../../model/index.js';
import { objectRef } from '../../model/index.js';
import type { RuleContext } from './context.js';
import { identifier, targetName } from './names.js';

/** Name of the function that stands for nextval(seq) on MySQL. */
export function nextvalFunction(seq: QualifiedName, ctx: RuleContext): QualifiedName {
  const t = targetName(seq, ctx);
  return { ...t, name: identifier(`${seq.name}_nextval`, ctx), quoted: true };
}

const bigint = (span: SourceSpan): DataType => ({ kind: 'DataType', name: 'bigint', sourceText: 'bigint', span });

/**
 * MySQL has no sequences: a one-row table holds the next value and a function advances it with
 * LAST_INSERT_ID(expr), which is per connection, so concurrent sessions each get their own value.
 */
export function emulateSequence(s: Sequence, ctx: RuleContext): CatalogObject[] {
  const span = s.span;
  const table = targetName(s.name, ctx);
  const inc = s.increment ?? 1;
  const start = s.currentValue !== undefined ? s.currentValue + inc : s.start ?? (inc > 0 ? s.minValue ?? 1 : s.maxValue ?? -1);
  const col = 'next_value';
  const origin = objectRef('sequence', s.name);
  const cref: Expr = { kind: 'ColumnRef', parts: [col], span };
  const num = (v: number): Expr => ({ kind: 'Literal', type: 'number', value: String(v), span });
  const update: Statement = {
    kind: 'SqlStatement', span,
    statement: {
      kind: 'Update', span,
      table: { kind: 'TableRef', name: table, span },
      set: [{ column: [col], value: { kind: 'FunctionCall', name: { name: 'LAST_INSERT_ID' }, args: [{ kind: 'Binary', op: '+', left: cref, right: num(inc), span }], span } }],
    },
  };
  const ret: Statement = { kind: 'Return', value: { kind: 'Binary', op: '-', left: { kind: 'FunctionCall', name: { name: 'LAST_INSERT_ID' }, args: [], span }, right: num(inc), span }, span };
  return [
    { kind: 'Table', name: table, span, origin, options: {}, constraints: [], columns: [{ kind: 'Column', name: col, dataType: bigint(span), nullable: false, span }] },
    { kind: 'DataScript', table, span, origin: objectRef('data', s.name), rowCount: 1, statements: [{ kind: 'Insert', table, columns: [col], source: { kind: 'Values', rows: [[num(start)]], span }, span }] },
    {
      kind: 'Routine', routineKind: 'function', name: nextvalFunction(s.name, ctx), params: [], span, origin,
      returns: { kind: 'type', dataType: bigint(span) }, language: 'mysql', dataAccess: 'modifies sql data', deterministic: false,
      body: { kind: 'Block', declarations: [], exceptionHandlers: [], body: [update, ret], span },
    },
  ];
}

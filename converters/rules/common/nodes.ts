import type { Expr, SourceSpan, DataType, TypeName, QualifiedName, BinaryOp } from '../../model/index.js';

/** Small constructors for IR nodes that rules create. */
export const str = (value: string, span: SourceSpan): Expr => ({ kind: 'Literal', type: 'string', value, span });
export const num = (value: number | string, span: SourceSpan): Expr => ({ kind: 'Literal', type: 'number', value: String(value), span });
export const nul = (span: SourceSpan): Expr => ({ kind: 'Literal', type: 'null', value: 'NULL', span });
export const bool = (value: boolean, span: SourceSpan): Expr => ({ kind: 'Literal', type: 'boolean', value: value ? 'TRUE' : 'FALSE', span });
export const raw = (text: string, span: SourceSpan): Expr => ({ kind: 'Raw', text, span });
export const col = (parts: string[], span: SourceSpan): Expr => ({ kind: 'ColumnRef', parts, span });
export const bin = (op: BinaryOp, left: Expr, right: Expr, span: SourceSpan): Expr => ({ kind: 'Binary', op, left, right, span });
export const not = (operand: Expr, span: SourceSpan): Expr => ({ kind: 'Unary', op: 'NOT', operand, span });
export const call = (name: string | QualifiedName, args: Expr[], span: SourceSpan): Expr =>
  ({ kind: 'FunctionCall', name: typeof name === 'string' ? { name } : name, args, span });
export const isNull = (expr: Expr, span: SourceSpan, negate = false): Expr => ({ kind: 'IsTest', expr, test: 'null', not: negate, span });

export function dataType(name: TypeName, span: SourceSpan, extra: Partial<DataType> = {}): DataType {
  return { kind: 'DataType', name, sourceText: extra.sourceText ?? name, span, ...extra };
}

export const cast = (expr: Expr, type: DataType, span: SourceSpan): Expr => ({ kind: 'Cast', expr, type, syntax: 'coloncolon', span });

/** The literal's value when `e` is a literal of one of the given types. */
export function literalValue(e: Expr | undefined, ...types: string[]): string | undefined {
  if (!e || e.kind !== 'Literal') return undefined;
  return types.length === 0 || types.includes(e.type) ? e.value : undefined;
}

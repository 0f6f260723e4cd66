/** Where a node came from. Lines and columns are 1-based; offsets are 0-based into the file text. */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset?: number;
  endOffset?: number;
}

export const NO_SPAN: SourceSpan = { file: '', line: 0, column: 0, endLine: 0, endColumn: 0 };

export function spanText(span: SourceSpan): string {
  return span.file ? `${span.file}:${span.line}:${span.column}` : `line ${span.line}`;
}

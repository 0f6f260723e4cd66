import type { Expr, Literal } from '../../model/index.js';
import type { Parser } from './parser.js';
import { parseExpression } from './expr.js';

/**
 * VALUES rows of data scripts: most cells are plain literals, read here without the expression
 * parser. The result is what parseExpression gives (same Literal nodes), except that cell spans
 * carry no offsets (they are never cut back out of the text) and row arrays have no spare
 * capacity — together about a quarter less memory per cell on INSERT-heavy dumps.
 */
export function parseValuesRow(p: Parser, scratch: Expr[]): Expr[] {
  scratch.length = 0;
  // Hooks (procedural scopes, dialect syntax) may read any token differently: no shortcut then.
  const fast = p.installedHooks.primary === undefined && p.installedHooks.identifier === undefined;
  do scratch.push((fast ? literalCell(p) : undefined) ?? parseExpression(p)); while (p.acceptOp(','));
  return scratch.slice();
}

/** A literal (or -number) directly followed by ',' or ')'; undefined (cursor unmoved) otherwise. */
function literalCell(p: Parser): Literal | undefined {
  const first = p.cur;
  let lit = first;
  let k = 1;
  if (first.type === 'op' && first.value === '-') {
    lit = p.peek(1);
    if (lit.type !== 'number') return undefined;
    k = 2;
  }
  const after = p.peek(k);
  if (after.type !== 'op' || (after.value !== ',' && after.value !== ')')) return undefined;
  let type: Literal['type'];
  let value: string;
  switch (lit.type) {
    case 'number': type = 'number'; value = k === 2 ? `-${lit.value}` : lit.value; break;
    case 'string':
      // N'…' / _charset'…' set flags on the node; leave every prefixed form to the expression parser.
      if (lit.prefix !== undefined) return undefined;
      type = 'string'; value = lit.value; break;
    case 'hex': case 'bit': type = lit.type; value = lit.value; break;
    case 'word':
      if (lit.upper === 'NULL') { type = 'null'; value = 'NULL'; break; }
      if (lit.upper === 'TRUE' || lit.upper === 'FALSE') { type = 'boolean'; value = lit.upper === 'TRUE' ? 'true' : 'false'; break; }
      return undefined;
    default: return undefined;
  }
  p.pos += k;
  return { kind: 'Literal', type, value, span: { file: p.file, line: first.line, column: first.column, endLine: lit.endLine, endColumn: lit.endColumn } };
}

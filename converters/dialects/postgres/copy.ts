import type { Column, Expr, Insert, QualifiedName, SourceSpan } from '../../model/index.js';

/**
 * Decodes one line of COPY text format: fields separated by tabs, `\N` is NULL, backslash
 * escapes (\b \f \n \r \t \v \\, \ooo octal, \xhh hex) stand for the character.
 * Returns undefined when the line has a dangling backslash.
 */
export function decodeCopyTextRow(line: string, delimiter = '\t', nullText = '\\N'): (string | null)[] | undefined {
  if (delimiter.length !== 1) return decodeSlowly(line, delimiter, nullText);
  // Most lines have no escapes: their fields are slices of the line (no per-character strings).
  if (line.indexOf('\\') < 0) {
    const out: (string | null)[] = line.split(delimiter);
    for (let k = 0; k < out.length; k++) if (out[k] === nullText) out[k] = null;
    return out;
  }
  const out: (string | null)[] = [];
  const d = delimiter.charCodeAt(0);
  const n = line.length;
  let fieldStart = 0; // where the field starts in the line (its raw text decides NULL)
  let chunk = 0; // start of the run not yet copied into `field`
  let field = '';
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === d) {
      out.push(line.slice(fieldStart, i) === nullText ? null : field + line.slice(chunk, i));
      field = '';
      fieldStart = chunk = i + 1;
      continue;
    }
    if (c !== 92) continue;
    if (i + 1 >= n) return undefined;
    field += line.slice(chunk, i);
    i++;
    const r = decodeEscape(line, i);
    field += r.text;
    i = r.last;
    chunk = i + 1;
  }
  out.push(line.slice(fieldStart, n) === nullText ? null : field + line.slice(chunk, n));
  return out;
}

/** The escape whose letter is at line[i] (after the backslash): its text and the index of its last character. */
function decodeEscape(line: string, i: number): { text: string; last: number } {
  const e = line[i]!;
  switch (e) {
    case 'b': return { text: '\b', last: i };
    case 'f': return { text: '\f', last: i };
    case 'n': return { text: '\n', last: i };
    case 'r': return { text: '\r', last: i };
    case 't': return { text: '\t', last: i };
    case 'v': return { text: '\v', last: i };
    case 'x': {
      const m = /^[0-9a-fA-F]{1,2}/.exec(line.slice(i + 1, i + 3));
      return m ? { text: String.fromCharCode(parseInt(m[0], 16)), last: i + m[0].length } : { text: 'x', last: i };
    }
    default:
      if (e >= '0' && e <= '7') {
        const m = /^[0-7]{1,3}/.exec(line.slice(i, i + 3))!;
        return { text: String.fromCharCode(parseInt(m[0], 8)), last: i + m[0].length - 1 };
      }
      return { text: e, last: i }; // \\ and any other escaped character stand for themselves
  }
}

/** Character by character, for multi-character delimiters (which PostgreSQL itself rejects). */
function decodeSlowly(line: string, delimiter: string, nullText: string): (string | null)[] | undefined {
  const out: (string | null)[] = [];
  let field = '';
  let raw = '';
  const n = line.length;
  const finish = (): void => { out.push(raw === nullText ? null : field); field = ''; raw = ''; };
  for (let i = 0; i < n; i++) {
    const ch = line[i]!;
    if (ch === delimiter) { finish(); continue; }
    if (ch !== '\\') { field += ch; raw += ch; continue; }
    if (i + 1 >= n) return undefined;
    const r = decodeEscape(line, i + 1);
    raw += line.slice(i, r.last + 1);
    field += r.text;
    i = r.last;
  }
  finish();
  return out;
}

/**
 * COPY CSV format: fields separated by the delimiter, quoted with `quote` (a quote inside a quoted
 * field is written as escape + quote); an unquoted field equal to `nullText` is NULL, a quoted one
 * never is. A quoted field may span lines. A row with an unclosed quote at the end is undefined.
 */
export function decodeCopyCsv(lines: string[], o: { delimiter: string; nullText: string; quote: string; escape: string }): ((string | null)[] | undefined)[] {
  const out: ((string | null)[] | undefined)[] = [];
  let i = 0;
  while (i < lines.length) {
    let line = lines[i++]!;
    const row: (string | null)[] = [];
    let field = '', quoted = false, inQuotes = false, k = 0;
    for (;;) {
      if (k >= line.length) {
        if (inQuotes) {
          if (i >= lines.length) { out.push(undefined); return out; }
          field += '\n'; line = lines[i++]!; k = 0; continue;
        }
        row.push(!quoted && field === o.nullText ? null : field);
        break;
      }
      const ch = line[k]!;
      if (inQuotes) {
        if (ch === o.escape && line[k + 1] === o.quote) { field += o.quote; k += 2; continue; }
        if (ch === o.quote) { inQuotes = false; k++; continue; }
        field += ch; k++; continue;
      }
      if (ch === o.quote) { inQuotes = true; quoted = true; k++; continue; }
      if (ch === o.delimiter) { row.push(!quoted && field === o.nullText ? null : field); field = ''; quoted = false; k++; continue; }
      field += ch; k++;
    }
    out.push(row);
  }
  return out;
}

const NUMERIC = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint', 'decimal', 'real', 'double']);
const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A literal for one COPY field, typed by the column when the table is known. */
export function copyFieldLiteral(value: string | null, column: Column | undefined, span: SourceSpan): Expr {
  if (value === null) return { kind: 'Literal', type: 'null', value: 'NULL', span };
  const t = column?.dataType;
  if (t && !t.arrayDims && NUMERIC.has(t.name) && NUMBER_TEXT.test(value)) return { kind: 'Literal', type: 'number', value, span };
  if (t && !t.arrayDims && t.name === 'bool' && (value === 't' || value === 'f')) {
    return { kind: 'Literal', type: 'boolean', value: value === 't' ? 'true' : 'false', span };
  }
  return { kind: 'Literal', type: 'string', value, span };
}

/** Builds one multi-row INSERT … VALUES from decoded COPY rows. */
export function copyInsert(table: QualifiedName, columns: string[] | undefined, rows: Expr[][], span: SourceSpan): Insert {
  return {
    kind: 'Insert', table, ...(columns ? { columns } : {}),
    source: { kind: 'Values', rows, span }, span,
  };
}

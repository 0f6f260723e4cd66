import type { Expr, SourceSpan } from '../../../model/index.js';
import type { PgParser } from '../parser.js';
import { PG } from '../codes.js';
import type { PgContext } from '../context.js';
import type { ScriptStatement } from '../splitter.js';
import { copyFieldLiteral, copyInsert, decodeCopyCsv, decodeCopyTextRow } from '../copy.js';
import { addData } from './misc.js';

/** COPY table [(cols)] FROM stdin [options] + its data rows → DataScript INSERT rows. */
export function parseCopy(p: PgParser, ctx: PgContext, item: ScriptStatement): void {
  const start = p.expectWord('COPY');
  const table = ctx.qualify(p.qname());
  const columns = p.isPunct('(') ? p.parenIdentList() : undefined;
  p.expectWord('FROM');
  if (!p.acceptWord('STDIN')) {
    p.skipToEnd();
    ctx.diag(PG.copyFormat, item.span, `COPY ${table.name} reads from a file or program; the data is not part of the script`, { type: 'table', name: table });
    return;
  }
  const o = { format: 'text', delimiter: undefined as string | undefined, nullText: undefined as string | undefined, quote: '"', escape: undefined as string | undefined, header: false, unsupported: [] as string[] };
  p.acceptWord('WITH');
  if (p.acceptPunct('(')) {
    do {
      const k = p.ident().name.toLowerCase();
      const v = p.isPunct(',') || p.isPunct(')') ? 'true' : p.rawValue();
      if (k === 'format') o.format = v.toLowerCase();
      else if (k === 'delimiter') o.delimiter = v;
      else if (k === 'null') o.nullText = v;
      else if (k === 'quote') o.quote = v;
      else if (k === 'escape') o.escape = v;
      else if (k === 'header') o.header = !/^(false|off|0)$/i.test(v);
      else if (k !== 'encoding' && k !== 'freeze') o.unsupported.push(k);
    } while (p.acceptPunct(','));
    p.expectPunct(')');
  } else {
    for (;;) {
      if (p.acceptWord('DELIMITER')) { p.acceptWord('AS'); o.delimiter = p.stringValue(); }
      else if (p.acceptWord('NULL')) { p.acceptWord('AS'); o.nullText = p.stringValue(); }
      else if (p.acceptWord('CSV')) o.format = 'csv';
      else if (p.acceptWord('BINARY')) o.format = 'binary';
      else if (p.acceptWord('HEADER')) o.header = true;
      else if (p.acceptWord('QUOTE')) { p.acceptWord('AS'); o.quote = p.stringValue(); }
      else if (p.acceptWord('ESCAPE')) { p.acceptWord('AS'); o.escape = p.stringValue(); }
      else if (!p.atEnd()) o.unsupported.push(p.next().text);
      else break;
    }
  }
  const rows = item.copyRows ?? [];
  const csv = o.format === 'csv';
  const delimiter = o.delimiter ?? (csv ? ',' : '\t');
  const nullText = o.nullText ?? (csv ? '' : '\\N');
  if ((o.format !== 'text' && !csv) || o.unsupported.length > 0 || delimiter.length !== 1 || o.quote.length !== 1 || (o.escape ?? o.quote).length !== 1) {
    const what = o.unsupported.length ? `option ${o.unsupported.join(', ')}` : `format '${o.format}'`;
    ctx.diag(PG.copyFormat, item.span, `COPY ${table.name}: ${what} is not read; ${rows.length} data line(s) are not converted`, { type: 'table', name: table });
    return;
  }
  if (item.unterminated === 'copy-data') {
    ctx.diag(PG.unterminated, item.span, `COPY ${table.name}: the data is not terminated by a line '\\.'; the rows read up to the end of the file are kept`, { type: 'table', name: table });
  }
  const decoded: ((string | null)[] | undefined)[] = csv
    ? decodeCopyCsv(rows, { delimiter, nullText, quote: o.quote, escape: o.escape ?? o.quote })
    : rows.map((r) => decodeCopyTextRow(r, delimiter, nullText));
  if (o.header) decoded.shift();
  const t = ctx.findRelation(table);
  const cols = t?.kind === 'Table' ? (columns ?? t.columns.map((c) => c.name)).map((n) => t.columns.find((c) => c.name === n)) : [];
  const span: SourceSpan = item.span;
  const values: Expr[][] = [];
  let bad = 0;
  let firstBad = -1;
  for (let r = 0; r < decoded.length; r++) {
    const fields = decoded[r];
    if (!fields || (cols.length > 0 && fields.length !== cols.length) || (columns && fields.length !== columns.length)) {
      bad++;
      if (firstBad < 0) firstBad = r;
      continue;
    }
    values.push(fields.map((f, i) => copyFieldLiteral(f, cols[i], span)));
  }
  if (bad > 0) {
    ctx.diag(PG.copyFormat, { ...span, line: span.endLine + 1 + firstBad, column: 1, endLine: span.endLine + 1 + firstBad, endColumn: 1 },
      `COPY ${table.name}: ${bad} data row(s) do not match the column list and are not converted (first at data line ${firstBad + 1})`, { type: 'table', name: table });
  }
  void start;
  if (values.length > 0) addData(ctx, table, copyInsert(table, columns, values, span), values.length);
}

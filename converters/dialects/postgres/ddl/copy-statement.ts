import type { Expr, SourceSpan } from '../../../model/index.js';
import type { PgParser } from '../parser.js';
import { PG } from '../codes.js';
import type { PgContext } from '../context.js';
import type { ScriptStatement } from '../splitter.js';
import { copyFieldLiteral, copyInsert, decodeCopyTextRow } from '../copy.js';
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
  let format = 'text', delimiter = '\t', nullText = '\\N';
  p.acceptWord('WITH');
  if (p.acceptPunct('(')) {
    do {
      const k = p.ident().name.toLowerCase();
      const v = p.isPunct(',') || p.isPunct(')') ? 'true' : p.rawValue();
      if (k === 'format') format = v.toLowerCase();
      else if (k === 'delimiter') delimiter = v;
      else if (k === 'null') nullText = v;
      else if (k !== 'encoding' && k !== 'freeze') format = `${format} with ${k}`;
    } while (p.acceptPunct(','));
    p.expectPunct(')');
  } else {
    for (;;) {
      if (p.acceptWord('DELIMITER')) { p.acceptWord('AS'); delimiter = p.stringValue(); }
      else if (p.acceptWord('NULL')) { p.acceptWord('AS'); nullText = p.stringValue(); }
      else if (p.acceptWord('CSV')) format = 'csv';
      else if (p.acceptWord('BINARY')) format = 'binary';
      else if (!p.atEnd()) { format = `${format} with ${p.next().text}`; }
      else break;
    }
  }
  const rows = item.copyRows ?? [];
  if (format !== 'text' || delimiter.length !== 1) {
    ctx.diag(PG.copyFormat, item.span, `COPY ${table.name}: format '${format}' is not read; ${rows.length} data rows are not converted`, { type: 'table', name: table });
    return;
  }
  if (item.unterminated === 'copy-data') {
    ctx.diag(PG.unterminated, item.span, `COPY ${table.name}: the data is not terminated by a line '\\.'; the rows read up to the end of the file are kept`, { type: 'table', name: table });
  }
  const t = ctx.findRelation(table);
  const cols = t?.kind === 'Table' ? (columns ?? t.columns.map((c) => c.name)).map((n) => t.columns.find((c) => c.name === n)) : [];
  const span: SourceSpan = item.span;
  const values: Expr[][] = [];
  let bad = 0;
  let firstBad = -1;
  for (let r = 0; r < rows.length; r++) {
    const fields = decodeCopyTextRow(rows[r]!, delimiter, nullText);
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

import type { DataScript, Expr, Insert } from '../../model/index.js';
import type { GenContext } from './context.js';
import { exprSql } from './expr.js';
import { dmlSql } from './query.js';
import { ident, qname } from './quote.js';

export const ROWS_PER_INSERT = 500;

/** Consecutive single-table INSERT … VALUES with the same columns become multi-row INSERTs of up to 500 rows. */
export function dataSql(d: DataScript, ctx: GenContext): string[] {
  const out: string[] = [];
  let pending: { head: string; rows: string[] } | undefined;
  const flush = (): void => {
    if (!pending) return;
    for (let i = 0; i < pending.rows.length; i += ROWS_PER_INSERT) {
      out.push(`${pending.head} VALUES\n${pending.rows.slice(i, i + ROWS_PER_INSERT).join(',\n')}`);
    }
    pending = undefined;
  };
  for (const s of d.statements) {
    if (s.kind === 'Insert' && s.source.kind === 'Values' && !s.onConflict && !s.onDuplicateKeyUpdate && !s.returning?.length) {
      const head = insertHead(s);
      if (pending?.head !== head) { flush(); pending = { head, rows: [] }; }
      for (const r of s.source.rows) pending.rows.push(rowSql(r, ctx));
      continue;
    }
    flush();
    out.push(dmlSql(s, ctx));
  }
  flush();
  return out;
}

function insertHead(i: Insert): string {
  return `INSERT ${i.ignore ? 'IGNORE ' : ''}INTO ${qname(i.table)}${i.columns?.length ? ` (${i.columns.map(ident).join(', ')})` : ''}`;
}

function rowSql(r: Expr[], ctx: GenContext): string {
  return `(${r.map((x) => exprSql(x, ctx)).join(', ')})`;
}

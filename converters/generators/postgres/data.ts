import type { DataScript, Expr, Insert } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import type { GenContext } from './context.js';
import { type Emitted, type GenEnv, ref, keyOf } from './emitted.js';
import { printExpr } from './expr.js';
import { printDml } from './query.js';
import { ident, qname, stringLiteral } from './quote.js';

export const ROWS_PER_INSERT = 500;

const valuesRows = (i: Insert): Expr[][] | undefined =>
  (i.source.kind === 'Values' && !i.onConflict && !i.returning && !i.onDuplicateKeyUpdate && !i.ignore && !i.replace ? i.source.rows : undefined);

/** Consecutive single/multi-row INSERT … VALUES into the same columns are re-batched. */
function batchedInserts(d: DataScript, ctx: GenContext): string[] {
  const out: string[] = [];
  let pending: { head: string; rows: string[] } | undefined;
  const flush = (): void => {
    if (!pending) return;
    for (let i = 0; i < pending.rows.length; i += ROWS_PER_INSERT) {
      out.push(`${pending.head}\nVALUES\n${pending.rows.slice(i, i + ROWS_PER_INSERT).join(',\n')}`);
    }
    pending = undefined;
  };
  for (const s of d.statements) {
    const rows = s.kind === 'Insert' ? valuesRows(s) : undefined;
    if (s.kind !== 'Insert' || !rows) { flush(); out.push(printDml(s, ctx)); continue; }
    const head = `INSERT INTO ${qname(s.table)}${s.columns?.length ? ` (${s.columns.map(ident).join(', ')})` : ''}`;
    if (pending && pending.head !== head) flush();
    pending ??= { head, rows: [] };
    for (const r of rows) pending.rows.push(`(${r.map((e) => printExpr(e, ctx)).join(', ')})`);
  }
  flush();
  return out;
}

export function emitData(d: DataScript, ctx: GenContext, env: GenEnv): Emitted[] {
  const statements = batchedInserts(d, ctx);
  const table = env.tables.get(qnameKey(d.table));
  // Rows were inserted with explicit keys: move identity sequences past them.
  for (const c of table?.columns ?? []) {
    if (!c.identity) continue;
    statements.push(`SELECT setval(pg_get_serial_sequence(${stringLiteral(qname(d.table))}, ${stringLiteral(c.name)}), greatest(coalesce(max(${ident(c.name)}), 0) + 1, ${c.identity.start ?? 1}), false) FROM ${qname(d.table)}`);
  }
  return [{ ref: { ...ref('Data', d.table), name: `${d.table.name}@${d.span.line}` }, statements, dependsOn: [keyOf('Table', d.table)], category: 'data' }];
}

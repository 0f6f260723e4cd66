import type { DataScript, Expr, Insert, Table, Column } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import { nul } from '../common/nodes.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';
import { isTinyint1 } from './types.js';
import { isZeroDate } from './tables.js';

const hexOfText = (s: string): string => [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** One value of a data row, converted for the MySQL column it goes into. */
function convertValue(v: Expr, c: Column | undefined, ctx: RuleContext, zero: { count: number }): Expr {
  if (!c || v.kind !== 'Literal') return v;
  const t = c.dataType;
  const isBool = isTinyint1(t, ctx) || (t.name === 'bit' && (t.length ?? 1) === 1);
  if (isBool && (v.type === 'number' || v.type === 'bit' || v.type === 'hex')) {
    const n = v.type === 'number' ? Number(v.value) : Number.parseInt(v.value || '0', v.type === 'bit' ? 2 : 16);
    return { ...v, type: 'boolean', value: n ? 'TRUE' : 'FALSE' };
  }
  if (isZeroDate(v) && ['date', 'datetime', 'timestamp'].includes(t.name)) { zero.count++; return nul(v.span); }
  if (['blob', 'binary', 'varbinary'].includes(t.name) && v.type === 'string') return { ...v, type: 'hex', value: hexOfText(v.value) };
  if (t.name === 'bit' && v.type === 'hex') return { ...v, type: 'bit', value: BigInt(`0x${v.value || '0'}`).toString(2).padStart(typeof t.length === 'number' ? t.length : 1, '0') };
  if (t.name === 'bit' && v.type === 'number') return { ...v, type: 'bit', value: BigInt(v.value).toString(2).padStart(typeof t.length === 'number' ? t.length : 1, '0') };
  return v;
}

/** Data rows: booleans, zero dates, bit and binary values, using the source column types. */
export function convertData(d: DataScript, sourceTables: Map<string, Table>, ctx: RuleContext): DataScript {
  const table = sourceTables.get(qnameKey(d.table));
  if (!table) return d;
  const zero = { count: 0 };
  const statements = d.statements.map((s) => {
    if (s.kind !== 'Insert' || s.source.kind !== 'Values') return s;
    const cols = s.columns?.map((n) => table.columns.find((c) => c.name === n)) ?? table.columns;
    const rows = s.source.rows.map((r) => r.map((v, i) => convertValue(v, cols[i], ctx, zero)));
    return { ...s, source: { ...s.source, rows } } satisfies Insert;
  });
  if (zero.count) ctx.report(MP.zeroDate, d.span, `${zero.count} zero date value(s) loaded into ${d.table.name} became NULL`);
  return { ...d, statements };
}

/** Finds columns that will receive NULL for zero dates, so their NOT NULL can be relaxed. */
export function scanZeroDates(d: DataScript, sourceTables: Map<string, Table>, ctx: RuleContext): void {
  const key = qnameKey(d.table);
  const table = sourceTables.get(key);
  if (!table) return;
  for (const s of d.statements) {
    if (s.kind !== 'Insert' || s.source.kind !== 'Values') continue;
    const cols = s.columns?.map((n) => table.columns.find((c) => c.name === n)) ?? table.columns;
    for (const r of s.source.rows) r.forEach((v, i) => { const c = cols[i]; if (c && isZeroDate(v)) ctx.zeroDateColumns.add(`${key}|${c.name}`); });
  }
}

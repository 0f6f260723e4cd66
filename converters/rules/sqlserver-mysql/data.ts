import type { DataScript, Expr, Insert } from '../../model/index.js';
import { str } from '../common/nodes.js';
import type { TmContext } from './context.js';

const pad = (n: number | string, w = 2): string => String(n).padStart(w, '0');

/** Two-digit years as SQL Server reads them (two digit year cutoff 2049). */
const year4 = (y: string): number => (y.length === 4 ? Number(y) : Number(y) <= 49 ? 2000 + Number(y) : 1900 + Number(y));

/**
 * A T-SQL date/time string literal as SQL Server reads it under us_english (DATEFORMAT mdy) →
 * ISO text MySQL reads the same; undefined when it is already unambiguous or not recognised.
 */
export function isoDateLiteral(v: string): string | undefined {
  const t = v.trim();
  const time = (rest: string | undefined): string => (rest ? ` ${rest.trim()}` : '');
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/.exec(t);
  if (m) return `${year4(m[3]!)}-${pad(m[1]!)}-${pad(m[2]!)}${time(m[4])}`;
  m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:\s+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/.exec(t);
  if (m) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}${time(m[4])}`;
  m = /^(\d{4})(\d{2})(\d{2})(?:\s+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}${time(m[4])}`;
  return undefined;
}

const TEMPORAL = new Set(['date', 'datetime', 'timestamp']);

/** Date strings in INSERT … VALUES into date/datetime columns become ISO text. */
export function convertDataScript(d: DataScript, ctx: TmContext): DataScript {
  const t = ctx.table(d.table);
  if (!t) return d;
  const statements = d.statements.map((s) => {
    if (s.kind !== 'Insert' || s.source.kind !== 'Values') return s;
    // T-SQL INSERT without a column list skips IDENTITY and computed columns; MySQL wants a value for every column.
    const implicit = t.columns.filter((c) => !c.generated && !c.identity).map((c) => c.name);
    const names = s.columns ?? implicit;
    const listed = !s.columns && implicit.length < t.columns.length ? { columns: implicit } : {};
    const cols = names.map((n) => t.columns.find((c) => c.name.toLowerCase() === n.toLowerCase())?.dataType);
    if (!cols.some((c) => c && TEMPORAL.has(c.name))) return { ...s, ...listed };
    const rows = s.source.rows.map((r) => r.map((e, i): Expr => {
      const c = cols[i];
      if (!c || !TEMPORAL.has(c.name) || e.kind !== 'Literal' || e.type !== 'string') return e;
      const iso = isoDateLiteral(e.value);
      return iso ? str(iso, e.span) : e;
    }));
    return { ...s, ...listed, source: { ...s.source, rows } } as Insert;
  });
  return { ...d, statements };
}

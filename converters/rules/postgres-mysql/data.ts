import type { Column, DataScript, Expr, Insert, Table } from '../../model/index.js';
import { objectRef } from '../../model/index.js';
import { PM } from './codes.js';
import type { RuleContext } from './context.js';
import { identifier, targetName } from './names.js';
import { utcTimestamp } from './tables.js';

/** '{a,"b c",NULL}' → ["a","b c",null] (one dimension; nested arrays kept as text). */
export function pgArrayToJson(text: string): string | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  const body = t.slice(1, -1);
  if (body.includes('{')) return undefined;
  const items: (string | null)[] = [];
  let i = 0;
  while (i < body.length) {
    let v = '';
    let quoted = false;
    if (body[i] === '"') {
      quoted = true;
      i++;
      while (i < body.length && body[i] !== '"') { if (body[i] === '\\') i++; v += body[i] ?? ''; i++; }
      i++;
    } else {
      while (i < body.length && body[i] !== ',') { v += body[i]; i++; }
      v = v.trim();
    }
    items.push(!quoted && v.toUpperCase() === 'NULL' ? null : v);
    i++; // comma
  }
  return body.length === 0 ? '[]' : JSON.stringify(items);
}

function convertValue(e: Expr, col: Column | undefined, ctx: RuleContext, ds: DataScript): Expr {
  if (!col || e.kind !== 'Literal' || e.type === 'null') return e;
  const t = col.dataType;
  if (t.arrayDims && e.type === 'string') {
    const j = pgArrayToJson(e.value);
    return j !== undefined ? { ...e, value: j } : e;
  }
  switch (t.name) {
    case 'bool':
      if (e.type === 'string' || e.type === 'boolean') return { kind: 'Literal', type: 'number', value: /^(t|true|y|yes|on|1)$/i.test(e.value.trim()) ? '1' : '0', span: e.span };
      return e;
    case 'timestamp': case 'datetime':
      if (t.withTimeZone && e.type === 'string') {
        const u = utcTimestamp(e.value);
        if (u) { ctx.report(PM.dataConverted, ds.span, `${ds.table.name}.${col.name}: timestamptz values stored as UTC`); return { ...e, value: u }; }
      }
      return e;
    case 'blob': case 'binary': case 'varbinary':
      if (e.type === 'string' && /^\\x[0-9a-f]*$/i.test(e.value)) return { kind: 'Literal', type: 'hex', value: e.value.slice(2), span: e.span };
      return e;
    default: return e;
  }
}

/** Rows of one table, converted per the source column types. */
export function convertData(ds: DataScript, source: Table | undefined, conv: <T>(n: T) => T, ctx: RuleContext): DataScript {
  const statements = ds.statements.map((s) => {
    if (s.kind !== 'Insert' || s.source.kind !== 'Values') return conv(s);
    const cols: (Column | undefined)[] = s.columns?.length ? s.columns.map((c) => source?.columns.find((x) => x.name === c)) : source?.columns ?? [];
    const rows = s.source.rows.map((r) => r.map((v, i) => convertValue(v, cols[i], ctx, ds)));
    const out: Insert = { ...s, table: targetName(s.table, ctx), columns: s.columns?.map((c) => identifier(c, ctx)), source: { ...s.source, rows: rows.map((r) => r.map((v) => conv(v))) } };
    return conv({ ...out, source: { ...out.source } }) as Insert;
  });
  return { ...ds, table: targetName(ds.table, ctx), statements, origin: objectRef('data', ds.table) };
}
